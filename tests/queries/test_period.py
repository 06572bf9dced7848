"""The projects' period (where the explorer's time slider runs) on real Neo4j: the first and last day on which
a project is active, by the one rule of "active as of" (ontology.activity), read from the range indexes."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

import pytest

from graph.records import write_records
from graph.store import Graph
from ontology.activity import ACTIVE_FROM, ACTIVE_UNTIL, OPEN_END, OPEN_START, active_interval, interval_label
from queries.period import PROJECT_PERIOD, ProjectPeriod, project_period, projects_with_start, slider_days
from tests.queries.test_active import CANCELLED, CASES, _records

pytestmark = pytest.mark.neo4j


def _days(props: dict[str, Any]) -> tuple[dt.date, dt.date] | None:
    """The days a case's project is active on (None: never), by the Python rule."""
    interval = active_interval(
        withdrawn=bool(props.get("withdrawn")),
        status=props.get("status"),
        start=props.get("actualStart") or props.get("plannedStart"),
        end=props.get("actualEnd") or props.get("plannedEnd"),
        withdrawn_at=props.get("withdrawnAt"),
    )
    return interval if interval is not None and interval[0] <= interval[1] else None


# Projects whose dates lie beyond every active one's and must not stretch the period: never active.
NEVER: dict[str, dict[str, Any]] = {
    "cancelled-earliest": {
        "status": CANCELLED,
        "plannedStart": dt.date(2010, 1, 1),
        "plannedEnd": dt.date(2011, 1, 1),
    },
    "withdrawn-latest": {
        "status": "2",
        "withdrawn": True,
        "plannedStart": dt.date(2021, 1, 1),
        "plannedEnd": dt.date(2040, 1, 1),
    },
    "backwards": {"status": "2", "plannedStart": dt.date(2050, 1, 1), "plannedEnd": dt.date(2049, 1, 1)},
}


def test_the_period_is_the_first_and_last_day_a_project_is_active(clean_graph: Graph) -> None:
    cases = {**dict(CASES), **NEVER}
    write_records(clean_graph, _records(cases), [])
    days = [d for d in map(_days, cases.values()) if d is not None]
    starts = [first for first, _ in days if first != OPEN_START]
    ends = [last for _, last in days if last != OPEN_END]
    assert all(_days(props) is None for props in NEVER.values())
    assert dt.date(2010, 1, 1) < min(starts) and max(ends) < dt.date(2040, 1, 1)
    assert project_period(clean_graph) == ProjectPeriod(earliest=min(starts), latest=max(ends))
    assert projects_with_start(clean_graph) == len(starts)


def test_an_empty_graph_has_no_period(clean_graph: Graph) -> None:
    assert project_period(clean_graph) == ProjectPeriod(earliest=None, latest=None)
    assert projects_with_start(clean_graph) == 0


def test_the_bounds_are_index_seeks_not_a_scan_of_every_project(clean_graph: Graph) -> None:
    plan = clean_graph.plan(PROJECT_PERIOD, {"open_start": OPEN_START, "open_end": OPEN_END})
    text = plan["args"]["string-representation"]
    # each bound is read in the order of its range index (a seek or an ordered scan), up to its first entry
    assert "NodeByLabelScan" not in text, text
    for prop in (ACTIVE_FROM, ACTIVE_UNTIL):
        assert f"RANGE INDEX p:{interval_label()}({prop})" in text, text
    assert text.count("| +Limit") == 2, text


def test_slider_days_are_the_same_day_of_each_month_back_to_the_earliest() -> None:
    today = dt.date(2026, 3, 31)
    days = slider_days(dt.date(2025, 11, 15), today)
    # the day of the month is today's, clamped to each month's length; the first is on or after the earliest
    assert days == [
        dt.date(2025, 11, 30),
        dt.date(2025, 12, 31),
        dt.date(2026, 1, 31),
        dt.date(2026, 2, 28),
        dt.date(2026, 3, 31),
    ]
    assert slider_days(dt.date(2025, 11, 30), today)[0] == dt.date(2025, 11, 30)
    assert slider_days(dt.date(2025, 12, 1), today)[0] == dt.date(2025, 12, 31)


def test_slider_days_without_an_earlier_start_are_today_alone() -> None:
    today = dt.date(2026, 3, 31)
    assert slider_days(None, today) == [today]
    assert slider_days(today, today) == [today]
    assert slider_days(dt.date(2027, 1, 1), today) == [today]


def test_slider_days_run_one_a_month_earliest_first() -> None:
    today = dt.date(2026, 12, 6)
    days = slider_days(dt.date(2015, 1, 2), today)
    assert days[-1] == today and days[0] >= dt.date(2015, 1, 2)
    assert len(days) == (2026 - 2015) * 12 + 11 + 1
    assert all((b.year * 12 + b.month) - (a.year * 12 + a.month) == 1 for a, b in itertools.pairwise(days))
