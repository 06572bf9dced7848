"""API keys: random, stored as salted scrypt hashes, verified in constant time, never shown by repr."""

from __future__ import annotations

from graph.keys import hash_secret, new_key, parse_key, verify_secret


def test_a_key_reads_back_and_only_its_secret_verifies() -> None:
    key = new_key()
    text = str(key)
    assert text.startswith("cgk_") and parse_key(text) == key
    stored = hash_secret(key.secret)
    assert stored.startswith("scrypt$16384$8$1$") and key.secret not in stored
    assert verify_secret(key.secret, stored)
    assert not verify_secret(key.secret + "x", stored)
    assert not verify_secret(new_key().secret, stored)


def test_two_hashes_of_one_secret_differ_by_their_salt() -> None:
    secret = new_key().secret
    first, second = hash_secret(secret), hash_secret(secret)
    assert first != second and verify_secret(secret, first) and verify_secret(secret, second)


def test_missing_or_malformed_hashes_never_verify() -> None:
    secret = new_key().secret
    assert not verify_secret(secret, None)
    assert not verify_secret(secret, "md5$abc")
    assert not verify_secret("no account has this key", None)  # the dummy hash's own secret


def test_malformed_keys_are_not_keys_and_repr_hides_the_secret() -> None:
    for text in ("", "Bearer x", "cgk_", "cgk_short_secret", "cgk_0123456789ab_", "eyJ.a.b"):
        assert parse_key(text) is None
    key = new_key()
    assert key.secret not in repr(key)
