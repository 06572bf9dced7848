"""The history of partner records as PROV: every sync is a `SyncActivity` (who, when, from which source)
and each record it touched a `Change` (created, updated with the fields that changed and their previous
values in `previousValues`, unchanged, withdrawn, rejected with its `reasons`). Changes are written in the same transaction as the records they
describe, so the history never claims a write that did not land, nor misses one that did. Nothing is deleted.
"""

from __future__ import annotations

import datetime as dt
import getpass
import json
import secrets
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from graph.cypher import label_expression, quote_name
from graph.store import Statement, Unit
from ontology.mapping import labels_for, relationship_type
from ontology.namespaces import data_iri
from ontology.vocabulary import code_list

__all__ = ["ACTIONS", "MERGE_ACTIVITY", "Activity", "History", "RecordChange"]

# The outcomes come from the ontology's change-action code list (codes.ttl).
ACTIONS = tuple(code.notation for code in code_list("change-action"))
_ACTIVITY_LABELS = label_expression([lbl for lbl in labels_for("SyncActivity") if lbl != "Resource"])
_CHANGE = label_expression(labels_for("Change"))
_MADE_IN = quote_name(relationship_type("madeIn"))
_CHANGE_OF = quote_name(relationship_type("changeOf"))
_PERFORMED_BY = quote_name(relationship_type("performedBy"))
_HAS_ALLOCATION = quote_name(relationship_type("hasCountryAllocation"))
_COUNTRY = quote_name(relationship_type("country"))
_THEME = quote_name(relationship_type("theme"))
_CRIME_TYPE = quote_name(relationship_type("crimeType"))
_HAS_PARTICIPATION = quote_name(relationship_type("hasParticipation"))
_PARTICIPANT = quote_name(relationship_type("participant"))

# Parameters: $activity (iri, account, props). The activity is merged by every transaction of its sync, so
# whichever commits first creates it. No batch sets a property of it: the transactions of two batches
# overlap (loaders.batches), and a write to the one node they share would make each wait for the other.
_ACCOUNT = (
    "OPTIONAL MATCH (account:Account {accountId: $activity.account}) "
    f"FOREACH (_ IN CASE WHEN account IS NULL THEN [] ELSE [1] END | MERGE (a)-[:{_PERFORMED_BY}]->(account))"
)
_MERGE = f"MERGE (a:Resource {{iri: $activity.iri}}) ON CREATE SET a{_ACTIVITY_LABELS}, a += $activity.props "
MERGE_ACTIVITY = f"{_MERGE}WITH a {_ACCOUNT}"
# Parameters: $activity, $now. The sync's closing write: `endedAt` is when it finished writing.
END_ACTIVITY = f"{_MERGE}SET a.endedAt = $now WITH a {_ACCOUNT}"
# Parameters: $activity (iri, account, props), $now, $source, $rows (props, project: the project's IRI or
# null). After the projects. The activity is merged by the same statement, one round trip per batch; the time
# and source every change of a batch shares are sent once, not once per row.
RECORD_CHANGES = (
    f"{MERGE_ACTIVITY} WITH a UNWIND $rows AS row "
    f"CREATE (c{_CHANGE}) SET c = row.props, c.changedAt = $now, c.generatedAt = $now, c.source = $source "
    f"CREATE (c)-[:{_MADE_IN}]->(a) WITH c, row "
    "OPTIONAL MATCH (p:Resource {iri: row.project}) "
    f"FOREACH (_ IN CASE WHEN p IS NULL THEN [] ELSE [1] END | CREATE (c)-[:{_CHANGE_OF}]->(p))"
)
# Parameters: $activity (iri), $now, $source, $rows (props, project). Before the withdrawal: only projects
# not yet withdrawn.
RECORD_WITHDRAWALS = (
    "MATCH (a:SyncActivity {iri: $activity}) UNWIND $rows AS row "
    "MATCH (p:Resource {iri: row.project}) WHERE coalesce(p.withdrawn, false) = false "
    f"CREATE (c{_CHANGE}) SET c = row.props, c.changedAt = $now, c.generatedAt = $now, c.source = $source, "
    "c.identifier = p.identifier, c.forPartner = p.partner "
    f"CREATE (c)-[:{_MADE_IN}]->(a) CREATE (c)-[:{_CHANGE_OF}]->(p)"
)
# Parameters: $iris. Columns: iri, props, countries, themes, crimeTypes, participations: what an update replaces.
READ_PREVIOUS = (
    "UNWIND $iris AS iri MATCH (p:Resource {iri: iri}) RETURN p.iri AS iri, properties(p) AS props, "
    f"COLLECT {{ MATCH (p)-[:{_HAS_ALLOCATION}]->(x)-[:{_COUNTRY}]->(c) "
    "RETURN {iso2: c.iso2, percentage: x.percentage} } AS countries, "
    f"COLLECT {{ MATCH (p)-[:{_THEME}]->(t) RETURN t.notation }} AS themes, "
    f"COLLECT {{ MATCH (p)-[:{_CRIME_TYPE}]->(t) RETURN t.notation }} AS crimeTypes, "
    f"COLLECT {{ MATCH (p)-[:{_HAS_PARTICIPATION}]->(x)-[:{_PARTICIPANT}]->(o) "
    "RETURN {role: x.role, organization: o.iri} } AS participations"
)
# What the sync core writes on every load, whatever changed: not a change of the record itself.
_BOOKKEEPING = frozenset(
    {
        "iri",
        "identifier",
        "partner",
        "contentHash",
        "loadedAt",
        "sourceFile",
        "source",
        "generatedAt",
        "withdrawnAt",
        "activeFrom",  # derived from the dates, status and withdrawal, which are the change
        "activeUntil",
    }
)
_RELATED = ("countries", "themes", "crimeTypes", "participations")


