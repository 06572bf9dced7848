"""A direct file load is a sync activity too: an operator's, with one change per record, in the graph."""

from __future__ import annotations

import getpass
from pathlib import Path

import pytest

from graph.store import Graph
from loaders.sync import LoadOptions, load_files
from queries.history import ChangeFilter, changes, project_history
from tests.loaders.conftest import EXAMPLES

pytestmark = pytest.mark.neo4j

ACTIVITIES = (
    "MATCH (a:SyncActivity) RETURN a.via AS via, a.actor AS actor, a.source AS source, "
    "COUNT { (a)<-[:MADE_IN]-(:Change) } AS changes ORDER BY a.startedAt"
)


def test_each_load_is_an_activity_with_a_change_per_record(clean_graph: Graph, tmp_path: Path) -> None:
    csv = EXAMPLES / "projects.csv"
    first = load_files(clean_graph, [csv])
    second = load_files(clean_graph, [csv])
    assert second.unchanged == first.loaded > 0
    activities = clean_graph.read(ACTIVITIES)
    assert [a["via"] for a in activities] == ["file", "file"]
    assert all(a["actor"] == f"operator:{getpass.getuser()}" and a["source"] == str(csv) for a in activities)
    assert [a["changes"] for a in activities] == [first.records, second.records]

    start = clean_graph.read("MATCH (a:SyncActivity) RETURN min(a.startedAt) AS start")[0]["start"]
    created = changes(clean_graph, ChangeFilter(since=start), 0, 100, with_total=True)
    assert created.total == first.loaded and {c.action for c in created.items} == {"created"}

    # a full sync of a shorter feed withdraws the partner's other projects, and says so in the history
    lines = csv.read_text(encoding="utf-8").splitlines()
    short = tmp_path / "short.csv"
    short.write_text("\n".join(lines[:2]) + "\n", encoding="utf-8")
    partner = lines[1].split(",")[1]
    summary = load_files(clean_graph, [short], LoadOptions(partner=partner, full_sync=True))
    assert summary.withdrawn > 0
    withdrawn = changes(clean_graph, ChangeFilter(since=start, actions=("withdrawn",)), 0, 100)
    assert len(withdrawn.items) == summary.withdrawn
    assert all(c.partner == partner and c.project for c in withdrawn.items)
    one = withdrawn.items[0]
    assert one.project is not None
    assert [c.action for c in project_history(clean_graph, one.project)] == ["withdrawn", "created"]
