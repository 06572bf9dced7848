"""What every type module uses: the resolver Info, batched walks and scoped project connections."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import strawberry

from api.context import Context
from api.dataloaders import ProjectsKey
from api.filters import ProjectFilter, ProjectSort
from api.pagination import node_fields, wants_total, window
from ontology.model import Project
from queries.catalog import Page

__all__ = ["Info", "NodeMap", "one", "project_page", "related", "related_now"]

Info = strawberry.Info[Context, None]
NodeMap = dict[str, Any]
T = TypeVar("T")


async def related(info: Info, relation: str, iri: str, build: Callable[[NodeMap], T]) -> list[T]:
    """The nodes related to `iri` by `relation`, batched with every other node asking for it."""
    return [build(item) for item in await info.context.loaders.related(relation).load(iri)]


def related_now(
    info: Info, relation: str, iri: str, build: Callable[[NodeMap], T]
) -> list[T] | Awaitable[list[T]]:
    """As `related`, but the list itself when the request already holds it (e.g. countries primed by a page).

    For the resolvers of items listed by the hundred: a plain value spares a coroutine and a future each.
    """
    cached = info.context.loaders.cached(relation, iri)
    if cached is not None:
        return [build(item) for item in cached]
    return related(info, relation, iri, build)


async def one(info: Info, relation: str, iri: str, build: Callable[[NodeMap], T]) -> T | None:
    found = await related(info, relation, iri, build)
    return found[0] if found else None


async def project_page(
    info: Info,
    scope: str | None,
    iri: str,
    *,
    filter: ProjectFilter | None,
    sort: ProjectSort | None,
    first: int | None,
    after: str | None,
    last: int | None,
    before: str | None,
    role: str | None = None,
) -> Page[Project]:
    """One page of the projects of a parent (batched with the other parents asking the same)."""
    from api.types.project import project_properties

    fields = node_fields(info)
    key = ProjectsKey(
        iri=iri,
        filter=(filter or ProjectFilter()).to_query(),
        sort=(sort or ProjectSort()).to_query(),
        window=window(first, after, last, before),
        role=role,
        with_total=wants_total(info),
        with_countries="countries" in fields,
        properties=project_properties(fields),
    )
    page = await info.context.loaders.projects(scope).load(key)
    info.context.loaders.prime_countries(page)
    return page
