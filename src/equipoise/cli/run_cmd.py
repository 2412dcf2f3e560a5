"""``equipoise run``: simulate a scenario over its horizon and print the region's story."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.table import Table

from equipoise.cli._app import app
from equipoise.cli._common import _jsonable, emit_json, guarded, out
from equipoise.cli.scenario_cmds import T_Json, T_ScenarioArg, load_checked, recorded_ref
from equipoise.errors import InputError, Problem

if TYPE_CHECKING:  # the model's modules load when the command runs, not at start-up
    from equipoise.picture import Picture
    from equipoise.simulate import Trajectory


def _heat(value: float) -> str:
    if abs(value) < 0.005:
        return "[dim]·[/dim]"
    style = "green" if value > 0 else "red"
    strength = "bold " if abs(value) >= 0.5 else ""
    return f"[{strength}{style}]{value:+.1f}[/{strength}{style}]"


def _years(tr: Trajectory) -> list[int]:
    return [int(y) if float(y).is_integer() else y for y in tr.years]


def power_table(pic: Picture) -> Table:
    """Power shares and ranks at the start."""
    c = pic.compiled
    s = c.scenario
    table = Table(
        title=f"Power in {s.scenario.start_year} (index: {s.scenario.power_index}; shares of "
        "the region; – no data)"
    )
    table.add_column("rank", justify="right")
    table.add_column("actor")
    table.add_column("name")
    table.add_column(s.scenario.power_index, justify="right")
    others = [k for k in c.power_detail if k != s.scenario.power_index]
    for k in others:
        table.add_column(k, justify="right")
    for a in sorted(pic.actors, key=lambda a: (a.rank, a.code)):
        table.add_row(
            str(a.rank),
            a.code,
            a.name,
            "–" if s.scenario.power_index in a.missing else f"{a.power:.3f}",
            *["–" if k in a.missing else f"{a.indices[k]:.3f}" for k in others],
        )
    return table


def relations_table(tr: Trajectory, step: int, title: str) -> Table:
    """Build a signed heat table of the relations at a step."""
    R = tr.relations_at(step)[0]
    table = Table(title=title)
    table.add_column("")
    for code in tr.actors:
        table.add_column(code, justify="center")
    for i, code in enumerate(tr.actors):
        table.add_row(
            code, *[_heat(float(R[i, j])) if i != j else "" for j in range(len(tr.actors))]
        )
    return table


def system_table(tr: Trajectory) -> Table:
    """Blocs, polarity, bipolarity and frustration per step."""
    from equipoise.outputs import blocs_of

    table = Table(title="The system over time (blocs: 0 = the strongest bloc's camp)")
    for col in ("year", "polarity", "bipolarity", "antagonism", "frustration", "blocs"):
        table.add_column(col, justify="right" if col != "blocs" else "left")
    for t, year in enumerate(_years(tr)):
        blocs = blocs_of(tr, t) or {}
        text = "  ".join(f"[bold]{k}[/bold]: {' '.join(v)}" for k, v in sorted(blocs.items()))
        table.add_row(
            str(year),
            f"{tr.polarity[0, t]:.2f}",
            f"{tr.bipolarity[0, t]:.2f}",
            f"{tr.antagonism[0, t]:+.2f}",
            f"{tr.frustration[0, t]:.3f}",
            text,
        )
    return table


def actors_table(tr: Trajectory) -> Table:
    """Strategic space, alignment and the main dependence of each actor, start and end."""
    first, last = 0, tr.n_steps
    y0, y1 = _years(tr)[first], _years(tr)[last]
    table = Table(
        title=(
            f"Actors {y0}→{y1}: strategic space, alignment toward {tr.poles[0]} "
            f"rather than {tr.poles[1]}, and dependence"
        )
    )
    for col in (
        "actor",
        "power",
        "space",
        "alignment",
        f"dep. on {tr.poles[0]}",
        f"dep. on {tr.poles[1]}",
        "most dependent on",
    ):
        table.add_column(
            col, justify="right" if col not in ("actor", "most dependent on") else "left"
        )
    import numpy as np

    pa, pb = tr.actors.index(tr.poles[0]), tr.actors.index(tr.poles[1])
    order = np.argsort(-tr.power[0, first], kind="stable")
    for i in order:
        code = tr.actors[i]
        D1 = tr.dependence[0, last, i]
        others_dep = np.where(np.arange(D1.size) == i, -np.inf, D1)
        j = int(np.argmax(others_dep))
        table.add_row(
            code,
            f"{tr.power[0, first, i]:.3f}→{tr.power[0, last, i]:.3f}",
            f"{tr.strategic_space[0, first, i]:.2f}→{tr.strategic_space[0, last, i]:.2f}",
            f"{tr.alignment[0, first, i]:+.2f}→{tr.alignment[0, last, i]:+.2f}",
            "" if i == pa else f"{tr.dependence[0, first, i, pa]:.2f}→{D1[pa]:.2f}",
            "" if i == pb else f"{tr.dependence[0, first, i, pb]:.2f}→{D1[pb]:.2f}",
            f"{tr.actors[j]} ({D1[j]:.2f})" if D1[j] > 0 else "–",
        )
    return table


def start_issues_table(start: dict[str, dict[str, float]], pic: Picture) -> Table:
    """Build the table of every issue's forecast at the start by the three models."""
    table = Table(title="Issue forecasts at the start (0–100) by each bargaining model")
    table.add_column("issue")
    table.add_column("0 means / 100 means")
    for col in ("EU", "compromise", "median"):
        table.add_column(col, justify="right")
    for issue in pic.compiled.scenario.issues:
        f = start[issue.id]
        table.add_row(
            issue.id,
            f"{issue.low} / {issue.high}",
            f"{f['eu']:.0f}",
            f"{f['compromise']:.0f}",
            f"{f['median']:.0f}",
        )
    return table


