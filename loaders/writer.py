"""The sync core's Cypher: one batch of prepared projects written in one transaction, replacing each
project's participations, country allocations and theme links atomically. Names come from the ontology."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from collections.abc import Callable, Container, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from graph.cypher import label_expression, quote_name
from graph.store import Graph, Statement, Unit
from loaders.history import MERGE_ACTIVITY
from loaders.organizations import NewOrganization
from loaders.resolution import Candidate
from ontology.activity import interval_assignments
from ontology.mapping import labels_for, list_property_name, relationship_type
from ontology.namespaces import data_iri

__all__ = [
    "PreparedProject",
    "Written",
    "batch_statements",
    "read_hashes",
    "shared_stamps",
    "withdraw",
    "withdraw_absent",
]

_HAS_PARTICIPATION = quote_name(relationship_type("hasParticipation"))
_PARTICIPANT = quote_name(relationship_type("participant"))
_CANDIDATE_ORGANIZATION = quote_name(relationship_type("candidateOrganization"))
_MATCH_CANDIDATE = label_expression([lbl for lbl in labels_for("MatchCandidate") if lbl != "Resource"])
_ALT_LABELS = quote_name(list_property_name("altLabel"))
_HAS_ALLOCATION = quote_name(relationship_type("hasCountryAllocation"))
_COUNTRY = quote_name(relationship_type("country"))
_THEME = quote_name(relationship_type("theme"))
_CRIME_TYPE = quote_name(relationship_type("crimeType"))
_PROJECT = label_expression(labels_for("Project"))
_CHANGE = label_expression(labels_for("Change"))
_MADE_IN = quote_name(relationship_type("madeIn"))
_CHANGE_OF = quote_name(relationship_type("changeOf"))
_PARTICIPATION = label_expression(labels_for("Participation"))
_ALLOCATION = label_expression(labels_for("CountryAllocation"))
_COUNTRY_LABEL = quote_name("Country")
_THEME_LABEL = quote_name("Theme")
_OTHER_COUNTRY_LABELS = label_expression([lbl for lbl in labels_for("Country") if lbl != "Country"])
_OTHER_THEME_LABELS = label_expression([lbl for lbl in labels_for("Theme") if lbl != "Theme"])

READ_HASHES = (
    "UNWIND $iris AS iri MATCH (p:Resource {iri: iri}) "
    "RETURN p.iri AS iri, p.contentHash AS hash, coalesce(p.withdrawn, false) AS withdrawn"
)
DELETE_DEPENDENTS = (
    f"UNWIND $iris AS iri MATCH (:Resource {{iri: iri}})-[:{_HAS_PARTICIPATION}|{_HAS_ALLOCATION}]->(d) "
    "DETACH DELETE d"
)
DELETE_THEME_LINKS = (
    f"UNWIND $iris AS iri MATCH (:Resource {{iri: iri}})-[r:{_THEME}|{_CRIME_TYPE}]->() DELETE r"
)
MERGE_COUNTRIES = (
    f"UNWIND $rows AS row MERGE (c:{_COUNTRY_LABEL} {{iso2: row.iso2}}) "
    f"ON CREATE SET c{_OTHER_COUNTRY_LABELS}, c += row.props"
)
MERGE_THEMES = (
    f"UNWIND $rows AS row MERGE (t:{_THEME_LABEL} {{notation: row.notation}}) "
    f"ON CREATE SET t{_OTHER_THEME_LABELS}, t += row.props"
)
# One statement writes each project, everything hanging off it and its `Change` (loaders.history). The
# organizations, countries and themes the batch links to are looked up once per statement ($orgs, $countries,
# $themes: their keys) and each row names its targets by position in those lists; a target that does not
# exist leaves its link out, as a MATCH would. New projects are CREATEd (their IRIs were just read as absent,
# in the transaction that writes them, and the unique constraint on `Resource.iri` guards the rest); existing
# ones are merged. $stamps holds the timestamps every project of the batch shares (loadedAt, generatedAt),
# sent once: the driver encodes each datetime at several times the cost of the rest of a row. The active
# interval is in row.props, computed by `ontology.activity.active_interval` (loaders.mapping).
_TARGETS = (
    "CALL { UNWIND range(0, size($orgs) - 1) AS i OPTIONAL MATCH (o:Resource {iri: $orgs[i]}) "
    "WITH i, o ORDER BY i RETURN collect([o]) AS orgs } "
    f"CALL {{ UNWIND range(0, size($countries) - 1) AS i OPTIONAL MATCH (c:{_COUNTRY_LABEL} {{iso2: $countries[i]}}) "
    "WITH i, c ORDER BY i RETURN collect([c]) AS countries } "
    f"CALL {{ UNWIND range(0, size($themes) - 1) AS i OPTIONAL MATCH (t:{_THEME_LABEL} {{notation: $themes[i]}}) "
    "WITH i, t ORDER BY i RETURN collect([t]) AS themes } "
)
# The project's `Change` (as loaders.history.RECORD_CHANGES writes those of unchanged and rejected records):
# row.change holds its own properties, the batch's time and the sync's source are sent once.
_RECORD_CHANGE = (
    f"CREATE (ch{_CHANGE}) SET ch = row.change, ch.changedAt = $now, ch.generatedAt = $now, ch.source = $source "
    f"CREATE (ch)-[:{_MADE_IN}]->(a) CREATE (ch)-[:{_CHANGE_OF}]->(p) "
)
_DEPENDENTS = (
    _RECORD_CHANGE +
    "FOREACH (x IN row.parts | FOREACH (o IN [n IN orgs[x.org] WHERE n IS NOT NULL] | "
    f"CREATE (p)-[:{_HAS_PARTICIPATION}]->(:{_PARTICIPATION[1:]} {{iri: x.iri, role: x.role, "
    "sourceName: x.sourceName, sourceIdentifier: x.sourceIdentifier, matchedBy: x.matchedBy, "
    f"source: p.source, generatedAt: p.generatedAt}})-[:{_PARTICIPANT}]->(o))) "
    "FOREACH (y IN row.allocs | FOREACH (c IN [n IN countries[y.country] WHERE n IS NOT NULL] | "
    f"CREATE (p)-[:{_HAS_ALLOCATION}]->(:{_ALLOCATION[1:]} {{iri: y.iri, percentage: y.percentage, "
    f"source: p.source, generatedAt: p.generatedAt}})-[:{_COUNTRY}]->(c))) "
    "FOREACH (n IN row.themes | FOREACH (t IN [m IN themes[n] WHERE m IS NOT NULL] | "
    f"CREATE (p)-[:{_THEME}]->(t))) "
    "FOREACH (n IN row.crimes | FOREACH (t IN [m IN themes[n] WHERE m IS NOT NULL] | "
    f"CREATE (p)-[:{_CRIME_TYPE}]->(t)))"
)
# Names a feed gives a known organization join its altLabels (each once).
ADD_ALIASES = (
    "UNWIND $rows AS row MATCH (o:Resource {iri: row.iri}) "
    f"SET o.{_ALT_LABELS} = coalesce(o.{_ALT_LABELS}, []) + "
    f"[a IN row.labels WHERE NOT a IN coalesce(o.{_ALT_LABELS}, [])]"
)
# A candidate is keyed by its pair: found again, it keeps its decision (a dismissed pair stays dismissed).
MERGE_CANDIDATES = (
    "UNWIND $rows AS row MATCH (a:Resource {iri: row.a}) MATCH (b:Resource {iri: row.b}) "
    f"MERGE (c:Resource {{iri: row.iri}}) ON CREATE SET c{_MATCH_CANDIDATE}, c += row.props "
    f"MERGE (c)-[:{_CANDIDATE_ORGANIZATION}]->(a) MERGE (c)-[:{_CANDIDATE_ORGANIZATION}]->(b)"
)
# Parameters: $activity, $now, $source (loaders.history), $orgs, $countries, $themes, $stamps, $rows (iri,
# props, change, parts, allocs, themes, crimes).
CREATE_PROJECTS = (
    f"{MERGE_ACTIVITY} WITH a {_TARGETS}"
    f"UNWIND $rows AS row CREATE (p{_PROJECT}) SET p = row.props, p += $stamps " + _DEPENDENTS
)
UPSERT_PROJECTS = (
    f"{MERGE_ACTIVITY} WITH a {_TARGETS}"
    f"UNWIND $rows AS row MERGE (p:Resource {{iri: row.iri}}) SET p{_PROJECT}, p = row.props, p += $stamps "
    + _DEPENDENTS
)
# The withdrawal's active interval (`ontology.activity.interval_assignments`) follows what its SET wrote.
_INTERVAL = f"SET {interval_assignments('p')} "
READ_PARTNER_PROJECTS = (
    f"MATCH (p{_PROJECT} {{partner: $partner}}) WHERE coalesce(p.withdrawn, false) = false "
    "RETURN p.iri AS iri, p.identifier AS identifier"
)
WITHDRAW = (
    "UNWIND $iris AS iri MATCH (p:Resource {iri: iri}) "
    "SET p.withdrawnAt = CASE WHEN coalesce(p.withdrawn, false) THEN p.withdrawnAt ELSE $now END, "
    f"p.withdrawn = true {_INTERVAL}RETURN count(p) AS withdrawn"
)


@dataclass
class PreparedProject:
    """A validated record mapped to the graph: the project's properties and the rows of its dependents."""

    iri: str
    properties: dict[str, Any]
    participations: list[tuple[str, str, str]] = field(default_factory=list)
    """(participation IRI, role, organization IRI)"""
    participation_sources: list[dict[str, str | None]] = field(default_factory=list)
    """Per participation: the organization's name and identifier as the source wrote them, how it was matched."""
    organizations: list[NewOrganization] = field(default_factory=list)
    aliases: dict[str, list[str]] = field(default_factory=dict)
    """Known organization IRI -> altLabels this record's feed adds."""
    candidates: list[Candidate] = field(default_factory=list)
    allocations: list[tuple[str, str, float | None]] = field(default_factory=list)
    """(allocation IRI, ISO alpha-2, percentage)"""
    countries: list[dict[str, Any]] = field(default_factory=list)
    themes: list[dict[str, Any]] = field(default_factory=list)
    theme_notations: tuple[str, ...] = ()
    crime_notations: tuple[str, ...] = ()
    replaces: bool = False
    """True when the project exists, so its old dependents are removed first."""


