"""The concept schemes as typed Python, read from the Turtle."""

from __future__ import annotations

from rdflib.namespace import SH

from ontology.namespaces import CG, SDG
from ontology.turtle import shapes_graph
from ontology.vocabulary import (
    activity_statuses,
    crime_types,
    org_types_of_class,
    organisation_roles,
    organisation_types,
    ratification_kinds,
    strategy_components,
    themes,
)


def test_code_lists_hold_the_iati_codes() -> None:
    assert [c.notation for c in activity_statuses()] == ["1", "2", "3", "4", "5", "6"]
    assert [(c.notation, c.iati_code) for c in organisation_roles()] == [
        ("funding", "1"), ("accountable", "2"), ("extending", "3"), ("implementing", "4")
    ]
    assert {"10", "21", "22", "40", "70", "80", "90"} <= {c.notation for c in organisation_types()}
    assert {c.notation for c in ratification_kinds()} == {
        "ratification", "accession", "acceptance", "approval", "succession"
    }


def test_the_four_ps_have_their_services_as_narrower_themes() -> None:
    by_notation = {t.notation: t for t in themes("themes")}
    tops = {n for n, t in by_notation.items() if not t.broader}
    assert tops == {"prevention", "protection", "prosecution", "partnership"}
    assert by_notation["shelter-and-assistance"].broader == ("protection",)
    assert all(set(t.broader) <= tops for t in by_notation.values())


def test_crime_types_and_strategy_components_map_to_sdg_targets() -> None:
    crimes = {t.notation: t for t in crime_types()}
    assert set(crimes) == {"trafficking-in-persons", "smuggling-of-migrants"}
    assert {str(SDG["8.7"]), str(SDG["5.2"]), str(SDG["16.2"])} <= set(crimes["trafficking-in-persons"].close_matches)
    assert str(SDG["10.7"]) in crimes["smuggling-of-migrants"].close_matches
    assert len(strategy_components()) == 3


def test_theme_notations_are_unique_and_every_scheme_is_allowed_by_the_shapes() -> None:
    every = themes()
    assert len({t.notation for t in every}) == len(every)
    shapes = shapes_graph()
    allowed: set[str] = set()
    for prop_shape in shapes.subjects(SH.path, CG.scheme):
        listed = shapes.value(prop_shape, SH["in"])
        allowed |= {str(item) for item in shapes.items(listed)} if listed is not None else set()
    assert {t.scheme for t in every} == allowed


def test_partner_kinds_carry_their_iati_organisation_types() -> None:
    assert org_types_of_class("NGO") == ("21", "22", "23", "24")
    assert org_types_of_class("GovernmentBody") == ("10", "11", "15")
    known = {c.notation for c in organisation_types()}
    for kind in ("NGO", "CivilSocietyOrganization", "PrivateSectorOrganization", "InternationalOrganization",
                 "GovernmentBody", "Agency"):
        assert org_types_of_class(kind) and set(org_types_of_class(kind)) <= known
