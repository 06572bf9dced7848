"""GraphQL over HTTP (the GraphQL-over-HTTP spec): GET for queries, POST JSON, content negotiation, GraphiQL.

With `Accept: application/graphql-response+json` a request error (unparsable, invalid, bad variables) gets
400 and no `data` key; with `application/json` (also for `*/*` or no Accept) well-formed GraphQL requests get
200, as the spec asks. Errors carry `extensions.code` and never a stack trace.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from graphql import GraphQLError, GraphQLSyntaxError, OperationDefinitionNode, parse
from graphql import OperationType as DocumentOperation
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from strawberry.schema.exceptions import CannotGetOperationTypeError, InvalidOperationTypeError
from strawberry.types import ExecutionResult
from strawberry.types.execution import PreExecutionError
from strawberry.types.graphql import OperationType

from api.ahead import KeepAhead, kept_response
from api.auth import Authenticator, Refusal, read_access
from api.connection import AppGraph
from api.context import Context
from api.explorer import graphiql_page
from api.schema import CographSchema, public_error
from graph.cancellation import Work, cancellable
from graph.errors import GraphError
from ontology.access import ANONYMOUS, Caller

__all__ = ["GRAPHQL_RESPONSE_JSON", "JSON", "GraphQLEndpoint", "response_body"]

GRAPHQL_RESPONSE_JSON = "application/graphql-response+json"
JSON = "application/json"
log = logging.getLogger("cograph.api")


class RequestError(Exception):
    """The HTTP request is not a GraphQL request: answered with `status` and one error."""

    def __init__(
        self, status: int, message: str, headers: dict[str, str] | None = None, code: str | None = None
    ) -> None:
        super().__init__(message)
        self.status = status
        self.headers = headers or {}
        self.code = code


def negotiate(accept: str | None) -> str | None:
    """The response media type for an Accept header (None when we can produce nothing acceptable)."""
    if not accept or not accept.strip():
        return JSON
    ranges: list[tuple[float, int, str]] = []
    for index, part in enumerate(accept.split(",")):
        media, *params = (piece.strip() for piece in part.split(";"))
        quality = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        ranges.append((-quality, index, media.lower()))
    for negative_quality, _, media in sorted(ranges):
        if negative_quality >= 0:
            continue
        if media == GRAPHQL_RESPONSE_JSON:
            return GRAPHQL_RESPONSE_JSON
        if media in (JSON, "application/*", "*/*"):
            return JSON
    return None


def _object(value: Any, name: str) -> dict[str, Any] | None:
    if value is None:
        return None
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            raise RequestError(400, f"{name} is not valid JSON; send a JSON object.") from None
    if value is not None and not isinstance(value, dict):
        raise RequestError(400, f"{name} must be a JSON object (a map), not {type(value).__name__}.")
    return value


class GraphQLEndpoint:
    """The /graphql endpoint: parses the HTTP request, runs the schema, writes the response.

    The Graph is the application's (`app.state.graph`, opened in its lifespan), reached through each
    request's context.
    """

    def __init__(
        self, schema: CographSchema, graphiql: bool = True, authenticator: Authenticator | None = None
    ) -> None:
        self.schema = schema
        self.graphiql = graphiql
        self.authenticator = authenticator or Authenticator()

    def get_context(self, request: Request, caller: Caller = ANONYMOUS) -> Context:
        """The request's context (as strawberry's `get_context`): the app's Graph, loaders, the caller."""
        graph: AppGraph = request.app.state.graph
        return Context(
            graph, authorization=request.headers.get("authorization"), request=request, caller=caller
        )

    async def handle(self, request: Request) -> Response:
        """Answer one HTTP request to /graphql."""
        if (
            request.method == "GET"
            and self.graphiql
            and "query" not in request.query_params
            and _wants_html(request)
        ):
            return graphiql_page()
        media = negotiate(request.headers.get("accept"))
        if media is None:
            return _plain_error(
                406,
                f"cannot answer in any type of the Accept header; accept {GRAPHQL_RESPONSE_JSON} or {JSON}.",
                JSON,
            )
        try:
            params = await _params(request)
            if not _reads_only(params):
                return await self._execute(request, params, media)
            return await _unless_disconnected(request, lambda: self._execute(request, params, media))
        except RequestError as error:
            return _plain_error(error.status, str(error), media, error.headers, error.code)

    async def _execute(self, request: Request, params: dict[str, Any], media: str) -> Response:
        query = params.get("query")
        if not isinstance(query, str) or not query.strip():
            raise RequestError(
                400, "query is missing; send the GraphQL document as the string parameter `query`."
            )
        operation_name = params.get("operationName")
        if operation_name is not None and not isinstance(operation_name, str):
            raise RequestError(400, "operationName must be a string.")
        variables = _object(params.get("variables"), "variables")
        extensions = _object(params.get("extensions"), "extensions")
        allowed = (
            {OperationType.QUERY}
            if request.method == "GET"
            else {OperationType.QUERY, OperationType.MUTATION}
        )
        app_graph: AppGraph = request.app.state.graph
        try:
            caller = await self.authenticator.identify(
                request.headers.get("authorization"), _address(request), app_graph.get
            )
            if not caller.authenticated and read_access() == "authenticated":
                raise Refusal(
                    401,
                    "UNAUTHENTICATED",
                    "This server answers only callers with an account; send your API key as "
                    "`Authorization: Bearer <key>`.",
                    {"WWW-Authenticate": 'Bearer realm="cograph"'},
                )
        except Refusal as refusal:
            raise RequestError(refusal.status, str(refusal), refusal.headers, refusal.code) from None
        kept = await _kept(request, query, operation_name, variables, media)
        if kept is not None:
            return kept
        context = self.get_context(request, caller)
        try:
            result = await self.schema.execute(
                query,
                variable_values=variables,
                context_value=context,
                operation_name=operation_name,
                allowed_operation_types=allowed,
                operation_extensions=extensions,
            )
        except InvalidOperationTypeError:
            raise RequestError(
                405,
                "mutations are only allowed in POST requests; send this operation with POST.",
                {"Allow": "POST"},
            ) from None
        except CannotGetOperationTypeError:
            raise RequestError(
                400, "the document does not name the operation asked for; check operationName."
            ) from None
        ahead: KeepAhead | None = getattr(request.app.state, "ahead", None)
        if ahead is not None and operation_name is None and not result.errors and ahead.eligible(query):
            ahead.asked(query, variables)  # answered: its other slider dates are kept ahead from now on
        return _result_response(result, media)


