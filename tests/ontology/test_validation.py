"""The SHACL shapes accept the reference data and reject each crafted bad record with a plain message."""

from __future__ import annotations

import pytest
from rdflib import Graph

from ontology.reference import reference_graph
from ontology.validation import Violation, validate

PREFIXES = """
@prefix cg: <https://w3id.org/cograph/ontology#> .
@prefix cgt: <https://w3id.org/cograph/themes/> .
@prefix ex: <http://example.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""
PROV = 'cg:source "test fixture" ; cg:generatedAt "2024-05-01T10:00:00Z"^^xsd:dateTime'

GOOD_PROJECT = f"""
ex:p1 a cg:Project ; {PROV} ;
    cg:identifier "XM-DAC-41127-P1" ; cg:title "Protecting victims"@en , "Protéger les victimes"@fr ;
    cg:status "2" ; cg:plannedStart "2020-01-01"^^xsd:date ; cg:plannedEnd "2022-12-31"^^xsd:date ;
    cg:budget 250000.50 ; cg:currency "USD" ; cg:crimeType cgt:trafficking-in-persons ; cg:theme cgt:protection ;
    cg:hasParticipation ex:p1-funding ; cg:hasCountryAllocation ex:p1-ng , ex:p1-gh .
ex:p1-funding a cg:Participation ; {PROV} ; cg:role "funding" ; cg:participant ex:donor .
ex:donor a cg:GovernmentBody ; {PROV} ; cg:name "A ministry" ; cg:orgType "10" .
ex:p1-ng a cg:CountryAllocation ; {PROV} ; cg:country ex:NG ; cg:percentage 60.0 .
ex:p1-gh a cg:CountryAllocation ; {PROV} ; cg:country ex:GH ; cg:percentage 40.0 .
"""


def _violations(turtle: str) -> list[Violation]:
    return validate(Graph().parse(data=PREFIXES + turtle, format="turtle"))


def _only(violations: list[Violation]) -> Violation:
    assert len(violations) == 1, violations
    return violations[0]


def test_the_reference_data_conforms() -> None:
    assert validate(reference_graph()) == []


def test_a_complete_project_conforms() -> None:
    assert _violations(GOOD_PROJECT) == []


@pytest.mark.parametrize(
    ("change", "record", "field", "rule", "words"),
    [
        (('cg:identifier "XM-DAC-41127-P1" ;', ""), "p1", "identifier", "required", "is required but missing"),
        (('cg:status "2"', 'cg:status "2" , "3"'), "p1", "status", "single value", "one value only"),
        (('cg:status "2"', 'cg:status "9"'), "p1", "status", "code list", "'9' is not a code of the activity-status"),
        (('cg:role "funding"', 'cg:role "donor"'), "p1-funding", "role", "code list", "organisation-role"),
        (('cg:orgType "10"', 'cg:orgType "99"'), "donor", "orgType", "code list", "organisation-type"),
        (('"2022-12-31"^^xsd:date', '"2019-12-31"^^xsd:date'), "p1", "plannedStart", "date order", "is after 'plannedEnd'"),
        (('"2020-01-01"^^xsd:date', '"2020-13-01"^^xsd:date'), "p1", "plannedStart", "datatype", "not a valid date"),
        (('cg:currency "USD"', 'cg:currency "dollars"'), "p1", "currency", "format", "'dollars'"),
        (('cg:budget 250000.50 ; cg:currency "USD" ;', "cg:budget 250000.50 ;"), "p1", "currency",
         "budget has a currency", "has a budget but no currency"),
        (("cg:percentage 40.0", "cg:percentage 30.0"), "p1", "percentage", "percentages sum to 100", "add up to 90"),
        (("cg:percentage 40.0", "cg:percentage 140.0"), "p1-gh", "percentage", "range", "between 0 and 100"),
        (("cg:participant ex:donor", 'cg:participant "A ministry"'), "p1-funding", "participant", "link",
         "must link to a record by IRI"),
        (("cg:crimeType cgt:trafficking-in-persons", "cg:crimeType cgt:protection"), "p1", "crimeType",
         "crime type is a crime type", "not a concept of the crime-types scheme"),
        (('cg:name "A ministry" ;', ""), "donor", "name", "required", "is required but missing"),
    ],
)
def test_each_rule_rejects_its_crafted_bad_record(
    change: tuple[str, str], record: str, field: str, rule: str, words: str
) -> None:
    old, new = change
    assert old in GOOD_PROJECT
    bad = GOOD_PROJECT.replace(old, new, 1)
    if rule in ("percentages sum to 100", "range"):
        # A share over 100 also breaks the sum; the rule under test must be among the findings.
        found = [v for v in _violations(bad) if v.rule == rule]
        violation = _only(found)
    else:
        violation = _only(_violations(bad))
    assert violation.record_iri == f"http://example.org/{record}"
    assert violation.field == field
    assert violation.rule == rule
    assert words in violation.message
    assert violation.message.endswith(".") and f"<http://example.org/{record}>" in violation.message


def test_provenance_is_required_on_every_record() -> None:
    found = _violations(GOOD_PROJECT.replace(f"ex:p1-gh a cg:CountryAllocation ; {PROV} ;", "ex:p1-gh a cg:CountryAllocation ;"))
    assert {(v.record_iri, v.field, v.rule) for v in found} == {
        ("http://example.org/p1-gh", "source", "required"),
        ("http://example.org/p1-gh", "generatedAt", "required"),
    }


def test_subclasses_are_validated_by_their_superclass_shapes_through_rdfs_inference() -> None:
    violation = _only(_violations(f"ex:n a cg:NGO ; {PROV} ; cg:orgType \"21\" ."))
    assert (violation.field, violation.rule) == ("name", "required")
    assert violation.message.startswith("NGO <http://example.org/n>: 'name'")


def test_membership_dates_must_not_end_before_they_start() -> None:
    violation = _only(
        _violations(
            f"""ex:m a cg:Membership ; {PROV} ; cg:member ex:org ; cg:organization ex:icat ;
                cg:start "2018-01-01"^^xsd:date ; cg:end "2007-03-01"^^xsd:date ."""
        )
    )
    assert (violation.field, violation.rule) == ("start", "date order")


def test_ratification_kind_must_be_a_kind_of_consent() -> None:
    violation = _only(
        _violations(
            f"""ex:r a cg:Ratification ; {PROV} ; cg:state ex:AL ; cg:instrument ex:tip ;
                cg:date "2002-08-21"^^xsd:date ; cg:kind "signature" ."""
        )
    )
    assert (violation.field, violation.rule) == ("kind", "code list")
    assert "ratification-kind" in violation.message


def test_records_merely_linked_to_are_not_validated_as_records_of_the_file() -> None:
    # ex:NG and ex:GH are typed Country only by the range of cg:country; they live in the graph already.
    assert all(not v.record_iri.endswith(("/NG", "/GH")) for v in _violations(GOOD_PROJECT))
