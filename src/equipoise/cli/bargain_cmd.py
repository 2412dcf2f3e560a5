"""The ``bargain`` command: run a bargaining model on an actor table (CSV)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from equipoise.cli._app import app
from equipoise.cli._common import _jsonable, emit_json, err, guarded, out
from equipoise.errors import InputError, Problem

if TYPE_CHECKING:  # numpy, pyarrow and the engine load when the command runs
    import pyarrow as pa

    from equipoise.engines.bargaining import BargainingResult, EUOptions
    from equipoise.engines.bargaining.dyads import FirstRound
    from equipoise.io.actors_csv import ActorTable

_MODELS = ("eu", "compromise", "median")
#: First-round dyads printed and put in --json unless --dyads says otherwise.
DEFAULT_DYADS = 20
#: Up to this many actors the positions table shows every one; above, the movers.
_ACTOR_ROWS_SHOWN = 40
_TOP_ACTORS = 20
_OUT_DYADS = ("all", "shown", "none")
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
    positions = res.positions.tolist()
    for t in range(res.positions.shape[-2]):
        records.append(
            {
                "round": t,
                "median": float(res.median[t]),
                "mean": float(res.mean[t]),
                "forecast": float(res.mean[t] if res.model == "compromise" else res.median[t]),
                "positions": dict(zip(table.names, positions[t], strict=True)),
            }
        )
    return records


@dataclass(frozen=True)
class _Dyads:
    """The first round's dyads a command reports (all of them stay a stream away)."""

    first: FirstRound | None  # None: no dyads (a baseline model, or no round run)
    records: list[dict[str, Any]]  # the ranked few that are shown / put in --json
    total: int

    @property
    def risk(self) -> list[float] | None:
        return None if self.first is None else self.first.risk.tolist()


def _dyads(table: ActorTable, res: BargainingResult, opts: EUOptions, k: int) -> _Dyads:
    """Return the ``k`` shown dyads of round 1, as the engine ranked them inside the round.

    The engine hands back the round's probabilities and risk exponents with its top ``k``
    (``top_dyads=k``), so only the rows of the shown dyads are computed again here.
    """
    from equipoise.engines.bargaining.dyads import FirstRound, dyad_records, top_dyads

    if res.model != "eu" or not res.options.get("rounds"):  # the engine ran no round
        return _Dyads(None, [], 0)
    engine_scale = table.scale if table.scale[1] > table.scale[0] else None
    first = FirstRound(
        table.capability,
        table.position,
        table.salience,
        scale=engine_scale,
        options=opts,
        kept=res.first_round,
    )
    if res.first_round is not None:
        ii, jj = res.first_round.top_challengers, res.first_round.top_targets
    else:
        ii, jj = top_dyads(first, k)
    records = dyad_records(first, ii, jj, table.names)
    return _Dyads(first, records, first.n * (first.n - 1))


def _cycle(table: ActorTable, res: BargainingResult) -> dict[str, Any] | None:
    """Return the cycle report of the run (``docs/models/bargaining.md``, "Cycles").

    ``detected`` says whether the rounds end on a cycle; if so, its period and first round,
    the range of the forecast over one period (``low``, ``high``), its mean (``summary``, the
    stable forecast of a cycling run) and each actor's range of positions over the period.
    ``None`` for the static models, which run no rounds.
    """
    if res.cycle is None:
        return None
    record = res.cycle.records(0)
    for key in ("position_low", "position_high"):
        if key in record:
            record[key] = dict(zip(table.names, record[key], strict=True))
    return record


