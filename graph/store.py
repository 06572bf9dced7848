"""The Graph: one Neo4j driver, owned by whoever opened it; managed units of work, errors translated.

Nothing here is process-wide: the API opens its Graph in the Starlette lifespan, each CLI command opens one
with `Graph.open()`, tests open theirs. Every session of a Graph shares one bookmark manager, so a read sees
every write the same Graph committed before it, also on a cluster or Aura where it may go to another member.
"""

from __future__ import annotations

import contextvars
import logging
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass, field
from typing import Any, TypeVar

import neo4j
import neo4j.time
from neo4j import exceptions as neo4j_errors

from graph import cancellation
from graph.answers import Answers
from graph.cancellation import METADATA_KEY, Work, transaction_metadata
from graph.errors import (
    GraphAuthError,
    GraphError,
    GraphReadError,
    GraphTimeout,
    GraphUnavailable,
    GraphVersionError,
    GraphWriteError,
)
from graph.settings import Settings, from_env

T = TypeVar("T")
# The driver logs each retry of a managed transaction; the outcome is what users need, not the attempts.
logging.getLogger("neo4j").setLevel(logging.ERROR)
Row = dict[str, Any]
Statement = tuple[str, Mapping[str, Any]]

_COMPONENTS = (
    "CALL dbms.components() YIELD name, versions, edition RETURN name, versions[0] AS version, edition"
)
# Parameters: $key (the metadata key of graph.cancellation), $id (a work's id). Columns: terminated (the id
#   of each transaction of the work that was asked to stop).
_TERMINATE = """SHOW TRANSACTIONS YIELD transactionId, metaData
WHERE metaData[$key] = $id
TERMINATE TRANSACTIONS transactionId
YIELD transactionId AS terminated
RETURN terminated"""
_CANCEL_WINDOW = 2.0
"""Seconds `Graph.cancel` keeps looking for a read that had started just as the work was cancelled."""


@dataclass
class QueryCounter:
    """Counts the Cypher round trips made while it is active (used to keep the API free of N+1)."""

    statements: int = 0
    queries: list[str] = field(default_factory=list)


_counter: contextvars.ContextVar[QueryCounter | None] = contextvars.ContextVar(
    "cograph_counter", default=None
)


def _count(query: str) -> None:
    counter = _counter.get()
    if counter is not None:
        counter.statements += 1
        counter.queries.append(query)


@contextmanager
def counting() -> Iterator[QueryCounter]:
    """Count the statements this context (thread or task) sends to Neo4j."""
    counter = QueryCounter()
    token = _counter.set(counter)
    try:
        yield counter
    finally:
        _counter.reset(token)


def _translate(error: Exception, settings: Settings, *, write: bool) -> GraphError:
    where = settings.describe()
    work = cancellation.current()
    if work is not None and work.cancelled and "Terminated" in str(getattr(error, "code", "") or ""):
        return work.error()
    if isinstance(error, neo4j_errors.AuthError):
        fix = (
            "delete var/neo4j and var/neo4j-password and run `cograph neo4j start` to provision it again"
            if settings.local
            else "check NEO4J_USER and NEO4J_PASSWORD"
        )
        return GraphAuthError(f"Neo4j at {where} refused the user {settings.user!r} and password; {fix}.")
    if isinstance(error, neo4j_errors.ServiceUnavailable | neo4j_errors.SessionExpired | OSError):
        fix = "run `cograph neo4j start`" if settings.local else "check that the server is up and NEO4J_URI"
        return GraphUnavailable(f"Neo4j at {where} is not reachable ({_first_line(error)}); {fix}.")
    if "TransactionTimedOut" in str(getattr(error, "code", "") or ""):
        # Ours to answer as "unavailable, try a narrower request", not as a failure: the timeout is the bound.
        return GraphTimeout(
            f"Neo4j stopped the request after the query timeout of {settings.query_timeout:g} s; narrow it "
            "(filters, smaller pages) or try again later."
        )
    if isinstance(error, neo4j_errors.ClientError):  # ConstraintError included
        if write:
            return GraphWriteError(f"Neo4j at {where} refused the statement: {_first_line(error)}")
        return GraphReadError(f"Neo4j at {where} refused a read: {_first_line(error)}")
    if isinstance(error, neo4j_errors.ConfigurationError):
        return GraphUnavailable(f"The driver cannot use {where}: {_first_line(error)}; check NEO4J_URI.")
    return GraphError(f"Neo4j at {where} failed: {_first_line(error)}")


def _first_line(error: Exception) -> str:
    text = getattr(error, "message", None) or str(error) or type(error).__name__
    return str(text).strip().splitlines()[0] if str(text).strip() else type(error).__name__


