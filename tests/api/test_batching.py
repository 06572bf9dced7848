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
            schema.execute(NESTED, variable_values=variables, context_value=Context(graph))
        )
    assert result.errors is None, result.errors
    return counter.statements, result.data


def test_round_trips_are_bounded_by_depth(seeded: Graph, monkeypatch: pytest.MonkeyPatch) -> None:
    # 5 x 100 projects with their relations costs ~115,000 estimated rows: above the default budget, which
    # is not what this test is about (tests/api/test_cost.py is)
    monkeypatch.setenv("COGRAPH_MAX_QUERY_COST", "200000")
    few, _ = run(seeded, {"orgs": 1, "projects": 1})
    many, large = run(seeded, {"orgs": 5, "projects": 100})
    rows = sum(len(org["projects"]["nodes"]) for org in large["organizations"]["nodes"])
    assert rows >= 30, "the query must walk every seeded project"
    assert many == few <= LEVELS, (few, many)


COUNTRIES = """{ organizations(first: 5) { nodes { name projects(first: 100) { nodes { iri
  countries { percentage country { iso2 name } } } } } } }"""
ONE_PROJECT = "query($iri: ID!) { project(iri: $iri) { countries { percentage country { iso2 name } } } }"


def test_countries_of_a_project_page_come_with_the_page(seeded: Graph) -> None:
    """A page's country allocations are read in the page's own statement, and equal those read alone."""
    with counting() as counter:
        result = asyncio.run(schema.execute(COUNTRIES, context_value=Context(seeded)))
    assert result.errors is None, result.errors
    assert result.data is not None
    assert counter.statements == 1, "one compiled statement: organizations, their projects and countries"
    projects = [p for org in result.data["organizations"]["nodes"] for p in org["projects"]["nodes"]]
    assert len(projects) >= 30
    for project in projects[:: max(1, len(projects) // 8)]:
        alone = asyncio.run(
            schema.execute(
                ONE_PROJECT,
                variable_values={"iri": project["iri"]},
                context_value=Context(seeded),
            )
        )
        assert alone.data is not None and project["countries"] == alone.data["project"]["countries"]
        assert project["countries"], "every seeded project has a country"


FEW_FIELDS = """{ organizations(first: 5) { nodes { projects(first: 100) { nodes { iri title start
  provenance { source partner } } } } } }"""
ALL_FIELDS = """query($iri: ID!) { project(iri: $iri) { iri title start provenance { source partner }
  identifier description } }"""


def test_a_page_reads_only_the_selected_properties_and_shows_them_as_a_full_read(seeded: Graph) -> None:
    """A page selecting few fields answers each of them as the project read with all its properties."""
    result = asyncio.run(schema.execute(FEW_FIELDS, context_value=Context(seeded)))
    assert result.errors is None, result.errors
    assert result.data is not None
    projects = [p for org in result.data["organizations"]["nodes"] for p in org["projects"]["nodes"]]
    assert len(projects) >= 30
    assert any(p["start"] for p in projects) and any(p["provenance"]["source"] for p in projects)
    for project in projects[:: max(1, len(projects) // 8)]:
        alone = asyncio.run(
            schema.execute(
                ALL_FIELDS,
                variable_values={"iri": project["iri"]},
                context_value=Context(seeded),
            )
        )
        assert alone.errors is None and alone.data is not None
        full = alone.data["project"]
        assert full["identifier"], "the full read shows what the page did not select"
        assert {key: full[key] for key in project} == project
