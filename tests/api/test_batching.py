"""No N+1: the number of Cypher round trips depends on the depth of the query, not on the rows returned."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from api.context import Context
from api.schema import schema
from graph.store import Graph, counting

pytestmark = pytest.mark.neo4j

NESTED = """
query($orgs: Int!, $projects: Int!) {
  organizations(first: $orgs) {
    nodes {
      name
      projects(first: $projects) {
        totalCount
        nodes {
          identifier
          participations { role organization { name memberships { role } } }
          countries { percentage country { iso2 region { name } } }
          themes { notation broader { notation } }
        }
      }
    }
  }
}"""
# organizations, projects, participations, memberships, countries, region, themes, broader
LEVELS = 8


def run(graph: Graph, variables: dict[str, Any]) -> tuple[int, Any]:
    with counting() as counter:
        result = asyncio.run(
            schema.execute(NESTED, variable_values=variables, context_value=Context(connect=lambda: graph))
        )
    assert result.errors is None, result.errors
    return counter.statements, result.data


def test_round_trips_are_bounded_by_depth(seeded: Graph) -> None:
    few, _ = run(seeded, {"orgs": 1, "projects": 1})
    many, large = run(seeded, {"orgs": 5, "projects": 100})
    rows = sum(len(org["projects"]["nodes"]) for org in large["organizations"]["nodes"])
    assert rows >= 30, "the query must walk every seeded project"
    assert many == few <= LEVELS, (few, many)
