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


def snapshot(
    graph: Graph,
) -> tuple[list[tuple[str, tuple[str, ...], dict[str, Any]]], list[tuple[str, str, str]]]:
    """Every node and relationship, without the timestamps that differ between runs."""
    nodes, edges = read_records(graph)
    return (
        [(n.iri, n.labels, {k: v for k, v in n.properties.items() if k not in _VOLATILE}) for n in nodes],
        [(e.source, e.type, e.target) for e in edges],
    )


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES
