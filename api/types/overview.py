"""The network overview as GraphQL values: weighted organizations, places, links, mechanisms and findings."""

from __future__ import annotations

import datetime as dt
from typing import Self

import strawberry

from api.filters import AnalyticsFilter
from api.types.analytics import GapKind, Money
from api.types.common import Info
from queries import overview as q
from queries.filters import Filters
from queries.gaps import GapKind as DomainGapKind
from queries.money import Money as DomainMoney
from queries.overview_findings import overview_findings

__all__ = [
    "NetworkOverview",
    "OverviewFindings",
    "PlaceLevel",
    "network_findings_field",
    "network_overview_field",
]

PlaceLevel = strawberry.enum(
    q.Level, name="PlaceLevel", description="What a place of the overview is: a country or its region."
)


def _money(budgets: tuple[DomainMoney, ...]) -> list[Money]:
    return [Money.from_domain(money) for money in budgets]


@strawberry.type(description="An implementing organization of the overview, weighted by its active projects.")
class OverviewOrganization:
    iri: strawberry.ID
    name: str | None
    short_name: str | None
    kind: str | None = strawberry.field(description="Its most specific class (Agency, NGO, ...).")
    projects: int = strawberry.field(description="Its active projects in scope, each once.")
    places: int = strawberry.field(description="How many places it works in, shown or not.")
    budgets: list[Money] = strawberry.field(description="Its projects' budget for the places, per currency.")

    @classmethod
    def from_domain(cls, org: q.OrganizationWeight) -> Self:
        return cls(
            iri=strawberry.ID(org.iri),
            name=org.name,
            short_name=org.short_name,
            kind=org.kind,
            projects=org.projects,
            places=org.places,
            budgets=_money(org.budgets),
        )


@strawberry.type(description="A country (or region) of the overview, weighted by its active projects.")
class OverviewPlace:
    key: str = strawberry.field(description="ISO 3166-1 alpha-2 code, or M49 code at the region level.")
    name: str | None
    region: str | None = strawberry.field(description="A country's M49 region code (null for a region).")
    projects: int
    organizations: int = strawberry.field(
        description="Implementing organizations working there, shown or not."
    )
    budgets: list[Money] = strawberry.field(
        description="Budget for the place per currency (allocations applied)."
    )

    @classmethod
    def from_domain(cls, place: q.PlaceWeight) -> Self:
        return cls(
            key=place.key,
            name=place.name,
            region=place.region,
            projects=place.projects,
            organizations=place.organizations,
            budgets=_money(place.budgets),
        )


@strawberry.type(description="An organization implementing active projects in a place.")
class OverviewLink:
    organization: strawberry.ID = strawberry.field(description="The organization's IRI.")
    place: str = strawberry.field(description="The place's key.")
    projects: int
    budgets: list[Money]

    @classmethod
    def from_domain(cls, link: q.Link) -> Self:
        return cls(
            organization=strawberry.ID(link.organization),
            place=link.place,
            projects=link.projects,
            budgets=_money(link.budgets),
        )


@strawberry.type(
    description="A coordination mechanism with the shown organizations that are members on the date."
)
class OverviewMechanism:
    iri: strawberry.ID
    name: str | None
    short_name: str | None
    members: list[strawberry.ID]

    @classmethod
    def from_domain(cls, mechanism: q.Mechanism) -> Self:
        return cls(
            iri=strawberry.ID(mechanism.iri),
            name=mechanism.name,
            short_name=mechanism.short_name,
            members=[strawberry.ID(iri) for iri in mechanism.members],
        )


@strawberry.type(description="How many gaps of one kind.")
class GapCount:
    kind: GapKind  # type: ignore[valid-type]
    count: int


@strawberry.type(description="The overlaps and gaps that name a place.")
class PlaceFindings:
    key: str
    overlaps: int
    opportunities: int = strawberry.field(description="Overlaps whose organizations share no mechanism.")
    gaps: list[GapCount]


@strawberry.type(description="How many overlaps an organization is one of the two actors of.")
class OrganizationFindings:
    iri: strawberry.ID
    overlaps: int


@strawberry.type(description="Overlaps and gaps counted per place and organization, from the analytics.")
class OverviewFindings:
    places: list[PlaceFindings]
    organizations: list[OrganizationFindings]
    unplaced_gaps: list[GapCount] = strawberry.field(description="Gaps that name no place.")
    overlaps_complete: bool = strawberry.field(
        description="False when there were more overlaps than the analytics' first page, which alone is counted."
    )


