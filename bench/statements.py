"""Each Cypher statement behind the explorer's analytics requests: wall time and PROFILE db hits.

    COGRAPH_VAR=var/bench-100k .venv/bin/python -m bench.statements [--as-of 2025-06-01] [--only overview,...]

Runs the query functions behind networkOverview, networkFindings and the matrix request (coverage,
overlaps, gaps, treaty status) on the graph in COGRAPH_VAR's Neo4j (nothing is written), records every
statement they send with its parameters and wall time, then PROFILEs each once and prints its db hits, so
the time of a request can be read statement by statement. Also the filtered selections that
`bench.analytics --existing` times.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from datetime import date
from typing import Any

from graph import local
from graph.settings import from_env
from graph.store import Graph, db_hits
from queries.coverage import coverage
from queries.filters import Filters
from queries.gaps import gaps
from queries.overlaps import overlaps
from queries.overview import network_overview
from queries.overview_findings import overview_findings
from queries.period import project_period
from queries.treaty_status import treaty_status


@contextmanager
def recording(graph: Graph) -> Iterator[list[tuple[str, dict[str, Any], float]]]:
    """Every read `graph` runs meanwhile: (statement, parameters, wall ms)."""
    seen: list[tuple[str, dict[str, Any], float]] = []
    read, read_kept = graph.read, graph.read_kept

    def timing(run: Callable[..., Any]) -> Callable[..., Any]:
        def timed(query: str, params: Mapping[str, Any] | None = None, timeout: float | None = None) -> Any:
            started = time.perf_counter()
            rows = run(query, params, timeout)
            seen.append((query, dict(params or {}), (time.perf_counter() - started) * 1000))
            return rows

        return timed

    graph.read, graph.read_kept = timing(read), timing(read_kept)  # type: ignore[method-assign]
    try:
        yield seen
    finally:
        graph.read, graph.read_kept = read, read_kept  # type: ignore[method-assign]


def first_line(query: str) -> str:
    lines = [line.strip() for line in query.strip().splitlines() if line.strip()]
    return " ".join(lines)[:90]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--as-of", type=date.fromisoformat, default=date(2025, 6, 1))
    parser.add_argument("--only", default="", help="comma-separated request names")
    parser.add_argument("--no-profile", action="store_true")
    parser.add_argument("--region", default=None)
    parser.add_argument("--theme", default=None)
    args = parser.parse_args()
    local.start()
    graph = Graph(from_env())
    day, f = args.as_of, Filters(region=args.region, theme=args.theme)
    requests: dict[str, Callable[[], Any]] = {
        "overview": lambda: network_overview(graph, day, f),
        "findings": lambda: overview_findings(graph, day, f),
        "coverage": lambda: coverage(graph, day, f),
        "overlaps": lambda: overlaps(graph, day, f),
        "gaps": lambda: gaps(graph, day, f),
        "treaty_status": lambda: treaty_status(graph, day),
        "period": lambda: project_period(graph),
    }
    wanted = [name for name in args.only.split(",") if name] or list(requests)
    for name in wanted:
        graph.answers.clear()  # cold: nothing answered from memory
        with recording(graph) as seen:
            started = time.perf_counter()
            requests[name]()
            total = (time.perf_counter() - started) * 1000
        started = time.perf_counter()
        requests[name]()
        again = (time.perf_counter() - started) * 1000
        print(
            f"\n{name}: {total:.0f} ms in {len(seen)} statement(s); asked again: {again:.0f} ms", flush=True
        )
        for query, params, ms in seen:
            hits = "" if args.no_profile else f"{db_hits(graph.plan(query, params, profile=True)):>11,}"
            print(f"  {ms:8.0f} ms {hits} db hits  {first_line(query)}", flush=True)
    graph.close()


if __name__ == "__main__":
    main()
