"""The application's Graph: opened in the lifespan, kept on `app.state`, handed to each request's context."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from graph.errors import ConfigError, GraphAuthError, GraphError, GraphVersionError
from graph.settings import Settings, from_env
from graph.store import Graph

__all__ = ["UNAVAILABLE", "AppGraph", "public_reason"]

UNAVAILABLE = "The graph database is unavailable; try again in a moment."
"""What an API client is told when Neo4j cannot be used; the reason, with its address, goes to the log."""

log = logging.getLogger("cograph.api")


def public_reason(error: GraphError) -> str:
    """Why Neo4j cannot be used, in words that name no address, user or setting (those are for the log)."""
    if isinstance(error, GraphAuthError):
        return "Neo4j refused the API's credentials"
    if isinstance(error, GraphVersionError):
        return "the configured server is not a Neo4j version cograph supports"
    if isinstance(error, ConfigError):
        return "no usable Neo4j is configured"
    return "Neo4j is not reachable"


class AppGraph:
    """The one Graph of an application, owned by it: opened in its lifespan and closed when it stops.

    A Graph handed in (tests, embedding) is used as it is and left open. Otherwise the Graph is opened from
    `settings` (the environment by default); when Neo4j is down at start, the next request tries again, and
    after an outage a Graph whose settings no longer match (the local server came back on another port) is
    replaced.
    """

    def __init__(self, graph: Graph | None = None, settings: Callable[[], Settings] = from_env) -> None:
        self._given = graph is not None
        self._graph = graph
        self._settings = settings
        self._lock = threading.Lock()

    def get(self) -> Graph:
        """The Graph, opened and verified on first use; a failed open is tried again on the next call."""
        with self._lock:
            if self._graph is None:
                self._graph = Graph.open(self._settings())
            return self._graph

    def open(self) -> None:
        """Open the Graph now (in the lifespan), or log why not: /health and each request report it."""
        try:
            self.get()
        except GraphError as error:
            log.warning("Neo4j is not available yet: %s", error)

    def lost(self, graph: Graph) -> bool:
        """Told that `graph` could not reach Neo4j: replace it if the settings point elsewhere now.

        True when it was replaced, so a unit of work that could not reach the server may be tried again; the
        driver reconnects by itself to the same address.
        """
        if self._given:
            return False
        try:
            settings = self._settings()
        except GraphError:
            return False
        if (settings.uri, settings.password) == (graph.settings.uri, graph.settings.password):
            return False
        with self._lock:
            if self._graph is graph:
                self._graph = None
        graph.close()
        return True

    def close(self) -> None:
        """Close the Graph this application opened (a Graph handed in stays open)."""
        if self._given:
            return
        with self._lock:
            graph, self._graph = self._graph, None
        if graph is not None:
            graph.close()
