"""Benchmark of the compiled read path on the 100k-project sample: old path (resolvers and DataLoaders) and
compiled path (one statement per root field), through HTTP, at 1 and 16 clients, with each statement's
PROFILE figures (db hits, rows) and the first page of 100 projects' p50 (target: under 60 ms).

Reuses the sample of bench/api.py (loaders.sample + loaders.sync.load_files) in the Neo4j of COGRAPH_VAR /
NEO4J_URI, loading it when the graph does not hold it; each path is served by its own uvicorn subprocess
(COGRAPH_COMPILED_READS=1 or 0).

    COGRAPH_VAR=var/bench .venv/bin/python -m bench.compiled [--requests 100] [--profile-only | --skip-profile]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import time
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx

from api.compile import SWITCH
from graph.migrations import migrate
from graph.store import Graph, Row, db_hits

__all__ = ["QUERIES", "main"]

NESTED = (
    "{ organizations(first: 10) { nodes { name projects(first: 20) { nodes { identifier title "
    "countries { percentage country { iso2 name } } } } } } }"
)
FILTERED = (
    "query($country: String!) { projects(filter: {countries: [$country]}, first: 50) { nodes { identifier title "
    "participations { organization { name } } themes { notation prefLabel } } } }"
)
FLAT = "{ projects(first: 100) { nodes { identifier title status budget currency } } }"
FLAT_COUNT = "{ projects(first: 100) { totalCount nodes { identifier title status budget currency } } }"
DEEP = (
    "{ projects(first: 10) { nodes { identifier participations { role organization { name "
    "projects(first: 5) { nodes { identifier countries { country { iso2 name } } } } } } } } }"
)
QUERIES: dict[str, str] = {
    "nested": NESTED,
    "filtered": FILTERED,
    "flat": FLAT,
    "flat+count": FLAT_COUNT,
    "deep": DEEP,
}
BUSIEST_COUNTRY = (
    "MATCH (c:Country)<-[:COUNTRY]-(:CountryAllocation) WITH c, count(*) AS n ORDER BY n DESC LIMIT 1 "
    "RETURN c.iso2 AS iso2, n"
)


class Recording(Graph):
    """A Graph that keeps each read statement and its parameters, to PROFILE them afterwards."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.reads: list[tuple[str, dict[str, Any]]] = []

    def read(
        self, query: str, params: Mapping[str, Any] | None = None, timeout: float | None = None
    ) -> list[Row]:
        self.reads.append((query, dict(params or {})))
        return super().read(query, params, timeout)


def _totals(plan: Mapping[str, Any]) -> tuple[int, int]:
    return db_hits(plan), int(plan.get("rows", 0))


def _operators(plan: Mapping[str, Any]) -> set[str]:
    found = {str(plan.get("operatorType", "")).split("@")[0]}
    for child in plan.get("children", ()):
        found |= _operators(child)
    return found


def profile(graph: Recording, variables: dict[str, Any]) -> None:
    """Each query in-process on both paths: statements, db hits, rows, and whether a Sort of all rows ran."""
    from api.context import Context
    from api.schema import schema

    print(f"\n{'query':<11} {'path':<9} {'statements':>10} {'db hits':>10} {'rows':>6}  operators of note")
    for name, query in QUERIES.items():
        for path in ("old", "compiled"):
            os.environ[SWITCH] = "1" if path == "compiled" else "0"
            graph.reads.clear()
            result = asyncio.run(
                schema.execute(query, variable_values=variables, context_value=Context(graph))
            )
            if result.errors:
                raise SystemExit(f"{name} on the {path} path failed: {result.errors}")
            reads = list(graph.reads)
            hits = 0
            notes: set[str] = set()
            for text, params in reads:
                plan = graph.plan(text, params, profile=True)
                hits += _totals(plan)[0]
                notes |= _operators(plan) & {
                    "Sort",
                    "Top",
                    "PartialTop",
                    "PartialSort",
                    "NodeIndexScan",
                    "NodeByLabelScan",
                    "NodeCountFromCountStore",
                    "NodeIndexSeek",
                }
            print(f"{name:<11} {path:<9} {len(reads):>10} {hits:>10} {'':>6}  {', '.join(sorted(notes))}")
    os.environ.pop(SWITCH, None)


