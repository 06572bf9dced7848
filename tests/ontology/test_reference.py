"""The reference data: every country with its M49 regions, sourced facts, and the configurable base IRI."""

from __future__ import annotations

import datetime as dt

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import RDF

from ontology.namespaces import CG
from ontology.reference import reference_graph
from ontology.reference.generate_countries import OUTPUT, countries_graph, hdx_countries

ID = "https://w3id.org/cograph/id/"


def test_all_iso_3166_countries_are_there_with_their_regions() -> None:
    graph = reference_graph()
    countries = set(graph.subjects(RDF.type, CG.Country))
    assert len(countries) == len(hdx_countries()) == 249
    france = URIRef(f"{ID}country/FR")
    assert (france, CG.iso3, None) in graph and str(graph.value(france, CG.isoNumeric)) == "250"
    assert str(graph.value(graph.value(france, CG.region), CG.m49)) == "150"
    assert str(graph.value(graph.value(france, CG.subregion), CG.name)) == "Western Europe"
    without_region = {str(graph.value(c, CG.iso2)) for c in countries if graph.value(c, CG.region) is None}
    assert without_region == {"AQ"}


def test_the_committed_countries_file_matches_the_generator() -> None:
    written = reference_graph()
    literal = written.value(URIRef(f"{ID}country/FR"), CG.generatedAt)
    assert isinstance(literal, Literal)
    stamp = literal.toPython()
    assert isinstance(stamp, dt.datetime)
    regenerated = countries_graph(stamp)
    committed = {t for t in written if str(t[0]).startswith((f"{ID}country/", f"{ID}region/"))}
    assert committed == set(regenerated), f"run python -m ontology.reference.generate_countries to refresh {OUTPUT}"


def test_every_record_carries_a_source_and_a_generation_time() -> None:
    graph = reference_graph()
    records = {s for s, o in graph.subject_objects(RDF.type) if str(o).startswith(str(CG))}
    assert records
    assert [r for r in records if graph.value(r, CG.source) is None or graph.value(r, CG.generatedAt) is None] == []


def test_memberships_are_dated_facts() -> None:
    graph = reference_graph()
    icat_unodc = URIRef(f"{ID}membership/icat-unodc")
    assert str(graph.value(icat_unodc, CG.start)) == "2007-03-01"
    assert graph.value(icat_unodc, CG.organization) == URIRef(f"{ID}organization/icat")
    gmg = [m for m in graph.subjects(CG.organization, URIRef(f"{ID}organization/gmg"))]
    assert gmg and all(str(graph.value(m, CG.end)).startswith("2018") for m in gmg)


def test_the_protocols_are_part_of_the_convention() -> None:
    graph = reference_graph()
    convention = URIRef(f"{ID}instrument/untoc")
    parts = set(graph.subjects(CG.isPartOf, convention))
    assert parts == {URIRef(f"{ID}instrument/tip-protocol"), URIRef(f"{ID}instrument/som-protocol")}
    for ratification in graph.subjects(RDF.type, CG.Ratification):
        assert (graph.value(ratification, CG.state), RDF.type, CG.Country) in graph


def test_data_iris_follow_cograph_base_iri(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COGRAPH_BASE_IRI", "https://kg.example.org/cograph")
    graph = reference_graph()
    assert (URIRef("https://kg.example.org/cograph/id/country/FR"), RDF.type, CG.Country) in graph
    assert not any(str(s).startswith(ID) for s in graph.subjects())
    assert (URIRef("https://w3id.org/cograph/themes/prevention"), RDF.type, CG.Theme) in graph
