"""Overlaps: two implementing organizations running active projects in the same country and theme."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from graph.store import Graph
from queries.filters import Anchor, Filters, resolve
from queries.money import Money, totals
from queries.scope import MEMBERSHIP_ACTIVE, SCOPED_CELLS, actor_ok, anchored

__all__ = ["OVERLAPS", "Actor", "Overlap", "ProjectRef", "overlaps"]


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


# Parameters: Scope.params() (including $actor_kinds).
# Columns: country, country_name, theme, theme_label, actor_a, actor_b ({iri, name, kind}), projects_a,
#   projects_b ([{iri, title, start, end, currency, amount}]), shared (iris of mechanisms both are members of).
OVERLAPS: dict[Anchor, str] = anchored(
    SCOPED_CELLS,
    f"""MATCH (p)-[:HAS_PARTICIPATION]->(pa:Participation)-[:PARTICIPANT]->(o:Organization)
WHERE pa.role = 'implementing' AND {actor_ok("o")}
WITH c, b, o, collect(DISTINCT {{iri: p.iri, title: p.title, start: coalesce(p.actualStart, p.plannedStart),
  end: coalesce(p.actualEnd, p.plannedEnd), currency: p.currency,
  amount: p.budget * coalesce(a.percentage, 100.0) / 100.0}}) AS projects
WITH c, b, collect({{org: o, projects: projects, iris: [q IN projects | q.iri]}}) AS actors
WHERE size(actors) >= 2
UNWIND actors AS x
UNWIND actors AS y
WITH c, b, x, y WHERE x.org.iri < y.org.iri
WITH c, b, x.org AS oa, y.org AS ob,
  [q IN x.projects WHERE NOT q.iri IN y.iris] AS pa,
  [q IN y.projects WHERE NOT q.iri IN x.iris] AS pb
WHERE size(pa) > 0 AND size(pb) > 0
RETURN c.iso2 AS country, c.name AS country_name, b.notation AS theme, b.prefLabel AS theme_label,
  {{iri: oa.iri, name: oa.name, kind: head([k IN $actor_kinds WHERE k IN labels(oa)])}} AS actor_a,
  {{iri: ob.iri, name: ob.name, kind: head([k IN $actor_kinds WHERE k IN labels(ob)])}} AS actor_b,
  pa AS projects_a, pb AS projects_b,
  COLLECT {{
    MATCH (oa)<-[:MEMBER]-(scope_m:Membership)-[:ORGANIZATION]->(cm:CoordinationMechanism)
    WHERE {MEMBERSHIP_ACTIVE}
    WITH DISTINCT cm
    MATCH (cm)<-[:ORGANIZATION]-(scope_m:Membership)-[:MEMBER]->(ob)
    WHERE {MEMBERSHIP_ACTIVE}
    RETURN DISTINCT cm.iri ORDER BY cm.iri
  }} AS shared
ORDER BY country, theme, actor_a.iri, actor_b.iri""",
)


def overlaps(graph: Graph, as_of: date, filters: Filters | None = None) -> list[Overlap]:
    """Every overlap as of a date; coordination opportunities (no shared mechanism) first."""
    scope = resolve(graph, filters or Filters(), as_of)
    found = [_overlap(row) for row in graph.read(OVERLAPS[scope.anchor], scope.params())]
    return sorted(found, key=lambda o: not o.coordination_opportunity)


def _overlap(row: dict[str, Any]) -> Overlap:
    projects_a = _projects(row["projects_a"])
    projects_b = _projects(row["projects_b"])
    start_a, end_a = _span(projects_a)
    start_b, end_b = _span(projects_b)
    starts = [d for d in (start_a, start_b) if d is not None]
    ends = [d for d in (end_a, end_b) if d is not None]
    return Overlap(
        country=row["country"],
        country_name=row["country_name"],
        theme=row["theme"],
        theme_label=row["theme_label"],
        actor_a=Actor(**row["actor_a"]),
        actor_b=Actor(**row["actor_b"]),
        projects_a=projects_a,
        projects_b=projects_b,
        start=max(starts) if starts else None,
        end=min(ends) if ends else None,
        combined_budget=totals((p.currency, p.amount) for p in projects_a + projects_b),
        shared_mechanisms=tuple(row["shared"]),
    )


def _projects(items: list[dict[str, Any]]) -> tuple[ProjectRef, ...]:
    return tuple(sorted((ProjectRef(**item) for item in items), key=lambda p: p.iri))


def _span(projects: tuple[ProjectRef, ...]) -> tuple[date | None, date | None]:
    """When an actor works in the cell: first start to last end; None where any project is open-ended."""
    starts = [p.start for p in projects]
    ends = [p.end for p in projects]
    start = None if any(s is None for s in starts) else min(s for s in starts if s is not None)
    end = None if any(e is None for e in ends) else max(e for e in ends if e is not None)
    return start, end
