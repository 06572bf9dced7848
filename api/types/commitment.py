"""Commitments: ratifications of treaties, pledges and national action plans."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Annotated

import strawberry

from api.enums import RatificationKind, member
from api.types.common import Info, NodeMap, one, related
from ontology import model as m

if TYPE_CHECKING:
    from api.types.instrument import LegalInstrument
    from api.types.organization import Organization
    from api.types.place import Country
    from api.types.theme import Theme

__all__ = ["ActionPlan", "Commitment", "OtherCommitment", "Pledge", "Ratification", "commitment_from_node"]


@strawberry.interface(description="A commitment to act against trafficking or smuggling.")
class Commitment:
    iri: strawberry.ID
    source: str | None
    generated_at: dt.datetime | None

    @strawberry.field(description="The State bound, or the country concerned.")
    async def country(self, info: Info) -> Annotated[Country, strawberry.lazy("api.types.place")] | None:
        from api.types.place import Country

        return await one(info, "COMMITMENT_COUNTRY", self.iri, Country.from_node)

    @strawberry.field(description="The legal instrument it is made under.")
    async def instrument(
        self, info: Info
    ) -> Annotated[LegalInstrument, strawberry.lazy("api.types.instrument")] | None:
        from api.types.instrument import LegalInstrument

        return await one(info, "COMMITMENT_INSTRUMENT", self.iri, LegalInstrument.from_node)

    @strawberry.field(description="Its themes.")
    async def themes(self, info: Info) -> list[Annotated[Theme, strawberry.lazy("api.types.theme")]]:
        from api.types.theme import Theme

        return await related(info, "COMMITMENT_THEMES", self.iri, Theme.from_node)


@strawberry.type(description="A State's consent to be bound by a treaty.")
class Ratification(Commitment):
    date: dt.date | None = strawberry.field(description="The date of consent (deposit of the instrument).")
    kind: RatificationKind | None = strawberry.field(
        description="How consent was given; null when the source does not say."
    )
    signature_date: dt.date | None = strawberry.field(description="The date of signature, when shown.")
    second_source: str | None = strawberry.field(
        description="A second public record giving the same facts, when one was found."
    )
    source_date: str | None = strawberry.field(
        description="When the source states its facts as of: YYYY-MM-DD, or the year of a gazette notice."
    )
    doubt: str | None = strawberry.field(
        description="Why a fact is doubtful (sources disagree), with the other value and its source."
    )

    @strawberry.field(description="True when a source contradicts a fact of this ratification (see doubt).")
    def doubtful(self) -> bool:
        return self.doubt is not None

    @strawberry.field(description="The party bound when it is not a State (the European Union).")
    async def party(
        self, info: Info
    ) -> Annotated[Organization, strawberry.lazy("api.types.organization")] | None:
        from api.types.organization import organization_from_node

        return await one(info, "RATIFICATION_PARTY", self.iri, organization_from_node)


@strawberry.type(description="A pledge to act, made by an organization or a State.")
class Pledge(Commitment):
    description: str | None
    due_date: dt.date | None

    @strawberry.field(description="Who made the pledge.")
    async def pledged_by(
        self, info: Info
    ) -> Annotated[Organization, strawberry.lazy("api.types.organization")] | None:
        from api.types.organization import organization_from_node

        return await one(info, "PLEDGE_PLEDGED_BY", self.iri, organization_from_node)

    @classmethod
    def from_node(cls, node: NodeMap) -> Pledge:
        found = commitment_from_node(node)
        assert isinstance(found, Pledge)
        return found


@strawberry.type(description="A national action plan against trafficking or smuggling.")
class ActionPlan(Commitment):
    title: str | None
    start: dt.date | None
    end: dt.date | None


@strawberry.type(description="A commitment of no more specific kind.")
class OtherCommitment(Commitment):
    pass


def commitment_from_domain(commitment: m.Commitment) -> Commitment:
    iri, source, generated = strawberry.ID(commitment.iri), commitment.source, commitment.generatedAt
    if isinstance(commitment, m.Ratification):
        return Ratification(
            iri=iri,
            source=source,
            generated_at=generated,
            date=commitment.date,
            kind=member(RatificationKind, commitment.kind),
            signature_date=commitment.signatureDate,
            second_source=commitment.secondSource,
            source_date=commitment.sourceDate,
            doubt=commitment.doubt,
        )
    if isinstance(commitment, m.Pledge):
        return Pledge(
            iri=iri,
            source=source,
            generated_at=generated,
            description=commitment.description,
            due_date=commitment.dueDate,
        )
    if isinstance(commitment, m.ActionPlan):
        return ActionPlan(
            iri=iri,
            source=source,
            generated_at=generated,
            title=commitment.title,
            start=commitment.start,
            end=commitment.end,
        )
    return OtherCommitment(iri=iri, source=source, generated_at=generated)


def commitment_from_node(node: NodeMap) -> Commitment:
    return commitment_from_domain(m.commitment_from_node(node))
