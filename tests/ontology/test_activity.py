"""The "active as of D" rule in Python (its Cypher twin is checked against it in tests/queries/test_active.py)."""

from __future__ import annotations

import datetime as dt

from ontology import activity
from ontology.model import Project
from ontology.vocabulary import activity_statuses

D = dt.date(2025, 6, 1)


def test_the_inactive_statuses_are_codes_of_the_activity_status_list() -> None:
    assert activity.INACTIVE_STATUSES
    assert {code.notation for code in activity_statuses()} >= activity.INACTIVE_STATUSES
    labels = {code.notation: code.label for code in activity_statuses()}
    assert {labels[code] for code in activity.INACTIVE_STATUSES} == {"Cancelled"}


def test_a_project_without_status_is_active() -> None:
    assert Project("urn:p", status=None).active_on(D)
    assert Project("urn:p", status=None).active_on(None)


def test_cancelled_and_withdrawn_projects_are_never_active() -> None:
    (cancelled,) = activity.INACTIVE_STATUSES
    assert not Project("urn:p", status=cancelled).active_on(D)
    assert not Project("urn:p", status=cancelled).active_on(None)
    assert not Project("urn:p", status="2", withdrawn=True).active_on(None)


def test_the_actual_dates_win_over_the_planned_ones_and_missing_bounds_are_open() -> None:
    late = Project("urn:p", plannedStart=dt.date(2025, 1, 1), actualStart=dt.date(2025, 7, 1))
    assert not late.active_on(D)
    assert late.active_on(dt.date(2025, 7, 1))
    ended = Project("urn:p", plannedEnd=dt.date(2026, 1, 1), actualEnd=dt.date(2025, 5, 31))
    assert not ended.active_on(D)
    assert Project("urn:p", plannedEnd=D).active_on(D)
    assert Project("urn:p").active_on(D)