class Graph:
    """A Neo4j database reached through one driver; every call is a managed unit of work."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._bookmarks = neo4j.GraphDatabase.bookmark_manager()
        self.answers = Answers()
        try:
            self._driver = neo4j.GraphDatabase.driver(
                settings.uri,
                auth=(settings.user, settings.password),
                connection_timeout=5.0,
                max_transaction_retry_time=15.0,
                notifications_min_severity="OFF",
            )
        except (neo4j_errors.ConfigurationError, ValueError) as error:
            raise GraphUnavailable(
                f"The driver cannot use {settings.describe()}: {_first_line(error)}; check NEO4J_URI."
            ) from error

    # -- life cycle -----------------------------------------------------------------------------------
    @classmethod
    def open(cls, settings: Settings | None = None) -> Graph:
        """A verified Graph for `settings` (default: this process's, from the environment); close it after use.

        Use it as a context manager: `with Graph.open() as graph: ...`.
        """
        graph = cls(settings or from_env())
        try:
            graph.verify()
        except GraphError:
            graph.close()
            raise
        return graph

    def close(self) -> None:
        self._driver.close()

    def __enter__(self) -> Graph:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def verify(self) -> str:
        """Check that the server answers, accepts the credentials and is Neo4j 5; return its version."""
        try:
            self._driver.verify_connectivity()
        except (neo4j_errors.Neo4jError, neo4j_errors.DriverError, OSError) as error:
            raise _translate(error, self.settings, write=False) from error
        rows = self.read(_COMPONENTS)
        kernel = next((row for row in rows if row["name"] == "Neo4j Kernel"), rows[0] if rows else None)
        if kernel is None:
            raise GraphVersionError(f"{self.settings.describe()} did not report a Neo4j version.")
        version = str(kernel["version"])
        if not supported_version(version):
            raise GraphVersionError(
                f"{self.settings.describe()} runs Neo4j {version}; cograph needs Neo4j 5 or later "
                "(5.26 LTS recommended): point NEO4J_URI at such a server or unset it to use the local one."
            )
        return version

    def server_info(self) -> Row:
        rows = self.read(_COMPONENTS)
        return rows[0] if rows else {}

    def ping(self, timeout: float) -> Row:
        """The server's name, version and edition in one attempt bounded by `timeout` seconds, no retries.

        For health checks: a managed read would retry for up to `max_transaction_retry_time` while the server
        is down, and would wait for this Graph's bookmarks, which says nothing about whether the server is up.
        """
        try:
            with self._driver.session(
                database=self.settings.database,
                default_access_mode=neo4j.READ_ACCESS,
                connection_acquisition_timeout=timeout,
            ) as session:
                rows = [record.data() for record in session.run(neo4j.Query(_COMPONENTS, timeout=timeout))]
        except (neo4j_errors.Neo4jError, neo4j_errors.DriverError, OSError) as error:
            raise _translate(error, self.settings, write=False) from error
        return rows[0] if rows else {}

    @property
    def bookmarks(self) -> frozenset[str]:
        """The bookmarks of the writes this Graph committed: every later session waits until it sees them."""
        return frozenset(self._bookmarks.get_bookmarks())

    def state(self) -> frozenset[str]:
        """The version of the database's state: the bookmark of an empty read, which names the last
        transaction committed on it by anyone; any commit makes a new one (the key of `read_kept`)."""
        try:
            with self._session() as session:
                session.execute_read(_empty_read)
                return frozenset(session.last_bookmarks().raw_values)
        except (neo4j_errors.Neo4jError, neo4j_errors.DriverError, OSError) as error:
            raise _translate(error, self.settings, write=False) from error

    # -- units of work --------------------------------------------------------------------------------
    def read(
        self, query: str, params: Mapping[str, Any] | None = None, timeout: float | None = None
    ) -> list[Row]:
        """Run one read statement in a managed read transaction and return its rows as dicts."""

        def work(tx: neo4j.ManagedTransaction) -> list[Row]:
            return self._statement(tx, query, dict(params or {}))

        return self._execute(work, write=False, timeout=timeout)

    def read_kept(
        self, query: str, params: Mapping[str, Any] | None = None, timeout: float | None = None
    ) -> list[Row]:
        """`read`, answered from memory when the same statement and parameters already ran on the same state
        of the database (no transaction committed since, by anyone: see `graph.answers`).

        For the analytics, whose statements read most of the graph and are asked again and again (the page's
        views share them, a time slider goes back and forth). The version is read in the same session just
        before the statement; the rows are kept only if no commit happened while it ran.
        """
        params = dict(params or {})
        limit = timeout if timeout is not None else self.settings.query_timeout

        def work(tx: neo4j.ManagedTransaction) -> list[Row]:
            return self._statement(tx, query, params)

        request = cancellation.current()
        unit = neo4j.unit_of_work(timeout=limit, metadata=transaction_metadata(request))
        try:
            with self._session() as session:
                with _reading(request):
                    session.execute_read(unit(_checked(request, _empty_read)))
                before = frozenset(session.last_bookmarks().raw_values)
                key = Answers.key(query, params, before)
                kept = self.answers.get(key)
                if kept is not None:
                    return kept
                running = self.answers.start(key)
                if running is not None:  # another thread computes it: wait, then take its answer
                    _wait(running, limit, request)
                    kept = self.answers.get(key)
                    if kept is not None:
                        return kept
                try:
                    with _reading(request):
                        rows = session.execute_read(unit(_checked(request, work)))
                        session.execute_read(unit(_empty_read))
                    if frozenset(session.last_bookmarks().raw_values) == before:
                        self.answers.put(key, rows)
                finally:
                    if running is None:
                        self.answers.finish(key)
                return rows
        except (neo4j_errors.Neo4jError, neo4j_errors.DriverError, OSError) as error:
            raise _translate(error, self.settings, write=False) from error

    def write(
        self, query: str, params: Mapping[str, Any] | None = None, timeout: float | None = None
    ) -> list[Row]:
        """Run one write statement in a managed write transaction (all or nothing)."""
        return self.write_all([(query, params or {})], timeout)[0]

    def write_all(
        self,
        statements: Sequence[Statement],
        timeout: float | None = None,
        check: Callable[[list[list[Row]]], None] | None = None,
    ) -> list[list[Row]]:
        """Run several statements in one managed write transaction: all of them land, or none.

        `check` sees the results before the commit; if it raises, the transaction is rolled back.
        """

        def work(unit: Unit) -> list[list[Row]]:
            results = unit.run_all(statements)
            if check is not None:
                check(results)
            return results

        return self.write_unit(work, timeout)

    def write_unit(self, work: Callable[[Unit], T], timeout: float | None = None) -> T:
        """Run `work` in one managed write transaction: what it reads sees the graph as its own writes left
        it, and everything it writes lands or nothing does (an exception it raises rolls the writes back).

        The driver calls `work` again after a transient failure (a lost connection, a deadlock), on a fresh
        transaction: it must compute only from its arguments and what it reads, and change no state outside
        the graph (take counters, numbers and queues before the call, keep results after it returns).
        """
        return self._execute(lambda tx: work(Unit(self, tx)), write=True, timeout=timeout)

    def plan(self, query: str, params: Mapping[str, Any] | None = None, *, profile: bool = False) -> Row:
        """The query's plan (EXPLAIN, or PROFILE which also runs it) as nested dicts, for index checks."""
        _count(query)
        prefix = "PROFILE " if profile else "EXPLAIN "
        try:
            with self._session() as session:
                result = session.run(prefix + query, dict(params or {}))
                for _ in result:  # PROFILE's statistics exist once the rows are read (COLLECT subqueries)
                    pass
                summary = result.consume()
        except (neo4j_errors.Neo4jError, neo4j_errors.DriverError, OSError) as error:
            raise _translate(error, self.settings, write=False) from error
        found = summary.profile if profile else summary.plan
        return dict(found or {})

    def run_in_batches(self, query: str, params: Mapping[str, Any] | None = None) -> None:
        """Run a `CALL { ... } IN TRANSACTIONS` statement, which needs an auto-commit transaction."""
        _count(query)
        try:
            with self._session() as session:
                session.run(query, dict(params or {})).consume()
        except (neo4j_errors.Neo4jError, neo4j_errors.DriverError, OSError) as error:
            raise _translate(error, self.settings, write=True) from error

    def cancel(self, work: Work) -> int:
        """Stop `work` (`graph.cancellation`): none of its reads starts any more, and Neo4j terminates those
        under way, which then raise GraphCancelled. Returns how many transactions were asked to stop."""
        work.mark_cancelled()
        deadline = time.monotonic() + _CANCEL_WINDOW
        while True:
            terminated = self._terminate(work)
            # A read that began just before the mark may not be listed yet: look again until it is gone.
            if terminated or not work.running or time.monotonic() > deadline:
                return terminated
            time.sleep(0.02)

    def _terminate(self, work: Work) -> int:
        try:
            with self._driver.session(database=self.settings.database) as session:
                rows = session.run(_TERMINATE, {"key": METADATA_KEY, "id": work.id}).data()
        except (neo4j_errors.Neo4jError, neo4j_errors.DriverError, OSError) as error:
            raise _translate(error, self.settings, write=False) from error
        return len(rows)

    def _execute(
        self, work: Callable[[neo4j.ManagedTransaction], T], *, write: bool, timeout: float | None
    ) -> T:
        limit = timeout if timeout is not None else self.settings.query_timeout
        request = None if write else cancellation.current()
        unit = neo4j.unit_of_work(timeout=limit, metadata=transaction_metadata(request))
        try:
            with _reading(request), self._session() as session:
                if write:
                    return session.execute_write(unit(work))
                return session.execute_read(unit(_checked(request, work)))
        except (neo4j_errors.Neo4jError, neo4j_errors.DriverError, OSError) as error:
            raise _translate(error, self.settings, write=write) from error

    def _session(self) -> neo4j.Session:
        return self._driver.session(database=self.settings.database, bookmark_manager=self._bookmarks)

    def _statement(self, tx: neo4j.ManagedTransaction, query: str, params: dict[str, Any]) -> list[Row]:
        """One statement of a managed transaction, its rows as plain dicts (bench/profile_load overrides it)."""
        _count(query)
        return [_row(record) for record in tx.run(query, params)]


class Unit:
    """The open write transaction a `Graph.write_unit` function runs its statements in."""

    def __init__(self, graph: Graph, tx: neo4j.ManagedTransaction) -> None:
        self._graph = graph
        self._tx = tx

    def run(self, query: str, params: Mapping[str, Any] | None = None) -> list[Row]:
        """Run one statement and return its rows as dicts."""
        return self._graph._statement(self._tx, query, dict(params or {}))

    def run_all(self, statements: Sequence[Statement]) -> list[list[Row]]:
        """Run statements in order; the rows of each."""
        return [self.run(query, params) for query, params in statements]


def _reading(work: Work | None) -> AbstractContextManager[None]:
    return work.reading() if work is not None else nullcontext()


def _wait(done: threading.Event, limit: float, work: Work | None) -> None:
    """Wait up to `limit` seconds for another thread's answer; a cancelled work stops waiting (it holds no
    transaction meanwhile, so Graph.cancel has nothing to terminate)."""
    if work is None:
        done.wait(limit)
        return
    deadline = time.monotonic() + limit
    while not done.wait(0.05) and time.monotonic() < deadline:
        work.check()


def _checked(
    work: Work | None, run: Callable[[neo4j.ManagedTransaction], T]
) -> Callable[[neo4j.ManagedTransaction], T]:
    """`run`, refused once `work` is cancelled (also when the driver tries it again)."""
    if work is None:
        return run

    def checked(tx: neo4j.ManagedTransaction) -> T:
        work.check()
        return run(tx)

    return checked


def db_hits(plan: Mapping[str, Any]) -> int:
    """The db hits of a PROFILE plan (`Graph.plan(..., profile=True)`), summed over its operators."""
    return int(plan.get("dbHits", 0)) + sum(db_hits(child) for child in plan.get("children", ()))


def _empty_read(tx: neo4j.ManagedTransaction) -> None:
    """A read whose bookmark names the database's last committed transaction (the version of its state)."""
    tx.run("RETURN 1").consume()


_SCALARS = frozenset({str, int, float, bool, type(None)})
_TEMPORAL = (neo4j.time.Date, neo4j.time.DateTime, neo4j.time.Time)


def _plain(value: Any) -> Any:
    """A value as `Record.data()` exports it, with Neo4j's temporal values as the standard library's (so no
    other package sees driver types): in one pass, dispatched on the exact type, where `Record.data()` then a
    second walk tested each value against a dozen graph and temporal types (at 100k projects, a fifth of the
    time of the 500 overlaps' read was spent converting its rows)."""
    kind = type(value)
    if kind in _SCALARS:
        return value
    if kind is list:
        return [_plain(item) for item in value]
    if kind is dict:
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, _TEMPORAL):
        return value.to_native()
    if isinstance(value, neo4j.graph.Node):
        return _plain(dict(value))
    if isinstance(value, neo4j.graph.Relationship):
        return (_plain(value.start_node), type(value).__name__, _plain(value.end_node))
    if isinstance(value, neo4j.graph.Path):
        path = [_plain(value.start_node)]
        for relationship, node in zip(value.relationships, value.nodes[1:], strict=True):
            path.extend((type(relationship).__name__, _plain(node)))
        return path
    return value


def _row(record: neo4j.Record) -> Row:
    """A record as a dict of plain values: what `Record.data()` gives, temporal values converted (`_plain`)."""
    return {key: _plain(value) for key, value in zip(record.keys(), record.values(), strict=True)}


def supported_version(version: str) -> bool:
    head = version.split(".", 1)[0]
    return head.isdigit() and (int(head) == 5 or int(head) >= 2025)
