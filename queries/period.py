"""The span of the projects' dates: where the explorer's time slider starts and ends."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from graph.store import Graph

__all__ = ["PROJECT_PERIOD", "ProjectPeriod", "project_period"]

# Parameters: none. Columns: earliest (the first start, actual or planned, of a project not withdrawn),
#   latest (the last end), projects (how many have a start). The start and end follow "active as of"
#   (queries/active.py): the actual date when known, else the planned one.
PROJECT_PERIOD = """
MATCH (p:Project) WHERE NOT coalesce(p.withdrawn, false)
WITH coalesce(p.actualStart, p.plannedStart) AS start, coalesce(p.actualEnd, p.plannedEnd) AS end
RETURN min(start) AS earliest, max(end) AS latest, count(start) AS projects"""


@dataclass(frozen=True)
class ProjectPeriod:
    earliest: dt.date | None
    """The earliest project start (None when no project has one)."""
    latest: dt.date | None
    """The latest project end."""
    projects: int
    """Projects with a start date."""


def project_period(graph: Graph) -> ProjectPeriod:
    """The first start and the last end of the projects in the graph."""
    row = graph.read_kept(PROJECT_PERIOD)[0]
    return ProjectPeriod(earliest=row["earliest"], latest=row["latest"], projects=int(row["projects"]))
