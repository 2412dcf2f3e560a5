"""Experiment commands: ensemble, compare, sensitivity, discover, claims.

Each command builds one plan of :mod:`equipoise.experiments.plans`, runs it with
:func:`~equipoise.experiments.plans.run_plan` (progress bar, store, resume) and prints its
result; nothing here computes anything. Heavy modules are imported inside the commands, so
that ``equipoise --help`` stays fast.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.table import Table

from equipoise.cli._app import app
from equipoise.cli._common import emit_json, err, guarded, out
from equipoise.cli.scenario_cmds import T_Json, T_ScenarioArg, load_checked, recorded_ref
from equipoise.errors import InputError, Problem

if TYPE_CHECKING:
    from equipoise.experiments.plans import Plan, PlanResult
    from equipoise.store import StoreBackend

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
T_Seed = Annotated[
    int | None,
    typer.Option("--seed", help="Replace the scenario's seed (every number derives from it)."),
]
T_Batch = Annotated[
    int | None,
    typer.Option(
        "--batch-size",
        min=1,
        help=(
            "Members per task (the numbers do not depend on it); default: chosen from the "
            "memory available and the scenario's size."
        ),
    ),
]
T_Store = Annotated[
    Path | None,
    typer.Option(
        "--store", help="Results store folder (default $EQUIPOISE_RUNS or ./equipoise-runs)."
    ),
]
T_Resume = Annotated[
    str | None,
    typer.Option(
        "--resume",
        help="Finish an interrupted run (its ID) with its recorded arguments; others are refused.",
    ),
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


# --------------------------------------------------------------------------------------------
# running a plan


@contextmanager
def _progress(total: int, label: str, quiet: bool) -> Iterator[Callable[[int], None]]:
    if quiet:
        yield lambda _n: None
        return
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        ProgressColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )
    from rich.progress import Task as BarTask
    from rich.text import Text

    class RateColumn(ProgressColumn):
        def render(self, task: BarTask) -> Text:
            speed = task.finished_speed or task.speed
            return Text("" if speed is None else f"{speed:,.0f} member-runs/s", style="cyan")

    progress = Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("member-runs"),
        RateColumn(),
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
    batch_size: int | None
    store: Path | None
    resume: str | None
    quiet: bool
    yes: bool = False


def _store(path: Path | None) -> StoreBackend:
    from equipoise.store import open_store

    return open_store(path)


def _execute(plan: Plan, opts: _Exec) -> PlanResult:
    from equipoise.experiments.cost import check_cost, estimate_cost
    from equipoise.experiments.plans import Execution, StagedPlan, run_plan
    from equipoise.experiments.plans._checks import check_choice

    check_choice(opts.executor, ("local", "processes", "dask"), "--executor")
    if isinstance(plan, StagedPlan):  # a sequence of ensembles: no single payload to cost
        total = plan.total()
    else:
        payload = plan.payload()
        # refuse an estimate past the documented limit before starting anything (--yes runs it)
        check_cost(
            estimate_cost(
                payload.scenario, members=payload.design.n_members, arms=len(payload.arms)
            ),
            confirmed=opts.yes,
        )
        total = payload.design.n_members * len(payload.arms)
    store = _store(opts.store)
    created: list[str] = []
    try:
        with _progress(total, plan.label, opts.quiet) as advance:
            return run_plan(
                plan,
                execution=Execution(
                    executor=opts.executor,  # type: ignore[arg-type]
                    address=opts.address,
                    workers=opts.workers,
                    batch_size=opts.batch_size,
                ),
                store=store,
                resume=opts.resume,
                progress=advance,
                on_run=created.append,
            )
    except KeyboardInterrupt:
        if created:
            err.print(
                f"interrupted: run {created[0]} is kept as incomplete; finish it with "
                f"equipoise {plan.kind} --resume {created[0]}",
                style="yellow",
            )
        raise


def _given(ctx: typer.Context, name: str) -> bool:
    """Whether the user gave option ``name`` (rather than leaving its default)."""
    source = ctx.get_parameter_source(name)
    return source is not None and source.name not in ("DEFAULT", "DEFAULT_MAP")


def _plan(
    ctx: typer.Context,
    opts: _Exec,
    kind: type[Plan],
    scenario: str | None,
    seed: int | None,
    options: Mapping[str, tuple[str, Any]],
) -> Plan:
    """Build a plan from a command's options: ``{option: (argument, value)}``.

    On ``--resume``, the plan starts from the run's recorded arguments (every one, also those
    the command has no option for, such as the report's) with the recorded scenario and seed:
    a resume needs no other option. Options the user gave override them, and
    :func:`~equipoise.experiments.plans.run_plan` refuses any that differ from the record,
    naming them. A run of another kind is refused before anything is built.
    """
    from equipoise.errors import EquipoiseError

    arguments: dict[str, Any] = {
        key: list(value) if isinstance(value, list | tuple) else value
        for key, value in options.values()
    }
    if opts.resume is not None:
        info = _store(opts.store).get_run(opts.resume)
        if info.get("kind") != kind.kind:
            raise EquipoiseError(
                f"run {opts.resume} is a {info.get('kind')} run, not a {kind.kind} run; resume "
                f"it with equipoise {info.get('kind')} --resume {opts.resume}"
            )
        params = info.get("parameters") or {}
        recorded = dict(params.get("arguments") or {})
        given = {key: arguments[key] for option, (key, _) in options.items() if _given(ctx, option)}
        arguments = {**recorded, **given} if recorded else arguments
        if scenario is None:
            scenario = params.get("scenario_ref") or info.get("scenario_name")
        recorded_seed = int(info["seed"])
        if seed is not None and seed != recorded_seed:
            raise InputError(
                Problem(
                    f"run {opts.resume} was made with seed {recorded_seed}, this asks for "
                    f"{seed}; resume it with its own seed (leave --seed out), or start a new run",
                    path="--seed",
                )
            )
        seed = recorded_seed
    s = load_checked(scenario).with_seed(seed)
    return kind.from_arguments(s, arguments, scenario_ref=recorded_ref(scenario))


def _info_line(info: Mapping[str, Any]) -> str:
    return (
        f"run {info['run_id']}: {info['members']} members × {len(info['arms'])} arm(s) = "
        f"{info['members'] * len(info['arms'])} member-runs on {info['executor']} "
        f"({info['workers']} worker(s)) in {info['seconds']:.1f} s "
        f"({info['members_per_second']:,.0f} member-runs/s)"
    )


def _band(row: Mapping[str, Any], digits: int) -> str:
    def fmt(x: Any) -> str:
        return "–" if x is None or x != x else f"{x:.{digits}f}"

    return f"{fmt(row['median'])} [{fmt(row['q05'])}–{fmt(row['q95'])}]"


# --------------------------------------------------------------------------------------------
# ensemble


@app.command()
def ensemble(
    ctx: typer.Context,
    scenario: T_ScenarioArg = None,
    members: T_Members = 1000,
    method: T_Method = "lhs",
    intervention: T_Intervention = None,
    executor: T_Executor = "processes",
    address: T_Address = None,
    workers: T_Workers = None,
    batch_size: T_Batch = None,
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
        from equipoise.experiments.outcomes import years
        from equipoise.experiments.plans import EnsemblePlan, EnsembleSummary

        opts = _Exec(executor, address, workers, batch_size, store, resume, quiet, yes)
        plan = _plan(
            ctx, opts, EnsemblePlan, scenario, seed,
            {"members": ("members", members), "method": ("method", method),
             "intervention": ("interventions", intervention or ()), "dyads": ("dyads", dyads)},
        )  # fmt: skip
        s = plan.scenario
        result = _execute(plan, opts)
        assert isinstance(result, EnsembleSummary)
        if as_json:
            emit_json(result.to_dict())
            return
        info = result.run.to_dict()
        out.print(_info_line(info), highlight=False)
        last = years(s)[-1]
        table = Table(
            title=f"Ensemble of {info['members']} ({result.arm}): median [5–95 %] in {last:g}"
        )
        for col in ("actor", "power", "strategic space"):
            table.add_column(col, justify="right" if col != "actor" else "left")
        by = {(r["metric"], r["actor"]): r for r in result.rows if r["year"] == last}
        for code in s.actor_codes:
            table.add_row(
                code, _band(by[("power", code)], 3), _band(by[("strategic_space", code)], 2)
            )
        out.print(table)
        sys_table = Table(title="Polarity and bipolarity over time: median [5–95 %]")
        for col in ("year", "polarity", "bipolarity"):
            sys_table.add_column(col, justify="right")
        for year in years(s):
            pol = by_year(result.rows, "polarity", year)
            bip = by_year(result.rows, "bipolarity", year)
            sys_table.add_row(f"{year:g}", _band(pol, 2), _band(bip, 2))
        out.print(sys_table)
        if result.shocks:
            out.print(shocks_share_table(result.shocks))


def shocks_share_table(rows: list[dict[str, Any]]) -> Table:
    """Return the share of members in which each shock occurred by each year (and expected)."""
    names = list(dict.fromkeys(str(r["shock"]) for r in rows))
    all_years = sorted({float(r["year"]) for r in rows})
    shown = [y for y in all_years if (y - all_years[0]) % 2 == 0 or y == all_years[-1]]
    table = Table(title="Shocks: share of members hit by the year [expected from the rate]")
    table.add_column("shock")
    for year in shown:
        table.add_column(f"{year:g}", justify="right")
    share = {(str(r["shock"]), float(r["year"])): r for r in rows}
    for name in names:
        cells = [
            f"{share[(name, y)]['share']:.0%} [{share[(name, y)]['expected']:.0%}]" for y in shown
        ]
        table.add_row(name, *cells)
    return table


def by_year(rows: list[dict[str, Any]], metric: str, year: float) -> dict[str, Any]:
    """Return the summary row of a system metric in a year."""
    return next(r for r in rows if r["metric"] == metric and r["year"] == year)


# --------------------------------------------------------------------------------------------
# compare


@app.command()
def compare(
    ctx: typer.Context,
    scenario: T_ScenarioArg = None,
    intervention: T_Intervention = None,
    members: T_Members = 500,
    method: T_Method = "lhs",
    executor: T_Executor = "processes",
    address: T_Address = None,
    workers: T_Workers = None,
    batch_size: T_Batch = None,
    seed: T_Seed = None,
    store: T_Store = None,
    resume: T_Resume = None,
    quiet: T_Quiet = False,
    yes: T_Yes = False,
    top: Annotated[int, typer.Option("--top", help="Rows to show (largest effects).")] = 20,
    as_json: T_Json = False,
) -> None:
    """Compare interventions with the baseline, member by member (common random numbers).

    Effects are ranked by their standardised size (the mean difference over the baseline's
    spread), so that metrics in different units compare.
    """
    with guarded(as_json=as_json):
        from equipoise.experiments.outcomes import years
        from equipoise.experiments.plans import ComparePlan, Comparison
        from equipoise.experiments.plans.compare import effect_order

        opts = _Exec(executor, address, workers, batch_size, store, resume, quiet, yes)
        plan = _plan(
            ctx, opts, ComparePlan, scenario, seed,
            {"members": ("members", members), "method": ("method", method),
             "intervention": ("interventions", intervention or ())},
        )  # fmt: skip
        s = plan.scenario
        result = _execute(plan, opts)
        assert isinstance(result, Comparison)
        if as_json:
            emit_json(result.to_dict())
            return
        info = result.run.to_dict()
        out.print(_info_line(info), highlight=False)
        table = Table(
            title=f"{result.intervention} − baseline in {years(s)[-1]:g}: paired differences "
            f"over {info['members']} members (largest {top} standardised effects)"
        )
        for col in (
            "metric", "entity", "baseline", "with", "difference [95 % CI]", "standardised",
            "share > 0",
        ):  # fmt: skip
            table.add_column(col, justify="left" if col in ("metric", "entity") else "right")
        for r in sorted(result.rows, key=effect_order)[:top]:
            std = r["standardised"]
            table.add_row(
                r["metric"],
                r["entity"],
                f"{r['baseline_mean']:.3f}",
                f"{r['intervention_mean']:.3f}",
                f"{r['difference']:+.3f} [{r['low']:+.3f}, {r['high']:+.3f}]",
                "–" if std != std else f"{std:+.2f}",
                f"{r['share_positive']:.2f}",
            )
        out.print(table)


# --------------------------------------------------------------------------------------------
# sensitivity


@app.command()
def sensitivity(
    ctx: typer.Context,
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
    batch_size: T_Batch = None,
    seed: T_Seed = None,
    store: T_Store = None,
    resume: T_Resume = None,
    quiet: T_Quiet = False,
    yes: T_Yes = False,
    as_json: T_Json = False,
) -> None:
    """Rank the declared uncertainties by their effect on a metric (Sobol or Morris, SALib)."""
    with guarded(as_json=as_json):
        from equipoise.experiments.plans import Sensitivity, SensitivityPlan

        opts = _Exec(executor, address, workers, batch_size, store, resume, quiet, yes)
        plan = _plan(
            ctx, opts, SensitivityPlan, scenario, seed,
            {"metric": ("metric", metric), "method": ("method", method),
             "base_samples": ("base_samples", base_samples),
             "intervention": ("interventions", intervention or ())},
        )  # fmt: skip
        result = _execute(plan, opts)
        assert isinstance(result, Sensitivity)
        data = result.to_dict()
        if as_json:
            emit_json(data)
            return
        out.print(_info_line(data), highlight=False)
        sobol = result.method == "sobol"
        table = Table(
            title=f"{'Sobol' if sobol else 'Morris'} sensitivity of {result.metric} "
            f"({result.n_runs} runs)"
        )
        cols = ["S1", "S1_conf", "ST", "ST_conf"] if sobol else ["mu_star", "mu_star_conf", "sigma"]
        table.add_column("rank", justify="right")
        table.add_column("uncertainty")
        for c in cols:
            table.add_column(c, justify="right")
        for r in data["indices"]:
            table.add_row(
                str(r["rank"]),
                str(r["name"]),
                *["–" if r[c] is None else f"{r[c]:.3f}" for c in cols],
            )
        out.print(table)
        for note in (data["note"], *result.warnings):
            if note:
                err.print(f"[yellow]note:[/yellow] {note}", highlight=False)


# --------------------------------------------------------------------------------------------
# discover


@app.command()
def discover(
    ctx: typer.Context,
    scenario: T_ScenarioArg = None,
    outcome_text: Annotated[
        str,
        typer.Option(
            "--outcome", help="Outcome of interest, e.g. 'dependence(RUS,CHN)@2031 > 0.6'."
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
    batch_size: T_Batch = None,
    seed: T_Seed = None,
    store: T_Store = None,
    resume: T_Resume = None,
    quiet: T_Quiet = False,
    yes: T_Yes = False,
    as_json: T_Json = False,
) -> None:
    """Find the input ranges that produce an outcome of interest (PRIM or CART)."""
    with guarded(as_json=as_json):
        from equipoise.experiments.plans import Discovery, DiscoveryPlan

        opts = _Exec(executor, address, workers, batch_size, store, resume, quiet, yes)
        plan = _plan(
            ctx, opts, DiscoveryPlan, scenario, seed,
            {"outcome_text": ("outcome", outcome_text), "members": ("members", members),
             "method": ("method", method), "algorithm": ("algorithm", algorithm),
             "threshold": ("threshold", threshold),
             "intervention": ("interventions", intervention or ())},
        )  # fmt: skip
        result = _execute(plan, opts)
        assert isinstance(result, Discovery)
        data = result.to_dict()
        if as_json:
            emit_json(data)
            return
        out.print(_info_line(data), highlight=False)
        out.print(
            f"{result.outcome}: holds in {result.share:.1%} of {data['members']} members",
            highlight=False,
        )
        for box in result.boxes:
            table = Table(
                title=f"{result.algorithm.upper()} box ({box['label']}): coverage "
                f"{box['coverage']:.2f}, density {box['density']:.2f}, mass {box['mass']:.2f}"
            )
            table.add_column("uncertainty")
            table.add_column("from", justify="right")
            table.add_column("to", justify="right")
            for name, (lo, hi) in box["limits"].items():
                table.add_row(
                    name, "–" if lo is None else f"{lo:.3f}", "–" if hi is None else f"{hi:.3f}"
                )
            out.print(table)
        if result.note:
            out.print(f"[yellow]note:[/yellow] {result.note}", highlight=False)


# --------------------------------------------------------------------------------------------
# claims


@app.command()
def claims(
    ctx: typer.Context,
    scenario: T_ScenarioArg = None,
    members: T_Members = 500,
    method: T_Method = "lhs",
    executor: T_Executor = "processes",
    address: T_Address = None,
    workers: T_Workers = None,
    batch_size: T_Batch = None,
    seed: T_Seed = None,
    store: T_Store = None,
    resume: T_Resume = None,
    quiet: T_Quiet = False,
    yes: T_Yes = False,
    ablation: Annotated[
        bool,
        typer.Option(
            "--ablation/--no-ablation",
            help="Also run every claim with the model's dynamics ablated (built in or finding).",
        ),
    ] = True,
    ablation_members: Annotated[
        int,
        typer.Option(
            "--ablation-members",
            help="Members of each one-at-a-time ablation (the first ones; carried_by).",
        ),
    ] = 100,
    robustness: Annotated[
        bool,
        typer.Option(
            "--robustness",
            help="Also run every claim in each specification of the scenario's multiverse.",
        ),
    ] = False,
    as_json: T_Json = False,
) -> None:
    """Give every claim of the scenario a verdict over an ensemble, with interval and drivers.

    Each claim is also run with the model's dynamics switched off (a verdict that holds
    without them is reported as built in, not as a finding) and, with --robustness, in every
    specification of the scenario's multiverse (docs/models/experiments.md).
    """
    with guarded(as_json=as_json):
        from equipoise.experiments.plans import ClaimsPlan, ClaimsResult

        opts = _Exec(executor, address, workers, batch_size, store, resume, quiet, yes)
        plan = _plan(
            ctx, opts, ClaimsPlan, scenario, seed,
            {"members": ("members", members), "method": ("method", method),
             "ablation": ("ablation", ablation), "robustness": ("robustness", robustness),
             "ablation_members": ("ablation_members", ablation_members)},
        )  # fmt: skip
        s = plan.scenario
        if not s.claims:
            raise InputError(Problem("the scenario has no claims", path="claims"))
        result = _execute(plan, opts)
        assert isinstance(result, ClaimsResult)
        if as_json:
            emit_json(result.to_dict())
            return
        rows = result.rows()
        info = result.run.to_dict()
        out.print(_info_line(info), highlight=False)
        table = Table(
            title=f"Claims of {s.scenario.name}: verdicts over {info['members']} members",
            show_lines=True,
        )
        columns = ("claim", "quote", "verdict", "P", "95 % interval", "P no dyn.", "carried by")
        for col in (*columns, "robust", "main driver"):
            table.add_column(
                col, justify="right" if col in ("P", "P no dyn.", "robust") else "left"
            )
        styles = {
            "supported": "green",
            "contradicted": "red",
            "undecided": "yellow",
            "built in": "blue",
        }

        def num(x: float | None) -> str:
            return "–" if x is None else f"{x:.2f}"

        for r in rows:
            quote = r["quote"] if len(r["quote"]) <= 60 else r["quote"][:59] + "…"
            driver = r["drivers"][0]["uncertainty"] if r["drivers"] else "–"
            style = styles.get(r["verdict"], "white")
            shown = r["verdict"]
            if r["verdict"] == "built in":
                shown = f"built in ({r['model_verdict']})"
            carried = (
                "–" if r["carried_by"] is None else (", ".join(r["carried_by"]) or "none alone")
            )
            table.add_row(
                r["id"],
                f"“{quote}”",
                f"[{style}]{shown}[/{style}]",
                f"{r['probability']:.2f}",
                f"{r['interval'][0]:.2f}–{r['interval'][1]:.2f}",
                num(r["p_without_dynamics"]),
                carried,
                num(r["robustness"]),
                driver,
            )
        out.print(table)
        counts = result.counts()
        if any(v.ablation for v in result.verdicts):
            out.print(
                f"{counts['findings']} finding(s), {counts['built_in']} built in "
                f"(the verdict holds with the dynamics off), {counts['undecided']} undecided",
                highlight=False,
            )
        if result.multiverse is not None:
            flips = sum(1 for v in result.verdicts if v.robustness is not None and v.robustness < 1)
            n_specs = len(result.multiverse["specifications"])
            out.print(
                f"multiverse ({result.multiverse['design']}, {n_specs} specification(s)): "
                f"{flips} verdict(s) change in at least one",
                highlight=False,
            )
            for v in result.verdicts:
                changed = [
                    f"{m.variant}: {m.verdict}"
                    for m in v.multiverse or ()
                    if m.verdict != v.model_verdict
                ]
                if changed:
                    out.print(
                        f"  {v.claim.id} ({v.model_verdict}) → " + "; ".join(changed),
                        highlight=False,
                    )
        elif rows and rows[0]["notes"].get("robustness"):
            out.print(f"robustness: {rows[0]['notes']['robustness']}", highlight=False)


__all__ = ["claims", "compare", "discover", "ensemble", "sensitivity"]
