"""Projects, and the reified links that carry their roles and country shares."""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable
from typing import TYPE_CHECKING, Annotated, Self

import strawberry

from api.enums import ActivityStatus, ParticipationRole, member
from api.types.common import Info, NodeMap, related, related_now
from api.types.properties import model_properties, property_values
from ontology import model as m
from ontology.activity import DERIVED_PROPERTIES

if TYPE_CHECKING:
    from api.types.history import Change, ChangeAction
    from api.types.organization import Organization
    from api.types.place import Country
    from api.types.theme import Theme

__all__ = [
    "CountryAllocation",
    "LocalizedText",
    "Participation",
    "Project",
    "Provenance",
    "project_properties",
]

_PROVENANCE = ("source", "generatedAt", "partner", "sourceFile", "contentHash", "loadedAt")
_COMPUTED: dict[str, tuple[str, ...]] = {
    "start": ("actualStart", "plannedStart"),
    "end": ("actualEnd", "plannedEnd"),
    "provenance": _PROVENANCE,
}
_RELATIONS = ("participations", "organizations", "countries", "themes", "crimeTypes", "history", "__typename")
FIELD_PROPERTIES: dict[str, tuple[str, ...]] = {
    **{name: (name,) if name != "iri" else () for name in m.property_names(m.Project)},
    **_COMPUTED,
    **dict.fromkeys(_RELATIONS, ()),
}
"""The graph properties each Project field shows: a field named as a property of `ontology.model.Project`
shows that property; relations need only the IRI, always read. (A property the GraphQL type does not show,
such as `url`, is simply never asked for.)"""


def project_properties(fields: set[str]) -> tuple[str, ...] | None:
    """The properties to read for the Project fields selected, None (all) when a field is not known here."""
    if not fields <= FIELD_PROPERTIES.keys():
        return None
    return tuple(sorted({"iri", *(name for field in fields for name in FIELD_PROPERTIES[field])}))


@strawberry.type(description="A text in a language (ISO 639-1; empty when the source does not say).")
class LocalizedText:
    language: str
    text: str

    @classmethod
    def parse(cls, stored: str) -> Self:
        language, _, text = stored.partition("|")
        return cls(language=language, text=text) if text else cls(language="", text=language)


_ProvenanceProperties = model_properties(m.Project, _PROVENANCE, name="ProvenanceProperties")


@strawberry.type(description="Where a project record comes from and when it was loaded.")
class Provenance(_ProvenanceProperties):  # type: ignore[misc,valid-type]  # its fields are built from the model
    @classmethod
    def from_domain(cls, project: m.Project) -> Self:
        return cls(**property_values(project, _PROVENANCE))


@strawberry.type(description="An organization's part in a project.")
class Participation:
    role: ParticipationRole | None
    organization: Annotated[Organization, strawberry.lazy("api.types.organization")]
    project_iri: strawberry.Private[str]

    @strawberry.field(description="The project.")
    async def project(self, info: Info) -> Project | None:
        found = await related(info, "NODES_BY_IRI", self.project_iri, Project.from_node)
        return found[0] if found else None

    @classmethod
    def from_item(cls, item: NodeMap) -> Self:
        from api.types.organization import organization_from_node

        return cls(
            role=member(ParticipationRole, item["role"]),
            organization=organization_from_node(item["node"]),
            project_iri=str(item.get("project", "")),
        )


@strawberry.type(description="A recipient country of a project and its share (percentage, when known).")
class CountryAllocation:
    percentage: float | None
    country: Annotated[Country, strawberry.lazy("api.types.place")]
    project_iri: strawberry.Private[str]

    @strawberry.field(description="The project.")
    async def project(self, info: Info) -> Project | None:
        found = await related(info, "NODES_BY_IRI", self.project_iri, Project.from_node)
        return found[0] if found else None

    @classmethod
    def from_item(cls, item: NodeMap) -> Self:
        from api.types.place import Country

        return cls(
            percentage=item["percentage"],
            country=Country.from_node(item["node"]),
            project_iri=str(item.get("project", "")),
        )


