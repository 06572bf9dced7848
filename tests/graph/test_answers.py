"""Kept answers (`Graph.read_kept`): served only for the state of the database they were computed on."""

from __future__ import annotations

import threading
from datetime import date

import pytest

from graph.answers import Answers, frozen
from graph.store import Graph, counting

pytestmark = pytest.mark.neo4j

COUNT = "MATCH (p:Project) WHERE p.plannedStart <= $day RETURN count(p) AS n"


def _project(graph: Graph, iri: str) -> None:
    graph.write("CREATE (:Resource:Project {iri: $iri, plannedStart: date('2024-01-01')})", {"iri": iri})


def test_a_repeated_read_is_answered_from_memory(clean_graph: Graph) -> None:
    _project(clean_graph, "urn:test:kept-1")
    day = {"day": date(2025, 1, 1)}
    with counting() as counter:
        first = clean_graph.read_kept(COUNT, day)
        again = clean_graph.read_kept(COUNT, day)
    assert first == again == [{"n": 1}]
    assert counter.statements == 1  # the second answer sent no statement
    # other parameters are another answer
    assert clean_graph.read_kept(COUNT, {"day": date(2023, 1, 1)}) == [{"n": 0}]


def test_a_write_by_this_graph_makes_a_new_answer(clean_graph: Graph) -> None:
    day = {"day": date(2025, 1, 1)}
    _project(clean_graph, "urn:test:kept-1")
    assert clean_graph.read_kept(COUNT, day) == [{"n": 1}]
    _project(clean_graph, "urn:test:kept-2")
    assert clean_graph.read_kept(COUNT, day) == [{"n": 2}]


def test_a_write_by_another_driver_makes_a_new_answer(clean_graph: Graph) -> None:
    """Another process (a `cograph load`, another API worker) writes: the kept answer is not served."""
    day = {"day": date(2025, 1, 1)}
    _project(clean_graph, "urn:test:kept-1")
    assert clean_graph.read_kept(COUNT, day) == [{"n": 1}]
    with Graph(clean_graph.settings) as other:
        _project(other, "urn:test:kept-2")
    assert clean_graph.read_kept(COUNT, day) == [{"n": 2}]


def test_the_same_read_asked_at_once_runs_once(clean_graph: Graph) -> None:
    """Two views of one page ask the same statement concurrently: one computes, the other takes its rows."""
    _project(clean_graph, "urn:test:kept-1")
    slow = "UNWIND range(1, 300000) AS i WITH count(i) AS n MATCH (p:Project) RETURN n, count(p) AS projects"
    sent: list[int] = []
    answers: list[object] = []
    ready = threading.Barrier(2)

    def ask() -> None:
        ready.wait()
        with counting() as counter:
            answers.append(clean_graph.read_kept(slow))
        sent.append(counter.statements)

    threads = [threading.Thread(target=ask) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert answers == [[{"n": 300000, "projects": 1}]] * 2
    assert sorted(sent) == [0, 1]


def test_callers_cannot_change_what_is_kept(clean_graph: Graph) -> None:
    _project(clean_graph, "urn:test:kept-1")
    rows = clean_graph.read_kept(COUNT, {"day": date(2025, 1, 1)})
    rows.clear()
    assert clean_graph.read_kept(COUNT, {"day": date(2025, 1, 1)}) == [{"n": 1}]


def test_the_store_is_bounded_least_recently_used_first() -> None:
    answers = Answers(capacity=2)
    answers.put("a", [{"n": 1}])
    answers.put("b", [{"n": 2}])
    assert answers.get("a") == [{"n": 1}]  # a is now the most recently used
    answers.put("c", [{"n": 3}])
    assert answers.get("b") is None
    assert answers.get("a") == [{"n": 1}] and answers.get("c") == [{"n": 3}]


def test_the_store_is_bounded_by_the_size_of_what_it_keeps() -> None:
    one = Answers()
    one.put("probe", [{"n": "x" * 200}])
    size = one.held_bytes  # one such answer, compressed
    answers = Answers(capacity=10, max_bytes=2 * size + size // 2)
    answers.put("a", [{"n": "x" * 200}])
    answers.put("b", [{"n": "y" * 200}])
    answers.put("c", [{"n": "z" * 200}])  # three do not fit: the least recently used answer goes
    assert answers.get("a") is None and len(answers) == 2
    assert answers.get("b") == [{"n": "y" * 200}] and answers.get("c") == [{"n": "z" * 200}]
    answers.put("huge", [{"n": str(i) * 50} for i in range(10_000)])  # more than the store holds: not kept
    assert answers.get("huge") is None and answers.get("b") == [{"n": "y" * 200}]


def test_each_caller_gets_rows_of_its_own() -> None:
    answers = Answers()
    answers.put("a", [{"n": [1, 2]}])
    first = answers.get("a")
    assert first is not None
    first[0]["n"].append(3)
    assert answers.get("a") == [{"n": [1, 2]}]


def test_keys_tell_parameter_values_apart() -> None:
    assert frozen({"a": [1, 2], "b": None}) == frozen({"b": None, "a": [1, 2]})
    assert frozen({"a": [1, 2]}) != frozen({"a": [2, 1]})
    assert frozen({"a": 1}) != frozen({"a": True}) != frozen({"a": "1"})
    assert frozen({"d": date(2025, 1, 1)}) != frozen({"d": "2025-01-01"})
