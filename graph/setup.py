"""Everything `cograph init` does to a database beyond migrations: the sourced reference data."""

from __future__ import annotations

from graph.records import write_records
from graph.store import Graph
from ontology.rdf import graph_to_records
from ontology.reference import reference_graph


def load_reference_data(graph: Graph) -> str:
    """Load the reference data (agencies, mechanisms, instruments, countries, themes ...); MERGE makes it idempotent."""
    nodes, edges = graph_to_records(reference_graph())
    write_records(graph, nodes, edges)
    return f"reference data: {len(nodes)} nodes, {len(edges)} relationships"
