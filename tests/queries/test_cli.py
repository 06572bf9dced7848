"""The analytics commands on the fixture graph: tables, JSON and CSV, and bad filters as one sentence."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator

import pytest
from typer.testing import CliRunner

from cli.analytics import app
from graph.records import wipe
from graph.store import Graph
from queries.errors import InvalidFilter
from tests.queries.fixture import fixture_world

pytestmark = pytest.mark.neo4j
runner = CliRunner()


@pytest.fixture(scope="module")
def fixture_graph(graph: Graph) -> Iterator[Graph]:
    wipe(graph)
    fixture_world().load(graph)
    yield graph
    wipe(graph)


def test_coverage_json_and_csv(fixture_graph: Graph) -> None:
    result = runner.invoke(app, ["coverage", "--as-of", "2025-06-01", "--country", "GH", "--format", "json"])
    assert result.exit_code == 0, result.output
    cells = json.loads(result.output)
    assert [(c["country"], c["theme"], c["projects"]) for c in cells] == [("GH", "protection", 1)]
    assert cells[0]["budgets"] == [{"currency": "USD", "amount": 20000.0}]
    result = runner.invoke(
        app, ["coverage", "--as-of", "2025-06-01", "--theme", "prevention", "--format", "csv"]
    )
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert {(r["country"], r["theme"]) for r in rows} == {
        ("NG", "awareness-raising"),
        ("NG", "prevention"),
        ("UA", "prevention"),
    }


def test_overlaps_gaps_and_similarity_tables(fixture_graph: Graph) -> None:
    result = runner.invoke(app, ["overlaps", "--as-of", "2025-06-01", "--country", "NG"])
    assert result.exit_code == 0, result.output
    assert "Overlaps as of 2025-06-01 (4)" in result.output
    result = runner.invoke(app, ["gaps", "--as-of", "2025-06-01", "--kind", "grant-only", "--format", "json"])
    assert [(g["kind"], g["country"]) for g in json.loads(result.output)] == [("grant-only", "GH")]
    result = runner.invoke(app, ["similar-actors", "--limit", "1", "--format", "csv"])
    assert next(iter(csv.DictReader(io.StringIO(result.output))))["jaccard"] == "1.000"


def test_invalid_filters_raise_one_sentence(fixture_graph: Graph) -> None:
    result = runner.invoke(app, ["coverage", "--country", "ZZ"])
    assert isinstance(result.exception, InvalidFilter)
    assert str(result.exception).startswith("country 'ZZ' is an unknown country code")
    result = runner.invoke(app, ["gaps", "--as-of", "1 June"])
    assert isinstance(result.exception, InvalidFilter)
    assert "as of '1 June' is not a date" in str(result.exception)
