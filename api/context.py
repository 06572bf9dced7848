"""The typed per-request context: how resolvers reach Neo4j, the request's DataLoaders and its caller."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

from starlette.requests import Request

from api.errors import ServiceUnavailable
from api.loaders import Loaders
from graph.errors import GraphUnavailable
from graph.store import Graph
from ontology.access import ANONYMOUS, Caller

__all__ = ["Context"]

T = TypeVar("T")


@dataclass
class Context:
    """What every resolver gets: `run` a function of the Graph off the event loop, loaders, the caller."""

    connect: Callable[[], Graph]
    unavailable: Callable[[Graph], bool] | None = None
    """Told which Graph failed when Neo4j stops answering; True when it dropped it, so a new one is tried."""
    authorization: str | None = None
    request: Request | None = None
    caller: Caller = ANONYMOUS
    """Who sent the request (found before the document runs, see api/auth.py)."""
    loaders: Loaders = field(init=False)

    def __post_init__(self) -> None:
        self.loaders = Loaders(self.run)

    async def run(self, work: Callable[[Graph], T]) -> T:
        """Run `work(graph)` in a worker thread (the driver is synchronous); context variables go along."""
        return await asyncio.to_thread(self._call, work)

    def _call(self, work: Callable[[Graph], T], retry: bool = True) -> T:
        try:
            graph = self.connect()
        except GraphUnavailable as error:
            raise ServiceUnavailable(f"The graph database is unavailable: {error}") from error
        try:
            return work(graph)
        except GraphUnavailable as error:
            # A unit of work that could not reach the server wrote nothing, so trying a new Graph is safe.
            if retry and self.unavailable is not None and self.unavailable(graph):
                return self._call(work, retry=False)
            raise ServiceUnavailable(f"The graph database is unavailable: {error}") from error
