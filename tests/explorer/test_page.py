"""The explorer in real headless Chromium against the app and the real test Neo4j holding the sample."""

from __future__ import annotations

import pytest

from graph.store import Graph
from queries.overlaps import overlaps
from tests.explorer.conftest import Watched
from tests.explorer.sample import AS_OF, PROJECTS, SOURCE, active_projects, country_iri, org_iri, project_iri

pytestmark = [pytest.mark.neo4j, pytest.mark.browser]

NODE_COUNT = "() => window.cograph.network.cy.nodes().length"
NO_ACTIVITY = "#e3e6ea"  # the map's fill for a country without an active project


def open_view(w: Watched, view: str, as_of: str = AS_OF.isoformat()) -> None:
    """Load the page on a view with the as-of date set to the sample's, and wait until it has loaded."""
    w.page.goto(f"{w.origin}/#{view}")
    w.page.wait_for_function("() => window.cograph && window.cograph.state.choices !== null")
    w.page.fill("#f-asof", as_of)
    w.page.dispatch_event("#filters", "change")
    wait_idle(w)


def wait_idle(w: Watched) -> None:
    w.page.wait_for_function("() => document.querySelector('#busy').textContent === ''")


def test_page_loads_with_no_console_error_and_nothing_from_outside(watched: Watched) -> None:
    open_view(watched, "network")
    watched.page.wait_for_function(f"{NODE_COUNT} > 0")
    assert watched.page.title() == "cograph explorer"
    assert watched.page.is_hidden("#status")
    assert watched.errors == []
    assert watched.foreign_requests == []
    watched.screenshot("network-overview")


def test_network_renders_the_sample_projects_and_their_actors(watched: Watched) -> None:
    open_view(watched, "network")
    watched.page.wait_for_function(f"{NODE_COUNT} > 0")
    shown = set(watched.page.evaluate("() => window.cograph.network.cy.nodes().map((n) => n.id())"))
    active = {project_iri(p.key) for p in PROJECTS if p.start <= AS_OF <= p.end}
    inactive = {project_iri(p.key) for p in PROJECTS} - active
    assert active <= shown
    assert not inactive & shown
    assert {
        org_iri("iom"),
        org_iri("la-strada"),
        org_iri("unodc"),
        org_iri("icat"),
        country_iri("KE"),
    } <= shown
    kinds = watched.page.evaluate(
        "() => Object.fromEntries(window.cograph.network.cy.nodes().map((n) => [n.id(), n.data('kind')]))"
    )
    assert kinds[org_iri("icat")] == "CoordinationMechanism"
    assert kinds[org_iri("la-strada")] == "Partner"
    assert kinds[country_iri("KE")] == "Country"
    assert watched.page.locator("#legend li").count() >= 10
    assert watched.errors == []


def test_clicking_a_node_shows_its_details_and_expands_its_neighbours(watched: Watched) -> None:
    open_view(watched, "network")
    watched.page.wait_for_function(f"{NODE_COUNT} > 0")
    target = country_iri("KE")
    box = watched.page.locator("#cy").bounding_box()
    assert box is not None
    point = watched.page.evaluate(
        "(iri) => { const cy = window.cograph.network.cy; const n = cy.getElementById(iri);"
        " cy.center(n); return n.renderedPosition(); }",
        target,
    )
    watched.page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])
    details = watched.page.locator("#details")
    details.locator("h2", has_text="Kenya").wait_for()
    assert "KE" in details.inner_text()
    # Views load countries without provenance; the panel looks it up through the API's node(iri).
    details.locator("#details-provenance dd", has_text=SOURCE).wait_for()
    watched.page.wait_for_function(
        "(iri) => window.cograph.network.expanded.has(iri) && document.querySelector('#busy').textContent === ''",
        arg=target,
    )
    neighbours = set(
        watched.page.evaluate(
            "(iri) => window.cograph.network.cy.getElementById(iri).neighborhood('node').map((n) => n.id())",
            target,
        )
    )
    assert active_projects("KE", "shelter-and-assistance") <= neighbours
    watched.screenshot("network-details")
    assert watched.errors == []


