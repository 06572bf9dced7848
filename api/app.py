"""The Starlette application: /graphql (API and GraphiQL), /health, and the explorer at /."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.routing import Route

from api.ahead import Counted, KeepAhead, Requests
from api.ahead import enabled as keep_ahead_enabled
from api.brief import brief_routes
from api.connection import AppGraph
from api.cost import budget
from api.explorer import explorer_routes
from api.export import export_routes
from api.health import Health, health
from api.http import GraphQLEndpoint, response_body
from api.limits import MAX_BODY_BYTES, BodySizeLimit
from api.schema import schema
from api.security import SecurityHeaders
from graph.settings import Settings, from_env
from graph.store import Graph


def create_app(
    *,
    graph: Graph | None = None,
    settings: Callable[[], Settings] = from_env,
    max_body_bytes: int = MAX_BODY_BYTES,
    keep_ahead: bool | None = None,
) -> Starlette:
    """The API application: GraphQL at /graphql (GraphiQL in a browser), /health and the explorer at /.

    The app owns its Graph: opened from `settings` (the environment by default) in the lifespan, kept on
    `app.state.graph`, closed at shutdown. A `graph` handed in (tests) is used instead and left open.

    `keep_ahead`: answer the explorer's slider-driven views of every slider date ahead of need
    (api/ahead.py); by default COGRAPH_KEEP_AHEAD (on), and off when a `graph` is handed in.
    """
    budget()  # a bad COGRAPH_MAX_QUERY_COST stops the start with a sentence, not every request
    if keep_ahead is None:
        keep_ahead = keep_ahead_enabled() and graph is None
    app_graph = AppGraph(graph, settings)
    requests = Requests()
    ahead = KeepAhead(app_graph, requests.quiet_for, response_body) if keep_ahead else None
    checks = Health(app_graph, ahead=ahead)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        await asyncio.to_thread(app_graph.open)  # early, so the first request finds the driver ready
        if ahead is not None:
            ahead.start()
        yield
        checks.close()
        if ahead is not None:
            await asyncio.to_thread(ahead.stop)
        await asyncio.to_thread(app_graph.close)

    app = Starlette(
        routes=[
            Route("/health", health),
            Route("/graphql", GraphQLEndpoint(schema).handle, methods=["GET", "POST"]),
            *explorer_routes(),
            *export_routes(),
            *brief_routes(),
        ],
        middleware=[
            Middleware(Counted, requests=requests),
            Middleware(SecurityHeaders),
            Middleware(BodySizeLimit, max_bytes=max_body_bytes),
        ],
        lifespan=lifespan,
    )
    # Set here rather than in the lifespan so a server run without one (lifespan="off") still works: the
    # Graph is then opened by the first request that needs it.
    app.state.graph = app_graph
    app.state.health = checks
    app.state.ahead = ahead
    return app
