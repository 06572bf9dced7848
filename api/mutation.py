"""The root Mutation: partner sync through the loaders' sync core, for callers with the admin token."""

from __future__ import annotations

import strawberry

from api.auth import admin_agent, check_admin
from api.errors import BadUserInput
from api.types.common import Info
from api.types.identity import OrganizationMergeResult
from api.types.sync import ProjectInput, ProjectSyncResult, WithdrawResult
from loaders.identity import merge_organizations, split_merge
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

    @strawberry.mutation(
        description="Merge two organizations into one: `absorb` is folded into `keep`, which keeps every name "
        "and identifier of both; recorded with who, when and why, and undone by splitOrganizations."
    )
    async def merge_organizations(
        self, info: Info, keep: strawberry.ID, absorb: strawberry.ID, reason: str
    ) -> OrganizationMergeResult:
        agent = admin_agent(info.context)
        result = await info.context.run(
            lambda graph: merge_organizations(graph, str(keep), str(absorb), agent=agent, reason=reason)
        )
        return OrganizationMergeResult.from_domain(result)

    @strawberry.mutation(
        description="Undo a merge (give the merge IRI, or the absorbed organization's): the organization comes "
        "back with its names, identifiers and projects."
    )
    async def split_organizations(self, info: Info, merge: strawberry.ID, reason: str) -> OrganizationMergeResult:
        agent = admin_agent(info.context)
        result = await info.context.run(lambda graph: split_merge(graph, str(merge), agent=agent, reason=reason))
        return OrganizationMergeResult.from_domain(result)
