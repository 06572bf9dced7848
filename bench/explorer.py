"""Times the explorer in headless Chromium on a large synthetic graph and prints the figures.

    .venv/bin/python -m bench.explorer [--projects 1500] [--countries 120] [--organizations 300] [--keep]
    .venv/bin/python -m bench.explorer --existing    # time the graph already in COGRAPH_VAR's Neo4j
    .venv/bin/python -m bench.explorer --existing --time    # the matrix and the slider, side by side:
        # each date computed when the page asks ("asked") and kept ahead by the server ("kept ahead")

With --existing (e.g. after `cograph init`, `cograph sample --projects 100000` and `cograph load` into a
state dir of its own) nothing is wiped or written: the page is timed on that graph as it is.

Runs its own local Neo4j under var/bench-explorer (never the graph `make run` serves), writes the synthetic
graph there with graph.records.write_records, serves the app with uvicorn on a free loopback port and drives
Debian's Chromium (/usr/bin/chromium) with Playwright. Stops that Neo4j at the end unless --keep is given.
"""

from __future__ import annotations

import argparse
import os
import random
import socket
import statistics
import threading
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("COGRAPH_VAR", str(ROOT / "var" / "bench-explorer"))

import uvicorn  # noqa: E402
from playwright.sync_api import Page, sync_playwright  # noqa: E402
from starlette.applications import Starlette  # noqa: E402

from api.app import create_app  # noqa: E402
from api.explorer import STATIC_DIR, explorer_routes  # noqa: E402
from graph import local  # noqa: E402
from graph.migrations import migrate  # noqa: E402
from graph.records import Edge, Node, wipe, write_records  # noqa: E402
from graph.settings import from_env  # noqa: E402
from graph.store import Graph  # noqa: E402
from ontology.mapping import labels_for, relationship_type  # noqa: E402
from ontology.namespaces import data_iri  # noqa: E402
from ontology.vocabulary import crime_types, themes  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
REGIONS = (("002", "Africa"), ("019", "Americas"), ("142", "Asia"), ("150", "Europe"), ("009", "Oceania"))
ORG_CLASSES = (
    "Agency",
    "NGO",
    "NGO",
    "CivilSocietyOrganization",
    "GovernmentBody",
    "PrivateSectorOrganization",
)
# ISO numeric codes of real countries, so the map has shapes to colour.
NUMERIC = [
    "004",
    "008",
    "012",
    "024",
    "032",
    "036",
    "040",
    "050",
    "056",
    "064",
    "068",
    "070",
    "072",
    "076",
    "100",
    "104",
    "108",
    "112",
    "116",
    "120",
    "124",
    "140",
    "144",
    "148",
    "152",
    "156",
    "170",
    "178",
    "180",
    "188",
    "191",
    "192",
    "196",
    "203",
    "204",
    "208",
    "214",
    "218",
    "222",
    "231",
    "232",
    "233",
    "242",
    "246",
    "250",
    "266",
    "268",
    "270",
    "276",
    "288",
    "300",
    "320",
    "324",
    "332",
    "340",
    "348",
    "356",
    "360",
    "364",
    "368",
    "372",
    "376",
    "380",
    "384",
    "388",
    "392",
    "398",
    "400",
    "404",
    "408",
    "410",
    "414",
    "417",
    "418",
    "422",
    "426",
    "428",
    "430",
    "434",
    "440",
    "450",
    "454",
    "458",
    "466",
    "478",
    "484",
    "496",
    "498",
    "499",
    "504",
    "508",
    "512",
    "516",
    "524",
    "528",
    "540",
    "554",
    "558",
    "562",
    "566",
    "578",
    "586",
    "591",
    "598",
    "600",
    "604",
    "608",
    "616",
    "620",
    "630",
    "634",
    "642",
    "643",
    "646",
    "682",
    "686",
    "688",
    "694",
    "703",
    "704",
    "705",
    "706",
    "710",
    "716",
    "724",
    "728",
    "729",
    "732",
    "748",
    "752",
    "756",
    "760",
    "762",
    "764",
    "768",
    "780",
    "784",
    "788",
    "792",
    "795",
    "800",
    "804",
    "807",
    "818",
    "826",
    "834",
    "840",
    "854",
    "858",
    "860",
    "862",
    "887",
    "894",
]


