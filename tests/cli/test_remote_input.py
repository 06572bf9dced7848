"""`cograph load --server` sends a record as the API's ProjectInput: the GraphQL names, ISO dates, enum names."""

from __future__ import annotations

import datetime as dt

from cli.remote import project_input
from loaders.records import Narrative, ProjectRecord


def test_a_record_is_sent_by_the_input_names_of_its_fields() -> None:
    record = ProjectRecord(
        "P-1",
        partner="not-sent",
        titles=(Narrative("en", "Title"),),
        status="2",
        planned_start=dt.date(2025, 1, 2),
        budget=10.0,
        currency="EUR",
    )
    sent = project_input(record)
    assert "partner" not in sent
    assert {k: sent[k] for k in ("identifier", "titles", "descriptions", "status")} == {
        "identifier": "P-1",
        "titles": [{"text": "Title", "language": "en"}],
        "descriptions": [],
        "status": "IMPLEMENTATION",
    }
    assert (sent["plannedStart"], sent["plannedEnd"], sent["actualStart"], sent["actualEnd"]) == (
        "2025-01-02",
        None,
        None,
        None,
    )
    assert (sent["budget"], sent["currency"]) == (10.0, "EUR")
