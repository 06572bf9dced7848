"""Coverage, overlaps and gaps as GraphQL fields give what queries/ computes, with the analytics filters."""

from __future__ import annotations

import asyncio
import datetime as dt
from typing import Any

import pytest
from starlette.testclient import TestClient

from api.context import Context
from api.schema import schema
from graph.store import Graph, counting
from queries.coverage import coverage
from queries.filters import Filters
from queries.gaps import gaps
from queries.overlaps import overlap_projects, overlaps
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
    expected_lists = overlap_projects(seeded, expected_overlaps)
    for overlap, expected in zip(found["overlaps"], expected_lists, strict=True):
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


def test_gaps_link_typed_evidence_and_state_the_treaty_status(client: TestClient, seeded: Graph) -> None:
    found = data(
        client,
        '{ gaps(asOf: "2022-06-01", kinds: [OBLIGATION, TREATY_STATUS_UNKNOWN]) { kind countryCode '
        "instruments { iri shortName } obligations { iri article instrument { iri } } "
        "ratifications { iri date country { iso2 } instrument { iri } } "
        "treatyStatus { instrumentIri statusDate complete statesKnown states summary } } "
        'treatyStatus(asOf: "2022-06-01") { instrumentIri recordedStates statesKnown complete } }',
    )
    expected = gaps(seeded, DAY, Filters(), kinds=["obligation", "treaty-status-unknown"])
    assert [(g["kind"], g["countryCode"]) for g in found["gaps"]] == [
        (g.kind.name, g.country) for g in expected
    ]
    obligation = [g for g in found["gaps"] if g["kind"] == "OBLIGATION"]
    assert obligation, "the seed must give an obligation gap"
    for gap, domain in zip(found["gaps"], expected, strict=True):
        assert [i["iri"] for i in gap["instruments"]] == list(domain.instruments)
        assert [o["iri"] for o in gap["obligations"]] == list(domain.obligations)
        assert [r["iri"] for r in gap["ratifications"]] == list(domain.ratifications)
        assert [s["instrumentIri"] for s in gap["treatyStatus"]] == [
            s.instrument for s in domain.treaty_status
        ]
    for gap in obligation:
        instruments = {i["iri"] for i in gap["instruments"]}
        assert all(o["article"] and o["instrument"]["iri"] in instruments for o in gap["obligations"])
        assert gap["ratifications"] and all(
            r["country"]["iso2"] == gap["countryCode"] for r in gap["ratifications"]
        )
        assert all(r["instrument"]["iri"] in instruments and r["date"] for r in gap["ratifications"])
    unknown = [g for g in found["gaps"] if g["kind"] == "TREATY_STATUS_UNKNOWN"]
    assert unknown and all(
        not s["complete"] and "States' status known" in s["summary"]
        for g in unknown
        for s in g["treatyStatus"]
    )
    status = {s["instrumentIri"]: s for s in found["treatyStatus"]}
    assert status and all(
        s["statesKnown"] == s["recordedStates"] for s in status.values() if not s["complete"]
    )


OVERLAPS_ONLY = '{ overlaps(asOf: "2022-06-01") { countryCode themeNotation start end } }'
OVERLAPS_WITH_PROJECTS = (
    '{ overlaps(asOf: "2022-06-01") { countryCode projectsA { iri } projectsB { iri } '
    "sharesA { projectIri amount } sharesB { projectIri } } }"
)


def _statements(graph: Graph, query: str) -> tuple[int, Any]:
    graph.answers.clear()  # the statements a cold request sends, none answered from memory
    with counting() as counter:
        result = asyncio.run(schema.execute(query, context_value=Context(graph)))
    assert result.errors is None, result.errors
    return counter.statements, result.data


def test_overlap_projects_are_read_on_demand_in_one_batch(seeded: Graph) -> None:
    plain, listed = _statements(seeded, OVERLAPS_ONLY)
    with_projects, found = _statements(seeded, OVERLAPS_WITH_PROJECTS)
    expected = overlap_projects(seeded, overlaps(seeded, DAY, Filters()))
    assert len(found["overlaps"]) == len(listed["overlaps"]) == len(expected) >= 2
    # the lists cost one statement for every overlap of the response, plus one to read the Project nodes;
    # overlaps in several countries one more, the two degree counts that choose where the lists are read from
    several = len({overlap.country for overlap in overlaps(seeded, DAY, Filters())}) > 1
    assert with_projects == plain + 2 + several, (plain, with_projects, several)
    for overlap, lists in zip(found["overlaps"], expected, strict=True):
        assert [p["iri"] for p in overlap["projectsA"]] == [p.iri for p in lists.projects_a]
        assert [p["iri"] for p in overlap["projectsB"]] == [p.iri for p in lists.projects_b]
        assert [s["amount"] for s in overlap["sharesA"]] == [p.amount for p in lists.projects_a]
        assert [s["projectIri"] for s in overlap["sharesB"]] == [p.iri for p in lists.projects_b]
    assert any(overlap["projectsA"] for overlap in found["overlaps"])


ONE_OVERLAP = """query One($country: String!, $theme: ThemeNotation!, $a: ID!, $b: ID!, $filter: AnalyticsFilter) {
  overlap(asOf: "2022-06-01", filter: $filter, country: $country, theme: $theme, actorA: $a, actorB: $b) {
    countryCode themeNotation actorA { iri } actorB { iri } projectCountA projectCountB
    projectsA { iri } projectsB { iri } } }"""


def _enum(notation: str) -> str:
    return notation.upper().replace("-", "_")


def test_one_overlap_on_demand_is_the_listed_one_with_its_lists(client: TestClient, seeded: Graph) -> None:
    listed = overlaps(seeded, DAY, Filters())
    lists = overlap_projects(seeded, listed)
    for expected, expected_lists in zip(listed, lists, strict=True):
        variables = {
            "country": expected.country,
            "theme": _enum(expected.theme),
            "a": expected.actor_b.iri,  # either order: the overlap's own sides come back
            "b": expected.actor_a.iri,
        }
        one = data(client, ONE_OVERLAP, variables)["overlap"]
        assert (one["countryCode"], one["themeNotation"], one["actorA"]["iri"], one["actorB"]["iri"]) == (
            expected.country,
            expected.theme,
            expected.actor_a.iri,
            expected.actor_b.iri,
        )
        assert [p["iri"] for p in one["projectsA"]] == [p.iri for p in expected_lists.projects_a]
        assert [p["iri"] for p in one["projectsB"]] == [p.iri for p in expected_lists.projects_b]
        assert (one["projectCountA"], one["projectCountB"]) == (
            len(expected_lists.projects_a),
            len(expected_lists.projects_b),
        )
    first = listed[0]
    same = {"country": first.country, "theme": _enum(first.theme), "a": first.actor_a.iri}
    assert (
        data(client, ONE_OVERLAP, {**same, "b": first.actor_a.iri})["overlap"] is None
    )  # no pair with itself
    outside = post(client, ONE_OVERLAP, {**same, "b": first.actor_b.iri, "filter": {"country": "ZZ"}})
    assert outside["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert "country 'ZZ'" in outside["errors"][0]["message"]
