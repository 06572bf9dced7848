"""Funds and the grants they make."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Annotated, Self

import strawberry

from api.types.common import Info, NodeMap, one, related
from ontology import model as m

if TYPE_CHECKING:
    from api.types.organization import Organization
    from api.types.place import Country
    from api.types.theme import Theme

__all__ = ["Fund", "Grant"]

_ORGANIZATION = "api.types.organization"


@strawberry.type(description="A fund, such as the UN Voluntary Trust Fund for Victims of Trafficking.")
class Fund:
    iri: strawberry.ID
    name: str
    url: str | None
    source: str | None

    @strawberry.field(description="The organization that manages it.")
    async def managed_by(self, info: Info) -> Annotated[Organization, strawberry.lazy(_ORGANIZATION)] | None:
        from api.types.organization import organization_from_node

        return await one(info, "MANAGED_BY", self.iri, organization_from_node)

    @strawberry.field(description="The grants it made.")
    async def grants(self, info: Info) -> list[Grant]:
        return await related(info, "FUND_GRANTS", self.iri, Grant.from_node)

    @classmethod
    def from_domain(cls, fund: m.Fund) -> Self:
        return cls(iri=strawberry.ID(fund.iri), name=fund.name, url=fund.url, source=fund.source)

    @classmethod
    def from_node(cls, node: NodeMap) -> Self:
        return cls.from_domain(m.Fund.from_node(node))


@strawberry.type(description="A grant from a fund to an organization.")
class Grant:
    iri: strawberry.ID
    amount: float | None
    currency: str | None
    start: dt.date | None
    end: dt.date | None
    source: str | None

    @strawberry.field(description="The fund it comes from.")
    async def fund(self, info: Info) -> Fund | None:
        return await one(info, "GRANT_FUND", self.iri, Fund.from_node)

    @strawberry.field(description="The organization that received it.")
    async def grantee(self, info: Info) -> Annotated[Organization, strawberry.lazy(_ORGANIZATION)] | None:
        from api.types.organization import organization_from_node

        return await one(info, "GRANT_GRANTEE", self.iri, organization_from_node)

    @strawberry.field(description="The country of the work funded.")
    async def country(self, info: Info) -> Annotated[Country, strawberry.lazy("api.types.place")] | None:
        from api.types.place import Country

        return await one(info, "GRANT_COUNTRY", self.iri, Country.from_node)

    @strawberry.field(description="Its themes.")
    async def themes(self, info: Info) -> list[Annotated[Theme, strawberry.lazy("api.types.theme")]]:
        from api.types.theme import Theme

        return await related(info, "GRANT_THEMES", self.iri, Theme.from_node)

    @classmethod
    def from_domain(cls, grant: m.Grant) -> Self:
        return cls(
            iri=strawberry.ID(grant.iri),
            amount=grant.amount,
            currency=grant.currency,
            start=grant.start,
            end=grant.end,
            source=grant.source,
        )

    @classmethod
    def from_node(cls, node: NodeMap) -> Self:
        return cls.from_domain(m.Grant.from_node(node))
