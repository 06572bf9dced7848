"""OWL RL reasoning over the ontology and data: the inconsistencies it finds, in the reasoner's words."""

from __future__ import annotations

from owlrl import DeductiveClosure, OWLRL_Semantics
from owlrl.Namespaces import ERRNS
from rdflib import Graph
from rdflib.namespace import RDF

from ontology.turtle import new_graph, ontology_graph

__all__ = ["inconsistencies"]


def inconsistencies(data: Graph | None = None) -> list[str]:
    """What OWL RL reasoning over the ontology (and `data`, if given) finds contradictory; empty if consistent."""
    closure = new_graph()
    for triple in ontology_graph():
        closure.add(triple)
    for triple in data if data is not None else ():
        closure.add(triple)
    DeductiveClosure(OWLRL_Semantics, rdfs_closure=False, axiomatic_triples=False, datatype_axioms=False).expand(
        closure
    )
    return sorted(str(closure.value(node, ERRNS.error)) for node in closure.subjects(RDF.type, ERRNS.ErrorMessage))
