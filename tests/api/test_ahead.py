"""The explorer's default matrix kept ahead of need (api/ahead.py), on the real Neo4j with the seed data: the
page's own matrix request for a slider date is answered as kept (no statement, no execution) with the answer
it would get computed on request, and after a commit nothing kept before is served."""

from __future__ import annotations

import asyncio
import datetime as dt
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from starlette.applications import Starlette
from starlette.testclient import TestClient

from api.ahead import (
    KEEP_AHEAD_VARIABLE,
    WANTED,
    Counted,
    KeepAhead,
    Requests,
    _nearest_first,
    enabled,
    slider_documents,
)
from api.app import create_app
from api.connection import AppGraph
from api.http import response_body
from graph.store import Graph
from ontology.errors import CographError
from queries.period import project_period, slider_days
from tests.api.seed import iri, project_specs
from tests.explorer.test_queries_contract import explorer_documents

pytestmark = pytest.mark.neo4j

TODAY = dt.date(2025, 6, 15)
"""A thread's today in the tests that choose it: the seed's projects run around it."""


def _always_quiet() -> float:
    return 3600.0


def _matrix(client: TestClient, day: dt.date, **headers: str) -> Any:
    """The page's own matrix request (its document, its variables for no filter) as of `day`."""
    response = client.post(
        "/graphql",
        json={"query": explorer_documents()["MATRIX"], "variables": {"asOf": day.isoformat(), "filter": {}}},
        headers=headers,
    )
    body = response.json()
    assert "errors" not in body, body["errors"]
    return body["data"]


def _every_date_kept(seeded: Graph, app: Starlette, timeout: float = 180) -> None:
    deadline = time.monotonic() + timeout
    while not app.state.ahead.done_for(seeded.state()):
        progress = app.state.ahead.progress
        assert time.monotonic() < deadline, (
            f"the slider's dates were not all kept within {timeout} s: {progress}"
        )
        time.sleep(0.2)


@pytest.fixture(scope="module")
def ahead(seeded: Graph) -> Iterator[tuple[TestClient, Starlette]]:
    """An app keeping the slider's dates ahead, as `cograph serve` runs it, once it kept every date."""
    app = create_app(graph=seeded, keep_ahead=True)
    with TestClient(app) as client:
        _every_date_kept(seeded, app)
        yield client, app


def _thread(seeded: Graph, **given: Any) -> KeepAhead:
    return KeepAhead(AppGraph(seeded), _always_quiet, response_body, today=lambda: TODAY, **given)


