"""The executor that answers `projects`, `organizations` and `countries` with one compiled statement each.

A compiled root field's value is a plain dict whose keys are response keys; below it, a field found in its
map is completed straight from it (leaves converted once, no resolver, no DataLoader), and a field missing
from it is answered by the type's own resolver on the object built from the node map `#node` (a fallback).
Validation, the cost limit, error shapes and nullability are graphql-core's: completion still goes through
`complete_value` for every object and list.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from typing import Any

from graphql import (
    GraphQLAbstractType,
    GraphQLEnumType,
    GraphQLObjectType,
    GraphQLResolveInfo,
    GraphQLScalarType,
    get_named_type,
    is_leaf_type,
    is_list_type,
    is_non_null_type,
)
from graphql.execution.collect_fields import FieldDetailsList
from graphql.pyutils import AwaitableOrValue, Path, Undefined, UndefinedType
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext
from strawberry.schema.schema_converter import GraphQLCoreConverter

from api.compile.cache import statements
from api.compile.cypher import KIND, KINDS_PARAMETER, NODE
from api.compile.plan import NotCompilable
from api.compile.selection import Selection
from api.compile.shapes import kind_type_names, node_type
from api.pagination import encode_cursor
from ontology.errors import CographError
from ontology.model import ORGANIZATION_KINDS

__all__ = ["COMPILED_ROOTS", "SWITCH", "CompilingExecutionContext", "compiled_enabled"]

COMPILED_ROOTS = frozenset({"projects", "organizations", "countries", "project", "organization", "country"})
SWITCH = "COGRAPH_COMPILED_READS"
"""Set to 0 to answer every field with its resolvers (to compare the two paths): the compiled roots and the
plain leaves read straight from their objects (`_plain_leaf`)."""
_OBJECT = "#object"
_DEFINITION = GraphQLCoreConverter.DEFINITION_BACKREF
_BUILTIN = frozenset({"String", "ID", "Int", "Float", "Boolean"})

Leaf = tuple[Callable[[Any], Any] | None, bool]
Plan = tuple[tuple[str, str | None, Leaf | None], ...]
"""An object's response keys, each with the attribute it reads and how (None, None: `__typename`)."""
_LEAVES: dict[tuple[int, str, str], Leaf | None] = {}


def compiled_enabled() -> bool:
    return os.environ.get(SWITCH, "1").strip() != "0"


def _enum_names(kind: GraphQLEnumType) -> Callable[[Any], Any]:
    names = {value.value: name for name, value in kind.values.items()}
    return names.get


def _leaf(schema_id: int, parent: GraphQLObjectType, name: str) -> Leaf | None:
    """How a leaf field's stored value becomes its output (None: not a leaf); memoised per schema."""
    key = (schema_id, parent.name, name)
    if key in _LEAVES:
        return _LEAVES[key]
    field = parent.fields[name]
    named = get_named_type(field.type)
    found: Leaf | None = None
    if is_leaf_type(named):
        convert: Callable[[Any], Any] | None
        if (name == "cursor" and parent.name.endswith("Edge")) or (
            parent.name == "PageInfo" and name in ("startCursor", "endCursor")
        ):
            convert = encode_cursor
        elif isinstance(named, GraphQLEnumType):
            convert = _enum_names(named)
        elif isinstance(named, GraphQLScalarType) and named.name in _BUILTIN:
            convert = None
        else:
            convert = named.serialize
        found = (convert, is_non_null_type(field.type))
    _LEAVES[key] = found
    return found


_PLAIN: dict[tuple[int, str, str], tuple[str, Leaf] | None] = {}


def _plain_leaf(schema_id: int, parent: GraphQLObjectType, name: str) -> tuple[str, Leaf] | None:
    """For a leaf field that strawberry answers by reading an attribute (no resolver, no permission, no
    extension: its resolver is marked `_is_default`), the attribute's name and how its value becomes the
    output; None for any other field. Memoised per schema."""
    key = (schema_id, parent.name, name)
    if key in _PLAIN:
        return _PLAIN[key]
    found: tuple[str, Leaf] | None = None
    field = parent.fields.get(name)
    definition = field.extensions.get(_DEFINITION) if field is not None else None
    if field is not None and getattr(field.resolve, "_is_default", False) and definition is not None:
        named = get_named_type(field.type)
        builtin = isinstance(named, GraphQLScalarType) and named.name in _BUILTIN
        outer = field.type.of_type if is_non_null_type(field.type) else field.type
        if is_leaf_type(outer):
            found = (
                definition.python_name,
                (None if builtin else named.serialize, is_non_null_type(field.type)),
            )
        elif (
            builtin
            and is_list_type(outer)
            and is_non_null_type(outer.of_type)
            and outer.of_type.of_type is named
        ):
            # a list of non-null built-in scalars (IRIs, codes): copied, each item checked for null
            found = (definition.python_name, (_strict_items, is_non_null_type(field.type)))
    _PLAIN[key] = found
    return found


