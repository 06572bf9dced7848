"""Where the partner sync spends its time: cProfile of the Python side and Neo4j PROFILE of each statement.

The sync runs unpipelined here (one thread), so cProfile sees both the preparation and the writes; every
statement the sync core sends is run with a `PROFILE` prefix inside the sync's own transactions, and its
server time and database hits are summed by statement. Prints the top Python functions by cumulative time,
the statements by server time, and their most expensive operators. Figures are for finding costs, not for
the throughput target (that is bench/load.py, pipelined and unprofiled).

Run: `.venv/bin/python -m bench.profile_load [--size 10000] [--resync]`. Uses NEO4J_URI when set, else a
local Neo4j under COGRAPH_VAR (default var/bench), started here and stopped at the end if it was not running.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import neo4j

from graph.store import Graph, Row

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("COGRAPH_VAR", str(ROOT / "var" / "bench"))


@dataclass
class StatementCost:
    calls: int = 0
    rows: int = 0
    server_ms: float = 0.0
    db_hits: int = 0
    operators: dict[str, int] = field(default_factory=lambda: defaultdict(int))


class ProfiledGraph(Graph):
    """A Graph that PROFILEs every statement of its managed transactions, summing costs by statement."""

    costs: dict[str, StatementCost]

    def start_profiling(self) -> None:
        self.costs = defaultdict(StatementCost)

    def _statement(self, tx: neo4j.ManagedTransaction, query: str, params: dict[str, Any]) -> list[Row]:
        if not hasattr(self, "costs"):
            return super()._statement(tx, query, params)
        result = tx.run("PROFILE " + query, params)
        rows = [record.data() for record in result]
        summary = result.consume()
        cost = self.costs[query]
        cost.calls += 1
        cost.rows += sum(len(v) for v in params.values() if isinstance(v, list))
        cost.server_ms += (summary.result_available_after or 0) + (summary.result_consumed_after or 0)
        if summary.profile:
            cost.db_hits += _walk(summary.profile, cost.operators)
        return rows


def _walk(plan: dict[str, Any], operators: dict[str, int]) -> int:
    hits = int(plan.get("dbHits", 0))
    args = plan.get("args", {})
    name = f"{plan.get('operatorType', '?')} {str(args.get('Details', ''))[:70]}"
    operators[name] += hits
    return hits + sum(_walk(child, operators) for child in plan.get("children", []))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--resync", action="store_true", help="also profile a second, unchanged sync")
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args()

    from graph import local
    from graph.migrations import migrate
    from graph.records import wipe
    from graph.settings import external_uri_configured, from_env
    from loaders.batches import SyncRun
    from loaders.outcome import LoadOptions
    from loaders.sample import write_sample
    from loaders.sync import _load

    started = False
    if not external_uri_configured():
        _, started = local.start()
    graph = ProfiledGraph(from_env())
    try:
        migrate(graph)
        wipe(graph)
        out = Path(os.environ["COGRAPH_VAR"]) / "sample"
        (path,) = write_sample(out / str(args.size), args.size, seed=1)
        passes = ["first sync"] + (["unchanged re-sync"] if args.resync else [])
        for name in passes:
            graph.start_profiling()
            profiler = cProfile.Profile()
            began = time.monotonic()
            profiler.enable()
            run = SyncRun(graph, batch_size=LoadOptions().batch_size, source=str(path))
            _load(run, [path], LoadOptions(), began)
            profiler.disable()
            seconds = time.monotonic() - began
            _print(name, args.size, seconds, profiler, graph.costs, args.top)
        wipe(graph)
    finally:
        graph.close()
        if started:
            local.stop()


def _print(
    name: str, size: int, seconds: float, profiler: cProfile.Profile, costs: dict[str, StatementCost], top: int
) -> None:
    server = sum(c.server_ms for c in costs.values()) / 1000
    print(f"\n== {name}: {size:,} records in {seconds:.1f} s ({size / seconds:,.0f}/s, profiled); "
          f"Neo4j server time {server:.1f} s, Python and driver {seconds - server:.1f} s")
    text = io.StringIO()
    pstats.Stats(profiler, stream=text).sort_stats("cumulative").print_stats(top)
    print("-- Python, by cumulative time")
    print("\n".join(line for line in text.getvalue().splitlines() if line.strip())[-6000:])
    print("-- Neo4j statements, by server time")
    print(f"{'server s':>9} {'calls':>6} {'rows':>8} {'db hits':>11}  statement")
    for query, cost in sorted(costs.items(), key=lambda kv: -kv[1].server_ms):
        print(f"{cost.server_ms / 1000:>9.2f} {cost.calls:>6} {cost.rows:>8} {cost.db_hits:>11,}  {query[:110]}")
        for operator, hits in sorted(cost.operators.items(), key=lambda kv: -kv[1])[:3]:
            if hits:
                print(f"{'':>38}{hits:>11,}  {operator}")


if __name__ == "__main__":
    main()
