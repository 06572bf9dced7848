"""The root Query: lookups, paginated lists and the analytics, each a call into `queries/`."""

from __future__ import annotations

import datetime as dt

import strawberry

from api.enums import ThemeNotation
from api.errors import BadUserInput
from api.filters import (
    AnalyticsFilter,
    CountryFilter,
    OrganizationFilter,
    OrganizationSort,
    organization_query,
)
from api.pagination import Connection, window
from api.types.analytics import CoverageCell, Gap, GapKind, Overlap
from api.types.commitment import Commitment, commitment_from_node
from api.types.common import Info, NodeMap
from api.types.funding import Fund, Grant
from api.types.identity import MatchCandidate
from api.types.instrument import LegalInstrument
from api.types.lists import catalogue_list, project_list
from api.types.node import GraphNode
from api.types.organization import Organization, organization_from_domain, organization_from_node
from api.types.overview import network_findings_field, network_overview_field
from api.types.place import Country, Region
from api.types.project import Project
from api.types.theme import Theme
from api.types.treaty_status import TreatyStatus
from ontology import model as m
from queries import catalog
from queries.candidates import candidates as candidates_query
from queries.catalog_filters import Window
from queries.coverage import coverage as coverage_query
from queries.filters import Filters
from queries.gaps import DEFAULT_HORIZON_DAYS as GAPS_HORIZON_DAYS
from queries.gaps import gaps as gaps_query
from queries.overlaps import DEFAULT_LIMIT as OVERLAPS_LIMIT
from queries.overlaps import overlap_of
from queries.overlaps import overlaps as overlaps_query
from queries.treaty_status import treaty_status as treaty_status_query

__all__ = ["Query"]

_ANALYTICS_TIMEOUT_NOTE = "Computed by the analytics of queries/ as of `asOf` (default: today)."


def _one_key(**given: object) -> None:
    named = [name for name, value in given.items() if value is not None]
    if len(named) != 1:
        raise BadUserInput(f"give exactly one of {', '.join(given)} to look the item up.")


async def _first(info: Info, lookup: str, key: str, partner: str | None = None) -> NodeMap | None:
    found: list[NodeMap] = await info.context.loaders.lookup(lookup, partner).load(key)
    return found[0] if found else None


async def _by_iri(info: Info, iri: str, label: str) -> NodeMap | None:
    found: list[NodeMap] = await info.context.loaders.related("NODES_BY_IRI").load(iri)
    return found[0] if found and label in found[0].get("labels", ()) else None


def _filters(filter: AnalyticsFilter | None) -> Filters:
    return filter.to_query() if filter else Filters()


