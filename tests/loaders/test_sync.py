"""The sync core against a real Neo4j: golden graph, idempotence, updates, withdrawals, bad input."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.store import Graph
from loaders.errors import LoadError
from loaders.records import ProjectRecord
from loaders.sync import LoadOptions, load_files, project_iri, sync_records, withdraw_project
from tests.loaders.conftest import EXAMPLES, FIXTURES, snapshot

TIP = project_iri("XM-TEST-1", "XM-TEST-1-TIP")


def _project(graph: Graph, iri: str) -> dict[str, object]:
    rows = graph.read("MATCH (p:Project {iri: $iri}) RETURN properties(p) AS p", {"iri": iri})
    return dict(rows[0]["p"]) if rows else {}


def _links(graph: Graph, iri: str) -> list[tuple[str, ...]]:
    query = (
        "MATCH (p:Project {iri: $iri}) "
        "OPTIONAL MATCH (p)-[:HAS_PARTICIPATION]->(x)-[:PARTICIPANT]->(o) "
        "WITH p, collect(DISTINCT ['participation', x.role, o.name, o.identifier]) AS parts "
        "OPTIONAL MATCH (p)-[:HAS_COUNTRY_ALLOCATION]->(a)-[:COUNTRY]->(c) "
        "WITH p, parts, collect(DISTINCT ['country', c.iso2, toString(a.percentage), c.name]) AS places "
        "OPTIONAL MATCH (p)-[r:THEME|CRIME_TYPE]->(t) "
        "WITH parts, places, collect(DISTINCT [type(r), t.notation, t.scheme, '']) AS topics "
        "RETURN parts + places + topics AS links"
    )
    rows = graph.read(query, {"iri": iri})
    return sorted(tuple(str(v) for v in link) for link in rows[0]["links"] if link[1] is not None)


def test_iati_golden_graph(clean_graph: Graph) -> None:
    summary = load_files(clean_graph, [FIXTURES / "activities.xml"])
    assert (summary.loaded, summary.rejected) == (2, 0)
    project = _project(clean_graph, TIP)
    assert project["identifier"] == "XM-TEST-1-TIP" and project["partner"] == "XM-TEST-1"
    assert project["title"] == "Shelters for victims of trafficking"
    assert project["titles"] == [
        "en|Shelters for victims of trafficking",
        "fr|Foyers pour victimes de la traite",
    ]
    assert project["budget"] == pytest.approx(250000.5) and project["currency"] == "USD"
    assert project["unclassified"] is False and project["withdrawn"] is False
    assert (
        project["sourceFile"] == str(FIXTURES / "activities.xml") and len(str(project["contentHash"])) == 32
    )
    assert _links(clean_graph, TIP) == [
        ("CRIME_TYPE", "smuggling-of-migrants", "crime-types", ""),
        ("CRIME_TYPE", "trafficking-in-persons", "crime-types", ""),
        ("THEME", "border-management", "themes", ""),
        ("THEME", "protection", "themes", ""),
        ("THEME", "return-and-reintegration", "themes", ""),
        ("country", "KE", "60.0", "Kenya"),
        ("country", "UG", "40.0", "Uganda"),
        ("participation", "funding", "International Organization for Migration", "XM-DAC-47066"),
        ("participation", "implementing", "Harbour Trust", "None"),
    ]
    roads = _project(clean_graph, project_iri("XM-TEST-1", "XM-TEST-1-ROADS"))
    assert roads["unclassified"] is True and roads["title"] == "Caminos rurales"
    labels = clean_graph.read("MATCH (o:Organization {name: 'Road Builders Ltd'}) RETURN labels(o) AS l")
    assert sorted(labels[0]["l"]) == ["Organization", "Partner", "PrivateSectorOrganization", "Resource"]


def test_rerun_is_a_no_op(clean_graph: Graph) -> None:
    paths = [FIXTURES / "activities.xml", EXAMPLES / "projects.csv"]
    load_files(clean_graph, paths)
    before = snapshot(clean_graph)
    again = load_files(clean_graph, paths)
    assert (again.loaded, again.updated, again.unchanged) == (0, 0, 4)
    assert snapshot(clean_graph) == before


def test_existing_organizations_and_countries_are_reused(clean_graph: Graph) -> None:
    clean_graph.write(
        "CREATE (:Organization:Agency:Resource {iri: 'urn:iom', name: 'International Organization for Migration', "
        "identifier: 'XM-DAC-47066'}), (:Organization:NGO:Partner:Resource {iri: 'urn:ht', name: 'HARBOUR trust'}), "
        "(:Country:Resource {iri: 'urn:ke', iso2: 'KE', name: 'Kenya (reference)'})"
    )
    load_files(clean_graph, [FIXTURES / "activities.xml"])
    links = _links(clean_graph, TIP)
    assert ("participation", "implementing", "HARBOUR trust", "None") in links
    assert ("country", "KE", "60.0", "Kenya (reference)") in links
    counts = clean_graph.read("MATCH (o:Organization) RETURN count(o) AS n")[0]["n"]
    assert counts == 3  # IOM and Harbour Trust matched; only Road Builders is new


def test_update_replaces_dependents(clean_graph: Graph, tmp_path: Path) -> None:
    load_files(clean_graph, [FIXTURES / "activities.xml"])
    text = (FIXTURES / "activities.xml").read_text(encoding="utf-8")
    changed = text.replace('code="UG" percentage="40"', 'code="TZ" percentage="40"').replace(
        '<sector vocabulary="1" code="15190"/>', ""
    )
    path = tmp_path / "activities.xml"
    path.write_text(changed, encoding="utf-8")
    summary = load_files(clean_graph, [path])
    assert (summary.updated, summary.unchanged) == (1, 1)
    links = _links(clean_graph, TIP)
    assert [link[1] for link in links if link[0] == "country"] == ["KE", "TZ"]
    assert [link[1] for link in links if link[0] == "THEME"] == []
    allocations = clean_graph.read("MATCH (a:CountryAllocation) RETURN count(a) AS n")[0]["n"]
    assert allocations == 3  # two for the TIP project, one for the roads project: the old UG one is gone


def test_full_sync_withdraws_absent_projects(clean_graph: Graph, tmp_path: Path) -> None:
    load_files(clean_graph, [EXAMPLES / "projects.csv"], LoadOptions(partner="ht"))
    first_only = tmp_path / "feed.csv"
    lines = (EXAMPLES / "projects.csv").read_text(encoding="utf-8").splitlines()
    first_only.write_text("\n".join(lines[:2]) + "\n", encoding="utf-8")
    summary = load_files(clean_graph, [first_only], LoadOptions(partner="ht", full_sync=True))
    assert (summary.withdrawn, summary.unchanged) == (1, 1)
    gone = _project(clean_graph, project_iri("ht", "HT-2025-002"))
    assert gone["withdrawn"] is True and gone["withdrawnAt"] is not None
    again = load_files(clean_graph, [first_only], LoadOptions(partner="ht", full_sync=True))
    assert again.withdrawn == 0
    back = load_files(clean_graph, [EXAMPLES / "projects.csv"], LoadOptions(partner="ht"))
    assert back.updated == 1 and _project(clean_graph, project_iri("ht", "HT-2025-002"))["withdrawn"] is False


def test_api_entry_points(clean_graph: Graph) -> None:
    records = [
        ProjectRecord("API-1", titles="Hotline", countries=["KE"], themes=["awareness-raising"]),
        ProjectRecord("API-2", titles="Bad", countries=["ZZ"]),
        ProjectRecord(None, titles="No id"),
    ]
    results = sync_records(clean_graph, records, partner="api", source="graphql")
    assert [r.status for r in results] == ["created", "rejected", "rejected"]
    assert results[1].errors == [("country", "'ZZ' is not an ISO 3166-1 alpha-2 country code, e.g. KE")]
    assert results[2].errors[0][0] == "identifier"
    assert [r.status for r in sync_records(clean_graph, records[:1], partner="api", source="graphql")] == [
        "unchanged"
    ]
    assert withdraw_project(clean_graph, partner="api", identifier="API-1") is True
    assert withdraw_project(clean_graph, partner="api", identifier="nope") is False
    assert _project(clean_graph, project_iri("api", "API-1"))["withdrawn"] is True


def test_options_are_checked(clean_graph: Graph) -> None:
    with pytest.raises(LoadError, match="--full-sync needs --partner"):
        load_files(clean_graph, [FIXTURES / "activities.xml"], LoadOptions(full_sync=True))
    with pytest.raises(LoadError, match="is not a file"):
        load_files(clean_graph, [FIXTURES / "missing.xml"])
    with pytest.raises(LoadError, match="--country 'XX'"):
        load_files(clean_graph, [FIXTURES / "3w.csv"], LoadOptions(country="XX"))
