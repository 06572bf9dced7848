"""The network overview on the hand-built fixture: every weight equals a count worked out from the fixture."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from graph.records import wipe
from graph.store import Graph
from queries.errors import InvalidFilter
from queries.filters import Filters
from queries.gaps import GapKind, gaps
from queries.overlaps import overlaps
from queries.overview import Level, network_overview
from queries.overview_findings import overview_findings
from tests.queries.fixture import AS_OF, fixture_world
from tests.queries.overview_oracle import expected_overview
from tests.queries.world import iri

pytestmark = pytest.mark.neo4j


@pytest.fixture(scope="module")
def fixture_graph(graph: Graph) -> Iterator[Graph]:
    wipe(graph)
    fixture_world().load(graph)
    yield graph
    wipe(graph)


@pytest.mark.parametrize("level", list(Level))
@pytest.mark.parametrize("day", [AS_OF, date(2024, 6, 1), date(2019, 1, 1), None])
def test_weights_are_the_active_projects_of_the_fixture(
    fixture_graph: Graph, level: Level, day: date | None
) -> None:
    expected = expected_overview(fixture_world(), day, region_level=level is Level.REGION)
    found = network_overview(fixture_graph, day, level=level)
    assert found.projects == len(expected.projects)
    assert {o.iri: o.projects for o in found.organizations} == {k: len(v) for k, v in expected.by_org.items()}
    assert {p.key: p.projects for p in found.places} == {k: len(v) for k, v in expected.by_place.items()}
    assert {(x.organization, x.place): x.projects for x in found.links} == {
        k: len(v) for k, v in expected.by_link.items()
    }
    assert {(x.organization, x.place): {m.currency: m.amount for m in x.budgets} for x in found.links} == {
        k: dict(v) for k, v in expected.link_budget.items() if v
    } | {k: {} for k, v in expected.by_link.items() if not expected.link_budget.get(k)}
    assert {p.key: {m.currency: m.amount for m in p.budgets} for p in found.places} == {
        k: dict(expected.place_budget.get(k, {})) for k in expected.by_place
    }
    # How many places each organization works in, and how many organizations in each place.
    assert {o.iri: o.places for o in found.organizations} == {
        org: len({place for (o, place) in expected.by_link if o == org}) for org in expected.by_org
    }
    assert {p.key: p.organizations for p in found.places} == {
        place: len({o for (o, pl) in expected.by_link if pl == place}) for place in expected.by_place
    }
    assert (found.organizations_left_out, found.places_left_out, found.links_left_out) == (0, 0, 0)


def test_the_as_of_rule_changes_the_answer_as_the_fixture_says(fixture_graph: Graph) -> None:
    # p4 (NAPTIP, Nigeria) ended in 2024; p2 (La Strada) started in 2025 although planned for mid-2024.
    before = network_overview(fixture_graph, date(2024, 6, 1))
    now = network_overview(fixture_graph, AS_OF)
    assert iri("org", "naptip") in {o.iri for o in before.organizations}
    assert iri("org", "naptip") not in {o.iri for o in now.organizations}
    assert (iri("org", "strada"), "GH") not in {(x.organization, x.place) for x in before.links}
    assert (iri("org", "strada"), "GH") in {(x.organization, x.place) for x in now.links}


def test_top_n_keeps_the_heaviest_and_counts_what_it_left_out(fixture_graph: Graph) -> None:
    expected = expected_overview(fixture_world(), AS_OF)
    full = network_overview(fixture_graph, AS_OF)
    found = network_overview(fixture_graph, AS_OF, organization_limit=2, place_limit=1, link_limit=1)
    heaviest_orgs = sorted(expected.by_org, key=lambda o: (-len(expected.by_org[o]), o))[:2]
    heaviest_place = max(expected.by_place, key=lambda k: len(expected.by_place[k]))
    assert [o.iri for o in found.organizations] == heaviest_orgs
    assert [p.key for p in found.places] == [heaviest_place]
    between = {
        k: len(v) for k, v in expected.by_link.items() if k[0] in heaviest_orgs and k[1] == heaviest_place
    }
    assert [(x.organization, x.place) for x in found.links] == [
        max(between, key=lambda k: (between[k], k[0]))
    ][:1]
    assert found.organizations_left_out == len(expected.by_org) - 2
    assert found.places_left_out == len(expected.by_place) - 1
    assert found.links_left_out == len(expected.by_link) - 1
    # The weights of what is shown do not depend on the limits.
    assert {o.iri: o.projects for o in found.organizations} == {
        o.iri: o.projects for o in full.organizations if o.iri in heaviest_orgs
    }


def test_mechanisms_group_the_shown_members_on_the_date(fixture_graph: Graph) -> None:
    world = fixture_world()
    shown = {o.iri for o in network_overview(fixture_graph, AS_OF).organizations}
    found = {m.iri: set(m.members) for m in network_overview(fixture_graph, AS_OF).mechanisms}
    expected: dict[str, set[str]] = {}
    for m in world.memberships:
        if (
            (m.start is None or m.start <= AS_OF)
            and (m.end is None or m.end >= AS_OF)
            and iri("org", m.member) in shown
        ):
            expected.setdefault(iri("org", m.mechanism), set()).add(iri("org", m.member))
    assert found == expected
    assert iri("org", "strada") not in found[iri("org", "icat")]  # its ICAT membership ended in 2020


def test_filters_narrow_the_overview(fixture_graph: Graph) -> None:
    ukraine = network_overview(fixture_graph, AS_OF, Filters(country="UA"))
    assert [p.key for p in ukraine.places] == ["UA"]
    assert [o.iri for o in ukraine.organizations] == [iri("org", "strada")]
    smuggling = network_overview(fixture_graph, AS_OF, Filters(crime_type="smuggling-of-migrants"))
    assert [(x.organization, x.place, x.projects) for x in smuggling.links] == [
        (iri("org", "unodc"), "NG", 1)
    ]
    with pytest.raises(InvalidFilter, match="organization limit"):
        network_overview(fixture_graph, AS_OF, organization_limit=-1)


@pytest.mark.parametrize("level", list(Level))
def test_findings_count_the_analytics_per_place(fixture_graph: Graph, level: Level) -> None:
    region = {c.iso2: c.regions[0] for c in fixture_world().countries}
    place = (lambda iso2: region[iso2]) if level is Level.REGION else (lambda iso2: iso2)
    found = overview_findings(fixture_graph, AS_OF, level=level)
    expected_overlaps: dict[str, int] = {}
    for o in overlaps(fixture_graph, AS_OF, limit=None):
        expected_overlaps[place(o.country)] = expected_overlaps.get(place(o.country), 0) + 1
    expected_gaps: dict[str, dict[GapKind, int]] = {}
    for g in gaps(fixture_graph, AS_OF):
        if g.country is not None:
            kinds = expected_gaps.setdefault(place(g.country), {})
            kinds[g.kind] = kinds.get(g.kind, 0) + 1
    assert expected_overlaps and expected_gaps, "the fixture has overlaps and gaps"
    assert {p.key: p.overlaps for p in found.places if p.overlaps} == expected_overlaps
    assert {p.key: dict(p.gaps) for p in found.places if p.gaps} == expected_gaps
    assert dict(found.unplaced_gaps) == {GapKind.NO_JOINT_PROJECT: 1}
