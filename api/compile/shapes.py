"""What each compiled GraphQL type is in the graph: its label, the fields read as properties, its walks.

Everything here is derived from the domain model (`ontology.model`, `ontology.mapping`) and the strawberry
types: a field is read straight from a node property when the type's field has no resolver of its own and
is named as a property of the model class. Relations and computed fields are listed by name with the walk or
expression that answers them; a field found in neither is answered by the type's own resolver (a fallback).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

from graphql import GraphQLObjectType, GraphQLSchema

from graph.cypher import quote_name
from ontology import model as m
from ontology.mapping import labels_for, relationship_type

__all__ = [
    "CONNECTION_SCOPES",
    "NODE_TYPES",
    "Walk",
    "kind_type_names",
    "label",
    "node_type",
    "property_fields",
    "rel",
]


def label(name: str) -> str:
    """A label of the model, checked against the ontology and quoted."""
    labels_for(name)
    return quote_name(name)


def rel(prop: str) -> str:
    """The relationship type of a cg: object property (by local name), quoted."""
    return quote_name(relationship_type(prop))


@dataclass(frozen=True)
class NodeType:
    """A GraphQL type whose objects are nodes of one model class."""

    model: type[m.Entity]
    label: str
    build: Callable[[dict[str, Any]], Any]
    """The strawberry object of a node map `{.*, labels}`, for the fields answered by their resolvers."""
    booleans: tuple[str, ...] = ()
    """Properties shown as a plain boolean (absent means false, as the type's `from_domain` does)."""


def _project(node: dict[str, Any]) -> Any:
    from api.types.project import Project

    return Project.from_node(node)


def _organization(node: dict[str, Any]) -> Any:
    from api.types.organization import organization_from_node

    return organization_from_node(node)


def _country(node: dict[str, Any]) -> Any:
    from api.types.place import Country

    return Country.from_node(node)


def _theme(node: dict[str, Any]) -> Any:
    from api.types.theme import Theme

    return Theme.from_node(node)


_PROJECT = NodeType(m.Project, "Project", _project, booleans=("unclassified", "withdrawn"))
_ORGANIZATION = NodeType(m.Organization, "Organization", _organization)


@cache
def kind_type_names() -> dict[str, str]:
    """The GraphQL type of each organization kind (a label of the model), as api.types.organization names it."""
    from api.types.organization import KINDS

    return {kind: cls.__strawberry_definition__.name for kind, cls in KINDS.items()}  # type: ignore[attr-defined]


@cache
def _node_types() -> dict[str, NodeType]:
    found = {
        "Project": _PROJECT,
        "Country": NodeType(m.Country, "Country", _country),
        "Theme": NodeType(m.Theme, "Theme", _theme),
        "Organization": _ORGANIZATION,
    }
    found.update(dict.fromkeys(kind_type_names().values(), _ORGANIZATION))
    return found


def node_type(type_name: str) -> NodeType | None:
    """The node type behind a GraphQL type name, None for types that are not one node of the model."""
    return _node_types().get(type_name)


NODE_TYPES = ("Project", "Organization", "Country", "Theme")


@dataclass(frozen=True)
class Walk:
    """A list (or single object) reached from a node by a fixed pattern, in the order the resolvers give."""

    pattern: str
    """Cypher pattern from `{v}` to the target `{t}` (and the reified link `{x}`); names from the model."""
    order: str
    """ORDER BY of the items, over `{t}` and `{x}`."""
    item: str
    """The GraphQL type of the items (a node type, or a reified link: Participation, CountryAllocation)."""
    role: bool = False
    """Takes the participation `role` argument."""


@cache
def walks() -> dict[tuple[str, str], Walk]:
    """The compiled relations, by (GraphQL type, field)."""
    name_order = "coalesce({t}.name, {t}.title, {t}.prefLabel, {t}.iri), {t}.iri"
    participations = Walk(
        f"({{v}})-[:{rel('hasParticipation')}]->({{x}}:{label('Participation')})"
        f"-[:{rel('participant')}]->({{t}}:{label('Organization')})",
        "{x}.role, coalesce({t}.name, {t}.iri)",
        "Participation",
        role=True,
    )
    countries = Walk(
        f"({{v}})-[:{rel('hasCountryAllocation')}]->({{x}}:{label('CountryAllocation')})"
        f"-[:{rel('country')}]->({{t}}:{label('Country')})",
        "coalesce({x}.percentage, 0) DESC, {t}.iso2",
        "CountryAllocation",
    )
    themes = Walk(f"({{v}})-[:{rel('theme')}]->({{t}}:{label('Theme')})", name_order, "Theme")
    crime_types = Walk(f"({{v}})-[:{rel('crimeType')}]->({{t}}:{label('Theme')})", name_order, "Theme")
    return {
        ("Project", "participations"): participations,
        ("Project", "countries"): countries,
        ("Project", "themes"): themes,
        ("Project", "crimeTypes"): crime_types,
    }


CONNECTION_SCOPES: dict[str, str] = {"Organization": "organization", "Country": "country", "Theme": "theme"}
"""The `projects(...)` connection of a node type, by the scope `queries.catalog.SCOPE_MATCHES` names."""

_COMPUTED: dict[tuple[str, str], str] = {
    ("Project", "start"): "coalesce({v}.actualStart, {v}.plannedStart)",
    ("Project", "end"): "coalesce({v}.actualEnd, {v}.plannedEnd)",
}


def _strawberry_resolved(kind: GraphQLObjectType, field: str) -> bool:
    definition = kind.fields[field].extensions.get("strawberry-definition")
    return definition is None or definition.base_resolver is not None


def property_fields(schema: GraphQLSchema, type_name: str) -> dict[str, str]:
    """The fields of a type read as expressions of the node `{v}`: its model properties and computed ones."""
    return _property_fields(schema, type_name)


_CACHE: dict[tuple[int, str], dict[str, str]] = {}


def _property_fields(schema: GraphQLSchema, type_name: str) -> dict[str, str]:
    key = (id(schema), type_name)
    if key in _CACHE:
        return _CACHE[key]
    kind = schema.get_type(type_name)
    found: dict[str, str] = {}
    shape = node_type(type_name)
    model_name = "Provenance" if type_name == "Provenance" else shape.label if shape else None
    if isinstance(kind, GraphQLObjectType) and model_name is not None:
        cls = m.Project if model_name == "Provenance" else shape.model if shape else m.Project
        names = set(m.property_names(cls)) - {"titles"}  # titles are parsed by LocalizedText
        booleans = _PROJECT.booleans if cls is m.Project else ()
        for field in kind.fields:
            if field in names and not _strawberry_resolved(kind, field):
                found[field] = (
                    f"coalesce({{v}}.{quote_name(field)}, false)"
                    if field in booleans
                    else f"{{v}}.{quote_name(field)}"
                )
        if model_name == "Organization":
            found["kind"] = "{k}"
        for (owner, field), expression in _COMPUTED.items():
            if owner == model_name and field in kind.fields:
                found[field] = expression
    _CACHE[key] = found
    return found
