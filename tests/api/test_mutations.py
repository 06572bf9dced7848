"""Partner sync mutations: account keys, per-record results through the sync core, withdrawal."""

from __future__ import annotations

from typing import Any

import pytest
from starlette.testclient import TestClient

from graph.store import Graph
from tests.api.conftest import account_headers, post

pytestmark = pytest.mark.neo4j
UPSERT = """
mutation($input: [ProjectInput!]!) {
  upsertProjects(partner: "ngo-x", input: $input) { identifier status errors { field message } }
}"""
WITHDRAW = (
    'mutation($id: String!) { withdrawProject(partner: "ngo-x", identifier: $id) { identifier withdrawn } }'
)


def project(identifier: str, **changes: Any) -> dict[str, Any]:
    record: dict[str, Any] = {
        "identifier": identifier,
        "titles": [{"text": f"Safe shelters {identifier}", "language": "en"}],
        "status": "IMPLEMENTATION",
        "plannedStart": "2024-01-01",
        "plannedEnd": "2026-12-31",
        "budget": 120000.0,
        "currency": "USD",
        "countries": [{"iso2": "NG", "percentage": 100.0}],
        "participations": [
            {
                "role": "IMPLEMENTING",
                "organizationName": "Hope Shelter Network",
                "organizationRef": "NG-CAC-1234",
                "organizationType": "NATIONAL_NGO",
            }
        ],
        "themes": ["SHELTER_AND_ASSISTANCE"],
        "crimeTypes": ["TRAFFICKING_IN_PERSONS"],
    }
    record.update(changes)
    return record


@pytest.fixture
def admin(seeded: Graph) -> dict[str, str]:
    """An administrator's key: the mutations below act for the partner ngo-x, named explicitly."""
    return account_headers(seeded, "admin")


def test_mutations_need_an_account(client: TestClient, seeded: Graph) -> None:
    missing = post(client, UPSERT, {"input": [project("A1")]})
    assert missing["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    assert "cograph partner add" in missing["errors"][0]["message"]
    assert missing["data"] is None
    wrong = post(client, WITHDRAW, {"id": "A1"}, Authorization="Bearer not-it")
    assert wrong["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    officer = post(client, UPSERT, {"input": [project("A1")]}, **account_headers(seeded, "officer"))
    assert officer["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert "may read everything and change nothing" in officer["errors"][0]["message"]
    found = post(client, '{ project(identifier: "A1", partner: "ngo-x") { title } }')
    assert found["data"]["project"] is None


def test_upsert_creates_updates_and_keeps_unchanged(client: TestClient, admin: dict[str, str]) -> None:
    def upsert(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
        body = client.post(
            "/graphql", json={"query": UPSERT, "variables": {"input": records}}, headers=admin
        ).json()
        assert "errors" not in body, body
        return list(body["data"]["upsertProjects"])

    first = upsert([project("B1"), project("B2")])
    assert [(r["identifier"], r["status"]) for r in first] == [("B1", "CREATED"), ("B2", "CREATED")]
    second = upsert([project("B1"), project("B2", budget=99.0)])
    assert [r["status"] for r in second] == ["UNCHANGED", "UPDATED"]
    stored = post(
        client,
        '{ project(identifier: "B2", partner: "ngo-x") { budget partner themes { notation } '
        "countries { country { iso2 } } organizations(role: IMPLEMENTING) { name } } }",
    )["data"]
    assert stored["project"]["budget"] == 99.0 and stored["project"]["partner"] == "ngo-x"
    assert stored["project"]["themes"] == [{"notation": "shelter-and-assistance"}]
    assert stored["project"]["countries"] == [{"country": {"iso2": "NG"}}]


def test_rejected_records_report_field_errors_and_write_nothing(
    client: TestClient, admin: dict[str, str]
) -> None:
    records = [project("C1", countries=[{"iso2": "XX", "percentage": 100.0}]), project("C2")]
    body = client.post(
        "/graphql", json={"query": UPSERT, "variables": {"input": records}}, headers=admin
    ).json()
    rejected, created = body["data"]["upsertProjects"]
    assert rejected["status"] == "REJECTED" and rejected["errors"]
    assert any("countr" in error["field"] for error in rejected["errors"]), rejected
    assert created["status"] == "CREATED"
    gone = post(client, '{ project(identifier: "C1", partner: "ngo-x") { title } }')["data"]
    assert gone["project"] is None


def test_withdraw_hides_the_project_from_lists(client: TestClient, admin: dict[str, str]) -> None:
    client.post("/graphql", json={"query": UPSERT, "variables": {"input": [project("D1")]}}, headers=admin)
    query = '{ projects(filter: {partner: "ngo-x", search: "D1"}) { totalCount } }'
    assert post(client, query)["data"]["projects"]["totalCount"] == 1
    done = client.post("/graphql", json={"query": WITHDRAW, "variables": {"id": "D1"}}, headers=admin).json()
    assert done["data"]["withdrawProject"] == {"identifier": "D1", "withdrawn": True}
    assert post(client, query)["data"]["projects"]["totalCount"] == 0
    kept = post(client, '{ project(identifier: "D1", partner: "ngo-x") { withdrawn withdrawnAt } }')["data"][
        "project"
    ]
    assert kept["withdrawn"] is True and kept["withdrawnAt"]
    again = client.post(
        "/graphql", json={"query": WITHDRAW, "variables": {"id": "nope"}}, headers=admin
    ).json()
    assert again["data"]["withdrawProject"]["withdrawn"] is False


def test_blank_partner_is_bad_user_input(client: TestClient, admin: dict[str, str]) -> None:
    body = client.post(
        "/graphql",
        json={"query": 'mutation { withdrawProject(partner: " ", identifier: "x") { withdrawn } }'},
        headers=admin,
    ).json()
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
