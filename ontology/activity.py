"""The one rule for "active as of D" (docs/model.md), in Python; `queries.active` holds its Cypher twin.

A project is active on day D when it is not withdrawn (or was withdrawn only after D), its status is not one the ontology marks
`cg:notActive` (cancelled), and D falls within [start, end], where start is the actual start else the
planned one, end likewise, and a missing bound is open. A missing status is unknown, not "cancelled": such a
project is active (a partner file without `activity-status` or `#status` still counts). With no day given,
every project neither withdrawn nor cancelled is active.

The same rule as an interval, so that a database can answer "active on D" from a range index: the days on
which a project is active are [`activeFrom`, `activeUntil`] (`active_interval`), the open bounds written as
the first and last representable days, the interval cut the day before a dated withdrawal, and absent when
the project is never active (cancelled, or withdrawn with no date). `is_active` is decided from it.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from functools import cache

from rdflib import Literal, URIRef
from rdflib.namespace import RDFS, SKOS

from ontology.namespaces import CG, CGT
from ontology.turtle import concepts_graph, schema_graph

__all__ = [
    "ACTIVE_FROM",
    "ACTIVE_UNTIL",
    "DERIVED_PROPERTIES",
    "INACTIVE_STATUSES",
    "OPEN_END",
    "OPEN_START",
    "active_interval",
    "inactive_statuses",
    "interval_assignments",
    "interval_label",
    "is_active",
]

ACTIVE_FROM = "activeFrom"
"""The property holding the first day of a project's active interval (cg:activeFrom)."""
ACTIVE_UNTIL = "activeUntil"
"""The property holding the last day of a project's active interval (cg:activeUntil)."""
DERIVED_PROPERTIES = frozenset({ACTIVE_FROM, ACTIVE_UNTIL})
"""Computed by cograph from a project's other properties (index keys, not facts): never exported."""
OPEN_START = dt.date.min
"""`activeFrom` of a project with no start date: active since always."""
OPEN_END = dt.date.max
"""`activeUntil` of a project with no end date (nor dated withdrawal): active for ever."""


@cache
def inactive_statuses() -> frozenset[str]:
    """The activity-status notations the ontology marks `cg:notActive` ({"5"}: cancelled)."""
    graph = concepts_graph()
    found = set()
    for code in graph.subjects(CG.notActive, Literal(True)):
        if isinstance(code, URIRef) and (code, SKOS.inScheme, CGT["activity-status"]) in graph:
            found.add(str(graph.value(code, SKOS.notation)))
    return frozenset(found)


INACTIVE_STATUSES: frozenset[str] = inactive_statuses()


def active_interval(
    *,
    withdrawn: bool | None,
    status: str | None,
    start: dt.date | None,
    end: dt.date | None,
    withdrawn_at: dt.datetime | None = None,
) -> tuple[dt.date, dt.date] | None:
    """The first and last day on which a project with these values is active; None if it never is.

    Missing bounds are open (OPEN_START, OPEN_END); a project withdrawn at a known time was still reported
    until the day before, so its interval ends there at the latest.
    """
    if status is not None and status in INACTIVE_STATUSES:
        return None
    last = end if end is not None else OPEN_END
    if withdrawn:
        if withdrawn_at is None:
            return None
        last = min(last, withdrawn_at.date() - dt.timedelta(days=1))
    return (start if start is not None else OPEN_START), last


def is_active(
    *,
    withdrawn: bool | None,
    status: str | None,
    start: dt.date | None,
    end: dt.date | None,
    day: dt.date | None,
    withdrawn_at: dt.datetime | None = None,
) -> bool:
    """Whether a project with these values is active on `day` (on any day when `day` is None).

    A project withdrawn after `day` was still reported on that day, so it counts there (the history keeps it).
    """
    interval = active_interval(
        withdrawn=withdrawn, status=status, start=start, end=end, withdrawn_at=withdrawn_at
    )
    if interval is None:
        return False
    if day is None:
        return not withdrawn
    first, last = interval
    return first <= day <= last


@cache
def interval_label() -> str:
    """The label of the nodes that carry an active interval: the ontology's rdfs:domain of cg:activeFrom."""
    domain = schema_graph().value(CG[ACTIVE_FROM], RDFS.domain)
    if not isinstance(domain, URIRef) or not str(domain).startswith(str(CG)):
        raise ValueError(f"the ontology gives cg:{ACTIVE_FROM} no cograph class as its domain")
    return str(domain)[len(str(CG)) :]


_VARIABLE = re.compile(r"^[a-z_][A-Za-z0-9_]*$")
CYPHER_OPEN_START = f"date('{OPEN_START.isoformat()}')"
CYPHER_OPEN_END = f"date('{OPEN_END.isoformat()}')"


def cypher_variable(variable: str) -> str:
    """`variable` (chosen by code, never by a user) if it is a plain Cypher variable name."""
    if not _VARIABLE.match(variable):
        raise ValueError(f"{variable!r} is not a Cypher variable name")
    return variable


def interval_assignments(variable: str) -> str:
    """SET items storing the active interval of the project bound to `variable` from its own properties.

    The Cypher form of `active_interval`, for every writer of a project (the sync core, the generic records,
    migration 5): to follow, in a later SET clause, whatever sets the dates, status or withdrawal. The inactive
    statuses are constants of the ontology, written as literals.
    """
    p = cypher_variable(variable)
    inactive = ", ".join(json.dumps(code) for code in sorted(INACTIVE_STATUSES))
    never = (
        f"(coalesce({p}.status, '') IN [{inactive}]"
        f" OR (coalesce({p}.withdrawn, false) AND {p}.withdrawnAt IS NULL))"
    )
    end = f"coalesce({p}.actualEnd, {p}.plannedEnd, {CYPHER_OPEN_END})"
    cut = f"date({p}.withdrawnAt) - duration({{days: 1}})"
    last = f"CASE WHEN coalesce({p}.withdrawn, false) AND {cut} < {end} THEN {cut} ELSE {end} END"
    return (
        f"{p}.{ACTIVE_FROM} = CASE WHEN {never} THEN null"
        f" ELSE coalesce({p}.actualStart, {p}.plannedStart, {CYPHER_OPEN_START}) END,"
        f" {p}.{ACTIVE_UNTIL} = CASE WHEN {never} THEN null ELSE {last} END"
    )
