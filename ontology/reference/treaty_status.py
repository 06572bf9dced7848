"""Treaty status tables: read and check a table of the parties to an instrument, and turn it into sourced
Ratification records.

A table is a CSV with one row per party (the layout of ontology/reference/treaties/README.md). Every row
must name a known country (or, with no ISO code, a known organization such as the European Union), a
consent date on or after the instrument's adoption and not in the future, a kind from the
ratification-kind code list or none, and the public page it was read from. Every problem is reported with
its line and field; nothing is returned from a table with a problem.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD

from ontology.errors import CographError
from ontology.namespaces import CG
from ontology.turtle import new_graph
from ontology.vocabulary import ratification_kinds

__all__ = [
    "COLUMNS",
    "Instrument",
    "Parties",
    "StatusRow",
    "StatusTable",
    "TreatyTableError",
    "instruments",
    "parties",
    "ratification_graph",
    "ratification_iri",
    "read_table",
    "with_doubts",
]

COLUMNS = (
    "country_name",
    "iso2",
    "signature_date",
    "consent_date",
    "consent_kind",
    "source_url",
    "second_source_url",
    "as_of",
)
OPTIONAL_COLUMNS = ("doubt",)
_SOURCE_DATE = re.compile(r"^\d{4}(-\d{2}-\d{2})?$")
_URL = re.compile(r"^https?://\S+$")
_Problem = Callable[[str, str], None]


class TreatyTableError(CographError):
    """A status table breaks the layout or names something unknown; `problems` lists every one."""

    def __init__(self, name: str, problems: list[str]) -> None:
        shown = "; ".join(problems[:10]) + (f"; and {len(problems) - 10} more" if len(problems) > 10 else "")
        super().__init__(
            f"{name} was not imported, {len(problems)} problem(s): {shown}. Correct the file and retry."
        )
        self.problems = problems


@dataclass(frozen=True)
class Instrument:
    """An instrument a table can be about: its key (the last part of its IRI), name and adoption date."""

    key: str
    iri: str
    name: str
    adopted: dt.date | None


@dataclass(frozen=True)
class Parties:
    """Who can be a party: countries by ISO code and organizations (non-State parties) by name."""

    countries: Mapping[str, str]
    """ISO 3166-1 alpha-2 -> country IRI."""
    organizations: Mapping[str, str]
    """Lower-cased name or short name -> organization IRI."""


@dataclass(frozen=True)
class StatusRow:
    """One party's consent to be bound, as one source shows it."""

    line: int
    country_name: str
    party: str
    """The IRI of the country or, when `is_state` is false, of the organization."""
    is_state: bool
    signature: dt.date | None
    consent: dt.date
    kind: str | None
    source: str
    second_source: str | None
    source_date: str | None
    doubt: str | None


@dataclass(frozen=True)
class StatusTable:
    instrument: Instrument
    rows: tuple[StatusRow, ...]


def instruments(reference: Graph) -> dict[str, Instrument]:
    """The legal instruments of `reference`, by key (untoc, tip-protocol, som-protocol)."""
    found: dict[str, Instrument] = {}
    for subject in reference.subjects(RDF.type, CG.LegalInstrument):
        key = str(subject).rstrip("/").rsplit("/", 1)[-1]
        adopted = reference.value(subject, CG.adopted)
        short = reference.value(subject, CG.shortName) or reference.value(subject, CG.name)
        found[key] = Instrument(
            key=key,
            iri=str(subject),
            name=str(short or key),
            adopted=adopted.toPython() if isinstance(adopted, Literal) else None,
        )
    return found


def parties(reference: Graph) -> Parties:
    """Every country and organization of `reference` that a row may name."""
    countries = {
        str(code): str(subject)
        for subject in reference.subjects(RDF.type, CG.Country)
        if (code := reference.value(subject, CG.iso2)) is not None
    }
    organizations: dict[str, str] = {}
    for subject, name in reference.subject_objects(CG.name):
        if (subject, CG.iso2, None) not in reference and (subject, RDF.type, CG.Country) not in reference:
            organizations[str(name).strip().lower()] = str(subject)
    return Parties(countries=countries, organizations=organizations)


