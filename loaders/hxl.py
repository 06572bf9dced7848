"""HXL-tagged 3W/4W CSV to project records.

The hashtag row may sit under human headers; spaces inside hashtags and a UTF-8 BOM are tolerated. With an
`#activity+id` (or `+code`) column each row is one project; without one, rows of the same country,
organization, sector and activity are one project (a 3W lists an organization once per district) and its
provinces and districts go into the description.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from loaders.codes import countries, country_by_iso3, country_by_name, name_key, org_types
from loaders.records import (
    CountryShare,
    Narrative,
    Participation,
    Problem,
    ProjectRecord,
    Rejection,
    Sector,
    parse_date,
)
from loaders.text import CsvRow, CsvTrouble, csv_rows, slug

__all__ = ["read_hxl"]

_HEADER_SEARCH_ROWS = 25
_ROLE_ATTRIBUTES = {
    "impl": "implementing",
    "implementing": "implementing",
    "funder": "funding",
    "donor": "funding",
    "funding": "funding",
    "prog": "extending",
    "extending": "extending",
    "accountable": "accountable",
}
# Free-text organization types seen in 3W files, beyond the IATI labels themselves.
_TYPE_ALIASES = {
    "united nations": "40",
    "un": "40",
    "un agency": "40",
    "ngo": "22",
    "nngo": "22",
    "ingo": "21",
}
# 3W status words -> IATI ActivityStatus (1 pipeline, 2 implementation, 3 finalisation, 4 closed, 5, 6).
_STATUS_WORDS = {
    "planned": "1",
    "pipeline": "1",
    "identification": "1",
    "ongoing": "2",
    "active": "2",
    "implementation": "2",
    "in progress": "2",
    "finalisation": "3",
    "finalization": "3",
    "completed": "4",
    "complete": "4",
    "closed": "4",
    "finished": "4",
    "cancelled": "5",
    "canceled": "5",
    "suspended": "6",
}
_TAG = re.compile(r"^#[a-z][a-z0-9_]*$")


@dataclass(frozen=True)
class _Column:
    index: int
    tag: str
    attributes: frozenset[str]


def _parse_hashtag(cell: str) -> tuple[str, frozenset[str]] | None:
    compact = "".join(cell.split()).lower()
    if not compact.startswith("#"):
        return None
    tag, *attributes = compact.split("+")
    return (tag, frozenset(a for a in attributes if a)) if _TAG.match(tag) else None


@dataclass
class _Group:
    line: int
    identifier: str
    titles: list[str]
    participations: list[Participation]
    country: str | None
    sectors: list[Sector]
    places: dict[str, list[str]] = field(default_factory=dict)
    starts: list[str] = field(default_factory=list)
    ends: list[str] = field(default_factory=list)
    status: str | None = None
    problems: list[Problem] = field(default_factory=list)


def read_hxl(path: Path, *, country: str | None = None) -> Iterator[ProjectRecord | Rejection]:
    rows = csv_rows(path)
    columns: list[_Column] | None = None
    for item in rows:
        if isinstance(item, CsvTrouble):
            yield Rejection(str(path), item.line, None, "file", "", item.reason)
            return
        tags = [_parse_hashtag(cell) for cell in item.cells]
        filled = [cell for cell in item.cells if cell.strip()]
        if filled and sum(tag is not None for tag in tags) * 2 > len(filled):
            columns = [_Column(i, t[0], t[1]) for i, t in enumerate(tags) if t is not None]
            break
        if item.line > _HEADER_SEARCH_ROWS:
            break
    if columns is None:
        yield Rejection(
            str(path),
            None,
            None,
            "file",
            "",
            f"has no HXL hashtag row (#org, #sector, ...) in its first {_HEADER_SEARCH_ROWS} lines; "
            "add one or load it with --format csv",
        )
        return
    by_id = any(c.tag == "#activity" and c.attributes & {"id", "code"} for c in columns)
    groups: dict[str, _Group] = {}
    for item in rows:
        if isinstance(item, CsvTrouble):
            yield Rejection(str(path), item.line, None, "file", "", item.reason)
            break
        if not any(cell.strip() for cell in item.cells):
            continue
        if item.encoding_error:
            yield Rejection(str(path), item.line, None, "encoding", "", item.encoding_error)
            continue
        group = _row(item, columns, country)
        if by_id:
            yield _record(group, path)
            continue
        if group.problems:
            yield _record(group, path)  # rejected on its own line, not merged into a project
            continue
        known = groups.get(group.identifier)
        if known is None:
            groups[group.identifier] = group
        else:
            _merge(known, group)
    for group in groups.values():
        yield _record(group, path)


def _cell(row: CsvRow, column: _Column) -> str:
    return row.cells[column.index].strip() if column.index < len(row.cells) else ""


def _row(row: CsvRow, columns: list[_Column], default_country: str | None) -> _Group:
    problems: list[Problem] = []
    values: dict[str, str] = {}
    orgs: dict[str, dict[str, str]] = {}
    has_impl = any(c.tag == "#org" and c.attributes & {"impl", "implementing"} for c in columns)
    places: dict[str, list[str]] = {}
    adm1 = ""
    adm2 = ""
    for column in columns:
        text = _cell(row, column)
        if not text:
            continue
        attrs = column.attributes
        if column.tag == "#org":
            role = next((_ROLE_ATTRIBUTES[a] for a in sorted(attrs) if a in _ROLE_ATTRIBUTES), None)
            role = role or ("accountable" if has_impl else "implementing")
            part = (
                "ref"
                if attrs & {"code", "id"}
                else "short"
                if attrs & {"acronym", "abbrev"}
                else ("type" if "type" in attrs else "name")
            )
            orgs.setdefault(role, {})[part] = text
        elif column.tag == "#activity":
            values["identifier" if attrs & {"id", "code"} else "title"] = text
        elif column.tag == "#sector":
            values["sector_code" if "code" in attrs else "sector_name"] = text
            values["sector_dac"] = "dac" if "dac" in attrs else values.get("sector_dac", "")
        elif column.tag == "#country":
            values["country_code" if attrs & {"code", "iso2", "iso3"} else "country_name"] = text
        elif column.tag == "#adm1" and "code" not in attrs:
            adm1 = text
        elif column.tag == "#adm2" and "code" not in attrs:
            adm2 = text
        elif column.tag == "#date" and attrs & {"start", "end"}:
            values["start" if "start" in attrs else "end"] = text
        elif column.tag == "#status":
            values["status"] = text
    if adm1:
        places[adm1] = [adm2] if adm2 else []
    iso2 = _country(values, default_country, problems)
    participations = []
    for role, parts in sorted(orgs.items()):
        if not (parts.get("name") or parts.get("short") or parts.get("ref")):
            continue
        participations.append(
            Participation(
                role=role,
                org_ref=parts.get("ref"),
                org_name=parts.get("name") or parts.get("short"),
                org_type=_org_type(parts.get("type")),
                org_short_name=parts.get("short"),
            )
        )
    if not participations:
        problems.append(Problem("#org", "", "is empty; a 3W row names the organization present"))
    code, name = values.get("sector_code", ""), values.get("sector_name", "")
    sectors = []
    if code or name:
        dac = bool(values.get("sector_dac")) or bool(re.fullmatch(r"\d{5}", code))
        sectors.append(Sector("1" if dac else "hxl", code or name))
    status: str | None = values.get("status")
    if status:
        mapped = status if status in "123456" and len(status) == 1 else _STATUS_WORDS.get(name_key(status))
        if mapped is None:
            problems.append(
                Problem(
                    "#status",
                    status,
                    f"is not a status word ({', '.join(sorted(_STATUS_WORDS))}) or IATI code",
                )
            )
        status = mapped
    title = values.get("title", "")
    org_label = next((p.org_short_name or p.org_name or "" for p in participations), "")
    identifier = values.get("identifier") or "-".join(
        part for part in (iso2 or "xx", slug(org_label), slug(code or name), slug(title)) if part
    )
    group = _Group(
        line=row.line,
        identifier=identifier,
        titles=[title] if title else [],
        participations=participations,
        country=iso2,
        sectors=sectors,
        places=places,
        starts=[values["start"]] if values.get("start") else [],
        ends=[values["end"]] if values.get("end") else [],
        status=status,
        problems=problems,
    )
    for tag, text in (("#date+start", values.get("start", "")), ("#date+end", values.get("end", ""))):
        if text and _safe_date(text) is None:
            problems.append(Problem(tag, text, "is not a date; write it as YYYY-MM-DD"))
    return group


def _country(values: dict[str, str], default: str | None, problems: list[Problem]) -> str | None:
    code = values.get("country_code", "").upper()
    if code:
        if code in countries():
            return code
        if code in country_by_iso3():
            return country_by_iso3()[code]
        problems.append(Problem("#country+code", code, "is not an ISO 3166-1 country code"))
        return None
    name = values.get("country_name")
    if name:
        found = country_by_name().get(name_key(name))
        if found is None:
            problems.append(
                Problem("#country", name, "is not a country name cograph knows; add a #country+code column")
            )
        return found
    return default


def _org_type(text: str | None) -> str | None:
    if not text:
        return None
    if text in org_types():
        return text
    key = name_key(text)
    labels = {name_key(label): code for code, label in org_types().items()}
    return labels.get(key) or _TYPE_ALIASES.get(key)


def _safe_date(text: str) -> dt.date | None:
    try:
        return parse_date(text)
    except ValueError:
        return None  # reported as a problem of its row


def _merge(into: _Group, other: _Group) -> None:
    for place, districts in other.places.items():
        known = into.places.setdefault(place, [])
        known.extend(d for d in districts if d not in known)
    into.starts.extend(other.starts)
    into.ends.extend(other.ends)
    into.status = into.status or other.status
    for participation in other.participations:
        if participation not in into.participations:
            into.participations.append(participation)


def _record(group: _Group, path: Path) -> ProjectRecord:
    org = next((p.org_name for p in group.participations if p.org_name), None)
    sector = group.sectors[0].code if group.sectors else None
    title = group.titles[0] if group.titles else " - ".join(part for part in (org, sector) if part) or None
    places = "; ".join(
        f"{place} ({', '.join(districts)})" if districts else place
        for place, districts in sorted(group.places.items())
    )
    return ProjectRecord(
        identifier=group.identifier,
        partner=path.stem,
        titles=(Narrative("", title),) if title else (),
        descriptions=(Narrative("en", f"Operational presence in {places}."),) if places else (),
        status=group.status,
        planned_start=min(dates) if (dates := [d for d in map(_safe_date, group.starts) if d]) else None,
        planned_end=max(ends) if (ends := [d for d in map(_safe_date, group.ends) if d]) else None,
        participations=tuple(group.participations),
        countries=(CountryShare(group.country),) if group.country else (),
        sectors=tuple(group.sectors),
        source_file=str(path),
        line=group.line,
        problems=tuple(group.problems),
    )
