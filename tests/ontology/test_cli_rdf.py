"""`cograph import-rdf` refuses bad files with one clear sentence and no traceback (no Neo4j needed)."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from cli.rdf import app

BAD_PROJECT = """
@prefix cg: <https://w3id.org/cograph/ontology#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<http://example.org/p1> a cg:Project ; cg:source "fixture" ; cg:generatedAt "2024-05-01T10:00:00Z"^^xsd:dateTime ;
    cg:title "No identifier"@en ; cg:status "7" .
"""


def test_a_parse_error_is_one_sentence_naming_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.ttl"
    path.write_text("@prefix cg: <https://w3id.org/cograph/ontology#> .\ncg:a cg:b ;; .\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["import-rdf", str(path)])
    assert result.exit_code == 1
    assert "broken.ttl, line 2: invalid Turtle" in result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_shape_violations_are_listed_and_nothing_is_imported(tmp_path: Path) -> None:
    path = tmp_path / "project.ttl"
    path.write_text(BAD_PROJECT, encoding="utf-8")
    result = CliRunner().invoke(app, ["import-rdf", str(path)])
    assert result.exit_code == 1
    assert "'identifier' is required but missing" in result.output
    assert "'7' is not a code of the activity-status list" in result.output
    assert "breaks 2 rule(s)" in result.output and "nothing was imported" in result.output
