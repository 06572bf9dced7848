"""The treaty status tables: every sourced row imported with its sources and doubts, bad tables refused."""

from __future__ import annotations

import datetime as dt

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import RDF

from ontology.namespaces import CG
from ontology.reference import reference_graph
from ontology.reference.generate_treaties import GENERATED_AT, OUTPUT, ratifications_graph
from ontology.reference.treaty_status import (
    COLUMNS,
    TreatyTableError,
    instruments,
    parties,
    read_table,
)

ID = "https://w3id.org/cograph/id/"
HEADER = ",".join(COLUMNS)
UN = "https://treaties.un.org/Pages/ViewDetails.aspx?src=IND&mtdsg_no=XVIII-12-b&chapter=18&lang=en"


def _py(term: object) -> object:
    assert isinstance(term, Literal)
    return term.toPython()


def _by_instrument() -> dict[str, set[URIRef]]:
    graph = reference_graph()
    found: dict[str, set[URIRef]] = {}
    for r in graph.subjects(RDF.type, CG.Ratification):
        assert isinstance(r, URIRef)
        found.setdefault(str(graph.value(r, CG.instrument)).rsplit("/", 1)[-1], set()).add(r)
    return found


def test_the_committed_ratifications_match_the_generator() -> None:
    committed = {t for t in reference_graph() if str(t[0]).startswith(f"{ID}ratification/")}
    assert committed == set(ratifications_graph(GENERATED_AT)), (
        f"run python -m ontology.reference.generate_treaties to refresh {OUTPUT}"
    )


def test_every_row_of_the_three_tables_is_a_sourced_ratification() -> None:
    graph = reference_graph()
    found = _by_instrument()
    assert {key: len(rows) for key, rows in found.items()} == {
        "untoc": 104,
        "tip-protocol": 67,
        "som-protocol": 73,
    }
    every = set().union(*found.values())
    assert [r for r in every if not str(graph.value(r, CG.source) or "").startswith("http")] == []
    two = {
        key: sum(1 for r in rows if graph.value(r, CG.secondSource) is not None)
        for key, rows in found.items()
    }
    assert two == {"untoc": 25, "tip-protocol": 32, "som-protocol": 30}


def test_rows_keep_their_own_source_signature_and_kind() -> None:
    graph = reference_graph()
    albania = URIRef(f"{ID}ratification/som-protocol-AL")
    assert str(graph.value(albania, CG.source)) == UN
    assert (
        str(graph.value(albania, CG.secondSource))
        == "https://zoek.officielebekendmakingen.nl/trb-2010-318.html"
    )
    assert _py(graph.value(albania, CG.signatureDate)) == dt.date(2000, 12, 12)
    afghanistan = URIRef(f"{ID}ratification/tip-protocol-AF")
    assert graph.value(afghanistan, CG.kind) is None  # whatconvention does not say how consent was given


def test_doubtful_rows_carry_their_doubt_and_the_eu_is_a_party_not_a_state() -> None:
    graph = reference_graph()
    doubtful = {str(r).rsplit("/", 1)[-1] for r in graph.subjects(CG.doubt, None)}
    assert doubtful == {"tip-protocol-AO", "tip-protocol-AG", "untoc-KE"}
    angola = URIRef(f"{ID}ratification/tip-protocol-AO")
    assert _py(graph.value(angola, CG.date)) == dt.date(2014, 9, 9)
    assert "19 Sep 2014" in str(graph.value(angola, CG.doubt))
    eu = URIRef(f"{ID}ratification/som-protocol-eu")
    assert graph.value(eu, CG.party) == URIRef(f"{ID}organization/eu") and graph.value(eu, CG.state) is None


def test_instruments_state_their_status_date_and_party_count() -> None:
    graph = reference_graph()
    som = URIRef(f"{ID}instrument/som-protocol")
    assert _py(graph.value(som, CG.statusDate)) == dt.date(2024, 4, 26)
    assert _py(graph.value(som, CG.partyCount)) == 152
    assert _py(graph.value(som, CG.statusComplete)) is False


def _read(body: str) -> None:
    registry = reference_graph()
    read_table(
        f"{HEADER}\n{body}",
        "table.csv",
        instruments(registry)["som-protocol"],
        parties(registry),
        dt.date(2026, 12, 1),
    )


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        (f"Atlantis,XX,,2004-01-01,,{UN},,", "line 2, iso2: 'XX' is not an ISO 3166-1"),
        (f"Albania,AL,,1999-01-01,,{UN},,", "line 2, consent_date: 1999-01-01 is before the Smuggling"),
        (f"Albania,AL,,2004-01-01,signature,{UN},,", "line 2, consent_kind: 'signature' is not one of"),
        (f"Albania,AL,,2031-01-01,,{UN},,", "2031-01-01 is in the future"),
        (f"Albania,AL,,04/01/2004,,{UN},,", "'04/01/2004' is not a date"),
        (f"Albania,AL,2005-01-01,2004-01-01,,{UN},,", "is after the consent date"),
        ("Albania,AL,,2004-01-01,,treaties.un.org,,", "source_url: must be the http(s) address"),
        (
            f"Albania,AL,,2004-01-01,,{UN},,\nAlbania,AL,,2004-01-01,,{UN},,",
            "line 3, iso2: Albania is already on line 2",
        ),
        (f"Narnia,,,2004-01-01,,{UN},,", "'Narnia' is no known organization"),
    ],
)
def test_a_bad_row_is_refused_with_its_line_and_field(row: str, expected: str) -> None:
    with pytest.raises(TreatyTableError) as error:
        _read(row)
    assert expected in str(error.value) and "table.csv was not imported" in str(error.value)


def test_a_table_without_the_layout_is_refused() -> None:
    registry = reference_graph()
    with pytest.raises(TreatyTableError, match="lacks the column"):
        read_table(
            "country,date\nAlbania,2004-01-01\n",
            "t.csv",
            instruments(registry)["untoc"],
            parties(registry),
            dt.date(2026, 12, 1),
        )
