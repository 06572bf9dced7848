"""The compact table of seen identifiers that catches duplicates without keeping the identifiers."""

from __future__ import annotations

from loaders.seen import SeenKeys


def test_first_sighting_and_line_survive_growth() -> None:
    seen = SeenKeys()
    for number in range(5000):
        assert seen.first("partner", f"ID-{number}", line=number * 3) == (False, None)
    assert len(seen) == 5000
    assert seen.first("partner", "ID-4321", line=99999) == (True, 4321 * 3)
    assert seen.first("partner", "ID-0", line=7) == (True, 0)
    assert seen.first("other", "ID-0", line=7) == (False, None)
    assert len(seen) == 5001


def test_unknown_line_and_membership() -> None:
    seen = SeenKeys()
    assert seen.first("P", "A") == (False, None)
    assert seen.first("P", "A", line=4) == (True, None)
    seen.first("B")
    assert "B" in seen and "A" not in seen and ("P", "A") in seen and None not in seen
