"""The read rule of /graphql for the explorer's other GET routes (exports, country brief), and their filters.

A server that answers only callers with an account (COGRAPH_READ_ACCESS=authenticated) answers these
routes only with a valid key too; a bad query parameter is a 400 with one sentence naming it.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from collections.abc import Callable
from typing import TypeVar

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

from api.auth import Authenticator, Refusal, read_access
from api.connection import UNAVAILABLE, AppGraph
from graph.errors import GraphError, GraphUnavailable
from graph.store import Graph
from ontology.errors import CographError
from queries.filters import Filters

__all__ = ["BadParameter", "analytics_filters", "as_of", "read"]

T = TypeVar("T")
_AUTHENTICATOR = Authenticator()
INTERNAL_MESSAGE = "The server failed to answer this request; it has been logged. Try again later."
log = logging.getLogger("cograph.api")


class BadParameter(Exception):
    """A query parameter the route cannot use; the message says which and what to send."""


def as_of(request: Request) -> dt.date:
    """The `asOf` parameter (YYYY-MM-DD), today when absent."""
    text = request.query_params.get("asOf", "").strip()
    if not text:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise BadParameter(f"asOf {text!r} is not a date; send it as YYYY-MM-DD, e.g. 2025-06-01.") from None


def analytics_filters(request: Request) -> Filters:
    """The explorer's filters (region, crimeType, mechanism) from the query string."""
    given = {
        name: (request.query_params.get(name) or "").strip() or None
        for name in ("region", "crimeType", "mechanism")
    }
    return Filters(region=given["region"], crime_type=given["crimeType"], mechanism=given["mechanism"])


async def read(request: Request, work: Callable[[Graph], T]) -> T | Response:
    """`work(graph)` for a caller allowed to read, or the response that refuses the request."""
    app_graph: AppGraph = request.app.state.graph
    try:
        caller = await _AUTHENTICATOR.identify(
            request.headers.get("authorization"),
            request.client.host if request.client else "unknown",
            app_graph.get,
        )
        if not caller.authenticated and read_access() == "authenticated":
            raise Refusal(
                401,
                "UNAUTHENTICATED",
                "This server answers only callers with an account; send your API key as `Authorization: Bearer <key>`.",
                {"WWW-Authenticate": 'Bearer realm="cograph"'},
            )
    except Refusal as refusal:
        return PlainTextResponse(str(refusal), status_code=refusal.status, headers=refusal.headers)
    try:
        return await asyncio.to_thread(lambda: work(app_graph.get()))
    except BadParameter as error:
        return PlainTextResponse(str(error), status_code=400)
    except GraphUnavailable:
        return PlainTextResponse(UNAVAILABLE, status_code=503)
    except GraphError:
        log.exception("export or brief failed")
        return PlainTextResponse(INTERNAL_MESSAGE, status_code=500)
    except CographError as error:  # the analytics' InvalidFilter and the like: the caller's input
        return PlainTextResponse(str(error), status_code=400)
