"""The ontology parses and is consistent under OWL RL reasoning, alone and with the reference data."""

from __future__ import annotations

from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF

from ontology.consistency import inconsistencies
from ontology.namespaces import CG
from ontology.reference import reference_graph
from ontology.turtle import concepts_graph, schema_graph, shapes_graph

CRAFTED = """
@prefix cg: <https://w3id.org/cograph/ontology#> .
<http://example.org/r1> a cg:Ratification ; cg:state <http://example.org/unodc> .
<http://example.org/unodc> a cg:Agency .
"""


def test_every_turtle_file_parses_into_a_non_empty_graph() -> None:
    assert len(schema_graph()) > 0
    assert len(concepts_graph()) > 0
    assert len(shapes_graph()) > 0
    assert (None, RDF.type, OWL.Ontology) in schema_graph()


def test_every_cg_term_used_in_the_shapes_is_declared_in_the_schema() -> None:
    declared = set(schema_graph().subjects(RDF.type, None))
    used = {term for triple in shapes_graph() for term in triple if isinstance(term, URIRef) and term.startswith(CG)}
    assert used - declared == set()


def test_the_ontology_is_consistent_under_owl_rl() -> None:
    assert inconsistencies() == []


def test_the_ontology_with_the_reference_data_is_consistent_under_owl_rl() -> None:
    assert inconsistencies(reference_graph()) == []


def test_owl_rl_finds_a_ratification_whose_state_is_an_organization() -> None:
    found = inconsistencies(Graph().parse(data=CRAFTED, format="turtle"))
    assert any("http://example.org/unodc" in message and "Disjoint" in message for message in found)
