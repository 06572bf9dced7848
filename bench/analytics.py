"""Benchmark of the coordination analytics on a synthetic graph of 100k projects.

Run: `.venv/bin/python -m bench.analytics [--projects 100000] [--runs 15]`. Uses its own local Neo4j under
var/bench-queries (COGRAPH_VAR), writes the synthetic graph once (re-runs reuse it), then prints the median
and p95 latency of each query with and without filters, and checks each filtered query's PROFILE for a full
label scan of Project. The graph records are generated here with graph.records (seeded, deterministic).

With `--existing` nothing is written: the graph already in COGRAPH_VAR's Neo4j (e.g. `cograph sample
--projects 100000` loaded with `cograph load`) is timed, with the same kinds of selections picked from it
(its busiest and a quiet country, a narrow and a broad theme, its largest region, a mechanism).

Every timed run starts with the graph's kept answers cleared (`graph.answers`), so the figures are the
statements' own; the `kept` column is the same query asked again at once, answered from memory.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import time
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("COGRAPH_VAR", str(ROOT / "var" / "bench-queries"))
os.environ.setdefault("COGRAPH_QUERY_TIMEOUT", "300")  # the one-off synthetic writes take longer than 30 s

from graph import local  # noqa: E402 - COGRAPH_VAR must be set first
from graph.migrations import migrate  # noqa: E402
from graph.records import Edge, Node, wipe, write_records  # noqa: E402
from graph.settings import from_env  # noqa: E402
from graph.store import Graph  # noqa: E402
from ontology.errors import CographError  # noqa: E402
from ontology.mapping import labels_for  # noqa: E402
from queries.coverage import COVERAGE, coverage  # noqa: E402
from queries.filters import Anchor, Filters, resolve  # noqa: E402
from queries.gaps import (  # noqa: E402
    COMMITMENT_GAPS,
    GRANT_ONLY_GAPS,
    NO_GRANT_GAPS,
    NO_JOINT_PROJECT_WORK,
    OBLIGATION_GAPS,
    SINGLE_ACTOR_KIND_GAPS,
    GapKind,
    gaps,
)
from queries.overlaps import OVERLAPS, overlap_of, overlap_projects, overlaps  # noqa: E402
from queries.similarity import ACTOR_SIMILARITY, actor_similarity  # noqa: E402

AS_OF = date(2025, 6, 1)
BASE = "urn:bench:"
TOPS = {"prevention": 3, "protection": 3, "prosecution": 2, "partnership": 2}
KINDS = (
    ["Agency"] * 3 + ["NGO"] * 4 + ["CivilSocietyOrganization", "GovernmentBody", "PrivateSectorOrganization"]
)
ORG_TYPES = {"Agency": "40", "NGO": "21", "CivilSocietyOrganization": "22", "GovernmentBody": "10"}


def _iso2_codes(n: int) -> list[str]:
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    return [a + b for a in letters for b in letters][:n]


def _themes() -> list[str]:
    return [t for top, n in TOPS.items() for t in [top, *(f"{top}-{i}" for i in range(n))]]


def reference(rng: random.Random, countries: list[str], orgs: int) -> tuple[list[Node], list[Edge]]:
    nodes: list[Node] = []
    edges: list[Edge] = []
    for r in range(5):
        nodes.append(
            Node(f"{BASE}region/{r}", labels_for("Region"), {"m49": f"00{r}", "name": f"Region {r}"})
        )
    for s in range(20):
        nodes.append(
            Node(f"{BASE}region/s{s}", labels_for("Region"), {"m49": f"1{s:02d}", "name": f"Sub {s}"})
        )
    for i, iso2 in enumerate(countries):
        nodes.append(
            Node(f"{BASE}country/{iso2}", labels_for("Country"), {"iso2": iso2, "name": f"Country {iso2}"})
        )
        edges.append(Edge(f"{BASE}country/{iso2}", "REGION", f"{BASE}region/{i % 5}"))
        edges.append(Edge(f"{BASE}country/{iso2}", "SUBREGION", f"{BASE}region/s{i % 20}"))
    for top, n in TOPS.items():
        nodes.append(Node(f"{BASE}theme/{top}", labels_for("Theme"), {"notation": top, "prefLabel": top}))
        for i in range(n):
            nodes.append(Node(f"{BASE}theme/{top}-{i}", labels_for("Theme"), {"notation": f"{top}-{i}"}))
            edges.append(Edge(f"{BASE}theme/{top}-{i}", "BROADER", f"{BASE}theme/{top}"))
    for crime in ("trafficking-in-persons", "smuggling-of-migrants"):
        nodes.append(Node(f"{BASE}theme/{crime}", labels_for("Theme"), {"notation": crime}))
    for o in range(orgs):
        kind = KINDS[o % len(KINDS)]
        props = {"name": f"Org {o}", "orgType": ORG_TYPES.get(kind, "90")}
        nodes.append(Node(f"{BASE}org/{o}", labels_for(kind), props))
    for m, short in enumerate(("ICAT", "UNGIFT", "GMG")):
        nodes.append(
            Node(f"{BASE}mech/{m}", labels_for("CoordinationMechanism"), {"name": short, "shortName": short})
        )
        for member in rng.sample(range(orgs), 25):
            ms = f"{BASE}membership/{m}-{member}"
            nodes.append(Node(ms, labels_for("Membership"), {"role": "member", "start": date(2010, 1, 1)}))
            edges += [Edge(ms, "MEMBER", f"{BASE}org/{member}"), Edge(ms, "ORGANIZATION", f"{BASE}mech/{m}")]
    themes = _themes()
    for key in ("tip", "som"):
        nodes.append(
            Node(f"{BASE}instrument/{key}", labels_for("LegalInstrument"), {"name": key, "shortName": key})
        )
        for a, theme in enumerate(rng.sample(themes, 6)):
            ob = f"{BASE}obligation/{key}-{a}"
            nodes.append(Node(ob, labels_for("Obligation"), {"article": str(a + 5)}))
            edges += [
                Edge(f"{BASE}instrument/{key}", "HAS_OBLIGATION", ob),
                Edge(ob, "THEME", f"{BASE}theme/{theme}"),
            ]
        for iso2 in rng.sample(countries, int(len(countries) * 0.8)):
            rat = f"{BASE}ratification/{key}-{iso2}"
            nodes.append(
                Node(rat, labels_for("Ratification"), {"date": date(2005, 1, 1), "kind": "ratification"})
            )
            edges += [
                Edge(rat, "STATE", f"{BASE}country/{iso2}"),
                Edge(rat, "INSTRUMENT", f"{BASE}instrument/{key}"),
            ]
    nodes.append(Node(f"{BASE}fund/tf", labels_for("Fund"), {"name": "Trust Fund"}))
    for k in range(600):
        cls, key = ("Pledge", "pledge") if k % 3 else ("ActionPlan", "plan")
        due = AS_OF + timedelta(days=rng.randint(-900, 400))
        record: dict[str, Any] = (
            {"dueDate": due, "description": f"pledge {k}"}
            if cls == "Pledge"
            else {"end": due, "title": f"plan {k}"}
        )
        node_iri = f"{BASE}{key}/{k}"
        nodes.append(Node(node_iri, labels_for(cls), record))
        edges += [
            Edge(node_iri, "COUNTRY", f"{BASE}country/{rng.choice(countries)}"),
            Edge(node_iri, "THEME", f"{BASE}theme/{rng.choice(themes)}"),
        ]
    for g in range(400):
        node_iri = f"{BASE}grant/{g}"
        start = date(2020, 1, 1) + timedelta(days=rng.randint(0, 2500))
        nodes.append(
            Node(
                node_iri,
                labels_for("Grant"),
                {"amount": 50000.0, "currency": "USD", "start": start, "end": start + timedelta(days=730)},
            )
        )
        edges += [
            Edge(node_iri, "FROM_FUND", f"{BASE}fund/tf"),
            Edge(node_iri, "COUNTRY", f"{BASE}country/{rng.choice(countries)}"),
            Edge(node_iri, "THEME", f"{BASE}theme/{rng.choice(themes)}"),
        ]
    return nodes, edges


def project_batches(
    rng: random.Random, total: int, countries: list[str], orgs: int, batch: int
) -> Iterator[tuple[list[Node], list[Edge]]]:
    themes = _themes()
    weights = [1.0 / (i + 1) for i in range(len(countries))]  # a few countries get most of the work
    for first in range(0, total, batch):
        nodes: list[Node] = []
        edges: list[Edge] = []
        for k in range(first, min(total, first + batch)):
            p = f"{BASE}project/{k}"
            start = date(2015, 1, 1) + timedelta(days=rng.randint(0, 5000))
            props: dict[str, Any] = {
                "identifier": f"P-{k}",
                "title": f"Project {k}",
                "status": rng.choice(["2", "2", "2", "3", "4", "5"]),
                "plannedStart": start,
                "plannedEnd": start + timedelta(days=rng.randint(180, 1800)),
                "budget": float(rng.randint(10, 2000) * 1000),
                "currency": rng.choice(["USD", "USD", "EUR"]),
                "withdrawn": rng.random() < 0.02,
            }
            nodes.append(Node(p, labels_for("Project"), props))
            for iso2 in set(rng.choices(countries, weights=weights, k=rng.randint(1, 3))):
                a = f"{p}/alloc/{iso2}"
                nodes.append(Node(a, labels_for("CountryAllocation"), {"percentage": None}))
                edges += [Edge(p, "HAS_COUNTRY_ALLOCATION", a), Edge(a, "COUNTRY", f"{BASE}country/{iso2}")]
            for theme in set(rng.choices(themes, k=rng.randint(1, 3))):
                edges.append(Edge(p, "THEME", f"{BASE}theme/{theme}"))
            edges.append(
                Edge(
                    p,
                    "CRIME_TYPE",
                    f"{BASE}theme/{rng.choice(['trafficking-in-persons', 'smuggling-of-migrants'])}",
                )
            )
            for i, role in enumerate(
                ["implementing", *rng.sample(["funding", "implementing", "extending"], rng.randint(0, 2))]
            ):
                part = f"{p}/part/{i}"
                nodes.append(Node(part, labels_for("Participation"), {"role": role}))
                org = min(int(rng.paretovariate(1.2)) - 1, orgs - 1)
                edges += [Edge(p, "HAS_PARTICIPATION", part), Edge(part, "PARTICIPANT", f"{BASE}org/{org}")]
        yield nodes, edges


def build(graph: Graph, projects: int, seed: int) -> None:
    rows = graph.read("MATCH (s:CographSchema {id: 'bench'}) RETURN s.projects AS projects, s.seed AS seed")
    if rows and rows[0]["projects"] == projects and rows[0]["seed"] == seed:
        print(f"reusing the synthetic graph of {projects} projects (seed {seed})")
        return
    print(f"writing a synthetic graph of {projects} projects (seed {seed}) ...", flush=True)
    started = time.perf_counter()
    wipe(graph)
    rng = random.Random(seed)
    countries = _iso2_codes(200)
    orgs = 400
    write_records(graph, *reference(rng, countries, orgs))
    for nodes, edges in project_batches(rng, projects, countries, orgs, 2000):
        write_records(graph, nodes, edges)
    graph.write(
        "MERGE (s:CographSchema {id: 'bench'}) SET s.projects = $projects, s.seed = $seed",
        {"projects": projects, "seed": seed},
    )
    print(f"  written in {time.perf_counter() - started:.0f} s")


UNTIMED = {"overlaps+lists (export)"}
"""Measurements printed without a target: downloads, which no view waits on."""


def _opened(graph: Graph, filters: Filters) -> Callable[[], Any]:
    """The overlap of the selection with the most projects, asked on its own with its lists (what opening it in
    the explorer's findings asks), picked before the timing starts; no overlap: nothing asked."""
    listed = overlaps(graph, AS_OF, filters)
    if not listed:
        return lambda: []
    o = max(listed, key=lambda x: (x.project_count_a + x.project_count_b, x.country, x.theme))
    pair = (o.actor_a.iri, o.actor_b.iri)

    def opened() -> list[Any]:
        one = overlap_of(graph, AS_OF, filters, o.country, o.theme, pair)
        if one is None:
            raise CographError(
                f"the overlap {o.country} {o.theme} {pair} was listed but not found on its own"
            )
        lists = overlap_projects(graph, [one])[0]
        return [*lists.projects_a, *lists.projects_b]

    return opened


def timed(fn: Callable[[], Any], runs: int, forget: Callable[[], None]) -> tuple[float, float, int, float]:
    """Median and p95 ms of `runs` cold runs (after `forget`), the rows, and the ms of one kept answer."""
    for _ in range(2):
        forget()
        result = fn()
    samples = []
    for _ in range(runs):
        forget()
        started = time.perf_counter()
        result = fn()
        samples.append((time.perf_counter() - started) * 1000)
    started = time.perf_counter()
    fn()
    kept = (time.perf_counter() - started) * 1000
    samples.sort()
    p95 = samples[min(len(samples) - 1, round(0.95 * (len(samples) - 1)))]
    return statistics.median(samples), p95, len(result), kept


def _operators(plan: dict[str, Any]) -> Iterator[dict[str, Any]]:
    yield plan
    for child in plan.get("children", []):
        yield from _operators(child)


def project_label_scan(graph: Graph, query: str, params: dict[str, Any]) -> bool:
    """Whether the plan of the query has a NodeByLabelScan of Project (a full scan of every project).

    EXPLAIN gives the plan PROFILE runs without executing the query (PROFILE of the largest overlaps fails
    inside Neo4j with "result has not been materialised").
    """
    profile = graph.plan(query, params)
    return any(
        str(op.get("operatorType", "")).startswith("NodeByLabelScan")
        and ":Project" in str(op.get("args", {}).get("Details", ""))
        for op in _operators(profile)
    )


def _gap_runner(graph: Graph, kind: GapKind) -> Callable[[Filters], Callable[[], Any]]:
    return lambda filters: lambda: gaps(graph, AS_OF, filters, kinds=[kind])


def written_selections(graph: Graph) -> dict[str, Filters]:
    """The bench's selections on the synthetic graph it wrote (`build`)."""
    busiest = graph.read(
        "MATCH (c:Country)<-[:COUNTRY]-(:CountryAllocation) RETURN c.iso2 AS iso2, count(*) AS n ORDER BY n DESC LIMIT 1"
    )[0]
    quiet = _iso2_codes(200)[100]
    return {
        "none (global)": Filters(),
        f"country={busiest['iso2']} (busiest)": Filters(country=busiest["iso2"]),
        f"country={quiet}": Filters(country=quiet),
        "theme=protection-0": Filters(theme="protection-0"),
        "theme=protection (broad)": Filters(theme="protection"),
        "region=001": Filters(region="001"),
        f"country={quiet} theme=prevention": Filters(country=quiet, theme="prevention"),
        "mechanism=ICAT": Filters(mechanism="ICAT"),
        f"country={quiet} org-type=NGO crime": Filters(
            country=quiet, org_type="NGO", crime_type="trafficking-in-persons"
        ),
    }


def existing_selections(graph: Graph) -> dict[str, Filters]:
    """The bench's kinds of selection, picked from a graph it did not write (the sample's names)."""
    countries = graph.read(
        "MATCH (c:Country)<-[:COUNTRY]-(:CountryAllocation) RETURN c.iso2 AS iso2, count(*) AS n ORDER BY n DESC, iso2"
    )
    busiest, quiet = countries[0]["iso2"], countries[len(countries) // 2]["iso2"]
    broad = graph.read(
        "MATCH (t:Theme)-[:BROADER]->(b:Theme) WITH b, count(t) AS narrower "
        "MATCH (b)<-[:BROADER*0..]-(:Theme)<-[:THEME]-(p:Project) "
        "RETURN b.notation AS broad, count(p) AS n ORDER BY n DESC, broad LIMIT 1"
    )[0]["broad"]
    narrow = graph.read(
        "MATCH (t:Theme)-[:BROADER]->(:Theme {notation: $broad}) MATCH (t)<-[:THEME]-(p:Project) "
        "RETURN t.notation AS narrow, count(p) AS n ORDER BY n DESC, narrow LIMIT 1",
        {"broad": broad},
    )[0]["narrow"]
    region = graph.read(
        "MATCH (r:Region)<-[:REGION]-(c:Country) RETURN r.m49 AS m49, count(c) AS n ORDER BY n DESC, m49 LIMIT 1"
    )[0]["m49"]
    mechanism = graph.read(
        "MATCH (m:CoordinationMechanism)<-[:ORGANIZATION]-(:Membership) "
        "RETURN m.shortName AS name, count(*) AS n ORDER BY n DESC, name LIMIT 1"
    )[0]["name"]
    crime = graph.read(
        "MATCH (p:Project)-[:CRIME_TYPE]->(t:Theme) RETURN t.notation AS crime, count(*) AS n ORDER BY n DESC LIMIT 1"
    )[0]["crime"]
    return {
        "none (global)": Filters(),
        f"country={busiest} (busiest)": Filters(country=busiest),
        f"country={quiet}": Filters(country=quiet),
        f"theme={narrow}": Filters(theme=narrow),
        f"theme={broad} (broad)": Filters(theme=broad),
        f"region={region}": Filters(region=region),
        f"country={quiet} theme={broad}": Filters(country=quiet, theme=broad),
        f"mechanism={mechanism}": Filters(mechanism=mechanism),
        f"country={quiet} org-type=NGO crime": Filters(country=quiet, org_type="NGO", crime_type=crime),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--projects", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--plans-only", action="store_true", help="Only check the query plans.")
    parser.add_argument(
        "--only", default="", help="Comma-separated query names (coverage,overlaps,gaps:...)."
    )
    parser.add_argument("--existing", action="store_true", help="time the graph already there; write nothing")
    parser.add_argument("--selections", default="", help="Comma-separated selection numbers (0: global).")
    args = parser.parse_args()
    status, _ = local.start()
    print(status.describe())
    graph = Graph(from_env())
    migrate(graph)
    if not args.existing:
        build(graph, args.projects, args.seed)
    selections = existing_selections(graph) if args.existing else written_selections(graph)
    if args.selections:
        chosen = {int(n) for n in args.selections.split(",")}
        selections = {k: v for i, (k, v) in enumerate(selections.items()) if i in chosen}
    queries: dict[str, Callable[[Filters], Callable[[], Any]]] = {
        "coverage": lambda f: lambda: coverage(graph, AS_OF, f),
        "overlaps": lambda f: lambda: overlaps(graph, AS_OF, f),  # the first DEFAULT_LIMIT (500)
        # what the explorer's findings ask when an overlap is opened: that one overlap and its project lists
        # (the one of the selection's 500 with the most projects)
        "overlap opened+projects": lambda f: _opened(graph, f),
        # what the findings export writes (a download, not a view: no target): every overlap's lists
        "overlaps+lists (export)": lambda f: lambda: overlap_projects(graph, overlaps(graph, AS_OF, f)),
        "actor_similarity": lambda f: lambda: actor_similarity(graph, f, 20, as_of=AS_OF),
        **{f"gaps:{k.value}": _gap_runner(graph, k) for k in GapKind},
    }
    counts = graph.read("MATCH (p:Project) RETURN count(p) AS projects")[0]
    print(f"\n{counts['projects']} projects; as of {AS_OF}; {args.runs} timed runs after 2 warm-ups; ms\n")
    print(f"{'query':<26} {'filters':<38} {'median':>8} {'p95':>8} {'rows':>7} {'kept':>6}  target")
    slow = []
    if args.only:
        queries = {name: make for name, make in queries.items() if name in args.only.split(",")}
    for name, make in queries.items() if not args.plans_only else ():
        for label, filters in selections.items():
            try:
                median, p95, rows, kept = timed(make(filters), args.runs, graph.answers.clear)
            except CographError as error:
                slow.append((name, label, float("inf")))
                print(f"{name:<26} {label:<38} failed: {error}", flush=True)
                continue
            target = None if name in UNTIMED else 3000 if label.startswith("none") else 300
            flag = "-" if target is None else "ok" if p95 < target else f"OVER {target}"
            if target is not None and p95 >= target:
                slow.append((name, label, p95))
            print(
                f"{name:<26} {label:<38} {median:8.1f} {p95:8.1f} {rows:7d} {kept:6.1f}  {flag}", flush=True
            )
    print(
        "\nPlan (EXPLAIN, as PROFILE runs it): full label scan of Project (NodeByLabelScan) with a country or theme given"
    )
    named: dict[str, dict[Anchor, str]] = {
        "coverage": COVERAGE,
        "overlaps": OVERLAPS,
        "actor_similarity": ACTOR_SIMILARITY,
        "gaps:single-actor-kind": SINGLE_ACTOR_KIND_GAPS,
        "gaps:no-grant": NO_GRANT_GAPS,
        "gaps:no-joint-project": NO_JOINT_PROJECT_WORK,
        **{
            f"gaps:{name}": dict.fromkeys(Anchor, text)
            for name, text in (
                ("obligation", OBLIGATION_GAPS),
                ("commitment", COMMITMENT_GAPS),
                ("grant-only", GRANT_ONLY_GAPS),
            )
        },
    }
    for name, variants in named.items():
        for label, filters in selections.items():
            if filters.country is None and filters.theme is None:
                continue
            scope = resolve(graph, filters, AS_OF)
            scan = project_label_scan(
                graph,
                variants[scope.anchor],
                scope.params(
                    limit=20,
                    horizon_days=90,
                    related_limit=20,
                    funded=[],
                    granted=[],
                    supported=None,
                    member_iris=[],
                ),
            )
            print(f"  {name:<24} {label:<38} {'LABEL SCAN' if scan else 'no scan (anchored on index)'}")
    print(
        f"\n{len(slow)} measurement(s) over target"
        + ("".join(f"\n  {n} [{sel}] p95 {p:.0f} ms" for n, sel, p in slow))
    )


if __name__ == "__main__":
    main()
