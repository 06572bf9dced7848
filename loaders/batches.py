"""One run of the sync core: whole records buffered into batches, each written in one transaction."""

from __future__ import annotations

import contextvars
import datetime as dt
import threading
from collections import deque
from collections.abc import Container, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graph.store import Graph, Unit
from loaders.crosswalk import read_crosswalk
from loaders.history import Activity, History, RecordChange, difference, new_state
from loaders.mapping import RecordMapper, content_hash, project_iri
from loaders.organizations import OrganizationIndex
from loaders.outcome import LoadSummary, RecordResult, Status
from loaders.records import ProjectRecord, Rejection
from loaders.writer import PreparedProject, Written, batch_statements, read_hashes

__all__ = ["Pending", "SyncRun"]

_WRITE_TIMEOUT = 300.0
_RAMP = 8


@dataclass
class Pending:
    record: ProjectRecord
    partner: str
    iri: str
    hash: str
    index: int


@dataclass
class _Turn:
    """One batch's place among the overlapping writes of a pipelined run (see `SyncRun`)."""

    iris: frozenset[str]
    """Its projects."""
    writes: frozenset[str]
    """The organizations its transaction creates or adds names to."""
    reads: frozenset[str]
    """The organizations its transaction links to, names or pairs as candidates."""
    ran: threading.Event = field(default_factory=threading.Event)
    """Set once the attempt under way has run all its statements (only the commit is left), or the batch has
    ended; cleared when an attempt begins."""
    done: threading.Event = field(default_factory=threading.Event)
    """Set once the batch has committed or failed."""
    failed: bool = False
    attempts: int = 0
    """Attempts of its transaction begun (the driver retries transient failures)."""
    ran_attempt: int = 0
    """The attempt that set `ran`."""

    def needs(self, before: _Turn, committed: Container[str]) -> bool:
        """True when this batch must not start before `before` has committed: it holds some of the same
        projects, or reads or names organizations `before` may create or name (which its transaction, not yet
        committed, does not show to others); those already `committed` by earlier batches do not count."""
        if self.iris & before.iris:
            return True
        return any(org not in committed for org in (self.reads | self.writes) & before.writes)


class _Yield(Exception):
    """The batch before is running its transaction again: this one rolls back, so as not to hold locks that
    attempt may wait for, and runs again once it has committed."""


class _Abandoned(Exception):
    """The batch before failed: this one is not committed after it."""


