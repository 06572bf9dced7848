"""The Starlette application: /health now; GraphQL and the explorer mount here."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

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


def create_app() -> Starlette:
    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        _graph_or_none()  # open the driver early; /health reports if Neo4j is down
        yield
        disconnect()

    return Starlette(routes=[Route("/health", health)], lifespan=lifespan)
