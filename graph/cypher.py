"""Names that go into Cypher text come from code only; this checks and quotes them."""

import re

_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def quote_name(name: str) -> str:
    """Backtick-quote a label, relationship type or property name after checking it is a plain name."""
    if not _NAME.match(name):
        raise ValueError(
            f"{name!r} is not a valid label, type or property name (letters, digits and _ only)."
        )
    return f"`{name}`"


def label_expression(labels: tuple[str, ...] | list[str]) -> str:
    """`:A:B:C` for a fixed, code-provided set of labels."""
    return "".join(f":{quote_name(label)}" for label in labels)
