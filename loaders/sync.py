"""The one sync core every format feeds: validate, map to the ontology, skip unchanged records by content
hash, and write batches of whole records in single transactions (`UNWIND $rows ... MERGE` on indexed keys).

Re-running a load is a no-op; a crash or outage between batches leaves whole records only, and re-running
finishes the job.
"""

from __future__ import annotations

import contextvars
import dataclasses
import datetime as dt
import hashlib
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal
from urllib.parse import quote

from graph.store import Graph
from loaders import codes
from loaders.classify import classify
from loaders.errors import LoadError
from loaders.formats import FORMATS, read_file
from loaders.history import Activity, History, RecordChange, difference, new_state
from loaders.organizations import OrganizationIndex
from loaders.records import CountryShare, Problem, ProjectRecord, Rejection
from loaders.seen import SeenKeys
from loaders.validation import problems
from loaders.writer import PreparedProject, Written, batch_statements, read_hashes, withdraw, withdraw_absent
from ontology.mapping import list_property_name
from ontology.namespaces import data_iri

__all__ = [
    "LoadOptions",
    "LoadSummary",
    "Progress",
    "RecordResult",
    "checked_records",
    "content_hash",
    "load_files",
    "project_iri",
    "sync_records",
    "withdraw_project",
]

Status = Literal["created", "updated", "unchanged", "rejected"]
BATCH_SIZE = 1000
_WRITE_TIMEOUT = 300.0


@dataclass(frozen=True)
class Progress:
    """How far a load has got: reported after each batch and at the end of each file."""

    file: str
    records: int
    rejected: int
    elapsed: float

    @property
    def rate(self) -> float:
        return self.records / self.elapsed if self.elapsed > 0 else 0.0


@dataclass(frozen=True)
class LoadOptions:
    format: str | None = None
    """iati, hxl, csv, json or rdf; None sniffs each file."""
    partner: str | None = None
    """The partner whose feed this is; overrides what the files say (needed for --full-sync)."""
    country: str | None = None
    """ISO alpha-2 country for records that name none (a 3W file of one country)."""
    full_sync: bool = False
    strict: bool = False
    activity: Activity | None = None
    """The sync activity the history records (default: an operator's direct load of the files)."""
    batch_size: int = BATCH_SIZE
    progress: Callable[[Progress], None] | None = None


@dataclass(frozen=True)
class RecordResult:
    identifier: str | None
    status: Status
    errors: list[tuple[str, str]] = field(default_factory=list)
    """(field, message) for a rejected record."""


@dataclass
class LoadSummary:
    loaded: int = 0
    updated: int = 0
    unchanged: int = 0
    withdrawn: int = 0
    rejected: int = 0
    files: int = 0
    seconds: float = 0.0
    rejections: list[Rejection] = field(default_factory=list)
    written: bool = True
    """False when --strict found rejections, so nothing was written."""

    @property
    def records(self) -> int:
        return self.loaded + self.updated + self.unchanged + self.rejected

    @property
    def ok(self) -> bool:
        return self.rejected == 0

    def describe(self) -> str:
        rate = self.records / self.seconds if self.seconds > 0 else 0.0
        text = (
            f"{self.loaded} loaded, {self.updated} updated, {self.unchanged} unchanged, "
            f"{self.withdrawn} withdrawn, {self.rejected} rejected "
            f"({self.records} records from {self.files} file{'s' if self.files != 1 else ''} "
            f"in {self.seconds:.1f} s, {rate:,.0f} records/s)"
        )
        if not self.written:
            text += "; --strict: nothing was written because records were rejected"
        return text


def project_iri(partner: str, identifier: str) -> str:
    """A project is keyed by its partner and identifier."""
    return data_iri("project", f"{quote(partner, safe='-._~')}/{quote(identifier, safe='-._~')}")


def content_hash(record: ProjectRecord) -> str:
    """A hash of what the record says (not where it was read), to skip unchanged records."""
    # The repr of frozen dataclasses, tuples, dates and floats is deterministic and much cheaper than JSON.
    content = tuple(getattr(record, name) for name in _HASHED_FIELDS)
    return hashlib.sha256(repr(content).encode("utf-8")).hexdigest()[:32]


_HASHED_FIELDS = tuple(
    name
    for name in ProjectRecord.__dataclass_fields__
    if name not in ("source_file", "line", "position", "problems", "partner")
)


