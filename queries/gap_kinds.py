"""The gap kinds as an analyst reads them: code, label and meaning, taken from `GapKind` itself.

The meaning of each kind is the docstring under its member in queries/gaps.py, read from the source, so the
legend of the map and the matrix says exactly what the analytics compute and nothing retypes it.
"""

from __future__ import annotations

import ast
import inspect
import itertools
from dataclasses import dataclass
from functools import cache

from queries.gaps import GapKind

__all__ = ["GapKindInfo", "gap_kinds"]


@dataclass(frozen=True)
class GapKindInfo:
    kind: GapKind
    code: str
    """The kind's code (`treaty-status-unknown`)."""
    label: str
    """The code as words (`Treaty status unknown`)."""
    description: str
    """What the analytics count as a gap of this kind."""
    is_gap: bool
    """False for the kinds that are no gap but an unknown (a partial record of treaty parties)."""


def _member_docstrings() -> dict[str, str]:
    tree = ast.parse(inspect.getsource(GapKind))
    body = tree.body[0].body if isinstance(tree.body[0], ast.ClassDef) else []
    found: dict[str, str] = {}
    for assign, after in itertools.pairwise(body):
        if (
            isinstance(assign, ast.Assign)
            and isinstance(assign.targets[0], ast.Name)
            and isinstance(after, ast.Expr)
            and isinstance(after.value, ast.Constant)
            and isinstance(after.value.value, str)
        ):
            found[assign.targets[0].id] = " ".join(after.value.value.split())
    return found


@cache
def gap_kinds() -> tuple[GapKindInfo, ...]:
    """Every gap kind, in the order the analytics run them."""
    docs = _member_docstrings()
    return tuple(
        GapKindInfo(
            kind=kind,
            code=kind.value,
            label=kind.value.replace("-", " ").capitalize(),
            description=docs.get(kind.name, ""),
            is_gap=kind is not GapKind.TREATY_STATUS_UNKNOWN,
        )
        for kind in GapKind
    )
