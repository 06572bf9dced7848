"""RDF files: each format reads back what was written; a syntax error names the file and the line."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib.compare import isomorphic

from ontology.errors import RdfSyntaxError
from ontology.rdf import graph_to_records, records_to_graph
from ontology.reference import reference_graph
from ontology.serialization import RdfFormat, format_for_path, parse_rdf, serialize_rdf

SUFFIX = {RdfFormat.TURTLE: ".ttl", RdfFormat.JSONLD: ".jsonld", RdfFormat.NT: ".nt"}


@pytest.mark.parametrize("rdf_format", list(RdfFormat))
def test_each_format_reads_back_what_it_wrote(rdf_format: RdfFormat, tmp_path: Path) -> None:
    nodes, edges = graph_to_records(reference_graph())
    graph = records_to_graph([n for n in nodes if "Membership" in n.labels or "Theme" in n.labels], edges[:50])
    path = tmp_path / f"data{SUFFIX[rdf_format]}"
    path.write_text(serialize_rdf(graph, rdf_format), encoding="utf-8")
    assert format_for_path(path) is rdf_format
    assert isomorphic(parse_rdf(path), graph)


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        ("bad.ttl", '@prefix a: <http://a/> .\na:x a:y a:z .\na:x a:y "open .\n', "bad.ttl, line 3: invalid Turtle"),
        ("bad.nt", '<http://a> <http://b> <http://c> .\n<http://a> <http://b> "x .\n', "bad.nt, line 2: invalid N-Triples"),
        ("bad.jsonld", '{"@id": "http://a",\n "x": ]', "bad.jsonld, line 2: invalid JSON-LD"),
    ],
)
def test_a_syntax_error_names_the_file_and_the_line(name: str, text: str, expected: str, tmp_path: Path) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RdfSyntaxError) as caught:
        parse_rdf(path)
    message = str(caught.value)
    assert expected in message and message.endswith("fix it and retry.") and "\n" not in message


def test_an_unknown_suffix_or_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(RdfSyntaxError, match=r"name it \.ttl, \.jsonld or \.nt"):
        parse_rdf(tmp_path / "data.xml")
    with pytest.raises(RdfSyntaxError, match="cannot be read"):
        parse_rdf(tmp_path / "missing.ttl")