def _rejection(record: ProjectRecord, problem: Problem, source: str) -> Rejection:
    return Rejection(
        file=record.source_file or source,
        line=record.line,
        identifier=record.identifier,
        field=problem.field,
        value=problem.value,
        reason=problem.reason,
    )


@dataclass
class _Pending:
    record: ProjectRecord
    partner: str
    iri: str
    hash: str
    index: int


class _Sync:
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
        activity: Activity | None = None,
    ) -> None:
        self.keep_results = keep_results
        self.graph = graph
        self.batch_size = max(1, batch_size)
        self.source = source
        self.organizations = OrganizationIndex.read(graph)
        self.pending: dict[str, _Pending] = {}
        self.results: dict[int, RecordResult] = {}
        self.summary = LoadSummary()
        self.written = Written()
        self.history = History(activity or Activity.start(via="file", source=source))
        self._executor = (
            ThreadPoolExecutor(max_workers=1, thread_name_prefix="cograph-sync") if pipelined else None
        )
        self._rows: dict[tuple[str, str, dt.datetime], dict[str, Any]] = {}
        self._in_flight: tuple[list[_Pending], Future[dict[int, Status]]] | None = None

    def add(self, record: ProjectRecord, partner: str, index: int) -> None:
        assert record.identifier is not None
        iri = project_iri(partner, record.identifier)
        if iri in self.pending:
            self.flush()
        self.pending[iri] = _Pending(record, partner, iri, content_hash(record), index)
        if len(self.pending) >= self.batch_size:
            self.flush()

    def flush(self) -> None:
        """Send the pending records as one batch (written in the background when pipelined)."""
        if not self.pending:
            return
        batch = list(self.pending.values())
        self.pending = {}
        now = dt.datetime.now(dt.UTC)
        self._rows = {}
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

    def _write(self, batch: list[_Pending], prepared: list[PreparedProject]) -> dict[int, Status]:
        """Skip the unchanged records of a batch and write the rest in one transaction."""
        stored = read_hashes(self.graph, [item.iri for item in batch])
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
        before = self.history.read_previous(self.graph, [p.iri for p in changed if p.replaces])
        changes = [
            self._change(item, project, outcome[item.index], before)
            for item, project in zip(batch, prepared, strict=True)
        ]
        statements = batch_statements(changed, self.written) if changed else []
        statements += self.history.statements(changes, dt.datetime.now(dt.UTC))
        self.graph.write_all(statements, timeout=_WRITE_TIMEOUT)
        if changed:
            self.written.add(changed)
        return outcome

    @staticmethod
    def _change(
        item: _Pending, project: PreparedProject, status: Status, before: dict[str, dict[str, Any]]
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

    def _account(self, batch: list[_Pending], outcome: dict[int, Status]) -> None:
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

    def _prepare(self, item: _Pending, now: dt.datetime) -> PreparedProject:
        """The record mapped to the graph, as a new project (`replaces` is set once the graph is read)."""
        record = item.record
        found = classify(record)
        source = record.source_file or self.source
        key = item.iri.rsplit("/id/project/", 1)[-1]
        titles = [f"{n.lang}|{n.text.strip()}" for n in record.titles if n.text.strip()]
        properties = {
            "iri": item.iri,
            "identifier": record.identifier,
            "partner": item.partner,
            "title": record.title,
            list_property_name("title"): titles or None,
            "description": record.description,
            "status": record.status,
            "plannedStart": record.planned_start,
            "plannedEnd": record.planned_end,
            "actualStart": record.actual_start,
            "actualEnd": record.actual_end,
            "budget": record.budget,
            "currency": record.currency,
            "unclassified": found.unclassified,
            "withdrawn": False,
            "contentHash": item.hash,
            "loadedAt": now,
            "sourceFile": source,
            "source": source,
            "generatedAt": now,
        }
        project = PreparedProject(
            iri=item.iri,
            properties={name: value for name, value in properties.items() if value is not None},
            theme_notations=found.themes,
            crime_notations=found.crime_types,
        )
        seen_participations: set[tuple[str, str]] = set()
        for participation in record.participations:
            org_iri, new = self.organizations.resolve(participation, source=source)
            if (participation.role, org_iri) in seen_participations:
                continue
            seen_participations.add((participation.role, org_iri))
            number = len(project.participations) + 1
            project.participations.append(
                (data_iri("participation", f"{key}/{number}"), participation.role, org_iri)
            )
            if new is not None:
                project.organizations.append(new)
        for country in record.countries:
            project.allocations.append(
                (data_iri("country-allocation", f"{key}/{country.iso2}"), country.iso2, country.percentage)
            )
            project.countries.append(self._country_row(country.iso2, now))
        for notation in (*found.themes, *found.crime_types):
            project.themes.append(self._theme_row(notation, now))
        return project

    def _country_row(self, iso2: str, now: dt.datetime) -> dict[str, Any]:
        """The reference country's node properties, one shared dict per country and batch time."""
        row = self._rows.get(("country", iso2, now))
        if row is None:
            reference = codes.countries()[iso2]
            props = {
                "iri": reference.iri,
                "iso2": reference.iso2,
                "iso3": reference.iso3,
                "isoNumeric": reference.iso_numeric,
                "name": reference.name,
                "source": reference.source,
                "generatedAt": now,
            }
            row = self._rows[("country", iso2, now)] = {"iso2": iso2, "props": props}
        return row

    def _theme_row(self, notation: str, now: dt.datetime) -> dict[str, Any]:
        """The theme's node properties from the ontology, one shared dict per theme and batch time."""
        row = self._rows.get(("theme", notation, now))
        if row is None:
            iri, label, definition, scheme = codes.theme_mapping().labels[notation]
            props = {
                "iri": iri,
                "notation": notation,
                "prefLabel": label,
                "definition": definition,
                "scheme": scheme,
                "generatedAt": now,
                "source": "cograph ontology, themes.ttl",
            }
            row = self._rows[("theme", notation, now)] = {"notation": notation, "props": props}
        return row

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


def _checked(
    record: ProjectRecord,
    partner: str | None,
    country: str | None,
    first_lines: SeenKeys,
) -> tuple[ProjectRecord, list[Problem]]:
    """The record with the run's partner and default country applied, and its problems."""
    changes: dict[str, Any] = {}
    if partner:
        changes["partner"] = partner
    if country and not record.countries:
        changes["countries"] = (CountryShare(country),)
    if changes:
        record = _replace(record, changes)
    found = problems(record)
    if record.identifier and record.partner:
        seen, first = first_lines.first(record.partner, record.identifier, line=record.line)
        if seen:
            where = f" at line {first}" if first else ""
            found.append(
                Problem(
                    "identifier",
                    record.identifier,
                    f"appears twice in this file (first{where}); give each project one row or element",
                )
            )
    if not record.partner:
        found.append(
            Problem("partner", "", "is unknown; pass --partner ID (or a partner column / reporting-org)")
        )
    return record, found


def _replace(record: ProjectRecord, changes: dict[str, Any]) -> ProjectRecord:
    return dataclasses.replace(record, **changes)


def _items(paths: Sequence[Path], options: LoadOptions) -> Iterator[tuple[Path, ProjectRecord | Rejection]]:
    for path in paths:
        for item in read_file(path, options.format, country=options.country):
            yield path, item


def load_files(graph: Graph, paths: Sequence[Path], options: LoadOptions | None = None) -> LoadSummary:
    """Load partner files (any mix of formats) through the sync core and say what happened."""
    options = options or LoadOptions()
    _check_options(paths, options)
    started = time.monotonic()
    if options.strict:
        dry = _validate_only(paths, options)
        if dry.rejected:
            dry.seconds = time.monotonic() - started
            dry.written = False
            return dry
    run = _Sync(
        graph,
        batch_size=options.batch_size,
        source=", ".join(str(p) for p in paths),
        pipelined=True,
        activity=options.activity,
    )
    try:
        _load(run, paths, options, started)
    finally:
        run.close()
    run.summary.seconds = time.monotonic() - started
    return run.summary


def _load(run: _Sync, paths: Sequence[Path], options: LoadOptions, started: float) -> None:
    # Only the identifiers' hashes are kept (SeenKeys), so memory does not grow with the files' size.
    seen = SeenKeys()
    count = 0
    current: Path | None = None
    first_lines = SeenKeys()
    for path, item in _items(paths, options):
        if path != current:
            run.flush()
            _report(options, run.summary, current, count, started)
            current, first_lines = path, SeenKeys()
            run.summary.files += 1
        count += 1
        if isinstance(item, Rejection):
            run.reject([item])
            continue
        record, found = _checked(item, options.partner, options.country, first_lines)
        if options.full_sync and record.identifier and record.partner == options.partner:
            seen.first(record.identifier)
        if found:
            run.reject([_rejection(record, problem, str(path)) for problem in found], partner=record.partner)
            continue
        assert record.partner is not None
        before = len(run.pending)
        run.add(record, record.partner, count)
        if len(run.pending) <= before:
            _report(options, run.summary, current, count, started)
    run.finish()
    _report(options, run.summary, current, count, started)
    if options.full_sync and options.partner:
        run.summary.withdrawn = withdraw_absent(
            run.graph, options.partner, seen, dt.datetime.now(dt.UTC), run.history.withdrawal_statements
        )


def _report(
    options: LoadOptions, summary: LoadSummary, path: Path | None, count: int, started: float
) -> None:
    if options.progress is not None and path is not None:
        options.progress(Progress(str(path), count, summary.rejected, time.monotonic() - started))


def _check_options(paths: Sequence[Path], options: LoadOptions) -> None:
    if not paths:
        raise LoadError("No file to load was given; name one or more IATI, HXL, CSV, JSON or RDF files.")
    for path in paths:
        if not path.is_file():
            raise LoadError(f"{path} is not a file; check the path.")
    if options.format is not None and options.format not in FORMATS:
        raise LoadError(f"--format {options.format!r} is unknown; use one of {', '.join(FORMATS)}.")
    if options.full_sync and not options.partner:
        raise LoadError(
            "--full-sync needs --partner ID: it withdraws that partner's projects absent from the files."
        )
    if options.country is not None and options.country not in codes.countries():
        raise LoadError(f"--country {options.country!r} is not an ISO 3166-1 alpha-2 code; use e.g. AF.")
    if options.batch_size < 1:
        raise LoadError("The batch size must be at least 1.")


def _validate_only(paths: Sequence[Path], options: LoadOptions) -> LoadSummary:
    """Pass one of --strict: read and check everything, write nothing."""
    summary = LoadSummary(written=False)
    current: Path | None = None
    first_lines = SeenKeys()
    for path, item in _items(paths, options):
        if path != current:
            current, first_lines = path, SeenKeys()
            summary.files += 1
        if isinstance(item, Rejection):
            summary.rejected += 1
            summary.rejections.append(item)
            continue
        record, found = _checked(item, options.partner, options.country, first_lines)
        if found:
            summary.rejected += 1
            summary.rejections.extend(_rejection(record, problem, str(path)) for problem in found)
    summary.written = True
    return summary


def checked_records(
    paths: Sequence[Path], options: LoadOptions
) -> Iterator[tuple[Path, ProjectRecord | None, list[Rejection]]]:
    """Read and check files without the graph (for `cograph load --server`): each record with the run's
    partner and country applied and no rejections, or its rejections (the record None when unreadable)."""
    _check_options(paths, options)
    current: Path | None = None
    first_lines = SeenKeys()
    for path, item in _items(paths, options):
        if path != current:
            current, first_lines = path, SeenKeys()
        if isinstance(item, Rejection):
            yield path, None, [item]
            continue
        record, found = _checked(item, options.partner, options.country, first_lines)
        yield path, record, [_rejection(record, problem, str(path)) for problem in found]


def sync_records(
    graph: Graph,
    records: Sequence[ProjectRecord],
    *,
    partner: str,
    source: str,
    activity: Activity | None = None,
) -> list[RecordResult]:
    """Validate and write records of one partner (as the API does); one result per record, in order."""
    run = _Sync(graph, batch_size=BATCH_SIZE, source=source, keep_results=True, activity=activity)
    first_lines = SeenKeys()
    for index, record in enumerate(records):
        record, found = _checked(record, partner, None, first_lines)
        if found:
            run.reject([_rejection(record, problem, source) for problem in found], index, partner=partner)
            continue
        run.add(record, partner, index)
    run.finish()
    return [run.results[index] for index in range(len(records))]


def withdraw_project(
    graph: Graph, *, partner: str, identifier: str, activity: Activity | None = None
) -> bool:
    """Mark one project withdrawn (kept, never deleted); False when the partner has no such project."""
    history = History(activity or Activity.start(via="withdraw", source=f"{partner}/{identifier}"))
    now = dt.datetime.now(dt.UTC)
    iris = [project_iri(partner, identifier)]
    return withdraw(graph, iris, now, history.withdrawal_statements(iris, now)) > 0


def iter_records(paths: Iterable[Path], options: LoadOptions) -> Iterator[ProjectRecord | Rejection]:
    """What the format modules read from files, before the sync core (for tests and tools)."""
    for _, item in _items(list(paths), options):
        yield item
