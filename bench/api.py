"""Benchmark of the GraphQL API on the 100k-project sample, against hand-written Cypher as the floor.

Loads the sample (loaders.sample + loaders.sync.load_files) into the Neo4j of COGRAPH_VAR / NEO4J_URI unless
it already holds it, serves the API with uvicorn in a subprocess, and prints requests/s and p50/p95 latency at
1 and 16 concurrent clients for a flat list, a nested query and an analytics query, each next to the same
data fetched with Cypher through Graph.read (no HTTP, no GraphQL).

    .venv/bin/python -m bench.api [--projects 100000] [--requests 200]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx

from graph.migrations import migrate
from graph.records import wipe
from graph.setup import load_reference_data
from graph.store import Graph
from queries.coverage import coverage
from queries.filters import Filters

AS_OF = dt.date(2025, 6, 1)
FLAT = "{ projects(first: 100) { totalCount nodes { identifier title status budget currency } } }"
NESTED = (
    "{ organizations(first: 10) { nodes { name projects(first: 20) { nodes { identifier title "
    "countries { percentage country { iso2 name } } } } } } }"
)
ANALYTICS = '{ coverage(asOf: "2025-06-01", filter: {region: "002"}) { countryCode themeNotation projects organizations } }'

FLAT_CYPHER = """
MATCH (p:Project) WHERE coalesce(p.withdrawn, false) = false
WITH p ORDER BY p.title, p.iri
WITH collect(p) AS ps
RETURN size(ps) AS total,
       [p IN ps[0..100] | p {.identifier, .title, .status, .budget, .currency}] AS nodes
"""
NESTED_CYPHER = """
MATCH (o:Organization) WITH o ORDER BY o.name, o.iri LIMIT 10
CALL (o) {
  MATCH (o)<-[:PARTICIPANT]-(:Participation)<-[:HAS_PARTICIPATION]-(p:Project)
  WHERE coalesce(p.withdrawn, false) = false
  WITH DISTINCT p ORDER BY p.title, p.iri LIMIT 20
  CALL (p) {
    OPTIONAL MATCH (p)-[:HAS_COUNTRY_ALLOCATION]->(a:CountryAllocation)-[:COUNTRY]->(c:Country)
    RETURN collect({percentage: a.percentage, iso2: c.iso2, name: c.name}) AS countries
  }
  RETURN collect({identifier: p.identifier, title: p.title, countries: countries}) AS projects
}
RETURN o.name AS name, projects
"""


def ensure_sample(graph: Graph, projects: int) -> None:
    have = graph.read("MATCH (p:Project) RETURN count(p) AS n")[0]["n"]
    if have == projects:
        print(f"sample: {have} projects already loaded")
        return
    from loaders.sample import write_sample
    from loaders.sync import load_files

    print(f"sample: loading {projects} projects (the graph holds {have}) ...", flush=True)
    wipe(graph)
    migrate(graph)
    load_reference_data(graph)
    with tempfile.TemporaryDirectory() as tmp:
        paths = write_sample(Path(tmp), projects, 1)
        started = time.perf_counter()
        summary = load_files(graph, paths)
        print(f"sample: {summary.describe()} in {time.perf_counter() - started:.0f} s", flush=True)


def serve() -> tuple[subprocess.Popen[bytes], str]:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "api.app:create_app",
            "--factory",
            "--port",
            str(port),
            "--log-level",
            "warning",
            "--no-access-log",
        ],
        env=os.environ.copy(),
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{url}/health", timeout=2).status_code == 200:
                return process, f"{url}/graphql"
        except httpx.TransportError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit("the API did not come up within 60 s")


def measure(call: Callable[[], Any], requests: int, clients: int) -> tuple[float, float, float]:
    """requests/s, p50 ms, p95 ms of `requests` calls spread over `clients` threads."""
    call()  # warm up caches and plans
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
    p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
    return requests / wall, statistics.median(ordered) * 1000, p95 * 1000


def graphql_call(client: httpx.Client, url: str, query: str) -> Callable[[], Any]:
    def call() -> Any:
        response = client.post(url, json={"query": query}, timeout=120)
        body = response.json()
        if response.status_code != 200 or "errors" in body:
            raise SystemExit(f"the API answered {response.status_code}: {str(body)[:300]}")
        return body

    return call


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--projects", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()
    with Graph.open() as graph:
        compare(graph, args.requests, args.projects)


def compare(graph: Graph, requests_per_case: int, projects: int) -> None:
    """The API against the bare Cypher floor, case by case, at 1 and 16 clients."""
    ensure_sample(graph, projects)
    process, url = serve()
    try:
        limits = httpx.Limits(max_connections=32, max_keepalive_connections=32)
        with httpx.Client(limits=limits) as client:
            cases: list[tuple[str, Callable[[], Any], Callable[[], Any], int]] = [
                (
                    "flat list",
                    graphql_call(client, url, FLAT),
                    lambda: graph.read(FLAT_CYPHER),
                    requests_per_case,
                ),
                (
                    "nested",
                    graphql_call(client, url, NESTED),
                    lambda: graph.read(NESTED_CYPHER),
                    requests_per_case,
                ),
                (
                    "analytics",
                    graphql_call(client, url, ANALYTICS),
                    lambda: coverage(graph, AS_OF, Filters(region="002")),
                    max(10, requests_per_case // 10),
                ),
            ]
            print(
                f"\n{'query':<10} {'clients':>7} | {'GraphQL req/s':>13} {'p50 ms':>8} {'p95 ms':>8} | "
                f"{'Cypher req/s':>12} {'p50 ms':>8} {'p95 ms':>8} | {'p50 ratio':>9}"
            )
            for name, api_call, floor_call, requests in cases:
                for clients in (1, 16):
                    api = measure(api_call, requests, clients)
                    floor = measure(floor_call, requests, clients)
                    print(
                        f"{name:<10} {clients:>7} | {api[0]:>13.1f} {api[1]:>8.1f} {api[2]:>8.1f} | "
                        f"{floor[0]:>12.1f} {floor[1]:>8.1f} {floor[2]:>8.1f} | {api[1] / floor[1]:>8.2f}x",
                        flush=True,
                    )
    finally:
        process.terminate()
        process.wait(timeout=30)


if __name__ == "__main__":
    main()
