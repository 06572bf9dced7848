"""The Neo4j mapping, derived from the ontology's Turtle: labels, relationship types, properties, indexes.

A `cg:` class is a label (plus every `cg:` superclass and `Resource`), a `cg:` object property a relationship
type (UPPER_SNAKE of its local name) and a `cg:` datatype property a node property of the same local name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from ontology.errors import OntologyError
from ontology.namespaces import CG
from ontology.turtle import schema_graph

__all__ = [
    "LANG_STRING",
    "ROOT_LABEL",
    "IndexSpec",
    "Model",
    "class_iri",
    "index_specs",
    "labels_for",
    "list_property_name",
    "local_name",
    "model",
    "most_specific",
    "property_iri",
    "relationship_type",
    "secret_properties",
    "upper_snake",
]

ROOT_LABEL = "Resource"
LANG_STRING = str(RDF.langString)
_CAMEL_BOUNDARY = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")


@dataclass(frozen=True)
class IndexSpec:
    """One index or uniqueness constraint on `label(property)` that graph/ turns into a migration."""

    label: str
    property: str
    unique: bool


@dataclass(frozen=True)
class Model:
    """Everything the mapping derives from the ontology, keyed by local names."""

    superclasses: dict[str, tuple[str, ...]]
    """Each cg: class and its cg: superclasses, nearest first (the class itself excluded)."""
    relationships: dict[str, str]
    """Each cg: object property's local name and its relationship type."""
    datatypes: dict[str, str]
    """Each cg: datatype property's local name and the IRI of its rdfs:range datatype."""
    unique_properties: dict[str, tuple[str, ...]]
    indexed_properties: dict[str, tuple[str, ...]]

    @property
    def labels(self) -> tuple[str, ...]:
        return tuple(sorted(self.superclasses))


def local_name(iri: str) -> str:
    """The part of a cg: IRI after `#`; raises OntologyError for IRIs outside cg:."""
    if not iri.startswith(str(CG)):
        raise OntologyError(
            f"{iri} is not a cograph term (they start with {CG}); use a cg: class or property."
        )
    return iri[len(str(CG)) :]


def upper_snake(name: str) -> str:
    """`hasCountryAllocation` -> `HAS_COUNTRY_ALLOCATION`."""
    return _CAMEL_BOUNDARY.sub("_", name).upper()


def _cg_subjects(graph: Graph, rdf_type: URIRef) -> list[URIRef]:
    return sorted(s for s in graph.subjects(RDF.type, rdf_type) if isinstance(s, URIRef) and s.startswith(CG))


def _superclasses(graph: Graph, cls: URIRef) -> tuple[str, ...]:
    """cg: superclasses of `cls`, breadth first so the nearest come first."""
    seen: list[str] = []
    frontier = [cls]
    while frontier:
        parents = [
            parent
            for node in frontier
            for parent in sorted(p for p in graph.objects(node, RDFS.subClassOf) if isinstance(p, URIRef))
            if parent.startswith(CG)
        ]
        frontier = []
        for parent in parents:
            name = local_name(parent)
            if name not in seen:
                seen.append(name)
                frontier.append(parent)
    return tuple(seen)


def _annotated(graph: Graph, cls: URIRef, annotation: URIRef) -> tuple[str, ...]:
    return tuple(sorted(local_name(str(p)) for p in graph.objects(cls, annotation)))


@lru_cache(maxsize=1)
def model() -> Model:
    """The mapping derived from ontology/cograph.ttl (parsed once)."""
    graph = schema_graph()
    classes = _cg_subjects(graph, OWL.Class)
    datatypes: dict[str, str] = {}
    for prop in _cg_subjects(graph, OWL.DatatypeProperty):
        ranges = [str(r) for r in graph.objects(prop, RDFS.range)]
        if len(ranges) != 1:
            raise OntologyError(
                f"The datatype property {prop} needs exactly one rdfs:range; fix cograph.ttl."
            )
        datatypes[local_name(prop)] = ranges[0]
    return Model(
        superclasses={local_name(c): _superclasses(graph, c) for c in classes},
        relationships={
            local_name(p): upper_snake(local_name(p)) for p in _cg_subjects(graph, OWL.ObjectProperty)
        },
        datatypes=datatypes,
        unique_properties={local_name(c): _annotated(graph, c, CG.uniqueProperty) for c in classes},
        indexed_properties={local_name(c): _annotated(graph, c, CG.indexedProperty) for c in classes},
    )


def _name_of(term: str) -> str:
    return local_name(term) if "#" in term or "/" in term else term


def labels_for(class_local_name: str) -> tuple[str, ...]:
    """The Neo4j labels of a node of a class: the class, its cg: superclasses (nearest first), `Resource`."""
    name = _name_of(class_local_name)
    supers = model().superclasses.get(name)
    if supers is None:
        raise OntologyError(
            f"{name!r} is not a class of the cograph ontology; use one of {', '.join(model().labels)}."
        )
    return (
        (name, *(s for s in supers if s != ROOT_LABEL), ROOT_LABEL) if name != ROOT_LABEL else (ROOT_LABEL,)
    )


def relationship_type(prop: str) -> str:
    """The relationship type of a cg: object property, given by local name or IRI."""
    name = _name_of(prop)
    try:
        return model().relationships[name]
    except KeyError:
        raise OntologyError(
            f"{name!r} is not an object property of the cograph ontology; use one of "
            f"{', '.join(sorted(model().relationships))}."
        ) from None


def list_property_name(name: str) -> str:
    """The node property holding every language of a langString property: `title` -> `titles`."""
    return f"{name}s"


def class_iri(label: str) -> URIRef:
    """The IRI of the class behind a label."""
    labels_for(label)
    return CG[label]


def property_iri(name: str) -> URIRef:
    """The IRI of the cg: property behind a node property or relationship type."""
    for local, rel_type in model().relationships.items():
        if name in (local, rel_type):
            return CG[local]
    if name in model().datatypes:
        return CG[name]
    raise OntologyError(f"{name!r} is neither a relationship type nor a property of the cograph ontology.")


def most_specific(labels: tuple[str, ...] | list[str]) -> tuple[str, ...]:
    """The labels that no other label of the node specialises: the rdf:types to export for a node."""
    known = [label for label in labels if label in model().superclasses]
    implied = {s for label in known for s in model().superclasses[label]}
    return tuple(sorted(label for label in set(known) if label not in implied))


def index_specs() -> list[IndexSpec]:
    """Unique `iri` on `Resource` and every class label, plus each class's unique and indexed properties."""
    specs = {IndexSpec(label, "iri", True) for label in model().labels}
    for label, props in model().unique_properties.items():
        specs.update(IndexSpec(label, prop, True) for prop in props)
    for label, props in model().indexed_properties.items():
        specs.update(IndexSpec(label, prop, False) for prop in props)
    return sorted(specs, key=lambda spec: (spec.label, not spec.unique, spec.property))


@lru_cache(maxsize=1)
def secret_properties() -> frozenset[str]:
    """The datatype properties marked `cg:secret` (key hashes): kept in Neo4j, never exported or shown."""
    graph = schema_graph()
    return frozenset(
        local_name(str(prop))
        for prop, value in graph.subject_objects(CG.secret)
        if isinstance(prop, URIRef) and value.toPython() is True  # type: ignore[attr-defined]
    )
