"""Errors raised by the Neo4j adapter, each one sentence naming what failed and what to do."""

from ontology.errors import CographError


class GraphError(CographError):
    """Something went wrong talking to Neo4j."""


class ConfigError(GraphError):
    """The Neo4j settings (environment variables or local state) are wrong."""


class GraphUnavailable(GraphError):
    """Neo4j cannot be reached or stopped answering."""


class GraphTimeout(GraphUnavailable):
    """A statement ran past the query timeout (COGRAPH_QUERY_TIMEOUT) and Neo4j stopped it."""


class GraphAuthError(GraphError):
    """Neo4j refused the credentials."""


class GraphVersionError(GraphError):
    """The server is not a Neo4j 5 (or later calendar-versioned) server."""


class GraphWriteError(GraphError):
    """A write was refused by the database (constraint or data error); nothing of it was kept."""


class LocalNeo4jError(GraphError):
    """The project-managed local Neo4j could not be provisioned, started or stopped."""


class GraphReadError(GraphError):
    """A read was refused by the database (a statement or parameter it cannot run, or its time ran out)."""


class AccountError(GraphError):
    """An account cannot be created, found or changed as asked (the message says why and what to do)."""


class GraphCancelled(GraphError):
    """A read was stopped because the work it served was cancelled (`graph.cancellation`)."""
