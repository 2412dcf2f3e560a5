"""``equipoise runs``: list, inspect, query, verify and repair the runs in a results store.

``equipoise runs list``, ``equipoise runs show ID`` and ``equipoise runs sql "SELECT ..."``
read the store (``--store DIR``; default ``$EQUIPOISE_RUNS`` or ``./equipoise-runs``) and
write to it only to rebuild a missing catalog from the run folders (said on stderr).
``equipoise runs verify [ID...]`` hashes every file of the runs (exit status 4 if any run is
damaged); ``equipoise runs repair`` rebuilds a missing or damaged catalog from the run folders
(the damaged one is moved aside, never deleted) and records runs whose process died as
incomplete. An unknown run id, a refused or failing query, or a ``--store`` that is a file is
bad input: a message on stderr and exit status 1.
"""

from __future__ import annotations

import json
import math
import sys
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich import box
from rich.table import Table

from equipoise.cli._app import app
from equipoise.cli._common import emit_json, err, guarded, out
from equipoise.cli.scenario_cmds import T_Json
from equipoise.errors import InputError, Problem

if TYPE_CHECKING:  # pandas and the store (DuckDB) load when a command runs
    import pandas as pd

    from equipoise.store import StoreBackend

runs_app = typer.Typer(
    name="runs",
    help="List, inspect and query stored runs (the results store).",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
)
app.add_typer(runs_app, name="runs")

T_Store = Annotated[
    Path | None,
    typer.Option(
        "--store",
        help="The store folder (default: $EQUIPOISE_RUNS, else ./equipoise-runs).",
        show_default=False,
    ),
]

#: Rows of a query result shown as a table (all rows go out with --csv or --json).
MAX_TABLE_ROWS = 200

_STATUS_STYLE = {
    "complete": "green",
    "running": "cyan",
    "incomplete": "yellow",
    "failed": "red",
    "damaged": "bold red",
}

#: Exit status of ``runs verify`` when a run is damaged.
EXIT_DAMAGED = 4


@contextmanager
def _bad_input(*, as_json: bool) -> Iterator[None]:
    """Report an unknown run or a bad query as bad input (exit status 1).

    A ``--store`` that cannot be a store folder is reported against ``--store``; notes of
    the store (a catalog rebuilt from the run folders) go to stderr.
    """
    from equipoise.store import QueryError, RunNotFoundError, StoreNote, StoreRootError

    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", StoreNote)
            try:
                yield
            finally:
                for note in caught:
                    if issubclass(note.category, StoreNote):
                        err.print(f"note: {note.message}", markup=False, highlight=False)
                    else:
                        warnings.showwarning(
                            note.message, note.category, note.filename, note.lineno
                        )
    except StoreRootError as exc:
        raise InputError(Problem(str(exc), path="--store")) from None
    except (RunNotFoundError, QueryError) as exc:
        if as_json:
            emit_json({"ok": False, "problems": [Problem(str(exc)).to_dict()]})
        else:
            err.print(f"error: {exc}", markup=False, highlight=False)
        raise typer.Exit(1) from None


def _status(status: str) -> str:
    style = _STATUS_STYLE.get(status, "")
    return f"[{style}]{status}[/{style}]" if style else status


