"""The compiled form of a selection: what to read for each response key, with no value in it.

A plan is hashable and holds only code text and response keys (GraphQL names, checked when quoted): two
requests of the same document whose arguments choose the same filters get equal plans, and so share one
Cypher statement; the values travel beside the plan as parameters.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "Connection",
    "Entry",
    "IndexWalk",
    "Item",
    "Linked",
    "Listed",
    "Lookup",
    "NotCompilable",
    "Obj",
    "PageField",
    "Root",
    "Value",
]


class NotCompilable(Exception):
    """The selection asks for something the compiler does not cover: the field runs its resolvers."""


@dataclass(frozen=True)
class Value:
    """A leaf: an expression over the node `{v}` (and the link `{x}`, the organization kind `{k}`)."""

    key: str
    expression: str


@dataclass(frozen=True)
class Linked:
    """An object read from one of the variables in scope: `v` (the node itself), `t` (a link's target)."""

    key: str
    var: str
    item: Obj


@dataclass(frozen=True)
class Listed:
    """The items of a walk of `shapes.walks()`, each an object of the walk's target or link."""

    key: str
    walk: tuple[str, str]
    item: Obj
    role: str | None = None
    """The parameter holding the role the items must have (None: the field has no role argument)."""


@dataclass(frozen=True)
class PageField:
    """A field of a connection (`nodes`, `edges`, `pageInfo`, `totalCount`) or of its edges and page info."""

    key: str
    name: str
    item: Obj | None = None
    fields: tuple[PageField, ...] = ()


@dataclass(frozen=True)
class IndexWalk:
    """A scoped list read the other way: its label's sort index in order, each candidate tested for the scope.

    Chosen per parent in Cypher when the scope holds a large share of the label (a busy organization's
    projects): the page is then found among the first `budget` candidates of the index instead of by sorting
    the whole scope. When the budget does not settle the page, the list is expanded as usual.
    """

    anchor: str
    """Binds the scope's node `anchor` from `key`."""
    degree: str
    """The number of links the anchor has (the size of the expansion), from the node's degree."""
    pattern: str
    """The pattern from the candidate `n` to the scope's node `anchor`."""
    where: str
    """The pattern's condition ("" for none)."""
    label: str
    """The listed label (quoted), whose sort index is walked."""
    property: str
    """The sort property (required by the model, so every node is in its index)."""
    descending: bool


@dataclass(frozen=True)
class Connection:
    """A page of a list: where it starts, its filters and order, and what the page selects."""

    key: str
    prefix: str
    """The prefix of this list's parameters (`c0_`, `c1_` ...): nested lists never share one."""
    start: str
    """Cypher that binds the candidates `n` (and maybe repeats them: see `distinct`), from `key` if scoped."""
    scoped: bool
    distinct: bool
    conditions: tuple[str, ...]
    order: str
    total: str | None
    """The count's statement text, when totalCount is selected."""
    fields: tuple[PageField, ...]
    walk: IndexWalk | None = None
    """The index walk the page may take instead of expanding the scope (None: always expanded)."""


@dataclass(frozen=True)
class Obj:
    """An object: its entries, and whether its node map (`#node`) and kind (`#kind`) are read too."""

    type_name: str
    entries: tuple[Entry, ...]
    node: bool = False
    kind: bool = False


@dataclass(frozen=True)
class Lookup:
    """One node found by a unique key (a project's or organization's IRI, a country's ISO code)."""

    label: str
    property: str
    parameter: str
    item: Obj


Entry = Value | Linked | Listed | Connection
Root = Connection | Lookup
Item = Obj
