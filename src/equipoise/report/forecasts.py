"""Figures and pages of forecasts, backtests and scored claims (the report's measurement sections).

Pure figure builders return :class:`~equipoise.report.figures._base.FigureSpec` (plotly JSON,
alternative text, the same numbers as a table); :func:`measurement_page` puts any of them in
one self-contained HTML page (plotly.js inlined, nothing fetched).

* :func:`fan_figure` — a forecast's median with its 50 % and 90 % bands from the last
  observation on, per unit (``equipoise forecast --report``).
* :func:`skill_figure`, :func:`pit_figure`, :func:`worst_table_figure` — a hindcast's CRPS
  skill by horizon against climatological persistence, the model's PIT histogram (flat when
  calibrated; Gneiting, Balabdaoui & Raftery 2007) and its worst-forecast units
  (``equipoise hindcast --report``).
* :func:`reliability_figure` — the reliability diagram of scored claims (Bröcker & Smith 2007;
  ``equipoise score --report``).
* :func:`posterior_figure_of`, :func:`generations_figure_of`, :func:`cases_figure_of` — a
  stored calibration (``equipoise calibrate``): each parameter's weighted posterior histogram
  over its prior with the 5/50/95 % quantiles, the tolerance and distances by generation
  (ABC-SMC, ``docs/models/calibration.md`` §3) and the fitted and skipped cases.
"""

from __future__ import annotations

import html
import itertools
import json
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from equipoise.report.figures._base import ACTOR_PALETTE, DataTable, FigureSpec, _rgba, num

if TYPE_CHECKING:
    import pandas as pd

    from equipoise.experiments.plans.forecast import Forecast
    from equipoise.experiments.plans.hindcast import Hindcast
    from equipoise.experiments.resolutions import ClaimScores

#: Units drawn in a fan chart (the table has every unit).
FAN_UNITS = 12


def _table(
    columns: Sequence[str], rows: Sequence[Sequence[Any]], *, numeric: Sequence[bool]
) -> DataTable:
    return DataTable(tuple(columns), tuple(tuple(r) for r in rows), tuple(numeric))


def _unit(a: str, b: str) -> str:
    return f"{a}–{b}" if b else a


def fan_figure(result: Forecast, *, units: int = FAN_UNITS) -> FigureSpec:
    """Return the fan chart of a forecast: median, 50 % and 90 % bands, from the last observation."""
    return fan_figure_of(
        result.table, observable=result.observable, origin=result.origin, units=units
    )


def fan_figure_of(
    frame: pd.DataFrame,
    *,
    observable: str,
    origin: int,
    units: int = FAN_UNITS,
    key: str = "forecast-fan",
) -> FigureSpec:
    """Return the fan chart of a stored ``forecast`` table (:func:`fan_figure`)."""
    traces: list[dict[str, Any]] = []
    rows: list[list[Any]] = []
    groups = list(frame.groupby(["a", "b"], sort=False))
    for n, ((a, b), g) in enumerate(groups[:units]):
        color = ACTOR_PALETTE[n % len(ACTOR_PALETTE)]
        name = _unit(str(a), str(b))
        first = g.iloc[0]
        x = [int(first["last_year"]), *map(int, g["year"])]
        last = float(first["last_observed"])
        for low, high, alpha in (("q05", "q95", 0.15), ("q25", "q75", 0.3)):
            lo = [last, *map(float, g[low])]
            hi = [last, *map(float, g[high])]
            traces.append(
                {
                    "type": "scatter",
                    "x": x + x[::-1],
                    "y": [num(v) for v in hi + lo[::-1]],
                    "fill": "toself",
                    "fillcolor": _rgba(color, alpha),
                    "line": {"width": 0},
                    "hoverinfo": "skip",
                    "legendgroup": name,
                    "showlegend": False,
                }
            )
        traces.append(
            {
                "type": "scatter",
                "mode": "lines+markers",
                "x": x,
                "y": [num(v) for v in [last, *map(float, g["q50"])]],
                "line": {"color": color},
                "name": name,
                "legendgroup": name,
            }
        )
    for r in frame.to_dict(orient="records"):
        rows.append(
            [
                _unit(str(r["a"]), str(r["b"])),
                int(r["year"]),
                num(r["q05"], 4),
                num(r["q25"], 4),
                num(r["q50"], 4),
                num(r["q75"], 4),
                num(r["q95"], 4),
                num(r["last_observed"], 4),
            ]
        )
    shown = min(units, len(groups))
    alt = (
        f"Fan chart of {observable} forecast from {origin}: median with 50 % and "
        f"90 % predictive intervals for {shown} of {len(groups)} units; the table has all."
    )
    return FigureSpec(
        key=key,
        title=f"Forecast of {observable} from {origin}",
        alt=alt,
        figure={
            "data": traces,
            "layout": {
                "height": 460,
                "xaxis": {"title": {"text": "year"}, "dtick": 1},
                "yaxis": {"title": {"text": observable}},
                "margin": {"l": 60, "r": 20, "t": 30, "b": 50},
            },
        },
        table=_table(
            ("unit", "year", "5 %", "25 %", "median", "75 %", "95 %", "last observed"),
            rows,
            numeric=(False, True, True, True, True, True, True, True),
        ),
    )


