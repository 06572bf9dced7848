"""Units of work, error translation and configuration against the real Neo4j."""

from __future__ import annotations

import dataclasses
import socket
import time
from datetime import date, datetime
from datetime import time as time_of_day
from typing import Any

import neo4j
import pytest
from neo4j.exceptions import SessionExpired

from graph.errors import (
    ConfigError,
    GraphAuthError,
    GraphReadError,
    GraphUnavailable,
    GraphVersionError,
    GraphWriteError,
)
from graph.records import Edge, Node, read_records, write_records
from graph.settings import Settings, from_env, validate_uri
from graph.store import Graph, Unit, counting, supported_version

pytestmark = pytest.mark.neo4j


def test_write_then_read_round_trip(clean_graph: Graph) -> None:
    clean_graph.write(
        "CREATE (:Resource:Project {iri: $iri, title: $title, plannedStart: $start, budget: $budget})",
        {"iri": "urn:test:p1", "title": "Shelter support", "start": date(2024, 3, 1), "budget": 125000.5},
    )
    rows = clean_graph.read(
        "MATCH (p:Project {iri: $iri}) RETURN p.title AS title, p.plannedStart AS start, p.budget AS budget",
        {"iri": "urn:test:p1"},
    )
    assert rows == [{"title": "Shelter support", "start": date(2024, 3, 1), "budget": 125000.5}]


def _native(value: Any) -> Any:
    """The oracle: the driver's own export (`Record.data()`) with its temporal values made standard."""
    if isinstance(value, neo4j.time.Date | neo4j.time.DateTime | neo4j.time.Time):
        return value.to_native()
    if type(value) in (list, tuple):  # not Duration or Point, tuples of their own
        return type(value)(_native(item) for item in value)
    if isinstance(value, dict):
        return {key: _native(item) for key, item in value.items()}
    return value


def test_rows_are_the_drivers_own_export_made_plain(clean_graph: Graph) -> None:
    """Rows are what the driver's exporter gives, temporal values as the standard library's, whatever the
    values: scalars, nested lists and maps, dates inside maps, nodes, relationships and paths."""
    clean_graph.write(
        "CREATE (:Resource:Project {iri: 'urn:test:rows', title: 'Rows', plannedStart: date('2024-03-01')})"
        "-[:THEME {since: datetime('2024-01-02T03:04:05Z')}]->(:Resource:Theme {iri: 'urn:test:t', notation: 'x'})"
    )
    query = """MATCH path = (p:Project {iri: 'urn:test:rows'})-[r:THEME]->(t)
    RETURN 'text' AS text, 3 AS whole, 2.5 AS real, true AS flag, null AS nothing, [1, 'a', null] AS flat,
      [['KE', 'USD', 2, 1.5], []] AS nested, p.plannedStart AS day, [p.plannedStart] AS days,
      {title: p.title, sides: [{start: p.plannedStart, at: r.since}]} AS map, p AS node, [p] AS nodes,
      r AS link, path, time('12:30:00Z') AS clock, duration('P1D') AS span"""
    with clean_graph._session() as session:
        exported = [_native(record.data()) for record in session.run(query)]
    assert clean_graph.read(query) == exported
    row = exported[0]
    assert row["nested"] == [["KE", "USD", 2, 1.5], []] and row["days"] == [date(2024, 3, 1)]
    assert (
        row["map"]["sides"][0]["start"] == date(2024, 3, 1) and type(row["map"]["sides"][0]["at"]) is datetime
    )
    assert row["node"]["title"] == "Rows" and row["nodes"][0]["iri"] == "urn:test:rows"
    assert row["link"] == (
        {"iri": "urn:test:rows", "title": "Rows", "plannedStart": date(2024, 3, 1)},
        "THEME",
        {"iri": "urn:test:t", "notation": "x"},
    )
    assert [type(v) for v in row["path"]] == [dict, str, dict] and type(row["clock"]) is time_of_day