def read_hashes(unit: Unit, iris: Sequence[str]) -> dict[str, tuple[str | None, bool]]:
    """The stored content hash and withdrawn flag of those projects that exist."""
    rows = unit.run(READ_HASHES, {"iris": list(iris)})
    return {str(row["iri"]): (row["hash"], bool(row["withdrawn"])) for row in rows}


@dataclass
class Written:
    """The organizations, countries and themes a run has already merged (and committed), so later batches
    do not merge them again; a few hundred keys at most, whatever the size of the files."""

    organizations: set[str] = field(default_factory=set)
    countries: set[str] = field(default_factory=set)
    themes: set[str] = field(default_factory=set)

    def add(self, projects: Sequence[PreparedProject]) -> None:
        """Call once the batch of `projects` is committed."""
        for project in projects:
            self.organizations.update(org.iri for org in project.organizations)
            self.countries.update(row["iso2"] for row in project.countries)
            self.themes.update(row["notation"] for row in project.themes)


def batch_statements(
    projects: Sequence[PreparedProject],
    written: Written | None = None,
    *,
    changes: Mapping[str, Mapping[str, Any]],
    history: Mapping[str, Any],
) -> list[Statement]:
    """The statements that write a batch, to run in one transaction (`Graph.write_unit` or `write_all`).

    `changes` holds each project's `Change` properties by project IRI, `history` the parameters the
    history's statements share (`History.shared`: $activity, $now, $source)."""
    done = written or Written()
    statements: list[Statement] = []
    replaced = [p.iri for p in projects if p.replaces]
    if replaced:
        statements.append((DELETE_DEPENDENTS, {"iris": replaced}))
        statements.append((DELETE_THEME_LINKS, {"iris": replaced}))
    organizations: dict[str, NewOrganization] = {}
    countries: dict[str, dict[str, Any]] = {}
    themes: dict[str, dict[str, Any]] = {}
    for project in projects:
        organizations.update(
            (org.iri, org) for org in project.organizations if org.iri not in done.organizations
        )
        countries.update((row["iso2"], row) for row in project.countries if row["iso2"] not in done.countries)
        themes.update((row["notation"], row) for row in project.themes if row["notation"] not in done.themes)
    by_labels: dict[tuple[str, ...], list[dict[str, Any]]] = defaultdict(list)
    for org in organizations.values():
        props = {key: value for key, value in org.properties.items() if value is not None}
        by_labels[org.labels].append({"iri": org.iri, "props": {**props, "iri": org.iri}})
    for labels, rows in sorted(by_labels.items()):
        query = (
            "UNWIND $rows AS row MERGE (o:Resource {iri: row.iri}) "
            f"ON CREATE SET o{label_expression([lbl for lbl in labels if lbl != 'Resource'])}, o += row.props"
        )
        statements.append((query, {"rows": rows}))
    aliases: dict[str, list[str]] = {}
    candidates: dict[str, dict[str, Any]] = {}
    for project in projects:
        for iri, names in project.aliases.items():
            aliases.setdefault(iri, []).extend(name for name in names if name not in aliases.get(iri, []))
        for candidate in project.candidates:
            row = candidate_row(candidate, project.properties.get("generatedAt"), project.properties.get("source"))
            candidates[row["iri"]] = row
    if aliases:
        statements.append((ADD_ALIASES, {"rows": [{"iri": iri, "labels": labels} for iri, labels in aliases.items()]}))
    if countries:
        statements.append((MERGE_COUNTRIES, {"rows": list(countries.values())}))
    if themes:
        statements.append((MERGE_THEMES, {"rows": list(themes.values())}))
    for query, group in ((CREATE_PROJECTS, False), (UPSERT_PROJECTS, True)):
        chosen = [project for project in projects if project.replaces is group]
        if chosen:
            statements.append((query, {**history, **_project_rows(chosen, changes)}))
    if candidates:
        statements.append((MERGE_CANDIDATES, {"rows": list(candidates.values())}))
    return statements