class _Irregular(Exception):
    """A plain value that graphql-core's own completion must answer (its error has its shape and path)."""


def _strict_items(values: Any) -> list[Any]:
    if isinstance(values, str | bytes | dict):
        raise _Irregular
    items = list(values)
    if any(item is None for item in items):
        raise _Irregular
    return items


def _leaf_value(source: Any, attribute: str, convert: Callable[[Any], Any] | None) -> Any:
    """A plain leaf's output: its attribute, converted when it is not null."""
    value = getattr(source, attribute)
    return convert(value) if value is not None and convert is not None else value


def _read_plain(return_type: GraphQLObjectType, source: Any, plan: Plan) -> dict[str, Any]:
    """An object of plain leaves read in one pass (`_plain_object`); raises on anything irregular (a null in a
    non-null field, a value its type does not serialize), which graphql-core's completion then reports."""
    out: dict[str, Any] = {}
    for response_key, attribute, leaf in plan:
        if attribute is None or leaf is None:
            out[response_key] = return_type.name
            continue
        convert, required = leaf
        value = _leaf_value(source, attribute, convert)
        if value is None and required:
            raise _Irregular
        out[response_key] = value
    return out


def _plain_plan(
    schema_id: int, return_type: GraphQLObjectType, grouped: Iterable[tuple[str, FieldDetailsList]]
) -> Plan | None:
    """The plan of a selection that is plain leaves only (and `__typename`); None when a field is not."""
    plan: list[tuple[str, str | None, Leaf | None]] = []
    for response_key, details in grouped:
        name = details[0].node.name.value
        if name == "__typename":
            plan.append((response_key, None, None))
            continue
        plain = _plain_leaf(schema_id, return_type, name)
        if plain is None:
            return None
        plan.append((response_key, plain[0], plain[1]))
    return tuple(plan)


