"""Experiment commands: ensemble, compare, sensitivity, discover, claims."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

import numpy as np
import pandas as pd
import typer
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table
from rich.text import Text

from equipoise.cli._app import app
from equipoise.cli._common import emit_json, err, guarded, out
from equipoise.cli.scenario_cmds import T_Json, T_ScenarioArg, scenario_ref
from equipoise.errors import InputError, Problem
from equipoise.experiments import analysis, workflows
from equipoise.experiments.ensemble import (
    Arm,
    EnsembleResult,
    Payload,
    run_ensemble,
)
from equipoise.experiments.executors import make_executor
from equipoise.experiments.outcomes import parse_outcome
from equipoise.experiments.sampling import Design, sample
from equipoise.scenario import load_scenario
from equipoise.scenario.schema import Scenario
from equipoise.store import StoreBackend, open_store

T_Members = Annotated[int, typer.Option("--members", "-n", min=1, help="Ensemble members.")]
T_Executor = Annotated[
    str,
    typer.Option("--executor", "-e", help="local | processes | dask (same results on each)."),
]
T_Address = Annotated[
    str | None, typer.Option("--address", help="Dask scheduler address (tcp://host:8786).")
]
T_Workers = Annotated[
    int | None, typer.Option("--workers", "-w", min=1, help="Worker processes (default: cores).")
]
T_Seed = Annotated[int | None, typer.Option("--seed", help="Override the scenario's seed.")]
T_Batch = Annotated[int, typer.Option("--batch-size", min=1, help="Members per task.")]
T_Store = Annotated[
    Path | None,
    typer.Option(
        "--store", help="Results store folder (default $EQUIPOISE_RUNS or ./equipoise-runs)."
    ),
]
T_Resume = Annotated[
    str | None, typer.Option("--resume", help="Finish an interrupted run of this command (its ID).")
]
T_Quiet = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")]
T_Yes = Annotated[
    bool,
    typer.Option(
        "--yes",
        help="Run even when the estimated cost is past the limit (1 CPU-hour; see "
        "docs/models/experiments.md, 'Cost').",
    ),
]
T_Method = Annotated[str, typer.Option("--method", help="Sampling: mc (Monte Carlo) or lhs.")]
T_Intervention = Annotated[
    list[str] | None,
    typer.Option(
        "--intervention", "-i", help="A named intervention (repeatable: applied together)."
    ),
]


def _store(path: Path | None) -> StoreBackend:
    return open_store(path)


def _scenario(ref: str | None, seed: int | None) -> Scenario:
    s = load_scenario(scenario_ref(ref))
    if seed is not None:
        if seed < 0:
            raise InputError(Problem(f"must be at least 0, got {seed}", path="--seed"))
        s = s.model_copy(update={"scenario": s.scenario.model_copy(update={"seed": seed})})
    return s


def _check_choice(value: str, allowed: Sequence[str], option: str) -> None:
    if value not in allowed:
        raise InputError(
            Problem(f"must be one of {', '.join(allowed)}, got {value!r}", path=option)
        )


def _check_interventions(s: Scenario, names: Sequence[str]) -> None:
    known = {i.name for i in s.interventions}
    bad = [n for n in names if n not in known]
    if bad:
        raise InputError(
            Problem(
                f"unknown intervention {', '.join(map(repr, bad))} "
                f"(scenario has: {', '.join(sorted(known))})",
                path="--intervention",
            )
        )


class _RateColumn(ProgressColumn):
    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text("" if speed is None else f"{speed:,.0f} members/s", style="cyan")


@contextmanager
def _progress(total: int, label: str, quiet: bool) -> Iterator[Callable[[int], None]]:
    if quiet:
        yield lambda _n: None
        return
    progress = Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        _RateColumn(),
        TimeElapsedColumn(),
        TextColumn("left"),
        TimeRemainingColumn(),
        console=err,
        transient=False,
    )
    with progress:
        task = progress.add_task(label, total=total)
        yield lambda n: progress.advance(task, n)


@dataclass(frozen=True)
class _Exec:
    """How and where an experiment command runs (the options every such command shares)."""

    executor: str
    address: str | None
    workers: int | None
    batch_size: int
    store: Path | None
    resume: str | None
    quiet: bool
    yes: bool = False


def _run(
    payload: Payload, opts: _Exec, *, kind: str, label: str, parameters: dict[str, Any]
) -> EnsembleResult:
    _check_choice(opts.executor, ("local", "processes", "dask"), "--executor")
    from equipoise.experiments.cost import check_cost, estimate_cost

    # refuse an estimate past the documented limit before starting anything (--yes runs it)
    check_cost(
        estimate_cost(payload.scenario, members=payload.design.n_members, arms=len(payload.arms)),
        confirmed=opts.yes,
    )
    store = _store(opts.store)
    total = payload.design.n_members * len(payload.arms)
    scale = len(payload.arms)
    created: list[str] = []
    try:
        with (
            make_executor(opts.executor, address=opts.address, n_workers=opts.workers) as ex,  # type: ignore[arg-type]
            _progress(total, label, opts.quiet) as advance,
        ):
            return run_ensemble(
                payload,
                executor=ex,
                batch_size=opts.batch_size,
                store=store,
                kind=kind,
                parameters={**parameters, "executor": opts.executor},
                resume=opts.resume,
                progress=lambda n: advance(n * scale),
                on_run=created.append,
            )
    except KeyboardInterrupt:
        if created:
            err.print(
                f"interrupted: run {created[0]} is kept as incomplete; finish it with "
                f"--resume {created[0]}",
                style="yellow",
            )
        raise


def _design(s: Scenario, n: int, method: str) -> Design:
    _check_choice(method, ("mc", "lhs"), "--method")
    return sample(s.uncertainties, n, method=method, seed=s.scenario.seed)  # type: ignore[arg-type]


# --------------------------------------------------------------------------------------------
# ensemble


@app.command()
def ensemble(
    scenario: T_ScenarioArg = None,
    members: T_Members = 1000,
    method: T_Method = "lhs",
    intervention: T_Intervention = None,
    executor: T_Executor = "processes",
    address: T_Address = None,
    workers: T_Workers = None,
    batch_size: T_Batch = 100,
    seed: T_Seed = None,
    store: T_Store = None,
    resume: T_Resume = None,
    quiet: T_Quiet = False,
    yes: T_Yes = False,
    dyads: Annotated[
        bool,
        typer.Option("--dyads", help="Also store every pair's relation and dependence per step."),
    ] = False,
    as_json: T_Json = False,
) -> None:
    """Run an ensemble over the scenario's declared uncertainties and summarise it."""
    with guarded(as_json=as_json):
        s = _scenario(scenario, seed)
        names = tuple(intervention or ())
        _check_interventions(s, names)
        design = _design(s, members, method)
        arm = Arm(names)
        payload = workflows.ensemble_payload(s, design, names, dyads=dyads)
        result = _run(
            payload,
            _Exec(executor, address, workers, batch_size, store, resume, quiet, yes),
            kind="ensemble",
            label="ensemble",
            parameters={"interventions": list(names)},
        )
        rows = workflows.ensemble_summary(result, arm.name)
        if result.run_id is not None:
            _store(store).write_result(result.run_id, "summary", pd.DataFrame(rows))
        info = _result_info(result)
        if as_json:
            emit_json({**info, "summary": rows})
            return
        last = workflows.years(s)[-1]
        out.print(_info_line(info))
        table = Table(
            title=f"Ensemble of {result.n_members} ({arm.name}): median [5–95 %] in {last:g}"
        )
        for col in ("actor", "power", "strategic space"):
            table.add_column(col, justify="right" if col != "actor" else "left")
        by = {(r["metric"], r["actor"]): r for r in rows if r["year"] == last}
        for code in s.actor_codes:
            p, sp = by[("power", code)], by[("strategic_space", code)]
            table.add_row(code, _band(p, 3), _band(sp, 2))
        out.print(table)
        sys_table = Table(title="Polarity and bipolarity over time: median [5–95 %]")
        for col in ("year", "polarity", "bipolarity"):
            sys_table.add_column(col, justify="right")
        for year in workflows.years(s):
            pol = next(r for r in rows if r["metric"] == "polarity" and r["year"] == year)
            bip = next(r for r in rows if r["metric"] == "bipolarity" and r["year"] == year)
            sys_table.add_row(f"{year:g}", _band(pol, 2), _band(bip, 2))
        out.print(sys_table)


