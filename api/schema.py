"""The GraphQL schema: types, limits, error codes, and its SDL (api/schema.graphql)."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import strawberry
from graphql import GraphQLError
from strawberry.extensions import (
    MaxAliasesLimiter,
    MaxTokensLimiter,
    ParserCache,
    QueryDepthLimiter,
    ValidationCache,
)
from strawberry.printer import print_schema
from strawberry.tools import merge_types
from strawberry.types import ExecutionContext

from api.accounts import AccountMutation, AccountQuery
from api.compile import CompilingExecutionContext
from api.connection import UNAVAILABLE
from api.cost import QueryCost
from api.errors import ApiError, ServiceUnavailable
from api.mutation import Mutation
from api.query import Query
from api.types.commitment import ActionPlan, OtherCommitment, Pledge, Ratification
from api.types.explorer_query import ExplorerQuery
from api.types.history import HistoryQuery
from api.types.organization import KINDS
from graph.errors import GraphCancelled, GraphError, GraphUnavailable
from ontology.errors import CographError

__all__ = ["MAX_ALIASES", "MAX_DEPTH", "MAX_TOKENS", "SDL_PATH", "error_code", "schema", "sdl", "write_sdl"]

MAX_DEPTH = 12
MAX_ALIASES = 30
MAX_TOKENS = 4000
SDL_PATH = Path(__file__).with_name("schema.graphql")
INTERNAL_MESSAGE = "The server failed to answer this request; it has been logged. Try again later."

log = logging.getLogger("cograph.api")


def error_code(error: GraphQLError) -> str:
    """The `extensions.code` of an error: what the client did wrong, or what failed on our side."""
    original = error.original_error
    if original is None:
        return "GRAPHQL_VALIDATION_FAILED" if error.nodes or error.locations else "BAD_USER_INPUT"
    if isinstance(original, ApiError):
        return original.code
    if isinstance(original, GraphUnavailable):
        return ServiceUnavailable.code
    if isinstance(original, GraphError):
        return "INTERNAL"
    if isinstance(original, CographError):
        return "BAD_USER_INPUT"
    return "INTERNAL"


def public_error(error: GraphQLError) -> dict[str, Any]:
    """The error as the client sees it: message, locations, path and code, never a traceback."""
    code = error_code(error)
    message = INTERNAL_MESSAGE if code == "INTERNAL" else error.message
    if code == ServiceUnavailable.code and isinstance(error.original_error, GraphError):
        message = UNAVAILABLE  # the adapter's sentence names the server's address: that is for the log
    formatted: dict[str, Any] = {"message": message}
    if error.locations:
        formatted["locations"] = [{"line": loc.line, "column": loc.column} for loc in error.locations]
    if error.path is not None:
        formatted["path"] = list(error.path)
    formatted["extensions"] = {**(error.extensions or {}), "code": code}
    return formatted


class CographSchema(strawberry.Schema):
    def process_errors(
        self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None
    ) -> None:
        # Clients' mistakes are answered, not logged; only what failed on our side is worth a log line.
        for error in errors:
            if isinstance(error.original_error, GraphCancelled):
                continue  # the client went away and its reads were stopped on purpose (api/http.py)
            if error_code(error) == "INTERNAL":
                log.error("GraphQL request failed: %s", error.message, exc_info=error.original_error)


schema = CographSchema(
    query=merge_types("Query", (Query, HistoryQuery, AccountQuery, ExplorerQuery)),
    mutation=merge_types("Mutation", (Mutation, AccountMutation)),
    types=[*KINDS.values(), Ratification, Pledge, ActionPlan, OtherCommitment],
    execution_context_class=CompilingExecutionContext,
    extensions=[
        lambda: MaxTokensLimiter(max_token_count=MAX_TOKENS),
        lambda: ParserCache(maxsize=256),
        lambda: ValidationCache(maxsize=256),
        QueryCost,  # after ValidationCache: it prices documents that validation passed
        lambda: QueryDepthLimiter(max_depth=MAX_DEPTH),
        lambda: MaxAliasesLimiter(max_alias_count=MAX_ALIASES),
    ],
)


def sdl() -> str:
    """The schema in GraphQL SDL, as committed in api/schema.graphql."""
    return print_schema(schema) + "\n"


def write_sdl(path: Path = SDL_PATH) -> Path:
    """Write the SDL to `path` (api/schema.graphql by default) and return the path."""
    path.write_text(sdl(), encoding="utf-8")
    return path


if __name__ == "__main__":
    print(f"wrote {write_sdl()}")
