"""Refresh the treaty record from a status table: check it, show what would change, and apply it.

The table is read and checked by `ontology.reference.treaty_status`; the plan compares each row with the
Ratification the graph holds for the same party and instrument, field by field. Applying writes only the new
and changed rows (each with its own sources and the time of the import) and, when given, the instrument's
status date, party count and completeness, all in one transaction, so a second run changes nothing. Rows the
graph holds but the table lacks are kept: a partial table never erases a sourced fact.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graph.records import edge_statements, missing_ends, node_statements
from graph.store import Graph
from ontology.errors import CographError
from ontology.namespaces import base_iri
from ontology.rdf import graph_to_records
from ontology.reference import reference_graph
from ontology.reference.treaty_status import (
    Instrument,
    StatusRow,
    StatusTable,
    instruments,
    parties,
    ratification_graph,
    ratification_iri,
    read_table,
)
from queries.treaty_status import INSTRUMENT_RATIFICATIONS

__all__ = ["Change", "StatusUpdate", "TreatyImportError", "TreatyPlan", "apply_plan", "plan_import"]

# The facts a row sets; generatedAt is when, not what, so a re-run with the same facts is no change.
_FACTS = ("date", "kind", "signatureDate", "source", "secondSource", "sourceDate", "doubt")

SET_STATUS = """
MATCH (i:LegalInstrument {iri: $iri})
SET i += $props
RETURN i.iri AS iri"""


class TreatyImportError(CographError):
    """The table or the options contradict each other or the graph; the message says what to change."""


@dataclass(frozen=True)
class StatusUpdate:
    """The instrument's status as the operator states it (None: leave as it is)."""

    status_date: dt.date | None = None
    party_count: int | None = None
    complete: bool | None = None
    status_source: str | None = None

    def properties(self) -> dict[str, Any]:
        props = {
            "statusDate": self.status_date,
            "partyCount": self.party_count,
            "statusComplete": self.complete,
            "statusSource": self.status_source,
        }
        return {key: value for key, value in props.items() if value is not None}


@dataclass(frozen=True)
class Change:
    """One row against the graph: `new`, `changed` (with the fields that differ) or `unchanged`."""

    row: StatusRow
    iri: str
    action: str
    fields: tuple[tuple[str, Any, Any], ...] = ()
    """(field, value in the graph, value in the table) for a changed row."""


@dataclass(frozen=True)
class TreatyPlan:
    table: StatusTable
    changes: tuple[Change, ...]
    kept: tuple[str, ...]
    """IRIs of ratifications of the instrument that the graph holds and the table lacks (left as they are)."""
    status: StatusUpdate = field(default_factory=StatusUpdate)
    status_before: Mapping[str, Any] = field(default_factory=dict)

    def count(self, action: str) -> int:
        return sum(1 for change in self.changes if change.action == action)

    @property
    def status_changes(self) -> dict[str, tuple[Any, Any]]:
        wanted = self.status.properties()
        return {
            k: (self.status_before.get(k), v) for k, v in wanted.items() if self.status_before.get(k) != v
        }

    @property
    def empty(self) -> bool:
        return not self.status_changes and all(change.action == "unchanged" for change in self.changes)


def plan_import(
    graph: Graph, path: Path, instrument_key: str | None, status: StatusUpdate, today: dt.date
) -> TreatyPlan:
    """Read and check `path`, and compare it with the graph; nothing is written."""
    registry = reference_graph()
    known = instruments(registry)
    instrument = _instrument(path, instrument_key, known)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise TreatyImportError(
            f"{path} could not be read as UTF-8 text ({error}); give a CSV file."
        ) from None
    table = read_table(text, path.name, instrument, parties(registry), today)
    _check_status(path, table, status, today)
    found = graph.read(
        "MATCH (i:LegalInstrument {iri: $iri}) RETURN properties(i) AS props", {"iri": instrument.iri}
    )
    if not found:
        raise TreatyImportError(
            f"the graph has no {instrument.name} ({instrument.iri}); load the reference data with `cograph init` first."
        )
    current = {
        row["iri"]: row for row in graph.read(INSTRUMENT_RATIFICATIONS, {"instrument": instrument.iri})
    }
    base = base_iri()
    changes = []
    for row in table.rows:
        iri = ratification_iri(base, instrument, row.party)
        wanted = _facts(row)
        held = current.get(iri)
        if held is None:
            changes.append(Change(row, iri, "new"))
            continue
        before = {key: held["props"].get(key) for key in _FACTS}
        differ = tuple((key, before[key], wanted[key]) for key in _FACTS if before[key] != wanted[key])
        if held["party"] != row.party:
            differ += (("party", held["party"], row.party),)
        changes.append(Change(row, iri, "changed" if differ else "unchanged", differ))
    listed = {change.iri for change in changes}
    kept = tuple(sorted(iri for iri in current if iri not in listed))
    if status.complete and kept:
        raise TreatyImportError(
            f"{path.name} is declared complete but lacks {len(kept)} part(ies) the graph records for the "
            f"{instrument.name}, e.g. {kept[0]}; add their rows or drop --complete."
        )
    return TreatyPlan(table, tuple(changes), kept, status, dict(found[0]["props"]))


