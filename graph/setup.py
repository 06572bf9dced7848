"""Everything `cograph init` does to a database: the reference data, written idempotently."""

from __future__ import annotations

from graph.store import Graph


def load_reference_data(graph: Graph) -> str:
    """Load the sourced reference data (agencies, mechanisms, instruments, countries ...)."""
    del graph
    return ""
