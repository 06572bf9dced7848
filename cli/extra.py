"""Commands contributed by the loaders, queries and RDF entry modules, mounted on the root CLI."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    modules: tuple[typer.Typer, ...] = ()
    for module_app in modules:
        app.registered_commands.extend(module_app.registered_commands)
