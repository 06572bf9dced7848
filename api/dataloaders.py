"""Per-request DataLoaders: every walk of the graph is batched by key, one statement per batch.

A request builds one `Loaders`; within it, resolvers asking for the same relation of many nodes share one
UNWIND statement, so a nested query costs one round trip per level of the query, not per row.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from strawberry.dataloader import DataLoader

from graph.store import Graph
from ontology.model import Project
from queries import catalog
from queries.api_relations import read_related
from queries.catalog_filters import ProjectFilter, ProjectSort, Window

__all__ = ["Loaders", "ProjectsKey", "Run"]

T = TypeVar("T")
NodeMap = dict[str, Any]
Run = Callable[[Callable[[Graph], T]], Awaitable[T]]
"""Runs a function of the Graph off the event loop and returns its result."""


@dataclass(frozen=True)
class ProjectsKey:
    """A scoped project list asked for by one parent: the parent's IRI and the list's arguments."""

    iri: str
    filter: ProjectFilter
    sort: ProjectSort
    window: Window
    role: str | None = None
    with_total: bool = True
    with_countries: bool = False
    properties: tuple[str, ...] | None = None
    """The project properties to read (None: all)."""

    @property
    def arguments(
        self,
    ) -> tuple[ProjectFilter, ProjectSort, Window, str | None, bool, bool, tuple[str, ...] | None]:
        return (
            self.filter,
            self.sort,
            self.window,
            self.role,
            self.with_total,
            self.with_countries,
            self.properties,
        )


class Loaders:
    """The DataLoaders of one request, created on first use."""

    def __init__(self, run: Run[Any]) -> None:
        self._run = run
        self._related: dict[str, DataLoader[str, list[NodeMap]]] = {}
        self._lookups: dict[tuple[str, str | None], DataLoader[str, list[NodeMap]]] = {}
        self._projects: dict[str | None, DataLoader[ProjectsKey, catalog.Page[Project]]] = {}

    def related(self, relation: str) -> DataLoader[str, list[NodeMap]]:
        """Items related to a node by a relation of `queries.api_relations.RELATIONS`, by the node's IRI."""
        if relation not in self._related:

            async def load(keys: Sequence[str]) -> list[list[NodeMap]]:
                found = await self._run(lambda graph: read_related(graph, relation, list(keys)))
                return [found.get(key, []) for key in keys]

            self._related[relation] = DataLoader(load_fn=load)
        return self._related[relation]

    def lookup(self, name: str, partner: str | None = None) -> DataLoader[str, list[NodeMap]]:
        """Nodes found by a key other than the IRI (identifier, ISO code, notation)."""
        if (name, partner) not in self._lookups:
            extra = {"partner": partner} if name == "project_identifier" else {}

            async def load(keys: Sequence[str]) -> list[list[NodeMap]]:
                found = await self._run(lambda graph: catalog.nodes_by_key(graph, name, keys, **extra))
                return [found.get(key, []) for key in keys]

            self._lookups[(name, partner)] = DataLoader(load_fn=load)
        return self._lookups[(name, partner)]

    def cached(self, relation: str, iri: str) -> list[NodeMap] | None:
        """The items of `relation` for `iri` when this request already holds them (primed or loaded), else None.

        Lets a resolver answer from the cache without a coroutine and a future per item.
        """
        loader = self._related.get(relation)
        future = loader.cache_map.get(iri) if loader is not None else None
        if future is None or not future.done() or future.cancelled() or future.exception() is not None:
            return None
        return future.result()

    def prime_countries(self, page: catalog.Page[Project]) -> None:
        """Hand the country allocations read with a page of projects to the PROJECT_COUNTRIES loader."""
        if page.countries:
            self.related("PROJECT_COUNTRIES").prime_many(page.countries)

    def projects(self, scope: str | None) -> DataLoader[ProjectsKey, catalog.Page[Project]]:
        """Pages of the projects of many parents of one scope (organization, country, theme), or of the
        whole catalogue (scope None, the one key `queries.catalog.TOP`)."""
        if scope not in self._projects:

            async def load(keys: Sequence[ProjectsKey]) -> list[catalog.Page[Project]]:
                groups: dict[tuple[Any, ...], list[str]] = defaultdict(list)
                for key in keys:
                    groups[key.arguments].append(key.iri)
                pages: dict[tuple[tuple[Any, ...], str], catalog.Page[Project]] = {}
                for arguments, iris in groups.items():
                    found = await self._run(_scoped_projects(scope, iris, *arguments))
                    for iri in iris:
                        pages[(arguments, iri)] = found.get(iri, catalog.Page(0, 0, []))
                return [pages[(key.arguments, key.iri)] for key in keys]

            self._projects[scope] = DataLoader(load_fn=load)
        return self._projects[scope]


def _scoped_projects(
    scope: str | None,
    iris: list[str],
    filter: ProjectFilter,
    sort: ProjectSort,
    window: Window,
    role: str | None,
    with_total: bool,
    with_countries: bool,
    properties: tuple[str, ...] | None,
) -> Callable[[Graph], dict[str, catalog.Page[Project]]]:
    def work(graph: Graph) -> dict[str, catalog.Page[Project]]:
        return catalog.projects(
            graph,
            filter,
            sort,
            window,
            scope=scope,
            keys=iris,
            role=role,
            with_total=with_total,
            with_countries=with_countries,
            properties=properties,
        )

    return work
