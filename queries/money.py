"""Amounts of money per currency, as the analytics report them (never summed across currencies)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

__all__ = ["Money", "money_from_rows", "totals"]


@dataclass(frozen=True)
class Money:
    """A total in one currency (`currency` is None when the source gave an amount without one)."""

    currency: str | None
    amount: float


def totals(items: Iterable[tuple[str | None, float | None]]) -> tuple[Money, ...]:
    """Sum (currency, amount) pairs per currency, skipping missing amounts; sorted by currency."""
    sums: dict[str | None, float] = defaultdict(float)
    for currency, amount in items:
        if amount is not None:
            sums[currency] += float(amount)
    return tuple(Money(cur, sums[cur]) for cur in sorted(sums, key=lambda c: c or ""))


def money_from_rows(rows: Iterable[dict[str, Any]]) -> tuple[Money, ...]:
    """Money from `{currency, amount}` maps returned by a query."""
    return totals((row.get("currency"), row.get("amount")) for row in rows)
