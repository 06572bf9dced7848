"""Field factories for the paginated lists: a new list costs one line, as with Strawberry's own field helpers.

`project_list` is every `projects(...)` field (the root's and those of an organization, a country, a theme),
`catalogue_list` every plain list of one label in its natural order (legal instruments, funds, grants ...).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, Any

import strawberry

from api.enums import ParticipationRole
from api.filters import ProjectFilter, ProjectSort
from api.pagination import Connection, window
from api.types.common import Info, NodeMap, project_page
from queries import catalog
from queries.catalog import TOP

if TYPE_CHECKING:
    from api.types.project import Project

__all__ = ["catalogue_list", "project_list"]

_PROJECT = Annotated["Project", strawberry.lazy("api.types.project")]


async def _projects(
    parent: Any,
    info: Info,
    scope: str | None,
    *,
    role: ParticipationRole | None,
    filter: ProjectFilter | None,
    sort: ProjectSort | None,
    first: int | None,
    after: str | None,
    last: int | None,
    before: str | None,
) -> Any:
    from api.types.project import Project

    page = await project_page(
        info,
        scope,
        TOP if scope is None else str(parent.iri),
        filter=filter,
        sort=sort,
        first=first,
        after=after,
        last=last,
        before=before,
        role=str(role.value) if role else None,
    )
    return Connection.from_page(page, Project.from_domain)


def project_list(scope: str | None, description: str, *, by_role: bool = False) -> Any:
    """A `projects(...)` field: of the parent in `scope` (`organization`, `country`, `theme`), or of the whole
    catalogue when `scope` is None; with `by_role`, it also takes the participation role."""
    if by_role:

        async def of_role(
            self: Any,
            info: Info,
            role: ParticipationRole | None = None,
            filter: ProjectFilter | None = None,
            sort: ProjectSort | None = None,
            first: int | None = None,
            after: str | None = None,
            last: int | None = None,
            before: str | None = None,
        ) -> Any:
            return await _projects(
                self, info, scope, role=role, filter=filter, sort=sort, first=first, after=after, last=last,
                before=before,
            )  # fmt: skip

        resolver: Callable[..., Any] = of_role
    else:

        async def of_any_role(
            self: Any,
            info: Info,
            filter: ProjectFilter | None = None,
            sort: ProjectSort | None = None,
            first: int | None = None,
            after: str | None = None,
            last: int | None = None,
            before: str | None = None,
        ) -> Any:
            return await _projects(
                self, info, scope, role=None, filter=filter, sort=sort, first=first, after=after, last=last,
                before=before,
            )  # fmt: skip

        resolver = of_any_role
    return strawberry.field(resolver=resolver, description=description, graphql_type=Connection[_PROJECT])


def catalogue_list(
    label: str,
    read: Callable[[NodeMap], Any],
    show: Callable[[Any], Any],
    graphql_type: Any,
    description: str,
) -> Any:
    """A paginated list of the nodes of `label` (a key of `queries.catalog.SIMPLE_LISTS`): each node map is
    `read` into a domain object and `show`n as the GraphQL type."""

    async def resolve(
        info: Info,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> Any:
        page = window(first, after, last, before)
        found = await info.context.run(lambda graph: catalog.simple_list(graph, label, page, read))
        return Connection.from_page(found, show)

    return strawberry.field(resolver=resolve, description=description, graphql_type=Connection[graphql_type])
