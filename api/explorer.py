"""The visual explorer: the page at `/`, its bundled assets under `/static`, and `/config.json`.

The assets are built from explorer/ by esbuild (`make explorer`); every byte the page needs is served from
here, so it works offline. All data comes from /graphql.
"""

from __future__ import annotations

import os
from pathlib import Path

from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, JSONResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles

from graph import local
from graph.settings import external_uri_configured

__all__ = ["STATIC_DIR", "explorer_routes", "graphiql_page", "neo4j_browser_url"]

STATIC_DIR = Path(__file__).resolve().parent / "static"
NOT_BUILT = (
    "<!doctype html><title>cograph explorer not built</title>"
    "<p>The explorer's and GraphiQL's assets are missing from {where}: run <code>make explorer</code> "
    "(it needs Node 20 and npm) and reload this page.</p>"
)


def neo4j_browser_url() -> str | None:
    """The Neo4j Browser for analysts who write Cypher: the local server's, or NEO4J_BROWSER_URL."""
    if external_uri_configured():
        return os.environ.get("NEO4J_BROWSER_URL") or None
    return local.status().http_uri


async def index(request: Request) -> Response:
    """The explorer page, or a 503 that says how to build it."""
    page = STATIC_DIR / "index.html"
    if not page.is_file():
        return HTMLResponse(NOT_BUILT.format(where=STATIC_DIR), status_code=503)
    return FileResponse(page, headers={"Cache-Control": "no-cache"})


def graphiql_page() -> Response:
    """GraphiQL, built from npm into api/static/ like the explorer (never from a CDN), or how to build it."""
    page = STATIC_DIR / "graphiql.html"
    if not page.is_file():
        return HTMLResponse(NOT_BUILT.format(where=STATIC_DIR), status_code=503)
    return FileResponse(page, headers={"Cache-Control": "no-cache"})


async def config(request: Request) -> JSONResponse:
    """Links the page shows besides its views."""
    return JSONResponse({"neo4jBrowser": neo4j_browser_url(), "graphql": "graphql"})


def explorer_routes() -> list[BaseRoute]:
    """Routes to add to the app: `/`, `/config.json` and `/static/*`."""
    return [
        Route("/", index, name="explorer"),
        Route("/config.json", config, name="explorer-config"),
        Mount("/static", app=StaticFiles(directory=STATIC_DIR, check_dir=False), name="static"),
    ]
