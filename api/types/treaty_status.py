"""Treaty status as GraphQL values: what the graph knows of an instrument's parties, and as of when."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Annotated, Self

import strawberry

from api.types.common import Info, NodeMap
from queries import treaty_status as status_queries

if TYPE_CHECKING:
    from api.types.instrument import LegalInstrument

__all__ = ["TreatyStatus"]


@strawberry.type(
    description=(
        "What the graph knows of an instrument's parties: the depositary's status date, how many parties it "
        "counts and how many are recorded, and how many States' status is known. When the record is not "
        "complete, a State without a ratification has an unknown status, not 'not a party'."
    )
)
class TreatyStatus:
    instrument_iri: strawberry.ID
    name: str
    status_date: dt.date | None = strawberry.field(
        description="The depositary's status date the recorded parties follow."
    )
    party_count: int | None = strawberry.field(
        description="Parties per the depositary as of the status date."
    )
    complete: bool = strawberry.field(
        description="Every party is recorded: a State without a ratification is not a party as of the status date."
    )
    recorded_parties: int = strawberry.field(
        description="Parties recorded (States and others, such as the EU)."
    )
    recorded_states: int = strawberry.field(description="State parties recorded.")
    parties_as_of: int = strawberry.field(
        description="Recorded State parties bound on or before the day asked."
    )
    states: int = strawberry.field(description="States (countries) in the graph.")
    states_known: int = strawberry.field(
        description="States whose status is known: all if complete, else the recorded State parties."
    )
    domain: strawberry.Private[status_queries.TreatyStatus]

    @strawberry.field(description="One sentence saying all of the above.")
    def summary(self) -> str:  # written when asked: a matrix's gaps carry ~1,300 statuses and ask none
        return self.domain.sentence

    @strawberry.field(description="The instrument.")
    async def instrument(
        self, info: Info
    ) -> Annotated[LegalInstrument, strawberry.lazy("api.types.instrument")] | None:
        from api.types.instrument import LegalInstrument

        found: list[NodeMap] = await info.context.loaders.related("NODES_BY_IRI").load(self.instrument_iri)
        return LegalInstrument.from_node(found[0]) if found else None

    @classmethod
    def from_domain(cls, status: status_queries.TreatyStatus) -> Self:
        return cls(
            instrument_iri=strawberry.ID(status.instrument),
            name=status.name,
            status_date=status.status_date,
            party_count=status.party_count,
            complete=status.complete,
            recorded_parties=status.recorded_parties,
            recorded_states=status.recorded_states,
            parties_as_of=status.parties_as_of,
            states=status.states,
            states_known=status.states_known,
            domain=status,
        )
