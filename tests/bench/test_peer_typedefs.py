"""The peer's type definitions (bench/peer/typedefs.graphql) name only what cograph's model names."""

from __future__ import annotations

import re

import pytest

from bench import peer_typedefs
from bench.peer_typedefs import TYPEDEFS_PATH, Link, typedefs
from ontology.errors import OntologyError
from ontology.mapping import model, relationship_type
from ontology.model import entity_classes, property_names
from ontology.schema import class_schema

TYPE = re.compile(r'^type (\w+) @node\(labels: \["(\w+)"\]\) \{$')
FIELD = re.compile(r"^  (\w+)(?:\([^)]*\))?: (.+)$")
RELATIONSHIP = re.compile(r'^\[(\w+)!\]! @relationship\(type: "(\w+)", direction: (IN|OUT)\)$')
WALKED = re.compile(r"\[:`(\w+)`\]")
NODE = re.compile(r"\(\w*:`(\w+)`\)")


def _types(text: str) -> dict[str, list[tuple[str, str]]]:
    found: dict[str, list[tuple[str, str]]] = {}
    current = None
    for line in text.splitlines():
        if (head := TYPE.match(line)) is not None:
            assert head[1] == head[2], f"type {head[1]} reads the label {head[2]}"
            current = found.setdefault(head[1], [])
        elif (field := FIELD.match(line)) is not None:
            assert current is not None
            current.append((field[1], field[2]))
    return found


def test_the_committed_typedefs_are_the_generated_ones() -> None:
    assert TYPEDEFS_PATH.read_text(encoding="utf-8") == typedefs(), "run .venv/bin/python -m bench.peer_typedefs"


def test_every_label_property_and_relationship_is_the_models() -> None:
    types = _types(typedefs())
    assert {"Project", "Organization", "Participation", "CountryAllocation", "Country", "Theme"} <= set(types)
    relationship_types = set(model().relationships.values())
    for label, fields in types.items():
        assert label in model().labels
        properties = set(property_names(entity_classes()[label])) | {"iri"}
        for name, rest in fields:
            if (rel := RELATIONSHIP.match(rest)) is not None:
                target, rel_type, direction = rel.groups()
                assert rel_type in relationship_types, f"{label}.{name}: {rel_type}"
                prop = next(p for p, t in model().relationships.items() if t == rel_type)
                holder = label if direction == "OUT" else target
                assert prop in class_schema(holder).links, f"{label}.{name}: {holder} has no cg:{prop}"
            elif "@cypher" in rest:
                assert set(WALKED.findall(rest)) <= relationship_types, f"{label}.{name}"
                assert set(NODE.findall(rest)) <= set(model().labels), f"{label}.{name}"
            else:
                assert name in properties, f"{label}.{name} is no property of the model's {label}"


def test_a_link_the_shapes_do_not_hold_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    wrong = {**peer_typedefs.PEER_TYPES, "Theme": (Link("participations", "hasParticipation"),)}
    monkeypatch.setattr(peer_typedefs, "PEER_TYPES", wrong)
    with pytest.raises(OntologyError, match="Theme has no cg:hasParticipation"):
        typedefs()


def test_relationship_types_follow_the_ontology() -> None:
    assert f'@relationship(type: "{relationship_type("participant")}", direction: IN)' in typedefs()
