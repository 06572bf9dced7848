"""Overlaps: two implementing organizations running active projects in the same country and theme."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from graph.store import Graph
from queries.errors import InvalidFilter
from queries.filters import Anchor, Filters, resolve, rollup_map
from queries.money import Money, money_from_rows
from queries.scope import ACTIVE, CRIME_OK, MEMBERSHIP_ACTIVE, SCOPED_CELLS, anchored

__all__ = [
    "DEFAULT_LIMIT",
    "MECHANISMS_BY_MEMBER",
    "OVERLAPS",
    "OVERLAP_PROJECTS",
    "OVERLAP_PROJECTS_BY_THEME",
    "OVERLAP_PROJECTS_ROUTE",
    "Actor",
    "Overlap",
    "OverlapProjects",
    "ProjectRef",
    "ProjectScope",
    "overlap_of",
    "overlap_projects",
    "overlaps",
]


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
class ProjectScope:
    """What decides which projects of a cell count, besides the cell and the actors: the day and the crime
    type filter (the other filters pick the cells and the actors, see `overlap_projects`)."""

    as_of: date | None
    crime_type: str | None
    crimes: tuple[str, ...]
    rollup: tuple[tuple[str, tuple[str, ...]], ...]
    """Per theme notation, the notations it counts for (`Scope.rollup`)."""


@dataclass(frozen=True)
class Overlap:
    """Two actors working on the same theme in the same country at the same time, each on its own projects.

    The project lists themselves are fetched on demand (`overlap_projects`): the busiest selections have
    overlaps whose actors run thousands of projects in the cell."""

    country: str
    country_name: str | None
    theme: str
    theme_label: str | None
    actor_a: Actor
    actor_b: Actor
    project_count_a: int
    """How many active projects actor_a runs in the cell that actor_b does not also implement."""
    project_count_b: int
    start: date | None
    """Start of the period both actors are active in the cell (None: open, a start date is missing)."""
    end: date | None
    combined_budget: tuple[Money, ...]
    shared_mechanisms: tuple[str, ...]
    """IRIs of the coordination mechanisms both actors are members of at the date."""
    scope: ProjectScope = field(repr=False)

    @property
    def coordination_opportunity(self) -> bool:
        """The actors share no coordination mechanism: the first place to bring them together."""
        return not self.shared_mechanisms


DEFAULT_LIMIT = 500
"""How many overlaps `overlaps` returns unless told otherwise (the busiest selections have tens of thousands)."""


# Parameters: Scope.params() (including $actor_kinds) plus $limit (int) and $mechanisms ({organization iri:
#   iris of its mechanisms on the date}, MECHANISMS_BY_MEMBER).
# Columns, one row per overlap in rank order: rank, country, country_name, theme, theme_label, actor_a and
#   actor_b ({iri, name, kind}), sides (for actor_a then actor_b, over its projects in the cell the other does
#   not also implement: {projects (how many), start (earliest start, null when one is open), end (latest end,
#   null when one is open)}), budget (those projects' shares per currency: [{currency, amount}]), shared (iris
#   of the mechanisms both are members of).
# Per cell it first gathers each actor's projects there, then pairs the actors (not the projects): two actors
# overlap when each has a project in the cell the other does not implement; only projects with several
# implementers can be shared, so only those are compared. Pairs are ranked (`rank`, from 0): those sharing no
# mechanism (coordination opportunities) first, then by combined budget (amounts added across currencies, for
# ranking only), then country, theme and actor iris; only the first $limit are summarised, and no project
# list leaves the server (OVERLAP_PROJECTS fetches them for the overlaps that ask).
def _side(items: str) -> str:
    """How many, earliest start and latest end (null when one is open) of the item maps of `items`."""
    return f"""{{projects: size({items}),
    start: CASE WHEN any(it IN {items} WHERE it.start IS NULL) THEN null
      ELSE reduce(m = null, it IN {items} | CASE WHEN m IS NULL OR it.start < m THEN it.start ELSE m END) END,
    end: CASE WHEN any(it IN {items} WHERE it.end IS NULL) THEN null
      ELSE reduce(m = null, it IN {items} | CASE WHEN m IS NULL OR it.end > m THEN it.end ELSE m END) END}}"""


def _dated(items: str) -> str:
    """The items of `items` ({p, share, ...}) as {start, end, currency, share}: the project's dates read."""
    return f"""[it IN {items} | {{start: coalesce(it.p.actualStart, it.p.plannedStart),
    end: coalesce(it.p.actualEnd, it.p.plannedEnd), currency: it.p.currency, share: it.share}}]"""


