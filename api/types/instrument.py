"""Legal instruments (conventions, protocols) and the obligations they set."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Annotated, Self

import strawberry

from api.types.common import Info, NodeMap, one, related
from ontology import model as m

if TYPE_CHECKING:
    from api.types.commitment import Commitment, Ratification
    from api.types.theme import Theme

__all__ = ["LegalInstrument", "Obligation"]


@strawberry.type(description="A convention, protocol or other legal instrument.")
class LegalInstrument:
    iri: strawberry.ID
    name: str
    short_name: str | None
    adopted: dt.date | None
    entry_into_force: dt.date | None
    source: str | None
    status_date: dt.date | None = strawberry.field(
        description="The depositary's status date that the recorded ratifications follow."
    )
    party_count: int | None = strawberry.field(description="Parties per the depositary as of the status date.")
    status_complete: bool = strawberry.field(
        description=(
            "True when every party is recorded; when false a State without a ratification has an unknown "
            "status, not 'not a party'."
        )
    )
    status_source: str | None = strawberry.field(description="The page that states the status date and count.")

    @strawberry.field(description="The instrument it supplements (a protocol's convention).")
    async def part_of(self, info: Info) -> LegalInstrument | None:
        return await one(info, "INSTRUMENT_PART_OF", self.iri, LegalInstrument.from_node)

    @strawberry.field(description="The instruments that supplement it.")
    async def parts(self, info: Info) -> list[LegalInstrument]:
        return await related(info, "INSTRUMENT_PARTS", self.iri, LegalInstrument.from_node)

    @strawberry.field(description="The obligations it sets.")
    async def obligations(self, info: Info) -> list[Obligation]:
        return await related(info, "INSTRUMENT_OBLIGATIONS", self.iri, Obligation.from_node)

    @strawberry.field(description="Commitments made under it (ratifications, pledges, action plans).")
    async def commitments(
        self, info: Info
    ) -> list[Annotated[Commitment, strawberry.lazy("api.types.commitment")]]:
        from api.types.commitment import commitment_from_node

        return await related(info, "INSTRUMENT_COMMITMENTS", self.iri, commitment_from_node)

    @strawberry.field(description="The States that ratified or acceded to it.")
    async def ratifications(
        self, info: Info
    ) -> list[Annotated[Ratification, strawberry.lazy("api.types.commitment")]]:
        from api.types.commitment import Ratification

        return [each for each in await self.commitments(info) if isinstance(each, Ratification)]

    @classmethod
    def from_domain(cls, instrument: m.LegalInstrument) -> Self:
        return cls(
            iri=strawberry.ID(instrument.iri),
            name=instrument.name,
            short_name=instrument.shortName,
            adopted=instrument.adopted,
            entry_into_force=instrument.entryIntoForce,
            source=instrument.source,
            status_date=instrument.statusDate,
            party_count=instrument.partyCount,
            status_complete=bool(instrument.statusComplete),
            status_source=instrument.statusSource,
        )

    @classmethod
    def from_node(cls, node: NodeMap) -> Self:
        return cls.from_domain(m.LegalInstrument.from_node(node))


@strawberry.type(description="An obligation a legal instrument sets (an article).")
class Obligation:
    iri: strawberry.ID
    article: str | None
    title: str | None

    @strawberry.field(description="The instrument that sets it.")
    async def instrument(self, info: Info) -> LegalInstrument | None:
        return await one(info, "OBLIGATION_INSTRUMENT", self.iri, LegalInstrument.from_node)

    @strawberry.field(description="Its themes.")
    async def themes(self, info: Info) -> list[Annotated[Theme, strawberry.lazy("api.types.theme")]]:
        from api.types.theme import Theme

        return await related(info, "OBLIGATION_THEMES", self.iri, Theme.from_node)

    @classmethod
    def from_domain(cls, obligation: m.Obligation) -> Self:
        return cls(iri=strawberry.ID(obligation.iri), article=obligation.article, title=obligation.title)

    @classmethod
    def from_node(cls, node: NodeMap) -> Self:
        return cls.from_domain(m.Obligation.from_node(node))