async def _kept(
    request: Request, query: str, operation_name: str | None, variables: dict[str, Any] | None, media: str
) -> Response | None:
    """The answer kept ahead for this very request on the database's current state (api/ahead.py), if any."""
    ahead: KeepAhead | None = getattr(request.app.state, "ahead", None)
    if ahead is None or operation_name is not None or not ahead.eligible(query):
        return None
    app_graph: AppGraph = request.app.state.graph
    try:
        version = await asyncio.to_thread(lambda: app_graph.get().state())
    except GraphError:
        return None  # answered (or refused) by the schema as any request
    packed = ahead.kept.get(query, variables, version)
    if packed is None:
        return None
    ahead.asked(query, variables)
    return kept_response(packed, _content_type(media), request.headers.get("accept-encoding"))


def response_body(result: ExecutionResult) -> bytes | None:
    """The body of a successful result's response (as JSON or GraphQL-response JSON); None with errors."""
    if result.errors:
        return None
    return bytes(_result_response(result, JSON).body)


CLIENT_GONE = 499
"""The status logged for a request whose client went away before its answer (nobody receives it)."""


def _reads_only(params: dict[str, Any]) -> bool:
    """Whether the document's operation is a query: only reads are stopped when the client goes away (a
    mutation runs to its end, so that what it wrote and what it audited stay together)."""
    query, name = params.get("query"), params.get("operationName")
    if not isinstance(query, str):
        return False
    try:
        document = parse(query)
    except GraphQLSyntaxError:
        return False  # answered as a request error by the schema, quickly
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    chosen = [d for d in operations if name is None or (d.name is not None and d.name.value == name)]
    return bool(chosen) and all(d.operation == DocumentOperation.QUERY for d in chosen)