class SyncRun:
    """One run of the sync core: buffers whole records into batches and writes each in one transaction.

    Pipelined, the next batch is read, checked and prepared in the calling thread while the batches before
    are written by two worker threads, which overlap one batch's commit with the next one's statements
    (Neo4j spends about as long committing a batch as running its statements): a batch's transaction starts
    once the batch before has run its statements, and commits only after the batch before has committed, so
    batches still commit one at a time and in order, and none commits after one that failed. A batch that
    holds a project of the batch before, or reads or names an organization the batch before creates or
    names, starts only after that batch has committed, so every statement sees what the batches before it
    wrote; a batch whose predecessor runs its transaction again (a transient failure the driver retries)
    rolls back and runs again after it, so the two never wait for each other.
    """

    def __init__(
        self,
        graph: Graph,
        *,
        batch_size: int,
        source: str,
        keep_results: bool = False,
        pipelined: bool = False,
        resolve_organizations: bool = True,
        crosswalk: Path | None = None,
        activity: Activity | None = None,
    ) -> None:
        self.keep_results = keep_results
        self.graph = graph
        self.batch_size = max(1, batch_size)
        # Pipelined, the first batches are smaller (an eighth of the size, doubling): the writers start on the
        # first records instead of waiting for a whole batch to be read.
        self._limit = max(1, self.batch_size // _RAMP) if pipelined else self.batch_size
        self.source = source
        organizations = OrganizationIndex.read(graph, scored=resolve_organizations)
        self.summary = LoadSummary(organizations_before=len(organizations.known))
        self.mapper = RecordMapper(
            organizations, source, self.summary, read_crosswalk(crosswalk) if crosswalk else None
        )
        self.pending: dict[str, Pending] = {}
        self.results: dict[int, RecordResult] = {}
        self.written = Written()
        self.history = History(activity or Activity.start(via="file", source=source))
        self._executor = (
            ThreadPoolExecutor(max_workers=2, thread_name_prefix="cograph-sync") if pipelined else None
        )
        self._in_flight: deque[tuple[list[Pending], Future[dict[int, Status]], _Turn]] = deque()

    def add(self, record: ProjectRecord, partner: str, index: int) -> None:
        assert record.identifier is not None
        iri = project_iri(partner, record.identifier)
        if iri in self.pending:
            self.flush()
        self.pending[iri] = Pending(record, partner, iri, content_hash(record), index)
        if len(self.pending) >= self._limit:
            self.flush()

    def flush(self) -> None:
        """Send the pending records as one batch (written in the background when pipelined)."""
        if not self.pending:
            return
        batch = list(self.pending.values())
        self.pending = {}
        self._limit = min(self.batch_size, self._limit * 2)
        now = dt.datetime.now(dt.UTC)
        self.mapper.new_batch()
        prepared = [self._prepare(item, now) for item in batch]
        if self._executor is None:
            self._account(batch, self._write(batch, prepared))
            return
        turn = _turn(batch, prepared)
        while len(self._in_flight) > 1:  # one batch committing, one running its statements
            self._collect_first()
        before = self._in_flight[-1][2] if self._in_flight else None
        if before is not None and turn.needs(before, self.written.organizations):
            self.collect()
            before = None
        work = contextvars.copy_context().run  # the worker counts its statements like the caller
        future = self._executor.submit(work, self._write, batch, prepared, turn, before)
        self._in_flight.append((batch, future, turn))

    def collect(self) -> None:
        """Wait for the batches being written, if any; the first failure is raised here."""
        while self._in_flight:
            self._collect_first()

    def _collect_first(self) -> None:
        batch, future, _ = self._in_flight.popleft()
        self._account(batch, future.result())

    def finish(self) -> None:
        """Write what is pending and wait for it, then close the sync's activity (and its rejections)."""
        self.flush()
        self.collect()
        self.graph.write_all(self.history.statements([], dt.datetime.now(dt.UTC)), timeout=_WRITE_TIMEOUT)

    def close(self) -> None:
        """Stop the workers, after the batches they are writing (if any) have committed or failed."""
        if self._executor is not None:
            self._executor.shutdown(wait=True)

    def _write(
        self,
        batch: list[Pending],
        prepared: list[PreparedProject],
        turn: _Turn | None = None,
        prior: _Turn | None = None,
    ) -> dict[int, Status]:
        """Skip the unchanged records of a batch and write the rest with the batch's history, all in one write
        transaction that first reads the stored hashes and the state of the records about to be updated.

        Pipelined (`turn` set), the transaction starts once `prior` (the batch before) has run its statements
        and commits after `prior` has committed (`SyncRun`)."""
        try:
            if prior is not None:
                _wait(prior.ran, prior)
            rejected = self.history.take_rejected()
            first = self.history.reserve(len(batch) + len(rejected))
            while True:
                try:
                    outcome = self._write_once(batch, prepared, rejected, first, turn, prior)
                except _Yield:
                    assert prior is not None
                    _wait(prior.done, prior)
                    prior = None
                    continue
                return outcome
        except BaseException:
            if turn is not None:
                turn.failed = True
            raise
        finally:
            if turn is not None:
                turn.ran.set()
                turn.done.set()

    def _write_once(
        self,
        batch: list[Pending],
        prepared: list[PreparedProject],
        rejected: list[RecordChange],
        first: int,
        turn: _Turn | None,
        prior: _Turn | None,
    ) -> dict[int, Status]:
        now = dt.datetime.now(dt.UTC)

        def unit(tx: Unit) -> tuple[dict[int, Status], list[PreparedProject]]:
            # Run again from the start if the driver retries: nothing outside the transaction changes here.
            if turn is not None:
                turn.attempts += 1
                turn.ran.clear()  # the batch after waits for this attempt's statements, not a rolled-back one's
            stored = read_hashes(tx, [item.iri for item in batch])
            outcome: dict[int, Status] = {}
            changed: list[PreparedProject] = []
            for item, project in zip(batch, prepared, strict=True):
                previous = stored.get(item.iri)
                if previous is not None and previous[0] == item.hash and not previous[1]:
                    outcome[item.index] = "unchanged"
                    continue
                outcome[item.index] = "updated" if previous is not None else "created"
                project.replaces = previous is not None
                changed.append(project)
            before = self.history.read_previous(tx, [p.iri for p in changed if p.replaces])
            in_projects: dict[str, dict[str, Any]] = {}
            others: list[tuple[str | None, dict[str, Any]]] = []
            for n, (item, project) in enumerate(zip(batch, prepared, strict=True)):
                status = outcome[item.index]
                props = self.history.change_props(self._change(item, project, status, before), first + n)
                if status == "unchanged":
                    others.append((item.iri, props))
                else:
                    in_projects[item.iri] = props
            for n, change in enumerate(rejected, start=first + len(batch)):
                others.append((change.project, self.history.change_props(change, n)))
            statements = (
                batch_statements(changed, self.written, changes=in_projects, history=self.history.shared(now))
                if changed
                else []
            )
            if others or not changed:
                statements += self.history.change_statements(others, now)
            tx.run_all(statements)
            if turn is not None:
                turn.ran_attempt = turn.attempts
                turn.ran.set()
            if prior is not None:
                _wait(prior.done, prior, yield_on_retry=True)
            return outcome, changed

        outcome, changed = self.graph.write_unit(unit, timeout=_WRITE_TIMEOUT)
        self.written.add(changed)
        return outcome

    @staticmethod
    def _change(
        item: Pending, project: PreparedProject, status: Status, before: dict[str, dict[str, Any]]
    ) -> RecordChange:
        fields: tuple[str, ...] = ()
        previous: dict[str, Any] = {}
        if status == "updated" and item.iri in before:
            after = new_state(
                project.properties,
                [(iso2, share) for _, iso2, share in project.allocations],
                project.theme_notations,
                project.crime_notations,
                [(role, org) for _, role, org in project.participations],
            )
            fields, previous = difference(before[item.iri], after)
        return RecordChange(status, item.record.identifier, item.partner, item.iri, fields, previous)

    def _account(self, batch: list[Pending], outcome: dict[int, Status]) -> None:
        for item in batch:
            status = outcome[item.index]
            if self.keep_results:
                self.results[item.index] = RecordResult(item.record.identifier, status)
            if status == "created":
                self.summary.loaded += 1
            elif status == "updated":
                self.summary.updated += 1
            else:
                self.summary.unchanged += 1

    def _prepare(self, item: Pending, now: dt.datetime) -> PreparedProject:
        return self.mapper.prepare(item.record, partner=item.partner, iri=item.iri, hash=item.hash, now=now)

    def reject(
        self, rejections: Sequence[Rejection], index: int | None = None, partner: str | None = None
    ) -> None:
        """One record (or unreadable part of a file) rejected, for one or more reasons."""
        self.summary.rejected += 1
        self.summary.rejections.extend(rejections)
        identifier = rejections[0].identifier if rejections else None
        iri = project_iri(partner, identifier) if partner and identifier else None
        reasons = tuple(f"{r.field}: {r.reason}" for r in rejections)
        self.history.rejected(RecordChange("rejected", identifier, partner, iri, reasons=reasons))
        if index is not None:
            errors = [(r.field, f"{r.value!r} {r.reason}" if r.value else r.reason) for r in rejections]
            self.results[index] = RecordResult(rejections[0].identifier, "rejected", errors)


def _turn(batch: Sequence[Pending], prepared: Sequence[PreparedProject]) -> _Turn:
    writes: set[str] = set()
    reads: set[str] = set()
    for project in prepared:
        writes.update(org.iri for org in project.organizations)
        writes.update(project.aliases)
        reads.update(org for _, _, org in project.participations)
        for candidate in project.candidates:
            reads.update((candidate.a, candidate.b))
    return _Turn(frozenset(item.iri for item in batch), frozenset(writes), frozenset(reads))


def _wait(event: threading.Event, before: _Turn, *, yield_on_retry: bool = False) -> None:
    """Wait for `before` to reach `event`; raise _Abandoned if it failed, or (`yield_on_retry`) _Yield as
    soon as it begins another attempt whose statements have not all run."""
    while not event.wait(0.005):
        if yield_on_retry and before.attempts > before.ran_attempt:
            raise _Yield
    if before.failed:
        raise _Abandoned
