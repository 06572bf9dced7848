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
ACTOR_SIMILARITY: dict[Anchor, str] = anchored(
    SCOPED_TAGS,
    """UNWIND implementers AS o
WITH DISTINCT o, [c.iso2, t.notation] AS cell
WITH o, collect(cell) AS cells
WITH o, cells, size(cells) AS n
UNWIND cells AS cell
WITH cell, collect({org: o, n: n}) AS actors
WHERE size(actors) >= 2
UNWIND actors AS x
UNWIND actors AS y
WITH cell, x, y WHERE x.org.iri < y.org.iri
WITH x.org AS oa, y.org AS ob, x.n AS na, y.n AS nb, collect(cell) AS shared
WITH oa, ob, na, nb, shared, toFloat(size(shared)) / (na + nb - size(shared)) AS jaccard
ORDER BY jaccard DESC, size(shared) DESC, oa.iri, ob.iri
LIMIT $limit
RETURN {iri: oa.iri, name: oa.name, kind: head([k IN $actor_kinds WHERE k IN labels(oa)])} AS actor_a,
  {iri: ob.iri, name: ob.name, kind: head([k IN $actor_kinds WHERE k IN labels(ob)])} AS actor_b,
  jaccard, shared, na AS cells_a, nb AS cells_b""",
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
