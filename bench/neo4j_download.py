"""How long Maven takes to provision the local Neo4j's jars, cold (empty Maven cache) or warm, and what it downloads.

Run: `.venv/bin/python bench/neo4j_download.py --way pinned` (or `--way range`, the transitive resolution of
graph/neo4j-pom.xml that `cograph neo4j start` used before the pinned list). Each run uses its own Maven
cache, a fresh directory under /tmp unless `--repo DIR` names one (run twice with the same `--repo` for the
warm figure); ~/.m2 is never touched. The network is shared: run one measurement at a time.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from graph.local import find_maven  # noqa: E402
from graph.maven import RANGE_POM, fetch_jars, pinned, verify  # noqa: E402


def repository_figures(repo: Path) -> dict[str, float]:
    files = [path for path in repo.rglob("*") if path.is_file()]
    return {
        "POMs in the Maven cache": sum(1 for path in files if path.suffix == ".pom"),
        "jars in the Maven cache": sum(1 for path in files if path.suffix == ".jar"),
        "Maven cache size, MB": sum(path.stat().st_size for path in files) / 1e6,
    }


def run_range(mvn: str, repo: Path, lib: Path, work: Path) -> int:
    """The old way: the version ranges of neo4j-pom.xml, resolved transitively by copy-dependencies."""
    work.mkdir(parents=True, exist_ok=True)
    pom = work / "pom.xml"
    pom.write_bytes((ROOT / "graph" / RANGE_POM).read_bytes())
    command = [
        mvn, "-B", "-f", str(pom), "dependency:copy-dependencies", f"-DoutputDirectory={lib}",
        "-DincludeScope=runtime", f"-Dmaven.repo.local={repo}",
    ]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    return sum(1 for line in done.stdout.splitlines() if "Downloaded from" in line)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--way", choices=["pinned", "range"], default="pinned")
    parser.add_argument("--repo", type=Path, help="the Maven cache to use (default: a new empty one)")
    args = parser.parse_args()
    mvn = find_maven()
    repo = (args.repo or Path(tempfile.mkdtemp(prefix=f"cograph-m2-{args.way}-"))).resolve()
    repo.mkdir(parents=True, exist_ok=True)
    state = "warm" if any(repo.iterdir()) else "cold"
    scratch = Path(tempfile.mkdtemp(prefix="cograph-neo4j-lib-"))
    lib = scratch / "lib"
    try:
        started = time.perf_counter()
        if args.way == "range":
            downloads = run_range(mvn, repo, lib, scratch / "maven")
        else:
            os.environ["MAVEN_OPTS"] = f"{os.environ.get('MAVEN_OPTS', '')} -Dmaven.repo.local={repo}".strip()
            fetch_jars(mvn, lib, scratch / "maven")
            downloads = -1
        elapsed = time.perf_counter() - started
        problems = verify(lib, pinned())
        figures: dict[str, float | str] = {
            "way": args.way,
            "Maven cache before the run": state,
            "Maven cache (kept for a warm run)": str(repo),
            "wall time, s": elapsed,
            "jars copied to lib/": len(list(lib.glob("*.jar"))),
            "lib/ size, MB": sum(path.stat().st_size for path in lib.glob("*.jar")) / 1e6,
            "lib/ matches the pinned list": "yes" if not problems else f"no: {'; '.join(problems[:3])}",
            **repository_figures(repo),
        }
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    if downloads >= 0:
        figures["files Maven downloaded"] = downloads
    for name, value in figures.items():
        print(f"{name:<40} {value:>12.1f}" if isinstance(value, float) else f"{name:<40} {value!s:>12}")


if __name__ == "__main__":
    main()
