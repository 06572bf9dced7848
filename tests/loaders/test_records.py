"""A partner's record names its project fields as the domain model does (in snake case), so a field the
model gains or drops shows here before a loader silently ignores it."""

from __future__ import annotations

import dataclasses
import re

from loaders.records import ProjectRecord
from ontology import model

# What a record carries that is not a property of the project node: where it was read, what could not be
# read, its links (participations, countries, themes, crime types) and the codes classify turns into themes.
_NOT_PROPERTIES = {
    "source_file", "line", "position", "problems", "participations", "countries", "regions", "sectors",
    "sdg_targets", "themes", "crime_types", "titles", "descriptions",
}  # fmt: skip
# Properties the sync core sets itself, never read from a partner's file.
_SET_BY_THE_SYNC_CORE = {"iri", "source", "generatedAt", "url", "title", "titles", "description", "unclassified",
                         "withdrawn", "withdrawnAt", "contentHash", "loadedAt", "sourceFile"}  # fmt: skip


def _camel(name: str) -> str:
    return re.sub(r"_([a-z])", lambda m: m.group(1).upper(), name)


def test_each_field_of_a_record_is_a_project_property_of_the_model() -> None:
    fields = {f.name for f in dataclasses.fields(ProjectRecord)} - _NOT_PROPERTIES
    assert {_camel(name) for name in fields} <= set(model.property_names(model.Project))


def test_each_project_property_comes_from_a_record_or_the_sync_core() -> None:
    fields = {_camel(f.name) for f in dataclasses.fields(ProjectRecord) if f.name not in _NOT_PROPERTIES}
    assert set(model.property_names(model.Project)) - _SET_BY_THE_SYNC_CORE == fields
