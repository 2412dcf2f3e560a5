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


def load_app() -> typer.Typer:
    """Import every command module (each registers its commands) and return the application."""
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
    from equipoise.cli._app import app

    return app


def __getattr__(name: str) -> Any:
    if name == "app":
        return load_app()
    raise AttributeError(f"module 'equipoise.cli' has no attribute {name!r}")


def main() -> None:
    """Run the ``equipoise`` command."""
    from equipoise.cli._fast import answer

    if answer(sys.argv[1:]):
        return
    load_app()()


__all__ = ["app", "load_app", "main"]
