"""The Neo4j adapter: settings, the driver's life cycle, units of work, migrations, the local server."""

from graph.errors import GraphError
from graph.store import Graph, counting

__all__ = ["Graph", "GraphError", "counting"]
