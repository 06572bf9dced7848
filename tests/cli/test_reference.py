"""`cograph reference import-treaties` on fixture tables: dry run by default, idempotent apply, clear refusals."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli.main import app
from graph.records import wipe
from graph.setup import load_reference_data
from graph.store import Graph

pytestmark = pytest.mark.neo4j
runner = CliRunner()
FIXTURES = Path(__file__).parent / "fixtures"
ID = "https://w3id.org/cograph/id/"
CHAD = f"{ID}ratification/som-protocol-TD"


@pytest.fixture
def reference(graph: Graph) -> Graph:
    wipe(graph)
    load_reference_data(graph)
    return graph


def _ratification(graph: Graph, iri: str) -> dict[str, object] | None:
    rows = graph.read("MATCH (r:Ratification {iri: $iri}) RETURN properties(r) AS p", {"iri": iri})
    return rows[0]["p"] if rows else None


def test_a_dry_run_shows_the_changes_and_writes_nothing(reference: Graph) -> None:
    result = runner.invoke(app, ["reference", "import-treaties", str(FIXTURES / "som-protocol-update.csv")])
    assert result.exit_code == 0, result.output
    assert "3 rows for the Smuggling of Migrants Protocol: 1 new, 1 changed, 1 unchanged" in result.output
    assert "+ Chad: accession 2010-05-05" in result.output
    assert "~ Austria: secondSource None -> 'https://example.org/fixture/second-page'" in result.output
    assert "71 ratification(s) in the graph are not in the table and are kept" in result.output
    assert "Dry run: nothing was written" in result.output
    assert _ratification(reference, CHAD) is None


def test_apply_writes_with_provenance_and_a_second_run_changes_nothing(reference: Graph) -> None:
    path = str(FIXTURES / "som-protocol-update.csv")
    args = [
        "reference",
        "import-treaties",
        path,
        "--apply",
        "--status-date",
        "2024-04-26",
        "--parties",
        "152",
    ]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "Applied: 2 ratification(s) written" in result.output
    chad = _ratification(reference, CHAD)
    assert chad is not None and chad["source"] == "https://example.org/fixture/status-page"
    assert chad["kind"] == "accession" and chad["sourceDate"] == "2024-04-26" and chad["generatedAt"]
    links = reference.read(
        "MATCH (:Ratification {iri: $iri})-[:STATE]->(c:Country) RETURN c.iso2 AS c", {"iri": CHAD}
    )
    assert links == [{"c": "TD"}]
    again = runner.invoke(app, args)
    assert again.exit_code == 0, again.output
    assert "2 unchanged" not in again.output and "0 new, 0 changed, 3 unchanged" in again.output
    assert "Nothing to change" in again.output


def test_a_bad_table_is_refused_with_every_problem_and_nothing_is_written(reference: Graph) -> None:
    result = runner.invoke(
        app, ["reference", "import-treaties", str(FIXTURES / "som-protocol-bad.csv"), "--apply"]
    )
    assert result.exit_code == 1
    message = str(result.exception)
    assert "som-protocol-bad.csv was not imported, 3 problem(s)" in message
    assert "line 2, iso2: 'XX' is not an ISO 3166-1 alpha-2 code" in message
    assert (
        "line 3, consent_date: 1999-05-05 is before the Smuggling of Migrants Protocol was adopted" in message
    )
    assert "line 4, consent_kind: 'signature' is not one of" in message
    assert _ratification(reference, CHAD) is None


def test_complete_needs_a_date_and_must_not_drop_recorded_parties(reference: Graph) -> None:
    path = str(FIXTURES / "som-protocol-update.csv")
    result = runner.invoke(app, ["reference", "import-treaties", path, "--complete"])
    assert result.exit_code == 1 and "--complete needs --status-date and --status-source" in str(
        result.exception
    )
    result = runner.invoke(
        app,
        [
            "reference",
            "import-treaties",
            path,
            "--complete",
            "--status-date",
            "2024-04-26",
            "--status-source",
            "https://example.org/fixture/status-page",
        ],
    )
    assert result.exit_code == 1 and "lacks 71 part(ies) the graph records" in str(result.exception)


def test_the_instrument_comes_from_the_name_or_the_option(reference: Graph, tmp_path: Path) -> None:
    path = tmp_path / "parties.csv"
    path.write_text((FIXTURES / "som-protocol-update.csv").read_text(encoding="utf-8"), encoding="utf-8")
    result = runner.invoke(app, ["reference", "import-treaties", str(path)])
    assert result.exit_code == 1 and "add --instrument with one of" in str(result.exception)
    result = runner.invoke(app, ["reference", "import-treaties", str(path), "--instrument", "untoc"])
    assert result.exit_code == 0 and "for the UNTOC: " in result.output