def synthetic(
    projects: int, countries: int, organizations: int, seed: int = 7
) -> tuple[list[Node], list[Edge]]:
    """A graph shaped like the real one: projects with implementers, funders, countries, themes, crime types."""
    rng = random.Random(seed)
    nodes: list[Node] = []
    edges: list[Edge] = []

    def edge(source: str, prop: str, target: str) -> None:
        edges.append(Edge(source, relationship_type(prop), target))

    all_themes = themes()
    for theme in all_themes:
        nodes.append(
            Node(
                theme.iri,
                labels_for("Theme"),
                {"notation": theme.notation, "prefLabel": theme.label, "scheme": theme.scheme},
            )
        )
        for broader in theme.broader:
            edge(theme.iri, "broader", next(t.iri for t in all_themes if t.notation == broader))
    work_themes = [t for t in all_themes if t.scheme == "themes" and t.broader]
    crimes = list(crime_types())
    for m49, name in REGIONS:
        nodes.append(Node(data_iri("region", m49), labels_for("Region"), {"m49": m49, "name": name}))
    country_iris = []
    for i in range(min(countries, len(NUMERIC))):
        iso2 = f"{chr(65 + i // 26)}{chr(65 + i % 26)}"
        iri = data_iri("country", f"bench-{iso2}")
        country_iris.append(iri)
        nodes.append(
            Node(
                iri,
                labels_for("Country"),
                {"iso2": iso2, "iso3": f"X{iso2}", "isoNumeric": NUMERIC[i], "name": f"Country {iso2}"},
            )
        )
        edge(iri, "region", data_iri("region", REGIONS[i % len(REGIONS)][0]))
    org_iris = []
    for i in range(organizations):
        iri = data_iri("organization", f"bench-{i}")
        org_iris.append(iri)
        nodes.append(
            Node(
                iri,
                labels_for(ORG_CLASSES[i % len(ORG_CLASSES)]),
                {"name": f"Organization {i}", "shortName": f"ORG{i}", "source": "bench"},
            )
        )
    icat = data_iri("organization", "bench-icat")
    nodes.append(Node(icat, labels_for("CoordinationMechanism"), {"name": "ICAT", "shortName": "ICAT"}))
    for i in range(0, organizations, 25):
        membership = data_iri("membership", f"bench-icat-{i}")
        nodes.append(Node(membership, labels_for("Membership"), {"role": "member"}))
        edge(membership, "member", org_iris[i])
        edge(membership, "organization", icat)
    today = date.today()
    for i in range(projects):
        iri = data_iri("project", f"bench-{i}")
        start = today - timedelta(days=rng.randint(30, 900))
        nodes.append(
            Node(
                iri,
                labels_for("Project"),
                {
                    "identifier": f"BENCH-{i}",
                    "title": f"Project {i}",
                    "status": "2",
                    "plannedStart": start,
                    "plannedEnd": today + timedelta(days=rng.randint(30, 900)),
                    "budget": 100000.0,
                    "currency": "USD",
                    "withdrawn": False,
                    "unclassified": False,
                    "source": "bench",
                },
            )
        )
        for role, org in (("implementing", rng.choice(org_iris)), ("funding", rng.choice(org_iris[:20]))):
            participation = data_iri("participation", f"bench-{i}-{role}")
            nodes.append(Node(participation, labels_for("Participation"), {"role": role}))
            edge(iri, "hasParticipation", participation)
            edge(participation, "participant", org)
        for country in rng.sample(country_iris, rng.choice((1, 1, 2))):
            allocation = data_iri("country-allocation", f"bench-{i}-{country.rsplit('-', 1)[1]}")
            nodes.append(Node(allocation, labels_for("CountryAllocation"), {}))
            edge(iri, "hasCountryAllocation", allocation)
            edge(allocation, "country", country)
        for theme in rng.sample(work_themes, rng.choice((1, 2))):
            edge(iri, "theme", theme.iri)
        edge(iri, "crimeType", rng.choice(crimes).iri)
    return nodes, edges


