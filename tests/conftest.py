"""Shared fixtures: one real Neo4j for the whole session, data wiped between tests.

Unless NEO4J_URI is set, the suite runs its own local Neo4j with state under var/test/ (or
COGRAPH_TEST_VAR), so it never touches the graph that `make run` serves, and stops it at the end if it
started it (COGRAPH_KEEP_TEST_NEO4J=1 keeps it running between runs while developing).

A test that uses `neo4j_settings` (directly or through `graph`, `clean_graph` ...) is marked `neo4j` here, so
`pytest -m "not neo4j"` never starts Neo4j; a test that starts a server of its own is marked by hand.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if not os.environ.get("NEO4J_URI"):
    os.environ["COGRAPH_VAR"] = os.environ.get("COGRAPH_TEST_VAR") or str(ROOT / "var" / "test")
# Apps the tests build from the environment do not keep the slider's dates ahead (a thread sweeping the
# shared test graph beside every test); tests/api/test_ahead.py asks for it where it is the subject.
os.environ["COGRAPH_KEEP_AHEAD"] = "off"

from graph import local  # noqa: E402 - COGRAPH_VAR must be set first
from graph.migrations import migrate  # noqa: E402
from graph.records import wipe  # noqa: E402
from graph.settings import external_uri_configured, from_env  # noqa: E402
from graph.store import Graph  # noqa: E402

SHARED_DATA = ROOT.parent / "shared" / "data"
NEO4J_FIXTURE = "neo4j_settings"


@pytest.hookimpl(tryfirst=True)  # before `-m` deselects by marker
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark `neo4j` every test whose fixtures (transitively) reach the real Neo4j."""
    for item in items:
        if NEO4J_FIXTURE in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.neo4j)


@pytest.fixture(scope="session")
def neo4j_settings() -> Iterator[object]:
    """Settings of the real Neo4j the suite uses (started here when it is the local one)."""
    started = False
    if not external_uri_configured():
        _, started = local.start()
    yield from_env()
    if started and not os.environ.get("COGRAPH_KEEP_TEST_NEO4J"):
        local.stop()


@pytest.fixture(scope="session")
def graph(neo4j_settings: object) -> Iterator[Graph]:
    """The session's Graph with the schema migrated."""
    from graph.settings import Settings

    assert isinstance(neo4j_settings, Settings)
    store = Graph(neo4j_settings)
    store.verify()
    migrate(store)
    yield store
    store.close()


@pytest.fixture
def clean_graph(graph: Graph) -> Graph:
    """The session's Graph with every cograph node deleted first."""
    wipe(graph)
    return graph


@pytest.fixture
def shared_data() -> Path:
    """The real publisher files in ../shared/data, or a skip that says why."""
    if not SHARED_DATA.is_dir():
        pytest.skip(f"{SHARED_DATA} is not present on this machine (real IATI/HXL files live there)")
    return SHARED_DATA
