"""The typed per-request context: how resolvers reach Neo4j, the request's DataLoaders and its caller."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

from starlette.requests import Request

from api.connection import UNAVAILABLE, AppGraph
from api.dataloaders import Loaders
from api.errors import ServiceUnavailable
from graph.errors import ConfigError, GraphAuthError, GraphUnavailable, GraphVersionError
from graph.store import Graph
from ontology.access import ANONYMOUS, Caller

__all__ = ["Context"]

T = TypeVar("T")
log = logging.getLogger("cograph.api")
# Neo4j cannot be used at all: the client hears SERVICE_UNAVAILABLE, the log hears why (with the address).
_UNUSABLE = (GraphUnavailable, GraphAuthError, GraphVersionError, ConfigError)


@dataclass
class Context:
    """What every resolver gets: `run` a function of the Graph off the event loop, loaders, the caller.

    `graph` is the application's Graph (from `app.state`), or a Graph a test or script hands in.
    """

    graph: AppGraph | Graph
    authorization: str | None = None
    request: Request | None = None
    caller: Caller = ANONYMOUS
    """Who sent the request (found before the document runs, see api/auth.py)."""
    loaders: Loaders = field(init=False)

    def __post_init__(self) -> None:
        self._app_graph = self.graph if isinstance(self.graph, AppGraph) else AppGraph(self.graph)
        self.loaders = Loaders(self.run)

    async def run(self, work: Callable[[Graph], T]) -> T:
        """Run `work(graph)` in a worker thread (the driver is synchronous); context variables go along, so
        its reads belong to the request's cancellable work (api/http.py stops them if the client goes)."""
        return await asyncio.to_thread(self._call, work)

    def _call(self, work: Callable[[Graph], T], retry: bool = True) -> T:
        try:
            graph = self._app_graph.get()
        except _UNUSABLE as error:
            raise _unavailable(error) from error
        try:
            return work(graph)
        except _UNUSABLE as error:
            # A unit of work that could not reach the server wrote nothing, so trying a new Graph is safe.
            if retry and isinstance(error, GraphUnavailable) and self._app_graph.lost(graph):
                return self._call(work, retry=False)
            raise _unavailable(error) from error


def _unavailable(error: Exception) -> ServiceUnavailable:
    log.warning("Neo4j unavailable to a request: %s", error)
    return ServiceUnavailable(UNAVAILABLE)
