"""The account roles the access rules use are the ontology's account-role codes, and no others."""

from __future__ import annotations

from ontology.access import Role
from ontology.mapping import secret_properties
from ontology.vocabulary import code_list


def test_roles_are_the_account_role_code_list() -> None:
    assert {role.value for role in Role} == {code.notation for code in code_list("account-role")}


def test_the_key_hash_is_the_only_secret_property() -> None:
    assert secret_properties() == {"keyHash"}
