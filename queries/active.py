"""The Cypher of "active as of $as_of": the twin of `ontology.activity.is_active`, used by every query.

Analytics (coverage, overlaps, gaps, similarity through `queries.scope`) and the catalogue lists
(`projects(filter: {activeAsOf: ...})`) all filter with `active_as_of`, so a project is active in one view
exactly when it is in every other; tests/queries/test_active.py checks the two forms agree on real Neo4j.
"""

from __future__ import annotations

import json
import re

from ontology.activity import INACTIVE_STATUSES

__all__ = ["active_as_of"]

_VARIABLE = re.compile(r"^[a-z_][A-Za-z0-9_]*$")


def active_as_of(variable: str) -> str:
    """The condition that the project bound to `variable` (code-chosen) is active on $as_of (any day if null).

    Parameters: $as_of (a DATE or null). The inactive statuses are constants of the ontology, written as
    string literals; `coalesce(..., '')` keeps a missing status from making the whole condition null. A
    project withdrawn after $as_of was still reported on that day, so a past day still counts it.
    """
    if not _VARIABLE.match(variable):
        raise ValueError(f"{variable!r} is not a Cypher variable name")
    p = variable
    inactive = ", ".join(json.dumps(code) for code in sorted(INACTIVE_STATUSES))
    return (
        f"((coalesce({p}.withdrawn, false) = false OR ($as_of IS NOT NULL AND {p}.withdrawnAt IS NOT NULL"
        f" AND date({p}.withdrawnAt) > $as_of)) AND NOT coalesce({p}.status, '') IN [{inactive}]"
        f" AND ($as_of IS NULL OR (coalesce({p}.actualStart, {p}.plannedStart, $as_of) <= $as_of"
        f" AND coalesce({p}.actualEnd, {p}.plannedEnd, $as_of) >= $as_of)))"
    )
