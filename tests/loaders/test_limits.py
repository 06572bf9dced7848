"""Memory is bounded by the caps of loaders/limits.py, whatever the file: each cap hit is one sentence."""

from __future__ import annotations

from pathlib import Path

from loaders import limits
from loaders.json_stream import JsonItem, JsonTrouble, json_items
from loaders.limits import RejectionLog
from loaders.records import Rejection
from loaders.text import CsvRow, CsvTrouble, csv_rows


def test_a_line_longer_than_the_cap_ends_the_file_with_a_sentence(tmp_path: Path) -> None:
    path = tmp_path / "long.csv"
    path.write_bytes(b"a,b\n1,2\n" + b"x" * (limits.MAX_LINE_BYTES + 10) + b"\n3,4\n")
    items = list(csv_rows(path))
    assert [i.cells for i in items if isinstance(i, CsvRow)] == [["a", "b"], ["1", "2"]]
    trouble = items[-1]
    assert isinstance(trouble, CsvTrouble) and trouble.line == 3
    assert "longer than 1 MB" in trouble.reason


def test_a_row_with_too_many_columns_ends_the_file_with_a_sentence(tmp_path: Path) -> None:
    path = tmp_path / "wide.csv"
    path.write_text("a,b\n" + ",".join(["x"] * (limits.MAX_COLUMNS + 1)) + "\n", encoding="utf-8")
    trouble = list(csv_rows(path))[-1]
    assert isinstance(trouble, CsvTrouble) and trouble.line == 2
    assert f"{limits.MAX_COLUMNS + 1:,} columns" in trouble.reason


def test_json_items_stream_with_lines(tmp_path: Path) -> None:
    path = tmp_path / "p.json"
    path.write_text('[\n {"a": 1},\n\n {"b": [1,\n 2]}, 123456789012,\n "x"\n]\n', encoding="utf-8")
    items = list(json_items(path, lines=False))
    assert items == [
        JsonItem(2, 1, {"a": 1}),
        JsonItem(4, 2, {"b": [1, 2]}),
        JsonItem(5, 3, 123456789012),
        JsonItem(6, 4, "x"),
    ]


def test_json_items_across_chunks_keep_their_lines(tmp_path: Path) -> None:
    path = tmp_path / "many.json"
    path.write_text("[\n" + ",\n".join(f'{{"n": {n}, "pad": "{"p" * 300}"}}' for n in range(1000)) + "\n]")
    items = list(json_items(path, lines=False))
    assert all(isinstance(i, JsonItem) for i in items)
    assert [(i.line, i.value["n"]) for i in items if isinstance(i, JsonItem)] == [
        (n + 2, n) for n in range(1000)
    ]


def test_json_document_form_streams_its_projects(tmp_path: Path) -> None:
    path = tmp_path / "d.json"
    path.write_text('{"version": {"x": [1, 2]}, "projects": [{"a": 1}, {"a": 2}]}', encoding="utf-8")
    assert [i.value for i in json_items(path, lines=False) if isinstance(i, JsonItem)] == [{"a": 1}, {"a": 2}]


def test_garbage_json_is_refused_after_one_chunk(tmp_path: Path) -> None:
    path = tmp_path / "garbage.json"
    path.write_bytes(b"[" + b"\x01garbage" * 1_000_000)
    items = list(json_items(path, lines=False))
    assert len(items) == 1 and isinstance(items[0], JsonTrouble)
    assert "is not valid JSON" in items[0].reason


def test_deep_nesting_is_refused_with_a_sentence(tmp_path: Path) -> None:
    path = tmp_path / "deep.json"
    path.write_text("[" + "[" * 100_000 + "]" * 100_000 + "]", encoding="utf-8")
    items = list(json_items(path, lines=False))
    assert isinstance(items[-1], JsonTrouble) and "nests arrays or objects too deeply" in items[-1].reason


def test_invalid_utf8_in_json_is_refused_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "latin1.json"
    path.write_bytes(b'[\n{"a": 1},\n{"a": "caf\xe9"}\n]')
    items = list(json_items(path, lines=False))
    assert isinstance(items[-1], JsonTrouble) and items[-1].field == "encoding"
    assert "byte 0xe9" in items[-1].reason


def test_rejection_log_keeps_the_first_and_counts_the_rest() -> None:
    log = RejectionLog(keep=3)
    log.extend(Rejection("f", n, None, "project", "", "is not a JSON object") for n in range(10))
    log.append(Rejection("f", 11, None, "title", "", "is missing"))
    assert (len(log), log.total, log.left_out) == (3, 11, 8)
    assert [r.line for r in log] == [0, 1, 2]
    assert log.repeated() == [("project", "is not a JSON object", 10)]
