"""The network overview's weights worked out in plain Python from a World (no Cypher, no query code)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from ontology.activity import is_active
from tests.queries.world import World, iri


@dataclass
class Expected:
    """Active projects per organization, per place and per (organization, place); budget per currency."""

    projects: set[str] = field(default_factory=set)
    by_org: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    by_place: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    by_link: dict[tuple[str, str], set[str]] = field(default_factory=lambda: defaultdict(set))
    link_budget: dict[tuple[str, str], dict[str, float]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(float))
    )
    place_budget: dict[str, dict[str, float]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(float))
    )


def expected_overview(world: World, as_of: date | None, region_level: bool = False) -> Expected:
    """What the overview must show: implementing organizations of active projects and the places allocated."""
    region_of = {c.iso2: c.regions[0] if c.regions else "" for c in world.countries}
    found = Expected()
    for p in world.projects:
        if not is_active(withdrawn=p.withdrawn, status=p.status, start=p.start, end=p.end, day=as_of):
            continue
        implementers = {iri("org", org) for org, role in p.participants if role == "implementing"}
        if not implementers or not p.countries:
            continue
        found.projects.add(p.iri)
        for iso2, percentage in p.countries:
            place = region_of[iso2] if region_level else iso2
            share = (
                None if p.budget is None else p.budget * (100.0 if percentage is None else percentage) / 100.0
            )
            found.by_place[place].add(p.iri)
            if share is not None and p.currency is not None:
                found.place_budget[place][p.currency] += share
            for org in implementers:
                found.by_org[org].add(p.iri)
                found.by_link[(org, place)].add(p.iri)
                if share is not None and p.currency is not None:
                    found.link_budget[(org, place)][p.currency] += share
    return found
