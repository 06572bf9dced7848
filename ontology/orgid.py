"""Organisation identifiers as org-id.guide defines them: `PREFIX-ID`, the prefix a list of the register.

The register's lists are shipped in ontology/reference/org-id-prefixes.json (with its source and date;
`python -m ontology.reference.refresh_orgid` refreshes it).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

__all__ = ["IdentifierCheck", "Prefix", "Register", "check_identifier", "register"]

# A prefix is a country (or XI/XM) code and a list code, optionally with a sub-national part (CN-11-CR).
_SHAPE = re.compile(r"^[A-Z]{2}(?:-[A-Z0-9]+)+-\S+$")


@dataclass(frozen=True)
class Prefix:
    code: str
    name: str
    deprecated: bool
    confirmed: bool
    coverage: tuple[str, ...]
    """ISO alpha-2 codes of the countries the list covers (empty: international)."""


@dataclass(frozen=True)
class Register:
    source: str
    date: str
    prefixes: dict[str, Prefix]
    former: dict[str, str]
    """A former prefix -> the prefix that replaced it."""


@lru_cache(maxsize=1)
def register() -> Register:
    """The org-id.guide register as shipped with cograph."""
    text = resources.files("ontology.reference").joinpath("org-id-prefixes.json").read_text(encoding="utf-8")
    data = json.loads(text)
    prefixes = {
        entry["code"]: Prefix(
            code=entry["code"],
            name=entry["name"],
            deprecated=bool(entry["deprecated"]),
            confirmed=bool(entry["confirmed"]),
            coverage=tuple(entry["coverage"]),
        )
        for entry in data["prefixes"]
    }
    former = {old: entry["code"] for entry in data["prefixes"] for old in entry["formerPrefixes"]}
    return Register(source=str(data["source"]), date=str(data["registerDate"]), prefixes=prefixes, former=former)


@dataclass(frozen=True)
class IdentifierCheck:
    """What the register says of an identifier: its prefix when known, and the problem when there is one."""

    identifier: str
    prefix: Prefix | None
    problem: str | None

    @property
    def valid(self) -> bool:
        return self.problem is None

    @property
    def countries(self) -> tuple[str, ...]:
        """The countries the identifier's list covers: evidence of where the organisation is registered."""
        return self.prefix.coverage if self.prefix else ()


def check_identifier(text: str) -> IdentifierCheck:
    """Check `text` against org-id.guide: shape `PREFIX-ID`, prefix in the register, not deprecated."""
    identifier = text.strip()
    known = register()
    upper = identifier.upper()
    if not _SHAPE.match(upper):
        return IdentifierCheck(
            identifier,
            None,
            "is not an org-id.guide identifier (PREFIX-ID, such as XM-DAC-41122 or GB-COH-04336774); "
            "use the registration list's prefix and the organisation's number in it",
        )
    parts = upper.split("-")
    # The longest registered prefix wins: CN-11-CR before a shorter (unregistered) CN-11.
    for length in range(len(parts) - 1, 1, -1):
        candidate = "-".join(parts[:length])
        prefix = known.prefixes.get(candidate)
        if prefix is None and candidate in known.former:
            current = known.former[candidate]
            return IdentifierCheck(
                identifier,
                known.prefixes[current],
                f"uses the former prefix {candidate}; the register now calls that list {current}",
            )
        if prefix is not None:
            if prefix.deprecated:
                return IdentifierCheck(
                    identifier, prefix, f"uses the deprecated prefix {prefix.code} ({prefix.name}); see org-id.guide"
                )
            return IdentifierCheck(identifier, prefix, None)
    return IdentifierCheck(
        identifier,
        None,
        f"has the prefix {'-'.join(parts[:2])}, which is not in the org-id.guide register "
        f"({known.date[:10]}); check the prefix at https://org-id.guide",
    )
