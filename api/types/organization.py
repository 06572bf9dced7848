"""Organizations: the `Organization` interface and one type per kind of the ontology."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Annotated

import strawberry

from api.enums import OrganizationKind, OrganizationType, member
from api.types.common import Info, NodeMap, one, related
from api.types.lists import project_list
from ontology import model as m

if TYPE_CHECKING:
    from api.types.commitment import Pledge
    from api.types.funding import Fund, Grant
    from api.types.identity import OrganizationName
    from api.types.membership import Membership

__all__ = ["KINDS", "Organization", "organization_from_domain", "organization_from_node"]


@strawberry.interface(description="An agency, coordination mechanism, partner or other organization.")
class Organization:
    iri: strawberry.ID
    name: str
    short_name: str | None
    identifier: str | None = strawberry.field(description="IATI organisation identifier, e.g. XM-DAC-41123.")
    org_type: OrganizationType | None
    kind: OrganizationKind
    url: str | None
    source: str | None = strawberry.field(description="Where the facts about it come from.")
    generated_at: dt.datetime | None

    @strawberry.field(
        description="Every name and acronym it is known by, with its language (SKOS prefLabel and altLabel): "
        "the reference data's, those partners' feeds gave it and those of organizations merged into it."
    )
    async def names(self, info: Info) -> list[Annotated[OrganizationName, strawberry.lazy("api.types.identity")]]:
        from api.types.identity import names_of

        found: list[NodeMap] = await info.context.loaders.related("NODES_BY_IRI").load(self.iri)
        return names_of(found[0]) if found else []

    @strawberry.field(description="Further org-id.guide identifiers, such as those of organizations merged into it.")
    async def other_identifiers(self, info: Info) -> list[str]:
        found: list[NodeMap] = await info.context.loaders.related("NODES_BY_IRI").load(self.iri)
        return [str(i) for i in (found[0].get("otherIdentifiers") or [])] if found else []

    @strawberry.field(description="Memberships of this organization in coordination mechanisms.")
    async def memberships(
        self, info: Info
    ) -> list[Annotated[Membership, strawberry.lazy("api.types.membership")]]:
        from api.types.membership import Membership

        return await related(info, "ORGANIZATION_MEMBERSHIPS", self.iri, Membership.from_node)

    projects = project_list(
        "organization", "Projects it takes part in (in the role given, else any role).", by_role=True
    )

    @strawberry.field(description="Pledges it made.")
    async def pledges(self, info: Info) -> list[Annotated[Pledge, strawberry.lazy("api.types.commitment")]]:
        from api.types.commitment import Pledge

        return await related(info, "ORGANIZATION_PLEDGES", self.iri, Pledge.from_node)

    @strawberry.field(description="Grants it received.")
    async def grants(self, info: Info) -> list[Annotated[Grant, strawberry.lazy("api.types.funding")]]:
        from api.types.funding import Grant

        return await related(info, "ORGANIZATION_GRANTS", self.iri, Grant.from_node)

    @strawberry.field(description="Coordination mechanisms it manages or coordinates.")
    async def manages(self, info: Info) -> list[Organization]:
        return await related(info, "ORGANIZATION_MANAGED_MECHANISMS", self.iri, organization_from_node)

    @strawberry.field(description="Funds it manages.")
    async def managed_funds(self, info: Info) -> list[Annotated[Fund, strawberry.lazy("api.types.funding")]]:
        from api.types.funding import Fund

        return await related(info, "ORGANIZATION_MANAGED_FUNDS", self.iri, Fund.from_node)

    @strawberry.field(description="The organization that manages or coordinates it.")
    async def managed_by(self, info: Info) -> Organization | None:
        return await one(info, "MANAGED_BY", self.iri, organization_from_node)


@strawberry.type(description="An entity of the United Nations system.")
class Agency(Organization):
    pass


@strawberry.type(description="An inter-agency coordination mechanism such as ICAT, UN.GIFT or GMG.")
class CoordinationMechanism(Organization):
    @strawberry.field(description="Its memberships: who is (or was) a member, in what role, when.")
    async def members(
        self, info: Info, active_as_of: dt.date | None = None
    ) -> list[Annotated[Membership, strawberry.lazy("api.types.membership")]]:
        from api.types.membership import Membership

        found = await related(info, "MECHANISM_MEMBERSHIPS", self.iri, m.Membership.from_node)
        return [Membership.from_domain(each) for each in found if each.active_on(active_as_of)]


@strawberry.type(description="A partner organization of no more specific kind.")
class Partner(Organization):
    pass


@strawberry.type(description="A non-governmental organization.")
class NGO(Organization):
    pass


@strawberry.type(description="A civil society organization.")
class CivilSocietyOrganization(Organization):
    pass


@strawberry.type(description="A company or business association.")
class PrivateSectorOrganization(Organization):
    pass


@strawberry.type(description="An intergovernmental organization outside the UN system, such as OSCE.")
class InternationalOrganization(Organization):
    pass


@strawberry.type(description="A ministry, agency or other body of a government.")
class GovernmentBody(Organization):
    pass


@strawberry.type(description="An organization whose kind is not known.")
class OtherOrganization(Organization):
    pass


KINDS: dict[str, type[Organization]] = {
    "Agency": Agency,
    "CoordinationMechanism": CoordinationMechanism,
    "Partner": Partner,
    "NGO": NGO,
    "CivilSocietyOrganization": CivilSocietyOrganization,
    "PrivateSectorOrganization": PrivateSectorOrganization,
    "InternationalOrganization": InternationalOrganization,
    "GovernmentBody": GovernmentBody,
    "Organization": OtherOrganization,
}


def organization_from_domain(org: m.Organization) -> Organization:
    cls = KINDS.get(org.kind, OtherOrganization)
    return cls(
        iri=strawberry.ID(org.iri),
        name=org.name,
        short_name=org.shortName,
        identifier=org.identifier,
        org_type=member(OrganizationType, org.orgType),
        kind=OrganizationKind(org.kind),
        url=org.url,
        source=org.source,
        generated_at=org.generatedAt,
    )


def organization_from_node(node: NodeMap) -> Organization:
    return organization_from_domain(m.Organization.from_node(node))
