"""`cograph organizations candidates | merge | split` on the terminal, against the real Neo4j."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli.organizations import app
from graph.store import Graph
from loaders.sync import LoadOptions, load_files

pytestmark = pytest.mark.neo4j
HERE = Path(__file__).resolve().parents[1] / "loaders" / "fixtures" / "resolution"
AWN = "https://w3id.org/cograph/id/organization/afghan-women-network"
AWNO = "https://w3id.org/cograph/id/organization/afghan-women-network-organization"


@pytest.fixture
def connected(clean_graph: Graph) -> Graph:
    """The wiped session graph with a 3W loaded; the command reaches it through the same settings."""
    load_files(clean_graph, [HERE / "3w.csv"], LoadOptions(country="AF"))
    return clean_graph


def test_candidates_merge_split(connected: Graph) -> None:
    runner = CliRunner()
    listed = runner.invoke(app, ["candidates"])
    assert listed.exit_code == 0, listed.output
    assert AWN in listed.output and AWNO in listed.output and "alike" in listed.output
    merged = runner.invoke(app, ["merge", AWN, AWNO, "--reason", "one NGO", "--by", "analyst"])
    assert merged.exit_code == 0, merged.output
    assert "merged" in merged.output and "AWNO" in merged.output
    assert not connected.read("MATCH (o {iri: $iri}) RETURN o", {"iri": AWNO})
    assert AWNO not in runner.invoke(app, ["candidates"]).output
    split = runner.invoke(app, ["split", AWNO, "--reason", "two NGOs", "--by", "analyst"])
    assert split.exit_code == 0, split.output
    assert connected.read("MATCH (o:Organization {iri: $iri}) RETURN o.name AS name", {"iri": AWNO}) == [
        {"name": "Afghan Women Network Organization"}
    ]
    again = runner.invoke(app, ["split", AWNO, "--reason", "again", "--by", "analyst"])
    assert again.exit_code != 0 and "neither a merge" in str(again.exception)
