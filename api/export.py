"""Exports of the explorer's current matrix and findings: CSV (neutralised as cli/csv_output writes it) and XLSX.

Built on the server: openpyxl is a maintained XLSX writer, the CSV goes through the project's one CSV
writer (formula-looking cells quoted), and the same URLs serve an officer's script as well as the page.
Query parameters are the page's filters: asOf, region, crimeType, mechanism.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

from openpyxl import Workbook
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import BaseRoute, Route

from api.read_gate import BadParameter, analytics_filters, as_of, read
from cli.csv_output import spreadsheet_safe, write_csv
from graph.store import Graph
from queries.coverage import coverage
from queries.filters import Filters
from queries.findings_table import FINDING_COLUMNS, MATRIX_COLUMNS, Tables, findings_rows, matrix_rows
from queries.gaps import gaps
from queries.overlaps import DEFAULT_LIMIT, overlap_projects, overlaps

__all__ = ["XLSX", "export_routes", "tables"]

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def tables(graph: Graph, day: dt.date, filters: Filters) -> Tables:
    """The matrix's cells and the findings under the filters, as rows."""
    cells = coverage(graph, day, filters)
    found_overlaps = overlaps(graph, day, filters, DEFAULT_LIMIT)
    found_gaps = gaps(graph, day, filters)
    return Tables(
        matrix_rows(cells, found_overlaps, found_gaps),
        findings_rows(found_overlaps, found_gaps, overlap_projects(graph, found_overlaps)),
    )


def _about(day: dt.date, filters: Filters) -> list[tuple[str, str]]:
    return [
        ("as of", day.isoformat()),
        ("region", filters.region or "all"),
        ("crime type", filters.crime_type or "both"),
        ("mechanism", filters.mechanism or "any"),
        ("overlaps", f"at most {DEFAULT_LIMIT}, coordination opportunities first"),
        ("generated", dt.datetime.now(dt.UTC).isoformat(timespec="seconds")),
        ("by", "cograph explorer export"),
    ]


def _name(day: dt.date, what: str, ext: str) -> dict[str, str]:
    return {"Content-Disposition": f'attachment; filename="cograph-{what}-{day.isoformat()}.{ext}"'}


def _csv(columns: Sequence[str], rows: list[dict[str, Any]]) -> str:
    out = io.StringIO()
    write_csv(out, columns, rows)
    return out.getvalue()


def _sheet(book: Workbook, title: str, columns: Sequence[str], rows: list[dict[str, Any]]) -> None:
    sheet = book.create_sheet(title)
    sheet.append(list(columns))
    for row in rows:
        # openpyxl writes a text starting with "=" as a formula: the same neutralising as the CSV.
        sheet.append([spreadsheet_safe(row.get(column, "")) for column in columns])
    sheet.freeze_panes = "A2"


def _xlsx(day: dt.date, filters: Filters, found: Tables) -> bytes:
    book = Workbook()
    about = book.active
    assert about is not None  # a new Workbook always has its first sheet
    about.title = "About"
    for name, value in _about(day, filters):
        about.append([name, spreadsheet_safe(value)])
    _sheet(book, "Matrix", MATRIX_COLUMNS, found.matrix)
    _sheet(book, "Findings", FINDING_COLUMNS, found.findings)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _endpoint(what: str) -> Callable[[Request], Awaitable[Response]]:
    """GET /export/matrix.csv (a line per cell), /export/findings.csv (a line per finding) or
    /export/matrix.xlsx (About, Matrix and Findings sheets)."""

    async def endpoint(request: Request) -> Response:
        try:
            day, filters = as_of(request), analytics_filters(request)
        except BadParameter as error:
            return PlainTextResponse(str(error), status_code=400)
        found = await read(request, lambda graph: tables(graph, day, filters))
        if isinstance(found, Response):
            return found
        if what == "matrix.xlsx":
            return Response(_xlsx(day, filters, found), media_type=XLSX, headers=_name(day, "matrix", "xlsx"))
        columns, rows = (
            (MATRIX_COLUMNS, found.matrix) if what == "matrix.csv" else (FINDING_COLUMNS, found.findings)
        )
        return Response(
            _csv(columns, rows), media_type="text/csv; charset=utf-8", headers=_name(day, what[:-4], "csv")
        )

    return endpoint


def export_routes() -> list[BaseRoute]:
    return [
        Route(f"/export/{what}", _endpoint(what), name=f"export-{what}")
        for what in ("matrix.csv", "findings.csv", "matrix.xlsx")
    ]
