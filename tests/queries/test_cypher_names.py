"""Every Cypher constant in queries/ and loaders/ names only labels, relationship types and properties the
domain model has: a typo or a property the ontology dropped fails here, not silently returns nothing."""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections.abc import Iterator, Mapping
from types import ModuleType

import pytest

import loaders
import queries
from ontology import model
from ontology.mapping import ROOT_LABEL
from ontology.mapping import model as mapping

_CONSTANT = re.compile(r"^_?[A-Z][A-Z0-9_]*$")
_CYPHER = re.compile(
    r"\b(MATCH|MERGE|CREATE|UNWIND|RETURN|WHERE|SET|DELETE|EXISTS|COLLECT|coalesce)\b|^n\.\w+$|\$[a-z_]+\b"
)
_STRING_LITERAL = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"")
_LABEL = re.compile(r"(?<=[\w`)])((?::`?[A-Za-z_]\w*`?)+)|(?<=\()((?::`?[A-Za-z_]\w*`?)+)")
_RELATIONSHIP = re.compile(r"\[\w*:([`\w|:]+)")
_PROPERTY = re.compile(r"(?<![\w.$])([a-z_]\w*)\.([A-Za-z_]\w*)\b(?!\s*\()")
_PROJECTED = re.compile(r"(?<=[{,])\s*\.([A-Za-z_]\w*)")
_NODE_MAP = re.compile(r"\(\s*\w*\s*(?::`?\w+`?)+\s*\{([^{}]*)\}")
_MAP_KEY = re.compile(r"(\w+)\s*:")
_BOUND_MAPS = re.compile(r"\bAS\s+(\w+)|\b(\w+)\s+IN\s+\$|\[\s*(\w+)\s+IN\b|\bFOREACH\s*\(\s*(\w+)\s+IN\b")
_RELATIONSHIP_PATTERN = re.compile(r"\[\w*:[^\]]*\]")
# Procedure namespaces, not variables.
_NOT_VARIABLES = {"db", "apoc"}


def _modules(package: ModuleType) -> Iterator[ModuleType]:
    for info in pkgutil.iter_modules(package.__path__, f"{package.__name__}."):
        yield importlib.import_module(info.name)


def _texts(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, Mapping):
        for each in value.values():
            yield from _texts(each)
    elif isinstance(value, tuple | list):
        for each in value:
            yield from _texts(each)


def cypher_constants() -> dict[str, str]:
    found: dict[str, str] = {}
    for package in (queries, loaders):
        for module in _modules(package):
            for name, value in vars(module).items():
                if not _CONSTANT.match(name) or isinstance(value, type):
                    continue
                for index, text in enumerate(_texts(value)):
                    if _CYPHER.search(text):
                        found[f"{module.__name__}.{name}[{index}]"] = text
    # a fragment (the sync core's `_DEPENDENTS`) is checked inside the statements that use it, where the
    # variables it reads are bound
    return {
        name: text
        for name, text in found.items()
        if not (
            name.split(".")[-1].startswith("_")
            and any(text != other and text in other for other in found.values())
        )
    }


def _unbacktick(name: str) -> str:
    return name.strip("`")


def names_in(text: str) -> tuple[set[str], set[str], set[str]]:
    """The labels, relationship types and properties a Cypher text names (string literals left out)."""
    text = _STRING_LITERAL.sub("''", text)
    labels = {
        _unbacktick(label)
        for match in _LABEL.finditer(_RELATIONSHIP_PATTERN.sub("[]", text))
        for group in match.groups()
        if group
        for label in group.split(":")
        if label
    }
    types = {
        _unbacktick(t)
        for match in _RELATIONSHIP.finditer(text)
        for t in re.split(r"[|:]", match.group(1).split("*")[0])
        if t
    }
    # map keys of node patterns like (:Country {iso2: $iso2}) are properties; variables bound to rows or maps
    # (UNWIND $rows AS row, ... AS it) hold plain maps, whose keys are not properties of a node
    maps = {next(g for g in m.groups() if g) for m in _BOUND_MAPS.finditer(text)}
    node_vars = set(re.findall(r"\((\w+)\s*:", text)) | set(
        re.findall(r"YIELD\s+node(?:\s+AS\s+(\w+))?", text)
    )
    properties = {
        prop
        for var, prop in _PROPERTY.findall(text)
        if var not in _NOT_VARIABLES and (var not in maps or var in node_vars)
    }
    properties |= set(_PROJECTED.findall(text))
    properties |= {key for body in _NODE_MAP.findall(text) for key in _MAP_KEY.findall(body)}
    labels -= {"Resource"} - {ROOT_LABEL}
    return labels, types, properties


def _model_properties() -> set[str]:
    names = {"iri"}
    for cls in model.entity_classes().values():
        names.update(model.property_names(cls))
    return names


CONSTANTS = cypher_constants()


def test_the_constants_are_found() -> None:
    assert any(name.startswith("queries.catalog.PROJECT_ACTIVE") for name in CONSTANTS)
    assert any(name.startswith("loaders.writer.UPSERT_PROJECTS") for name in CONSTANTS)
    assert any(name.startswith("queries.scope.SCOPED_CELLS") for name in CONSTANTS)
    assert any(name.startswith("queries.catalog.PROJECT_IN_STATUSES") for name in CONSTANTS)
    assert not any(name.startswith("loaders.writer._DEPENDENTS") for name in CONSTANTS)


def test_the_parser_finds_each_kind_of_name() -> None:
    labels, types, properties = names_in(
        "MATCH (p:Project:`Resource` {iri: $iri})-[:HAS_PARTICIPATION|PARTICIPANT]->(x) WHERE x:Participation "
        "AND p.status <> 'a.b' RETURN p {.title, labels: labels(p)}"
    )
    assert labels == {"Project", "Resource", "Participation"}
    assert types == {"HAS_PARTICIPATION", "PARTICIPANT"}
    assert properties == {"iri", "status", "title"}


def test_a_misspelt_name_is_caught() -> None:
    labels, types, properties = names_in("MATCH (p:Projet)-[:HAS_PARTICIPATON]->() WHERE p.stauts = $s")
    assert labels - set(mapping().labels) == {"Projet"}
    assert types - set(mapping().relationships.values()) == {"HAS_PARTICIPATON"}
    assert properties - _model_properties() == {"stauts"}


@pytest.mark.parametrize("name", sorted(CONSTANTS))
def test_a_constant_names_only_what_the_model_has(name: str) -> None:
    labels, types, properties = names_in(CONSTANTS[name])
    assert labels - set(mapping().labels) == set(), "labels the ontology does not have"
    assert types - set(mapping().relationships.values()) == set(), (
        "relationship types the ontology does not have"
    )
    assert properties - _model_properties() == set(), "properties the domain model does not have"
