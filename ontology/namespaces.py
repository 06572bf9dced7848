"""cograph's namespaces and the configurable base IRI of its data."""

from __future__ import annotations

import os

from rdflib import Namespace
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SH, SKOS, XSD, DefinedNamespace

__all__ = [
    "CG",
    "CGS",
    "CGT",
    "DEFAULT_BASE_IRI",
    "ORG",
    "PREFIXES",
    "SCHEMA",
    "SDG",
    "base_iri",
    "data_iri",
]

DEFAULT_BASE_IRI = "https://w3id.org/cograph/"

# The vocabulary namespaces are fixed so that the ontology's IRIs are stable whatever the deployment;
# only the IRIs of data (`{base}id/{kind}/{key}`) follow COGRAPH_BASE_IRI.
CG = Namespace("https://w3id.org/cograph/ontology#")
CGT = Namespace("https://w3id.org/cograph/themes/")
CGS = Namespace("https://w3id.org/cograph/shapes#")
ORG = Namespace("http://www.w3.org/ns/org#")
SCHEMA = Namespace("https://schema.org/")
SDG = Namespace("http://metadata.un.org/sdg/")

PREFIXES: dict[str, Namespace | type[DefinedNamespace]] = {
    "cg": CG,
    "cgt": CGT,
    "cgs": CGS,
    "org": ORG,
    "schema": SCHEMA,
    "sdg": SDG,
    "skos": SKOS,
    "dcterms": DCTERMS,
    "prov": PROV,
    "owl": OWL,
    "rdf": RDF,
    "rdfs": RDFS,
    "sh": SH,
    "xsd": XSD,
}


def base_iri() -> str:
    """The base IRI of cograph data: COGRAPH_BASE_IRI, default https://w3id.org/cograph/ (ends with `/`)."""
    value = os.environ.get("COGRAPH_BASE_IRI", "").strip() or DEFAULT_BASE_IRI
    return value if value.endswith(("/", "#")) else value + "/"


def data_iri(kind: str, key: str) -> str:
    """The IRI of a data record: `{base}id/{kind}/{key}`."""
    return f"{base_iri()}id/{kind}/{key}"
