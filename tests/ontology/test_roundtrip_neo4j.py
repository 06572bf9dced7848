"""RDF -> Neo4j -> RDF against the real Neo4j: export, wipe, import, export again gives an isomorphic graph."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, RDF, XSD
from typer.testing import CliRunner

from cli.rdf import app
from graph.records import read_records, wipe, write_records
from graph.store import Graph as Neo4jGraph
from ontology.namespaces import CG, SCHEMA
from ontology.rdf import graph_to_records, records_to_graph
from ontology.reference import reference_graph
from ontology.serialization import RdfFormat, serialize_rdf
from ontology.validation import validate

pytestmark = pytest.mark.neo4j

PROJECT = """
@prefix cg: <https://w3id.org/cograph/ontology#> .
@prefix cgt: <https://w3id.org/cograph/themes/> .
@prefix id: <https://w3id.org/cograph/id/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
id:project\\/rt-1 a cg:Project ; cg:source "round-trip fixture" ; cg:generatedAt "2024-05-01T10:00:00Z"^^xsd:dateTime ;
    cg:identifier "XM-DAC-47066-RT-1" ; cg:partner "iom" ;
    cg:title "Protecting victims of trafficking"@en , "Protéger les victimes de la traite"@fr ;
    cg:status "2" ; cg:plannedStart "2021-01-01"^^xsd:date ; cg:plannedEnd "2023-12-31"^^xsd:date ;
    cg:budget 1250000.75 ; cg:currency "USD" ; cg:withdrawn false ; cg:loadedAt "2024-05-02T08:30:15Z"^^xsd:dateTime ;
    cg:crimeType cgt:trafficking-in-persons ; cg:theme cgt:shelter-and-assistance ;
    cg:hasParticipation id:participation\\/rt-1-iom ; cg:hasCountryAllocation id:allocation\\/rt-1-ng , id:allocation\\/rt-1-gh .
id:participation\\/rt-1-iom a cg:Participation ; cg:source "round-trip fixture" ;
    cg:generatedAt "2024-05-01T10:00:00Z"^^xsd:dateTime ; cg:role "implementing" ; cg:participant id:organization\\/iom .
id:allocation\\/rt-1-ng a cg:CountryAllocation ; cg:source "round-trip fixture" ;
    cg:generatedAt "2024-05-01T10:00:00Z"^^xsd:dateTime ; cg:country id:country\\/NG ; cg:percentage 62.5 .
id:allocation\\/rt-1-gh a cg:CountryAllocation ; cg:source "round-trip fixture" ;
    cg:generatedAt "2024-05-01T10:00:00Z"^^xsd:dateTime ; cg:country id:country\\/GH ; cg:percentage 37.5 .
"""


def _source_data() -> Graph:
    data = reference_graph()
    data.parse(data=PROJECT, format="turtle")
    return data


def _export(store: Neo4jGraph) -> Graph:
    return records_to_graph(*read_records(store))


def _import(store: Neo4jGraph, data: Graph) -> None:
    assert validate(data) == []
    write_records(store, *graph_to_records(data))


def test_export_wipe_import_export_is_isomorphic(clean_graph: Neo4jGraph) -> None:
    source = _source_data()
    _import(clean_graph, source)
    first = _export(clean_graph)

    # Neo4j kept everything the ontology maps: the export equals the pure conversion of the source.
    assert isomorphic(first, records_to_graph(*graph_to_records(source)))

    text = serialize_rdf(first, RdfFormat.TURTLE)
    wipe(clean_graph)
    assert read_records(clean_graph) == ([], [])
    _import(clean_graph, Graph().parse(data=text, format="turtle"))
    second = _export(clean_graph)

    assert isomorphic(first, second)
    project = URIRef("https://w3id.org/cograph/id/project/rt-1")
    assert (project, CG.plannedStart, Literal("2021-01-01", datatype=XSD.date)) in second
    assert (project, CG.budget, Literal("1250000.75", datatype=XSD.decimal)) in second
    assert (project, DCTERMS.title, Literal("Protéger les victimes de la traite", lang="fr")) in second
    assert (project, CG.withdrawn, Literal(False)) in second
    assert second.value(project, CG.loadedAt) == Literal("2024-05-02T08:30:15+00:00", datatype=XSD.dateTime)


def test_the_cli_imports_a_file_and_exports_one_label(clean_graph: Neo4jGraph, tmp_path: Path) -> None:
    source = tmp_path / "reference.ttl"
    source.write_text(serialize_rdf(_source_data(), RdfFormat.TURTLE), encoding="utf-8")
    out = tmp_path / "countries.nt"
    runner = CliRunner()
    imported = runner.invoke(app, ["import-rdf", str(source)])
    assert imported.exit_code == 0, imported.output
    exported = runner.invoke(app, ["export", "--format", "nt", "--label", "Country", "--out", str(out)])
    assert exported.exit_code == 0, exported.output
    countries = Graph().parse(out, format="nt")
    assert len(set(countries.subjects(RDF.type, SCHEMA.Country))) == 249
    assert not set(countries.subjects(RDF.type, SCHEMA.Project))
