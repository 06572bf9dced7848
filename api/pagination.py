"""Relay-style connections: opaque cursors over positions, page info, total count and a page size cap."""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Callable
from typing import Any, Generic, TypeVar

import strawberry
from strawberry import Info
from strawberry.types.nodes import FragmentSpread, InlineFragment, SelectedField, Selection

from api.errors import BadUserInput
from queries.catalog import Page
from queries.catalog_filters import Window

__all__ = [
    "DEFAULT_PAGE_SIZE",
    "MAX_PAGE_SIZE",
    "Connection",
    "Edge",
    "PageInfo",
    "node_fields",
    "selects_node_field",
    "wants_total",
    "window",
]

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
_PREFIX = "cursor:"
# Positions are list offsets and no list comes near 10^9 items; nine ASCII digits keep forged cursors (huge
# numbers, non-ASCII digits) from reaching Python's int conversion or Neo4j's 64-bit arithmetic.
_POSITION = re.compile(r"[0-9]{1,9}")

N = TypeVar("N")
D = TypeVar("D")


def encode_cursor(position: int) -> str:
    return base64.urlsafe_b64encode(f"{_PREFIX}{position}".encode()).decode()


def decode_cursor(cursor: str, argument: str) -> int:
    try:
        text = base64.urlsafe_b64decode(cursor.encode()).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError):
        text = ""
    if not text.startswith(_PREFIX) or not _POSITION.fullmatch(text[len(_PREFIX) :]):
        raise BadUserInput(
            f"{argument} {cursor[:60]!r} is not a cursor of this API; pass a cursor taken from a previous page."
        )
    return int(text[len(_PREFIX) :])


def window(first: int | None, after: str | None, last: int | None, before: str | None) -> Window:
    """The slice asked for by Relay arguments; first and last are capped at MAX_PAGE_SIZE."""
    if first is not None and last is not None:
        raise BadUserInput(
            "first and last cannot be used together; page forwards with first or backwards with last."
        )
    for name, value in (("first", first), ("last", last)):
        if value is not None and not 0 <= value <= MAX_PAGE_SIZE:
            raise BadUserInput(
                f"{name} must be between 0 and {MAX_PAGE_SIZE}; ask for at most {MAX_PAGE_SIZE} items a page."
            )
    lo = decode_cursor(after, "after") + 1 if after is not None else 0
    hi = decode_cursor(before, "before") if before is not None else None
    if first is None and last is None:
        first = DEFAULT_PAGE_SIZE
    return Window(lo=lo, hi=hi, first=first, last=last)


@strawberry.type(description="Where a page sits in the whole list.")
class PageInfo:
    has_next_page: bool
    has_previous_page: bool
    start_cursor: str | None
    end_cursor: str | None


@strawberry.type(description="One item of a page and its cursor.")
class Edge(Generic[N]):
    cursor: str
    node: N


@strawberry.type(description="A page of a list: edges (or nodes), page info and the total count.")
class Connection(Generic[N]):
    edges: list[Edge[N]]
    page_info: PageInfo
    total: strawberry.Private[int | None]

    @strawberry.field(description="How many items the whole list holds.")
    def total_count(self) -> int:
        if self.total is None:  # lists count only when totalCount is asked for (see wants_total)
            raise RuntimeError("the list was read without its count although totalCount was selected")
        return self.total

    @strawberry.field(description="The page's items, without cursors.")
    def nodes(self) -> list[N]:
        return [edge.node for edge in self.edges]

    @classmethod
    def from_page(cls, page: Page[D], convert: Callable[[D], N]) -> Connection[N]:
        edges = [
            Edge(cursor=encode_cursor(page.offset + i), node=convert(item))
            for i, item in enumerate(page.items)
        ]
        return cls(
            edges=edges,
            page_info=PageInfo(
                has_next_page=page.has_next,
                has_previous_page=page.offset > 0,
                start_cursor=edges[0].cursor if edges else None,
                end_cursor=edges[-1].cursor if edges else None,
            ),
            total=page.total,
        )


def wants_total(info: Info[Any, Any]) -> bool:
    """Whether the connection field being resolved selects totalCount (directly or in fragments)."""

    def found(selections: list[Selection]) -> bool:
        for selection in selections:
            if isinstance(selection, SelectedField) and selection.name == "totalCount":
                return True
            if isinstance(selection, FragmentSpread | InlineFragment) and found(selection.selections):
                return True
        return False

    return any(found(field.selections) for field in info.selected_fields)


def _fields(selections: list[Selection]) -> list[SelectedField]:
    """The fields of a selection set, fragments (spreads and inline) flattened."""
    found: list[SelectedField] = []
    for selection in selections:
        if isinstance(selection, SelectedField):
            found.append(selection)
        elif isinstance(selection, FragmentSpread | InlineFragment):
            found.extend(_fields(selection.selections))
    return found


def node_fields(info: Info[Any, Any]) -> set[str]:
    """The names of the fields the connection being resolved selects on its items (nodes or edges.node)."""
    names: set[str] = set()
    for connection in info.selected_fields:
        for field in _fields(connection.selections):
            if field.name == "nodes":
                names.update(f.name for f in _fields(field.selections))
            elif field.name == "edges":
                for node in (f for f in _fields(field.selections) if f.name == "node"):
                    names.update(f.name for f in _fields(node.selections))
    return names


def selects_node_field(info: Info[Any, Any], name: str) -> bool:
    """Whether the connection field being resolved selects `name` on its items (nodes or edges.node)."""
    return name in node_fields(info)
