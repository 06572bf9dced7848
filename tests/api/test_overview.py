"""networkOverview over GraphQL on the hand-built fixture: weights, the as-of rule, top-N and the drill-down."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from starlette.testclient import TestClient

from api.app import create_app
from graph.records import wipe
from graph.store import Graph
from tests.api.conftest import data, post
from tests.queries.fixture import AS_OF, fixture_world
from tests.queries.overview_oracle import expected_overview
from tests.queries.world import iri

pytestmark = pytest.mark.neo4j

OVERVIEW = """query($asOf: Date, $level: PlaceLevel!, $orgs: Int!, $places: Int!, $links: Int!) {
  networkOverview(asOf: $asOf, level: $level, organizationLimit: $orgs, placeLimit: $places, linkLimit: $links) {
    asOf level projects organizationsLeftOut placesLeftOut linksLeftOut
    organizations { iri name kind projects places budgets { currency amount } }
    places { key name region projects organizations }
    links { organization place projects budgets { currency amount } }
    mechanisms { iri shortName members }
  }
}"""


@pytest.fixture(scope="module")
def fixture_client(graph: Graph) -> Iterator[TestClient]:
    wipe(graph)
    fixture_world().load(graph)
    with TestClient(create_app(graph=graph)) as client:
        yield client
    wipe(graph)


def overview(
    client: TestClient, day: date, level: str = "COUNTRY", orgs: int = 60, places: int = 80, links: int = 600
):  # type: ignore[no-untyped-def]
    variables = {"asOf": day.isoformat(), "level": level, "orgs": orgs, "places": places, "links": links}
    return data(client, OVERVIEW, variables)["networkOverview"]


@pytest.mark.parametrize("day", [AS_OF, date(2024, 6, 1)])
@pytest.mark.parametrize("level", ["COUNTRY", "REGION"])
def test_weights_equal_the_fixtures_active_projects(
    fixture_client: TestClient, day: date, level: str
) -> None:
    expected = expected_overview(fixture_world(), day, region_level=level == "REGION")
    found = overview(fixture_client, day, level)
    assert found["asOf"] == day.isoformat() and found["level"] == level
    assert found["projects"] == len(expected.projects)
    assert {o["iri"]: o["projects"] for o in found["organizations"]} == {
        k: len(v) for k, v in expected.by_org.items()
    }
    assert {p["key"]: p["projects"] for p in found["places"]} == {
        k: len(v) for k, v in expected.by_place.items()
    }
    assert {(x["organization"], x["place"]): x["projects"] for x in found["links"]} == {
        k: len(v) for k, v in expected.by_link.items()
    }
    assert {
        (x["organization"], x["place"]): {m["currency"]: m["amount"] for m in x["budgets"]}
        for x in found["links"]
    } == {k: dict(v) for k, v in expected.link_budget.items()}


def test_top_n_and_left_out_counts(fixture_client: TestClient) -> None:
    expected = expected_overview(fixture_world(), AS_OF)
    found = overview(fixture_client, AS_OF, orgs=1, places=2, links=1)
    assert len(found["organizations"]) == 1 and len(found["places"]) == 2 and len(found["links"]) == 1
    assert found["organizationsLeftOut"] == len(expected.by_org) - 1
    assert found["placesLeftOut"] == len(expected.by_place) - 2
    assert found["linksLeftOut"] == len(expected.by_link) - 1
    assert found["organizations"][0]["projects"] == max(len(v) for v in expected.by_org.values())


def test_a_link_drills_down_to_exactly_its_projects(fixture_client: TestClient) -> None:
    expected = expected_overview(fixture_world(), AS_OF)
    for link in overview(fixture_client, AS_OF)["links"]:
        page = data(
            fixture_client,
            "query($f: ProjectFilter) { projects(filter: $f, first: 50) { totalCount nodes { iri } } }",
            {
                "f": {
                    "organizations": [link["organization"]],
                    "roles": ["IMPLEMENTING"],
                    "countries": [link["place"]],
                    "activeAsOf": AS_OF.isoformat(),
                }
            },
        )["projects"]
        assert page["totalCount"] == link["projects"]
        assert {n["iri"] for n in page["nodes"]} == expected.by_link[(link["organization"], link["place"])]


def test_findings_name_the_places_with_overlaps_and_gaps(fixture_client: TestClient) -> None:
    found = data(
        fixture_client,
        '{ networkFindings(asOf: "2025-06-01") { places { key overlaps opportunities gaps { kind count } } '
        "organizations { iri overlaps } unplacedGaps { kind count } overlapsComplete } }",
    )["networkFindings"]
    assert found["overlapsComplete"] is True
    places = {p["key"]: p for p in found["places"]}
    assert places["NG"]["overlaps"] > 0
    assert iri("org", "iom") in {o["iri"] for o in found["organizations"]}
    assert {"kind": "NO_JOINT_PROJECT", "count": 1} in found["unplacedGaps"]


def test_a_bad_limit_is_bad_user_input(fixture_client: TestClient) -> None:
    body = post(fixture_client, "{ networkOverview(organizationLimit: -3) { projects } }")
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert "organization limit -3" in body["errors"][0]["message"]
