"""Who may do what: the account roles and the caller of a request, as plain values."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

__all__ = ["ANONYMOUS", "Caller", "Role"]


class Role(StrEnum):
    """What an account may do (cg:accountRole)."""

    PARTNER = "partner"
    """Reads; creates, updates and withdraws its own projects only."""
    OFFICER = "officer"
    """Reads everything, writes nothing."""
    ADMIN = "admin"
    """Manages accounts, merges organisations and may act for a partner, naming it explicitly."""


@dataclass(frozen=True)
class Caller:
    """Who sent a request: an account (by API key or identity-provider token), or nobody."""

    account: str | None = None
    role: Role | None = None
    name: str | None = None
    by: str = "none"
    """How the caller proved who it is: key, token or none."""

    @property
    def authenticated(self) -> bool:
        return self.account is not None


ANONYMOUS = Caller()
