"""How the API reaches Neo4j: the process-wide Graph, given up when the server it points at has moved."""

from __future__ import annotations

from graph import GraphError, connect, disconnect
from graph.settings import from_env
from graph.store import Graph

__all__ = ["forget_if_moved", "shared_graph"]


def shared_graph() -> Graph:
    """The process-wide Graph; a failed first connect is tried again on the next call."""
    return connect()


def forget_if_moved(graph: Graph) -> bool:
    """After an outage, drop the cached Graph if the settings point elsewhere now (True when dropped).

    The driver reconnects by itself to the same address; only a changed address needs a new driver.
    """
    try:
        settings = from_env()
    except GraphError:
        return False
    if (settings.uri, settings.password) != (graph.settings.uri, graph.settings.password):
        disconnect()
        return True
    return False
