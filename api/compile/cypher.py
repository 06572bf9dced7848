"""A plan as one Cypher statement whose single value, `data`, already has the response's shape.

Each connection is a `CALL` subquery that imports only its parent node (and the pages a shared index walk
found for it), so its candidates are always `n` and the fragments of `queries.catalog` apply unchanged; walks
are `COLLECT { ... }` subqueries with fresh names; objects are map projections keyed by response keys (GraphQL
names, quoted). Values are never in the text: each list's values are parameters with the list's own prefix.
A busy scope's page may come from its label's sort index instead of its links (`_walked`, `_batch`).
"""

from __future__ import annotations

from itertools import count

from api.compile.plan import Connection, IndexWalk, Linked, Listed, Lookup, Obj, PageField, Root, Value
from api.compile.shapes import label, node_type, walks
from graph.cypher import quote_name

__all__ = ["KIND", "KINDS_PARAMETER", "NODE", "statement"]

NODE = "#node"
"""The hidden key of a node's map `{.*, labels}`: what the resolvers of the fields not compiled start from."""
KIND = "#kind"
"""The hidden key of an organization's kind (the model label that picks its GraphQL type)."""
KINDS_PARAMETER = "cg_kinds"
"""The parameter holding `ontology.model.ORGANIZATION_KINDS`, most specific first."""


class _Names:
    def __init__(self) -> None:
        self._next = count()
        self.shared: dict[int, str] = {}
        """The variable holding the shared walk's pages of a nested list (by the list's id), once bound."""

    def fresh(self, stem: str = "v") -> str:
        return f"{stem}{next(self._next)}"


def _key(key: str) -> str:
    return quote_name(key)


def _kind(var: str) -> str:
    return f"head([kind IN ${KINDS_PARAMETER} WHERE kind IN labels({var})])"


def statement(root: Root) -> str:
    """The statement of a root field: `RETURN <the page's or the node's map> AS data` (no row: not found)."""
    names = _Names()
    if isinstance(root, Lookup):
        found = "lookup"
        preludes, _, text = _object(root.item, {"v": found}, names)
        match = f"MATCH ({found}:{label(root.label)} {{{quote_name(root.property)}: ${root.parameter}}})"
        return f"{match} {' '.join(preludes)} RETURN {text} AS data"
    prelude, column = _connection(root, None, names)
    return f"{prelude} RETURN {column} AS data"


def _object(obj: Obj, scope: dict[str, str], names: _Names) -> tuple[list[str], list[str], str]:
    """The CALL clauses an object needs first, the columns they bind, and the object's map expression."""
    preludes: list[str] = []
    columns: list[str] = []
    parts: list[str] = []
    v = scope["v"]
    for entry in obj.entries:
        if isinstance(entry, Value):
            text = entry.expression.format(v=v, x=scope.get("x", ""), k=_kind(v))
            parts.append(f"{_key(entry.key)}: {text}")
        elif isinstance(entry, Linked):
            inner, bound, text = _object(entry.item, {"v": scope[entry.var]}, names)
            preludes += inner
            columns += bound
            parts.append(f"{_key(entry.key)}: {text}")
        elif isinstance(entry, Listed):
            prelude, text = _listed(entry, scope, names)
            if prelude:
                preludes.append(prelude)
                columns.append(text)
            parts.append(f"{_key(entry.key)}: {text}")
        else:
            prelude, column = _connection(entry, v, names)
            preludes.append(prelude)
            columns.append(column)
            parts.append(f"{_key(entry.key)}: {column}")
    if obj.node:
        parts.append(f"{_key_hidden(NODE)}: {v} {{.*, labels: labels({v})}}")
    if obj.kind:
        parts.append(f"{_key_hidden(KIND)}: {_kind(v)}")
    return preludes, columns, "{" + ", ".join(parts) + "}"


def _key_hidden(key: str) -> str:
    # not a GraphQL name (so no response key can be it): the executor's own entries
    return f"`{key}`"


