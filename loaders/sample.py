"""Realistic synthetic IATI activity files for demos and benchmarks, plainly marked synthetic.

Organizations mix the real UN agencies of the reference data (with their IATI refs) and invented NGOs;
themes come through the DAC sectors and SDG tags the ontology maps, plus some it does not (unclassified).
"""

from __future__ import annotations

import datetime as dt
import random
from functools import lru_cache
from importlib import resources
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from rdflib import Graph

from loaders.codes import countries
from ontology.namespaces import CG

__all__ = ["write_sample"]

_MAPPED_DAC = ("15130", "15136", "15160", "15180", "15190")
_OTHER_DAC = ("15110", "12220", "11110", "16010", "15170")
_SDG = ("5.2", "8.7", "10.7", "16.2", "4.1")
_NGO_WORDS = (
    (
        "Freedom",
        "Safe Passage",
        "Open Door",
        "Bright Path",
        "Harbour",
        "Lighthouse",
        "New Dawn",
        "Common Ground",
    ),
    ("Alliance", "Network", "Foundation", "Initiative", "Trust", "Collective", "Association", "Centre"),
)
_TOPICS = (
    ("Countering trafficking in persons in {c}", "Lutte contre la traite des personnes en {c}"),
    ("Protection of victims of trafficking in {c}", "Protection des victimes de la traite en {c}"),
    ("Preventing migrant smuggling along routes through {c}", "Prévenir le trafic de migrants via {c}"),
    ("Strengthening criminal justice responses in {c}", "Renforcer la justice pénale en {c}"),
    ("Safe and regular migration in {c}", "Migration sûre et régulière en {c}"),
)
_ACTIVITIES_PER_FILE = 100_000


@lru_cache(maxsize=1)
def _agencies() -> tuple[tuple[str, str], ...]:
    graph = Graph()
    text = resources.files("ontology.reference").joinpath("organizations.ttl").read_text(encoding="utf-8")
    graph.parse(data=text, format="turtle")
    found = []
    for subject in graph.subjects(CG.orgType, None):
        ref, name = graph.value(subject, CG.identifier), graph.value(subject, CG.name)
        if ref is not None and name is not None:
            found.append((str(ref), str(name)))
    return tuple(sorted(found))


def write_sample(out_dir: Path, projects: int, seed: int) -> list[Path]:
    """Write `projects` synthetic activities (same seed, same files) and return the files written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    ngos = [f"{a} {b} (synthetic)" for a in _NGO_WORDS[0] for b in _NGO_WORDS[1]]
    agencies = list(_agencies())
    country_codes = sorted(countries())
    paths = []
    for part, start in enumerate(range(0, max(projects, 0), _ACTIVITIES_PER_FILE), start=1):
        count = min(_ACTIVITIES_PER_FILE, projects - start)
        path = out_dir / f"synthetic-iati-seed{seed}-{projects}-part{part}.xml"
        with path.open("w", encoding="utf-8") as handle:
            handle.write('<?xml version="1.0" encoding="UTF-8"?>\n')
            handle.write(
                f'<iati-activities version="2.03" generated-datetime="{dt.date(2026, 1, 1).isoformat()}T00:00:00">\n'
            )
            for number in range(start, start + count):
                handle.write(_activity(rng, seed, number, agencies, ngos, country_codes))
            handle.write("</iati-activities>\n")
        paths.append(path)
    return paths


def _activity(
    rng: random.Random,
    seed: int,
    number: int,
    agencies: list[tuple[str, str]],
    ngos: list[str],
    codes: list[str],
) -> str:
    publisher = number % 7 + 1
    publisher_ref = f"XX-SYNTH-{publisher}"
    identifier = f"{publisher_ref}-{seed}-{number:07d}"
    chosen = rng.sample(codes, k=rng.choice((1, 1, 1, 2, 3)))
    names = {code: countries()[code].name for code in chosen}
    topic = rng.choice(_TOPICS)
    place = names[chosen[0]]
    start = dt.date(2015, 1, 1) + dt.timedelta(days=rng.randrange(0, 12 * 365))
    end = start + dt.timedelta(days=rng.randrange(180, 5 * 365))
    status = "2" if end > dt.date(2026, 1, 1) else rng.choice(("3", "4"))
    shares = _shares(rng, len(chosen))
    funder = rng.choice(agencies)
    implementer = rng.choice(ngos)
    currency = rng.choice(("USD", "EUR", "GBP"))
    budget = rng.randrange(50, 5000) * 1000
    sectors = (
        rng.sample(_MAPPED_DAC, k=rng.choice((1, 2))) if rng.random() < 0.8 else [rng.choice(_OTHER_DAC)]
    )
    lines = [
        f'  <iati-activity default-currency="{currency}" xml:lang="en">',
        f"    <iati-identifier>{identifier}</iati-identifier>",
        f'    <reporting-org ref="{publisher_ref}" type="21"><narrative>Synthetic publisher {publisher} '
        "(cograph sample data, not a real organization)</narrative></reporting-org>",
        "    <title>",
        f"      <narrative>{escape(topic[0].format(c=place))} (synthetic)</narrative>",
        f'      <narrative xml:lang="fr">{escape(topic[1].format(c=place))} (synthétique)</narrative>',
        "    </title>",
        '    <description type="1"><narrative>Synthetic activity generated by cograph sample for demos and '
        "benchmarks; it describes no real project.</narrative></description>",
        f'    <participating-org ref="{funder[0]}" role="1" type="40"><narrative>{escape(funder[1])}</narrative></participating-org>',
        f'    <participating-org role="4" type="21"><narrative>{escape(implementer)}</narrative></participating-org>',
        f'    <activity-status code="{status}"/>',
        f'    <activity-date type="1" iso-date="{start.isoformat()}"/>',
        f'    <activity-date type="3" iso-date="{end.isoformat()}"/>',
    ]
    if status != "2" or rng.random() < 0.5:
        lines.append(
            f'    <activity-date type="2" iso-date="{(start + dt.timedelta(days=rng.randrange(0, 60))).isoformat()}"/>'
        )
    for code, share in zip(chosen, shares, strict=True):
        lines.append(f'    <recipient-country code="{code}" percentage="{share}"/>')
    lines.extend(f'    <sector vocabulary="1" code="{code}"/>' for code in sectors)
    if rng.random() < 0.5:
        lines.append(f'    <tag vocabulary="2" code={quoteattr(rng.choice(_SDG))}/>')
    lines.append(
        f'    <budget type="1"><period-start iso-date="{start.isoformat()}"/><period-end iso-date="{end.isoformat()}"/>'
        f'<value currency="{currency}" value-date="{start.isoformat()}">{budget}</value></budget>'
    )
    lines.append("  </iati-activity>\n")
    return "\n".join(lines)


def _shares(rng: random.Random, count: int) -> list[int]:
    if count == 1:
        return [100]
    cuts = sorted(rng.sample(range(1, 100), count - 1))
    return [b - a for a, b in zip([0, *cuts], [*cuts, 100], strict=True)]
