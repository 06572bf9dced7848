"""A project whose file gives no status (IATI without activity-status, HXL without #status) is active in
every view: the catalogue lists with activeAsOf, coverage, overlaps, and the explorer's own documents."""

from __future__ import annotations

from pathlib import Path

import pytest
from starlette.testclient import TestClient

from graph.records import wipe
from graph.store import Graph
from loaders.sync import load_files
from tests.api.conftest import data
from tests.explorer.test_queries_contract import explorer_documents

pytestmark = pytest.mark.neo4j

FIXTURES = Path(__file__).resolve().parents[1] / "loaders" / "fixtures"
IATI = FIXTURES / "no-status.xml"
HXL = FIXTURES / "no-status-3w.csv"
AS_OF = "2025-06-01"
NO_STATUS = {"XM-NOSTATUS-1", "XM-NOSTATUS-2", "GH-harbour-trust-15190-shelter-for-victims-of-trafficking"}


@pytest.fixture(scope="module")
def seeded(graph: Graph) -> Graph:
    """The graph holding only what the two files without status load (overrides tests/api/conftest.py)."""
    wipe(graph)
    summary = load_files(graph, [IATI, HXL])
    assert (summary.loaded, summary.rejected) == (3, 0), summary.rejections
    return graph


def test_the_files_give_no_status(client: TestClient) -> None:
    found = data(client, "{ projects(first: 10) { nodes { identifier status } } }")["projects"]["nodes"]
    assert {p["identifier"]: p["status"] for p in found} == dict.fromkeys(NO_STATUS)


def test_the_catalogue_lists_them_as_active(client: TestClient) -> None:
    query = """query($f: ProjectFilter) {
      projects(first: 10, filter: $f) { totalCount nodes { identifier } }
      country(iso2: "NG") { projects(first: 10, filter: $f) { nodes { identifier } } }
    }"""
    found = data(client, query, {"f": {"activeAsOf": AS_OF}})
    assert found["projects"]["totalCount"] == 3
    assert {p["identifier"] for p in found["projects"]["nodes"]} == NO_STATUS
    assert {p["identifier"] for p in found["country"]["projects"]["nodes"]} == {
        "XM-NOSTATUS-1",
        "XM-NOSTATUS-2",
    }
    # Before any of them started, none is active: the filter does filter.
    before = data(client, query, {"f": {"activeAsOf": "2023-01-01"}})
    assert before["projects"]["totalCount"] == 0


def test_coverage_counts_them(client: TestClient) -> None:
    # DAC 15190 (the fixtures' sector) maps to several themes; protection is the one these checks count
    cells = data(
        client,
        f'{{ coverage(asOf: "{AS_OF}", filter: {{theme: PROTECTION}}) '
        "{ countryCode themeNotation projects organizations } }",
    )
    assert {
        (c["countryCode"], c["themeNotation"]): (c["projects"], c["organizations"]) for c in cells["coverage"]
    } == {
        ("NG", "protection"): (2, 2),
        ("GH", "protection"): (1, 1),
    }


def test_overlaps_find_them(client: TestClient) -> None:
    found = data(
        client,
        f'{{ overlaps(asOf: "{AS_OF}", filter: {{theme: PROTECTION}}) '
        "{ countryCode themeNotation projectsA { title } projectsB { title } } }",
    )["overlaps"]
    assert [(o["countryCode"], o["themeNotation"]) for o in found] == [("NG", "protection")]
    shared = {p["title"] for o in found for p in (*o["projectsA"], *o["projectsB"])}
    assert shared == {
        "Shelters for victims of trafficking in Nigeria",
        "Safe houses for survivors of trafficking",
    }


def test_the_explorer_shows_them(client: TestClient) -> None:
    documents = explorer_documents()
    cell = data(
        client,
        documents["CELL_PROJECTS"],
        {"filter": {"countries": ["NG"], "themes": ["PROTECTION"], "activeAsOf": AS_OF}, "first": 100},
    )
    assert {p["identifier"] for p in cell["projects"]["nodes"]} == {"XM-NOSTATUS-1", "XM-NOSTATUS-2"}
    overview = data(client, documents["OVERVIEW"], {"first": 100, "filter": {"activeAsOf": AS_OF}})
    assert {p["identifier"] for p in overview["projects"]["nodes"]} == NO_STATUS
