"""The Neo4j mapping is derived from the Turtle: labels, relationship types, properties and indexes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import OWL, RDF, SKOS

from ontology.errors import OntologyError
from ontology.mapping import IndexSpec, index_specs, labels_for, model, most_specific, relationship_type
from ontology.namespaces import CG
from ontology.turtle import concepts_graph, schema_graph

MODEL_MD = Path(__file__).resolve().parents[2] / "docs" / "model.md"

SUPERCLASSES = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?super WHERE { ?cls rdfs:subClassOf+ ?super . FILTER(STRSTARTS(STR(?super), STR(?cg))) }
"""


def _cg_terms(rdf_type: URIRef) -> list[str]:
    return sorted(str(s)[len(CG) :] for s in schema_graph().subjects(RDF.type, rdf_type) if str(s).startswith(CG))


@pytest.mark.parametrize("name", _cg_terms(OWL.Class))
def test_labels_are_the_class_and_every_cg_superclass_read_by_sparql(name: str) -> None:
    rows = schema_graph().query(SUPERCLASSES, initBindings={"cls": CG[name], "cg": Literal(str(CG))})
    expected = {name, "Resource"} | {str(row[0])[len(CG) :] for row in rows}  # type: ignore[index]
    labels = labels_for(name)
    assert set(labels) == expected
    assert labels[0] == name and labels[-1] == "Resource" and len(labels) == len(set(labels))


def test_an_ngo_is_labelled_as_in_the_model_contract() -> None:
    assert labels_for("NGO") == ("NGO", "Partner", "Organization", "Resource")
    assert labels_for(str(CG.Ratification)) == ("Ratification", "Commitment", "Resource")


@pytest.mark.parametrize("name", _cg_terms(OWL.ObjectProperty))
def test_each_object_property_is_a_relationship_type_in_upper_snake(name: str) -> None:
    words = re.findall(r"[A-Z]?[a-z0-9]+", name)
    assert relationship_type(name) == "_".join(word.upper() for word in words)
    assert relationship_type(str(CG[name])) == relationship_type(name)


def test_each_datatype_property_is_a_node_property_of_its_local_name() -> None:
    assert sorted(model().datatypes) == _cg_terms(OWL.DatatypeProperty)


def test_every_label_and_relationship_type_of_the_model_contract_is_derived() -> None:
    text = MODEL_MD.read_text(encoding="utf-8")
    table = text[text.index("## Nodes and their key properties") : text.index('## "Active as of D"')]
    rel_types = set(re.findall(r"`([A-Z][A-Z_]+)`\s*(?:->|/)", table))
    assert {"HAS_PARTICIPATION", "STATE", "COUNTRY", "JOINED_BY"} <= rel_types, "the contract table was not read"
    assert rel_types - set(model().relationships.values()) == set()
    for label in re.findall(r"^\| `([A-Za-z]+)`", table, flags=re.MULTILINE):
        assert labels_for(label)[0] == label


def test_every_property_named_in_the_model_contract_is_in_the_ontology() -> None:
    text = MODEL_MD.read_text(encoding="utf-8")
    table = text[text.index("## Nodes and their key properties") : text.index('## "Active as of D"')]
    cells = [line.split("|")[2] for line in table.splitlines() if line.startswith("| `")]
    words = {w for cell in cells for chunk in re.findall(r"`([^`]+)`", cell) for w in re.split(r"[ ,]+", chunk)}
    # Code values quoted as examples (`prevention`, `funding`) are concept notations, not properties.
    notations = {str(n) for n in concepts_graph().objects(None, SKOS.notation)}
    properties = {w for w in words if re.fullmatch(r"[a-z][A-Za-z0-9]*", w)} - notations
    assert properties, "the contract's table was not found"
    assert properties - ({"iri", "titles"} | set(model().datatypes)) == set()


def test_unknown_names_raise_an_error_that_lists_the_known_ones() -> None:
    with pytest.raises(OntologyError, match="not a class"):
        labels_for("Spaceship")
    with pytest.raises(OntologyError, match="not an object property"):
        relationship_type("name")


def test_most_specific_drops_labels_implied_by_others() -> None:
    assert most_specific(("Organization", "Partner", "NGO")) == ("NGO",)
    assert most_specific(("Resource", "Country")) == ("Country",)


def test_index_specs_hold_the_unique_keys_and_lookups_the_contract_names() -> None:
    specs = set(index_specs())
    for label in [*model().labels]:
        assert IndexSpec(label, "iri", True) in specs
    assert IndexSpec("Resource", "iri", True) in specs
    assert IndexSpec("Country", "iso2", True) in specs
    assert IndexSpec("Theme", "notation", True) in specs
    for label, prop in [
        ("Project", "identifier"),
        ("Project", "partner"),
        ("Project", "title"),
        ("Organization", "name"),
        ("Organization", "identifier"),
        ("Region", "m49"),
    ]:
        assert IndexSpec(label, prop, False) in specs
    assert all(spec.property == "iri" or spec.property in model().datatypes for spec in specs)
    assert len({(spec.label, spec.property) for spec in specs}) == len(specs)
