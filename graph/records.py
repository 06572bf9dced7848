"""Generic, batched writes and reads of nodes and relationships keyed by IRI.

Everything cograph writes goes through here: the reference data, RDF imports and the partner sync core.
Rows are sent with `UNWIND $rows ... MERGE` on the indexed `:Resource(iri)` key, grouped by label set or
relationship type (which come from the ontology mapping, never from user input). The records are the
ontology's own (`ontology.rdf.NodeRecord` / `EdgeRecord`), so what an RDF import produces is what is
written and what an export reads back; `Node` and `Edge` are their short names here.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from graph.cypher import label_expression, quote_name
from graph.errors import GraphWriteError
from graph.store import Graph, Row, Statement
from ontology.activity import DERIVED_PROPERTIES, interval_assignments, interval_label
from ontology.mapping import ROOT_LABEL
from ontology.rdf import EdgeRecord, NodeRecord

__all__ = [
    "Edge",
    "Node",
    "edge_statements",
    "missing_ends",
    "node_statements",
    "read_records",
    "wipe",
    "write_records",
]

BATCH = 5000

Node = NodeRecord
Edge = EdgeRecord


def node_statements(nodes: Iterable[NodeRecord], *, replace_properties: bool = False) -> list[Statement]:
    """MERGE each node on its IRI, add its labels and set its properties (`+=`, or `=` to replace)."""
    groups: dict[tuple[str, ...], list[dict[str, Any]]] = defaultdict(list)
    for node in nodes:
        labels = tuple(sorted(set(node.labels) | {ROOT_LABEL}))
        props = {key: value for key, value in node.properties.items() if value is not None}
        props["iri"] = node.iri
        groups[labels].append({"iri": node.iri, "props": props})
    operator = "=" if replace_properties else "+="
    statements: list[Statement] = []
    for labels, rows in groups.items():
        query = (
            "UNWIND $rows AS row MERGE (n:Resource {iri: row.iri}) "
            f"SET n{label_expression([label for label in labels if label != ROOT_LABEL] or [ROOT_LABEL])} "
            f"SET n {operator} row.props"
        )
        if interval_label() in labels:  # the active interval "active as of" seeks, derived from what was set
            query += f" SET {interval_assignments('n')}"
        statements.extend((query, {"rows": chunk}) for chunk in _chunks(rows))
    return statements


def edge_statements(edges: Iterable[EdgeRecord]) -> list[Statement]:
    """MERGE each relationship between two nodes already present (by IRI).

    Each statement returns the rows whose source or target node does not exist (`missing_ends`).
    """
    groups: dict[str, list[dict[str, str]]] = defaultdict(list)
    for edge in edges:
        groups[edge.type].append({"s": edge.source, "t": edge.target})
    statements: list[Statement] = []
    for rel_type, rows in groups.items():
        query = (
            "UNWIND $rows AS row OPTIONAL MATCH (a:Resource {iri: row.s}) OPTIONAL MATCH (b:Resource {iri: row.t}) "
            "FOREACH (_ IN CASE WHEN a IS NULL OR b IS NULL THEN [] ELSE [1] END | "
            f"MERGE (a)-[:{quote_name(rel_type)}]->(b)) "
            "WITH row, a, b WHERE a IS NULL OR b IS NULL "
            "RETURN row.s AS source, row.t AS target, a IS NULL AS sourceMissing"
        )
        statements.extend((query, {"rows": chunk}) for chunk in _chunks(rows))
    return statements


def missing_ends(results: list[list[Row]]) -> None:
    """Refuse (and so roll back) a write whose relationships point at nodes that do not exist."""
    missing = [row for rows in results for row in rows if "sourceMissing" in row]
    if missing:
        first = missing[0]
        absent = first["source"] if first["sourceMissing"] else first["target"]
        raise GraphWriteError(
            f"{len(missing)} relationship(s) point at nodes that do not exist, e.g. {first['source']} -> "
            f"{first['target']} ({absent} is missing); load the referenced records first. Nothing was written."
        )


def write_records(graph: Graph, nodes: Sequence[NodeRecord], edges: Sequence[EdgeRecord]) -> None:
    """Write nodes then relationships in one transaction: all of it lands, or none."""
    graph.write_all(node_statements(nodes) + edge_statements(edges), check=missing_ends)


READ_NODES = (
    "MATCH (n:Resource) WHERE $label IS NULL OR $label IN labels(n) "
    "RETURN n.iri AS iri, labels(n) AS labels, properties(n) AS props ORDER BY n.iri"
)
READ_EDGES = (
    "MATCH (a:Resource)-[r]->(b:Resource) WHERE $label IS NULL OR $label IN labels(a) "
    "RETURN a.iri AS source, type(r) AS type, b.iri AS target ORDER BY source, type, target"
)


def read_records(graph: Graph, label: str | None = None) -> tuple[list[NodeRecord], list[EdgeRecord]]:
    """Every node and relationship (or those of nodes with `label`), for export (derived properties left out:
    an import derives them again)."""
    nodes = [
        NodeRecord(
            iri=row["iri"],
            labels=tuple(sorted(lbl for lbl in row["labels"] if lbl != ROOT_LABEL)),
            properties={
                key: value
                for key, value in row["props"].items()
                if key != "iri" and key not in DERIVED_PROPERTIES
            },
        )
        for row in graph.read(READ_NODES, {"label": label}, timeout=600)
    ]
    edges = [
        EdgeRecord(row["source"], row["type"], row["target"])
        for row in graph.read(READ_EDGES, {"label": label}, timeout=600)
    ]
    return nodes, edges


WIPE = "MATCH (n:Resource) CALL { WITH n DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS"


def wipe(graph: Graph) -> None:
    """Delete every cograph node in batches (schema and its recorded version stay)."""
    graph.run_in_batches(WIPE)


def _chunks(rows: list[Any]) -> Iterable[list[Any]]:
    for start in range(0, len(rows), BATCH):
        yield rows[start : start + BATCH]
