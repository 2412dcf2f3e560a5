"""The CLI starts fast: importing it loads no heavy library and no heavy equipoise module.

Each command imports what it needs when it runs (see ``docs/cli.md``, "Start-up"). This test
keeps a module-level ``import pandas`` (or of the store, the experiments...) from creeping
back into a command module; the timings themselves live in ``benchmarks/test_bench_cli.py``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"

#: Top-level packages the CLI must not import at start-up.
HEAVY_PACKAGES = (
    "pandas",
    "scipy",
    "pyarrow",
    "duckdb",
    "statsmodels",
    "sklearn",
    "SALib",
    "dask",
    "distributed",
    "fastapi",
    "uvicorn",
    "starlette",
    "jinja2",
    "plotly",
    "pydantic",
    "numba",
)
#: equipoise modules (and their sub-modules) the CLI must not import at start-up.
HEAVY_EQUIPOISE = (
    "equipoise.experiments",
    "equipoise.store",
    "equipoise.report",
    "equipoise.web",
    "equipoise.scenario",
    "equipoise.simulate",
    "equipoise.compile",
    "equipoise.outputs",
    "equipoise.picture",
    "equipoise.io",
    "equipoise.engines",
)


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(
        [str(SRC), *([env["PYTHONPATH"]] if env.get("PYTHONPATH") else [])]
    )
    return env


def _modules_after(code: str) -> list[str]:
    script = f"{code}\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))"
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env=_env(),
        timeout=120,
        check=True,
    )
    loaded: list[str] = json.loads(done.stdout.strip().splitlines()[-1])
    return loaded


def _heavy(modules: list[str]) -> list[str]:
    return sorted(
        m
        for m in modules
        if m.split(".")[0] in HEAVY_PACKAGES
        or any(m == h or m.startswith(h + ".") for h in HEAVY_EQUIPOISE)
    )


def test_importing_the_cli_loads_no_heavy_module() -> None:
    modules = _modules_after("from equipoise.cli import app")
    assert "equipoise.cli.experiment_cmds" in modules  # every command module was imported
    assert "equipoise.cli.bargain_cmd" in modules
    assert _heavy(modules) == []


def test_importing_the_cli_skips_numpy_and_package_metadata() -> None:
    # numpy and importlib.metadata (``equipoise.__version__``) cost start-up time for --help
    modules = _modules_after("from equipoise.cli import app")
    assert "numpy" not in modules
    assert "importlib.metadata" not in modules


def test_the_detector_sees_a_heavy_import() -> None:
    # the check above would be vacuous if the subprocess could not see such imports
    modules = _modules_after("from equipoise.cli import app\nimport equipoise.store")
    assert "equipoise.store" in _heavy(modules)
    assert "duckdb" in _heavy(modules)


def test_help_works_and_lists_every_command() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "equipoise", "--help"],
        capture_output=True,
        text=True,
        env=_env(),
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    for command in ("bargain", "validate", "show", "run", "ensemble", "report", "runs", "serve"):
        assert command in done.stdout


@pytest.mark.parametrize(
    ("args", "forbidden"),
    [
        (["validate", "{scenario}"], ("pandas", "scipy", "pyarrow", "duckdb", "equipoise.store")),
        (["show", "{scenario}"], ("pandas", "scipy", "pyarrow", "duckdb", "equipoise.store")),
        (["bargain", "{csv}"], ("pandas", "scipy", "pyarrow", "duckdb", "equipoise.scenario")),
    ],
)
def test_light_commands_stay_light(args: list[str], forbidden: tuple[str, ...]) -> None:
    # (pydantic is not on these lists: typer 0.29 itself converts every command-line value
    # through a pydantic TypeAdapter, so running any command with arguments imports it)
    from equipoise.engines.bargaining import EXAMPLE_CSV
    from equipoise.scenario import library_dir

    scenario = library_dir() / "indo-pacific-2021.toml"
    argv = [a.format(scenario=scenario, csv=EXAMPLE_CSV) for a in args]
    code = (
        "import sys\n"
        "from equipoise.cli import app\n"
        f"sys.argv = ['equipoise', *{argv!r}]\n"
        "try:\n"
        "    app()\n"
        "except SystemExit as exc:\n"
        "    assert not exc.code, exc.code\n"
    )
    modules = _modules_after(code)
    loaded = [m for m in forbidden if m in modules]
    assert loaded == []


def test_fast_help_lists_what_the_application_registers() -> None:
    """The table behind ``equipoise --help`` (no typer) is the application's, in its order."""
    import inspect

    import typer

    from equipoise.cli import _fast, app

    group = typer.main.get_command(app)
    registered = [
        (name, " ".join(inspect.cleandoc(cmd.help or "").split("\n\n")[0].split()))
        for name, cmd in group.commands.items()
        if not cmd.hidden
    ]
    assert [(name, summary) for name, _, summary in _fast.COMMANDS] == registered
    assert group.help == _fast.APP_HELP
    options = {opt for param in group.params for opt in param.opts} | {"--help"}
    assert {name for name, _ in _fast.OPTIONS} == options


