"""A small, fully known graph for the API tests: every kind of node and relationship the schema walks."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from graph.records import Edge, Node, write_records
from graph.store import Graph
from ontology.mapping import labels_for
from ontology.namespaces import data_iri

PROJECTS = 30
ROLES = ("funding", "implementing")


def iri(kind: str, key: str) -> str:
    return data_iri(kind, key)


@dataclass(frozen=True)
class SeedProject:
    key: str
    title: str
    country: str
    theme: str
    status: str
    start: dt.date
    end: dt.date
    implementer: str
    budget: float


def project_specs() -> list[SeedProject]:
    countries = ("NG", "TH", "DE", "KE")
    themes = ("awareness-raising", "shelter-and-assistance", "prevention", "protection")
    implementers = ("iom", "hope", "unodc")
    specs = []
    for i in range(PROJECTS):
        specs.append(
            SeedProject(
                key=f"P{i:03d}",
                title=f"Project {i:03d} {'shelter' if i % 4 == 1 else 'awareness'} work",
                country=countries[i % 4],
                theme=themes[i % 4],
                status="5" if i % 10 == 9 else "2",
                start=dt.date(2020 + i % 5, 1, 1),
                end=dt.date(2023 + i % 5, 12, 31),
                implementer=implementers[i % 3],
                budget=1000.0 * (i + 1),
            )
        )
    return specs


def node(path: str, key: str, cls: str, **props: object) -> Node:
    return Node(iri(path, key), labels_for(cls), {k: v for k, v in props.items() if v is not None})


def seed(graph: Graph) -> None:
    generated = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    nodes = [
        node("region", "002", "Region", m49="002", name="Africa"),
        node("region", "202", "Region", m49="202", name="Sub-Saharan Africa"),
        node("region", "142", "Region", m49="142", name="Asia"),
        node("region", "035", "Region", m49="035", name="South-eastern Asia"),
        node("region", "150", "Region", m49="150", name="Europe"),
        node("country", "NG", "Country", iso2="NG", iso3="NGA", isoNumeric="566", name="Nigeria"),
        node("country", "KE", "Country", iso2="KE", iso3="KEN", isoNumeric="404", name="Kenya"),
        node("country", "TH", "Country", iso2="TH", iso3="THA", isoNumeric="764", name="Thailand"),
        node("country", "DE", "Country", iso2="DE", iso3="DEU", isoNumeric="276", name="Germany"),
        node("theme", "prevention", "Theme", notation="prevention", prefLabel="Prevention", scheme="themes"),
        node("theme", "protection", "Theme", notation="protection", prefLabel="Protection", scheme="themes"),
        node(
            "theme",
            "awareness-raising",
            "Theme",
            notation="awareness-raising",
            prefLabel="Awareness raising",
            scheme="themes",
        ),
        node(
            "theme",
            "shelter-and-assistance",
            "Theme",
            notation="shelter-and-assistance",
            prefLabel="Shelter and assistance",
            scheme="themes",
        ),
        node(
            "theme",
            "trafficking-in-persons",
            "Theme",
            notation="trafficking-in-persons",
            prefLabel="Trafficking in persons",
            scheme="crime-types",
        ),
        node(
            "organization",
            "unodc",
            "Agency",
            name="United Nations Office on Drugs and Crime",
            shortName="UNODC",
            orgType="40",
            source="UNODC",
            generatedAt=generated,
        ),
        node(
            "organization",
            "iom",
            "Agency",
            name="International Organization for Migration",
            shortName="IOM",
            identifier="XM-DAC-47066",
            orgType="40",
        ),
        node(
            "organization",
            "icat",
            "CoordinationMechanism",
            name="Inter-Agency Coordination Group against Trafficking in Persons",
            shortName="ICAT",
        ),
        node(
            "organization", "hope", "NGO", name="Hope Shelter Network", identifier="NG-CAC-1234", orgType="22"
        ),
        node("organization", "donor", "GovernmentBody", name="Ministry of Foreign Affairs", orgType="10"),
        node("membership", "icat-unodc", "Membership", role="coordinator", start=dt.date(2007, 3, 1)),
        node(
            "membership",
            "icat-iom",
            "Membership",
            role="member",
            start=dt.date(2007, 3, 1),
            end=dt.date(2015, 12, 31),
        ),
        node(
            "instrument",
            "untoc",
            "LegalInstrument",
            name="United Nations Convention against Transnational Organized Crime",
            shortName="UNTOC",
            adopted=dt.date(2000, 11, 15),
        ),
        node(
            "instrument",
            "tip-protocol",
            "LegalInstrument",
            name="Trafficking in Persons Protocol",
            shortName="TIP Protocol",
            adopted=dt.date(2000, 11, 15),
            entryIntoForce=dt.date(2003, 12, 25),
        ),
        node(
            "obligation", "tip-6", "Obligation", article="6", title="Assistance to and protection of victims"
        ),
        node("ratification", "tip-NG", "Ratification", date=dt.date(2001, 6, 28), kind="ratification"),
        node(
            "pledge", "iom-TH", "Pledge", description="Train border officials", dueDate=dt.date(2025, 12, 31)
        ),
        node(
            "action-plan",
            "DE-2024",
            "ActionPlan",
            title="National action plan",
            start=dt.date(2024, 1, 1),
            end=dt.date(2027, 12, 31),
        ),
        node("fund", "trust-fund", "Fund", name="UN Voluntary Trust Fund for Victims of Trafficking"),
        node(
            "grant",
            "g1",
            "Grant",
            amount=50000.0,
            currency="USD",
            start=dt.date(2022, 1, 1),
            end=dt.date(2024, 12, 31),
        ),
    ]
    edges = [
        Edge(iri("country", "NG"), "REGION", iri("region", "002")),
        Edge(iri("country", "NG"), "SUBREGION", iri("region", "202")),
        Edge(iri("country", "KE"), "REGION", iri("region", "002")),
        Edge(iri("country", "KE"), "SUBREGION", iri("region", "202")),
        Edge(iri("country", "TH"), "REGION", iri("region", "142")),
        Edge(iri("country", "TH"), "SUBREGION", iri("region", "035")),
        Edge(iri("country", "DE"), "REGION", iri("region", "150")),
        Edge(iri("theme", "awareness-raising"), "BROADER", iri("theme", "prevention")),
        Edge(iri("theme", "shelter-and-assistance"), "BROADER", iri("theme", "protection")),
        Edge(iri("organization", "icat"), "MANAGED_BY", iri("organization", "unodc")),
        Edge(iri("membership", "icat-unodc"), "MEMBER", iri("organization", "unodc")),
        Edge(iri("membership", "icat-unodc"), "ORGANIZATION", iri("organization", "icat")),
        Edge(iri("membership", "icat-iom"), "MEMBER", iri("organization", "iom")),
        Edge(iri("membership", "icat-iom"), "ORGANIZATION", iri("organization", "icat")),
        Edge(iri("instrument", "tip-protocol"), "IS_PART_OF", iri("instrument", "untoc")),
        Edge(iri("instrument", "tip-protocol"), "HAS_OBLIGATION", iri("obligation", "tip-6")),
        Edge(iri("obligation", "tip-6"), "THEME", iri("theme", "protection")),
        Edge(iri("ratification", "tip-NG"), "STATE", iri("country", "NG")),
        Edge(iri("ratification", "tip-NG"), "INSTRUMENT", iri("instrument", "tip-protocol")),
        Edge(iri("pledge", "iom-TH"), "PLEDGED_BY", iri("organization", "iom")),
        Edge(iri("pledge", "iom-TH"), "COUNTRY", iri("country", "TH")),
        Edge(iri("pledge", "iom-TH"), "THEME", iri("theme", "prevention")),
        Edge(iri("action-plan", "DE-2024"), "COUNTRY", iri("country", "DE")),
        Edge(iri("fund", "trust-fund"), "MANAGED_BY", iri("organization", "unodc")),
        Edge(iri("grant", "g1"), "FROM_FUND", iri("fund", "trust-fund")),
        Edge(iri("grant", "g1"), "GRANTEE", iri("organization", "hope")),
        Edge(iri("grant", "g1"), "COUNTRY", iri("country", "NG")),
        Edge(iri("grant", "g1"), "THEME", iri("theme", "shelter-and-assistance")),
    ]
    for spec in project_specs():
        project = iri("project", f"seed/{spec.key}")
        nodes.append(
            Node(
                project,
                labels_for("Project"),
                {
                    "identifier": spec.key,
                    "partner": "seed",
                    "title": spec.title,
                    "titles": [f"en|{spec.title}", f"fr|Projet {spec.key}"],
                    "status": spec.status,
                    "plannedStart": spec.start,
                    "plannedEnd": spec.end,
                    "budget": spec.budget,
                    "currency": "USD",
                    "unclassified": False,
                    "withdrawn": False,
                    "source": "seed",
                    "sourceFile": "seed.json",
                },
            )
        )
        for role, org in (("funding", "donor"), ("implementing", spec.implementer)):
            participation = f"{project}/participation/{role}"
            nodes.append(Node(participation, labels_for("Participation"), {"role": role}))
            edges += [
                Edge(project, "HAS_PARTICIPATION", participation),
                Edge(participation, "PARTICIPANT", iri("organization", org)),
            ]
        allocation = f"{project}/country/{spec.country}"
        nodes.append(Node(allocation, labels_for("CountryAllocation"), {"percentage": 100.0}))
        edges += [
            Edge(project, "HAS_COUNTRY_ALLOCATION", allocation),
            Edge(allocation, "COUNTRY", iri("country", spec.country)),
            Edge(project, "THEME", iri("theme", spec.theme)),
            Edge(project, "CRIME_TYPE", iri("theme", "trafficking-in-persons")),
        ]
    write_records(graph, nodes, edges)
