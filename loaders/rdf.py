"""RDF (Turtle, JSON-LD, N-Triples) to project records, through the ontology's own import: parse, SHACL
validation with the ontology's shapes, conversion to node/edge records; only the Project records and what
hangs off them become ProjectRecords for the sync core."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from loaders.project_fields import NARRATED, partner_properties, snake
from loaders.records import CountryShare, Narrative, Participation, ProjectRecord, Rejection
from ontology.errors import CographError
from ontology.mapping import list_property_name, relationship_type
from ontology.rdf import EdgeRecord, NodeRecord, graph_to_records
from ontology.serialization import parse_rdf
from ontology.validation import validate

__all__ = ["read_rdf"]

_HAS_PARTICIPATION = relationship_type("hasParticipation")
_PARTICIPANT = relationship_type("participant")
_HAS_ALLOCATION = relationship_type("hasCountryAllocation")
_COUNTRY = relationship_type("country")
_THEME = relationship_type("theme")
_CRIME_TYPE = relationship_type("crimeType")


def _tail(iri: str) -> str:
    return iri.rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def read_rdf(path: Path) -> Iterator[ProjectRecord | Rejection]:
    try:
        data = parse_rdf(path)
        nodes, edges = graph_to_records(data)
        violations = validate(data)
    except CographError as error:
        yield Rejection(str(path), None, None, "file", "", str(error))
        return
    by_iri = {node.iri: node for node in nodes}
    links: dict[str, list[EdgeRecord]] = defaultdict(list)
    for edge in edges:
        links[edge.source].append(edge)
    owner: dict[str, str] = {}
    projects = [node for node in nodes if "Project" in node.labels]
    for project in projects:
        owner[project.iri] = project.iri
        for edge in links[project.iri]:
            if edge.type in (_HAS_PARTICIPATION, _HAS_ALLOCATION):
                owner[edge.target] = project.iri
    broken: dict[str, list[str]] = defaultdict(list)
    for violation in violations:
        broken[owner.get(violation.record_iri, violation.record_iri)].append(violation.message)
    for project in projects:
        if broken.get(project.iri):
            identifier = project.properties.get("identifier")
            for message in broken.pop(project.iri):
                yield Rejection(
                    str(path), None, str(identifier) if identifier else project.iri, "shape", "", message
                )
            continue
        yield _project(project, by_iri, links, path)
    for iri, messages in broken.items():
        for message in messages:
            yield Rejection(str(path), None, iri, "shape", "", message)


def _project(
    node: NodeRecord, by_iri: dict[str, NodeRecord], links: dict[str, list[EdgeRecord]], path: Path
) -> ProjectRecord:
    props = node.properties
    titles = [
        Narrative(*str(text).split("|", 1))
        for text in props.get(list_property_name("title"), [])
        if "|" in str(text)
    ] or ([Narrative("", str(props["title"]))] if props.get("title") else [])
    participations: list[Participation] = []
    countries: list[CountryShare] = []
    themes: list[str] = []
    crimes: list[str] = []
    for edge in links[node.iri]:
        target = by_iri.get(edge.target)
        if edge.type == _HAS_PARTICIPATION and target is not None:
            org_iri = next((e.target for e in links[target.iri] if e.type == _PARTICIPANT), None)
            org = by_iri.get(org_iri or "")
            org_props = org.properties if org is not None else {}
            participations.append(
                Participation(
                    role=str(target.properties.get("role") or ""),
                    org_ref=org_props.get("identifier"),
                    org_name=org_props.get("name"),
                    org_type=org_props.get("orgType"),
                    org_short_name=org_props.get("shortName"),
                    org_iri=org_iri,
                )
            )
        elif edge.type == _HAS_ALLOCATION and target is not None:
            country_iri = next((e.target for e in links[target.iri] if e.type == _COUNTRY), "")
            country = by_iri.get(country_iri)
            iso2 = str(country.properties.get("iso2")) if country is not None else _tail(country_iri)
            countries.append(CountryShare(iso2, target.properties.get("percentage")))
        elif edge.type in (_THEME, _CRIME_TYPE):
            theme = by_iri.get(edge.target)
            notation = str(theme.properties.get("notation")) if theme is not None else _tail(edge.target)
            (themes if edge.type == _THEME else crimes).append(notation)
    # The node's properties by their model names, the record's fields by the same names in snake case.
    given: dict[str, Any] = {
        snake(name): props.get(name) for name in partner_properties() if name not in NARRATED
    }
    given["partner"] = given["partner"] or path.stem
    return ProjectRecord(
        **given,
        titles=tuple(titles),
        descriptions=(Narrative("", str(props["description"])),) if props.get("description") else (),
        participations=tuple(participations),
        countries=tuple(countries),
        themes=tuple(themes),
        crime_types=tuple(crimes),
        source_file=str(path),
    )
