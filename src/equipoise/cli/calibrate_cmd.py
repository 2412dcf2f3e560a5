"""``equipoise calibrate``: fit the global parameters to the history up to a year (ABC-SMC).

The command builds a :class:`~equipoise.experiments.plans.CalibrationPlan`, runs it with
:func:`~equipoise.experiments.plans.run_plan` (progress bar, store, resume) and prints the
posterior; ``--out`` writes it as a TOML fragment that a scenario can use (``[parameters]``,
``[[uncertainties]]``, ``[measurement]``). Heavy modules are imported inside the command.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from equipoise.cli._app import app
from equipoise.cli._common import emit_json, err, guarded, out
from equipoise.cli.experiment_cmds import (
    T_Address,
    T_Executor,
    T_Quiet,
    T_Resume,
    T_Seed,
    T_Store,
    T_Workers,
    _Exec,
    _execute,
    _plan,
)
from equipoise.cli.scenario_cmds import T_Json, T_ScenarioArg
from equipoise.errors import InputError, Problem


def _years(text: str | None, option: str) -> tuple[int, ...]:
    if not text:
        return ()
    try:
        return tuple(int(part) for part in text.split(",") if part.strip())
    except ValueError:
        raise InputError(
            Problem(f"expected years separated by commas (1995,2000), got {text!r}", path=option)
        ) from None


def _default_data() -> Path:
    env = os.environ.get("EQUIPOISE_SHARED_DATA")
    return Path(env) if env else Path("../shared/data")


@app.command()
def calibrate(
    ctx: typer.Context,
    scenario: T_ScenarioArg = None,
    data: Annotated[
        Path | None,
        typer.Option(
            "--data",
            help="Folder of the data releases (default $EQUIPOISE_SHARED_DATA or ../shared/data).",
        ),
    ] = None,
    until: Annotated[
        int, typer.Option("--until", help="Last year of data used (at most 2020).")
    ] = 2020,
    origins: Annotated[
        str | None,
        typer.Option("--origins", help="Fitting origins, e.g. 1990,1995 (default: every 5 years)."),
    ] = None,
    sets: Annotated[
        str,
        typer.Option(
            "--sets",
            help="Actor sets fitted, comma-separated: scenario (its states), a group (G20) or "
            "A+B+C.",
        ),
    ] = "scenario,G20",
    particles: Annotated[
        int, typer.Option("--particles", "-n", min=10, help="Particles per generation.")
    ] = 100,
    generations: Annotated[int, typer.Option("--generations", min=1, help="SMC generations.")] = 5,
    executor: T_Executor = "processes",
    address: T_Address = None,
    workers: T_Workers = None,
    seed: T_Seed = None,
    store: T_Store = None,
    resume: T_Resume = None,
    quiet: T_Quiet = False,
    out_file: Annotated[
        Path | None,
        typer.Option("--out", "-o", help="Write the result as TOML (refuses to overwrite)."),
    ] = None,
    as_json: T_Json = False,
) -> None:
    """Fit balance and inertia rates and the UN-vote noise scale to the history (ABC-SMC)."""
    with guarded(as_json=as_json):
        from equipoise.experiments.plans import Calibration, CalibrationPlan

        if out_file is not None and out_file.exists():
            raise InputError(
                Problem(f"{out_file} exists; nothing the user had is overwritten", path="--out")
            )
        opts = _Exec(executor, address, workers, None, store, resume, quiet)
        plan = _plan(
            ctx, opts, CalibrationPlan, scenario, seed,
            {"data": ("data", str((data or _default_data()).resolve())), "until": ("until", until),
             "origins": ("origins", list(_years(origins, "--origins"))),
             "sets": ("sets", [p.strip() for p in sets.split(",") if p.strip()]),
             "particles": ("particles", particles), "generations": ("generations", generations)},
        )  # fmt: skip
        assert isinstance(plan, CalibrationPlan)
        result = _execute(plan, opts)
        assert isinstance(result, Calibration)
        if out_file is not None:
            command = (
                f"equipoise calibrate --data {plan.data} --until {plan.until} --seed {plan.seed}"
            )
            out_file.write_text(
                result.to_toml(command=command, run_id=result.run.run_id), encoding="utf-8"
            )
        if as_json:
            emit_json(result.to_dict())
            return
        info = result.run.to_dict()
        out.print(
            f"run {info['run_id']}: {plan.particles} particles × {len(result.generations)} "
            f"generations on {info['executor']} ({info['workers']} worker(s)) in "
            f"{info['seconds']:.1f} s; data up to {result.until}",
            highlight=False,
        )
        table = Table(title="Posterior (last generation): weighted mean, sd, 5–50–95 %")
        for col in ("parameter", "mean", "sd", "q05", "q50", "q95"):
            table.add_column(col, justify="left" if col == "parameter" else "right")
        for row in result.posterior.to_dict(orient="records"):
            table.add_row(
                str(row["parameter"]),
                *(f"{float(row[k]):.3f}" for k in ("mean", "sd", "q05", "q50", "q95")),
            )
        out.print(table)
        gens = Table(
            title="Generations: tolerance, acceptance, ESS, distance (1 − in-sample skill)"
        )
        for col in ("generation", "epsilon", "acceptance", "ess", "best", "median"):
            gens.add_column(col, justify="right")
        for row in result.generations.to_dict(orient="records"):
            gens.add_row(
                str(row["generation"]),
                f"{float(row['epsilon']):.4f}",
                f"{float(row['acceptance']):.2f}",
                f"{float(row['ess']):.1f}",
                f"{float(row['best']):.4f}",
                f"{float(row['median']):.4f}",
            )
        out.print(gens)
        for line in result.skipped:
            err.print(f"skipped {line}", style="yellow", highlight=False)
        if out_file is not None:
            out.print(f"wrote {out_file}")


__all__ = ["calibrate"]
