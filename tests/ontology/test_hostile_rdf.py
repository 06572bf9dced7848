"""RDF in and out under the field rules: import-rdf checks before it connects; export never dies on a value."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli.rdf import app
from graph.records import write_records
from graph.store import Graph
from ontology.rdf import graph_to_records
from ontology.serialization import parse_rdf

FIXTURE = Path(__file__).resolve().parents[1] / "loaders" / "fixtures" / "project.ttl"
TOO_LONG_TAG = """
@prefix cg: <https://w3id.org/cograph/ontology#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<http://example.org/p1> a cg:Project ; cg:source "fixture" ; cg:generatedAt "2024-05-01T10:00:00Z"^^xsd:dateTime ;
    cg:identifier "P1" ; cg:partner "ngo" ; cg:title "Hello"@englishlanguage ; cg:plannedStart "1066-10-14"^^xsd:date .
"""


def test_import_rdf_checks_the_field_rules_before_connecting(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Nothing listens on port 9: a command that connected first would fail on that, not on the file.
    monkeypatch.setenv("NEO4J_URI", "bolt://127.0.0.1:9")
    monkeypatch.setenv("NEO4J_USER", "neo4j")
    monkeypatch.setenv("NEO4J_PASSWORD", "unused")
    path = tmp_path / "p.ttl"
    path.write_text(TOO_LONG_TAG, encoding="utf-8")
    result = CliRunner().invoke(app, ["import-rdf", str(path)])
    assert (result.exit_code == 1 and result.exception is None) or isinstance(result.exception, SystemExit)
    assert "'title' englishlanguage is not a BCP 47 language tag" in result.output
    assert "'plannedStart' '1066-10-14' is outside 1900-2199" in result.output
    assert "nothing was imported" in result.output
    assert "not reachable" not in result.output


@pytest.mark.neo4j
def test_export_leaves_out_what_rdf_cannot_carry_and_says_so(clean_graph: Graph) -> None:
    nodes, edges = graph_to_records(parse_rdf(FIXTURE))
    # As an older cograph stored it: a language tag that is not BCP 47 (export died with a traceback).
    poisoned = [
        dataclasses.replace(n, properties={**n.properties, "titles": ["en_US!|Hello", "fr|Bonjour"]})
        if n.properties.get("identifier") == "RDF-1"
        else n
        for n in nodes
    ]
    present = {n.iri for n in nodes}
    write_records(clean_graph, poisoned, [e for e in edges if e.target in present])
    result = CliRunner().invoke(app, ["export", "--label", "Project"])
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    assert (
        "note: left out <https://w3id.org/cograph/id/project/rdf-1> titles 'en_US!|Hello': is not a BCP 47"
        in (result.output)
    )
    assert '"Bonjour"@fr' in result.stdout