def _cell(value: Any) -> str:
    """Format one value of a query result for a terminal table."""
    import pandas as pd

    if value is None or value is pd.NA or value is pd.NaT:
        return "[dim]NULL[/dim]"
    if isinstance(value, float):
        if math.isnan(value):
            return "[dim]NaN[/dim]"
        return f"{value:.6g}"
    if isinstance(value, pd.Timestamp):
        return value.isoformat(sep=" ", timespec="seconds")
    return str(value).replace("[", r"\[")


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Return a DataFrame as JSON-ready records (NaN and NULL become null, times ISO)."""
    loaded: list[dict[str, Any]] = json.loads(
        frame.to_json(orient="records", date_format="iso", date_unit="s", force_ascii=False)
    )
    return loaded


def runs_table(frame: pd.DataFrame, root: Path) -> Table:
    """Build the table of ``equipoise runs list`` (``runs show ID`` has every field).

    A run id begins with its creation time (UTC), so the table has no separate time column.
    """
    table = Table(
        title=f"Runs in {root} (ids begin with the UTC creation time)",
        box=box.SIMPLE_HEAD,
        pad_edge=False,
    )
    table.add_column("id", no_wrap=True)
    table.add_column("kind", overflow="fold")
    table.add_column("status", no_wrap=True)
    table.add_column("scenario", overflow="fold")
    table.add_column("seed", justify="right", overflow="fold")
    table.add_column("members", justify="right", overflow="fold")
    table.add_column("batches", justify="right", no_wrap=True)
    table.add_column("code", overflow="fold")
    for row in frame.itertuples(index=False):
        table.add_row(
            str(row.run_id),
            str(row.kind),
            _status(str(row.status)),
            str(row.scenario_name),
            str(row.seed),
            str(row.n_members),
            f"{row.n_batches_done}/{row.n_batches}",
            str(row.code_version),
        )
    return table


def run_tables(info: dict[str, Any]) -> list[Table]:
    """Build the tables of ``equipoise runs show``."""
    about = Table(title=f"Run {info['run_id']}", show_header=False)
    about.add_column("field", style="bold")
    about.add_column("value")
    status = _status(info["status"])
    integrity = info.get("integrity") or {}
    if info["status"] == "damaged":
        status += (
            f" [dim](recorded {info['recorded_status']}; "
            f"{len(integrity.get('damaged_files', []))} files not as written)[/dim]"
        )
    elif info["recorded_status"] != info["status"]:
        status += (
            f" [dim](recorded {info['recorded_status']}; process {info['pid']} on "
            f"{info['host']} has stopped)[/dim]"
        )
    rows = [
        ("kind", info["kind"]),
        ("status", status),
        ("scenario", f"{info['scenario_name']} (hash {info['scenario_hash']})"),
        ("seed", str(info["seed"])),
        ("members", str(info["n_members"])),
        ("batches done", f"{info['n_batches_done']} of {info['n_batches']}"),
        ("created", f"{info['created_at']}"),
        ("finished", f"{info['finished_at'] or ''}"),
        ("code version", info["code_version"]),
        ("equipoise", f"{info['equipoise_version']} (results format {info['format_version']})"),
        ("process", f"{info['pid']} on {info['host']}"),
        ("parameters", json.dumps(info["parameters"], ensure_ascii=False)),
        (
            "summary",
            "" if info["summary"] is None else json.dumps(info["summary"], ensure_ascii=False),
        ),
        ("folder", info["path"]),
        ("files", _integrity_text(integrity)),
    ]
    for field, value in rows:
        text = value if field == "status" else str(value).replace("[", r"\[")
        about.add_row(field, text)
    for problem in integrity.get("problems", []):
        about.add_row("damaged", str(problem).replace("[", r"\["))

    tables = Table(title="Tables (complete batches)")
    for col in ("table", "batches", "rows", "columns"):
        tables.add_column(col, justify="right" if col in ("batches", "rows") else "left")
    for name, spec in info["tables"].items():
        columns = ", ".join(f"{c}: {d}" for c, d in spec["columns"].items())
        tables.add_row(name, str(spec["batches"]), f"{spec['rows']:,}", columns)

    results = Table(title="Stored results")
    for col in ("result", "format", "rows", "written"):
        results.add_column(col, justify="right" if col == "rows" else "left")
    for name, spec in info["results"].items():
        rows_text = "" if spec["rows"] is None else f"{spec['rows']:,}"
        results.add_row(name, spec["format"], rows_text, spec["written_at"] or "")
    return [about, tables, results] if info["results"] else [about, tables]


def _integrity_text(integrity: dict[str, Any]) -> str:
    """Say in one line what the cheap checks of ``runs show`` found."""
    state = integrity.get("state")
    n = integrity.get("files", 0)
    if state == "damaged":
        return f"DAMAGED: {len(integrity.get('damaged_files', []))} of {n} files not as written"
    if state == "unverified":
        return f"{n} files present; written before checksums (unverified)"
    return f"{n} files as recorded (sizes, row counts; `runs verify` hashes them)"


def verify_table(reports: list[Any]) -> Table:
    """Build the table of ``equipoise runs verify``."""
    table = Table(title="Verified runs", box=box.SIMPLE_HEAD, pad_edge=False)
    for col in ("id", "state", "files", "MiB hashed", "problems"):
        table.add_column(col, justify="right" if col in ("files", "MiB hashed") else "left")
    for report in reports:
        style = {"ok": "green", "damaged": "bold red", "unverified": "yellow"}[report.state]
        problems = "\n".join(p.message() for p in report.problems).replace("[", r"\[")
        table.add_row(
            report.run_id,
            f"[{style}]{report.state}[/{style}]",
            str(report.files),
            f"{report.bytes / 2**20:.1f}",
            problems,
        )
    return table


def query_table(frame: pd.DataFrame, *, max_rows: int = MAX_TABLE_ROWS) -> Table:
    """Build a terminal table of a query result (at most ``max_rows`` rows)."""
    import pandas as pd

    table = Table()
    for col in frame.columns:
        numeric = pd.api.types.is_numeric_dtype(frame[col].dtype)
        table.add_column(str(col), justify="right" if numeric else "left")
    for row in frame.head(max_rows).itertuples(index=False):
        table.add_row(*[_cell(v) for v in row])
    return table


def _store(store: Path | None) -> StoreBackend:
    from equipoise.store import open_store

    backend = open_store(store)
    check = getattr(backend, "check_root", None)
    if callable(check):
        check()
    return backend


@runs_app.command("list")
def list_(store: T_Store = None, as_json: T_Json = False) -> None:
    """List the runs in the store, oldest first (status, batches done, times in UTC)."""
    with guarded(as_json=as_json), _bad_input(as_json=as_json):
        backend = _store(store)
        frame = backend.list_runs()
        if as_json:
            records = _records(frame)
            for record in records:
                for key in ("parameters", "summary"):
                    if record.get(key) is not None:
                        record[key] = json.loads(record[key])
            emit_json({"store": str(backend.root), "runs": records})
            return
        if frame.empty:
            out.print(f"no runs in {backend.root}", highlight=False)
            return
        out.print(runs_table(frame, backend.root))


@runs_app.command("show")
def show(
    run_id: Annotated[str, typer.Argument(metavar="ID", help="The run id (see `runs list`).")],
    store: T_Store = None,
    as_json: T_Json = False,
) -> None:
    """Show a run: metadata, status, batches done, tables with row counts, stored results."""
    with guarded(as_json=as_json), _bad_input(as_json=as_json):
        info = _store(store).get_run(run_id)
        if as_json:
            emit_json(info)
            return
        for table in run_tables(info):
            out.print(table)


@runs_app.command("sql")
def sql(
    query: Annotated[
        str,
        typer.Argument(
            metavar="QUERY",
            help=(
                'One read-only SQL statement, e.g. "SELECT run_id, kind, status FROM runs". '
                "Relations: runs, batches, batch_tables, run_results, run_tables and "
                "results_<table> (e.g. results_actors) over every run's Parquet files."
            ),
        ),
    ],
    store: T_Store = None,
    as_json: T_Json = False,
    as_csv: Annotated[bool, typer.Option("--csv", help="Print the result as CSV.")] = False,
) -> None:
    """Query the store with SQL (DuckDB); read-only."""
    with guarded(as_json=as_json), _bad_input(as_json=as_json):
        if as_json and as_csv:
            raise InputError(Problem("choose one of --json and --csv", path="--csv"))
        frame = _store(store).sql(query)
        if as_json:
            emit_json({"columns": [str(c) for c in frame.columns], "rows": _records(frame)})
            return
        if as_csv:
            frame.to_csv(sys.stdout, index=False)
            sys.stdout.flush()
            return
        out.print(query_table(frame))
        hidden = len(frame) - MAX_TABLE_ROWS
        note = f"{len(frame):,} row{'s' if len(frame) != 1 else ''}"
        if hidden > 0:
            note += f" ({hidden:,} not shown; use --csv or --json for all)"
        out.print(f"[dim]{note}[/dim]", highlight=False)


@runs_app.command("verify")
def verify(
    run_ids: Annotated[
        list[str] | None,
        typer.Argument(metavar="[ID]...", help="Runs to verify (default: every run)."),
    ] = None,
    store: T_Store = None,
    no_hashes: Annotated[
        bool,
        typer.Option(
            "--no-hashes", help="Check sizes, row counts and tags only (fast; no hashing)."
        ),
    ] = False,
    as_json: T_Json = False,
) -> None:
    """Check every file of runs against what was recorded when it was written.

    Hashes every byte (SHA-256) unless --no-hashes. Exit status 4 if any run is damaged.
    """
    with guarded(as_json=as_json), _bad_input(as_json=as_json):
        backend = _store(store)
        ids = list(run_ids or backend.list_runs()["run_id"])
        reports = [backend.verify(run_id, hashes=not no_hashes) for run_id in ids]
        damaged = [r.run_id for r in reports if not r.ok]
        if as_json:
            emit_json(
                {
                    "store": str(backend.root),
                    "ok": not damaged,
                    "runs": [r.to_dict() for r in reports],
                }
            )
        elif not reports:
            out.print(f"no runs in {backend.root}", highlight=False)
        else:
            out.print(verify_table(reports))
            if damaged:
                err.print(
                    f"{len(damaged)} damaged run{'s' if len(damaged) != 1 else ''}: "
                    f"{', '.join(damaged)}. Restore the files named above from a copy; "
                    "a damaged run's tables are not read.",
                    style="bold red",
                    highlight=False,
                )
    if damaged:
        raise typer.Exit(EXIT_DAMAGED)


@runs_app.command("repair")
def repair(
    store: T_Store = None,
    rebuild: Annotated[
        bool,
        typer.Option(
            "--rebuild",
            help="Rebuild the catalog from the run folders even if it is sound "
            "(the old one is kept as catalog.duckdb.replaced-<time>).",
        ),
    ] = False,
    as_json: T_Json = False,
) -> None:
    """Rebuild a missing or damaged catalog from the run folders; mark dead runs incomplete.

    A damaged catalog is moved aside to catalog.duckdb.corrupt-<time>, never deleted. What
    could not be recovered (a run folder without a readable metadata.json, a batch file
    without a record...) is listed; those files stay on disk.
    """
    with guarded(as_json=as_json), _bad_input(as_json=as_json):
        from equipoise.store import RunStore

        backend = _store(store)
        if not isinstance(backend, RunStore):
            raise InputError(
                Problem(f"the store back-end {backend.name!r} has no repair", path="--store")
            )
        report = backend.repair_catalog(rebuild=rebuild)
        stopped = backend.repair()
        if as_json:
            emit_json(
                {
                    "store": str(backend.root),
                    "catalog": None if report is None else report.to_dict(),
                    "marked_incomplete": stopped,
                }
            )
            return
        if report is None:
            out.print(f"the catalog of {backend.root} is sound; not rebuilt", highlight=False)
        else:
            out.print(f"rebuilt the catalog of {backend.root}: {report.summary()}", highlight=False)
            for line in report.notes:
                err.print(f"note: {line}", markup=False, highlight=False)
        if stopped:
            out.print(
                f"recorded as incomplete (their process had stopped): {', '.join(stopped)}",
                highlight=False,
            )


__all__ = ["query_table", "run_tables", "runs_app", "runs_table", "verify_table"]
