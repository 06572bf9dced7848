"""GET /health: Neo4j's version and the schema version, answered within a second whether Neo4j is up or down.

The driver is synchronous, so the check runs in a thread of its own (never on the event loop, and never
queued behind GraphQL work in the shared worker threads). At most one check runs at a time: requests that
arrive meanwhile wait for the same one, so a flood of /health costs Neo4j one query at a time. When the
check takes longer than the budget, a result at most RECENT seconds old is answered (with its age), so a
busy but live server is not reported down; older than that, 503 says Neo4j did not answer.
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse

from api.ahead import KeepAhead
from api.connection import AppGraph, public_reason
from graph.errors import GraphError
from graph.migrations import current_version

__all__ = ["BUDGET", "Health", "health"]

BUDGET = 0.8
"""Seconds a /health request waits for Neo4j before it says Neo4j did not answer: the answer is within 1 s."""
RECENT = 10.0
"""Seconds a completed check may stand in for one that is still running."""
PROBE_TIMEOUT = 5.0
"""Seconds the check itself may take (connecting, then the query), no retries: a slow but live server still
completes it in the background, and requests arriving meanwhile share it instead of starting another."""

log = logging.getLogger("cograph.api")


@dataclass(frozen=True)
class Report:
    status: int
    body: dict[str, Any]


class Health:
    """The health check of one application's Graph."""

    def __init__(self, graph: AppGraph, budget: float = BUDGET, ahead: KeepAhead | None = None) -> None:
        self.graph = graph
        self.budget = budget
        self.ahead = ahead
        self._lock = threading.Lock()
        self._pending: Future[Report] | None = None
        self._last: tuple[float, Report] | None = None
        self._executor: ThreadPoolExecutor | None = None

    async def report(self) -> Report:
        """The running check's result, or a new one's; past the budget, a recent result or 503."""
        with self._lock:
            if self._pending is None or self._pending.done():
                if self._executor is None:
                    self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="cograph-health")
                self._pending = self._executor.submit(self._check)
            pending = self._pending
        try:
            found = await asyncio.wait_for(asyncio.shield(asyncio.wrap_future(pending)), self.budget)
            return self._with_progress(found)
        except TimeoutError:
            last = self._last
            age = time.monotonic() - last[0] if last is not None else RECENT
            if last is None or age >= RECENT:
                return _unavailable(f"Neo4j did not answer within {self.budget:g} s")
            return self._with_progress(
                Report(last[1].status, {**last[1].body, "checkedSecondsAgo": round(age, 1)})
            )

    def _with_progress(self, report: Report) -> Report:
        """The report with how many slider dates the server keeps ready (`keptAhead`), when it does and
        Neo4j answers (else the figures say nothing)."""
        if self.ahead is None or report.status != 200:
            return report
        return Report(report.status, {**report.body, "keptAhead": self.ahead.progress.body()})

    def close(self) -> None:
        """Let the check thread end (a check under way finishes in the background, bounded by the driver)."""
        with self._lock:
            executor, self._executor, self._pending = self._executor, None, None
        if executor is not None:
            executor.shutdown(wait=False, cancel_futures=True)

    def _check(self) -> Report:
        found = self._probe()
        self._last = (time.monotonic(), found)
        return found

    def _probe(self) -> Report:
        try:
            graph = self.graph.get()
            info = graph.ping(timeout=PROBE_TIMEOUT)
            schema_version = current_version(graph)
        except GraphError as error:
            log.warning("health check failed: %s", error)
            return _unavailable(public_reason(error))
        neo4j = {"version": info.get("version"), "edition": info.get("edition")}
        return Report(200, {"status": "ok", "neo4j": neo4j, "schemaVersion": schema_version})


def _unavailable(reason: str) -> Report:
    return Report(503, {"status": "unavailable", "error": reason})


async def health(request: Request) -> JSONResponse:
    """Neo4j's version and the schema version, or 503 with the reason (no address) when Neo4j is not usable."""
    checked: Health = request.app.state.health
    found = await checked.report()
    return JSONResponse(found.body, status_code=found.status)