def _listed(entry: Listed, scope: dict[str, str], names: _Names) -> tuple[str, str]:
    """A walk as a COLLECT expression; or, when its items hold lists (CALLs), as a CALL and its column.

    Neo4j does not take a COLLECT subquery holding an aggregation inside another aggregation.
    """
    walk = walks()[entry.walk]
    v, x, t = scope["v"], names.fresh(), names.fresh()
    pattern = walk.pattern.format(v=v, x=x, t=t)
    has_link = "{x}" in walk.pattern
    where = f" WHERE ${entry.role} IS NULL OR {x}.role = ${entry.role}" if entry.role else ""
    inner = {"v": t} if node_type(walk.item) else {"v": v, "x": x, "t": t}
    preludes, columns, text = _object(entry.item, inner, names)
    carried = ", ".join(dict.fromkeys([v, *([x] if has_link else []), t, *columns]))
    body = (
        f"MATCH {pattern}{where} {' '.join(preludes)} WITH {carried} ORDER BY {walk.order.format(t=t, x=x)}"
    )
    if not preludes:
        return "", f"COLLECT {{ {body} RETURN {text} }}"
    column, item = names.fresh("l"), names.fresh("item")
    shared = [names.shared[id(c)] for via, c in _walked_lists(Obj("", (entry,))) if id(c) in names.shared]
    imported = ", ".join([v, *shared])
    return f"CALL ({imported}) {{ {body} WITH {text} AS {item} RETURN collect({item}) AS {column} }}", column


def _page_objects(fields: tuple[PageField, ...]) -> list[Obj]:
    """The objects a page lists its items as (nodes, and each edges.node), in selection order."""
    found: list[Obj] = []
    for field in fields:
        if field.name == "nodes" and field.item is not None:
            found.append(field.item)
        elif field.name == "edges":
            found += [sub.item for sub in field.fields if sub.name == "node" and sub.item is not None]
    return found


def _connection(conn: Connection, parent: str | None, names: _Names) -> tuple[str, str]:
    """A CALL subquery binding the page's map to a fresh column, and that column.

    The page's nodes (one more than asked, to tell whether a next page exists) are found first, as a list;
    only the nodes shown are then projected, so the probe's nested lists are never read.
    """
    column, p = names.fresh("c"), conn.prefix
    suffix = p.strip("c_")
    n, key, total_var = f"n{suffix}", f"key{suffix}", f"total{suffix}"
    rows, more = f"rows{suffix}", f"more{suffix}"
    objects = _page_objects(conn.fields)
    batches = [
        (entry, _batch(entry, entry.walk, rows, _anchors(via, rows, p, entry, names)))
        for obj in objects
        for via, entry in _walked_lists(obj)
        if entry.walk is not None
    ]
    for entry, _ in batches:
        names.shared[id(entry)] = f"shared{entry.prefix.strip('c_')}"
    preludes: list[str] = []
    columns: list[str] = []
    items: list[str] = []
    for obj in objects:
        inner, bound, text = _object(obj, {"v": n}, names)
        preludes += inner
        columns += bound
        items.append(text)
    lists = [names.fresh("items") for _ in items] or [names.fresh("items")]
    # projected first, collected after: a COLLECT subquery that aggregates cannot sit inside collect()
    shown_items = [names.fresh("item") for _ in lists]
    projections = ", ".join(
        f"{text} AS {name}" for text, name in zip(items or [f"{n}.iri"], shown_items, strict=True)
    )
    collects = ", ".join(f"collect({item}) AS {name}" for item, name in zip(shown_items, lists, strict=True))
    shared = names.shared.get(id(conn))
    imported = ", ".join([key, *([shared] if shared else [])]) if conn.scoped else ""
    where = f" WHERE {' AND '.join(conn.conditions)}" if conn.conditions else ""
    candidates = f"{conn.start} WITH {'DISTINCT ' if conn.distinct else ''}{n}{where}"
    ordered = f"{candidates} WITH {n} ORDER BY {conn.order} SKIP ${p}skip LIMIT ${p}probe"
    if conn.walk is None or not conn.scoped:
        found = f"{ordered} WITH collect({n}) AS {rows}"
    else:
        found = _walked(conn, conn.walk, ordered, suffix, shared)
    resort = f" WITH {n}, {', '.join(columns)} ORDER BY {conn.order}" if columns else ""
    carried = ", ".join([rows, *(names.shared[id(entry)] for entry, _ in batches)])
    page = (
        f"CALL ({imported}) {{ {found} {' '.join(text for _, text in batches)} "
        f"CALL ({carried}) {{ UNWIND {rows}[0..${p}limit] AS {n} "
        f"{' '.join(preludes)}{resort} WITH {projections} RETURN {collects} }} "
        f"RETURN size({rows}) > ${p}limit AS {more}, {', '.join(lists)} }}"
    )
    total = f" CALL ({key if conn.scoped else ''}) {{ {conn.total} }}" if conn.total is not None else ""
    shape = _page_map(conn.fields, p, lists, objects, total_var, more)
    outer = ", ".join([parent, *([shared] if shared else [])]) if parent else ""
    head = f"WITH {parent}.iri AS {key}{', ' + shared if shared else ''} " if conn.scoped and parent else ""
    return f"CALL ({outer}) {{ {head}{page}{total} RETURN {shape} AS {column} }}", column


