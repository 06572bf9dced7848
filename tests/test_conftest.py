"""The `neo4j` marker follows fixture use, so `pytest -m "not neo4j"` never starts or reaches Neo4j."""

from __future__ import annotations

import pytest

pytest_plugins = ["pytester"]

INNER_TESTS = """
import pytest

def test_plain():
    pass

def test_through_the_graph(graph):
    raise AssertionError("ran although it needs Neo4j")

@pytest.fixture
def seeded_somehow(clean_graph):
    return clean_graph

def test_through_a_fixture_of_a_fixture(seeded_somehow):
    raise AssertionError("ran although it needs Neo4j")
"""


def test_not_neo4j_deselects_every_test_that_reaches_the_server(pytester: pytest.Pytester) -> None:
    pytester.makeconftest(
        "from tests.conftest import clean_graph, graph, neo4j_settings, pytest_collection_modifyitems\n"
        "__all__ = ['clean_graph', 'graph', 'neo4j_settings', 'pytest_collection_modifyitems']\n"
    )
    pytester.makeini("[pytest]\nmarkers =\n    neo4j: the test talks to a real Neo4j server\n")
    pytester.makepyfile(test_inner=INNER_TESTS)
    result = pytester.runpytest("-m", "not neo4j", "-p", "no:cacheprovider", "--strict-markers")
    result.assert_outcomes(passed=1, deselected=2)


def test_this_test_is_marked_because_of_its_fixture(
    clean_graph: object, request: pytest.FixtureRequest
) -> None:
    assert request.node.get_closest_marker("neo4j") is not None
