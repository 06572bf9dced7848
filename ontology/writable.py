"""Values stored before today's field rules that RDF cannot carry: found and reported, never a crash.

The graph may hold what older versions accepted (a language tag that is not BCP 47, a lone surrogate, an
infinite number). The export leaves such a value out and says which record and property held it, so one bad
value never stops the export for everyone.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Iterable
from typing import Any, TypeVar

from ontology.fields import language_tag_problem
from ontology.mapping import LANG_STRING, list_property_name, model

__all__ = ["Unwritable", "writable_nodes"]

_LANG_SEPARATOR = "|"  # as ontology.rdf stores a language-tagged text: "lang|text"
N = TypeVar("N")


@dataclasses.dataclass(frozen=True)
class Unwritable:
    """A value the export left out: where it is, what it is and why."""

    iri: str
    property: str
    value: str
    reason: str

    def __str__(self) -> str:
        return f"<{self.iri}> {self.property} {self.value!r}: {self.reason}"


def _reason(name: str, value: Any, lang_lists: set[str]) -> str | None:
    if isinstance(value, float) and not math.isfinite(value):
        return "is not a finite number"
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return "holds a character that is not Unicode text (a lone surrogate)"
        if name in lang_lists and _LANG_SEPARATOR in value:
            return language_tag_problem(value.split(_LANG_SEPARATOR, 1)[0])
    return None


def writable_nodes(nodes: Iterable[N]) -> tuple[list[N], list[Unwritable]]:
    """The nodes (NodeRecord-like: iri and properties) without the values RDF cannot carry, and those values."""
    lang_lists = {
        list_property_name(n) for n, datatype in model().datatypes.items() if datatype == LANG_STRING
    }
    kept: list[N] = []
    left_out: list[Unwritable] = []
    for node in nodes:
        properties: dict[str, Any] = dict(getattr(node, "properties"))  # noqa: B009 - any NodeRecord-like object
        changed = False
        for name, value in list(properties.items()):
            items = value if isinstance(value, list) else [value]
            bad = [(item, reason) for item in items if (reason := _reason(name, item, lang_lists))]
            if not bad:
                continue
            changed = True
            iri = str(getattr(node, "iri"))  # noqa: B009
            left_out.extend(Unwritable(iri, name, str(item)[:80], reason) for item, reason in bad)
            good = [item for item in items if all(item is not b for b, _ in bad)]
            if isinstance(value, list) and good:
                properties[name] = good
            else:
                del properties[name]
        kept.append(dataclasses.replace(node, properties=properties) if changed else node)  # type: ignore[type-var]
    return kept, left_out