def _scan(walk: IndexWalk, var: str) -> str:
    """The label's nodes in the order of the walk's sort index (every node has the required property)."""
    prop, direction = quote_name(walk.property), " DESC" if walk.descending else ""
    return f"MATCH ({var}:{walk.label}) WHERE {var}.{prop} IS NOT NULL WITH {var} ORDER BY {var}.{prop}{direction}"


def _settled(walk: IndexWalk, found: str, boundary: str, reach: str) -> str:
    """Whether a walk's page `found` is right: every node sorting up to its last one was read."""
    before = ">" if walk.descending else "<"
    prop = quote_name(walk.property)
    return f"({boundary} IS NULL OR (size({found}) = {reach} AND last({found}).{prop} {before} {boundary}))"


def _boundary(walk: IndexWalk, budget: str, suffix: str) -> str:
    """The sort key of the budget's last candidate, null when the index holds fewer (all were read)."""
    marker, prop = f"m{suffix}", quote_name(walk.property)
    return (
        f"CALL () {{ {_scan(walk, marker)} SKIP {budget} - 1 LIMIT 1 "
        f"RETURN collect({marker}.{prop})[0] AS boundary{suffix} }}"
    )


def _walked_lists(obj: Obj) -> list[tuple[Listed | None, Connection]]:
    """The scoped lists of a page's item, straight (None) or of the targets of one of its walks (a project's
    participations' organizations), that may be read from a shared walk of their index."""
    found: list[tuple[Listed | None, Connection]] = []
    for entry in obj.entries:
        if isinstance(entry, Connection) and entry.scoped:
            found.append((None, entry))
        elif isinstance(entry, Listed) and not node_type(walks()[entry.walk].item):
            for linked in entry.item.entries:
                if isinstance(linked, Linked) and linked.var == "t":
                    found += [
                        (entry, c) for c in linked.item.entries if isinstance(c, Connection) and c.scoped
                    ]
    return found


def _anchors(via: Listed | None, rows: str, prefix: str, conn: Connection, names: _Names) -> str:
    """Rows of `anchor<s>`: each distinct parent of the nested list `conn` among the page's nodes shown."""
    anchor = f"anchor{conn.prefix.strip('c_')}"
    if via is None:
        return f"UNWIND {rows}[0..${prefix}limit] AS {anchor}"
    walk = walks()[via.walk]
    v, x = names.fresh("p"), names.fresh()
    where = f" WHERE ${via.role} IS NULL OR {x}.role = ${via.role}" if via.role else ""
    pattern = walk.pattern.format(v=v, x=x, t=anchor)
    return f"UNWIND {rows}[0..${prefix}limit] AS {v} MATCH {pattern}{where} WITH DISTINCT {anchor}"


def _batch(conn: Connection, walk: IndexWalk, rows: str, parents: str) -> str:
    """The pages of a nested list for all its distinct parents shown, from one walk of the sort index.

    Binds `shared<s>`, `[[anchor IRI, its first reach nodes], ...]`, for the parents whose page the walk
    settled: each distinct parent's page is found once however many times it is shown (an organization in
    several participations). Taken when the walk's `batch` candidates cost less than expanding every parent's
    links (a candidate read about 17 db hits on the 100k sample, a link expanded about 6): at worst the lists
    cost twice their expansions.
    """
    p, s = conn.prefix, conn.prefix.strip("c_")
    n, anchor, anchors, links, found = f"n{s}", f"anchor{s}", f"anchors{s}", f"links{s}", f"found{s}"
    where = f" AND ({walk.where})" if walk.where else ""
    conditions = f" WHERE {' AND '.join(conn.conditions)}" if conn.conditions else ""
    return (
        f"CALL ({rows}) {{ {parents} "
        f"WITH collect({anchor}) AS {anchors}, sum({walk.degree}) AS {links} "
        f"WITH {anchors} WHERE 6 * {links} >= 17 * ${p}batch {_boundary(walk, f'${p}batch', s)} "
        f"CALL ({anchors}) {{ {_scan(walk, n)} LIMIT ${p}batch MATCH {walk.pattern} WHERE {anchor} IN {anchors}"
        f"{where} WITH DISTINCT {anchor}, {n}{conditions} WITH {anchor}, {n} ORDER BY {conn.order} "
        f"RETURN {anchor}, collect({n})[0..${p}reach] AS {found} }} "
        f"WITH {anchor}, {found}, boundary{s} WHERE {_settled(walk, found, f'boundary{s}', f'${p}reach')} "
        f"RETURN collect([{anchor}.iri, {found}]) AS shared{s} }}"
    )