class CompilingExecutionContext(StrawberryGraphQLCoreExecutionContext):
    """Strawberry's executor, with compiled root lists and resolver-free completion of their maps, and of
    the plain leaves of any object (an analytics answer's thousands of codes and numbers)."""

    def execute_field(
        self,
        parent_type: GraphQLObjectType,
        source: Any,
        field_details_list: FieldDetailsList,
        path: Path,
        position_context: Any = None,
    ) -> AwaitableOrValue[Any] | UndefinedType:
        if type(source) is dict:
            return self._from_map(parent_type, source, field_details_list, path, position_context)
        if source is not None and self._plain_enabled():
            plain = _plain_leaf(id(self.schema), parent_type, field_details_list[0].node.name.value)
            if plain is not None:  # e.g. the thousands of numbers of an analytics answer
                try:
                    return self._attribute(parent_type, source, plain, field_details_list, path)
                except _Irregular:
                    pass
        if (
            parent_type is self.schema.query_type
            and field_details_list[0].node.name.value in COMPILED_ROOTS
            and compiled_enabled()
        ):
            return self._compiled(parent_type, field_details_list, path, position_context)
        return super().execute_field(parent_type, source, field_details_list, path, position_context)

    def _plain_enabled(self) -> bool:
        enabled = self.__dict__.get("_plain")
        if enabled is None:
            enabled = self.__dict__["_plain"] = compiled_enabled()
        return enabled

    # -- a compiled root field ----------------------------------------------------------------------
    def _compiled(
        self,
        parent_type: GraphQLObjectType,
        details: FieldDetailsList,
        path: Path,
        position_context: Any,
    ) -> AwaitableOrValue[Any] | UndefinedType:
        node = details[0].node
        field = self.schema.get_field(parent_type, node.name.value)
        if field is None:
            return Undefined
        walk = Selection(self, getattr(self.schema, "_strawberry_schema"))  # noqa: B009 - set by strawberry
        try:
            plan = walk.root(str(path.key), field, details)
        except NotCompilable:
            return super().execute_field(parent_type, None, details, path, position_context)
        except CographError as error:  # a bad argument: reported as the resolver would
            self.handle_field_error(error, field.type, details, path)
            return None
        loc = self.operation.loc
        document = loc.source.body if loc is not None else str(id(self.operation))
        name = self.operation.name.value if self.operation.name else None
        text = statements.text((document, name, (str(path.key),)), plan)
        params = {KINDS_PARAMETER: list(ORGANIZATION_KINDS), **walk.params}
        context = self.context_value

        async def read() -> Any:
            rows = await context.run(lambda graph: graph.read(text, params))
            return rows[0]["data"] if rows else None

        info = self.build_resolve_info(field, [d.node for d in details], parent_type, path)
        return self.complete_awaitable_value(field.type, details, info, path, read(), position_context)

    # -- the maps below it ------------------------------------------------------------------------
    def _from_map(
        self,
        parent_type: GraphQLObjectType,
        source: dict[str, Any],
        details: FieldDetailsList,
        path: Path,
        position_context: Any,
    ) -> AwaitableOrValue[Any] | UndefinedType:
        name = details[0].node.name.value
        key = path.key
        if name.startswith("__"):
            return super().execute_field(parent_type, source, details, path, position_context)
        if key not in source:
            owner = self._object(parent_type, source)
            return super().execute_field(parent_type, owner, details, path, position_context)
        value = source[key]
        leaf = _leaf(id(self.schema), parent_type, name)
        if leaf is not None:
            convert, required = leaf
            if value is not None and convert is not None:
                value = convert(value)
            if value is None and required:
                self._null(parent_type, name, details, path)
            return value
        field = parent_type.fields[name]
        info = self.build_resolve_info(field, [d.node for d in details], parent_type, path)
        try:
            completed = self.complete_value(field.type, details, info, path, value, position_context)
        except Exception as error:
            self.handle_field_error(error, field.type, details, path)
            return None
        if self.is_awaitable(completed):

            async def awaited() -> Any:
                try:
                    return await completed
                except Exception as error:
                    self.handle_field_error(error, field.type, details, path)
                    return None

            return awaited()
        return completed

    def _attribute(
        self,
        parent_type: GraphQLObjectType,
        source: Any,
        plain: tuple[str, Leaf],
        details: FieldDetailsList,
        path: Path,
    ) -> Any:
        """A plain leaf read from its object as strawberry's default resolver reads it, without the
        resolve info, resolver call and completion graphql-core spends on every field."""
        attribute, (convert, required) = plain
        try:
            value = _leaf_value(source, attribute, convert)
        except _Irregular:
            raise
        except Exception as error:
            field = parent_type.fields[details[0].node.name.value]
            self.handle_field_error(error, field.type, details, path)
            return None
        if value is None and required:
            self._null(parent_type, details[0].node.name.value, details, path)
        return value

    def _null(self, parent_type: GraphQLObjectType, name: str, details: FieldDetailsList, path: Path) -> None:
        """A non-null leaf found null: the error graphql-core reports, at the field's path."""
        error = TypeError(f"Cannot return null for non-nullable field {parent_type.name}.{name}.")
        self.handle_field_error(error, parent_type.fields[name].type, details, path)

    def _object(self, parent_type: GraphQLObjectType, source: dict[str, Any]) -> Any:
        """The strawberry object of a compiled node, for the fields its resolvers answer."""
        found = source.get(_OBJECT)
        if found is None:
            shape = node_type(parent_type.name)
            if shape is None or NODE not in source:
                raise NotCompilable(f"{parent_type.name} was compiled without its node")
            found = source[_OBJECT] = shape.build(source[NODE])
        return found

    def complete_abstract_value(
        self,
        return_type: GraphQLAbstractType,
        field_details_list: FieldDetailsList,
        info: GraphQLResolveInfo[Any],
        path: Path,
        result: Any,
        position_context: Any,
    ) -> AwaitableOrValue[Any]:
        if type(result) is dict and KIND in result:
            runtime = self.ensure_valid_runtime_type(
                kind_type_names().get(result[KIND], kind_type_names()["Organization"]),
                return_type,
                field_details_list,
                info,
                result,
            )
            return self.collect_and_execute_subfields(
                runtime, field_details_list, path, result, position_context
            )
        return super().complete_abstract_value(
            return_type, field_details_list, info, path, result, position_context
        )

    def complete_object_value(
        self,
        return_type: GraphQLObjectType,
        field_details_list: FieldDetailsList,
        info: GraphQLResolveInfo[Any],
        path: Path,
        result: Any,
        position_context: Any,
    ) -> AwaitableOrValue[Any]:
        if type(result) is dict:  # a compiled map is of the type its plan was made for
            return self.collect_and_execute_subfields(
                return_type, field_details_list, path, result, position_context
            )
        if self._plain_enabled():
            plan = self._plain_object(return_type, field_details_list)
            if plan is not None and (
                return_type.is_type_of is None or return_type.is_type_of(result, info) is True
            ):
                try:
                    return _read_plain(return_type, result, plan)
                except Exception:  # graphql-core's own completion reports it, at its path
                    pass
        return super().complete_object_value(
            return_type, field_details_list, info, path, result, position_context
        )

    def _plain_object(
        self, return_type: GraphQLObjectType, field_details_list: FieldDetailsList
    ) -> Plan | None:
        """For a selection of plain leaves only (and `__typename`), each response key with the attribute it
        reads and how; None when any field needs its resolver or the selection defers. Memoised per selection
        for this execution, as graphql-core memoises the collected subfields (the list kept alive with it)."""
        memo: dict[tuple[str, int], tuple[FieldDetailsList, Plan | None]] = self.__dict__.setdefault(
            "_plain_objects", {}
        )
        key = (return_type.name, id(field_details_list))
        found = memo.get(key)
        if found is not None:
            return found[1]
        grouped, defers, _ = self.collect_subfields(return_type, field_details_list)
        answer = None if defers else _plain_plan(id(self.schema), return_type, grouped.items())
        memo[key] = (field_details_list, answer)
        return answer