# The properties a Project shows as its own fields (the others under `provenance`); `iri` first.
# activeFrom/activeUntil are index keys cograph derives (ontology.activity), with placeholder days for open
# bounds: `start`, `end` and `withdrawnAt` say the same to a reader, so they are not fields.
_SHOWN = tuple(
    name
    for name in m.property_names(m.Project)
    if (name not in ("url", *_PROVENANCE) or name == "partner") and name not in DERIVED_PROPERTIES
)
_ProjectProperties = model_properties(
    m.Project,
    _SHOWN,
    name="ProjectProperties",
    types={"iri": strawberry.ID, "titles": list[LocalizedText], "status": ActivityStatus | None},
)


@strawberry.type(description="A project or activity of an agency or partner.")
class Project(_ProjectProperties):  # type: ignore[misc,valid-type]  # its property fields are built from the model
    start: dt.date | None = strawberry.field(description="The actual start, else the planned one.")
    end: dt.date | None = strawberry.field(description="The actual end, else the planned one.")
    provenance: Provenance

    @strawberry.field(
        description="What the syncs did to this project, newest first (unchanged syncs only when asked for).",
        graphql_type=list[Annotated["Change", strawberry.lazy("api.types.history")]],
    )
    async def history(
        self,
        info: Info,
        actions: list[Annotated[ChangeAction, strawberry.lazy("api.types.history")]] | None = None,
    ) -> list[Change]:
        from api.types.history import project_history

        return await project_history(info, self.iri, actions)

    # countries and participations are sync resolvers answering from the request's cache when it holds the
    # items (a page of projects primes their countries): no coroutine and future per project of a page
    @strawberry.field(
        description="The organizations taking part, with their roles.", graphql_type=list[Participation]
    )
    def participations(
        self, info: Info, role: ParticipationRole | None = None
    ) -> list[Participation] | Awaitable[list[Participation]]:
        found = related_now(info, "PROJECT_PARTICIPATIONS", self.iri, Participation.from_item)
        if isinstance(found, list):
            return _of_role(found, role)
        return _awaited_of_role(found, role)

    @strawberry.field(description="The organizations taking part (in the role given, else any role).")
    async def organizations(
        self, info: Info, role: ParticipationRole | None = None
    ) -> list[Annotated[Organization, strawberry.lazy("api.types.organization")]]:
        participations = self.participations(info, role)
        found = participations if isinstance(participations, list) else await participations
        seen: dict[str, Organization] = {}
        for each in found:
            seen.setdefault(str(each.organization.iri), each.organization)
        return list(seen.values())

    @strawberry.field(
        description="The recipient countries and their shares.", graphql_type=list[CountryAllocation]
    )
    def countries(self, info: Info) -> list[CountryAllocation] | Awaitable[list[CountryAllocation]]:
        return related_now(info, "PROJECT_COUNTRIES", self.iri, CountryAllocation.from_item)

    @strawberry.field(description="Its themes.")
    async def themes(self, info: Info) -> list[Annotated[Theme, strawberry.lazy("api.types.theme")]]:
        from api.types.theme import Theme

        return await related(info, "PROJECT_THEMES", self.iri, Theme.from_node)

    @strawberry.field(description="The crimes it addresses.")
    async def crime_types(self, info: Info) -> list[Annotated[Theme, strawberry.lazy("api.types.theme")]]:
        from api.types.theme import Theme

        return await related(info, "PROJECT_CRIME_TYPES", self.iri, Theme.from_node)

    @classmethod
    def from_domain(cls, project: m.Project) -> Self:
        return cls(
            **property_values(
                project,
                _SHOWN,
                iri=strawberry.ID(project.iri),
                titles=[LocalizedText.parse(text) for text in project.titles],
                status=member(ActivityStatus, project.status),
                unclassified=bool(project.unclassified),
                withdrawn=bool(project.withdrawn),
            ),
            start=project.start,
            end=project.end,
            provenance=Provenance.from_domain(project),
        )

    @classmethod
    def from_node(cls, node: NodeMap) -> Self:
        return cls.from_domain(m.Project.from_node(node))


def _of_role(found: list[Participation], role: ParticipationRole | None) -> list[Participation]:
    return found if role is None else [each for each in found if each.role == role]


async def _awaited_of_role(
    found: Awaitable[list[Participation]], role: ParticipationRole | None
) -> list[Participation]:
    return _of_role(await found, role)
