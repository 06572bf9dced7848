"""The GraphQL enums, derived from the ontology's code lists, themes and classes (never retyped).

Each enum member's value is what the graph stores (`"2"` for an activity status, `implementing` for a role,
`NGO` for an organization kind); its GraphQL name is the English label in UPPER_SNAKE.
"""

from __future__ import annotations

import re
from enum import Enum
from typing import TYPE_CHECKING, cast

import strawberry

from ontology.mapping import upper_snake
from ontology.organizations import actor_kinds
from ontology.vocabulary import (
    Code,
    activity_statuses,
    organisation_roles,
    organisation_types,
    ratification_kinds,
    themes,
)

__all__ = [
    "ActivityStatus",
    "OrganizationKind",
    "OrganizationType",
    "ParticipationRole",
    "RatificationKind",
    "SortDirection",
    "ThemeNotation",
]

_NOT_NAME = re.compile(r"[^A-Za-z0-9]+")


def enum_name(text: str) -> str:
    """`Pipeline/identification` -> `PIPELINE_IDENTIFICATION`; `shelter-and-assistance` -> `SHELTER_AND_ASSISTANCE`."""
    return _NOT_NAME.sub("_", text).strip("_").upper()


def _from_codes(name: str, codes: tuple[Code, ...], description: str) -> type[Enum]:
    return _enum(name, {enum_name(code.label): code.notation for code in codes}, description)


def _enum(name: str, members: dict[str, str], description: str) -> type[Enum]:
    return strawberry.enum(cast("type[Enum]", Enum(name, members)), description=description)


def _build() -> dict[str, type[Enum]]:
    kinds = {upper_snake(label): label for label in actor_kinds()}
    return {
        "ActivityStatus": _from_codes(
            "ActivityStatus", activity_statuses(), "IATI activity status (codelist ActivityStatus)."
        ),
        "ParticipationRole": _from_codes(
            "ParticipationRole", organisation_roles(), "The part an organization plays in a project (IATI)."
        ),
        "OrganizationType": _from_codes(
            "OrganizationType", organisation_types(), "IATI organisation type (codelist OrganisationType)."
        ),
        "RatificationKind": _from_codes(
            "RatificationKind", ratification_kinds(), "How a State consented to be bound by a treaty."
        ),
        "ThemeNotation": _enum(
            "ThemeNotation",
            {enum_name(t.notation): t.notation for t in themes()},
            "Every theme of the ontology: thematic areas, UNODC strategy components, crime types.",
        ),
        "OrganizationKind": _enum(
            "OrganizationKind", kinds, "The kind of an organization: its most specific class in the ontology."
        ),
    }


_ENUMS = _build()

# The members exist only at run time (they come from the Turtle), so type checkers see plain Enums.
if TYPE_CHECKING:
    ActivityStatus = Enum
    ParticipationRole = Enum
    OrganizationType = Enum
    RatificationKind = Enum
    ThemeNotation = Enum
    OrganizationKind = Enum
else:
    ActivityStatus = _ENUMS["ActivityStatus"]
    ParticipationRole = _ENUMS["ParticipationRole"]
    OrganizationType = _ENUMS["OrganizationType"]
    RatificationKind = _ENUMS["RatificationKind"]
    ThemeNotation = _ENUMS["ThemeNotation"]
    OrganizationKind = _ENUMS["OrganizationKind"]


@strawberry.enum(description="Sort order.")
class SortDirection(Enum):
    ASC = "ASC"
    DESC = "DESC"


def member(enum: type[Enum], value: str | None) -> Enum | None:
    """The enum member for a stored value, or None when the graph holds a value the ontology does not know."""
    if value is None:
        return None
    try:
        return enum(value)
    except ValueError:
        return None