async def _unless_disconnected(request: Request, answer: Callable[[], Awaitable[Response]]) -> Response:
    """`answer()`'s response, or, when the client disconnects first (a closed tab, or the explorer replacing
    a slider step's request with the next one's), 499 once its reads are terminated in Neo4j instead of left
    to keep the database busy for an answer nobody will read.

    The answer is not cancelled as an asyncio task: graphql-core would leave its field coroutines unawaited.
    Its reads are stopped (`Graph.cancel`), so its resolvers fail at once and it ends by itself."""
    with cancellable() as reads:  # the answer's task, and the threads it starts, carry `reads`
        answering = asyncio.ensure_future(answer())
    watching = asyncio.ensure_future(_disconnected(request))
    try:
        await asyncio.wait({answering, watching}, return_when=asyncio.FIRST_COMPLETED)
    finally:
        watching.cancel()
    if answering.done():
        return answering.result()
    graph: AppGraph = request.app.state.graph
    await asyncio.get_running_loop().run_in_executor(_CANCELLING, _cancel, graph, reads)
    await asyncio.gather(answering, return_exceptions=True)
    return Response(status_code=CLIENT_GONE)


# Cancellations run in threads of their own: in asyncio's default pool they would queue behind the very
# reads they are meant to stop.
_CANCELLING = ThreadPoolExecutor(max_workers=2, thread_name_prefix="cograph-cancel")


def _cancel(graph: AppGraph, reads: Work) -> None:
    try:
        graph.get().cancel(reads)
    except GraphError as error:  # the client is gone either way; the reads end at the query timeout
        log.warning("could not stop the reads of a cancelled request: %s", error)


async def _disconnected(request: Request) -> None:
    """Returns once the client has disconnected (the body is already read: the next message says so)."""
    while (await request.receive())["type"] != "http.disconnect":
        pass


def _address(request: Request) -> str:
    """The client address the failed-authentication limit counts against."""
    return request.client.host if request.client is not None else "unknown"


def _wants_html(request: Request) -> bool:
    accept = request.headers.get("accept", "")
    return "text/html" in accept


async def _params(request: Request) -> dict[str, Any]:
    if request.method == "GET":
        return dict(request.query_params)
    content_type = request.headers.get("content-type", "")
    media, _, parameters = content_type.partition(";")
    if media.strip().lower() != JSON:
        raise RequestError(415, f"send the request body as {JSON}; got {media.strip() or 'no content type'}.")
    charset = (
        parameters.strip().lower().removeprefix("charset=").strip() if "charset" in parameters.lower() else ""
    )
    if charset and charset not in ("utf-8", "utf8"):
        raise RequestError(415, f"send the request body in utf-8, not {charset}.")
    body = await request.body()
    if not body.strip():
        raise RequestError(400, "the request body is empty; send a JSON object with a `query` string.")
    try:
        params = json.loads(body.decode("utf-8"))
    except (ValueError, UnicodeDecodeError):
        raise RequestError(
            400, "the request body is not valid JSON; send a JSON object with a `query` string."
        ) from None
    if not isinstance(params, dict):
        raise RequestError(400, "the request body must be a JSON object with a `query` string.")
    return params


def _is_request_error(result: ExecutionResult) -> bool:
    """Errors before execution (parse, validation, variables) as opposed to errors of resolvers."""
    if isinstance(result, PreExecutionError):
        return True
    return result.data is None and bool(result.errors) and all(e.path is None for e in result.errors or [])


def _result_response(result: ExecutionResult, media: str) -> Response:
    errors = [public_error(error) for error in result.errors or []]
    if _is_request_error(result):
        body: dict[str, Any] = {"errors": errors}
        status = 400 if media == GRAPHQL_RESPONSE_JSON else 200
    else:
        body = {"data": result.data}
        if errors:
            body["errors"] = errors
        if result.extensions:
            body["extensions"] = result.extensions
        status = 200
    return JSONResponse(body, status_code=status, media_type=_content_type(media))


def _plain_error(
    status: int, message: str, media: str, headers: dict[str, str] | None = None, code: str | None = None
) -> Response:
    code = code or ("BAD_USER_INPUT" if status < 500 else "INTERNAL")
    error = public_error(GraphQLError(message, extensions={"code": code}))
    error["extensions"]["code"] = code
    return JSONResponse(
        {"errors": [error]}, status_code=status, media_type=_content_type(media), headers=headers
    )


def _content_type(media: str) -> str:
    return f"{media}; charset=utf-8"
