"""The project's own CSV and JSON templates (documented in docs/loaders.md, examples in loaders/examples/)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import typing
from collections.abc import Iterator, Mapping
from functools import cache
from pathlib import Path
from typing import Any

from loaders.json_stream import JsonTrouble, json_items
from loaders.project_fields import LINKS, NARRATED, partner_properties, property_fields, snake
from loaders.records import (
    CountryShare,
    Narrative,
    Participation,
    Problem,
    ProjectRecord,
    Rejection,
    Sector,
    read_date,
    read_number,
)
from loaders.text import CsvTrouble, csv_rows

__all__ = ["CSV_COLUMNS", "JSON_FIELDS", "read_csv", "read_json"]

_NARRATED_BY = {field: prop for prop, field in NARRATED.items()}
ROLES = ("funding", "accountable", "extending", "implementing")
"""The participation columns of the CSV template, one per IATI role word."""
CSV_COLUMNS = (
    *(snake(name) for name in partner_properties()),  # `title`, with `title@fr` columns for more languages
    *(name for name in LINKS if name != "participations"),
    *ROLES,
)
JSON_FIELDS = tuple(
    name
    for field in (*property_fields(), *LINKS)
    for name in ((field, snake(_NARRATED_BY[field])) if field in _NARRATED_BY else (field,))
)
_LIST_SEPARATOR = ";"
_FIELD_SEPARATOR = "|"


def _split(text: str) -> list[str]:
    return [part.strip() for part in text.split(_LIST_SEPARATOR) if part.strip()]


def _countries(text: str, problems: list[Problem]) -> list[CountryShare]:
    shares = []
    for part in _split(text):
        code, _, share = part.partition(":")
        try:
            shares.append(CountryShare(code.strip().upper(), float(share) if share.strip() else None))
        except ValueError:
            problems.append(Problem("countries", part, "has a percentage that is not a number; write KE:60"))
    return shares


def _organizations(role: str, text: str) -> list[Participation]:
    found = []
    for part in _split(text):
        name, ref, org_type = ([*(p.strip() for p in part.split(_FIELD_SEPARATOR)), "", ""])[:3]
        found.append(Participation(role, ref or None, name or None, org_type or None))
    return found


def read_csv(path: Path) -> Iterator[ProjectRecord | Rejection]:
    """One record per row of a template CSV (header row first; `title@fr` columns add languages)."""
    rows = csv_rows(path)
    header: list[str] | None = None
    for item in rows:
        if isinstance(item, CsvTrouble):
            yield Rejection(str(path), item.line, None, "file", "", item.reason)
            return
        if header is None and item.encoding_error:
            # Without readable column names no row can be read; a bad data row only rejects itself (below).
            yield Rejection(str(path), item.line, None, "encoding", "", item.encoding_error)
            return
        if header is None:
            header = [cell.strip().lower() for cell in item.cells]
            unknown = [name for name in header if name and name.split("@")[0] not in CSV_COLUMNS]
            if unknown or "identifier" not in header:
                what = (
                    f"column {unknown[0]!r} is not a template column"
                    if unknown
                    else "has no identifier column"
                )
                yield Rejection(
                    str(path),
                    item.line,
                    None,
                    "header",
                    ", ".join(unknown),
                    f"{what}; the columns are {', '.join(CSV_COLUMNS)} (see docs/loaders.md)",
                )
                return
            continue
        if not any(cell.strip() for cell in item.cells):
            continue
        if item.encoding_error:
            yield Rejection(str(path), item.line, None, "encoding", "", item.encoding_error)
            continue
        cells = dict(zip(header, (cell.strip() for cell in item.cells), strict=False))
        yield _csv_record(cells, path, item.line)


def _csv_record(cells: dict[str, str], path: Path, line: int) -> ProjectRecord:
    problems: list[Problem] = []

    def narratives(name: str) -> tuple[Narrative, ...]:
        found = []
        for column, text in cells.items():
            base, _, lang = column.partition("@")
            if base == name and text:
                found.append(Narrative(lang or "en", text))
        return tuple(found)

    participations = [p for role in ROLES for p in _organizations(role, cells.get(role, ""))]
    # Each property column is read by the type its record field has (dates, numbers, text).
    hints = _record_types()
    scalars: dict[str, Any] = {
        name: narratives(_NARRATED_BY[name])
        if name in _NARRATED_BY
        else read_date(cells.get(name), name, problems)
        if hints[name] == dt.date | None
        else read_number(cells.get(name), name, problems)
        if hints[name] == float | None
        else cells.get(name) or None
        for name in property_fields()
    }
    scalars["partner"] = scalars["partner"] or path.stem
    return ProjectRecord(
        **scalars,
        participations=tuple(participations),
        countries=tuple(_countries(cells.get("countries", ""), problems)),
        regions=tuple(_split(cells.get("regions", ""))),
        sectors=tuple(Sector("1", code) for code in _split(cells.get("sectors", ""))),
        sdg_targets=tuple(_split(cells.get("sdg_targets", ""))),
        themes=tuple(_split(cells.get("themes", ""))),
        crime_types=tuple(_split(cells.get("crime_types", ""))),
        source_file=str(path),
        line=line,
        problems=tuple(problems),
    )


@cache
def _record_types() -> dict[str, Any]:
    return typing.get_type_hints(ProjectRecord)


def read_json(path: Path) -> Iterator[ProjectRecord | Rejection]:
    """Records from a JSON array (or {"projects": [...]}) of template objects, or JSON Lines (.jsonl).

    Streamed item by item (loaders/json_stream.py): memory stays bounded by one record, whatever the file.
    """
    for item in json_items(path, lines=path.suffix.lower() == ".jsonl"):
        if isinstance(item, JsonTrouble):
            yield Rejection(str(path), item.line, None, item.field, "", item.reason)
            return
        if not isinstance(item.value, Mapping):
            # One reason, not one per missing field: an item that is no object has no fields to check.
            yield Rejection(
                str(path),
                item.line,
                None,
                "project",
                "" if isinstance(item.value, list) else json.dumps(item.value)[:40],
                "is not a JSON object; each item of the list is one project object",
            )
            continue
        yield _json_record(item.value, path, item.line, item.index)


def _json_record(item: Mapping[str, Any], path: Path, line: int | None, index: int) -> ProjectRecord:
    problems = [
        Problem(key, "", f"is not a template field; use {', '.join(JSON_FIELDS)}")
        for key in item
        if key not in JSON_FIELDS
    ]
    values = {key: value for key, value in item.items() if key in JSON_FIELDS}
    if "title" in values:
        values["titles"] = [*_as_list(values.get("titles")), Narrative("en", str(values.pop("title")))]
    if "description" in values:
        values["descriptions"] = [
            *_as_list(values.get("descriptions")),
            Narrative("en", str(values.pop("description"))),
        ]
    values.setdefault("partner", path.stem)
    try:
        record = ProjectRecord(source_file=str(path), line=line, position=index, **values)
    except (TypeError, ValueError) as error:
        return ProjectRecord(
            values.get("identifier"),
            source_file=str(path),
            line=line,
            position=index,
            problems=(Problem("project", "", f"cannot be read ({error})"),),
        )
    if problems:
        return dataclasses.replace(record, problems=(*record.problems, *problems))
    return record


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    if isinstance(value, Mapping):
        return [Narrative(str(lang), str(text)) for lang, text in value.items()]
    return list(value) if isinstance(value, list) else [value]