def serve(compiled: bool) -> tuple[subprocess.Popen[bytes], str]:
    from bench.api import serve as serve_api

    os.environ[SWITCH] = "1" if compiled else "0"
    try:
        return serve_api()
    finally:
        os.environ.pop(SWITCH, None)


def measure(call: Callable[[], Any], requests: int, clients: int) -> tuple[float, float, float]:
    """requests/s, p50 ms, p95 ms of `requests` calls over `clients` threads (after three warm-up calls)."""
    for _ in range(3):
        call()
    latencies: list[float] = []

    def one(_: int) -> None:
        started = time.perf_counter()
        call()
        latencies.append(time.perf_counter() - started)

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=clients) as pool:
        list(pool.map(one, range(requests)))
    wall = time.perf_counter() - started
    ordered = sorted(latencies)
    return (
        requests / wall,
        statistics.median(ordered) * 1000,
        ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))] * 1000,
    )


def http(requests: int, variables: dict[str, Any]) -> None:
    limits = httpx.Limits(max_connections=32, max_keepalive_connections=32)
    results: dict[tuple[str, str, int], tuple[float, float, float]] = {}
    for path in ("old", "compiled"):
        process, url = serve(path == "compiled")
        try:
            with httpx.Client(limits=limits) as client:
                for name, query in QUERIES.items():

                    def call(query: str = query, url: str = url) -> Any:
                        response = client.post(
                            url, json={"query": query, "variables": variables}, timeout=120
                        )
                        body = response.json()
                        if response.status_code != 200 or "errors" in body:
                            raise SystemExit(f"the API answered {response.status_code}: {str(body)[:300]}")
                        return body

                    for clients in (1, 16):
                        results[(name, path, clients)] = measure(call, requests, clients)
        finally:
            process.terminate()
            process.wait(timeout=30)
    print(
        f"\n{'query':<11} {'clients':>7} | {'old req/s':>9} {'p50':>7} {'p95':>7} | "
        f"{'compiled req/s':>14} {'p50':>7} {'p95':>7} | {'speed-up':>8}"
    )
    for name in QUERIES:
        for clients in (1, 16):
            old, new = results[(name, "old", clients)], results[(name, "compiled", clients)]
            print(
                f"{name:<11} {clients:>7} | {old[0]:>9.1f} {old[1]:>7.1f} {old[2]:>7.1f} | "
                f"{new[0]:>14.1f} {new[1]:>7.1f} {new[2]:>7.1f} | {new[0] / old[0]:>7.2f}x"
            )
    first_page = results[("flat", "compiled", 1)][1]
    verdict = "met" if first_page < 60 else "NOT met"
    print(
        f"\nfirst page of 100 projects by title (compiled, 1 client): p50 {first_page:.1f} ms "
        f"(target < 60 ms: {verdict})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--projects", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=100)
    parser.add_argument("--profile-only", action="store_true")
    parser.add_argument("--skip-profile", action="store_true")
    args = parser.parse_args()
    print("uptime:", subprocess.run(["uptime"], capture_output=True, text=True, check=False).stdout.strip())
    with Recording.open() as graph:
        from bench.api import ensure_sample

        ensure_sample(graph, args.projects)
        migrate(graph)  # the ordering indexes of a newer schema, on a sample loaded before them
        found = graph.read(BUSIEST_COUNTRY)[0]
        print(f"filtered: projects in {found['iso2']} ({found['n']} allocations)")
        variables = {"country": found["iso2"]}
        if not args.skip_profile:
            profile(graph, variables)
        if not args.profile_only:
            http(args.requests, variables)
    print("uptime:", subprocess.run(["uptime"], capture_output=True, text=True, check=False).stdout.strip())


if __name__ == "__main__":
    main()
