"""The read side's domain objects: what the catalogue queries return, built from Neo4j node maps.

A node map is `n {.*, labels: labels(n)}`: the node's properties plus its labels. Each class takes the
properties whose names match its fields, so the property names stay those of `ontology.mapping`.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Self, TypeVar

from queries.filters import actor_kinds

__all__ = [
    "ORGANIZATION_KINDS",
    "ActionPlan",
    "Commitment",
    "Country",
    "CountryAllocation",
    "Fund",
    "Grant",
    "LegalInstrument",
    "Membership",
    "Obligation",
    "Organization",
    "Participation",
    "Pledge",
    "Project",
    "Ratification",
    "Region",
    "Theme",
    "commitment_from_node",
]

NodeMap = dict[str, Any]
T = TypeVar("T", bound="Entity")


ORGANIZATION_KINDS: tuple[str, ...] = actor_kinds()
"""Organization labels, most specific first, ending with Organization itself."""


@dataclass(frozen=True)
class Entity:
    iri: str
    source: str | None = None
    generatedAt: datetime | None = None  # noqa: N815 - the graph's property name

    @classmethod
    def from_node(cls, node: NodeMap) -> Self:
        names = _field_names(cls)
        values = {
            key: parse_timestamp(value) if key in TIMESTAMPS else parse_date(value) if key in DATES else value
            for key, value in node.items()
            if key in names
        }
        return cls(**values)


TIMESTAMPS: tuple[str, ...] = ("generatedAt", "loadedAt", "withdrawnAt")
"""The DATETIME properties; project lists read them as text (see `temporals_as_text`), which is much cheaper
to decode than the driver's DateTime values, and `Entity.from_node` parses them back."""
DATES: tuple[str, ...] = ("plannedStart", "plannedEnd", "actualStart", "actualEnd")
"""The DATE properties of a project, read as text the same way."""
_FRACTION = re.compile(r"(\.\d{6})\d+")


def temporals_as_text(variable: str) -> str:
    """Map projection entries reading the TIMESTAMPS and DATES of `variable` as ISO 8601 text (code only)."""
    return ", ".join(f"{name}: toString({variable}.{name})" for name in (*TIMESTAMPS, *DATES))


def parse_date(value: Any) -> Any:
    """A date read as text (`2026-01-31`) as a date; other values as they are."""
    return date.fromisoformat(value) if isinstance(value, str) else value


def parse_timestamp(value: Any) -> Any:
    """A timestamp read as text (`2026-01-01T00:00:00.123456789Z`, maybe `+01:00[Europe/Berlin]`) as a
    datetime; other values as they are."""
    if not isinstance(value, str):
        return value
    return datetime.fromisoformat(_FRACTION.sub(r"\1", value.split("[", 1)[0]))


_FIELD_NAMES: dict[type, frozenset[str]] = {}


def _field_names(cls: type[Entity]) -> frozenset[str]:
    names = _FIELD_NAMES.get(cls)
    if names is None:
        names = _FIELD_NAMES[cls] = frozenset(f.name for f in dataclasses.fields(cls) if f.init)
    return names


@dataclass(frozen=True)
class Organization(Entity):
    name: str = ""
    shortName: str | None = None  # noqa: N815
    identifier: str | None = None
    orgType: str | None = None  # noqa: N815
    url: str | None = None
    kind: str = "Organization"

    @classmethod
    def from_node(cls, node: NodeMap) -> Self:
        labels = set(node.get("labels", ()))
        kind = next((label for label in ORGANIZATION_KINDS if label in labels), "Organization")
        return dataclasses.replace(super().from_node(node), kind=kind)


@dataclass(frozen=True)
class Membership(Entity):
    role: str | None = None
    start: date | None = None
    end: date | None = None

    def active_on(self, day: date | None) -> bool:
        """Whether the membership holds on `day` (always, when no day is given)."""
        if day is None:
            return True
        return (self.start is None or self.start <= day) and (self.end is None or self.end >= day)


@dataclass(frozen=True)
class Project(Entity):
    identifier: str = ""
    partner: str | None = None
    title: str | None = None
    titles: list[str] = field(default_factory=list)
    description: str | None = None
    status: str | None = None
    plannedStart: date | None = None  # noqa: N815
    plannedEnd: date | None = None  # noqa: N815
    actualStart: date | None = None  # noqa: N815
    actualEnd: date | None = None  # noqa: N815
    budget: float | None = None
    currency: str | None = None
    unclassified: bool = False
    withdrawn: bool = False
    withdrawnAt: datetime | None = None  # noqa: N815
    contentHash: str | None = None  # noqa: N815
    loadedAt: datetime | None = None  # noqa: N815
    sourceFile: str | None = None  # noqa: N815


@dataclass(frozen=True)
class Participation:
    role: str
    organization: Organization
    project_iri: str


@dataclass(frozen=True)
class CountryAllocation:
    percentage: float | None
    country: Country
    project_iri: str


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
    adopted: date | None = None
    entryIntoForce: date | None = None  # noqa: N815
    statusDate: date | None = None  # noqa: N815
    partyCount: int | None = None  # noqa: N815
    statusComplete: bool | None = None  # noqa: N815
    statusSource: str | None = None  # noqa: N815


@dataclass(frozen=True)
class Obligation(Entity):
    article: str | None = None
    title: str | None = None


@dataclass(frozen=True)
class Commitment(Entity):
    pass


@dataclass(frozen=True)
class Ratification(Commitment):
    signatureDate: date | None = None  # noqa: N815 - before `date`, which shadows the type below it
    date: date | None = None
    kind: str | None = None
    secondSource: str | None = None  # noqa: N815
    sourceDate: str | None = None  # noqa: N815
    doubt: str | None = None


@dataclass(frozen=True)
class Pledge(Commitment):
    description: str | None = None
    dueDate: date | None = None  # noqa: N815


@dataclass(frozen=True)
class ActionPlan(Commitment):
    title: str | None = None
    start: date | None = None
    end: date | None = None


@dataclass(frozen=True)
class Fund(Entity):
    name: str = ""
    url: str | None = None


@dataclass(frozen=True)
class Grant(Entity):
    amount: float | None = None
    currency: str | None = None
    start: date | None = None
    end: date | None = None


_COMMITMENT_KINDS: dict[str, type[Commitment]] = {
    "Ratification": Ratification,
    "Pledge": Pledge,
    "ActionPlan": ActionPlan,
}


def commitment_from_node(node: NodeMap) -> Commitment:
    """The most specific commitment class of a node (a bare Commitment when it has no kind)."""
    labels = node.get("labels", ())
    cls = next((_COMMITMENT_KINDS[label] for label in labels if label in _COMMITMENT_KINDS), Commitment)
    return cls.from_node(node)