def explorer_app(keep_ahead: bool = False) -> Starlette:
    """The app `cograph serve` runs; `keep_ahead` as COGRAPH_KEEP_AHEAD (off unless the timing is about it)."""
    app = create_app(keep_ahead=keep_ahead)
    if not any(getattr(route, "path", None) == "/" for route in app.routes):
        app.router.routes.extend(explorer_routes())
    return app


def serve(app: Starlette) -> tuple[str, uvicorn.Server, threading.Thread]:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = int(sock.getsockname()[1])
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        if not thread.is_alive():
            raise SystemExit("uvicorn did not start")
        time.sleep(0.02)
    return f"http://127.0.0.1:{port}/", server, thread


# Sets the as-of date as the time slider does (the shared #f-asof filter and its change event) and resolves
# with the milliseconds until the network's overview for that date is painted.
AS_OF_STEP = """async (day) => {
  const net = window.cograph.network;
  const input = document.querySelector('#f-asof');
  const t = performance.now();
  input.value = day;
  input.dispatchEvent(new Event('change', { bubbles: true }));
  while (!(net.painted && net.painted.asOf === day && net.painted.at > t)) {
    await new Promise((r) => setTimeout(r, 5));
  }
  return net.painted.at - t;
}"""

# Moves the time slider one step back (as a key press does: its value, then its change event) and resolves
# with the milliseconds until the network's overview for the new step is painted.
SLIDER_STEP = """async () => {
  const net = window.cograph.network;
  const slider = window.cograph.slider;
  const day = slider.dateAt(Number(slider.slider.value) - 1);
  const t = performance.now();
  slider.slider.value = String(Number(slider.slider.value) - 1);
  slider.slider.dispatchEvent(new Event('change'));
  while (!(net.painted && net.painted.asOf === day && net.painted.at > t)) {
    await new Promise((r) => setTimeout(r, 5));
  }
  return net.painted.at - t;
}"""

# Releases the time slider `back` steps before its end (a drag's release) and resolves with the milliseconds
# until the network's overview for that step is painted.
SLIDER_JUMP = """async (back) => {
  const net = window.cograph.network;
  const slider = window.cograph.slider;
  const step = Math.max(0, slider.steps - back);
  const day = slider.dateAt(step);
  const t = performance.now();
  slider.slider.value = String(step);
  slider.slider.dispatchEvent(new Event('change'));
  while (!(net.painted && net.painted.asOf === day && net.painted.at > t)) {
    await new Promise((r) => setTimeout(r, 5));
  }
  return net.painted.at - t;
}"""

# Drills into the heaviest link (organization x place) and then its first project; the milliseconds of each.
# The view keeps the painted overview in `network.data` (view.js), replaced by each overview: the drill waits
# for one with links (an as-of or filter change may be repainting it) rather than read a missing one.
DRILL = """async () => {
  const net = window.cograph.network;
  const started = performance.now();
  while (!(net.data && net.data.links && net.data.links.length)) {
    if (performance.now() - started > 120000) throw new Error('the network overview shows no link to drill into');
    await new Promise((r) => setTimeout(r, 20));
  }
  const link = net.data.links[0];
  let t = performance.now();
  await net.drill({ type: 'link', organization: link.organization, place: link.place });
  const projects = performance.now() - t;
  const first = document.querySelector('#details .drill-projects [data-drill]');
  t = performance.now();
  await net.drill(JSON.parse(first.dataset.drill));
  const project = performance.now() - t;
  return { projects, project, listed: document.querySelectorAll('#details .drill-projects li').length, weight: link.projects };
}"""


