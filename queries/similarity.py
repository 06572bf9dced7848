"""Actor similarity: pairs of implementing organizations ranked by the overlap of their footprints."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from graph.store import Graph
from queries.errors import InvalidFilter
from queries.filters import Anchor, Filters, resolve
from queries.overlaps import Actor
from queries.scope import SCOPED_TAGS, anchored

__all__ = ["ACTOR_SIMILARITY", "ActorPair", "actor_similarity"]


@dataclass(frozen=True)
class ActorPair:
    """Two actors and the Jaccard similarity of their country x theme footprints (themes as tagged)."""

    actor_a: Actor
    actor_b: Actor
    jaccard: float
    shared: tuple[tuple[str, str], ...]
    """The (country iso2, theme notation) cells both work in, sorted."""
    cells_a: int
    cells_b: int


# Parameters: Scope.params() plus $limit (int).
# Columns: actor_a, actor_b ({iri, name, kind}), jaccard (float), shared ([[iso2, notation]]), cells_a, cells_b.
# The footprints (one per actor) are numbered in one list; each cell lists the numbers of its actors, and the
# pairs of a cell are counted as numbers (i < j, each pair once: half the rows of pairing every actor with
# every other and filtering), so the 2,000 pairs of 64 actors at 100k are counted from integers, and only the
# `$limit` ranked pairs have their shared cells listed (the intersection of their two footprints).
ACTOR_SIMILARITY: dict[Anchor, str] = anchored(
    SCOPED_TAGS,
    """UNWIND implementers AS o
WITH DISTINCT o, [c.iso2, t.notation] AS cell
WITH o, collect(cell) AS cells
WITH collect({org: o, cells: cells, n: size(cells)}) AS footprints
CALL {
  WITH footprints
  UNWIND range(0, size(footprints) - 1) AS i
  UNWIND footprints[i].cells AS cell
  WITH cell, collect(i) AS ids
  WHERE size(ids) >= 2
  UNWIND range(0, size(ids) - 2) AS u
  UNWIND range(u + 1, size(ids) - 1) AS v
  WITH ids[u] AS one, ids[v] AS other
  RETURN CASE WHEN one < other THEN one ELSE other END AS i, CASE WHEN one < other THEN other ELSE one END AS j,
    count(*) AS k
}
WITH footprints[i] AS x, footprints[j] AS y, k
WITH CASE WHEN x.org.iri < y.org.iri THEN x ELSE y END AS first,
  CASE WHEN x.org.iri < y.org.iri THEN y ELSE x END AS second, k
WITH first, second, k, toFloat(k) / (first.n + second.n - k) AS jaccard
ORDER BY jaccard DESC, k DESC, first.org.iri, second.org.iri
LIMIT $limit
RETURN {iri: first.org.iri, name: first.org.name,
    kind: head([kind IN $actor_kinds WHERE kind IN labels(first.org)])} AS actor_a,
  {iri: second.org.iri, name: second.org.name,
    kind: head([kind IN $actor_kinds WHERE kind IN labels(second.org)])} AS actor_b,
  jaccard, [cell IN first.cells WHERE cell IN second.cells] AS shared, first.n AS cells_a, second.n AS cells_b""",
)


def actor_similarity(
    graph: Graph, filters: Filters | None = None, limit: int = 20, as_of: date | None = None
) -> list[ActorPair]:
    """The `limit` most similar actor pairs sharing at least one cell; over all time unless `as_of` is given."""
    if limit < 1:
        raise InvalidFilter(f"limit {limit} must be a positive number of pairs, such as 20.")
    scope = resolve(graph, filters or Filters(), as_of)
    rows = graph.read_kept(ACTOR_SIMILARITY[scope.anchor], scope.params(limit=limit))
    return [
        ActorPair(
            actor_a=Actor(**row["actor_a"]),
            actor_b=Actor(**row["actor_b"]),
            jaccard=float(row["jaccard"]),
            shared=tuple(sorted((str(cell[0]), str(cell[1])) for cell in row["shared"])),
            cells_a=int(row["cells_a"]),
            cells_b=int(row["cells_b"]),
        )
        for row in rows
    ]
