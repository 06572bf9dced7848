"""The time slider, "what changed since", gap kinds and exports, in real headless Chromium on the sample.

Expected answers are computed from the sample's dates (tests/explorer/sample.py) and from the analytics of
queries/ on the same graph, never typed in.
"""

from __future__ import annotations

import contextlib
import csv
import io
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from openpyxl import load_workbook
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Route

from graph.records import Edge, Node, write_records
from graph.store import Graph
from ontology.mapping import labels_for, relationship_type
from ontology.namespaces import data_iri
from queries.gap_kinds import gap_kinds
from queries.gaps import GapKind, gaps
from tests.explorer.conftest import ARTIFACTS, Watched
from tests.explorer.sample import AS_OF, PROJECTS, SOURCE, project_iri
from tests.explorer.test_page import NO_ACTIVITY, open_view, wait_idle

pytestmark = [pytest.mark.neo4j, pytest.mark.browser]

SLIDER = "#time-slider"


@pytest.fixture(autouse=True)
def patient(watched: Watched) -> None:
    """Each slider step asks the analytics again; on a shared, loaded machine that takes seconds."""
    watched.page.set_default_timeout(90000)


def months_before(today: date, months: int) -> date:
    """The slider's step rule (explorer/src/time.js monthsBefore), for the expected dates."""
    total = today.year * 12 + today.month - 1 - months
    year, month = divmod(total, 12)
    last = (date(year + (month + 1) // 12, (month + 1) % 12 + 1, 1) - timedelta(days=1)).day
    return date(year, month + 1, min(today.day, last))


def months_from(earliest: date, today: date) -> int:
    return max(
        0, (today.year - earliest.year) * 12 + today.month - earliest.month - (today.day < earliest.day)
    )


def actors(country: str, theme: str, day: date) -> int:
    """Distinct implementers of the sample projects active on `day` in a cell (its leaf theme)."""
    return len(
        {
            p.implementer
            for p in PROJECTS
            if p.country == country and p.theme == theme and p.start <= day <= p.end
        }
    )


def cell_text(w: Watched, country: str, theme: str) -> str | None:
    return w.page.evaluate(
        "([c, t]) => { const b = document.querySelector(`#matrix button[data-iso2='${c}'][data-theme='${t}']`);"
        " return b ? b.textContent : null; }",
        [country, theme],
    )


def settle(w: Watched, day: date) -> None:
    w.page.wait_for_function("(d) => document.querySelector('#f-asof').value === d", arg=day.isoformat())
    wait_idle(w)
    w.page.wait_for_function("() => window.cograph.matrix.coverage !== null")


def test_the_slider_runs_from_the_first_start_to_today_and_moves_with_the_keyboard(watched: Watched) -> None:
    open_view(watched, "matrix")
    today = date.today()
    earliest = min(p.start for p in PROJECTS)
    steps = months_from(earliest, today)
    slider = watched.page.locator(SLIDER)
    assert slider.get_attribute("max") == str(steps)
    watched.page.focus(SLIDER)
    watched.page.keyboard.press("Home")
    first = months_before(today, steps)
    settle(watched, first)
    assert earliest <= first
    assert watched.page.locator("#time-date").get_attribute("data-date") == first.isoformat()
    assert watched.page.locator("#time-date").is_visible()
    assert str(first.year) in watched.page.locator("#time-date").inner_text()
    assert cell_text(watched, "IT", "awareness-raising") == str(actors("IT", "awareness-raising", first))
    assert actors("IT", "awareness-raising", first) == 1  # the fixture: Italy's campaign ran 2018-2020
    assert watched.page.locator('#matrix tr[data-iso2="KE"]').count() == 0
    for _ in range(12 * 6):  # six years on, a month a key press: Kenya's shelters have started
        watched.page.keyboard.press("ArrowRight")
    later = months_before(today, steps - 72)
    settle(watched, later)
    assert "as of" in (slider.get_attribute("aria-valuetext") or "")
    for country, theme in (
        ("KE", "shelter-and-assistance"),
        ("NG", "border-management"),
        ("IT", "awareness-raising"),
    ):
        expected = actors(country, theme, later)
        assert (cell_text(watched, country, theme) or "") == (str(expected) if expected else ""), (
            country,
            theme,
        )
    watched.page.keyboard.press("End")
    settle(watched, today)
    expected = actors("KE", "shelter-and-assistance", today)
    assert (cell_text(watched, "KE", "shelter-and-assistance") or "") == (str(expected) if expected else "")
    watched.screenshot("time-slider-matrix")
    assert watched.errors == []
    assert watched.foreign_requests == []


def test_a_burst_of_key_presses_asks_for_its_first_and_last_step_only(watched: Watched) -> None:
    """Two years of quick arrow presses (a held key) are one move: the page asks the server for the step it
    started with and the one it stopped at (then the two neighbours of that one, ahead of need), not for each
    of the 24 months in between, and the matrix shows the last step's answer."""
    page = watched.page
    open_view(watched, "matrix")
    today = date.today()
    page.focus(SLIDER)
    page.keyboard.press("End")
    settle(watched, today)
    before = page.evaluate("() => window.cograph.matrixData.requests")
    for _ in range(24):
        page.keyboard.press("ArrowLeft")
    later = months_before(today, 24)
    settle(watched, later)
    assert page.locator("#time-date").get_attribute("data-date") == later.isoformat()
    expected = actors("KE", "shelter-and-assistance", later)
    assert (cell_text(watched, "KE", "shelter-and-assistance") or "") == (str(expected) if expected else "")
    sent = page.evaluate("() => window.cograph.matrixData.requests") - before
    # at most: today's two neighbours (asked ahead once today was painted), the burst's first step (unless it
    # was one of them), its last, and the last one's two neighbours; one request per key press would be 24
    assert 1 <= sent <= 6, f"{sent} matrix requests for one burst of 24 key presses"
    assert watched.errors == []


def test_play_steps_to_today_and_the_map_follows(watched: Watched) -> None:
    open_view(watched, "map")
    today = date.today()
    steps = int(watched.page.locator(SLIDER).get_attribute("max") or 0)
    watched.page.focus(SLIDER)
    watched.page.keyboard.press("End")
    for _ in range(2):
        watched.page.keyboard.press("ArrowLeft")
    settle(watched, months_before(today, 2))
    assert steps >= 2
    watched.page.focus("#time-play")
    watched.page.keyboard.press("Enter")  # play is a button: the keyboard starts it
    watched.page.wait_for_function(
        "() => document.querySelector('#time-play').getAttribute('aria-pressed') === 'true'"
    )
    watched.page.wait_for_function(
        "() => document.querySelector('#time-play').getAttribute('aria-pressed') === 'false'", timeout=60000
    )
    settle(watched, today)
    kenya_active = actors("KE", "shelter-and-assistance", today) > 0
    fill = watched.page.locator('#map path[data-iso2="KE"]').get_attribute("fill")
    assert (fill != NO_ACTIVITY) == kenya_active
    # back to 2019: only Italy is active
    watched.page.fill("#f-asof", "2019-06-01")
    watched.page.dispatch_event("#f-asof", "change")
    settle(watched, date(2019, 6, 1))
    assert watched.page.locator('#map path[data-iso2="IT"]').get_attribute("fill") != NO_ACTIVITY
    assert watched.page.locator('#map path[data-iso2="KE"]').get_attribute("fill") == NO_ACTIVITY
    assert watched.page.locator("#time-date").inner_text() == "1 Jun 2019"
    watched.screenshot("time-slider-map")
    assert watched.errors == []


def test_a_superseded_date_is_cancelled_and_its_answer_never_paints_over_the_current_one(
    watched: Watched,
) -> None:
    """The analyst moves from 2019 to 2025 before 2019's matrix has come back: the 2019 request is
    cancelled, and its answer, let through late, leaves 2025's matrix on screen."""
    page = watched.page
    open_view(watched, "matrix")
    earlier, later = date(2019, 6, 1), AS_OF - timedelta(days=1)
    # the fixture: Kenya's shelters run in 2025 and not in 2019, so the two answers differ on that cell
    assert actors("KE", "shelter-and-assistance", earlier) == 0
    assert actors("KE", "shelter-and-assistance", later) > 0
    held: list[Route] = []
    failed: list[str] = []

    def hold_earlier(route: Route) -> None:
        body = route.request.post_data_json or {}
        if (body.get("variables") or {}).get("asOf") == earlier.isoformat():
            held.append(route)
        else:
            route.continue_()

    page.route("**/graphql", hold_earlier)
    page.on(
        "requestfailed",
        lambda request: failed.append(((request.post_data_json or {}).get("variables") or {}).get("asOf")),
    )

    def choose(day: date) -> None:
        page.fill("#f-asof", day.isoformat())
        page.dispatch_event("#f-asof", "change")

    choose(earlier)
    for _ in range(200):
        if held:
            break
        page.wait_for_timeout(50)
    assert len(held) == 1, "the page asked for the earlier date's matrix"
    choose(later)
    settle(watched, later)
    expected = str(actors("KE", "shelter-and-assistance", later))
    assert cell_text(watched, "KE", "shelter-and-assistance") == expected
    for _ in range(200):  # the page cancelled the earlier request once the later date was asked for
        if earlier.isoformat() in failed:
            break
        page.wait_for_timeout(50)
    assert earlier.isoformat() in failed
    assert page.evaluate("() => window.cograph.matrixData.aborted") >= 1
    # let the earlier answer through now, as a slow server would; the browser dropped it already
    with contextlib.suppress(PlaywrightError):
        held[0].continue_()
    page.wait_for_timeout(1000)
    wait_idle(watched)
    assert page.input_value("#f-asof") == later.isoformat()
    assert cell_text(watched, "KE", "shelter-and-assistance") == expected
    assert page.locator('#matrix tr[data-iso2="KE"]').count() == 1
    assert not page.evaluate(
        "(d) => window.cograph.matrixData.has({ ...window.cograph.filters(), asOf: d })", earlier.isoformat()
    ), "the cancelled answer is not kept either"
    assert watched.errors == []
    assert page.is_hidden("#status")


def test_a_prefetch_waits_for_the_answer_shown_and_is_dropped_once_a_newer_date_is_asked(
    watched: Watched,
) -> None:
    page = watched.page
    open_view(watched, "matrix")
    shown, ahead, newer = "2019-06-01", "2019-07-01", "2021-03-01"
    held: list[Route] = []
    asked: list[str] = []

    def watch(route: Route) -> None:
        day = ((route.request.post_data_json or {}).get("variables") or {}).get("asOf")
        asked.append(day)
        if day == shown:
            held.append(route)
        else:
            route.continue_()

    page.route("**/graphql", watch)
    load = "(d) => { const m = window.cograph.matrixData; m.load({ ...window.cograph.filters(), asOf: d }).catch(() => {}); }"
    prefetch = "(d) => window.cograph.matrixData.prefetch({ ...window.cograph.filters(), asOf: d })"
    page.evaluate(load, shown)
    page.evaluate(prefetch, ahead)
    for _ in range(200):
        if held:
            break
        page.wait_for_timeout(50)
    page.wait_for_timeout(500)
    assert held and ahead not in asked, "nothing is asked ahead while the answer shown is on its way"
    page.evaluate(load, newer)  # a newer date: the shown request is cancelled, the prefetch dropped
    page.wait_for_function(
        "(d) => window.cograph.matrixData.has({ ...window.cograph.filters(), asOf: d })"
        " && !window.cograph.matrixData.inFlight.size",
        arg=newer,
    )
    with contextlib.suppress(PlaywrightError):
        held[0].continue_()
    page.wait_for_timeout(500)
    assert ahead not in asked
    assert asked.count(newer) == 1
    # with nothing pending, a prefetch goes out at once
    page.evaluate(prefetch, ahead)
    page.wait_for_function(
        "(d) => window.cograph.matrixData.has({ ...window.cograph.filters(), asOf: d })"
        " && !window.cograph.matrixData.inFlight.size",
        arg=ahead,
    )
    assert asked.count(ahead) == 1
    assert watched.errors == []


def test_gap_kinds_legend_counts_match_the_api_and_the_outline_follows_the_kind(
    watched: Watched, sample_graph: Graph
) -> None:
    found = gaps(sample_graph, AS_OF)
    counts = Counter(g.kind.name for g in found)
    open_view(watched, "map")
    legend = watched.page.locator("#map-legend .gap-kind-legend li")
    assert legend.count() == len(gap_kinds())
    shown = {li.get_attribute("data-kind"): int(li.locator(".gk-count").inner_text()) for li in legend.all()}
    assert shown == {info.kind.name: counts.get(info.kind.name, 0) for info in gap_kinds()}
    labels = watched.page.locator("#map-legend .gk-label").all_inner_texts()
    assert labels == [info.label for info in gap_kinds()]

    def outlined() -> set[str]:
        return set(
            watched.page.locator("#map path.has-gap").evaluate_all("(els) => els.map((e) => e.dataset.iso2)")
        )

    every = {g.country for g in found if g.country and g.kind is not GapKind.TREATY_STATUS_UNKNOWN}
    assert outlined() == every
    for kind in (GapKind.COMMITMENT, GapKind.TREATY_STATUS_UNKNOWN):
        watched.page.select_option("#map-gap-kind", kind.name)
        expected = {g.country for g in found if g.kind is kind and g.country}
        assert expected, kind  # the sample has both: Italy's due action plan, the partial Protocol record
        watched.page.wait_for_function(
            "(n) => document.querySelectorAll('#map path.has-gap').length === n", arg=len(expected)
        )
        assert outlined() == expected
        if kind is GapKind.TREATY_STATUS_UNKNOWN:
            watched.screenshot("map-gap-kind-unknown")
    # the matrix shares the choice: with "commitment" only Italy's shelter cell is outlined
    watched.page.select_option("#map-gap-kind", GapKind.COMMITMENT.name)
    watched.page.click("#tab-matrix")
    wait_idle(watched)
    marked = watched.page.locator("#matrix button.gap").evaluate_all(
        "(els) => els.map((e) => `${e.dataset.iso2}|${e.dataset.theme}`)"
    )
    assert set(marked) == {
        f"{g.country}|{g.theme}" for g in found if g.kind is GapKind.COMMITMENT and g.country and g.theme
    }
    assert watched.errors == []


def _download(w: Watched, selector: str) -> tuple[str, bytes]:
    with w.page.expect_download() as info:
        w.page.click(selector)
    download = info.value
    path = download.path()
    assert path is not None
    return download.suggested_filename, Path(path).read_bytes()


def test_exports_carry_the_matrix_and_findings_of_the_current_filters(watched: Watched) -> None:
    open_view(watched, "matrix")
    name, body = _download(watched, "#export-matrix-csv")
    assert name == f"cograph-matrix-{AS_OF.isoformat()}.csv"
    rows = {(r["country"], r["theme"]): r for r in csv.DictReader(io.StringIO(body.decode("utf-8")))}
    assert rows[("KE", "shelter-and-assistance")]["implementing_actors"] == str(
        actors("KE", "shelter-and-assistance", AS_OF)
    )
    assert int(rows[("KE", "shelter-and-assistance")]["overlaps"]) >= 1
    assert "commitment" in rows[("IT", "shelter-and-assistance")]["gap_kinds"].split()
    assert ("IT", "awareness-raising") not in rows  # ended in 2020
    _, body = _download(watched, "#export-findings-csv")
    findings = list(csv.DictReader(io.StringIO(body.decode("utf-8"))))
    assert any("IT-NAP-2022" in f["related"] for f in findings if f["kind"] == "commitment")
    _, body = _download(watched, "#export-xlsx")
    book = load_workbook(io.BytesIO(body))
    assert book.sheetnames == ["About", "Matrix", "Findings"]
    about = {row[0]: row[1] for row in book["About"].iter_rows(values_only=True)}
    assert about["as of"] == AS_OF.isoformat()
    sheet = list(book["Matrix"].iter_rows(values_only=True))
    header, body_rows = sheet[0], sheet[1:]
    ke = next(
        dict(zip(header, r, strict=True))
        for r in body_rows
        if r[0] == "KE" and r[2] == "shelter-and-assistance"
    )
    assert ke["implementing_actors"] == actors("KE", "shelter-and-assistance", AS_OF)
    assert len(body_rows) == len(rows)
    # the view as SVG and PNG
    name, body = _download(watched, "#export-svg")
    assert name.endswith(".svg")
    svg = ET.fromstring(body)
    assert svg.tag == "{http://www.w3.org/2000/svg}svg"
    texts = [t.text for t in svg.iter("{http://www.w3.org/2000/svg}text")]
    assert "Kenya" in texts and "Italy" in texts
    name, body = _download(watched, "#export-png")
    assert name.endswith(".png") and body[:8] == b"\x89PNG\r\n\x1a\n" and len(body) > 2000
    watched.page.click("#tab-map")
    wait_idle(watched)
    _, body = _download(watched, "#export-svg")
    svg = ET.fromstring(body)
    outlined = [
        p for p in svg.iter("{http://www.w3.org/2000/svg}path") if "has-gap" in (p.get("class") or "").split()
    ]
    assert {p.get("data-iso2") for p in outlined} >= {"IT"}
    _, body = _download(watched, "#export-png")
    assert body[:8] == b"\x89PNG\r\n\x1a\n"
    assert watched.errors == []
    assert watched.foreign_requests == []


def test_the_country_brief_shows_coverage_findings_commitments_and_sources(
    watched: Watched, sample_graph: Graph
) -> None:
    open_view(watched, "map")
    watched.page.select_option("#map-country", "IT")
    link = watched.page.locator("#map-brief")
    assert link.get_attribute("target") == "_blank"
    brief = watched.page.context.new_page()
    brief.goto(f"{watched.origin}/{link.get_attribute('href')}")
    assert brief.url.endswith(f"/brief/IT?asOf={AS_OF.isoformat()}")
    assert brief.locator("#as-of").inner_text() == AS_OF.isoformat()
    covered = len({p.theme for p in PROJECTS if p.country == "IT" and p.start <= AS_OF <= p.end})
    assert brief.locator("#kpi-covered strong").inner_text().startswith(f"{covered} of ")
    commitment_gaps = [
        g
        for g in gaps(sample_graph, AS_OF)
        if g.country == "IT" and g.kind is not GapKind.TREATY_STATUS_UNKNOWN
    ]
    assert brief.locator("#kpi-gaps strong").inner_text() == str(len(commitment_gaps))
    assert "Italian national action plan" in brief.locator("#commitments").inner_text()
    assert SOURCE in brief.locator("#sources").inner_text()
    assert "status unknown" in brief.locator("#commitments").inner_text().lower()
    brief.set_viewport_size({"width": 900, "height": 1270})
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    brief.screenshot(path=str(ARTIFACTS / "country-brief-IT.png"), full_page=True)
    # KE's brief as of 2025-06-01: its shelter theme is covered by two actors
    brief.goto(f"{watched.origin}/brief/KE?asOf={AS_OF.isoformat()}")
    rows = brief.locator("#coverage tbody tr").all_inner_texts()
    assert any(
        row.startswith("Shelter") and row.split("\t")[2] == str(actors("KE", "shelter-and-assistance", AS_OF))
        for row in rows
    ), rows
    assert watched.errors == []


@pytest.fixture
def recorded_changes(sample_graph: Graph) -> Iterator[datetime]:
    """Two sync changes of Kenya's second shelter project, recorded as the sync history writes them."""
    now = datetime.now(UTC)
    activity = data_iri("sync", "explorer-test")
    nodes = [
        Node(
            activity,
            labels_for("SyncActivity"),
            {"via": "file", "source": SOURCE, "startedAt": now, "endedAt": now},
        )
    ]
    edges = []
    for number, action in enumerate(("created", "updated"), 1):
        iri = data_iri("change", f"explorer-test/{number}")
        nodes.append(
            Node(
                iri,
                labels_for("Change"),
                {
                    "action": action,
                    "identifier": "KE-SHELTER-2",
                    "forPartner": "sample",
                    "changedAt": now,
                    "previousValues": '{"title": "old"}' if action == "updated" else None,
                    "source": SOURCE,
                },
            )
        )
        edges.append(Edge(iri, relationship_type("madeIn"), activity))
        edges.append(Edge(iri, relationship_type("changeOf"), project_iri("KE-SHELTER-2")))
    write_records(sample_graph, nodes, edges)
    yield now
    sample_graph.write(
        "MATCH (n:Resource) WHERE n.iri STARTS WITH $prefix DETACH DELETE n",
        {"prefix": data_iri("change", "explorer-test/")},
    )
    sample_graph.write("MATCH (n:Resource {iri: $iri}) DETACH DELETE n", {"iri": activity})


def test_what_changed_since_lists_the_changes_and_highlights_their_cells(
    watched: Watched, recorded_changes: datetime
) -> None:
    open_view(watched, "matrix")
    watched.page.click("#changes summary")
    watched.page.fill("#changes-since", (recorded_changes.date() - timedelta(days=1)).isoformat())
    watched.page.click("#changes-form button[type=submit]")
    watched.page.locator("#changes-list li[data-action]").first.wait_for()
    items = watched.page.locator("#changes-list li[data-action]")
    assert items.count() == 2
    assert set(items.evaluate_all("(els) => els.map((e) => e.dataset.action)")) == {"CREATED", "UPDATED"}
    assert "Mombasa victim assistance network" in watched.page.locator("#changes-list").inner_text()
    assert watched.page.locator("#changes-count").inner_text().startswith("2 changes since")
    changed = set(
        watched.page.locator("#matrix button.changed").evaluate_all(
            "(els) => els.map((e) => `${e.dataset.iso2}|${e.dataset.theme}`)"
        )
    )
    assert "KE|shelter-and-assistance" in changed
    assert all(key.startswith("KE|") for key in changed)
    watched.page.click("#tab-map")
    wait_idle(watched)
    assert set(
        watched.page.locator("#map path.changed").evaluate_all("(els) => els.map((e) => e.dataset.iso2)")
    ) == {"KE"}
    watched.page.fill("#changes-since", (recorded_changes.date() + timedelta(days=1)).isoformat())
    watched.page.click("#changes-form button[type=submit]")
    watched.page.wait_for_function(
        "() => document.querySelector('#changes-count').textContent.startsWith('0 changes')"
    )
    assert watched.page.locator("#map path.changed").count() == 0
    assert watched.errors == []
