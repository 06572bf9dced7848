"""Query cost analysis: the rows a request may read, estimated before it runs, against a budget.

Depth, alias and token limits do not bound work: `countries(first:100){... projects(first:100){...}}` stays
within all of them and reads a hundred million rows. The cost of an operation is the estimated number of
items its list fields return, multiplied down the tree: a connection returns `first` (or `last`) items, or
the default page; any other list its typical size (LIST_SIZES). A request over the budget is refused before
it runs, with BAD_USER_INPUT and its cost, and the budget bounds the rows (and so the memory) any request
can take.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from typing import Any

from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLNamedType,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLSchema,
    InlineFragmentNode,
    IntValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    VariableNode,
    get_named_type,
)
from strawberry.extensions import SchemaExtension
from strawberry.schema.schema import validate_document

from api.errors import BadUserInput
from api.pagination import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE
from ontology.errors import CographError

__all__ = ["BUDGET_VARIABLE", "DEFAULT_BUDGET", "LIST_SIZES", "QueryCost", "budget", "operation_cost"]

BUDGET_VARIABLE = "COGRAPH_MAX_QUERY_COST"
DEFAULT_BUDGET = 50_000
"""Five pages of 100 projects with every link of each, or a page of 100 with a nested page of 100 each."""
DEFAULT_LIST_SIZE = 10
# Typical sizes of the plain lists that are known to run long, by field name or by `Type.field` where one
# type's list is much shorter than the field name's usual size (the reference data's ~200 countries are party
# to the Protocols; coverage is countries x themes); an estimate errs high rather than low.
LIST_SIZES: Mapping[str, int] = {
    "ratifications": 200,
    "members": 200,
    "commitments": 200,
    "coverage": 2_000,
    "gaps": 1_000,
    "regions": 30,
    # a gap's evidence is what binds one State in one cell: a few instruments, articles and ratifications
    "Gap.instruments": 3,
    "Gap.ratifications": 3,
    "Gap.treatyStatus": 3,
    "Gap.obligations": 20,
    # the network overview's lists are bounded by its limits (defaults in queries/overview.py)
    "NetworkOverview.organizations": 60,
    "NetworkOverview.places": 80,
    "NetworkOverview.links": 600,
    "NetworkOverview.mechanisms": 20,
    "OverviewMechanism.members": 60,
    "OverviewFindings.places": 250,
    "OverviewFindings.organizations": 500,
    "PlaceFindings.gaps": 7,  # one count per gap kind
    "OverviewFindings.unplacedGaps": 7,
}
_LIMIT_ARGUMENTS = ("first", "last")


def budget() -> int:
    """The budget of this process: COGRAPH_MAX_QUERY_COST, else DEFAULT_BUDGET."""
    text = os.environ.get(BUDGET_VARIABLE, "").strip()
    if not text:
        return DEFAULT_BUDGET
    if not text.isdigit() or int(text) < 1:
        raise CographError(f"{BUDGET_VARIABLE}={text!r} is not a positive whole number; set e.g. 50000.")
    return int(text)


def _unwrap(kind: GraphQLOutputType) -> tuple[bool, GraphQLNamedType]:
    """Whether the type is a list, and its named type."""
    while isinstance(kind, GraphQLNonNull):
        kind = kind.of_type
    return isinstance(kind, GraphQLList), get_named_type(kind)


def _is_connection(kind: GraphQLNamedType) -> bool:
    return isinstance(kind, GraphQLObjectType) and {"edges", "nodes", "pageInfo"} <= set(kind.fields)


class _Estimate:
    def __init__(
        self,
        schema: GraphQLSchema,
        fragments: Mapping[str, FragmentDefinitionNode],
        variables: Mapping[str, Any],
    ) -> None:
        self.schema = schema
        self.fragments = fragments
        self.variables = variables

    def _int_argument(self, node: FieldNode, name: str) -> int | None:
        for argument in node.arguments or ():
            if argument.name.value != name:
                continue
            value = argument.value
            if isinstance(value, IntValueNode):
                return int(value.value)
            if isinstance(value, VariableNode):
                given = self.variables.get(value.name.value)
                return given if isinstance(given, int) and not isinstance(given, bool) else None
        return None

    def _size(self, node: FieldNode, owner: GraphQLNamedType, kind: GraphQLNamedType, is_list: bool) -> int:
        if _is_connection(kind):
            asked = [self._int_argument(node, name) for name in _LIMIT_ARGUMENTS]
            given = [value for value in asked if value is not None]
            # Out-of-range sizes are refused by the resolver; here they cost what they could at most read.
            return max(0, min(given[0], MAX_PAGE_SIZE)) if given else DEFAULT_PAGE_SIZE
        if is_list:
            limit = self._int_argument(node, "limit")
            return (
                limit
                if limit is not None and limit >= 0
                else LIST_SIZES.get(
                    f"{owner.name}.{node.name.value}", LIST_SIZES.get(node.name.value, DEFAULT_LIST_SIZE)
                )
            )
        return 1

    def _fields(
        self, selections: SelectionSetNode, parent: GraphQLNamedType
    ) -> Iterator[tuple[FieldNode, GraphQLNamedType]]:
        for selection in selections.selections:
            if isinstance(selection, FieldNode):
                yield selection, parent
            elif isinstance(selection, InlineFragmentNode):
                condition = selection.type_condition
                kind = self.schema.get_type(condition.name.value) if condition else parent
                yield from self._fields(selection.selection_set, kind or parent)
            elif isinstance(selection, FragmentSpreadNode):
                fragment = self.fragments.get(selection.name.value)
                if fragment is not None:
                    kind = self.schema.get_type(fragment.type_condition.name.value)
                    yield from self._fields(fragment.selection_set, kind or parent)

    def cost(self, selections: SelectionSetNode, parent: GraphQLNamedType, multiplier: int) -> int:
        total = 0
        for node, owner in self._fields(selections, parent):
            if not isinstance(owner, GraphQLObjectType | GraphQLInterfaceType):
                continue
            definition = owner.fields.get(node.name.value)
            if definition is None:  # __typename and other meta fields cost nothing
                continue
            is_list, kind = _unwrap(definition.type)
            if _is_connection(owner):  # its nodes and edges are the page the connection field counted
                rows = multiplier
            else:
                rows = multiplier * self._size(node, owner, kind, is_list)
                if is_list or _is_connection(kind):
                    total += rows
            if node.selection_set is not None:
                total += self.cost(node.selection_set, kind, rows)
        return total


def operation_cost(
    schema: GraphQLSchema,
    operation: OperationDefinitionNode,
    fragments: Mapping[str, FragmentDefinitionNode],
    variables: Mapping[str, Any] | None = None,
) -> int:
    """The estimated rows `operation` reads: list sizes multiplied down the selection tree."""
    root = schema.get_root_type(operation.operation)
    if root is None:
        return 0
    return _Estimate(schema, fragments, variables or {}).cost(operation.selection_set, root, 1)


class QueryCost(SchemaExtension):
    """Refuse operations whose estimated cost passes the budget, before they run (after validation)."""

    def __init__(self, max_cost: int | None = None) -> None:
        super().__init__()
        self.max_cost = max_cost

    def on_validate(self) -> Iterator[None]:
        context = self.execution_context
        document = context.graphql_document
        if context.pre_execution_errors is None and document is not None and context.validation_rules:
            # Another extension (ValidationCache) usually validated already; the cost is only defined for
            # valid documents, so validate here otherwise.
            context.pre_execution_errors = validate_document(
                context.schema._schema, document, context.validation_rules
            )
        if document is not None and not context.pre_execution_errors:
            fragments = {
                d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
            }
            operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
            chosen = [
                o
                for o in operations
                if context.operation_name is None or (o.name and o.name.value == context.operation_name)
            ]
            limit = self.max_cost if self.max_cost is not None else budget()
            for operation in chosen[:1]:
                cost = operation_cost(context.schema._schema, operation, fragments, context.variables)
                if cost > limit:
                    message = (
                        f"This query would read about {cost:,} rows, more than the budget of {limit:,}; "
                        "ask for smaller pages (first), fewer nested lists, or page through the results."
                    )
                    context.pre_execution_errors = [
                        GraphQLError(
                            message,
                            nodes=[operation],
                            original_error=BadUserInput(message),
                            extensions={"code": "BAD_USER_INPUT", "cost": cost, "budget": limit},
                        )
                    ]
        yield
