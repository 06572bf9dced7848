"""`cograph neo4j start | stop | status`: the project's own local Neo4j Community server."""

from __future__ import annotations

import typer

from graph import local
from graph.errors import ConfigError
from graph.settings import external_uri_configured

app = typer.Typer(
    help="Run the project's own local Neo4j 5.26 Community server (under var/neo4j/).", no_args_is_help=True
)


def _refuse_when_external() -> None:
    if external_uri_configured():
        raise ConfigError(
            "NEO4J_URI is set, so cograph uses that server and never runs its own; unset NEO4J_URI to use "
            "the local Neo4j."
        )


@app.command()
def start() -> None:
    """Download Neo4j (first time), start it in the background and wait until Bolt answers."""
    _refuse_when_external()
    current, started = local.start()
    typer.echo(("started: " if started else "already running: ") + current.describe())


@app.command()
def stop() -> None:
    """Stop the local Neo4j this checkout started (gracefully, by its recorded PID)."""
    _refuse_when_external()
    typer.echo("stopped" if local.stop() else "not running")


@app.command()
def status() -> None:
    """Print running/stopped, the Neo4j version and the Bolt URI."""
    if external_uri_configured():
        from graph.settings import from_env
        from graph.store import Graph

        settings = from_env()
        with Graph(settings) as graph:
            typer.echo(f"running: Neo4j {graph.verify()} at {settings.uri} (NEO4J_URI)")
        return
    typer.echo(local.status().describe())
