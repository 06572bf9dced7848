"""A request whose client disconnects has its Neo4j read terminated, through the real endpoint and server.

The app here is the real GraphQL endpoint and request context served by uvicorn, with a schema of two
fields: `slow`, a read that counts for minutes (none of the real resolvers is slow on a test graph), and
`quick`. Its Graph has a query timeout of ten minutes, so only the cancellation can end the slow read early.
"""

from __future__ import annotations

import dataclasses
import json
import socket
import time
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlparse

import httpx
import pytest
import strawberry
from starlette.applications import Starlette
from starlette.routing import Route
from strawberry.types import Info

from api.connection import AppGraph
from api.context import Context
from api.http import GraphQLEndpoint
from api.schema import CographSchema
from graph.cancellation import METADATA_KEY
from graph.settings import Settings
from graph.store import Graph
from tests.explorer.conftest import Served, serve, stop
from tests.graph.waiting import SEEN_WITHIN, wait_until

pytestmark = pytest.mark.neo4j

SLOW = "UNWIND range(1, 100000000000) AS x RETURN count(x) AS n"
SLOW_READS = f"""SHOW TRANSACTIONS YIELD transactionId, metaData, currentQuery
WHERE currentQuery = $query RETURN transactionId, metaData.{METADATA_KEY} AS request"""


@strawberry.type
class Reads:
    @strawberry.field
    async def slow(self, info: Info[Context, None]) -> int:
        return int(await info.context.run(lambda graph: graph.read(SLOW)[0]["n"]))

    @strawberry.field
    async def quick(self, info: Info[Context, None]) -> int:
        return int(await info.context.run(lambda graph: graph.read("RETURN 41 + 1 AS n")[0]["n"]))


@pytest.fixture(scope="module")
def patient_graph(neo4j_settings: Settings) -> Iterator[Graph]:
    store = Graph(dataclasses.replace(neo4j_settings, query_timeout=600.0))
    yield store
    store.close()


@pytest.fixture(scope="module")
def served(patient_graph: Graph) -> Iterator[Served]:
    app = Starlette(routes=[Route("/graphql", GraphQLEndpoint(CographSchema(query=Reads)).handle, methods=["POST"])])
    app.state.graph = AppGraph(patient_graph)
    running = serve(app)
    yield running
    stop(running)


def slow_reads(graph: Graph) -> list[dict[str, Any]]:
    with graph._driver.session(database=graph.settings.database) as session:
        return session.run(SLOW_READS, {"query": SLOW}).data()


def test_a_disconnected_requests_read_is_terminated(served: Served, patient_graph: Graph) -> None:
    address = urlparse(served.url)
    body = json.dumps({"query": "{ slow }"}).encode()
    request = (
        f"POST /graphql HTTP/1.1\r\nHost: {address.netloc}\r\nContent-Type: application/json\r\n"
        f"Accept: application/json\r\nContent-Length: {len(body)}\r\n\r\n"
    ).encode() + body
    client = socket.create_connection((address.hostname, address.port))
    try:
        client.sendall(request)
        wait_until(lambda: slow_reads(patient_graph), "the request's read shows in SHOW TRANSACTIONS")
        (read,) = slow_reads(patient_graph)
        assert read["request"], "the read carries the request's id"
    finally:
        client.close()  # as a browser does when the page aborts the fetch
    disconnected = time.monotonic()
    wait_until(lambda: not slow_reads(patient_graph), "the read is terminated once the client is gone")
    assert time.monotonic() - disconnected < SEEN_WITHIN < patient_graph.settings.query_timeout


def test_a_request_that_waits_gets_its_answer(served: Served) -> None:
    response = httpx.post(f"{served.url}graphql", json={"query": "{ quick }"}, timeout=SEEN_WITHIN)
    assert response.json() == {"data": {"quick": 42}}
