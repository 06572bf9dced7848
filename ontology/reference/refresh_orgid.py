"""Refresh org-id-prefixes.json from the org-id.guide register (https://github.com/org-id/register).

    python -m ontology.reference.refresh_orgid                 # download the register's main branch
    python -m ontology.reference.refresh_orgid --git DIR       # read a local clone (its HEAD commit)

The register keeps one JSON file per list under lists/<country>/<prefix>.json; only the fields cograph needs
are kept (code, English name, confirmed, deprecated, coverage, former prefixes), with the source and date.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import subprocess
import tarfile
import urllib.request
from collections.abc import Iterable
from pathlib import Path
from typing import Any

__all__ = ["OUTPUT", "REGISTER", "main", "prefixes_from_lists"]

REGISTER = "https://github.com/org-id/register"
_ARCHIVE = "https://codeload.github.com/org-id/register/tar.gz/refs/heads/main"
OUTPUT = Path(__file__).with_name("org-id-prefixes.json")


def prefixes_from_lists(lists: Iterable[tuple[str, bytes]]) -> list[dict[str, Any]]:
    """One entry per register list file: (path, JSON bytes) in, sorted prefix entries out."""
    found: dict[str, dict[str, Any]] = {}
    for path, data in lists:
        entry = json.loads(data)
        code = str(entry.get("code") or "").strip().upper()
        if not code:
            raise ValueError(f"{path} has no code; is this the org-id register?")
        found[code] = {
            "code": code,
            "name": str((entry.get("name") or {}).get("en") or ""),
            "confirmed": bool(entry.get("confirmed")),
            "deprecated": bool(entry.get("deprecated")),
            "coverage": sorted(str(c) for c in entry.get("coverage") or []),
            "formerPrefixes": sorted(str(p).upper() for p in entry.get("formerPrefixes") or [] if str(p).strip()),
        }
    return [found[code] for code in sorted(found)]


def _from_git(directory: Path) -> tuple[str, str, list[tuple[str, bytes]]]:
    def git(*args: str) -> bytes:
        return subprocess.run(["git", "-C", str(directory), *args], check=True, capture_output=True).stdout

    commit = git("rev-parse", "HEAD").decode().strip()
    date = git("show", "-s", "--format=%cI", "HEAD").decode().strip()
    names = [n for n in git("ls-tree", "-r", "--name-only", "HEAD", "lists").decode().split("\n") if n.endswith(".json")]
    return commit, date, [(name, git("show", f"HEAD:{name}")) for name in names]


def _from_archive() -> tuple[str, str, list[tuple[str, bytes]]]:
    with urllib.request.urlopen(_ARCHIVE, timeout=60) as response:
        data = response.read()
    files: list[tuple[str, bytes]] = []
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as archive:
        for member in archive.getmembers():
            parts = member.name.split("/")
            if member.isfile() and len(parts) > 2 and parts[1] == "lists" and member.name.endswith(".json"):
                handle = archive.extractfile(member)
                if handle is not None:
                    files.append(("/".join(parts[1:]), handle.read()))
    return "main", dt.datetime.now(dt.UTC).isoformat(timespec="seconds"), files


def _dumps(document: dict[str, Any]) -> str:
    """JSON with one prefix a line, so a refresh reads as a short diff."""
    head = {key: value for key, value in document.items() if key != "prefixes"}
    lines = [json.dumps(entry, ensure_ascii=False) for entry in document["prefixes"]]
    text = json.dumps(head, indent=1, ensure_ascii=False)[:-2]
    return text + ',\n "prefixes": [\n  ' + ",\n  ".join(lines) + "\n ]\n}\n"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--git", type=Path, help="a clone (or bare git directory) of org-id/register")
    args = parser.parse_args(argv)
    commit, date, lists = _from_git(args.git) if args.git else _from_archive()
    document = {
        "source": f"org-id.guide register, {REGISTER}, lists/*/*.json at commit {commit}",
        "registerDate": date,
        "retrieved": dt.date.today().isoformat(),
        "refresh": "python -m ontology.reference.refresh_orgid",
        "prefixes": prefixes_from_lists(lists),
    }
    OUTPUT.write_text(_dumps(document), encoding="utf-8")
    print(f"{OUTPUT}: {len(document['prefixes'])} prefixes from {commit} ({date})")


if __name__ == "__main__":
    main()
