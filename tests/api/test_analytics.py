"""Coverage, overlaps and gaps as GraphQL fields give what queries/ computes, with the analytics filters."""

from __future__ import annotations

import datetime as dt

import pytest
from starlette.testclient import TestClient

from graph.store import Graph
from queries.coverage import coverage
from queries.filters import Filters
from queries.gaps import gaps
from queries.overlaps import overlaps
from tests.api.conftest import data, post

pytestmark = pytest.mark.neo4j
DAY = dt.date(2022, 6, 1)


def test_coverage_matches_the_analytics(client: TestClient, seeded: Graph) -> None:
    cells = data(
        client,
        '{ coverage(asOf: "2022-06-01", filter: {region: "202"}) { countryCode themeNotation projects organizations '
        "budgets { currency amount } country { name } theme { prefLabel } } }",
    )["coverage"]
    expected = coverage(seeded, DAY, Filters(region="202"))
    assert expected, "the seed must give coverage in sub-Saharan Africa"
    assert [(c["countryCode"], c["themeNotation"], c["projects"], c["organizations"]) for c in cells] == [
        (cell.country, cell.theme, cell.projects, cell.organizations) for cell in expected
    ]
    assert all(c["country"]["name"] in ("Nigeria", "Kenya") for c in cells)


def test_overlaps_and_gaps_match_the_analytics(client: TestClient, seeded: Graph) -> None:
    found = data(
        client,
        '{ overlaps(asOf: "2022-06-01") { countryCode themeNotation actorA { iri name projects { totalCount } } '
        "actorB { iri } projectsA { iri identifier participations { organization { iri } } } sharesA { projectIri amount } "
        "combinedBudget { amount } } "
        'gaps(asOf: "2022-06-01") { kind countryCode themeNotation reason related } }',
    )
    expected_overlaps = overlaps(seeded, DAY, Filters())
    assert expected_overlaps, "the seed must give overlaps"
    assert [
        (o["countryCode"], o["themeNotation"], o["actorA"]["iri"], o["actorB"]["iri"])
        for o in found["overlaps"]
    ] == [(o.country, o.theme, o.actor_a.iri, o.actor_b.iri) for o in expected_overlaps]
    assert all(o["actorA"]["name"] and o["actorA"]["projects"]["totalCount"] for o in found["overlaps"])
    # The overlap's projects are the graph's Projects (walkable), and they are actorA's.
    for overlap, expected in zip(found["overlaps"], expected_overlaps, strict=True):
        assert [p["iri"] for p in overlap["projectsA"]] == [p.iri for p in expected.projects_a]
        assert [s["projectIri"] for s in overlap["sharesA"]] == [p.iri for p in expected.projects_a]
        assert all(
            overlap["actorA"]["iri"] in [x["organization"]["iri"] for x in p["participations"]]
            for p in overlap["projectsA"]
        )
    expected_gaps = gaps(seeded, DAY, Filters())
    assert expected_gaps, "the seed must give gaps"
    assert [(g["kind"], g["reason"]) for g in found["gaps"]] == [
        (g.kind.name, g.reason) for g in expected_gaps
    ]


def test_bad_analytics_filter_is_bad_user_input(client: TestClient) -> None:
    body = post(client, '{ coverage(filter: {country: "Narnia"}) { projects } }')
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert "ISO 3166-1" in body["errors"][0]["message"]


def test_overlaps_are_capped_by_limit(client: TestClient, seeded: Graph) -> None:
    first = data(client, '{ overlaps(asOf: "2022-06-01", limit: 1) { actorA { iri } actorB { iri } } }')[
        "overlaps"
    ]
    expected = overlaps(seeded, DAY, Filters(), limit=1)
    assert len(first) == 1 == len(expected)
    assert (first[0]["actorA"]["iri"], first[0]["actorB"]["iri"]) == (
        expected[0].actor_a.iri,
        expected[0].actor_b.iri,
    )
    body = post(client, "{ overlaps(limit: 0) { countryCode } }")
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert "limit 0" in body["errors"][0]["message"]
