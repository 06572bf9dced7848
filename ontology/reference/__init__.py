"""cograph's sourced reference data: agencies, mechanisms, instruments, countries, funds, campaigns, reports."""

from __future__ import annotations

from functools import lru_cache

from rdflib import Graph, URIRef

from ontology.namespaces import DEFAULT_BASE_IRI, base_iri
from ontology.turtle import CONCEPT_FILES, new_graph, read_package_turtle

__all__ = ["REFERENCE_FILES", "reference_graph"]

REFERENCE_FILES = (
    "countries.ttl",
    "organizations.ttl",
    "instruments.ttl",
    "ratifications.ttl",
    "initiatives.ttl",
)


@lru_cache(maxsize=1)
def _as_written() -> Graph:
    graph = read_package_turtle("ontology.reference", REFERENCE_FILES)
    for triple in read_package_turtle("ontology", CONCEPT_FILES):
        graph.add(triple)
    return graph


def reference_graph() -> Graph:
    """The reference data and the theme concepts, with data IRIs under the configured COGRAPH_BASE_IRI.

    A new graph on every call, so callers may change it.
    """
    written, wanted = f"{DEFAULT_BASE_IRI}id/", f"{base_iri()}id/"
    graph = new_graph()
    for s, p, o in _as_written():
        if written != wanted:
            s = URIRef(wanted + s[len(written) :]) if isinstance(s, URIRef) and s.startswith(written) else s
            o = URIRef(wanted + o[len(written) :]) if isinstance(o, URIRef) and o.startswith(written) else o
        graph.add((s, p, o))
    return graph
