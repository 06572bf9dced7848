"""Hostile files through `cograph load`: each answered with a sentence and exit code 1, nothing bad written.

XXE, entity expansion, external DTDs and JSON-LD contexts (no network, no other file is ever read), deep
nesting, invalid UTF-8, huge lines and columns, and a million-fold repeated rejection.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from cli.load import app
from graph.store import Graph
from loaders import limits

pytestmark = pytest.mark.neo4j
HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n'
ACTIVITY = (
    '<iati-activity default-currency="USD"><iati-identifier>{id}</iati-identifier>'
    '<reporting-org ref="XM-HOSTILE"><narrative>Hostile</narrative></reporting-org>'
    "<title><narrative>{title}</narrative></title></iati-activity>\n"
)
CSV_HEADER = "identifier,partner,title,countries,implementing\n"


@pytest.fixture
def connected(clean_graph: Graph) -> Graph:
    """The wiped session graph, which the command reaches through the same settings (it opens its own Graph)."""
    return clean_graph


def _load(path: Path, *options: str) -> Result:
    started = time.monotonic()
    result = CliRunner().invoke(app, ["load", str(path), *options])
    assert time.monotonic() - started < 60, "a hostile file must not make the load wait"
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def _identifiers(graph: Graph) -> list[str]:
    rows = graph.read("MATCH (p:Project) RETURN p.identifier AS id ORDER BY id")
    return [row["id"] for row in rows]


def _xml(tmp_path: Path, doctype: str, *activities: tuple[str, str]) -> Path:
    path = tmp_path / "feed.xml"
    body = "".join(ACTIVITY.format(id=i, title=t) for i, t in activities)
    path.write_text(
        f'{HEAD}{doctype}<iati-activities version="2.03">\n{body}</iati-activities>\n', encoding="utf-8"
    )
    return path


def test_external_entity_rejects_its_record_and_reads_no_file(connected: Graph, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET", encoding="utf-8")
    path = _xml(
        tmp_path,
        f'<!DOCTYPE iati-activities [<!ENTITY xxe SYSTEM "{secret.as_uri()}">]>\n',
        ("PROBE-XXE-2&xxe;", "Probe"),
        ("GOOD-1", "Fine"),
    )
    result = _load(path)
    assert result.exit_code == 1
    assert (
        "feed.xml, line 4 (record 'PROBE-XXE-2&xxe;'): iati-identifier '&xxe;': is an XML entity reference"
        in (result.output)
    )
    assert _identifiers(connected) == ["GOOD-1"]  # not "PROBE-XXE-2", which could collide with another record
    assert "TOP-SECRET" not in result.output


def test_undefined_and_internal_entities_never_truncate_text(connected: Graph, tmp_path: Path) -> None:
    path = _xml(
        tmp_path,
        '<!DOCTYPE iati-activities SYSTEM "http://127.0.0.1:9/never.dtd" [<!ENTITY org "ACME">]>\n',
        ("T-1", "Funded by &org; and partners"),
        ("T-2", "Funded by &undeclared; and partners"),
        ("T-3", "Funded by ACME and partners"),
    )
    result = _load(path)
    assert result.exit_code == 1
    assert "line 4 (record 'T-1'): title/narrative '&org;'" in result.output
    assert "line 5 (record 'T-2'): title/narrative '&undeclared;'" in result.output
    assert _identifiers(connected) == ["T-3"]


def test_entity_expansion_is_stopped_with_its_line(connected: Graph, tmp_path: Path) -> None:
    laughs = "".join(f'<!ENTITY l{n} "{f"&l{n - 1};" * 10}">' for n in range(1, 10))
    path = tmp_path / "lol.xml"
    path.write_text(
        f'{HEAD}<!DOCTYPE x [<!ENTITY l0 "lol">{laughs}]>\n<iati-activities>\n'
        '<iati-activity a="&l9;"><iati-identifier>LOL</iati-identifier></iati-activity>\n</iati-activities>\n',
        encoding="utf-8",
    )
    result = _load(path)
    assert result.exit_code == 1
    assert "lol.xml, line 4: file: is not well-formed XML (Maximum entity amplification" in result.output
    assert _identifiers(connected) == []


def test_deep_xml_nesting_is_refused(connected: Graph, tmp_path: Path) -> None:
    path = tmp_path / "deep.xml"
    path.write_text(
        f"{HEAD}<iati-activities>{'<a>' * 5000}{'</a>' * 5000}</iati-activities>", encoding="utf-8"
    )
    result = _load(path)
    assert result.exit_code == 1 and "is not well-formed XML (Excessive depth in document" in result.output
    assert _identifiers(connected) == []


@pytest.mark.parametrize(
    "context",
    [
        "http://10.255.255.1/never-answers.jsonld",  # a server that never answers hung the load before
        "http://127.0.0.1:9/closed-port.jsonld",  # a closed port printed a 120-line traceback before
        "file:///etc/hostname",
        ["ctx.jsonld"],
        {"@import": "http://127.0.0.1:9/c.jsonld"},
    ],
)
def test_remote_json_ld_contexts_are_refused(connected: Graph, tmp_path: Path, context: object) -> None:
    path = tmp_path / "project.jsonld"
    path.write_text(
        json.dumps({"@context": context, "@id": "http://example.org/p", "name": "x"}), encoding="utf-8"
    )
    result = _load(path)
    assert result.exit_code == 1
    assert "refers to a context elsewhere; cograph never fetches contexts" in result.output
    assert _identifiers(connected) == []


def test_deep_json_nesting_is_refused(connected: Graph, tmp_path: Path) -> None:
    path = tmp_path / "deep.json"
    path.write_text("[" + "[" * 100_000 + "]" * 100_000 + "]", encoding="utf-8")
    result = _load(path)
    assert result.exit_code == 1 and "nests arrays or objects too deeply" in result.output


def test_a_non_utf8_row_rejects_itself_and_the_rest_loads(connected: Graph, tmp_path: Path) -> None:
    path = tmp_path / "projects.csv"
    path.write_bytes(
        CSV_HEADER.encode()
        + b"P-1,ngo,Shelter one,NG,Hope\n"
        + b"P-2,ngo,Caf\xe9 two,NG,Hope\n"
        + b"P-3,ngo,Shelter three,NG,Hope\n"
    )
    result = _load(path)
    assert result.exit_code == 1
    assert "projects.csv, line 3: encoding: byte 0xe9 at column 12 is not UTF-8" in result.output
    assert _identifiers(connected) == ["P-1", "P-3"]


def test_huge_lines_and_columns_stop_the_file_with_a_sentence(connected: Graph, tmp_path: Path) -> None:
    wide = tmp_path / "wide.csv"
    wide.write_text("#org,#sector,#country+code\n" + ",".join(["x"] * 100_000) + "\n", encoding="utf-8")
    result = _load(wide, "--format", "hxl")
    assert result.exit_code == 1
    assert (
        f"wide.csv, line 2: file: has 100,000 columns, more than the {limits.MAX_COLUMNS:,}" in result.output
    )
    long = tmp_path / "long.csv"
    long.write_bytes(CSV_HEADER.encode() + b"P-1,ngo,Ok,NG,Hope\n" + b"x" * (limits.MAX_LINE_BYTES + 1))
    result = _load(long, "--format", "csv")
    assert result.exit_code == 1 and "long.csv, line 3: file: is longer than 1 MB" in result.output
    assert _identifiers(connected) == ["P-1"]


def test_repeated_rejections_are_summarised(connected: Graph, tmp_path: Path) -> None:
    path = tmp_path / "nulls.json"
    path.write_text("[" + ",".join(["null"] * 20_000) + "]", encoding="utf-8")
    result = _load(path)
    assert result.exit_code == 1
    assert result.output.count("rejected: ") == 50
    assert "... and 19,950 more reasons; the most frequent:" in result.output
    assert (
        "20,000 x project: is not a JSON object; each item of the list is one project object" in result.output
    )
    assert "0 loaded, 0 updated, 0 unchanged, 0 withdrawn, 20000 rejected" in result.output


def test_a_bad_language_tag_is_rejected_at_the_file(connected: Graph, tmp_path: Path) -> None:
    path = tmp_path / "langs.csv"
    path.write_text(
        "identifier,partner,title@en_US!,countries,implementing\nL-1,ngo,Hello,NG,Hope\n", encoding="utf-8"
    )
    result = _load(path)
    assert result.exit_code == 1
    assert "title language 'en_us!': is not a BCP 47 language tag" in result.output
    assert _identifiers(connected) == []


def test_formula_cells_from_a_file_reach_csv_output_as_text(connected: Graph, tmp_path: Path) -> None:
    from cli.analytics import app as analytics

    path = tmp_path / "formulas.csv"
    path.write_text(
        "identifier,partner,title,status,planned_start,planned_end,countries,themes,implementing\n"
        'F-1,ngo,Shelter,2,2025-01-01,2025-12-31,NG,protection,"=HYPERLINK(""http://x"",""y"")"\n'
        "F-2,ngo,Hotline,2,2025-01-01,2025-12-31,NG,protection,@SUM(1+1)\n",
        encoding="utf-8",
    )
    assert _load(path).exit_code == 0
    result = CliRunner().invoke(
        analytics, ["overlaps", "--as-of", "2025-06-01", "--country", "NG", "--format", "csv"]
    )
    assert result.exit_code == 0, result.output
    cells = [cell for line in result.stdout.splitlines()[1:] for cell in line.split(",")]
    assert any(cell.startswith("'@SUM(1+1)") for cell in cells), result.stdout
    assert any(cell.lstrip('"').startswith("'=HYPERLINK") for cell in cells), result.stdout
    assert not any(cell.lstrip('"').startswith(("=", "@", "+")) for cell in cells)
