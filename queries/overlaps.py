"""Overlaps: two implementing organizations running active projects in the same country and theme."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from graph.store import Graph
from queries.errors import InvalidFilter
from queries.filters import Anchor, Filters, resolve
from queries.money import Money, totals
from queries.scope import MEMBERSHIP_ACTIVE, SCOPED_CELLS, anchored

__all__ = ["DEFAULT_LIMIT", "OVERLAPS", "Actor", "Overlap", "ProjectRef", "overlaps"]


@dataclass(frozen=True)
class Actor:
    iri: str
    name: str | None
    kind: str | None
    """The actor's most specific organization label (Agency, NGO, ...)."""


@dataclass(frozen=True)
class ProjectRef:
    iri: str
    title: str | None
    start: date | None
    end: date | None
    currency: str | None
    amount: float | None
    """The project's budget share for the country (allocation percentage applied when given)."""


@dataclass(frozen=True)
class Overlap:
    """Two actors working on the same theme in the same country at the same time, each on its own projects."""

    country: str
    country_name: str | None
    theme: str
    theme_label: str | None
    actor_a: Actor
    actor_b: Actor
    projects_a: tuple[ProjectRef, ...]
    """Active projects of actor_a in the cell that actor_b does not also implement."""
    projects_b: tuple[ProjectRef, ...]
    start: date | None
    """Start of the period both actors are active in the cell (None: open, a start date is missing)."""
    end: date | None
    combined_budget: tuple[Money, ...]
    shared_mechanisms: tuple[str, ...]
    """IRIs of the coordination mechanisms both actors are members of at the date."""

    @property
    def coordination_opportunity(self) -> bool:
        """The actors share no coordination mechanism: the first place to bring them together."""
        return not self.shared_mechanisms


DEFAULT_LIMIT = 500
"""How many overlaps `overlaps` returns unless told otherwise (the busiest selections have tens of thousands)."""

# Parameters: Scope.params() (including $actor_kinds) plus $limit (int).
# Columns, one row per actor of a cell in the chosen overlaps: country, country_name, theme, theme_label,
#   actor ({iri, name, kind}), projects (the actor's active projects in the cell: [{iri, title, start, end,
#   currency, amount}]), pairs (the overlaps where it is actor_a: [{rank, other (actor_b's iri), both (iris of
#   the projects both implement), shared (iris of the mechanisms both are members of)}]).
# Per cell it first gathers each actor's projects there, then pairs the actors (not the projects): two actors
# overlap when each has a project in the cell the other does not implement; only projects with several
# implementers can be shared, so only those are compared. Pairs are ranked (`rank`, from 0): those sharing no
# mechanism (coordination opportunities) first, then by combined budget (amounts added across currencies, for
# ranking only), then country, theme and actor iris; only the first $limit are returned, and each actor's
# project list once per cell however many pairs it is in.
OVERLAPS: dict[Anchor, str] = anchored(
    SCOPED_CELLS,
    f"""WITH c, b, p, implementers, p.budget * coalesce(a.percentage, 100.0) / 100.0 AS share
UNWIND implementers AS o
WITH c, b, o, collect({{p: p, share: share, orgs: implementers}}) AS items
WITH c, b, collect({{
  o: o, iri: o.iri, items: items, n: size(items), multi: [it IN items WHERE size(it.orgs) > 1],
  total: reduce(s = 0.0, it IN items | s + coalesce(it.share, 0.0)),
  mechanisms: COLLECT {{
    MATCH (o)<-[:MEMBER]-(scope_m:Membership)-[:ORGANIZATION]->(cm:CoordinationMechanism)
    WHERE {MEMBERSHIP_ACTIVE}
    RETURN DISTINCT cm.iri AS iri ORDER BY iri
  }}
}}) AS actors
WHERE size(actors) >= 2
UNWIND actors AS x
UNWIND actors AS y
WITH c, b, x, y WHERE x.iri < y.iri
WITH c, b, x, y,
  [it IN CASE WHEN size(x.multi) <= size(y.multi) THEN x.multi ELSE y.multi END
    WHERE x.o IN it.orgs AND y.o IN it.orgs] AS both
WHERE x.n > size(both) AND y.n > size(both)
WITH c, b, x, y, both, [m IN x.mechanisms WHERE m IN y.mechanisms] AS shared,
  x.total + y.total - 2 * reduce(s = 0.0, it IN both | s + coalesce(it.share, 0.0)) AS budget
ORDER BY size(shared) > 0, budget DESC, c.iso2, b.notation, x.iri, y.iri
LIMIT $limit
WITH collect({{c: c, b: b, x: x, y: y, shared: shared, both: [it IN both | it.p.iri]}}) AS top
UNWIND range(0, size(top) - 1) AS rank
WITH rank, top[rank] AS t
UNWIND [
  {{side: t.x, pair: {{rank: rank, other: t.y.iri, both: t.both, shared: t.shared}}}},
  {{side: t.y, pair: null}}
] AS role
WITH t.c AS c, t.b AS b, role.side.o AS o, head(collect(role.side.items)) AS items, collect(role.pair) AS pairs
RETURN c.iso2 AS country, c.name AS country_name, b.notation AS theme, b.prefLabel AS theme_label,
  {{iri: o.iri, name: o.name, kind: head([k IN $actor_kinds WHERE k IN labels(o)])}} AS actor,
  [it IN items | {{iri: it.p.iri, title: it.p.title,
    start: coalesce(it.p.actualStart, it.p.plannedStart), end: coalesce(it.p.actualEnd, it.p.plannedEnd),
    currency: it.p.currency, amount: it.share}}] AS projects,
  pairs""",
)