def skill_figure(result: Hindcast) -> FigureSpec:
    """Return the CRPS skill against climatological persistence by horizon, per forecaster."""
    return skill_figure_of(result.skill, observable=result.observable, origins=result.origins)


def skill_figure_of(
    skill: pd.DataFrame, *, observable: str, origins: Sequence[int], key: str = "backtest-skill"
) -> FigureSpec:
    """Return the skill figure of a stored ``skill`` table (:func:`skill_figure`)."""
    traces = []
    rows = []
    for n, (name, g) in enumerate(skill.groupby("forecaster", sort=False)):
        traces.append(
            {
                "type": "scatter",
                "mode": "lines+markers",
                "x": [int(h) for h in g["horizon"]],
                "y": [num(v, 4) for v in g["crps_skill"]],
                "name": str(name),
                "line": {"color": ACTOR_PALETTE[n % len(ACTOR_PALETTE)]},
            }
        )
        for r in g.to_dict(orient="records"):
            rows.append(
                [
                    str(name),
                    int(r["horizon"]),
                    int(r["n"]),
                    num(r["crps"], 4),
                    num(r["crps_skill"], 3),
                    num(r["cover50"], 3),
                    num(r["cover90"], 3),
                ]
            )
    model = skill.loc[skill["forecaster"] == "model"]
    said = ", ".join(
        f"{int(h)}: {v:+.2f}" for h, v in zip(model["horizon"], model["crps_skill"], strict=True)
    )
    return FigureSpec(
        key=key,
        title=f"Backtest of {observable}: CRPS skill by horizon",
        alt=(
            f"CRPS skill against climatological persistence by horizon (years), origins "
            f"{', '.join(map(str, origins))}; above 0 beats the benchmark. Model: {said}."
        ),
        figure={
            "data": traces,
            "layout": {
                "height": 380,
                "xaxis": {"title": {"text": "horizon (years)"}, "dtick": 1},
                "yaxis": {"title": {"text": "CRPS skill (1 − CRPS / climatological)"}},
                "shapes": [{"type": "line", "xref": "paper", "x0": 0, "x1": 1, "y0": 0, "y1": 0}],
                "margin": {"l": 60, "r": 20, "t": 30, "b": 50},
            },
        },
        table=_table(
            ("forecaster", "horizon", "n", "CRPS", "skill", "50 % cover", "90 % cover"),
            rows,
            numeric=(False, True, True, True, True, True, True),
        ),
    )


def pit_figure(result: Hindcast) -> FigureSpec:
    """Return the model's PIT histogram over every horizon (flat at 1 when calibrated)."""
    return pit_figure_of(result.pit)


