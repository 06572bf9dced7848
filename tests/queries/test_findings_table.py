"""The export rows: cells and findings from domain objects, and the CSV neutralising formula cells."""

from __future__ import annotations

import csv
import io
from datetime import date

from cli.csv_output import write_csv
from queries.coverage import CoverageCell
from queries.findings_table import FINDING_COLUMNS, MATRIX_COLUMNS, findings_rows, matrix_rows
from queries.gaps import Gap, GapKind
from queries.money import Money
from queries.overlaps import Actor, Overlap, OverlapProjects, ProjectRef, ProjectScope

SCOPE = ProjectScope(date(2024, 6, 1), None, (), ())


def _overlap(name_a: str) -> Overlap:
    return Overlap(
        country="KE", country_name="Kenya", theme="shelter-and-assistance", theme_label="Shelter",
        actor_a=Actor("urn:a", name_a, "NGO"), actor_b=Actor("urn:b", "B", "Agency"),
        project_count_a=1, project_count_b=0, start=date(2024, 1, 1), end=None, combined_budget=(), shared_mechanisms=(), scope=SCOPE,
    )  # fmt: skip


def test_a_cell_with_only_a_gap_is_a_row_and_unknown_status_marks_no_cell() -> None:
    cells = [CoverageCell("KE", "Kenya", "shelter-and-assistance", "Shelter", 2, 2, (Money("USD", 5.0),))]
    found = [
        Gap(GapKind.COMMITMENT, "IT", "shelter-and-assistance", "due", ("urn:plan",)),
        Gap(GapKind.TREATY_STATUS_UNKNOWN, "KE", "border-management", "unknown", ()),
    ]
    rows = {(r["country"], r["theme"]): r for r in matrix_rows(cells, [_overlap("A")], found)}
    assert set(rows) == {("KE", "shelter-and-assistance"), ("IT", "shelter-and-assistance")}
    assert rows[("KE", "shelter-and-assistance")]["overlaps"] == 1
    assert rows[("KE", "shelter-and-assistance")]["budget"] == "USD 5.00"
    assert rows[("IT", "shelter-and-assistance")]["gap_kinds"] == "commitment"
    assert list(rows[("IT", "shelter-and-assistance")]) == list(MATRIX_COLUMNS)


def test_formula_looking_names_reach_the_csv_as_text() -> None:
    rows = findings_rows([_overlap('=HYPERLINK("http://x")')], [])
    out = io.StringIO()
    write_csv(out, FINDING_COLUMNS, rows)
    parsed = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert parsed[0]["actor_a"] == '\'=HYPERLINK("http://x")'
    assert parsed[0]["finding"] == "overlap" and parsed[0]["kind"] == "coordination-opportunity"


def test_an_overlaps_related_records_are_its_actors_and_the_projects_given() -> None:
    ref = ProjectRef("urn:p1", "P1", date(2024, 1, 1), None, "USD", 10.0)
    alone = findings_rows([_overlap("A")], [])
    assert alone[0]["related"] == "urn:a urn:b"
    listed = findings_rows([_overlap("A")], [], [OverlapProjects((ref,), ())])
    assert listed[0]["related"] == "urn:a urn:b urn:p1"