def _walked(conn: Connection, walk: IndexWalk, ordered: str, suffix: str, shared: str | None) -> str:
    """The page's nodes as the list `rows<suffix>`: from the sort index when that is cheaper, else expanded.

    The page is the shared walk's when that settled it (`_batch`). Otherwise a candidate read from the index
    costs about 2.5 times a link expanded (PROFILE on the 100k sample: some 20 db hits against 8), so this
    parent's own walk is taken only when (1) the scope's share of the label promises the page within half
    the budget of candidates, and (2) reading the whole budget costs less than expanding the scope. The walk
    reads at most `budget` candidates in index order; its page is right when the last node it keeps sorts
    strictly before the budget's last candidate (every node up to that key was read), or when the index holds
    fewer than `budget` nodes. Otherwise the scope is expanded as usual: at worst the list costs twice its
    expansion, at best a few candidates for a scope of thousands of links.
    """
    p, key, n = conn.prefix, f"key{suffix}", f"n{suffix}"
    anchor, degree = f"anchor{suffix}", f"degree{suffix}"
    found, own, walked, expanded = f"found{suffix}", f"own{suffix}", f"walked{suffix}", f"expanded{suffix}"
    batched = f"batched{suffix}"
    member = f"EXISTS {{ MATCH {walk.pattern}{f' WHERE {walk.where}' if walk.where else ''} }}"
    where = f" AND {' AND '.join(conn.conditions)}" if conn.conditions else ""
    chosen = (
        f"{degree} * ${p}budget >= 2 * ${p}reach * COUNT {{ MATCH (m{suffix}:{walk.label}) }} "
        f"AND 2 * {degree} >= 5 * ${p}budget"
    )
    head, imported, gate = "", key, ""
    if shared is not None:
        head = f"WITH {key}, [pair IN {shared} WHERE pair[0] = {key} | pair[1]][0] AS {batched} "
        imported, gate = f"{key}, {batched}", f"WITH {key}, {batched} WHERE {batched} IS NULL "
    own_walk = (
        f"OPTIONAL CALL ({imported}) {{ {gate}{walk.anchor} WITH {anchor}, {walk.degree} AS {degree} "
        f"WHERE {chosen} {_boundary(walk, f'${p}budget', suffix)} "
        f"CALL ({anchor}) {{ {_scan(walk, n)} LIMIT ${p}budget WITH {n} WHERE {member}{where} "
        f"WITH {n} ORDER BY {conn.order} LIMIT ${p}reach RETURN collect({n}) AS {found} }} "
        f"WITH {found}, boundary{suffix} WHERE {_settled(walk, found, f'boundary{suffix}', f'${p}reach')} "
        f"RETURN {found}[${p}skip..] AS {own} }} "
    )
    pick = (
        f"WITH {key}, coalesce({batched}[${p}skip..], {own}) AS {walked} "
        if shared is not None
        else f"WITH {key}, {own} AS {walked} "
    )
    return (
        f"{head}{own_walk}{pick}"
        f"CALL ({key}, {walked}) {{ WITH {key}, {walked} WHERE {walked} IS NULL {ordered} "
        f"RETURN collect({n}) AS {expanded} }} "
        f"WITH coalesce({walked}, {expanded}) AS rows{suffix}"
    )


def _page_map(
    fields: tuple[PageField, ...], p: str, lists: list[str], objects: list[Obj], total: str, more: str
) -> str:
    skip, shown = f"${p}skip", f"size({lists[0]})"
    by_object = {id(obj): name for obj, name in zip(objects, lists, strict=False)}
    parts: list[str] = []
    for field in fields:
        if field.name == "nodes" and field.item is not None:
            parts.append(f"{_key(field.key)}: {by_object[id(field.item)]}")
        elif field.name == "edges":
            edge: list[str] = []
            for sub in field.fields:
                if sub.name == "cursor":
                    edge.append(f"{_key(sub.key)}: {skip} + i")
                elif sub.name == "node" and sub.item is not None:
                    edge.append(f"{_key(sub.key)}: {by_object[id(sub.item)]}[i]")
            parts.append(f"{_key(field.key)}: [i IN range(0, {shown} - 1) | {{{', '.join(edge)}}}]")
        elif field.name == "pageInfo":
            info = {
                "hasNextPage": more,
                "hasPreviousPage": f"{skip} > 0",
                "startCursor": f"CASE WHEN {shown} > 0 THEN {skip} END",
                "endCursor": f"CASE WHEN {shown} > 0 THEN {skip} + {shown} - 1 END",
            }
            entries = ", ".join(f"{_key(sub.key)}: {info[sub.name]}" for sub in field.fields)
            parts.append(f"{_key(field.key)}: {{{entries}}}")
        elif field.name == "totalCount":
            parts.append(f"{_key(field.key)}: {total}")
    return "{" + ", ".join(parts) + "}"