def run_issues_table(tr: Trajectory, pic: Picture) -> Table:
    """Build the table of every issue's forecast along the run, by the issue's model."""
    from equipoise.outputs import issue_cycles

    models = {i.id: i.model for i in pic.compiled.scenario.issues}
    table = Table(title="Issue forecasts along the run (each issue by its model)")
    table.add_column("year", justify="right")
    for issue in tr.issues:
        table.add_column(f"{issue} ({models[issue]})", justify="right")
    for t, year in enumerate(_years(tr)):
        table.add_row(str(year), *[f"{tr.forecast[0, t, q]:.0f}" for q in range(len(tr.issues))])
    cycles = issue_cycles(tr)
    notes = [
        f"{issue}: the bargaining rounds cycle (period {c['period']} rounds, from "
        f"{c['from_year']:g}); the forecast shown is the mean over a period, "
        f"{c['summary']:.1f}, of a cycle ranging {c['low']:.0f}–{c['high']:.0f}"
        for issue, c in cycles.items()
        if c is not None and c["forecast_flips"]
    ]
    if notes:
        table.caption = "; ".join(notes)
    return table


def fired_table(tr: Trajectory) -> Table:
    """Events, interventions, effects and shocks that fired, in order."""
    table = Table(title="What happened (events, interventions, effects and shocks that fired)")
    table.add_column("year", justify="right")
    table.add_column("kind")
    table.add_column("id")
    for _, year, kind, ident in tr.fired:
        table.add_row(f"{year:g}", kind, ident)
    return table


def write_outputs(
    tr: Trajectory, data: dict[str, Any], directory: Path, *, force: bool
) -> list[Path]:
    """Write the tidy Parquet tables and run.json into ``directory`` (never overwriting)."""
    from equipoise.outputs import tidy_tables

    tables = tidy_tables(tr)
    targets = [directory / f"{name}.parquet" for name in tables] + [directory / "run.json"]
    existing = [p for p in targets if p.exists()]
    if existing and not force:
        raise InputError(
            [
                Problem(
                    "already exists; use --force to overwrite (nothing was written)", file=str(p)
                )
                for p in existing
            ]
        )
    directory.mkdir(parents=True, exist_ok=True)
    for name, frame in tables.items():
        frame.to_parquet(directory / f"{name}.parquet", index=False)
    (directory / "run.json").write_text(
        json.dumps(_jsonable(data), indent=2, ensure_ascii=False, allow_nan=False) + "\n",
        encoding="utf-8",
    )
    return targets


@app.command()
def run(
    scenario: T_ScenarioArg = None,
    intervention: Annotated[
        list[str] | None,
        typer.Option("--intervention", "-i", help="Apply a named intervention (repeatable)."),
    ] = None,
    seed: Annotated[
        int | None,
        typer.Option("--seed", help="Replace the scenario's seed (every number derives from it)."),
    ] = None,
    out_dir: Annotated[
        Path | None,
        typer.Option(
            "--out", "-o", help="Write the trajectory as tidy Parquet tables to this folder."
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite files in --out.")] = False,
    store: Annotated[
        Path | None,
        typer.Option("--store", help="Also record the run in this results store folder."),
    ] = None,
    yes: Annotated[
        bool,
        typer.Option(
            "--yes",
            help="Run even when the estimated cost is past the limit (1 CPU-hour; see "
            "docs/models/experiments.md, 'Cost').",
        ),
    ] = False,
    as_json: T_Json = False,
) -> None:
    """Simulate a scenario (default: indo-pacific-2021) over its horizon and print its story.

    The run is member 0 of the scenario's seed: the same numbers as member 0 of an ensemble
    of a scenario without declared uncertainties.
    """
    with guarded(as_json=as_json):
        from equipoise.experiments.cost import check_cost, estimate_cost
        from equipoise.experiments.plans import RunPlan, RunResult, run_typed

        s = load_checked(scenario).with_seed(seed)
        check_cost(estimate_cost(s), confirmed=yes)
        plan = RunPlan(
            scenario=s,
            scenario_ref=recorded_ref(scenario),
            interventions=tuple(intervention or ()),
        )
        target = None
        if store is not None:
            from equipoise.store import open_store

            target = open_store(store)
        result = run_typed(plan, RunResult, store=target)
        tr, pic = result.trajectory, result.picture
        data = result.to_dict()
        if out_dir is not None:
            written = write_outputs(tr, data, out_dir, force=force)
            if not as_json:
                out.print(f"wrote {', '.join(str(p) for p in written)}", highlight=False)
        if as_json:
            emit_json(data)
            return
        out.print(power_table(pic))
        out.print(
            relations_table(
                tr, 0, f"Relations in {_years(tr)[0]} (green cooperation, red hostility)"
            )
        )
        out.print(relations_table(tr, tr.n_steps, f"Relations in {_years(tr)[-1]}"))
        out.print(system_table(tr))
        out.print(actors_table(tr))
        out.print(start_issues_table(data["forecasts_at_start"], pic))
        out.print(run_issues_table(tr, pic))
        out.print(fired_table(tr))
        for note in pic.compiled.notes:
            out.print(f"[yellow]note:[/yellow] {note}", highlight=False)
