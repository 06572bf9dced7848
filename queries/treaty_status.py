"""Treaty status: which parties the graph records for each instrument, as of which status date, and whether
a State without a ratification is "not a party" (complete record) or of unknown status (partial record)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from graph.store import Graph

__all__ = ["INSTRUMENT_RATIFICATIONS", "TREATY_STATUS", "TreatyStatus", "treaty_status"]

# Parameters: $as_of (date or null). Columns: iri, name, status_date, party_count, complete, recorded (every
#   recorded party), recorded_states (State parties), parties_as_of (State parties whose consent is on or
#   before $as_of), states (Country nodes).
TREATY_STATUS = """
CALL () { MATCH (c:Country) RETURN count(c) AS states }
MATCH (i:LegalInstrument)
RETURN i.iri AS iri, coalesce(i.shortName, i.name, i.iri) AS name, i.statusDate AS status_date,
  i.partyCount AS party_count, coalesce(i.statusComplete, false) AS complete,
  COUNT { MATCH (i)<-[:INSTRUMENT]-(:Ratification) } AS recorded,
  COUNT { MATCH (i)<-[:INSTRUMENT]-(:Ratification)-[:STATE]->(:Country) } AS recorded_states,
  COUNT { MATCH (i)<-[:INSTRUMENT]-(r:Ratification)-[:STATE]->(:Country)
          WHERE $as_of IS NULL OR r.date IS NULL OR r.date <= $as_of } AS parties_as_of,
  states
ORDER BY iri"""

# Parameters: $instrument (IRI). Columns: iri, party (IRI of the Country or Organization), props (map).
INSTRUMENT_RATIFICATIONS = """
MATCH (i:LegalInstrument {iri: $instrument})<-[:INSTRUMENT]-(r:Ratification)-[:STATE|PARTY]->(party)
RETURN r.iri AS iri, party.iri AS party, properties(r) AS props
ORDER BY iri"""


@dataclass(frozen=True)
class TreatyStatus:
    """What the graph knows of an instrument's parties, for answers that depend on them."""

    instrument: str
    name: str
    status_date: dt.date | None
    """The depositary's status date the recorded parties follow (None: no status recorded)."""
    party_count: int | None
    """Parties per the depositary as of the status date."""
    complete: bool
    """Every party is recorded: a State without a ratification is not a party as of the status date."""
    recorded_parties: int
    recorded_states: int
    parties_as_of: int
    """Recorded State parties bound on or before the day asked."""
    states: int

    @property
    def states_known(self) -> int:
        """States whose status is known: all when the record is complete, else the recorded State parties."""
        return self.states if self.complete else self.recorded_states

    @property
    def sentence(self) -> str:
        """`<name>: status as of D, N of M parties recorded, K of S States' status known`."""
        when = f"status as of {self.status_date}" if self.status_date else "no status date recorded"
        of = f" of {self.party_count}" if self.party_count is not None else ""
        known = "complete" if self.complete else f"{self.states_known} of {self.states} States' status known"
        return f"{self.name}: {when}, {self.recorded_parties}{of} parties recorded, {known}"


def treaty_status(graph: Graph, as_of: dt.date | None = None) -> list[TreatyStatus]:
    """The status of every legal instrument in the graph."""
    return [_status(row) for row in graph.read(TREATY_STATUS, {"as_of": as_of})]


def _status(row: dict[str, Any]) -> TreatyStatus:
    return TreatyStatus(
        instrument=row["iri"],
        name=str(row["name"]),
        status_date=row["status_date"],
        party_count=None if row["party_count"] is None else int(row["party_count"]),
        complete=bool(row["complete"]),
        recorded_parties=int(row["recorded"]),
        recorded_states=int(row["recorded_states"]),
        parties_as_of=int(row["parties_as_of"]),
        states=int(row["states"]),
    )