def measure(page: Page, url: str, repeats: int, views: bool = True) -> dict[str, Any]:
    figures: dict[str, Any] = {}
    started = time.perf_counter()
    page.goto(f"{url}#network")
    page.wait_for_function("() => window.cograph && window.cograph.network.timings", timeout=300000)
    figures["first load (navigation to painted network overview), s"] = time.perf_counter() - started
    page.evaluate("() => window.cograph.network.findingsLoaded")
    runs = [page.evaluate("() => window.cograph.network.overview()") for _ in range(repeats)]
    page.evaluate("() => window.cograph.network.findingsLoaded")
    figures["overview nodes (organizations + places)"] = runs[0]["nodes"]
    figures["overview links"] = runs[0]["edges"]
    figures["overview GraphQL requests to paint"] = runs[0]["requests"]
    figures["overview fetch (one networkOverview request), ms (median)"] = statistics.median(
        r["fetchMs"] for r in runs
    )
    figures["overview render: elements + communities + layout + paint, ms (median)"] = statistics.median(
        r["renderMs"] for r in runs
    )
    figures["overview total, request to painted, ms (median)"] = statistics.median(
        r["fetchMs"] + r["renderMs"] for r in runs
    )
    frames = page.evaluate(
        """async () => {
          const cy = window.cograph.network.cy; const times = [];
          for (let i = 0; i < 10; i++) {
            const t = performance.now();
            cy.zoom({ level: cy.zoom() * (i % 2 ? 0.8 : 1.25), renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } });
            cy.panBy({ x: 15, y: 10 });
            await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
            times.push(performance.now() - t);
          }
          return times;
        }"""
    )
    figures["zoom + pan to painted frame, ms (median of 10)"] = statistics.median(frames)
    drill = page.evaluate(DRILL)
    figures["drill-down: heaviest link to its listed projects, ms"] = drill["projects"]
    figures["drill-down: a project to its partners, places, commitments, ms"] = drill["project"]
    page.evaluate("() => window.cograph.network.back(0)")
    today = date.fromisoformat(page.evaluate("() => document.querySelector('#f-asof').value"))
    steps = [
        page.evaluate(AS_OF_STEP, (today - timedelta(days=30 * k)).isoformat()) for k in range(1, repeats + 2)
    ]
    page.evaluate("() => window.cograph.network.findingsLoaded")
    figures["as-of step (a typed date, set #f-asof + change) to painted network, ms (median)"] = (
        statistics.median(steps)
    )
    figures["as-of step, ms (max)"] = max(steps)
    jumps = []
    for k in range(3):  # slider days the page has not asked (the typed dates above are not slider days)
        jumps.append(page.evaluate(SLIDER_JUMP, 12 * (k + 2)))
        page.evaluate("() => window.cograph.network.findingsLoaded")
    figures["slider jump to a date not asked before, to painted network, ms (median of 3)"] = (
        statistics.median(jumps)
    )
    # A time slider step: after one, the page asks for the steps on either side (time.js prefetchNeighbours);
    # an analyst who looks at the network for a moment then steps again lands on one of them.
    neighbours = []
    for _ in range(repeats + 1):
        page.evaluate(SLIDER_STEP)
        page.evaluate("() => window.cograph.network.findingsLoaded")
        time.sleep(1.0)
        neighbours.append(page.evaluate(SLIDER_STEP))
    figures["slider step to a neighbour (asked ahead), to painted network, ms (median)"] = statistics.median(
        neighbours
    )
    for view in ("matrix", "map", "findings") if views else ():
        started = time.perf_counter()
        page.evaluate(f"() => window.cograph.select('{view}')")
        page.wait_for_function("() => document.querySelector('#busy').textContent === ''", timeout=300000)
        figures[f"{view} view loaded and drawn, s"] = time.perf_counter() - started
    if views:
        figures["matrix cells drawn"] = page.locator("#matrix td button").count()
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--projects", type=int, default=1500)
    parser.add_argument("--countries", type=int, default=120)
    parser.add_argument("--organizations", type=int, default=300)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--keep", action="store_true", help="leave the bench Neo4j running")
    parser.add_argument("--existing", action="store_true", help="time the graph already there; write nothing")
    parser.add_argument(
        "--network-only", action="store_true", help="skip the matrix, map and findings timings"
    )
    parser.add_argument("--time", action="store_true", help="time the matrix and the time slider instead")
    args = parser.parse_args()
    if not (STATIC_DIR / "explorer.js").is_file():
        raise SystemExit(f"The explorer is not built ({STATIC_DIR}): run `make explorer` first.")
    _, started_neo4j = local.start()
    try:
        graph = Graph(from_env())
        migrate(graph)
        if args.existing:
            counts = graph.read("MATCH (p:Project) RETURN count(p) AS projects")[0]
            print(f"timing the existing graph: {counts['projects']} projects")
        else:
            wipe(graph)
            nodes, edges = synthetic(args.projects, args.countries, args.organizations)
            t = time.perf_counter()
            write_records(graph, nodes, edges)
            print(
                f"wrote {len(nodes)} nodes and {len(edges)} relationships in {time.perf_counter() - t:.1f} s"
            )
        graph.close()
        with sync_playwright() as driver:
            browser = driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            (ROOT / "test-artifacts").mkdir(exist_ok=True)
            if args.time:
                # the same page twice, side by side: each date computed when the page asks for it, and kept
                # ahead by the server (api/ahead.py), timed once the server kept every slider date
                cold = _timed(browser, False, measure_matrix_and_slider, "#matrix")
                kept = _timed(browser, True, measure_matrix_and_slider, "#matrix")
                columns = {"asked": cold, "kept ahead": kept}
            else:

                def network(page: Page, url: str) -> dict[str, Any]:
                    figures = measure(page, url, args.repeats, views=not args.network_only)
                    page.evaluate("() => window.cograph.select('network')")
                    page.evaluate("() => window.cograph.network.fit()")
                    return figures

                columns = {
                    "asked": _timed(browser, False, network, ""),
                    "kept ahead": _timed(browser, True, network, ""),
                }
            browser.close()
        one, five, fifteen = os.getloadavg()
        print(f"load average (1, 5, 15 min): {one:.2f} {five:.2f} {fifteen:.2f} on {os.cpu_count()} cores")
        names = list(dict.fromkeys(name for figures in columns.values() for name in figures))
        print(f"{'':<66}" + "".join(f"{title:>12}" for title in columns))
        for name in names:
            cells = [figures.get(name) for figures in columns.values()]
            print(f"{name:<66}" + "".join(_cell(value) for value in cells))
    finally:
        if started_neo4j and not args.keep:
            local.stop()


