"""The code lists, countries, themes and organization classes the loaders check against, from the ontology.

Nothing here is retyped: codes come from `ontology.vocabulary`, countries from the ontology's reference
Turtle, theme mappings from the skos:exactMatch / skos:closeMatch links of the themes, and organization
classes from their cg:iatiOrganisationType annotations.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SKOS

from ontology import vocabulary
from ontology.mapping import model
from ontology.namespaces import CG, CGT, SDG

__all__ = [
    "Country",
    "ThemeMapping",
    "activity_statuses",
    "countries",
    "country_by_iso3",
    "org_class_for_type",
    "org_types",
    "role_for_code",
    "roles",
    "theme_mapping",
]


@lru_cache(maxsize=1)
def activity_statuses() -> frozenset[str]:
    return frozenset(code.notation for code in vocabulary.activity_statuses())


@lru_cache(maxsize=1)
def roles() -> frozenset[str]:
    return frozenset(code.notation for code in vocabulary.organisation_roles())


@lru_cache(maxsize=1)
def _role_codes() -> dict[str, str]:
    return {code.iati_code: code.notation for code in vocabulary.organisation_roles() if code.iati_code}


def role_for_code(code: str) -> str | None:
    """The role word (`funding` ...) for an IATI OrganisationRole code ("1".."4") or the word itself."""
    code = code.strip().lower()
    return code if code in roles() else _role_codes().get(code)


@lru_cache(maxsize=1)
def org_types() -> dict[str, str]:
    """IATI OrganisationType code -> English label."""
    return {code.notation: code.label for code in vocabulary.organisation_types()}


@lru_cache(maxsize=1)
def _type_to_class() -> dict[str, str]:
    # A type code claimed by several classes (40: Agency and InternationalOrganization) goes to the class
    # outside the UN system: UN agencies come from the reference data, a feed cannot make an organization one.
    claims: dict[str, list[str]] = {}
    for cls in model().superclasses:
        for code in vocabulary.org_types_of_class(cls):
            claims.setdefault(code, []).append(cls)
    chosen: dict[str, str] = {}
    for code, classes in claims.items():
        partners = [cls for cls in classes if "Partner" in model().superclasses[cls]]
        chosen[code] = sorted(partners or classes)[0]
    return chosen


def org_class_for_type(org_type: str | None) -> str:
    """The ontology class of a new organization of an IATI type (plain `Organization` when unknown)."""
    return _type_to_class().get(org_type or "", "Organization")


@dataclass(frozen=True)
class Country:
    iri: str
    iso2: str
    iso3: str
    iso_numeric: str
    name: str
    source: str


@lru_cache(maxsize=1)
def countries() -> dict[str, Country]:
    """ISO alpha-2 -> the reference country (ontology/reference/countries.ttl)."""
    graph = Graph()
    text = resources.files("ontology.reference").joinpath("countries.ttl").read_text(encoding="utf-8")
    graph.parse(data=text, format="turtle")
    found: dict[str, Country] = {}
    for subject in graph.subjects(RDF.type, CG.Country):
        iso2 = str(graph.value(subject, CG.iso2) or "")
        if iso2:
            found[iso2] = Country(
                iri=str(subject),
                iso2=iso2,
                iso3=str(graph.value(subject, CG.iso3) or ""),
                iso_numeric=str(graph.value(subject, CG.isoNumeric) or ""),
                name=str(graph.value(subject, CG.name) or iso2),
                source=str(graph.value(subject, CG.source) or ""),
            )
    return found


@lru_cache(maxsize=1)
def country_by_iso3() -> dict[str, str]:
    return {country.iso3: iso2 for iso2, country in countries().items() if country.iso3}


@lru_cache(maxsize=1)
def country_by_name() -> dict[str, str]:
    return {name_key(country.name): iso2 for iso2, country in countries().items()}


def name_key(name: str) -> str:
    """A name folded for matching: no accents, lower case, punctuation and repeated spaces removed."""
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    return " ".join("".join(ch if ch.isalnum() else " " for ch in plain).split())


@dataclass(frozen=True)
class ThemeMapping:
    """External codes -> theme notations, derived from the themes' skos:exactMatch and skos:closeMatch."""

    themes: frozenset[str]
    crime_types: frozenset[str]
    labels: dict[str, tuple[str, str, str, str]]
    """notation -> (iri, English label, definition, scheme) of every theme."""
    dac: dict[str, frozenset[str]]
    sdg: dict[str, frozenset[str]]


@lru_cache(maxsize=1)
def theme_mapping() -> ThemeMapping:
    from ontology.turtle import concepts_graph

    graph = concepts_graph()
    every = vocabulary.themes()
    crime = {theme.notation for theme in vocabulary.crime_types()}
    dac: dict[str, set[str]] = {}
    sdg: dict[str, set[str]] = {}
    for theme in every:
        subject = URIRef(theme.iri)
        targets = list(graph.objects(subject, SKOS.exactMatch)) + list(
            graph.objects(subject, SKOS.closeMatch)
        )
        for target in targets:
            notation = graph.value(target, SKOS.notation)
            if not isinstance(notation, Literal):
                continue
            if str(target).startswith(str(SDG)):
                sdg.setdefault(str(notation), set()).add(theme.notation)
            elif (target, SKOS.inScheme, CGT["oecd-dac-purpose"]) in graph:
                dac.setdefault(str(notation), set()).add(theme.notation)
    return ThemeMapping(
        themes=frozenset(theme.notation for theme in every if theme.notation not in crime),
        crime_types=frozenset(crime),
        labels={theme.notation: (theme.iri, theme.label, theme.definition, theme.scheme) for theme in every},
        dac={code: frozenset(found) for code, found in dac.items()},
        sdg={code: frozenset(found) for code, found in sdg.items()},
    )
