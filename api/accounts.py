"""Account management over GraphQL, for administrators: list, add, rotate and revoke accounts.

The same operations as `cograph partner ...`; a new key is in the answer once and never again.
"""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import TYPE_CHECKING, Self, cast

import strawberry

from api.auth import admin_only
from api.errors import BadUserInput
from api.types.common import Info
from graph.accounts import Account as AccountRecord
from graph.accounts import IssuedKey, add_account, list_accounts, revoke_account, rotate_key
from graph.errors import AccountError
from ontology.access import Role

__all__ = ["AccountMutation", "AccountQuery", "AccountRole"]

_ACCOUNT_ROLE = strawberry.enum(
    cast("type[Enum]", Enum("AccountRole", {role.name: role.value for role in Role})),
    description="What an account may do: a partner writes its own projects, an officer reads, an admin manages.",
)
if TYPE_CHECKING:  # the members come from ontology.access.Role
    AccountRole = Enum
else:
    AccountRole = _ACCOUNT_ROLE


@strawberry.type(description="An account that may call the API (never its key).")
class Account:
    id: str
    name: str
    role: AccountRole
    created_at: dt.datetime | None
    key_issued_at: dt.datetime | None
    revoked_at: dt.datetime | None

    @classmethod
    def from_domain(cls, account: AccountRecord) -> Self:
        return cls(
            id=account.id,
            name=account.name,
            role=AccountRole(account.role.value),
            created_at=account.created_at,
            key_issued_at=account.key_issued_at,
            revoked_at=account.revoked_at,
        )


@strawberry.type(description="An account and its new API key: shown in this answer only, store it now.")
class IssuedAccountKey:
    account: Account
    key: str

    @classmethod
    def from_domain(cls, issued: IssuedKey) -> Self:
        return cls(account=Account.from_domain(issued.account), key=str(issued.key))


@strawberry.type
class AccountQuery:
    @strawberry.field(description="Every account (administrators only).")
    async def accounts(self, info: Info) -> list[Account]:
        admin_only(info.context.caller, "Listing accounts")
        found = await info.context.run(list_accounts)
        return [Account.from_domain(account) for account in found]


def _refused(error: AccountError) -> BadUserInput:
    return BadUserInput(str(error)[:1].upper() + str(error)[1:])


@strawberry.type
class AccountMutation:
    @strawberry.mutation(
        description="Create an account (administrators only); the answer holds its key once."
    )
    async def add_account(
        self,
        info: Info,
        id: str,
        name: str,
        role: AccountRole = _ACCOUNT_ROLE.PARTNER,  # type: ignore[attr-defined]
    ) -> IssuedAccountKey:
        admin_only(info.context.caller, "Adding an account")
        try:
            issued = await info.context.run(lambda graph: add_account(graph, id, name, str(role.value)))
        except AccountError as error:
            raise _refused(error) from None
        return IssuedAccountKey.from_domain(issued)

    @strawberry.mutation(
        description="Issue a new key (administrators only); the old key stops working at once."
    )
    async def rotate_account_key(self, info: Info, id: str, reinstate: bool = False) -> IssuedAccountKey:
        admin_only(info.context.caller, "Rotating a key")
        try:
            issued = await info.context.run(lambda graph: rotate_key(graph, id, reinstate=reinstate))
        except AccountError as error:
            raise _refused(error) from None
        return IssuedAccountKey.from_domain(issued)

    @strawberry.mutation(description="Revoke an account (administrators only); its records and history stay.")
    async def revoke_account(self, info: Info, id: str) -> Account:
        admin_only(info.context.caller, "Revoking an account")
        try:
            account = await info.context.run(lambda graph: revoke_account(graph, id))
        except AccountError as error:
            raise _refused(error) from None
        return Account.from_domain(account)