def _cell(value: Any) -> str:
    if value is None:
        return f"{'-':>12}"
    if isinstance(value, float):
        return f"{value:>12.2f}" if value < 10 else f"{value:>12.1f}"
    return f"{value:>12}"


def _timed(browser: Any, keep_ahead: bool, run: Any, view: str) -> dict[str, Any]:
    """`run(page, url)` on a fresh app and page. With `keep_ahead`, once the app kept every slider date of
    what a first visit to `view` (a page hash) asked: the server as an analyst finds it after a first look."""
    app = explorer_app(keep_ahead)
    url, server, thread = serve(app)
    try:
        figures: dict[str, Any] = {}
        if keep_ahead:
            started = time.perf_counter()
            first = browser.new_page(viewport={"width": 1400, "height": 900})
            first.goto(f"{url}{view}")
            first.wait_for_function(
                "() => window.cograph && document.querySelector('#busy').textContent === ''", timeout=600000
            )
            ahead = app.state.ahead
            while not ahead.done_for(app.state.graph.get().state()):
                time.sleep(0.5)
            first.close()
            figures["server: every slider date kept of what a first visit asked, s"] = (
                time.perf_counter() - started
            )
            figures["server: slider dates x views kept"] = ahead.progress.ready
            figures["server: kept answers, MB (gzip)"] = ahead.kept.held_bytes / 1e6
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.set_default_timeout(600000)
        figures.update(run(page, url))
        page.screenshot(
            path=str(
                ROOT
                / "test-artifacts"
                / f"bench-{view.strip('#') or 'network'}-{'kept' if keep_ahead else 'asked'}.png"
            )
        )
        page.close()
        return figures
    finally:
        server.should_exit = True
        thread.join(timeout=15)