def _band(row: dict[str, Any], digits: int) -> str:
    return f"{row['median']:.{digits}f} [{row['q05']:.{digits}f}–{row['q95']:.{digits}f}]"


def _result_info(result: EnsembleResult) -> dict[str, Any]:
    return {
        "run_id": result.run_id,
        "members": result.n_members,
        "arms": [a.name for a in result.arms],
        "executor": result.executor,
        "workers": result.n_workers,
        "seconds": round(result.seconds, 3),
        "members_per_second": round(
            result.n_members * len(result.arms) / max(result.seconds, 1e-9), 1
        ),
        "resumed_batches": result.resumed_batches,
        "seed": result.design.seed,
        "method": result.design.method,
    }


def _info_line(info: dict[str, Any]) -> str:
    return (
        f"run {info['run_id']}: {info['members']} members × {len(info['arms'])} arm(s) on "
        f"{info['executor']} ({info['workers']} worker(s)) in {info['seconds']:.1f} s "
        f"({info['members_per_second']:,.0f} member-runs/s)"
    )


# --------------------------------------------------------------------------------------------
# compare


@app.command()
def compare(
    scenario: T_ScenarioArg = None,
    intervention: T_Intervention = None,
    members: T_Members = 500,
    method: T_Method = "lhs",
    executor: T_Executor = "processes",
    address: T_Address = None,
    workers: T_Workers = None,
    batch_size: T_Batch = 100,
    seed: T_Seed = None,
    store: T_Store = None,
    resume: T_Resume = None,
    quiet: T_Quiet = False,
    yes: T_Yes = False,
    top: Annotated[int, typer.Option("--top", help="Rows to show (largest effects).")] = 20,
    as_json: T_Json = False,
) -> None:
    """Compare interventions with the baseline, member by member (common random numbers)."""
    with guarded(as_json=as_json):
        s = _scenario(scenario, seed)
        names = tuple(intervention or ())
        if not names:
            raise InputError(
                Problem("give at least one --intervention NAME", path="--intervention")
            )
        _check_interventions(s, names)
        design = _design(s, members, method)
        last = workflows.years(s)[-1]
        arm = Arm(names)
        payload = workflows.compare_payload(s, design, names)
        result = _run(
            payload,
            _Exec(executor, address, workers, batch_size, store, resume, quiet, yes),
            kind="compare",
            label=f"compare {arm.name}",
            parameters={"interventions": list(names)},
        )
        rows = workflows.paired_rows(result, arm.name)
        if result.run_id is not None:
            frame = pd.DataFrame(rows)
            frame["interval"] = frame["interval"].map(lambda v: f"{v[0]:.6g},{v[1]:.6g}")
            _store(store).write_result(result.run_id, "differences", frame)
        info = _result_info(result)
        if as_json:
            emit_json({**info, "intervention": arm.name, "differences": rows})
            return
        out.print(_info_line(info))
        table = Table(
            title=f"{arm.name} − baseline in {last:g}: paired differences over {result.n_members} members "
            f"(largest {top})"
        )
        for col in ("metric", "entity", "baseline", "with", "difference [95 % CI]", "share > 0"):
            table.add_column(col, justify="left" if col in ("metric", "entity") else "right")
        for r in sorted(rows, key=lambda r: -abs(r["difference"]))[:top]:
            table.add_row(
                r["metric"],
                r["entity"],
                f"{r['baseline_mean']:.3f}",
                f"{r['intervention_mean']:.3f}",
                f"{r['difference']:+.3f} [{r['interval'][0]:+.3f}, {r['interval'][1]:+.3f}]",
                f"{r['share_positive']:.2f}",
            )
        out.print(table)


