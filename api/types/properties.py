"""GraphQL fields built from the domain model: one field per property of an `ontology.model` class, named
in snake case (GraphQL shows camel case, the model's own name), typed as the model types it and described
by the property's skos:definition in cograph.ttl. A type module then declares only what the model does not
hold (computed fields, links) and its `from_domain` passes `property_values` on."""

from __future__ import annotations

import re
import typing
from collections.abc import Mapping, Sequence
from typing import Any

import strawberry
from rdflib import Literal
from rdflib.namespace import SKOS

from ontology.mapping import LANG_STRING, model
from ontology.namespaces import CG
from ontology.turtle import schema_graph

__all__ = ["model_properties", "property_values", "snake"]

_UPPER = re.compile(r"(?<=[a-z0-9])([A-Z])")


def snake(name: str) -> str:
    """`plannedStart` -> `planned_start` (strawberry shows it as `plannedStart` again)."""
    return _UPPER.sub(r"_\1", name).lower()


def _definition(name: str) -> str | None:
    if (
        name not in model().datatypes
        and name.endswith("s")
        and model().datatypes.get(name[:-1]) == LANG_STRING
    ):
        return f"The {name[:-1]} in every language the source gives."
    values = [v for v in schema_graph().objects(CG[name], SKOS.definition) if isinstance(v, Literal)]
    english = [v for v in values if (v.language or "").startswith("en")]
    return str((english or values)[0]) if values else None


def model_properties(
    cls: type[Any], names: Sequence[str], *, name: str, types: Mapping[str, Any] | None = None
) -> type[Any]:
    """A strawberry type (never in the schema itself: subclass it) with a field for each of `names`, a
    property of the model class `cls`; `types` gives the GraphQL type of those that differ from the model's."""
    hints = typing.get_type_hints(cls)
    given = dict(types or {})
    annotations = {snake(prop): given.get(prop, hints[prop]) for prop in names}
    fields = {snake(prop): strawberry.field(description=_definition(prop)) for prop in names}
    base: type[Any] = type(name, (), {"__annotations__": annotations, **fields})
    return strawberry.type(base)


def property_values(entity: object, names: Sequence[str], **overrides: Any) -> dict[str, Any]:
    """The keyword arguments of a type built by `model_properties`: each property's value, unless given."""
    values = {snake(prop): getattr(entity, prop) for prop in names}
    values.update(overrides)
    return values