@dataclass(frozen=True)
class Activity:
    """One sync: its IRI, entry point (file, graphql, withdraw), source, account and start time."""

    iri: str
    via: str
    source: str
    account: str | None
    actor: str
    started_at: dt.datetime

    @classmethod
    def start(cls, *, via: str, source: str, account: str | None = None) -> Activity:
        """A new activity; without an account it is an operator's direct load, named after the OS user."""
        now = dt.datetime.now(dt.UTC)
        key = f"{now:%Y%m%dT%H%M%S%f}-{secrets.token_hex(4)}"
        actor = account or f"operator:{_user()}"
        return cls(data_iri("sync", key), via, source, account, actor, now)

    def params(self) -> dict[str, Any]:
        return {
            "iri": self.iri,
            "account": self.account,
            "props": {
                "iri": self.iri,
                "via": self.via,
                "source": self.source,
                "actor": self.actor,
                "startedAt": self.started_at,
                "generatedAt": self.started_at,
            },
        }


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no user name for this uid (some containers)
        return "unknown"


@dataclass(frozen=True)
class RecordChange:
    """What the sync did to one record, before it becomes a `Change` node."""

    action: str
    identifier: str | None
    partner: str | None
    project: str | None
    """The project's IRI (None for a record too broken to name one)."""
    fields: tuple[str, ...] = ()
    previous: Mapping[str, Any] = field(default_factory=dict)
    reasons: tuple[str, ...] = ()


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    return value


def _state(props: Mapping[str, Any], related: Mapping[str, Any]) -> dict[str, Any]:
    """The comparable state of a project: its own properties and its related codes, sorted."""
    state = {name: value for name, value in props.items() if name not in _BOOKKEEPING}
    state["withdrawn"] = bool(state.get("withdrawn", False))
    for name in _RELATED:
        state[name] = sorted(json.dumps(_plain(item), sort_keys=True) for item in related.get(name, ()))
    return state


def new_state(
    props: Mapping[str, Any],
    countries: Sequence[tuple[str, float | None]],
    themes: Sequence[str],
    crime_types: Sequence[str],
    participations: Sequence[tuple[str, str]],
) -> dict[str, Any]:
    """The state a prepared project will have once written (as `_state` reads the stored one)."""
    return _state(
        props,
        {
            "countries": [{"iso2": iso2, "percentage": share} for iso2, share in countries],
            "themes": list(themes),
            "crimeTypes": list(crime_types),
            "participations": [{"role": role, "organization": org} for role, org in participations],
        },
    )


def difference(before: Mapping[str, Any], after: Mapping[str, Any]) -> tuple[tuple[str, ...], dict[str, Any]]:
    """The fields whose values differ and their values before (None when the field was absent)."""
    changed = tuple(sorted(name for name in {*before, *after} if before.get(name) != after.get(name)))
    previous = {name: _previous(name, before.get(name)) for name in changed}
    return changed, previous


