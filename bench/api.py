"""cograph's GraphQL API side by side with @neo4j/graphql 7 (bench/peer/) and hand-written Cypher, on one graph.

Loads the 100k-project sample (loaders.sample + loaders.sync.load_files) into the Neo4j of COGRAPH_VAR
(default var/bench) or NEO4J_URI unless it already holds it, installs the peer with `npm ci` when its lock
changed, serves cograph with uvicorn (one worker, and `--workers` of them) and the peer on Apollo Server over
the same Neo4j, checks that all three give the same data for each query (ids and sizes), then prints
requests/s and p50/p95 latency at 1 and 16 clients, the same httpx client for both servers, and the targets.

    .venv/bin/python -m bench.api [--projects 100000] [--workers 2] [--seconds 10] [--requests 300]
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("COGRAPH_VAR", str(ROOT / "var" / "bench"))
os.environ.setdefault("COGRAPH_QUERY_TIMEOUT", "600")  # the one-off load of the sample takes longer than 30 s

from bench.peer_typedefs import TYPEDEFS_PATH, typedefs  # noqa: E402 - COGRAPH_VAR must be set first
from graph import local  # noqa: E402
from graph.migrations import migrate  # noqa: E402
from graph.records import wipe  # noqa: E402
from graph.settings import Settings, external_uri_configured, from_env  # noqa: E402
from graph.setup import load_reference_data  # noqa: E402
from graph.store import Graph  # noqa: E402

PEER_DIR = ROOT / "bench" / "peer"
Shape = Any
"""A query's answer reduced to what must agree: ids, in order where the order is the query's, and sizes."""


# -- the queries, as cograph, the peer and Cypher ask them ---------------------------------------------------
# cograph: its own schema (api/schema.graphql); the peer: @neo4j/graphql 7 (`limit`, `sort: [{field: ASC}]`,
# `where: {field: {eq: ...}}`, `...Connection { totalCount edges { node } }`; a to-one link is a list there).
# Both sort projects by title then IRI and organizations by name then IRI, cograph's defaults.

NESTED = """{ organizations(first: 10) { nodes { iri name projects(first: 20) { nodes { iri title
  countries { percentage country { iso2 name } } } } } } }"""
NESTED_PEER = """{ organizations(limit: 10, sort: [{name: ASC}, {iri: ASC}]) { iri name projects(first: 20) {
  iri title countries { percentage country { iso2 name } } } } }"""
NESTED_CYPHER = """
MATCH (o:Organization) WITH o ORDER BY o.name, o.iri LIMIT 10
RETURN o.iri AS iri, COLLECT {
  MATCH (o)<-[:PARTICIPANT]-(:Participation)<-[:HAS_PARTICIPATION]-(p:Project)
  WHERE coalesce(p.withdrawn, false) = false
  WITH DISTINCT p ORDER BY p.title, p.iri LIMIT 20
  RETURN {iri: p.iri, title: p.title, countries: COLLECT {
    MATCH (p)-[:HAS_COUNTRY_ALLOCATION]->(a:CountryAllocation)-[:COUNTRY]->(c:Country)
    RETURN {percentage: a.percentage, iso2: c.iso2, name: c.name} }}
} AS projects
"""

FILTERED = """query ($country: String!) { projects(filter: {countries: [$country]}, first: 50) { nodes { iri title
  participations { role organization { iri name } } themes { notation prefLabel } } } }"""
FILTERED_PEER = """query ($country: String!) { projects(where: {withdrawn: {eq: false},
  countries: {some: {country: {some: {iso2: {eq: $country}}}}}}, limit: 50, sort: [{title: ASC}, {iri: ASC}]) {
  iri title participations { role organization { iri name } } themes { notation prefLabel } } }"""
FILTERED_CYPHER = """
MATCH (:Country {iso2: $country})<-[:COUNTRY]-(:CountryAllocation)<-[:HAS_COUNTRY_ALLOCATION]-(p:Project)
WHERE coalesce(p.withdrawn, false) = false
WITH DISTINCT p ORDER BY p.title, p.iri LIMIT 50
RETURN p.iri AS iri, p.title AS title,
  COLLECT { MATCH (p)-[:HAS_PARTICIPATION]->(x:Participation)-[:PARTICIPANT]->(o:Organization)
            RETURN {role: x.role, iri: o.iri, name: o.name} } AS participations,
  COLLECT { MATCH (p)-[:THEME]->(t:Theme) RETURN {notation: t.notation, prefLabel: t.prefLabel} } AS themes
