"""`cograph export` and `cograph import-rdf`: the graph as RDF out, SHACL-checked RDF in."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, NoReturn

import typer

from ontology.errors import CographError, ShapeViolations
from ontology.mapping import labels_for
from ontology.serialization import RdfFormat, parse_rdf, serialize_rdf

app = typer.Typer(help="Export the graph as RDF and import RDF into it.", add_completion=False)

_SHOWN_VIOLATIONS = 20


@app.command("export")
def export(
    rdf_format: Annotated[
        RdfFormat, typer.Option("--format", "-f", help="RDF syntax to write.")
    ] = RdfFormat.TURTLE,
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="File to write (default: standard output).")
    ] = None,
    label: Annotated[
        str | None, typer.Option(help="Only nodes with this label, e.g. Project or Country.")
    ] = None,
) -> None:
    """Write the graph (or the nodes of one label and their relationships) as Turtle, JSON-LD or N-Triples."""
    try:
        from graph.setup import export_rdf
        from graph.store import Graph

        if label is not None:
            labels_for(label)
        with Graph.open() as graph:
            data, skipped, unwritable = export_rdf(graph, label)
        text = serialize_rdf(data, rdf_format)
    except CographError as error:
        _fail(str(error))
    for value in unwritable[:_SHOWN_VIOLATIONS]:
        typer.secho(f"note: left out {value}; correct the record and export again.", err=True)
    if len(unwritable) > _SHOWN_VIOLATIONS:
        typer.secho(f"note: ... and {len(unwritable) - _SHOWN_VIOLATIONS} more values left out.", err=True)
    if skipped:
        typer.secho(
            f"note: the properties {', '.join(sorted(skipped))} are not in the ontology and were not exported.",
            err=True,
        )
    if out is None:
        typer.echo(text)
    else:
        out.write_text(text, encoding="utf-8")
        typer.echo(f"wrote {len(data)} triples to {out}", err=True)


@app.command("import-rdf")
def import_rdf(
    file: Annotated[Path, typer.Argument(help="Turtle (.ttl), JSON-LD (.jsonld) or N-Triples (.nt) file.")],
    rdf_format: Annotated[
        RdfFormat | None, typer.Option("--format", "-f", help="RDF syntax (default: from the suffix).")
    ] = None,
) -> None:
    """Check an RDF file against the SHACL shapes, then load its records into the graph (nothing if it fails)."""
    try:
        from graph.setup import check_rdf, write_rdf
        from graph.store import Graph

        # Parsed and checked before connecting: a bad file is answered without Neo4j (and without waiting).
        data = parse_rdf(file, rdf_format)
        check_rdf(data, str(file))
        with Graph.open() as graph:
            nodes, edges = write_rdf(graph, data)
    except ShapeViolations as error:
        for violation in error.violations[:_SHOWN_VIOLATIONS]:
            typer.echo(f"  {getattr(violation, 'message', violation)}", err=True)
        if len(error.violations) > _SHOWN_VIOLATIONS:
            typer.echo(f"  ... and {len(error.violations) - _SHOWN_VIOLATIONS} more", err=True)
        _fail(f"{error}.")
    except CographError as error:
        _fail(str(error))
    typer.echo(f"imported {nodes} nodes and {edges} relationships from {file}")


def _fail(message: str) -> NoReturn:
    typer.secho(f"cograph: {message}", fg=typer.colors.RED, err=True)
    raise typer.Exit(1)