def test_help_and_version_import_no_typer() -> None:
    for flag in ("--help", "--version"):
        code = f"import sys\nsys.argv = ['equipoise', '{flag}']\nfrom equipoise.cli import main\nmain()\n"
        modules = _modules_after(code)
        assert "typer" not in modules, flag
        assert "rich" not in modules, flag


def test_fast_version_matches_typer() -> None:
    outputs = []
    for fast in ("", "1"):
        done = subprocess.run(
            [sys.executable, "-m", "equipoise", "--version"],
            capture_output=True,
            text=True,
            env={**_env(), "EQUIPOISE_NO_FAST_HELP": fast},
            timeout=120,
        )
        assert done.returncode == 0, done.stderr
        outputs.append(done.stdout)
    assert outputs[0] == outputs[1]


def _registering_module(command: Any) -> str:
    """Return the module whose function a registered command (or a group's first one) runs."""
    if command.callback is None:  # a group (typer's own click): the module of its commands
        command = next(iter(command.commands.values()))
    module: str = command.callback.__module__
    return module


def test_fast_table_names_the_module_that_registers_each_command() -> None:
    import typer

    from equipoise.cli import _fast, app

    group = typer.main.get_command(app)
    assert isinstance(group, typer.core.TyperGroup)
    registered = {
        name: _registering_module(cmd) for name, cmd in group.commands.items() if not cmd.hidden
    }
    table = {name: f"equipoise.cli.{module}" for name, module, _ in _fast.COMMANDS}
    assert table == registered
    assert _fast.command_module(["validate", "x.toml"]) == "equipoise.cli.scenario_cmds"
    assert _fast.command_module(["--version"]) is None
    assert _fast.command_module(["valdate"]) is None  # a misspelt command: the whole app says so
    assert _fast.command_module([]) is None


def _run(args: list[str], *, fast: bool, cwd: Path) -> tuple[int, str, str]:
    done = subprocess.run(
        [sys.executable, "-m", "equipoise", *args],
        capture_output=True,
        text=True,
        env={**_env(), "EQUIPOISE_NO_FAST_HELP": "" if fast else "1", "COLUMNS": "100"},
        timeout=120,
        cwd=cwd,
    )
    return done.returncode, done.stdout, done.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["validate", "{scenario}"],
        ["validate", "{scenario}", "--json"],
        ["validate", "{bad}"],
        ["validate", "{bad}", "--json"],
        ["validate"],
        ["validate", "--help"],
        ["show", "{scenario}"],
        ["show", "{bad}"],
        ["show", "--jsn"],
        ["show", "--help"],
        ["bargain", "{csv}"],
        ["bargain", "{csv}", "--json", "--rounds", "3"],
        ["bargain", "{csv}", "--rounds", "-1"],
        ["bargain", "--help"],
        ["runs", "--help"],
        ["valdate", "{scenario}"],
    ],
)
def test_one_module_dispatch_agrees_with_the_whole_application(
    args: list[str], tmp_path: Path
) -> None:
    """``equipoise COMMAND`` through its module alone: same exit status and output as the app."""
    from equipoise.engines.bargaining import EXAMPLE_CSV
    from equipoise.scenario import library_dir

    bad = tmp_path / "bad.toml"
    text = (library_dir() / "indo-pacific-2021.toml").read_text(encoding="utf-8")
    bad.write_text(text.replace("horizon = ", "horizon = -", 1), encoding="utf-8")
    values = {
        "scenario": str(library_dir() / "indo-pacific-2021.toml"),
        "bad": str(bad),
        "csv": str(EXAMPLE_CSV),
    }
    argv = [a.format(**values) for a in args]
    fast = _run(argv, fast=True, cwd=tmp_path)
    full = _run(argv, fast=False, cwd=tmp_path)
    assert fast == full
    if args[0] in ("validate", "show", "bargain") and "--help" not in args:
        assert fast[1] or fast[2]  # something was said (the comparison is not of two silences)
