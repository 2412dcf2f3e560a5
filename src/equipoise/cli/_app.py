"""The Typer application that every command module registers its commands on."""

from __future__ import annotations

from typing import Annotated

import typer

app = typer.Typer(
    name="equipoise",
    help=(
        "equipoise: encode a region (actors, power, relations, issues, shocks), simulate how it "
        "moves, and check expert claims against the model."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
)


def _version(value: bool) -> None:
    if value:
        from equipoise import __version__

        typer.echo(f"equipoise {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """Encode a region, simulate how it moves, and check expert claims against the model."""


__all__ = ["app"]
