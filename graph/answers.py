"""Answers of read statements kept in memory per state of the database, so a repeated analytics read is free.

A key is (statement, parameters, version), where the version is the bookmark Neo4j returns for a read: it
names the last transaction committed on the database, whoever committed it (this process, a `cograph load`
in another, a mutation of another API worker). Any commit makes a new version, so a kept answer is never
served for a state it was not computed on; answers of older versions age out of the bounded store.

Answers are kept pickled and compressed (zlib, its fastest level): the explorer's default matrix for one
as-of date at 100k projects is ~3,300 rows, 2 MB pickled and 160 kB compressed, so the store holds every
date of the time slider (api/ahead.py computes them ahead of need) in tens of megabytes; taking one out costs
a few milliseconds, and each caller gets rows of its own.
"""

from __future__ import annotations

import pickle
import threading
import zlib
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

    Bounded by answers (`capacity`) and by their compressed size in all (`max_bytes`); an answer larger than
    the whole store is not kept.
    """

    def __init__(self, capacity: int = 4096, max_bytes: int = 256 * 1024 * 1024) -> None:
        self.capacity = capacity
        self.max_bytes = max_bytes
        self._held = 0
        self._kept: OrderedDict[Hashable, bytes] = OrderedDict()
        self._running: dict[Hashable, threading.Event] = {}
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    @staticmethod
    def key(query: str, params: Mapping[str, Any], version: Hashable) -> Hashable:
        return (query, frozen(dict(params)), version)

    @property
    def held_bytes(self) -> int:
        """The compressed size of every answer kept."""
        return self._held

    def __len__(self) -> int:
        return len(self._kept)

    def get(self, key: Hashable) -> list[Row] | None:
        with self._lock:
            packed = self._kept.get(key)
            if packed is None:
                self.misses += 1
                return None
            self._kept.move_to_end(key)
            self.hits += 1
        rows: list[Row] = pickle.loads(zlib.decompress(packed))
        return rows

    def put(self, key: Hashable, rows: list[Row]) -> None:
        if self.capacity <= 0:
            return
        packed = zlib.compress(pickle.dumps(rows, protocol=pickle.HIGHEST_PROTOCOL), 1)
        if len(packed) > self.max_bytes:
            return
        with self._lock:
            old = self._kept.pop(key, None)
            self._held -= len(old) if old is not None else 0
            self._kept[key] = packed
            self._held += len(packed)
            while len(self._kept) > self.capacity or self._held > self.max_bytes:
                _, dropped = self._kept.popitem(last=False)
                self._held -= len(dropped)

    def start(self, key: Hashable) -> threading.Event | None:
        """None when the caller is the one to compute `key` (and must call `finish`); else the event another
        thread computing it sets when done (the views of one page ask the same statements at once)."""
        with self._lock:
            running = self._running.get(key)
            if running is not None:
                return running
            if key in self._kept:  # kept meanwhile: nothing to wait for
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
            self._kept.clear()
            self._held = 0