def shared_stamps(rows: Sequence[dict[str, Any]]) -> dict[str, dt.datetime]:
    """The timestamps all `rows` hold with the same value, to send once for the batch."""
    if not rows:
        return {}
    shared = {key: value for key, value in rows[0].items() if isinstance(value, dt.datetime)}
    for row in rows[1:]:
        shared = {key: value for key, value in shared.items() if row.get(key) == value}
    return shared


def candidate_iri(a: str, b: str) -> str:
    """A candidate is keyed by its (sorted) pair of organizations."""
    first, second = sorted((a, b))
    key = hashlib.sha256(f"{first} {second}".encode()).hexdigest()[:24]
    return data_iri("match-candidate", key)


def candidate_row(candidate: Candidate, now: Any, source: Any) -> dict[str, Any]:
    return {
        "iri": candidate_iri(candidate.a, candidate.b),
        "a": candidate.a,
        "b": candidate.b,
        "props": {
            "iri": candidate_iri(candidate.a, candidate.b),
            "score": candidate.score,
            "evidence": "\n".join(candidate.evidence),
            "decision": "open",
            "source": f"cograph organization resolution, loading {source}",
            "generatedAt": now,
        },
    }


def _project_rows(
    projects: Sequence[PreparedProject], changes: Mapping[str, Mapping[str, Any]]
) -> dict[str, Any]:
    """The parameters of a project statement: the rows, and the keys of the nodes they link to, each once
    ($orgs, $countries, $themes; a row names its targets by position in those lists)."""
    orgs: dict[str, int] = {}
    countries: dict[str, int] = {}
    themes: dict[str, int] = {}
    rows: list[dict[str, Any]] = []
    for project in projects:
        sources = project.participation_sources
        rows.append(
            {
                "iri": project.iri,
                "props": project.properties,
                "change": changes[project.iri],
                "parts": [
                    {
                        "iri": iri,
                        "role": role,
                        "org": orgs.setdefault(org, len(orgs)),
                        **(sources[n] if n < len(sources) else {}),
                    }
                    for n, (iri, role, org) in enumerate(project.participations)
                ],
                "allocs": [
                    {"iri": iri, "country": countries.setdefault(iso2, len(countries)), "percentage": share}
                    for iri, iso2, share in project.allocations
                ],
                "themes": [themes.setdefault(n, len(themes)) for n in project.theme_notations],
                "crimes": [themes.setdefault(n, len(themes)) for n in project.crime_notations],
            }
        )
    stamps = shared_stamps([row["props"] for row in rows])
    if stamps:
        for row in rows:
            row["props"] = {key: value for key, value in row["props"].items() if key not in stamps}
    return {
        "rows": rows,
        "stamps": stamps,
        "orgs": list(orgs),
        "countries": list(countries),
        "themes": list(themes),
    }


def withdraw(graph: Graph, iris: Sequence[str], now: dt.datetime, before: Sequence[Statement] = ()) -> int:
    """Mark projects withdrawn (kept, `withdrawn = true`, first `withdrawnAt` kept); returns how many exist.

    `before` runs first in the same transaction (the history of the withdrawal)."""
    results = graph.write_all([*before, (WITHDRAW, {"iris": list(iris), "now": now})], timeout=300)
    rows = results[-1]
    return int(rows[0]["withdrawn"]) if rows else 0


def withdraw_absent(
    graph: Graph,
    partner: str,
    seen: Container[str],
    now: dt.datetime,
    history: Callable[[Sequence[str], dt.datetime], list[Statement]] | None = None,
) -> int:
    """Withdraw the partner's projects whose identifiers the new feed no longer reports."""
    rows = graph.read(READ_PARTNER_PROJECTS, {"partner": partner}, timeout=300)
    absent = [str(row["iri"]) for row in rows if row["identifier"] not in seen]
    if not absent:
        return 0
    return withdraw(graph, absent, now, history(absent, now) if history is not None else ())
