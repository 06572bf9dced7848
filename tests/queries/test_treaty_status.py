"""Gaps over the real treaty record: parties bound by each instrument get obligation gaps, States missing
from a partial record get a treaty-status-unknown finding, and every such answer states its status date."""

from __future__ import annotations

import datetime as dt

import pytest

from graph.setup import load_reference_data
from graph.store import Graph
from queries.filters import Filters
from queries.gaps import GapKind, gaps
from queries.treaty_status import treaty_status

ID = "https://w3id.org/cograph/id/"
AS_OF = dt.date(2026, 6, 1)


@pytest.fixture(scope="module")
def reference(graph: Graph) -> Graph:
    from graph.records import wipe

    wipe(graph)
    load_reference_data(graph)
    return graph


def test_the_status_of_each_instrument_is_its_status_date_and_recorded_parties(reference: Graph) -> None:
    found = {s.instrument.rsplit("/", 1)[-1]: s for s in treaty_status(reference, AS_OF)}
    som = found["som-protocol"]
    assert (som.status_date, som.party_count, som.complete) == (dt.date(2024, 4, 26), 152, False)
    assert (som.recorded_parties, som.recorded_states, som.states_known, som.states) == (73, 72, 72, 249)
    assert (found["untoc"].recorded_states, found["tip-protocol"].recorded_states) == (104, 66)
    assert "104 of 192 parties recorded, 104 of 249 States' status known" in found["untoc"].sentence
    # Consent after the day asked does not bind yet.
    before = {s.instrument: s for s in treaty_status(reference, dt.date(2024, 1, 1))}[som.instrument]
    assert som.parties_as_of - before.parties_as_of == 2  # Somalia and South Sudan acceded in 2025


def test_smuggling_and_convention_parties_get_obligation_gaps_with_typed_evidence(reference: Graph) -> None:
    found = gaps(reference, AS_OF, Filters(country="AL"), kinds=[GapKind.OBLIGATION])
    instruments = {i.rsplit("/", 1)[-1] for g in found for i in g.instruments}
    assert instruments == {"untoc", "tip-protocol", "som-protocol"}
    border = next(g for g in found if g.theme == "border-management")
    assert f"{ID}obligation/som-protocol-art-11" in border.obligations
    assert f"{ID}ratification/som-protocol-AL" in border.ratifications
    assert {s.status_date for s in border.treaty_status} >= {dt.date(2024, 4, 26)}
    assert "treaty status as of" in border.reason
    cooperation = next(g for g in found if g.theme == "international-cooperation-in-criminal-matters")
    assert cooperation.instruments == (f"{ID}instrument/untoc",)
    assert f"{ID}ratification/untoc-AL" in cooperation.ratifications


def test_a_state_missing_from_a_partial_record_is_unknown_not_silent(reference: Graph) -> None:
    chad = gaps(reference, AS_OF, Filters(country="TD"))
    obliged = {i for g in chad if g.kind is GapKind.OBLIGATION for i in g.instruments}
    assert obliged == {f"{ID}instrument/untoc"}  # the only table that lists Chad
    unknown = [g for g in chad if g.kind is GapKind.TREATY_STATUS_UNKNOWN]
    assert len(unknown) == 1
    assert set(unknown[0].instruments) == {f"{ID}instrument/tip-protocol", f"{ID}instrument/som-protocol"}
    assert "is unknown" in unknown[0].reason and "as of 2024-04-26" in unknown[0].reason
    assert {s.states_known for s in unknown[0].treaty_status} == {66, 72}


def test_a_complete_record_makes_a_missing_state_not_a_party(reference: Graph) -> None:
    som = f"{ID}instrument/som-protocol"
    reference.write("MATCH (i:LegalInstrument {iri: $iri}) SET i.statusComplete = true", {"iri": som})
    try:
        unknown = gaps(reference, AS_OF, Filters(country="TD"), kinds=[GapKind.TREATY_STATUS_UNKNOWN])
        assert [g.instruments for g in unknown] == [(f"{ID}instrument/tip-protocol",)]
        status = {s.instrument: s for s in treaty_status(reference, AS_OF)}[som]
        assert status.complete and status.states_known == status.states
    finally:
        reference.write("MATCH (i:LegalInstrument {iri: $iri}) SET i.statusComplete = false", {"iri": som})
