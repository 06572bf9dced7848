"""Organization identity as GraphQL values: match candidates and the results of merges and splits."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Self

import strawberry

from api.types.common import Info, NodeMap
from loaders.identity import MergeResult
from queries import candidates as candidate_queries

if TYPE_CHECKING:
    from api.types.organization import Organization

__all__ = ["MatchCandidate", "OrganizationMergeResult", "OrganizationName", "names_of"]

_ORGANIZATION = "api.types.organization"


async def _organization(info: Info, iri: str) -> Organization | None:
    from api.types.organization import organization_from_node

    found: list[NodeMap] = await info.context.loaders.related("NODES_BY_IRI").load(iri)
    return organization_from_node(found[0]) if found else None


@strawberry.type(description="A name or acronym of an organization in a language.")
class OrganizationName:
    text: str
    language: str | None = strawberry.field(description="ISO 639-1 code; null when the source did not say.")
    preferred: bool = strawberry.field(description="The preferred name in its language (skos:prefLabel).")


def names_of(node: NodeMap) -> list[OrganizationName]:
    """The names of an organization node: its prefLabels, name, short name and altLabels, each once."""
    props = node.get("properties", node)
    found: list[OrganizationName] = []
    seen: set[tuple[str, str | None]] = set()

    def add(entry: object, preferred: bool) -> None:
        lang, _, text = str(entry).partition("|") if "|" in str(entry) else ("", "", str(entry))
        key = (text, lang or None)
        if text and key not in seen and (text, None) not in seen:
            seen.add(key)
            found.append(OrganizationName(text=text, language=lang or None, preferred=preferred))

    for entry in props.get("prefLabels") or []:
        add(entry, True)
    for name in (props.get("name"), props.get("shortName")):
        if name:
            add(f"|{name}", name == props.get("name") and not props.get("prefLabels"))
    for entry in props.get("altLabels") or []:
        add(entry, False)
    return found


@strawberry.type(description="Two organizations that may be one, found on load: never merged until an admin decides.")
class MatchCandidate:
    iri: strawberry.ID
    score: float = strawberry.field(description="How alike they are, 0 to 1.")
    evidence: list[str] = strawberry.field(description="The findings behind the score, one a line.")
    decision: str = strawberry.field(description="open, merged or split.")
    iri_a: strawberry.Private[str]
    iri_b: strawberry.Private[str]

    @strawberry.field(description="One organization of the pair.")
    async def organization_a(self, info: Info) -> Annotated[Organization, strawberry.lazy(_ORGANIZATION)] | None:
        return await _organization(info, self.iri_a)

    @strawberry.field(description="The other organization of the pair.")
    async def organization_b(self, info: Info) -> Annotated[Organization, strawberry.lazy(_ORGANIZATION)] | None:
        return await _organization(info, self.iri_b)

    @classmethod
    def from_domain(cls, candidate: candidate_queries.Candidate) -> Self:
        return cls(
            iri=strawberry.ID(candidate.iri),
            score=candidate.score,
            evidence=list(candidate.evidence),
            decision=candidate.decision,
            iri_a=candidate.a.iri,
            iri_b=candidate.b.iri,
        )


@strawberry.type(description="What a merge or split did; give `merge` to splitOrganizations to undo a merge.")
class OrganizationMergeResult:
    merge: strawberry.ID = strawberry.field(description="The IRI of the merge record (who, when, why).")
    absorbed: strawberry.ID = strawberry.field(description="The organization folded in (or restored by a split).")
    moved: int = strawberry.field(description="How many relationships moved.")
    names: list[str] = strawberry.field(description="The names the survivor gained (a split removes them again).")
    identifiers: list[str]
    survivor_iri: strawberry.Private[str]

    @strawberry.field(description="The organization kept.")
    async def survivor(self, info: Info) -> Annotated[Organization, strawberry.lazy(_ORGANIZATION)] | None:
        return await _organization(info, self.survivor_iri)

    @classmethod
    def from_domain(cls, result: MergeResult) -> Self:
        return cls(
            merge=strawberry.ID(result.merge),
            absorbed=strawberry.ID(result.absorbed),
            moved=result.moved,
            names=list(result.names),
            identifiers=list(result.identifiers),
            survivor_iri=result.survivor,
        )