def _counts(counts: tuple[tuple[DomainGapKind, int], ...]) -> list[GapCount]:
    return [GapCount(kind=kind, count=n) for kind, n in counts]


@strawberry.type(
    description=(
        "The network's overview: the heaviest implementing organizations and places and the links between "
        "them, weighted by active projects and budget, with mechanisms as groups; aggregated in Neo4j."
    )
)
class NetworkOverview:
    as_of: dt.date | None
    level: PlaceLevel  # type: ignore[valid-type]
    projects: int = strawberry.field(description="Active projects in scope with an implementer and a place.")
    organizations: list[OverviewOrganization]
    places: list[OverviewPlace]
    links: list[OverviewLink]
    mechanisms: list[OverviewMechanism]
    organizations_left_out: int = strawberry.field(description="Organizations past the organization limit.")
    places_left_out: int = strawberry.field(description="Places past the place limit.")
    links_left_out: int = strawberry.field(
        description="Links not shown: of a left-out organization or place, or past the link limit."
    )

    @classmethod
    def from_domain(cls, overview: q.NetworkOverview) -> Self:
        return cls(
            as_of=overview.as_of,
            level=overview.level,
            projects=overview.projects,
            organizations=[OverviewOrganization.from_domain(o) for o in overview.organizations],
            places=[OverviewPlace.from_domain(p) for p in overview.places],
            links=[OverviewLink.from_domain(link) for link in overview.links],
            mechanisms=[OverviewMechanism.from_domain(m) for m in overview.mechanisms],
            organizations_left_out=overview.organizations_left_out,
            places_left_out=overview.places_left_out,
            links_left_out=overview.links_left_out,
        )


async def _network_overview(
    info: Info,
    as_of: dt.date | None = None,
    filter: AnalyticsFilter | None = None,
    level: PlaceLevel = q.Level.COUNTRY,  # type: ignore[valid-type]
    organization_limit: int = q.DEFAULT_ORGANIZATION_LIMIT,
    place_limit: int = q.DEFAULT_PLACE_LIMIT,
    link_limit: int = q.DEFAULT_LINK_LIMIT,
) -> NetworkOverview:
    day, filters = as_of or dt.date.today(), filter.to_query() if filter else Filters()
    found = await info.context.run(
        lambda graph: q.network_overview(
            graph, day, filters, level, organization_limit, place_limit, link_limit
        )
    )
    return NetworkOverview.from_domain(found)


def network_overview_field() -> NetworkOverview:
    """The root `networkOverview` field (one line in api/query.py)."""
    field: NetworkOverview = strawberry.field(
        resolver=_network_overview,
        description=(
            "Who works where, as of `asOf` (default: today): the heaviest `organizationLimit` implementing "
            "organizations and `placeLimit` places (countries or regions), the heaviest `linkLimit` links "
            "between them, weighted by active projects and budget per currency, with how many were left out. "
            "Drill down with `projects(filter: {organizations, roles: [IMPLEMENTING], countries or regions, "
            "activeAsOf})`."
        ),
    )
    return field


async def _network_findings(
    info: Info,
    as_of: dt.date | None = None,
    filter: AnalyticsFilter | None = None,
    level: PlaceLevel = q.Level.COUNTRY,  # type: ignore[valid-type]
) -> OverviewFindings:
    day, filters = as_of or dt.date.today(), filter.to_query() if filter else Filters()
    found = await info.context.run(lambda graph: overview_findings(graph, day, filters, level))
    return OverviewFindings(
        places=[
            PlaceFindings(key=p.key, overlaps=p.overlaps, opportunities=p.opportunities, gaps=_counts(p.gaps))
            for p in found.places
        ],
        organizations=[
            OrganizationFindings(iri=strawberry.ID(o.iri), overlaps=o.overlaps) for o in found.organizations
        ],
        unplaced_gaps=_counts(found.unplaced_gaps),
        overlaps_complete=found.overlaps_complete,
    )


def network_findings_field() -> OverviewFindings:
    """The root `networkFindings` field (one line in api/query.py)."""
    field: OverviewFindings = strawberry.field(
        resolver=_network_findings,
        description=(
            "The overview's highlights: overlaps and gaps counted per place (country or region) and per "
            "organization, from `overlaps` (its first page, coordination opportunities first) and `gaps` under "
            "the same filters, as of `asOf` (default: today)."
        ),
    )
    return field