def pit_figure_of(pit: pd.DataFrame, *, key: str = "backtest-pit") -> FigureSpec:
    """Return the PIT histogram of a stored ``pit`` table (:func:`pit_figure`)."""
    pooled = pit.groupby(["low", "high"], as_index=False)["n"].sum()
    total = max(int(pooled["n"].sum()), 1)
    k = len(pooled)
    density = [float(n) / total * k for n in pooled["n"]]
    centres = [(lo + hi) / 2 for lo, hi in zip(pooled["low"], pooled["high"], strict=True)]
    return FigureSpec(
        key=key,
        title="PIT histogram of the model's forecasts",
        alt=(
            f"Probability integral transform of {total} model forecasts in {k} bins, as a "
            "density (1 everywhere when calibrated; a U shape: too narrow; a hump: too wide)."
        ),
        figure={
            "data": [
                {"type": "bar", "x": centres, "y": [num(d, 4) for d in density], "name": "PIT"}
            ],
            "layout": {
                "height": 320,
                "xaxis": {"title": {"text": "PIT"}, "range": [0, 1]},
                "yaxis": {"title": {"text": "density"}},
                "shapes": [{"type": "line", "xref": "paper", "x0": 0, "x1": 1, "y0": 1, "y1": 1}],
                "margin": {"l": 60, "r": 20, "t": 30, "b": 50},
            },
        },
        table=_table(
            ("from", "to", "forecasts", "density"),
            [
                [num(lo, 2), num(hi, 2), int(n), num(d, 3)]
                for lo, hi, n, d in zip(
                    pooled["low"], pooled["high"], pooled["n"], density, strict=True
                )
            ],
            numeric=(True, True, True, True),
        ),
    )


def worst_table_figure(result: Hindcast) -> FigureSpec:
    """Return the model's worst-forecast units as a bar chart of their mean CRPS."""
    return worst_figure_of(result.worst)


def worst_figure_of(worst: pd.DataFrame, *, key: str = "backtest-worst") -> FigureSpec:
    """Return the worst-units figure of a stored ``worst`` table (:func:`worst_table_figure`)."""
    names = [_unit(str(a), str(b)) for a, b in zip(worst["a"], worst["b"], strict=True)]
    return FigureSpec(
        key=key,
        title="Worst-forecast units (mean CRPS of the model)",
        alt="The units whose forecasts scored worst over every origin and horizon: "
        + ", ".join(names[:5])
        + ".",
        figure={
            "data": [
                {
                    "type": "bar",
                    "orientation": "h",
                    "y": names[::-1],
                    "x": [num(v, 4) for v in worst["crps"]][::-1],
                }
            ],
            "layout": {
                "height": 60 + 24 * max(len(names), 1),
                "xaxis": {"title": {"text": "mean CRPS"}},
                "margin": {"l": 90, "r": 20, "t": 30, "b": 50},
            },
        },
        table=_table(
            ("unit", "forecasts", "mean CRPS", "|median error|", "90 % cover"),
            [
                [
                    n,
                    int(r["n_forecasts"]),
                    num(r["crps"], 4),
                    num(r["ae_median"], 4),
                    num(r["cover90"], 3),
                ]
                for n, r in zip(names, worst.to_dict(orient="records"), strict=True)
            ],
            numeric=(False, True, True, True, True),
        ),
    )