def apply_plan(graph: Graph, plan: TreatyPlan, now: dt.datetime) -> int:
    """Write the plan's new and changed rows and the status update in one transaction; rows written."""
    rows = [change.row for change in plan.changes if change.action != "unchanged"]
    statements = []
    if rows:
        nodes, edges = graph_to_records(ratification_graph(plan.table, base_iri(), now, rows))
        # `=`: a changed row loses the facts its new version no longer states (a doubt resolved, say).
        statements += node_statements(nodes, replace_properties=True) + edge_statements(edges)
    if plan.status_changes:
        statements.append((SET_STATUS, {"iri": plan.table.instrument.iri, "props": plan.status.properties()}))
    if statements:
        graph.write_all(statements, check=missing_ends)
    return len(rows)


def _instrument(path: Path, key: str | None, known: Mapping[str, Instrument]) -> Instrument:
    if key is None:
        # untoc-parties.csv, tip-protocol.csv ...: the file name may say which instrument it is about.
        stem = path.stem.lower()
        guessed = [k for k in known if stem == k or stem.startswith(f"{k}-") or stem.startswith(f"{k}_")]
        if len(guessed) != 1:
            raise TreatyImportError(
                f"{path.name} does not say which instrument it is about; add --instrument with one of "
                f"{', '.join(sorted(known))}."
            )
        key = guessed[0]
    if key not in known:
        raise TreatyImportError(
            f"--instrument {key!r} is not a known instrument; use one of {', '.join(sorted(known))}."
        )
    return known[key]


def _check_status(path: Path, table: StatusTable, status: StatusUpdate, today: dt.date) -> None:
    instrument = table.instrument
    if status.status_date is not None:
        if instrument.adopted is not None and status.status_date < instrument.adopted:
            raise TreatyImportError(
                f"--status-date {status.status_date} is before the {instrument.name} was adopted "
                f"({instrument.adopted}); give the date of the status page."
            )
        if status.status_date > today:
            raise TreatyImportError(
                f"--status-date {status.status_date} is in the future; give the page's date."
            )
    if status.party_count is not None and status.party_count < 0:
        raise TreatyImportError(f"--parties {status.party_count} must be zero or more.")
    if status.complete:
        if status.status_date is None or status.status_source is None:
            raise TreatyImportError(
                "--complete needs --status-date and --status-source: a complete table is complete as of a "
                "date, on a page; give both."
            )
        if status.party_count is not None and status.party_count != len(table.rows):
            raise TreatyImportError(
                f"{path.name} is declared complete with --parties {status.party_count} but has "
                f"{len(table.rows)} rows; correct one of them."
            )
        late = [row for row in table.rows if row.consent > status.status_date]
        if late:
            raise TreatyImportError(
                f"{path.name}, line {late[0].line}: consent on {late[0].consent} is after --status-date "
                f"{status.status_date}; a complete table lists the parties as of its status date."
            )


def _facts(row: StatusRow) -> dict[str, Any]:
    return {
        "date": row.consent,
        "kind": row.kind,
        "signatureDate": row.signature,
        "source": row.source,
        "secondSource": row.second_source,
        "sourceDate": row.source_date,
        "doubt": row.doubt,
    }
