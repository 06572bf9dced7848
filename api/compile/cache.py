"""Compiled statements, by document, operation and root field path, then by plan (which filters are on).

Values are never part of a key or a statement: the same document with other variables reuses the text.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass

from api.compile.cypher import statement
from api.compile.plan import Root

__all__ = ["CacheKey", "StatementCache", "statements"]

CacheKey = tuple[str, str | None, tuple[str, ...]]
"""The document's text, the operation's name and the root field's response path."""


@dataclass
class _Counts:
    hits: int = 0
    misses: int = 0


class StatementCache:
    """A bounded cache of Cypher texts (least recently used documents leave first)."""

    def __init__(self, max_documents: int = 256) -> None:
        self._texts: OrderedDict[CacheKey, dict[Root, str]] = OrderedDict()
        self._max = max_documents
        self.counts = _Counts()

    def text(self, key: CacheKey, plan: Root) -> str:
        """The statement of `plan` for the root field `key`, compiled on first use."""
        texts = self._texts.get(key)
        if texts is None:
            texts = self._texts[key] = {}
            if len(self._texts) > self._max:
                self._texts.popitem(last=False)
        else:
            self._texts.move_to_end(key)
        found = texts.get(plan)
        if found is not None:
            self.counts.hits += 1
            return found
        self.counts.misses += 1
        found = texts[plan] = statement(plan)
        return found

    def clear(self) -> None:
        self._texts.clear()
        self.counts = _Counts()


statements = StatementCache()
"""The process's cache (documents are few: clients send the same queries again and again)."""
