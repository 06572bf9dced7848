"""api/schema.graphql is the SDL the code generates, and the enums are those of the ontology."""

from __future__ import annotations

from api.enums import ActivityStatus, OrganizationKind, ThemeNotation
from api.schema import SDL_PATH, sdl
from api.types.organization import KINDS
from ontology.organizations import actor_kinds
from ontology.vocabulary import activity_statuses, themes


def test_committed_sdl_matches_the_code() -> None:
    assert SDL_PATH.read_text(encoding="utf-8") == sdl(), (
        "api/schema.graphql is out of date; regenerate it with `cograph export-schema` (or python -m api.schema)"
    )


def test_enums_and_kinds_come_from_the_ontology() -> None:
    assert [member.value for member in ActivityStatus] == [code.notation for code in activity_statuses()]
    assert {member.value for member in ThemeNotation} == {theme.notation for theme in themes()}
    assert {member.value for member in OrganizationKind} == set(actor_kinds())
    assert set(KINDS) == set(actor_kinds()), "every organization class of the ontology needs a GraphQL type"
