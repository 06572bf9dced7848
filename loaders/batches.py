"""One run of the sync core: whole records buffered into batches, each written in one transaction."""

from __future__ import annotations

import contextvars
import datetime as dt
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
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


@dataclass
class Pending:
    record: ProjectRecord
    partner: str
    iri: str
    hash: str
    index: int


class SyncRun:
    """One run of the sync core: buffers whole records into batches and writes each in one transaction.

    Pipelined, the next batch is read, checked and prepared in the calling thread while the previous one is
    written by one worker thread; batches still commit one at a time and in order, and the stored hashes of
    a batch are read only after the batch before it has committed.
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
            ThreadPoolExecutor(max_workers=1, thread_name_prefix="cograph-sync") if pipelined else None
        )
        self._in_flight: tuple[list[Pending], Future[dict[int, Status]]] | None = None

    def add(self, record: ProjectRecord, partner: str, index: int) -> None:
        assert record.identifier is not None
        iri = project_iri(partner, record.identifier)
        if iri in self.pending:
            self.flush()
        self.pending[iri] = Pending(record, partner, iri, content_hash(record), index)
        if len(self.pending) >= self.batch_size:
            self.flush()

    def flush(self) -> None:
        """Send the pending records as one batch (written in the background when pipelined)."""
        if not self.pending:
            return
        batch = list(self.pending.values())
        self.pending = {}
        now = dt.datetime.now(dt.UTC)
        self.mapper.new_batch()
        prepared = [self._prepare(item, now) for item in batch]
        self.collect()
        if self._executor is None:
            self._account(batch, self._write(batch, prepared))
        else:
            work = contextvars.copy_context().run  # the worker counts its statements like the caller
            self._in_flight = (batch, self._executor.submit(work, self._write, batch, prepared))

    def collect(self) -> None:
        """Wait for the batch being written, if any; its failure is raised here."""
        if self._in_flight is not None:
            batch, future = self._in_flight
            self._in_flight = None
            self._account(batch, future.result())

    def finish(self) -> None:
        """Write what is pending and wait for it, then close the sync's activity (and its rejections)."""
        self.flush()
        self.collect()
        self.graph.write_all(self.history.statements([], dt.datetime.now(dt.UTC)), timeout=_WRITE_TIMEOUT)

    def close(self) -> None:
        """Stop the worker, after the batch it is writing (if any) has committed or failed."""
        if self._executor is not None:
            self._executor.shutdown(wait=True)

    def _write(self, batch: list[Pending], prepared: list[PreparedProject]) -> dict[int, Status]:
        """Skip the unchanged records of a batch and write the rest with the batch's history, all in one write
        transaction that first reads the stored hashes and the state of the records about to be updated."""
        rejected = self.history.take_rejected()
        first = self.history.reserve(len(batch) + len(rejected))
        now = dt.datetime.now(dt.UTC)

        def unit(tx: Unit) -> tuple[dict[int, Status], list[PreparedProject]]:
            # Run again from the start if the driver retries: nothing outside the transaction changes here.
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
