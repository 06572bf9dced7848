"""The domain record every format produces and the sync core consumes: one partner project, plain values.

A `ProjectRecord` can be built from plain Python values (strings, numbers, ISO dates, lists and dicts), as
the GraphQL API does; values that cannot be read are kept as `problems` so that validation rejects the
record with a reason instead of raising.
"""

from __future__ import annotations

import datetime as dt
import typing
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any

__all__ = [
    "CountryShare",
    "Narrative",
    "Participation",
    "Problem",
    "ProjectRecord",
    "Rejection",
    "Sector",
    "date_fields",
    "parse_date",
    "read_date",
    "read_number",
]


@dataclass(frozen=True)
class Problem:
    """Why a field of a record cannot be loaded: the field, the offending value and the reason."""

    field: str
    value: str
    reason: str


@dataclass(frozen=True)
class Rejection:
    """A record (or a part of a file) that was not loaded, with where it is and why."""

    file: str
    line: int | None
    identifier: str | None
    field: str
    value: str
    reason: str

    def __str__(self) -> str:
        where = f"{self.file}, line {self.line}" if self.line else self.file
        record = f" (record {self.identifier!r})" if self.identifier else ""
        value = f" {self.value!r}" if self.value else ""
        return f"{where}{record}: {self.field}{value}: {self.reason}"


@dataclass(frozen=True)
class Narrative:
    """A text in a language (`lang` is an ISO 639-1 code, or "" when the source does not say)."""

    lang: str
    text: str


@dataclass(frozen=True)
class Participation:
    """An organization's part in the project: IATI role word, org identifier (ref), name and IATI type code."""

    role: str
    org_ref: str | None = None
    org_name: str | None = None
    org_type: str | None = None
    org_short_name: str | None = None
    org_iri: str | None = None
    """The organization's IRI when the source links to it directly (RDF)."""


@dataclass(frozen=True)
class CountryShare:
    """A recipient country (ISO 3166-1 alpha-2) and its percentage of the project when known."""

    iso2: str
    percentage: float | None = None


@dataclass(frozen=True)
class Sector:
    """A sector code in a vocabulary: IATI SectorVocabulary code ("1" = OECD DAC 5-digit) or a name."""

    vocabulary: str
    code: str


def parse_date(value: object) -> dt.date | None:
    """A date from a date, a datetime or an ISO 8601 text (time part ignored); ValueError if unreadable."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    if not text:
        return None
    return dt.date.fromisoformat(text[:10])


def read_date(text: object, name: str, problems: list[Problem]) -> dt.date | None:
    """A date read from source text; an unreadable one is added to `problems` and read as None."""
    try:
        return parse_date(text)
    except (ValueError, TypeError):
        problems.append(Problem(name, str(text), "is not a date; write it as YYYY-MM-DD"))
        return None


def read_number(text: object, name: str, problems: list[Problem]) -> float | None:
    """A number read from source text ("1,250.50" too); an unreadable one is added to `problems`."""
    if text is None or (isinstance(text, str) and not text.strip()):
        return None
    try:
        return _number(text.replace(",", "").strip() if isinstance(text, str) else text)
    except (ValueError, TypeError):
        problems.append(Problem(name, str(text), "is not a number; write digits, e.g. 250000.00"))
        return None


def _tuple(values: object, convert: Any) -> tuple[Any, ...]:
    if values is None:
        return ()
    if isinstance(values, str | Mapping) and not isinstance(values, Narrative):
        values = [values]
    return tuple(convert(value) for value in values)  # type: ignore[attr-defined]


def _narrative(value: object) -> Narrative:
    if isinstance(value, Narrative):
        return value
    if isinstance(value, str):
        return Narrative("", value)
    if isinstance(value, Mapping):
        return Narrative(str(value.get("lang") or ""), str(value.get("text") or ""))
    if isinstance(value, tuple | list) and len(value) == 2:
        return Narrative(str(value[0] or ""), str(value[1]))
    raise TypeError(
        f"a narrative must be a text, a (lang, text) pair or a mapping, not {type(value).__name__}"
    )


def _narratives(value: object) -> tuple[Narrative, ...]:
    if isinstance(value, Mapping) and "text" not in value:
        return tuple(Narrative(str(lang), str(text)) for lang, text in value.items())
    return _tuple(value, _narrative)


def _participation(value: object) -> Participation:
    if isinstance(value, Participation):
        return value
    if isinstance(value, Mapping):
        return Participation(
            role=str(value.get("role") or ""),
            org_ref=_text(value.get("org_ref", value.get("ref"))),
            org_name=_text(value.get("org_name", value.get("name"))),
            org_type=_text(value.get("org_type", value.get("type"))),
            org_short_name=_text(value.get("org_short_name", value.get("short_name"))),
            org_iri=_text(value.get("org_iri")),
        )
    raise TypeError(f"a participation must be a Participation or a mapping, not {type(value).__name__}")


def _country(value: object) -> CountryShare:
    if isinstance(value, CountryShare):
        return value
    if isinstance(value, str):
        return CountryShare(value)
    if isinstance(value, Mapping):
        share = value.get("percentage")
        return CountryShare(str(value.get("iso2") or value.get("code") or ""), _number(share))
    raise TypeError(f"a country must be a CountryShare, an ISO code or a mapping, not {type(value).__name__}")


def _sector(value: object) -> Sector:
    if isinstance(value, Sector):
        return value
    if isinstance(value, str):
        return Sector("1", value)
    if isinstance(value, Mapping):
        return Sector(str(value.get("vocabulary") or "1"), str(value.get("code") or ""))
    raise TypeError(f"a sector must be a Sector, a DAC code or a mapping, not {type(value).__name__}")


def _text(value: object) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _number(value: object) -> float | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise TypeError("a number was expected, not a boolean")
    return float(value)  # type: ignore[arg-type]


@cache
def date_fields() -> tuple[str, ...]:
    """The record's date fields, by their type (`planned_start` ...)."""
    hints = typing.get_type_hints(ProjectRecord)
    return tuple(name for name, hint in hints.items() if hint == dt.date | None)


