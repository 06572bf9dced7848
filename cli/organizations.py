"""`cograph organizations candidates | merge | split`: review the organizations that may be one, and decide."""

from __future__ import annotations

import getpass
from typing import Annotated

import typer

from loaders.identity import MergeResult, merge_organizations, split_merge
from queries.candidates import candidates as candidates_query

app = typer.Typer(help="Organizations that may be one: review the candidates, merge, split.", no_args_is_help=True)

_BY = typer.Option("--by", help="Who decides (default: your login name).")
_REASON = typer.Option("--reason", help="Why, in a sentence (kept with the decision).")


def _agent(by: str | None) -> str:
    return by or getpass.getuser()


@app.command()
def candidates(
    limit: Annotated[int, typer.Option("--limit", help="How many, best score first.")] = 50,
    every: Annotated[bool, typer.Option("--all", help="Include decided ones (merged, split).")] = False,
) -> None:
    """List match candidates: two organizations, the score, and the evidence found on load."""
    from graph.store import Graph

    with Graph.open() as graph:
        found = candidates_query(graph, None if every else "open", limit)
    if not found:
        typer.echo("No open match candidates." if not every else "No match candidates.")
        return
    for candidate in found:
        typer.echo(f"{candidate.score:.2f}  {candidate.decision}  {candidate.iri}")
        for side in (candidate.a, candidate.b):
            short = f" ({side.short_name})" if side.short_name else ""
            ref = f" [{side.identifier}]" if side.identifier else ""
            typer.echo(f"    {side.iri}  {side.name}{short}{ref}, {side.projects} participations")
        for line in candidate.evidence:
            typer.echo(f"    - {line}")
    typer.echo("Merge one with: cograph organizations merge KEEP_IRI ABSORB_IRI --reason '...'")


def _print(result: MergeResult, verb: str) -> None:
    typer.echo(f"{verb} {result.absorbed} {'into' if verb == 'merged' else 'out of'} {result.survivor}")
    typer.echo(f"  {result.moved} relationships moved; names: {', '.join(result.names) or 'none'}; "
               f"identifiers: {', '.join(result.identifiers) or 'none'}")
    typer.echo(f"  record: {result.merge}")


@app.command()
def merge(
    keep: Annotated[str, typer.Argument(help="IRI of the organization to keep.")],
    absorb: Annotated[str, typer.Argument(help="IRI of the organization to fold into it.")],
    reason: Annotated[str, _REASON],
    by: Annotated[str | None, _BY] = None,
) -> None:
    """Merge two organizations into one (the kept one holds every name and identifier; reversible by split)."""
    from graph.store import Graph

    with Graph.open() as graph:
        result = merge_organizations(graph, keep, absorb, agent=_agent(by), reason=reason)
    _print(result, "merged")


@app.command()
def split(
    merge_or_iri: Annotated[str, typer.Argument(help="The merge record's IRI, or the absorbed organization's IRI.")],
    reason: Annotated[str, _REASON],
    by: Annotated[str | None, _BY] = None,
) -> None:
    """Undo a merge: the absorbed organization comes back with its names, identifiers and projects."""
    from graph.store import Graph

    with Graph.open() as graph:
        result = split_merge(graph, merge_or_iri, agent=_agent(by), reason=reason)
    _print(result, "split")
