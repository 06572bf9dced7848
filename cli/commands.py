"""The top-level `cograph` commands that live in the entry modules: load, analytics, RDF, schema export."""

from __future__ import annotations

import typer

from api import cli as api_cli
from cli import analytics, load, organizations, rdf


def register(app: typer.Typer) -> None:
    for module_app in (load.app, analytics.app, rdf.app, api_cli.app):
        app.registered_commands.extend(module_app.registered_commands)
    app.add_typer(organizations.app, name="organizations")
