"""What a catalogue list asks for: filters, sort order and the page window, as plain values.

The builders here choose among fixed Cypher fragments (code text only); every value travels as a parameter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

__all__ = [
    "CountryFilter",
    "OrganizationFilter",
    "ProjectFilter",
    "ProjectSort",
    "Window",
    "lucene_query",
]

_LUCENE_SPECIAL = re.compile(r'([+\-!(){}\[\]^"~*?:\\/&|])')


def lucene_query(text: str) -> str:
    """Words of free text as a Lucene query: every word must match, the last one as a prefix."""
    words = [_LUCENE_SPECIAL.sub(r"\\\1", word) for word in text.split()]
    if not words:
        return ""
    words[-1] = words[-1] + "*"
    return " AND ".join(words)


@dataclass(frozen=True)
class Window:
    """A slice of an ordered list: items at positions lo <= i < hi, the first or last `count` of them."""

    lo: int = 0
    hi: int | None = None
    first: int | None = None
    last: int | None = None

    def params(self) -> dict[str, Any]:
        return {"lo": self.lo, "hi": self.hi, "first": self.first, "last": self.last}


@dataclass(frozen=True)
class ProjectSort:
    field: str = "TITLE"
    descending: bool = False


@dataclass(frozen=True)
class ProjectFilter:
    countries: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    crime_types: tuple[str, ...] = ()
    organizations: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    organization_types: tuple[str, ...] = ()
    organization_kinds: tuple[str, ...] = ()
    mechanisms: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    active_as_of: date | None = None
    search: str | None = None
    partner: str | None = None
    include_withdrawn: bool = False


@dataclass(frozen=True)
class OrganizationFilter:
    kinds: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    mechanisms: tuple[str, ...] = ()
    search: str | None = None
    descending: bool = False
    sort: str = "NAME"


@dataclass(frozen=True)
class CountryFilter:
    regions: tuple[str, ...] = ()
    search: str | None = None