def _status(res: BargainingResult) -> str:
    """Say in words how the rounds ended: converged, a cycle, or neither."""
    rounds = int(res.rounds_run)
    if bool(res.converged):
        return f"Forecast: {float(res.forecast):.3f} after {rounds} round(s); converged."
    cyc = res.cycle
    if cyc is not None and bool(cyc.detected.reshape(-1)[0]):
        period = int(cyc.period.reshape(-1)[0])
        start = int(cyc.start.reshape(-1)[0])
        low, high = float(cyc.low.reshape(-1)[0]), float(cyc.high.reshape(-1)[0])
        summary = float(cyc.summary.reshape(-1)[0])
        return (
            f"Forecast: the rounds cycle with a period of {period} round(s) from round "
            f"{start}: the weighted median goes between {low:.3f} and {high:.3f}, mean over a "
            f"period {summary:.3f} (the stable forecast of a cycling run). The last round's "
            f"median, {float(res.forecast):.3f}, is one phase of the cycle."
        )
    seen = (
        ""
        if res.model != "eu"
        else (
            f"; no cycle in {rounds} round(s) (a cycle is reported once its period has repeated "
            "twice: run more --rounds to look further)"
        )
    )
    return f"Forecast: {float(res.forecast):.3f} after {rounds} round(s); did not converge{seen}."


def _header(table: ActorTable, res: BargainingResult, dyads: _Dyads) -> dict[str, Any]:
    """Return what the JSON document and the ``--out`` metadata both say of a run."""
    risk = dyads.risk
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
        "cycle": _cycle(table, res),
        "risk_exponents_round_1": (
            None if risk is None else dict(zip(table.names, risk, strict=True))
        ),
    }


def _document(table: ActorTable, res: BargainingResult, dyads: _Dyads) -> dict[str, Any]:
    from equipoise.engines.bargaining.dyads import RANKING

    return {
        **_header(table, res, dyads),
        "rounds": _rounds_records(table, res),
        "dyads_total": dyads.total,
        "dyads_ranking": RANKING if dyads.first is not None else None,
        "dyads": dyads.records,
    }


def _moved_most(table: ActorTable, res: BargainingResult, k: int) -> list[int]:
    """Return the ``k`` actors whose position moved most over the run (ties: file order)."""
    import numpy as np

    moved = np.abs(res.positions[-1] - res.positions[0])
    return sorted(np.argsort(-moved, kind="stable")[:k].tolist())


def _print_tables(table: ActorTable, res: BargainingResult, dyads: _Dyads) -> None:
    label = {"eu": "expected utility", "compromise": "compromise", "median": "median voter"}
    fc = Table(title=f"Forecast per round ({label[res.model]} model)", title_justify="left")
    for col in ("round", "median", "mean", "model forecast"):
        fc.add_column(col, justify="right")
    n_rounds = res.positions.shape[-2]
    for t in range(n_rounds):
        forecast = res.mean[t] if res.model == "compromise" else res.median[t]
        fc.add_row(str(t), f"{res.median[t]:.3f}", f"{res.mean[t]:.3f}", f"{forecast:.3f}")
    out.print(fc)

    n = len(table.names)
    shown = list(range(n)) if n <= _ACTOR_ROWS_SHOWN else _moved_most(table, res, _TOP_ACTORS)
    title = "Positions per round (round 0 = input)"
    if len(shown) < n:
        title += f": the {len(shown)} of {n:,} actors who moved most"
    pos = Table(title=title, title_justify="left")
    pos.add_column("actor")
    for t in range(n_rounds):
        pos.add_column(str(t), justify="right")
    columns = res.positions.T  # (n, rounds + 1)
    for k in shown:
        pos.add_row(table.names[k], *(f"{v:.2f}" for v in columns[k].tolist()))
    out.print(pos)
    if len(shown) < n:
        out.print("(every actor's positions: --json or --out)", highlight=False)

    if dyads.first is not None and dyads.records:
        dy = Table(
            title=(
                "Round 1 dyads: i challenges j, expected utilities as each side sees them "
                f"({len(dyads.records):,} of {dyads.total:,}: accepted offers first, then by "
                "EU_i(ij))"
            ),
            title_justify="left",
        )
        for col in ("i", "j"):
            dy.add_column(col, no_wrap=True)
        for col in ("EU_i(ij)", "EU_i(ji)", "EU_j(ji)", "EU_j(ij)"):
            dy.add_column(col, justify="right", no_wrap=True)
        dy.add_column("region (i's view)", no_wrap=True)
        dy.add_column("offer", justify="right", no_wrap=True)
        dy.add_column("taken", no_wrap=True)
        for row in dyads.records:
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
    if len(dyads.records) < dyads.total:
        out.print(
            f"(--dyads K shows more; --out writes all {dyads.total:,} dyads)", highlight=False
        )
    out.print(_status(res), highlight=False)


