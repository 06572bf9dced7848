"""docs/ontology.md is generated from the Turtle and kept up to date."""

from __future__ import annotations

from ontology.documentation import DEFAULT_OUTPUT, render
from ontology.mapping import model


def test_the_committed_page_is_what_the_generator_writes() -> None:
    assert DEFAULT_OUTPUT.read_text(encoding="utf-8") == render(), "run python -m ontology.documentation"


def test_the_page_lists_every_class_relationship_and_property() -> None:
    page = render()
    assert all(f"`cg:{label}`" in page for label in model().labels)
    assert all(f"`{rel_type}`" in page for rel_type in model().relationships.values())
    assert all(f"| `{name}` |" in page for name in model().datatypes)
    assert "`cgs:ProjectShape`" in page and "percentages sum to 100" in page
