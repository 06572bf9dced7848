"""A small, realistic graph for the explorer's browser tests, written with graph.records.write_records.

Labels come from ontology.mapping, themes from ontology.vocabulary; IRIs follow `{base}id/{kind}/{key}`.
As of AS_OF: Kenya has two actors on shelter and assistance (IOM and La Strada: an overlap), Nigeria one on
border management (smuggling of migrants), Thailand one on criminal justice capacity; the Italian shelter
action plan, due within weeks, has no active project (a gap); Italy's awareness campaign ended in 2020.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from graph.records import Edge, Node, write_records
from graph.store import Graph
from ontology.mapping import labels_for, relationship_type
from ontology.namespaces import data_iri
from ontology.vocabulary import themes

AS_OF = date(2025, 6, 1)
SOURCE = "cograph explorer test sample"
GENERATED = datetime(2025, 5, 1, 12, 0, tzinfo=UTC)


@dataclass(frozen=True)
class SampleProject:
    key: str
    title: str
    country: str
    theme: str
    crime_type: str
    implementer: str
    start: date
    end: date


PROJECTS = (
    SampleProject(
        "KE-SHELTER-1",
        "Safe shelters for survivors in Kenya",
        "KE",
        "shelter-and-assistance",
        "trafficking-in-persons",
        "iom",
        date(2024, 1, 1),
        date(2026, 12, 31),
    ),
    SampleProject(
        "KE-SHELTER-2",
        "Mombasa victim assistance network",
        "KE",
        "shelter-and-assistance",
        "trafficking-in-persons",
        "la-strada",
        date(2024, 6, 1),
        date(2026, 6, 30),
    ),
    SampleProject(
        "NG-BORDER-1",
        "Smuggling-aware border management in Nigeria",
        "NG",
        "border-management",
        "smuggling-of-migrants",
        "unodc",
        date(2023, 3, 1),
        date(2025, 12, 31),
    ),
    SampleProject(
        "TH-JUSTICE-1",
        "Criminal justice capacity against trafficking in Thailand",
        "TH",
        "criminal-justice-capacity",
        "trafficking-in-persons",
        "unodc",
        date(2024, 2, 1),
        date(2027, 1, 31),
    ),
    SampleProject(
        "IT-AWARE-1",
        "Awareness campaign on labour exploitation in Italy",
        "IT",
        "awareness-raising",
        "trafficking-in-persons",
        "la-strada",
        date(2018, 1, 1),
        date(2020, 12, 31),
    ),
)

# iso2, iso3, isoNumeric, name, region m49, subregion m49
COUNTRIES = (
    ("KE", "KEN", "404", "Kenya", "002", "202"),
    ("NG", "NGA", "566", "Nigeria", "002", "202"),
    ("IT", "ITA", "380", "Italy", "150", "039"),
    ("TH", "THA", "764", "Thailand", "142", "035"),
)
REGIONS = {
    "002": "Africa",
    "202": "Sub-Saharan Africa",
    "150": "Europe",
    "039": "Southern Europe",
    "142": "Asia",
    "035": "South-eastern Asia",
}
# key, class, name, shortName, orgType
ORGANIZATIONS = (
    ("unodc", "Agency", "United Nations Office on Drugs and Crime", "UNODC", "40"),
    ("iom", "Agency", "International Organization for Migration", "IOM", "40"),
    ("la-strada", "NGO", "La Strada International", "La Strada", "21"),
    (
        "icat",
        "CoordinationMechanism",
        "Inter-Agency Coordination Group against Trafficking in Persons",
        "ICAT",
        "40",
    ),
)
MEMBERS_OF_ICAT = ("unodc", "iom")


def _edge(source: str, prop: str, target: str) -> Edge:
    return Edge(source, relationship_type(prop), target)


def _provenance() -> dict[str, Any]:
    return {"source": SOURCE, "generatedAt": GENERATED}


def project_iri(key: str) -> str:
    return data_iri("project", key)


def org_iri(key: str) -> str:
    return data_iri("organization", key)


def country_iri(iso2: str) -> str:
    return data_iri("country", iso2)


def sample_records() -> tuple[list[Node], list[Edge]]:
    nodes: list[Node] = []
    edges: list[Edge] = []
    theme_iri = {}
    for theme in themes():
        theme_iri[theme.notation] = theme.iri
        nodes.append(
            Node(
                theme.iri,
                labels_for("Theme"),
                {
                    "notation": theme.notation,
                    "prefLabel": theme.label,
                    "definition": theme.definition,
                    "scheme": theme.scheme,
                },
            )
        )
    edges.extend(_edge(t.iri, "broader", theme_iri[b]) for t in themes() for b in t.broader if b in theme_iri)
    for m49, name in REGIONS.items():
        nodes.append(Node(data_iri("region", m49), labels_for("Region"), {"m49": m49, "name": name}))
    for iso2, iso3, numeric, name, region, subregion in COUNTRIES:
        iri = country_iri(iso2)
        nodes.append(
            Node(
                iri,
                labels_for("Country"),
                {"iso2": iso2, "iso3": iso3, "isoNumeric": numeric, "name": name, **_provenance()},
            )
        )
        edges.append(_edge(iri, "region", data_iri("region", region)))
        edges.append(_edge(iri, "subregion", data_iri("region", subregion)))
    for key, cls, name, short, org_type in ORGANIZATIONS:
        nodes.append(
            Node(
                org_iri(key),
                labels_for(cls),
                {
                    "name": name,
                    "shortName": short,
                    "orgType": org_type,
                    **_provenance(),
                },
            )
        )
    for key in MEMBERS_OF_ICAT:
        membership = data_iri("membership", f"icat-{key}")
        nodes.append(
            Node(
                membership,
                labels_for("Membership"),
                {"role": "member", "start": date(2020, 1, 1), **_provenance()},
            )
        )
        edges.append(_edge(membership, "member", org_iri(key)))
        edges.append(_edge(membership, "organization", org_iri("icat")))
    # An instrument whose record of parties is partial and lists none of the sample's countries: the
    # findings must show their status as unknown, not as gaps.
    instrument, obligation = data_iri("instrument", "som-protocol"), data_iri("obligation", "som-protocol-art-11")
    nodes.append(
        Node(
            instrument,
            labels_for("LegalInstrument"),
            {
                "name": "Protocol against the Smuggling of Migrants by Land, Sea and Air",
                "shortName": "Smuggling of Migrants Protocol",
                "statusDate": date(2024, 4, 26),
                "partyCount": 152,
                "statusComplete": False,
                **_provenance(),
            },
        )
    )
    nodes.append(Node(obligation, labels_for("Obligation"), {"article": "11", "title": "Border measures"}))
    edges.append(_edge(instrument, "hasObligation", obligation))
    edges.append(_edge(obligation, "theme", theme_iri["border-management"]))
    for p in PROJECTS:
        iri = project_iri(p.key)
        nodes.append(
            Node(
                iri,
                labels_for("Project"),
                {
                    "identifier": p.key,
                    "partner": "sample",
                    "title": p.title,
                    "titles": [f"en|{p.title}"],
                    "status": "2",
                    "plannedStart": p.start,
                    "plannedEnd": p.end,
                    "budget": 250000.0,
                    "currency": "USD",
                    "unclassified": False,
                    "withdrawn": False,
                    "sourceFile": "sample.csv",
                    "loadedAt": GENERATED,
                    **_provenance(),
                },
            )
        )
        for role, org in (("implementing", p.implementer), ("funding", "unodc")):
            participation = data_iri("participation", f"{p.key}-{role}")
            nodes.append(Node(participation, labels_for("Participation"), {"role": role}))
            edges.append(_edge(iri, "hasParticipation", participation))
            edges.append(_edge(participation, "participant", org_iri(org)))
        allocation = data_iri("country-allocation", f"{p.key}-{p.country}")
        nodes.append(Node(allocation, labels_for("CountryAllocation"), {"percentage": 100.0}))
        edges.append(_edge(iri, "hasCountryAllocation", allocation))
        edges.append(_edge(allocation, "country", country_iri(p.country)))
        edges.append(_edge(iri, "theme", theme_iri[p.theme]))
        edges.append(_edge(iri, "crimeType", theme_iri[p.crime_type]))
    plan = data_iri("action-plan", "IT-NAP-2022")
    nodes.append(
        Node(
            plan,
            labels_for("ActionPlan"),
            {
                "title": "Italian national action plan against trafficking 2022-2025",
                "start": date(2022, 1, 1),
                "end": date(2025, 7, 31),
                **_provenance(),
            },
        )
    )
    edges.append(_edge(plan, "country", country_iri("IT")))
    edges.append(_edge(plan, "theme", theme_iri["shelter-and-assistance"]))
    return nodes, edges


def write_sample(graph: Graph) -> None:
    nodes, edges = sample_records()
    write_records(graph, nodes, edges)


def active_projects(country: str, theme: str, as_of: date = AS_OF) -> set[str]:
    """IRIs of the sample projects active on `as_of` in a country and theme (what a matrix cell lists)."""
    return {
        project_iri(p.key)
        for p in PROJECTS
        if p.country == country and p.theme == theme and p.start <= as_of <= p.end
    }
