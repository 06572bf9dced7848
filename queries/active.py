"""The Cypher of "active as of $as_of": the twin of `ontology.activity.is_active`, used by every query.

Analytics (coverage, overlaps, gaps, similarity through `queries.scope`) and the catalogue lists
(`projects(filter: {activeAsOf: ...})`) all filter with `active_as_of`, so a project is active in one view
exactly when it is in every other; tests/queries/test_active.py checks the two forms agree on real Neo4j.

The condition reads the project's active interval (`ontology.activity.active_interval`), which every writer of
a project stores with `ontology.activity.interval_assignments` (the sync core, the generic records, migration 5), so that "active
on D" is a seek in the range index of `activeUntil` or `activeFrom` instead of a scan of every project.
"""

from __future__ import annotations

from ontology.activity import ACTIVE_FROM, ACTIVE_UNTIL, CYPHER_OPEN_END, CYPHER_OPEN_START, cypher_variable

__all__ = ["active_as_of"]


def active_as_of(variable: str) -> str:
    """The condition that the project bound to `variable` (code-chosen) is active on $as_of (any day if null).

    Parameters: $as_of (a DATE or null). With a date: the date lies in the stored interval (a project with
    none is never active). With null: any project with an interval that is not withdrawn.
    """
    p = cypher_variable(variable)
    return (
        f"({p}.{ACTIVE_FROM} <= coalesce($as_of, {CYPHER_OPEN_END}) AND {p}.{ACTIVE_UNTIL} >= coalesce($as_of, {CYPHER_OPEN_START})"
        f" AND ($as_of IS NOT NULL OR coalesce({p}.withdrawn, false) = false))"
    )
