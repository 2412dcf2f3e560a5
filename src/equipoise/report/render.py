"""Turn a report's data into figures and one self-contained HTML file.

:func:`report_figures` builds every figure of a :class:`~equipoise.report.build.ReportData`
with the builders of :mod:`equipoise.report.figures`; :func:`render_report` places them, the
claims and the inputs in the Jinja2 template ``templates/report.html.j2``. The page inlines
``plotly.js`` from the installed ``plotly`` package (one copy, no CDN) and each figure's
specification as JSON, so the file opens offline and can be mailed. :func:`write_report`
writes it without ever overwriting a file silently.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

from equipoise import __version__
from equipoise.errors import InputError, Problem
from equipoise.experiments.outcomes import PER_ACTOR_METRICS, dependence_pairs
from equipoise.experiments.outcomes import years as report_years
from equipoise.plotlyjs import bundle_for, script_text, trace_types
from equipoise.report import figures as F
from equipoise.report.build import (
    ClaimResult,
    ReportData,
    uncertainty_ranges,
)

#: Metrics in the order their panels appear in an intervention's figure, with their names.
METRIC_NAMES: dict[str, str] = {
    "polarity": "polarity",
    "bipolarity": "bipolarity",
    "frustration": "frustration",
    "strategic_space": "strategic space",
    "power": "power",
    "relation": "relation",
    "dependence": "dependence",
    "same_bloc": "same bloc",
    "alignment": "alignment",
    "issue_outcome": "issue outcome",
}


@dataclass
class ReportFigures:
    """Every figure of a report, by section."""

    power: list[F.FigureSpec] = field(default_factory=list)
    network: list[F.FigureSpec] = field(default_factory=list)
    system: list[F.FigureSpec] = field(default_factory=list)
    bargaining: list[tuple[str, F.FigureSpec]] = field(default_factory=list)  # (issue id, figure)
    issues_over_time: list[F.FigureSpec] = field(default_factory=list)
    interventions: list[tuple[str, F.FigureSpec]] = field(default_factory=list)
    claims: list[F.FigureSpec] = field(default_factory=list)
    sensitivity: list[F.FigureSpec] = field(default_factory=list)
    discovery: list[F.FigureSpec] = field(default_factory=list)
    #: Forecast fan charts and backtests: (title, figure) per stored forecast or hindcast run.
    measurement: list[tuple[str, F.FigureSpec]] = field(default_factory=list)

    def all(self) -> list[F.FigureSpec]:
        """Every figure, in page order."""
        return [
            *self.power,
            *self.network,
            *self.system,
            *(f for _, f in self.bargaining),
            *self.issues_over_time,
            *(f for _, f in self.interventions),
            *self.claims,
            *self.sensitivity,
            *self.discovery,
            *(f for _, f in self.measurement),
        ]


# --------------------------------------------------------------------------------------------
# from the data to the figures


def _band(
    summary: pd.DataFrame | None, metric: str, entity: str | None, years: Sequence[float]
) -> tuple[tuple[float | None, ...], tuple[float | None, ...], tuple[float | None, ...]] | None:
    """Return (median, q05, q95) per year of one metric and entity from a summary frame."""
    if summary is None or summary.empty:
        return None
    rows = summary[summary["metric"] == metric]
    if entity is None:
        rows = rows[rows["actor"].isna() | (rows["actor"] == "")]
    else:
        rows = rows[rows["actor"] == entity]
    if rows.empty:
        return None
    by_year = {round(float(r["year"]), 6): r for r in rows.to_dict(orient="records")}
    med: list[float | None] = []
    low: list[float | None] = []
    high: list[float | None] = []
    for year in years:
        r = by_year.get(round(float(year), 6))
        med.append(None if r is None else float(r["median"]))
        low.append(None if r is None else float(r["q05"]))
        high.append(None if r is None else float(r["q95"]))
    return tuple(med), tuple(low), tuple(high)


def make_series(
    name: str,
    years: Sequence[float],
    baseline: Sequence[float] | np.ndarray[Any, Any],
    summary: pd.DataFrame | None,
    metric: str,
    entity: str | None,
    color: str | None = None,
) -> F.Series:
    """Return a :class:`~equipoise.report.figures.Series`: the summary's band and the baseline run."""
    band = _band(summary, metric, entity, years)
    base = tuple(F.num(v) for v in np.asarray(baseline, dtype=np.float64))
    if band is None:
        return F.Series(name, tuple(float(y) for y in years), baseline=base, color=color)
    med, low, high = band
    return F.Series(
        name,
        tuple(float(y) for y in years),
        median=med,
        low=low,
        high=high,
        baseline=base,
        color=color,
    )


