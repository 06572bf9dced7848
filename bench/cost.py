"""The query cost of issue 11, item 2, before and after the budget: computed cost, and what answering took.

Before the budget nothing priced a query: the nested query ran (the tester measured ~9 s and 9 MB, three aliases
29 s, four clients 77 s each and 1.3 GB). Now its cost is computed before it runs and it is refused; this prints
the cost of it, of its three-alias form and of the explorer's own documents against the budget, and the time
and Python memory the refusal takes through the real ASGI app (it never reaches Neo4j, so none is needed).

Run: `.venv/bin/python -m bench.cost` (as a module: bench/api.py would shadow the api package).
"""

from __future__ import annotations

import json
import subprocess
import time
import tracemalloc
from pathlib import Path

from graphql import FragmentDefinitionNode, OperationDefinitionNode, parse
from starlette.testclient import TestClient

from api.app import create_app
from api.cost import budget, operation_cost
from api.schema import schema
from graph.store import Graph

ROOT = Path(__file__).resolve().parent.parent
NESTED = (
    "{ countries(first:100){nodes{iso2 projects(first:100){nodes{iri countries{country{"
    "projects(first:100){nodes{iri organizations{name}}}}}}}}} }"
)
INNER = NESTED[1:-1]
ALIASES = "{ " + " ".join(f"a{n}: {INNER.strip()}" for n in range(3)) + " }"


def cost(text: str, variables: dict[str, object] | None = None) -> int:
    document = parse(text)
    fragments = {d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)}
    operation = next(d for d in document.definitions if isinstance(d, OperationDefinitionNode))
    return operation_cost(schema._schema, operation, fragments, variables)


def explorer_documents() -> dict[str, str]:
    done = subprocess.run(
        ["node", "dump-queries.mjs"], cwd=ROOT / "explorer", capture_output=True, text=True, check=False
    )
    return json.loads(done.stdout) if done.returncode == 0 else {}


def never_connect() -> Graph:
    raise AssertionError("an over-budget query reached Neo4j")


def main() -> None:
    limit = budget()
    print(f"budget: {limit:,} estimated rows (COGRAPH_MAX_QUERY_COST)")
    print(f"{'document':<44} {'cost':>14}  verdict")
    rows = [("issue 11 item 2 nested query", NESTED), ("the same, three aliases", ALIASES)]
    for name, text in rows:
        value = cost(text)
        print(f"{name:<44} {value:>14,}  {'refused' if value > limit else 'runs'}")
    for name, text in sorted(explorer_documents().items()):
        value = cost(text, {"first": 100})
        print(
            f"{'explorer ' + name + ' (first: 100)':<44} {value:>14,}  {'refused' if value > limit else 'runs'}"
        )
    with TestClient(create_app(graph=never_connect)) as client:
        client.post("/graphql", json={"query": "{ __typename }"})  # warm the parser and validation caches
        for name, text in rows:
            tracemalloc.start()
            started = time.perf_counter()
            response = client.post("/graphql", json={"query": text})
            elapsed = time.perf_counter() - started
            _, peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
            error = response.json()["errors"][0]
            print(
                f"answer to {name!r}: HTTP {response.status_code}, {error['extensions']['code']}, "
                f"cost {error['extensions']['cost']:,}, in {elapsed * 1000:.1f} ms, peak Python memory "
                f"{peak / 1024:.0f} KiB"
            )


if __name__ == "__main__":
    main()
