"""The DAC purpose codes and SDG targets of the theme mappings agree with the IATI codelists shipped in
ontology/reference/iati/, and the mappings follow the codes' own texts."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from importlib.resources import files

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, SKOS

from loaders.codes import theme_mapping
from ontology.namespaces import CGT
from ontology.turtle import concepts_graph

SDG = "http://metadata.un.org/sdg/"


def _codelist(name: str) -> dict[str, tuple[str, str]]:
    """code -> (English name, English description) of an IATI codelist excerpt."""
    root = ET.fromstring(
        files("ontology.reference").joinpath("iati", f"{name}.xml").read_text(encoding="utf-8")
    )
    found = {}
    for item in root.iter("codelist-item"):
        english = [n for n in item.findall("./name/narrative") if not n.attrib]
        description = [n for n in item.findall("./description/narrative") if not n.attrib]
        found[item.findtext("code", "")] = (
            (english[0].text or "").strip(),
            (description[0].text or "").strip() if description else "",
        )
    return found


def test_sdg_targets_have_the_official_text_and_a_source() -> None:
    graph, targets = concepts_graph(), _codelist("UNSDG-Targets")
    used = {str(s)[len(SDG) :]: s for s in graph.subjects(SKOS.notation, None) if str(s).startswith(SDG)}
    assert set(used) == set(targets) == {"5.2", "8.7", "10.7", "16.2"}
    for code, subject in used.items():
        assert str(graph.value(subject, SKOS.prefLabel)) == targets[code][0], code
        assert "UNSDG-Targets" in str(graph.value(subject, DCTERMS.source))
    assert str(graph.value(URIRef(f"{SDG}8.7"), SKOS.prefLabel)).endswith(
        "and by 2025 end child labour in all its forms"
    )


def test_dac_codes_have_their_iati_names() -> None:
    graph, sectors = concepts_graph(), _codelist("Sector")
    for concept in graph.subjects(SKOS.inScheme, CGT["oecd-dac-purpose"]):
        code = str(graph.value(concept, SKOS.notation))
        label = graph.value(concept, SKOS.prefLabel)
        assert isinstance(label, Literal) and str(label) == sectors[code][0], code


def test_the_mappings_follow_the_dac_texts() -> None:
    sectors, dac = _codelist("Sector"), theme_mapping().dac
    assert "trafficking in human beings" in sectors["15190"][1]
    assert {"trafficking-in-persons", "smuggling-of-migrants", "protection"} <= dac["15190"]
    assert "border management" in sectors["15130"][1] and "border-management" in dac["15130"]
    assert "border-management" not in dac.get("15136", frozenset())
    assert "Use code 15190 for human rights programming for refugees or migrants" in sectors["15160"][1]
    assert "protection" not in dac.get("15160", frozenset())