# --------------------------------------------------------------------------------------------
# sensitivity


@app.command()
def sensitivity(
    scenario: T_ScenarioArg = None,
    metric: Annotated[
        str, typer.Option("--metric", "-m", help="Outcome, e.g. 'strategic_space(RUS)@2031'.")
    ] = "dependence(RUS,CHN)",
    method: Annotated[str, typer.Option("--method", help="sobol or morris.")] = "sobol",
    base_samples: Annotated[
        int,
        typer.Option(
            "--base-samples", "-N", min=2, help="Sobol N (a power of 2) or Morris trajectories."
        ),
    ] = 256,
    intervention: T_Intervention = None,
    executor: T_Executor = "processes",
    address: T_Address = None,
    workers: T_Workers = None,
    batch_size: T_Batch = 100,
    seed: T_Seed = None,
    store: T_Store = None,
    resume: T_Resume = None,
    quiet: T_Quiet = False,
    yes: T_Yes = False,
    as_json: T_Json = False,
) -> None:
    """Rank the declared uncertainties by their effect on a metric (Sobol or Morris, SALib)."""
    with guarded(as_json=as_json):
        _check_choice(method, ("sobol", "morris"), "--method")
        s = _scenario(scenario, seed)
        names = tuple(intervention or ())
        _check_interventions(s, names)
        outcome = parse_outcome(metric, s, what="--metric")
        if outcome.op is not None:
            raise InputError(Problem("a sensitivity metric takes no comparison", path="--metric"))
        if len(outcome.actors) > 1 and outcome.per_actor:
            raise InputError(Problem("give one actor for a sensitivity metric", path="--metric"))
        if not s.uncertainties:
            raise InputError(
                Problem("the scenario declares no uncertainties", path="uncertainties")
            )
        problem = analysis.problem_from_uncertainties(s.uncertainties)
        rng = np.random.default_rng(np.random.SeedSequence(s.scenario.seed, spawn_key=(2**31 - 2,)))
        if method == "sobol":
            if base_samples & (base_samples - 1):
                raise InputError(
                    Problem(
                        f"must be a power of 2 for Sobol, got {base_samples}", path="--base-samples"
                    )
                )
            unit = analysis.sobol_design(problem, base_samples, rng=rng)
        else:
            unit = analysis.morris_design(problem, base_samples, rng=rng)
        values = analysis.to_values(problem, unit)
        design = Design(tuple(problem["names"]), values, method, s.scenario.seed)
        arm = Arm(names)
        payload = Payload(s, tuple(s.uncertainties), design, (arm,), (outcome,))
        result = _run(
            payload,
            _Exec(executor, address, workers, batch_size, store, resume, quiet, yes),
            kind="sensitivity",
            label=f"{method} {outcome.label}",
            parameters={"metric": outcome.label, "method": method},
        )
        Y = np.asarray(result.get(arm.name, outcome), dtype=np.float64).reshape(-1)
        if method == "sobol":
            indices = analysis.sobol_indices(problem, Y, rng=rng)
            by = "ST"
        else:
            indices = analysis.morris_indices(problem, unit, Y, rng=rng)
            by = "mu_star"
        if result.run_id is not None:
            _store(store).write_result(result.run_id, "indices", indices.reset_index(drop=True))
        records = indices.replace({np.nan: None}).to_dict(orient="records")
        info = _result_info(result)
        if as_json:
            emit_json(
                {
                    **info,
                    "metric": outcome.label,
                    "method": method,
                    "runs": int(Y.size),
                    "indices": records,
                    "ranking": analysis.rank_drivers(indices, by=by),
                }
            )
            return
        out.print(_info_line(info))
        table = Table(
            title=f"{'Sobol' if method == 'sobol' else 'Morris'} sensitivity of {outcome.label} ({Y.size} runs)"
        )
        cols = (
            ["S1", "S1_conf", "ST", "ST_conf"]
            if method == "sobol"
            else ["mu_star", "mu_star_conf", "sigma"]
        )
        table.add_column("rank", justify="right")
        table.add_column("uncertainty")
        for c in cols:
            table.add_column(c, justify="right")
        for r in records:
            table.add_row(str(r["rank"]), str(r["name"]), *[f"{(r[c] or 0.0):.3f}" for c in cols])
        out.print(table)
        note = indices.attrs.get("note")
        if note:
            out.print(f"[yellow]note:[/yellow] {note}", highlight=False)


