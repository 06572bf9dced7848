"""Countries and the M49 regions they belong to."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Self

import strawberry

from api.types.common import Info, NodeMap, one, related
from api.types.lists import project_list
from ontology import model as m

if TYPE_CHECKING:
    from api.types.commitment import ActionPlan, Commitment, Pledge, Ratification
    from api.types.funding import Grant

__all__ = ["Country", "Region"]

_COMMITMENT = "api.types.commitment"


@strawberry.type(description="A country (ISO 3166-1) and the work and commitments that concern it.")
class Country:
    iri: strawberry.ID
    iso2: str
    iso3: str | None
    iso_numeric: str | None
    name: str

    @strawberry.field(description="Its M49 region.")
    async def region(self, info: Info) -> Region | None:
        return await one(info, "COUNTRY_REGION", self.iri, Region.from_node)

    @strawberry.field(description="Its M49 sub-region.")
    async def subregion(self, info: Info) -> Region | None:
        return await one(info, "COUNTRY_SUBREGION", self.iri, Region.from_node)

    projects = project_list("country", "Projects with this country as a recipient.")

    @strawberry.field(description="Its commitments: ratifications, pledges and action plans.")
    async def commitments(self, info: Info) -> list[Annotated[Commitment, strawberry.lazy(_COMMITMENT)]]:
        from api.types.commitment import commitment_from_node

        return await related(info, "COUNTRY_COMMITMENTS", self.iri, commitment_from_node)

    @strawberry.field(description="The treaties it ratified or acceded to.")
    async def ratifications(self, info: Info) -> list[Annotated[Ratification, strawberry.lazy(_COMMITMENT)]]:
        from api.types.commitment import Ratification

        found = await self.commitments(info)
        return [each for each in found if isinstance(each, Ratification)]

    @strawberry.field(description="Pledges made for it.")
    async def pledges(self, info: Info) -> list[Annotated[Pledge, strawberry.lazy(_COMMITMENT)]]:
        from api.types.commitment import Pledge

        found = await self.commitments(info)
        return [each for each in found if isinstance(each, Pledge)]

    @strawberry.field(description="Its national action plans.")
    async def action_plans(self, info: Info) -> list[Annotated[ActionPlan, strawberry.lazy(_COMMITMENT)]]:
        from api.types.commitment import ActionPlan

        found = await self.commitments(info)
        return [each for each in found if isinstance(each, ActionPlan)]

    @strawberry.field(description="Grants for work in it.")
    async def grants(self, info: Info) -> list[Annotated[Grant, strawberry.lazy("api.types.funding")]]:
        from api.types.funding import Grant

        return await related(info, "COUNTRY_GRANTS", self.iri, Grant.from_node)

    @classmethod
    def from_domain(cls, country: m.Country) -> Self:
        return cls(
            iri=strawberry.ID(country.iri),
            iso2=country.iso2,
            iso3=country.iso3,
            iso_numeric=country.isoNumeric,
            name=country.name,
        )

    @classmethod
    def from_node(cls, node: NodeMap) -> Self:
        return cls.from_domain(m.Country.from_node(node))


@strawberry.type(description="A UN M49 region or sub-region.")
class Region:
    iri: strawberry.ID
    m49: str
    name: str

    @strawberry.field(description="Its countries.")
    async def countries(self, info: Info) -> list[Country]:
        return await related(info, "REGION_COUNTRIES", self.iri, Country.from_node)

    @classmethod
    def from_domain(cls, region: m.Region) -> Self:
        return cls(iri=strawberry.ID(region.iri), m49=region.m49, name=region.name)

    @classmethod
    def from_node(cls, node: NodeMap) -> Self:
        return cls.from_domain(m.Region.from_node(node))
