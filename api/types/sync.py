"""Partner sync: the project input of `upsertProjects` and the per-record results."""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Any, Self

import strawberry

from api.enums import ActivityStatus, OrganizationType, ParticipationRole, ThemeNotation
from loaders.project_fields import NARRATED, property_fields
from loaders.records import CountryShare, Narrative, Participation, ProjectRecord, Sector
from loaders.sync import RecordResult

__all__ = ["ProjectInput", "ProjectSyncResult", "SyncStatus", "WithdrawResult"]


@strawberry.enum(description="What the sync did with a record.")
class SyncStatus(Enum):
    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"
    REJECTED = "rejected"


@strawberry.input(description="A text and its language (ISO 639-1 code; omit when unknown).")
class TextInput:
    text: str
    language: str | None = None


@strawberry.input(description="An organization taking part in the project.")
class ParticipationInput:
    role: ParticipationRole
    organization_ref: str | None = strawberry.field(default=None, description="IATI organisation identifier.")
    organization_name: str | None = None
    organization_short_name: str | None = None
    organization_type: OrganizationType | None = None


@strawberry.input(description="A recipient country and its share of the project.")
class CountryShareInput:
    iso2: str
    percentage: float | None = None


@strawberry.input(description="A sector code, e.g. an OECD DAC 5-digit purpose code (vocabulary 1).")
class SectorInput:
    code: str
    vocabulary: str = "1"


@strawberry.input(description="One project of a partner, as the partner records it.")
class ProjectInput:
    identifier: str = strawberry.field(description="The partner's key (or IATI identifier) of the project.")
    titles: list[TextInput]
    descriptions: list[TextInput] | None = None
    status: ActivityStatus | None = None
    planned_start: dt.date | None = None
    planned_end: dt.date | None = None
    actual_start: dt.date | None = None
    actual_end: dt.date | None = None
    budget: float | None = None
    currency: str | None = strawberry.field(default=None, description="ISO 4217 code.")
    participations: list[ParticipationInput] | None = None
    countries: list[CountryShareInput] | None = None
    regions: list[str] | None = strawberry.field(default=None, description="M49 codes.")
    sectors: list[SectorInput] | None = None
    sdg_targets: list[str] | None = None
    themes: list[ThemeNotation] | None = None
    crime_types: list[ThemeNotation] | None = None

    def to_record(self, partner: str, position: int) -> ProjectRecord:
        # The project's own fields are the record's property fields (loaders/project_fields.py), but for the
        # partner, which comes from the caller; tests/api/test_sync_input.py keeps the two in step.
        given: dict[str, Any] = {}
        for name in property_fields():
            value: Any = partner if name == "partner" else getattr(self, name)
            if name in NARRATED.values():
                value = tuple(Narrative(t.language or "", t.text) for t in value or ())
            elif isinstance(value, Enum):
                value = str(value.value)
            given[name] = value
        return ProjectRecord(
            **given,
            participations=tuple(
                Participation(
                    role=str(p.role.value),
                    org_ref=p.organization_ref,
                    org_name=p.organization_name,
                    org_type=str(p.organization_type.value) if p.organization_type else None,
                    org_short_name=p.organization_short_name,
                )
                for p in self.participations or ()
            ),
            countries=tuple(CountryShare(c.iso2, c.percentage) for c in self.countries or ()),
            regions=tuple(self.regions or ()),
            sectors=tuple(Sector(s.vocabulary, s.code) for s in self.sectors or ()),
            sdg_targets=tuple(self.sdg_targets or ()),
            themes=tuple(str(t.value) for t in self.themes or ()),
            crime_types=tuple(str(t.value) for t in self.crime_types or ()),
            position=position,
        )


@strawberry.type(description="Why a field of a record was rejected.")
class FieldError:
    field: str
    message: str


@strawberry.type(description="What happened to one record of upsertProjects, in input order.")
class ProjectSyncResult:
    identifier: str | None
    status: SyncStatus
    errors: list[FieldError]

    @classmethod
    def from_domain(cls, result: RecordResult) -> Self:
        return cls(
            identifier=result.identifier,
            status=SyncStatus(result.status),
            errors=[FieldError(field=field, message=message) for field, message in result.errors],
        )


@strawberry.type(description="The outcome of withdrawProject.")
class WithdrawResult:
    identifier: str
    withdrawn: bool = strawberry.field(
        description="False when the partner has no project with this identifier."
    )
