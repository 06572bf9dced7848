"""The scored comparison behind match candidates (pure: no graph)."""

from __future__ import annotations

from loaders.resolution import Acronyms, NameChoices, Profile, acronym_of, best_matches, looks_like_acronym


def _index(*orgs: tuple[str, list[str], set[str]]) -> tuple[dict[str, Profile], NameChoices, Acronyms]:
    profiles: dict[str, Profile] = {}
    choices = NameChoices()
    acronyms = Acronyms()
    for iri, names, countries in orgs:
        profile = Profile(iri, countries=set(countries))
        for name in names:
            profile.add_name(name)
        for key in profile.names:
            choices.add(key, iri)
        acronyms.add(profile)
        profiles[iri] = profile
    return profiles, choices, acronyms


def test_acronyms() -> None:
    assert acronym_of("international organization for migration") == "iom"
    assert acronym_of("office des nations unies contre la drogue et le crime") == "onudc"
    assert looks_like_acronym("UNODC") and looks_like_acronym("UN.GIFT") and not looks_like_acronym("Oxfam Novib")


def test_a_variant_is_a_candidate_a_different_ngo_is_not() -> None:
    profiles, choices, acronyms = _index(
        ("a", ["Afghan Women Network"], {"AF"}),
        ("b", ["Sahel Youth Rights Alliance"], {"ML"}),
        ("c", ["Afghan Womens Network"], {"AF"}),
    )
    found = best_matches(profiles["c"], profiles, choices, acronyms)
    assert [(x.a, x.b) for x in found] == [("a", "c")]
    assert 0.8 <= found[0].score <= 1.0 and any("both in AF" in line for line in found[0].evidence)


def test_an_acronym_expands_to_the_full_name() -> None:
    profiles, choices, acronyms = _index(
        ("iom", ["International Organization for Migration"], set()),
        ("x", ["IOM"], set()),
    )
    found = best_matches(profiles["x"], profiles, choices, acronyms)
    assert [(c.a, c.b) for c in found] == [("iom", "x")]
    assert any("expands to" in line for line in found[0].evidence)


def test_different_countries_and_identifiers_weigh_against() -> None:
    profiles, choices, acronyms = _index(
        ("a", ["Zawadi Migrant Support Network"], {"KE"}),
        ("b", ["Zawadi Migrants Support Network"], {"NG"}),
    )
    profiles["a"].identifiers.add("KE-NGO-1")
    profiles["b"].identifiers.add("NG-CAC-2")
    assert best_matches(profiles["b"], profiles, choices, acronyms) == []