def _money(maps: str, amount: str) -> str:
    """Per currency, the sum of `amount` over the maps of `maps` that have one: [{currency, amount}]
    (a COLLECT subquery: neither inside an aggregation nor a CASE, where Neo4j refuses it)."""
    return f"""COLLECT {{
    UNWIND {maps} AS it
    WITH it WHERE it.{amount} IS NOT NULL
    WITH it.currency AS currency, sum(it.{amount}) AS amount
    RETURN {{currency: currency, amount: amount}} }}"""


def _both(x: str, y: str) -> str:
    """The items of the actors' maps `x` and `y` that both implement (walking the shorter `multi` list)."""
    return f"""[it IN CASE WHEN size({x}.multi) <= size({y}.multi) THEN {x}.multi ELSE {y}.multi END
    WHERE {x}.o IN it.orgs AND {y}.o IN it.orgs]"""


def _pair_budget(x: str, y: str, both: str) -> str:
    """The combined budget of a pair (for ranking): each actor's total share less the projects both implement."""
    return f"{x}.total + {y}.total - 2 * reduce(s = 0.0, it IN {both} | s + coalesce(it.share, 0.0))"


_CANDIDATE_ACTORS = 4
"""Per cell, how many of its largest actors (by total share) pair up to set the floor of the ranked pairs."""

_FLOOR_STEPS = 24
"""How many times the floor's range is halved: to within 2^-24 of the candidates' spread, where every further
step costs a pass over the candidates (at 100k, 48 steps were a tenth of a broad theme's overlaps)."""

