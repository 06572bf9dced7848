"""Cancelling a piece of work terminates its read transactions on the real Neo4j, and only those."""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from contextvars import copy_context
from typing import Any

import pytest

from graph.cancellation import METADATA_KEY, Work, cancellable
from graph.errors import GraphCancelled
from graph.store import Graph
from tests.graph.waiting import SEEN_WITHIN, wait_until

pytestmark = pytest.mark.neo4j

# A read that runs for minutes unless it is stopped (counting is all it does: nothing to clean up).
SLOW = "UNWIND range(1, 100000000000) AS x RETURN count(x) AS n"

RUNNING = """SHOW TRANSACTIONS YIELD transactionId, metaData, currentQuery
WHERE metaData[$key] = $id RETURN transactionId, currentQuery"""


def running(graph: Graph, work: Work) -> list[dict[str, Any]]:
    with graph._driver.session(database=graph.settings.database) as session:
        return session.run(RUNNING, {"key": METADATA_KEY, "id": work.id}).data()


@contextmanager
def reading_in_thread(graph: Graph, work: Work, kept: bool = False) -> Iterator[Future[Any]]:
    """`graph.read(SLOW)` (or read_kept) in another thread as part of `work`; stopped at the end whatever."""

    def read() -> Any:
        with cancellable(work):
            return (graph.read_kept if kept else graph.read)(SLOW)

    with ThreadPoolExecutor(max_workers=1) as pool:
        future = pool.submit(copy_context().run, read)
        try:
            yield future
        finally:
            graph.cancel(work)


def test_a_cancelled_read_is_terminated_and_raises_graph_cancelled(graph: Graph) -> None:
    work = Work()
    with reading_in_thread(graph, work) as future:
        wait_until(lambda: running(graph, work), "the read's transaction, tagged with the work's id, shows")
        assert running(graph, work)[0]["currentQuery"] == SLOW
        assert graph.cancel(work) == 1
        with pytest.raises(GraphCancelled, match="cancelled"):
            future.result(timeout=SEEN_WITHIN)
        wait_until(lambda: not running(graph, work), "the terminated transaction leaves")


def test_a_kept_read_is_cancellable_too(graph: Graph) -> None:
    work = Work()
    with reading_in_thread(graph, work, kept=True) as future:
        # a kept read first reads the database's version in a transaction of its own, tagged the same way
        wait_until(
            lambda: any(row["currentQuery"] == SLOW for row in running(graph, work)),
            "the kept read's statement shows",
        )
        assert graph.cancel(work) == 1
        with pytest.raises(GraphCancelled):
            future.result(timeout=SEEN_WITHIN)
    assert graph.read_kept("RETURN 1 AS one") == [{"one": 1}]  # nothing of it was kept or is waited for


def test_cancelling_one_work_leaves_the_others_running(graph: Graph) -> None:
    first, second = Work(), Work()
    with reading_in_thread(graph, first) as stopped, reading_in_thread(graph, second) as going_on:
        wait_until(lambda: running(graph, first) and running(graph, second), "both reads show")
        graph.cancel(first)
        with pytest.raises(GraphCancelled):
            stopped.result(timeout=SEEN_WITHIN)
        assert running(graph, second) and not going_on.done()


def test_a_read_of_cancelled_work_does_not_start(graph: Graph) -> None:
    work = Work()
    assert graph.cancel(work) == 0  # nothing of it was running
    with cancellable(work), pytest.raises(GraphCancelled):
        graph.read("RETURN 1 AS one")


def test_writes_are_never_refused_by_a_cancelled_work(graph: Graph) -> None:
    with cancellable() as work:
        graph.cancel(work)
        assert graph.write("RETURN 1 AS one") == [{"one": 1}]  # a write is all or nothing: its caller ends it
