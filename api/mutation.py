"""The root Mutation: partner sync through the loaders' sync core, for callers with the admin token."""

from __future__ import annotations

import strawberry

from api.auth import check_admin
from api.errors import BadUserInput
from api.types.common import Info
from api.types.sync import ProjectInput, ProjectSyncResult, WithdrawResult
from loaders.sync import sync_records, withdraw_project

__all__ = ["MAX_RECORDS", "Mutation"]

MAX_RECORDS = 1000


def _partner(partner: str) -> str:
    cleaned = partner.strip()
    if not cleaned:
        raise BadUserInput('partner must name the partner whose records these are, e.g. partner: "iom".')
    return cleaned


@strawberry.type(description="Changes to the graph; each needs the admin bearer token.")
class Mutation:
    @strawberry.mutation(
        description=f"Create or update a partner's projects (at most {MAX_RECORDS} a call); one result per record, "
        "in input order. Rejected records are reported with their field errors and nothing of them is written."
    )
    async def upsert_projects(
        self, info: Info, partner: str, input: list[ProjectInput], source: str | None = None
    ) -> list[ProjectSyncResult]:
        check_admin(info.context)
        owner = _partner(partner)
        if len(input) > MAX_RECORDS:
            raise BadUserInput(f"input holds {len(input)} projects; send at most {MAX_RECORDS} a call.")
        records = [project.to_record(owner, index) for index, project in enumerate(input)]
        origin = source or f"graphql:{owner}"
        results = await info.context.run(
            lambda graph: sync_records(graph, records, partner=owner, source=origin)
        )
        return [ProjectSyncResult.from_domain(result) for result in results]

    @strawberry.mutation(
        description="Mark a partner's project withdrawn (it is kept, and left out of lists and analytics)."
    )
    async def withdraw_project(self, info: Info, partner: str, identifier: str) -> WithdrawResult:
        check_admin(info.context)
        owner = _partner(partner)
        done = await info.context.run(
            lambda graph: withdraw_project(graph, partner=owner, identifier=identifier)
        )
        return WithdrawResult(identifier=identifier, withdrawn=done)
