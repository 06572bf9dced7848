"""`cograph changes --since`: what the syncs changed since a moment, oldest first."""

from __future__ import annotations

import datetime as dt
import json
from typing import Annotated

import typer

from graph.store import Graph
from loaders.history import ACTIONS
from ontology.errors import CographError
from queries.history import DEFAULT_ACTIONS, ChangeFilter, ChangeRecord, changes

app = typer.Typer()
_PAGE = 500


class BadSince(CographError):
    """--since or --action cannot be read."""


def _moment(text: str) -> dt.datetime:
    try:
        moment = dt.datetime.fromisoformat(text.strip())
    except ValueError:
        raise BadSince(
            f"--since {text!r} is not a date or time; use e.g. 2026-01-01 or 2026-01-01T12:00Z."
        ) from None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=dt.UTC)


def _line(change: ChangeRecord) -> str:
    detail = ""
    if change.fields:
        detail = " " + ", ".join(
            f"{name} (was {json.dumps(change.previous.get(name))})" for name in change.fields
        )
    elif change.reasons:
        detail = " " + "; ".join(change.reasons)
    return (
        f"{change.changed_at:%Y-%m-%d %H:%M:%S} {change.action:<9} {change.partner or '-'}/{change.identifier or '-'}"
        f" by {change.activity.actor or '-'} via {change.activity.via or '-'}{detail}"
    )


@app.command("changes")
def changes_command(
    since: Annotated[
        str, typer.Option("--since", help="From this date or time (UTC unless a zone is given).")
    ],
    partner: Annotated[str | None, typer.Option("--partner", help="Only this partner's records.")] = None,
    country: Annotated[
        str | None, typer.Option("--country", help="Projects in this ISO alpha-2 country.")
    ] = None,
    theme: Annotated[
        str | None, typer.Option("--theme", help="Projects on this theme (or a narrower one).")
    ] = None,
    action: Annotated[
        list[str] | None,
        typer.Option("--action", help=f"Repeatable: {', '.join(ACTIONS)}; default all but unchanged."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object a line.")] = False,
) -> None:
    """What was created, updated, withdrawn or rejected since a moment, by whom and from which source."""
    actions = tuple(a.strip().lower() for a in action) if action else DEFAULT_ACTIONS
    unknown = [a for a in actions if a not in ACTIONS]
    if unknown:
        raise BadSince(f"--action {unknown[0]!r} is unknown; use one of {', '.join(ACTIONS)}.")
    where = ChangeFilter(
        since=_moment(since),
        partner=partner,
        country=country.upper() if country else None,
        theme=theme,
        actions=actions,
    )
    with Graph.open() as graph:
        lo = 0
        while True:
            page = changes(graph, where, lo, _PAGE)
            for change in page.items:
                if as_json:
                    typer.echo(json.dumps(_json(change), default=str))
                else:
                    typer.echo(_line(change))
            if not page.has_next:
                break
            lo += len(page.items)


def _json(change: ChangeRecord) -> dict[str, object]:
    return {
        "changedAt": change.changed_at.isoformat(),
        "action": change.action,
        "partner": change.partner,
        "identifier": change.identifier,
        "changedFields": list(change.fields),
        "previousValues": change.previous,
        "reasons": list(change.reasons),
        "actor": change.activity.actor,
        "via": change.activity.via,
        "source": change.activity.source,
        "activity": change.activity.iri,
    }
