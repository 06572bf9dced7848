"""What kinds and types an organization can be, read from the ontology: its classes and the IATI code list."""

from __future__ import annotations

from functools import cache

from ontology.mapping import model
from ontology.vocabulary import organisation_types

__all__ = ["ORGANIZATION", "actor_kinds", "org_type_codes"]

ORGANIZATION = "Organization"


@cache
def actor_kinds() -> tuple[str, ...]:
    """Organization labels, most specific first: a node's kind is the first of these it carries."""
    supers = model().superclasses
    kinds = [label for label, parents in supers.items() if label == ORGANIZATION or ORGANIZATION in parents]
    return tuple(sorted(kinds, key=lambda label: (-len(supers[label]), label)))


@cache
def org_type_codes() -> tuple[str, ...]:
    """The notations of the IATI OrganisationType code list ("10" .. "90"), as Organization.orgType holds them."""
    return tuple(sorted(code.notation for code in organisation_types()))
