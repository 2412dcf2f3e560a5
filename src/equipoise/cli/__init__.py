"""Command-line interface: ``equipoise COMMAND``.

Each module in this package registers its commands on :data:`equipoise.cli._app.app`;
:func:`load_app` imports them all and returns the application (``from equipoise.cli import
app`` does the same). ``equipoise --help`` and ``equipoise --version`` are answered without
them (:mod:`equipoise.cli._fast`). The CLI is an edge: it parses arguments, calls the library
and prints, and holds no model logic.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import typer


def load_app(module: str | None = None) -> typer.Typer:
    """Import every command module (each registers its commands) and return the application.

    Parameters
    ----------
    module
        Import only this command module (``equipoise.cli.scenario_cmds``, as
        :func:`equipoise.cli._fast.command_module` names it): the application then holds its
        commands alone (and those of the modules it imports), enough to run one of them.

    Returns
    -------
    typer.Typer
        The application, with every command registered unless ``module`` is given.
    """
    if module is not None:
        import importlib

        importlib.import_module(module)
        from equipoise.cli._app import app as partial
        from equipoise.cli._app import tidy_help

        return tidy_help(partial)
    from equipoise.cli import (
        bargain_cmd,  # noqa: F401
        build_cmd,  # noqa: F401
        calibrate_cmd,  # noqa: F401
        experiment_cmds,  # noqa: F401
        forecast_cmds,  # noqa: F401
        power_cmd,  # noqa: F401
        report_cmd,  # noqa: F401
        run_cmd,  # noqa: F401
        runs_cmd,  # noqa: F401
        scenario_cmds,  # noqa: F401  (registers commands)
        serve_cmd,  # noqa: F401
        text_cmds,  # noqa: F401
    )
    from equipoise.cli._app import app, tidy_help

    return tidy_help(app)


def __getattr__(name: str) -> Any:
    if name == "app":
        return load_app()
    raise AttributeError(f"module 'equipoise.cli' has no attribute {name!r}")


def main() -> None:
    """Run the ``equipoise`` command."""
    from equipoise.cli._fast import answer, command_module

    argv = sys.argv[1:]
    if answer(argv):
        return
    load_app(command_module(argv))()


__all__ = ["app", "load_app", "main"]
