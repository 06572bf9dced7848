"""GET /health reports Neo4j's version and the schema version from the real server."""

from __future__ import annotations

import pytest
from starlette.testclient import TestClient

from api.app import create_app
from graph import disconnect
from graph.migrations import LATEST
from graph.store import Graph

pytestmark = pytest.mark.neo4j


def test_health_reports_neo4j_and_schema(graph: Graph) -> None:
    disconnect()
    with TestClient(create_app()) as client:
        response = client.get("/health")
    assert response.status_code == 200
    body = response.json()
    assert body["neo4j"]["version"] == graph.verify()
    assert body["schemaVersion"] == LATEST
