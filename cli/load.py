"""`cograph load` and `cograph sample`: partner files through the sync core, synthetic IATI files out."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Annotated

import typer

from loaders.sync import LoadOptions, LoadSummary, Progress, load_files
from ontology.errors import CographError

app = typer.Typer()

_MAX_LISTED = 50


class _ProgressLine:
    """A one-line progress bar with records/s on a terminal; a plain line every few seconds otherwise."""

    def __init__(self) -> None:
        self.tty = sys.stderr.isatty()
        self.last = 0.0

    def __call__(self, progress: Progress) -> None:
        now = time.monotonic()
        if now - self.last < (0.2 if self.tty else 5.0):
            return
        self.last = now
        text = (
            f"{Path(progress.file).name}: {progress.records:,} records, {progress.rejected:,} rejected, "
            f"{progress.rate:,.0f} records/s"
        )
        if self.tty:
            typer.echo(f"\r\033[K{text}", err=True, nl=False)
        else:
            typer.echo(text, err=True)

    def done(self) -> None:
        if self.tty and self.last:
            typer.echo("\r\033[K", err=True, nl=False)


@app.command()
def load(
    files: Annotated[
        list[Path],
        typer.Argument(
            help="IATI XML, HXL CSV, template CSV/JSON or RDF files, or directories holding them."
        ),
    ],
    file_format: Annotated[
        str | None, typer.Option("--format", help="iati, hxl, csv, json or rdf (default: sniffed).")
    ] = None,
    partner: Annotated[str | None, typer.Option("--partner", help="The partner whose feed this is.")] = None,
    country: Annotated[
        str | None, typer.Option("--country", help="ISO alpha-2 country for records naming none.")
    ] = None,
    full_sync: Annotated[
        bool, typer.Option("--full-sync", help="Withdraw the partner's projects absent from the files.")
    ] = False,
    strict: Annotated[
        bool, typer.Option("--strict", help="Write nothing if any record is rejected.")
    ] = False,
    crosswalk: Annotated[
        Path | None,
        typer.Option(
            "--crosswalk", help="A sector crosswalk (Turtle SKOS mappings to cograph themes) to add."
        ),
    ] = None,
    server: Annotated[
        str | None,
        typer.Option(
            "--server", help="Send the records through this cograph API (key in COGRAPH_KEY), not into Neo4j."
        ),
    ] = None,
) -> None:
    """Load partner project files into the graph: validated, idempotent, with provenance."""
    from graph.store import Graph

    line = _ProgressLine()
    if server is not None:
        import os

        if crosswalk is not None:
            raise CographError(
                "--crosswalk applies to direct loads only; the server classifies sectors with its own "
                "crosswalk, so leave --crosswalk out with --server."
            )

        from cli.remote import load_remote

        remote = LoadOptions(
            format=file_format,
            partner=partner,
            country=country.upper() if country else None,
            strict=strict,
            full_sync=full_sync,
        )
        summary = load_remote(server, os.environ.get("COGRAPH_KEY", ""), files, remote, line)
        line.done()
        _print(summary)
        if not summary.ok:
            raise typer.Exit(code=1)
        return
    options = LoadOptions(
        format=file_format,
        partner=partner,
        country=country.upper() if country else None,
        full_sync=full_sync,
        strict=strict,
        progress=line,
        crosswalk=crosswalk,
    )
    with Graph.open() as graph:
        summary = load_files(graph, files, options)
    line.done()
    _print(summary)
    if not summary.ok:
        raise typer.Exit(code=1)


def _print(summary: LoadSummary) -> None:
    for warning in summary.warnings[:_MAX_LISTED]:
        typer.echo(f"warning: {warning}", err=True)
    if len(summary.warnings) > _MAX_LISTED:
        typer.echo(f"... and {len(summary.warnings) - _MAX_LISTED} more warnings", err=True)
    rejections = summary.rejections
    for rejection in rejections[:_MAX_LISTED]:
        typer.echo(f"rejected: {rejection}", err=True)
    if rejections.total > _MAX_LISTED:
        typer.echo(f"... and {rejections.total - _MAX_LISTED:,} more reasons; the most frequent:", err=True)
        for field, reason, count in rejections.repeated()[:10]:
            typer.echo(f"  {count:,} x {field}: {reason}", err=True)
    typer.echo(summary.describe())


@app.command()
def sample(
    projects: Annotated[
        int, typer.Option("--projects", help="How many synthetic activities to write.")
    ] = 200,
    seed: Annotated[
        int, typer.Option("--seed", help="Random seed (the same seed writes the same files).")
    ] = 1,
    out: Annotated[Path, typer.Option("--out", help="Directory to write the IATI files into.")] = Path(
        "var/sample"
    ),
) -> None:
    """Write realistic synthetic IATI activity files (plainly marked synthetic) for demos and benchmarks."""
    from loaders.sample import write_sample

    for path in write_sample(out, projects, seed):
        typer.echo(str(path))
