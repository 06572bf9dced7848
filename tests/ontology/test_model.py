"""The typed domain model says what the Turtle says: each dataclass's fields are its class's properties."""

from __future__ import annotations

import dataclasses
import datetime as dt
import typing

import pytest

from ontology import model
from ontology.mapping import LANG_STRING, list_property_name
from ontology.mapping import model as mapping
from ontology.schema import class_schema, class_schemas

XSD = "http://www.w3.org/2001/XMLSchema#"
PYTHON_TYPES: dict[str, type] = {
    f"{XSD}string": str,
    f"{XSD}anyURI": str,
    f"{XSD}gYear": str,
    LANG_STRING: str,
    f"{XSD}date": dt.date,
    f"{XSD}dateTime": dt.datetime,
    f"{XSD}decimal": float,
    f"{XSD}integer": int,
    f"{XSD}boolean": bool,
}
CLASSES = model.entity_classes()


def _plain(hint: object) -> object:
    """`str | None` -> str; `list[str]` -> list."""
    args = [a for a in typing.get_args(hint) if a is not type(None)]
    if typing.get_origin(hint) is list:
        return list
    return args[0] if len(args) == 1 and typing.get_origin(hint) is not list else hint


@pytest.mark.parametrize("name", sorted(CLASSES))
def test_the_fields_of_a_class_are_the_properties_of_its_shape(name: str) -> None:
    schema = class_schema(name)
    fields = set(model.property_names(CLASSES[name])) - {"iri"}
    expected = set(schema.datatype_properties)
    every_language = {
        list_property_name(p) for p, s in schema.datatype_properties.items() if s.datatype == LANG_STRING
    }
    # a language-tagged property may be held only as its every-language list (an organization's prefLabels)
    listed_only = {
        p for p, s in schema.datatype_properties.items()
        if s.datatype == LANG_STRING and list_property_name(p) in fields and p not in fields
    }
    assert expected - listed_only <= fields or name in ("Participation", "CountryAllocation"), (
        expected - fields
    )
    assert fields - expected <= every_language, (
        f"{name} has fields the ontology does not: {fields - expected}"
    )


@pytest.mark.parametrize("name", sorted(CLASSES))
def test_each_field_has_the_python_type_of_its_range(name: str) -> None:
    hints = typing.get_type_hints(CLASSES[name])
    for prop in model.property_names(CLASSES[name]):
        if prop == "iri":
            continue
        if prop not in mapping().datatypes:
            assert _plain(hints[prop]) is list, (
                f"{name}.{prop} is neither a property nor an every-language list"
            )
            continue
        expected = PYTHON_TYPES[mapping().datatypes[prop]]
        if typing.get_origin(hints[prop]) is list:  # a repeated property: a list of its range
            assert class_schema(name).properties[prop].repeated, f"{name}.{prop} is a list but not repeated"
            assert typing.get_args(hints[prop]) == (expected,), f"{name}.{prop}"
            continue
        assert _plain(hints[prop]) is expected, f"{name}.{prop}"


@pytest.mark.parametrize("name", sorted(CLASSES))
def test_link_fields_follow_object_properties_of_the_class(name: str) -> None:
    for each in dataclasses.fields(CLASSES[name]):
        link = each.metadata.get(model.LINK)
        if link is None:
            continue
        assert link in mapping().relationships, f"{name}.{each.name} follows unknown cg:{link}"
        if not each.metadata.get(model.INVERSE):
            assert link in class_schema(name).links, f"the shape of {name} has no cg:{link}"


def test_every_class_the_shapes_describe_has_a_dataclass_or_is_an_organization_kind() -> None:
    shaped = {name for name, schema in class_schemas().items() if schema.properties}
    kinds = set(model.ORGANIZATION_KINDS)
    assert shaped - kinds - set(CLASSES) == set()


def test_organization_kinds_are_most_specific_first() -> None:
    kinds = model.ORGANIZATION_KINDS
    assert kinds[-1] == "Organization"
    assert kinds.index("NGO") < kinds.index("Partner") < kinds.index("Organization")


def test_properties_are_read_from_text_and_written_without_nones() -> None:
    project = model.Project.from_node(
        {"iri": "urn:p", "plannedStart": "2024-01-31", "loadedAt": "2026-01-01T00:00:00.123456789Z", "x": 1}
    )
    assert project.plannedStart == dt.date(2024, 1, 31)
    assert project.loadedAt == dt.datetime(2026, 1, 1, 0, 0, 0, 123456, tzinfo=dt.UTC)
    assert model.node_properties(project) == {
        "iri": "urn:p",
        "plannedStart": dt.date(2024, 1, 31),
        "loadedAt": project.loadedAt,
        "identifier": "",
        "unclassified": False,
        "withdrawn": False,
    }


def test_an_organization_kind_is_its_most_specific_label() -> None:
    org = model.Organization.from_node(
        {"iri": "urn:o", "name": "X", "labels": ["Resource", "Organization", "Partner", "NGO"]}
    )
    assert org.kind == "NGO"
    assert "kind" not in model.node_properties(org)
