"""Write docs/ontology.md from the Turtle: classes, properties, shapes and concept schemes.

Run `python -m ontology.documentation [OUTPUT]` after changing the ontology, and commit the result.
"""

from __future__ import annotations

import sys
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SH, SKOS

from ontology.mapping import labels_for, model, upper_snake
from ontology.namespaces import CG, CGS, DEFAULT_BASE_IRI, PREFIXES
from ontology.turtle import concepts_graph, schema_graph, shapes_graph
from ontology.vocabulary import code_list, org_types_of_class, themes

__all__ = ["DEFAULT_OUTPUT", "render", "write"]

DEFAULT_OUTPUT = Path(__file__).resolve().parent.parent / "docs" / "ontology.md"
_SCHEMA_ORG = "https://schema.org/"


def _curie(term: object) -> str:
    text = str(term)
    for prefix, namespace in sorted(PREFIXES.items(), key=lambda item: -len(str(item[1]))):
        if text.startswith(str(namespace)):
            return f"{prefix}:{text[len(str(namespace)):]}"
    return f"<{text}>"


def _text(graph: Graph, subject: URIRef, predicate: URIRef) -> str:
    values = [v for v in graph.objects(subject, predicate) if isinstance(v, Literal)]
    english = [v for v in values if (v.language or "").startswith("en")] or values
    return str(english[0]).replace("|", "\\|") if english else ""


def _external(graph: Graph, subject: URIRef, predicate: URIRef) -> str:
    return ", ".join(sorted(_curie(o) for o in graph.objects(subject, predicate) if not str(o).startswith(str(CG))))


def _classes(graph: Graph) -> list[str]:
    lines = [
        "## Classes",
        "",
        "| class | Neo4j labels | definition | aligned with | IATI organisation types |",
        "|---|---|---|---|---|",
    ]
    for name in model().labels:
        cls = CG[name]
        lines.append(
            f"| `cg:{name}` | `:{':'.join(labels_for(name))}` | {_text(graph, cls, SKOS.definition)} "
            f"| {_external(graph, cls, RDFS.subClassOf)} | {', '.join(org_types_of_class(name))} |"
        )
    return lines


def _properties(graph: Graph) -> list[str]:
    lines = [
        "## Relationships (object properties)",
        "",
        "| property | relationship type | from | to | definition | aligned with |",
        "|---|---|---|---|---|---|",
    ]
    for name in sorted(model().relationships):
        prop = CG[name]
        domains = [*graph.objects(prop, RDFS.domain), *graph.objects(prop, URIRef(f"{_SCHEMA_ORG}domainIncludes"))]
        lines.append(
            f"| `cg:{name}` | `{upper_snake(name)}` | {', '.join(sorted(_curie(d) for d in domains))} "
            f"| {', '.join(_curie(r) for r in graph.objects(prop, RDFS.range))} | {_text(graph, prop, SKOS.definition)} "
            f"| {_external(graph, prop, RDFS.subPropertyOf) or _external(graph, prop, OWL.equivalentProperty)} |"
        )
    lines += [
        "",
        "## Node properties (datatype properties)",
        "",
        "| property | datatype | definition | aligned with |",
        "|---|---|---|---|",
    ]
    for name, datatype in sorted(model().datatypes.items()):
        prop = CG[name]
        aligned = ", ".join(
            filter(None, [_external(graph, prop, RDFS.subPropertyOf), _external(graph, prop, OWL.equivalentProperty)])
        )
        lines.append(f"| `{name}` | `{_curie(datatype)}` | {_text(graph, prop, SKOS.definition)} | {aligned} |")
    return lines


def _shapes(shapes: Graph) -> list[str]:
    lines = ["## SHACL shapes", "", "| shape | targets | rules |", "|---|---|---|"]
    for shape in sorted(s for s in shapes.subjects(RDF.type, SH.NodeShape) if isinstance(s, URIRef)):
        rules = []
        for prop_shape in shapes.objects(shape, SH.property):
            path = shapes.value(prop_shape, SH.path)
            facets = []
            for facet in (SH.minCount, SH.maxCount, SH.datatype, SH.nodeKind, SH.pattern, SH.lessThanOrEquals,
                          SH.minInclusive, SH.maxInclusive, CGS.inCodeList):
                value = shapes.value(prop_shape, facet)
                if value is not None:
                    facets.append(f"{_curie(facet).split(':')[-1]} {_curie(value) if isinstance(value, URIRef) else value}")
            rules.append(f"`{_curie(path).split(':')[-1]}` ({', '.join(facets)})")
        for constraint in shapes.objects(shape, SH.sparql):
            rules.append(f"*{shapes.value(constraint, RDFS.label)}*")
        target = ", ".join(_curie(t) for t in shapes.objects(shape, SH.targetClass))
        lines.append(f"| `{_curie(shape)}` | {target} | {'; '.join(sorted(rules))} |")
    return lines


def _schemes(concepts: Graph) -> list[str]:
    lines = ["## Concept schemes", ""]
    for scheme in ("themes", "unodc-strategy", "crime-types"):
        lines += [f"### `{scheme}`", "", "| notation | label | broader | close matches | definition |",
                  "|---|---|---|---|---|"]
        for theme in themes(scheme):
            matches = ", ".join(_curie(m) for m in theme.close_matches)
            lines.append(
                f"| `{theme.notation}` | {theme.label} | {', '.join(theme.broader)} | {matches} | {theme.definition} |"
            )
        lines.append("")
    for scheme in ("activity-status", "organisation-role", "organisation-type", "ratification-kind"):
        lines += [f"### Code list `{scheme}`", "", "| value | label | IATI code |", "|---|---|---|"]
        lines += [f"| `{code.notation}` | {code.label} | {code.iati_code or code.notation} |" for code in code_list(scheme)]
        lines.append("")
    del concepts
    return lines


def render() -> str:
    """The Markdown page."""
    schema = schema_graph()
    prefixes = ["| prefix | IRI |", "|---|---|"] + [f"| `{p}:` | `{ns}` |" for p, ns in PREFIXES.items()]
    parts = [
        "# cograph ontology",
        "",
        "Generated by `python -m ontology.documentation` from `ontology/*.ttl`; do not edit by hand.",
        "",
        f"Data IRIs are `{{COGRAPH_BASE_IRI}}id/{{kind}}/{{key}}`; the base defaults to `{DEFAULT_BASE_IRI}`.",
        "",
        "## Prefixes",
        "",
        *prefixes,
        "",
        *_classes(schema),
        "",
        *_properties(schema),
        "",
        *_shapes(shapes_graph()),
        "",
        *_schemes(concepts_graph()),
    ]
    return "\n".join(parts).rstrip() + "\n"


def write(path: Path = DEFAULT_OUTPUT) -> Path:
    """Write the page to `path` (default docs/ontology.md)."""
    path.write_text(render(), encoding="utf-8")
    return path


if __name__ == "__main__":
    print(f"wrote {write(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_OUTPUT)}")
