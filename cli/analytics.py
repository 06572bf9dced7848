"""`cograph coverage | overlaps | similar-actors | gaps`: the coordination analytics on the terminal or in pipes."""

from __future__ import annotations

import dataclasses
import json
import sys
from datetime import date
from enum import Enum, StrEnum
from typing import Any

import typer

from cli.csv_output import write_csv
from graph.store import Graph
from queries.coverage import coverage as coverage_query
from queries.errors import InvalidFilter
from queries.filters import Filters
from queries.gaps import GapKind
from queries.gaps import gaps as gaps_query
from queries.money import Money
from queries.overlaps import DEFAULT_LIMIT as DEFAULT_OVERLAPS
from queries.overlaps import overlap_projects
from queries.overlaps import overlaps as overlaps_query
from queries.similarity import actor_similarity

app = typer.Typer(help="Coverage, overlaps and gaps of the fight against trafficking and smuggling.")


class Format(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


AS_OF = typer.Option(None, "--as-of", help="The date (YYYY-MM-DD) to judge 'active' on; default today.")
REGION = typer.Option(None, "--region", help="M49 code or name of a region or sub-region, e.g. 002.")
COUNTRY = typer.Option(None, "--country", help="ISO 3166-1 alpha-2 country code, e.g. NG.")
THEME = typer.Option(None, "--theme", help="Theme notation, narrower themes included, e.g. protection.")
CRIME_TYPE = typer.Option(None, "--crime-type", help="trafficking-in-persons or smuggling-of-migrants.")
MECHANISM = typer.Option(None, "--mechanism", help="Coordination mechanism iri or short name, e.g. ICAT.")
ORG_TYPE = typer.Option(
    None, "--org-type", help="IATI organisation type code (e.g. 21) or actor kind (e.g. NGO)."
)
KIND = typer.Option(
    None,
    "--kind",
    help=f"Gap kinds to show (repeatable): {', '.join(k.value for k in GapKind)}; default all.",
)
FORMAT = typer.Option(Format.table, "--format", help="table for reading, json or csv for pipes.")


def _date(value: str | None) -> date:
    if value is None:
        return date.today()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InvalidFilter(f"as of {value!r} is not a date; use YYYY-MM-DD, e.g. 2025-06-01.") from None


def _filters(
    region: str | None,
    country: str | None,
    theme: str | None,
    crime_type: str | None,
    mechanism: str | None,
    org_type: str | None,
) -> Filters:
    return Filters(region, country, theme, crime_type, mechanism, org_type)


def _money(budgets: tuple[Money, ...]) -> str:
    return "; ".join(f"{m.amount:,.0f} {m.currency or '(no currency)'}" for m in budgets)


def _plain(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return value


def _emit(items: list[Any], rows: list[dict[str, Any]], output: Format, title: str) -> None:
    """JSON gets the full domain objects; table and CSV get the flat rows."""
    if output is Format.json:
        typer.echo(
            json.dumps(
                [_plain(item if isinstance(item, dict) else dataclasses.asdict(item)) for item in items],
                indent=2,
                ensure_ascii=False,
            )
        )
        return
    if output is Format.csv:
        write_csv(sys.stdout, list(rows[0]) if rows else ["none"], rows)
        return
    from rich.console import Console
    from rich.table import Table

    if not rows:
        typer.echo(f"{title}: nothing found for this selection.")
        return
    table = Table(title=f"{title} ({len(rows)})", show_lines=False)
    for column in rows[0]:
        table.add_column(column.replace("_", " "), overflow="fold")
    for row in rows:
        table.add_row(*("" if value is None else str(value) for value in row.values()))
    Console().print(table)


@app.command()
def coverage(
    as_of: str | None = AS_OF,
    region: str | None = REGION,
    country: str | None = COUNTRY,
    theme: str | None = THEME,
    crime_type: str | None = CRIME_TYPE,
    mechanism: str | None = MECHANISM,
    org_type: str | None = ORG_TYPE,
    output: Format = FORMAT,
) -> None:
    """Country x theme matrix: active projects, implementing organizations and budget per currency."""
    when = _date(as_of)
    with Graph.open() as graph:
        cells = coverage_query(graph, when, _filters(region, country, theme, crime_type, mechanism, org_type))
    rows = [
        {
            "country": c.country,
            "country_name": c.country_name,
            "theme": c.theme,
            "projects": c.projects,
            "organizations": c.organizations,
            "budget": _money(c.budgets),
        }
        for c in cells
    ]
    _emit(list(cells), rows, output, f"Coverage as of {when}")


@app.command()
def overlaps(
    as_of: str | None = AS_OF,
    region: str | None = REGION,
    country: str | None = COUNTRY,
    theme: str | None = THEME,
    crime_type: str | None = CRIME_TYPE,
    mechanism: str | None = MECHANISM,
    org_type: str | None = ORG_TYPE,
    limit: int = typer.Option(
        DEFAULT_OVERLAPS, "--limit", help="How many overlaps to show, coordination opportunities first."
    ),
    output: Format = FORMAT,
) -> None:
    """Actors running active projects on the same theme in the same country; no shared mechanism first,
    then the largest combined budgets."""
    when = _date(as_of)
    filters = _filters(region, country, theme, crime_type, mechanism, org_type)
    with Graph.open() as graph:
        found = overlaps_query(graph, when, filters, limit=limit)
        # JSON gives each overlap with its project lists, which the overlaps query leaves to be fetched
        lists = overlap_projects(graph, found) if output is Format.json else []
    rows = [
        {
            "country": o.country,
            "theme": o.theme,
            "actor_a": o.actor_a.name or o.actor_a.iri,
            "actor_b": o.actor_b.name or o.actor_b.iri,
            "projects": f"{o.project_count_a} + {o.project_count_b}",
            "period": f"{o.start or '…'} to {o.end or '…'}",
            "combined_budget": _money(o.combined_budget),
            "shared_mechanisms": ", ".join(o.shared_mechanisms),
            "coordination_opportunity": "yes" if o.coordination_opportunity else "",
        }
        for o in found
    ]
    items: list[Any] = (
        [
            {**{k: v for k, v in dataclasses.asdict(o).items() if k != "scope"}, **dataclasses.asdict(x)}
            for o, x in zip(found, lists, strict=True)
        ]
        if output is Format.json
        else list(found)
    )
    _emit(items, rows, output, f"Overlaps as of {when}")


@app.command("similar-actors")
def similar_actors(
    as_of: str | None = typer.Option(
        None, "--as-of", help="Only projects active on this date; default all time."
    ),
    region: str | None = REGION,
    country: str | None = COUNTRY,
    theme: str | None = THEME,
    crime_type: str | None = CRIME_TYPE,
    mechanism: str | None = MECHANISM,
    org_type: str | None = ORG_TYPE,
    limit: int = typer.Option(20, "--limit", help="How many pairs to show."),
    output: Format = FORMAT,
) -> None:
    """Actor pairs ranked by the Jaccard similarity of their country x theme footprints."""
    when = None if as_of is None else _date(as_of)
    filters = _filters(region, country, theme, crime_type, mechanism, org_type)
    with Graph.open() as graph:
        pairs = actor_similarity(graph, filters, limit, as_of=when)
    rows = [
        {
            "actor_a": p.actor_a.name or p.actor_a.iri,
            "actor_b": p.actor_b.name or p.actor_b.iri,
            "jaccard": f"{p.jaccard:.3f}",
            "shared_cells": len(p.shared),
            "shared": ", ".join(f"{c}/{t}" for c, t in p.shared[:5]) + (" …" if len(p.shared) > 5 else ""),
        }
        for p in pairs
    ]
    _emit(pairs, rows, output, "Similar actors")


@app.command()
def gaps(
    as_of: str | None = AS_OF,
    region: str | None = REGION,
    country: str | None = COUNTRY,
    theme: str | None = THEME,
    crime_type: str | None = CRIME_TYPE,
    mechanism: str | None = MECHANISM,
    org_type: str | None = ORG_TYPE,
    kind: list[str] | None = KIND,
    horizon_days: int = typer.Option(
        90, "--horizon-days", help="Commitments due within this many days count."
    ),
    output: Format = FORMAT,
) -> None:
    """Obligations, commitments, partnerships and funding with no active project behind them, with reasons."""
    when = _date(as_of)
    filters = _filters(region, country, theme, crime_type, mechanism, org_type)
    with Graph.open() as graph:
        found = gaps_query(graph, when, filters, kinds=kind or None, horizon_days=horizon_days)
    rows = [{"kind": g.kind.value, "country": g.country, "theme": g.theme, "reason": g.reason} for g in found]
    statuses = {s.instrument: s for g in found for s in g.treaty_status}
    if output is Format.table and statuses:
        # Obligation gaps and unknown statuses rest on partial treaty records: say how partial, once.
        for status in sorted(statuses.values(), key=lambda s: s.name):
            typer.echo(f"Treaty status - {status.sentence}.")
    _emit(found, rows, output, f"Gaps as of {when}")
