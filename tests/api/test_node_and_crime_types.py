"""The generic `node(iri)` lookup and the `crimeTypes` project filter, against the seeded graph."""

from __future__ import annotations

from typing import Any

import pytest
from starlette.testclient import TestClient

from graph.records import Edge, Node, write_records
from graph.store import Graph
from ontology.mapping import labels_for
from tests.api.conftest import data
from tests.api.seed import iri, project_specs

pytestmark = pytest.mark.neo4j

SMUGGLING = [spec.key for spec in project_specs() if spec.key.endswith(("0", "5"))]
"""Seed projects that also address migrant smuggling (written by the fixture below)."""


@pytest.fixture(scope="module")
def smuggling(seeded: Graph) -> Graph:
    """The seed plus the crime type smuggling-of-migrants on the projects of SMUGGLING."""
    theme = iri("theme", "smuggling-of-migrants")
    nodes = [
        Node(
            theme,
            labels_for("Theme"),
            {
                "notation": "smuggling-of-migrants",
                "prefLabel": "Smuggling of migrants",
                "scheme": "crime-types",
            },
        )
    ]
    edges = [Edge(iri("project", f"seed/{key}"), "CRIME_TYPE", theme) for key in SMUGGLING]
    write_records(seeded, nodes, edges)
    return seeded


def keys(client: TestClient, filter: dict[str, Any]) -> list[str]:
    found = data(
        client,
        "query($f: ProjectFilter) { projects(first: 100, filter: $f) { totalCount nodes { identifier } } }",
        {"f": filter},
    )["projects"]
    assert found["totalCount"] == len(found["nodes"])
    return sorted(node["identifier"] for node in found["nodes"])


def test_crime_types_filter_keeps_projects_of_those_crime_types(smuggling: Graph, client: TestClient) -> None:
    assert keys(client, {"crimeTypes": ["SMUGGLING_OF_MIGRANTS"]}) == sorted(SMUGGLING)
    everything = keys(client, {})
    assert keys(client, {"crimeTypes": ["TRAFFICKING_IN_PERSONS"]}) == everything
    assert keys(client, {"crimeTypes": ["SMUGGLING_OF_MIGRANTS", "TRAFFICKING_IN_PERSONS"]}) == everything


def test_crime_types_are_anded_with_themes(smuggling: Graph, client: TestClient) -> None:
    protection = {s.key for s in project_specs() if s.theme in ("protection", "shelter-and-assistance")}
    both = keys(client, {"crimeTypes": ["SMUGGLING_OF_MIGRANTS"], "themes": ["PROTECTION"]})
    assert both == sorted(protection & set(SMUGGLING))
    assert both and len(both) < len(SMUGGLING)
    # a theme (not a crime type) given as crime type matches nothing: only CRIME_TYPE links count
    assert keys(client, {"crimeTypes": ["PROTECTION"]}) == []


def test_crime_types_filter_scoped_lists(smuggling: Graph, client: TestClient) -> None:
    found = data(
        client,
        '{ country(iso2: "NG") { projects(first: 100, filter: {crimeTypes: [SMUGGLING_OF_MIGRANTS]}) '
        "{ nodes { identifier } } } }",
    )["country"]["projects"]["nodes"]
    expected = sorted(s.key for s in project_specs() if s.country == "NG" and s.key in SMUGGLING)
    assert sorted(node["identifier"] for node in found) == expected
    assert expected


NODE = """query($iri: ID!) { node(iri: $iri) {
  iri typename labels label properties { key value }
  provenance { source generatedAt partner sourceFile }
} }"""


def node_of(client: TestClient, iri_: str) -> Any:
    return data(client, NODE, {"iri": iri_})["node"]


def test_node_of_a_project(client: TestClient) -> None:
    spec = project_specs()[3]
    found = node_of(client, iri("project", f"seed/{spec.key}"))
    assert found["typename"] == "Project"
    assert found["labels"] == ["Project", "Resource"]
    assert found["label"] == spec.title
    properties = {p["key"]: p["value"] for p in found["properties"]}
    assert [p["key"] for p in found["properties"]] == sorted(properties)
    assert properties["identifier"] == spec.key
    assert properties["budget"] == str(spec.budget)
    assert properties["plannedStart"] == spec.start.isoformat()
    assert properties["withdrawn"] == "false"
    assert properties["titles"] == f'["en|{spec.title}", "fr|Projet {spec.key}"]'
    assert "iri" not in properties and "labels" not in properties
    assert found["provenance"] == {
        "source": "seed",
        "generatedAt": None,
        "partner": "seed",
        "sourceFile": "seed.json",
    }


def test_node_of_an_organization_and_of_a_reified_link(client: TestClient) -> None:
    unodc = node_of(client, iri("organization", "unodc"))
    assert unodc["typename"] == "Agency"
    assert unodc["labels"] == ["Agency", "Organization", "Resource"]
    assert unodc["label"] == "United Nations Office on Drugs and Crime"
    assert unodc["provenance"]["source"] == "UNODC"
    assert unodc["provenance"]["generatedAt"].startswith("2026-01-01T00:00:00")
    allocation = node_of(client, iri("project", "seed/P001") + "/country/TH")
    assert allocation["typename"] == "CountryAllocation"
    assert allocation["label"] is None
    assert allocation["properties"] == [{"key": "percentage", "value": "100.0"}]


def test_node_not_found_is_null(client: TestClient) -> None:
    assert node_of(client, iri("project", "seed/nope")) is None
