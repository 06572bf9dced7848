"""A small in-memory world of records, written to Neo4j with graph.records and read by the test oracle."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from graph.records import Edge, Node, write_records
from graph.store import Graph
from ontology.mapping import labels_for, relationship_type


def iri(kind: str, key: str) -> str:
    return f"urn:test:{kind}:{key}"


@dataclass(frozen=True)
class Country:
    iso2: str
    name: str
    regions: tuple[str, ...] = ()  # M49 codes: the first is the region, the others sub-regions


@dataclass(frozen=True)
class Theme:
    notation: str
    broader: tuple[str, ...] = ()


@dataclass(frozen=True)
class Org:
    key: str
    kind: str  # a label: Agency, NGO, GovernmentBody, CoordinationMechanism, ...
    org_type: str | None = None
    name: str | None = None
    short_name: str | None = None

    @property
    def iri(self) -> str:
        return iri("org", self.key)


@dataclass(frozen=True)
class Membership:
    key: str
    member: str
    mechanism: str
    start: date | None = None
    end: date | None = None


@dataclass(frozen=True)
class Project:
    key: str
    countries: tuple[tuple[str, float | None], ...]  # (iso2, allocation percentage)
    themes: tuple[str, ...]
    participants: tuple[tuple[str, str], ...]  # (org key, role)
    crime_types: tuple[str, ...] = ()
    planned_start: date | None = None
    planned_end: date | None = None
    actual_start: date | None = None
    actual_end: date | None = None
    status: str | None = "2"
    withdrawn: bool = False
    budget: float | None = None
    currency: str | None = None

    @property
    def iri(self) -> str:
        return iri("project", self.key)

    @property
    def start(self) -> date | None:
        return self.actual_start or self.planned_start

    @property
    def end(self) -> date | None:
        return self.actual_end or self.planned_end


@dataclass(frozen=True)
class Obligation:
    key: str
    article: str
    themes: tuple[str, ...]


@dataclass(frozen=True)
class Instrument:
    key: str
    short_name: str
    obligations: tuple[Obligation, ...]
    complete: bool = True
    """Every party is among the world's ratifications (else other States' status is unknown)."""


@dataclass(frozen=True)
class Ratification:
    key: str
    state: str
    instrument: str
    date: date | None


@dataclass(frozen=True)
class Pledge:
    key: str
    country: str
    themes: tuple[str, ...]
    due: date | None
    by: str | None = None
    description: str = "a pledge"


@dataclass(frozen=True)
class ActionPlan:
    key: str
    country: str
    themes: tuple[str, ...]
    end: date | None
    title: str = "an action plan"


@dataclass(frozen=True)
class Grant:
    key: str
    country: str
    themes: tuple[str, ...]
    start: date | None
    end: date | None
    amount: float = 1000.0
    fund: str = "tf"


@dataclass
class World:
    regions: dict[str, str] = field(default_factory=dict)  # m49 -> name
    countries: list[Country] = field(default_factory=list)
    themes: list[Theme] = field(default_factory=list)
    orgs: list[Org] = field(default_factory=list)
    memberships: list[Membership] = field(default_factory=list)
    projects: list[Project] = field(default_factory=list)
    instruments: list[Instrument] = field(default_factory=list)
    ratifications: list[Ratification] = field(default_factory=list)
    pledges: list[Pledge] = field(default_factory=list)
    action_plans: list[ActionPlan] = field(default_factory=list)
    funds: dict[str, str] = field(default_factory=dict)  # key -> name
    grants: list[Grant] = field(default_factory=list)

    def org(self, key: str) -> Org:
        return next(o for o in self.orgs if o.key == key)

    def records(self) -> tuple[list[Node], list[Edge]]:
        nodes: list[Node] = []
        edges: list[Edge] = []

        def node(cls: str, node_iri: str, **props: Any) -> str:
            nodes.append(Node(node_iri, labels_for(cls), props))
            return node_iri

        def edge(source: str, prop: str, target: str) -> None:
            edges.append(Edge(source, relationship_type(prop), target))

        for m49, name in self.regions.items():
            node("Region", iri("region", m49), m49=m49, name=name)
        for c in self.countries:
            node("Country", iri("country", c.iso2), iso2=c.iso2, name=c.name)
            for position, m49 in enumerate(c.regions):
                edge(iri("country", c.iso2), "region" if position == 0 else "subregion", iri("region", m49))
        for t in self.themes:
            node("Theme", iri("theme", t.notation), notation=t.notation, prefLabel=t.notation.title())
            for b in t.broader:
                edge(iri("theme", t.notation), "broader", iri("theme", b))
        for o in self.orgs:
            node(o.kind, o.iri, name=o.name or o.key, orgType=o.org_type, shortName=o.short_name)
        for m in self.memberships:
            node("Membership", iri("membership", m.key), role="member", start=m.start, end=m.end)
            edge(iri("membership", m.key), "member", iri("org", m.member))
            edge(iri("membership", m.key), "organization", iri("org", m.mechanism))
        for p in self.projects:
            node(
                "Project",
                p.iri,
                identifier=p.key,
                title=f"Project {p.key}",
                plannedStart=p.planned_start,
                plannedEnd=p.planned_end,
                actualStart=p.actual_start,
                actualEnd=p.actual_end,
                status=p.status,
                withdrawn=p.withdrawn,
                budget=p.budget,
                currency=p.currency,
            )
            for iso2, pct in p.countries:
                alloc = node("CountryAllocation", iri("alloc", f"{p.key}-{iso2}"), percentage=pct)
                edge(p.iri, "hasCountryAllocation", alloc)
                edge(alloc, "country", iri("country", iso2))
            for t in p.themes:
                edge(p.iri, "theme", iri("theme", t))
            for t in p.crime_types:
                edge(p.iri, "crimeType", iri("theme", t))
            for position, (org, role) in enumerate(p.participants):
                part = node("Participation", iri("part", f"{p.key}-{position}"), role=role)
                edge(p.iri, "hasParticipation", part)
                edge(part, "participant", iri("org", org))
        for i in self.instruments:
            node(
                "LegalInstrument",
                iri("instrument", i.key),
                name=i.short_name,
                shortName=i.short_name,
                statusComplete=i.complete,
            )
            for ob in i.obligations:
                node("Obligation", iri("obligation", ob.key), article=ob.article, title=ob.key)
                edge(iri("instrument", i.key), "hasObligation", iri("obligation", ob.key))
                for t in ob.themes:
                    edge(iri("obligation", ob.key), "theme", iri("theme", t))
        for r in self.ratifications:
            node("Ratification", iri("ratification", r.key), date=r.date, kind="ratification")
            edge(iri("ratification", r.key), "state", iri("country", r.state))
            edge(iri("ratification", r.key), "instrument", iri("instrument", r.instrument))
        for k in self.pledges:
            node("Pledge", iri("pledge", k.key), dueDate=k.due, description=k.description)
            edge(iri("pledge", k.key), "country", iri("country", k.country))
            for t in k.themes:
                edge(iri("pledge", k.key), "theme", iri("theme", t))
            if k.by is not None:
                edge(iri("pledge", k.key), "pledgedBy", iri("org", k.by))
        for a in self.action_plans:
            node("ActionPlan", iri("plan", a.key), end=a.end, title=a.title)
            edge(iri("plan", a.key), "country", iri("country", a.country))
            for t in a.themes:
                edge(iri("plan", a.key), "theme", iri("theme", t))
        for key, name in self.funds.items():
            node("Fund", iri("fund", key), name=name)
        for g in self.grants:
            node("Grant", iri("grant", g.key), amount=g.amount, currency="USD", start=g.start, end=g.end)
            edge(iri("grant", g.key), "fromFund", iri("fund", g.fund))
            edge(iri("grant", g.key), "country", iri("country", g.country))
            for t in g.themes:
                edge(iri("grant", g.key), "theme", iri("theme", t))
        return nodes, edges

    def load(self, graph: Graph) -> None:
        nodes, edges = self.records()
        write_records(graph, nodes, edges)
