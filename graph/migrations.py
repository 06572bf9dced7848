"""Versioned, idempotent schema migrations; the applied version is recorded in the graph.

Each migration is a list of `CREATE ... IF NOT EXISTS` statements, so applying it again changes nothing.
Constraints and indexes of the model are derived from the ontology (`ontology.mapping.index_specs`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from graph.cypher import quote_name
from graph.store import Graph


@dataclass(frozen=True)
class Migration:
    version: int
    description: str
    statements: Callable[[], list[str]]
    data: Callable[[], list[str]] = list
    """Statements that rewrite existing data (`CALL ... IN TRANSACTIONS`), run after the schema's; each
    derives values from others, so running it again writes the same values."""


def unique(label: str, prop: str) -> str:
    name = quote_name(f"cg_{label}_{prop}_unique")
    return f"CREATE CONSTRAINT {name} IF NOT EXISTS FOR (n:{quote_name(label)}) REQUIRE n.{quote_name(prop)} IS UNIQUE"


def index(label: str, prop: str) -> str:
    name = quote_name(f"cg_{label}_{prop}_index")
    return f"CREATE INDEX {name} IF NOT EXISTS FOR (n:{quote_name(label)}) ON (n.{quote_name(prop)})"


def _core() -> list[str]:
    return [unique("Resource", "iri")]


def _from_ontology() -> list[str]:
    from ontology.mapping import index_specs

    return [
        unique(spec.label, spec.property) if spec.unique else index(spec.label, spec.property)
        for spec in index_specs()
    ]


def _text_search() -> list[str]:
    return [
        "CREATE FULLTEXT INDEX `cg_names_fulltext` IF NOT EXISTS "
        "FOR (n:Organization|Project|Country|Theme) ON EACH [n.name, n.shortName, n.title, n.identifier, n.prefLabel]"
    ]


def _active_intervals() -> list[str]:
    from ontology.activity import interval_assignments, interval_label

    return [
        f"MATCH (p:{quote_name(interval_label())}) CALL (p) {{ SET {interval_assignments('p')} }} "
        "IN TRANSACTIONS OF 5000 ROWS"
    ]


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "a unique IRI for every node", _core),
    Migration(2, "constraints and indexes derived from the ontology", _from_ontology),
    Migration(3, "full-text index on names and titles", _text_search),
    # the ontology now also indexes what lists are sorted by (a project's title): its range index lets a
    # first page be read in order instead of sorting the whole label
    Migration(4, "range indexes that order the catalogue lists", _from_ontology),
    # "active as of D" reads each project's active interval (ontology.activity.active_interval), which the
    # writers now store: the range indexes on its bounds make it a seek, and existing projects get theirs
    Migration(5, "the active interval of every project, range-indexed", _from_ontology, _active_intervals),
)

LATEST = MIGRATIONS[-1].version

READ_VERSION = "MATCH (s:CographSchema {id: 'schema'}) RETURN s.version AS version"
RECORD_VERSION = (
    "MERGE (s:CographSchema {id: 'schema'}) "
    "SET s.version = $version, s.description = $description, s.appliedAt = $applied_at"
)


def current_version(graph: Graph) -> int:
    rows = graph.read(READ_VERSION)
    return int(rows[0]["version"]) if rows and rows[0]["version"] is not None else 0


def migrate(graph: Graph) -> list[Migration]:
    """Apply every migration newer than the recorded version; return those applied."""
    applied = []
    version = current_version(graph)
    for migration in MIGRATIONS:
        if migration.version <= version:
            continue
        for statement in migration.statements():
            graph.write(statement)  # schema changes cannot share a transaction with data writes
        graph.write("CALL db.awaitIndexes(300)")
        for statement in migration.data():
            graph.run_in_batches(statement)
        graph.write(
            RECORD_VERSION,
            {
                "version": migration.version,
                "description": migration.description,
                "applied_at": datetime.now(UTC),
            },
        )
        applied.append(migration)
    return applied


SHOW_CONSTRAINTS = "SHOW CONSTRAINTS YIELD name, type, labelsOrTypes, properties RETURN name, type, labelsOrTypes, properties"
SHOW_INDEXES = (
    "SHOW INDEXES YIELD name, type, labelsOrTypes, properties, owningConstraint "
    "WHERE owningConstraint IS NULL AND type <> 'LOOKUP' RETURN name, type, labelsOrTypes, properties"
)


def schema(graph: Graph) -> list[dict[str, object]]:
    """Constraints and indexes as the server reports them, sorted by name (for checks and `status`)."""
    rows = graph.read(SHOW_CONSTRAINTS) + graph.read(SHOW_INDEXES)
    return sorted(rows, key=lambda row: str(row["name"]))
