"""The filters every analytics query takes, checked against the graph before any query runs."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import Enum
from typing import Any

from graph.store import Graph
from ontology.organizations import actor_kinds, org_type_codes
from queries.errors import InvalidFilter

__all__ = ["Anchor", "Filters", "Scope", "resolve", "rollup_map"]


@dataclass(frozen=True)
class Filters:
    """Optional restrictions; None means no restriction.

    region: M49 code (or name) of a region or sub-region; country: ISO 3166-1 alpha-2 code; theme: a theme
    notation (narrower themes included); crime_type: a crime-type notation (e.g. trafficking-in-persons);
    mechanism: a CoordinationMechanism's iri or shortName (keeps actors that are members); org_type: an IATI
    organisation type code (e.g. 21) or an actor kind label (e.g. NGO).
    """

    region: str | None = None
    country: str | None = None
    theme: str | None = None
    crime_type: str | None = None
    mechanism: str | None = None
    org_type: str | None = None


class Anchor(Enum):
    """Where a query starts walking: the indexed node of the most selective filter given."""

    GLOBAL = "global"
    ACTOR = "actor"
    """No place or theme but an actor filter: start from the organizations that pass it."""
    COUNTRY = "country"
    REGION = "region"
    THEME = "theme"


@dataclass(frozen=True)
class Scope:
    """Filters resolved against the graph: canonical values, the query anchor and the Cypher parameters."""

    filters: Filters
    as_of: date | None
    region: str | None
    country: str | None
    theme: str | None
    crime_type: str | None
    mechanism: str | None
    org_type_code: str | None
    org_kind: str | None
    themes: tuple[str, ...] = ()
    """Notations of the theme filter and every narrower theme (empty without a theme filter)."""
    crime_types: tuple[str, ...] = ()
    """Notations of the crime-type filter and every narrower crime type."""
    members: tuple[str, ...] = ()
    """IRIs of the organizations with a membership of the mechanism active at `as_of`."""
    region_countries: tuple[str, ...] = ()
    """ISO alpha-2 codes of the region filter's countries (its own and its sub-regions'; empty without one)."""
    rollup: tuple[tuple[str, tuple[str, ...]], ...] = ()
    """Per theme notation, the notations a project tagged with it counts for: itself and every broader
    theme, those outside the theme filter left out (read from the graph's BROADER links with the filters)."""
    theme_labels: tuple[tuple[str, str | None], ...] = ()
    """Per notation a tag counts for (`rollup`), its theme's prefLabel as read with the filters: the scoped
    cells carry a cell's theme as its notation and label only the rows they return ($theme_labels)."""

    @property
    def anchor(self) -> Anchor:
        if self.country is not None:
            return Anchor.COUNTRY
        if self.region is not None:
            return Anchor.REGION
        if self.theme is not None:
            return Anchor.THEME
        if self.actor_filter:
            return Anchor.ACTOR
        return Anchor.GLOBAL

    @property
    def actor_filter(self) -> bool:
        return any(v is not None for v in (self.mechanism, self.org_type_code, self.org_kind))

    def params(self, **extra: Any) -> dict[str, Any]:
        return {
            "as_of": self.as_of,
            "region": self.region,
            "country": self.country,
            "theme": self.theme,
            "crime_type": self.crime_type,
            "mechanism": self.mechanism,
            "org_type_code": self.org_type_code,
            "org_kind": self.org_kind,
            "actor_filter": self.actor_filter,
            "actor_kinds": list(actor_kinds()),
            "themes": list(self.themes),
            "crimes": list(self.crime_types),
            "members": list(self.members),
            "region_countries": list(self.region_countries),
            "rollup": rollup_map(self.rollup),
            "theme_labels": dict(self.theme_labels),
            **extra,
        }


def rollup_map(rollup: tuple[tuple[str, tuple[str, ...]], ...]) -> dict[str, list[str]]:
    """A resolved roll-up (`Scope.rollup`) as the $rollup parameter: notation -> the notations it counts for."""
    return {notation: list(broader) for notation, broader in rollup}


# Parameters: $country, $region, $theme, $crime_type, $mechanism (each null when not given), $as_of.
# Columns: country_ok, region_m49 (canonical code or null), theme_ok, crime_type_ok, mechanism_iri,
#   themes (notations of the theme and its narrower themes), crimes (same for the crime type),
#   members (iris of the mechanism's members whose membership is active at $as_of; any date when null),
#   broader ([notation, broader-or-same notation, its prefLabel] for every theme: the hierarchy the analytics roll up),
#   region_countries (iso2 of the countries of the region and its sub-regions).
RESOLVE_FILTERS = """
WITH
  CASE WHEN $region IS NULL THEN null ELSE head(COLLECT {
    MATCH (r:Region) WHERE r.m49 = $region OR toLower(r.name) = toLower($region) RETURN r.m49 ORDER BY r.m49
  }) END AS region_m49,
  CASE WHEN $mechanism IS NULL THEN null ELSE head(COLLECT {
    MATCH (m:CoordinationMechanism)
    WHERE m.iri = $mechanism OR toLower(m.shortName) = toLower($mechanism) OR toLower(m.name) = toLower($mechanism)
    RETURN m.iri ORDER BY m.iri
  }) END AS mechanism_iri
RETURN
  $country IS NULL OR EXISTS { MATCH (:Country {iso2: $country}) } AS country_ok,
  region_m49,
  $theme IS NULL OR EXISTS { MATCH (:Theme {notation: $theme}) } AS theme_ok,
  $crime_type IS NULL OR EXISTS { MATCH (:Theme {notation: $crime_type}) } AS crime_type_ok,
  mechanism_iri,
  COLLECT {
    MATCH (t:Theme)-[:BROADER*0..]->(:Theme {notation: $theme}) RETURN DISTINCT t.notation AS n ORDER BY n
  } AS themes,
  COLLECT {
    MATCH (t:Theme)-[:BROADER*0..]->(:Theme {notation: $crime_type}) RETURN DISTINCT t.notation AS n ORDER BY n
  } AS crimes,
  COLLECT {
    MATCH (:CoordinationMechanism {iri: mechanism_iri})<-[:ORGANIZATION]-(m:Membership)-[:MEMBER]->(o:Organization)
    WHERE (m.start IS NULL OR $as_of IS NULL OR m.start <= $as_of) AND (m.end IS NULL OR $as_of IS NULL OR m.end >= $as_of)
    RETURN DISTINCT o.iri AS iri ORDER BY iri
  } AS members,
  COLLECT {
    MATCH (t:Theme)-[:BROADER*0..]->(b:Theme) RETURN DISTINCT [t.notation, b.notation, b.prefLabel] AS pair
  } AS broader,
  COLLECT {
    MATCH (:Region {m49: region_m49})<-[:REGION|SUBREGION]-(c:Country) RETURN DISTINCT c.iso2 AS iso2 ORDER BY iso2
  } AS region_countries
"""

_ISO2 = re.compile(r"^[A-Za-z]{2}$")


def _clean(value: str | None) -> str | None:
    if value is None:
        return None
    value = value.strip()
    return value or None


def resolve(graph: Graph, filters: Filters, as_of: date | None) -> Scope:
    """Check each filter value and resolve it to its canonical form; raise InvalidFilter naming the first bad one."""
    country = _clean(filters.country)
    if country is not None:
        if not _ISO2.match(country):
            raise InvalidFilter(
                f"country {country!r} is not an ISO 3166-1 alpha-2 code; give two letters such as NG or TH."
            )
        country = country.upper()
    code, kind = _org_type(_clean(filters.org_type))
    region, theme, crime_type = _clean(filters.region), _clean(filters.theme), _clean(filters.crime_type)
    mechanism = _clean(filters.mechanism)
    row = graph.read(
        RESOLVE_FILTERS,
        {
            "country": country,
            "region": region,
            "theme": theme,
            "crime_type": crime_type,
            "mechanism": mechanism,
            "as_of": as_of,
        },
    )[0]
    if not row["country_ok"]:
        raise InvalidFilter(
            f"country {country!r} is an unknown country code (no Country with that iso2 in the graph); "
            "check the code or load the reference countries with `cograph init`."
        )
    if region is not None and row["region_m49"] is None:
        raise InvalidFilter(
            f"region {region!r} is not the M49 code or name of a region or sub-region in the graph; "
            "use a code such as 002 (Africa) or 145 (Western Asia)."
        )
    if not row["theme_ok"]:
        raise InvalidFilter(
            f"theme {theme!r} is not a theme notation in the graph; use one such as protection or prevention."
        )
    if not row["crime_type_ok"]:
        raise InvalidFilter(
            f"crime type {crime_type!r} is not a notation in the graph; use trafficking-in-persons or "
            "smuggling-of-migrants."
        )
    if mechanism is not None and row["mechanism_iri"] is None:
        raise InvalidFilter(
            f"mechanism {mechanism!r} is not the iri or short name of a coordination mechanism in the graph; "
            "use one such as ICAT."
        )
    wanted = set(row["themes"]) if theme is not None else None
    rollup: dict[str, list[str]] = {}
    labels: dict[str, str | None] = {}
    for notation, broader, label in row["broader"]:
        if wanted is None or broader in wanted:
            rollup.setdefault(notation, []).append(broader)
            labels[broader] = label
    return Scope(
        filters=filters,
        as_of=as_of,
        region=row["region_m49"],
        country=country,
        theme=theme,
        crime_type=crime_type,
        mechanism=row["mechanism_iri"],
        org_type_code=code,
        org_kind=kind,
        themes=tuple(row["themes"]),
        crime_types=tuple(row["crimes"]),
        members=tuple(row["members"]),
        region_countries=tuple(row["region_countries"]),
        rollup=tuple((notation, tuple(sorted(broader))) for notation, broader in sorted(rollup.items())),
        theme_labels=tuple(sorted(labels.items())),
    )


def _org_type(value: str | None) -> tuple[str | None, str | None]:
    """An IATI code (as code) or an actor kind label (as kind)."""
    if value is None:
        return None, None
    if value.isdigit():
        if value not in org_type_codes():
            raise InvalidFilter(
                f"org type {value!r} is not an IATI OrganisationType code; use one of {', '.join(org_type_codes())}."
            )
        return value, None
    for kind in actor_kinds():
        if kind.lower() == value.lower():
            return None, kind
    raise InvalidFilter(
        f"org type {value!r} is neither an IATI OrganisationType code nor an actor kind; use a code such as 21 "
        f"or one of {', '.join(actor_kinds())}."
    )
