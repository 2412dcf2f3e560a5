"""The table of commands: ``equipoise --help`` and ``--version`` without typer, one module a command.

Building the typer application costs about 0.4 s of CPU (typer, click, rich's help formatter,
pydantic), several times Python's own start-up, for two answers that need none of it. The
top-level help is therefore a table kept here; ``tests/test_cli_imports.py`` checks that it
lists exactly the commands the application registers, in its order, with the first paragraph
of each command's help, so a new command cannot be left out.

Every other use of the command line (``equipoise COMMAND ...``, ``equipoise COMMAND --help``)
goes through typer, but the table also names the module that registers each command
(:func:`command_module`): ``equipoise validate FILE`` imports that module alone, so typer builds
and parses only its commands, not the 27 of the whole application. The test checks the module
of every command against the registered callbacks, and that a command gives the same output
and exit status through this path as through the whole application.
"""

from __future__ import annotations

import os
import shutil
import sys
import textwrap

#: The application's help (``equipoise.cli._app.app``).
APP_HELP = (
    "equipoise: encode a region (actors, power, relations, issues, shocks), simulate how it "
    "moves, and check expert claims against the model."
)

#: Every command, in the order the application registers them: its name, the module of
#: ``equipoise.cli`` that registers it, and its one-line summary.
COMMANDS: tuple[tuple[str, str, str], ...] = (
    (
        "bargain",
        "bargain_cmd",
        "Forecast an issue with a bargaining model: expected utility, compromise or median.",
    ),
    (
        "build",
        "build_cmd",
        "Build a valid scenario for any list of states from the data up to --year.",
    ),
    (
        "validate",
        "scenario_cmds",
        "Check a scenario file and report every problem, with file, line and field path.",
    ),
    (
        "schema",
        "scenario_cmds",
        "Print the scenario format's JSON Schema (for editors to check and complete files).",
    ),
    ("scenarios", "scenario_cmds", "List the bundled scenarios."),
    (
        "new",
        "scenario_cmds",
        "Write a commented template scenario NAME.toml to edit (never overwrites a file).",
    ),
    ("show", "scenario_cmds", "Print a scenario as tables (or, with --json, its full content)."),
    (
        "ensemble",
        "experiment_cmds",
        "Run an ensemble over the scenario's declared uncertainties and summarise it.",
    ),
    (
        "compare",
        "experiment_cmds",
        "Compare interventions with the baseline, member by member (common random numbers).",
    ),
    (
        "sensitivity",
        "experiment_cmds",
        "Rank the declared uncertainties by their effect on a metric (Sobol or Morris, SALib).",
    ),
    (
        "discover",
        "experiment_cmds",
        "Find the input ranges that produce an outcome of interest (PRIM or CART).",
    ),
    (
        "claims",
        "experiment_cmds",
        "Give every claim of the scenario a verdict over an ensemble, with interval and drivers.",
    ),
    (
        "calibrate",
        "calibrate_cmd",
        "Fit balance and inertia rates and the UN-vote noise scale to the history (ABC-SMC).",
    ),
    (
        "forecast",
        "forecast_cmds",
        "Forecast an observable the world publishes, with predictive quantiles.",
    ),
    (
        "hindcast",
        "forecast_cmds",
        "Backtest the model inside the data: rolling origins, scored against the benchmarks.",
    ),
    (
        "score",
        "forecast_cmds",
        "Score resolved claims: Brier and log scores of the model, the holders and a coin.",
    ),
    (
        "power",
        "power_cmd",
        "Compute a composite capability index (CINC) for every state-year of FILE.",
    ),
    (
        "report",
        "report_cmd",
        "Write a self-contained HTML report: figures, claims, interventions and every source.",
    ),
    (
        "run",
        "run_cmd",
        "Simulate a scenario (default: indo-pacific-2021) over its horizon and print its story.",
    ),
    (
        "serve",
        "serve_cmd",
        "Serve the web app: browse, view and edit scenarios, launch runs, a JSON API under /api.",
    ),
    (
        "extract",
        "text_cmds",
        "Read commentary: actors, relations, events and claims, each with the characters that support it.",
    ),
    (
        "review",
        "text_cmds",
        "Walk the drafted items one by one: accept (a), edit (e), reject (r) or quit (q).",
    ),
    ("runs", "runs_cmd", "List, inspect and query stored runs (the results store)."),
)

OPTIONS: tuple[tuple[str, str], ...] = (
    ("--version", "Print the version and exit."),
    ("--help", "Show this message and exit."),
)


def help_text(width: int | None = None) -> str:
    """Return the top-level help, wrapped to ``width`` columns (the terminal's by default)."""
    if width is None:
        width = shutil.get_terminal_size((100, 24)).columns
    width = max(40, min(int(width), 120))
    lines = ["Usage: equipoise [OPTIONS] COMMAND [ARGS]...", ""]
    lines += textwrap.wrap(APP_HELP, width)
    for title, rows in (("Options", OPTIONS), ("Commands", COMMANDS)):
        lines += ["", f"{title}:"]
        pad = max(len(row[0]) for row in rows) + 4
        for name, *_, summary in rows:
            wrapped = textwrap.wrap(summary, max(20, width - pad)) or [""]
            lines.append(f"  {name.ljust(pad - 2)}{wrapped[0]}")
            lines += [" " * pad + more for more in wrapped[1:]]
    lines += ["", "Run 'equipoise COMMAND --help' for a command's options."]
    return "\n".join(lines) + "\n"


def version_text() -> str:
    """Return ``equipoise VERSION`` (the installed distribution's version)."""
    from equipoise import __version__

    return f"equipoise {__version__}\n"


def _fast_paths_on() -> bool:
    return not os.environ.get("EQUIPOISE_NO_FAST_HELP")


def answer(argv: list[str]) -> bool:
    """Print the answer to ``argv`` if it is ``--help`` or ``--version`` alone; say whether.

    ``EQUIPOISE_NO_FAST_HELP=1`` turns the fast path off (typer answers instead).
    """
    if not _fast_paths_on() or len(argv) != 1:
        return False
    if argv[0] == "--help":
        sys.stdout.write(help_text())
        return True
    if argv[0] == "--version":
        sys.stdout.write(version_text())
        return True
    return False


def command_module(argv: list[str]) -> str | None:
    """Return the module that registers the command ``argv`` starts with, or None.

    None when ``argv`` does not start with a command's name (an option such as ``--version``,
    a misspelt command: the whole application answers) or when ``EQUIPOISE_NO_FAST_HELP=1``
    turns the fast paths off.
    """
    if not argv or not _fast_paths_on():
        return None
    for name, module, _ in COMMANDS:
        if argv[0] == name:
            return f"equipoise.cli.{module}"
    return None


__all__ = [
    "APP_HELP",
    "COMMANDS",
    "OPTIONS",
    "answer",
    "command_module",
    "help_text",
    "version_text",
]
