"""The ``equipoise build`` command: a scenario built from public data up to a year."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from equipoise.cli._app import app
from equipoise.cli._common import emit_json, err, guarded, out
from equipoise.errors import InputError, Problem


@app.command()
def build(
    actors: Annotated[
        str,
        typer.Option(
            "--actors",
            help="Comma-separated ISO3 codes; G20 (its 19 states) and UN (every state with a "
            "UNGA ideal point that year) expand to groups.",
            show_default=False,
        ),
    ],
    year: Annotated[
        int,
        typer.Option(
            "--year", help="Start year; data up to it only (at most 2020).", show_default=False
        ),
    ],
    data: Annotated[
        Path,
        typer.Option(
            "--data",
            help="Folder with the data files (laid out like shared/data).",
            show_default=False,
        ),
    ],
    output: Annotated[
        Path | None,
        typer.Option("--out", "-o", help="Write the scenario here (never overwrites a file)."),
    ] = None,
    name: Annotated[str | None, typer.Option("--name", help="Scenario name.")] = None,
    horizon: Annotated[
        int, typer.Option("--horizon", min=1, max=200, help="Years simulated.")
    ] = 10,
    uncalibrated: Annotated[
        bool,
        typer.Option(
            "--uncalibrated",
            help="Keep the documented default parameters instead of the calibrated ones.",
        ),
    ] = False,
    as_json: Annotated[
        bool,
        typer.Option(
            "--json", help="Print a JSON summary instead of text (without -o it holds the TOML)."
        ),
    ] = False,
) -> None:
    """Build a valid scenario for any list of states from the data up to --year.

    Indicators and trends come from NMC v6.0 (to 2016), IMF WEO GDP and SIPRI military
    expenditure; relations from UN voting distance by a written rule plus ATOP/COW alliances;
    ties from IMF DOTS trade; the calibrated rates (equipoise calibrate up to 2020) with their
    90 % intervals as uncertainties. Every number names its source; missing data is said,
    never zero. Without -o the scenario is printed.
    """
    with guarded(as_json=as_json):
        if output is not None and output.exists():
            raise InputError(
                Problem(
                    "already exists; choose another name (nothing was written)",
                    file=str(output),
                    path="--out",
                )
            )
        from equipoise.scenario.build import (
            build_scenario,
            build_summary,
            check_year,
            load_history,
        )
        from equipoise.scenario.loading import loads_scenario

        check_year(year)

        history = load_history(data)
        result = build_scenario(
            history,
            actors=actors.split(","),
            year=year,
            name=name,
            horizon=horizon,
            calibrated=not uncalibrated,
        )
        text = result.to_toml()
        # the written file must load back as a valid scenario (schema, references, power)
        loads_scenario(text, file=str(output or "<built scenario>"))
        summary = build_summary(result)
        if output is None and as_json:
            emit_json({"ok": True, "file": None, **summary, "toml": text})
            return
        if output is None:
            sys.stdout.write(text)
            for note in result.notes:
                err.print(f"note: {note}", markup=False, highlight=False)
            return
        try:
            with open(output, "x", encoding="utf-8") as handle:
                handle.write(text)
        except FileExistsError:
            raise InputError(
                Problem("already exists; nothing was written", file=str(output), path="--out")
            ) from None
        except OSError as exc:
            raise InputError(
                Problem(f"cannot write: {exc.strerror or exc}", file=str(output), path="--out")
            ) from None
        if as_json:
            emit_json({"ok": True, "file": str(output), **summary})
            return
        out.print(
            f"[green]wrote[/green] {output}: {summary['actors']} actors, {summary['indicators']} "
            f"indicator entries, {summary['relations']} relations, {summary['ties']} ties "
            f"(data up to {year}).",
            highlight=False,
        )
        for note in result.notes:
            out.print(f"  note: {note}", markup=False, highlight=False)


__all__ = ["build"]
