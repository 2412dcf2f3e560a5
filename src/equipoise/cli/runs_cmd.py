"""``equipoise runs``: list, inspect and query the runs in a results store.

``equipoise runs list``, ``equipoise runs show ID`` and ``equipoise runs sql "SELECT ..."``
read the store (``--store DIR``; default ``$EQUIPOISE_RUNS`` or ``./equipoise-runs``) and never
write to it. An unknown run id or a refused or failing query is bad input: a message on
stderr and exit status 1.
"""

from __future__ import annotations

import json
import math
import sys
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
        file_okay=False,
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
}


@contextmanager
def _bad_input(*, as_json: bool) -> Iterator[None]:
    """Report an unknown run or a bad query as bad input (exit status 1)."""
    from equipoise.store import QueryError, RunNotFoundError

    try:
        yield
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
    if info["recorded_status"] != info["status"]:
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
    ]
    for field, value in rows:
        text = value if field == "status" else str(value).replace("[", r"\[")
        about.add_row(field, text)

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

    return open_store(store)


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


__all__ = ["query_table", "run_tables", "runs_app", "runs_table"]
