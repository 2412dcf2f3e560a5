"""The ``equipoise power`` command: composite capability indices from an indicator table."""

from __future__ import annotations

import math
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.table import Table

from equipoise.cli._app import app
from equipoise.cli._common import emit_json, guarded, out
from equipoise.errors import InputError, Problem

if TYPE_CHECKING:  # pandas and the NMC reader load when the command runs
    import pandas as pd

    from equipoise.io.nmc import CincComparison, NmcTable

#: Above this many rows the table shows the top of the latest year unless ``--all``.
MAX_ROWS_SHOWN = 40
#: How many states of the latest year the short view shows.
TOP_N = 20


class PowerIndex(StrEnum):
    """Indices that ``equipoise power`` can compute from a file."""

    cinc = "cinc"


def _check_out(path: Path, *, force: bool) -> None:
    """Refuse to overwrite ``path`` unless ``force`` (checked before any work is done)."""
    if path.exists() and not force:
        raise InputError(
            Problem(
                "the output file already exists; pass --force to overwrite it",
                file=str(path),
                path="--out",
            )
        )
    if path.is_dir():
        raise InputError(Problem("the output path is a directory", file=str(path), path="--out"))


def _write_csv(table: pd.DataFrame, path: Path, *, force: bool) -> None:
    """Write the full table; exclusive creation unless ``force`` so a race cannot clobber."""
    try:
        with open(path, "w" if force else "x", encoding="utf-8", newline="") as handle:
            table.to_csv(handle, index=False, lineterminator="\n")
    except FileExistsError:
        raise InputError(
            Problem(
                "the output file already exists; pass --force to overwrite it",
                file=str(path),
                path="--out",
            )
        ) from None
    except OSError as exc:
        raise InputError(
            Problem(f"cannot write the file: {exc.strerror or exc}", file=str(path), path="--out")
        ) from None


def _select_years(result: NmcTable, years: list[int]) -> NmcTable:
    """Keep the requested years, reporting any that the file does not have."""
    present = set(result.years)
    unknown = [y for y in years if y not in present]
    if unknown:
        span = f"{min(present)}–{max(present)}" if present else "none"
        raise InputError(
            [
                Problem(
                    f"year {y} is not in the file (its years: {span})",
                    file=result.source,
                    path="--year",
                )
                for y in unknown
            ]
        )
    return result.select_years(years)


def _fmt(value: Any, spec: str) -> str:
    """Format a number, showing missing values as an en dash."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    return format(value, spec)


def _comparison_line(comparison: CincComparison) -> str:
    return (
        f"computed CINC vs the file's cinc column: max |diff| = {comparison.max_abs_diff:.1e} "
        f"over {comparison.n_compared:,} state-year{'s' if comparison.n_compared != 1 else ''} "
        f"(mean {comparison.mean_abs_diff:.1e}; {comparison.n_above_tolerance:,} above "
        f"{comparison.tolerance:g})"
    )


def _extract_note(comparison: CincComparison) -> str:
    return (
        f"note: the file's cinc sums to {comparison.min_year_sum:.3f} in one year, so its rows "
        "are an extract of a larger system; the computed CINC takes shares among the states in "
        "this file only and is not comparable with the file's column."
    )


def _rich_table(rows: pd.DataFrame, *, with_file: bool, title: str) -> Table:
    from equipoise.engines.power import CINC_COMPONENTS
    from equipoise.io.nmc import SHARE_COLUMNS

    # No box and one space between columns: the eleven columns fit an 80-column terminal.
    table = Table(
        title=title,
        title_justify="left",
        header_style="bold",
        box=None,
        padding=(0, 0, 0, 1),
        pad_edge=False,
    )
    table.add_column("state", no_wrap=True)
    table.add_column("year", justify="right", no_wrap=True)
    for name in CINC_COMPONENTS:
        table.add_column(name, justify="right", no_wrap=True)
    table.add_column("CINC", justify="right", no_wrap=True, style="bold")
    if with_file:
        table.add_column("file", justify="right", no_wrap=True)
        table.add_column("|diff|", justify="right", no_wrap=True)
    for record in rows.to_dict(orient="records"):
        cells = [str(record["stateabb"]), str(record["year"])]
        cells += [_fmt(record[name], ".4f") for name in SHARE_COLUMNS]
        cells.append(_fmt(record["cinc"], ".6f"))
        if with_file:
            cells.append(_fmt(record["file_cinc"], ".6f"))
            cells.append(_fmt(record["abs_diff"], ".1e"))
        table.add_row(*cells)
    return table


def _print_table(result: NmcTable, *, show_all: bool) -> None:
    frame = result.table
    with_file = bool(frame["file_cinc"].notna().any())
    if show_all or len(frame) <= MAX_ROWS_SHOWN:
        shown = frame
        title = f"CINC, {len(frame):,} state-years from {result.source}"
    else:
        latest = int(frame["year"].max())
        year_rows = frame.loc[frame["year"] == latest]
        shown = year_rows.sort_values("cinc", ascending=False, na_position="last").head(TOP_N)
        title = (
            f"CINC, top {len(shown)} of {len(year_rows):,} states in {latest} "
            f"({len(frame):,} state-years in {result.source}; --all for every row)"
        )
    out.print(_rich_table(shown, with_file=with_file, title=title))
    out.print("shares of the system total per component; missing: –", style="dim")


@app.command("power")
def power(
    file: Annotated[
        Path,
        typer.Argument(
            help="CSV table in the COW National Material Capabilities layout "
            "(stateabb or iso3, ccode, year, milex, milper, irst, pec, tpop, upop; "
            "-9 or empty = missing).",
            show_default=False,
        ),
    ],
    index: Annotated[
        PowerIndex, typer.Option("--index", help="The index to compute.")
    ] = PowerIndex.cinc,
    years: Annotated[
        list[int] | None,
        typer.Option("--year", help="Only this year (repeat for several).", show_default=False),
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print one JSON object instead of tables.")
    ] = False,
    out_path: Annotated[
        Path | None,
        typer.Option("--out", help="Write the full table to this CSV file.", show_default=False),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite the --out file.")] = False,
    show_all: Annotated[
        bool, typer.Option("--all", help="Show every row, not only the latest year's top 20.")
    ] = False,
) -> None:
    """Compute a composite capability index (CINC) for every state-year of FILE.

    Shares are taken within each year; where the file has a cinc column, the two are compared.
    """
    with guarded(as_json=as_json):
        if out_path is not None:
            _check_out(out_path, force=force)
        from equipoise.io.nmc import read_nmc

        result = read_nmc(file)
        if years:
            result = _select_years(result, sorted(set(years)))
        comparison = result.comparison
        if out_path is not None:
            _write_csv(result.table, out_path, force=force)

        if as_json:
            emit_json(
                {
                    "index": index.value,
                    "source": result.source,
                    "rows": result.table.to_dict(orient="records"),
                    "comparison": None if comparison is None else comparison.to_dict(),
                    "out": None if out_path is None else str(out_path),
                }
            )
            return

        _print_table(result, show_all=show_all)
        if comparison is None:
            out.print("the file has no cinc column to compare with.", highlight=False)
        else:
            out.print(_comparison_line(comparison), markup=False, highlight=False)
            if comparison.looks_like_extract:
                out.print(_extract_note(comparison), style="yellow", markup=False)
        if out_path is not None:
            out.print(f"wrote {len(result.table):,} rows to {out_path}", markup=False)


__all__ = ["PowerIndex", "power"]
