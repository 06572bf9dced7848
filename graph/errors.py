"""Errors raised by the Neo4j adapter, each one sentence naming what failed and what to do."""

from ontology.errors import CographError


class GraphError(CographError):
    """Something went wrong talking to Neo4j."""


class ConfigError(GraphError):
    """The Neo4j settings (environment variables or local state) are wrong."""


class GraphUnavailable(GraphError):
    """Neo4j cannot be reached or stopped answering."""


class GraphAuthError(GraphError):
    """Neo4j refused the credentials."""


class GraphVersionError(GraphError):
    """The server is not a Neo4j 5 (or later calendar-versioned) server."""


class GraphWriteError(GraphError):
    """A write was refused by the database (constraint or data error); nothing of it was kept."""


class LocalNeo4jError(GraphError):
    """The project-managed local Neo4j could not be provisioned, started or stopped."""


class AccountError(GraphError):
    """An account cannot be created, found or changed as asked (the message says why and what to do)."""
