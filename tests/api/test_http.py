"""GraphQL over HTTP: GET and POST, content negotiation, GraphiQL, limits and error codes."""

from __future__ import annotations

import pytest
from starlette.testclient import TestClient

from api.app import create_app
from api.pagination import MAX_PAGE_SIZE
from api.schema import MAX_ALIASES, MAX_DEPTH
from graph.settings import Settings
from graph.store import Graph
from tests.api.conftest import post

pytestmark = pytest.mark.neo4j
RESPONSE_JSON = "application/graphql-response+json"


def test_get_runs_queries_and_graphiql_is_served_to_browsers(client: TestClient) -> None:
    response = client.get("/graphql", params={"query": "{ countries(first: 1) { totalCount } }"})
    assert response.status_code == 200 and response.json()["data"]["countries"]["totalCount"] == 4
    page = client.get("/graphql", headers={"Accept": "text/html"})
    assert page.status_code == 200 and "graphiql" in page.text.lower()


def test_mutations_are_refused_on_get(client: TestClient) -> None:
    response = client.get(
        "/graphql",
        params={"query": 'mutation { withdrawProject(partner: "a", identifier: "b") { withdrawn } }'},
    )
    assert response.status_code == 405 and response.headers["allow"] == "POST"


def test_request_errors_are_400_without_data_for_graphql_response_json(client: TestClient) -> None:
    response = client.post("/graphql", json={"query": "{ nope }"}, headers={"Accept": RESPONSE_JSON})
    assert response.status_code == 400
    assert response.headers["content-type"].startswith(RESPONSE_JSON)
    body = response.json()
    assert "data" not in body and body["errors"][0]["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"
    legacy = client.post("/graphql", json={"query": "{ nope }"}, headers={"Accept": "application/json"})
    assert legacy.status_code == 200 and legacy.headers["content-type"].startswith("application/json")


def test_bad_http_requests(client: TestClient) -> None:
    assert (
        client.post("/graphql", content=b"{", headers={"Content-Type": "application/json"}).status_code == 400
    )
    assert (
        client.post("/graphql", content=b"query", headers={"Content-Type": "text/plain"}).status_code == 415
    )
    assert client.post("/graphql", json={"variables": {}}).status_code == 400
    assert (
        client.post("/graphql", json={"query": "{ regions { m49 } }", "variables": "[1]"}).status_code == 400
    )
    refused = client.post("/graphql", json={"query": "{ regions { m49 } }"}, headers={"Accept": "text/csv"})
    assert refused.status_code == 406


def test_depth_aliases_and_tokens_are_limited(client: TestClient) -> None:
    deep = "{ themes { nodes { " + "broader { " * MAX_DEPTH + "notation" + " }" * MAX_DEPTH + " } } }"
    body = post(client, deep)
    assert "exceeds maximum operation depth" in body["errors"][0]["message"] and "data" not in body
    aliases = "{ " + " ".join(f"a{i}: regions {{ m49 }}" for i in range(MAX_ALIASES + 1)) + " }"
    assert "aliases" in post(client, aliases)["errors"][0]["message"]
    tokens = "{ regions { " + "m49 " * 5000 + "} }"
    assert post(client, tokens)["errors"][0]["extensions"]["code"] in (
        "GRAPHQL_VALIDATION_FAILED",
        "BAD_USER_INPUT",
    )


def test_page_size_and_cursor_are_checked(client: TestClient) -> None:
    too_many = post(client, f"{{ projects(first: {MAX_PAGE_SIZE + 1}) {{ totalCount }} }}")
    assert too_many["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert str(MAX_PAGE_SIZE) in too_many["errors"][0]["message"]
    bad_cursor = post(client, '{ projects(after: "garbage") { totalCount } }')
    assert bad_cursor["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    both = post(client, "{ projects(first: 1, last: 1) { totalCount } }")
    assert both["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


def test_body_size_is_capped(seeded: Graph) -> None:
    with TestClient(create_app(graph=seeded, max_body_bytes=1000)) as small:
        response = small.post(
            "/graphql", json={"query": "{ regions { m49 } }", "variables": {"x": "y" * 2000}}
        )
    assert (
        response.status_code == 413 and response.json()["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    )


def test_internal_errors_hide_details(seeded: Graph) -> None:
    def broken() -> Settings:
        raise RuntimeError("secret stack detail")

    app = TestClient(create_app(settings=broken))  # no lifespan: the first request opens the Graph, and fails
    body = app.post("/graphql", json={"query": "{ regions { m49 } }"}).json()
    error = body["errors"][0]
    assert error["extensions"]["code"] == "INTERNAL" and "secret" not in str(body)
    assert "Traceback" not in str(body)