_ALL = 2**62


def overlaps(
    graph: Graph, as_of: date, filters: Filters | None = None, limit: int | None = DEFAULT_LIMIT
) -> list[Overlap]:
    """The overlaps as of a date, at most `limit` (None: all): coordination opportunities (no shared
    mechanism) first, then the largest combined budgets (added across currencies for the ranking only)."""
    if limit is not None and limit < 1:
        raise InvalidFilter(f"limit {limit} must be a positive number of overlaps, such as {DEFAULT_LIMIT}.")
    scope = resolve(graph, filters or Filters(), as_of)
    rows = graph.read(OVERLAPS[scope.anchor], scope.params(limit=_ALL if limit is None else limit))
    return _assemble(rows)


@dataclass(frozen=True)
class _Side:
    """One actor's projects in a cell (all of them, or without those it shares with the other actor)."""

    projects: tuple[ProjectRef, ...]
    start: date | None
    end: date | None
    budget: tuple[Money, ...]


def _assemble(rows: list[dict[str, Any]]) -> list[Overlap]:
    """Overlaps in rank order from the per-(cell, actor) rows of OVERLAPS."""
    actors: dict[tuple[str, str, str], tuple[Actor, tuple[ProjectRef, ...]]] = {}
    for row in rows:
        actor = Actor(**row["actor"])
        actors[(row["country"], row["theme"], actor.iri)] = (actor, _projects(row["projects"]))
    sides: dict[tuple[str, str, str, frozenset[str]], _Side] = {}

    def side(country: str, theme: str, iri: str, both: frozenset[str]) -> _Side:
        key = (country, theme, iri, both)
        if key not in sides:
            projects = actors[(country, theme, iri)][1]
            if both:
                projects = tuple(p for p in projects if p.iri not in both)
            sides[key] = _Side(projects, *_span(projects), totals((p.currency, p.amount) for p in projects))
        return sides[key]

    ranked: list[tuple[int, Overlap]] = []
    for row in rows:
        country, theme = row["country"], row["theme"]
        for pair in row["pairs"]:
            both = frozenset(pair["both"])
            a = side(country, theme, row["actor"]["iri"], both)
            b = side(country, theme, pair["other"], both)
            starts = [d for d in (a.start, b.start) if d is not None]
            ends = [d for d in (a.end, b.end) if d is not None]
            overlap = Overlap(
                country=country,
                country_name=row["country_name"],
                theme=theme,
                theme_label=row["theme_label"],
                actor_a=actors[(country, theme, row["actor"]["iri"])][0],
                actor_b=actors[(country, theme, pair["other"])][0],
                projects_a=a.projects,
                projects_b=b.projects,
                start=max(starts) if starts else None,
                end=min(ends) if ends else None,
                combined_budget=totals((m.currency, m.amount) for m in a.budget + b.budget),
                shared_mechanisms=tuple(pair["shared"]),
            )
            ranked.append((int(pair["rank"]), overlap))
    return [overlap for _, overlap in sorted(ranked, key=lambda item: item[0])]


def _projects(items: list[dict[str, Any]]) -> tuple[ProjectRef, ...]:
    return tuple(sorted((ProjectRef(**item) for item in items), key=lambda p: p.iri))


def _span(projects: tuple[ProjectRef, ...]) -> tuple[date | None, date | None]:
    """When an actor works in the cell: first start to last end; None where any project is open-ended."""
    starts = [p.start for p in projects]
    ends = [p.end for p in projects]
    start = None if any(s is None for s in starts) else min(s for s in starts if s is not None)
    end = None if any(e is None for e in ends) else max(e for e in ends if e is not None)
    return start, end
