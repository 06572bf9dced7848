"""Every GraphQL document the explorer sends is valid against the API's schema (no browser, no Neo4j)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from graphql import parse, validate

from api.schema import schema

EXPLORER = Path(__file__).resolve().parents[2] / "explorer"


def explorer_documents() -> dict[str, str]:
    node = shutil.which("node")
    if node is None:
        pytest.fail("Node.js is needed to read the explorer's GraphQL documents; install Node 20.")
    done = subprocess.run(
        [node, "dump-queries.mjs"], cwd=EXPLORER, capture_output=True, text=True, timeout=60, check=True
    )
    documents: dict[str, str] = json.loads(done.stdout)
    return documents


def test_the_explorer_sends_documents() -> None:
    assert {
        "NETWORK_OVERVIEW",
        "NETWORK_FINDINGS",
        "DRILL_PROJECTS",
        "DRILL_PROJECT",
        "COVERAGE",
        "FINDINGS",
    } <= set(explorer_documents())


@pytest.mark.parametrize("name", sorted(explorer_documents()))
def test_document_is_valid_against_the_schema(name: str) -> None:
    errors = validate(schema._schema, parse(explorer_documents()[name]))
    assert [error.message for error in errors] == []
