"""Accounts in Neo4j: create, list, rotate, revoke, and find the account behind a presented API key.

Only the salted hash of a key is stored (graph/keys.py); the key itself is returned once, at creation or
rotation, and never logged.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import re
import threading
from dataclasses import dataclass
from typing import Any

from graph.cypher import label_expression
from graph.errors import AccountError
from graph.keys import Key, hash_secret, new_key, parse_key, verify_secret
from graph.store import Graph, Row
from ontology.access import Role
from ontology.mapping import labels_for
from ontology.namespaces import data_iri

__all__ = [
    "Account",
    "IssuedKey",
    "account_for_key",
    "add_account",
    "find_account",
    "list_accounts",
    "revoke_account",
    "rotate_key",
]

_ACCOUNT = label_expression(labels_for("Account"))
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")
_FIELDS = (
    "a.accountId AS id, a.name AS name, a.accountRole AS role, a.createdAt AS createdAt, "
    "a.keyIssuedAt AS keyIssuedAt, a.revokedAt AS revokedAt"
)

# Parameters: $props (the new account's properties). Columns: id (none when the account already exists).
CREATE_ACCOUNT = (
    "OPTIONAL MATCH (e:Account {accountId: $props.accountId}) WITH e WHERE e IS NULL "
    f"CREATE (a{_ACCOUNT}) SET a = $props RETURN a.accountId AS id"
)
# Parameters: $id. Columns: _FIELDS.
READ_ACCOUNT = f"MATCH (a:Account {{accountId: $id}}) RETURN {_FIELDS}"
READ_ACCOUNTS = f"MATCH (a:Account) RETURN {_FIELDS} ORDER BY a.accountId"
# Parameters: $key_id. Columns: _FIELDS, keyHash.
READ_BY_KEY = f"MATCH (a:Account {{keyId: $key_id}}) RETURN {_FIELDS}, a.keyHash AS keyHash"
# Parameters: $id, $key_id, $hash, $now, $reinstate. Columns: _FIELDS (none when no such account).
ROTATE_KEY = (
    "MATCH (a:Account {accountId: $id}) WHERE a.revokedAt IS NULL OR $reinstate "
    "SET a.keyId = $key_id, a.keyHash = $hash, a.keyIssuedAt = $now, a.revokedAt = null "
    f"RETURN {_FIELDS}"
)
# Parameters: $id, $now. Columns: _FIELDS. The first revocation time is kept.
REVOKE = (
    f"MATCH (a:Account {{accountId: $id}}) SET a.revokedAt = coalesce(a.revokedAt, $now) RETURN {_FIELDS}"
)


@dataclass(frozen=True)
class Account:
    id: str
    name: str
    role: Role
    created_at: dt.datetime | None = None
    key_issued_at: dt.datetime | None = None
    revoked_at: dt.datetime | None = None

    @property
    def active(self) -> bool:
        return self.revoked_at is None


@dataclass(frozen=True)
class IssuedKey:
    """An account and its new key: the only moment the key is known; show it once."""

    account: Account
    key: Key


def _account(row: Row) -> Account:
    return Account(
        id=str(row["id"]),
        name=str(row["name"] or ""),
        role=Role(row["role"]),
        created_at=row["createdAt"],
        key_issued_at=row["keyIssuedAt"],
        revoked_at=row["revokedAt"],
    )


def _role(role: str) -> Role:
    try:
        return Role(role.strip().lower())
    except ValueError:
        raise AccountError(
            f"--role {role!r} is unknown; use one of {', '.join(r.value for r in Role)}."
        ) from None


def add_account(graph: Graph, account_id: str, name: str, role: str = Role.PARTNER) -> IssuedKey:
    """Create an account and its first key; AccountError if the id is taken or malformed."""
    if not _ID.match(account_id):
        raise AccountError(
            f"{account_id!r} is not a usable account id; use letters, digits, '.', '_' or '-' (e.g. ngo-hope)."
        )
    if not name.strip():
        raise AccountError("--name must say whose account this is, e.g. --name 'Hope Shelter Network'.")
    chosen = _role(role)
    key = new_key()
    now = dt.datetime.now(dt.UTC)
    props: dict[str, Any] = {
        "iri": data_iri("account", account_id),
        "accountId": account_id,
        "name": name.strip(),
        "accountRole": chosen.value,
        "keyId": key.key_id,
        "keyHash": hash_secret(key.secret),
        "createdAt": now,
        "keyIssuedAt": now,
        "source": "cograph partner add",
        "generatedAt": now,
    }
    if not graph.write(CREATE_ACCOUNT, {"props": props}):
        raise AccountError(
            f"the account {account_id!r} exists already; `cograph partner rotate {account_id}` issues it a new key."
        )
    return IssuedKey(Account(account_id, props["name"], chosen, now, now, None), key)


def find_account(graph: Graph, account_id: str) -> Account | None:
    rows = graph.read(READ_ACCOUNT, {"id": account_id})
    return _account(rows[0]) if rows else None


def list_accounts(graph: Graph) -> list[Account]:
    return [_account(row) for row in graph.read(READ_ACCOUNTS)]


def rotate_key(graph: Graph, account_id: str, *, reinstate: bool = False) -> IssuedKey:
    """Replace the account's key (the old one stops working at once) and return the new one."""
    key = new_key()
    now = dt.datetime.now(dt.UTC)
    params = {"id": account_id, "key_id": key.key_id, "hash": hash_secret(key.secret), "now": now}
    rows = graph.write(ROTATE_KEY, {**params, "reinstate": reinstate})
    if not rows:
        found = find_account(graph, account_id)
        if found is None:
            raise AccountError(f"there is no account {account_id!r}; `cograph partner list` shows them.")
        raise AccountError(
            f"the account {account_id!r} is revoked; add --reinstate to issue it a new key and restore it."
        )
    return IssuedKey(_account(rows[0]), key)


def revoke_account(graph: Graph, account_id: str) -> Account:
    """Revoke the account: its key is refused from now on; the account and its history are kept."""
    rows = graph.write(REVOKE, {"id": account_id, "now": dt.datetime.now(dt.UTC)})
    if not rows:
        raise AccountError(f"there is no account {account_id!r}; `cograph partner list` shows them.")
    return _account(rows[0])


class _Verified:
    """Keys already proven in this process, as (sha256 of key -> stored hash): scrypt runs once per key,
    yet the account is read on every request, so a rotation or revocation takes effect at once."""

    def __init__(self, size: int = 1024) -> None:
        self.size = size
        self._lock = threading.Lock()
        self._seen: dict[bytes, str] = {}

    def matches(self, digest: bytes, stored: str) -> bool:
        with self._lock:
            known = self._seen.get(digest)
        return known is not None and hmac.compare_digest(known.encode(), stored.encode())

    def remember(self, digest: bytes, stored: str) -> None:
        with self._lock:
            if len(self._seen) >= self.size:
                self._seen.pop(next(iter(self._seen)))
            self._seen[digest] = stored


_verified = _Verified()


def account_for_key(graph: Graph, presented: str) -> Account | None:
    """The active or revoked account whose current key this is; None when it is no current key."""
    key = parse_key(presented)
    if key is None:
        return None
    rows = graph.read(READ_BY_KEY, {"key_id": key.key_id})
    stored = str(rows[0]["keyHash"]) if rows and rows[0]["keyHash"] else None
    digest = hashlib.sha256(presented.encode("utf-8")).digest()
    if stored is not None and _verified.matches(digest, stored):
        return _account(rows[0])
    if not verify_secret(key.secret, stored):
        return None
    assert stored is not None
    _verified.remember(digest, stored)
    return _account(rows[0])
