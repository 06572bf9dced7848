"""The explorer's slider-driven views computed ahead of need, for every date its time slider offers.

A slider jump to a date the page has not asked before costs the matrix's statements (coverage, overlaps,
gaps) ~1.3 s of Neo4j's CPU at 100k projects, the global overlaps alone ~0.6 s: no trim of the statements
brings that under the half second a step should take. So the server answers before it is asked. For each
view the page asked lately (the explorer's own documents that take an `asOf`: the matrix, the network's
overview and its findings, under the filters they were asked with; the unfiltered matrix from the start),
one thread per application runs the same document as of each of `projectPeriod.sliderDays`, nearest the
date last asked first, and keeps its serialized answer for the state of the database it was read on
(`KeptResponses`). A request for such a date is then answered with those bytes after one read of the
database's version: no statement and no GraphQL execution (~250 ms of Python for a matrix at 100k).

The thread yields to the application's requests: it starts a date only after QUIET seconds without one, and
one date's statements run one after the other (one core at most). It starts again when the graph changes
(any commit, by anyone: the version is the bookmark of graph/answers.py) or the day does; a date is computed
once per state, so answers pushed out of the bounded store are not computed again and again. It keeps the
WANTED views asked last. COGRAPH_KEEP_AHEAD=off turns it off; an application handed a Graph (tests,
embedding) has it off unless asked; without a built explorer there is nothing to keep.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import gzip
import json
import logging
import os
import threading
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Hashable, Mapping, MutableMapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from starlette.responses import Response

from api.connection import AppGraph
from api.context import Context
from api.explorer import STATIC_DIR
from api.schema import schema
from graph.answers import frozen
from graph.errors import GraphError
from ontology.errors import CographError
from queries.period import project_period, slider_days

__all__ = [
    "KEEP_AHEAD_VARIABLE",
    "Counted",
    "KeepAhead",
    "KeptResponses",
    "Progress",
    "Requests",
    "enabled",
    "kept_response",
    "slider_documents",
]

KEEP_AHEAD_VARIABLE = "COGRAPH_KEEP_AHEAD"
QUIET = 0.5
"""Seconds without a request before the thread starts the next date (a page's own requests come in bursts:
a step, then its neighbours asked ahead)."""
POLL = 2.0
"""Seconds between two looks at the database's version and the views asked, once every date is kept."""
WANTED = 4
"""Views (a document under one set of filters) kept ahead at once: the last ones asked."""
DOCUMENTS = STATIC_DIR / "documents.json"
"""Every GraphQL document the explorer sends, by name (written by explorer/build.mjs)."""
SLIDER_DOCUMENTS = ("MATRIX", "NETWORK_OVERVIEW", "NETWORK_FINDINGS")
"""The explorer's requests a time slider step sends (each takes `$asOf`)."""
DEFAULT_VIEW: tuple[str, dict[str, Any]] = ("MATRIX", {"filter": {}})
"""What is kept from the start, before any page asked: the unfiltered matrix (explorer/src/matrixdata.js)."""

log = logging.getLogger("cograph.api")

Scope = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[MutableMapping[str, Any]]]
Send = Callable[[MutableMapping[str, Any]], Awaitable[None]]
App = Callable[[Scope, Receive, Send], Awaitable[None]]
Variables = Mapping[str, Any]


def enabled() -> bool:
    """COGRAPH_KEEP_AHEAD: on (the default) or off."""
    text = os.environ.get(KEEP_AHEAD_VARIABLE, "").strip().lower()
    if text in ("", "on", "1", "true", "yes"):
        return True
    if text in ("off", "0", "false", "no"):
        return False
    raise CographError(
        f"{KEEP_AHEAD_VARIABLE}={text!r} is neither on nor off; set one of them (default: on)."
    )


