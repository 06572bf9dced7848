"""API test fixtures: the seeded graph, an HTTP client on the app, and a helper to post GraphQL."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import Any

import pytest
from starlette.testclient import TestClient

from api.app import create_app
from graph.accounts import add_account
from graph.records import wipe
from graph.store import Graph
from tests.api.seed import seed


@pytest.fixture(scope="module")
def seeded(graph: Graph) -> Graph:
    """The session's graph holding exactly the seed data (written once per test module)."""
    wipe(graph)
    seed(graph)
    return graph


@pytest.fixture(scope="module")
def client(seeded: Graph) -> Iterator[TestClient]:
    with TestClient(create_app(graph=seeded)) as test_client:
        yield test_client


def post(client: TestClient, query: str, variables: dict[str, Any] | None = None, **headers: str) -> Any:
    """POST a GraphQL request and return the decoded JSON body."""
    response = client.post("/graphql", json={"query": query, "variables": variables or {}}, headers=headers)
    return response.json()


def data(client: TestClient, query: str, variables: dict[str, Any] | None = None) -> Any:
    """The `data` of a request that must succeed without errors."""
    body = post(client, query, variables)
    assert "errors" not in body, body["errors"]
    return body["data"]


_accounts = itertools.count(1)


def account_headers(graph: Graph, role: str, account_id: str | None = None) -> dict[str, str]:
    """A new account of `role` (a fresh id unless given) and the headers that carry its key."""
    issued = add_account(graph, account_id or f"{role}-{next(_accounts)}", f"Test {role}", role)
    return {"Authorization": f"Bearer {issued.key}"}
