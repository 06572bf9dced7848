"""Property test: on random small graphs each query equals the plain-Python oracle over the same records."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import queries.overlaps as overlaps_module
from graph.records import wipe
from graph.store import Graph
from queries.catalog import projects as catalogue
from queries.catalog_filters import ProjectFilter, ProjectSort, Window
from queries.coverage import coverage
from queries.filters import Filters
from queries.gaps import gaps
from queries.overlaps import overlap_of, overlap_projects, overlaps
from queries.similarity import actor_similarity
from tests.queries.oracle import Oracle, Selection
from tests.queries.world import (
    ActionPlan,
    Country,
    Grant,
    Instrument,
    Membership,
    Obligation,
    Org,
    Pledge,
    Project,
    Ratification,
    Theme,
    World,
)

pytestmark = pytest.mark.neo4j

AS_OF = date(2025, 6, 1)
DATES = [None, date(2023, 1, 1), date(2025, 1, 1), date(2025, 6, 1), date(2025, 8, 1), date(2027, 1, 1)]
THEMES = [Theme("a"), Theme("a1", ("a",)), Theme("a11", ("a1",)), Theme("b"), Theme("b1", ("b",))]
THEME_KEYS = [t.notation for t in THEMES]
CRIMES = [Theme("tip"), Theme("som")]
COUNTRIES = [
    Country("AA", "Aland", ("1", "11")),
    Country("BB", "Bland", ("1", "12")),
    Country("CC", "Cland", ("2",)),
]
ISO2 = [c.iso2 for c in COUNTRIES]
ORGS = [
    Org("o1", "Agency", "40"),
    Org("o2", "Agency", "40"),
    Org("o3", "NGO", "22"),
    Org("o4", "NGO", "21"),
    Org("o5", "GovernmentBody", "10"),
]
MECHANISMS = [
    Org("m1", "CoordinationMechanism", "40", "Mech one", "M1"),
    Org("m2", "CoordinationMechanism", "40", "Mech two", "M2"),
]
ORG_KEYS = [o.key for o in ORGS]
ROLES = ["implementing", "implementing", "funding", "extending"]

dates = st.sampled_from(DATES)
some_themes = st.lists(st.sampled_from(THEME_KEYS), min_size=1, max_size=2, unique=True).map(tuple)


@st.composite
def projects(draw: st.DrawFn, key: str) -> Project:
    countries = draw(st.lists(st.sampled_from(ISO2), min_size=1, max_size=2, unique=True))
    pcts = [draw(st.sampled_from([None, 50.0, 25.0])) for _ in countries]
    return Project(
        key=key,
        countries=tuple(zip(countries, pcts, strict=True)),
        themes=draw(some_themes),
        participants=tuple(
            draw(
                st.lists(st.tuples(st.sampled_from(ORG_KEYS), st.sampled_from(ROLES)), min_size=0, max_size=3)
            )
        ),
        crime_types=tuple(draw(st.lists(st.sampled_from(["tip", "som"]), max_size=2, unique=True))),
        planned_start=draw(dates),
        planned_end=draw(dates),
        actual_start=draw(st.sampled_from([None, None, date(2024, 3, 1)])),
        status=draw(st.sampled_from(["2", "2", "3", "5", None])),
        withdrawn=draw(st.sampled_from([False, False, True])),
        budget=draw(st.sampled_from([None, 1000.0, 2500.0, -500.0])),  # a negative budget: a decommitment
        currency=draw(st.sampled_from(["USD", "EUR"])),
    )


@st.composite
def worlds(draw: st.DrawFn) -> World:
    n = draw(st.integers(0, 8))
    memberships = [
        Membership(
            f"ms{i}",
            draw(st.sampled_from(ORG_KEYS)),
            draw(st.sampled_from(["m1", "m2"])),
            draw(dates),
            draw(dates),
        )
        for i in range(draw(st.integers(0, 6)))
    ]
    return World(
        regions={"1": "One", "2": "Two", "11": "One-one", "12": "One-two"},
        countries=COUNTRIES,
        themes=THEMES + CRIMES,
        orgs=ORGS + MECHANISMS,
        memberships=memberships,
        projects=[draw(projects(f"p{i}")) for i in range(n)],
        instruments=[
            Instrument(
                "i1",
                "Protocol one",
                (Obligation("i1-a", "5", ("a",)), Obligation("i1-b", "6", ("b1", "a11"))),
            ),
            # A partial record of parties: States without a ratification have an unknown status.
            Instrument(
                "i2", "Protocol two", (Obligation("i2-a", "7", ("a1",)),), complete=draw(st.booleans())
            ),
        ],
        ratifications=[
            Ratification(
                f"r{i}", draw(st.sampled_from(ISO2)), draw(st.sampled_from(["i1", "i2"])), draw(dates)
            )
            for i in range(draw(st.integers(0, 3)))
        ],
        pledges=[
            Pledge(
                f"k{i}",
                draw(st.sampled_from(ISO2)),
                draw(some_themes),
                draw(dates),
                draw(st.sampled_from([None, *ORG_KEYS])),
            )
            for i in range(draw(st.integers(0, 2)))
        ],
        action_plans=[
            ActionPlan(f"a{i}", draw(st.sampled_from(ISO2)), draw(some_themes), draw(dates))
            for i in range(draw(st.integers(0, 2)))
        ],
        funds={"tf": "Trust Fund"},
        grants=[
            Grant(f"g{i}", draw(st.sampled_from(ISO2)), draw(some_themes), draw(dates), draw(dates))
            for i in range(draw(st.integers(0, 3)))
        ],
    )


def maybe(values: list[Any]) -> st.SearchStrategy[Any]:
    return st.one_of(st.none(), st.sampled_from(values))


selections = st.builds(
    Selection,
    country=maybe(ISO2),
    region=maybe(["1", "2", "11"]),
    theme=maybe(THEME_KEYS),
    crime_type=maybe(["tip", "som"]),
    mechanism=maybe(["m1", "m2"]),
    org_type_code=maybe(["40", "22"]),
).flatmap(
    lambda s: st.one_of(
        st.just(s), st.just(Selection(**{**s.__dict__, "org_type_code": None, "org_kind": "NGO"}))
    )
)


def to_filters(sel: Selection) -> Filters:
    return Filters(
        region=sel.region,
        country=sel.country.lower() if sel.country else None,
        theme=sel.theme,
        crime_type=sel.crime_type,
        mechanism={"m1": "M1", "m2": "urn:test:org:m2"}.get(sel.mechanism or ""),
        org_type=sel.org_kind or sel.org_type_code,
    )


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)
@given(world=worlds(), sel=selections, as_of=st.sampled_from([AS_OF, date(2024, 1, 1)]))
def test_queries_equal_the_oracle(graph: Graph, world: World, sel: Selection, as_of: date) -> None:
    wipe(graph)
    world.load(graph)
    filters = to_filters(sel)
    oracle = Oracle(world, as_of, sel)

    cells = coverage(graph, as_of, filters)
    found = {
        (c.country, c.theme): (c.projects, c.organizations, {m.currency: m.amount for m in c.budgets})
        for c in cells
    }
    assert found.keys() == oracle.coverage().keys()
    for key, (n, orgs, money) in oracle.coverage().items():
        assert found[key][:2] == (n, orgs), key
        assert found[key][2] == pytest.approx(money), key

    every = overlaps(graph, as_of, filters, limit=None)
    lists = overlap_projects(graph, every)
    assert {
        (
            o.country,
            o.theme,
            o.actor_a.iri,
            o.actor_b.iri,
            frozenset(p.iri.rsplit(":", 1)[1] for p in x.projects_a),
            frozenset(p.iri.rsplit(":", 1)[1] for p in x.projects_b),
            o.shared_mechanisms,
        )
        for o, x in zip(every, lists, strict=True)
    } == oracle.overlaps()
    # a cell's theme travels as its notation through the statements; its label is the Theme's prefLabel
    labels = {
        r["n"]: r["label"] for r in graph.read("MATCH (t:Theme) RETURN t.notation AS n, t.prefLabel AS label")
    }
    assert [c.theme_label for c in cells] == [labels[c.theme] for c in cells]
    assert [o.theme_label for o in every] == [labels[o.theme] for o in every]
    assert [(o.project_count_a, o.project_count_b) for o in every] == [
        (len(x.projects_a), len(x.projects_b)) for x in lists
    ]
    # The lists are read from the countries or from the themes' tags, whichever has fewer links: both agree.
    for from_countries in (True, False):
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(overlaps_module, "_from_countries", lambda *_, route=from_countries: route)
            assert overlap_projects(graph, every) == lists, from_countries
    # One overlap asked on its own (as the explorer does when one is opened) is the listed one, lists and all.
    for o, x in list(zip(every, lists, strict=True))[:3]:
        one = overlap_of(graph, as_of, filters, o.country, o.theme, (o.actor_b.iri, o.actor_a.iri))
        assert one is not None and replace(one, scope=o.scope) == o
        assert overlap_projects(graph, [one]) == [x]
    rank = [(not o.coordination_opportunity, -sum(m.amount for m in o.combined_budget)) for o in every]
    assert rank == sorted(rank)
    # A limit takes the first of the full ranking: with one, the ranked pairs are pruned by a budget floor
    # (queries.overlaps), which must never drop a pair that ranks.
    for limit in (1, 2, 3, 5):
        assert overlaps(graph, as_of, filters, limit=limit) == every[:limit], limit

    for when in (None, as_of):
        expected = Oracle(world, when, sel).similarity(limit=5)
        pairs = actor_similarity(graph, filters, limit=5, as_of=when)
        assert [(p.actor_a.iri, p.actor_b.iri, p.jaccard, p.shared) for p in pairs] == expected

    assert {
        (g.kind.value, g.country, g.theme, g.related) for g in gaps(graph, as_of, filters, horizon_days=60)
    } == (oracle.gaps(horizon_days=60))

    # The catalogue's activeAsOf follows the same rule as the analytics (a project without status included).
    listed = catalogue(graph, ProjectFilter(active_as_of=as_of), ProjectSort(), Window(first=100))
    assert {p.iri for p in listed["*"].items} == {p.iri for p in world.projects if oracle.active(p)}
