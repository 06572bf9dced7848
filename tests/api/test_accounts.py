"""Accounts over the API: partners write only their own projects, officers read, revoked and rotated keys
are refused, reads can require a key, failed sign-ins are rate-limited, and keys never leak."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

import pytest
from starlette.testclient import TestClient

from api.app import create_app
from graph.accounts import add_account, revoke_account, rotate_key
from graph.setup import export_rdf
from graph.store import Graph
from tests.api.conftest import account_headers, post
from tests.api.test_mutations import project

pytestmark = pytest.mark.neo4j

UPSERT = """mutation($input: [ProjectInput!]!, $partner: String) {
  upsertProjects(input: $input, partner: $partner) { identifier status }
}"""
WITHDRAW = """mutation($id: String!, $partner: String) {
  withdrawProject(identifier: $id, partner: $partner) { withdrawn }
}"""
READ = (
    "query($p: String!, $id: String!) { project(identifier: $id, partner: $p) { budget withdrawn partner } }"
)
VIEWER = "{ viewer { account role } }"


def code(body: dict[str, Any]) -> str:
    return str(body["errors"][0]["extensions"]["code"])


def stored(client: TestClient, partner: str, identifier: str) -> Any:
    return post(client, READ, {"p": partner, "id": identifier})["data"]["project"]


def test_each_partner_writes_its_own_and_is_refused_on_the_others(client: TestClient, seeded: Graph) -> None:
    alpha = account_headers(seeded, "partner", "alpha-ngo")
    beta = account_headers(seeded, "partner", "beta-ngo")
    for headers in (alpha, beta):
        done = post(client, UPSERT, {"input": [project("P-1", budget=1000.0)]}, **headers)
        assert done["data"]["upsertProjects"] == [{"identifier": "P-1", "status": "CREATED"}], done
    assert stored(client, "alpha-ngo", "P-1")["partner"] == "alpha-ngo"
    assert stored(client, "beta-ngo", "P-1")["partner"] == "beta-ngo"

    # alpha names beta's records: refused with a sentence saying what it may do; nothing is written
    upsert = post(client, UPSERT, {"input": [project("P-1", budget=1.0)], "partner": "beta-ngo"}, **alpha)
    assert code(upsert) == "FORBIDDEN" and upsert["data"] is None
    assert "may change only its own projects" in upsert["errors"][0]["message"]
    withdraw = post(client, WITHDRAW, {"id": "P-1", "partner": "beta-ngo"}, **alpha)
    assert code(withdraw) == "FORBIDDEN"
    assert stored(client, "beta-ngo", "P-1") == {"budget": 1000.0, "withdrawn": False, "partner": "beta-ngo"}

    # and the same identifier sent without a partner is alpha's own record, never beta's
    again = post(client, UPSERT, {"input": [project("P-1", budget=2.0)]}, **alpha)
    assert again["data"]["upsertProjects"][0]["status"] == "UPDATED"
    assert stored(client, "alpha-ngo", "P-1")["budget"] == 2.0
    assert stored(client, "beta-ngo", "P-1")["budget"] == 1000.0
    own = post(client, WITHDRAW, {"id": "P-1", "partner": "beta-ngo"}, **beta)
    assert own["data"]["withdrawProject"] == {"withdrawn": True}


def test_officer_reads_everything_and_writes_nothing(client: TestClient, seeded: Graph) -> None:
    officer = account_headers(seeded, "officer")
    viewer = post(client, VIEWER, **officer)["data"]["viewer"]
    assert viewer["role"] == "OFFICER"
    listed = post(client, "{ projects(first: 1) { totalCount } }", **officer)
    assert listed["data"]["projects"]["totalCount"] > 0
    for query, variables in (
        (UPSERT, {"input": [project("O-1")], "partner": "ngo-x"}),
        (WITHDRAW, {"id": "O-1"}),
    ):
        refused = post(client, query, variables, **officer)
        assert code(refused) == "FORBIDDEN", refused
        assert "officer" in refused["errors"][0]["message"]


def test_an_admin_acts_only_for_a_partner_it_names(client: TestClient, seeded: Graph) -> None:
    admin = account_headers(seeded, "admin")
    unnamed = post(client, UPSERT, {"input": [project("AD-1")]}, **admin)
    assert code(unnamed) == "BAD_USER_INPUT" and "partner" in unnamed["errors"][0]["message"]
    named = post(client, UPSERT, {"input": [project("AD-1")], "partner": "gamma"}, **admin)
    assert named["data"]["upsertProjects"][0]["status"] == "CREATED"
    assert stored(client, "gamma", "AD-1")["partner"] == "gamma"


def test_revoked_and_rotated_keys_are_refused(client: TestClient, seeded: Graph) -> None:
    issued = add_account(seeded, "rotating-ngo", "Rotating NGO", "partner")
    old = {"Authorization": f"Bearer {issued.key}"}
    assert post(client, VIEWER, **old)["data"]["viewer"]["account"] == "rotating-ngo"
    new = {"Authorization": f"Bearer {rotate_key(seeded, 'rotating-ngo').key}"}
    refused = client.post("/graphql", json={"query": VIEWER}, headers=old)
    assert (
        refused.status_code == 401 and refused.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    )
    assert refused.headers["www-authenticate"].startswith("Bearer")
    assert post(client, VIEWER, **new)["data"]["viewer"]["account"] == "rotating-ngo"
    revoke_account(seeded, "rotating-ngo")
    revoked = post(client, UPSERT, {"input": [project("R-1")]}, **new)
    assert code(revoked) == "UNAUTHENTICATED" and "revoked" in revoked["errors"][0]["message"]
    assert stored(client, "rotating-ngo", "R-1") is None


def test_the_bearer_scheme_is_case_insensitive(client: TestClient, seeded: Graph) -> None:
    key = account_headers(seeded, "partner")["Authorization"].split(" ", 1)[1]
    for scheme in ("bearer", "BEARER", "Bearer"):
        assert post(client, VIEWER, Authorization=f"{scheme} {key}")["data"]["viewer"]["role"] == "PARTNER"
    basic = client.post("/graphql", json={"query": VIEWER}, headers={"Authorization": f"Basic {key}"})
    assert basic.status_code == 401 and "Authorization: Bearer" in basic.json()["errors"][0]["message"]


def test_reads_can_require_an_account(
    client: TestClient, seeded: Graph, monkeypatch: pytest.MonkeyPatch
) -> None:
    key = account_headers(seeded, "officer")
    assert post(client, VIEWER)["data"]["viewer"] is None
    monkeypatch.setenv("COGRAPH_READ_ACCESS", "authenticated")
    anonymous = client.post("/graphql", json={"query": "{ regions { name } }"})
    assert (
        anonymous.status_code == 401
        and anonymous.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    )
    assert "data" not in anonymous.json()
    assert post(client, "{ regions { name } }", **key)["data"]["regions"]


@pytest.fixture
def strict_client(seeded: Graph, monkeypatch: pytest.MonkeyPatch) -> Iterator[TestClient]:
    monkeypatch.setenv("COGRAPH_AUTH_FAILURES_PER_MINUTE", "3")
    with TestClient(create_app(graph=seeded)) as test_client:
        yield test_client


def test_failed_sign_ins_are_rate_limited_per_address(
    strict_client: TestClient, seeded: Graph, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    good = account_headers(seeded, "partner")
    guesses = [f"cgk_{n:012x}_guess-{n}" for n in range(3)]
    for guess in guesses:
        answer = strict_client.post(
            "/graphql", json={"query": VIEWER}, headers={"Authorization": f"Bearer {guess}"}
        )
        assert answer.status_code == 401
        assert guess not in answer.text
    limited = strict_client.post("/graphql", json={"query": VIEWER}, headers=good)
    assert limited.status_code == 429
    assert limited.json()["errors"][0]["extensions"]["code"] == "RATE_LIMITED"
    assert int(limited.headers["retry-after"]) >= 1
    # anonymous reads still work; only attempts to sign in wait
    assert strict_client.post("/graphql", json={"query": VIEWER}).json()["data"]["viewer"] is None
    for secret in (*guesses, good["Authorization"].split(" ", 1)[1]):
        assert secret not in caplog.text


def test_keys_and_their_hashes_never_reach_the_exported_rdf(client: TestClient, seeded: Graph) -> None:
    issued = add_account(seeded, "exported-ngo", "Exported NGO", "partner")
    rows = seeded.read("MATCH (a:Account {accountId: 'exported-ngo'}) RETURN a.keyHash AS hash")
    key_hash = rows[0]["hash"]
    assert key_hash.startswith("scrypt$") and issued.key.secret not in key_hash
    data, _, _ = export_rdf(seeded)
    text = data.serialize(format="turtle")
    assert "exported-ngo" in text  # the account is exported (as a prov:Agent), its key material is not
    assert issued.key.secret not in text and key_hash not in text and "keyHash" not in text
    assert issued.key.secret not in repr(issued)


def test_only_admins_manage_accounts_over_the_api(client: TestClient, seeded: Graph) -> None:
    admin = account_headers(seeded, "admin")
    partner = account_headers(seeded, "partner")
    add = 'mutation { addAccount(id: "api-made", name: "Made over the API") { account { id role } key } }'
    refused = post(client, add, **partner)
    assert code(refused) == "FORBIDDEN" and "administrators" in refused["errors"][0]["message"]
    assert code(post(client, "{ accounts { id } }")) == "UNAUTHENTICATED"
    made = post(client, add, **admin)["data"]["addAccount"]
    assert made["account"] == {"id": "api-made", "role": "PARTNER"}
    viewer = post(client, VIEWER, Authorization=f"Bearer {made['key']}")["data"]["viewer"]
    assert viewer == {"account": "api-made", "role": "PARTNER"}
    twice = post(client, add, **admin)
    assert code(twice) == "BAD_USER_INPUT" and "exists already" in twice["errors"][0]["message"]
    listed = post(client, "{ accounts { id revokedAt } }", **admin)["data"]["accounts"]
    assert {"id": "api-made", "revokedAt": None} in listed
    revoked = post(client, 'mutation { revokeAccount(id: "api-made") { revokedAt } }', **admin)
    assert revoked["data"]["revokeAccount"]["revokedAt"]
    assert (
        client.post(
            "/graphql", json={"query": VIEWER}, headers={"Authorization": f"Bearer {made['key']}"}
        ).status_code
        == 401
    )
