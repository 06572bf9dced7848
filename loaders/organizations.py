"""Resolving the organizations a feed names to the graph's: by identifier, then by an exact name or acronym
in any language (the SKOS labels), else a new node; a scored comparison (loaders/resolution.py) then proposes
the uncertain matches as candidates, which are never merged without a person's decision."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from graph.store import Graph
from loaders.codes import name_key, org_class_for_type
from loaders.records import Participation
from loaders.resolution import Acronyms, Candidate, NameChoices, Profile, best_matches, looks_like_acronym
from ontology.mapping import labels_for, list_property_name
from ontology.namespaces import data_iri
from ontology.orgid import check_identifier

__all__ = ["NewOrganization", "OrganizationIndex", "Resolution"]

_ALT = list_property_name("altLabel")
_PREF = list_property_name("prefLabel")
READ_ORGANIZATIONS = (
    "MATCH (o:Organization) RETURN o.iri AS iri, o.identifier AS ref, o.otherIdentifiers AS refs, "
    f"o.name AS name, o.shortName AS short, o.{_PREF} AS pref, o.{_ALT} AS alt, o.orgType AS type"
)
# National registers (GB-COH ...) say where an organization is registered; only those are country evidence.
_NATIONAL_TYPES = frozenset({"22", "23", "24"})


@dataclass(frozen=True)
class NewOrganization:
    """An organization the feed names that the graph does not hold yet."""

    iri: str
    labels: tuple[str, ...]
    properties: dict[str, object]


@dataclass(frozen=True)
class Resolution:
    """Which node a participation's organization is, how that was decided, and what the load adds."""

    iri: str
    method: str
    """identifier, alias, acronym, link or new (ontology: cg:matchedBy)."""
    created: NewOrganization | None = None
    candidates: tuple[Candidate, ...] = ()


