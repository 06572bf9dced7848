"""Every real publisher file loads through the CLI: each activity or row loaded or rejected with a reason."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli.load import app
from graph.store import Graph

SUMMARY = re.compile(r"(\d+) loaded, (\d+) updated, (\d+) unchanged, (\d+) withdrawn, (\d+) rejected")


def _run(args: list[str]) -> tuple[int, str, tuple[int, ...]]:
    result = CliRunner().invoke(app, ["load", *args])
    match = SUMMARY.search(result.stdout)
    assert match is not None, result.output
    return result.exit_code, result.output, tuple(int(n) for n in match.groups())


@pytest.fixture
def connected(clean_graph: Graph) -> Graph:
    """The wiped session graph, which the command reaches through the same settings (it opens its own Graph)."""
    return clean_graph


@pytest.mark.parametrize(
    ("name", "activities"),
    [
        ("es-maec-indonesia-v2.01.xml", 83),
        ("nl-mfa-sample-v2.03.xml", 13),
        ("gb-dfid-albania-v2.01-schema-errors.xml", 8),
        ("iati-annotated-example-v2.03.xml", 1),
    ],
)
def test_real_iati_files(connected: Graph, shared_data: Path, name: str, activities: int) -> None:
    code, output, (loaded, _, _, _, rejected) = _run([str(shared_data / "iati" / name)])
    assert loaded + rejected == activities
    assert code == (1 if rejected else 0)
    assert output.count("rejected: ") == min(rejected, 50) or rejected > 50
    stored = connected.read("MATCH (p:Project) RETURN count(p) AS n")[0]["n"]
    assert stored == loaded
    _, _, again = _run([str(shared_data / "iati" / name)])
    assert again == (0, 0, loaded, 0, rejected)


def test_real_afghanistan_3w(connected: Graph, shared_data: Path) -> None:
    path = shared_data / "hxl" / "afg-3w-operational-presence-2024q1.csv"
    code, output, (loaded, _, _, _, rejected) = _run([str(path), "--country", "AF"])
    assert code == 0 and rejected == 0 and loaded > 500, output
    rows = connected.read(
        "MATCH (p:Project)-[:HAS_COUNTRY_ALLOCATION]->()-[:COUNTRY]->(c:Country) RETURN c.iso2 AS c, count(p) AS n"
    )
    assert rows == [{"c": "AF", "n": loaded}]
    iom = connected.read(
        "MATCH (o:Organization {shortName: 'IOM'})<-[:PARTICIPANT]-() RETURN o.name AS name, count(*) AS n"
    )
    assert iom and iom[0]["name"] == "International Organization for Migration"
