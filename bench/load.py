"""Benchmark of the partner sync: records/s and peak RSS for 10k and 100k synthetic IATI activities, against
the floor of a bare `UNWIND ... CREATE` of the same rows (no parsing, validation, MERGE or hash checks).

The sync runs with organization resolution on (exact identifier and name matches, scored candidates); then
a sample with planted organization name variants gives the resolution's precision and recall (bench/resolution.py).

Run: `.venv/bin/python -m bench.load [--sizes 10000 100000] [--repeat N] [--variants ORGS PLANTED] [--seeds 3 4]`
(`--repeat 3`: each mode measured three times per size, alternating, and the median run printed). Uses NEO4J_URI when set, else a local Neo4j
under COGRAPH_VAR (default var/bench), started here and stopped at the end if it was not running.
Each measurement runs in a child process so that its peak RSS (ru_maxrss) is its own.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from graph.store import Graph

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("COGRAPH_VAR", str(ROOT / "var" / "bench"))

# The timestamps every project of a batch shares go once as $stamps, as the sync core sends them: the driver
# encodes each datetime in Python, and a floor that did not do the same would flatter the sync.
FLOOR = (
    "UNWIND $rows AS row CREATE (p:Project:Resource) SET p = row.props, p += $stamps "
    "FOREACH (x IN row.parts | CREATE (p)-[:HAS_PARTICIPATION]->(:Participation:Resource {iri: x.iri, role: x.role})) "
    "FOREACH (a IN row.allocs | CREATE (p)-[:HAS_COUNTRY_ALLOCATION]->"
    "(:CountryAllocation:Resource {iri: a.iri, percentage: a.percentage}))"
)


def _graph() -> Graph:
    from graph.settings import from_env
    from graph.store import Graph

    return Graph(from_env())


def child(mode: str, path: Path) -> None:
    """One measured run in this process; prints JSON figures."""
    import datetime as dt

    from graph.records import wipe
    from loaders.batches import Pending, SyncRun
    from loaders.records import ProjectRecord
    from loaders.sync import BATCH_SIZE, LoadOptions, content_hash, iter_records, load_files, project_iri
    from loaders.writer import shared_stamps

    graph = _graph()
    wipe(graph)
    checkpoint(graph)
    if mode == "sync":
        started = time.monotonic()
        summary = load_files(graph, [path], LoadOptions())
        seconds = time.monotonic() - started
        records = summary.records
    else:
        run = SyncRun(graph, batch_size=BATCH_SIZE, source=str(path))
        rows = []
        now = dt.datetime.now(dt.UTC)
        for index, record in enumerate(iter_records([path], LoadOptions())):
            assert isinstance(record, ProjectRecord) and record.partner and record.identifier
            iri = project_iri(record.partner, record.identifier)
            pending = Pending(record, record.partner, iri, content_hash(record), index)
            project = run._prepare(pending, now)
            rows.append(
                {
                    "props": project.properties,
                    "parts": [{"iri": iri, "role": role} for iri, role, _ in project.participations],
                    "allocs": [{"iri": iri, "percentage": share} for iri, _, share in project.allocations],
                }
            )
        stamps = shared_stamps([row["props"] for row in rows])
        for row in rows:
            row["props"] = {key: value for key, value in row["props"].items() if key not in stamps}
        started = time.monotonic()
        for start in range(0, len(rows), BATCH_SIZE):
            graph.write(FLOOR, {"rows": rows[start : start + BATCH_SIZE], "stamps": stamps}, timeout=300)
        seconds = time.monotonic() - started
        records = len(rows)
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    graph.close()
    print(json.dumps({"records": records, "seconds": seconds, "peak_mib": peak_mib}))


def checkpoint(graph: Graph) -> bool:
    """Flush what the wipe left to the store files, so that neither mode pays for the other's leftovers;
    False where the server has no `db.checkpoint` (Community 5.26 has none: both modes then start alike
    from a wipe of the run before)."""
    found = graph.read("SHOW PROCEDURES YIELD name WHERE name = 'db.checkpoint' RETURN count(*) AS n")
    if not found or not found[0]["n"]:
        return False
    graph.write("CALL db.checkpoint()", timeout=300)
    return True


def measure(mode: str, path: Path) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, __file__, "--child", mode, str(path)],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    if done.returncode != 0:
        raise SystemExit(f"{mode} run on {path} failed:\n{done.stderr[-2000:]}")
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def _median(runs: list[dict[str, float]]) -> dict[str, float]:
    """The run of median time (and the highest peak RSS of all)."""
    middle = sorted(runs, key=lambda run: run["seconds"])[len(runs) // 2]
    return {**middle, "peak_mib": max(run["peak_mib"] for run in runs)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument(
        "--warmup",
        type=int,
        default=20_000,
        help="activities loaded by both modes, unmeasured, before the measured runs (0: none)",
    )
    parser.add_argument(
        "--variants",
        type=int,
        nargs=2,
        default=[2_000, 400],
        metavar=("ORGS", "PLANTED"),
        help="organizations and planted name variants of the resolution sample (0 0: skip it)",
    )
    parser.add_argument(
        "--seeds", type=int, nargs="+", default=[3, 4], help="seeds of the resolution samples (one line each)"
    )
    parser.add_argument(
        "--repeat",
        type=int,
        default=1,
        help="measurements of each mode per size, alternating sync and floor; the medians are printed",
    )
    parser.add_argument("--child", nargs=2, metavar=("MODE", "FILE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], Path(args.child[1]))
        return
    from graph import local
    from graph.migrations import migrate
    from graph.records import wipe
    from graph.settings import external_uri_configured
    from loaders.sample import write_sample

    started = False
    if not external_uri_configured():
        _, started = local.start()
    graph = _graph()
    migrate(graph)
    out = Path(os.environ["COGRAPH_VAR"]) / "sample"
    print(f"load average {' '.join(f'{x:.1f}' for x in os.getloadavg())} (1, 5, 15 min) at the start")
    if not checkpoint(graph):
        print("this server has no db.checkpoint(): each run starts from the wipe alone")
    print(
        "resolution on in the sync runs\n"
        f"{'activities':>10} {'file MiB':>9} {'sync rec/s':>11} {'sync peak MiB':>14} {'floor rec/s':>12} "
        f"{'floor peak MiB':>15} {'sync/floor':>10}"
    )
    try:
        if args.warmup:
            # A freshly started JVM runs the first statements several times slower: without this, whichever
            # mode is measured first (sync) would pay for the JIT warm-up and the other would not. 5k was not
            # enough: on a fresh server, three 10k syncs in a row took 15.7, 8.6 and 5.1 s of Neo4j CPU (their
            # Python CPU flat at 4.2-4.7 s) and the floor 4.2, 3.2, 2.4 s, so the 10k figures measured the warm-up.
            (path,) = write_sample(out / f"warmup-{args.warmup}", args.warmup, seed=2)
            measure("sync", path)
            measure("floor", path)
        for size in args.sizes:
            (path,) = write_sample(out / str(size), size, seed=1)
            runs = [(measure("sync", path), measure("floor", path)) for _ in range(max(1, args.repeat))]
            sync = _median([run[0] for run in runs])
            floor = _median([run[1] for run in runs])
            sync_rate = sync["records"] / sync["seconds"]
            floor_rate = floor["records"] / floor["seconds"]
            if len(runs) > 1:
                ratios = " ".join(
                    f"{floor_run['seconds'] / sync_run['seconds']:.2f}" for sync_run, floor_run in runs
                )
                print(f"{'':>10} sync/floor of each of the {len(runs)} runs: {ratios}")
            print(
                f"{size:>10,} {path.stat().st_size / 2**20:>9.1f} {sync_rate:>11,.0f} {sync['peak_mib']:>14.0f} "
                f"{floor_rate:>12,.0f} {floor['peak_mib']:>15.0f} {sync_rate / floor_rate:>10.2f}",
                flush=True,
            )
        if args.variants[0]:
            from bench.resolution import measure_resolution, write_variant_sample

            for seed in args.seeds:
                wipe(graph)
                sample = out / "variants" / str(seed) / "organizations.csv"
                planted = write_variant_sample(sample, args.variants[0], args.variants[1], seed=seed)
                found = measure_resolution(graph, sample, planted)
                print(
                    f"resolution sample (seed {seed}): {args.variants[0]:,} synthetic organizations, "
                    f"{found.planted} planted name variants; {found.found} pairs put on one node, "
                    f"{found.proposed} pairs found in all, {found.true_found} of them planted; "
                    f"precision {found.precision:.3f}, recall {found.recall:.3f}",
                    flush=True,
                )
        wipe(graph)
        print(f"load average {' '.join(f'{x:.1f}' for x in os.getloadavg())} (1, 5, 15 min) at the end")
    finally:
        graph.close()
        if started:
            local.stop()


if __name__ == "__main__":
    main()
