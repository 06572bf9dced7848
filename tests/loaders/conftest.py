"""Helpers for the loader tests: fixture paths and a comparable snapshot of the graph."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from graph.records import read_records
from graph.store import Graph

FIXTURES = Path(__file__).parent / "fixtures"
EXAMPLES = Path(__file__).resolve().parents[2] / "loaders" / "examples"
_VOLATILE = {"loadedAt", "generatedAt", "withdrawnAt"}
_HISTORY = {"SyncActivity", "Change"}


def snapshot(
    graph: Graph,
) -> tuple[list[tuple[str, tuple[str, ...], dict[str, Any]]], list[tuple[str, str, str]]]:
    """Every node and relationship, without the timestamps that differ between runs, nor the history: each
    run is a new sync activity by design (tests/loaders/test_history.py checks it)."""
    nodes, edges = read_records(graph)
    history = {n.iri for n in nodes if _HISTORY & set(n.labels)}
    return (
        [
            (n.iri, n.labels, {k: v for k, v in n.properties.items() if k not in _VOLATILE})
            for n in nodes
            if n.iri not in history
        ],
        [(e.source, e.type, e.target) for e in edges if e.source not in history and e.target not in history],
    )


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES
