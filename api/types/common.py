"""What every type module uses: the resolver Info, batched walks and scoped project connections."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import strawberry

from api.context import Context
from api.filters import ProjectFilter, ProjectSort
from api.loaders import ProjectsKey
from api.pagination import selects_node_field, wants_total, window
from queries.catalog import Page
from queries.catalog_model import Project

__all__ = ["Info", "NodeMap", "one", "project_page", "related"]

Info = strawberry.Info[Context, None]
NodeMap = dict[str, Any]
T = TypeVar("T")


async def related(info: Info, relation: str, iri: str, build: Callable[[NodeMap], T]) -> list[T]:
    """The nodes related to `iri` by `relation`, batched with every other node asking for it."""
    return [build(item) for item in await info.context.loaders.related(relation).load(iri)]


async def one(info: Info, relation: str, iri: str, build: Callable[[NodeMap], T]) -> T | None:
    found = await related(info, relation, iri, build)
    return found[0] if found else None


async def project_page(
    info: Info,
    scope: str,
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
    key = ProjectsKey(
        iri=iri,
        filter=(filter or ProjectFilter()).to_query(),
        sort=(sort or ProjectSort()).to_query(),
        window=window(first, after, last, before),
        role=role,
        with_total=wants_total(info),
        with_countries=selects_node_field(info, "countries"),
    )
    page = await info.context.loaders.projects(scope).load(key)
    info.context.loaders.prime_countries(page)
    return page
