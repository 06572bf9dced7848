"""Reading and writing RDF documents (Turtle, JSON-LD, N-Triples), with parse errors as one clear sentence."""

from __future__ import annotations

import json
import re
import warnings
from enum import StrEnum
from pathlib import Path

from rdflib import Graph
from rdflib.exceptions import ParserError

from ontology.errors import RdfSyntaxError
from ontology.turtle import new_graph

__all__ = ["RdfFormat", "format_for_path", "parse_rdf", "serialize_rdf"]


class RdfFormat(StrEnum):
    """The RDF syntaxes cograph reads and writes."""

    TURTLE = "turtle"
    JSONLD = "jsonld"
    NT = "nt"

    @property
    def label(self) -> str:
        return {"turtle": "Turtle", "jsonld": "JSON-LD", "nt": "N-Triples"}[self.value]

    @property
    def rdflib_name(self) -> str:
        return {"turtle": "turtle", "jsonld": "json-ld", "nt": "nt"}[self.value]


_SUFFIXES = {".ttl": RdfFormat.TURTLE, ".jsonld": RdfFormat.JSONLD, ".json": RdfFormat.JSONLD, ".nt": RdfFormat.NT}


def format_for_path(path: Path) -> RdfFormat:
    """The format a file's suffix names (.ttl, .jsonld/.json, .nt)."""
    try:
        return _SUFFIXES[path.suffix.lower()]
    except KeyError:
        raise RdfSyntaxError(
            f"{path}: cannot tell the RDF format from the suffix {path.suffix!r}; name it .ttl, .jsonld or .nt."
        ) from None


def parse_rdf(path: Path, rdf_format: RdfFormat | None = None) -> Graph:
    """Parse an RDF file; a syntax error becomes RdfSyntaxError naming the file and line."""
    chosen = rdf_format or format_for_path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise RdfSyntaxError(f"{path}: cannot be read ({error}); check the path and that it is UTF-8 text.") from error
    graph = new_graph()
    try:
        with warnings.catch_warnings():
            # rdflib's own JSON-LD parser builds a ConjunctiveGraph, which rdflib itself deprecates.
            warnings.filterwarnings("ignore", message="ConjunctiveGraph is deprecated", category=DeprecationWarning)
            graph.parse(data=text, format=chosen.rdflib_name, publicID=path.resolve().as_uri())
    except json.JSONDecodeError as error:
        raise RdfSyntaxError(f"{path}, line {error.lineno}: invalid JSON-LD ({error.msg}); fix it and retry.") from error
    except SyntaxError as error:  # rdflib's BadSyntax for Turtle
        line = int(getattr(error, "lines", -1)) + 1
        why = getattr(error, "_why", None) or str(error).splitlines()[-1]
        raise RdfSyntaxError(f"{path}, line {line}: invalid {chosen.label} ({why}); fix it and retry.") from error
    except (ParserError, ValueError) as error:
        found = _line_of(text, str(error))
        where = f"{path}, line {found}" if found else str(path)
        raise RdfSyntaxError(f"{where}: invalid {chosen.label} ({error}); fix it and retry.") from error
    return graph


def _line_of(text: str, message: str) -> int | None:
    """The line of `text` an N-Triples parser message quotes, when it quotes one."""
    quoted = re.search(r'"(.+)$', message)
    if quoted:
        fragment = quoted.group(1).strip()
        for number, line in enumerate(text.splitlines(), start=1):
            if fragment and fragment in line:
                return number
    return None


def serialize_rdf(graph: Graph, rdf_format: RdfFormat) -> str:
    """The graph as text in the format."""
    if rdf_format is RdfFormat.JSONLD:
        context = {prefix: str(ns) for prefix, ns in graph.namespaces() if prefix}
        return graph.serialize(format="json-ld", context=context, indent=2)
    return graph.serialize(format=rdf_format.rdflib_name)
