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
    if chosen is RdfFormat.JSONLD:
        _refuse_remote_contexts(path, text)
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
    except RecursionError:
        raise RdfSyntaxError(
            f"{path}: nests blank nodes, lists or objects too deeply to be read; flatten the data and retry."
        ) from None
    return graph


def _refuse_remote_contexts(path: Path, text: str) -> None:
    """Refuse a JSON-LD document that names a context by reference (a URL or a file) instead of inline.

    rdflib would fetch it: over the network (a server that never answers hangs the load) or from the local
    disk (`file://`, or a relative name next to the file). Loads read the named files and nothing else.
    """
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise RdfSyntaxError(f"{path}, line {error.lineno}: invalid JSON-LD ({error.msg}); fix it and retry.") from error
    except RecursionError:
        raise RdfSyntaxError(f"{path}: nests JSON too deeply to be read; flatten the data and retry.") from None
    pending: list[object] = [document]
    while pending:
        item = pending.pop()
        if isinstance(item, list):
            pending.extend(item)
            continue
        if not isinstance(item, dict):
            continue
        for key, value in item.items():
            if key in ("@context", "@import"):
                contexts = value if isinstance(value, list) else [value]
                remote = next((c for c in contexts if isinstance(c, str)), None)
                if remote is not None:
                    raise RdfSyntaxError(
                        f"{path}: the JSON-LD {key} {remote[:200]!r} refers to a context elsewhere; cograph never "
                        "fetches contexts (no network, no other files): put the context inline in the document "
                        "and load it again."
                    )
            pending.append(value)


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
