"""Reads that can be stopped: a piece of work's read transactions carry its id, so Neo4j can terminate them.

The API runs each request's reads in a worker thread (the driver is synchronous). When the client goes away
(a closed tab, or the explorer replacing a slider step's request with the next one's), the asyncio side can
stop waiting, but the thread and its transaction would run on and keep the database busy. Inside
`cancellable()`, every read transaction a Graph starts is tagged with the work's id in its metadata
(`cographRequest`), and `Graph.cancel(work)` terminates the transactions carrying it; the read then raises
`GraphCancelled`. Writes are never tagged: a write is all or nothing, and its caller decides when it ends.
"""

from __future__ import annotations

import contextvars
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from graph.errors import GraphCancelled

__all__ = ["METADATA_KEY", "Work", "cancellable", "current", "transaction_metadata"]

METADATA_KEY = "cographRequest"
"""The transaction metadata key holding the id of the work a read belongs to (seen in SHOW TRANSACTIONS)."""


@dataclass(eq=False)
class Work:
    """One piece of work (an API request's resolver call): its id, whether it was cancelled, its reads."""

    id: str = field(default_factory=lambda: uuid.uuid4().hex)
    _cancelled: threading.Event = field(default_factory=threading.Event, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _running: int = field(default=0, repr=False)

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()

    @property
    def running(self) -> int:
        """How many of its read transactions are under way now."""
        with self._lock:
            return self._running

    def mark_cancelled(self) -> None:
        """No read of this work starts from now on (`Graph.cancel` also stops those under way)."""
        self._cancelled.set()

    def check(self) -> None:
        """Raise GraphCancelled if the work was cancelled."""
        if self.cancelled:
            raise self.error()

    def error(self) -> GraphCancelled:
        return GraphCancelled(
            "The read was stopped because the request it served was cancelled (its client went away or a "
            "newer request replaced it); ask again if the answer is still needed."
        )

    @contextmanager
    def reading(self) -> Iterator[None]:
        """Around one read transaction: refused once cancelled, counted while it runs."""
        self.check()
        with self._lock:
            self._running += 1
        try:
            yield
        finally:
            with self._lock:
                self._running -= 1


_current: contextvars.ContextVar[Work | None] = contextvars.ContextVar("cograph_work", default=None)


@contextmanager
def cancellable(work: Work | None = None) -> Iterator[Work]:
    """The reads run in this context (and in threads started with its context, as `asyncio.to_thread`
    does) belong to `work` (a new one by default), which `Graph.cancel` can stop."""
    work = work or Work()
    token = _current.set(work)
    try:
        yield work
    finally:
        _current.reset(token)


def current() -> Work | None:
    """The work the reads of this context belong to, if any."""
    return _current.get()


def transaction_metadata(work: Work | None) -> dict[str, str] | None:
    """The metadata a read transaction of `work` carries (none outside `cancellable`)."""
    return {METADATA_KEY: work.id} if work is not None else None