def test_details_show_provenance_of_a_project(watched: Watched) -> None:
    open_view(watched, "network")
    watched.page.wait_for_function(f"{NODE_COUNT} > 0")
    watched.page.evaluate("(iri) => window.cograph.network.activate(iri)", project_iri("KE-SHELTER-2"))
    details = watched.page.locator("#details")
    details.locator("h2", has_text="Mombasa victim assistance network").wait_for()
    text = details.inner_text()
    assert "Provenance" in text
    assert "cograph explorer test sample" in text
    assert "sample.csv" in text


def test_search_finds_an_organization_and_adds_it(watched: Watched) -> None:
    open_view(watched, "network")
    watched.page.click("#net-clear")
    watched.page.fill("#search-input", "Strada")
    watched.page.press("#search-input", "Enter")
    result = watched.page.locator("#search-results button", has_text="La Strada")
    result.wait_for()
    result.click()
    watched.page.wait_for_function(
        "(iri) => window.cograph.network.expanded.has(iri)", arg=org_iri("la-strada")
    )
    shown = set(watched.page.evaluate("() => window.cograph.network.cy.nodes().map((n) => n.id())"))
    assert {org_iri("la-strada"), project_iri("KE-SHELTER-2")} <= shown
    assert project_iri("IT-AWARE-1") not in shown  # it ended in 2020: outside the as-of filter


def test_matrix_cell_lists_the_projects_and_actors_of_the_cell(watched: Watched) -> None:
    open_view(watched, "matrix")
    cell = watched.page.locator('#matrix button[data-iso2="KE"][data-theme="shelter-and-assistance"]')
    assert cell.inner_text() == "2"  # IOM and La Strada
    assert "overlap" in (cell.get_attribute("class") or "")
    cell.click()
    watched.page.locator("#cell .cell-projects").wait_for()
    listed = set(
        watched.page.locator("#cell .cell-projects li").evaluate_all("(els) => els.map((e) => e.dataset.iri)")
    )
    assert listed == active_projects("KE", "shelter-and-assistance")
    actors = watched.page.locator("#cell .cell-actors").inner_text()
    assert "International Organization for Migration" in actors
    assert "La Strada International" in actors
    watched.screenshot("matrix-cell")
    assert watched.errors == []


def test_matrix_marks_the_gap_and_names_its_commitment(watched: Watched) -> None:
    open_view(watched, "matrix")
    cell = watched.page.locator('#matrix button[data-iso2="IT"][data-theme="shelter-and-assistance"]')
    assert "gap" in (cell.get_attribute("class") or "")
    cell.click()
    gaps = watched.page.locator("#cell .cell-gaps")
    gaps.wait_for()
    assert "IT-NAP-2022" in gaps.inner_text()


def test_as_of_filter_changes_the_matrix(watched: Watched) -> None:
    open_view(watched, "matrix")
    italy_awareness = '#matrix button[data-iso2="IT"][data-theme="awareness-raising"]'
    assert watched.page.locator(italy_awareness).inner_text() == ""
    watched.page.fill("#f-asof", "2019-06-01")
    watched.page.dispatch_event("#filters", "change")
    wait_idle(watched)
    watched.page.wait_for_function(
        "(sel) => document.querySelector(sel) && document.querySelector(sel).textContent === '1'",
        arg=italy_awareness,
    )
    assert watched.page.locator('#matrix tr[data-iso2="KE"]').count() == 0  # Kenya's projects start in 2024


def test_crime_type_filter_keeps_only_smuggling_work(watched: Watched) -> None:
    open_view(watched, "matrix")
    assert watched.page.locator('#matrix tr[data-iso2="KE"]').count() == 1
    watched.page.select_option("#f-crime", "smuggling-of-migrants")
    wait_idle(watched)
    watched.page.wait_for_function("() => !document.querySelector('#matrix tr[data-iso2=\"KE\"]')")
    nigeria = watched.page.locator('#matrix button[data-iso2="NG"][data-theme="border-management"]')
    assert nigeria.inner_text() == "1"
    watched.screenshot("matrix-smuggling")


