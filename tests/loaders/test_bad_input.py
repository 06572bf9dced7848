"""Bad input is rejected with file, line, field, value and reason; valid records still load unless --strict."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.store import Graph
from loaders.sync import LoadOptions, load_files
from tests.loaders.conftest import EXAMPLES, FIXTURES, snapshot

ACTIVITY = """  <iati-activity default-currency="USD">
    <iati-identifier>{id}</iati-identifier>
    <reporting-org ref="XM-BAD"><narrative>Bad publisher</narrative></reporting-org>
    <title><narrative>Title {id}</narrative></title>
    {extra}
  </iati-activity>
"""


def _iati(tmp_path: Path, *activities: tuple[str, str], tail: str = "</iati-activities>\n") -> Path:
    body = "".join(ACTIVITY.format(id=identifier, extra=extra) for identifier, extra in activities)
    path = tmp_path / "feed.xml"
    path.write_text(
        f'<?xml version="1.0" encoding="UTF-8"?>\n<iati-activities version="2.03">\n{body}{tail}',
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize(
    ("extra", "field", "value", "reason"),
    [
        ('<recipient-country code="XK1"/>', "country", "XK1", "not an ISO 3166-1 alpha-2"),
        ('<sector vocabulary="1" code="1518"/>', "sector", "1518", "5 digits"),
        (
            '<activity-date type="1" iso-date="2025-05-01"/><activity-date type="3" iso-date="2025-01-01"/>',
            "planned_end",
            "2025-01-01",
            "before the planned start 2025-05-01",
        ),
        ('<activity-date type="2" iso-date="2025-13-45"/>', "actual_start", "2025-13-45", "not a date"),
        ('<activity-status code="9"/>', "status", "9", "not an IATI activity status"),
        (
            '<participating-org role="7"><narrative>X</narrative></participating-org>',
            "participation.role",
            "7",
            "not an organisation role",
        ),
    ],
)
def test_bad_record_is_rejected_others_load(
    clean_graph: Graph, tmp_path: Path, extra: str, field: str, value: str, reason: str
) -> None:
    path = _iati(tmp_path, ("GOOD-1", ""), ("BAD-1", extra))
    summary = load_files(clean_graph, [path])
    assert (summary.loaded, summary.rejected, summary.ok) == (1, 1, False)
    rejection = summary.rejections[0]
    assert (rejection.file, rejection.line, rejection.identifier) == (str(path), 9, "BAD-1")
    assert (rejection.field, rejection.value) == (field, value) and reason in rejection.reason
    assert reason in str(rejection) and f"{path}, line 9" in str(rejection)
    titles = [row["t"] for row in clean_graph.read("MATCH (p:Project) RETURN p.title AS t")]
    assert titles == ["Title GOOD-1"]


def test_missing_identifier_and_duplicates(clean_graph: Graph, tmp_path: Path) -> None:
    path = _iati(tmp_path, ("DUP", ""), ("", ""), ("DUP", ""))
    summary = load_files(clean_graph, [path])
    assert (summary.loaded, summary.rejected) == (1, 2)
    missing, duplicate = summary.rejections
    assert missing.field == "identifier" and "missing" in missing.reason and missing.line == 9
    assert duplicate.field == "identifier" and duplicate.line == 15 and "first at line 3" in duplicate.reason


def test_strict_writes_nothing(clean_graph: Graph, tmp_path: Path) -> None:
    load_files(clean_graph, [EXAMPLES / "projects.csv"])
    before = snapshot(clean_graph)
    path = _iati(tmp_path, ("GOOD-1", ""), ("BAD-1", '<recipient-country code="QQ"/>'))
    summary = load_files(clean_graph, [path], LoadOptions(strict=True))
    assert (summary.loaded, summary.rejected, summary.written) == (0, 1, False)
    assert "nothing was written" in summary.describe()
    assert snapshot(clean_graph) == before
    fine = load_files(clean_graph, [FIXTURES / "activities.xml"], LoadOptions(strict=True))
    assert (fine.loaded, fine.written) == (2, True)


def test_malformed_xml_keeps_what_came_before(clean_graph: Graph, tmp_path: Path) -> None:
    path = _iati(
        tmp_path, ("GOOD-1", ""), ("GOOD-2", ""), tail="  <iati-activity><iati-identifier>X</oops>\n"
    )
    summary = load_files(clean_graph, [path])
    assert (summary.loaded, summary.rejected) == (2, 1)
    rejection = summary.rejections[0]
    assert rejection.field == "file" and rejection.line == 15 and "not well-formed XML" in rejection.reason


def test_entity_bomb_is_not_expanded(clean_graph: Graph, tmp_path: Path) -> None:
    entities = "".join(
        f'<!ENTITY e{i} "&e{i - 1};&e{i - 1};&e{i - 1};&e{i - 1};&e{i - 1};&e{i - 1};">' for i in range(1, 30)
    )
    path = tmp_path / "bomb.xml"
    path.write_text(
        f'<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY e0 "lol">{entities}]>\n<iati-activities>'
        "<iati-activity><iati-identifier>B-1</iati-identifier><reporting-org ref='XM-B'/>"
        "<title><narrative>&e29;</narrative></title></iati-activity></iati-activities>",
        encoding="utf-8",
    )
    summary = load_files(clean_graph, [path])
    assert summary.records == 1
    titles = [row["t"] for row in clean_graph.read("MATCH (p:Project) RETURN p.title AS t")]
    assert all(len(title or "") < 100 for title in titles)


def test_wrong_encoding_rejects_the_row(clean_graph: Graph, tmp_path: Path) -> None:
    lines = (EXAMPLES / "projects.csv").read_bytes().splitlines(keepends=True)
    path = tmp_path / "latin1.csv"
    path.write_bytes(lines[0] + lines[1] + lines[2].replace(b"Border", b"Fronti\xe8re"))
    summary = load_files(clean_graph, [path])
    assert (summary.loaded, summary.rejected) == (1, 1)
    rejection = summary.rejections[0]
    assert (rejection.line, rejection.field) == (3, "encoding") and "not UTF-8" in rejection.reason


def test_malformed_csv_and_unknown_columns(clean_graph: Graph, tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("identifier,title,colour\nA,T,red\n", encoding="utf-8")
    summary = load_files(clean_graph, [path], LoadOptions(format="csv"))
    assert summary.rejected == 1 and "'colour' is not a template column" in str(summary.rejections[0])
    nul = tmp_path / "nul.csv"
    nul.write_bytes(b'identifier,title\nA,"T\nB\0,T\n')
    summary = load_files(clean_graph, [nul], LoadOptions(format="csv"))
    assert summary.rejected >= 1 and summary.loaded == 0
    assert clean_graph.read("MATCH (p:Project) RETURN count(p) AS n")[0]["n"] == 0