def test_write_all_is_all_or_nothing(clean_graph: Graph) -> None:
    clean_graph.write("CREATE (:Resource {iri: 'urn:test:taken'})")
    with pytest.raises(GraphWriteError, match="refused the statement"):
        clean_graph.write_all(
            [
                ("CREATE (:Resource {iri: 'urn:test:new'})", {}),
                ("CREATE (:Resource {iri: 'urn:test:taken'})", {}),  # violates the IRI constraint
            ]
        )
    rows = clean_graph.read("MATCH (n:Resource) RETURN n.iri AS iri ORDER BY iri")
    assert [row["iri"] for row in rows] == ["urn:test:taken"]


def test_records_merge_by_iri_and_are_idempotent(clean_graph: Graph) -> None:
    nodes = [
        Node("urn:test:org", ("NGO", "Partner", "Organization"), {"name": "La Strada"}),
        Node("urn:test:ctry", ("Country",), {"iso2": "UA", "name": "Ukraine"}),
    ]
    edges = [Edge("urn:test:org", "WORKS_IN", "urn:test:ctry")]
    write_records(clean_graph, nodes, edges)
    write_records(clean_graph, nodes, edges)
    read_nodes, read_edges = read_records(clean_graph)
    assert {(n.iri, n.labels) for n in read_nodes} == {
        ("urn:test:org", ("NGO", "Organization", "Partner")),
        ("urn:test:ctry", ("Country",)),
    }
    assert read_edges == [Edge("urn:test:org", "WORKS_IN", "urn:test:ctry")]


def test_counting_sees_every_statement(clean_graph: Graph) -> None:
    with counting() as counter:
        clean_graph.read("RETURN 1 AS one")
        clean_graph.write_all(
            [("CREATE (:Resource {iri: 'urn:a'})", {}), ("CREATE (:Resource {iri: 'urn:b'})", {})]
        )
    assert counter.statements == 3


def test_wrong_password_is_one_clear_sentence(neo4j_settings: Settings) -> None:
    wrong = dataclasses.replace(neo4j_settings, password="not-the-password")
    with Graph(wrong) as graph, pytest.raises(GraphAuthError) as caught:
        graph.verify()
    message = str(caught.value)
    assert wrong.uri in message and "refused" in message and "password" in message
    assert "\n" not in message and "Traceback" not in message


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_nothing_listening_is_one_clear_sentence() -> None:
    settings = Settings(
        uri=f"bolt://127.0.0.1:{_closed_port()}", user="neo4j", password="x", database="neo4j", local=False
    )
    with Graph(settings) as graph, pytest.raises(GraphUnavailable) as caught:
        graph.verify()
    assert settings.uri in str(caught.value) and "not reachable" in str(caught.value)