def _sweep(ahead: KeepAhead) -> bool:
    """One pass, in a thread of its own as the application runs it (the browser tests leave an event loop
    running in the main thread)."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(ahead.sweep).result()


def _recording(ahead: KeepAhead) -> list[dict[str, Any]]:
    """The variables of each answer the thread keeps, in order."""
    kept: list[dict[str, Any]] = []
    put = ahead.kept.put

    def recorded(document: str, variables: Any, version: Any, body: bytes) -> None:
        kept.append(dict(variables))
        put(document, variables, version, body)

    ahead.kept.put = recorded  # type: ignore[method-assign]
    return kept


def test_a_pass_keeps_the_unfiltered_matrix_of_every_slider_date_newest_first(seeded: Graph) -> None:
    ahead = _thread(seeded)
    kept = _recording(ahead)
    assert _sweep(ahead) is True
    days = slider_days(project_period(seeded).earliest, TODAY)
    assert len(days) > 12, "the seed's projects span more than a year before TODAY"
    assert ahead.progress.days == ahead.progress.ready == len(days) and ahead.progress.views == 1
    assert ahead.done_for(seeded.state()) and ahead.progress.seconds is not None
    assert [k["asOf"] for k in kept] == [day.isoformat() for day in reversed(days)]
    assert all(k["filter"] == {} for k in kept)
    version = seeded.state()
    document = slider_documents()["MATRIX"]
    assert all(ahead.kept.get(document, {"asOf": d.isoformat(), "filter": None}, version) for d in days)
    assert _sweep(ahead) is True and len(kept) == len(days), "nothing changed: nothing computed again"


def test_a_pass_starts_from_nothing_on_a_new_state(seeded: Graph) -> None:
    ahead = _thread(seeded)
    assert _sweep(ahead) is True
    kept = _recording(ahead)
    project = iri("project", f"seed/{project_specs()[0].key}")
    seeded.write("MATCH (p:Project {iri: $iri}) SET p.title = p.title + '!'", {"iri": project})
    try:
        assert not ahead.done_for(seeded.state())
        assert _sweep(ahead) is True
        assert len(kept) == ahead.progress.days, "every date again, for the new state"
        assert ahead.done_for(seeded.state())
    finally:
        seeded.write(
            "MATCH (p:Project {iri: $iri}) SET p.title = substring(p.title, 0, size(p.title) - 1)",
            {"iri": project},
        )


def test_a_view_a_page_asks_is_kept_ahead_nearest_the_date_asked_first(seeded: Graph) -> None:
    ahead = _thread(seeded)
    assert _sweep(ahead) is True  # the unfiltered matrix
    kept = _recording(ahead)
    days = slider_days(project_period(seeded).earliest, TODAY)
    middle = days[len(days) // 2]
    document = slider_documents()["MATRIX"]
    ahead.asked(document, {"asOf": middle.isoformat(), "filter": {"region": "002"}})
    assert _sweep(ahead) is True
    assert ahead.progress.views == 2 and ahead.progress.ready == 2 * len(days)
    assert [k["filter"] for k in kept] == [{"region": "002"}] * len(days)
    distances = [abs((dt.date.fromisoformat(k["asOf"]) - middle).days) for k in kept]
    assert kept[0]["asOf"] == middle.isoformat() and distances == sorted(distances)


def test_only_the_views_asked_last_are_kept_ahead(seeded: Graph) -> None:
    ahead = _thread(seeded)
    document = slider_documents()["MATRIX"]
    for region in ("002", "202", "142", "035", "150"):
        ahead.asked(document, {"asOf": TODAY.isoformat(), "filter": {"region": region}})
    ahead.asked("query { other }", {"asOf": TODAY.isoformat()})  # not a slider document: never kept
    assert not ahead.eligible("query { other }") and ahead.eligible(document)
    kept = _recording(ahead)
    assert _sweep(ahead) is True
    assert ahead.progress.views == WANTED
    assert {k["filter"]["region"] for k in kept} == {"202", "142", "035", "150"}, "the first asked left"


def test_a_view_whose_answer_has_errors_is_dropped(seeded: Graph) -> None:
    ahead = _thread(seeded)
    document = slider_documents()["MATRIX"]
    ahead.asked(document, {"asOf": TODAY.isoformat(), "filter": {"region": "999"}})  # no such region
    kept = _recording(ahead)
    assert _sweep(ahead) is True
    assert ahead.progress.views == 1 and all(k["filter"] == {} for k in kept), "only the unfiltered matrix"


def test_days_nearest_first_prefer_the_later_of_two() -> None:
    days = [dt.date(2025, m, 15) for m in range(1, 7)]
    assert _nearest_first(days, dt.date(2025, 3, 31)) == [
        dt.date(2025, 4, 15),  # 15 days
        dt.date(2025, 3, 15),  # 16
        dt.date(2025, 2, 15),  # 44
        dt.date(2025, 5, 15),  # 45
        dt.date(2025, 1, 15),  # 75
        dt.date(2025, 6, 15),  # 76
    ]
    tied = [dt.date(2025, 1, 1), dt.date(2025, 1, 11), dt.date(2025, 1, 21)]
    assert _nearest_first(tied, dt.date(2025, 1, 11)) == [tied[1], tied[2], tied[0]]


def test_the_thread_waits_while_requests_are_under_way(seeded: Graph) -> None:
    requests = Requests()
    ahead = KeepAhead(
        AppGraph(seeded), requests.quiet_for, response_body, pause=0.2, poll=0.1, today=lambda: TODAY
    )
    requests.begin()  # a request under way from the start
    ahead.start()
    try:
        time.sleep(1.5)
        assert ahead.progress.ready == 0, "a date was computed while a request was under way"
        requests.end()
        deadline = time.monotonic() + 120
        while ahead.progress.ready == 0 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert ahead.progress.ready > 0
    finally:
        ahead.stop()


def test_the_middleware_counts_requests_but_health() -> None:
    requests = Requests()
    seen: list[float] = []

    async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
        seen.append(requests.quiet_for())

    counted = Counted(app, requests)
    with ThreadPoolExecutor(max_workers=1) as pool:  # no event loop of the browser tests' in the way
        for path in ("/graphql", "/health"):
            pool.submit(asyncio.run, counted({"type": "http", "path": path}, None, None)).result()
    assert seen[0] == 0.0, "under way: not quiet"
    assert seen[1] > 0.0, "/health is not counted"


def test_health_leaves_kept_dates_out_when_off(seeded: Graph) -> None:
    with TestClient(create_app(graph=seeded)) as client:
        body = client.get("/health").json()
    assert body["status"] == "ok" and "keptAhead" not in body


def test_the_slider_documents_are_the_built_explorer_s(tmp_path: Path) -> None:
    assert slider_documents(tmp_path / "documents.json") == {}, "no explorer built: nothing to keep"
    (tmp_path / "documents.json").write_text('{"MATRIX": "query M { coverage { projects } }", "OTHER": "x"}')
    assert slider_documents(tmp_path / "documents.json") == {"MATRIX": "query M { coverage { projects } }"}
    page = explorer_documents()
    assert slider_documents() == {
        name: page[name] for name in ("MATRIX", "NETWORK_OVERVIEW", "NETWORK_FINDINGS")
    }


def test_the_setting_is_on_or_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(KEEP_AHEAD_VARIABLE, raising=False)
    assert enabled() is True
    monkeypatch.setenv(KEEP_AHEAD_VARIABLE, "off")
    assert enabled() is False
    monkeypatch.setenv(KEEP_AHEAD_VARIABLE, "sometimes")
    with pytest.raises(CographError, match="COGRAPH_KEEP_AHEAD='sometimes' is neither on nor off"):
        enabled()


# Last in the module: the app of `ahead` keeps sweeping (after the commits below) until the module ends.
def test_the_page_s_matrix_request_is_answered_as_kept_with_the_same_answer(
    seeded: Graph, ahead: tuple[TestClient, Starlette]
) -> None:
    client, app = ahead
    days = slider_days(project_period(seeded).earliest, dt.date.today())
    assert len(days) > 12, "the seed's projects start more than a year ago"
    health = client.get("/health").json()["keptAhead"]
    assert health["days"] == len(days) and health["ready"] == len(days) * health["views"]
    chosen = [days[0], days[len(days) // 2], days[-1]]
    kept = {}
    for day in chosen:
        hits, misses = app.state.ahead.kept.hits, seeded.answers.misses
        kept[day] = _matrix(client, day)
        assert app.state.ahead.kept.hits == hits + 1, f"the matrix of {day} was not answered as kept"
        assert seeded.answers.misses == misses, f"the matrix of {day} ran a statement"
    assert _matrix(client, days[-1], **{"Accept-Encoding": "identity"}) == kept[days[-1]]
    assert any(answer["coverage"] for answer in kept.values())
    seeded.answers.clear()
    with TestClient(create_app(graph=seeded)) as computing:  # nothing kept ahead: computed on request
        for day in chosen:
            assert _matrix(computing, day) == kept[day], f"{day}: kept and computed on request differ"


def test_after_a_commit_nothing_kept_before_is_served_and_the_dates_are_kept_again(
    seeded: Graph, ahead: tuple[TestClient, Starlette]
) -> None:
    client, app = ahead
    days = slider_days(project_period(seeded).earliest, dt.date.today())
    day = days[len(days) // 2]
    before = _matrix(client, day)
    cell = next(c for c in before["coverage"] if c["themeLabel"])
    label = cell["themeLabel"]
    change = "MATCH (t:Theme {notation: $notation}) SET t.prefLabel = $label"
    seeded.write(change, {"notation": cell["themeNotation"], "label": f"{label} (renamed)"})
    try:
        after = _matrix(client, day)  # whether the thread has been quicker or not
        renamed = {c["themeLabel"] for c in after["coverage"] if c["themeNotation"] == cell["themeNotation"]}
        assert renamed == {f"{label} (renamed)"}, "an answer kept for the state before the commit was served"
        _every_date_kept(seeded, app)
        hits = app.state.ahead.kept.hits
        assert _matrix(client, days[0]) is not None and app.state.ahead.kept.hits == hits + 1
    finally:
        seeded.write(change, {"notation": cell["themeNotation"], "label": label})


def test_a_network_overview_a_page_asked_is_kept_for_the_other_dates(
    seeded: Graph, ahead: tuple[TestClient, Starlette]
) -> None:
    client, app = ahead
    days = slider_days(project_period(seeded).earliest, dt.date.today())
    document = explorer_documents()["NETWORK_OVERVIEW"]
    variables = {"filter": {}, "level": "COUNTRY", "organizations": 60, "places": 80, "links": 600}

    def overview(day: dt.date) -> Any:
        response = client.post(
            "/graphql", json={"query": document, "variables": {**variables, "asOf": day.isoformat()}}
        )
        body = response.json()
        assert "errors" not in body, body["errors"]
        return body["data"]["networkOverview"]

    hits = app.state.ahead.kept.hits
    asked = overview(days[-1])
    assert app.state.ahead.kept.hits == hits, "not kept before a page asked for it"
    _every_date_kept(seeded, app)
    assert app.state.ahead.progress.views == 2
    earlier = overview(days[len(days) // 2])
    assert app.state.ahead.kept.hits == hits + 1, "another date of the view asked was kept ahead"
    assert earlier["asOf"] == days[len(days) // 2].isoformat() and asked["asOf"] == days[-1].isoformat()
