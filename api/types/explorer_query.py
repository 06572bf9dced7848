"""Root fields the explorer's time slider and gap legend ask once: the projects' period and the gap kinds."""

from __future__ import annotations

import datetime as dt
from typing import Self

import strawberry

from api.types.analytics import GapKind
from api.types.common import Info
from queries.gap_kinds import GapKindInfo, gap_kinds
from queries.period import ProjectPeriod as DomainPeriod
from queries.period import project_period

__all__ = ["ExplorerQuery", "GapKindDescription", "ProjectPeriod"]


@strawberry.type(description="The span of the projects' dates (actual when known, else planned).")
class ProjectPeriod:
    earliest_start: dt.date | None = strawberry.field(
        description="The first start of a project not withdrawn."
    )
    latest_end: dt.date | None = strawberry.field(description="The last end.")
    projects: int = strawberry.field(description="Projects with a start date.")

    @classmethod
    def from_domain(cls, period: DomainPeriod) -> Self:
        return cls(earliest_start=period.earliest, latest_end=period.latest, projects=period.projects)


@strawberry.type(description="A kind of gap: its code, label and what the analytics count as one.")
class GapKindDescription:
    kind: GapKind  # type: ignore[valid-type]
    code: str = strawberry.field(description="The kind's code, e.g. treaty-status-unknown.")
    label: str
    description: str
    is_gap: bool = strawberry.field(
        description="False for an unknown (a partial record of treaty parties): neither a gap nor no gap."
    )

    @classmethod
    def from_domain(cls, info: GapKindInfo) -> Self:
        return cls(
            kind=info.kind, code=info.code, label=info.label, description=info.description, is_gap=info.is_gap
        )


@strawberry.type
class ExplorerQuery:
    @strawberry.field(description="The span of the projects' dates: where a time slider starts and ends.")
    async def project_period(self, info: Info) -> ProjectPeriod:
        return ProjectPeriod.from_domain(await info.context.run(project_period))

    @strawberry.field(description="Every kind of gap the analytics find, in the order they run.")
    def gap_kinds(self) -> list[GapKindDescription]:
        return [GapKindDescription.from_domain(each) for each in gap_kinds()]
