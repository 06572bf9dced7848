"""A root field's selection set, as graphql-core collects it, turned into a plan and its parameters.

Fields are collected by the executor's own `collect_subfields` (fragments, inline fragments, @skip and
@include, merged response keys exactly as execution sees them) and arguments coerced by graphql-core and
strawberry as for a resolver, then checked by the same functions the resolvers use (`window`, the filters'
`to_query`). Anything the compiler does not cover raises NotCompilable for a list (the field then runs its
resolvers) or marks an object so that the field is answered by its resolver from the node (a fallback).
"""

from __future__ import annotations

import re
from typing import Any, Protocol

from graphql import (
    GraphQLField,
    GraphQLInterfaceType,
    GraphQLObjectType,
    GraphQLSchema,
    get_named_type,
)
from graphql.execution.collect_fields import CollectedFields, FieldDetailsList
from graphql.execution.values import get_argument_values
from strawberry.types.arguments import convert_arguments

from api.compile import lists
from api.compile.plan import (
    Connection,
    Entry,
    Linked,
    Listed,
    Lookup,
    NotCompilable,
    Obj,
    PageField,
    Root,
    Value,
)
from api.compile.shapes import CONNECTION_SCOPES, kind_type_names, node_type, property_fields, walks
from ontology.errors import CographError

__all__ = ["Executing", "Selection"]

_LINK_VALUES = {("Participation", "role"): "{x}.role", ("CountryAllocation", "percentage"): "{x}.percentage"}
_LINK_OBJECTS = {
    ("Participation", "organization"): "t",
    ("Participation", "project"): "v",
    ("CountryAllocation", "country"): "t",
    ("CountryAllocation", "project"): "v",
}
_LOOKUPS = {"project": "Project", "organization": "Organization", "country": "Country"}
_NARROWED = re.compile(r"\.\.\.\s*on\s+(\w+)")


class Executing(Protocol):
    """What the walk needs of the executor: its schema, variables, and field collection."""

    schema: GraphQLSchema
    variable_values: Any

    def collect_subfields(
        self, return_type: GraphQLObjectType, field_details_list: FieldDetailsList
    ) -> CollectedFields: ...


