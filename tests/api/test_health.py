"""GET /health: versions from the real server, within a second when Neo4j does not answer, nobody waiting."""

from __future__ import annotations

import select
import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import replace

import httpx
import pytest
import uvicorn
from starlette.applications import Starlette
from starlette.testclient import TestClient

from api.app import create_app
from api.health import BUDGET
from graph.migrations import LATEST
from graph.settings import Settings
from graph.store import Graph

pytestmark = pytest.mark.neo4j


def test_health_reports_neo4j_and_schema_and_no_address(graph: Graph) -> None:
    with TestClient(create_app()) as client:  # the app's own Graph, opened in its lifespan
        response = client.get("/health")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok" and body["neo4j"]["version"] == graph.verify()
    assert body["schemaVersion"] == LATEST
    _assert_no_address(response.text, graph.settings)


@pytest.fixture
def silent_server() -> Iterator[socket.socket]:
    """A port that accepts TCP connections and never answers, as a Neo4j host behind a dead link does."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(16)
        yield listener  # closing it resets the pending connections, so the driver gives up at once


@pytest.fixture
def served_silent(graph: Graph, silent_server: socket.socket) -> Iterator[tuple[str, Settings]]:
    """The real app under uvicorn, its Graph pointed at the silent server."""
    port = silent_server.getsockname()[1]
    settings = replace(graph.settings, uri=f"bolt://127.0.0.1:{port}")
    with Graph(settings) as silent:
        url, stop = _serve(create_app(graph=silent))
        try:
            yield url, settings
        finally:
            stop()


def test_health_answers_within_a_second_and_blocks_no_one(
    served_silent: tuple[str, Settings], silent_server: socket.socket
) -> None:
    url, settings = served_silent
    answers: dict[str, tuple[float, httpx.Response]] = {}
    client = httpx.Client(base_url=url, timeout=30)  # one client, so no request pays for setting one up

    def timed(name: str, send: str, path: str, **kwargs: object) -> None:
        started = time.monotonic()
        response = client.request(send, path, **kwargs)  # type: ignore[arg-type]
        answers[name] = (time.monotonic() - started, response)

    pending = threading.Thread(target=timed, args=("health", "GET", "/health"))
    pending.start()
    # The health check is under way once its connection reaches the silent server.
    assert select.select([silent_server], [], [], 10)[0], "the health check never tried to reach Neo4j"
    timed("typename", "POST", "/graphql", json={"query": "{ __typename }"})
    timed("explorer", "GET", "/")
    pending.join()
    client.close()

    seconds, response = answers["health"]
    assert seconds < 1.0 and response.status_code == 503
    # Either the check's own short connection timeout fired, or the request stopped waiting for it.
    assert response.json()["status"] == "unavailable"
    assert response.json()["error"] in ("Neo4j is not reachable", f"Neo4j did not answer within {BUDGET:g} s")
    _assert_no_address(response.text, settings)
    for other in ("typename", "explorer"):
        seconds, response = answers[other]
        assert response.status_code == 200 and seconds < 1.0, (other, seconds)
    assert answers["typename"][1].json() == {"data": {"__typename": "Query"}}


def _serve(app: Starlette) -> tuple[str, Callable[[], None]]:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(64)  # listening before the server starts, so the first request just waits in the queue
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{sock.getsockname()[1]}"
    httpx.get(url + "/graphql", params={"query": "{ __typename }"}, timeout=30)  # answered once it serves

    def stop() -> None:
        server.should_exit = True
        thread.join(timeout=30)
        sock.close()

    return url, stop


def _assert_no_address(text: str, settings: Settings) -> None:
    host_port = settings.uri.split("://", 1)[1]
    assert host_port not in text and settings.uri not in text, text
