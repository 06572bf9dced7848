"""A Neo4j outage gives SERVICE_UNAVAILABLE, and the API recovers by itself when Neo4j is back."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from starlette.testclient import TestClient

from api.app import create_app
from graph import disconnect, local
from graph.settings import external_uri_configured, from_env
from graph.store import Graph

pytestmark = pytest.mark.neo4j
QUERY = {"query": "{ regions { m49 } }"}


@pytest.fixture
def stoppable(seeded: Graph) -> Iterator[Graph]:
    if external_uri_configured():
        pytest.skip("NEO4J_URI points at a server this suite does not run, so it cannot stop it")
    yield seeded
    local.start()  # whatever happened, the session's server runs again for the tests after this one
    # graph.local restarts on the port it recorded, so the session's Graph keeps working unchanged.
    assert from_env().uri == seeded.settings.uri


def code(client: TestClient) -> str | None:
    body = client.post("/graphql", json=QUERY).json()
    return body["errors"][0]["extensions"]["code"] if "errors" in body else None


def test_outage_while_serving_and_at_first_connect(stoppable: Graph) -> None:
    disconnect()
    with TestClient(create_app()) as client:
        assert code(client) is None
        local.stop()
        body = client.post("/graphql", json=QUERY).json()
        assert body["errors"][0]["extensions"]["code"] == "SERVICE_UNAVAILABLE"
        assert "unavailable" in body["errors"][0]["message"] and "Traceback" not in str(body)
        local.start()
        assert code(client) is None  # the driver reconnected (or a new one was opened if the port moved)
    disconnect()
    local.stop()
    with TestClient(create_app()) as client:  # the first connect fails ...
        assert code(client) == "SERVICE_UNAVAILABLE"
        local.start()
        assert code(client) is None  # ... and is tried again on the next request
    disconnect()
