"""The GraphQL project input holds the record's property fields (but the partner, which the caller's key
gives) and its links, so a property the model gains or drops cannot be silently missing from upsertProjects."""

from __future__ import annotations

import dataclasses
import datetime as dt
import typing

from api.types.sync import ProjectInput, TextInput
from loaders.project_fields import LINKS, property_fields
from loaders.records import ProjectRecord


def test_the_input_holds_each_property_field_of_a_record_but_the_partner_and_each_link() -> None:
    fields = {f.name for f in dataclasses.fields(ProjectInput)}
    assert fields == {*property_fields(), *LINKS} - {"partner"}


def test_the_input_types_dates_and_numbers_as_the_record_does() -> None:
    given = typing.get_type_hints(ProjectInput)
    record = typing.get_type_hints(ProjectRecord)
    for name in property_fields():
        if record[name] in (dt.date | None, float | None):
            assert given[name] == record[name], name


def test_an_input_becomes_the_record_of_its_values() -> None:
    day = dt.date(2025, 1, 2)
    project = ProjectInput(
        identifier="P-1",
        titles=[TextInput(text="Title", language="en")],
        planned_start=day,
        actual_end=day,
        budget=5.0,
    )
    record = project.to_record("iom", 3)
    assert (record.identifier, record.partner, record.title, record.position) == ("P-1", "iom", "Title", 3)
    assert (record.planned_start, record.actual_end, record.budget) == (day, day, 5.0)
    assert record.planned_end is None and record.status is None and record.descriptions == ()
