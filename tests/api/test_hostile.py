"""What the hostile tester of issue 11 sent, over HTTP against the real Neo4j: each a client error now."""

from __future__ import annotations

import base64

import pytest
from starlette.testclient import TestClient

from api.explorer import STATIC_DIR
from graph.store import Graph
from tests.api.conftest import account_headers, post
from tests.api.test_cost import NESTED

pytestmark = pytest.mark.neo4j
LISTS = ("projects", "organizations", "countries")


def _code(body: dict[str, object]) -> object:
    errors = body.get("errors")
    assert isinstance(errors, list) and errors, body
    return errors[0]["extensions"]["code"]


@pytest.mark.parametrize("field", LISTS)
def test_search_operators_are_words(client: TestClient, field: str) -> None:
    body = post(client, f'{{ {field}(filter: {{search: "smuggling OR trafficking"}}) {{ totalCount }} }}')
    assert "errors" not in body, body


@pytest.mark.parametrize("field", LISTS)
def test_unsearchable_text_is_bad_user_input(client: TestClient, field: str) -> None:
    body = post(
        client,
        f"{{ {field}(filter: {{search: $s}}) {{ totalCount }} }}".replace("$s", '"' + "a" * 1001 + '"'),
    )
    assert _code(body) == "BAD_USER_INPUT"
    assert "search" in body["errors"][0]["message"]


@pytest.mark.parametrize("position", ["99999999999999999999", str(2**63 - 2)])
def test_forged_cursor_is_bad_user_input(client: TestClient, position: str) -> None:
    cursor = base64.urlsafe_b64encode(f"cursor:{position}".encode()).decode()
    body = post(client, "query($c: String) { projects(after: $c) { totalCount } }", {"c": cursor})
    assert _code(body) == "BAD_USER_INPUT"


def test_over_budget_query_is_refused_before_it_runs(client: TestClient) -> None:
    response = client.post(
        "/graphql", json={"query": NESTED}, headers={"Accept": "application/graphql-response+json"}
    )
    assert response.status_code == 400
    error = response.json()["errors"][0]
    assert error["extensions"]["code"] == "BAD_USER_INPUT" and error["extensions"]["cost"] == 110_110_100


def test_graphiql_is_the_projects_own_build_with_a_csp(client: TestClient) -> None:
    page = client.get("/graphql", headers={"Accept": "text/html"})
    assert page.status_code == 200
    assert '<script src="static/graphiql.js"></script>' in page.text
    assert "http" not in page.text  # no CDN, no URL of any kind
    assert "script-src 'self'" in page.headers["content-security-policy"]
    assert client.get("/static/graphiql.js").status_code == 200


def test_every_html_page_has_a_csp_and_json_needs_none(client: TestClient) -> None:
    for path in ("/", "/graphql"):
        page = client.get(path, headers={"Accept": "text/html"})
        assert "default-src 'self'" in page.headers["content-security-policy"], path
    assert "content-security-policy" not in client.get("/config.json").headers


def test_no_source_map_is_built_or_served(client: TestClient) -> None:
    assert sorted(p.name for p in STATIC_DIR.glob("*.map")) == []
    assert client.get("/static/explorer.js.map").status_code == 404
    assert "sourceMappingURL" not in (STATIC_DIR / "explorer.js").read_text(encoding="utf-8")[-300:]


def test_a_bad_language_tag_is_rejected_by_the_mutation(client: TestClient, seeded: Graph) -> None:
    from tests.api.test_mutations import UPSERT, project

    bad = project("LANG-1", titles=[{"text": "Hello", "language": "en_US!"}])
    body = post(client, UPSERT, {"input": [bad]}, **account_headers(seeded, "admin"))
    (result,) = body["data"]["upsertProjects"]
    assert result["status"] == "REJECTED"
    assert {
        "field": "title language",
        "message": "'en_US!' is not a BCP 47 language tag; write e.g. en, fr, es-419 or zh-Hant",
    } in result["errors"]
