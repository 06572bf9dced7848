"""The root Mutation: partner sync through the loaders' sync core, for callers with an account.

A partner changes only its own projects (the partner of each record is the caller's account); an
administrator acts for a partner it names; an officer changes nothing (api/auth.py). Each call is one
sync activity in the graph's history.
"""

from __future__ import annotations

from typing import Annotated

import strawberry

from api.auth import admin_only, writer
from api.errors import BadUserInput
from api.types.common import Info
from api.types.identity import OrganizationMergeResult
from api.types.sync import ProjectInput, ProjectSyncResult, WithdrawResult
from loaders.history import Activity
from loaders.identity import merge_organizations, split_merge
from loaders.sync import sync_records, withdraw_project

__all__ = ["MAX_RECORDS", "Mutation"]

MAX_RECORDS = 1000


_PARTNER = strawberry.argument(
    description="The partner whose records these are: a partner account's own (the default; no other is "
    "allowed), or the partner an administrator acts for (required for administrators)."
)


@strawberry.type(
    description="Changes to the graph; each needs an account's key as `Authorization: Bearer <key>`."
)
class Mutation:
    @strawberry.mutation(
        description=f"Create or update a partner's projects (at most {MAX_RECORDS} a call); one result per record, "
        "in input order. Rejected records are reported with their field errors and nothing of them is written."
    )
    async def upsert_projects(
        self,
        info: Info,
        input: list[ProjectInput],
        partner: Annotated[str | None, _PARTNER] = None,
        source: str | None = None,
    ) -> list[ProjectSyncResult]:
        caller = info.context.caller
        owner = writer(caller, partner)
        if len(input) > MAX_RECORDS:
            raise BadUserInput(f"input holds {len(input)} projects; send at most {MAX_RECORDS} a call.")
        records = [project.to_record(owner, index) for index, project in enumerate(input)]
        origin = source or f"graphql:{owner}"
        activity = Activity.start(via="graphql", source=origin, account=caller.account)
        results = await info.context.run(
            lambda graph: sync_records(graph, records, partner=owner, source=origin, activity=activity)
        )
        return [ProjectSyncResult.from_domain(result) for result in results]

    @strawberry.mutation(
        description="Mark a partner's project withdrawn (it is kept, and left out of lists and analytics)."
    )
    async def withdraw_project(
        self, info: Info, identifier: str, partner: Annotated[str | None, _PARTNER] = None
    ) -> WithdrawResult:
        caller = info.context.caller
        owner = writer(caller, partner)
        activity = Activity.start(via="withdraw", source=f"graphql:{owner}", account=caller.account)
        done = await info.context.run(
            lambda graph: withdraw_project(graph, partner=owner, identifier=identifier, activity=activity)
        )
        return WithdrawResult(identifier=identifier, withdrawn=done)

    @strawberry.mutation(
        description="Merge two organizations into one: `absorb` is folded into `keep`, which keeps every name "
        "and identifier of both; recorded with who, when and why, and undone by splitOrganizations."
    )
    async def merge_organizations(
        self, info: Info, keep: strawberry.ID, absorb: strawberry.ID, reason: str
    ) -> OrganizationMergeResult:
        admin_only(info.context.caller, "Merging organizations")
        agent = f"account {info.context.caller.account}"
        result = await info.context.run(
            lambda graph: merge_organizations(graph, str(keep), str(absorb), agent=agent, reason=reason)
        )
        return OrganizationMergeResult.from_domain(result)

    @strawberry.mutation(
        description="Undo a merge (give the merge IRI, or the absorbed organization's): the organization comes "
        "back with its names, identifiers and projects."
    )
    async def split_organizations(self, info: Info, merge: strawberry.ID, reason: str) -> OrganizationMergeResult:
        admin_only(info.context.caller, "Splitting organizations")
        agent = f"account {info.context.caller.account}"
        result = await info.context.run(lambda graph: split_merge(graph, str(merge), agent=agent, reason=reason))
        return OrganizationMergeResult.from_domain(result)
