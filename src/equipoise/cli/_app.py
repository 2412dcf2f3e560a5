"""The Typer application that every command module registers its commands on."""

from __future__ import annotations

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

__all__ = ["app"]
