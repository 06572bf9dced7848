"""Forged cursors are the client's mistake (BAD_USER_INPUT), never an overflow on our side."""

from __future__ import annotations

import base64

import pytest

from api.errors import BadUserInput
from api.pagination import decode_cursor, encode_cursor


def _forged(text: str) -> str:
    return base64.urlsafe_b64encode(text.encode()).decode()


@pytest.mark.parametrize(
    "cursor",
    [
        "Y3Vyc29yOjk5OTk5OTk5OTk5OTk5OTk5OTk5",  # cursor:99999999999999999999 (OverflowError before)
        _forged(f"cursor:{2**63 - 2}"),  # Neo4j long overflow before
        _forged("cursor:\u00b2"),  # a superscript two: str.isdigit() said yes, int() said no
        _forged("cursor:-1"),
        "garbage",
    ],
)
def test_forged_cursor_is_bad_user_input(cursor: str) -> None:
    with pytest.raises(BadUserInput, match="not a cursor of this API"):
        decode_cursor(cursor, "after")


def test_real_cursor_reads_back() -> None:
    assert decode_cursor(encode_cursor(12345), "after") == 12345