# Only what ranks a pair is gathered per actor and cell (its items, how many, their total share, those with
# several implementers, the sum of their negative shares); the sides and money of the $limit ranked pairs are
# computed from their items at the end, and the actors' mechanisms arrive resolved per organization
# ($mechanisms) instead of a membership walk per actor and cell (53k of them at 100k projects).
# Most pairs cannot rank: a pair's budget is at most its bound, the actors' totals added (less twice the most
# negative share either has on a shared project; none in practice). So the pairs of each cell's
# _CANDIDATE_ACTORS largest actors are priced first; when $limit of them are coordination opportunities (no
# shared mechanism), a budget that $limit of them reach is a floor: the $limit ranked pairs of all cells are
# opportunities with a budget at or above it, so only pairs whose bound reaches the floor are made and ranked
# (at 100k, 991 of 846k). The floor is found by halving [lowest, highest] _FLOOR_STEPS times, keeping the low
# end that $limit candidates reach (no list sort in Cypher, and a sort here would hold every cell per row).
# Without a floor (fewer candidates than $limit) every pair is ranked. A cell's largest actors are picked by a
# sort of its own actors (`leading`), not by sorting every actor of every cell before they are grouped (a
# tenth of a broad theme's overlaps at 100k). A pair of a cell is made once (i < j over its actors, no n x n
# rows to filter); no test of a bound relies on the actors' order. The last grouping (`once`) starts rows that
# no longer hold every cell, so the ranking's top-$limit heap is sized by the pairs alone.
OVERLAPS: dict[Anchor, str] = anchored(
    SCOPED_CELLS,
    f"""WITH c, b, p, implementers, p.budget * coalesce(a.percentage, 100.0) / 100.0 AS share
UNWIND implementers AS o
WITH c, b, o, collect({{p: p, share: share, orgs: implementers}}) AS items
WITH c, b, o, items, reduce(s = 0.0, it IN items | s + coalesce(it.share, 0.0)) AS total
WITH c, b, collect({{
  o: o, iri: o.iri, items: items, n: size(items), multi: [it IN items WHERE size(it.orgs) > 1], total: total,
  negative: reduce(s = 0.0, it IN items | s + CASE WHEN size(it.orgs) > 1 AND it.share < 0 THEN it.share ELSE 0.0 END),
  mechanisms: coalesce($mechanisms[o.iri], [])
}}) AS actors
WHERE size(actors) >= 2
WITH c, b, actors,
  COLLECT {{ UNWIND actors AS x RETURN x ORDER BY x.total DESC LIMIT {_CANDIDATE_ACTORS} }} AS leading
WITH c, b, actors, leading[0].total AS largest, [k IN range(0, {_CANDIDATE_ACTORS**2 - 1})
    WHERE k / {_CANDIDATE_ACTORS} < k % {_CANDIDATE_ACTORS} AND k % {_CANDIDATE_ACTORS} < size(leading)
    | [leading[k / {_CANDIDATE_ACTORS}], leading[k % {_CANDIDATE_ACTORS}]]] AS duos
WITH c, b, actors, largest, [d IN duos | {{x: d[0], y: d[1], both: {_both("d[0]", "d[1]")}}}] AS tried
WITH c, b, actors, largest, [t IN tried
    WHERE t.x.n > size(t.both) AND t.y.n > size(t.both) AND NOT any(m IN t.x.mechanisms WHERE m IN t.y.mechanisms)
    | {_pair_budget("t.x", "t.y", "t.both")}] AS candidates
WITH collect({{c: c, b: b, actors: actors, largest: largest,
  slack: -2 * reduce(m = 0.0, x IN actors | CASE WHEN x.negative < m THEN x.negative ELSE m END)}}) AS cells,
  collect(candidates) AS nested
WITH cells, COLLECT {{ UNWIND nested AS some UNWIND some AS budget RETURN budget }} AS budgets
WITH cells, budgets, reduce(low = null, v IN budgets | CASE WHEN low IS NULL OR v < low THEN v ELSE low END) AS low,
  reduce(high = null, v IN budgets | CASE WHEN high IS NULL OR v > high THEN v ELSE high END) AS high
WITH cells, CASE WHEN size(budgets) < $limit THEN null ELSE reduce(range = [low, high], step IN range(1, {_FLOOR_STEPS}) |
    CASE WHEN size([v IN budgets WHERE v >= (range[0] + range[1]) / 2]) >= $limit
      THEN [(range[0] + range[1]) / 2, range[1]] ELSE [range[0], (range[0] + range[1]) / 2] END)[0] END AS floor
UNWIND cells AS cell
WITH cell, floor WHERE floor IS NULL OR 2 * cell.largest + cell.slack >= floor
WITH cell.c AS c, cell.b AS b, cell.c.iso2 AS iso2, cell.actors AS actors,
  cell.largest AS largest, cell.slack AS slack, floor
UNWIND range(0, size(actors) - 2) AS i
WITH c, b, iso2, actors, slack, floor, i, actors[i].total AS ti
WHERE floor IS NULL OR ti + largest + slack >= floor
UNWIND [j IN range(i + 1, size(actors) - 1) WHERE floor IS NULL OR ti + actors[j].total + slack >= floor] AS j
WITH c, b, iso2, floor, actors[i] AS first, actors[j] AS second
WITH c, b, iso2, floor, CASE WHEN first.iri < second.iri THEN first ELSE second END AS x,
  CASE WHEN first.iri < second.iri THEN second ELSE first END AS y
WITH c, b, iso2, floor, x, y, {_both("x", "y")} AS both
WHERE x.n > size(both) AND y.n > size(both)
WITH c, b, iso2, floor, x, y, both, [m IN x.mechanisms WHERE m IN y.mechanisms] AS shared
WHERE floor IS NULL OR size(shared) = 0
WITH c, b, iso2, x, y, both, shared, {_pair_budget("x", "y", "both")} AS budget, count(*) AS once
ORDER BY size(shared) > 0, budget DESC, iso2, b, x.iri, y.iri
LIMIT $limit
WITH collect({{c: c, b: b, x: x, y: y, shared: shared, both: [it IN both | it.p]}}) AS top
UNWIND range(0, size(top) - 1) AS rank
WITH rank, top[rank] AS t
WITH rank, t, [side IN [t.x.items, t.y.items] | {_dated("[it IN side WHERE NOT it.p IN t.both]")}] AS rest
RETURN rank, t.c.iso2 AS country, t.c.name AS country_name, t.b AS theme, $theme_labels[t.b] AS theme_label,
  {{iri: t.x.o.iri, name: t.x.o.name, kind: head([k IN $actor_kinds WHERE k IN labels(t.x.o)])}} AS actor_a,
  {{iri: t.y.o.iri, name: t.y.o.name, kind: head([k IN $actor_kinds WHERE k IN labels(t.y.o)])}} AS actor_b,
  [side IN rest | {_side("side")}] AS sides,
  {_money("rest[0] + rest[1]", "share")} AS budget,
  t.shared AS shared
ORDER BY rank""",
)

