"""What changed since: the `Change` nodes of the sync activities, filtered and paged, and a project's history."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any

from graph.cypher import quote_name
from graph.store import Graph, Row
from loaders.history import ACTIONS
from ontology.mapping import relationship_type
from queries.catalog import Page

__all__ = ["DEFAULT_ACTIONS", "ActivityRecord", "ChangeFilter", "ChangeRecord", "changes", "project_history"]

DEFAULT_ACTIONS = tuple(action for action in ACTIONS if action != "unchanged")
_MADE_IN = quote_name(relationship_type("madeIn"))
_CHANGE_OF = quote_name(relationship_type("changeOf"))
_HAS_ALLOCATION = quote_name(relationship_type("hasCountryAllocation"))
_COUNTRY = quote_name(relationship_type("country"))
_THEME = quote_name(relationship_type("theme"))
_CRIME_TYPE = quote_name(relationship_type("crimeType"))
_BROADER = quote_name(relationship_type("broader"))

_RETURN = (
    f"MATCH (c)-[:{_MADE_IN}]->(a:SyncActivity) OPTIONAL MATCH (c)-[:{_CHANGE_OF}]->(p) "
    "RETURN c.iri AS iri, c.action AS action, c.identifier AS identifier, c.forPartner AS partner, "
    "c.changedAt AS changedAt, c.previousValues AS previous, c.reasons AS reasons, "
    "p.iri AS project, a.iri AS activity, a.via AS via, a.source AS source, a.actor AS actor, "
    "a.startedAt AS startedAt, a.endedAt AS endedAt"
)
# Parameters: $since, $until, $actions, $partner, $country, $theme (null when not given). Changes of projects
# in the country, or on the theme or a narrower one, as they stand now.
_MATCH_CHANGES = (
    "MATCH (c:Change) WHERE c.changedAt >= $since AND ($until IS NULL OR c.changedAt < $until) "
    "AND c.action IN $actions AND ($partner IS NULL OR c.forPartner = $partner) "
    f"AND ($country IS NULL OR EXISTS {{ MATCH (c)-[:{_CHANGE_OF}]->()-[:{_HAS_ALLOCATION}]->()-[:{_COUNTRY}]->"
    "(:Country {iso2: $country}) }) "
    f"AND ($theme IS NULL OR EXISTS {{ MATCH (c)-[:{_CHANGE_OF}]->()-[:{_THEME}|{_CRIME_TYPE}]->(:Theme)"
    f"-[:{_BROADER}*0..]->(:Theme {{notation: $theme}}) }}) "
)
# Also $lo and $count: a page in order of time. Columns: see _RETURN.
CHANGES = (
    _MATCH_CHANGES
    + "WITH c ORDER BY c.changedAt, c.iri SKIP $lo LIMIT $count "
    + _RETURN
    + " ORDER BY changedAt, iri"
)
COUNT_CHANGES = _MATCH_CHANGES + "RETURN count(c) AS total"
# Parameters: $iri (the project), $actions. Columns: see _RETURN. Newest first.
PROJECT_HISTORY = (
    f"MATCH (:Resource {{iri: $iri}})<-[:{_CHANGE_OF}]-(c:Change) WHERE c.action IN $actions WITH c "
    + _RETURN
    + " ORDER BY changedAt DESC, iri DESC"
)


@dataclass(frozen=True)
class ActivityRecord:
    iri: str
    via: str | None
    source: str | None
    actor: str | None
    started_at: dt.datetime | None
    ended_at: dt.datetime | None


@dataclass(frozen=True)
class ChangeRecord:
    iri: str
    action: str
    identifier: str | None
    partner: str | None
    changed_at: dt.datetime
    fields: tuple[str, ...]
    previous: dict[str, Any]
    reasons: tuple[str, ...]
    project: str | None
    activity: ActivityRecord


@dataclass(frozen=True)
class ChangeFilter:
    since: dt.datetime
    until: dt.datetime | None = None
    partner: str | None = None
    country: str | None = None
    theme: str | None = None
    actions: tuple[str, ...] = field(default=DEFAULT_ACTIONS)

    def params(self) -> dict[str, Any]:
        return {
            "since": self.since,
            "until": self.until,
            "partner": self.partner,
            "country": self.country,
            "theme": self.theme,
            "actions": list(self.actions),
        }


def _change(row: Row) -> ChangeRecord:
    previous = json.loads(row["previous"]) if row["previous"] else {}
    return ChangeRecord(
        iri=str(row["iri"]),
        action=str(row["action"]),
        identifier=row["identifier"],
        partner=row["partner"],
        changed_at=row["changedAt"],
        fields=tuple(sorted(previous)),
        previous=previous,
        reasons=tuple(row["reasons"].splitlines()) if row["reasons"] else (),
        project=row["project"],
        activity=ActivityRecord(
            iri=str(row["activity"]),
            via=row["via"],
            source=row["source"],
            actor=row["actor"],
            started_at=row["startedAt"],
            ended_at=row["endedAt"],
        ),
    )


def changes(
    graph: Graph, where: ChangeFilter, lo: int, count: int, with_total: bool = False
) -> Page[ChangeRecord]:
    """The changes matching `where` from position `lo`, oldest first; one more is read to know if more follow."""
    rows = graph.read(CHANGES, {**where.params(), "lo": lo, "count": count + 1})
    total = int(graph.read(COUNT_CHANGES, where.params())[0]["total"]) if with_total else None
    items = [_change(row) for row in rows[:count]]
    return Page(total=total, offset=lo, items=items, has_next=len(rows) > count)


def project_history(graph: Graph, iri: str, actions: tuple[str, ...] = DEFAULT_ACTIONS) -> list[ChangeRecord]:
    """The changes of one project, newest first."""
    return [_change(row) for row in graph.read(PROJECT_HISTORY, {"iri": iri, "actions": list(actions)})]
