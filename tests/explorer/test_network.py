"""The network overview in real headless Chromium against the real Neo4j holding the explorer's sample.

Every expected count is worked out here from the sample's records (tests/explorer/sample.py) or, for the
overlap and gap marks, from the analytics the findings list uses; none is written down by hand.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any

import pytest

from graph.store import Graph
from queries.overview_findings import overview_findings
from tests.explorer.conftest import Watched
from tests.explorer.sample import AS_OF, MEMBERS_OF_ICAT, ORGANIZATIONS, PROJECTS, org_iri, project_iri

pytestmark = [pytest.mark.neo4j, pytest.mark.browser]

FIRST_PAINT_MS = 60000
"""The first overview of a fresh server plans its Cypher (seconds on a busy machine); later ones are fast."""


def open_network(w: Watched, as_of: date = AS_OF) -> dict[str, Any]:
    """The network tab with the as-of date set, once its overview for that date is painted."""
    w.page.goto(f"{w.origin}/#network")
    w.page.wait_for_function("() => window.cograph && window.cograph.state.choices !== null")
    w.page.fill("#f-asof", as_of.isoformat())
    w.page.dispatch_event("#filters", "change")
    return wait_overview(w, as_of)


def wait_overview(w: Watched, as_of: date) -> dict[str, Any]:
    w.page.wait_for_function(
        "(day) => { const n = window.cograph.network; return n.data && n.data.asOf === day && n.timings; }",
        arg=as_of.isoformat(),
        timeout=FIRST_PAINT_MS,
    )
    w.page.wait_for_function("() => window.cograph.network.findingsLoaded", timeout=FIRST_PAINT_MS)
    w.page.evaluate("() => window.cograph.network.findingsLoaded")
    shown: dict[str, Any] = w.page.evaluate(
        """() => { const cy = window.cograph.network.cy;
          return { nodes: Object.fromEntries(cy.nodes().map((n) => [n.id(), { weight: n.data('weight'), classes: n.classes() }])),
                   edges: Object.fromEntries(cy.edges().map((e) => [e.id(), e.data('weight')])),
                   hulls: window.cograph.network.hulls.groups }; }"""
    )
    return shown


def expected(as_of: date) -> tuple[Counter[str], Counter[str], Counter[tuple[str, str]]]:
    """Active projects per implementing organization, per country and per (organization, country)."""
    orgs: Counter[str] = Counter()
    places: Counter[str] = Counter()
    links: Counter[tuple[str, str]] = Counter()
    for p in PROJECTS:
        if p.start <= as_of <= p.end:
            orgs[org_iri(p.implementer)] += 1
            places[p.country] += 1
            links[(org_iri(p.implementer), p.country)] += 1
    return orgs, places, links


def test_the_overview_shows_the_weights_of_the_sample(watched: Watched) -> None:
    shown = open_network(watched)
    orgs, places, links = expected(AS_OF)
    assert {k: v["weight"] for k, v in shown["nodes"].items()} == {
        **{f"org:{iri}": n for iri, n in orgs.items()},
        **{f"place:{key}": n for key, n in places.items()},
    }
    assert shown["edges"] == {f"link:{iri}|{key}": n for (iri, key), n in links.items()}
    # ICAT's members among the shown organizations form its hull.
    icat = next(o for o in ORGANIZATIONS if o[0] == "icat")
    hull = next(h for h in shown["hulls"] if h["label"] == icat[3])
    assert set(hull["members"]) == {f"org:{org_iri(k)}" for k in MEMBERS_OF_ICAT if org_iri(k) in orgs}
    assert "active projects" in watched.page.inner_text("#notice")
    watched.screenshot("network-overview")
    assert watched.errors == []
    assert watched.foreign_requests == []


def test_overlaps_and_gaps_are_marked_as_the_analytics_find_them(
    watched: Watched, sample_graph: Graph
) -> None:
    shown = open_network(watched)
    findings = {p.key: p for p in overview_findings(sample_graph, AS_OF).places}
    for key in expected(AS_OF)[1]:
        classes = shown["nodes"][f"place:{key}"]["classes"]
        found = findings.get(key)
        assert ("overlap" in classes) == bool(found and found.overlaps), key
        marked = bool(found and any(kind.value != "treaty-status-unknown" for kind, _ in found.gaps))
        assert ("gap" in classes) == marked, key
    assert any(p.overlaps for p in findings.values()), "the sample has the Kenyan overlap"
    assert watched.errors == []


def test_drill_down_from_a_link_to_a_project_and_back(watched: Watched) -> None:
    open_network(watched)
    page = watched.page
    iom = org_iri("iom")
    page.locator("#node-list button", has_text="IOM").click()
    page.locator("#details h2", has_text="International Organization for Migration").wait_for()
    page.locator("#details .drill-list button", has_text="Kenya").click()
    page.locator("#drill-count").wait_for()
    listed = set(
        page.locator("#details .drill-projects li").evaluate_all("(els) => els.map((e) => e.dataset.iri)")
    )
    assert listed == {
        project_iri(p.key) for p in PROJECTS if p.implementer == "iom" and p.start <= AS_OF <= p.end
    }
    assert (
        page.inner_text("#drill-count")
        == f"{len(listed)} of {expected(AS_OF)[2][(iom, 'KE')]} active projects"
    )
    page.locator("#details .drill-projects button").first.click()
    partners = page.locator("#details .drill-partners")
    partners.wait_for()
    assert "International Organization for Migration" in partners.inner_text()
    assert "United Nations Office on Drugs and Crime" in partners.inner_text()  # the funder
    assert "Kenya" in page.inner_text("#details .drill-places")
    crumbs = page.locator("#crumbs")
    assert crumbs.inner_text().split(" \u203a ") == [
        "Overview",
        "IOM",
        "IOM in Kenya",
        "Safe shelters for survivors in Kenya",
    ]
    watched.screenshot("network-drill-project")
    crumbs.locator("button", has_text="IOM in Kenya").click()
    page.locator("#drill-count").wait_for()
    crumbs.locator("button", has_text="Overview").click()
    assert crumbs.inner_text() == "Overview"
    assert watched.errors == []
    assert watched.foreign_requests == []


def test_keyboard_reaches_the_list_and_drills_down(watched: Watched) -> None:
    open_network(watched)
    page = watched.page
    page.focus("#cy")
    page.keyboard.press("Tab")
    focused = page.evaluate("() => document.activeElement.closest('#node-list, .node-list-box') !== null")
    assert focused
    page.focus("#node-list button >> nth=0")
    heaviest = page.inner_text("#node-list button >> nth=0").split("\n")[0]
    page.keyboard.press("Enter")
    page.locator("#details h2").wait_for()
    assert page.inner_text("#crumbs").split(" \u203a ")[-1].strip() in heaviest or heaviest.startswith(
        page.inner_text("#crumbs").split(" \u203a ")[-1].strip()
    )
    page.focus("#details [data-drill] >> nth=0")
    page.keyboard.press("Enter")
    page.locator("#drill-count").wait_for()
    outline = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none" or page.evaluate("() => document.activeElement === document.body")
    assert watched.errors == []


def test_an_as_of_change_repaints_the_overview_as_the_sample_says(watched: Watched) -> None:
    open_network(watched)
    earlier = date(2019, 6, 1)
    watched.page.fill("#f-asof", earlier.isoformat())
    watched.page.dispatch_event("#f-asof", "change")
    shown = wait_overview(watched, earlier)
    orgs, places, links = expected(earlier)
    assert orgs and places, "the Italian campaign ran in 2019"
    assert {k: v["weight"] for k, v in shown["nodes"].items()} == {
        **{f"org:{iri}": n for iri, n in orgs.items()},
        **{f"place:{key}": n for key, n in places.items()},
    }
    assert shown["edges"] == {f"link:{iri}|{key}": n for (iri, key), n in links.items()}
    assert watched.errors == []


def test_search_drills_into_an_organization(watched: Watched) -> None:
    open_network(watched)
    watched.page.fill("#search-input", "Strada")
    watched.page.press("#search-input", "Enter")
    watched.page.locator("#search-results button", has_text="La Strada").click()
    watched.page.locator("#details h2", has_text="La Strada International").wait_for()
    assert watched.page.evaluate("(iri) => window.cograph.network.expanded.has(iri)", org_iri("la-strada"))
    assert watched.errors == []


# Records, in the page, every request the explorer sends: its path, the GraphQL operation's name and as-of
# date, when (performance.now()), whether the bundle had been evaluated (window.cograph) and whether the network's overview had been
# painted. Once a view is painted the page also asks for the time slider's step before it (asked ahead).
RECORD_REQUESTS = """(() => {
  window.sent = [];
  const fetchBefore = window.fetch;
  window.fetch = (url, options = {}) => {
    const body = options.body ? JSON.parse(options.body) : null;
    const operation = body && (/^\\s*query\\s+(\\w+)/.exec(body.query) || [])[1];
    const net = window.cograph && window.cograph.network;
    const asOf = body && body.variables ? body.variables.asOf : undefined;
    window.sent.push({ url: String(url), operation, asOf, at: performance.now(), booted: Boolean(window.cograph), painted: Boolean(net && net.painted) });
    return fetchBefore(url, options);
  };
})()"""


def test_the_overview_goes_out_with_health_and_the_choices_after_the_paint(watched: Watched) -> None:
    page = watched.page
    page.add_init_script(RECORD_REQUESTS)
    page.goto(f"{watched.origin}/#network")
    page.wait_for_function("() => window.cograph && window.cograph.state.choices !== null")
    sent = page.evaluate("() => window.sent")
    names = [s["operation"] or s["url"] for s in sent]
    assert names.index("NetworkOverview") < names.index("health"), names
    first = page.input_value("#f-asof")
    overviews = [s for s in sent if s["operation"] == "NetworkOverview" and s["asOf"] == first]
    assert len(overviews) == 1, "the view adopted the early script's overview rather than asking again"
    assert not overviews[0]["booted"], "the overview went out before the bundle was evaluated"
    for later in ("FilterChoices", "Countries", "ExplorerMeta"):
        asked = [s for s in sent if s["operation"] == later]
        assert asked and all(s["painted"] for s in asked), (later, sent)
    # The page shows what it showed before: the filter bar's choices and the slider's range.
    assert page.locator("#f-crime option").count() > 1
    assert page.locator("#f-mechanism option", has_text="ICAT").count() == 1
    assert not page.is_disabled("#time-slider")
    assert watched.errors == []


@pytest.mark.parametrize("view", ["matrix", "map"])
def test_the_matrix_request_goes_out_before_the_bundle_and_is_adopted(watched: Watched, view: str) -> None:
    """The matrix and the map start from one Matrix request, sent by the early script with health and the
    filter choices rather than after them, and taken up by the view instead of asked again."""
    page = watched.page
    page.add_init_script(RECORD_REQUESTS)
    page.goto(f"{watched.origin}/#{view}")
    page.wait_for_function(
        "() => window.cograph && window.cograph.matrix.coverage !== null"
        " && document.querySelector('#busy').textContent === ''"
    )
    sent = page.evaluate("() => window.sent")
    names = [s["operation"] or s["url"] for s in sent]
    first = page.input_value("#f-asof")
    matrices = [s for s in sent if s["operation"] == "Matrix" and s["asOf"] == first]
    assert len(matrices) == 1, names
    assert not matrices[0]["booted"], "the matrix request went out before the bundle was evaluated"
    assert names.index("Matrix") < names.index("health") < names.index("FilterChoices"), names
    assert page.locator("#matrix td button" if view == "matrix" else "svg#map path").count() > 0
    assert watched.errors == []


def test_a_slider_step_on_the_network_paints_from_the_overview_asked_ahead(watched: Watched) -> None:
    page = watched.page
    page.add_init_script(RECORD_REQUESTS)
    page.goto(f"{watched.origin}/#network")
    page.wait_for_function(
        "() => window.cograph && window.cograph.network.painted && !document.querySelector('#time-slider').disabled"
    )
    previous = page.evaluate(
        "() => window.cograph.slider.dateAt(Number(window.cograph.slider.slider.value) - 1)"
    )
    # once the first overview is painted, the step before it is asked for ahead of need
    asked = "(d) => window.sent.filter((s) => s.operation === 'NetworkOverview' && s.asOf === d)"
    page.wait_for_function(f"(d) => ({asked})(d).length > 0", arg=previous)
    page.evaluate("() => window.cograph.network.findingsLoaded")
    pressed = page.evaluate("() => performance.now()")
    page.focus("#time-slider")
    page.keyboard.press("ArrowLeft")
    page.wait_for_function(
        "(d) => window.cograph.network.painted && window.cograph.network.painted.asOf === d", arg=previous
    )
    sent = page.evaluate(asked, previous)
    assert len(sent) == 1 and sent[0]["at"] < pressed, sent
    assert page.input_value("#f-asof") == previous
    assert watched.errors == []