# Parameters: $as_of. Columns: iri (an organization), mechanisms (iris of the coordination mechanisms it is a
# member of on the date, sorted): the $mechanisms of OVERLAPS.
MECHANISMS_BY_MEMBER = f"""MATCH (o:Organization)<-[:MEMBER]-(scope_m:Membership)-[:ORGANIZATION]->(cm:CoordinationMechanism)
WHERE {MEMBERSHIP_ACTIVE}
WITH o, cm.iri AS iri ORDER BY iri
RETURN o.iri AS iri, collect(DISTINCT iri) AS mechanisms"""

# Parameters: $countries ([{country (iso2), themes (notations of the cells asked), actors (iris)}]), $as_of,
#   $crime_type, $crimes, $rollup (as in Scope.params()).
# Columns, one row per active project (of the crime type) allocated to an asked country, on an asked theme
#   (or narrower), implemented by an asked actor: country, themes (the asked notations it counts for),
#   implementers (the asked actors implementing it), iri, title, start, end, currency, amount (the budget
#   times the allocation percentage, when given).
# The cells' other filters (region, theme, actor, mechanism) chose the overlaps, so the actors asked already
# pass them; the projects of a cell depend only on the day and the crime type.
OVERLAP_PROJECTS = f"""UNWIND $countries AS want
MATCH (:Country {{iso2: want.country}})<-[:COUNTRY]-(a:CountryAllocation)<-[:HAS_COUNTRY_ALLOCATION]-(p)
WHERE {ACTIVE} AND {CRIME_OK}
WITH want, p, a, COLLECT {{
  MATCH (p)-[:HAS_PARTICIPATION]->(pa:Participation)-[:PARTICIPANT]->(o:Organization)
  WHERE pa.role = 'implementing' AND o.iri IN want.actors
  RETURN DISTINCT o.iri }} AS implementers
WHERE size(implementers) > 0
WITH want, p, a, implementers, COLLECT {{
  MATCH (p)-[:THEME]->(t) UNWIND $rollup[t.notation] AS n WITH DISTINCT n WHERE n IN want.themes RETURN n
}} AS themes
WHERE size(themes) > 0
RETURN want.country AS country, themes, implementers, p.iri AS iri, p.title AS title,
  coalesce(p.actualStart, p.plannedStart) AS start, coalesce(p.actualEnd, p.plannedEnd) AS end,
  p.currency AS currency, p.budget * coalesce(a.percentage, 100.0) / 100.0 AS amount"""

# Parameters: $themes (notations of the cells asked), $tagged (the notations that roll up to one of them),
#   $countries (iso2), $actors (iris), $as_of, $crime_type, $crimes, $rollup. Columns: as OVERLAP_PROJECTS.
#   Used when the overlaps asked span several countries whose allocations outnumber the asked tags' projects
#   (a narrow theme over many countries, OVERLAP_PROJECTS_ROUTE): each project of the themes is read once.
OVERLAP_PROJECTS_BY_THEME = f"""MATCH (t:Theme) WHERE t.notation IN $tagged
MATCH (t)<-[:THEME]-(p:Project)
WITH DISTINCT p WHERE {ACTIVE} AND {CRIME_OK}
MATCH (p)-[:HAS_COUNTRY_ALLOCATION]->(a:CountryAllocation)-[:COUNTRY]->(c:Country) WHERE c.iso2 IN $countries
WITH c, p, a, COLLECT {{
  MATCH (p)-[:HAS_PARTICIPATION]->(pa:Participation)-[:PARTICIPANT]->(o:Organization)
  WHERE pa.role = 'implementing' AND o.iri IN $actors
  RETURN DISTINCT o.iri }} AS implementers
WHERE size(implementers) > 0
WITH c, p, a, implementers, COLLECT {{
  MATCH (p)-[:THEME]->(t) UNWIND $rollup[t.notation] AS n WITH DISTINCT n WHERE n IN $themes RETURN n
}} AS themes
RETURN c.iso2 AS country, themes, implementers, p.iri AS iri, p.title AS title,
  coalesce(p.actualStart, p.plannedStart) AS start, coalesce(p.actualEnd, p.plannedEnd) AS end,
  p.currency AS currency, p.budget * coalesce(a.percentage, 100.0) / 100.0 AS amount"""