def reliability_figure(scores: ClaimScores) -> FigureSpec:
    """Return the reliability diagram of the model's and the holders' probabilities."""
    traces: list[dict[str, Any]] = [
        {
            "type": "scatter",
            "mode": "lines",
            "x": [0, 1],
            "y": [0, 1],
            "name": "perfectly reliable",
            "line": {"dash": "dot", "color": "#888"},
        }
    ]
    rows = []
    for n, (who, bins) in enumerate(scores.reliability.items()):
        used = [b for b in bins if b.n]
        traces.append(
            {
                "type": "scatter",
                "mode": "lines+markers",
                "x": [num(b.mean_probability, 4) for b in used],
                "y": [num(b.observed_frequency, 4) for b in used],
                "text": [f"n = {b.n}" for b in used],
                "name": who,
                "line": {"color": ACTOR_PALETTE[n % len(ACTOR_PALETTE)]},
            }
        )
        rows += [
            [who, num(b.low, 2), num(b.high, 2), b.n, num(b.mean_probability, 3),
             num(b.observed_frequency, 3)]
            for b in used
        ]  # fmt: skip
    return FigureSpec(
        key="claims-reliability",
        title="Reliability of the probabilities given to resolved claims",
        alt=(
            f"Observed frequency against forecast probability over {scores.n} resolved claims, "
            "for the model and the holders; a reliable forecaster lies on the diagonal."
        ),
        figure={
            "data": traces,
            "layout": {
                "height": 420,
                "xaxis": {"title": {"text": "forecast probability"}, "range": [0, 1]},
                "yaxis": {"title": {"text": "observed frequency"}, "range": [0, 1]},
                "margin": {"l": 60, "r": 20, "t": 30, "b": 50},
            },
        },
        table=_table(
            ("forecaster", "from", "to", "claims", "mean P", "observed"),
            rows,
            numeric=(False, True, True, True, True, True),
        ),
    )


def posterior_figure_of(
    particles: pd.DataFrame,
    posterior: pd.DataFrame,
    *,
    parameter: str,
    prior: tuple[float, float] | None = None,
    key: str = "calibration-posterior",
    bins: int = 20,
) -> FigureSpec:
    """Return the weighted histogram of one parameter in the last generation, over its prior.

    Parameters
    ----------
    particles : pandas.DataFrame
        The run's ``particles`` table (``generation``, the parameters, ``weight``).
    posterior : pandas.DataFrame
        The run's ``posterior`` result (``parameter, mean, sd, q05 ... q95``).
    parameter : str
    prior : (float, float), optional
        The prior's support (the histogram's range); default the particles' range.
    key : str
    bins : int, default 20

    Returns
    -------
    FigureSpec
    """
    import numpy as np

    last = particles.loc[particles["generation"] == particles["generation"].max()]
    values = last[parameter].to_numpy(dtype=np.float64)
    weights = last["weight"].to_numpy(dtype=np.float64)
    low, high = prior if prior is not None else (float(values.min()), float(values.max()))
    if not high > low:
        high = low + 1e-9
    density, edges = np.histogram(values, bins=bins, range=(low, high), weights=weights)
    total = float(density.sum()) or 1.0
    share = density / total
    row = posterior.loc[posterior["parameter"] == parameter].iloc[0]
    marks = [("5 %", float(row["q05"])), ("median", float(row["q50"])), ("95 %", float(row["q95"]))]
    return FigureSpec(
        key=key,
        title=f"Posterior of {parameter}",
        alt=(
            f"Weighted histogram of {parameter} over its prior {low:g}–{high:g} in the last "
            f"generation ({len(values)} particles): median {row['q50']:.4g}, 90 % interval "
            f"{row['q05']:.4g}–{row['q95']:.4g}, mean {row['mean']:.4g} (sd {row['sd']:.3g})."
        ),
        figure={
            "data": [
                {
                    "type": "bar",
                    "x": [num((a + b) / 2, 5) for a, b in itertools.pairwise(edges)],
                    "y": [num(v, 4) for v in share],
                    "width": float(edges[1] - edges[0]),
                    "name": parameter,
                }
            ],
            "layout": {
                "height": 300,
                "xaxis": {"title": {"text": parameter}, "range": [low, high]},
                "yaxis": {"title": {"text": "posterior weight"}},
                "shapes": [
                    {
                        "type": "line",
                        "x0": v,
                        "x1": v,
                        "yref": "paper",
                        "y0": 0,
                        "y1": 1,
                        "line": {"dash": "solid" if name == "median" else "dot"},
                    }
                    for name, v in marks
                ],
                "margin": {"l": 60, "r": 20, "t": 30, "b": 50},
            },
        },
        table=_table(
            ("statistic", parameter),
            [
                ["prior", f"U({low:g}, {high:g})"],
                *[[q, num(row[q], 4)] for q in ("mean", "sd", "q05", "q25", "q50", "q75", "q95")],
            ],
            numeric=(False, True),
        ),
    )


