"""Migrations are versioned, recorded in the graph and idempotent."""

from __future__ import annotations

import pytest

from graph.migrations import LATEST, MIGRATIONS, current_version, migrate, schema
from graph.store import Graph

pytestmark = pytest.mark.neo4j


def test_migrations_applied_twice_leave_the_same_schema(graph: Graph) -> None:
    migrate(graph)
    first = schema(graph)
    assert migrate(graph) == []
    graph.write("MATCH (s:CographSchema) SET s.version = 0")  # force every migration to run again
    again = migrate(graph)
    assert [m.version for m in again] == [m.version for m in MIGRATIONS]
    assert schema(graph) == first
    assert current_version(graph) == LATEST


def test_schema_has_the_iri_key_and_full_text_index(graph: Graph) -> None:
    names = {row["name"] for row in schema(graph)}
    assert "cg_Resource_iri_unique" in names
    assert "cg_names_fulltext" in names


def test_versions_are_strictly_increasing() -> None:
    versions = [m.version for m in MIGRATIONS]
    assert versions == sorted(set(versions))
