"""Scored comparison of organization names: how alike two organizations are, and why.

Only exact evidence (an identifier, an exact name or acronym) resolves an organization automatically (see
loaders/organizations.py); what this module scores becomes a match candidate for a person to decide.
The score is the weaker of rapidfuzz's weighted ratio (WRatio) of the folded names and of how fully each name's
words have a counterpart in the other (typos allowed), raised by an acronym that expands to the other name, and
moved by the countries and organisation types both are known by.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from loaders.codes import name_key

__all__ = ["CANDIDATE_SCORE", "Acronyms", "Candidate", "NameChoices", "Profile", "acronym_of", "best_matches", "looks_like_acronym", "word_agreement"]

CANDIDATE_SCORE = 0.8
"""The least score that makes two organizations a match candidate."""
_NAME_CUTOFF = 80.0
_WORDS_CUTOFF = 0.85
"""The least share of two names' words that must have a counterpart in the other (see `word_agreement`)."""
_WORD_ALIKE = 0.7
"""Two words are one when their optimal-string-alignment similarity reaches this: a typo, a swap of two
letters, a plural or a British spelling ("centre"/"cetnre", "women"/"womens"), not another word."""
_ACRONYM_SCORE = 0.9
_SAME_COUNTRY = 0.05
_OTHER_COUNTRY = -0.15
_OTHER_TYPE = -0.05
_OTHER_IDENTIFIER = -0.3
# Words left out of an acronym: "International Organization for Migration" is IOM, "Office des Nations Unies
# contre la drogue et le crime" is ONUDC (of, for, the ... in the UN languages written in Latin script).
_LINK_WORDS = frozenset(
    ["a", "an", "and", "for", "in", "of", "on", "the", "to", "de", "des", "del", "du", "d", "la", "le", "les", "el", "los", "las", "l", "et", "y", "e", "para", "pour", "por", "contre", "contra", "sur", "sobre", "en"]
)


# Legal-form and kind-of-body abbreviations a name may carry or drop without naming another organization.
_DROPPABLE = frozenset(["ngo", "ong", "ingo", "nngo", "inc", "ltd", "llc", "ev", "asbl"])


def word_agreement(a: str, b: str) -> float:
    """How fully each folded name's words are found in the other, typos allowed (0 to 1, the weaker side).

    A word with no counterpart counts zero: "... Support Centre" and "... Welfare Centre" are told apart by
    one whole word, which a whole-string ratio of long names barely sees. The other name's acronym counts
    as a counterpart ("nrc norwegian refugee council" ~ "norwegian refugee council")."""
    first = [w for w in a.split() if w not in _LINK_WORDS and w not in _DROPPABLE]
    second = [w for w in b.split() if w not in _LINK_WORDS and w not in _DROPPABLE]
    if not first or not second:
        return 0.0
    one = _cover(first, second, acronym_of(b))
    two = _cover(second, first, acronym_of(a))
    # A kind-of-body word one name adds ("Afghan Women Network Organization") is a variant; one kind word
    # in place of another ("... Rights Alliance" / "... Rights Organization") names another body.
    if not two and one and all(w in _GENERIC_WORDS for w in one):
        first = [w for w in first if w not in one]
    if not one and two and all(w in _GENERIC_WORDS for w in two):
        second = [w for w in second if w not in two]
    return min(_covered(first, second, acronym_of(b)), _covered(second, first, acronym_of(a)))


def _similarity(word: str, others: list[str], others_acronym: str) -> float:
    if len(word) >= 2 and word == others_acronym:
        return 1.0
    best = max(OSA.normalized_similarity(word, other) for other in others)
    return best if best >= _WORD_ALIKE else 0.0


def _cover(words: list[str], others: list[str], others_acronym: str) -> set[str]:
    """The words without a counterpart among `others`."""
    return {word for word in words if not _similarity(word, others, others_acronym)}


def _covered(words: list[str], others: list[str], others_acronym: str) -> float:
    if not words:
        return 0.0
    return sum(_similarity(word, others, others_acronym) for word in words) / len(words)


def acronym_of(key: str) -> str:
    """The initials of a folded name's words, link words left out."""
    return "".join(word[0] for word in key.split() if word not in _LINK_WORDS)


def looks_like_acronym(text: str) -> bool:
    """One short word mostly in capitals, such as IOM, UNODC or UN.GIFT."""
    compact = "".join(ch for ch in text if ch.isalnum())
    return 2 <= len(compact) <= 12 and " " not in text.strip() and sum(ch.isupper() for ch in compact) * 2 > len(compact)


@dataclass
class Profile:
    """What the index knows of an organization for comparing it: names, acronyms, identifiers, countries."""

    iri: str
    names: set[str] = field(default_factory=set)
    """Folded full names (and other names that are not acronyms)."""
    acronyms: set[str] = field(default_factory=set)
    identifiers: set[str] = field(default_factory=set)
    countries: set[str] = field(default_factory=set)
    org_type: str | None = None
    label: str = ""
    """The name to show in evidence."""

    def add_name(self, text: str) -> None:
        key = name_key(text)
        if not key:
            return
        (self.acronyms if looks_like_acronym(text) else self.names).add(key)
        self.label = self.label or text


@dataclass(frozen=True)
class Candidate:
    """Two organizations that may be one: the score (0 to 1) and the findings behind it."""

    a: str
    b: str
    score: float
    evidence: tuple[str, ...]


