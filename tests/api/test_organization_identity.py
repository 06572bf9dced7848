"""GraphQL for organization identity: candidates found on load, and admin merges and splits with provenance."""

from __future__ import annotations

from typing import Any

import pytest
from starlette.testclient import TestClient

from graph.store import Graph
from tests.api.conftest import account_headers, data, post

pytestmark = pytest.mark.neo4j
UPSERT = """
mutation($input: [ProjectInput!]!) {
  upsertProjects(partner: "ngo-identity", input: $input) { identifier status }
}"""
BY_IRI = "query($iri: ID!) { organization(iri: $iri) { name } }"
NAMES = "query($iri: ID!) { organization(iri: $iri) { names { text language } } }"
CANDIDATES = "{ organizationCandidates { iri score evidence decision organizationA { iri name } organizationB { iri name } } }"


def _project(identifier: str, organization: str) -> dict[str, Any]:
    return {
        "identifier": identifier,
        "titles": [{"text": f"Support {identifier}", "language": "en"}],
        "status": "IMPLEMENTATION",
        "plannedStart": "2024-01-01",
        "countries": [{"iso2": "NG", "percentage": 100.0}],
        "participations": [{"role": "IMPLEMENTING", "organizationName": organization, "organizationType": "NATIONAL_NGO"}],
        "themes": ["SHELTER_AND_ASSISTANCE"],
    }


def test_candidates_merge_and_split(client: TestClient, seeded: Graph) -> None:
    partner = account_headers(seeded, "partner", "ngo-identity")  # syncs its own projects
    auth = account_headers(seeded, "admin")  # merges and splits organizations
    names = ("Zawadi Migrant Support Network", "Zawadi Migrants Support Network")
    written = post(client, UPSERT, {"input": [_project("ID-1", names[0]), _project("ID-2", names[1])]}, **partner)
    assert [r["status"] for r in written["data"]["upsertProjects"]] == ["CREATED", "CREATED"], written
    found = [
        c for c in data(client, CANDIDATES)["organizationCandidates"]
        if {c["organizationA"]["name"], c["organizationB"]["name"]} == set(names)
    ]
    assert len(found) == 1 and found[0]["decision"] == "open" and found[0]["evidence"]
    keep, absorb = found[0]["organizationA"]["iri"], found[0]["organizationB"]["iri"]
    merge = (
        "mutation($a: ID!, $b: ID!, $r: String!) { mergeOrganizations(keep: $a, absorb: $b, reason: $r) "
        "{ merge names survivor { iri } } }"
    )
    refused = post(client, merge, {"a": keep, "b": absorb, "r": "same NGO"})
    assert refused["errors"] and not (refused.get("data") or {}).get("mergeOrganizations")
    merged = post(client, merge, {"a": keep, "b": absorb, "r": "same NGO"}, **auth)["data"]["mergeOrganizations"]
    assert merged["survivor"]["iri"] == keep and merged["names"]
    assert data(client, BY_IRI, {"iri": absorb})["organization"] is None
    kept = data(client, NAMES, {"iri": keep})["organization"]
    assert {"text": names[1], "language": None} in kept["names"] or {"text": names[0], "language": None} in kept["names"]
    assert len({n["text"] for n in kept["names"]} & set(names)) == 2
    split = "mutation($m: ID!, $r: String!) { splitOrganizations(merge: $m, reason: $r) { absorbed } }"
    done = post(client, split, {"m": merged["merge"], "r": "two NGOs"}, **auth)
    assert done["data"]["splitOrganizations"]["absorbed"] == absorb
    assert data(client, BY_IRI, {"iri": absorb})["organization"]["name"] in names

