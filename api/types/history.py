"""History in GraphQL: sync activities, the changes they made, `changes(since:)` and who is calling."""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import TYPE_CHECKING, Annotated, Self, cast

import strawberry
from strawberry.scalars import JSON

from api.enums import ThemeNotation
from api.errors import BadUserInput
from api.pagination import Connection, wants_total, window
from api.types.common import Info, related
from loaders.history import ACTIONS
from queries import history as h

if TYPE_CHECKING:
    from api.accounts import AccountRole
    from api.types.project import Project

__all__ = ["Change", "ChangeAction", "HistoryQuery", "SyncActivity", "Viewer", "project_history"]

_CHANGE_ACTION = strawberry.enum(
    cast("type[Enum]", Enum("ChangeAction", {action.upper(): action for action in ACTIONS})),
    description="What a sync did to a record.",
)
# The members come from loaders.history.ACTIONS at run time, so type checkers see a plain Enum.
if TYPE_CHECKING:
    ChangeAction = Enum
else:
    ChangeAction = _CHANGE_ACTION


@strawberry.type(description="One sync of partner records (a PROV activity): who, when, from which source.")
class SyncActivity:
    iri: strawberry.ID
    via: str | None = strawberry.field(description="file (a direct load), graphql or withdraw.")
    source: str | None
    actor: str | None = strawberry.field(
        description="The account id, or operator:USER for an operator's direct load into Neo4j."
    )
    started_at: dt.datetime | None
    ended_at: dt.datetime | None

    @classmethod
    def from_domain(cls, activity: h.ActivityRecord) -> Self:
        return cls(
            iri=strawberry.ID(activity.iri),
            via=activity.via,
            source=activity.source,
            actor=activity.actor,
            started_at=activity.started_at,
            ended_at=activity.ended_at,
        )


@strawberry.type(description="A field an update changed and the value it had before.")
class FieldChange:
    field: str
    previous: JSON | None = strawberry.field(
        description="The value before the update (null when it had none)."
    )


@strawberry.type(description="What one sync did to one project record.")
class Change:
    iri: strawberry.ID
    action: ChangeAction
    identifier: str | None
    partner: str | None
    changed_at: dt.datetime
    changed_fields: list[str] = strawberry.field(description="The fields an update changed.")
    previous_values: list[FieldChange] = strawberry.field(description="The changed fields' values before.")
    reasons: list[str] = strawberry.field(description="Why a rejected record was refused.")
    activity: SyncActivity
    project_iri: strawberry.Private[str | None]

    @strawberry.field(description="The project (null for a rejected record that was never written).")
    async def project(self, info: Info) -> Annotated[Project, strawberry.lazy("api.types.project")] | None:
        if self.project_iri is None:
            return None
        from api.types.project import Project

        found = await related(info, "NODES_BY_IRI", self.project_iri, Project.from_node)
        return found[0] if found else None

    @classmethod
    def from_domain(cls, change: h.ChangeRecord) -> Self:
        return cls(
            iri=strawberry.ID(change.iri),
            action=ChangeAction(change.action),
            identifier=change.identifier,
            partner=change.partner,
            changed_at=change.changed_at,
            changed_fields=list(change.fields),
            previous_values=[
                FieldChange(field=name, previous=change.previous.get(name)) for name in change.fields
            ],
            reasons=list(change.reasons),
            activity=SyncActivity.from_domain(change.activity),
            project_iri=change.project,
        )


@strawberry.type(description="The account the request's key or token belongs to.")
class Viewer:
    account: str
    name: str | None
    role: Annotated[AccountRole, strawberry.lazy("api.accounts")]


def _actions(actions: list[Enum] | None) -> tuple[str, ...]:
    return tuple(str(a.value) for a in actions) if actions else h.DEFAULT_ACTIONS


async def project_history(info: Info, iri: str, actions: list[Enum] | None) -> list[Change]:
    found = await info.context.run(lambda graph: h.project_history(graph, iri, _actions(actions)))
    return [Change.from_domain(change) for change in found]


@strawberry.type
class HistoryQuery:
    @strawberry.field(
        description="What changed since a moment, oldest first: created, updated, withdrawn and rejected records "
        "(unchanged ones too when asked for in actions). Country and theme select projects as they stand now."
    )
    async def changes(
        self,
        info: Info,
        since: dt.datetime,
        until: dt.datetime | None = None,
        partner: str | None = None,
        country: Annotated[str | None, strawberry.argument(description="ISO 3166-1 alpha-2 code.")] = None,
        theme: ThemeNotation | None = None,
        actions: list[ChangeAction] | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[Change]:
        if since.tzinfo is None:
            raise BadUserInput("since needs a time zone, e.g. 2026-01-01T00:00:00Z.")
        page = window(first, after, None, None)
        where = h.ChangeFilter(
            since=since,
            until=until,
            partner=partner,
            country=country.strip().upper() if country else None,
            theme=str(theme.value) if theme else None,
            actions=_actions(actions),
        )
        count = page.first if page.first is not None else 0
        total = wants_total(info)
        found = await info.context.run(lambda graph: h.changes(graph, where, page.lo, count, total))
        return Connection.from_page(found, Change.from_domain)

    @strawberry.field(description="The account of the request's key or token; null for anonymous callers.")
    def viewer(self, info: Info) -> Viewer | None:
        caller = info.context.caller
        if caller.account is None or caller.role is None:
            return None
        from api.accounts import AccountRole

        return Viewer(account=caller.account, name=caller.name, role=AccountRole(caller.role.value))
