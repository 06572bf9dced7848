"""The one rule for "active as of D" (docs/model.md), in Python; `queries.active` holds its Cypher twin.

A project is active on day D when it is not withdrawn (or was withdrawn only after D), its status is not one the ontology marks
`cg:notActive` (cancelled), and D falls within [start, end], where start is the actual start else the
planned one, end likewise, and a missing bound is open. A missing status is unknown, not "cancelled": such a
project is active (a partner file without `activity-status` or `#status` still counts). With no day given,
every project neither withdrawn nor cancelled is active.
"""

from __future__ import annotations

import datetime as dt
from functools import cache

from rdflib import Literal, URIRef
from rdflib.namespace import SKOS

from ontology.namespaces import CG, CGT
from ontology.turtle import concepts_graph

__all__ = ["INACTIVE_STATUSES", "inactive_statuses", "is_active"]


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
    if withdrawn and (day is None or withdrawn_at is None or withdrawn_at.date() <= day):
        return False
    if status is not None and status in INACTIVE_STATUSES:
        return False
    if day is None:
        return True
    return (start is None or start <= day) and (end is None or end >= day)
