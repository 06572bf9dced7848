"""The field rules every entry point applies to a value before it is stored: files, mutations, RDF import.

One set of rules, so a value accepted from one entry point can be written by every other part of cograph
(the RDF export above all): text without control characters and within a length, BCP 47 language tags,
dates in a plausible range, finite numbers, codes of a bounded size. Each rule returns the reason a value
breaks it (a phrase that completes "<field> <value> ...") or None.
"""

from __future__ import annotations

import datetime as dt
import math
import re

__all__ = [
    "DATE_RANGE",
    "MAX_CODE",
    "MAX_NAME",
    "MAX_TEXT",
    "MAX_TITLE",
    "code_problem",
    "date_problem",
    "language_tag_problem",
    "number_problem",
    "text_problem",
]

MAX_CODE = 200
"""Identifiers, partner keys, codes and notations."""
MAX_NAME = 1_000
"""Organization names, titles."""
MAX_TITLE = MAX_NAME
MAX_TEXT = 100_000
"""Descriptions and other long text."""
MAX_NUMBER = 1e15
"""Above any budget in any currency; floats stay exact integers below 2^53."""
DATE_RANGE = (dt.date(1900, 1, 1), dt.date(2199, 12, 31))

# RFC 5646 language tags (langtag, private use and the irregular grandfathered ones): well-formedness only,
# which is what RDF 1.1 asks of a language-tagged literal.
_LANGTAG = re.compile(
    r"""^(?:
        (?:[a-z]{2,3}(?:-[a-z]{3}){0,3}|[a-z]{4,8})   # language (with extlangs)
        (?:-[a-z]{4})?                                # script
        (?:-(?:[a-z]{2}|[0-9]{3}))?                   # region
        (?:-(?:[a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*      # variants
        (?:-[0-9a-wy-z](?:-[a-z0-9]{2,8})+)*          # extensions
        (?:-x(?:-[a-z0-9]{1,8})+)?                    # private use
      | x(?:-[a-z0-9]{1,8})+
      | en-gb-oed|i-[a-z]{3,8}|sgn-[a-z]{2}-[a-z]{3}
    )$""",
    re.VERBOSE | re.IGNORECASE,
)
# C0 and C1 controls other than tab, line feed and carriage return; lone surrogates cannot be encoded as
# UTF-8 at all (Neo4j and every RDF syntax refuse them); U+FFFE/U+FFFF are not characters.
_FORBIDDEN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_CODE_FORBIDDEN = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")


def text_problem(value: str, limit: int = MAX_TEXT) -> str | None:
    """Text is at most `limit` characters, with no control characters."""
    if len(value) > limit:
        return f"is {len(value):,} characters long; shorten it to at most {limit:,}"
    found = _FORBIDDEN.search(value)
    if found is not None:
        return (
            f"holds the control character U+{ord(found.group()):04X} at position {found.start() + 1}; "
            "remove it (only tabs and line breaks are allowed in text)"
        )
    return None


def code_problem(value: str, limit: int = MAX_CODE) -> str | None:
    """Identifiers and codes: at most `limit` characters on one line, no control characters."""
    stripped = value.strip()
    if len(stripped) > limit:
        return f"is {len(stripped):,} characters long; a code or identifier has at most {limit}"
    found = _CODE_FORBIDDEN.search(stripped)
    if found is not None:
        return (
            f"holds the control character U+{ord(found.group()):04X} at position {found.start() + 1}; "
            "write the code without it"
        )
    return None


def language_tag_problem(tag: str) -> str | None:
    """A language tag is empty (unknown) or well-formed BCP 47, e.g. en, fr, es-419, zh-Hant."""
    if not tag or _LANGTAG.match(tag):
        return None
    return "is not a BCP 47 language tag; write e.g. en, fr, es-419 or zh-Hant"


def date_problem(value: dt.date) -> str | None:
    """A date of a project lies between 1900 and 2199."""
    low, high = DATE_RANGE
    day = value.date() if isinstance(value, dt.datetime) else value
    if not low <= day <= high:
        return f"is outside {low.year}-{high.year}; check the year"
    return None


def number_problem(value: float) -> str | None:
    """A number is finite and below 10^15 in size."""
    if not math.isfinite(value):
        return "is not a finite number; write digits, e.g. 250000.00"
    if abs(value) > MAX_NUMBER:
        return f"is larger than {MAX_NUMBER:.0e}; check the amount"
    return None