"""

_FLAT_FIELDS = "iri identifier title status budget currency"
FLAT = f"{{ projects(first: 100) {{ nodes {{ {_FLAT_FIELDS} }} }} }}"
FLAT_PEER = (
    "{ projects(where: {withdrawn: {eq: false}}, limit: 100, sort: [{title: ASC}, {iri: ASC}]) "
    f"{{ {_FLAT_FIELDS} }} }}"
)
FLAT_CYPHER = """
MATCH (p:Project) WHERE coalesce(p.withdrawn, false) = false
WITH p ORDER BY p.title, p.iri LIMIT 100
RETURN p {.iri, .identifier, .title, .status, .budget, .currency} AS project
"""
COUNTED = f"{{ projects(first: 100) {{ totalCount nodes {{ {_FLAT_FIELDS} }} }} }}"
# The peer's `projectsConnection { totalCount edges }` sorts every project in one transaction and runs out of
# transaction memory (2 GiB) on 100k; its aggregate beside the plain list is how a peer user counts a page.
COUNTED_PEER = (
    "{ total: projectsConnection(where: {withdrawn: {eq: false}}) { aggregate { count { nodes } } } "
    "projects(where: {withdrawn: {eq: false}}, limit: 100, sort: [{title: ASC}, {iri: ASC}]) "
    f"{{ {_FLAT_FIELDS} }} }}"
)
COUNTED_CYPHER = """
CALL () { MATCH (p:Project) WHERE coalesce(p.withdrawn, false) = false RETURN count(p) AS total }
CALL () {
  MATCH (p:Project) WHERE coalesce(p.withdrawn, false) = false
  WITH p ORDER BY p.title, p.iri LIMIT 100
  RETURN collect(p {.iri, .identifier, .title, .status, .budget, .currency}) AS projects
}
RETURN total, projects
"""

_DEEP_PROJECTS = "iri title countries { percentage country { iso2 name } }"
DEEP = f"""query ($iri: ID!) {{ project(iri: $iri) {{ iri title participations {{ role organization {{ iri name
  projects(first: 5) {{ nodes {{ {_DEEP_PROJECTS} }} }} }} }} }} }}"""
DEEP_PEER = f"""query ($iri: ID!) {{ projects(where: {{iri: {{eq: $iri}}}}) {{ iri title participations {{ role
  organization {{ iri name projects(first: 5) {{ {_DEEP_PROJECTS} }} }} }} }} }}"""
DEEP_CYPHER = """
MATCH (p:Project {iri: $iri})
RETURN p.iri AS iri, COLLECT {
  MATCH (p)-[:HAS_PARTICIPATION]->(x:Participation)-[:PARTICIPANT]->(o:Organization)
  RETURN {role: x.role, iri: o.iri, name: o.name, projects: COLLECT {
    MATCH (o)<-[:PARTICIPANT]-(:Participation)<-[:HAS_PARTICIPATION]-(q:Project)
    WHERE coalesce(q.withdrawn, false) = false
    WITH DISTINCT q ORDER BY q.title, q.iri LIMIT 5
    RETURN {iri: q.iri, countries: COLLECT {
      MATCH (q)-[:HAS_COUNTRY_ALLOCATION]->(:CountryAllocation)-[:COUNTRY]->(c:Country) RETURN c.iso2 }}
  }}
} AS participations
"""

# The parameters: the country with the most allocations, and the project with the most participations
# (ties by IRI), so the filtered and deep queries do real work.
PARAMETERS_CYPHER = """
CALL () {
  MATCH (c:Country)<-[:COUNTRY]-(:CountryAllocation)
  WITH c.iso2 AS country, count(*) AS n
  RETURN country ORDER BY n DESC, country LIMIT 1
}
CALL () {
  MATCH (p:Project)-[:HAS_PARTICIPATION]->(:Participation) WHERE coalesce(p.withdrawn, false) = false
  WITH p.iri AS project, count(*) AS n
  RETURN project ORDER BY n DESC, project LIMIT 1
}
RETURN country, project
"""


def _countries(allocations: list[dict[str, Any]], peer: bool = False) -> list[str]:
    return sorted((a["country"][0] if peer else a["country"])["iso2"] for a in allocations)


def _nested(orgs: list[dict[str, Any]], peer: bool) -> Shape:
    return [
        (o["iri"], [(p["iri"], _countries(p["countries"], peer)) for p in _page(o["projects"], peer)])
        for o in orgs
    ]


def _page(value: Any, peer: bool) -> list[dict[str, Any]]:
    """The items of a list field: the peer's plain list, cograph's connection `nodes`."""
    return list(value if peer else value["nodes"])


def _filtered(projects: list[dict[str, Any]], peer: bool) -> Shape:
    return [
        (
            p["iri"],
            sorted(
                (x["role"].lower(), (x["organization"][0] if peer else x["organization"])["iri"])
                for x in p["participations"]
            ),
            sorted(t["notation"] for t in p["themes"]),
        )
        for p in projects
    ]


def _deep(project: dict[str, Any], peer: bool) -> Shape:
    rows = []
    for x in project["participations"]:
        org = x["organization"][0] if peer else x["organization"]
        pages = [(q["iri"], _countries(q["countries"], peer)) for q in _page(org["projects"], peer)]
        rows.append((x["role"].lower(), org["iri"], pages))
    return (project["iri"], sorted(rows))


@dataclass(frozen=True)
class Case:
    """One query as the three ask it, and how each answer reduces to the shape they must share."""

    name: str
    cograph: str
    peer: str
    cypher: str
    of_cograph: Callable[[dict[str, Any]], Shape]
    of_peer: Callable[[dict[str, Any]], Shape]
    of_cypher: Callable[[list[dict[str, Any]]], Shape]
    first_page: bool = False


def cases() -> list[Case]:
    return [
        Case(
            "nested: organizations(10) > projects(20) > countries > country",
            NESTED,
            NESTED_PEER,
            NESTED_CYPHER,
            lambda d: _nested(d["organizations"]["nodes"], peer=False),
            lambda d: _nested(d["organizations"], peer=True),
            lambda rows: [
                (r["iri"], [(p["iri"], sorted(c["iso2"] for c in p["countries"])) for p in r["projects"]])
                for r in rows
            ],
        ),
        Case(
            "filtered: projects in one country (50) > participations > organization, themes",
            FILTERED,
            FILTERED_PEER,
            FILTERED_CYPHER,
            lambda d: _filtered(d["projects"]["nodes"], peer=False),
            lambda d: _filtered(d["projects"], peer=True),
            lambda rows: [
                (
                    r["iri"],
                    sorted((x["role"].lower(), x["iri"]) for x in r["participations"]),
                    sorted(t["notation"] for t in r["themes"]),
                )
                for r in rows
            ],
        ),
        Case(
            "flat: first page of 100 projects by title, no count",
            FLAT,
            FLAT_PEER,
            FLAT_CYPHER,
            lambda d: [p["iri"] for p in d["projects"]["nodes"]],
            lambda d: [p["iri"] for p in d["projects"]],
            lambda rows: [r["project"]["iri"] for r in rows],
            first_page=True,
        ),
        Case(
            "flat + count: the same page with totalCount",
            COUNTED,
            COUNTED_PEER,
            COUNTED_CYPHER,
            lambda d: (d["projects"]["totalCount"], [p["iri"] for p in d["projects"]["nodes"]]),
            lambda d: (d["total"]["aggregate"]["count"]["nodes"], [p["iri"] for p in d["projects"]]),
            lambda rows: (rows[0]["total"], [p["iri"] for p in rows[0]["projects"]]),
            first_page=True,
        ),
        Case(
            "deep: project > participations > organization > projects(5) > countries > country",
            DEEP,
            DEEP_PEER,
            DEEP_CYPHER,
            lambda d: _deep(d["project"], peer=False),
            lambda d: _deep(d["projects"][0], peer=True),
            lambda rows: (
                rows[0]["iri"],
                sorted(
                    (x["role"].lower(), x["iri"], [(q["iri"], sorted(q["countries"])) for q in x["projects"]])
                    for x in rows[0]["participations"]
                ),
            ),
        ),
    ]


# -- the graph, the servers ----------------------------------------------------------------------------------


def ensure_sample(graph: Graph, projects: int) -> None:
    """The sample of `projects` projects, loaded once and reused (migrations re-run: they are idempotent and
    a newer branch may add indexes)."""
    have = graph.read("MATCH (p:Project) RETURN count(p) AS n")[0]["n"]
    if have == projects:
        migrate(graph)
        print(f"sample: {have} projects already loaded", flush=True)
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


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def install_peer() -> None:
    """`npm ci` in bench/peer when node_modules is missing or older than package-lock.json."""
    if shutil.which("npm") is None or shutil.which("node") is None:
        raise SystemExit("bench/api.py needs Node.js 20+ and npm for the peer (apt-get install nodejs npm).")
    lock = (PEER_DIR / "package-lock.json").read_bytes()
    stamp = PEER_DIR / "node_modules" / ".cograph-lock-sha256"
    digest = hashlib.sha256(lock).hexdigest()
    if not stamp.is_file() or stamp.read_text().strip() != digest:
        print("peer: npm ci in bench/peer ...", flush=True)
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=PEER_DIR, check=True)
        stamp.write_text(digest)
    if not TYPEDEFS_PATH.is_file() or TYPEDEFS_PATH.read_text(encoding="utf-8") != typedefs():
        TYPEDEFS_PATH.write_text(typedefs(), encoding="utf-8")


def _wait_for(url: str, process: subprocess.Popen[bytes], what: str) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(
                f"{what} exited with {process.returncode} before it answered; see its output above."
            )
        try:
            if httpx.post(url, json={"query": "{ __typename }"}, timeout=5).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.3)
    raise SystemExit(f"{what} did not answer {url} within 120 s.")


@contextmanager
def serving(command: list[str], env: dict[str, str], url: str, what: str, cwd: Path = ROOT) -> Iterator[str]:
    process = subprocess.Popen(command, env=env, cwd=cwd)
    try:
        _wait_for(url, process, what)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def cograph_server(workers: int) -> tuple[list[str], dict[str, str], str]:
    port = _free_port()
    command = [
        sys.executable, "-m", "uvicorn", "api.app:create_app", "--factory", "--host", "127.0.0.1",
        "--port", str(port), "--log-level", "warning", "--no-access-log", "--workers", str(workers),
    ]  # fmt: skip
    return command, os.environ.copy(), f"http://127.0.0.1:{port}/graphql"


def peer_server(settings: Settings) -> tuple[list[str], dict[str, str], str]:
    port = _free_port()
    env = {
        **os.environ,
        "NEO4J_URI": settings.uri,
        "NEO4J_USER": settings.user,
        "NEO4J_PASSWORD": settings.password,
        "NEO4J_DATABASE": settings.database,
        "PORT": str(port),
        "NODE_ENV": "production",
    }
    return ["node", "index.mjs"], env, f"http://127.0.0.1:{port}/"


# -- measuring -----------------------------------------------------------------------------------------------


class Failed(Exception):
    """A server answered a benchmark query with errors (or not at all)."""


@dataclass(frozen=True)
class Figures:
    rate: float
    p50: float
    p95: float
    requests: int
    failed: int = 0


def measure(call: Callable[[], Any], clients: int, requests: int, seconds: float) -> Figures:
    """`clients` threads calling in a loop until `requests` calls or `seconds` have passed (at least
    2 calls per client), after 3 warm-up calls: requests/s, p50 and p95 in ms."""
    for _ in range(3):
        call()
    latencies: list[float] = []
    failures: list[float] = []
    lock = threading.Lock()
    deadline = time.perf_counter() + seconds

    def client() -> None:
        done = 0
        while True:
            with lock:
                if len(latencies) + len(failures) >= requests or (
                    done >= 2 and time.perf_counter() > deadline
                ):
                    return
            started = time.perf_counter()
            try:
                call()
            except (Failed, httpx.HTTPError):
                # a timed-out or failed request counts against the row (shown), it is no latency
                with lock:
                    failures.append(time.perf_counter() - started)
                done += 1
                continue
            elapsed = time.perf_counter() - started
            done += 1
            with lock:
                latencies.append(elapsed)

    started = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    ordered = sorted(latencies) or [float("inf")]
    p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
    return Figures(
        len(latencies) / wall, statistics.median(ordered) * 1000, p95 * 1000, len(latencies), len(failures)
    )


def graphql_call(client: httpx.Client, url: str, query: str, variables: dict[str, Any]) -> Callable[[], Any]:
    def call() -> Any:
        response = client.post(url, json={"query": query, "variables": variables}, timeout=120)
        body = response.json()
        if response.status_code != 200 or body.get("errors"):
            raise Failed(f"{url} answered {response.status_code}: {str(body)[:300]}")
        return body["data"]

    return call


def _first_difference(a: Shape, b: Shape) -> str:
    if isinstance(a, list | tuple) and isinstance(b, list | tuple):
        if len(a) != len(b):
            return f"{len(a)} items against {len(b)}"
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            if x != y:
                return f"item {i}: {_first_difference(x, y)}"
    return f"{str(a)[:200]} against {str(b)[:200]}"


def _row(name: str, clients: int, figures: Figures) -> str:
    return (
        f"  {name:<22} {clients:>3} clients {figures.rate:>8.1f} req/s  p50 {figures.p50:>8.1f} ms  "
        f"p95 {figures.p95:>8.1f} ms  ({figures.requests} requests"
        + (f", {figures.failed} FAILED)" if figures.failed else ")")
    )


def compare(graph: Graph, settings: Settings, args: argparse.Namespace) -> None:
    ensure_sample(graph, args.projects)
    install_peer()
    params = graph.read(PARAMETERS_CYPHER)[0]
    variables = {"country": params["country"], "iri": params["project"]}
    print(f"parameters: country {variables['country']}, project {variables['iri']}", flush=True)
    limits = httpx.Limits(max_connections=64, max_keepalive_connections=64)
    one, many = cograph_server(1), cograph_server(args.workers)
    peer = peer_server(settings)
    with (
        serving(*one, "cograph (uvicorn, 1 worker)") as cograph_url,
        serving(*many, f"cograph (uvicorn, {args.workers} workers)") as workers_url,
        serving(*peer, "the peer (node bench/peer/index.mjs)", cwd=PEER_DIR) as peer_url,
        httpx.Client(limits=limits) as client,
    ):
        systems: list[tuple[str, str, bool]] = [
            ("cograph", cograph_url, False),
            (f"cograph --workers {args.workers}", workers_url, False),
            ("@neo4j/graphql 7", peer_url, True),
        ]
        print(f"\nload: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} {os.getloadavg()[2]:.2f}; ", end="")
        print(
            f"at most {args.requests} requests or {args.seconds:.0f} s per row; latencies in ms\n", flush=True
        )
        summary: list[str] = []
        for case in cases():
            if args.only and case.name.split(":")[0] not in args.only.split(","):
                continue
            print(case.name, flush=True)
            wanted = case.of_cypher(graph.read(case.cypher, variables))
            calls: dict[str, Callable[[], Any]] = {}
            unequal = []
            for name, url, is_peer in systems:
                call = graphql_call(client, url, case.peer if is_peer else case.cograph, variables)
                try:
                    found = (case.of_peer if is_peer else case.of_cograph)(call())
                except Failed as error:
                    unequal.append(f"{name}: {error}")
                    continue
                if found != wanted:
                    unequal.append(f"{name}: {_first_difference(found, wanted)}")
                calls[name] = call
            if unequal:
                print(
                    "  NOT MEASURED: failed or differs from the Cypher's answer\n    "
                    + "\n    ".join(unequal)
                )
                summary.append(f"{case.name.split(':')[0]}: not measured (an answer failed or differs)")
                continue
            calls["Cypher (Graph.read)"] = lambda case=case: graph.read(case.cypher, variables)  # type: ignore[misc]
            figures: dict[tuple[str, int], Figures] = {}
            for clients in (1, 16):
                for name, call in calls.items():
                    figures[name, clients] = measure(call, clients, args.requests, args.seconds)
                    print(_row(name, clients, figures[name, clients]), flush=True)
            peer_name = systems[2][0]
            for name, _, _ in systems[:2]:
                ratios = [figures[name, c].rate / figures[peer_name, c].rate for c in (1, 16)]
                p95_ok = [figures[name, c].p95 <= figures[peer_name, c].p95 for c in (1, 16)]
                line = (
                    f"  targets {name}: ratio {ratios[0]:.2f} @1 {'ok' if ratios[0] >= 1 else 'MISS'}, "
                    f"{ratios[1]:.2f} @16 {'ok' if ratios[1] >= 1 else 'MISS'}; p95 <= peer's "
                    f"@1 {'ok' if p95_ok[0] else 'MISS'}, @16 {'ok' if p95_ok[1] else 'MISS'}"
                )
                if case.first_page:
                    p50 = figures[name, 1].p50
                    line += f"; first page p50 {p50:.0f} ms {'ok' if p50 < 60 else 'MISS'} (< 60)"
                print(line, flush=True)
                summary.append(f"{case.name.split(':')[0]:<13} {line.strip()}")
            print(flush=True)
    print("summary (cograph / peer requests/s):\n  " + "\n  ".join(summary))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--projects", type=int, default=100_000)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2, help="uvicorn workers (cores)")
    parser.add_argument("--requests", type=int, default=300, help="at most this many requests per row")
    parser.add_argument("--seconds", type=float, default=10.0, help="at most about this long per row")
    parser.add_argument(
        "--only", default="", help="comma-separated queries: nested,filtered,flat,flat + count,deep"
    )
    args = parser.parse_args()
    if not external_uri_configured():
        status, _ = local.start()
        print(status.describe(), flush=True)
    settings = from_env()
    with Graph.open(settings) as graph:
        compare(graph, settings, args)


if __name__ == "__main__":
    main()