def network_snapshots(data: ReportData) -> list[F.NetworkSnapshot]:
    """Return the baseline run's relations, power and blocs at every kept step."""
    tr = data.baseline
    out = []
    for step in (int(s) for s in tr.relation_steps):
        blocs = tr.blocs[0, step]
        out.append(
            F.NetworkSnapshot(
                year=float(tr.years[step]),
                weights=tr.relations_at(step)[0],
                power=tr.power[0, step],
                blocs=None if bool(np.all(blocs == -2)) else blocs,
            )
        )
    return out


def _claim_keys(
    claim: ClaimResult, scenario_end: float, start: float
) -> set[tuple[str, str, float]]:
    year = float(min(start + claim.horizon, scenario_end))
    if claim.metric in PER_ACTOR_METRICS:
        entities = list(claim.actors)
    else:
        entities = [",".join(claim.actors) or (claim.issue or "")]
    return {(claim.metric, e, round(year, 6)) for e in entities}


def intervention_rows(data: ReportData, intervention: str) -> list[F.Difference]:
    """Return the rows shown for one intervention.

    They are polarity, bipolarity, every actor's strategic space and every issue's outcome at
    the last year, and the outcomes of the claims that use the intervention (at their horizon).
    """
    frame = data.differences
    if frame is None:
        return []
    s = data.scenario
    last = report_years(s)[-1]
    start = float(s.scenario.start_year)
    wanted: set[tuple[str, str, float]] = set()
    for c in data.claims:
        if c.condition is not None and intervention in c.condition.split("+"):
            wanted |= _claim_keys(c, last, start)
    part = frame[frame["intervention"] == intervention]
    rows: list[tuple[int, int, F.Difference]] = []
    order = list(METRIC_NAMES)
    for k, r in enumerate(part.to_dict(orient="records")):
        metric = str(r["metric"])
        entity = "" if r["entity"] is None else str(r["entity"])
        year = (
            float(r["year"]) if r["year"] is not None and math.isfinite(float(r["year"])) else last
        )
        key = (metric, entity, round(year, 6))
        standard = round(year, 6) == round(last, 6) and metric in (
            "polarity", "bipolarity", "strategic_space", "issue_outcome",
        )  # fmt: skip
        if not (standard or key in wanted):
            continue
        label = f"{entity.replace(',', '→') if metric == 'dependence' else entity.replace(',', '–')} {year:g}".strip()
        rows.append(
            (
                order.index(metric) if metric in order else len(order),
                k,
                F.Difference(
                    group=METRIC_NAMES.get(metric, metric),
                    label=label,
                    mean=float(r["difference"]),
                    low=float(r["low"]),
                    high=float(r["high"]),
                    baseline_mean=float(r["baseline_mean"]),
                    intervention_mean=float(r["intervention_mean"]),
                    share_positive=float(r["share_positive"]),
                ),
            )
        )
    rows.sort(key=lambda t: (t[0], t[1]))
    return [d for _, _, d in rows]


def _sensitivity_bars(frame: pd.DataFrame, method: str) -> list[F.SensitivityBar]:
    def get(row: Any, name: str) -> float | None:
        value = row.get(name)
        return None if value is None or not math.isfinite(float(value)) else float(value)

    bars = []
    for r in frame.to_dict(orient="records"):
        if method == "sobol":
            bars.append(
                F.SensitivityBar(
                    str(r["name"]),
                    get(r, "ST") or 0.0,
                    get(r, "ST_conf"),
                    get(r, "S1"),
                    get(r, "S1_conf"),
                )
            )
        else:
            bars.append(
                F.SensitivityBar(
                    str(r["name"]),
                    get(r, "mu_star") or 0.0,
                    get(r, "mu_star_conf"),
                    get(r, "sigma"),
                )
            )
    return bars


