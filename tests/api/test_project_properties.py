"""Which graph properties a page of projects reads for the fields a query selects."""

from __future__ import annotations

import pytest
from graphql import GraphQLObjectType, build_schema

from api.schema import sdl
from api.types.project import FIELD_PROPERTIES, project_properties
from ontology.model import Project, property_names


def test_every_field_of_the_project_type_is_mapped_to_real_properties() -> None:
    project = build_schema(sdl()).get_type("Project")
    assert isinstance(project, GraphQLObjectType)
    assert set(project.fields) | {"__typename"} <= FIELD_PROPERTIES.keys()
    read = {name for names in FIELD_PROPERTIES.values() for name in names}
    assert read <= set(property_names(Project))


def test_the_project_type_shows_every_property_of_the_model() -> None:
    project = build_schema(sdl()).get_type("Project")
    provenance = build_schema(sdl()).get_type("Provenance")
    assert isinstance(project, GraphQLObjectType) and isinstance(provenance, GraphQLObjectType)
    shown = set(project.fields) | set(provenance.fields)
    # url: the ontology allows it on every record, but no project feed gives one yet; activeFrom/activeUntil:
    # index keys cograph derives (start, end and withdrawnAt say the same), with placeholders for open bounds
    assert set(property_names(Project)) - shown == {"url", "activeFrom", "activeUntil"}


def test_the_iri_is_always_read_and_unknown_fields_read_everything() -> None:
    assert project_properties({"title", "start"}) == ("actualStart", "iri", "plannedStart", "title")
    assert project_properties(set()) == ("iri",)
    assert project_properties({"title", "notAField"}) is None


def test_a_property_that_is_not_a_project_field_is_refused() -> None:
    from queries.catalog import _project_projection

    with pytest.raises(ValueError, match="not properties of a project"):
        _project_projection(["title", "name"])
