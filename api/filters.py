"""GraphQL filter and sort inputs, and their translation into the plain filters of `queries/`."""

from __future__ import annotations

import datetime as dt
from enum import Enum

import strawberry

from api.enums import (
    ActivityStatus,
    OrganizationKind,
    OrganizationType,
    ParticipationRole,
    SortDirection,
    ThemeNotation,
)
from queries import catalog_filters as q
from queries.filters import Filters

__all__ = [
    "AnalyticsFilter",
    "CountryFilter",
    "OrganizationFilter",
    "OrganizationSort",
    "ProjectFilter",
    "ProjectSort",
]


def _values(members: list[Enum] | None) -> tuple[str, ...]:
    return tuple(str(member.value) for member in members or ())


def _upper(codes: list[str] | None) -> tuple[str, ...]:
    return tuple(code.strip().upper() for code in codes or ())


@strawberry.enum(description="What a project list is sorted by.")
class ProjectSortField(Enum):
    TITLE = "TITLE"
    IDENTIFIER = "IDENTIFIER"
    START = "START"
    END = "END"
    BUDGET = "BUDGET"


@strawberry.enum(description="What an organization list is sorted by.")
class OrganizationSortField(Enum):
    NAME = "NAME"
    SHORT_NAME = "SHORT_NAME"


@strawberry.input(description="Restricts a project list; every restriction given must hold.")
class ProjectFilter:
    countries: list[str] | None = strawberry.field(default=None, description="ISO 3166-1 alpha-2 codes.")
    regions: list[str] | None = strawberry.field(
        default=None, description="M49 codes of regions or sub-regions."
    )
    themes: list[ThemeNotation] | None = strawberry.field(
        default=None, description="Themes or crime types; narrower themes are included."
    )
    crime_types: list[ThemeNotation] | None = strawberry.field(
        default=None,
        description="Crime types the project addresses (narrower ones included); ANDed with themes.",
    )
    organizations: list[strawberry.ID] | None = strawberry.field(
        default=None, description="IRIs of participating organizations."
    )
    roles: list[ParticipationRole] | None = strawberry.field(
        default=None, description="The roles the organizations (or any participant) play."
    )
    organization_types: list[OrganizationType] | None = None
    organization_kinds: list[OrganizationKind] | None = None
    mechanisms: list[strawberry.ID] | None = strawberry.field(
        default=None, description="IRIs of coordination mechanisms one of whose members participates."
    )
    statuses: list[ActivityStatus] | None = None
    active_as_of: dt.date | None = strawberry.field(
        default=None, description="Active on this day: not withdrawn or cancelled, started and not ended."
    )
    search: str | None = strawberry.field(default=None, description="Words of the title or identifier.")
    partner: str | None = strawberry.field(default=None, description="The partner that synced the project.")
    include_withdrawn: bool = False

    def to_query(self) -> q.ProjectFilter:
        return q.ProjectFilter(
            countries=_upper(self.countries),
            regions=tuple(self.regions or ()),
            themes=_values(self.themes),
            crime_types=_values(self.crime_types),
            organizations=tuple(str(iri) for iri in self.organizations or ()),
            roles=_values(self.roles),
            organization_types=_values(self.organization_types),
            organization_kinds=_values(self.organization_kinds),
            mechanisms=tuple(str(iri) for iri in self.mechanisms or ()),
            statuses=_values(self.statuses),
            active_as_of=self.active_as_of,
            search=self.search,
            partner=self.partner,
            include_withdrawn=self.include_withdrawn,
        )


@strawberry.input(description="The order of a project list (ties are broken by IRI).")
class ProjectSort:
    field: ProjectSortField = ProjectSortField.TITLE
    direction: SortDirection = SortDirection.ASC

    def to_query(self) -> q.ProjectSort:
        return q.ProjectSort(field=self.field.value, descending=self.direction is SortDirection.DESC)


@strawberry.input(description="Restricts an organization list; every restriction given must hold.")
class OrganizationFilter:
    kinds: list[OrganizationKind] | None = None
    types: list[OrganizationType] | None = None
    mechanisms: list[strawberry.ID] | None = strawberry.field(
        default=None, description="IRIs of coordination mechanisms the organization is a member of."
    )
    search: str | None = strawberry.field(
        default=None, description="Words of the name, short name or identifier."
    )


@strawberry.input(description="The order of an organization list (ties are broken by IRI).")
class OrganizationSort:
    field: OrganizationSortField = OrganizationSortField.NAME
    direction: SortDirection = SortDirection.ASC


def organization_query(
    filter: OrganizationFilter | None, sort: OrganizationSort | None
) -> q.OrganizationFilter:
    filter, sort = filter or OrganizationFilter(), sort or OrganizationSort()
    return q.OrganizationFilter(
        kinds=_values(filter.kinds),
        types=_values(filter.types),
        mechanisms=tuple(str(iri) for iri in filter.mechanisms or ()),
        search=filter.search,
        sort=sort.field.value,
        descending=sort.direction is SortDirection.DESC,
    )


@strawberry.input(description="Restricts a country list.")
class CountryFilter:
    regions: list[str] | None = strawberry.field(
        default=None, description="M49 codes of regions or sub-regions."
    )
    search: str | None = None

    def to_query(self) -> q.CountryFilter:
        return q.CountryFilter(regions=tuple(self.regions or ()), search=self.search)


@strawberry.input(description="The analytics filters; each is optional and narrows the analysis.")
class AnalyticsFilter:
    region: str | None = strawberry.field(
        default=None, description="M49 code or name of a region or sub-region."
    )
    country: str | None = strawberry.field(default=None, description="ISO 3166-1 alpha-2 code.")
    theme: ThemeNotation | None = strawberry.field(default=None, description="Narrower themes are included.")
    crime_type: ThemeNotation | None = None
    mechanism: str | None = strawberry.field(default=None, description="IRI or short name, e.g. ICAT.")
    organization_type: OrganizationType | None = None
    organization_kind: OrganizationKind | None = None

    def to_query(self) -> Filters:
        if self.organization_type is not None and self.organization_kind is not None:
            from api.errors import BadUserInput

            raise BadUserInput(
                "give organizationType or organizationKind, not both; the analytics take one of them."
            )
        kind = self.organization_kind or self.organization_type
        return Filters(
            region=self.region,
            country=self.country,
            theme=self.theme.value if self.theme else None,
            crime_type=self.crime_type.value if self.crime_type else None,
            mechanism=self.mechanism,
            org_type=str(kind.value) if kind else None,
        )