# Words that say what kind of body an organization is, not which one (in English, French and Spanish).
_GENERIC_WORDS = frozenset(
    ["organization", "organisation", "organizacion", "association", "asociacion", "agency", "agence", "agencia", "foundation", "fondation", "fundacion", "society", "societe", "sociedad", "ngo", "ong", "ingo", "nngo", "international", "internationale", "internacional", "national", "nationale", "nacional", "office", "bureau", "oficina", "network", "reseau", "group", "groupe", "grupo", "center", "centre", "centro", "committee", "comite", "council", "conseil", "consejo", "institute", "institut", "instituto", "union"]
)


class NameChoices:
    """Every folded name of the index in one list, for rapidfuzz to scan in C, and how many names use each
    word: a word most names share ("development" in a 3W of development NGOs) tells names apart poorly."""

    def __init__(self) -> None:
        self.keys: list[str] = []
        self.owners: list[str] = []
        self.frequency: dict[str, int] = {}

    def add(self, key: str, iri: str) -> None:
        self.keys.append(key)
        self.owners.append(iri)
        for word in set(key.split()):
            self.frequency[word] = self.frequency.get(word, 0) + 1

    def distinctive(self, key: str) -> str:
        """The words of a name that tell it apart: no link words, kind words or words most names share."""
        common = max(8, len(self.keys) // 25)
        return " ".join(
            word
            for word in key.split()
            if word not in _LINK_WORDS and word not in _GENERIC_WORDS and self.frequency.get(word, 0) < common
        )


def best_matches(
    subject: Profile,
    profiles: dict[str, Profile],
    choices: NameChoices,
    acronyms: Acronyms,
    limit: int = 5,
) -> list[Candidate]:
    """The organizations of the index alike enough to `subject` to be match candidates, best first."""
    alike: dict[str, tuple[float, list[str]]] = {}
    for key in subject.names:
        own = choices.distinctive(key)
        for _, score, position in process.extract(
            key, choices.keys, scorer=fuzz.WRatio, score_cutoff=_NAME_CUTOFF, limit=limit * 4
        ):
            iri = choices.owners[position]
            other = choices.distinctive(choices.keys[position])
            if iri == subject.iri or not own or not other:
                continue  # names alike only in words that many names share prove nothing
            # The weaker of the whole names' likeness and how fully each name's words are in the other.
            words = word_agreement(key, choices.keys[position])
            if words < _WORDS_CUTOFF:
                continue
            score = min(score / 100, words)
            if score > alike.get(iri, (0.0, []))[0]:
                alike[iri] = (
                    score,
                    [f"names {score:.2f} alike: {key!r} ~ {choices.keys[position]!r} ({words:.2f} of their words agree)"],
                )
        initials = acronym_of(key)
        declared = {a.replace(" ", "") for a in subject.acronyms}
        if len(initials) >= 2 and (not declared or initials in declared):
            for iri in acronyms.declared.get(initials, ()):
                _raise(alike, iri, subject.iri, f"the initials of {key!r} are the acronym {initials.upper()}")
    for short in subject.acronyms:
        for iri in acronyms.initials.get(short.replace(" ", ""), ()):
            theirs = {a.replace(" ", "") for a in profiles[iri].acronyms}
            if theirs and short.replace(" ", "") not in theirs:
                continue  # the other declares another acronym: its initials matching ours is chance
            _raise(alike, iri, subject.iri, f"acronym {short.upper()} expands to {profiles[iri].label!r}")
        for iri in acronyms.declared.get(short.replace(" ", ""), ()):
            _raise(alike, iri, subject.iri, f"the same acronym {short.upper()}")
    candidates = []
    for iri, (score, evidence) in alike.items():
        found = profiles.get(iri)
        if found is None:
            continue
        adjusted, findings = _adjust(subject, found, score, list(evidence))
        if adjusted >= CANDIDATE_SCORE:
            a, b = sorted((subject.iri, iri))
            candidates.append(Candidate(a, b, round(min(adjusted, 1.0), 3), tuple(findings)))
    return sorted(candidates, key=lambda c: (-c.score, c.a, c.b))[:limit]


@dataclass
class Acronyms:
    """Acronyms the organizations declare, and the initials of their full names, each -> the IRIs."""

    declared: dict[str, set[str]] = field(default_factory=dict)
    initials: dict[str, set[str]] = field(default_factory=dict)

    def add(self, profile: Profile) -> None:
        for short in profile.acronyms:
            self.declared.setdefault(short.replace(" ", ""), set()).add(profile.iri)
        for key in profile.names:
            initials = acronym_of(key)
            if len(initials) >= 2:
                self.initials.setdefault(initials, set()).add(profile.iri)


def _raise(alike: dict[str, tuple[float, list[str]]], iri: str, own: str, finding: str) -> None:
    if iri == own:
        return
    score, evidence = alike.get(iri, (0.0, []))
    alike[iri] = (max(score, _ACRONYM_SCORE), [*evidence, finding])


def _adjust(subject: Profile, other: Profile, score: float, evidence: list[str]) -> tuple[float, list[str]]:
    if subject.identifiers and other.identifiers and not subject.identifiers & other.identifiers:
        score += _OTHER_IDENTIFIER
        evidence.append(
            f"different identifiers: {', '.join(sorted(subject.identifiers))} vs {', '.join(sorted(other.identifiers))}"
        )
    if subject.countries and other.countries:
        shared = subject.countries & other.countries
        if shared:
            score += _SAME_COUNTRY
            evidence.append(f"both in {', '.join(sorted(shared))}")
        else:
            score += _OTHER_COUNTRY
            evidence.append(
                f"different countries: {', '.join(sorted(subject.countries))} vs {', '.join(sorted(other.countries))}"
            )
    if subject.org_type and other.org_type and subject.org_type != other.org_type:
        score += _OTHER_TYPE
        evidence.append(f"different organisation types: {subject.org_type} vs {other.org_type}")
    return score, evidence
