"""Fast per-record checks mirroring the ontology's SHACL shapes for projects (pyshacl is for the RDF path).

Each check yields a `Problem` naming the field, the value and what to fix; a record with any problem is
rejected whole.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from loaders import codes
from loaders.records import Problem, ProjectRecord, date_fields
from ontology.fields import (
    MAX_NAME,
    MAX_TEXT,
    code_problem,
    date_problem,
    language_tag_problem,
    number_problem,
    text_problem,
)

__all__ = ["problems"]

_CURRENCY = re.compile(r"^[A-Z]{3}$")
# IATI SectorVocabulary 1 is the OECD DAC 5-digit purpose code, 2 the 3-digit DAC category.
_SECTOR_FORMS = {"1": re.compile(r"^\d{5}$"), "2": re.compile(r"^\d{3}$")}
_SDG_TARGET = re.compile(r"^\d{1,2}\.[0-9a-z]{1,2}$")
_PERCENT_TOLERANCE = 0.01


def problems(record: ProjectRecord) -> list[Problem]:
    """Every reason `record` cannot be loaded (empty when it is valid)."""
    return list(record.problems) + list(_checks(record))


def _checks(record: ProjectRecord) -> Iterator[Problem]:
    yield from _field_rules(record)
    if not record.identifier:
        yield Problem(
            "identifier", "", "is missing; every project needs its identifier (IATI identifier or own key)"
        )
    if not record.title:
        yield Problem("title", "", "is missing; give the project a title")
    if record.status is not None and record.status not in codes.activity_statuses():
        yield Problem(
            "status",
            record.status,
            f"is not an IATI activity status; use one of {', '.join(sorted(codes.activity_statuses()))}",
        )
    yield from _dates(record)
    yield from _money(record)
    yield from _participations(record)
    yield from _countries(record)
    yield from _classification(record)


def _shown(value: str) -> str:
    return value if len(value) <= 80 else value[:77] + "..."


def _field_rules(record: ProjectRecord) -> Iterator[Problem]:
    """ontology.fields' rules, the same for files, mutations and RDF, so whatever is stored can be exported."""
    codes_of: list[tuple[str, str | None]] = [
        ("identifier", record.identifier),
        ("partner", record.partner),
        *(("region", region) for region in record.regions),
        *(("participation.ref", p.org_ref) for p in record.participations),
    ]
    for name, code in codes_of:
        reason = code_problem(code) if code else None
        if reason:
            yield Problem(name, _shown(code or ""), reason)
    texts: list[tuple[str, str | None, int]] = [
        *(("participation.name", p.org_name, MAX_NAME) for p in record.participations),
        *(("participation.short_name", p.org_short_name, MAX_NAME) for p in record.participations),
    ]
    narrated = (("title", record.titles, MAX_NAME), ("description", record.descriptions, MAX_TEXT))
    for field_name, narratives, limit in narrated:
        for narrative in narratives:
            reason = language_tag_problem(narrative.lang)
            if reason:
                yield Problem(f"{field_name} language", _shown(narrative.lang), reason)
            texts.append((field_name, narrative.text, limit))
    for name, text, limit in texts:
        reason = text_problem(text, limit) if text else None
        if reason:
            yield Problem(name, _shown(text or ""), reason)
    for name in date_fields():
        value = getattr(record, name)
        reason = date_problem(value) if value is not None else None
        if reason:
            yield Problem(name, value.isoformat(), reason)
    numbers = [("budget", record.budget), *(("country.percentage", c.percentage) for c in record.countries)]
    for name, number in numbers:
        reason = number_problem(number) if number is not None else None
        if reason:
            yield Problem(name, f"{number:g}", reason)


def _dates(record: ProjectRecord) -> Iterator[Problem]:
    for kind, start, end in (
        ("planned", record.planned_start, record.planned_end),
        ("actual", record.actual_start, record.actual_end),
    ):
        if start is not None and end is not None and end < start:
            yield Problem(
                f"{kind}_end",
                end.isoformat(),
                f"is before the {kind} start {start.isoformat()}; the end must not be before the start",
            )


def _money(record: ProjectRecord) -> Iterator[Problem]:
    if record.budget is not None and record.budget < 0:
        yield Problem("budget", f"{record.budget:g}", "is negative; a budget is 0 or more")
    if record.currency is not None and not _CURRENCY.match(record.currency):
        yield Problem(
            "currency", record.currency, "is not an ISO 4217 code of three capital letters, e.g. EUR"
        )
    if record.budget is not None and record.currency is None:
        yield Problem("currency", "", "is missing for the budget; give its ISO 4217 code, e.g. USD")


def _participations(record: ProjectRecord) -> Iterator[Problem]:
    for participation in record.participations:
        if participation.role not in codes.roles():
            yield Problem(
                "participation.role",
                participation.role,
                f"is not an organisation role; use one of {', '.join(sorted(codes.roles()))} (IATI codes 1-4)",
            )
        if not participation.org_ref and not participation.org_name:
            yield Problem("participation", participation.role, "names no organization (neither ref nor name)")
        if participation.org_type is not None and participation.org_type not in codes.org_types():
            yield Problem(
                "participation.org_type",
                participation.org_type,
                "is not an IATI organisation type code (10 government, 21 international NGO, 40 multilateral ...)",
            )


def _countries(record: ProjectRecord) -> Iterator[Problem]:
    seen: set[str] = set()
    total = 0.0
    shares = 0
    for country in record.countries:
        if country.iso2 not in codes.countries():
            yield Problem("country", country.iso2, "is not an ISO 3166-1 alpha-2 country code, e.g. KE")
        elif country.iso2 in seen:
            yield Problem("country", country.iso2, "is listed twice; give each country once")
        seen.add(country.iso2)
        if country.percentage is not None:
            shares += 1
            total += country.percentage
            if not 0 <= country.percentage <= 100:
                yield Problem("country.percentage", f"{country.percentage:g}", "must be between 0 and 100")
    # As in the shapes: shares add up to 100; IATI lets regions take the rest, so only a surplus is wrong then.
    if shares and (
        total > 100 + _PERCENT_TOLERANCE or (not record.regions and abs(total - 100) > _PERCENT_TOLERANCE)
    ):
        yield Problem("country.percentage", f"{total:g}", "country percentages must add up to 100")


def _classification(record: ProjectRecord) -> Iterator[Problem]:
    mapping = codes.theme_mapping()
    for sector in record.sectors:
        form = _SECTOR_FORMS.get(sector.vocabulary)
        if not sector.code or (form is not None and not form.match(sector.code)):
            yield Problem(
                "sector",
                sector.code,
                f"is not a code of sector vocabulary {sector.vocabulary} "
                + ("(OECD DAC purpose codes have 5 digits)" if sector.vocabulary == "1" else ""),
            )
    for target in record.sdg_targets:
        if not _SDG_TARGET.match(target):
            yield Problem("sdg_target", target, "is not an SDG target such as 8.7 or 16.2")
    for theme in record.themes:
        if theme not in mapping.themes:
            yield Problem(
                "theme", theme, "is not a cograph theme notation (see docs/loaders.md for the list)"
            )
    for crime in record.crime_types:
        if crime not in mapping.crime_types:
            yield Problem(
                "crime_type", crime, f"is not a crime type; use {' or '.join(sorted(mapping.crime_types))}"
            )
