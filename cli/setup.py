"""`cograph init` and `cograph serve`: prepare the graph, then serve the API and explorer."""

from __future__ import annotations

import typer

from graph.migrations import LATEST, migrate
from graph.setup import load_reference_data
from graph.store import Graph


def register(app: typer.Typer) -> None:
    app.command()(init)
    app.command()(serve)


def init() -> None:
    """Apply the schema migrations and load the reference data (safe to run again)."""
    with Graph.open() as graph:
        applied = migrate(graph)
        typer.echo(
            f"schema at version {LATEST}"
            + (f" (applied {', '.join(str(m.version) for m in applied)})" if applied else "")
        )
        summary = load_reference_data(graph)
        if summary:
            typer.echo(summary)


def serve(
    host: str = typer.Option("127.0.0.1", help="Interface to listen on."),
    port: int = typer.Option(8000, help="Port to listen on."),
) -> None:
    """Serve the GraphQL API, the explorer and /health on http://HOST:PORT."""
    import uvicorn

    from api.app import create_app

    uvicorn.run(create_app(), host=host, port=port, log_level="info")
