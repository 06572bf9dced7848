"""The Starlette application: /graphql (API and GraphiQL), /health, and the explorer at /."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.routing import Route

from api.brief import brief_routes
from api.connection import AppGraph
from api.cost import budget
from api.explorer import explorer_routes
from api.export import export_routes
from api.health import Health, health
from api.http import GraphQLEndpoint
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
) -> Starlette:
    """The API application: GraphQL at /graphql (GraphiQL in a browser), /health and the explorer at /.

    The app owns its Graph: opened from `settings` (the environment by default) in the lifespan, kept on
    `app.state.graph`, closed at shutdown. A `graph` handed in (tests) is used instead and left open.
    """
    budget()  # a bad COGRAPH_MAX_QUERY_COST stops the start with a sentence, not every request
    app_graph = AppGraph(graph, settings)
    checks = Health(app_graph)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        await asyncio.to_thread(app_graph.open)  # early, so the first request finds the driver ready
        yield
        checks.close()
        await asyncio.to_thread(app_graph.close)

    app = Starlette(
        routes=[
            Route("/health", health),
            Route("/graphql", GraphQLEndpoint(schema).handle, methods=["GET", "POST"]),
            *explorer_routes(),
            *export_routes(),
            *brief_routes(),
        ],
        middleware=[Middleware(SecurityHeaders), Middleware(BodySizeLimit, max_bytes=max_body_bytes)],
        lifespan=lifespan,
    )
    # Set here rather than in the lifespan so a server run without one (lifespan="off") still works: the
    # Graph is then opened by the first request that needs it.
    app.state.graph = app_graph
    app.state.health = checks
    return app
