"""Themes: SKOS concepts (thematic areas, UNODC strategy components, crime types) with broader and narrower."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Self

import strawberry

from api.types.common import Info, NodeMap, related
from api.types.lists import project_list
from ontology import model as m

if TYPE_CHECKING:
    from api.types.commitment import Commitment
    from api.types.funding import Grant
    from api.types.instrument import Obligation

__all__ = ["Theme"]


@strawberry.type(description="A theme (thematic area, strategy component or crime type) of the ontology.")
class Theme:
    iri: strawberry.ID
    notation: str
    pref_label: str | None
    definition: str | None
    scheme: str | None

    @strawberry.field(description="The broader themes.")
    async def broader(self, info: Info) -> list[Theme]:
        return await related(info, "THEME_BROADER", self.iri, Theme.from_node)

    @strawberry.field(description="The narrower themes.")
    async def narrower(self, info: Info) -> list[Theme]:
        return await related(info, "THEME_NARROWER", self.iri, Theme.from_node)

    projects = project_list("theme", "Projects on this theme or a narrower one.")

    @strawberry.field(description="Treaty obligations on this theme.")
    async def obligations(
        self, info: Info
    ) -> list[Annotated[Obligation, strawberry.lazy("api.types.instrument")]]:
        from api.types.instrument import Obligation

        return await related(info, "THEME_OBLIGATIONS", self.iri, Obligation.from_node)

    @strawberry.field(description="Commitments on this theme.")
    async def commitments(
        self, info: Info
    ) -> list[Annotated[Commitment, strawberry.lazy("api.types.commitment")]]:
        from api.types.commitment import commitment_from_node

        return await related(info, "THEME_COMMITMENTS", self.iri, commitment_from_node)

    @strawberry.field(description="Grants on this theme.")
    async def grants(self, info: Info) -> list[Annotated[Grant, strawberry.lazy("api.types.funding")]]:
        from api.types.funding import Grant

        return await related(info, "THEME_GRANTS", self.iri, Grant.from_node)

    @classmethod
    def from_domain(cls, theme: m.Theme) -> Self:
        return cls(
            iri=strawberry.ID(theme.iri),
            notation=theme.notation,
            pref_label=theme.prefLabel,
            definition=theme.definition,
            scheme=theme.scheme,
        )

    @classmethod
    def from_node(cls, node: NodeMap) -> Self:
        return cls.from_domain(m.Theme.from_node(node))
