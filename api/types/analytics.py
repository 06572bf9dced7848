"""The analytics as GraphQL values: coverage cells, overlaps and gaps, as `queries/` computes them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated, Self
from weakref import WeakKeyDictionary

import strawberry
from strawberry.dataloader import DataLoader

from api.dataloaders import Loaders
from api.errors import ApiError
from api.types.common import Info, NodeMap
from api.types.treaty_status import TreatyStatus
from queries import coverage as coverage_queries
from queries import gaps as gap_queries
from queries import overlaps as overlap_queries
from queries import treaty_status as treaty_queries
from queries.money import Money as DomainMoney

if TYPE_CHECKING:
    from api.types.commitment import Commitment, Ratification
    from api.types.instrument import LegalInstrument, Obligation
    from api.types.organization import Organization
    from api.types.place import Country
    from api.types.project import Project
    from api.types.theme import Theme

__all__ = ["CoverageCell", "Gap", "GapKind", "Money", "Overlap", "OverlapShare"]

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


async def _organization(info: Info, iri: str) -> Organization:
    from api.types.organization import organization_from_node

    found: list[NodeMap] = await info.context.loaders.related("NODES_BY_IRI").load(iri)
    if not found:
        raise ApiError(f"The organization {iri} left the graph while the overlap was computed; ask again.")
    return organization_from_node(found[0])


# One loader of overlap project lists per request, kept beside the request's Loaders (and gone with them):
# every overlap of a response asks for its lists in one statement (`queries.overlaps.overlap_projects`).
_OVERLAP_PROJECTS: WeakKeyDictionary[
    Loaders, DataLoader[overlap_queries.Overlap, overlap_queries.OverlapProjects]
] = WeakKeyDictionary()


async def _overlap_projects(info: Info, overlap: overlap_queries.Overlap) -> overlap_queries.OverlapProjects:
    loaders = info.context.loaders
    loader = _OVERLAP_PROJECTS.get(loaders)
    if loader is None:
        run = info.context.run

        async def load(keys: Sequence[overlap_queries.Overlap]) -> list[overlap_queries.OverlapProjects]:
            return await run(lambda graph: overlap_queries.overlap_projects(graph, list(keys)))

        loader = _OVERLAP_PROJECTS[loaders] = DataLoader(load_fn=load)
    return await loader.load(overlap)


async def _projects(info: Info, refs: tuple[overlap_queries.ProjectRef, ...]) -> list[Project]:
    from api.types.project import Project

    loader = info.context.loaders.related("NODES_BY_IRI")
    found: list[list[NodeMap]] = await loader.load_many([ref.iri for ref in refs])
    return [Project.from_node(nodes[0]) for nodes in found if nodes]


@strawberry.type(description="A project's share of an overlap: its budget for the overlap's country.")
class OverlapShare:
    project_iri: strawberry.ID
    currency: str | None
    amount: float | None = strawberry.field(
        description="The budget times the country's allocation percentage."
    )

    @classmethod
    def from_domain(cls, ref: overlap_queries.ProjectRef) -> Self:
        return cls(project_iri=strawberry.ID(ref.iri), currency=ref.currency, amount=ref.amount)


@strawberry.type(description="Two organizations with active projects on the same theme in the same country.")
class Overlap:
    country_code: str
    country_name: str | None
    theme_notation: str
    theme_label: str | None
    actor_a_iri: strawberry.Private[str]
    actor_b_iri: strawberry.Private[str]
    domain: strawberry.Private[overlap_queries.Overlap]
    start: dt.date | None
    end: dt.date | None
    combined_budget: list[Money]
    shared_mechanisms: list[str]
    project_count_a: int = strawberry.field(
        description="How many of actorA's active projects in the cell actorB does not also implement (projectsA's length)."
    )
    project_count_b: int = strawberry.field(
        description="How many of actorB's active projects in the cell actorA does not also implement (projectsB's length)."
    )

    @strawberry.field(description="The country.")
    async def country(self, info: Info) -> Annotated[Country, strawberry.lazy(_PLACE)] | None:
        return await _country(info, self.country_code)

    @strawberry.field(description="The theme.")
    async def theme(self, info: Info) -> Annotated[Theme, strawberry.lazy(_THEME)] | None:
        return await _theme(info, self.theme_notation)

    @strawberry.field(description="One organization of the pair (resolved: never the same as actorB).")
    async def actor_a(self, info: Info) -> Annotated[Organization, strawberry.lazy("api.types.organization")]:
        return await _organization(info, self.actor_a_iri)

    @strawberry.field(description="The other organization of the pair.")
    async def actor_b(self, info: Info) -> Annotated[Organization, strawberry.lazy("api.types.organization")]:
        return await _organization(info, self.actor_b_iri)

    @strawberry.field(description="actorA's active projects in the cell that actorB does not also implement.")
    async def projects_a(self, info: Info) -> list[Annotated[Project, strawberry.lazy("api.types.project")]]:
        return await _projects(info, (await _overlap_projects(info, self.domain)).projects_a)

    @strawberry.field(description="actorB's active projects in the cell that actorA does not also implement.")
    async def projects_b(self, info: Info) -> list[Annotated[Project, strawberry.lazy("api.types.project")]]:
        return await _projects(info, (await _overlap_projects(info, self.domain)).projects_b)

    @strawberry.field(description="Each of actorA's projects' budget for the country.")
    async def shares_a(self, info: Info) -> list[OverlapShare]:
        found = await _overlap_projects(info, self.domain)
        return [OverlapShare.from_domain(ref) for ref in found.projects_a]

    @strawberry.field(description="Each of actorB's projects' budget for the country.")
    async def shares_b(self, info: Info) -> list[OverlapShare]:
        found = await _overlap_projects(info, self.domain)
        return [OverlapShare.from_domain(ref) for ref in found.projects_b]

    @classmethod
    def from_domain(cls, overlap: overlap_queries.Overlap) -> Self:
        return cls(
            country_code=overlap.country,
            country_name=overlap.country_name,
            theme_notation=overlap.theme,
            theme_label=overlap.theme_label,
            actor_a_iri=overlap.actor_a.iri,
            actor_b_iri=overlap.actor_b.iri,
            domain=overlap,
            start=overlap.start,
            end=overlap.end,
            combined_budget=[Money.from_domain(money) for money in overlap.combined_budget],
            shared_mechanisms=list(overlap.shared_mechanisms),
            project_count_a=overlap.project_count_a,
            project_count_b=overlap.project_count_b,
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
    statuses: strawberry.Private[tuple[treaty_queries.TreatyStatus, ...]]

    @strawberry.field(
        description=(
            "For gaps that depend on treaty status (obligation, treaty-status-unknown): each instrument's status "
            "date and how many States' status is known."
        )
    )
    def treaty_status(self) -> list[TreatyStatus]:  # built when asked (the matrix asks none)
        return [TreatyStatus.from_domain(status) for status in self.statuses]

    @strawberry.field(description="The legal instruments that make it a gap (or whose status is unknown).")
    async def instruments(self, info: Info) -> list[Annotated[LegalInstrument, strawberry.lazy(_INSTRUMENT)]]:
        from api.types.instrument import LegalInstrument

        return [LegalInstrument.from_node(node) for node in await _nodes(info, self.instrument_iris)]

    @strawberry.field(description="The obligations (articles) without an active project.")
    async def obligations(self, info: Info) -> list[Annotated[Obligation, strawberry.lazy(_INSTRUMENT)]]:
        from api.types.instrument import Obligation

        return [Obligation.from_node(node) for node in await _nodes(info, self.obligation_iris)]

    @strawberry.field(description="The ratifications that bind the State.")
    async def ratifications(self, info: Info) -> list[Annotated[Ratification, strawberry.lazy(_COMMITMENT)]]:
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
            statuses=tuple(gap.treaty_status),
        )
