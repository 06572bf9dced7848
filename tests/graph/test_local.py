"""The project's own Neo4j: start, status, stop, against a second real server in a temporary state dir."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from graph import local
from graph.errors import LocalNeo4jError
from graph.settings import from_env
from graph.store import Graph

pytestmark = pytest.mark.neo4j


def test_start_status_stop(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COGRAPH_VAR", str(tmp_path / "var"))
    assert not local.status().running
    status, started = local.start()
    try:
        assert started and status.running and status.pid is not None
        assert status.version is not None and status.version.startswith("5.26.")
        assert status.uri is not None and status.uri.startswith("bolt://127.0.0.1:")
        conf = (tmp_path / "var" / "neo4j" / "conf" / "neo4j.conf").read_text()
        assert "server.bolt.listen_address=127.0.0.1:" in conf and "dbms.security.auth_enabled=true" in conf
        password = tmp_path / "var" / "neo4j-password"
        assert stat.S_IMODE(password.stat().st_mode) == 0o600
        with Graph(from_env()) as graph:
            assert graph.verify() == status.version
        again, started_again = local.start()
        assert not started_again and again.pid == status.pid
    finally:
        stopped = local.stop()
    assert stopped
    assert not Path(f"/proc/{status.pid}").exists() or not local._alive(status.pid)
    assert not local.status().running
    assert local.stop() is False


def test_missing_maven_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(LocalNeo4jError, match="install it"):
        local.find_maven()


def test_java_version_is_read(monkeypatch: pytest.MonkeyPatch) -> None:
    java = local.find_java()
    assert local.java_major(java) in local.SUPPORTED_JAVA
    assert os.access(java, os.X_OK)


def test_start_that_does_not_answer_in_time_fails_clearly_and_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COGRAPH_VAR", str(tmp_path / "var"))
    with pytest.raises(LocalNeo4jError) as caught:
        local.start(timeout=0.5)
    message = str(caught.value)
    assert "did not answer" in message and ("within 0 s" in message or "within 1 s" in message)
    assert "it was stopped" in message
    assert not local.status().running
    pid = local._read_state().get("pid")
    assert isinstance(pid, int) and not local._alive(pid)


def test_generated_passwords_are_never_read_as_an_option() -> None:
    # neo4j-admin takes a leading "-" for an option (exit 64); token_urlsafe starts with one about 1 in 64 draws
    drawn = [local.new_password() for _ in range(2000)]
    assert not [p for p in drawn if p.startswith("-")]
    assert len(set(drawn)) == len(drawn)
    assert min(len(p) for p in drawn) >= 32
