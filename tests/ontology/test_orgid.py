"""org-id.guide identifiers checked against the shipped register."""

from __future__ import annotations

import pytest

from ontology.orgid import check_identifier, register


def test_the_shipped_register_names_its_source_and_date() -> None:
    shipped = register()
    assert "github.com/org-id/register" in shipped.source
    assert shipped.date[:4].isdigit()
    assert {"XM-DAC", "GB-COH", "XI-IATI"} <= set(shipped.prefixes)


@pytest.mark.parametrize("identifier", ["XM-DAC-41122", "GB-COH-04336774", "xm-dac-47066", "CN-11-CR-91110000"])
def test_registered_prefixes_pass(identifier: str) -> None:
    found = check_identifier(identifier)
    assert found.valid and found.prefix is not None


@pytest.mark.parametrize(
    ("identifier", "why"),
    [
        ("NL-1", "is not an org-id.guide identifier"),
        ("35", "is not an org-id.guide identifier"),
        ("AA-AAA-123456789", "not in the org-id.guide register"),
        ("CH-ZEFIX-123", "former prefix CH-ZEFIX"),
        ("AU-ACNC-123", "deprecated prefix AU-ACNC"),
    ],
)
def test_malformed_or_unknown_identifiers_say_why(identifier: str, why: str) -> None:
    found = check_identifier(identifier)
    assert not found.valid and found.problem is not None and why in found.problem


def test_national_registers_give_their_country() -> None:
    assert check_identifier("GB-COH-04336774").countries == ("GB",)
    assert check_identifier("XM-DAC-41122").countries == ()
