"""API keys: made from random bytes, stored only as a salted scrypt hash, compared in constant time.

A key reads `cgk_<key id>_<secret>`: the key id (public) finds the account with one indexed lookup; only
the secret's hash proves the key. Keys are never logged nor stored.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass

__all__ = ["PREFIX", "Key", "hash_secret", "looks_like_key", "new_key", "parse_key", "verify_secret"]

PREFIX = "cgk_"
_SCRYPT_N = 2**14  # OWASP's floor for scrypt (N=2^14, r=8, p=1) costs ~50 ms; keys are also 256-bit random
_SCRYPT_R = 8
_SCRYPT_P = 1
_KEY_ID_BYTES = 6


@dataclass(frozen=True)
class Key:
    key_id: str
    secret: str

    def __str__(self) -> str:
        return f"{PREFIX}{self.key_id}_{self.secret}"

    def __repr__(self) -> str:  # a key must never reach a log line by accident
        return f"Key(key_id={self.key_id!r}, secret=<hidden>)"


def new_key() -> Key:
    return Key(secrets.token_hex(_KEY_ID_BYTES), secrets.token_urlsafe(32))


def looks_like_key(text: str) -> bool:
    return text.startswith(PREFIX)


def parse_key(text: str) -> Key | None:
    """The key id and secret of a presented key; None when it is not shaped like a cograph key."""
    if not looks_like_key(text):
        return None
    key_id, sep, secret = text[len(PREFIX) :].partition("_")
    if not sep or len(key_id) != 2 * _KEY_ID_BYTES or not secret or len(secret) > 200:
        return None
    return Key(key_id, secret)


def _derive(secret: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(secret.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=64 * 1024 * 1024, dklen=32)


def hash_secret(secret: str) -> str:
    """`scrypt$N$r$p$salt$hash` (hex), with a fresh 16-byte salt."""
    salt = secrets.token_bytes(16)
    digest = _derive(secret, salt, _SCRYPT_N, _SCRYPT_R, _SCRYPT_P)
    return f"scrypt${_SCRYPT_N}${_SCRYPT_R}${_SCRYPT_P}${salt.hex()}${digest.hex()}"


_DUMMY = hash_secret("no account has this key")


def verify_secret(secret: str, stored: str | None) -> bool:
    """Whether `secret` matches the stored hash; as slow when there is no stored hash (no timing oracle)."""
    parts = (stored or _DUMMY).split("$")
    if len(parts) != 6 or parts[0] != "scrypt":
        parts = _DUMMY.split("$")
        stored = None
    n, r, p = int(parts[1]), int(parts[2]), int(parts[3])
    digest = _derive(secret, bytes.fromhex(parts[4]), n, r, p)
    return hmac.compare_digest(digest, bytes.fromhex(parts[5])) and stored is not None
