"""The command line answers bad settings with one sentence and a non-zero exit, never a traceback."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from graph.settings import Settings

COGRAPH = str(Path(sys.executable).parent / "cograph")


def run(args: list[str], **env: str) -> subprocess.CompletedProcess[str]:
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    full_env.update(env)
    return subprocess.run([COGRAPH, *args], capture_output=True, text=True, env=full_env, timeout=120, check=False)


def assert_one_sentence(done: subprocess.CompletedProcess[str], *fragments: str) -> None:
    assert done.returncode != 0
    assert "Traceback" not in done.stderr + done.stdout
    message = done.stderr.strip()
    assert message.startswith("cograph: ") and message.count("\n") == 0, message
    for fragment in fragments:
        assert fragment in message, message


def test_malformed_uri() -> None:
    assert_one_sentence(run(["init"], NEO4J_URI="http://localhost:7474"), "NEO4J_URI", "bolt://")


def test_nothing_listening() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    assert_one_sentence(run(["init"], NEO4J_URI=f"bolt://127.0.0.1:{port}"), f"127.0.0.1:{port}", "not reachable")


@pytest.mark.neo4j
def test_wrong_password(neo4j_settings: Settings) -> None:
    done = run(["init"], NEO4J_URI=neo4j_settings.uri, NEO4J_PASSWORD="wrong-password")
    assert_one_sentence(done, neo4j_settings.uri, "refused", "NEO4J_PASSWORD")


def test_no_neo4j_configured(tmp_path: Path) -> None:
    assert_one_sentence(run(["init"], COGRAPH_VAR=str(tmp_path)), "cograph neo4j start", "NEO4J_URI")


def test_help_reads_well() -> None:
    done = run(["--help"])
    assert done.returncode == 0
    for command in ("init", "serve", "neo4j"):
        assert command in done.stdout
