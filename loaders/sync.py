"""The one sync core every format feeds: validate, map to the ontology, skip unchanged records by content
hash, and write batches of whole records in single transactions (`UNWIND $rows ... MERGE` on indexed keys).

Re-running a load is a no-op; a crash or outage between batches leaves whole records only, and re-running
finishes the job. The jobs live in their own modules: `loaders.checks` (options and records),
`loaders.mapping` (a record to node properties named by `ontology.model`), `loaders.batches` (batching and
the pipelined writes), `loaders.writer` (the Cypher) and `loaders.outcome` (what a load reports).
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from graph.store import Graph
from loaders.batches import SyncRun
from loaders.checks import check_options, checked, rejection
from loaders.formats import files_to_load, read_file
from loaders.history import Activity, History
from loaders.mapping import content_hash, project_iri
from loaders.outcome import BATCH_SIZE, LoadOptions, LoadSummary, Progress, RecordResult
from loaders.records import ProjectRecord, Rejection
from loaders.seen import SeenKeys
from loaders.writer import withdraw, withdraw_absent

__all__ = [
    "BATCH_SIZE",
    "LoadOptions",
    "LoadSummary",
    "Progress",
    "RecordResult",
    "checked_records",
    "content_hash",
    "iter_records",
    "load_files",
    "project_iri",
    "sync_records",
    "withdraw_project",
]


def _items(paths: Sequence[Path], options: LoadOptions) -> Iterator[tuple[Path, ProjectRecord | Rejection]]:
    for path in paths:
        for item in read_file(path, options.format, country=options.country):
            yield path, item


def load_files(graph: Graph, paths: Sequence[Path], options: LoadOptions | None = None) -> LoadSummary:
    """Load partner files (any mix of formats; a directory stands for its files, `files_to_load`) through the
    sync core and say what happened."""
    options = options or LoadOptions()
    paths = files_to_load(paths)
    check_options(paths, options)
    started = time.monotonic()
    if options.strict:
        dry = _validate_only(paths, options)
        if dry.rejected:
            dry.seconds = time.monotonic() - started
            dry.written = False
            return dry
    run = SyncRun(
        graph,
        batch_size=options.batch_size,
        source=", ".join(str(p) for p in paths),
        pipelined=True,
        resolve_organizations=options.resolve_organizations,
        crosswalk=options.crosswalk,
        activity=options.activity,
    )
    try:
        _load(run, paths, options, started)
    finally:
        run.close()
    run.summary.seconds = time.monotonic() - started
    run.summary.organizations_created = len(run.mapper.organizations.created)
    return run.summary


def _load(run: SyncRun, paths: Sequence[Path], options: LoadOptions, started: float) -> None:
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
        record, found = checked(item, options.partner, options.country, first_lines)
        if options.full_sync and record.identifier and record.partner == options.partner:
            seen.first(record.identifier)
        if found:
            run.reject([rejection(record, problem, str(path)) for problem in found], partner=record.partner)
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
        record, found = checked(item, options.partner, options.country, first_lines)
        if found:
            summary.rejected += 1
            summary.rejections.extend(rejection(record, problem, str(path)) for problem in found)
    summary.written = True
    return summary


def checked_records(
    paths: Sequence[Path], options: LoadOptions
) -> Iterator[tuple[Path, ProjectRecord | None, list[Rejection]]]:
    """Read and check files without the graph (for `cograph load --server`): each record with the run's
    partner and country applied and no rejections, or its rejections (the record None when unreadable)."""
    paths = files_to_load(paths)
    check_options(paths, options)
    current: Path | None = None
    first_lines = SeenKeys()
    for path, item in _items(paths, options):
        if path != current:
            current, first_lines = path, SeenKeys()
        if isinstance(item, Rejection):
            yield path, None, [item]
            continue
        record, found = checked(item, options.partner, options.country, first_lines)
        yield path, record, [rejection(record, problem, str(path)) for problem in found]


def sync_records(
    graph: Graph,
    records: Sequence[ProjectRecord],
    *,
    partner: str,
    source: str,
    activity: Activity | None = None,
) -> list[RecordResult]:
    """Validate and write records of one partner (as the API does); one result per record, in order."""
    run = SyncRun(graph, batch_size=BATCH_SIZE, source=source, keep_results=True, activity=activity)
    first_lines = SeenKeys()
    for index, record in enumerate(records):
        record, found = checked(record, partner, None, first_lines)
        if found:
            run.reject([rejection(record, problem, source) for problem in found], index, partner=partner)
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