@strawberry.type(
    description="Who does what, where and when against trafficking in persons and migrant smuggling."
)
class Query:
    @strawberry.field(
        description="Any node of the graph by IRI, generically (its type, label, properties); null if none."
    )
    async def node(self, info: Info, iri: strawberry.ID) -> GraphNode | None:
        found: list[NodeMap] = await info.context.loaders.related("NODES_BY_IRI").load(str(iri))
        return GraphNode.from_node(found[0]) if found else None

    @strawberry.field(description="An organization by IRI or IATI identifier.")
    async def organization(
        self, info: Info, iri: strawberry.ID | None = None, identifier: str | None = None
    ) -> Organization | None:
        _one_key(iri=iri, identifier=identifier)
        node = await (
            _by_iri(info, iri, "Organization")
            if iri
            else _first(info, "organization_identifier", identifier or "")
        )
        return organization_from_node(node) if node else None

    @strawberry.field(description="Organizations, filtered and sorted, a page at a time.")
    async def organizations(
        self,
        info: Info,
        filter: OrganizationFilter | None = None,
        sort: OrganizationSort | None = None,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> Connection[Organization]:
        query, page = organization_query(filter, sort), window(first, after, last, before)
        found = await info.context.run(lambda graph: catalog.organizations(graph, query, page))
        return Connection.from_page(found, organization_from_domain)

    @strawberry.field(description="A project by IRI, or by identifier (and partner, when several share it).")
    async def project(
        self,
        info: Info,
        iri: strawberry.ID | None = None,
        identifier: str | None = None,
        partner: str | None = None,
    ) -> Project | None:
        _one_key(iri=iri, identifier=identifier)
        node = await (
            _by_iri(info, iri, "Project")
            if iri
            else _first(info, "project_identifier", identifier or "", partner)
        )
        return Project.from_node(node) if node else None

    projects = project_list(
        None, "Projects, filtered and sorted, a page at a time (withdrawn ones left out)."
    )

    @strawberry.field(description="A country by ISO 3166-1 alpha-2 code.")
    async def country(self, info: Info, iso2: str) -> Country | None:
        node = await _first(info, "country_iso2", iso2.strip().upper())
        return Country.from_node(node) if node else None

    @strawberry.field(description="Countries, by name, a page at a time.")
    async def countries(
        self,
        info: Info,
        filter: CountryFilter | None = None,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> Connection[Country]:
        query, page = (filter or CountryFilter()).to_query(), window(first, after, last, before)
        found = await info.context.run(lambda graph: catalog.countries(graph, query, page))
        return Connection.from_page(found, Country.from_domain)

    @strawberry.field(description="The M49 regions and sub-regions.")
    async def regions(self, info: Info) -> list[Region]:
        page = Window(first=None)
        found = await info.context.run(
            lambda graph: catalog.simple_list(graph, "Region", page, m.Region.from_node)
        )
        return [Region.from_domain(region) for region in found.items]

    @strawberry.field(description="A theme by notation.")
    async def theme(self, info: Info, notation: ThemeNotation) -> Theme | None:
        node = await _first(info, "theme_notation", str(notation.value))
        return Theme.from_node(node) if node else None

    @strawberry.field(
        description="Themes (of one scheme: themes, unodc-strategy, crime-types), a page at a time."
    )
    async def themes(
        self,
        info: Info,
        scheme: str | None = None,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> Connection[Theme]:
        page = window(first, after, last, before)
        found = await info.context.run(
            lambda graph: catalog.simple_list(graph, "Theme", page, m.Theme.from_node, scheme=scheme)
        )
        return Connection.from_page(found, Theme.from_domain)

    legal_instruments = catalogue_list(
        "LegalInstrument", m.LegalInstrument.from_node, LegalInstrument.from_domain, LegalInstrument,
        "Legal instruments, by adoption date.",
    )  # fmt: skip

    @strawberry.field(description="Commitments (of one country, by ISO code), a page at a time.")
    async def commitments(
        self,
        info: Info,
        country: str | None = None,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> Connection[Commitment]:
        page, iso2 = window(first, after, last, before), country.strip().upper() if country else None
        found = await info.context.run(
            lambda graph: catalog.simple_list(graph, "Commitment", page, lambda node: node, country=iso2)
        )
        return Connection.from_page(found, commitment_from_node)

    funds = catalogue_list("Fund", m.Fund.from_node, Fund.from_domain, Fund, "Funds.")
    grants = catalogue_list("Grant", m.Grant.from_node, Grant.from_domain, Grant, "Grants, by start date.")

    @strawberry.field(description=f"Active projects per country and theme. {_ANALYTICS_TIMEOUT_NOTE}")
    async def coverage(
        self, info: Info, as_of: dt.date | None = None, filter: AnalyticsFilter | None = None
    ) -> list[CoverageCell]:
        day, filters = as_of or dt.date.today(), _filters(filter)
        cells = await info.context.run(lambda graph: coverage_query(graph, day, filters))
        return [CoverageCell.from_domain(cell) for cell in cells]

    @strawberry.field(
        description=(
            "Organizations working on the same theme in the same country: coordination opportunities "
            f"(no shared mechanism) first, then the largest combined budgets; at most `limit`. {_ANALYTICS_TIMEOUT_NOTE}"
        )
    )
    async def overlaps(
        self,
        info: Info,
        as_of: dt.date | None = None,
        filter: AnalyticsFilter | None = None,
        limit: int = OVERLAPS_LIMIT,
    ) -> list[Overlap]:
        day, filters = as_of or dt.date.today(), _filters(filter)
        found = await info.context.run(lambda graph: overlaps_query(graph, day, filters, limit))
        return [Overlap.from_domain(overlap) for overlap in found]

    @strawberry.field(
        description=(
            "One overlap, as `overlaps` lists it under the same filters: the two organizations in one country and "
            "theme (the filter's country, region and theme, if given, must hold the cell); null when they do not "
            "overlap there. What a list of overlaps asks when one is opened, for its project lists. "
            f"{_ANALYTICS_TIMEOUT_NOTE}"
        )
    )
    async def overlap(
        self,
        info: Info,
        country: str,
        theme: ThemeNotation,
        actor_a: strawberry.ID,
        actor_b: strawberry.ID,
        as_of: dt.date | None = None,
        filter: AnalyticsFilter | None = None,
    ) -> Overlap | None:
        day, filters = as_of or dt.date.today(), _filters(filter)
        pair = (str(actor_a), str(actor_b))
        found = await info.context.run(
            lambda graph: overlap_of(graph, day, filters, country, theme.value, pair)
        )
        return Overlap.from_domain(found) if found else None

    network_overview = network_overview_field()
    network_findings = network_findings_field()

    @strawberry.field(description=f"What nobody covers. {_ANALYTICS_TIMEOUT_NOTE}")
    async def gaps(
        self,
        info: Info,
        as_of: dt.date | None = None,
        filter: AnalyticsFilter | None = None,
        kinds: list[GapKind] | None = None,  # type: ignore[valid-type]
        horizon_days: int = GAPS_HORIZON_DAYS,
    ) -> list[Gap]:
        day, filters = as_of or dt.date.today(), _filters(filter)
        found = await info.context.run(
            lambda graph: gaps_query(graph, day, filters, kinds=kinds, horizon_days=horizon_days)
        )
        return [Gap.from_domain(gap) for gap in found]

    @strawberry.field(
        description=(
            "What the graph knows of each instrument's parties: status date, parties recorded and how many "
            "States' status is known; `partiesAsOf` counts the State parties bound on or before `asOf`."
        )
    )
    async def treaty_status(self, info: Info, as_of: dt.date | None = None) -> list[TreatyStatus]:
        day = as_of or dt.date.today()
        found = await info.context.run(lambda graph: treaty_status_query(graph, day))
        return [TreatyStatus.from_domain(status) for status in found]

    @strawberry.field(
        description="Organizations that may be one (found on load, with score and evidence), best first; "
        "decision: open (default), merged or split, or null for all."
    )
    async def organization_candidates(
        self, info: Info, decision: str | None = "open", limit: int = 100
    ) -> list[MatchCandidate]:
        if not 1 <= limit <= 1000:
            raise BadUserInput(f"limit {limit} must be between 1 and 1000.")
        found = await info.context.run(lambda graph: candidates_query(graph, decision, limit))
        return [MatchCandidate.from_domain(candidate) for candidate in found]
