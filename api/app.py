"""The Starlette application: /graphql (API and GraphiQL), /health, and the explorer at /."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from api.connection import forget_if_moved, shared_graph
from api.cost import budget
from api.explorer import explorer_routes
from api.http import GraphQLEndpoint
from api.limits import MAX_BODY_BYTES, BodySizeLimit
from api.schema import schema
from api.security import SecurityHeaders
from graph import GraphError, connect, disconnect
from graph.migrations import current_version
from graph.store import Graph


def _graph_or_none() -> Graph | None:
    try:
        return connect()
    except GraphError:
        return None


async def health(request: Request) -> JSONResponse:
    """Neo4j's version and the schema version, or 503 with the reason when Neo4j is unreachable."""
    try:
        graph = connect()
        info = graph.server_info()
        return JSONResponse(
            {
                "status": "ok",
                "neo4j": {
                    "version": info.get("version"),
                    "edition": info.get("edition"),
                    "uri": graph.settings.uri,
                },
                "schemaVersion": current_version(graph),
            }
        )
    except GraphError as error:
        return JSONResponse({"status": "unavailable", "error": str(error)}, status_code=503)


def create_app(
    *, graph: Callable[[], Graph] | None = None, max_body_bytes: int = MAX_BODY_BYTES
) -> Starlette:
    """The API application: GraphQL at /graphql (GraphiQL in a browser) and /health.

    `graph` gives the Graph to use (tests pass their own); by default the process-wide one, re-opened when
    Neo4j was unreachable at start or moved.
    """

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        _graph_or_none()  # open the driver early; /health reports if Neo4j is down
        yield
        disconnect()

    budget()  # a bad COGRAPH_MAX_QUERY_COST stops the start with a sentence, not every request
    if graph is None:
        graphql = GraphQLEndpoint(schema, shared_graph, forget_if_moved)
    else:
        graphql = GraphQLEndpoint(schema, graph)
    return Starlette(
        routes=[
            Route("/health", health),
            Route("/graphql", graphql.handle, methods=["GET", "POST"]),
            *explorer_routes(),
        ],
        middleware=[Middleware(SecurityHeaders), Middleware(BodySizeLimit, max_bytes=max_body_bytes)],
        lifespan=lifespan,
    )
