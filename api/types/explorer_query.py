"""Root fields the explorer's time slider and gap legend ask once: the projects' period and the gap kinds."""

from __future__ import annotations

import datetime as dt
from typing import Self

import strawberry

from api.types.analytics import GapKind
from api.types.common import Info
from queries.gap_kinds import GapKindInfo, gap_kinds
from queries.period import ProjectPeriod as DomainPeriod
from queries.period import project_period, projects_with_start, slider_days

__all__ = ["ExplorerQuery", "GapKindDescription", "ProjectPeriod"]


@strawberry.type(
    description=(
        'The span of the days on which projects are active ("active as of": the actual dates when known, '
        "else the planned ones; a cancelled project, or one withdrawn with no date, is never active)."
    )
)
class ProjectPeriod:
    earliest_start: dt.date | None = strawberry.field(
        description="The first day on which a project with a start is active; null when none has a start."
    )
    latest_end: dt.date | None = strawberry.field(
        description="The last day on which a project with an end (or a dated withdrawal) is active."
    )
    slider_days: list[dt.date] = strawberry.field(
        description=(
            "The as-of dates a time slider offers, earliest first: today and the same day of each month before "
            "it (clamped to the month's length), back to the first on or after earliestStart. The server keeps "
            "the default coverage, overlaps and gaps of these dates ready ahead of need."
        )
    )

    @strawberry.field(description="Projects active on some day that have a start (read only when asked).")
    async def projects(self, info: Info) -> int:
        return await info.context.run(projects_with_start)

    @classmethod
    def from_domain(cls, period: DomainPeriod) -> Self:
        return cls(
            earliest_start=period.earliest,
            latest_end=period.latest,
            slider_days=slider_days(period.earliest, dt.date.today()),
        )


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
