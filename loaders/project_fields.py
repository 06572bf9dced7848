"""How a partner's project record carries the domain model's project properties: the one explicit mapping.

A `ProjectRecord` (loaders/records.py) names each property a partner gives as `ontology.model.Project` does,
in snake case (`planned_start` for `plannedStart`); a text property kept in every language (`title`,
`description`) comes as its list of narratives (`titles`, `descriptions`). Besides these a record holds its
links and where it was read; the properties a partner never gives are set by the sync core. The template
columns (loaders/template.py), the GraphQL input (api/types/sync.py) and the project node
(loaders/mapping.py) are derived from here, and tests/loaders/test_project_fields.py fails when the model
gains or loses a project property this module does not account for.
"""

from __future__ import annotations

import dataclasses
import re
from functools import cache

from loaders.records import ProjectRecord
from ontology import model
from ontology.mapping import list_property_name

__all__ = [
    "BOOKKEEPING",
    "LINKS",
    "NARRATED",
    "SET_BY_THE_SYNC_CORE",
    "camel",
    "partner_properties",
    "property_fields",
    "snake",
]

NARRATED = {"title": "titles", "description": "descriptions"}
"""A project text property and the record field holding its narratives (one per language)."""
LINKS = ("participations", "countries", "regions", "sectors", "sdg_targets", "themes", "crime_types")
"""Record fields that become relationships (or, for sectors and SDG targets, themes), not node properties."""
BOOKKEEPING = ("source_file", "line", "position", "problems")
"""Record fields saying where the record was read and what could not be read."""
SET_BY_THE_SYNC_CORE = frozenset(
    {
        *(name for name in model.property_names(model.Entity)),  # the IRI and the provenance of the node
        # `titles`: every language of the title, kept from the record's narratives
        *(
            list_name
            for list_name in map(list_property_name, NARRATED)
            if list_name in model.property_names(model.Project)
        ),
        "unclassified",
        "withdrawn",
        "withdrawnAt",
        "activeFrom",
        "activeUntil",
        "contentHash",
        "loadedAt",
        "sourceFile",
    }
)
"""Project properties the sync core records itself: a partner never gives them."""

_UPPER = re.compile(r"(?<=[a-z0-9])([A-Z])")
_UNDERSCORE = re.compile(r"_([a-z])")


@cache  # the sync core asks for every property of every record
def snake(name: str) -> str:
    """`plannedStart` -> `planned_start`."""
    return _UPPER.sub(r"_\1", name).lower()


def camel(name: str) -> str:
    """`planned_start` -> `plannedStart`."""
    return _UNDERSCORE.sub(lambda m: m.group(1).upper(), name)


@cache
def property_fields() -> tuple[str, ...]:
    """The record fields carrying a project property a partner gives, in the record's order."""
    other = {*LINKS, *BOOKKEEPING}
    return tuple(f.name for f in dataclasses.fields(ProjectRecord) if f.name not in other)


@cache
def partner_properties() -> tuple[str, ...]:
    """The project properties a partner gives, in the record's order (`title` for the field `titles`)."""
    narrated = {field: prop for prop, field in NARRATED.items()}
    return tuple(narrated.get(name) or camel(name) for name in property_fields())
