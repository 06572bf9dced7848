"""The span of the days on which projects are active: where the explorer's time slider starts and ends."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from graph.store import Graph
from ontology.activity import ACTIVE_FROM, ACTIVE_UNTIL, OPEN_END, OPEN_START, interval_label

__all__ = [
    "PROJECTS_WITH_START",
    "PROJECT_PERIOD",
    "ProjectPeriod",
    "project_period",
    "projects_with_start",
    "slider_days",
]

_P = interval_label()
# An interval that ends before it starts (a start after the end) holds no day.
_SOME_DAY = f"p.{ACTIVE_FROM} <= p.{ACTIVE_UNTIL}"

# Parameters: $open_start, $open_end (ontology.activity's open bounds). Columns: earliest (the first day on
#   which a project is active, of those with a start), latest (the last such day, of those with an end or a
#   dated withdrawal); null when none has one.
# Read from the projects' active intervals ("active as of", queries/active.py), so a cancelled project or one
# withdrawn with no date (never active) does not stretch the slider, and each bound is the first entry of the
# range index of activeFrom or activeUntil that holds a day: at 100k projects 12 ms, where reading every
# project's dates took 165-260 ms (600 ms on a cold server, beside the explorer's first Matrix request).
PROJECT_PERIOD = f"""
CALL () {{
  MATCH (p:{_P}) WHERE p.{ACTIVE_FROM} > $open_start AND {_SOME_DAY}
  WITH p.{ACTIVE_FROM} AS day ORDER BY day LIMIT 1
  RETURN collect(day)[0] AS earliest
}}
CALL () {{
  MATCH (p:{_P}) WHERE p.{ACTIVE_UNTIL} < $open_end AND {_SOME_DAY}
  WITH p.{ACTIVE_UNTIL} AS day ORDER BY day DESC LIMIT 1
  RETURN collect(day)[0] AS latest
}}
RETURN earliest, latest"""

# Parameters: $open_start. Columns: projects (how many are active on some day and have a start): every
# project's interval is read (~90 ms at 100k), so only when asked for.
PROJECTS_WITH_START = f"""
MATCH (p:{_P}) WHERE p.{ACTIVE_FROM} > $open_start AND {_SOME_DAY}
RETURN count(p) AS projects"""


@dataclass(frozen=True)
class ProjectPeriod:
    earliest: dt.date | None
    """The first day on which a project with a start is active (None when none is)."""
    latest: dt.date | None
    """The last day on which a project with an end (or a dated withdrawal) is active."""


def project_period(graph: Graph) -> ProjectPeriod:
    """The first and the last day on which projects in the graph are active."""
    row = graph.read_kept(PROJECT_PERIOD, {"open_start": OPEN_START, "open_end": OPEN_END})[0]
    return ProjectPeriod(earliest=row["earliest"], latest=row["latest"])


def projects_with_start(graph: Graph) -> int:
    """How many projects are active on some day and have a start."""
    return int(graph.read_kept(PROJECTS_WITH_START, {"open_start": OPEN_START})[0]["projects"])


def _months_before(today: dt.date, months: int) -> dt.date:
    """The day `months` months before `today`, the day clamped to the month's length."""
    year, month = divmod(today.year * 12 + today.month - 1 - months, 12)
    return dt.date(year, month + 1, min(today.day, calendar.monthrange(year, month + 1)[1]))


def slider_days(earliest: dt.date | None, today: dt.date) -> list[dt.date]:
    """The as-of dates of the explorer's time slider, earliest first: today and the same day of each month
    before it (clamped to the month's length), back to the first such day on or after `earliest`.

    One list for the page (GraphQL `projectPeriod.sliderDays`) and for the server that computes the default
    view of each date ahead of need (api/ahead.py), so both name the same days.
    """
    if earliest is None or earliest >= today:
        return [today]
    steps = (today.year - earliest.year) * 12 + (today.month - earliest.month) - (today.day < earliest.day)
    return [_months_before(today, months) for months in range(max(0, steps), -1, -1)]
