"""Sector crosswalks: humanitarian clusters, areas of responsibility and free-text sector names to cograph
themes, from the ontology's SKOS crosswalk (ontology/crosswalk.ttl) plus, optionally, a partner's own file of
the same form (`cograph load --crosswalk FILE`)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SKOS

from loaders.codes import name_key, theme_mapping
from loaders.errors import LoadError
from ontology.errors import RdfSyntaxError
from ontology.serialization import parse_rdf

__all__ = ["Crosswalk", "ontology_crosswalk", "read_crosswalk", "sector_key"]

# skos:narrowMatch: the theme is narrower than the sector (a cluster's scope includes it); exact and close
# matches say the sector is the theme. broadMatch and relatedMatch are not enough to classify a record.
_CLASSIFYING = (SKOS.exactMatch, SKOS.closeMatch, SKOS.narrowMatch)
_PRESENCE_PREFIX = "operational presence "


def sector_key(text: str) -> str:
    """A sector name or code folded for lookup: `PROTECTION_OP` and `Operational Presence: Protection` both
    read `protection` (3W files mark operational presence with an `_OP` suffix or prefix)."""
    key = name_key(text.replace("_", " "))
    key = key.removeprefix(_PRESENCE_PREFIX)
    return key.removesuffix(" op")


@dataclass(frozen=True)
class Crosswalk:
    """Folded sector keys -> the theme notations they map to (empty: known, maps to no theme)."""

    themes: dict[str, frozenset[str]]

    def lookup(self, text: str) -> frozenset[str] | None:
        """The themes of a sector, or None when no crosswalk knows it."""
        return self.themes.get(sector_key(text))

    def combined(self, other: Crosswalk | None) -> Crosswalk:
        """This crosswalk with `other`'s entries added (a partner's file adds to, never removes, mappings)."""
        if other is None:
            return self
        merged = dict(self.themes)
        for key, found in other.themes.items():
            merged[key] = merged.get(key, frozenset()) | found
        return Crosswalk(merged)


def _from_graph(graph: Graph, where: str) -> Crosswalk:
    by_iri = {theme[0]: notation for notation, theme in theme_mapping().labels.items()}
    themes: dict[str, frozenset[str]] = {}
    for concept in sorted(set(graph.subjects(RDF.type, SKOS.Concept)), key=str):
        targets: set[str] = set()
        for prop in _CLASSIFYING:
            for target in graph.objects(concept, prop):
                if not isinstance(target, URIRef):
                    continue
                notation = by_iri.get(str(target))
                if notation is None:
                    raise LoadError(
                        f"{where}: {concept} maps to {target}, which is not a cograph theme; map to a theme IRI "
                        "such as https://w3id.org/cograph/themes/protection."
                    )
                targets.add(notation)
        names = [
            str(value)
            for prop in (SKOS.notation, SKOS.prefLabel, SKOS.altLabel)
            for value in graph.objects(concept, prop)
            if isinstance(value, Literal)
        ]
        for name in names:
            key = sector_key(name)
            if key:
                themes[key] = themes.get(key, frozenset()) | frozenset(targets)
    return Crosswalk(themes)


@lru_cache(maxsize=1)
def ontology_crosswalk() -> Crosswalk:
    """The crosswalk shipped in the ontology."""
    graph = Graph()
    text = resources.files("ontology").joinpath("crosswalk.ttl").read_text(encoding="utf-8")
    graph.parse(data=text, format="turtle")
    return _from_graph(graph, "ontology/crosswalk.ttl")


def read_crosswalk(path: Path) -> Crosswalk:
    """A partner's crosswalk file (Turtle or JSON-LD SKOS concepts with exact/close/narrow matches to themes),
    combined with the ontology's."""
    if not path.is_file():
        raise LoadError(f"--crosswalk {path} is not a file; give a Turtle file of SKOS mappings to cograph themes.")
    try:
        graph = parse_rdf(path)
    except RdfSyntaxError as error:
        raise LoadError(str(error)) from error
    found = _from_graph(graph, str(path))
    if not found.themes:
        raise LoadError(
            f"{path} holds no skos:Concept with a notation or label; see ontology/crosswalk.ttl for the form."
        )
    return ontology_crosswalk().combined(found)
