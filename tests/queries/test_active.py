"""The Cypher of "active as of D" (queries.active, over the stored active interval) agrees with the Python
rule (ontology.activity.is_active) on real Neo4j, for each way a project reaches the graph: the generic
records, the sync core's writes and withdrawal, and migration 5 over a project written before the interval existed."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from graph.migrations import MIGRATIONS
from graph.records import Node, write_records
from graph.store import Graph
from loaders.records import Narrative, ProjectRecord
from loaders.sync import sync_records
from loaders.writer import withdraw
from ontology.activity import (
    INACTIVE_STATUSES,
    OPEN_END,
    OPEN_START,
    active_interval,
    interval_assignments,
    is_active,
)
from ontology.mapping import labels_for
from queries.active import active_as_of

pytestmark = pytest.mark.neo4j

(CANCELLED,) = sorted(INACTIVE_STATUSES)
D = dt.date(2025, 6, 1)
WITHDRAWN_AFTER = dt.datetime(2025, 9, 1, 12, 0, tzinfo=dt.UTC)
WITHDRAWN_BEFORE = dt.datetime(2024, 2, 1, 8, 0, tzinfo=dt.UTC)
DAYS = [
    None,
    dt.date(2019, 12, 31),
    dt.date(2020, 1, 1),
    D,
    dt.date(2025, 8, 31),
    dt.date(2025, 9, 1),
    dt.date(2026, 12, 31),
    dt.date(2027, 1, 1),
]
# (name, properties): every edge of the rule
CASES: list[tuple[str, dict[str, Any]]] = [
    ("no-bounds", {"status": "2"}),
    ("no-status", {"plannedStart": dt.date(2020, 1, 1), "plannedEnd": dt.date(2026, 12, 31)}),
    ("open-end", {"status": "2", "plannedStart": dt.date(2020, 1, 1)}),
    ("open-start", {"status": "2", "plannedEnd": dt.date(2025, 8, 31)}),
    (
        "actual-wins",
        {
            "status": "2",
            "plannedStart": dt.date(2020, 1, 1),
            "actualStart": dt.date(2025, 9, 1),
            "plannedEnd": dt.date(2027, 1, 1),
            "actualEnd": dt.date(2026, 12, 31),
        },
    ),
    ("cancelled", {"status": CANCELLED, "plannedStart": dt.date(2020, 1, 1)}),
    ("withdrawn-undated", {"status": "2", "withdrawn": True, "plannedStart": dt.date(2020, 1, 1)}),
    (
        "withdrawn-after-d",
        {
            "status": "2",
            "withdrawn": True,
            "withdrawnAt": WITHDRAWN_AFTER,
            "plannedStart": dt.date(2020, 1, 1),
        },
    ),
    (
        "withdrawn-before-d",
        {
            "status": "2",
            "withdrawn": True,
            "withdrawnAt": WITHDRAWN_BEFORE,
            "plannedStart": dt.date(2020, 1, 1),
        },
    ),
    (
        "start-after-end",
        {"status": "2", "plannedStart": dt.date(2026, 1, 1), "plannedEnd": dt.date(2020, 1, 1)},
    ),
]
IRI = "urn:test:active:"
ACTIVE_ON = f"MATCH (p:Project) WHERE {active_as_of('p')} RETURN p.iri AS iri ORDER BY iri"
READ = "MATCH (p:Project) RETURN p.iri AS iri, properties(p) AS props"


def _expected(day: dt.date | None, cases: dict[str, dict[str, Any]]) -> list[str]:
    found = []
    for name, props in cases.items():
        start = props.get("actualStart") or props.get("plannedStart")
        end = props.get("actualEnd") or props.get("plannedEnd")
        if is_active(
            withdrawn=props.get("withdrawn"),
            status=props.get("status"),
            start=start,
            end=end,
            day=day,
            withdrawn_at=props.get("withdrawnAt"),
        ):
            found.append(IRI + name)
    return sorted(found)


def _active(graph: Graph, day: dt.date | None) -> list[str]:
    return [row["iri"] for row in graph.read(ACTIVE_ON, {"as_of": day})]


def _agree(graph: Graph, cases: dict[str, dict[str, Any]]) -> None:
    for day in DAYS:
        assert _active(graph, day) == _expected(day, cases), day


def _records(cases: dict[str, dict[str, Any]]) -> list[Node]:
    return [
        Node(IRI + name, labels_for("Project"), {"identifier": name, **props})
        for name, props in cases.items()
    ]


def test_the_rule_decides_from_its_interval() -> None:
    assert active_interval(withdrawn=False, status=None, start=None, end=None) == (OPEN_START, OPEN_END)
    assert active_interval(withdrawn=False, status=CANCELLED, start=None, end=None) is None
    assert active_interval(withdrawn=True, status="2", start=None, end=None) is None
    cut = active_interval(withdrawn=True, status="2", start=None, end=None, withdrawn_at=WITHDRAWN_AFTER)
    assert cut == (OPEN_START, dt.date(2025, 8, 31))
    assert is_active(withdrawn=True, status="2", start=None, end=None, day=D, withdrawn_at=WITHDRAWN_AFTER)
    assert not is_active(
        withdrawn=True, status="2", start=None, end=None, day=None, withdrawn_at=WITHDRAWN_AFTER
    )


def test_the_cypher_agrees_with_the_python_rule_on_every_edge(clean_graph: Graph) -> None:
    cases = dict(CASES)
    write_records(clean_graph, _records(cases), [])
    _agree(clean_graph, cases)
    stored = {row["iri"]: row["props"] for row in clean_graph.read(READ)}
    assert (stored[IRI + "no-bounds"]["activeFrom"], stored[IRI + "no-bounds"]["activeUntil"]) == (
        OPEN_START,
        OPEN_END,
    )
    assert "activeFrom" not in stored[IRI + "cancelled"] and "activeUntil" not in stored[IRI + "cancelled"]
    assert stored[IRI + "withdrawn-after-d"]["activeUntil"] == dt.date(2025, 8, 31)


def test_a_withdrawal_by_the_sync_core_cuts_the_interval(clean_graph: Graph) -> None:
    cases = dict(CASES)
    write_records(clean_graph, _records(cases), [])
    assert IRI + "open-end" in _active(clean_graph, dt.date(2025, 9, 1))
    withdraw(clean_graph, [IRI + "open-end"], WITHDRAWN_AFTER)
    cases["open-end"] = {**cases["open-end"], "withdrawn": True, "withdrawnAt": WITHDRAWN_AFTER}
    _agree(clean_graph, cases)
    assert IRI + "open-end" in _active(clean_graph, D)  # still reported then
    assert IRI + "open-end" not in _active(clean_graph, dt.date(2025, 9, 1))


def test_migration_5_gives_old_projects_their_interval_and_runs_again_unchanged(clean_graph: Graph) -> None:
    cases = dict(CASES)
    for name, props in cases.items():  # as written before the interval existed: no activeFrom/activeUntil
        clean_graph.write(
            "CREATE (p:Resource:Project {iri: $iri}) SET p += $props", {"iri": IRI + name, "props": props}
        )
    assert _active(clean_graph, D) == []  # an old record has no interval until the migration runs
    (migration,) = [m for m in MIGRATIONS if m.version == 5]
    for statement in migration.data():
        clean_graph.run_in_batches(statement)
    _agree(clean_graph, cases)
    first = {row["iri"]: row["props"] for row in clean_graph.read(READ)}
    for statement in migration.data():
        clean_graph.run_in_batches(statement)
    assert {row["iri"]: row["props"] for row in clean_graph.read(READ)} == first


def test_active_as_of_a_date_is_an_index_seek(graph: Graph) -> None:
    plan = graph.plan(ACTIVE_ON, {"as_of": D})

    def operators(node: dict[str, Any]) -> list[str]:
        return [
            str(node.get("operatorType", "")),
            *(op for child in node.get("children", []) for op in operators(child)),
        ]

    found = operators(plan)
    assert any(op.startswith("NodeIndexSeekByRange") for op in found), found
    assert not any(op.startswith("NodeByLabelScan") for op in found), found


def test_the_interval_the_sync_core_computes_is_the_one_cypher_derives(clean_graph: Graph) -> None:
    records = [
        ProjectRecord(
            identifier=name,
            titles=(Narrative("en", name),),
            status=props.get("status"),
            planned_start=props.get("plannedStart"),
            actual_start=props.get("actualStart"),
            planned_end=props.get("plannedEnd"),
            actual_end=props.get("actualEnd"),
        )
        for name, props in CASES
        if not props.get("withdrawn") and name != "start-after-end"  # a sync rejects an end before the start
    ]
    results = sync_records(clean_graph, records, partner="interval-ngo", source="test")
    assert [r.status for r in results] == ["created"] * len(records)
    read = (
        "MATCH (p:Project) RETURN p.identifier AS name, p.activeFrom AS first, p.activeUntil AS last "
        "ORDER BY name"
    )
    written = clean_graph.read(read)
    assert {row["name"]: (row["first"], row["last"]) for row in written}["cancelled"] == (None, None)
    assert {row["name"]: row["first"] for row in written}["no-bounds"] == OPEN_START
    clean_graph.write(f"MATCH (p:Project) SET {interval_assignments('p')}")  # the Cypher twin, over them
    assert clean_graph.read(read) == written