@dataclass
class OrganizationIndex:
    """The graph's organizations by identifier, by folded name (every label, every language), plus those
    this load creates; names a feed adds to a known organization are kept as its aliases."""

    by_ref: dict[str, str] = field(default_factory=dict)
    by_name: dict[str, set[str]] = field(default_factory=dict)
    created: dict[str, NewOrganization] = field(default_factory=dict)
    known: set[str] = field(default_factory=set)
    profiles: dict[str, Profile] = field(default_factory=dict)
    choices: NameChoices = field(default_factory=NameChoices)
    acronyms: Acronyms = field(default_factory=Acronyms)
    new_aliases: dict[str, list[str]] = field(default_factory=dict)
    """IRI -> `|name` altLabels the load found for an existing organization, still to be written."""
    resolve_scored: bool = True
    seen: dict[tuple[str | None, ...], Resolution] = field(default_factory=dict)
    """What each (identifier, name, short name, type) resolved to in this load: a feed names the same
    organization on many records, and the first answer holds for the rest of the load."""

    @classmethod
    def read(cls, graph: Graph, *, scored: bool = True) -> OrganizationIndex:
        index = cls(resolve_scored=scored)
        for row in graph.read(READ_ORGANIZATIONS, timeout=120):
            index._remember_row(row)
        return index

    def _remember_row(self, row: dict[str, Any]) -> None:
        iri = str(row["iri"])
        self.known.add(iri)
        refs = [row["ref"], *(row["refs"] or [])]
        names = [row["name"], row["short"], *(_text(v) for v in (row["pref"] or [])), *(_text(v) for v in (row["alt"] or []))]
        self._remember(iri, [str(r) for r in refs if r], [str(n) for n in names if n], row["type"], ())

    def _remember(
        self, iri: str, refs: list[str], names: list[str], org_type: object, countries: tuple[str, ...]
    ) -> Profile:
        profile = self.profiles.get(iri)
        if profile is None:
            profile = self.profiles[iri] = Profile(iri, org_type=str(org_type) if org_type else None)
        for ref in refs:
            self.by_ref.setdefault(ref.strip().upper(), iri)
            profile.identifiers.add(ref.strip().upper())
            check = check_identifier(ref)
            if check.valid and profile.org_type in _NATIONAL_TYPES:
                profile.countries.update(check.countries)
        profile.countries.update(countries)
        before_names, before_acronyms = set(profile.names), set(profile.acronyms)
        for name in names:
            key = name_key(name)
            if key:
                self.by_name.setdefault(key, set()).add(iri)
                profile.add_name(name)
        for key in profile.names - before_names:
            self.choices.add(key, iri)
        if profile.names != before_names or profile.acronyms != before_acronyms:
            self.acronyms.add(profile)
        return profile

    def _alias(self, iri: str, names: list[str]) -> None:
        """Keep names a feed gave a known organization as its aliases (altLabels without a language)."""
        profile = self.profiles.get(iri)
        known = (profile.names | profile.acronyms) if profile else set()
        fresh = [n for n in names if name_key(n) and name_key(n) not in known]
        if not fresh:
            return
        self._remember(iri, [], fresh, None, ())
        if iri in self.created:
            props = self.created[iri].properties
            props[_ALT] = [*list(props.get(_ALT) or []), *(f"|{n}" for n in fresh)]  # type: ignore[call-overload]
        else:
            self.new_aliases.setdefault(iri, []).extend(f"|{n}" for n in fresh)

    def take_aliases(self) -> dict[str, list[str]]:
        """The aliases found since the last call, to write with the next batch."""
        found, self.new_aliases = self.new_aliases, {}
        return found

    def _by_iri(self, participation: Participation) -> Resolution:
        iri = str(participation.org_iri)
        if iri in self.known or iri in self.created:
            return Resolution(iri, "link", self.created.get(iri))
        cls = org_class_for_type(participation.org_type)
        properties: dict[str, object] = {
            "name": participation.org_name,
            "identifier": participation.org_ref,
            "orgType": participation.org_type,
        }
        created = NewOrganization(iri, labels_for(cls), properties)
        self.created[iri] = created
        self._remember(iri, [participation.org_ref] if participation.org_ref else [], [participation.org_name or ""], participation.org_type, ())
        return Resolution(iri, "link", created)

    def _exact(self, participation: Participation, ref: str) -> tuple[str | None, str]:
        """The node the identifier or an unambiguous exact name names, and how; (None, "") when none."""
        if ref and ref.upper() in self.by_ref:
            return self.by_ref[ref.upper()], "identifier"
        full = participation.org_name or ""
        short = participation.org_short_name or ""
        key = name_key(full)
        # A full name must match itself: an acronym alone is too ambiguous when a full name was given.
        if key and not (looks_like_acronym(full) and short and full == short):
            owners = self.by_name.get(key, set())
        else:
            owners = self.by_name.get(name_key(short or full), set())
        method = "alias"
        if not owners and short and key:
            owners, method = self._same_acronym_and_words(key, short), "acronym"
        if len(owners) != 1:
            return None, ""
        iri = next(iter(owners))
        profile = self.profiles.get(iri)
        if ref and profile is not None and profile.identifiers and ref.upper() not in profile.identifiers:
            return None, ""  # the same name with another identifier: two organizations until someone decides
        return iri, method

    def _same_acronym_and_words(self, key: str, short: str) -> set[str]:
        """Organizations declaring the acronym `short` whose name has the same distinctive words as `key`
        ("UNHCR", "United Nations High Commissioner for Refugees" is the reference data's "UNHCR", "Office of
        the United Nations High Commissioner for Refugees"): the words that tell names apart all agree."""
        acronym = name_key(short).replace(" ", "")
        words = set(self.choices.distinctive(key).split())
        if not words:
            return set()
        return {
            iri
            for iri in self.acronyms.declared.get(acronym, set())
            if any(set(self.choices.distinctive(name).split()) == words for name in self.profiles[iri].names)
        }

    def resolve(
        self, participation: Participation, *, source: str, countries: tuple[str, ...] = ()
    ) -> Resolution:
        """The node of the participation's organization: matched with certainty, or new (with candidates)."""
        if participation.org_iri:
            return self._by_iri(participation)
        key = (participation.org_ref, participation.org_name, participation.org_short_name, participation.org_type)
        known = self.seen.get(key)
        if known is not None:
            # A repeat of an organization this load created is matched, not new, on the later records.
            method = known.method if known.method != "new" else ("identifier" if participation.org_ref else "alias")
            return Resolution(known.iri, method, self.created.get(known.iri))
        resolved = self._resolve(participation, source, countries)
        self.seen[key] = resolved
        return resolved

    def _resolve(self, participation: Participation, source: str, countries: tuple[str, ...]) -> Resolution:
        ref = (participation.org_ref or "").strip()
        names = [n for n in (participation.org_name, participation.org_short_name) if n]
        iri, method = self._exact(participation, ref)
        if iri is not None:
            self._alias(iri, names)
            if ref and ref.upper() not in self.by_ref:
                self.by_ref[ref.upper()] = iri
            return Resolution(iri, method, self.created.get(iri))
        key = name_key(participation.org_name or "")
        slug = ref.lower() if ref else key.replace(" ", "-")
        iri = data_iri("organization", quote(slug, safe="-._~"))
        if iri in self.known or iri in self.created:
            # The slug is taken by an organization the exact match refused (same name, other identifier).
            iri = data_iri("organization", quote(f"{slug}-{len(self.created) + 1}", safe="-._~"))
        cls = org_class_for_type(participation.org_type)
        properties: dict[str, object] = {
            "name": participation.org_name or participation.org_short_name or ref,
            "shortName": participation.org_short_name,
            "identifier": ref or None,
            "orgType": participation.org_type,
            "source": source,
        }
        created = NewOrganization(iri, labels_for(cls), properties)
        self.created[iri] = created
        national = participation.org_type in _NATIONAL_TYPES
        profile = self._remember(iri, [ref] if ref else [], names, participation.org_type, countries if national else ())
        candidates = tuple(best_matches(profile, self.profiles, self.choices, self.acronyms)) if self.resolve_scored else ()
        return Resolution(iri, "new", created, candidates)


def _text(value: object) -> str:
    """The text of a `lang|text` list entry."""
    return str(value).partition("|")[2] if "|" in str(value) else str(value)
