"""RDF in and out of the graph: the reference data `cograph init` loads, imports and exports.

Every RDF graph is validated or converted by the ontology and written through graph.records, so the
reference data, `cograph import-rdf` and `cograph export` share one path.
"""

from __future__ import annotations

from rdflib import Graph as RdfGraph

from graph.records import Node, read_records, write_records
from graph.store import Graph
from ontology.errors import ShapeViolations
from ontology.mapping import secret_properties
from ontology.rdf import graph_to_records, records_to_graph, unmapped_properties
from ontology.reference import reference_graph
from ontology.validation import validate
from ontology.writable import Unwritable, writable_nodes


def write_rdf(graph: Graph, data: RdfGraph) -> tuple[int, int]:
    """Write an RDF graph's records in one transaction (MERGE makes it idempotent); (nodes, relationships)."""
    nodes, edges = graph_to_records(data)
    write_records(graph, nodes, edges)
    return len(nodes), len(edges)


def check_rdf(data: RdfGraph, name: str) -> None:
    """Raise ShapeViolations when `data` (from `name`) breaks the shapes or the field rules."""
    violations = validate(data)
    if violations:
        raise ShapeViolations(
            f"{name} breaks {len(violations)} rule(s) of the shapes, nothing was imported; fix them and retry",
            list(violations),
        )


def import_rdf(graph: Graph, data: RdfGraph, name: str) -> tuple[int, int]:
    """Check `data` (from `name`) against the SHACL shapes, then write it; nothing is written if it fails."""
    check_rdf(data, str(name))
    return write_rdf(graph, data)


def export_rdf(graph: Graph, label: str | None = None) -> tuple[RdfGraph, set[str], list[Unwritable]]:
    """The graph (or the nodes of `label`) as RDF, the properties the ontology does not know, and the values
    RDF cannot carry (both left out, so one bad value never stops the export)."""
    nodes, edges = read_records(graph, label)
    hidden = secret_properties()  # key hashes stay in Neo4j: an export is shared, so it never carries them
    nodes = [
        Node(node.iri, node.labels, {k: v for k, v in node.properties.items() if k not in hidden})
        for node in nodes
    ]
    writable, left_out = writable_nodes(nodes)
    return records_to_graph(writable, edges), unmapped_properties(nodes), left_out


def load_reference_data(graph: Graph) -> str:
    """Load the reference data (agencies, mechanisms, instruments, countries, themes ...)."""
    nodes, edges = write_rdf(graph, reference_graph())
    return f"reference data: {nodes} nodes, {edges} relationships"
