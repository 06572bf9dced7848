"""History: each sync is a PROV activity with one change per record; project.history and changes(since:)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from rdflib import URIRef
from rdflib.namespace import RDF
from starlette.testclient import TestClient

from graph.setup import export_rdf
from graph.store import Graph
from ontology.namespaces import CG
from tests.api.conftest import account_headers, post
from tests.api.test_mutations import project

pytestmark = pytest.mark.neo4j

UPSERT = """mutation($input: [ProjectInput!]!) {
  upsertProjects(input: $input) { identifier status }
}"""
WITHDRAW = "mutation($id: String!) { withdrawProject(identifier: $id) { withdrawn } }"
HISTORY = """query($p: String!, $id: String!, $actions: [ChangeAction!]) {
  project(identifier: $id, partner: $p) {
    history(actions: $actions) {
      action changedFields previousValues { field previous } reasons
      activity { actor via source startedAt }
    }
  }
}"""
CHANGES = """query($since: DateTime!, $partner: String, $country: String, $first: Int, $after: String,
                 $actions: [ChangeAction!]) {
  changes(since: $since, partner: $partner, country: $country, first: $first, after: $after, actions: $actions) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes { identifier action partner project { identifier } }
  }
}"""


def ok(body: dict[str, Any]) -> Any:
    assert "errors" not in body, body["errors"]
    return body["data"]


def test_history_after_create_update_unchanged_and_withdraw(client: TestClient, seeded: Graph) -> None:
    key = account_headers(seeded, "partner", "history-ngo")
    ok(post(client, UPSERT, {"input": [project("H-1")]}, **key))
    changed = project("H-1", budget=95000.0, countries=[{"iso2": "GH", "percentage": 100.0}])
    ok(post(client, UPSERT, {"input": [changed]}, **key))
    ok(post(client, UPSERT, {"input": [changed]}, **key))
    ok(post(client, WITHDRAW, {"id": "H-1"}, **key))

    history = ok(post(client, HISTORY, {"p": "history-ngo", "id": "H-1"}))["project"]["history"]
    assert [entry["action"] for entry in history] == ["WITHDRAWN", "UPDATED", "CREATED"]
    withdrawn, updated, created = history
    assert updated["changedFields"] == ["budget", "countries"]
    before = {item["field"]: item["previous"] for item in updated["previousValues"]}
    assert before == {"budget": 120000.0, "countries": [{"iso2": "NG", "percentage": 100.0}]}
    assert withdrawn["changedFields"] == ["withdrawn"] and withdrawn["activity"]["via"] == "withdraw"
    assert created["changedFields"] == [] and created["activity"]["actor"] == "history-ngo"
    assert created["activity"]["via"] == "graphql" and created["activity"]["source"] == "graphql:history-ngo"
    every = ok(post(client, HISTORY, {"p": "history-ngo", "id": "H-1", "actions": ["UNCHANGED"]}))
    assert [entry["action"] for entry in every["project"]["history"]] == ["UNCHANGED"]
    # nothing was deleted: the project is kept, withdrawn
    kept = seeded.read("MATCH (p:Project {partner: 'history-ngo'}) RETURN p.withdrawn AS withdrawn")
    assert kept == [{"withdrawn": True}]


def test_rejected_records_are_in_the_history_with_their_reasons(client: TestClient, seeded: Graph) -> None:
    key = account_headers(seeded, "partner", "rejecting-ngo")
    since = dt.datetime.now(dt.UTC).isoformat()
    bad = project("RJ-1", countries=[{"iso2": "XX", "percentage": 100.0}])
    ok(post(client, UPSERT, {"input": [bad]}, **key))
    query = 'query($s: DateTime!) { changes(since: $s, partner: "rejecting-ngo") { nodes { action reasons project { iri } } } }'
    nodes = ok(post(client, query, {"s": since}))["changes"]["nodes"]
    assert len(nodes) == 1 and nodes[0]["action"] == "REJECTED" and nodes[0]["project"] is None
    assert any("XX" in reason or "countr" in reason for reason in nodes[0]["reasons"]), nodes


def test_changes_since_pages_through_what_changed(client: TestClient, seeded: Graph) -> None:
    key = account_headers(seeded, "partner", "paging-ngo")
    ok(post(client, UPSERT, {"input": [project("CH-0")]}, **key))
    since = dt.datetime.now(dt.UTC).isoformat()
    for number in range(1, 6):
        countries = [{"iso2": "KE" if number % 2 else "NG", "percentage": 100.0}]
        ok(post(client, UPSERT, {"input": [project(f"CH-{number}", countries=countries)]}, **key))
    ok(post(client, UPSERT, {"input": [project("CH-0")]}, **key))  # unchanged: not a change

    seen: list[str] = []
    after = None
    while True:
        page = ok(
            post(client, CHANGES, {"since": since, "partner": "paging-ngo", "first": 2, "after": after})
        )
        found = page["changes"]
        assert found["totalCount"] == 5
        seen.extend(node["identifier"] for node in found["nodes"])
        assert all(node["action"] == "CREATED" for node in found["nodes"])
        if not found["pageInfo"]["hasNextPage"]:
            break
        after = found["pageInfo"]["endCursor"]
    assert seen == [f"CH-{n}" for n in range(1, 6)]
    kenya = ok(post(client, CHANGES, {"since": since, "partner": "paging-ngo", "country": "KE"}))["changes"]
    assert [node["identifier"] for node in kenya["nodes"]] == ["CH-1", "CH-3", "CH-5"]
    with_unchanged = ok(
        post(client, CHANGES, {"since": since, "partner": "paging-ngo", "actions": ["UNCHANGED"]})
    )["changes"]
    assert [node["identifier"] for node in with_unchanged["nodes"]] == ["CH-0"]
    later = dt.datetime.now(dt.UTC).isoformat()
    assert ok(post(client, CHANGES, {"since": later, "partner": "paging-ngo"}))["changes"]["totalCount"] == 0
    naive = post(client, CHANGES, {"since": "2026-01-01T00:00:00"})
    assert naive["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


def test_the_rdf_export_carries_the_sync_activities(client: TestClient, seeded: Graph) -> None:
    key = account_headers(seeded, "partner", "rdf-ngo")
    ok(post(client, UPSERT, {"input": [project("RDF-1")]}, **key))
    data, _, _ = export_rdf(seeded)
    activities = set(data.subjects(RDF.type, CG.SyncActivity))
    changes = set(data.subjects(RDF.type, CG.Change))
    assert activities and changes
    made_in = {(change, activity) for change, activity in data.subject_objects(CG.madeIn)}
    assert all(activity in activities for _, activity in made_in) and len(made_in) == len(changes)
    performed = set(data.objects(None, CG.performedBy))
    assert any(str(agent).endswith("/id/account/rdf-ngo") for agent in performed)
    assert any(isinstance(o, URIRef) for o in data.objects(None, CG.changeOf))


def test_coverage_as_of_a_past_date_counts_a_project_withdrawn_since(
    client: TestClient, seeded: Graph
) -> None:
    key = account_headers(seeded, "partner", "coverage-ngo")
    query = """query($d: Date!) { coverage(asOf: $d, filter: {country: "TD"}) { themeNotation projects } }"""
    today, yesterday = dt.date.today(), dt.date.today() - dt.timedelta(days=1)

    def counted(day: dt.date) -> int:
        cells = ok(post(client, query, {"d": day.isoformat()}))["coverage"]
        return sum(cell["projects"] for cell in cells if cell["themeNotation"] == "shelter-and-assistance")

    shelter = project("COV-1", countries=[{"iso2": "TD", "percentage": 100.0}], plannedStart="2020-01-01")
    ok(post(client, UPSERT, {"input": [shelter]}, **key))
    active = counted(today)
    assert active >= 1 and counted(yesterday) == active
    ok(post(client, WITHDRAW, {"id": "COV-1"}, **key))
    assert counted(today) == active - 1
    assert counted(yesterday) == active