# Parameters: $countries (iso2), $tagged (theme notations). Columns: by_country (the countries' allocations),
#   by_theme (the projects tagged with the themes): what OVERLAP_PROJECTS and OVERLAP_PROJECTS_BY_THEME would
#   start from, read from the nodes' degrees (a Country or Theme with many links keeps its count per type).
# At 100k projects: a region's or the global top overlaps are read 2-3x faster from their countries, those of
# a narrow theme spread over 90 countries faster from the theme's tags.
OVERLAP_PROJECTS_ROUTE = """CALL {
  UNWIND $countries AS key MATCH (c:Country {iso2: key}) RETURN sum(COUNT { (c)<-[:COUNTRY]-() }) AS by_country
}
CALL {
  UNWIND $tagged AS key MATCH (t:Theme {notation: key}) RETURN sum(COUNT { (t)<-[:THEME]-() }) AS by_theme
}
RETURN by_country, by_theme"""

_ALL = 2**62


def overlaps(
    graph: Graph, as_of: date, filters: Filters | None = None, limit: int | None = DEFAULT_LIMIT
) -> list[Overlap]:
    """The overlaps as of a date, at most `limit` (None: all): coordination opportunities (no shared
    mechanism) first, then the largest combined budgets (added across currencies for the ranking only)."""
    if limit is not None and limit < 1:
        raise InvalidFilter(f"limit {limit} must be a positive number of overlaps, such as {DEFAULT_LIMIT}.")
    scope = resolve(graph, filters or Filters(), as_of)
    params = scope.params(limit=_ALL if limit is None else limit)
    projects = ProjectScope(
        params["as_of"], params["crime_type"], tuple(params["crimes"] or ()), scope.rollup
    )
    members = graph.read_kept(MECHANISMS_BY_MEMBER, {"as_of": params["as_of"]})
    params["mechanisms"] = {str(row["iri"]): list(row["mechanisms"]) for row in members}
    rows = graph.read_kept(OVERLAPS[scope.anchor], params)
    return [_overlap(row, projects) for row in rows]


def overlap_of(
    graph: Graph,
    as_of: date,
    filters: Filters | None,
    country: str,
    theme: str,
    actors: tuple[str, str],
) -> Overlap | None:
    """The overlap of two actors in one country and theme, as `overlaps` lists it under the same filters (its
    side and pair in the order `overlaps` gives), or None when they do not overlap there: what a list of
    overlaps asks for when one of them is opened, without ranking every other overlap of the selection.

    The filters' region, crime type and actor filters apply as given; a country or theme filter must hold the
    cell (the theme filter's theme or a narrower one), else InvalidFilter names the argument."""
    given = filters or Filters()
    selection = resolve(graph, given, as_of)
    cell = replace(given, country=country, theme=theme)
    country = resolve(graph, Filters(country=country, theme=theme), as_of).country or country
    if selection.country is not None and selection.country != country:
        raise InvalidFilter(f"country {country!r} is outside the filter's country {selection.country!r}.")
    if selection.region is not None and country not in selection.region_countries:
        raise InvalidFilter(f"country {country!r} is outside the filter's region {selection.region!r}.")
    if selection.theme is not None and theme not in selection.themes:
        raise InvalidFilter(
            f"theme {theme!r} is neither the filter's theme {selection.theme!r} nor narrower than it."
        )
    # the cell's own country and theme as the filters: anchored on the country, every pair of the cell ranked
    wanted = frozenset(actors)
    for found in overlaps(graph, as_of, cell, limit=None):
        if found.theme == theme and frozenset((found.actor_a.iri, found.actor_b.iri)) == wanted:
            return found
    return None