def read_table(text: str, name: str, instrument: Instrument, known: Parties, today: dt.date) -> StatusTable:
    """The rows of a status table in CSV; raises TreatyTableError listing every problem found."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    header = [column.strip() for column in reader.fieldnames or []]
    missing = [column for column in COLUMNS if column not in header]
    unknown = [column for column in header if column not in COLUMNS + OPTIONAL_COLUMNS]
    if missing or unknown:
        layout = [f"the header lacks the column(s) {', '.join(missing)}"] if missing else []
        layout += [f"the header has unknown column(s) {', '.join(unknown)}"] if unknown else []
        raise TreatyTableError(name, [*layout, f"the layout is {', '.join(COLUMNS)}[, doubt]"])
    kinds = {code.notation for code in ratification_kinds()}
    problems: list[str] = []
    rows: list[StatusRow] = []
    seen: dict[str, int] = {}
    for number, raw in enumerate(reader, start=2):
        cells = {key.strip(): (value or "").strip() for key, value in raw.items() if key is not None}
        if None in raw:
            problems.append(f"line {number} has more cells than the header")
            continue
        row_problems: list[str] = []

        def problem(field: str, message: str) -> None:
            row_problems.append(f"line {number}, {field}: {message}")  # noqa: B023 - used in this iteration only

        party, is_state = _party(cells, known, problem)
        signature = _date(cells["signature_date"], "signature_date", problem)
        consent = _date(cells["consent_date"], "consent_date", problem)
        if not cells["consent_date"]:
            problem("consent_date", "is empty; a row is written only for a consent date read on its source")
        for field, value in (("signature_date", signature), ("consent_date", consent)):
            if value is None:
                continue
            if instrument.adopted is not None and value < instrument.adopted:
                problem(field, f"{value} is before the {instrument.name} was adopted ({instrument.adopted})")
            if value > today:
                problem(field, f"{value} is in the future")
        if signature is not None and consent is not None and signature > consent:
            problem("signature_date", f"{signature} is after the consent date {consent}")
        kind = cells["consent_kind"].lower() or None
        if kind is not None and kind not in kinds:
            problem(
                "consent_kind", f"{kind!r} is not one of {', '.join(sorted(kinds))} (or empty when unknown)"
            )
        if not _URL.match(cells["source_url"]):
            problem("source_url", "must be the http(s) address of the page the row was read from")
        second = cells["second_source_url"] or None
        if second is not None and not _URL.match(second):
            problem("second_source_url", "must be an http(s) address or empty")
        if second is not None and second == cells["source_url"]:
            problem("second_source_url", "repeats source_url; give another page or leave it empty")
        source_date = cells["as_of"] or None
        if source_date is not None and not _SOURCE_DATE.match(source_date):
            problem("as_of", f"{source_date!r} must be a date (YYYY-MM-DD), a year (YYYY) or empty")
        if party is not None:
            if party in seen:
                problem("iso2", f"{cells['country_name'] or cells['iso2']} is already on line {seen[party]}")
            seen.setdefault(party, number)
        if row_problems or party is None or consent is None:
            problems.extend(row_problems)
            continue
        rows.append(
            StatusRow(
                line=number,
                country_name=cells["country_name"],
                party=party,
                is_state=is_state,
                signature=signature,
                consent=consent,
                kind=kind,
                source=cells["source_url"],
                second_source=second,
                source_date=source_date,
                doubt=cells.get("doubt") or None,
            )
        )
    if problems:
        raise TreatyTableError(name, problems)
    if not rows:
        raise TreatyTableError(name, ["it has no rows"])
    return StatusTable(instrument=instrument, rows=tuple(rows))


def with_doubts(table: StatusTable, doubts: Mapping[str, str]) -> StatusTable:
    """`table` with the doubt of each party IRI in `doubts` (a row's own doubt column wins)."""
    return StatusTable(
        instrument=table.instrument,
        rows=tuple(replace(row, doubt=row.doubt or doubts.get(row.party)) for row in table.rows),
    )


def ratification_iri(base: str, instrument: Instrument, party: str) -> str:
    """id:ratification/<instrument>-<ISO2>, or -<organization key> for a party that is not a State."""
    return f"{base}id/ratification/{instrument.key}-{party.rstrip('/').rsplit('/', 1)[-1]}"


def ratification_graph(
    table: StatusTable, base: str, generated_at: dt.datetime, rows: Iterable[StatusRow] | None = None
) -> Graph:
    """The Ratification records of `rows` (all of the table's by default), each with its own sources."""
    graph = new_graph()
    instrument = URIRef(table.instrument.iri)
    for row in table.rows if rows is None else rows:
        subject = URIRef(ratification_iri(base, table.instrument, row.party))
        graph.add((subject, RDF.type, CG.Ratification))
        graph.add((subject, CG.state if row.is_state else CG.party, URIRef(row.party)))
        graph.add((subject, CG.instrument, instrument))
        graph.add((subject, CG.date, Literal(row.consent, datatype=XSD.date)))
        if row.signature is not None:
            graph.add((subject, CG.signatureDate, Literal(row.signature, datatype=XSD.date)))
        if row.kind is not None:
            graph.add((subject, CG.kind, Literal(row.kind)))
        graph.add((subject, CG.source, Literal(row.source)))
        if row.second_source is not None:
            graph.add((subject, CG.secondSource, Literal(row.second_source)))
        if row.source_date is not None:
            graph.add((subject, CG.sourceDate, Literal(row.source_date)))
        if row.doubt is not None:
            graph.add((subject, CG.doubt, Literal(row.doubt)))
        graph.add((subject, CG.generatedAt, Literal(generated_at, datatype=XSD.dateTime)))
    return graph


def _party(cells: Mapping[str, str], known: Parties, problem: _Problem) -> tuple[str | None, bool]:
    code = cells["iso2"].upper()
    if code:
        iri = known.countries.get(code)
        if iri is None:
            problem("iso2", f"{code!r} is not an ISO 3166-1 alpha-2 code of a known country")
        return iri, True
    name = cells["country_name"]
    iri = known.organizations.get(name.lower()) if name else None
    if iri is None:
        problem(
            "iso2",
            f"is empty and {name!r} is no known organization; give the State's ISO 3166-1 alpha-2 code",
        )
    return iri, False


def _date(text: str, field: str, problem: _Problem) -> dt.date | None:
    if not text:
        return None
    try:
        if len(text) != 10:
            raise ValueError(text)
        return dt.date.fromisoformat(text)
    except ValueError:
        problem(field, f"{text!r} is not a date; write YYYY-MM-DD")
        return None