def generations_figure_of(
    generations: pd.DataFrame, *, key: str = "calibration-generations"
) -> FigureSpec:
    """Return the tolerance and the best and median distance of each ABC-SMC generation."""
    gens = [int(g) for g in generations["generation"]]
    traces = [
        {
            "type": "scatter",
            "mode": "lines+markers",
            "x": gens,
            "y": [num(v, 5) for v in generations[col]],
            "name": label,
            "line": {"color": ACTOR_PALETTE[n]},
        }
        for n, (col, label) in enumerate(
            (("epsilon", "tolerance"), ("median", "median distance"), ("best", "best distance"))
        )
    ]
    final = generations.iloc[-1]
    return FigureSpec(
        key=key,
        title="Calibration: tolerance and distances by generation",
        alt=(
            f"{len(gens)} generations of ABC-SMC; the distance is the CRPS relative to "
            "climatological persistence without drift (below 1 beats it). Last generation: "
            f"tolerance {num(final['epsilon'], 4)}, best {final['best']:.4f}, median "
            f"{final['median']:.4f}, acceptance {final['acceptance']:.2f}."
        ),
        figure={
            "data": traces,
            "layout": {
                "height": 320,
                "xaxis": {"title": {"text": "generation"}, "dtick": 1},
                "yaxis": {"title": {"text": "distance (relative CRPS)"}},
                "shapes": [{"type": "line", "xref": "paper", "x0": 0, "x1": 1, "y0": 1, "y1": 1}],
                "margin": {"l": 60, "r": 20, "t": 30, "b": 50},
            },
        },
        table=_table(
            ("generation", "tolerance", "proposals", "acceptance", "ESS", "best", "median"),
            [
                [
                    int(r["generation"]),
                    num(r["epsilon"], 4),
                    int(r["proposals"]),
                    num(r["acceptance"], 2),
                    num(r["ess"], 1),
                    num(r["best"], 4),
                    num(r["median"], 4),
                ]
                for r in generations.to_dict(orient="records")
            ],
            numeric=(True, True, True, True, True, True, True),
        ),
    )


def cases_figure_of(
    cases: Sequence[str], skipped: Sequence[str], *, key: str = "calibration-cases"
) -> FigureSpec:
    """Return the fitted cases (their scored outcomes) and the skipped ones with the reason.

    ``cases`` are labels like ``"G20@2005 (684 outcomes)"``; ``skipped`` are ``"label: reason"``.
    """
    import re

    names: list[str] = []
    counts: list[int] = []
    for label in cases:
        m = re.match(r"^(.*) \((\d+) outcomes\)$", label)
        names.append(m.group(1) if m else label)
        counts.append(int(m.group(2)) if m else 0)
    rows: list[list[Any]] = [[n, c, "fitted"] for n, c in zip(names, counts, strict=True)]
    rows += [[str(sk), None, "skipped"] for sk in skipped]
    return FigureSpec(
        key=key,
        title="Calibration: the fitted cases",
        alt=(
            f"{len(cases)} cases fitted ({sum(counts)} scored outcomes)"
            + (
                f"; {len(skipped)} skipped: " + "; ".join(map(str, skipped))
                if skipped
                else "; none skipped"
            )
            + "."
        ),
        figure={
            "data": [{"type": "bar", "orientation": "h", "y": names[::-1], "x": counts[::-1]}],
            "layout": {
                "height": 60 + 24 * max(len(names), 1),
                "xaxis": {"title": {"text": "scored outcomes"}},
                "margin": {"l": 160, "r": 20, "t": 30, "b": 50},
            },
        },
        table=_table(("case", "outcomes", "status"), rows, numeric=(False, True, False)),
    )


