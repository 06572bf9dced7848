"""The template's columns and fields, derived from the model, are the ones docs/loaders.md documents and the
examples use, so a change of the model that would change a partner's format shows here."""

from __future__ import annotations

import json
import re
from pathlib import Path

from loaders.template import CSV_COLUMNS, JSON_FIELDS

_ROOT = Path(__file__).resolve().parents[2]


def _documented(heading: str) -> list[str]:
    """The names the section's code-span list gives (`identifier, ...`), in their order."""
    text = (_ROOT / "docs" / "loaders.md").read_text(encoding="utf-8")
    section = text.split(f"## {heading}", 1)[1].split("\n## ", 1)[0]
    listed = section[section.index("`identifier, ") + 1 :]
    while re.search(r"\([^()]*\)", listed):  # drop the explanations in brackets, innermost first
        listed = re.sub(r"\([^()]*\)", "", listed)
    listed = listed.split("`", 1)[0]
    names = [word.split()[0] for item in listed.split(",") for word in item.split(" or ") if word.strip()]
    return [name for name in names if "@" not in name]


def test_the_csv_columns_are_the_documented_ones_in_their_order() -> None:
    assert _documented("The project's CSV template") == list(CSV_COLUMNS)


def test_the_json_fields_are_the_documented_ones_in_their_order() -> None:
    documented = _documented("The project's JSON template")
    assert documented == list(JSON_FIELDS)


def test_the_examples_use_only_template_columns_and_fields() -> None:
    header = (_ROOT / "loaders" / "examples" / "projects.csv").read_text(encoding="utf-8").splitlines()[0]
    assert {name.split("@")[0] for name in header.split(",")} <= set(CSV_COLUMNS)
    items = json.loads((_ROOT / "loaders" / "examples" / "projects.json").read_text(encoding="utf-8"))
    items = items["projects"] if isinstance(items, dict) else items
    assert {key for item in items for key in item} <= set(JSON_FIELDS)
