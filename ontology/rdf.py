"""Pure conversion between RDF graphs and generic node/edge records, as the Neo4j mapping prescribes.

Records carry what graph/ writes: a node is an IRI, labels and properties; an edge a typed link between two
IRIs. Dates, timestamps, decimals and language-tagged strings survive the round trip RDF -> records -> RDF.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from typing import Any

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, XSD

from ontology.errors import OntologyError
from ontology.mapping import (
    LANG_STRING,
    ROOT_LABEL,
    labels_for,
    list_property_name,
    local_name,
    model,
    most_specific,
)
from ontology.namespaces import CG
from ontology.turtle import new_graph, schema_graph

__all__ = [
    "EdgeRecord",
    "NodeRecord",
    "export_terms",
    "graph_to_records",
    "records_to_graph",
    "unmapped_properties",
    "with_equivalents",
]

_LANG_SEPARATOR = "|"


@dataclass(frozen=True)
class NodeRecord:
    """A node to write: its IRI, its labels (class, cg: superclasses, `Resource`) and its properties."""

    iri: str
    labels: tuple[str, ...]
    properties: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class EdgeRecord:
    """A relationship of `type` from the node `source` to the node `target` (both IRIs)."""

    source: str
    type: str
    target: str


@lru_cache(maxsize=1)
def export_terms() -> dict[URIRef, URIRef]:
    """cg: class or property -> the W3C / schema.org term `cograph export` writes in its place (cg:exportAs)."""
    found: dict[URIRef, URIRef] = {}
    for cg_term, standard in schema_graph().subject_objects(CG.exportAs):
        if isinstance(cg_term, URIRef) and isinstance(standard, URIRef):
            found[cg_term] = standard
    return found


def _export(term: URIRef) -> URIRef:
    return export_terms().get(term, term)


def with_equivalents(graph: Graph) -> Graph:
    """`graph` plus a cg: triple for each triple of an external term the ontology declares equivalent or
    exports as (cg:exportAs).

    So SKOS written as `skos:notation` or `skos:broader` reads as `cg:notation` or `cg:broader`, and an
    export's `schema:name` or `a org:Membership` as `cg:name` or `a cg:Membership`.
    """
    pairs = [
        (cg_prop, other)
        for cg_prop, other in schema_graph().subject_objects(OWL.equivalentProperty)
        if isinstance(cg_prop, URIRef) and cg_prop.startswith(CG) and isinstance(other, URIRef)
    ]
    classes = set(model().superclasses)
    pairs += [(cg_term, std) for cg_term, std in export_terms().items() if cg_term[len(CG) :] not in classes]
    additions = [(s, cg_prop, o) for cg_prop, other in pairs for s, o in graph.subject_objects(other)]
    additions += [
        (s, RDF.type, cg_term)
        for cg_term, std in export_terms().items()
        if cg_term[len(CG) :] in classes
        for s in graph.subjects(RDF.type, std)
    ]
    if not additions:
        return graph
    expanded = new_graph()
    for triple in graph:
        expanded.add(triple)
    for triple in additions:
        expanded.add(triple)
    return expanded


def graph_to_records(graph: Graph) -> tuple[list[NodeRecord], list[EdgeRecord]]:
    """The nodes (every subject typed with a cg: class) and edges (their cg: object properties) of `graph`."""
    graph = with_equivalents(graph)
    known = model()
    nodes: list[NodeRecord] = []
    edges: list[EdgeRecord] = []
    subjects = sorted({s for s, o in graph.subject_objects(RDF.type) if _is_cg_class(o)}, key=str)
    for subject in subjects:
        if not isinstance(subject, URIRef):
            raise OntologyError(
                "A record typed with a cograph class is a blank node; give every record an IRI and import again."
            )
        labels: list[str] = []
        for cls in sorted(graph.objects(subject, RDF.type), key=str):
            if _is_cg_class(cls):
                labels.extend(label for label in labels_for(local_name(str(cls))) if label not in labels)
        if ROOT_LABEL not in labels:
            labels.append(ROOT_LABEL)
        by_property: dict[str, list[Any]] = defaultdict(list)
        for predicate, value in graph.predicate_objects(subject):
            if isinstance(predicate, URIRef) and predicate.startswith(CG):
                by_property[predicate[len(CG) :]].append(value)
        properties: dict[str, Any] = {}
        for name, datatype in known.datatypes.items():
            values = sorted(by_property.get(name, ()), key=_sort_key)
            if not values:
                continue
            if datatype == LANG_STRING:
                properties.update(_lang_properties(name, values))
            elif len(values) > 1:
                raise OntologyError(
                    f"Record {subject} has {len(values)} values for {name}, which takes one; keep one and import again."
                )
            else:
                properties[name] = _to_python(subject, name, values[0], datatype)
        nodes.append(NodeRecord(str(subject), tuple(labels), properties))
        for name, rel_type in known.relationships.items():
            edges.extend(
                EdgeRecord(str(subject), rel_type, str(target))
                for target in sorted(by_property.get(name, ()), key=str)
                if isinstance(target, URIRef)
            )
    return nodes, edges


def records_to_graph(nodes: Iterable[Any], edges: Iterable[Any]) -> Graph:
    """An RDF graph of records (any objects with the attributes of NodeRecord and EdgeRecord)."""
    known = model()
    by_type = {rel_type: name for name, rel_type in known.relationships.items()}
    graph = new_graph()
    for node in nodes:
        subject = URIRef(node.iri)
        for label in most_specific(tuple(node.labels)):
            graph.add((subject, RDF.type, _export(CG[label])))
        properties: dict[str, Any] = dict(node.properties)
        for name, datatype in known.datatypes.items():
            if datatype == LANG_STRING:
                for literal in _lang_literals(properties.get(name), properties.get(list_property_name(name))):
                    graph.add((subject, _export(CG[name]), literal))
                continue
            value = properties.get(name)
            for item in value if isinstance(value, list) else [value]:
                if item is not None:
                    graph.add((subject, _export(CG[name]), _to_literal(item, datatype)))
    for edge in edges:
        prop = by_type.get(edge.type)
        if prop is None:
            raise OntologyError(
                f"The relationship type {edge.type!r} is not in the cograph ontology; add its object property "
                "to ontology/cograph.ttl or stop writing it."
            )
        graph.add((URIRef(edge.source), _export(CG[prop]), URIRef(edge.target)))
    return graph


def unmapped_properties(nodes: Iterable[Any]) -> set[str]:
    """Node properties that no cg: datatype property maps (they are left out of RDF exports)."""
    known = set(model().datatypes)
    lists = {list_property_name(name) for name, dt_iri in model().datatypes.items() if dt_iri == LANG_STRING}
    return {key for node in nodes for key in node.properties if key not in known | lists | {"iri"}}


def _is_cg_class(term: object) -> bool:
    return isinstance(term, URIRef) and term.startswith(CG) and term[len(CG) :] in model().superclasses


def _sort_key(term: object) -> tuple[str, str]:
    return (getattr(term, "language", None) or "", str(term))


def _lang_properties(name: str, values: list[Any]) -> dict[str, Any]:
    """`title` (English, else the first) and `titles` (every `lang|text`) from langString literals."""
    texts = [(value.language or "", str(value)) for value in values if isinstance(value, Literal)]
    preferred = next((text for lang, text in texts if lang.lower().startswith("en")), texts[0][1])
    return {name: preferred, list_property_name(name): [f"{lang}{_LANG_SEPARATOR}{text}" for lang, text in texts]}


def _lang_literals(single: Any, every: Any) -> list[Literal]:
    if isinstance(every, list) and every:
        literals = []
        for item in every:
            lang, _, text = str(item).partition(_LANG_SEPARATOR)
            literals.append(Literal(text, lang=lang or None))
        return literals
    return [] if single is None else [Literal(str(single))]


def _to_python(subject: URIRef, name: str, term: Any, datatype: str) -> Any:
    if not isinstance(term, Literal):
        raise OntologyError(f"Record {subject} gives {name} as {term}, not a literal; write a value, not a link.")
    value = term.toPython()
    if datatype == str(XSD.decimal):
        if isinstance(value, Decimal | int | float) and not isinstance(value, bool):
            return float(value)
    elif datatype == str(XSD.date):
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            return value
    elif datatype == str(XSD.dateTime):
        if isinstance(value, dt.datetime):
            return value
    elif datatype == str(XSD.boolean):
        if isinstance(value, bool):
            return value
    elif datatype == str(XSD.integer):
        if isinstance(value, int) and not isinstance(value, bool):
            return value
    else:
        return str(term)
    raise OntologyError(
        f"Record {subject} has {name} = {str(term)!r}, which is not a valid {datatype.rsplit('#', 1)[-1]}; "
        "correct the value and import again."
    )


def _to_literal(value: Any, datatype: str) -> Literal:
    native = value.to_native() if hasattr(value, "to_native") else value  # neo4j.time values
    if datatype == str(XSD.decimal):
        # Floats travel through Neo4j; repr gives the shortest decimal that reads back as the same float.
        return Literal(Decimal(repr(float(native))), datatype=XSD.decimal)
    if datatype == str(XSD.string):
        return Literal(str(native))  # RDF 1.1: a plain literal is an xsd:string; rdflib compares them as unequal
    if datatype == str(XSD.integer):
        return Literal(int(native), datatype=XSD.integer)
    if datatype in (str(XSD.date), str(XSD.dateTime), str(XSD.boolean)):
        return Literal(native, datatype=URIRef(datatype))
    return Literal(str(native), datatype=URIRef(datatype))