@dataclass(frozen=True)
class ProjectRecord:
    """One project of a partner feed: what the sync core maps to the ontology, validates and writes."""

    identifier: str | None
    partner: str | None = None
    titles: tuple[Narrative, ...] = ()
    descriptions: tuple[Narrative, ...] = ()
    status: str | None = None
    planned_start: dt.date | None = None
    actual_start: dt.date | None = None
    planned_end: dt.date | None = None
    actual_end: dt.date | None = None
    budget: float | None = None
    currency: str | None = None
    participations: tuple[Participation, ...] = ()
    countries: tuple[CountryShare, ...] = ()
    regions: tuple[str, ...] = ()
    sectors: tuple[Sector, ...] = ()
    sdg_targets: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    crime_types: tuple[str, ...] = ()
    source_file: str | None = None
    line: int | None = None
    position: int | None = None
    problems: tuple[Problem, ...] = field(default=(), compare=False)

    def __post_init__(self) -> None:
        # Plain values in, typed values out; what cannot be read becomes a Problem for validation to report.
        problems = list(self.problems)
        setter = object.__setattr__
        setter(self, "identifier", _text(self.identifier))
        setter(self, "partner", _text(self.partner))
        setter(self, "status", _text(self.status))
        setter(self, "currency", _text(self.currency))
        for name in date_fields():
            raw = getattr(self, name)
            try:
                setter(self, name, parse_date(raw))
            except (ValueError, TypeError):
                setter(self, name, None)
                problems.append(Problem(name, str(raw), "is not a date; write it as YYYY-MM-DD"))
        try:
            setter(self, "budget", _number(self.budget))
        except (ValueError, TypeError):
            problems.append(
                Problem("budget", str(self.budget), "is not a number; write digits, e.g. 250000.00")
            )
            setter(self, "budget", None)
        setter(self, "titles", _narratives(self.titles))
        setter(self, "descriptions", _narratives(self.descriptions))
        for name, convert in (
            ("participations", _participation),
            ("countries", _country),
            ("sectors", _sector),
            ("regions", str),
            ("sdg_targets", str),
            ("themes", str),
            ("crime_types", str),
        ):
            try:
                setter(self, name, _tuple(getattr(self, name), convert))
            except (ValueError, TypeError) as error:
                problems.append(Problem(name, str(getattr(self, name))[:80], f"cannot be read ({error})"))
                setter(self, name, ())
        setter(self, "problems", tuple(problems))

    @property
    def title(self) -> str | None:
        """The preferred title: English, else the first."""
        return preferred(self.titles)

    @property
    def description(self) -> str | None:
        return preferred(self.descriptions)


def preferred(narratives: Iterable[Narrative]) -> str | None:
    """The English text of narratives, else the first (None when there is none)."""
    texts = [n for n in narratives if n.text.strip()]
    english = [n for n in texts if n.lang.lower().startswith("en")]
    chosen = english or texts
    return chosen[0].text.strip() if chosen else None
