"""Query cost analysis: over-budget operations are refused before they run, with their computed cost."""

from __future__ import annotations

import pytest
from graphql import FragmentDefinitionNode, OperationDefinitionNode, parse

from api.cost import BUDGET_VARIABLE, DEFAULT_BUDGET, operation_cost
from api.schema import public_error, schema

# Issue 11, item 2: within the depth, alias and token limits, ~9 s and 9 MB per request before.
NESTED = (
    "{ countries(first:100){nodes{iso2 projects(first:100){nodes{iri countries{country{"
    "projects(first:100){nodes{iri organizations{name}}}}}}}}} }"
)


def _cost(text: str, variables: dict[str, object] | None = None) -> int:
    document = parse(text)
    fragments = {d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)}
    operation = next(d for d in document.definitions if isinstance(d, OperationDefinitionNode))
    return operation_cost(schema._schema, operation, fragments, variables)


def test_cost_multiplies_page_sizes_down_the_tree() -> None:
    assert _cost("{ projects(first: 7) { totalCount nodes { iri } } }") == 7
    assert _cost("{ projects { nodes { iri } } }") == 20  # the default page
    assert _cost("{ projects(first: 10) { nodes { organizations { name } } } }") == 10 + 10 * 10
    assert (
        _cost("{ countries(first: 5) { edges { node { projects(first: 4) { nodes { iri } } } } } }") == 5 + 20
    )


def test_variables_and_fragments_count() -> None:
    text = (
        "query Q($n: Int!) { projects(first: $n) { ...P } } fragment P on ProjectConnection { nodes { iri } }"
    )
    assert _cost(text, {"n": 42}) == 42


def test_the_issue_query_costs_a_hundred_million_rows() -> None:
    assert _cost(NESTED) == 110_110_100


def test_over_budget_is_refused_before_running_with_its_cost() -> None:
    result = schema.execute_sync(NESTED)
    assert result.data is None and result.errors
    error = public_error(result.errors[0])
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "cost": 110_110_100, "budget": DEFAULT_BUDGET}
    assert "110,110,100 rows" in error["message"] and "budget of 50,000" in error["message"]


def test_budget_is_configurable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(BUDGET_VARIABLE, "5")
    result = schema.execute_sync("{ projects(first: 6) { nodes { iri } } }")
    assert result.errors and public_error(result.errors[0])["extensions"]["cost"] == 6
