"""Waiting on Neo4j's own view of its transactions (SHOW TRANSACTIONS), as the cancellation tests do."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

SEEN_WITHIN = 30.0
"""Seconds a transaction may take to show up in, or leave, SHOW TRANSACTIONS on a busy machine."""


def wait_until(condition: Callable[[], Any], what: str) -> None:
    """Polls `condition` (Neo4j's own list of transactions) until it holds."""
    deadline = time.monotonic() + SEEN_WITHIN
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"{what} within {SEEN_WITHIN:.0f} s")
        time.sleep(0.05)