def report_figures(data: ReportData) -> ReportFigures:
    """Build every figure of a report from its data."""
    s = data.scenario
    tr = data.baseline
    codes = list(tr.actors)
    names = {a.code: a.name for a in s.actors}
    colors = F.actor_colors(codes)
    years = [float(y) for y in tr.years]
    figs = ReportFigures()
    n_bands = data.summary_members

    # power
    figs.power.append(
        F.power_shares_figure(
            codes, [a.power for a in data.picture.actors], names=names,
            index=s.scenario.power_index, year=s.scenario.start_year, colors=colors,
        )
    )  # fmt: skip
    figs.power.append(
        F.bands_figure(
            [make_series(c, years, tr.power[0, :, i], data.summary, "power", c, colors[c]) for i, c in enumerate(codes)],
            key="power-over-time", title="Power over time", y_title=f"share of power ({s.scenario.power_index})",
            what="each actor's share of the region's power", n_members=n_bands, height=420,
        )
    )  # fmt: skip

    # network
    snaps = network_snapshots(data)
    positions = F.network_layout(codes, snaps[0].weights)
    first, last = snaps[0], snaps[-1]
    figs.network.append(
        F.network_figure(codes, first, positions=positions, names=names, key="network-start",
                         title=f"Relations in {first.year:g} (start)")
    )  # fmt: skip
    figs.network.append(
        F.network_figure(codes, last, positions=positions, names=names, key="network-end",
                         title=f"Relations in {last.year:g} (end of the baseline run)")
    )  # fmt: skip
    if len(snaps) > 2:
        figs.network.append(
            F.network_slider_figure(codes, snaps, positions=positions, names=names,
                                    key="network-over-time", title="Relations year by year (baseline run)")
        )  # fmt: skip

    # the system over time
    figs.system.append(
        F.bands_figure(
            [make_series("polarity", years, tr.polarity[0], data.summary, "polarity", None, "#24456b")],
            key="polarity", title="Polarity", y_title="effective number of poles (1/pᵀZp)",
            what=("polarity: the effective number of poles, blocs found by weak balance (their number "
                  "chosen from the relations), each counted by how tightly its members are allied "
                  "(1/pᵀZp, Leinster–Cobbold); unaligned actors count as poles of their own"),
            n_members=n_bands, digits=2,
        )
    )  # fmt: skip
    figs.system.append(
        F.bands_figure(
            [make_series("bipolarity", years, tr.bipolarity[0], data.summary, "bipolarity", None, "#8073ac")],
            key="bipolarity", title="Bipolarity", y_title="cohesive two-pole share × antagonism",
            what=("bipolarity: the power share of the two largest poles, counting only their cohesive "
                  "part, times their mutual hostility (0 = not bipolar, 1 = two tight, hostile camps "
                  "holding all power)"),
            n_members=n_bands,
        )
    )  # fmt: skip
    figs.system.append(
        F.bands_figure(
            [make_series(c, years, tr.strategic_space[0, :, i], data.summary, "strategic_space", c, colors[c])
             for i, c in enumerate(codes)],
            key="strategic-space", title="Strategic space", y_title="strategic space (0–1)",
            what="each actor's strategic space (the power-weighted share of the others it can work with without friction with its friends)",
            n_members=n_bands, height=420,
        )
    )  # fmt: skip
    pairs = dependence_pairs(s)
    if pairs:
        at = {c: i for i, c in enumerate(codes)}
        figs.system.append(
            F.bands_figure(
                [
                    make_series(f"{a}→{b}", years, tr.dependence[0, :, at[a], at[b]], data.summary,
                                "dependence", f"{a},{b}", colors[a])
                    for a, b in pairs
                ],
                key="dependence", title="Dependence", y_title="dependence of the first on the second (0–1)",
                what="the dependence of one actor on another for the pairs with declared economic ties",
                n_members=n_bands, height=420,
            )
        )  # fmt: skip

    # issues
    for issue in s.issues:
        if issue.id not in data.eu_rounds:
            continue
        actors, positions_per_round = data.eu_rounds[issue.id]
        figs.bargaining.append(
            (
                issue.id,
                F.bargaining_figure(
                    F.IssueInfo(issue.id, issue.name, issue.low, issue.high, issue.model),
                    actors, positions_per_round, data.forecasts.get(issue.id, {}),
                    colors=colors, key=f"bargaining-{issue.id}",
                ),
            )
        )  # fmt: skip
    if s.issues:
        palette = F.ACTOR_PALETTE
        figs.issues_over_time.append(
            F.bands_figure(
                [make_series(issue.id, years, tr.forecast[0, :, q], data.summary, "issue_outcome", issue.id,
                             palette[(q * 3) % len(palette)]) for q, issue in enumerate(s.issues)],
                key="issue-outcomes", title="Issue outcomes over time",
                y_title="forecast outcome (0–100)", what="each issue's forecast outcome by its model",
                n_members=n_bands, y_range=(-3, 103), digits=1, height=400,
            )
        )  # fmt: skip

    # interventions
    for k, name in enumerate(data.interventions):
        rows = intervention_rows(data, name)
        if rows:
            figs.interventions.append(
                (
                    name,
                    F.differences_figure(
                        name, rows, n_members=data.differences_members, key=f"intervention-{k + 1}"
                    ),
                )
            )

    # claims
    if data.claims:
        figs.claims.append(
            F.claims_figure(
                [
                    F.ClaimPoint(c.id, c.verdict, c.probability, c.low, c.high, c.n)
                    for c in data.claims
                ]
            )
        )

    # forecasts and backtests (stored forecast and hindcast runs)
    from equipoise.report import forecasts as M

    for k, measured in enumerate(data.measurement):
        if measured.kind == "forecast":
            figs.measurement.append(
                (
                    f"Forecast of {measured.observable} (run {measured.run_id})",
                    M.fan_figure_of(
                        measured.tables["forecast"], observable=measured.observable,
                        origin=measured.origins[0], key=f"forecast-fan-{k}",
                    ),
                )
            )  # fmt: skip
        elif measured.kind == "calibrate":
            fit = measured.meta
            title = (
                f"Calibration up to {fit.get('until', '?')} on {measured.observable} "
                f"(run {measured.run_id})"
            )
            priors = {
                str(p["parameter"]): (float(p["low"]), float(p["high"]))
                for p in fit.get("priors") or ()
            }
            for name in measured.tables["posterior"]["parameter"]:
                figs.measurement.append(
                    (
                        title,
                        M.posterior_figure_of(
                            measured.tables["particles"], measured.tables["posterior"],
                            parameter=str(name), prior=priors.get(str(name)),
                            key=f"calibration-posterior-{k}-{name}",
                        ),
                    )
                )  # fmt: skip
            figs.measurement += [
                (title, M.generations_figure_of(measured.tables["generations"],
                                                key=f"calibration-generations-{k}")),
                (title, M.cases_figure_of(fit.get("cases") or (), fit.get("skipped") or (),
                                          key=f"calibration-cases-{k}")),
            ]  # fmt: skip
        else:
            title = f"Backtest of {measured.observable} (run {measured.run_id})"
            if measured.meta.get("fits"):
                title += " — out of sample: parameters fitted on the data before each origin"
            elif measured.in_sample:
                title += (
                    " — IN SAMPLE: parameters fitted on data up to "
                    f"{measured.meta.get('calibrated_until')}, after its origins"
                )
            figs.measurement += [
                (title, M.skill_figure_of(measured.tables["skill"], observable=measured.observable,
                                          origins=measured.origins, key=f"backtest-skill-{k}")),
                (title, M.pit_figure_of(measured.tables["pit"], key=f"backtest-pit-{k}")),
                (title, M.worst_figure_of(measured.tables["worst"], key=f"backtest-worst-{k}")),
            ]  # fmt: skip

    # sensitivity and discovery
    for k, res in enumerate(data.sensitivity):
        figs.sensitivity.append(
            F.sensitivity_figure(
                res.metric,
                res.method,
                _sensitivity_bars(res.indices, res.method),
                key=f"sensitivity-{k + 1}",
            )
        )
    ranges = uncertainty_ranges(s)
    for k, disc in enumerate(data.discovery):
        for j, box in enumerate(disc.boxes):
            limits = [
                F.BoxLimit(
                    name,
                    None if lo is None else float(lo),
                    None if hi is None else float(hi),
                    *ranges.get(
                        name,
                        (
                            float(lo if lo is not None else 0.0),
                            float(hi if hi is not None else 1.0),
                        ),
                    ),
                )
                for name, (lo, hi) in dict(box.get("limits", {})).items()
            ]
            figs.discovery.append(
                F.boxes_figure(
                    disc.outcome, str(box.get("label", f"box {j + 1}")), limits,
                    coverage=float(box.get("coverage", math.nan)), density=float(box.get("density", math.nan)),
                    mass=None if box.get("mass") is None else float(box["mass"]), key=f"discovery-{k + 1}-{j + 1}",
                )
            )  # fmt: skip
    return figs


