"""Overlapping batch writes (loaders.batches): the same graph as batches written one at a time, in order,
against a real Neo4j; a batch whose predecessor runs again or fails waits for it or is not committed."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

import pytest

from graph.records import wipe
from graph.setup import load_reference_data
from graph.store import Graph
from loaders.batches import Pending, SyncRun, _Abandoned, _Turn, _turn, _wait, _Yield
from loaders.checks import checked
from loaders.mapping import content_hash, project_iri
from loaders.records import ProjectRecord
from loaders.sample import write_sample
from loaders.seen import SeenKeys
from loaders.sync import LoadOptions, iter_records, load_files
from tests.loaders.conftest import FIXTURES, snapshot

RESOLUTION = [FIXTURES / "resolution" / name for name in ("iati.xml", "3w.csv", "partners.csv")]

COUNTS = (
    "MATCH (p:Project) RETURN count(p) AS projects, "
    "COUNT { MATCH (:Project)-[:HAS_PARTICIPATION]->()-[:PARTICIPANT]->(:Organization) } AS participants, "
    "COUNT { MATCH (:Project)-[:HAS_COUNTRY_ALLOCATION]->()-[:COUNTRY]->(:Country) } AS places, "
    "COUNT { MATCH (c:Change)-[:MADE_IN]->(:SyncActivity) WHERE (c)-[:CHANGE_OF]->(:Project) } AS changes, "
    "COUNT { MATCH (a:SyncActivity) WHERE a.endedAt IS NOT NULL } AS ended"
)


def _pending(record: ProjectRecord, index: int) -> Pending:
    """The record as the sync core buffers it (SyncRun.add)."""
    assert record.partner and record.identifier
    return Pending(
        record, record.partner, project_iri(record.partner, record.identifier), content_hash(record), index
    )


def _one_at_a_time(graph: Graph, paths: list[Path], batch_size: int, country: str | None = None) -> None:
    run = SyncRun(graph, batch_size=batch_size, source=", ".join(str(p) for p in paths))
    for path in paths:
        first_lines = SeenKeys()
        for index, item in enumerate(iter_records([path], LoadOptions(country=country))):
            assert isinstance(item, ProjectRecord)
            record, found = checked(item, None, country, first_lines)
            assert not found and record.partner
            run.add(record, record.partner, index)
        run.flush()
    run.finish()


def test_overlapping_batches_write_what_one_at_a_time_does(clean_graph: Graph, tmp_path: Path) -> None:
    # 400 projects in batches of 9: organizations first named in one batch are linked by the next ones, so a
    # batch that read them before the batch creating them had committed would lose its participations.
    (path,) = write_sample(tmp_path, 400, seed=11)
    summary = load_files(clean_graph, [path], LoadOptions(batch_size=9))
    assert (summary.loaded, summary.rejected) == (400, 0)
    overlapped, counts = snapshot(clean_graph), clean_graph.read(COUNTS)[0]
    wipe(clean_graph)
    _one_at_a_time(clean_graph, [path], 9)
    assert snapshot(clean_graph) == overlapped
    assert clean_graph.read(COUNTS)[0] == counts
    assert counts["projects"] == counts["changes"] == 400 and counts["ended"] == 1
    assert counts["participants"] >= 400 and counts["places"] >= 400


def test_names_and_candidates_written_batch_by_batch_are_all_kept(clean_graph: Graph) -> None:
    # One record per batch: the 3W's two similar NGOs are a candidate pair, written by the batch of the second
    # with a link to the first, which an earlier batch created; IOM is named three ways by three files.
    load_reference_data(clean_graph)
    summary = load_files(clean_graph, RESOLUTION, LoadOptions(country="AF", batch_size=1))
    assert summary.rejected == 0 and summary.candidates >= 1
    overlapped = snapshot(clean_graph)
    assert any("MatchCandidate" in labels for _, labels, _ in overlapped[0])
    wipe(clean_graph)
    load_reference_data(clean_graph)
    _one_at_a_time(clean_graph, RESOLUTION, 1, country="AF")
    assert snapshot(clean_graph) == overlapped


def test_a_batch_naming_an_organization_made_by_the_one_before_waits_for_it(clean_graph: Graph) -> None:
    load_reference_data(clean_graph)
    run = SyncRun(clean_graph, batch_size=1, source="test")
    turns = []
    for index, item in enumerate(iter_records(RESOLUTION, LoadOptions(country="AF"))):
        assert isinstance(item, ProjectRecord)
        record, _ = checked(item, None, "AF", SeenKeys())
        pending = _pending(record, index)
        project = run._prepare(pending, run.history.activity.started_at)
        turns.append((project, _turn([pending], [project])))
    run.close()
    paired = [n for n, (project, _) in enumerate(turns) if project.candidates]
    assert paired, "the fixtures hold no candidate pair"
    for n in paired:
        project, turn = turns[n]
        pair = {org for c in project.candidates for org in (c.a, c.b)}
        # The batch that created the other organization of the pair, not yet committed, must be waited for.
        makers = [earlier for _, earlier in turns[:n] if earlier.writes & pair]
        assert makers and all(turn.needs(maker, set()) for maker in makers)
        assert not any(turn.needs(maker, pair) for maker in makers)  # once committed, no wait


def test_a_rerun_with_overlapping_batches_changes_nothing(clean_graph: Graph, tmp_path: Path) -> None:
    (path,) = write_sample(tmp_path, 120, seed=12)
    load_files(clean_graph, [path], LoadOptions(batch_size=7))
    before = snapshot(clean_graph)
    again = load_files(clean_graph, [path], LoadOptions(batch_size=7))
    assert (again.loaded, again.updated, again.unchanged) == (0, 0, 120)
    assert snapshot(clean_graph) == before


def _write_after(
    graph: Graph, tmp_path: Path, prior: _Turn
) -> tuple[SyncRun, _Turn, threading.Thread, dict[str, Any]]:
    """A batch of three new projects written in a thread as the batch after `prior`, whose turn the test
    plays; what the write returned or raised lands in the dict."""
    (path,) = write_sample(tmp_path, 3, seed=13)
    run = SyncRun(graph, batch_size=100, source=str(path), pipelined=True)
    batch = []
    for index, item in enumerate(iter_records([path], LoadOptions())):
        assert isinstance(item, ProjectRecord)
        batch.append(_pending(item, index))
    prepared = [run._prepare(item, run.history.activity.started_at) for item in batch]
    turn = _Turn(frozenset(item.iri for item in batch), frozenset(), frozenset())
    result: dict[str, Any] = {}

    def write() -> None:
        try:
            result["outcome"] = run._write(batch, prepared, turn, prior)
        except Exception as error:  # the test reads it
            result["error"] = error

    prior.ran.set()
    writer = threading.Thread(target=write)
    writer.start()
    return run, turn, writer, result


def _projects(graph: Graph) -> int:
    return int(graph.read("MATCH (p:Project) RETURN count(p) AS n")[0]["n"])


def _open_transactions(graph: Graph) -> list[str]:
    rows = graph.read("SHOW TRANSACTIONS YIELD currentQuery, status RETURN currentQuery, status")
    return [str(row["currentQuery"]) for row in rows if not str(row["currentQuery"]).startswith("SHOW")]


def test_a_batch_rolls_back_while_the_batch_before_runs_again(clean_graph: Graph, tmp_path: Path) -> None:
    # The batch before has run its statements once and begun a second attempt (the driver retrying it).
    prior = _Turn(frozenset(), frozenset(), frozenset(), attempts=2, ran_attempt=1)
    run, turn, writer, result = _write_after(clean_graph, tmp_path, prior)
    try:
        assert turn.ran.wait(30), "the batch never ran its statements"
        time.sleep(0.3)
        # It gave way: it holds no transaction (nothing the retry could wait for), nothing of it is
        # committed, and it waits for the batch before to commit.
        assert _open_transactions(clean_graph) == []
        assert not turn.done.is_set() and _projects(clean_graph) == 0
    finally:
        prior.done.set()
        writer.join(30)
        run.close()
    assert turn.done.is_set() and not turn.failed and "error" not in result
    assert sorted(result["outcome"].values()) == ["created"] * 3 and _projects(clean_graph) == 3


def test_a_batch_after_a_failed_one_is_not_committed(clean_graph: Graph, tmp_path: Path) -> None:
    prior = _Turn(frozenset(), frozenset(), frozenset(), attempts=1, ran_attempt=1)
    run, turn, writer, result = _write_after(clean_graph, tmp_path, prior)
    try:
        assert turn.ran.wait(30)
        prior.failed = True
    finally:
        prior.done.set()
        writer.join(30)
        run.close()
    assert isinstance(result.get("error"), _Abandoned) and turn.failed and _projects(clean_graph) == 0


def test_a_batch_waits_for_the_one_before_when_it_needs_what_that_one_writes() -> None:
    org = "https://w3id.org/cograph/id/organization/a"
    before = _Turn(frozenset({"p1", "p2"}), frozenset({org}), frozenset({org}))
    assert _Turn(frozenset({"p2"}), frozenset(), frozenset()).needs(before, set())
    reads_it = _Turn(frozenset({"p3"}), frozenset(), frozenset({org}))
    assert reads_it.needs(before, set())
    assert not reads_it.needs(before, {org})  # committed by an earlier batch: visible to every transaction
    assert _Turn(frozenset({"p3"}), frozenset({org}), frozenset()).needs(before, set())
    assert not _Turn(frozenset({"p3"}), frozenset(), frozenset({"other"})).needs(before, set())


def test_waiting_gives_way_to_a_retry_and_stops_on_a_failure() -> None:
    prior = _Turn(frozenset(), frozenset(), frozenset(), attempts=1, ran_attempt=1)
    prior.done.set()
    _wait(prior.done, prior, yield_on_retry=True)  # committed: no error
    retrying = _Turn(frozenset(), frozenset(), frozenset(), attempts=3, ran_attempt=2)
    with pytest.raises(_Yield):
        _wait(retrying.done, retrying, yield_on_retry=True)
    failed = _Turn(frozenset(), frozenset(), frozenset(), failed=True)
    failed.done.set()
    with pytest.raises(_Abandoned):
        _wait(failed.done, failed)


def test_the_first_batches_of_a_load_are_smaller(clean_graph: Graph, tmp_path: Path) -> None:
    # Batches of 16 start at 2 records and double, so the writers start on the first records read.
    (path,) = write_sample(tmp_path, 40, seed=14)
    seen: list[int] = []
    summary = load_files(
        clean_graph, [path], LoadOptions(batch_size=16, progress=lambda p: seen.append(p.records))
    )
    assert summary.loaded == 40
    assert sorted(set(seen)) == [2, 6, 14, 30, 40]
