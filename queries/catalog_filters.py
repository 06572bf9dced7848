"""What a catalogue list asks for: filters, sort order and the page window, as plain values.

The builders here choose among fixed Cypher fragments (code text only); every value travels as a parameter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from queries.errors import InvalidFilter

__all__ = [
    "CountryFilter",
    "OrganizationFilter",
    "ProjectFilter",
    "ProjectSort",
    "Window",
    "lucene_query",
]

_LUCENE_SPECIAL = re.compile(r'([+\-!(){}\[\]^"~*?:\\/&|])')
# Upper-case AND, OR, NOT and TO are operators to Lucene's parser even when escaped; the index's analyser
# lower-cases every word anyway, so lower-casing them keeps the user's words as plain words.
_LUCENE_KEYWORDS = frozenset({"AND", "OR", "NOT", "TO"})
# Lucene builds an automaton per prefix word; far below its limits, and far above any real name or title.
MAX_SEARCH_CHARACTERS = 500
MAX_SEARCH_WORD = 100
MAX_SEARCH_WORDS = 20


def lucene_query(text: str) -> str:
    """Words of free text as a Lucene query: every word must match, the last one as a prefix.

    Raises InvalidFilter (answered as BAD_USER_INPUT) for text that no name or title could match.
    """
    if len(text) > MAX_SEARCH_CHARACTERS:
        raise InvalidFilter(
            f"search is {len(text)} characters long; search with at most {MAX_SEARCH_CHARACTERS} characters."
        )
    raw = text.split()
    if len(raw) > MAX_SEARCH_WORDS:
        raise InvalidFilter(f"search has {len(raw)} words; search with at most {MAX_SEARCH_WORDS} words.")
    long = next((word for word in raw if len(word) > MAX_SEARCH_WORD), None)
    if long is not None:
        raise InvalidFilter(
            f"search word {long[:20]!r}... is {len(long)} characters long; "
            f"search with words of at most {MAX_SEARCH_WORD} characters."
        )
    words = [
        _LUCENE_SPECIAL.sub(r"\\\1", word.lower() if word in _LUCENE_KEYWORDS else word) for word in raw
    ]
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