# --------------------------------------------------------------------------------------------
# HTML


def json_script(data: Any, element_id: str) -> Markup:
    """Return ``data`` as JSON in a ``<script type="application/json">`` element, safe in HTML.

    ``<``, ``>`` and ``&`` become JSON unicode escapes, so no text from a scenario can close
    the element (the approach of Django's ``json_script``). NaN becomes ``null``.
    """
    text = (
        json.dumps(_clean(data), ensure_ascii=False, allow_nan=False, separators=(",", ":"))
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
    )
    return Markup(f'<script type="application/json" id="{escape(element_id)}">{text}</script>')


def _clean(obj: Any) -> Any:
    if isinstance(obj, dict):
        return {str(k): _clean(v) for k, v in obj.items()}
    if isinstance(obj, list | tuple):
        return [_clean(v) for v in obj]
    if isinstance(obj, np.ndarray):
        return _clean(obj.tolist())
    if isinstance(obj, np.integer):
        return int(obj)
    if isinstance(obj, float | np.floating):
        value = float(obj)
        return value if math.isfinite(value) else None
    return obj


def fmt(value: Any, digits: int = 3) -> str:
    """Format a number for a table: thousands separators, ``digits`` decimals; ``–`` for none."""
    if value is None:
        return "–"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | np.integer):
        return f"{int(value):,}"
    if isinstance(value, float | np.floating):
        x = float(value)
        if not math.isfinite(x):
            return "–"
        if x == round(x) and abs(x) >= 1000:
            return f"{x:,.0f}"
        if abs(x) >= 1000:
            return f"{x:,.1f}"
        return f"{x:.{digits}f}"
    return str(value)


