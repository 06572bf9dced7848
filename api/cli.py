"""`cograph export-schema`: write the GraphQL SDL the API serves to api/schema.graphql."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from api.schema import SDL_PATH, write_sdl

app = typer.Typer()


@app.command("export-schema")
def export_schema(
    output: Annotated[Path, typer.Option("--output", "-o", help="Where to write the SDL.")] = SDL_PATH,
) -> None:
    """Write the GraphQL schema (SDL) of the API, by default to api/schema.graphql."""
    typer.echo(f"wrote {write_sdl(output)}")
