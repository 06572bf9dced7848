"""Coverage: the country x theme matrix of active projects, implementing organizations and budget."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from graph.store import Graph
from queries.filters import Anchor, Filters, resolve
from queries.money import Money, money_from_rows
from queries.scope import SCOPED_CELLS, anchored

__all__ = ["COVERAGE", "CoverageCell", "coverage"]


@dataclass(frozen=True)
class CoverageCell:
    """One country x theme cell: a project tagged with a narrower theme counts for every broader one."""

    country: str
    country_name: str | None
    theme: str
    theme_label: str | None
    projects: int
    organizations: int
    budgets: tuple[Money, ...]
    """Budget per currency; a project's budget times its allocation percentage for the country, if given."""


# Parameters: Scope.params() ($as_of, $country, $region, $theme, $crime_type, $mechanism, $org_type_code,
#   $org_kind, $actor_filter).
# Columns: country (iso2), country_name, theme (notation), theme_label, projects (active, distinct),
#   organizations (distinct implementing, passing the actor filters), budgets (list of {currency, amount}).
COVERAGE: dict[Anchor, str] = anchored(
    SCOPED_CELLS,
    """WITH c, b, count(*) AS projects, collect(implementers) AS orgsets,
  collect({currency: p.currency, share: p.budget * coalesce(a.percentage, 100.0) / 100.0}) AS items
CALL (items) {
  UNWIND items AS item
  WITH item.currency AS currency, sum(item.share) AS amount, count(item.share) AS priced
  WHERE priced > 0
  RETURN collect({currency: currency, amount: amount}) AS budgets
}
RETURN c.iso2 AS country, c.name AS country_name, b AS theme, $theme_labels[b] AS theme_label, projects,
  size(COLLECT { UNWIND orgsets AS orgs UNWIND orgs AS o RETURN DISTINCT o }) AS organizations, budgets
ORDER BY country, theme""",
)


def coverage(graph: Graph, as_of: date, filters: Filters | None = None) -> list[CoverageCell]:
    """The coverage matrix as of a date, one cell per country and theme with at least one active project."""
    scope = resolve(graph, filters or Filters(), as_of)
    rows = graph.read_kept(COVERAGE[scope.anchor], scope.params())
    return [
        CoverageCell(
            country=row["country"],
            country_name=row["country_name"],
            theme=row["theme"],
            theme_label=row["theme_label"],
            projects=int(row["projects"]),
            organizations=int(row["organizations"]),
            budgets=money_from_rows(row["budgets"]),
        )
        for row in rows
    ]