_DYAD_COLUMNS = (
    "challenger",
    "target",
    "eu_i_ij",
    "eu_i_ji",
    "eu_j_ji",
    "eu_j_ij",
    "probability",
    "region",
    "offer",
    "accepted",
)


def _out_targets(directory: Path, stems: list[str] | tuple[str, ...]) -> list[Path]:
    paths = [directory / f"{stem}.{ext}" for stem in stems for ext in ("parquet", "csv")]
    return [*paths, directory / "metadata.json"]


def _refuse_existing(directory: Path, stems: list[str] | tuple[str, ...]) -> None:
    existing = [p for p in _out_targets(directory, stems) if p.exists()]
    if existing:
        raise InputError(
            [Problem("already exists; use --force to overwrite", file=str(p)) for p in existing]
        )


class _TableFiles:
    """One table written as Parquet and CSV side by side, a chunk at a time."""

    def __init__(self, directory: Path, stem: str, schema: pa.Schema) -> None:
        import pyarrow as pa
        import pyarrow.csv as pa_csv
        import pyarrow.parquet as pq

        # dictionary pages only for the names and labels: random floats never repeat
        strings = [f.name for f in schema if pa.types.is_string(f.type)]
        self._parquet = pq.ParquetWriter(
            directory / f"{stem}.parquet", schema, use_dictionary=strings
        )
        self._csv = pa_csv.CSVWriter(directory / f"{stem}.csv", schema)
        self.rows = 0

    def write(self, chunk: pa.Table) -> None:
        self._parquet.write_table(chunk)
        self._csv.write_table(chunk)
        self.rows += chunk.num_rows

    def close(self) -> None:
        self._parquet.close()
        self._csv.close()


def _dyad_chunks(
    table: ActorTable, dyads: _Dyads, which: str, schema: pa.Schema
) -> Iterator[pa.Table]:
    """Yield the dyad table as Arrow chunks: every dyad (streamed) or the shown ones."""
    import pyarrow as pa

    from equipoise.engines.bargaining import REGIONS

    if which == "shown":
        yield pa.Table.from_pylist(dyads.records, schema=schema)
        return
    assert dyads.first is not None
    names = pa.array(table.names, type=pa.string())
    regions = pa.array(REGIONS, type=pa.string())
    for cols in dyads.first.table_chunks():
        arrays = {
            "challenger": names.take(cols["challenger"]),
            "target": names.take(cols["target"]),
            **{k: pa.array(cols[k]) for k in ("eu_i_ij", "eu_i_ji", "eu_j_ji", "eu_j_ij")},
            "probability": pa.array(cols["probability"]),
            "region": regions.take(cols["region"]),
            "offer": pa.array(cols["offer"], from_pandas=True),  # NaN (no move) -> null
            "accepted": pa.array(cols["accepted"]),
        }
        yield pa.table([arrays[k] for k in _DYAD_COLUMNS], schema=schema)


