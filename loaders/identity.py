"""Deciding that two organization nodes are one, and undoing it: merges and splits with provenance.

A merge moves every relationship of the absorbed node to the survivor, adds the absorbed node's names (as
altLabels) and identifiers to it, records who, when, why and what was moved on an OrganizationMerge node, and
deletes the absorbed node; all in one transaction. A split re-creates the absorbed node from that record and
moves back what the merge moved (relationships re-created since by a re-sync included, as their IRIs are
stable). Projects keep the names their source gave (Participation.sourceName) either way.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from graph.cypher import label_expression, quote_name
from graph.store import Graph, Row, Statement
from loaders.errors import LoadError
from ontology.mapping import labels_for, list_property_name, model, relationship_type
from ontology.namespaces import data_iri

__all__ = ["MergeResult", "merge_organizations", "split_merge"]

_CANDIDATE = relationship_type("candidateOrganization")
_SURVIVOR = relationship_type("survivor")
_ALT = quote_name(list_property_name("altLabel"))
_PREF = quote_name(list_property_name("prefLabel"))
_MERGE_LABELS = label_expression([lbl for lbl in labels_for("OrganizationMerge") if lbl != "Resource"])
_ORGANIZATION = quote_name("Organization")

READ_ORGANIZATION = (
    f"MATCH (o:{_ORGANIZATION} {{iri: $iri}}) RETURN labels(o) AS labels, properties(o) AS props"
)
START_MERGE = (
    f"MATCH (a:{_ORGANIZATION} {{iri: $a}}) MATCH (b:{_ORGANIZATION} {{iri: $b}}) WHERE a <> b "
    f"CREATE (m:Resource{_MERGE_LABELS}) SET m = $props "
    f"CREATE (m)-[:{quote_name(_SURVIVOR)}]->(a) RETURN count(m) AS started"
)
ADD_NAMES = (
    "MATCH (m:Resource {iri: $m}) MATCH (a:Resource {iri: $a}) MATCH (b:Resource {iri: $b}) "
    f"WITH m, a, [x IN ['|' + b.name, '|' + b.shortName] WHERE x IS NOT NULL] + coalesce(b.{_PREF}, []) "
    f"+ coalesce(b.{_ALT}, []) AS names, [x IN [b.identifier] + coalesce(b.otherIdentifiers, []) WHERE x IS NOT NULL] AS ids "
    f"WITH m, a, reduce(s = [], n IN names | CASE WHEN n IN s OR n IN coalesce(a.{_ALT}, []) "
    f"OR n IN coalesce(a.{_PREF}, []) OR n = '|' + a.name THEN s ELSE s + n END) AS names, "
    "reduce(s = [], i IN ids | CASE WHEN i IN s OR i = coalesce(a.identifier, '') "
    "OR i IN coalesce(a.otherIdentifiers, []) THEN s ELSE s + i END) AS ids "
    f"SET a.{_ALT} = coalesce(a.{_ALT}, []) + names, a.otherIdentifiers = coalesce(a.otherIdentifiers, []) + ids, "
    "m.addedNames = names, m.addedIdentifiers = ids"
)
DELETE_ABSORBED = "MATCH (b:Resource {iri: $b}) DETACH DELETE b"
CLOSE_CANDIDATES = (
    f"MATCH (a:Resource {{iri: $a}})<-[:{quote_name(_CANDIDATE)}]-(c)-[:{quote_name(_CANDIDATE)}]->(b:Resource {{iri: $b}}) "
    "SET c.decision = $decision"
)
READ_MERGE = (
    f"MATCH (m:Resource {{iri: $iri}})-[:{quote_name(_SURVIVOR)}]->(a) "
    "RETURN m.iri AS iri, m.decision AS decision, m.absorbed AS absorbed, m.snapshot AS snapshot, "
    "m.moved AS moved, m.addedNames AS names, m.addedIdentifiers AS ids, a.iri AS survivor"
)
LATEST_MERGE_OF = (
    f"MATCH (m:Resource {{absorbed: $iri}})-[:{quote_name(_SURVIVOR)}]->() WHERE m.decision = 'merged' "
    "RETURN m.iri AS iri ORDER BY m.decidedAt DESC LIMIT 1"
)
RESTORE_ABSORBED = "MATCH (a:Resource {iri: $a}) CREATE (b:Resource {iri: $b}) SET b = $props"
REMOVE_NAMES = (
    "MATCH (a:Resource {iri: $a}) "
    f"SET a.{_ALT} = [n IN coalesce(a.{_ALT}, []) WHERE NOT n IN $names], "
    "a.otherIdentifiers = [i IN coalesce(a.otherIdentifiers, []) WHERE NOT i IN $ids]"
)
CLOSE_MERGE = (
    "MATCH (m:Resource {iri: $m}) SET m.decision = 'split', m.splitAgent = $agent, m.splitAt = $at, "
    "m.splitReason = $reason"
)


def _move_statement(rel_type: str, incoming: bool) -> str:
    """Move `rel_type` relationships of b to a, noting on m which moved and whether a already had them."""
    t = quote_name(rel_type)
    pattern = f"(b)<-[r:{t}]-(x)" if incoming else f"(b)-[r:{t}]->(x)"
    existing = f"(x)-[:{t}]->(a)" if incoming else f"(a)-[:{t}]->(x)"
    direction = "in" if incoming else "out"
    return (
        "MATCH (m:Resource {iri: $m}) MATCH (a:Resource {iri: $a}) MATCH (b:Resource {iri: $b}) "
        f"MATCH {pattern} WHERE x <> a "
        f"WITH m, a, r, x, exists {{ {existing} }} AS existed "
        f"CALL (a, x) {{ MERGE {existing} }} "
        "DELETE r "
        f"WITH m, collect('{rel_type}|{direction}|' + toString(existed) + '|' + x.iri) AS moved "
        "SET m.moved = coalesce(m.moved, []) + moved"
    )


def _restore_statement(rel_type: str, incoming: bool) -> str:
    t = quote_name(rel_type)
    on_a = f"(x)-[r:{t}]->(a)" if incoming else f"(a)-[r:{t}]->(x)"
    on_b = f"(x)-[:{t}]->(b)" if incoming else f"(b)-[:{t}]->(x)"
    return (
        "UNWIND $rows AS row MATCH (a:Resource {iri: $a}) MATCH (b:Resource {iri: $b}) "
        f"MATCH (x:Resource {{iri: row.other}}) OPTIONAL MATCH {on_a} "
        f"CREATE {on_b} "
        "WITH r, row WHERE r IS NOT NULL AND NOT row.existed DELETE r"
    )


def _relationship_types() -> list[str]:
    return sorted(t for t in model().relationships.values() if t not in (_CANDIDATE, _SURVIVOR))


@dataclass(frozen=True)
class MergeResult:
    merge: str
    """The IRI of the OrganizationMerge record (give it to `split`)."""
    survivor: str
    absorbed: str
    moved: int
    names: tuple[str, ...]
    identifiers: tuple[str, ...]


def _jsonable(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return {"$date": value.isoformat(), "$kind": "datetime" if isinstance(value, dt.datetime) else "date"}
    if hasattr(value, "to_native"):
        return _jsonable(value.to_native())
    return value


def _from_json(value: Any) -> Any:
    if isinstance(value, dict) and "$date" in value:
        text = str(value["$date"])
        return dt.datetime.fromisoformat(text) if value.get("$kind") == "datetime" else dt.date.fromisoformat(text)
    return value


def _organization(graph: Graph, iri: str) -> Row:
    rows = graph.read(READ_ORGANIZATION, {"iri": iri})
    if not rows:
        raise LoadError(f"No organization has the IRI {iri}; list them with `cograph organizations candidates`.")
    return rows[0]


def merge_organizations(graph: Graph, survivor: str, absorbed: str, *, agent: str, reason: str) -> MergeResult:
    """Merge `absorbed` into `survivor` (all or nothing); the result names the record a split needs."""
    if survivor == absorbed:
        raise LoadError("An organization cannot be merged with itself; give two different IRIs.")
    if not agent.strip() or not reason.strip():
        raise LoadError("A merge needs who decides it and why: give --by NAME and --reason TEXT.")
    _organization(graph, survivor)
    found = _organization(graph, absorbed)
    now = dt.datetime.now(dt.UTC)
    key = hashlib.sha256(f"{survivor} {absorbed} {now.isoformat()}".encode()).hexdigest()[:24]
    merge_iri = data_iri("organization-merge", key)
    snapshot = json.dumps(
        {"labels": sorted(found["labels"]), "properties": {k: _jsonable(v) for k, v in found["props"].items()}},
        sort_keys=True,
    )
    props = {
        "iri": merge_iri,
        "absorbed": absorbed,
        "decision": "merged",
        "agent": agent.strip(),
        "reason": reason.strip(),
        "decidedAt": now,
        "snapshot": snapshot,
        "source": f"cograph organizations merge, by {agent.strip()}",
        "generatedAt": now,
    }
    params = {"a": survivor, "b": absorbed, "m": merge_iri}
    statements: list[Statement] = [
        (START_MERGE, {**params, "props": props}),
        (ADD_NAMES, params),
        (CLOSE_CANDIDATES, {**params, "decision": "merged"}),
    ]
    for rel_type in _relationship_types():
        statements.append((_move_statement(rel_type, incoming=True), params))
        statements.append((_move_statement(rel_type, incoming=False), params))
    for incoming in (True, False):
        statements.append((_move_statement(_CANDIDATE, incoming), params))
    statements.append((DELETE_ABSORBED, params))

    def started(results: list[list[Row]]) -> None:
        if not results[0] or int(results[0][0]["started"]) != 1:
            raise LoadError(f"{survivor} or {absorbed} changed meanwhile; nothing was merged, try again.")

    graph.write_all(statements, timeout=300, check=started)
    record = _read_merge(graph, merge_iri)
    return MergeResult(
        merge=merge_iri,
        survivor=survivor,
        absorbed=absorbed,
        moved=len(record["moved"] or []),
        names=tuple(str(n).partition("|")[2] for n in record["names"] or []),
        identifiers=tuple(record["ids"] or []),
    )


def _read_merge(graph: Graph, iri: str) -> Row:
    rows = graph.read(READ_MERGE, {"iri": iri})
    if not rows:
        latest = graph.read(LATEST_MERGE_OF, {"iri": iri})
        if latest:
            return _read_merge(graph, str(latest[0]["iri"]))
        raise LoadError(
            f"{iri} is neither a merge nor an organization merged into another; give the merge IRI that "
            "`cograph organizations merge` printed."
        )
    return rows[0]


def split_merge(graph: Graph, merge_or_absorbed: str, *, agent: str, reason: str) -> MergeResult:
    """Undo a merge: re-create the absorbed organization and move back what the merge moved."""
    if not agent.strip() or not reason.strip():
        raise LoadError("A split needs who decides it and why: give --by NAME and --reason TEXT.")
    record = _read_merge(graph, merge_or_absorbed)
    if record["decision"] != "merged":
        raise LoadError(f"The merge {record['iri']} was already split; nothing to undo.")
    snapshot = json.loads(str(record["snapshot"]))
    labels = [label for label in snapshot["labels"] if label in model().superclasses]
    props = {key: _from_json(value) for key, value in snapshot["properties"].items()}
    params = {"a": str(record["survivor"]), "b": str(record["absorbed"])}
    statements: list[Statement] = [
        (RESTORE_ABSORBED, {**params, "props": props}),
        (f"MATCH (b:Resource {{iri: $b}}) SET b{label_expression([lb for lb in labels if lb != 'Resource'])}", params),
    ]
    groups: dict[tuple[str, bool], list[dict[str, Any]]] = defaultdict(list)
    for entry in record["moved"] or []:
        rel_type, direction, existed, other = str(entry).split("|", 3)
        if rel_type not in model().relationships.values():
            raise LoadError(f"The merge {record['iri']} moved a {rel_type} relationship cograph no longer knows.")
        groups[(rel_type, direction == "in")].append({"other": other, "existed": existed == "true"})
    for (rel_type, incoming), rows in sorted(groups.items()):
        statements.append((_restore_statement(rel_type, incoming), {**params, "rows": rows}))
    statements.append((REMOVE_NAMES, {"a": params["a"], "names": record["names"] or [], "ids": record["ids"] or []}))
    now = dt.datetime.now(dt.UTC)
    statements.append((CLOSE_MERGE, {"m": record["iri"], "agent": agent.strip(), "at": now, "reason": reason.strip()}))
    statements.append((CLOSE_CANDIDATES, {**params, "decision": "split"}))
    graph.write_all(statements, timeout=300)
    return MergeResult(
        merge=str(record["iri"]),
        survivor=params["a"],
        absorbed=params["b"],
        moved=len(record["moved"] or []),
        names=tuple(str(n).partition("|")[2] for n in record["names"] or []),
        identifiers=tuple(record["ids"] or []),
    )