# --------------------------------------------------------------------------------------------
# discover


@app.command()
def discover(
    scenario: T_ScenarioArg = None,
    outcome_text: Annotated[
        str,
        typer.Option(
            "--outcome", "-o", help="Outcome of interest, e.g. 'dependence(RUS,CHN)@2031 > 0.6'."
        ),
    ] = "dependence(RUS,CHN)@2031 > 0.6",
    members: T_Members = 2000,
    method: T_Method = "lhs",
    algorithm: Annotated[str, typer.Option("--algorithm", help="prim or cart.")] = "prim",
    threshold: Annotated[float, typer.Option("--threshold", help="PRIM density threshold.")] = 0.8,
    intervention: T_Intervention = None,
    executor: T_Executor = "processes",
    address: T_Address = None,
    workers: T_Workers = None,
    batch_size: T_Batch = 100,
    seed: T_Seed = None,
    store: T_Store = None,
    resume: T_Resume = None,
    quiet: T_Quiet = False,
    yes: T_Yes = False,
    as_json: T_Json = False,
) -> None:
    """Find the input ranges that produce an outcome of interest (PRIM or CART)."""
    with guarded(as_json=as_json):
        _check_choice(algorithm, ("prim", "cart"), "--algorithm")
        s = _scenario(scenario, seed)
        names = tuple(intervention or ())
        _check_interventions(s, names)
        outcome = parse_outcome(outcome_text, s, what="--outcome")
        if outcome.op is None:
            raise InputError(
                Problem("the outcome needs a comparison, e.g. '> 0.6'", path="--outcome")
            )
        if len(outcome.actors) > 1 and outcome.per_actor:
            raise InputError(Problem("give one actor for the outcome", path="--outcome"))
        if not s.uncertainties:
            raise InputError(
                Problem("the scenario declares no uncertainties", path="uncertainties")
            )
        design = _design(s, members, method)
        arm = Arm(names)
        payload = Payload(s, tuple(s.uncertainties), design, (arm,), (outcome,))
        result = _run(
            payload,
            _Exec(executor, address, workers, batch_size, store, resume, quiet, yes),
            kind="discover",
            label=f"discover {outcome.label}",
            parameters={"outcome": outcome.label, "algorithm": algorithm},
        )
        y = outcome.holds(np.asarray(result.get(arm.name, outcome)).reshape(-1))
        X = pd.DataFrame(design.values, columns=list(design.names))
        boxes: list[dict[str, Any]]
        if y.all() or not y.any():
            boxes = []
            note = (
                f"the outcome holds in {'every' if y.all() else 'no'} member: there is no range "
                "of the inputs to discover; try another threshold or more members"
            )
        elif algorithm == "prim":
            prim = analysis.prim_boxes(X, y, threshold=threshold)
            boxes = [_box(prim.box, "chosen" if prim.found else "best available")]
            note = prim.note
        else:
            cart = analysis.cart_boxes(X, y, rng=s.scenario.seed)
            boxes = [_box(b, f"leaf {i + 1}") for i, b in enumerate(cart.boxes)]
            note = ""
        share = float(y.mean())
        if result.run_id is not None:
            _store(store).write_result(
                result.run_id, "boxes", {"outcome": outcome.label, "share": share, "boxes": boxes}
            )
        info = _result_info(result)
        if as_json:
            emit_json(
                {
                    **info,
                    "outcome": outcome.label,
                    "algorithm": algorithm,
                    "share": share,
                    "boxes": boxes,
                    "note": note,
                }
            )
            return
        out.print(_info_line(info))
        out.print(
            f"{outcome.label}: holds in {share:.1%} of {result.n_members} members", highlight=False
        )
        for box in boxes:
            table = Table(
                title=f"{algorithm.upper()} box ({box['label']}): coverage {box['coverage']:.2f}, "
                f"density {box['density']:.2f}, mass {box['mass']:.2f}"
            )
            table.add_column("uncertainty")
            table.add_column("from", justify="right")
            table.add_column("to", justify="right")
            for name, (lo, hi) in box["limits"].items():
                table.add_row(
                    name, "–" if lo is None else f"{lo:.3f}", "–" if hi is None else f"{hi:.3f}"
                )
            out.print(table)
        if note:
            out.print(f"[yellow]note:[/yellow] {note}", highlight=False)


