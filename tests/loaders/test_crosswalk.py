"""The sector crosswalk: clusters map only where their published scope supports it; partners may add theirs."""

from __future__ import annotations

from pathlib import Path

import pytest

from loaders.classify import classify
from loaders.crosswalk import ontology_crosswalk, read_crosswalk, sector_key
from loaders.errors import LoadError
from loaders.records import ProjectRecord, Sector


def test_3w_cluster_codes_fold_to_the_cluster() -> None:
    assert sector_key("PROTECTION_OP") == sector_key("Operational Presence: Protection") == "protection"


def test_only_the_protection_cluster_maps_and_to_no_crime_type() -> None:
    crosswalk = ontology_crosswalk()
    assert crosswalk.lookup("PROTECTION_OP") == {"protection"}
    for cluster in ("HEALTH_OP", "FSAC_OP", "NUTRITION_OP", "ESNFI_OP", "WASH_OP", "EiE_OP", "EDUCATION_OP", "GBV"):
        assert crosswalk.lookup(cluster) == frozenset(), cluster
    assert crosswalk.lookup("Basket weaving") is None


def test_free_text_names_of_the_crimes_are_crime_types() -> None:
    found = classify(ProjectRecord("x", sectors=(Sector("hxl", "Counter-trafficking"),)))
    assert found.crime_types == ("trafficking-in-persons",) and not found.unmapped


def test_unmapped_sectors_are_listed() -> None:
    found = classify(ProjectRecord("x", sectors=(Sector("hxl", "HEALTH_OP"), Sector("1", "12220"))))
    assert found.unclassified and found.unmapped == ("HEALTH_OP", "1:12220")


def test_a_partner_crosswalk_adds_mappings(tmp_path: Path) -> None:
    path = tmp_path / "mine.ttl"
    path.write_text(
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        "<urn:x:legal-aid> a skos:Concept ; skos:prefLabel \"Legal aid to survivors\"@en ;\n"
        "    skos:exactMatch <https://w3id.org/cograph/themes/shelter-and-assistance> .\n",
        encoding="utf-8",
    )
    crosswalk = read_crosswalk(path)
    assert crosswalk.lookup("legal aid to survivors") == {"shelter-and-assistance"}
    assert crosswalk.lookup("PROTECTION_OP") == {"protection"}  # the ontology's stay


def test_a_partner_crosswalk_to_an_unknown_theme_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bad.ttl"
    path.write_text(
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        "<urn:x:a> a skos:Concept ; skos:prefLabel \"A\" ; skos:exactMatch <urn:x:not-a-theme> .\n",
        encoding="utf-8",
    )
    with pytest.raises(LoadError, match="not a cograph theme"):
        read_crosswalk(path)
    with pytest.raises(LoadError, match="is not a file"):
        read_crosswalk(tmp_path / "missing.ttl")
