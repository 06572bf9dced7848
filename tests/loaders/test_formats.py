"""Format modules turn files into records (no graph): IATI, HXL, CSV and JSON templates, RDF, sniffing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from loaders.formats import sniff
from loaders.records import CountryShare, Narrative, Participation, ProjectRecord, Rejection, Sector
from loaders.sync import LoadOptions, iter_records
from loaders.validation import problems
from tests.loaders.conftest import EXAMPLES, FIXTURES


def _records(path: Path, **options: object) -> list[ProjectRecord | Rejection]:
    return list(iter_records([path], LoadOptions(**options)))  # type: ignore[arg-type]


def test_iati_activity_is_read_whole() -> None:
    first, second = _records(FIXTURES / "activities.xml")
    assert isinstance(first, ProjectRecord) and isinstance(second, ProjectRecord)
    assert first.identifier == "XM-TEST-1-TIP" and first.partner == "XM-TEST-1"
    assert first.titles == (
        Narrative("en", "Shelters for victims of trafficking"),
        Narrative("fr", "Foyers pour victimes de la traite"),
    )
    assert first.participations == (
        Participation("funding", "XM-DAC-47066", "International Organization for Migration", "40"),
        Participation("implementing", None, "Harbour Trust", "22"),
    )
    assert first.countries == (CountryShare("KE", 60.0), CountryShare("UG", 40.0))
    assert (first.planned_start, first.actual_start, first.planned_end) == (
        dt.date(2024, 1, 1),
        dt.date(2024, 2, 1),
        dt.date(2026, 12, 31),
    )
    assert first.budget == pytest.approx(250000.50) and first.currency == "USD"
    assert first.sectors == (Sector("1", "15180"), Sector("1", "15190")) and first.sdg_targets == ("8.7",)
    assert first.line == 3 and first.status == "2"
    assert second.budget == 5000 and second.currency == "EUR"  # commitments when no budget is given
    assert second.actual_end == dt.date(2021, 6, 30)
    assert problems(first) == [] and problems(second) == []


def test_hxl_3w_groups_rows_under_human_header(tmp_path: Path) -> None:
    items = _records(FIXTURES / "3w.csv", country="AF")
    rejected = [item for item in items if isinstance(item, ProjectRecord) and problems(item)]
    good = {item.identifier: item for item in items if isinstance(item, ProjectRecord) and not problems(item)}
    assert set(good) == {"AF-iom-protection-op", "AF-ht-health-op"}
    iom = good["AF-iom-protection-op"]
    assert iom.participations == (
        Participation("implementing", None, "International Organization for Migration", "40", "IOM"),
    )
    assert iom.countries == (CountryShare("AF"),) and iom.status == "2"
    assert iom.planned_start == dt.date(2024, 1, 1)
    assert iom.description == "Operational presence in Kabul; Parwan."
    assert len(rejected) == 1 and rejected[0].line == 6
    assert problems(rejected[0])[0].field == "#org"


def test_csv_and_json_templates_read_the_same_projects() -> None:
    from_csv = _records(EXAMPLES / "projects.csv")
    from_json = _records(EXAMPLES / "projects.json")
    assert len(from_csv) == len(from_json) == 2
    for a, b in zip(from_csv, from_json, strict=True):
        assert isinstance(a, ProjectRecord) and isinstance(b, ProjectRecord)
        assert problems(a) == [] and problems(b) == []
        for name in (
            "identifier",
            "partner",
            "titles",
            "status",
            "planned_start",
            "budget",
            "currency",
            "participations",
            "countries",
            "sectors",
            "themes",
            "crime_types",
        ):
            assert getattr(a, name) == getattr(b, name), name


def test_rdf_goes_through_the_ontology_shapes() -> None:
    items = _records(FIXTURES / "project.ttl")
    good = [item for item in items if isinstance(item, ProjectRecord)]
    bad = [item for item in items if isinstance(item, Rejection)]
    assert [r.identifier for r in good] == ["RDF-1"]
    assert good[0].themes == ("awareness-raising",) and good[0].crime_types == ("smuggling-of-migrants",)
    assert good[0].participations[0].org_iri == "https://w3id.org/cograph/id/organization/hotline-ngo"
    assert [r.identifier for r in bad] == ["RDF-2"] and "end must not be before the start" in bad[0].reason


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("a.xml", "<iati-activities/>", "iati"),
        ("a.txt", "\ufeffName,Org\n#activity,#org\n", "hxl"),
        ("a.csv", "identifier,title\n", "csv"),
        ("a.json", "[{}]", "json"),
        ("a.json", '{"@context": {}}', "rdf"),
        ("a.ttl", "@prefix cg: <x> .", "rdf"),
    ],
)
def test_sniffing(tmp_path: Path, name: str, content: str, expected: str) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    assert sniff(path) == expected


def test_records_from_plain_values() -> None:
    record = ProjectRecord(
        "P-1",
        partner="p",
        titles={"en": "A", "fr": "B"},
        planned_start="2025-01-01",
        budget="12.5",
        participations=[{"role": "funding", "name": "Donor"}],
        countries=[{"iso2": "KE", "percentage": 100}],
        sectors=["15180"],
    )
    assert record.planned_start == dt.date(2025, 1, 1) and record.budget == 12.5 and record.title == "A"
    assert record.participations == (Participation("funding", None, "Donor"),)
    broken = ProjectRecord("P-2", titles="T", planned_start="31/12/2025")
    assert [p.field for p in problems(broken)] == ["planned_start"]
