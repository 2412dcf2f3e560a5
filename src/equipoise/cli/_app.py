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


def tidy_help(application: typer.Typer) -> typer.Typer:
    r"""Give every command of ``application`` its docstring with each paragraph on one line.

    typer 0.29 joins the lines of a help text's first paragraph but prints the others with the
    docstring's own line breaks, which no longer fall at the terminal's edge; rich then wraps
    the joined paragraphs to the terminal. A paragraph that starts with ``\b`` keeps its lines
    (click's convention). Idempotent: a command whose ``help`` is set is left as it is.
    """
    import inspect

    for info in application.registered_commands:
        if info.help is not None or info.callback is None:
            continue
        doc = inspect.getdoc(info.callback) or ""
        info.help = "\n\n".join(
            p if p.startswith("\b") else " ".join(line.strip() for line in p.splitlines())
            for p in doc.split("\n\n")
        )
    for group in application.registered_groups:
        if group.typer_instance is not None:
            tidy_help(group.typer_instance)
    return application


__all__ = ["app", "tidy_help"]
