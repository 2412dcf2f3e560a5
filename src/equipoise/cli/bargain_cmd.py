"""The ``bargain`` command: run a bargaining model on an actor table (CSV)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from equipoise.cli._app import app
from equipoise.cli._common import _jsonable, emit_json, err, guarded, out
from equipoise.errors import InputError, Problem

if TYPE_CHECKING:
    from equipoise.engines.bargaining import BargainingResult
    from equipoise.io.actors_csv import ActorTable

_MODELS = ("eu", "compromise", "median")
_DYAD_ROWS_SHOWN = 400
OUT_FORMAT_VERSION = 1
_SHORT_REGION = {
    "same_position": "same",
    "confrontation_won": "confront: wins",
    "confrontation_lost": "confront: loses",
    "compromise_favoured": "compromise: gains",
    "compromise_conceded": "compromise: concedes",
    "compel": "compels j",
    "capitulate": "capitulates",
    "stalemate": "stalemate",
}


def _choice(value: str, allowed: tuple[str, ...], flag: str) -> str:
    if value not in allowed:
        raise typer.BadParameter(
            f"must be one of {', '.join(allowed)}, got {value!r}", param_hint=flag
        )
    return value


def _parse_scale(text: str | None) -> tuple[float, float] | None:
    if text is None:
        return None
    parts = text.replace(";", ",").split(",")
    try:
        lo, hi = (float(p) for p in parts)
    except ValueError:
        raise typer.BadParameter(
            f"expected LOW,HIGH (two numbers), got {text!r}", param_hint="--scale"
        ) from None
    if not hi > lo:
        raise typer.BadParameter(f"HIGH must exceed LOW, got {text!r}", param_hint="--scale")
    return lo, hi


def _rounds_records(table: ActorTable, res: BargainingResult) -> list[dict[str, Any]]:
    records = []
    for t in range(res.positions.shape[-2]):
        records.append(
            {
                "round": t,
                "median": float(res.median[t]),
                "mean": float(res.mean[t]),
                "forecast": float(res.mean[t] if res.model == "compromise" else res.median[t]),
                "positions": {
                    name: float(res.positions[t, k]) for k, name in enumerate(table.names)
                },
            }
        )
    return records


def _document(table: ActorTable, res: BargainingResult) -> dict[str, Any]:
    dyads = res.dyads.records(table.names) if res.dyads is not None else []
    risk = (
        {name: float(res.dyads.risk[k]) for k, name in enumerate(table.names)}
        if res.dyads is not None
        else None
    )
    return {
        "model": res.model,
        "options": res.options,
        "input": {
            "file": table.source,
            "actors": table.names,
            "scale": list(table.scale),
            "salience_scale": table.salience_scale,
        },
        "notes": table.notes,
        "forecast": float(res.forecast),
        "rounds_run": int(res.rounds_run),
        "converged": bool(res.converged),
        "rounds": _rounds_records(table, res),
        "risk_exponents_round_1": risk,
        "dyads": dyads,
    }


def _print_tables(table: ActorTable, res: BargainingResult) -> None:
    label = {"eu": "expected utility", "compromise": "compromise", "median": "median voter"}
    fc = Table(title=f"Forecast per round ({label[res.model]} model)", title_justify="left")
    for col in ("round", "median", "mean", "model forecast"):
        fc.add_column(col, justify="right")
    records = _rounds_records(table, res)
    for rec in records:
        fc.add_row(
            str(rec["round"]),
            f"{rec['median']:.3f}",
            f"{rec['mean']:.3f}",
            f"{rec['forecast']:.3f}",
        )
    out.print(fc)

    pos = Table(title="Positions per round (round 0 = input)", title_justify="left")
    pos.add_column("actor")
    for rec in records:
        pos.add_column(str(rec["round"]), justify="right")
    for name in table.names:
        pos.add_row(name, *(f"{rec['positions'][name]:.2f}" for rec in records))
    out.print(pos)

    if res.dyads is not None:
        rows = res.dyads.records(table.names)
        dy = Table(
            title="Round 1 dyads: i challenges j, expected utilities as each side sees them",
            title_justify="left",
        )
        for col in ("i", "j"):
            dy.add_column(col, no_wrap=True)
        for col in ("EU_i(ij)", "EU_i(ji)", "EU_j(ji)", "EU_j(ij)"):
            dy.add_column(col, justify="right", no_wrap=True)
        dy.add_column("region (i's view)", no_wrap=True)
        dy.add_column("offer", justify="right", no_wrap=True)
        dy.add_column("taken", no_wrap=True)
        for row in rows[:_DYAD_ROWS_SHOWN]:
            dy.add_row(
                row["challenger"],
                row["target"],
                f"{row['eu_i_ij']:.3f}",
                f"{row['eu_i_ji']:.3f}",
                f"{row['eu_j_ji']:.3f}",
                f"{row['eu_j_ij']:.3f}",
                _SHORT_REGION[row["region"]],
                "" if row["offer"] is None else f"{row['offer']:.2f}",
                "yes" if row["accepted"] else "",
            )
        # wide enough for names and labels even when stdout is not a terminal (80 columns)
        Console(width=max(out.width, 120), soft_wrap=False).print(dy)
        if len(rows) > _DYAD_ROWS_SHOWN:
            out.print(
                f"(first {_DYAD_ROWS_SHOWN} of {len(rows)} dyads shown; --json or --out has all)"
            )
    status = "converged" if bool(res.converged) else "did not converge"
    out.print(
        f"Forecast: {float(res.forecast):.3f} after {int(res.rounds_run)} round(s); {status}.",
        highlight=False,
    )


def _write_out(
    directory: Path, table: ActorTable, res: BargainingResult, force: bool
) -> list[Path]:
    import pandas as pd

    from equipoise import __version__

    doc = _document(table, res)
    frames: dict[str, pd.DataFrame] = {
        "forecast": pd.DataFrame(
            [{k: v for k, v in r.items() if k != "positions"} for r in doc["rounds"]]
        ),
        "positions": pd.DataFrame(
            [
                {"round": r["round"], "actor": name, "position": x}
                for r in doc["rounds"]
                for name, x in r["positions"].items()
            ]
        ),
    }
    if doc["dyads"]:
        frames["dyads"] = pd.DataFrame(doc["dyads"])
    targets = [directory / f"{stem}.{ext}" for stem in frames for ext in ("parquet", "csv")]
    targets.append(directory / "metadata.json")
    existing = [p for p in targets if p.exists()]
    if existing and not force:
        raise InputError(
            [Problem("already exists; use --force to overwrite", file=str(p)) for p in existing]
        )
    if directory.exists() and not directory.is_dir():
        raise InputError(Problem("exists and is not a directory", file=str(directory)))
    directory.mkdir(parents=True, exist_ok=True)
    for stem, frame in frames.items():
        frame.to_parquet(directory / f"{stem}.parquet", index=False)
        frame.to_csv(directory / f"{stem}.csv", index=False)
    meta = {
        "format": "equipoise.bargain",
        "format_version": OUT_FORMAT_VERSION,
        "equipoise_version": __version__,
        "model": doc["model"],
        "options": doc["options"],
        "input": doc["input"],
        "notes": doc["notes"],
        "forecast": doc["forecast"],
        "rounds_run": doc["rounds_run"],
        "converged": doc["converged"],
        "risk_exponents_round_1": doc["risk_exponents_round_1"],
        "tables": sorted(frames),
    }
    (directory / "metadata.json").write_text(
        json.dumps(_jsonable(meta), indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    return targets


@app.command("bargain")
def bargain_command(
    actors: Annotated[
        Path | None,
        typer.Argument(
            help="CSV with columns actor, capability, position, salience (one row per actor).",
            show_default=False,
        ),
    ] = None,
    example: Annotated[
        bool,
        typer.Option("--example", help="Run the published example (Bueno de Mesquita 1994)."),
    ] = False,
    model: Annotated[str, typer.Option("--model", help="eu | compromise | median.")] = "eu",
    rounds: Annotated[int, typer.Option("--rounds", min=0, help="Rounds of the eu model.")] = 10,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
    out_dir: Annotated[
        Path | None,
        typer.Option("--out", help="Write Parquet and CSV tables and metadata.json to DIR."),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite files in --out.")] = False,
    scale: Annotated[
        str | None,
        typer.Option("--scale", help="Position scale LOW,HIGH (default: the data's range)."),
    ] = None,
    salience_scale: Annotated[
        str, typer.Option("--salience-scale", help="auto | unit (0-1) | percent (0-100).")
    ] = "auto",
    q: Annotated[
        float, typer.Option("--q", min=0.0, max=1.0, help="Status-quo probability Q.")
    ] = 1.0,
    t: Annotated[
        float | None,
        typer.Option("--t", min=0.0, max=1.0, help="T (default: from the paper's cases)."),
    ] = None,
    stop_threshold: Annotated[
        float | None,
        typer.Option(
            "--stop-threshold", min=0.0, help="Stop when the median moves less than this."
        ),
    ] = None,
    range_mode: Annotated[str, typer.Option("--range", help="fixed | recomputed.")] = "fixed",
    utility_risk: Annotated[
        str, typer.Option("--utility-risk", help="observer | owner.")
    ] = "observer",
    target_salience: Annotated[
        str, typer.Option("--target-salience", help="target | challenger (eq. 25b misprint).")
    ] = "target",
    compromise_condition: Annotated[
        str, typer.Option("--compromise-condition", help="figure | text (§6.1 as printed).")
    ] = "figure",
    probability_denominator: Annotated[
        str,
        typer.Option("--probability-denominator", help="all_dyads | dyad (eq. 31 as printed)."),
    ] = "all_dyads",
    probability_votes: Annotated[
        str, typer.Option("--probability-votes", help="risk | linear (eq. 31 as printed).")
    ] = "risk",
    risk: Annotated[str, typer.Option("--risk", help="bdm1985 | neutral.")] = "bdm1985",
    offer_selection: Annotated[
        str,
        typer.Option("--offer-selection", help="weighted_point | least_move | most_enforceable."),
    ] = "weighted_point",
    confrontation: Annotated[
        str, typer.Option("--confrontation", help="loser_moves | no_move.")
    ] = "loser_moves",
    capitulation: Annotated[
        bool,
        typer.Option("--capitulation/--no-capitulation", help="Whether capitulation moves i."),
    ] = True,
) -> None:
    """Forecast an issue with a bargaining model: expected utility, compromise or median.

    Prints the forecast per round, every actor's position per round and (eu model) the
    first round's dyads; --json prints the same as one object, --out writes tables.
    """
    from equipoise.engines.bargaining import EXAMPLE_CSV, EUOptions, bargain
    from equipoise.io.actors_csv import read_actors_csv

    _choice(model, _MODELS, "--model")
    _choice(salience_scale, ("auto", "unit", "percent"), "--salience-scale")
    parsed_scale = _parse_scale(scale)
    with guarded(as_json=as_json):
        if example == (actors is not None):
            raise typer.BadParameter(
                "give either an ACTORS.csv file or --example", param_hint="ACTORS"
            )
        path = EXAMPLE_CSV if example else actors
        assert path is not None
        table = read_actors_csv(
            path,
            scale=parsed_scale,
            salience_scale=salience_scale,  # type: ignore[arg-type]
        )
        try:
            opts = EUOptions(
                Q=q,
                T=t,
                range_mode=range_mode,  # type: ignore[arg-type]
                utility_risk=utility_risk,  # type: ignore[arg-type]
                target_salience=target_salience,  # type: ignore[arg-type]
                compromise_condition=compromise_condition,  # type: ignore[arg-type]
                probability_denominator=probability_denominator,  # type: ignore[arg-type]
                probability_votes=probability_votes,  # type: ignore[arg-type]
                risk=risk,  # type: ignore[arg-type]
                offer_selection=offer_selection,  # type: ignore[arg-type]
                capitulation=capitulation,
                confrontation=confrontation,  # type: ignore[arg-type]
                stop_threshold=stop_threshold,
            )
        except ValueError as exc:
            raise typer.BadParameter(str(exc)) from None
        engine_scale = table.scale if table.scale[1] > table.scale[0] else None
        res = bargain(
            model,  # type: ignore[arg-type]
            table.capability,
            table.position,
            table.salience,
            scale=engine_scale,
            rounds=rounds,
            options=opts,
        )
        if as_json:
            emit_json(_document(table, res))
        else:
            for note in table.notes:
                err.print(f"note: {note}", highlight=False, markup=False)
            _print_tables(table, res)
        if out_dir is not None:
            written = _write_out(out_dir, table, res, force)
            if not as_json:
                out.print(f"Wrote {len(written)} files to {out_dir}.", highlight=False)


__all__ = ["bargain_command"]