def _overlap(row: dict[str, Any], scope: ProjectScope) -> Overlap:
    side_a, side_b = row["sides"]
    starts = [d for d in (side_a["start"], side_b["start"]) if d is not None]
    ends = [d for d in (side_a["end"], side_b["end"]) if d is not None]
    return Overlap(
        country=row["country"],
        country_name=row["country_name"],
        theme=row["theme"],
        theme_label=row["theme_label"],
        actor_a=Actor(**row["actor_a"]),
        actor_b=Actor(**row["actor_b"]),
        project_count_a=int(side_a["projects"]),
        project_count_b=int(side_b["projects"]),
        start=max(starts) if starts else None,
        end=min(ends) if ends else None,
        combined_budget=money_from_rows(row["budget"]),
        shared_mechanisms=tuple(row["shared"]),
        scope=scope,
    )


@dataclass(frozen=True)
class OverlapProjects:
    """The projects of an overlap: each actor's active projects in the cell the other does not implement."""

    projects_a: tuple[ProjectRef, ...]
    projects_b: tuple[ProjectRef, ...]


def overlap_projects(graph: Graph, found: Sequence[Overlap]) -> list[OverlapProjects]:
    """The project lists of overlaps (as `overlaps` returned them), in their order: one statement per
    day and crime filter, each country's projects read once for all its cells."""
    by_scope: dict[ProjectScope, list[Overlap]] = defaultdict(list)
    for overlap in found:
        by_scope[overlap.scope].append(overlap)
    answers: dict[int, OverlapProjects] = {}
    for scope, group in by_scope.items():
        wanted: dict[str, tuple[set[str], set[str]]] = {}
        for overlap in group:
            themes, actors = wanted.setdefault(overlap.country, (set(), set()))
            themes.add(overlap.theme)
            actors.update((overlap.actor_a.iri, overlap.actor_b.iri))
        countries = [
            {"country": iso2, "themes": sorted(themes), "actors": sorted(actors)}
            for iso2, (themes, actors) in sorted(wanted.items())
        ]
        crime = {
            "as_of": scope.as_of,
            "crime_type": scope.crime_type,
            "crimes": list(scope.crimes),
            "rollup": rollup_map(scope.rollup),
        }
        asked = {t for want in countries for t in want["themes"]}
        # the tags that count for an asked theme: each project is reached from its own tags once
        tagged = sorted(n for n, broader in scope.rollup if asked.intersection(broader))
        if len(countries) == 1 or _from_countries(graph, sorted(wanted), tagged):
            rows = graph.read(OVERLAP_PROJECTS, {"countries": countries, **crime})
        else:
            every = {
                "themes": sorted(asked),
                "tagged": tagged,
                "countries": sorted(wanted),
                "actors": sorted({a for _, actors in wanted.values() for a in actors}),
            }
            rows = graph.read(OVERLAP_PROJECTS_BY_THEME, {**every, **crime})
        cells: dict[str, list[tuple[frozenset[str], frozenset[str], ProjectRef]]] = defaultdict(list)
        for row in rows:
            ref = ProjectRef(
                row["iri"], row["title"], row["start"], row["end"], row["currency"], row["amount"]
            )
            cells[row["country"]].append((frozenset(row["themes"]), frozenset(row["implementers"]), ref))
        for overlap in group:
            items = [(impl, ref) for themes, impl, ref in cells[overlap.country] if overlap.theme in themes]
            a, b = overlap.actor_a.iri, overlap.actor_b.iri
            answers[id(overlap)] = OverlapProjects(
                _sorted(ref for impl, ref in items if a in impl and b not in impl),
                _sorted(ref for impl, ref in items if b in impl and a not in impl),
            )
    return [answers[id(overlap)] for overlap in found]


def _from_countries(graph: Graph, countries: list[str], tagged: list[str]) -> bool:
    """Whether the asked countries hold fewer allocations than the asked tags have projects (so reading the
    projects from the countries walks fewer links than from the tags): two degree counts, no walk."""
    row = graph.read(OVERLAP_PROJECTS_ROUTE, {"countries": countries, "tagged": tagged})[0]
    return bool(row["by_country"] <= row["by_theme"])


def _sorted(refs: Iterable[ProjectRef]) -> tuple[ProjectRef, ...]:
    return tuple(sorted(refs, key=lambda p: p.iri))