class Selection:
    """One root field's walk: `root` returns the plan; `params` then holds every value it reads."""

    def __init__(self, executor: Executing, strawberry_schema: Any) -> None:
        self.executor = executor
        self.schema = executor.schema
        self.strawberry = strawberry_schema
        self.params: dict[str, Any] = {}
        self._lists = 0
        self._roles = 0

    # -- arguments -------------------------------------------------------------------------------------
    def arguments(self, field: GraphQLField, details: FieldDetailsList) -> dict[str, Any]:
        """The field's arguments as its resolver would get them (strawberry inputs, enums, defaults)."""
        first = details[0]
        raw = get_argument_values(
            field, first.node, self.executor.variable_values, first.fragment_variable_values
        )
        definition = field.extensions.get("strawberry-definition")
        if definition is None:
            raise NotCompilable(field.ast_node)
        return convert_arguments(
            raw,
            definition.arguments,
            self.strawberry.schema_converter.scalar_registry,
            self.strawberry.config,
        )

    # -- collection ----------------------------------------------------------------------------------
    def _collect(self, kind: GraphQLObjectType, details: FieldDetailsList) -> dict[str, FieldDetailsList]:
        collected = self.executor.collect_subfields(kind, details)
        if collected.new_defer_usages:
            raise NotCompilable("@defer")
        return dict(collected.grouped_field_set)

    def _object_type(self, type_name: str, details: FieldDetailsList) -> GraphQLObjectType:
        kind = self.schema.get_type(type_name)
        if isinstance(kind, GraphQLInterfaceType):
            # One projection serves every kind of organization only if no fragment narrows to one kind.
            for each in details:
                loc = each.node.loc
                text = loc.source.body[loc.start : loc.end] if loc is not None else "... on ?"
                if any(name != type_name for name in _NARROWED.findall(text)):
                    raise NotCompilable(f"fragments on kinds of {type_name}")
            kind = self.schema.get_type(kind_type_names()["Organization"])
        if not isinstance(kind, GraphQLObjectType):
            raise NotCompilable(type_name)
        return kind

    # -- objects --------------------------------------------------------------------------------------
    def node(self, type_name: str, details: FieldDetailsList) -> Obj:
        """An object of a node type: its properties, walks and lists; other fields from `#node`."""
        kind = self._object_type(type_name, details)
        shape = node_type(kind.name)
        if shape is None:
            raise NotCompilable(type_name)
        values = property_fields(self.schema, kind.name)
        entries: list[Entry] = []
        fallback = False
        for key, group in self._collect(kind, details).items():
            name = group[0].node.name.value
            if name.startswith("__"):
                continue
            field = kind.fields[name]
            if name in values and not field.args:
                entries.append(Value(key, values[name]))
            elif name == "provenance" and shape.label == "Project":
                entries.append(Linked(key, "v", self._plain("Provenance", group)))
            elif (shape.label, name) in walks():
                entries.append(self._listed(key, (shape.label, name), field, group))
            elif name == "projects" and shape.label in CONNECTION_SCOPES:
                try:
                    entries.append(self._nested_list(key, CONNECTION_SCOPES[shape.label], field, group))
                except NotCompilable:
                    fallback = True
            else:
                fallback = True
        return Obj(kind.name, tuple(entries), node=fallback, kind=shape.label == "Organization")

    def _plain(self, type_name: str, details: FieldDetailsList) -> Obj:
        """An object of the node's own properties (a project's provenance)."""
        kind = self._object_type(type_name, details)
        values = property_fields(self.schema, type_name)
        entries: list[Entry] = []
        for key, group in self._collect(kind, details).items():
            name = group[0].node.name.value
            if name.startswith("__"):
                continue
            if name not in values:
                raise NotCompilable(f"{type_name}.{name}")
            entries.append(Value(key, values[name]))
        return Obj(type_name, tuple(entries))

    def _link(self, type_name: str, details: FieldDetailsList) -> Obj:
        """A reified link (participation, country allocation): its value and the nodes at either end."""
        kind = self._object_type(type_name, details)
        entries: list[Entry] = []
        for key, group in self._collect(kind, details).items():
            name = group[0].node.name.value
            if name.startswith("__"):
                continue
            target = get_named_type(kind.fields[name].type).name
            if (type_name, name) in _LINK_VALUES:
                entries.append(Value(key, _LINK_VALUES[(type_name, name)]))
            elif (type_name, name) in _LINK_OBJECTS:
                entries.append(Linked(key, _LINK_OBJECTS[(type_name, name)], self.node(target, group)))
            else:
                raise NotCompilable(f"{type_name}.{name}")
        return Obj(type_name, tuple(entries))

    def _listed(
        self, key: str, walk: tuple[str, str], field: GraphQLField, details: FieldDetailsList
    ) -> Listed:
        item = walks()[walk].item
        role = None
        if walks()[walk].role:
            given = self.arguments(field, details).get("role")
            role = f"r{self._roles}_role"
            self._roles += 1
            self.params[role] = str(given.value) if given is not None else None
        obj = self.node(item, details) if node_type(item) else self._link(item, details)
        return Listed(key, walk, obj, role)

    # -- lists ----------------------------------------------------------------------------------------
    def root(self, key: str, field: GraphQLField, details: FieldDetailsList) -> Root:
        """The plan of a root list (`projects`, `organizations`, `countries`) or lookup (`project` ...)."""
        arguments = self.arguments(field, details)
        name = details[0].node.name.value
        if name not in _LOOKUPS:
            return self._list(key, None, field, details, arguments)
        type_name = get_named_type(field.type).name
        if name == "country":
            prop, value = "iso2", str(arguments["iso2"]).strip().upper()
        elif arguments.get("iri") is not None and all(
            arguments.get(other) is None for other in ("identifier", "partner")
        ):
            prop, value = "iri", str(arguments["iri"])
        else:  # identifiers need not be unique: the resolver picks among them, and checks the arguments
            raise NotCompilable(name)
        self.params["lookup"] = value
        return Lookup(_LOOKUPS[name], prop, "lookup", self.node(type_name, details))

    def _nested_list(
        self, key: str, scope: str, field: GraphQLField, details: FieldDetailsList
    ) -> Connection:
        try:
            return self._list(key, scope, field, details, self.arguments(field, details))
        except CographError as error:
            # a bad argument: the resolver reports it at the list's own path, its parent's data intact
            raise NotCompilable(str(error)) from error

    def _list(
        self,
        key: str,
        scope: str | None,
        field: GraphQLField,
        details: FieldDetailsList,
        arguments: dict[str, Any],
    ) -> Connection:
        prefix = f"c{self._lists}_"
        self._lists += 1
        connection = get_named_type(field.type)
        if not isinstance(connection, GraphQLObjectType):
            raise NotCompilable(key)
        item_type = get_named_type(connection.fields["nodes"].type).name
        fields, wants_total = self._page_fields(connection, details, item_type)
        found = lists.choose(
            item_type, scope, arguments, wants_total, self.params, prefix, nested=scope is not None
        )
        start, scoped, distinct, conditions, order, total, walk = found
        return Connection(
            key, prefix, start, scoped, distinct, conditions, order, total, fields=fields, walk=walk
        )

    def _page_fields(
        self, connection: GraphQLObjectType, details: FieldDetailsList, item_type: str
    ) -> tuple[tuple[PageField, ...], bool]:
        fields: list[PageField] = []
        total = False
        for key, group in self._collect(connection, details).items():
            name = group[0].node.name.value
            if name == "nodes":
                fields.append(PageField(key, name, item=self.node(item_type, group)))
            elif name == "edges":
                edge = get_named_type(connection.fields["edges"].type)
                assert isinstance(edge, GraphQLObjectType)
                subs = []
                for sub_key, sub in self._collect(edge, group).items():
                    sub_name = sub[0].node.name.value
                    if sub_name == "node":
                        subs.append(PageField(sub_key, sub_name, item=self.node(item_type, sub)))
                    elif sub_name == "cursor":
                        subs.append(PageField(sub_key, sub_name))
                fields.append(PageField(key, name, fields=tuple(subs)))
            elif name == "pageInfo":
                info = get_named_type(connection.fields["pageInfo"].type)
                assert isinstance(info, GraphQLObjectType)
                subs = [
                    PageField(sub_key, sub[0].node.name.value)
                    for sub_key, sub in self._collect(info, group).items()
                    if not sub[0].node.name.value.startswith("__")
                ]
                fields.append(PageField(key, name, fields=tuple(subs)))
            elif name == "totalCount":
                total = True
                fields.append(PageField(key, name))
        return tuple(fields), total
