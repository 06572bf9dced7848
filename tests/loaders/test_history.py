"""A direct file load is a sync activity too: an operator's, with one change per record, in the graph."""

from __future__ import annotations

import getpass
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pytest
from neo4j.exceptions import SessionExpired

from graph.store import Graph, Unit
from loaders.sync import LoadOptions, load_files
from queries.history import ChangeFilter, changes, project_history
from tests.loaders.conftest import EXAMPLES

pytestmark = pytest.mark.neo4j
T = TypeVar("T")

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


CHANGES_OF = (
    "MATCH (c:Change)-[:MADE_IN]->(a:SyncActivity) OPTIONAL MATCH (c)-[:CHANGE_OF]->(p:Project) "
    "RETURN a.startedAt AS started, c.action AS action, c.identifier AS identifier, c.changedAt AS at, "
    "c.generatedAt AS generated, c.source AS source, c.previousValues AS previous, p.iri AS project "
    "ORDER BY started, identifier"
)


def test_a_changed_record_is_one_change_an_unchanged_resync_writes_no_project(
    clean_graph: Graph, tmp_path: Path
) -> None:
    csv = EXAMPLES / "projects.csv"
    first = load_files(clean_graph, [csv])
    stamps = "MATCH (p:Project) RETURN p.iri AS iri, p.loadedAt AS at, p.contentHash AS hash ORDER BY iri"
    before = clean_graph.read(stamps)
    again = load_files(clean_graph, [csv])
    assert again.unchanged == first.loaded and clean_graph.read(stamps) == before  # no property written

    lines = csv.read_text(encoding="utf-8").splitlines()
    edited = tmp_path / "edited.csv"
    changed = lines[1].replace(",250000,", ",260000,")
    assert changed != lines[1]
    edited.write_text("\n".join([lines[0], changed, *lines[2:]]) + "\n", encoding="utf-8")
    third = load_files(clean_graph, [edited])
    assert (third.updated, third.unchanged) == (1, first.loaded - 1)

    rows = clean_graph.read(CHANGES_OF)
    # every change carries its batch's time and the sync's source, sent once per batch
    assert all(r["at"] is not None and r["generated"] == r["at"] and r["source"] for r in rows)
    assert all(r["project"] for r in rows)
    updates = [r for r in rows if r["action"] == "updated"]
    identifier = changed.split(",")[0]
    assert [r["identifier"] for r in updates] == [identifier]
    assert '"budget": 250000.0' in updates[0]["previous"]
    assert sorted(r["action"] for r in rows if r["source"] == str(edited)) == ["unchanged"] * (first.loaded - 1) + ["updated"]


class _RetriedGraph(Graph):
    """Every write unit fails once just before its commit (a lost connection), so the driver runs it again."""

    retries = 0

    def write_unit(self, work: Callable[[Unit], T], timeout: float | None = None) -> T:
        failed: list[bool] = []

        def once_lost(unit: Unit) -> T:
            result = work(unit)
            if not failed:
                failed.append(True)
                self.retries += 1
                raise SessionExpired("connection lost before the commit (simulated)")
            return result

        return super().write_unit(once_lost, timeout)


def test_a_retried_batch_numbers_its_changes_once(clean_graph: Graph, tmp_path: Path) -> None:
    lines = (EXAMPLES / "projects.csv").read_text(encoding="utf-8").splitlines()
    bad = lines[1].replace("HT-2025-001", "HT-BAD").replace(",2,2025-01-01,", ",99,2025-01-01,")
    feed = tmp_path / "feed.csv"
    feed.write_text("\n".join([*lines, bad]) + "\n", encoding="utf-8")
    with _RetriedGraph(clean_graph.settings) as graph:
        first = load_files(graph, [feed], LoadOptions(batch_size=1))
        second = load_files(graph, [feed], LoadOptions(batch_size=1))
        assert graph.retries >= 2 * first.loaded
    assert (first.loaded, first.rejected, second.unchanged) == (2, 1, 2)
    rows = clean_graph.read(
        "MATCH (c:Change)-[:MADE_IN]->(a:SyncActivity) RETURN a.iri AS activity, c.iri AS iri, c.action AS action"
    )
    by_activity: dict[str, list[int]] = {}
    for row in rows:
        by_activity.setdefault(row["activity"], []).append(int(row["iri"].rsplit("/", 1)[-1]))
    # one change per record and sync, numbered 1, 2, 3 in each: a retry neither skips nor repeats a number
    assert sorted(sorted(numbers) for numbers in by_activity.values()) == [[1, 2, 3], [1, 2, 3]]
    assert sorted(row["action"] for row in rows) == ["created"] * 2 + ["rejected"] * 2 + ["unchanged"] * 2
