"""Property-based fuzzing of the API over its own SDL, against the real Neo4j holding the seed data.

hypothesis-graphql writes valid queries and mutations (and invalid ones: Mode.NEGATIVE) from
api/schema.graphql; every answer must be a client error or data, never INTERNAL, a 500, a traceback or
slower than the query timeout. Bounded (examples and time) so the whole module takes well under a minute.
"""

from __future__ import annotations

import datetime as dt
import time
from typing import Any

import graphql
import hypothesis_graphql as hg
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from starlette.testclient import TestClient

from api.schema import SDL_PATH
from graph.settings import from_env
from graph.store import Graph
from tests.api.conftest import account_headers

pytestmark = pytest.mark.neo4j
SDL = SDL_PATH.read_text(encoding="utf-8")
# Neo4j stops a statement at the query timeout; the HTTP answer may take a little longer than that, not more.
MARGIN = 5.0
# Dates as the API writes them, and text that is not one (the error path); both as GraphQL string literals.
_DATE = st.one_of(
    st.dates(dt.date(1800, 1, 1), dt.date(2300, 12, 31)).map(dt.date.isoformat), st.text(max_size=12)
)
_DATETIME = st.one_of(st.datetimes().map(dt.datetime.isoformat), st.text(max_size=12))
SCALARS = {
    "Date": _DATE.map(lambda text: graphql.StringValueNode(value=text)),
    "DateTime": _DATETIME.map(lambda text: graphql.StringValueNode(value=text)),
}
FUZZ = settings(
    max_examples=25,
    deadline=None,  # each request is timed below against the server's own timeout instead
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.function_scoped_fixture,
        HealthCheck.data_too_large,
    ],
    database=None,
    derandomize=True,  # the same documents each run: a failure here reproduces
)


@pytest.fixture(scope="module")
def admin_headers(seeded: Graph) -> dict[str, str]:
    """An administrator's key: generated mutations run as far as the rules let them."""
    return account_headers(seeded, "admin")


def _check(client: TestClient, document: str, **headers: str) -> None:
    started = time.monotonic()
    response = client.post("/graphql", json={"query": document}, headers=headers)
    elapsed = time.monotonic() - started
    assert elapsed < from_env().query_timeout + MARGIN, f"{elapsed:.1f} s for {document}"
    assert response.status_code < 500, (response.status_code, response.text, document)
    assert "Traceback" not in response.text and 'File "' not in response.text, document
    body: Any = response.json()
    codes = [error.get("extensions", {}).get("code") for error in body.get("errors", [])]
    assert "INTERNAL" not in codes, (body, document)


@FUZZ
@given(document=hg.queries(SDL, custom_scalars=SCALARS))
def test_generated_queries_never_fail_on_our_side(client: TestClient, document: str) -> None:
    _check(client, document)


@FUZZ
@given(document=hg.queries(SDL, custom_scalars=SCALARS, mode=hg.Mode.NEGATIVE))
def test_generated_invalid_queries_are_client_errors(client: TestClient, document: str) -> None:
    _check(client, document)


@FUZZ
@given(document=hg.mutations(SDL, custom_scalars=SCALARS))
def test_generated_mutations_never_fail_on_our_side(
    client: TestClient, admin_headers: dict[str, str], document: str
) -> None:
    _check(client, document, **admin_headers)
