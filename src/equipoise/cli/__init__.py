"""Command-line interface: ``equipoise COMMAND``.

Each module in this package registers its commands on :data:`equipoise.cli._app.app`;
importing them here wires the commands up. The CLI is an edge: it parses arguments, calls
the library and prints, and holds no model logic.
"""

from __future__ import annotations

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


def main() -> None:
    """Run the ``equipoise`` command."""
    app()


__all__ = ["app", "main"]
