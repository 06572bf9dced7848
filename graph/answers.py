"""Answers of read statements kept in memory per state of the database, so a repeated analytics read is free.

A key is (statement, parameters, version), where the version is the bookmark Neo4j returns for a read: it
names the last transaction committed on the database, whoever committed it (this process, a `cograph load`
in another, a mutation of another API worker). Any commit makes a new version, so a kept answer is never
served for a state it was not computed on; answers of older versions age out of the bounded store.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable, Mapping
from datetime import date, datetime
from typing import Any

__all__ = ["Answers", "frozen"]

Row = dict[str, Any]


def frozen(value: Any) -> Hashable:
    """A hashable, order-insensitive (for maps) form of a parameter value, for keys."""
    if isinstance(value, Mapping):
        return tuple(sorted((str(key), frozen(item)) for key, item in value.items()))
    if isinstance(value, list | tuple):
        return ("list", tuple(frozen(item) for item in value))
    if isinstance(value, set | frozenset):
        return ("set", tuple(sorted(repr(frozen(item)) for item in value)))
    if isinstance(value, bool | int | float | str | date | datetime) or value is None:
        return (type(value).__name__, value)
    return ("repr", repr(value))


class Answers:
    """A bounded, thread-safe store of rows by (statement, parameters, version); least recently used go first.

    Bounded by answers (`capacity`) and by rows in all (`max_rows`): a network overview at 100k projects is
    25k rows (~1 kB each in Python), so a slider scrubbed over years must not keep every date.
    """

    def __init__(self, capacity: int = 256, max_rows: int = 200_000) -> None:
        self.capacity = capacity
        self.max_rows = max_rows
        self._held = 0
        self._rows: OrderedDict[Hashable, list[Row]] = OrderedDict()
        self._running: dict[Hashable, threading.Event] = {}
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    @staticmethod
    def key(query: str, params: Mapping[str, Any], version: Hashable) -> Hashable:
        return (query, frozen(dict(params)), version)

    def get(self, key: Hashable) -> list[Row] | None:
        with self._lock:
            rows = self._rows.get(key)
            if rows is None:
                self.misses += 1
                return None
            self._rows.move_to_end(key)
            self.hits += 1
            return list(rows)

    def put(self, key: Hashable, rows: list[Row]) -> None:
        if self.capacity <= 0 or len(rows) > self.max_rows:
            return
        with self._lock:
            old = self._rows.pop(key, None)
            self._held -= len(old) if old is not None else 0
            self._rows[key] = list(rows)
            self._held += len(rows)
            while len(self._rows) > self.capacity or self._held > self.max_rows:
                _, dropped = self._rows.popitem(last=False)
                self._held -= len(dropped)

    def start(self, key: Hashable) -> threading.Event | None:
        """None when the caller is the one to compute `key` (and must call `finish`); else the event another
        thread computing it sets when done (the views of one page ask the same statements at once)."""
        with self._lock:
            running = self._running.get(key)
            if running is not None:
                return running
            if key in self._rows:  # kept meanwhile: nothing to wait for
                done = threading.Event()
                done.set()
                return done
            self._running[key] = threading.Event()
            return None

    def finish(self, key: Hashable) -> None:
        with self._lock:
            running = self._running.pop(key, None)
        if running is not None:
            running.set()

    def clear(self) -> None:
        with self._lock:
            self._rows.clear()
            self._held = 0
