"""The overlaps' ranking under a limit: the budget floor that prunes pairs (queries.overlaps) never drops a
pair that ranks, on a graph where it prunes (many actors in one cell, ties, shared projects, a negative
budget, a shared mechanism), checked against the full ranking and the plain-Python oracle."""

from __future__ import annotations

from datetime import date

import pytest

from graph.records import wipe
from graph.store import Graph
from queries.filters import Filters
from queries.overlaps import overlaps
from tests.queries.oracle import Oracle, Selection
from tests.queries.world import Country, Membership, Org, Project, Theme, World

pytestmark = pytest.mark.neo4j

AS_OF = date(2025, 6, 1)
ORGS = [Org(f"o{i}", "NGO", "21") for i in range(9)]
MECHANISM = Org("m1", "CoordinationMechanism", "40", "Mech one", "M1")


def crowded() -> World:
    """One country and theme (and a narrower one), nine implementers with projects of distinct, tied and
    negative budgets; o0 and o1 share a mechanism, o2, o3 and o7 co-implement the largest project."""
    budgets = [9000.0, 7000.0, 7000.0, 5000.0, 4000.0, 2500.0, 1000.0, -500.0, 300.0]
    projects = [
        Project(f"p{i}", (("AA", None),), ("a",), ((org.key, "implementing"),), budget=budget, currency="USD")
        for i, (org, budget) in enumerate(zip(ORGS, budgets, strict=True))
    ]
    projects += [
        Project(f"q{i}", (("AA", 50.0),), ("a1",), ((org.key, "implementing"),), budget=800.0, currency="USD")
        for i, org in enumerate(ORGS)
    ]
    projects.append(
        Project(
            "joint",
            (("AA", None),),
            ("a",),
            (("o2", "implementing"), ("o3", "implementing"), ("o7", "implementing")),
            budget=20000.0,
            currency="USD",
        )
    )
    # A decommitment both o2 and o4 implement: each one's total counts it, their pair's budget does not, so
    # their pair ranks first while the sum of their totals is below every other pair's.
    projects.append(
        Project(
            "refund",
            (("AA", None),),
            ("a",),
            (("o2", "implementing"), ("o4", "implementing")),
            budget=-30000.0,
            currency="USD",
        )
    )
    return World(
        regions={"1": "One"},
        countries=[Country("AA", "Aland", ("1",))],
        themes=[Theme("a"), Theme("a1", ("a",))],
        orgs=[*ORGS, MECHANISM],
        memberships=[Membership("ms0", "o0", "m1", None, None), Membership("ms1", "o1", "m1", None, None)],
        projects=projects,
    )


def test_a_limit_takes_the_first_of_the_full_ranking(graph: Graph) -> None:
    world = crowded()
    wipe(graph)
    world.load(graph)
    every = overlaps(graph, AS_OF, Filters(), limit=None)
    oracle = Oracle(world, AS_OF, Selection())
    assert {(o.country, o.theme, o.actor_a.iri, o.actor_b.iri) for o in every} == {
        found[:4] for found in oracle.overlaps()
    }
    assert len(every) == 2 * 36  # nine actors pair 36 ways in each of the two cells (a and its roll-up of a1)
    shared = [o for o in every if o.shared_mechanisms]
    assert [(o.actor_a.iri, o.actor_b.iri) for o in shared] == [(ORGS[0].iri, ORGS[1].iri)] * 2
    assert every[-2:] == shared  # the pair sharing a mechanism ranks after every opportunity
    (refund,) = [
        o for o in every if (o.actor_a.iri, o.actor_b.iri) == (ORGS[2].iri, ORGS[4].iri) and o.theme == "a"
    ]
    # ranked by the projects each runs without the other (7000 + 400 + 20000 and 4000 + 400), not by their
    # totals, which the decommitment they share lowers below every other pair's: a floor on totals alone
    # would drop this pair
    assert [(m.currency, m.amount) for m in refund.combined_budget] == [("USD", 31800.0)]
    assert every.index(refund) == 2  # after o3 with o0 (25400 + 9400) and with o1 (25400 + 7400)
    for limit in range(1, len(every) + 1):
        assert overlaps(graph, AS_OF, Filters(), limit=limit) == every[:limit], limit
