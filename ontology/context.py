"""The JSON-LD context of cograph's linked data, derived from the ontology: one short term per class and
property, bound to the term `cograph export` writes (the W3C or schema.org term where the ontology aligns
with one, cg: otherwise). Published as ontology/context.jsonld; `python -m ontology.context` rewrites it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from rdflib import URIRef
from rdflib.namespace import RDF, XSD

from ontology.mapping import LANG_STRING, model
from ontology.namespaces import CG, PREFIXES
from ontology.rdf import export_terms

__all__ = ["CONTEXT_FILE", "jsonld_context", "main"]

CONTEXT_FILE = Path(__file__).with_name("context.jsonld")
_PLAIN = {str(XSD.string), LANG_STRING, str(RDF.langString)}


def _compact(iri: str) -> str:
    for prefix, namespace in sorted(PREFIXES.items(), key=lambda item: -len(str(item[1]))):
        if prefix and iri.startswith(str(namespace)) and iri != str(namespace):
            return f"{prefix}:{iri[len(str(namespace)) :]}"
    return iri


def jsonld_context() -> dict[str, Any]:
    """{"@context": {...}}: the prefixes, then a term per cg: class and property."""
    exported = export_terms()
    known = model()
    terms: dict[str, Any] = {prefix: str(namespace) for prefix, namespace in sorted(PREFIXES.items()) if prefix}
    for name in sorted(known.superclasses):
        terms[name] = _compact(str(exported.get(CG[name], CG[name])))
    for name, datatype in sorted(known.datatypes.items()):
        term: dict[str, Any] = {"@id": _compact(str(exported.get(URIRef(CG[name]), CG[name])))}
        if datatype not in _PLAIN:
            term["@type"] = _compact(datatype)
        terms[name] = term
    for name in sorted(known.relationships):
        terms[name] = {"@id": _compact(str(exported.get(URIRef(CG[name]), CG[name]))), "@type": "@id"}
    return {"@context": terms}


def main() -> None:
    CONTEXT_FILE.write_text(json.dumps(jsonld_context(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {CONTEXT_FILE}")


if __name__ == "__main__":
    main()