# The matrix and the time slider (issue 16 items 2-3): separate from `measure` so that the network's timings
# and these evolve apart. Run: `python -m bench.explorer --time --existing` on a graph loaded once.
_PAINTED = """(before) => document.querySelector('#f-asof').value !== before
  && document.querySelector('#busy').textContent === '' && window.cograph.matrix.coverage !== null
  && document.querySelector('#matrix table, #matrix p')"""


LOOK_MS = 1000
"""How long a step stays on screen before the next press in the `look` figure (the network's figure waits as
long): the neighbour asked ahead once the step was painted has had that long to arrive."""


def _step(page: Page, key: str) -> float:
    """Seconds from a key press on the slider to the matrix painted for the new date."""
    before = page.input_value("#f-asof")
    started = time.perf_counter()
    page.keyboard.press(key)
    page.wait_for_function(_PAINTED, arg=before, timeout=300000, polling="raf")
    return time.perf_counter() - started


def _jump(page: Page, back: int) -> float:
    """Seconds from the slider released `back` steps before the end (a drag's release) to the painted matrix."""
    before = page.input_value("#f-asof")
    started = time.perf_counter()
    page.evaluate(
        """(back) => { const s = window.cograph.slider.slider;
          s.value = String(Math.max(0, Number(s.max) - back)); s.dispatchEvent(new Event('change')); }""",
        back,
    )
    page.wait_for_function(_PAINTED, arg=before, timeout=300000, polling="raf")
    return time.perf_counter() - started


def measure_matrix_and_slider(page: Page, url: str) -> dict[str, Any]:
    figures: dict[str, Any] = {}
    started = time.perf_counter()
    page.goto(f"{url}#matrix")
    page.wait_for_function(
        "() => window.cograph && window.cograph.matrix.coverage !== null"
        " && document.querySelector('#busy').textContent === '' && document.querySelector('#matrix table')",
        timeout=600000,
    )
    figures["first load to painted matrix (filters, period, one matrix request), s"] = (
        time.perf_counter() - started
    )
    figures["matrix cells drawn"] = page.locator("#matrix td button").count()
    request = page.evaluate(
        """async () => { const t = performance.now();
          await window.cograph.matrixData.load({ ...window.cograph.filters(), asOf: '2024-01-01' });
          return performance.now() - t; }"""
    )
    figures["matrix request alone (coverage + overlaps + gaps), cold as-of, ms"] = request
    colds = [_jump(page, 12 * (k + 2)) for k in range(3)]
    figures["slider jump to an unseen date (one request + paint), s (median of 3)"] = statistics.median(colds)
    page.focus("#time-slider")
    # once a step is painted the page asks for the steps on either side (time.js prefetchNeighbours)
    neighbours = [_step(page, "ArrowLeft") for _ in range(3)]
    figures["slider step to a neighbour (asked ahead after the last paint), s (median of 3)"] = (
        statistics.median(neighbours)
    )
    looked = []
    for _ in range(3):
        page.wait_for_timeout(LOOK_MS)  # an analyst reads the step before moving on
        looked.append(_step(page, "ArrowLeft"))
    figures[f"slider step to a neighbour after a {LOOK_MS / 1000:g} s look, s (median of 3)"] = (
        statistics.median(looked)
    )
    warms = [_step(page, "ArrowRight") for _ in range(3)]
    figures["slider step, as-of seen before (cached, paint only), s (median of 3)"] = statistics.median(warms)
    for _ in range(3):
        _step(page, "ArrowLeft")  # back to the coldest visited step
    page.evaluate(
        """async () => { const s = window.cograph.slider; const step = Number(s.slider.value) - 1;
          await window.cograph.matrixData.load({ ...window.cograph.filters(), asOf: s.dateAt(step) }); }"""
    )
    figures["slider step, prefetched (as while playing), s"] = _step(page, "ArrowLeft")
    figures["matrix requests sent by the page"] = page.evaluate("() => window.cograph.matrixData.requests")
    return figures


if __name__ == "__main__":
    main()
