"""Who is calling and what it may do: API keys and identity-provider tokens, read access, write rules.

The caller is found once per request, before the GraphQL document runs (`Authenticator.identify`); an
invalid credential is refused with 401 (RFC 6750), and an address that keeps failing is refused with 429
for a while before any key is checked. Resolvers then ask `writer` whose records a call may change.
"""

from __future__ import annotations

import asyncio
import collections
import logging
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from api.errors import BadUserInput, Forbidden, Unauthenticated
from api.tokens import TokenError, TokenSettings, TokenVerifier, looks_like_jwt
from graph.accounts import Account, account_for_key, find_account
from graph.errors import GraphUnavailable
from graph.store import Graph
from ontology.access import ANONYMOUS, Caller, Role

__all__ = [
    "READ_ACCESS_VARIABLE",
    "Authenticator",
    "FailureLimit",
    "Refusal",
    "admin_only",
    "bearer_credential",
    "read_access",
    "writer",
]

READ_ACCESS_VARIABLE = "COGRAPH_READ_ACCESS"
_READ_ACCESS = ("public", "authenticated")
_CHALLENGE = 'Bearer realm="cograph"'
log = logging.getLogger("cograph.api.auth")


class Refusal(Exception):
    """The request is refused before it runs: HTTP `status`, GraphQL error `code`, one sentence."""

    def __init__(self, status: int, code: str, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.headers = headers or {}


def read_access() -> str:
    """`public` (anyone reads) or `authenticated` (reads need a valid key or token), from the environment."""
    value = os.environ.get(READ_ACCESS_VARIABLE, "public").strip().lower() or "public"
    if value not in _READ_ACCESS:
        raise Refusal(
            500,
            "INTERNAL",
            f"The server's {READ_ACCESS_VARIABLE} is {value!r}; the operator must set it to public or authenticated.",
        )
    return value


def bearer_credential(authorization: str | None) -> str | None:
    """The credential of `Authorization: Bearer <credential>`; the scheme is case-insensitive (RFC 6750, 7235).

    None without a header; Refusal for another scheme or an empty credential."""
    if authorization is None or not authorization.strip():
        return None
    scheme, _, credential = authorization.strip().partition(" ")
    if scheme.lower() != "bearer" or not credential.strip():
        raise Refusal(
            401,
            "UNAUTHENTICATED",
            "Send your API key (or identity-provider token) as `Authorization: Bearer <key>`.",
            {"WWW-Authenticate": _CHALLENGE},
        )
    return credential.strip()


@dataclass
class FailureLimit:
    """At most `failures` failed authentications per client address in `window` seconds, then 429."""

    failures: int = 10
    window: float = 60.0
    max_addresses: int = 10_000
    _seen: dict[str, collections.deque[float]] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @classmethod
    def from_env(cls) -> FailureLimit:
        text = os.environ.get("COGRAPH_AUTH_FAILURES_PER_MINUTE", "").strip()
        return cls(failures=int(text)) if text.isdigit() and int(text) > 0 else cls()

    def retry_after(self, address: str) -> int | None:
        """Seconds until `address` may try again, or None when it is not limited."""
        now = time.monotonic()
        with self._lock:
            times = self._seen.get(address)
            if times is None:
                return None
            while times and times[0] <= now - self.window:
                times.popleft()
            if len(times) < self.failures:
                return None
            return max(1, int(times[0] + self.window - now) + 1)

    def failed(self, address: str) -> None:
        with self._lock:
            if address not in self._seen and len(self._seen) >= self.max_addresses:
                self._seen.pop(next(iter(self._seen)))  # the oldest address first
            self._seen.setdefault(address, collections.deque(maxlen=self.failures)).append(time.monotonic())


class Authenticator:
    """Finds the caller of a request from its bearer credential: an API key, or a JWT when configured."""

    def __init__(self, limit: FailureLimit | None = None, tokens: TokenSettings | None = None) -> None:
        self.limit = limit or FailureLimit.from_env()
        self._tokens = TokenVerifier(tokens) if tokens is not None else None
        self._tokens_from_env = tokens is None

    def _verifier(self) -> TokenVerifier | None:
        if self._tokens is None and self._tokens_from_env:
            try:
                settings = TokenSettings.from_env()
            except TokenError as error:
                raise Refusal(500, "INTERNAL", str(error)) from None
            if settings is not None:
                self._tokens = TokenVerifier(settings)
        return self._tokens

    async def identify(self, authorization: str | None, address: str, connect: Callable[[], Graph]) -> Caller:
        """The caller, or Refusal (401 bad credential, 429 too many failures, 503 graph or IdP down)."""
        credential = bearer_credential(authorization)
        if credential is None:
            return ANONYMOUS
        wait = self.limit.retry_after(address)
        if wait is not None:
            raise Refusal(
                429,
                "RATE_LIMITED",
                f"Too many failed sign-ins from your address; wait {wait} s, then retry with a valid key.",
                {"Retry-After": str(wait)},
            )
        try:
            return await asyncio.to_thread(self._caller, credential, connect)
        except Refusal as refusal:
            if refusal.status == 401:
                self.limit.failed(address)
                log.info("refused a credential from %s: %s", address, refusal)
            raise

    def _caller(self, credential: str, connect: Callable[[], Graph]) -> Caller:
        try:
            graph = connect()
            if looks_like_jwt(credential) and (verifier := self._verifier()) is not None:
                account_id = self._token_account(verifier, credential)
                account = find_account(graph, account_id)
                if account is None:
                    raise _unauthenticated(
                        f"The token names the account {account_id!r}, which does not exist; ask an administrator "
                        "to create it (`cograph partner add`)."
                    )
                return _checked(account, "token")
            account = account_for_key(graph, credential)
        except GraphUnavailable as error:
            raise Refusal(503, "SERVICE_UNAVAILABLE", f"The graph database is unavailable: {error}") from None
        if account is None:
            raise _unauthenticated(
                "The API key is not valid (mistyped, rotated or never issued); use your current key, or ask "
                "an administrator for a new one (`cograph partner rotate ID`)."
            )
        return _checked(account, "key")

    @staticmethod
    def _token_account(verifier: TokenVerifier, token: str) -> str:
        try:
            return verifier.account(token)
        except TokenError as error:
            if error.server_side:
                raise Refusal(503, "SERVICE_UNAVAILABLE", f"Tokens cannot be checked now: {error}") from None
            raise _unauthenticated(f"The bearer token is refused: {error}") from None


def _unauthenticated(message: str) -> Refusal:
    return Refusal(
        401, "UNAUTHENTICATED", message, {"WWW-Authenticate": f'{_CHALLENGE}, error="invalid_token"'}
    )


def _checked(account: Account, by: str) -> Caller:
    if not account.active:
        raise _unauthenticated(
            f"The account {account.id!r} was revoked; ask an administrator to reinstate it "
            f"(`cograph partner rotate {account.id} --reinstate`)."
        )
    return Caller(account=account.id, role=account.role, name=account.name, by=by)


def writer(caller: Caller, partner: str | None) -> str:
    """The partner whose records the caller changes in this call; Unauthenticated/Forbidden when none."""
    if not caller.authenticated:
        raise Unauthenticated(
            "Changing the graph needs an account: send its API key as `Authorization: Bearer <key>` "
            "(an administrator creates one with `cograph partner add`)."
        )
    asked = partner.strip() if partner is not None else None
    if caller.role is Role.OFFICER:
        raise Forbidden(
            f"The account {caller.account!r} is an officer's: it may read everything and change nothing; "
            "partners sync their own records."
        )
    if caller.role is Role.ADMIN:
        if not asked:
            raise BadUserInput(
                'An administrator changes records only for a partner named explicitly; pass partner: "ID".'
            )
        return asked
    assert caller.account is not None
    if asked and asked != caller.account:
        raise Forbidden(
            f"The account {caller.account!r} may change only its own projects; leave out partner (or pass "
            f'partner: "{caller.account}") to sync yours.'
        )
    return caller.account


def admin_only(caller: Caller, what: str) -> None:
    """Refuse unless the caller is an administrator."""
    if not caller.authenticated:
        raise Unauthenticated(f"{what} needs an administrator's key as `Authorization: Bearer <key>`.")
    if caller.role is not Role.ADMIN:
        raise Forbidden(f"{what} is for administrators; the account {caller.account!r} may not do it.")