def measurement_page(figures: Sequence[FigureSpec], *, title: str, intro: str = "") -> str:
    """Return one self-contained HTML page with ``figures`` (plotly.js inlined) and their tables."""
    from equipoise.plotlyjs import bundle_for, script_text, trace_types

    script = script_text(bundle_for(trace_types(f.figure for f in figures)))
    parts = [
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>",
        f"<title>{html.escape(title)}</title>",
        "<style>body{font-family:system-ui,sans-serif;max-width:1000px;margin:2em auto;}"
        "table{border-collapse:collapse;font-size:.85em}td,th{border:1px solid #ccc;"
        "padding:2px 6px}td.n{text-align:right}</style>",
        f"<script>{script}</script></head><body>",
        f"<h1>{html.escape(title)}</h1>",
    ]
    if intro:
        parts.append(f"<p>{html.escape(intro)}</p>")
    for f in figures:
        payload = json.dumps(f.figure, allow_nan=False).replace("</", "<\\/")
        parts.append(f"<section><h2>{html.escape(f.title)}</h2>")
        parts.append(
            f"<div id='{html.escape(f.key)}' role='img' aria-label='{html.escape(f.alt)}'></div>"
        )
        parts.append(f"<p>{html.escape(f.alt)}</p>")
        parts.append(
            f"<script>(function(){{var s={payload};"
            f"Plotly.newPlot('{f.key}',s.data,s.layout,{{responsive:true}});}})();</script>"
        )
        head = "".join(f"<th>{html.escape(c)}</th>" for c in f.table.columns)
        body = "".join(
            "<tr>"
            + "".join(
                f"<td class='{'n' if isnum else ''}'>{html.escape('–' if v is None else str(v))}</td>"
                for v, isnum in zip(row, f.table.numeric, strict=False)
            )
            + "</tr>"
            for row in f.table.rows
        )
        parts.append(
            f"<details><summary>Table</summary><table><tr>{head}</tr>{body}</table></details>"
        )
        parts.append("</section>")
    parts.append("</body></html>")
    return "\n".join(parts)


def write_page(text: str, path: Path) -> None:
    """Write a page to ``path``, never over an existing file (located error)."""
    from equipoise.errors import InputError, Problem

    try:
        with open(path, "x", encoding="utf-8") as handle:
            handle.write(text)
    except FileExistsError:
        raise InputError(
            Problem("already exists; nothing was written", file=str(path), path="--report")
        ) from None
    except OSError as exc:
        raise InputError(
            Problem(f"cannot write: {exc.strerror or exc}", file=str(path), path="--report")
        ) from None


def write_forecast_page(result: Forecast, path: Path, *, title: str) -> None:
    """Write the fan chart of a forecast as a page."""
    intro = (
        f"{result.observable} from the origin {result.origin}: model spread plus measurement "
        "noise (docs/models/observation.md)."
    )
    write_page(
        measurement_page([fan_figure(result)], title=f"Forecast — {title}", intro=intro), path
    )


def write_backtest_page(result: Hindcast, path: Path, *, title: str) -> None:
    """Write the backtest section (skill, PIT, worst units) as a page."""
    figures = [skill_figure(result), pit_figure(result), worst_table_figure(result)]
    write_page(measurement_page(figures, title=f"Backtest — {title}"), path)


__all__ = [
    "cases_figure_of",
    "fan_figure",
    "fan_figure_of",
    "generations_figure_of",
    "measurement_page",
    "pit_figure",
    "pit_figure_of",
    "posterior_figure_of",
    "reliability_figure",
    "skill_figure",
    "skill_figure_of",
    "worst_figure_of",
    "worst_table_figure",
    "write_backtest_page",
    "write_forecast_page",
    "write_page",
]