def _write_out(
    directory: Path,
    table: ActorTable,
    res: BargainingResult,
    dyads: _Dyads,
    which: str,
    force: bool,
) -> list[Path]:
    import pyarrow as pa

    from equipoise import __version__

    rounds = range(res.positions.shape[-2])
    n = len(table.names)
    small: dict[str, pa.Table] = {
        "forecast": pa.table(
            {
                "round": pa.array(list(rounds), type=pa.int64()),
                "median": pa.array(res.median, type=pa.float64()),
                "mean": pa.array(res.mean, type=pa.float64()),
                "forecast": pa.array(
                    res.mean if res.model == "compromise" else res.median, type=pa.float64()
                ),
            }
        ),
        "positions": pa.table(
            {
                "round": pa.array([t for t in rounds for _ in range(n)], type=pa.int64()),
                "actor": pa.array(table.names * len(rounds), type=pa.string()),
                "position": pa.array(res.positions.reshape(-1), type=pa.float64()),
            }
        ),
    }
    with_dyads = dyads.first is not None and which != "none"
    stems = [*small, *(["dyads"] if with_dyads else [])]
    targets = _out_targets(directory, stems)
    if not force:
        _refuse_existing(directory, stems)
    if directory.exists() and not directory.is_dir():
        raise InputError(Problem("exists and is not a directory", file=str(directory)))
    directory.mkdir(parents=True, exist_ok=True)
    for stem, frame in small.items():
        files = _TableFiles(directory, stem, frame.schema)
        files.write(frame)
        files.close()
    dyad_rows = 0
    if with_dyads:
        schema = pa.schema(
            [
                ("challenger", pa.string()),
                ("target", pa.string()),
                *((k, pa.float64()) for k in ("eu_i_ij", "eu_i_ji", "eu_j_ji", "eu_j_ij")),
                ("probability", pa.float64()),
                ("region", pa.string()),
                ("offer", pa.float64()),
                ("accepted", pa.bool_()),
            ]
        )
        files = _TableFiles(directory, "dyads", schema)
        try:
            for chunk in _dyad_chunks(table, dyads, which, schema):
                files.write(chunk)
        finally:
            files.close()
        dyad_rows = files.rows
    meta = {
        "format": "equipoise.bargain",
        "format_version": OUT_FORMAT_VERSION,
        "equipoise_version": __version__,
        **_header(table, res, dyads),
        "dyads_table": which if with_dyads else "none",
        "dyads_rows": dyad_rows,
        "dyads_total": dyads.total,
        "tables": sorted(stems),
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
    n_dyads: Annotated[
        int,
        typer.Option(
            "--dyads",
            min=0,
            metavar="K",
            help=(
                "First-round dyads to print and to put in --json: the K that matter most "
                "(accepted offers, then the challenger's expected utility)."
            ),
        ),
    ] = DEFAULT_DYADS,
    out_dyads: Annotated[
        str,
        typer.Option(
            "--out-dyads",
            help=(
                "Dyad table in --out: all (every ordered pair, n(n-1) rows, streamed) | "
                "shown (the --dyads K) | none."
            ),
        ),
    ] = "all",
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

    Prints the forecast per round, the actors' positions per round and (eu model) the first
    round's K most telling dyads; --json prints the same as one object (every actor, K
    dyads), --out writes tables (with every dyad unless --out-dyads says otherwise).
    """
    from equipoise.engines.bargaining import EXAMPLE_CSV, EUOptions, bargain
    from equipoise.engines.bargaining.expected_utility import run_expected_utility
    from equipoise.io.actors_csv import read_actors_csv

    _choice(model, _MODELS, "--model")
    _choice(salience_scale, ("auto", "unit", "percent"), "--salience-scale")
    _choice(out_dyads, _OUT_DYADS, "--out-dyads")
    parsed_scale = _parse_scale(scale)
    with guarded(as_json=as_json):
        if out_dir is not None and not force:  # refuse before the work, not after
            _refuse_existing(out_dir, ("forecast", "positions", "dyads"))
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
        if model == "eu":  # the dyads come from _dyads, a block at a time, not n x n arrays
            res = run_expected_utility(
                table.capability,
                table.position,
                table.salience,
                scale=engine_scale,
                rounds=rounds,
                options=opts,
                keep_dyads=False,
                top_dyads=n_dyads,
            )
        else:
            res = bargain(
                model,  # type: ignore[arg-type]
                table.capability,
                table.position,
                table.salience,
                scale=engine_scale,
                rounds=rounds,
                options=opts,
            )
        dyads = _dyads(table, res, opts, n_dyads)
        if as_json:
            emit_json(_document(table, res, dyads))
        else:
            for note in table.notes:
                err.print(f"note: {note}", highlight=False, markup=False)
            _print_tables(table, res, dyads)
        if out_dir is not None:
            written = _write_out(out_dir, table, res, dyads, out_dyads, force)
            if not as_json:
                out.print(f"Wrote {len(written)} files to {out_dir}.", highlight=False)


__all__ = ["bargain_command"]
