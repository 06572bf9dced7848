"""The graphql-http audit suite (GraphQL over HTTP) against the API served by uvicorn on loopback."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn

from api.app import create_app
from graph.store import Graph

pytestmark = pytest.mark.neo4j
AUDIT = Path(__file__).with_name("audit")


@pytest.fixture(scope="module")
def server_url(seeded: Graph) -> Iterator[str]:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    sock.listen(64)  # listening before the server thread starts, so the first request just waits in the queue
    port = sock.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(create_app(graph=seeded), log_level="warning", lifespan="off")
    )
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{port}/graphql"
    server.should_exit = True
    thread.join(timeout=30)
    sock.close()


def _npm_install() -> None:
    if (AUDIT / "node_modules" / "graphql-http").is_dir():
        return
    command = (
        ["npm", "ci", "--no-audit", "--no-fund"]
        if (AUDIT / "package-lock.json").exists()
        else ["npm", "install"]
    )
    subprocess.run(command, cwd=AUDIT, check=True, capture_output=True, timeout=240)


def test_graphql_http_audits_pass(server_url: str) -> None:
    if shutil.which("node") is None or shutil.which("npm") is None:
        pytest.skip(
            "Node.js and npm are needed to run the graphql-http audit suite; install Node 18 or later"
        )
    _npm_install()
    done = subprocess.run(
        ["node", "audit.mjs", server_url], cwd=AUDIT, check=True, capture_output=True, text=True, timeout=120
    )
    results = json.loads(done.stdout)
    assert len(results) > 30
    failed = [f"{r['id']} {r['name']}: {r['reason']}" for r in results if r["status"] == "error"]
    warned = [f"{r['id']} {r['name']}: {r['reason']}" for r in results if r["status"] == "warn"]
    assert not failed, "\n".join(failed)
    assert not warned, "\n".join(warned)
