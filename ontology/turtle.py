"""The ontology's Turtle files, parsed once: the schema, the concept schemes and the SHACL shapes."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from rdflib import Graph

from ontology.errors import OntologyError
from ontology.namespaces import PREFIXES

__all__ = ["SCHEMA_FILES", "concepts_graph", "ontology_graph", "read_package_turtle", "schema_graph", "shapes_graph"]

SCHEMA_FILES = ("cograph.ttl",)
CONCEPT_FILES = ("themes.ttl", "codes.ttl")
SHAPE_FILES = ("shapes.ttl",)


def read_package_turtle(package: str, names: tuple[str, ...]) -> Graph:
    """Parse Turtle files shipped in `package` into one new graph with cograph's prefixes bound."""
    graph = new_graph()
    for name in names:
        resource = resources.files(package).joinpath(name)
        try:
            graph.parse(data=resource.read_text(encoding="utf-8"), format="turtle", publicID=f"file:{name}")
        except (FileNotFoundError, SyntaxError, ValueError) as error:
            raise OntologyError(
                f"The ontology file {package}/{name} cannot be read ({error}); restore it from version control."
            ) from error
    return graph


def new_graph() -> Graph:
    """An empty rdflib graph with cograph's prefixes bound."""
    graph = Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, replace=True)
    return graph


# The cached graphs are shared: callers read them and copy (`graph + other`) before changing anything.
@lru_cache(maxsize=1)
def schema_graph() -> Graph:
    """The OWL classes and properties (cograph.ttl)."""
    return read_package_turtle("ontology", SCHEMA_FILES)


@lru_cache(maxsize=1)
def concepts_graph() -> Graph:
    """The SKOS concept schemes: themes, crime types, strategy components and code lists."""
    return read_package_turtle("ontology", CONCEPT_FILES)


@lru_cache(maxsize=1)
def shapes_graph() -> Graph:
    """The SHACL shapes for every class cograph writes."""
    return read_package_turtle("ontology", SHAPE_FILES)


@lru_cache(maxsize=1)
def ontology_graph() -> Graph:
    """The schema and the concept schemes together."""
    graph = new_graph()
    for triple in schema_graph():
        graph.add(triple)
    for triple in concepts_graph():
        graph.add(triple)
    return graph
