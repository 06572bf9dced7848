"""The scored comparison behind match candidates (pure: no graph)."""

from __future__ import annotations

from loaders.resolution import (
    Acronyms,
    NameChoices,
    Profile,
    acronym_of,
    best_matches,
    looks_like_acronym,
    word_agreement,
)


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


def test_word_agreement_allows_typos_and_an_added_kind_word_but_not_another_word() -> None:
    # a swap of two letters, a plural, words reordered around "for": each word has its counterpart
    assert word_agreement("bakoba balkan families recovery centre", "bakoba balkan families recovery cetnre") > 0.95
    assert word_agreement("tedo andean women protection alliance", "tedo andean womens protection alliance ngo") > 0.95
    assert word_agreement("centre for miba balkan children rights", "miba balkan children rights centre") == 1.0
    assert word_agreement("afghan women network organization", "afghan women network") == 1.0
    assert word_agreement("nrc norwegian refugee council", "norwegian refugee council") == 1.0
    # one whole word in place of another (a kind word too), or another coined name, is another body
    assert word_agreement("viba lakeside communities support centre", "viba lakeside communities welfare centre") == 0.8
    assert word_agreement("ruri andean youth rights alliance", "ruri andean youth rights organization") == 0.8
    assert word_agreement("kaheko delta children recovery foundation", "kako nile children recovery foundation") < 0.7


def test_typo_variants_are_candidates_names_differing_by_a_word_are_not() -> None:
    profiles, choices, acronyms = _index(
        ("a", ["Bakoba Balkan Families Recovery Centre"], {"KE"}),
        ("b", ["Bakoba Balkan Families Welfare Centre"], {"KE"}),
        ("c", ["Bakoba Balkan Famiiles Recovery Centre"], {"KE"}),
    )
    found = best_matches(profiles["c"], profiles, choices, acronyms)
    assert [(x.a, x.b) for x in found] == [("a", "c")]
    assert any("of their words agree" in line for line in found[0].evidence)
