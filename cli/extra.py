"""Commands contributed by the other entry modules, mounted as top-level `cograph` commands."""

from __future__ import annotations

import typer

from cli import load, rdf


def register(app: typer.Typer) -> None:
    for module_app in (load.app, rdf.app):
        app.registered_commands.extend(module_app.registered_commands)
