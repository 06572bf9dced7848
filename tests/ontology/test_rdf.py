"""Pure conversion RDF <-> records keeps dates, timestamps, decimals, booleans and language-tagged strings."""

from __future__ import annotations

import datetime as dt

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic
from rdflib.namespace import RDF

from ontology.errors import OntologyError
from ontology.rdf import (
    EdgeRecord,
    NodeRecord,
    export_terms,
    graph_to_records,
    records_to_graph,
    unmapped_properties,
)
from ontology.reference import reference_graph

PROJECT = """
@prefix cg: <https://w3id.org/cograph/ontology#> .
@prefix cgt: <https://w3id.org/cograph/themes/> .
@prefix ex: <http://example.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
ex:p1 a cg:Project ; cg:source "fixture" ; cg:generatedAt "2024-05-01T10:00:00+00:00"^^xsd:dateTime ;
    cg:identifier "P1" ; cg:title "Protecting victims"@en , "Protéger les victimes"@fr ;
    cg:plannedStart "2020-01-01"^^xsd:date ; cg:budget 250000.5 ; cg:currency "EUR" ; cg:withdrawn false ;
    cg:theme cgt:protection ; cg:hasCountryAllocation ex:p1-ng .
ex:p1-ng a cg:CountryAllocation ; cg:source "fixture" ; cg:generatedAt "2024-05-01T10:00:00+00:00"^^xsd:dateTime ;
    cg:country ex:NG ; cg:percentage 100.0 .
ex:ngo a cg:NGO ; cg:name "Shelter NGO" ; cg:source "fixture" ; cg:generatedAt "2024-05-01T10:00:00+00:00"^^xsd:dateTime .
"""


def _project() -> Graph:
    return Graph().parse(data=PROJECT, format="turtle")


def test_records_carry_typed_python_values_and_every_label() -> None:
    nodes, edges = graph_to_records(_project())
    by_iri = {node.iri: node for node in nodes}
    project = by_iri["http://example.org/p1"].properties
    assert project["plannedStart"] == dt.date(2020, 1, 1)
    assert project["generatedAt"] == dt.datetime(2024, 5, 1, 10, tzinfo=dt.UTC)
    assert project["budget"] == pytest.approx(250000.5) and isinstance(project["budget"], float)
    assert project["withdrawn"] is False
    assert project["title"] == "Protecting victims"
    assert project["titles"] == ["en|Protecting victims", "fr|Protéger les victimes"]
    assert by_iri["http://example.org/ngo"].labels == ("NGO", "Partner", "Organization", "Resource")
    assert EdgeRecord("http://example.org/p1", "HAS_COUNTRY_ALLOCATION", "http://example.org/p1-ng") in edges
    assert EdgeRecord("http://example.org/p1-ng", "COUNTRY", "http://example.org/NG") in edges


def test_rdf_to_records_to_rdf_is_isomorphic() -> None:
    original = _project()
    # The export writes the standard term wherever the ontology aligns with one (cg:exportAs).
    terms = export_terms()
    expected = Graph()
    for s, p, o in original:
        expected.add((s, terms.get(p, p), terms.get(o, o) if p == RDF.type else o))  # type: ignore[arg-type]
    assert isomorphic(records_to_graph(*graph_to_records(original)), expected)
    assert isomorphic(records_to_graph(*graph_to_records(expected)), expected)


def test_the_reference_data_survives_the_trip_through_records() -> None:
    once = records_to_graph(*graph_to_records(reference_graph()))
    twice = records_to_graph(*graph_to_records(once))
    assert isomorphic(once, twice)
    assert len(once) > 3000


def test_skos_written_themes_read_as_cg_properties() -> None:
    nodes, edges = graph_to_records(reference_graph())
    shelter = next(n for n in nodes if n.iri.endswith("/themes/shelter-and-assistance"))
    assert shelter.labels == ("Theme", "Resource")
    assert shelter.properties["notation"] == "shelter-and-assistance"
    assert shelter.properties["prefLabel"] == "Shelter and assistance"
    assert EdgeRecord(shelter.iri, "BROADER", "https://w3id.org/cograph/themes/protection") in edges


def test_neo4j_shaped_values_convert_back_to_typed_literals() -> None:
    node = NodeRecord(
        "http://example.org/p2",
        ("Project", "Resource"),
        {"identifier": "P2", "title": "Untagged", "budget": 10.0, "actualEnd": dt.date(2021, 6, 30), "extra": 1},
    )
    graph = records_to_graph([node], [])
    text = graph.serialize(format="nt")
    assert '"10.0"^^<http://www.w3.org/2001/XMLSchema#decimal>' in text
    assert '"2021-06-30"^^<http://www.w3.org/2001/XMLSchema#date>' in text
    assert '"Untagged"' in text
    assert unmapped_properties([node]) == {"extra"}


def test_an_unknown_relationship_type_is_refused() -> None:
    with pytest.raises(OntologyError, match="FRIEND_OF"):
        records_to_graph([], [EdgeRecord("http://example.org/a", "FRIEND_OF", "http://example.org/b")])


def test_a_scalar_property_with_two_values_is_refused() -> None:
    graph = _project()
    graph.parse(data='<http://example.org/p1> <https://w3id.org/cograph/ontology#identifier> "P1-bis" .', format="nt")
    with pytest.raises(OntologyError, match="identifier"):
        graph_to_records(graph)
