"""One organisation, one node: the same organisation named differently by IATI, HXL and CSV feeds resolves
to one actor; two different NGOs with similar names stay two (a candidate); merges and splits undo cleanly."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from graph.setup import load_reference_data
from graph.store import Graph
from loaders.identity import merge_organizations, split_merge
from loaders.sync import LoadOptions, load_files
from queries.candidates import candidates
from queries.coverage import coverage
from queries.filters import Filters
from queries.overlaps import overlaps

HERE = Path(__file__).parent / "fixtures" / "resolution"
IOM = "https://w3id.org/cograph/id/organization/iom"
AS_OF = dt.date(2025, 6, 1)


def _participants(graph: Graph) -> list[dict[str, object]]:
    return graph.read(
        "MATCH (p:Project)-[:HAS_PARTICIPATION]->(x:Participation)-[:PARTICIPANT]->(o) "
        "RETURN p.identifier AS project, o.iri AS org, x.sourceName AS source_name, x.matchedBy AS matched "
        "ORDER BY project"
    )


def _cell(graph: Graph) -> int:
    cells = [c for c in coverage(graph, AS_OF, Filters(country="AF")) if c.theme == "protection"]
    assert len(cells) == 1
    return cells[0].organizations


@pytest.fixture
def loaded(clean_graph: Graph) -> tuple[Graph, object]:
    load_reference_data(clean_graph)
    summary = load_files(
        clean_graph,
        [HERE / "iati.xml", HERE / "3w.csv", HERE / "partners.csv"],
        LoadOptions(country="AF"),
    )
    assert summary.rejected == 0, summary.rejections
    return clean_graph, summary


def test_the_same_organisation_from_three_sources_is_one_actor(loaded: tuple[Graph, object]) -> None:
    graph, _ = loaded
    rows = _participants(graph)
    iom = {row["project"]: row for row in rows if row["org"] == IOM}
    # IATI by its identifier, the 3W by the acronym IOM, the French CSV by the French acronym OIM.
    assert sorted(iom) == ["AF-iom-protection-op", "FR-2024-01", "XM-DAC-47066-AF-1"]
    assert {row["matched"] for row in iom.values()} == {"identifier", "alias"}
    assert iom["FR-2024-01"]["source_name"] == "OIM"  # the project keeps the name its source gave
    assert _cell(graph) == 3  # IOM, AWN, AWNO
    pairs = [(o.actor_a.iri, o.actor_b.iri) for o in overlaps(graph, AS_OF, Filters(country="AF"))]
    assert pairs and all(a != b for a, b in pairs)
    assert sum(IOM in pair for pair in pairs) == 2  # with each NGO, never with itself


def test_reference_agencies_hold_their_names_in_other_languages(loaded: tuple[Graph, object]) -> None:
    graph, _ = loaded
    row = graph.read("MATCH (o {iri: $iri}) RETURN o.prefLabels AS pref, o.altLabels AS alt", {"iri": IOM})[0]
    assert "fr|Organisation internationale pour les migrations" in row["pref"]
    assert "fr|OIM" in row["alt"]
    assert "es|Organización Internacional para las Migraciones" in row["pref"] and "es|OIM" in row["alt"]
    unodc = graph.read(
        "MATCH (o {iri: 'https://w3id.org/cograph/id/organization/unodc'}) RETURN o.prefLabels AS pref, o.altLabels AS alt"
    )[0]
    assert "es|Oficina de las Naciones Unidas contra la Droga y el Delito" in unodc["pref"]
    assert "fr|ONUDC" in unodc["alt"]


def test_similar_ngos_stay_two_and_become_a_candidate(loaded: tuple[Graph, object]) -> None:
    graph, summary = loaded
    orgs = {row["org"] for row in _participants(graph)}
    awn = "https://w3id.org/cograph/id/organization/afghan-women-network"
    awno = "https://w3id.org/cograph/id/organization/afghan-women-network-organization"
    assert {awn, awno} <= orgs
    found = [c for c in candidates(graph) if {c.a.iri, c.b.iri} == {awn, awno}]
    assert len(found) == 1
    assert 0.8 <= found[0].score < 1.0
    assert any("alike" in line for line in found[0].evidence)
    assert summary.candidates >= 1  # type: ignore[attr-defined]


def test_malformed_identifiers_are_warnings_with_file_and_line(loaded: tuple[Graph, object]) -> None:
    _, summary = loaded
    warnings = [w for w in summary.warnings if w.value == "NL-1"]  # type: ignore[attr-defined]
    assert len(warnings) == 1
    assert warnings[0].file.endswith("iati.xml") and warnings[0].line
    assert "org-id.guide" in warnings[0].reason


def test_unclassified_sectors_are_reported(loaded: tuple[Graph, object]) -> None:
    graph, summary = loaded
    assert summary.unclassified_sectors == {"WASH_OP": 1}  # type: ignore[attr-defined]
    rows = graph.read("MATCH (p:Project {identifier: 'AF-awn-protection-op'})-[:THEME]->(t) RETURN t.notation AS n")
    assert [row["n"] for row in rows] == ["protection"]


def test_merge_then_split_restores_both_organisations(loaded: tuple[Graph, object]) -> None:
    graph, _ = loaded
    awn = "https://w3id.org/cograph/id/organization/afghan-women-network"
    awno = "https://w3id.org/cograph/id/organization/afghan-women-network-organization"
    before = _participants(graph)
    merged = merge_organizations(graph, awn, awno, agent="tester", reason="one NGO, two names")
    assert _cell(graph) == 2
    assert not graph.read("MATCH (o {iri: $iri}) RETURN o", {"iri": awno})
    names = graph.read("MATCH (o {iri: $iri}) RETURN o.altLabels AS alt", {"iri": awn})[0]["alt"]
    assert "|Afghan Women Network Organization" in names and "|AWNO" in names
    moved = {row["project"]: row for row in _participants(graph)}
    assert moved["AF-awno-protection-op"]["org"] == awn
    assert moved["AF-awno-protection-op"]["source_name"] == "Afghan Women Network Organization / AWNO"
    record = graph.read(
        "MATCH (m:OrganizationMerge {iri: $iri}) RETURN m.agent AS agent, m.reason AS reason, m.decidedAt AS at",
        {"iri": merged.merge},
    )[0]
    assert record["agent"] == "tester" and record["reason"] == "one NGO, two names" and record["at"]
    split_merge(graph, awno, agent="tester", reason="two NGOs after all")
    assert _participants(graph) == before
    assert _cell(graph) == 3
    names = graph.read("MATCH (o {iri: $iri}) RETURN o.altLabels AS alt", {"iri": awn})[0]["alt"] or []
    assert "|AWNO" not in names
    decisions = graph.read("MATCH (m:OrganizationMerge) RETURN m.decision AS d, m.splitReason AS why")
    assert decisions == [{"d": "split", "why": "two NGOs after all"}]


def test_reloading_after_a_merge_keeps_one_node(loaded: tuple[Graph, object]) -> None:
    graph, _ = loaded
    awn = "https://w3id.org/cograph/id/organization/afghan-women-network"
    awno = "https://w3id.org/cograph/id/organization/afghan-women-network-organization"
    merge_organizations(graph, awn, awno, agent="tester", reason="one NGO")
    changed = HERE.parent.parent / "fixtures" / "resolution" / "3w.csv"
    again = load_files(graph, [changed], LoadOptions(country="AF"))
    assert again.rejected == 0
    assert not graph.read("MATCH (o {iri: $iri}) RETURN o", {"iri": awno})
    assert _cell(graph) == 2
