"""IATI activity XML (2.01-2.03) to project records, streamed: a pull parser with each activity cleared after use.

Parsed safely: no entity substitution, no DTD loading, no network, no huge trees.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from lxml import etree

from loaders.codes import role_for_code
from loaders.records import (
    CountryShare,
    Narrative,
    Participation,
    Problem,
    ProjectRecord,
    Rejection,
    Sector,
    read_date,
)

__all__ = ["read_iati"]

_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# IATI ActivityDateType: 1 planned start, 2 actual start, 3 planned end, 4 actual end (1.x used words).
_DATE_FIELDS = {
    "1": "planned_start",
    "start-planned": "planned_start",
    "2": "actual_start",
    "start-actual": "actual_start",
    "3": "planned_end",
    "end-planned": "planned_end",
    "4": "actual_end",
    "end-actual": "actual_end",
}
_SDG_TARGET_TAG_VOCABULARY = "2"
_REVISED_BUDGET = "2"
_COMMITMENT = {"2", "C"}
_Element = etree._Element


def read_iati(path: Path) -> Iterator[ProjectRecord | Rejection]:
    """Each iati-activity of the file as a record; a malformed file ends with a rejection saying where."""
    with path.open("rb") as handle:
        yield from _activities(path, handle)


_CHUNK = 1 << 16


def _activities(path: Path, handle: BinaryIO) -> Iterator[ProjectRecord | Rejection]:
    # A pull parser fed in chunks: after a syntax error it still hands over the activities completed before
    # it (iterparse in lxml 6.2 raises before yielding those of the chunk that holds the error).
    found = 0
    parser = etree.XMLPullParser(
        events=("end",),
        tag="iati-activity",
        resolve_entities=False,
        load_dtd=False,
        no_network=True,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )
    try:
        while True:
            chunk = handle.read(_CHUNK)
            failure: etree.XMLSyntaxError | None = None
            try:
                if chunk:
                    parser.feed(chunk)
                else:
                    parser.close()
            except etree.XMLSyntaxError as error:
                failure = error
            for _, element in parser.read_events():
                if not isinstance(element, etree._Element):  # only "end" events of elements are asked for
                    continue
                found += 1
                entities = _entities(element, path)
                if entities:
                    yield from entities
                else:
                    yield _activity(element, path, found)
                element.clear()  # its tail too (keep_tail is false by default)
                parent = element.getparent()
                if parent is not None:
                    while element.getprevious() is not None:
                        del parent[0]
            if failure is not None:
                raise failure
            if not chunk:
                break
    except etree.XMLSyntaxError as error:
        # the parser may report a generic "no element found" at line 0; its own log says what broke.
        cause: Any = getattr(error.error_log, "last_error", None)  # lxml-stubs leave the log untyped
        message = cause.message if cause is not None and cause.message else error.msg
        line = cause.line if cause is not None and cause.line > 0 else error.lineno
        yield Rejection(
            str(path),
            line if isinstance(line, int) and line > 0 else None,
            None,
            "file",
            "",
            f"is not well-formed XML ({message.strip()}); the {found} activities before this point were read, "
            "the rest was not: fix the file (and its encoding) and load it again",
        )
        return
    if found == 0:
        yield Rejection(
            str(path), None, None, "file", "", "holds no iati-activity element; is it an IATI activity file?"
        )


def _entities(element: _Element, path: Path) -> list[Rejection]:
    """The activity's entity references (undefined, external or declared in the file's DTD), as rejections.

    Entities are never expanded (no DTD, no network), so text around one would be silently cut short
    ("Funded by &org; and partners" read as "Funded by", an identifier losing its tail and colliding with
    another record's): the record is rejected instead, at the entity's line.
    """
    found = [node for node in element.iter(etree.Entity) if isinstance(node, etree._Entity)]
    if not found:
        return []
    key = _identifier_text(element)
    return [
        Rejection(
            str(path),
            node.sourceline if isinstance(node.sourceline, int) else None,
            key or None,
            _field_of(node),
            node.text or "",
            "is an XML entity reference; cograph expands no entities (undefined, external or from a DTD): "
            "write the text itself and load the file again",
        )
        for node in found
    ]


def _identifier_text(element: _Element) -> str:
    """The activity's identifier as written, entity references shown as written (&name;)."""
    found = element.find("iati-identifier")
    if found is None:
        return ""
    parts = [found.text or ""]
    for child in found:
        parts.append((child.text or "") if isinstance(child, etree._Entity) else "")
        parts.append(child.tail or "")
    return "".join(parts).strip()


def _field_of(node: _Element) -> str:
    parent = node.getparent()
    names: list[str] = []
    while parent is not None and parent.tag != "iati-activity":
        names.append(str(parent.tag))
        parent = parent.getparent()
    return "/".join(reversed(names)) or "iati-activity"


def _narratives(element: _Element | None, default_lang: str) -> tuple[Narrative, ...]:
    if element is None:
        return ()
    narratives = element.findall("narrative")
    if not narratives:  # IATI 1.x puts the text in the element itself
        text = (element.text or "").strip()
        return (Narrative(element.get(_XML_LANG) or default_lang, text),) if text else ()
    return tuple(
        Narrative(n.get(_XML_LANG) or default_lang, (n.text or "").strip())
        for n in narratives
        if (n.text or "").strip()
    )


def _number(text: str | None, name: str, problems: list[Problem]) -> float | None:
    if text is None or not text.strip():
        return None
    try:
        return float(text.strip().replace(",", ""))
    except ValueError:
        problems.append(Problem(name, text.strip(), "is not a number"))
        return None


def _activity(element: _Element, path: Path, position: int) -> ProjectRecord:
    problems: list[Problem] = []
    # One pass over the activity's children, grouped by tag, instead of one scan per find/iterfind.
    children: dict[object, list[_Element]] = {}
    for child in element:
        children.setdefault(child.tag, []).append(child)

    def first(tag: str) -> _Element | None:
        found = children.get(tag)
        return found[0] if found else None

    def every(tag: str) -> list[_Element]:
        return children.get(tag, [])

    parent = element.getparent()
    root_lang = parent.get(_XML_LANG) if parent is not None else None
    lang = element.get(_XML_LANG) or root_lang or ""
    currency = element.get("default-currency")
    reporting = first("reporting-org")
    partner = None
    if reporting is not None:
        partner = (reporting.get("ref") or "").strip() or next(
            (n.text for n in _narratives(reporting, lang)), None
        )
    participations = []
    for org in every("participating-org"):
        role = role_for_code(org.get("role") or "") or (org.get("role") or "")
        names = _narratives(org, lang)
        participations.append(
            Participation(
                role=role,
                org_ref=(org.get("ref") or "").strip() or None,
                org_name=_preferred(names),
                org_type=(org.get("type") or "").strip() or None,
            )
        )
    countries = []
    for country in every("recipient-country"):
        share = _number(country.get("percentage"), "recipient-country/@percentage", problems)
        countries.append(CountryShare((country.get("code") or "").strip().upper(), share))
    regions = tuple((r.get("code") or "").strip() for r in every("recipient-region"))
    status_element = first("activity-status")
    dates: dict[str, str] = {}
    for date in every("activity-date"):
        name = _DATE_FIELDS.get((date.get("type") or "").strip())
        if name is not None:
            dates[name] = (date.get("iso-date") or date.text or "").strip()
    sectors = tuple(
        Sector((s.get("vocabulary") or "1").strip(), (s.get("code") or "").strip()) for s in every("sector")
    )
    targets = tuple(
        (t.get("code") or "").strip()
        for t in every("tag")
        if (t.get("vocabulary") or "").strip() == _SDG_TARGET_TAG_VOCABULARY
    )
    budget, budget_currency = _budget(every("budget"), every("transaction"), currency, problems)
    return ProjectRecord(
        identifier=_text_of(first("iati-identifier")),
        partner=partner,
        titles=_narratives(first("title"), lang),
        descriptions=_descriptions(every("description"), lang),
        status=status_element.get("code") if status_element is not None else None,
        planned_start=read_date(dates.get("planned_start"), "planned_start", problems),
        actual_start=read_date(dates.get("actual_start"), "actual_start", problems),
        planned_end=read_date(dates.get("planned_end"), "planned_end", problems),
        actual_end=read_date(dates.get("actual_end"), "actual_end", problems),
        budget=budget,
        currency=budget_currency,
        participations=tuple(participations),
        countries=tuple(countries),
        regions=tuple(r for r in regions if r),
        sectors=sectors,
        sdg_targets=tuple(t for t in targets if t),
        source_file=str(path),
        line=element.sourceline if isinstance(element.sourceline, int) else None,
        position=position,
        problems=tuple(problems),
    )


def _preferred(names: tuple[Narrative, ...]) -> str | None:
    english = [n.text for n in names if n.lang.lower().startswith("en")]
    texts = english or [n.text for n in names]
    return texts[0] if texts else None


def _descriptions(descriptions: list[_Element], lang: str) -> tuple[Narrative, ...]:
    general = [d for d in descriptions if (d.get("type") or "1") == "1"]
    chosen = general or descriptions
    return tuple(n for d in chosen for n in _narratives(d, lang))


def _text_of(element: _Element | None) -> str | None:
    """The element's text as `findtext` gives it: "" for an empty element, None for a missing one."""
    return None if element is None else (element.text or "")


def _code(element: _Element | None) -> str:
    return (element.get("code") or "").strip() if element is not None else ""


def _budget(
    budgets: list[_Element], transactions: list[_Element], currency: str | None, problems: list[Problem]
) -> tuple[float | None, str | None]:
    """The total of the budgets (revised ones when given), else of the commitments, in one currency."""
    revised = [b for b in budgets if (b.get("type") or "1") == _REVISED_BUDGET]
    values = [b.find("value") for b in (revised or budgets)]
    if not any(v is not None for v in values):
        values = [
            t.find("value")
            for t in transactions
            if (
                t.findtext("transaction-type") is not None
                and _code(t.find("transaction-type")) in _COMMITMENT
            )
        ]
    total: float | None = None
    chosen: str | None = None
    for value in values:
        if value is None:
            continue
        amount = _number(value.text, "budget/value", problems)
        unit = (value.get("currency") or currency or "").strip() or None
        if amount is None:
            continue
        if chosen is not None and unit != chosen:
            return None, None  # budgets in several currencies are not added up; no conversion is guessed
        chosen = unit
        total = (total or 0.0) + amount
    return total, chosen
