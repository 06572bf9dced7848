"""The explorer in real headless Chromium against the app and the real test Neo4j holding the sample."""

from __future__ import annotations

import pytest

from graph.store import Graph
from queries.overlaps import overlap_projects, overlaps
from tests.explorer.conftest import Watched
from tests.explorer.sample import AS_OF, active_projects, org_iri

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


def test_an_overlap_opened_in_the_findings_lists_its_projects(watched: Watched, sample_graph: Graph) -> None:
    listed = overlaps(sample_graph, AS_OF)
    lists = overlap_projects(sample_graph, listed)
    open_view(watched, "findings")
    opener = watched.page.locator("#overlaps button[data-overlap]")
    opener.first.wait_for()
    assert opener.count() == len(listed)
    # no project list comes with the findings: each is asked when its overlap is opened
    assert watched.page.locator("#overlaps .overlap-projects:not([hidden])").count() == 0
    first = listed[0]
    assert opener.first.inner_text() == f"Projects: {first.project_count_a} + {first.project_count_b}"
    opener.first.focus()
    watched.page.keyboard.press("Enter")
    shown = watched.page.locator("#overlaps li").first.locator(".overlap-projects")
    shown.locator("button[data-kind='Project']").first.wait_for()
    titles = shown.locator("button[data-kind='Project']").all_inner_texts()
    assert titles == [p.title or p.iri for p in (*lists[0].projects_a, *lists[0].projects_b)]
    assert opener.first.get_attribute("aria-expanded") == "true"
    watched.page.keyboard.press("Enter")  # closed again with the keyboard
    assert shown.is_hidden()
    assert watched.errors == []


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
