"""Membership: an organization's dated role in a coordination mechanism."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Annotated, Self

import strawberry

from api.types.common import Info, NodeMap, one
from ontology import model as m

if TYPE_CHECKING:
    from api.types.organization import CoordinationMechanism, Organization

__all__ = ["Membership"]


@strawberry.type(
    description="An organization's membership of a coordination mechanism, with its role and dates."
)
class Membership:
    iri: strawberry.ID
    role: str | None
    start: dt.date | None
    end: dt.date | None
    source: str | None

    @strawberry.field(description="The member organization.")
    async def member(
        self, info: Info
    ) -> Annotated[Organization, strawberry.lazy("api.types.organization")] | None:
        from api.types.organization import organization_from_node

        return await one(info, "MEMBERSHIP_MEMBER", self.iri, organization_from_node)

    @strawberry.field(description="The coordination mechanism.")
    async def mechanism(
        self, info: Info
    ) -> Annotated[CoordinationMechanism, strawberry.lazy("api.types.organization")] | None:
        from api.types.organization import CoordinationMechanism, organization_from_node

        found = await one(info, "MEMBERSHIP_MECHANISM", self.iri, organization_from_node)
        return found if isinstance(found, CoordinationMechanism) else None

    @classmethod
    def from_domain(cls, membership: m.Membership) -> Self:
        return cls(
            iri=strawberry.ID(membership.iri),
            role=membership.role,
            start=membership.start,
            end=membership.end,
            source=membership.source,
        )

    @classmethod
    def from_node(cls, node: NodeMap) -> Self:
        return cls.from_domain(m.Membership.from_node(node))
