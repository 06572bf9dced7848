"""The explorer's support: projectPeriod and gapKinds in GraphQL, the CSV/XLSX exports and the country brief."""

from __future__ import annotations

import ast
import csv
import datetime as dt
import inspect
import io

import pytest
from openpyxl import load_workbook
from starlette.testclient import TestClient

from graph.store import Graph
from ontology.activity import active_interval
from queries import gaps as gap_module
from queries.coverage import coverage
from queries.gap_kinds import gap_kinds
from queries.gaps import GapKind, gaps
from tests.api.conftest import data
from tests.api.seed import project_specs

pytestmark = pytest.mark.neo4j

DAY = dt.date(2025, 6, 1)


def test_project_period_spans_the_days_the_seed_projects_are_active(client: TestClient) -> None:
    found = data(client, "{ projectPeriod { earliestStart latestEnd projects } }")["projectPeriod"]
    intervals = [
        active_interval(withdrawn=False, status=s.status, start=s.start, end=s.end) for s in project_specs()
    ]
    active = [i for i in intervals if i is not None]
    assert len(active) < len(intervals), "the seed has cancelled projects, which are never active"
    assert found["earliestStart"] == min(first for first, _ in active).isoformat()
    assert found["latestEnd"] == max(last for _, last in active).isoformat()
    assert found["projects"] == len(active)


def test_gap_kinds_list_every_kind_with_its_meaning(client: TestClient) -> None:
    found = data(client, "{ gapKinds { kind code label description isGap } }")["gapKinds"]
    assert [k["kind"] for k in found] == [k.name for k in GapKind]
    assert [k["code"] for k in found] == [k.value for k in GapKind]
    assert all(k["label"] and k["description"] for k in found)
    unknown = next(k for k in found if k["kind"] == "TREATY_STATUS_UNKNOWN")
    assert unknown["isGap"] is False and unknown["label"] == "Treaty status unknown"


def test_every_gap_kind_has_a_docstring_the_legend_reads() -> None:
    # The legend's meaning is the docstring under each member: a new kind without one fails here.
    source = ast.parse(inspect.getsource(gap_module.GapKind))
    members = [
        n.targets[0].id
        for n in ast.walk(source)
        if isinstance(n, ast.Assign) and isinstance(n.targets[0], ast.Name)
    ]
    assert members == [k.name for k in GapKind]
    assert [info.description != "" for info in gap_kinds()] == [True] * len(GapKind)


def test_matrix_csv_has_a_line_per_cell_as_the_analytics_count(client: TestClient, seeded: Graph) -> None:
    response = client.get("/export/matrix.csv", params={"asOf": DAY.isoformat()})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert f"cograph-matrix-{DAY.isoformat()}.csv" in response.headers["content-disposition"]
    rows = {(r["country"], r["theme"]): r for r in csv.DictReader(io.StringIO(response.text))}
    cells = coverage(seeded, DAY)
    assert cells
    for cell in cells:
        row = rows[(cell.country, cell.theme)]
        assert int(row["active_projects"]) == cell.projects
        assert int(row["implementing_actors"]) == cell.organizations
    placed = [
        g for g in gaps(seeded, DAY) if g.country and g.theme and g.kind is not GapKind.TREATY_STATUS_UNKNOWN
    ]
    for gap in placed:
        assert gap.kind.value in rows[(gap.country, gap.theme)]["gap_kinds"].split()


def test_findings_csv_and_xlsx_agree_and_carry_the_filters(client: TestClient, seeded: Graph) -> None:
    params = {"asOf": DAY.isoformat(), "region": "002"}
    findings = list(csv.DictReader(io.StringIO(client.get("/export/findings.csv", params=params).text)))
    expected = [g for g in gaps(seeded, DAY, gap_module.Filters(region="002"))]
    assert sum(1 for f in findings if f["finding"] in ("gap", "unknown")) == len(expected)
    response = client.get("/export/matrix.xlsx", params=params)
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    about = {row[0]: row[1] for row in book["About"].iter_rows(values_only=True)}
    assert about["as of"] == DAY.isoformat() and about["region"] == "002"
    sheet = list(book["Findings"].iter_rows(values_only=True))
    assert len(sheet) - 1 == len(findings)


def test_exports_refuse_a_bad_date_with_a_sentence(client: TestClient) -> None:
    response = client.get("/export/matrix.csv", params={"asOf": "June"})
    assert response.status_code == 400
    assert "asOf 'June' is not a date" in response.text


def test_the_brief_of_a_country_and_of_an_unknown_one(client: TestClient, seeded: Graph) -> None:
    response = client.get("/brief/ke", params={"asOf": DAY.isoformat()})
    assert response.status_code == 200
    assert "Content-Security-Policy" in response.headers
    covered = sum(1 for c in coverage(seeded, DAY, gap_module.Filters(country="KE")) if c.organizations > 0)
    assert f"<strong>{covered} of " in response.text
    assert "Kenya" in response.text and DAY.isoformat() in response.text
    missing = client.get("/brief/ZZ")
    assert missing.status_code == 400 and "ZZ" in missing.text
