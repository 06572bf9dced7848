"""`cograph load FILE --server URL`: a partner syncs through the API with its key and no database access."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn

from api.app import create_app
from graph.accounts import add_account
from graph.store import Graph

pytestmark = pytest.mark.neo4j

COGRAPH = str(Path(sys.executable).parent / "cograph")
EXAMPLE = Path(__file__).resolve().parents[2] / "loaders" / "examples" / "projects.csv"


@pytest.fixture(scope="module")
def server(graph: Graph) -> Iterator[str]:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    app = create_app(graph=graph)
    running = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off")
    )
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not running.started:  # uvicorn has no ready callback; wait for its flag, bounded
        assert time.monotonic() < deadline and thread.is_alive(), "the test API server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    running.should_exit = True
    thread.join(timeout=30)


def load(server: str, key: str, *args: str) -> subprocess.CompletedProcess[str]:
    # No NEO4J_* and no local Neo4j state: the partner's machine knows only the server and its key.
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "COGRAPH_"))}
    env["COGRAPH_KEY"] = key
    env["COGRAPH_VAR"] = "/nonexistent/cograph-var"
    return subprocess.run(
        [COGRAPH, "load", str(EXAMPLE), "--server", server, *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )


def one_sentence(done: subprocess.CompletedProcess[str], *fragments: str) -> None:
    assert done.returncode != 0 and "Traceback" not in done.stderr + done.stdout
    message = done.stderr.strip()
    assert message.startswith("cograph: ") and message.count("\n") == 0, message
    for fragment in fragments:
        assert fragment in message, message


def test_a_partner_loads_its_own_records_through_the_api(clean_graph: Graph, server: str) -> None:
    key = str(add_account(clean_graph, "remote-ngo", "Remote NGO", "partner").key)
    first = load(server, key)
    assert first.returncode == 0, first.stderr
    rows = clean_graph.read("MATCH (p:Project) RETURN DISTINCT p.partner AS partner, count(*) AS n")
    assert (
        len(rows) == 1 and rows[0]["partner"] == "remote-ngo"
    )  # the file's partner column is not the caller
    assert f"{rows[0]['n']} loaded, 0 updated, 0 unchanged" in first.stdout
    again = load(server, key)
    assert again.returncode == 0 and f"0 loaded, 0 updated, {rows[0]['n']} unchanged" in again.stdout
    activities = clean_graph.read("MATCH (a:SyncActivity) RETURN DISTINCT a.actor AS actor, a.via AS via")
    assert activities == [{"actor": "remote-ngo", "via": "graphql"}]


def test_the_server_refuses_what_the_key_may_not_do(clean_graph: Graph, server: str) -> None:
    partner = str(add_account(clean_graph, "careful-ngo", "Careful NGO", "partner").key)
    officer = str(add_account(clean_graph, "desk-officer", "Desk officer", "officer").key)
    one_sentence(load(server, partner, "--partner", "someone-else"), "only its own projects")
    one_sentence(load(server, officer), "FORBIDDEN", "officer")
    one_sentence(load(server, "cgk_000000000000_not-a-key"), "UNAUTHENTICATED", "not valid")
    one_sentence(load(server, ""), "COGRAPH_KEY")
    assert clean_graph.read("MATCH (p:Project) RETURN count(p) AS n") == [{"n": 0}]