def test_map_colours_countries_and_opens_the_row(watched: Watched, sample_graph: Graph) -> None:
    open_view(watched, "map")
    kenya = watched.page.locator('#map path[data-iso2="KE"]')
    kenya.wait_for()
    assert kenya.get_attribute("fill") != NO_ACTIVITY  # Kenya has active actors
    assert watched.page.locator('#map path[data-iso2="IT"]').get_attribute("fill") == NO_ACTIVITY
    kenya.hover()
    tip = watched.page.locator("#map-tip")
    tip.wait_for(state="visible")
    kenyan = [o for o in overlaps(sample_graph, AS_OF) if o.country == "KE"]
    assert kenyan  # the sample's IOM / La Strada overlap, on shelter and on its broader theme
    assert "Kenya" in tip.inner_text()
    assert f"{len(kenyan)} overlaps" in tip.inner_text()
    watched.screenshot("map")
    kenya.click()
    watched.page.locator('#matrix tr.target[data-iso2="KE"]').wait_for()
    assert watched.errors == []


def test_findings_list_reasons_and_link_into_the_network(watched: Watched) -> None:
    open_view(watched, "findings")
    overlaps = watched.page.locator("#overlaps li")
    overlaps.first.wait_for()
    text = watched.page.locator("#overlaps").inner_text()
    assert "International Organization for Migration" in text and "La Strada International" in text
    assert "Kenya" in text
    assert "IT-NAP-2022" in watched.page.locator("#gaps").inner_text()
    watched.screenshot("findings")
    watched.page.locator("#overlaps button", has_text="La Strada International").first.click()
    watched.page.wait_for_function(
        "(iri) => window.cograph.network.expanded.has(iri)", arg=org_iri("la-strada")
    )
    assert watched.page.is_visible("#view-network")


def test_findings_show_unknown_treaty_status_apart_from_gaps(watched: Watched) -> None:
    open_view(watched, "findings")
    unknown = watched.page.locator("#unknown-status li")
    unknown.first.wait_for()
    text = watched.page.locator("#unknown-status").inner_text()
    assert "Kenya" in text and "status unknown: Smuggling of Migrants Protocol" in text
    status = watched.page.locator("#treaty-status").inner_text()
    assert "Smuggling of Migrants Protocol: status as of 2024-04-26, 0 of 152 parties recorded" in status
    assert "Smuggling of Migrants Protocol" not in watched.page.locator("#gaps").inner_text()
    assert watched.errors == []


def test_keyboard_reaches_and_opens_a_matrix_cell(watched: Watched) -> None:
    open_view(watched, "matrix")
    watched.page.focus("#tab-matrix")
    watched.page.keyboard.press("ArrowRight")
    assert watched.page.is_visible("#view-map")
    watched.page.keyboard.press("ArrowLeft")
    assert watched.page.is_visible("#view-matrix")
    watched.page.focus('#matrix button[data-iso2="KE"][data-theme="shelter-and-assistance"]')
    watched.page.keyboard.press("ArrowLeft")
    watched.page.keyboard.press("ArrowRight")
    watched.page.keyboard.press("Enter")
    watched.page.locator("#cell .cell-projects").wait_for()
    outline = watched.page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"


def test_a_dead_neo4j_is_named_on_the_page(watched: Watched) -> None:
    watched.page.route(
        "**/health",
        lambda route: route.fulfill(
            status=503,
            content_type="application/json",
            body='{"status": "unavailable", "error": "Neo4j at bolt://127.0.0.1:1 is unreachable"}',
        ),
    )
    watched.page.goto(f"{watched.origin}/#matrix")
    banner = watched.page.locator("#status")
    banner.wait_for(state="visible")
    assert "Neo4j is unreachable" in banner.inner_text()
    watched.screenshot("neo4j-down")


def test_an_unreachable_api_is_named_on_the_page(watched: Watched) -> None:
    watched.page.goto(f"{watched.origin}/#network")
    watched.page.wait_for_function("() => window.cograph && window.cograph.state.choices !== null")
    # Requests already in flight would succeed and rightly clear the banner: cut the API when idle.
    watched.page.wait_for_function(
        f"() => ({NODE_COUNT})() > 0 && document.querySelector('#busy').textContent === ''"
    )
    watched.page.route("**/graphql", lambda route: route.abort())
    watched.page.fill("#search-input", "Kenya")
    watched.page.press("#search-input", "Enter")
    banner = watched.page.locator("#status")
    banner.wait_for(state="visible")
    assert "cannot be reached" in banner.inner_text()
