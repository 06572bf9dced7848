"""`cograph reference import-treaties`: refresh the treaty record from a status table, dry run by default."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from ontology.errors import CographError

app = typer.Typer(
    help="Refresh cograph's sourced reference data.", add_completion=False, no_args_is_help=True
)

_SHOWN = 40


@app.command("import-treaties")
def import_treaties(
    file: Annotated[
        Path, typer.Argument(help="A status table in the CSV layout of ontology/reference/treaties/.")
    ],
    instrument: Annotated[
        str | None,
        typer.Option(
            help="untoc, tip-protocol or som-protocol (default: from the file name, e.g. untoc-parties.csv)."
        ),
    ] = None,
    apply: Annotated[
        bool, typer.Option("--apply", help="Write the changes; without it, only show them.")
    ] = False,
    status_date: Annotated[
        str | None,
        typer.Option(help="The status date of the depositary's page (YYYY-MM-DD), set on the instrument."),
    ] = None,
    parties: Annotated[
        int | None, typer.Option(help="Parties the depositary counts as of the status date.")
    ] = None,
    status_source: Annotated[
        str | None, typer.Option(help="The address of the page stating the status.")
    ] = None,
    complete: Annotated[
        bool,
        typer.Option(
            "--complete",
            help="The table lists every party as of --status-date: States without a row become 'not a party'.",
        ),
    ] = False,
) -> None:
    """Check a treaty status table, show what it would change in the graph, and with --apply write it.

    Every row must name a known country (or the European Union, with no ISO code), a consent date on or
    after the instrument's adoption, a kind of consent from the code list (or none) and the page it was read
    from. Applying writes only new and changed rows, each with its own sources and the time of the import,
    so running it twice changes nothing; ratifications the table lacks are kept.
    """
    from graph.store import Graph
    from loaders.treaty_status import StatusUpdate, apply_plan, plan_import

    today = dt.date.today()
    update = StatusUpdate(
        status_date=_date(status_date),
        party_count=parties,
        complete=True if complete else None,
        status_source=status_source,
    )
    with Graph.open() as graph:
        plan = plan_import(graph, file, instrument, update, today)
        name = plan.table.instrument.name
        counts = ", ".join(f"{plan.count(action)} {action}" for action in ("new", "changed", "unchanged"))
        typer.echo(f"{file.name}: {len(plan.table.rows)} rows for the {name}: {counts}.")
        shown = 0
        for change in plan.changes:
            if change.action == "unchanged" or shown >= _SHOWN:
                continue
            shown += 1
            if change.action == "new":
                row = change.row
                typer.echo(f"  + {row.country_name}: {row.kind or 'consent'} {row.consent} ({row.source})")
            else:
                fields = "; ".join(f"{key} {old!r} -> {new!r}" for key, old, new in change.fields)
                typer.echo(f"  ~ {change.row.country_name}: {fields}")
        hidden = plan.count("new") + plan.count("changed") - shown
        if hidden > 0:
            typer.echo(f"  ... and {hidden} more")
        for key, (old, new) in plan.status_changes.items():
            typer.echo(f"  status {key}: {old!r} -> {new!r}")
        if plan.kept:
            typer.echo(f"  {len(plan.kept)} ratification(s) in the graph are not in the table and are kept.")
        if plan.empty:
            typer.echo("Nothing to change: the graph already holds this table.")
            return
        if not apply:
            typer.echo("Dry run: nothing was written. Re-run with --apply to write these changes.")
            return
        written = apply_plan(graph, plan, dt.datetime.now(dt.UTC).replace(microsecond=0))
        typer.echo(f"Applied: {written} ratification(s) written with their sources.")


def _date(text: str | None) -> dt.date | None:
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise CographError(f"--status-date {text!r} is not a date; write YYYY-MM-DD.") from None