def _box(box: Any, label: str) -> dict[str, Any]:
    def clean(x: float) -> float | None:
        return None if not np.isfinite(x) else float(x)

    return {
        "label": label,
        "coverage": float(box.coverage),
        "density": float(box.density),
        "mass": float(box.mass),
        "limits": {k: (clean(lo), clean(hi)) for k, (lo, hi) in box.limits.items()},
    }


# --------------------------------------------------------------------------------------------
# claims


@app.command()
def claims(
    scenario: T_ScenarioArg = None,
    members: T_Members = 500,
    method: T_Method = "lhs",
    executor: T_Executor = "processes",
    address: T_Address = None,
    workers: T_Workers = None,
    batch_size: T_Batch = 50,
    seed: T_Seed = None,
    store: T_Store = None,
    resume: T_Resume = None,
    quiet: T_Quiet = False,
    yes: T_Yes = False,
    as_json: T_Json = False,
) -> None:
    """Give every claim of the scenario a verdict over an ensemble, with interval and drivers."""
    with guarded(as_json=as_json):
        s = _scenario(scenario, seed)
        if not s.claims:
            raise InputError(Problem("the scenario has no claims", path="claims"))
        design = _design(s, members, method)
        payload, plans = workflows.claims_payload(s, design)
        result = _run(
            payload,
            _Exec(executor, address, workers, batch_size, store, resume, quiet, yes),
            kind="claims",
            label="claims",
            parameters={"claims": [c.id for c in s.claims]},
        )
        verdicts, rows = workflows.claim_verdicts(plans, result)
        if result.run_id is not None:
            frame = pd.DataFrame(
                [
                    {
                        "id": r["id"],
                        "verdict": r["verdict"],
                        "probability": r["probability"],
                        "low": r["interval"][0],
                        "high": r["interval"][1],
                        "n": r["n"],
                        "effect": r["effect"],
                        "drivers": ";".join(d["uncertainty"] for d in r["drivers"]),
                    }
                    for r in rows
                ]
            )
            _store(store).write_result(result.run_id, "claims", frame)
        info = _result_info(result)
        if as_json:
            emit_json({**info, "claims": rows})
            return
        out.print(_info_line(info))
        table = Table(
            title=f"Claims of {s.scenario.name}: verdicts over {result.n_members} members",
            show_lines=True,
        )
        for col in ("claim", "quote", "verdict", "P", "95 % interval", "main driver"):
            table.add_column(col, justify="right" if col == "P" else "left")
        styles = {"supported": "green", "contradicted": "red", "undecided": "yellow"}
        for v, r in zip(verdicts, rows, strict=True):
            quote = r["quote"] if len(r["quote"]) <= 60 else r["quote"][:59] + "…"
            driver = r["drivers"][0]["uncertainty"] if r["drivers"] else "–"
            table.add_row(
                r["id"],
                f"“{quote}”",
                f"[{styles[v.verdict]}]{v.verdict}[/{styles[v.verdict]}]",
                f"{v.probability:.2f}",
                f"{v.interval[0]:.2f}–{v.interval[1]:.2f}",
                driver,
            )
        out.print(table)


__all__ = ["claims", "compare", "discover", "ensemble", "sensitivity"]
