"""`cograph load` and `cograph sample` translate options into calls and results into output."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli.load import app
from graph.store import Graph
from loaders.errors import LoadError
from loaders.formats import files_to_load
from loaders.records import ProjectRecord
from loaders.sync import LoadOptions, iter_records
from loaders.validation import problems
from tests.loaders.conftest import EXAMPLES


@pytest.fixture
def connected(clean_graph: Graph) -> Graph:
    """The wiped session graph, which the command reaches through the same settings (it opens its own Graph)."""
    return clean_graph


def test_sample_is_synthetic_valid_and_reproducible(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["sample", "--projects", "40", "--seed", "5", "--out", str(tmp_path / "a")]
    )
    assert result.exit_code == 0, result.output
    (path,) = [Path(line) for line in result.stdout.split()]
    again = CliRunner().invoke(
        app, ["sample", "--projects", "40", "--seed", "5", "--out", str(tmp_path / "b")]
    )
    assert path.read_bytes() == Path(again.stdout.strip()).read_bytes()
    records = [r for r in iter_records([path], LoadOptions()) if isinstance(r, ProjectRecord)]
    assert len(records) == 40 and all(problems(r) == [] for r in records)
    assert all("synthetic" in (r.title or "") for r in records)
    assert len({p.org_name for r in records for p in r.participations}) > 10


def test_load_strict_exit_code_and_summary(connected: Graph, tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text(
        (EXAMPLES / "projects.csv").read_text(encoding="utf-8").replace(",MA,", ",ZZ,"), encoding="utf-8"
    )
    result = CliRunner().invoke(app, ["load", str(bad), "--strict"])
    assert result.exit_code == 1
    assert (
        "rejected: " in result.output and "'ZZ'" in result.output and "nothing was written" in result.output
    )
    assert connected.read("MATCH (p:Project) RETURN count(p) AS n")[0]["n"] == 0
    good = CliRunner().invoke(app, ["load", str(EXAMPLES / "projects.json"), "--partner", "ht"])
    assert good.exit_code == 0 and "2 loaded, 0 updated, 0 unchanged, 0 withdrawn, 0 rejected" in good.output


def test_load_takes_a_directory_of_files(connected: Graph, tmp_path: Path) -> None:
    # What `cograph sample --out DIR` writes can be loaded as DIR; a README beside the files is left alone.
    sampled = CliRunner().invoke(
        app, ["sample", "--projects", "12", "--seed", "6", "--out", str(tmp_path / "s")]
    )
    assert sampled.exit_code == 0, sampled.output
    (tmp_path / "s" / "README.txt").write_text("synthetic sample data\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["load", str(tmp_path / "s")])
    assert result.exit_code == 0, result.output
    assert "12 loaded" in result.output and "from 1 file" in result.output
    assert connected.read("MATCH (p:Project) RETURN count(p) AS n")[0]["n"] == 12


def test_a_directory_with_nothing_to_load_is_named(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("no records here\n", encoding="utf-8")
    with pytest.raises(LoadError, match=r"is a directory holding no file to load \(\.xml, \.csv"):
        files_to_load([tmp_path])
    assert files_to_load([tmp_path / "notes.txt"]) == [tmp_path / "notes.txt"]  # a file is read as given
