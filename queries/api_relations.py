"""Batched one-hop reads for the API's DataLoaders: one statement per relation for a whole batch of keys.

Each statement takes `$keys` (IRIs of the nodes the walk starts from) and returns one row per key that has
related nodes: `key` and `items`, node maps `{.*, labels}` (or `{role|percentage, node}` for the reified
participations and country allocations), in a stable order.
"""

from __future__ import annotations

from typing import Any

from graph.store import Graph

__all__ = ["RELATIONS", "read_related"]


def _walk(pattern: str) -> str:
    return (
        f"UNWIND $keys AS key MATCH {pattern} "
        "WITH DISTINCT key, t ORDER BY coalesce(t.name, t.title, t.prefLabel, t.iri), t.iri "
        "RETURN key, collect(t {.*, labels: labels(t)}) AS items"
    )


ORGANIZATION_MEMBERSHIPS = _walk("(:Organization {iri: key})<-[:MEMBER]-(t:Membership)")
MECHANISM_MEMBERSHIPS = _walk("(:CoordinationMechanism {iri: key})<-[:ORGANIZATION]-(t:Membership)")
MEMBERSHIP_MEMBER = _walk("(:Membership {iri: key})-[:MEMBER]->(t:Organization)")
MEMBERSHIP_MECHANISM = _walk("(:Membership {iri: key})-[:ORGANIZATION]->(t:CoordinationMechanism)")
ORGANIZATION_PLEDGES = _walk("(:Organization {iri: key})<-[:PLEDGED_BY]-(t:Pledge)")
ORGANIZATION_GRANTS = _walk("(:Organization {iri: key})<-[:GRANTEE]-(t:Grant)")
ORGANIZATION_MANAGED_MECHANISMS = _walk("(:Organization {iri: key})<-[:MANAGED_BY]-(t:CoordinationMechanism)")
ORGANIZATION_MANAGED_FUNDS = _walk("(:Organization {iri: key})<-[:MANAGED_BY]-(t:Fund)")
MANAGED_BY = _walk("(:Resource {iri: key})-[:MANAGED_BY]->(t:Organization)")
PROJECT_THEMES = _walk("(:Project {iri: key})-[:THEME]->(t:Theme)")
PROJECT_CRIME_TYPES = _walk("(:Project {iri: key})-[:CRIME_TYPE]->(t:Theme)")
COUNTRY_REGION = _walk("(:Country {iri: key})-[:REGION]->(t:Region)")
COUNTRY_SUBREGION = _walk("(:Country {iri: key})-[:SUBREGION]->(t:Region)")
REGION_COUNTRIES = _walk("(:Region {iri: key})<-[:REGION|SUBREGION]-(t:Country)")
COUNTRY_COMMITMENTS = _walk("(:Country {iri: key})<-[:STATE|COUNTRY]-(t:Commitment)")
COUNTRY_GRANTS = _walk("(:Country {iri: key})<-[:COUNTRY]-(t:Grant)")
THEME_BROADER = _walk("(:Theme {iri: key})-[:BROADER]->(t:Theme)")
THEME_NARROWER = _walk("(:Theme {iri: key})<-[:BROADER]-(t:Theme)")
THEME_OBLIGATIONS = _walk("(:Theme {iri: key})<-[:THEME]-(t:Obligation)")
THEME_COMMITMENTS = _walk("(:Theme {iri: key})<-[:THEME]-(t:Commitment)")
THEME_GRANTS = _walk("(:Theme {iri: key})<-[:THEME]-(t:Grant)")
INSTRUMENT_PART_OF = _walk("(:LegalInstrument {iri: key})-[:IS_PART_OF]->(t:LegalInstrument)")
INSTRUMENT_PARTS = _walk("(:LegalInstrument {iri: key})<-[:IS_PART_OF]-(t:LegalInstrument)")
INSTRUMENT_OBLIGATIONS = _walk("(:LegalInstrument {iri: key})-[:HAS_OBLIGATION]->(t:Obligation)")
INSTRUMENT_COMMITMENTS = _walk("(:LegalInstrument {iri: key})<-[:INSTRUMENT]-(t:Commitment)")
OBLIGATION_INSTRUMENT = _walk("(:Obligation {iri: key})<-[:HAS_OBLIGATION]-(t:LegalInstrument)")
OBLIGATION_THEMES = _walk("(:Obligation {iri: key})-[:THEME]->(t:Theme)")
COMMITMENT_COUNTRY = _walk("(:Commitment {iri: key})-[:STATE|COUNTRY]->(t:Country)")
COMMITMENT_INSTRUMENT = _walk("(:Commitment {iri: key})-[:INSTRUMENT]->(t:LegalInstrument)")
COMMITMENT_THEMES = _walk("(:Commitment {iri: key})-[:THEME]->(t:Theme)")
RATIFICATION_PARTY = _walk("(:Ratification {iri: key})-[:PARTY]->(t:Organization)")
PLEDGE_PLEDGED_BY = _walk("(:Pledge {iri: key})-[:PLEDGED_BY]->(t:Organization)")
FUND_GRANTS = _walk("(:Fund {iri: key})<-[:FROM_FUND]-(t:Grant)")
GRANT_FUND = _walk("(:Grant {iri: key})-[:FROM_FUND]->(t:Fund)")
GRANT_GRANTEE = _walk("(:Grant {iri: key})-[:GRANTEE]->(t:Organization)")
GRANT_COUNTRY = _walk("(:Grant {iri: key})-[:COUNTRY]->(t:Country)")
GRANT_THEMES = _walk("(:Grant {iri: key})-[:THEME]->(t:Theme)")
NODES_BY_IRI = (
    "UNWIND $keys AS key MATCH (t:Resource {iri: key}) RETURN key, [t {.*, labels: labels(t)}] AS items"
)

PROJECT_PARTICIPATIONS = (
    "UNWIND $keys AS key MATCH (:Project {iri: key})-[:HAS_PARTICIPATION]->(x:Participation)"
    "-[:PARTICIPANT]->(t:Organization) "
    "WITH key, x, t ORDER BY x.role, coalesce(t.name, t.iri) "
    "RETURN key, collect({role: x.role, project: key, node: t {.*, labels: labels(t)}}) AS items"
)
PROJECT_COUNTRIES = (
    "UNWIND $keys AS key MATCH (:Project {iri: key})-[:HAS_COUNTRY_ALLOCATION]->(a:CountryAllocation)"
    "-[:COUNTRY]->(t:Country) "
    "WITH key, a, t ORDER BY coalesce(a.percentage, 0) DESC, t.iso2 "
    # only what the API shows of a country: the allocations of a page of projects repeat the same countries
    "RETURN key, collect({percentage: a.percentage, project: key, "
    "node: t {.iri, .iso2, .iso3, .isoNumeric, .name, labels: labels(t)}}) AS items"
)

RELATIONS: dict[str, str] = {
    name: value
    for name, value in globals().items()
    if name.isupper() and isinstance(value, str) and value.startswith("UNWIND $keys")
}


def read_related(graph: Graph, relation: str, keys: list[str]) -> dict[str, list[dict[str, Any]]]:
    """The items related to each key by `relation` (a name in RELATIONS); keys without any are absent."""
    rows = graph.read(RELATIONS[relation], {"keys": keys})
    return {row["key"]: row["items"] for row in rows}
