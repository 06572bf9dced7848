"""The one mapping between a partner's record and the model's project properties accounts for every property,
so a property the model gains or drops fails here before a loader, a template or the GraphQL input ignores it."""

from __future__ import annotations

import dataclasses

from loaders import project_fields as pf
from loaders.records import ProjectRecord
from ontology import model


def test_each_project_property_is_given_by_a_partner_or_set_by_the_sync_core() -> None:
    properties = set(model.property_names(model.Project))
    given = set(pf.partner_properties())
    assert not given & pf.SET_BY_THE_SYNC_CORE
    assert given | pf.SET_BY_THE_SYNC_CORE == properties


def test_each_property_field_of_a_record_names_a_property_of_the_model() -> None:
    properties = set(model.property_names(model.Project))
    for field, prop in zip(pf.property_fields(), pf.partner_properties(), strict=True):
        assert prop in properties, field
        assert field == pf.NARRATED.get(prop, pf.snake(prop))


def test_links_and_bookkeeping_are_fields_of_a_record_and_no_partner_properties() -> None:
    fields = [f.name for f in dataclasses.fields(ProjectRecord)]
    assert set(pf.LINKS) | set(pf.BOOKKEEPING) <= set(fields)
    # Where a record was read becomes the node's `sourceFile`, which the sync core writes itself.
    camel = {pf.camel(name) for name in (*pf.LINKS, *pf.BOOKKEEPING)}
    assert camel & set(model.property_names(model.Project)) <= pf.SET_BY_THE_SYNC_CORE


def test_a_narrated_property_is_a_text_of_the_model() -> None:
    hints = {f.name: f.type for f in dataclasses.fields(model.Project)}
    assert all(prop in hints for prop in pf.NARRATED)


def test_snake_and_camel_are_inverse_on_every_project_property() -> None:
    for prop in model.property_names(model.Project):
        assert pf.camel(pf.snake(prop)) == prop
