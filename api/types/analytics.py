"""The analytics as GraphQL values: coverage cells, overlaps and gaps, as `queries/` computes them."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Annotated, Self

import strawberry

from api.types.common import Info, NodeMap
from api.types.treaty_status import TreatyStatus
from queries import coverage as coverage_queries
from queries import gaps as gap_queries
from queries import overlaps as overlap_queries
from queries.money import Money as DomainMoney

if TYPE_CHECKING:
    from api.types.commitment import Commitment, Ratification
    from api.types.instrument import LegalInstrument, Obligation
    from api.types.organization import Organization
    from api.types.place import Country
    from api.types.theme import Theme

__all__ = ["Actor", "CoverageCell", "Gap", "GapKind", "Money", "Overlap", "OverlapProject"]

GapKind = strawberry.enum(gap_queries.GapKind, description="The kinds of gap the analytics find.")
_PLACE = "api.types.place"
_INSTRUMENT = "api.types.instrument"
_COMMITMENT = "api.types.commitment"


async def _nodes(info: Info, iris: list[str]) -> list[NodeMap]:
    """The nodes of `iris`, in order (an IRI no longer in the graph is skipped)."""
    loader = info.context.loaders.related("NODES_BY_IRI")
    found: list[list[NodeMap]] = list(await loader.load_many(iris))
    return [nodes[0] for nodes in found if nodes]
_THEME = "api.types.theme"


async def _country(info: Info, iso2: str | None) -> Country | None:
    from api.types.place import Country

    if iso2 is None:
        return None
    found: list[NodeMap] = await info.context.loaders.lookup("country_iso2").load(iso2)
    return Country.from_node(found[0]) if found else None


async def _theme(info: Info, notation: str | None) -> Theme | None:
    from api.types.theme import Theme

    if notation is None:
        return None
    found: list[NodeMap] = await info.context.loaders.lookup("theme_notation").load(notation)
    return Theme.from_node(found[0]) if found else None


@strawberry.type(description="An amount of money in one currency (ISO 4217; null when not given).")
class Money:
    currency: str | None
    amount: float

    @classmethod
    def from_domain(cls, money: DomainMoney) -> Self:
        return cls(currency=money.currency, amount=money.amount)


@strawberry.type(description="Active projects on a theme in a country, as of the day asked.")
class CoverageCell:
    country_code: str
    country_name: str | None
    theme_notation: str
    theme_label: str | None
    projects: int
    organizations: int
    budgets: list[Money]

    @strawberry.field(description="The country.")
    async def country(self, info: Info) -> Annotated[Country, strawberry.lazy(_PLACE)] | None:
        return await _country(info, self.country_code)

    @strawberry.field(description="The theme.")
    async def theme(self, info: Info) -> Annotated[Theme, strawberry.lazy(_THEME)] | None:
        return await _theme(info, self.theme_notation)

    @classmethod
    def from_domain(cls, cell: coverage_queries.CoverageCell) -> Self:
        return cls(
            country_code=cell.country,
            country_name=cell.country_name,
            theme_notation=cell.theme,
            theme_label=cell.theme_label,
            projects=cell.projects,
            organizations=cell.organizations,
            budgets=[Money.from_domain(money) for money in cell.budgets],
        )


@strawberry.type(description="An organization as the overlap analysis sees it.")
class Actor:
    iri: strawberry.ID
    name: str | None
    kind: str | None

    @strawberry.field(description="The organization itself.")
    async def organization(
        self, info: Info
    ) -> Annotated[Organization, strawberry.lazy("api.types.organization")] | None:
        from api.types.organization import organization_from_node

        found: list[NodeMap] = await info.context.loaders.related("NODES_BY_IRI").load(self.iri)
        return organization_from_node(found[0]) if found else None


@strawberry.type(description="A project taking part in an overlap.")
class OverlapProject:
    iri: strawberry.ID
    title: str | None
    start: dt.date | None
    end: dt.date | None
    currency: str | None
    amount: float | None

    @classmethod
    def from_domain(cls, ref: overlap_queries.ProjectRef) -> Self:
        return cls(
            iri=strawberry.ID(ref.iri),
            title=ref.title,
            start=ref.start,
            end=ref.end,
            currency=ref.currency,
            amount=ref.amount,
        )


@strawberry.type(description="Two organizations with active projects on the same theme in the same country.")
class Overlap:
    country_code: str
    country_name: str | None
    theme_notation: str
    theme_label: str | None
    actor_a: Actor
    actor_b: Actor
    projects_a: list[OverlapProject]
    projects_b: list[OverlapProject]
    start: dt.date | None
    end: dt.date | None
    combined_budget: list[Money]
    shared_mechanisms: list[str]

    @strawberry.field(description="The country.")
    async def country(self, info: Info) -> Annotated[Country, strawberry.lazy(_PLACE)] | None:
        return await _country(info, self.country_code)

    @strawberry.field(description="The theme.")
    async def theme(self, info: Info) -> Annotated[Theme, strawberry.lazy(_THEME)] | None:
        return await _theme(info, self.theme_notation)

    @classmethod
    def from_domain(cls, overlap: overlap_queries.Overlap) -> Self:
        def actor(found: overlap_queries.Actor) -> Actor:
            return Actor(iri=strawberry.ID(found.iri), name=found.name, kind=found.kind)

        return cls(
            country_code=overlap.country,
            country_name=overlap.country_name,
            theme_notation=overlap.theme,
            theme_label=overlap.theme_label,
            actor_a=actor(overlap.actor_a),
            actor_b=actor(overlap.actor_b),
            projects_a=[OverlapProject.from_domain(ref) for ref in overlap.projects_a],
            projects_b=[OverlapProject.from_domain(ref) for ref in overlap.projects_b],
            start=overlap.start,
            end=overlap.end,
            combined_budget=[Money.from_domain(money) for money in overlap.combined_budget],
            shared_mechanisms=list(overlap.shared_mechanisms),
        )


@strawberry.type(description="Something nobody covers: an obligation, commitment or pairing without work.")
class Gap:
    kind: GapKind  # type: ignore[valid-type]
    country_code: str | None
    theme_notation: str | None
    reason: str = strawberry.field(description="One sentence explaining the gap.")
    related: list[str] = strawberry.field(description="IRIs of the nodes involved.")
    instrument_iris: strawberry.Private[list[str]]
    obligation_iris: strawberry.Private[list[str]]
    ratification_iris: strawberry.Private[list[str]]
    commitment_iris: strawberry.Private[list[str]]
    treaty_status: list[TreatyStatus] = strawberry.field(
        description=(
            "For gaps that depend on treaty status (obligation, treaty-status-unknown): each instrument's status "
            "date and how many States' status is known."
        )
    )

    @strawberry.field(description="The legal instruments that make it a gap (or whose status is unknown).")
    async def instruments(
        self, info: Info
    ) -> list[Annotated[LegalInstrument, strawberry.lazy(_INSTRUMENT)]]:
        from api.types.instrument import LegalInstrument

        return [LegalInstrument.from_node(node) for node in await _nodes(info, self.instrument_iris)]

    @strawberry.field(description="The obligations (articles) without an active project.")
    async def obligations(self, info: Info) -> list[Annotated[Obligation, strawberry.lazy(_INSTRUMENT)]]:
        from api.types.instrument import Obligation

        return [Obligation.from_node(node) for node in await _nodes(info, self.obligation_iris)]

    @strawberry.field(description="The ratifications that bind the State.")
    async def ratifications(
        self, info: Info
    ) -> list[Annotated[Ratification, strawberry.lazy(_COMMITMENT)]]:
        from api.types.commitment import Ratification, commitment_from_node

        found = [commitment_from_node(node) for node in await _nodes(info, self.ratification_iris)]
        return [each for each in found if isinstance(each, Ratification)]

    @strawberry.field(description="The pledges or action plans that are due.")
    async def commitments(self, info: Info) -> list[Annotated[Commitment, strawberry.lazy(_COMMITMENT)]]:
        from api.types.commitment import commitment_from_node

        return [commitment_from_node(node) for node in await _nodes(info, self.commitment_iris)]

    @strawberry.field(description="The country.")
    async def country(self, info: Info) -> Annotated[Country, strawberry.lazy(_PLACE)] | None:
        return await _country(info, self.country_code)

    @strawberry.field(description="The theme.")
    async def theme(self, info: Info) -> Annotated[Theme, strawberry.lazy(_THEME)] | None:
        return await _theme(info, self.theme_notation)

    @classmethod
    def from_domain(cls, gap: gap_queries.Gap) -> Self:
        return cls(
            kind=gap.kind,
            country_code=gap.country,
            theme_notation=gap.theme,
            reason=gap.reason,
            related=list(gap.related),
            instrument_iris=list(gap.instruments),
            obligation_iris=list(gap.obligations),
            ratification_iris=list(gap.ratifications),
            commitment_iris=list(gap.commitments),
            treaty_status=[TreatyStatus.from_domain(status) for status in gap.treaty_status],
        )
