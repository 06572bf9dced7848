"""Which format a file is in (sniffed from its first bytes when not given) and the module that reads it."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

from loaders.errors import LoadError
from loaders.records import ProjectRecord, Rejection

__all__ = ["FORMATS", "LOADABLE_SUFFIXES", "files_to_load", "read_file", "sniff"]

FORMATS = ("iati", "hxl", "csv", "json", "rdf")
_SNIFF_BYTES = 8192
LOADABLE_SUFFIXES = (".xml", ".csv", ".tsv", ".json", ".jsonl", ".jsonld", ".ttl", ".nt")
"""What a directory given to a load contributes: its files with these suffixes (a README or a .txt is left)."""


def files_to_load(paths: Sequence[Path]) -> list[Path]:
    """The files a load reads: each file as given, and for a directory the files directly in it whose suffix
    is one of LOADABLE_SUFFIXES, by name (hidden ones left out). A path that is neither, or a directory
    holding no such file, is a LoadError naming it."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            inside = sorted(
                child
                for child in path.iterdir()
                if child.is_file()
                and not child.name.startswith(".")
                and child.suffix.lower() in LOADABLE_SUFFIXES
            )
            if not inside:
                raise LoadError(
                    f"{path} is a directory holding no file to load ({', '.join(LOADABLE_SUFFIXES)}); "
                    "name the files instead."
                )
            found.extend(inside)
        else:
            found.append(path)
    return found


def sniff(path: Path) -> str:
    """iati, hxl, csv, json or rdf, from the suffix and the first bytes of the file."""
    suffix = path.suffix.lower()
    if suffix in (".ttl", ".jsonld", ".nt"):
        return "rdf"
    try:
        with path.open("rb") as handle:
            head = handle.read(_SNIFF_BYTES)
    except OSError as error:
        raise LoadError(
            f"{path} cannot be read ({error.strerror}); check the path and permissions."
        ) from error
    text = head.decode("utf-8", errors="replace").lstrip("\ufeff").lstrip()
    if text.startswith("<") or suffix == ".xml":
        return "iati"
    if text.startswith(("{", "[")):
        return "rdf" if '"@context"' in text[:2000] else "json"
    if text.startswith("@prefix") or text.startswith("PREFIX"):
        return "rdf"
    lines = text.splitlines()[:25]
    if any(_is_hashtag_row(line) for line in lines):
        return "hxl"
    if suffix in (".csv", ".tsv", ".txt"):
        return "csv"
    if suffix == ".json" or suffix == ".jsonl":
        return "json"
    raise LoadError(
        f"{path}: cannot tell its format from its content; pass --format iati, hxl, csv, json or rdf."
    )


def _is_hashtag_row(line: str) -> bool:
    cells = [cell.strip().strip('"') for cell in line.split(",")]
    filled = [cell for cell in cells if cell]
    return bool(filled) and sum(cell.startswith("#") for cell in filled) * 2 > len(filled)


def read_file(
    path: Path, file_format: str | None, *, country: str | None = None
) -> Iterator[ProjectRecord | Rejection]:
    """The records (and unreadable parts, as rejections) of one file."""
    chosen = file_format or sniff(path)
    if chosen == "iati":
        from loaders.iati import read_iati

        return read_iati(path)
    if chosen == "hxl":
        from loaders.hxl import read_hxl

        return read_hxl(path, country=country)
    if chosen == "csv":
        from loaders.template import read_csv

        return read_csv(path)
    if chosen == "json":
        from loaders.template import read_json

        return read_json(path)
    if chosen == "rdf":
        from loaders.rdf import read_rdf

        return read_rdf(path)
    raise LoadError(f"--format {chosen!r} is unknown; use one of {', '.join(FORMATS)}.")