def _previous(name: str, value: Any) -> Any:
    if name in _RELATED and isinstance(value, list):
        return [json.loads(item) for item in value]
    return _plain(value)


class History:
    """Collects the changes of one sync and turns them into statements for the sync's transactions.

    Each change is numbered once (its IRI is the activity's key and the number): a batch reserves its numbers
    before its transaction, so a transaction the driver retries numbers the same changes the same way.
    """

    def __init__(self, activity: Activity) -> None:
        self.activity = activity
        self._next = 1
        self._lock = threading.Lock()
        self._rejected: list[RecordChange] = []

    def read_previous(self, unit: Unit, iris: Sequence[str]) -> dict[str, dict[str, Any]]:
        """The stored state of projects about to be updated (in the transaction that updates them)."""
        if not iris:
            return {}
        rows = unit.run(READ_PREVIOUS, {"iris": list(iris)})
        return {str(row["iri"]): _state(row["props"], row) for row in rows}

    def rejected(self, change: RecordChange) -> None:
        with self._lock:
            self._rejected.append(change)

    def take_rejected(self) -> list[RecordChange]:
        """The rejections since the last call, to record with the next batch."""
        with self._lock:
            rejected, self._rejected = self._rejected, []
        return rejected

    def reserve(self, count: int) -> int:
        """The first of `count` consecutive change numbers, never handed out again."""
        with self._lock:
            first, self._next = self._next, self._next + count
        return first

    def shared(self, now: dt.datetime) -> dict[str, Any]:
        """The parameters every statement of the history of a batch shares ($activity, $now, $source)."""
        return {"activity": self.activity.params(), "now": now, "source": self.activity.source}

    def statements(self, changes: Sequence[RecordChange], now: dt.datetime) -> list[Statement]:
        """The sync's closing write: the `Change` nodes of `changes` and of the records rejected since the last
        call, numbered here (so build them outside a transaction function), and the activity's `endedAt`."""
        every = [*changes, *self.take_rejected()]
        first = self.reserve(len(every))
        rows = [(change.project, self.change_props(change, first + n)) for n, change in enumerate(every)]
        ending = (END_ACTIVITY, {"activity": self.activity.params(), "now": now})
        return [*self.change_statements(rows, now), ending] if rows else [ending]

    def change_statements(
        self, rows: Sequence[tuple[str | None, Mapping[str, Any]]], now: dt.datetime
    ) -> list[Statement]:
        """The activity and a `Change` node per (project IRI or None, `change_props`) row."""
        if not rows:
            return [(MERGE_ACTIVITY, {"activity": self.activity.params()})]
        params = {**self.shared(now), "rows": [{"project": project, "props": props} for project, props in rows]}
        return [(RECORD_CHANGES, params)]

    def withdrawal_statements(self, iris: Sequence[str], now: dt.datetime) -> list[Statement]:
        """The activity and a `withdrawn` change for each project not yet withdrawn; before the withdrawal."""
        first = self.reserve(len(iris))
        rows = [
            {
                "project": iri,
                "props": self.change_props(
                    RecordChange("withdrawn", None, None, iri, ("withdrawn",), {"withdrawn": False}), first + n
                ),
            }
            for n, iri in enumerate(iris)
        ]
        return [
            (END_ACTIVITY, {"activity": self.activity.params(), "now": now}),
            (RECORD_WITHDRAWALS, {**self.shared(now), "activity": self.activity.iri, "rows": rows}),
        ]

    def change_props(self, change: RecordChange, number: int) -> dict[str, Any]:
        """The change's own properties; its time and source are the batch's (set by the statement)."""
        key = self.activity.iri.rsplit("/id/sync/", 1)[-1]
        props: dict[str, Any] = {
            "iri": data_iri("change", f"{key}/{number}"),
            "action": change.action,
            "identifier": change.identifier,
            "forPartner": change.partner,
            # one text each (JSON, lines), so the RDF export carries them as single literals
            "previousValues": json.dumps(change.previous, sort_keys=True, default=str)
            if change.fields
            else None,
            "reasons": "\n".join(change.reasons) or None,
        }
        return {name: value for name, value in props.items() if value is not None}
