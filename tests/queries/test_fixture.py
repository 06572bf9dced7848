"""Each analytics query on the hand-built fixture (tests/queries/fixture.py), answers worked out by hand."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date

import pytest

from graph.records import wipe
from graph.store import Graph
from queries.coverage import coverage
from queries.errors import InvalidFilter
from queries.filters import Filters
from queries.gaps import GapKind, gaps
from queries.money import Money
from queries.overlaps import overlap_of, overlap_projects, overlaps
from queries.similarity import actor_similarity
from tests.queries.fixture import AS_OF, fixture_world
from tests.queries.world import iri

pytestmark = pytest.mark.neo4j


@pytest.fixture(scope="module")
def fixture_graph(graph: Graph) -> Iterator[Graph]:
    wipe(graph)
    fixture_world().load(graph)
    yield graph
    wipe(graph)


def cells(graph: Graph, **filters: str) -> dict[tuple[str, str], tuple[int, int, tuple[Money, ...]]]:
    return {
        (c.country, c.theme): (c.projects, c.organizations, c.budgets)
        for c in coverage(graph, AS_OF, Filters(**filters))
    }


USD, EUR = "USD", "EUR"


def test_coverage_rolls_narrower_themes_up_and_splits_budget_by_allocation(fixture_graph: Graph) -> None:
    # p4 has ended and p5 is cancelled; p2 is 60% Nigeria, 40% Ghana.
    assert cells(fixture_graph) == {
        ("NG", "shelter-and-assistance"): (2, 2, (Money(USD, 130000.0),)),
        ("NG", "protection"): (3, 3, (Money(USD, 160000.0),)),
        ("GH", "protection"): (1, 1, (Money(USD, 20000.0),)),
        ("NG", "awareness-raising"): (1, 1, (Money(EUR, 20000.0),)),
        ("NG", "prevention"): (1, 1, (Money(EUR, 20000.0),)),
        ("UA", "prevention"): (1, 1, (Money(EUR, 10000.0),)),
    }


def test_coverage_filters(fixture_graph: Graph) -> None:
    assert set(cells(fixture_graph, country="ng")) == {
        ("NG", "shelter-and-assistance"),
        ("NG", "protection"),
        ("NG", "awareness-raising"),
        ("NG", "prevention"),
    }
    assert {key[0] for key in cells(fixture_graph, region="011")} == {"NG", "GH"}
    assert {key[0] for key in cells(fixture_graph, region="Eastern Europe")} == {"UA"}
    assert set(cells(fixture_graph, theme="protection")) == {
        ("NG", "shelter-and-assistance"),
        ("NG", "protection"),
        ("GH", "protection"),
    }
    assert set(cells(fixture_graph, crime_type="smuggling-of-migrants")) == {
        ("NG", "awareness-raising"),
        ("NG", "prevention"),
    }
    # ICAT keeps its current members' projects: iom's p1, unodc's p3 and p7 (La Strada left in 2020).
    assert cells(fixture_graph, mechanism="icat") == {
        ("NG", "shelter-and-assistance"): (2, 2, (Money(USD, 130000.0),)),
        ("NG", "protection"): (2, 2, (Money(USD, 130000.0),)),
        ("NG", "awareness-raising"): (1, 1, (Money(EUR, 20000.0),)),
        ("NG", "prevention"): (1, 1, (Money(EUR, 20000.0),)),
    }
    ngo = {
        (("NG", "protection"), (1, 1, (Money(USD, 30000.0),))),
        (("GH", "protection"), (1, 1, (Money(USD, 20000.0),))),
        (("UA", "prevention"), (1, 1, (Money(EUR, 10000.0),))),
    }
    assert set(cells(fixture_graph, org_type="NGO").items()) == ngo
    assert set(cells(fixture_graph, org_type="22").items()) == ngo
    assert cells(fixture_graph, country="NG", theme="prevention") == {
        ("NG", "awareness-raising"): (1, 1, (Money(EUR, 20000.0),)),
        ("NG", "prevention"): (1, 1, (Money(EUR, 20000.0),)),
    }


def test_coverage_on_another_date(fixture_graph: Graph) -> None:
    # On 2020-06-01 only naptip's p4 ran (p5 is cancelled, the others had not started).
    found = coverage(fixture_graph, date(2020, 6, 1))
    assert {(c.country, c.theme, c.projects) for c in found} == {
        ("NG", "shelter-and-assistance", 1),
        ("NG", "protection", 1),
    }


def test_overlaps(fixture_graph: Graph) -> None:
    found = overlaps(fixture_graph, AS_OF)
    summary = [(o.country, o.theme, o.actor_a.iri, o.actor_b.iri, o.coordination_opportunity) for o in found]
    # strada and unodc share no mechanism (strada left ICAT in 2020): the only opportunity, listed first.
    assert summary == [
        ("NG", "protection", iri("org", "strada"), iri("org", "unodc"), True),
        ("NG", "protection", iri("org", "iom"), iri("org", "strada"), False),
        ("NG", "protection", iri("org", "iom"), iri("org", "unodc"), False),
        ("NG", "shelter-and-assistance", iri("org", "iom"), iri("org", "unodc"), False),
    ]
    opportunity = found[0]
    assert (opportunity.project_count_a, opportunity.project_count_b) == (1, 1)
    lists = overlap_projects(fixture_graph, found)
    assert [p.iri for p in lists[0].projects_a] == [iri("project", "p2")]
    assert [p.iri for p in lists[0].projects_b] == [iri("project", "p7")]
    assert [(len(x.projects_a), len(x.projects_b)) for x in lists] == [
        (o.project_count_a, o.project_count_b) for o in found
    ]
    assert (opportunity.start, opportunity.end) == (date(2025, 5, 1), date(2025, 9, 30))
    assert opportunity.combined_budget == (Money(USD, 60000.0),)
    iom_strada = found[1]
    assert iom_strada.shared_mechanisms == (iri("org", "gmg"),)
    assert (iom_strada.start, iom_strada.end) == (date(2025, 1, 1), date(2025, 12, 31))
    assert iom_strada.combined_budget == (Money(USD, 130000.0),)
    assert found[2].shared_mechanisms == (iri("org", "icat"),)
    assert found[2].actor_a.kind == "Agency"
    assert [
        (o.actor_a.iri, o.actor_b.iri) for o in overlaps(fixture_graph, AS_OF, Filters(org_type="Agency"))
    ] == [
        (iri("org", "iom"), iri("org", "unodc")),
        (iri("org", "iom"), iri("org", "unodc")),
    ]
    assert overlaps(fixture_graph, AS_OF, Filters(country="UA")) == []


def test_one_overlap_asked_on_demand_is_the_listed_one(fixture_graph: Graph) -> None:
    listed = overlaps(fixture_graph, AS_OF)
    for o in listed:
        # the actors in either order, the country in any case: the same overlap, sides as listed
        one = overlap_of(
            fixture_graph, AS_OF, None, o.country.lower(), o.theme, (o.actor_b.iri, o.actor_a.iri)
        )
        assert one is not None
        assert replace(one, scope=o.scope) == o
        assert overlap_projects(fixture_graph, [one]) == overlap_projects(fixture_graph, [o])
    strada, unodc, iom = iri("org", "strada"), iri("org", "unodc"), iri("org", "iom")
    # the filters apply as in the list: La Strada is no agency, so under the Agency filter it overlaps nobody
    assert (
        overlap_of(fixture_graph, AS_OF, Filters(org_type="Agency"), "NG", "protection", (strada, unodc))
        is None
    )
    agencies = overlap_of(
        fixture_graph, AS_OF, Filters(org_type="Agency", region="011"), "NG", "protection", (iom, unodc)
    )
    assert agencies is not None and (agencies.actor_a.iri, agencies.actor_b.iri) == (iom, unodc)
    # two actors that do not overlap in a cell (no La Strada project on shelter there)
    assert overlap_of(fixture_graph, AS_OF, None, "NG", "shelter-and-assistance", (strada, unodc)) is None


@pytest.mark.parametrize(
    ("filters", "country", "theme", "named"),
    [
        (Filters(country="GH"), "NG", "protection", "country 'NG' is outside the filter's country 'GH'"),
        (
            Filters(region="Eastern Europe"),
            "NG",
            "protection",
            "country 'NG' is outside the filter's region '151'",
        ),
        (
            Filters(theme="shelter-and-assistance"),
            "NG",
            "protection",
            "theme 'protection' is neither the filter's theme 'shelter-and-assistance' nor narrower",
        ),
        (None, "N1", "protection", "country 'N1' is not an ISO 3166-1 alpha-2 code"),
        (None, "NG", "no-such-theme", "theme 'no-such-theme' is not a theme notation"),
    ],
)
def test_one_overlap_outside_the_filters_is_named(
    fixture_graph: Graph, filters: Filters | None, country: str, theme: str, named: str
) -> None:
    with pytest.raises(InvalidFilter, match=named):
        overlap_of(fixture_graph, AS_OF, filters, country, theme, (iri("org", "iom"), iri("org", "unodc")))


def test_overlaps_limit_keeps_the_first_ranked(fixture_graph: Graph) -> None:
    found = overlaps(fixture_graph, AS_OF, limit=None)
    # Opportunities first, then the largest combined budget (iom-strada 130000 before the iom-unodc pairs).
    assert [sum(m.amount for m in o.combined_budget) for o in found[1:]] == sorted(
        (sum(m.amount for m in o.combined_budget) for o in found[1:]), reverse=True
    )
    assert overlaps(fixture_graph, AS_OF, limit=2) == found[:2]
    assert overlaps(fixture_graph, AS_OF, limit=1) == found[:1]
    with pytest.raises(InvalidFilter, match="limit 0 must be a positive number of overlaps"):
        overlaps(fixture_graph, AS_OF, limit=0)


def test_actor_similarity(fixture_graph: Graph) -> None:
    pairs = [(p.actor_a.iri, p.actor_b.iri, p.jaccard, p.shared) for p in actor_similarity(fixture_graph)]
    shelter = (("NG", "shelter-and-assistance"),)
    assert pairs == [
        (iri("org", "iom"), iri("org", "naptip"), 1.0, shelter),
        (iri("org", "iom"), iri("org", "unodc"), 0.5, shelter),
        (iri("org", "naptip"), iri("org", "unodc"), 0.5, shelter),
    ]
    assert len(actor_similarity(fixture_graph, limit=1)) == 1
    current = actor_similarity(fixture_graph, as_of=AS_OF)
    assert [(p.actor_a.iri, p.actor_b.iri, p.jaccard, p.cells_a, p.cells_b) for p in current] == [
        (iri("org", "iom"), iri("org", "unodc"), 0.5, 1, 2)
    ]


def test_gaps(fixture_graph: Graph) -> None:
    found = {(g.kind, g.country, g.theme) for g in gaps(fixture_graph, AS_OF)}
    assert found == {
        (GapKind.OBLIGATION, "GH", "prevention"),
        (GapKind.OBLIGATION, "GH", "shelter-and-assistance"),
        (GapKind.OBLIGATION, "UA", "awareness-raising"),
        (GapKind.OBLIGATION, "UA", "protection"),
        (GapKind.COMMITMENT, "UA", "shelter-and-assistance"),
        (GapKind.COMMITMENT, "GH", "prevention"),
        (GapKind.NO_JOINT_PROJECT, None, None),
        (GapKind.SINGLE_ACTOR_KIND, "GH", None),
        (GapKind.SINGLE_ACTOR_KIND, "UA", None),
        (GapKind.GRANT_ONLY, "GH", "shelter-and-assistance"),
        (GapKind.NO_GRANT, "NG", "protection"),
        (GapKind.NO_GRANT, "NG", "shelter-and-assistance"),
    }


def test_gap_reasons_and_related(fixture_graph: Graph) -> None:
    by_kind = {g.kind: g for g in gaps(fixture_graph, AS_OF, kinds=["commitment", "no-joint-project"])}
    assert set(by_kind) == {GapKind.COMMITMENT, GapKind.NO_JOINT_PROJECT}
    pledge = next(g for g in gaps(fixture_graph, AS_OF, kinds=[GapKind.COMMITMENT]) if g.country == "UA")
    assert "is due on 2025-07-15 (in 44 days)" in pledge.reason
    assert "La Strada" in pledge.reason
    assert pledge.related == (iri("pledge", "k1"), iri("org", "strada"))
    joint = by_kind[GapKind.NO_JOINT_PROJECT]
    assert joint.related == (iri("org", "gmg"), iri("org", "iom"), iri("org", "strada"))
    assert "GMG" in joint.reason
    obligation = next(
        g
        for g in gaps(fixture_graph, AS_OF, kinds=["obligation"])
        if (g.country, g.theme) == ("UA", "protection")
    )
    assert obligation.related == (iri("instrument", "som"), iri("obligation", "som-16"))
    assert "Smuggling of Migrants Protocol" in obligation.reason and "article 16" in obligation.reason


def test_gaps_with_filters_and_horizon(fixture_graph: Graph) -> None:
    ghana = {(g.kind, g.theme) for g in gaps(fixture_graph, AS_OF, Filters(country="GH"))}
    assert ghana == {
        (GapKind.OBLIGATION, "prevention"),
        (GapKind.OBLIGATION, "shelter-and-assistance"),
        (GapKind.COMMITMENT, "prevention"),
        (GapKind.SINGLE_ACTOR_KIND, None),
        (GapKind.GRANT_ONLY, "shelter-and-assistance"),
    }
    # With no horizon the pledge due on 2025-07-15 is not yet a gap; with 250 days Ghana's 2026 pledge is.
    assert {g.country for g in gaps(fixture_graph, AS_OF, kinds=["commitment"], horizon_days=0)} == {"GH"}
    assert {
        (g.country, g.theme) for g in gaps(fixture_graph, AS_OF, kinds=["commitment"], horizon_days=250)
    } == {
        ("UA", "shelter-and-assistance"),
        ("GH", "prevention"),
        ("GH", "awareness-raising"),
    }


@pytest.mark.parametrize(
    ("filters", "argument"),
    [
        (Filters(country="XX"), "country 'XX'"),
        (Filters(country="NGA"), "country 'NGA'"),
        (Filters(region="999"), "region '999'"),
        (Filters(theme="nope"), "theme 'nope'"),
        (Filters(crime_type="piracy"), "crime type 'piracy'"),
        (Filters(mechanism="NOPE"), "mechanism 'NOPE'"),
        (Filters(org_type="99"), "org type '99'"),
        (Filters(org_type="charity"), "org type 'charity'"),
    ],
)
def test_invalid_filters_name_the_argument(fixture_graph: Graph, filters: Filters, argument: str) -> None:
    with pytest.raises(InvalidFilter, match=argument):
        coverage(fixture_graph, AS_OF, filters)


def test_unknown_gap_kind(fixture_graph: Graph) -> None:
    with pytest.raises(InvalidFilter, match="gap kind 'holes'"):
        gaps(fixture_graph, AS_OF, kinds=["holes"])