@pytest.mark.parametrize(
    "uri", ["http://localhost:7474", "localhost:7687", "bolt://", "neo4j://host:notaport"]
)
def test_malformed_neo4j_uri_is_refused(uri: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEO4J_URI", uri)
    with pytest.raises(ConfigError, match="NEO4J_URI"):
        from_env()


def test_external_uri_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEO4J_URI", "neo4j+s://abc.databases.neo4j.io")
    monkeypatch.setenv("NEO4J_USER", "alice")
    monkeypatch.setenv("NEO4J_PASSWORD", "s3cret")
    monkeypatch.setenv("NEO4J_DATABASE", "coordination")
    settings = from_env()
    assert (settings.uri, settings.user, settings.password, settings.database, settings.local) == (
        "neo4j+s://abc.databases.neo4j.io",
        "alice",
        "s3cret",
        "coordination",
        False,
    )
    assert validate_uri("bolt://127.0.0.1:7687") == "bolt://127.0.0.1:7687"


def test_version_gate() -> None:
    assert supported_version("5.26.30") and supported_version("2025.01.0")
    assert not supported_version("4.4.12") and not supported_version("unknown")
    assert issubclass(GraphVersionError, Exception)


def test_server_reports_neo4j_5(graph: Graph) -> None:
    assert graph.verify().startswith("5.26.")


def test_relationship_to_a_missing_node_rolls_the_whole_write_back(clean_graph: Graph) -> None:
    nodes = [Node("urn:test:proj", ("Project",), {"title": "x"})]
    with pytest.raises(GraphWriteError, match=r"urn:test:nowhere is missing"):
        write_records(clean_graph, nodes, [Edge("urn:test:proj", "RECIPIENT_COUNTRY", "urn:test:nowhere")])
    assert clean_graph.read("MATCH (n:Resource) RETURN count(n) AS n") == [{"n": 0}]


@pytest.mark.parametrize(
    ("query", "params"),
    [("MATCH (n:Resource) RETURN n.iri +", {}), ("RETURN range(0, $n) AS r", {"n": "not a number"})],
)
def test_a_read_the_server_refuses_is_a_read_error_not_a_write_error(
    graph: Graph, query: str, params: dict[str, object]
) -> None:
    with pytest.raises(GraphReadError, match="refused a read") as caught:
        graph.read(query, params)
    assert not isinstance(caught.value, GraphWriteError)
    with pytest.raises(GraphWriteError, match="refused the statement"):
        graph.write(query, params)


def test_each_write_moves_the_bookmarks_later_sessions_wait_for(clean_graph: Graph) -> None:
    before = clean_graph.bookmarks
    clean_graph.write("CREATE (:Resource {iri: 'urn:test:first'})")
    first = clean_graph.bookmarks
    clean_graph.write("CREATE (:Resource {iri: 'urn:test:second'})")
    assert before != first != clean_graph.bookmarks and clean_graph.bookmarks


def test_open_verifies_and_a_failed_open_leaves_nothing_open(neo4j_settings: Settings) -> None:
    with Graph.open(neo4j_settings) as graph:
        assert graph.ping(timeout=5.0)["name"] == "Neo4j Kernel"
    wrong = dataclasses.replace(neo4j_settings, password="not-the-password")
    with pytest.raises(GraphAuthError):
        Graph.open(wrong)


def test_ping_does_not_retry_a_server_that_is_gone() -> None:
    settings = Settings(
        uri=f"bolt://127.0.0.1:{_closed_port()}", user="neo4j", password="x", database="neo4j", local=False
    )
    started = time.monotonic()
    with Graph(settings) as graph, pytest.raises(GraphUnavailable, match="not reachable"):
        graph.ping(timeout=1.0)
    # a managed read would retry for max_transaction_retry_time (15 s)
    assert time.monotonic() - started < 5.0


def test_a_unit_reads_its_own_writes_and_a_failing_unit_leaves_nothing(clean_graph: Graph) -> None:
    def work(unit: Unit) -> int:
        unit.run("CREATE (:Resource {iri: 'urn:test:unit'})")
        seen = unit.run("MATCH (n:Resource {iri: 'urn:test:unit'}) RETURN count(n) AS n")[0]["n"]
        if seen == 1:
            raise ValueError("the unit decided not to commit")
        return int(seen)

    with pytest.raises(ValueError, match="not to commit"):
        clean_graph.write_unit(work)
    assert clean_graph.read("MATCH (n:Resource) RETURN count(n) AS n") == [{"n": 0}]

    def refused(unit: Unit) -> None:
        unit.run_all(
            [
                ("CREATE (:Resource {iri: 'urn:test:new'})", {}),
                ("CREATE (:Resource {iri: 'urn:test:new'})", {}),  # violates the IRI constraint
            ]
        )

    with pytest.raises(GraphWriteError, match="refused the statement"):
        clean_graph.write_unit(refused)
    assert clean_graph.read("MATCH (n:Resource) RETURN count(n) AS n") == [{"n": 0}]


def test_a_retried_unit_runs_again_on_a_fresh_transaction(clean_graph: Graph) -> None:
    attempts: list[int] = []

    def work(unit: Unit) -> int:
        unit.run("CREATE (:Resource {iri: $iri})", {"iri": f"urn:test:attempt-{len(attempts)}"})
        attempts.append(1)
        if len(attempts) == 1:  # the connection is lost before the commit: the driver runs the unit again
            raise SessionExpired("connection lost (simulated)")
        return int(unit.run("MATCH (n:Resource) RETURN count(n) AS n")[0]["n"])

    assert clean_graph.write_unit(work) == 1
    assert len(attempts) == 2
    rows = clean_graph.read("MATCH (n:Resource) RETURN n.iri AS iri")
    assert rows == [{"iri": "urn:test:attempt-1"}]
