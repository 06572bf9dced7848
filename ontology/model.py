"""cograph's typed domain model: the entities the rest of the code speaks, named as the ontology names them.

Each dataclass is a class of cograph.ttl and its fields are the local names of the class's properties in
ontology/shapes.ttl (a `rdf:langString` property `title` also has its every-language list `titles`); a link
field names its object property in its metadata. tests/ontology/test_model.py fails when a field, a type or
a link is not what the Turtle says, so this module is the one hand-written list of each entity's fields and
everything else (loaders, queries, the API) takes names from here.

Plain Python: imports neither neo4j nor strawberry. Node properties come in and go out as plain mappings
(`from_node`, `node_properties`); dates and timestamps may arrive as ISO 8601 text.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import typing
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Self, TypeVar

from ontology.activity import INACTIVE_STATUSES, is_active
from ontology.organizations import actor_kinds

__all__ = [
    "INACTIVE_STATUSES",
    "LINK",
    "ORGANIZATION_KINDS",
    "Account",
    "ActionPlan",
    "Campaign",
    "Change",
    "Commitment",
    "Country",
    "CountryAllocation",
    "Entity",
    "Fund",
    "Grant",
    "LegalInstrument",
    "MatchCandidate",
    "Membership",
    "Obligation",
    "Organization",
    "OrganizationMerge",
    "Participation",
    "Pledge",
    "Project",
    "Publication",
    "Ratification",
    "Region",
    "SyncActivity",
    "Theme",
    "commitment_from_node",
    "date_properties",
    "entity_classes",
    "is_active",
    "node_properties",
    "property_names",
    "timestamp_properties",
]

LINK = "link"
"""Field metadata key: the local name of the object property a field follows (`participant`)."""
INVERSE = "inverse"
"""Field metadata key: True when the field follows its object property backwards (a participation's project)."""
DERIVED = "derived"
"""Field metadata key: how a field that is no property is derived (`labels` for an organization's kind)."""

E = TypeVar("E", bound="Entity")


ORGANIZATION_KINDS: tuple[str, ...] = actor_kinds()
"""Organization labels, most specific first, ending with Organization itself: a node's kind is the first."""

_FRACTION = re.compile(r"(\.\d{6})\d+")


def _date(value: Any) -> Any:
    return dt.date.fromisoformat(value) if isinstance(value, str) else value


def _timestamp(value: Any) -> Any:
    """`2026-01-01T00:00:00.123456789Z`, maybe `+01:00[Europe/Berlin]`, as a datetime; other values as they are."""
    if not isinstance(value, str):
        return value
    return dt.datetime.fromisoformat(_FRACTION.sub(r"\1", value.split("[", 1)[0]))


@dataclass(frozen=True)
class Entity:
    """Anything cograph records (cg:Resource): its IRI and the provenance of its facts."""

    iri: str
    source: str | None = None
    generatedAt: dt.datetime | None = None  # noqa: N815 - the ontology's property name
    url: str | None = None

    @classmethod
    def from_node(cls, properties: Mapping[str, Any]) -> Self:
        """The entity from a node's properties (unknown keys ignored; dates may be ISO text)."""
        names, dates, stamps = _readable(cls)
        values = {
            key: _timestamp(value) if key in stamps else _date(value) if key in dates else value
            for key, value in properties.items()
            if key in names
        }
        return cls(**values)


_READABLE: dict[type, tuple[frozenset[str], frozenset[str], frozenset[str]]] = {}


def _readable(cls: type[Entity]) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """The field names of `cls`, and those holding dates and timestamps (computed once per class)."""
    found = _READABLE.get(cls)
    if found is not None:
        return found
    hints = typing.get_type_hints(cls)
    names = frozenset(f.name for f in dataclasses.fields(cls) if f.init)
    dates = frozenset(n for n in names if hints[n] in (dt.date, dt.date | None))
    stamps = frozenset(n for n in names if hints[n] in (dt.datetime, dt.datetime | None))
    found = _READABLE[cls] = (names, dates, stamps)
    return found


@dataclass(frozen=True)
class Organization(Entity):
    """cg:Organization and its kinds (Agency, NGO, GovernmentBody, CoordinationMechanism ...)."""

    name: str = ""
    shortName: str | None = None  # noqa: N815
    identifier: str | None = None
    orgType: str | None = None  # noqa: N815
    otherIdentifiers: list[str] = field(default_factory=list)  # noqa: N815
    prefLabels: list[str] = field(default_factory=list)  # noqa: N815 - "lang|text", one per language
    altLabels: list[str] = field(default_factory=list)  # noqa: N815 - "lang|text" names and acronyms
    kind: str = field(default="Organization", metadata={DERIVED: "labels"})

    @classmethod
    def from_node(cls, properties: Mapping[str, Any]) -> Self:
        labels = set(properties.get("labels", ()))
        kind = next((label for label in ORGANIZATION_KINDS if label in labels), "Organization")
        return dataclasses.replace(super().from_node(properties), kind=kind)


@dataclass(frozen=True)
class Membership(Entity):
    role: str | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    datePrecision: str | None = None  # noqa: N815

    def active_on(self, day: dt.date | None) -> bool:
        """Whether the membership holds on `day` (always, when no day is given)."""
        if day is None:
            return True
        return (self.start is None or self.start <= day) and (self.end is None or self.end >= day)


@dataclass(frozen=True)
class Project(Entity):
    """cg:Project: a funded activity of a partner feed."""

    identifier: str = ""
    partner: str | None = None
    title: str | None = None
    titles: list[str] = field(default_factory=list)
    """Every language of the title, as `lang|text` (see `ontology.mapping.list_property_name`)."""
    description: str | None = None
    status: str | None = None
    plannedStart: dt.date | None = None  # noqa: N815
    plannedEnd: dt.date | None = None  # noqa: N815
    actualStart: dt.date | None = None  # noqa: N815
    actualEnd: dt.date | None = None  # noqa: N815
    budget: float | None = None
    currency: str | None = None
    unclassified: bool = False
    withdrawn: bool = False
    withdrawnAt: dt.datetime | None = None  # noqa: N815
    activeFrom: dt.date | None = None  # noqa: N815 - derived: ontology.activity.active_interval
    activeUntil: dt.date | None = None  # noqa: N815
    contentHash: str | None = None  # noqa: N815
    loadedAt: dt.datetime | None = None  # noqa: N815
    sourceFile: str | None = None  # noqa: N815

    @property
    def start(self) -> dt.date | None:
        """The actual start, else the planned one."""
        return self.actualStart or self.plannedStart

    @property
    def end(self) -> dt.date | None:
        """The actual end, else the planned one."""
        return self.actualEnd or self.plannedEnd

    def active_on(self, day: dt.date | None) -> bool:
        """Whether the project is active on `day` (the one rule, `ontology.activity.is_active`)."""
        return is_active(
            withdrawn=self.withdrawn,
            status=self.status,
            start=self.start,
            end=self.end,
            day=day,
            withdrawn_at=self.withdrawnAt,
        )


@dataclass(frozen=True)
class Participation:
    """cg:Participation as read: the role, the participating organization and the project's IRI."""

    role: str
    organization: Organization = field(metadata={LINK: "participant"})
    project_iri: str = field(metadata={LINK: "hasParticipation", INVERSE: True})
    sourceName: str | None = None  # noqa: N815 - the organization's name as the feed wrote it
    sourceIdentifier: str | None = None  # noqa: N815
    matchedBy: str | None = None  # noqa: N815 - identifier, alias, link or new


@dataclass(frozen=True)
class CountryAllocation:
    """cg:CountryAllocation as read: the country, its share of the project and the project's IRI."""

    percentage: float | None
    country: Country = field(metadata={LINK: "country"})
    project_iri: str = field(metadata={LINK: "hasCountryAllocation", INVERSE: True})


@dataclass(frozen=True)
class Country(Entity):
    iso2: str = ""
    iso3: str | None = None
    isoNumeric: str | None = None  # noqa: N815
    name: str = ""


@dataclass(frozen=True)
class Region(Entity):
    m49: str = ""
    name: str = ""


@dataclass(frozen=True)
class Theme(Entity):
    notation: str = ""
    prefLabel: str | None = None  # noqa: N815
    definition: str | None = None
    scheme: str | None = None


@dataclass(frozen=True)
class LegalInstrument(Entity):
    name: str = ""
    shortName: str | None = None  # noqa: N815
    adopted: dt.date | None = None
    entryIntoForce: dt.date | None = None  # noqa: N815
    statusDate: dt.date | None = None  # noqa: N815
    partyCount: int | None = None  # noqa: N815
    statusComplete: bool | None = None  # noqa: N815
    statusSource: str | None = None  # noqa: N815


@dataclass(frozen=True)
class Obligation(Entity):
    article: str | None = None
    title: str | None = None


@dataclass(frozen=True)
class Commitment(Entity):
    """cg:Commitment: a ratification, a pledge or an action plan."""


@dataclass(frozen=True)
class Ratification(Commitment):
    signatureDate: dt.date | None = None  # noqa: N815
    date: dt.date | None = None
    kind: str | None = None
    secondSource: str | None = None  # noqa: N815
    sourceDate: str | None = None  # noqa: N815
    doubt: str | None = None


@dataclass(frozen=True)
class Pledge(Commitment):
    description: str | None = None
    dueDate: dt.date | None = None  # noqa: N815


@dataclass(frozen=True)
class ActionPlan(Commitment):
    title: str | None = None
    start: dt.date | None = None
    end: dt.date | None = None


@dataclass(frozen=True)
class Fund(Entity):
    name: str = ""


@dataclass(frozen=True)
class Grant(Entity):
    amount: float | None = None
    currency: str | None = None
    start: dt.date | None = None
    end: dt.date | None = None


@dataclass(frozen=True)
class Campaign(Entity):
    name: str = ""
    date: dt.date | None = None


@dataclass(frozen=True)
class Publication(Entity):
    title: str | None = None
    edition: str | None = None
    date: dt.date | None = None


@dataclass(frozen=True)
class MatchCandidate(Entity):
    """Two organizations that may be one, found on load: the score and evidence, and what was decided."""

    score: float | None = None
    evidence: str | None = None
    decision: str | None = None


@dataclass(frozen=True)
class OrganizationMerge(Entity):
    """The decision that two organization nodes are one (and its undoing): who, when, why, what moved."""

    absorbed: str | None = None
    decision: str | None = None
    agent: str | None = None
    reason: str | None = None
    decidedAt: dt.datetime | None = None  # noqa: N815
    snapshot: str | None = None
    moved: list[str] = field(default_factory=list)
    addedNames: list[str] = field(default_factory=list)  # noqa: N815
    addedIdentifiers: list[str] = field(default_factory=list)  # noqa: N815
    splitAgent: str | None = None  # noqa: N815
    splitReason: str | None = None  # noqa: N815
    splitAt: dt.datetime | None = None  # noqa: N815


@dataclass(frozen=True)
class Account(Entity):
    """Who may call the API, with the role and the current key's id and salted hash (never exported)."""

    accountId: str = ""  # noqa: N815
    name: str | None = None
    accountRole: str | None = None  # noqa: N815
    keyId: str | None = None  # noqa: N815
    keyHash: str | None = None  # noqa: N815
    createdAt: dt.datetime | None = None  # noqa: N815
    keyIssuedAt: dt.datetime | None = None  # noqa: N815
    revokedAt: dt.datetime | None = None  # noqa: N815


@dataclass(frozen=True)
class SyncActivity(Entity):
    """One sync of partner records (a load, an API call, a withdrawal): by whom, how, when."""

    actor: str | None = None
    via: str | None = None
    startedAt: dt.datetime | None = None  # noqa: N815
    endedAt: dt.datetime | None = None  # noqa: N815


@dataclass(frozen=True)
class Change(Entity):
    """What one sync did to one project record, with the previous values of the fields it changed."""

    action: str | None = None
    identifier: str | None = None
    forPartner: str | None = None  # noqa: N815
    changedAt: dt.datetime | None = None  # noqa: N815
    previousValues: str | None = None  # noqa: N815 - JSON
    reasons: str | None = None  # one line per reason


def entity_classes() -> dict[str, type[Any]]:
    """Each dataclass of the model by the ontology class it stands for."""
    classes: tuple[type[Any], ...] = (
        Entity, Organization, Membership, Project, Participation, CountryAllocation, Country, Region, Theme,
        LegalInstrument, Obligation, Commitment, Ratification, Pledge, ActionPlan, Fund, Grant, Campaign,
        Publication, MatchCandidate, OrganizationMerge, Account, SyncActivity, Change,
    )  # fmt: skip
    return {("Resource" if cls is Entity else cls.__name__): cls for cls in classes}


_COMMITMENT_KINDS: dict[str, type[Commitment]] = {
    "Ratification": Ratification,
    "Pledge": Pledge,
    "ActionPlan": ActionPlan,
}


def commitment_from_node(properties: Mapping[str, Any]) -> Commitment:
    """The most specific commitment class of a node map with `labels` (a bare Commitment without a kind)."""
    labels = properties.get("labels", ())
    cls = next((_COMMITMENT_KINDS[label] for label in labels if label in _COMMITMENT_KINDS), Commitment)
    return cls.from_node(properties)


_PROPERTY_NAMES: dict[type, tuple[str, ...]] = {}


def property_names(cls: type[Any]) -> tuple[str, ...]:
    """The node properties of an entity class: its fields that are neither links nor derived, in order."""
    found = _PROPERTY_NAMES.get(cls)
    if found is None:
        found = _PROPERTY_NAMES[cls] = tuple(
            f.name for f in dataclasses.fields(cls) if LINK not in f.metadata and DERIVED not in f.metadata
        )
    return found


_TYPED: dict[tuple[type, type], tuple[str, ...]] = {}


def _typed_names(cls: type[Any], kind: type) -> tuple[str, ...]:
    found = _TYPED.get((cls, kind))
    if found is None:
        hints = typing.get_type_hints(cls)
        found = _TYPED[cls, kind] = tuple(n for n in property_names(cls) if hints[n] in (kind, kind | None))
    return found


def date_properties(cls: type[Any]) -> tuple[str, ...]:
    """The properties of `cls` that hold a DATE."""
    return _typed_names(cls, dt.date)


def timestamp_properties(cls: type[Any]) -> tuple[str, ...]:
    """The properties of `cls` that hold a DATETIME."""
    return _typed_names(cls, dt.datetime)


def node_properties(entity: Entity) -> dict[str, Any]:
    """The node properties of an entity to write: every property that has a value (None is left out)."""
    values = {name: getattr(entity, name) for name in property_names(type(entity))}
    return {name: value for name, value in values.items() if value is not None and value != []}
