"""The suite's server reached through the routing scheme (neo4j://), as a cluster or Aura is: the driver
fetches a routing table and sends reads and writes by role; every read after a write sees the write."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from datetime import date

import pytest
from starlette.testclient import TestClient
from typer.testing import CliRunner

from api.app import create_app
from cli.analytics import app as analytics
from graph.records import wipe
from graph.store import Graph
from loaders.sync import LoadOptions, load_files
from queries.coverage import coverage
from queries.filters import Filters
from tests.api.conftest import account_headers
from tests.api.seed import seed
from tests.api.test_mutations import project
from tests.loaders.conftest import EXAMPLES

TWICE = """
mutation($input: [ProjectInput!]!) {
  first: upsertProjects(partner: "ngo-r", input: $input) { identifier status }
  again: upsertProjects(partner: "ngo-r", input: $input) { identifier status }
}"""


@pytest.fixture(scope="module")
def routed(graph: Graph) -> Iterator[Graph]:
    """A Graph of its own on the session's server, through neo4j:// instead of bolt://."""
    assert graph.settings.uri.startswith("bolt://")
    with Graph.open(
        replace(graph.settings, uri="neo4j://" + graph.settings.uri.split("://", 1)[1])
    ) as routed:
        yield routed


def test_routing_table_names_the_server(routed: Graph) -> None:
    rows = routed.read("CALL dbms.routing.getRoutingTable({}) YIELD servers RETURN servers")
    roles = {server["role"]: server["addresses"] for server in rows[0]["servers"]}
    address = routed.settings.uri.split("://", 1)[1]
    assert roles["WRITE"] == [address] and roles["READ"] == [address] and roles["ROUTE"] == [address]


def test_load_then_reload_sees_its_own_writes(routed: Graph) -> None:
    wipe(routed)
    before = routed.bookmarks
    first = load_files(routed, [EXAMPLES / "projects.json"], LoadOptions(partner="ht"))
    assert (first.loaded, first.rejected) == (2, 0)
    assert routed.bookmarks and routed.bookmarks != before  # the sessions after it wait for this write
    again = load_files(routed, [EXAMPLES / "projects.json"], LoadOptions(partner="ht"))
    assert (again.loaded, again.unchanged) == (0, 2)  # the sync core read back what it had just written
    assert routed.read("MATCH (p:Project) RETURN count(p) AS n") == [{"n": 2}]


def test_api_request_reads_its_own_write(routed: Graph, monkeypatch: pytest.MonkeyPatch) -> None:
    wipe(routed)
    seed(routed)
    headers = account_headers(routed, "partner", "ngo-r")  # the partner syncs its own records
    with TestClient(create_app(graph=routed)) as client:
        body = client.post(
            "/graphql", json={"query": TWICE, "variables": {"input": [project("R1")]}}, headers=headers
        ).json()
        assert "errors" not in body, body
        # One request, two mutations run in order: the second read the first one's write.
        assert body["data"]["first"] == [{"identifier": "R1", "status": "CREATED"}]
        assert body["data"]["again"] == [{"identifier": "R1", "status": "UNCHANGED"}]
        found = client.post(
            "/graphql", json={"query": '{ project(identifier: "R1", partner: "ngo-r") { budget } }'}
        ).json()
        assert found == {"data": {"project": {"budget": 120000.0}}}
        health = client.get("/health").json()
        assert health["status"] == "ok" and "neo4j://" not in json.dumps(health)
    cells = coverage(routed, date(2025, 6, 1), Filters(country="NG"))
    assert any(cell.projects >= 1 for cell in cells)


def test_cli_over_routing(routed: Graph, monkeypatch: pytest.MonkeyPatch) -> None:
    wipe(routed)
    seed(routed)
    for name, value in (
        ("NEO4J_URI", routed.settings.uri),
        ("NEO4J_USER", routed.settings.user),
        ("NEO4J_PASSWORD", routed.settings.password),
        ("NEO4J_DATABASE", routed.settings.database),
    ):
        monkeypatch.setenv(name, value)
    result = CliRunner().invoke(analytics, ["coverage", "--as-of", "2025-06-01", "--format", "json"])
    assert result.exit_code == 0, result.output
    expected = {(c.country, c.theme, c.projects) for c in coverage(routed, date(2025, 6, 1), Filters())}
    assert (
        expected
        and {(c["country"], c["theme"], c["projects"]) for c in json.loads(result.output)} == expected
    )