def slider_documents(documents: Path = DOCUMENTS) -> dict[str, str]:
    """The explorer's slider-driven documents by name (SLIDER_DOCUMENTS); none without a built explorer."""
    try:
        found = json.loads(documents.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(found, dict):
        return {}
    return {name: found[name] for name in SLIDER_DOCUMENTS if isinstance(found.get(name), str)}


def _given(variables: Variables | None) -> dict[str, Any]:
    """The variables that ask for something: a null or an empty map (`filter: {}`) asks for no filter, as
    leaving the variable out does, so the page's spelling of "none" does not matter."""
    return {name: value for name, value in (variables or {}).items() if value not in (None, {})}


class KeptResponses:
    """Serialized answers kept ahead, gzip-compressed, by (document, variables, version of the database's
    state); bounded by their size in all, least recently used first."""

    def __init__(self, max_bytes: int = 192 * 1024 * 1024) -> None:
        self.max_bytes = max_bytes
        self._kept: OrderedDict[Hashable, bytes] = OrderedDict()
        self._held = 0
        self._lock = threading.Lock()
        self.hits = 0

    @staticmethod
    def key(document: str, variables: Variables | None, version: Hashable) -> Hashable:
        return (document, frozen(_given(variables)), version)

    def put(self, document: str, variables: Variables, version: Hashable, body: bytes) -> None:
        packed = gzip.compress(body, compresslevel=1, mtime=0)
        if len(packed) > self.max_bytes:
            return
        key = self.key(document, variables, version)
        with self._lock:
            old = self._kept.pop(key, None)
            self._held -= len(old) if old is not None else 0
            self._kept[key] = packed
            self._held += len(packed)
            while self._held > self.max_bytes:
                _, dropped = self._kept.popitem(last=False)
                self._held -= len(dropped)

    def get(self, document: str, variables: Variables | None, version: Hashable) -> bytes | None:
        """The gzip-compressed body kept for exactly this request on this state, or None."""
        key = self.key(document, variables, version)
        with self._lock:
            packed = self._kept.get(key)
            if packed is not None:
                self._kept.move_to_end(key)
                self.hits += 1
            return packed

    @property
    def held_bytes(self) -> int:
        return self._held


def kept_response(packed: bytes, media_type: str, accept_encoding: str | None) -> Response:
    """A kept body as the response: as it is to a client that accepts gzip (every browser), else unpacked."""
    if "gzip" in (accept_encoding or "").lower():
        return Response(
            packed, media_type=media_type, headers={"Content-Encoding": "gzip", "Vary": "Accept-Encoding"}
        )
    return Response(gzip.decompress(packed), media_type=media_type, headers={"Vary": "Accept-Encoding"})


class Requests:
    """The application's requests under way (all but /health), so the thread can tell when nobody waits."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._under_way = 0
        self._last = time.monotonic()

    def begin(self) -> None:
        with self._lock:
            self._under_way += 1

    def end(self) -> None:
        with self._lock:
            self._under_way -= 1
            self._last = time.monotonic()

    def quiet_for(self) -> float:
        """Seconds since the last request ended; 0 while one is under way."""
        with self._lock:
            return 0.0 if self._under_way else time.monotonic() - self._last


class Counted:
    """ASGI middleware that counts each HTTP request but /health in `requests` while it is under way."""

    def __init__(self, app: App, requests: Requests) -> None:
        self.app = app
        self.requests = requests

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("path") == "/health":
            await self.app(scope, receive, send)
            return
        self.requests.begin()
        try:
            await self.app(scope, receive, send)
        finally:
            self.requests.end()


@dataclass(frozen=True)
class Progress:
    days: int
    """Dates the slider offers today (0 until the thread has read the period)."""
    views: int
    """Views kept ahead (a slider document under one set of filters)."""
    ready: int
    """(view, date) answers kept for the database's state as of the thread's last look."""
    seconds: float | None
    """How long the last complete pass took from the start of its state (None until one completed)."""

    def body(self) -> dict[str, Any]:
        return {"days": self.days, "views": self.views, "ready": self.ready, "seconds": self.seconds}


@dataclass(frozen=True)
class _View:
    document: str
    variables: dict[str, Any]
    """Without asOf."""
    near: dt.date | None
    """The date last asked (None: today)."""

    @property
    def key(self) -> Hashable:
        return (self.document, frozen(_given(self.variables)))


class KeepAhead:
    """The thread that keeps the slider-driven views' answers ready (see the module)."""

    def __init__(
        self,
        graph: AppGraph,
        quiet: Callable[[], float],
        body: Callable[[Any], bytes | None],
        *,
        kept: KeptResponses | None = None,
        documents: Mapping[str, str] | None = None,
        pause: float = QUIET,
        poll: float = POLL,
        today: Callable[[], dt.date] = dt.date.today,
    ) -> None:
        """`body`: a GraphQL result as the endpoint's response body (None for one with errors).
        `documents`: the slider documents by name (default: the built explorer's)."""
        self.graph = graph
        self.quiet = quiet
        self.body = body
        self.kept = kept if kept is not None else KeptResponses()
        self.documents = dict(documents if documents is not None else slider_documents())
        self._texts = frozenset(self.documents.values())
        self.pause = pause
        self.poll = poll
        self.today = today
        self._stop = threading.Event()
        self._asked = threading.Event()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._views: OrderedDict[Hashable, _View] = OrderedDict()  # most recently asked last
        default, variables = DEFAULT_VIEW
        if default in self.documents:
            view = _View(self.documents[default], dict(variables), None)
            self._views[view.key] = view
        self._state: tuple[frozenset[str], dt.date] | None = None
        self._computed: set[tuple[Hashable, dt.date]] = set()
        self._days: list[dt.date] = []
        self._started = time.monotonic()
        self._seconds: float | None = None
        self._progress = Progress(0, len(self._views), 0, None)

    @property
    def progress(self) -> Progress:
        """How far the thread got, as of its last look at the database's version (every POLL seconds)."""
        return self._progress

    def done_for(self, version: frozenset[str]) -> bool:
        """Whether every view's every date is kept for the state `version` (Graph.state()), the views asked
        since the thread's last pass included."""
        if self._state is None or self._state[0] != version or self._asked.is_set():
            return False
        with self._lock:
            keys = [view.key for view in self._views.values()]
        return bool(self._days) and all((key, day) in self._computed for key in keys for day in self._days)

    def eligible(self, document: str) -> bool:
        """Whether `document` is one the thread keeps ahead (a slider document of the explorer)."""
        return document in self._texts

    def asked(self, document: str, variables: Variables | None) -> None:
        """A page was answered `document` (eligible) with `variables` without errors: keep that view ahead,
        nearest this date first."""
        if not self.eligible(document):
            return
        given = dict(variables or {})
        day = given.pop("asOf", None)
        try:
            near = dt.date.fromisoformat(day) if isinstance(day, str) else None
        except ValueError:
            return  # the request itself is refused for it
        view = _View(document, given, near)
        with self._lock:
            old = self._views.pop(view.key, None)
            self._views[view.key] = view
            while len(self._views) > WANTED:
                self._views.popitem(last=False)
            changed = old is None or old.near != near
        if changed:
            self._asked.set()

    def start(self) -> None:
        if self._thread is None and self.documents:
            self._thread = threading.Thread(target=self._run, name="cograph-keep-ahead", daemon=True)
            self._thread.start()

    def stop(self, timeout: float = 30.0) -> None:
        """Stop after the statement under way (bounded by the query timeout)."""
        self._stop.set()
        self._asked.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self.sweep()
            except GraphError as error:
                log.warning("keeping the slider's dates ahead paused: %s", error)
            # a bug here must not stop the server, only this thread's work until the next look
            except Exception:
                log.exception("keeping the slider's dates ahead failed")
            self._asked.wait(self.poll)

    def sweep(self) -> bool:
        """One pass over every view's dates not yet computed for the current state, the view asked last
        first. True when every one is kept; False when stopped, or when the database changed or a page asked
        something new meanwhile (the next pass takes it from there). Call it from a thread without an event
        loop running (the application's thread): it runs each document in a loop of its own."""
        self._asked.clear()
        graph = self.graph.get()
        today = self.today()
        version = graph.state()
        if self._state != (version, today):
            self._state, self._computed, self._started = (version, today), set(), time.monotonic()
        days = self._days = slider_days(project_period(graph).earliest, today)
        with self._lock:
            views = list(reversed(self._views.values()))
        work = [(view, day) for view in views for day in _nearest_first(days, view.near or today)]
        before = done = sum((view.key, day) in self._computed for view, day in work)
        self._progress = Progress(len(days), len(views), done, self._seconds)
        for view, day in work:
            if (view.key, day) in self._computed:
                continue
            if not self._wait_for_quiet() or self._asked.is_set() or graph.state() != version:
                return False
            if not self._keep(graph, view, day, version):
                return self.sweep()  # without the view dropped
            self._computed.add((view.key, day))
            done += 1
            self._progress = Progress(len(days), len(views), done, self._seconds)
        if done > before or self._seconds is None:  # this pass finished the state's work
            self._seconds = round(time.monotonic() - self._started, 1)
        self._progress = Progress(len(days), len(views), done, self._seconds)
        return True

    def _keep(self, graph: Any, view: _View, day: dt.date, version: frozenset[str]) -> bool:
        """Keep `view` as of `day`; False when its answer has errors (and the view was dropped)."""
        variables = {**view.variables, "asOf": day.isoformat()}
        result = asyncio.run(
            schema.execute(view.document, variable_values=variables, context_value=Context(self.graph))
        )
        body = self.body(result)
        if body is None:  # the same request would fail for the page: the view is not kept ahead any more
            with self._lock:
                self._views.pop(view.key, None)
            log.warning(
                "stopped keeping a view ahead: as of %s it answers with errors %s", day, result.errors
            )
            return False
        if graph.state() == version:  # read on one state throughout: else it is no state's answer
            self.kept.put(view.document, variables, version, body)
        return True

    def _wait_for_quiet(self) -> bool:
        while not self._stop.is_set():
            waited = self.quiet()
            if waited >= self.pause:
                return True
            self._stop.wait(self.pause - waited)
        return False


def _nearest_first(days: list[dt.date], near: dt.date) -> list[dt.date]:
    """The days by their distance to `near`, the later first among equals (the slider's end is today)."""
    return sorted(days, key=lambda day: (abs((day - near).days), -day.toordinal()))
