"""Commands that measure the model against the world: forecast, hindcast, score.

``forecast`` and ``hindcast`` build a plan of :mod:`equipoise.experiments.plans` and run it
with :func:`~equipoise.experiments.plans.run_plan` (progress bar, store, resume); ``score``
scores resolved claims (:mod:`equipoise.experiments.resolutions`). Nothing here computes
anything; heavy modules are imported inside the commands.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from equipoise.cli._app import app
from equipoise.cli._common import emit_json, guarded, out
from equipoise.cli.experiment_cmds import (
    T_Address,
    T_Batch,
    T_Executor,
    T_Intervention,
    T_Members,
    T_Method,
    T_Quiet,
    T_Resume,
    T_Seed,
    T_Store,
    T_Workers,
    T_Yes,
    _Exec,
    _execute,
    _info_line,
    _plan,
)
from equipoise.cli.scenario_cmds import T_Json, T_ScenarioArg
from equipoise.errors import InputError, Problem

T_Observable = Annotated[
    str,
    typer.Option(
        "--observable",
        help="unga_distance, gdp_share, milex_share or trade_dependence.",
    ),
]
T_Data = Annotated[
    Path | None,
    typer.Option(
        "--data",
        help="Folder with the data files (laid out like shared/data; default $EQUIPOISE_DATA).",
    ),
]


def data_folder(data: Path | None) -> str:
    """Return the data folder: ``--data``, else ``$EQUIPOISE_DATA`` (located error if neither)."""
    if data is not None:
        return str(data)
    env = os.environ.get("EQUIPOISE_DATA")
    if env:
        return env
    raise InputError(
        Problem(
            "the observed values are needed: give --data DIR (a folder laid out like "
            "shared/data) or set EQUIPOISE_DATA",
            path="--data",
        )
    )


@app.command()
def forecast(
    ctx: typer.Context,
    scenario: T_ScenarioArg = None,
    observable: T_Observable = "unga_distance",
    years: Annotated[
        str, typer.Option("--years", help="Forecast years FIRST-LAST (e.g. 2022-2025).")
    ] = "2022-2025",
    members: T_Members = 500,
    data: T_Data = None,
    method: T_Method = "lhs",
    intervention: T_Intervention = None,
    noise_draws: Annotated[
        int, typer.Option("--noise-draws", min=1, help="Measurement-noise draws per member.")
    ] = 1,
    noise_scale: Annotated[
        float | None,
        typer.Option(
            "--noise-scale",
            min=0.01,
            help="Factor on the measurement noise (default: the calibrated scale of the "
            "observable, 1 if it was not calibrated; docs/models/calibration.md).",
        ),
    ] = None,
    executor: T_Executor = "processes",
    address: T_Address = None,
    workers: T_Workers = None,
    batch_size: T_Batch = None,
    seed: T_Seed = None,
    store: T_Store = None,
    resume: T_Resume = None,
    quiet: T_Quiet = False,
    yes: T_Yes = False,
    report: Annotated[
        Path | None,
        typer.Option(
            "--report", help="Write an HTML page with the fan chart here (never overwrites)."
        ),
    ] = None,
    as_json: T_Json = False,
) -> None:
    """Forecast an observable the world publishes, with predictive quantiles.

    The members' model states are mapped to the observable by the measurement model fitted on
    the data up to the origin (the scenario's start, or the last year of data before it); the
    quantiles are over model spread plus measurement noise (docs/models/observation.md).
    """
    with guarded(as_json=as_json):
        from equipoise.experiments.plans import Forecast, ForecastPlan
        from equipoise.experiments.plans.forecast import parse_years

        if report is not None and report.exists():
            raise InputError(
                Problem("already exists; nothing was written", file=str(report), path="--report")
            )
        first, last = parse_years(years)
        folder = data_folder(data) if resume is None or data is not None else ""
        options: dict[str, tuple[str, Any]] = {
            "members": ("members", members),
            "method": ("method", method),
            "intervention": ("interventions", intervention or ()),
            "observable": ("observable", observable),
            "years": ("years", [first, last]),
            "noise_draws": ("noise_draws", noise_draws),
            "noise_scale": ("noise_scale", noise_scale),
        }
        if folder:
            options["data"] = ("data", folder)
        opts = _Exec(executor, address, workers, batch_size, store, resume, quiet, yes)
        plan = _plan(ctx, opts, ForecastPlan, scenario, seed, options)
        assert isinstance(plan, ForecastPlan)
        result = _execute(plan, opts)
        assert isinstance(result, Forecast)
        if report is not None:
            from equipoise.report.forecasts import write_forecast_page

            write_forecast_page(result, report, title=plan.scenario.scenario.name)
        if as_json:
            emit_json(result.to_dict())
            return
        out.print(_info_line(result.run.to_dict()), highlight=False)
        table = Table(
            title=f"{result.observable}: forecast from {result.origin} "
            f"({result.samples.shape[0]} samples): median [50 %] [90 %]"
        )
        for col in ("unit", "last observed", *map(str, plan.years)):
            table.add_column(col, justify="left" if col == "unit" else "right")
        frame = result.table
        for (a, b), rows in frame.groupby(["a", "b"], sort=False):
            last_obs = rows.iloc[0]
            cells = [
                f"{r.q50:.3f} [{r.q25:.3f}–{r.q75:.3f}] [{r.q05:.3f}–{r.q95:.3f}]"
                for r in rows.itertuples(index=False)
            ]
            table.add_row(
                f"{a}–{b}" if b else str(a),
                f"{last_obs.last_observed:.3f} ({int(last_obs.last_year)})",
                *cells,
            )
        out.print(table)
        if result.missing:
            out.print(
                f"[yellow]note:[/yellow] no data in the 15 years up to {result.origin} for "
                f"{', '.join(result.missing)} (left out, not invented)",
                highlight=False,
            )
        if report is not None:
            out.print(f"[green]wrote[/green] {report}", highlight=False)


def _ints(text: str, path: str) -> tuple[int, ...]:
    """Parse ``2005,2010,2015`` or ``1-5`` into integers (located error otherwise)."""
    out: list[int] = []
    try:
        for part in str(text).split(","):
            part = part.strip()
            if "-" in part[1:]:
                lo, hi = part.split("-", 1)
                out.extend(range(int(lo), int(hi) + 1))
            elif part:
                out.append(int(part))
    except ValueError:
        raise InputError(
            Problem(f"expected numbers like 2005,2010 or 1-5, got {text!r}", path=path)
        ) from None
    if not out:
        raise InputError(Problem("give at least one value", path=path))
    return tuple(out)


@app.command()
def hindcast(
    ctx: typer.Context,
    scenario: T_ScenarioArg = None,
    observable: T_Observable = "unga_distance",
    actors: Annotated[
        str | None,
        typer.Option(
            "--actors",
            help="ISO3 codes or G20/UN (default: the scenario's actors that are in the data).",
        ),
    ] = None,
    origins: Annotated[
        str, typer.Option("--origins", help="Forecast origins, e.g. 2005,2010,2015.")
    ] = "2005,2010,2015",
    horizons: Annotated[
        str, typer.Option("--horizons", help="Horizons in years, e.g. 1-5.")
    ] = "1-5",
    members: Annotated[int, typer.Option("--members", "-n", min=1, help="Members per origin.")] = 1,
    samples: Annotated[
        int, typer.Option("--samples", min=1, help="Predictive samples per unit and horizon.")
    ] = 500,
    uncalibrated: Annotated[
        bool,
        typer.Option(
            "--uncalibrated",
            help="Documented default parameters and plain noise (out of sample) instead of the "
            "2020 calibration (in sample before 2020).",
        ),
    ] = False,
    calibrate: Annotated[
        int,
        typer.Option(
            "--calibrate",
            min=0,
            help="Fit the parameters at every origin on the data before it with this many "
            "particles (3 generations; e.g. 30): out of sample. 0: off.",
        ),
    ] = 0,
    data: T_Data = None,
    executor: T_Executor = "local",
    address: T_Address = None,
    workers: T_Workers = None,
    batch_size: T_Batch = None,
    seed: T_Seed = None,
    store: T_Store = None,
    resume: T_Resume = None,
    quiet: T_Quiet = False,
    report: Annotated[
        Path | None,
        typer.Option("--report", help="Write the backtest page here (never overwrites)."),
    ] = None,
    as_json: T_Json = False,
) -> None:
    """Backtest the model inside the data: rolling origins, scored against the benchmarks.

    At each origin a scenario is built from the data up to it (as equipoise build does); the
    model, persistence, climatological persistence (and a linear trend for the shares) are
    scored with the CRPS, the error of the median and the 50/90 % coverage; skill = 1 − CRPS /
    CRPS of climatological persistence (docs/models/scores.md). The built scenarios carry the
    calibration fitted up to 2020, so the result is in sample before 2020 and says so;
    --uncalibrated uses the documented defaults; --calibrate N fits the parameters at every
    origin on the data before it (out of sample; docs/models/calibration.md §6).
    """
    with guarded(as_json=as_json):
        from equipoise.experiments.plans import Hindcast, HindcastPlan

        if report is not None and report.exists():
            raise InputError(
                Problem("already exists; nothing was written", file=str(report), path="--report")
            )
        options: dict[str, tuple[str, Any]] = {
            "observable": ("observable", observable),
            "origins": ("origins", list(_ints(origins, "--origins"))),
            "horizons": ("horizons", list(_ints(horizons, "--horizons"))),
            "members": ("members", members),
            "samples": ("samples", samples),
            "calibrated": ("calibrated", not uncalibrated),
            "calibrate": ("calibrate", calibrate),
        }
        if actors is not None:
            options["actors"] = ("actors", [a.strip() for a in actors.split(",") if a.strip()])
        if resume is None or data is not None:
            options["data"] = ("data", data_folder(data))
        opts = _Exec(executor, address, workers, batch_size, store, resume, quiet)
        plan = _plan(ctx, opts, HindcastPlan, scenario, seed, options)
        assert isinstance(plan, HindcastPlan)
        result = _execute(plan, opts)
        assert isinstance(result, Hindcast)
        if report is not None:
            from equipoise.report.forecasts import write_backtest_page

            write_backtest_page(
                result,
                report,
                title=f"{result.observable}, {len(result.actors)} states{_sample_label(result)}",
            )
        if as_json:
            emit_json(result.to_dict())
            return
        out.print(_info_line(result.run.to_dict()), highlight=False)
        table = Table(
            title=f"{result.observable}, {len(result.actors)} states, origins "
            f"{', '.join(map(str, result.origins))}: CRPS skill vs climatological persistence "
            f"(90 % / 50 % coverage){_sample_label(result)}"
        )
        table.add_column("forecaster")
        for h in result.horizons:
            table.add_column(f"h={h}", justify="right")
        for name, g in result.skill.groupby("forecaster", sort=False):
            by = {int(r["horizon"]): r for r in g.to_dict(orient="records")}
            cells = []
            for h in result.horizons:
                r = by.get(h)
                cells.append(
                    "–"
                    if r is None
                    else f"{r['crps_skill']:+.2f} ({r['cover90']:.2f}/{r['cover50']:.2f})"
                )
            table.add_row(str(name), *cells)
        out.print(table)
        worst = ", ".join(
            f"{a}–{b}" if b else str(a)
            for a, b in zip(result.worst["a"], result.worst["b"], strict=True)
        )
        out.print(f"worst-forecast units (model, mean CRPS): {worst}", highlight=False)
        if report is not None:
            out.print(f"[green]wrote[/green] {report}", highlight=False)


def _sample_label(result: Any) -> str:
    """Return what the title says about where the parameters were fitted (in or out of sample)."""
    p = result.parameters
    if p.get("fits"):
        return ", out of sample: parameters fitted before each origin"
    if not p.get("in_sample"):
        return ""
    return f", IN SAMPLE: parameters fitted on data up to {p.get('calibrated_until')}"


@app.command()
def score(
    ctx: typer.Context,
    scenario: T_ScenarioArg = None,
    resolutions: Annotated[
        Path,
        typer.Option(
            "--resolutions",
            help="TOML file of \\[\\[resolutions]] (claim, outcome, date, source).",
            show_default=False,
        ),
    ] = Path("resolutions.toml"),
    run: Annotated[
        str | None,
        typer.Option("--run", help="Take the model's probabilities from this stored claims run."),
    ] = None,
    members: T_Members = 200,
    method: T_Method = "lhs",
    executor: T_Executor = "processes",
    address: T_Address = None,
    workers: T_Workers = None,
    batch_size: T_Batch = None,
    seed: T_Seed = None,
    store: T_Store = None,
    quiet: T_Quiet = False,
    yes: T_Yes = False,
    report: Annotated[
        Path | None,
        typer.Option(
            "--report", help="Write the reliability diagram page here (never overwrites)."
        ),
    ] = None,
    as_json: T_Json = False,
) -> None:
    """Score resolved claims: Brier and log scores of the model, the holders and a coin.

    The model's probability of a claim is its verdict's probability over a claims ensemble
    (run now with -n members, or read from a stored claims run with --run); the holders' is
    the claim's declared confidence (docs/models/scores.md). Resolutions are evidence you add.
    """
    with guarded(as_json=as_json):
        from equipoise.cli.experiment_cmds import _store
        from equipoise.cli.scenario_cmds import load_checked
        from equipoise.experiments.resolutions import score_claims
        from equipoise.io.resolutions import read_resolutions

        if report is not None and report.exists():
            raise InputError(
                Problem("already exists; nothing was written", file=str(report), path="--report")
            )
        s = load_checked(scenario).with_seed(seed)
        if not s.claims:
            raise InputError(Problem("the scenario has no claims", path="claims"))
        resolved = read_resolutions(resolutions, claims=[c.id for c in s.claims])
        if run is not None:
            info = _store(store).get_run(run)
            if info.get("kind") != "claims":
                raise InputError(
                    Problem(
                        f"run {run} is a {info.get('kind')} run, not a claims run", path="--run"
                    )
                )
            table = _store(store).read_result(run, "claims")
            model = {
                str(i): float(p) for i, p in zip(table["id"], table["probability"], strict=True)
            }
            run_info: dict[str, Any] = {"run_id": run}
        else:
            from equipoise.experiments.plans import ClaimsPlan, ClaimsResult

            opts = _Exec(executor, address, workers, batch_size, store, None, quiet, yes)
            plan = _plan(
                ctx, opts, ClaimsPlan, scenario, seed,
                {"members": ("members", members), "method": ("method", method)},
            )  # fmt: skip
            result = _execute(plan, opts)
            assert isinstance(result, ClaimsResult)
            model = {v.claim.id: float(v.probability) for v in result.verdicts}
            run_info = result.run.to_dict()
        holders = {c.id: c.declared_probability for c in s.claims}
        scores = score_claims(resolved, model=model, holders=holders)
        if report is not None:
            from equipoise.report.forecasts import measurement_page, reliability_figure, write_page

            write_page(
                measurement_page(
                    [reliability_figure(scores)], title=f"Resolved claims — {s.scenario.name}"
                ),
                report,
            )
        if as_json:
            emit_json({**run_info, "resolutions": str(resolutions), **scores.to_dict()})
            return
        table_out = Table(title=f"{scores.n} resolved claims: mean scores (lower is better)")
        for col in ("forecaster", "claims", "Brier", "log"):
            table_out.add_column(col, justify="left" if col == "forecaster" else "right")
        for r in scores.scores.to_dict(orient="records"):
            table_out.add_row(
                str(r["forecaster"]), str(r["n"]),
                "–" if r["brier"] != r["brier"] else f"{r['brier']:.3f}",
                "–" if r["log"] != r["log"] else f"{r['log']:.3f}",
            )  # fmt: skip
        out.print(table_out)
        if report is not None:
            out.print(f"[green]wrote[/green] {report}", highlight=False)


__all__ = ["data_folder", "forecast", "hindcast", "score"]
