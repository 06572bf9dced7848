"""`cograph partner ...` and `cograph changes`: keys shown once and stored only as hashes, one-line errors."""

from __future__ import annotations

import datetime as dt

import pytest
from typer.testing import CliRunner

from cli.main import app
from graph.accounts import account_for_key
from graph.store import Graph

pytestmark = pytest.mark.neo4j


def cograph(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_add_list_rotate_revoke(clean_graph: Graph) -> None:
    code, out, err = cograph("partner", "add", "ngo-hope", "--name", "Hope Shelter Network")
    assert code == 0, err
    key = out.strip()
    assert key.startswith("cgk_") and "shown this once" in err
    found = account_for_key(clean_graph, key)
    assert found is not None and (found.id, found.role.value) == ("ngo-hope", "partner")
    stored = clean_graph.read("MATCH (a:Account) RETURN properties(a) AS props")[0]["props"]
    assert key not in str(stored) and key.split("_")[-1] not in str(stored)

    code, out, _ = cograph("partner", "list")
    assert code == 0 and "ngo-hope" in out and "partner" in out and "active" in out and key not in out

    code, out, _ = cograph("partner", "rotate", "ngo-hope")
    new_key = out.strip()
    assert code == 0 and new_key != key
    assert account_for_key(clean_graph, key) is None and account_for_key(clean_graph, new_key) is not None

    code, out, _ = cograph("partner", "revoke", "ngo-hope")
    assert code == 0 and "revoked" in out
    code, out, _ = cograph("partner", "list")
    assert "revoked" in out
    refused = CliRunner().invoke(app, ["partner", "rotate", "ngo-hope"])
    assert refused.exit_code == 1 and "--reinstate" in str(refused.exception)
    code, out, _ = cograph("partner", "rotate", "ngo-hope", "--reinstate")
    assert code == 0 and account_for_key(clean_graph, out.strip()) is not None


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["partner", "add", "dup", "--name", "Duplicate"], "exists already"),
        (["partner", "add", "x1", "--name", "X", "--role", "king"], "partner, officer, admin"),
        (["partner", "add", "bad id!", "--name", "X"], "not a usable account id"),
        (["partner", "revoke", "nobody"], "no account"),
        (["changes", "--since", "last tuesday"], "2026-01-01"),
    ],
)
def test_mistakes_are_one_sentence(clean_graph: Graph, args: list[str], fragment: str) -> None:
    cograph("partner", "add", "dup", "--name", "Duplicate")
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 1
    assert fragment in str(result.exception) or fragment in result.output


def test_changes_lists_what_a_load_did(clean_graph: Graph) -> None:
    from loaders.sync import LoadOptions, load_files
    from tests.loaders.conftest import EXAMPLES

    since = dt.datetime.now(dt.UTC).isoformat()
    load_files(clean_graph, [EXAMPLES / "projects.csv"], LoadOptions())
    code, out, err = cograph("changes", "--since", since)
    assert code == 0, err
    lines = out.strip().splitlines()
    assert lines and all(" created " in line and " via file" in line for line in lines)
    code, out, _ = cograph("changes", "--since", since, "--action", "withdrawn")
    assert code == 0 and out.strip() == ""
