"""The Cypher of "active as of $as_of": the twin of `ontology.activity.is_active`, used by every query.

Analytics (coverage, overlaps, gaps, similarity through `queries.scope`) and the catalogue lists
(`projects(filter: {activeAsOf: ...})`) all filter with `active_as_of`, so a project is active in one view
exactly when it is in every other; tests/queries/test_active.py checks the two forms agree on real Neo4j.

The condition reads the project's active interval (`ontology.activity.active_interval`), which every writer of
a project stores with `interval_assignments` (the sync core, the generic records, migration 5), so that "active
on D" is a seek in the range index of `activeUntil` or `activeFrom` instead of a scan of every project.
"""

from __future__ import annotations

import json
import re

from ontology.activity import ACTIVE_FROM, ACTIVE_UNTIL, INACTIVE_STATUSES, OPEN_END, OPEN_START

__all__ = ["active_as_of", "interval_assignments"]

_VARIABLE = re.compile(r"^[a-z_][A-Za-z0-9_]*$")
_OPEN_START = f"date('{OPEN_START.isoformat()}')"
_OPEN_END = f"date('{OPEN_END.isoformat()}')"


def _checked(variable: str) -> str:
    if not _VARIABLE.match(variable):
        raise ValueError(f"{variable!r} is not a Cypher variable name")
    return variable


def active_as_of(variable: str) -> str:
    """The condition that the project bound to `variable` (code-chosen) is active on $as_of (any day if null).

    Parameters: $as_of (a DATE or null). With a date: the date lies in the stored interval (a project with
    none is never active). With null: any project with an interval that is not withdrawn.
    """
    p = _checked(variable)
    return (
        f"({p}.{ACTIVE_FROM} <= coalesce($as_of, {_OPEN_END}) AND {p}.{ACTIVE_UNTIL} >= coalesce($as_of, {_OPEN_START})"
        f" AND ($as_of IS NOT NULL OR coalesce({p}.withdrawn, false) = false))"
    )


def interval_assignments(variable: str) -> str:
    """SET items storing the active interval of the project bound to `variable` from its own properties.

    The Cypher form of `ontology.activity.active_interval`: to follow, in a later SET clause, whatever sets
    the dates, status or withdrawal. The inactive statuses are constants of the ontology, written as literals.
    """
    p = _checked(variable)
    inactive = ", ".join(json.dumps(code) for code in sorted(INACTIVE_STATUSES))
    never = (
        f"(coalesce({p}.status, '') IN [{inactive}]"
        f" OR (coalesce({p}.withdrawn, false) AND {p}.withdrawnAt IS NULL))"
    )
    end = f"coalesce({p}.actualEnd, {p}.plannedEnd, {_OPEN_END})"
    cut = f"date({p}.withdrawnAt) - duration({{days: 1}})"
    last = f"CASE WHEN coalesce({p}.withdrawn, false) AND {cut} < {end} THEN {cut} ELSE {end} END"
    return (
        f"{p}.{ACTIVE_FROM} = CASE WHEN {never} THEN null"
        f" ELSE coalesce({p}.actualStart, {p}.plannedStart, {_OPEN_START}) END,"
        f" {p}.{ACTIVE_UNTIL} = CASE WHEN {never} THEN null ELSE {last} END"
    )
