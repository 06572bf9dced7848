"""The top-level `cograph` commands that live in the entry modules: load, analytics, RDF, schema export, changes;
plus the organizations and partner groups."""

from __future__ import annotations

import typer

from api import cli as api_cli
from cli import analytics, changes, load, organizations, partner, rdf


def register(app: typer.Typer) -> None:
    for module_app in (load.app, analytics.app, rdf.app, api_cli.app, changes.app):
        app.registered_commands.extend(module_app.registered_commands)
    app.add_typer(organizations.app, name="organizations")
    app.add_typer(partner.app, name="partner")
