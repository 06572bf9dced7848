"""Linked data in W3C terms: the export speaks ORG, schema.org, PROV, DCTERMS and SKOS where the ontology
aligns with them, a plain SPARQL query in those terms finds mechanisms, members, projects and sources, and
the published JSON-LD context is the one the ontology derives."""

from __future__ import annotations

import json
import warnings
from collections import Counter

import pytest
from rdflib import Graph, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import OWL, RDFS

from graph.records import read_records, wipe, write_records
from graph.store import Graph as Neo4jGraph
from ontology.context import CONTEXT_FILE, jsonld_context
from ontology.namespaces import CG
from ontology.rdf import export_terms, graph_to_records, records_to_graph
from ontology.serialization import RdfFormat, serialize_rdf
from ontology.turtle import schema_graph
from tests.ontology.test_roundtrip_neo4j import _source_data

PREFIXES = """PREFIX org: <http://www.w3.org/ns/org#>
PREFIX schema: <https://schema.org/>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""
MEMBERS = (
    PREFIXES
    + """SELECT ?mechanism ?member ?start ?source WHERE {
  ?m a org:OrganizationalCollaboration ; schema:name ?mechanism .
  ?ms a org:Membership ; org:organization ?m ; org:member ?o ; dcterms:source ?source ; prov:generatedAtTime ?t .
  ?o schema:name ?member .
  OPTIONAL { ?ms schema:startDate ?start }
}"""
)
PROJECTS = (
    PREFIXES
    + """SELECT ?project ?title ?source ?subject WHERE {
  ?project a schema:Project ; dcterms:title ?title ; dcterms:source ?source ; prov:generatedAtTime ?when ;
    dcterms:subject ?theme .
  ?theme skos:prefLabel ?subject .
}"""
)


def test_each_standard_term_stands_for_one_cograph_term_it_generalises() -> None:
    terms = export_terms()
    assert Counter(terms.values()).most_common(1)[0][1] == 1
    schema = schema_graph()
    for cg_term, standard in terms.items():
        declared = set(schema.objects(cg_term, RDFS.subClassOf)) | set(
            schema.objects(cg_term, RDFS.subPropertyOf)
        )
        declared |= set(schema.objects(cg_term, OWL.equivalentProperty))
        assert standard in declared, (
            f"{cg_term} is exported as {standard} but the ontology does not align them"
        )


def test_the_published_context_is_the_derived_one() -> None:
    assert json.loads(CONTEXT_FILE.read_text(encoding="utf-8")) == jsonld_context(), (
        "run python -m ontology.context to refresh ontology/context.jsonld"
    )
    terms = jsonld_context()["@context"]
    assert terms["Membership"] == "org:Membership" and terms["member"] == {
        "@id": "org:member",
        "@type": "@id",
    }
    assert terms["name"] == {"@id": "schema:name"} and terms["source"] == {"@id": "dcterms:source"}
    assert terms["prefLabel"] == {"@id": "skos:prefLabel"}
    assert terms["generatedAt"] == {"@id": "prov:generatedAtTime", "@type": "xsd:dateTime"}
    assert terms["iso2"] == {"@id": "cg:iso2"}  # no standard term for it: cg: stays


@pytest.mark.neo4j
def test_a_plain_sparql_query_in_w3c_terms_finds_mechanisms_members_projects_and_sources(
    clean_graph: Neo4jGraph,
) -> None:
    write_records(clean_graph, *graph_to_records(_source_data()))
    exported = records_to_graph(*read_records(clean_graph))
    # A consumer reads the file, not cograph's objects: go through the text, without the ontology.
    text = serialize_rdf(exported, RdfFormat.TURTLE)
    plain = Graph().parse(data=text, format="turtle")
    assert not any(
        str(p).startswith(str(CG)) and p.endswith(("#name", "#source", "#member")) for p in plain.predicates()
    )

    members = [tuple(str(v) if v is not None else None for v in row) for row in plain.query(MEMBERS)]
    icat = {
        row[1]: row[2]
        for row in members
        if row[0] == "Inter-Agency Coordination Group against Trafficking in Persons"
    }
    assert icat.get("United Nations Office on Drugs and Crime") == "2007-03-01"
    assert all(row[3] for row in members) and len({row[0] for row in members}) >= 2

    projects = {(str(r[0]), str(r[1]), str(r[2]), str(r[3])) for r in plain.query(PROJECTS)}
    assert (
        "https://w3id.org/cograph/id/project/rt-1",
        "Protecting victims of trafficking",
        "round-trip fixture",
        "Shelter and assistance",
    ) in projects

    # The round trip stays exact in the standard terms: wipe, import the file, export again.
    wipe(clean_graph)
    write_records(clean_graph, *graph_to_records(plain))
    assert isomorphic(records_to_graph(*read_records(clean_graph)), exported)
    jsonld = serialize_rdf(exported, RdfFormat.JSONLD)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # rdflib's JSON-LD parser uses ConjunctiveGraph
        assert isomorphic(Graph().parse(data=jsonld, format="json-ld"), exported)
    assert (URIRef("https://w3id.org/cograph/id/country/FR"), None, None) in plain
