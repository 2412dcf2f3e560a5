"""The ``report`` command: one self-contained HTML report of a scenario or of stored runs."""

from __future__ import annotations

import shlex
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from equipoise.cli._app import app
from equipoise.cli._common import emit_json, err, guarded, out
from equipoise.cli.experiment_cmds import (
    T_Address,
    T_Batch,
    T_Executor,
    T_Members,
    T_Method,
    T_Seed,
    T_Store,
    T_Workers,
)
from equipoise.cli.scenario_cmds import T_Json, load_checked, recorded_ref
from equipoise.errors import InputError, Problem

if TYPE_CHECKING:  # the store (DuckDB) loads when the command runs
    from equipoise.store import StoreBackend

T_Targets = Annotated[
    list[str] | None,
    typer.Argument(
        help=(
            "A scenario (bundled name or .toml file; default: the bundled default) to run, or "
            "one or more run ids of the results store to report on (with, optionally, the "
            "scenario file they were made on)."
        ),
        show_default=False,
        metavar="SCENARIO|RUN_ID",
    ),
]


def _store(path: Path | None) -> StoreBackend:
    from equipoise.store import open_store

    return open_store(path)


@contextmanager
def _progress(quiet: bool) -> Iterator[Callable[[str, int], Callable[[int], None]]]:
    """Yield ``start(label, total) -> advance(n)``: one rich progress bar per stage, on stderr."""
    if quiet:
        yield lambda _label, _total: lambda _n: None
        return
    progress = Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("left"),
        TimeRemainingColumn(),
        console=err,
        transient=False,
    )

    def start(label: str, total: int) -> Callable[[int], None]:
        task = progress.add_task(label, total=total)
        return lambda n: progress.advance(task, n)

    with progress:
        yield start


def _size(n: int) -> str:
    return f"{n / 1e6:.1f} MB" if n >= 1e6 else f"{n / 1e3:.0f} kB"


@app.command()
def report(
    targets: T_Targets = None,
    output: Annotated[
        Path, typer.Option("--out", "-o", "--output", help="The HTML file to write.")
    ] = Path("report.html"),
    members: T_Members = 200,
    method: T_Method = "lhs",
    executor: T_Executor = "processes",
    address: T_Address = None,
    workers: T_Workers = None,
    batch_size: T_Batch = 50,
    seed: T_Seed = None,
    store: T_Store = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite the output file.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bars.")] = False,
    as_json: T_Json = False,
) -> None:
    """Write a self-contained HTML report: figures, claims, interventions and every source.

    Given a scenario, it runs what the report needs (the baseline run, an ensemble summarised
    per year, the claims and the interventions they use; both ensembles are recorded in the
    store). Given run ids, it reads their results from the store and only re-simulates the
    baseline run. The file opens offline (plotly.js is inlined) and is never overwritten
    without --force.
    """
    from equipoise.experiments.executors import make_executor
    from equipoise.report import (
        build_report_data,
        is_run_id,
        load_report_data,
        render_report,
        write_report,
    )

    with guarded(as_json=as_json):
        t0 = time.perf_counter()
        args = list(targets or [])
        run_ids = [a for a in args if is_run_id(a)]
        others = [a for a in args if not is_run_id(a)]
        if len(others) > 1:
            raise InputError(
                Problem(
                    f"give one scenario (or run ids), got {', '.join(map(repr, others))}",
                    path="SCENARIO",
                )
            )
        if method not in ("mc", "lhs"):
            raise InputError(Problem(f"must be one of mc, lhs, got {method!r}", path="--method"))
        if executor not in ("local", "processes", "dask"):
            raise InputError(
                Problem(
                    f"must be one of local, processes, dask, got {executor!r}", path="--executor"
                )
            )
        if output.exists() and not force:
            raise InputError(
                Problem(f"{output} exists; give --force to overwrite it", path="--out")
            )
        if not output.parent.exists():
            raise InputError(Problem(f"folder {output.parent} does not exist", path="--out"))
        words = [*args] or []
        if not run_ids:
            words += ["--members", str(members)]
            if method != "lhs":
                words += ["--method", method]
            if seed is not None:
                words += ["--seed", str(seed)]
        command = " ".join(
            ["equipoise report", *(shlex.quote(w) for w in words), "-o", shlex.quote(str(output))]
        )
        if run_ids:
            scenario = load_checked(others[0]) if others else None
            data = load_report_data(_store(store), run_ids, scenario=scenario)
        else:
            scenario = load_checked(others[0] if others else None).with_seed(seed)
            with (
                make_executor(executor, address=address, n_workers=workers) as ex,  # type: ignore[arg-type]
                _progress(quiet or as_json) as progress,
            ):
                data = build_report_data(
                    scenario,
                    executor=ex,
                    n_members=members,
                    method=method,  # type: ignore[arg-type]
                    batch_size=batch_size,
                    store=_store(store),
                    progress=progress,
                    scenario_ref=recorded_ref(others[0] if others else None),
                )
        from equipoise.report.render import report_figures

        figures = report_figures(data)
        html = render_report(data, figures=figures, command=command)
        size = write_report(html, output, force=force)
        seconds = time.perf_counter() - t0
        keys = [f.key for f in figures.all()]
        runs = [r.run_id for r in data.runs if r.run_id]
        if as_json:
            emit_json(
                {
                    "path": str(output.resolve()),
                    "bytes": size,
                    "figures": keys,
                    "seconds": round(seconds, 3),
                    "runs": runs,
                }
            )
            return
        out.print(
            f"wrote {output} ({_size(size)}, {len(keys)} figures) in {seconds:.1f} s"
            + (f"; runs {', '.join(runs)}" if runs and not run_ids else ""),
            highlight=False,
        )
        for note in data.notes:
            err.print(f"note: {note}", style="yellow", markup=False, highlight=False)


__all__ = ["report"]