def fmt_value(value: Any) -> str:
    """Format an input value as typed: integers with separators, others to 6 significant digits."""
    if isinstance(value, float) and math.isfinite(value):
        if value == round(value) and abs(value) < 1e15:
            return f"{int(value):,}"
        return f"{value:.6g}"
    return fmt(value)


def fmt_cell(value: Any) -> str:
    """Format a number in a figure's table: 4 significant digits, separators from 10,000."""
    if value is None or isinstance(value, str):
        return "–" if value is None else value
    if isinstance(value, int | np.integer) and not isinstance(value, bool):
        return f"{int(value):,}"
    x = float(value)
    if not math.isfinite(x):
        return "–"
    a = abs(x)
    if a == 0:
        return "0"
    if a >= 1e4:
        return f"{x:,.0f}"
    if a >= 1e-3:
        return f"{x:.4g}"
    return f"{x:.3e}"


def fmt_year(value: Any) -> str:
    """Format a year: ``2031`` (no separator), ``2031.5`` for a fractional one."""
    return f"{float(value):g}"


@cache
def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("equipoise.report", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["json_script"] = json_script
    env.filters["fmt"] = fmt
    env.filters["fmt_value"] = fmt_value
    env.filters["year"] = fmt_year
    env.filters["cell"] = fmt_cell
    return env


def plotly_js(figures: ReportFigures) -> str:
    """Return the plotly.js bundle that draws ``figures``, safe inside a ``<script>``.

    The smallest vendored partial bundle that draws every trace (the basic one for the
    report's scatter and bar figures), else the full one from the ``plotly`` package
    (:mod:`equipoise.plotlyjs`).
    """
    types = trace_types(f.figure for f in figures.all())
    return script_text(bundle_for(types))


def render_report(
    data: ReportData,
    *,
    figures: ReportFigures | None = None,
    command: str | None = None,
    generated_at: dt.datetime | None = None,
) -> str:
    """Return the report as one self-contained HTML page.

    Parameters
    ----------
    data : ReportData
    figures : ReportFigures, optional
        Default: :func:`report_figures` of ``data``.
    command : str, optional
        The command line that made the report (printed in it, to reproduce it).
    generated_at : datetime, optional
        Default: now (UTC).
    """
    figs = figures or report_figures(data)
    s = data.scenario
    when = (generated_at or dt.datetime.now(dt.UTC)).strftime("%Y-%m-%d %H:%M UTC")
    interventions = {i.name: i for i in s.interventions}
    counts = {v: sum(1 for c in data.claims if c.verdict == v) for v in F.VERDICT_COLORS}
    last = report_years(s)[-1]
    fired = [
        {"year": year, "kind": kind, "id": ident}
        for member, year, kind, ident in data.baseline.fired
        if member == 0
    ]
    return (
        _environment()
        .get_template("report.html.j2")
        .render(
            s=s,
            data=data,
            figs=figs,
            picture=data.picture,
            names={a.code: a.name for a in s.actors},
            interventions=interventions,
            verdict_counts=counts,
            verdict_colors=F.VERDICT_COLORS,
            fired=fired,
            events={e.id: e for e in s.events},
            effects={e.id: e for e in s.effects},
            shocks={sh.name: sh for sh in s.shocks},
            shock_shares=[r for r in data.shocks if r["year"] == last],
            end_year=fmt_year(last),
            generated_at=when,
            version=__version__,
            command=command,
            plotly_js=Markup(plotly_js(figs)),
            n_figures=len(figs.all()),
            edge_threshold=F.EDGE_THRESHOLD,
        )
    )


def write_report(html: str, path: Path, *, force: bool = False) -> int:
    """Write the report to ``path`` and return its size in bytes; never overwrite silently.

    Without ``force`` an existing file is an error (the file is created exclusively, so a
    file that appears meanwhile is not overwritten either); with ``force`` it is replaced
    atomically.

    Raises
    ------
    InputError
        If ``path`` exists and ``force`` is false, or its folder does not exist.
    """
    payload = html.encode("utf-8")
    if not path.parent.exists():
        raise InputError(Problem(f"folder {path.parent} does not exist", path="-o"))
    if path.is_dir():
        raise InputError(Problem(f"{path} is a folder", path="-o"))
    if not force:
        try:
            with path.open("xb") as fh:
                fh.write(payload)
        except FileExistsError:
            raise InputError(
                Problem(f"{path} exists; give --force to overwrite it", path="-o")
            ) from None
        return len(payload)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
        os.chmod(tmp, 0o644)  # mkstemp makes it private; a report is a document to share
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return len(payload)


__all__ = [
    "METRIC_NAMES",
    "ReportFigures",
    "fmt",
    "fmt_cell",
    "fmt_value",
    "fmt_year",
    "intervention_rows",
    "json_script",
    "make_series",
    "network_snapshots",
    "plotly_js",
    "render_report",
    "report_figures",
    "write_report",
]
