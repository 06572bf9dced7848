"""The `cograph` command: one entry point, sub-commands per concern, errors as one sentence."""

from __future__ import annotations

import sys

import typer

from cli import neo4j as neo4j_commands
from cli import setup as setup_commands
from ontology.errors import CographError

app = typer.Typer(
    name="cograph",
    help=(
        "cograph: who does what, where and when against trafficking in persons and migrant smuggling.\n\n"
        "A knowledge graph in Neo4j of agencies, partners, coordination mechanisms, projects, countries, "
        "legal commitments and funds, with coverage, overlap and gap analytics, a GraphQL API and a visual "
        "explorer. Uses NEO4J_URI (with NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE) when set, else the "
        "project's own local Neo4j (`cograph neo4j start`)."
    ),
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
app.add_typer(neo4j_commands.app, name="neo4j")
setup_commands.register(app)


def _register_optional() -> None:
    """Mount the commands of the other packages' entry modules."""
    from cli import changes, extra, partner

    extra.register(app)
    app.add_typer(partner.app, name="partner")
    app.registered_commands.extend(changes.app.registered_commands)


_register_optional()


def main() -> None:
    """Console-script entry point: run the CLI and turn cograph errors into one clear sentence."""
    try:
        app()
    except CographError as error:
        typer.secho(f"cograph: {error}", fg=typer.colors.RED, err=True)
        sys.exit(1)
    except KeyboardInterrupt:
        typer.secho("cograph: interrupted; nothing half-written was kept, re-run to finish.", err=True)
        sys.exit(130)
