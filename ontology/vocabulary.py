"""The concept schemes as plain typed Python: themes, crime types, strategy components and code lists.

Read from the Turtle, so the API's enums and the loaders' checks derive from the ontology, never a copy.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SKOS

from ontology.errors import OntologyError
from ontology.namespaces import CG, CGT
from ontology.turtle import concepts_graph, schema_graph

__all__ = [
    "ACTIVITY_STATUS",
    "CRIME_TYPES",
    "ORGANISATION_ROLE",
    "ORGANISATION_TYPE",
    "RATIFICATION_KIND",
    "STRATEGY",
    "THEMES",
    "Code",
    "Theme",
    "activity_statuses",
    "code_list",
    "crime_types",
    "org_types_of_class",
    "organisation_roles",
    "organisation_types",
    "ratification_kinds",
    "strategy_components",
    "themes",
]

THEMES = "themes"
STRATEGY = "unodc-strategy"
CRIME_TYPES = "crime-types"
ACTIVITY_STATUS = "activity-status"
ORGANISATION_ROLE = "organisation-role"
ORGANISATION_TYPE = "organisation-type"
RATIFICATION_KIND = "ratification-kind"


@dataclass(frozen=True)
class Theme:
    """A theme concept: its stable notation, English label and definition, scheme and broader themes."""

    iri: str
    notation: str
    label: str
    definition: str
    scheme: str
    broader: tuple[str, ...]
    """Notations of the broader themes."""
    close_matches: tuple[str, ...]
    """IRIs of close external concepts (UN SDG targets, OECD DAC purpose codes, other themes)."""


@dataclass(frozen=True)
class Code:
    """A code of a code list: the value stored in the graph, its English label, and its IATI code if different."""

    iri: str
    notation: str
    label: str
    iati_code: str | None


def _english(graph: Graph, subject: URIRef, predicate: URIRef) -> str:
    values = [v for v in graph.objects(subject, predicate) if isinstance(v, Literal)]
    english = [v for v in values if (v.language or "").startswith("en")]
    return str((english or values)[0]) if values else ""


def _notation(graph: Graph, subject: URIRef) -> str:
    value = graph.value(subject, SKOS.notation)
    if value is None:
        raise OntologyError(f"The concept {subject} has no skos:notation; add one to the ontology's Turtle.")
    return str(value)


def _sort_key(graph: Graph, concept: URIRef) -> tuple[int, str]:
    notation = _notation(graph, concept)
    code = str(graph.value(concept, CG.iatiCode) or notation)
    return (int(code), notation) if code.isdigit() else (0, notation)


def _members(scheme: str) -> list[URIRef]:
    graph = concepts_graph()
    members = [c for c in graph.subjects(SKOS.inScheme, CGT[scheme]) if isinstance(c, URIRef)]
    if not members:
        raise OntologyError(f"There is no concept scheme {scheme!r} with concepts in the ontology.")
    return sorted(members, key=lambda c: _sort_key(graph, c))


@cache
def themes(scheme: str | None = None) -> tuple[Theme, ...]:
    """Every cg:Theme (or those of one scheme: `themes`, `unodc-strategy`, `crime-types`), sorted by notation."""
    graph = concepts_graph()
    found = []
    for concept in graph.subjects(RDF.type, CG.Theme):
        if not isinstance(concept, URIRef):
            continue
        theme = Theme(
            iri=str(concept),
            notation=_notation(graph, concept),
            label=_english(graph, concept, SKOS.prefLabel),
            definition=_english(graph, concept, SKOS.definition),
            scheme=str(graph.value(concept, CG.scheme)),
            broader=tuple(
                sorted(_notation(graph, b) for b in graph.objects(concept, SKOS.broader) if isinstance(b, URIRef))
            ),
            close_matches=tuple(sorted(str(m) for m in graph.objects(concept, SKOS.closeMatch))),
        )
        if scheme is None or theme.scheme == scheme:
            found.append(theme)
    if scheme is not None and not found:
        raise OntologyError(f"There is no theme scheme {scheme!r}; use {THEMES}, {STRATEGY} or {CRIME_TYPES}.")
    return tuple(sorted(found, key=lambda t: t.notation))


def crime_types() -> tuple[Theme, ...]:
    """trafficking-in-persons and smuggling-of-migrants."""
    return themes(CRIME_TYPES)


def strategy_components() -> tuple[Theme, ...]:
    """The three components of UNODC's strategy."""
    return themes(STRATEGY)


@cache
def code_list(scheme: str) -> tuple[Code, ...]:
    """The codes of a code-list scheme (`activity-status`, `organisation-role`, ...), in code order."""
    graph = concepts_graph()
    return tuple(
        Code(
            iri=str(concept),
            notation=_notation(graph, concept),
            label=_english(graph, concept, SKOS.prefLabel),
            iati_code=str(code) if (code := graph.value(concept, CG.iatiCode)) is not None else None,
        )
        for concept in _members(scheme)
    )


def activity_statuses() -> tuple[Code, ...]:
    """IATI ActivityStatus: notation "1".."6" is what Project.status holds."""
    return code_list(ACTIVITY_STATUS)


def organisation_roles() -> tuple[Code, ...]:
    """IATI OrganisationRole: notation `funding`, `accountable`, ... is what Participation.role holds."""
    return code_list(ORGANISATION_ROLE)


def organisation_types() -> tuple[Code, ...]:
    """IATI OrganisationType: notation "10".."90" is what Organization.orgType holds."""
    return code_list(ORGANISATION_TYPE)


def ratification_kinds() -> tuple[Code, ...]:
    """ratification, accession, acceptance, approval, succession: what Ratification.kind holds."""
    return code_list(RATIFICATION_KIND)


@cache
def org_types_of_class(class_local_name: str) -> tuple[str, ...]:
    """The IATI OrganisationType codes an organization class stands for (`NGO` -> ("21", "22", "23", "24"))."""
    graph, concepts = schema_graph(), concepts_graph()
    return tuple(
        sorted(
            (_notation(concepts, code) for code in graph.objects(CG[class_local_name], CG.iatiOrganisationType)
             if isinstance(code, URIRef)),
            key=int,
        )
    )
