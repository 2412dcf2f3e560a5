"""Sensitivity indices and scenario-discovery boxes."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from equipoise.report.figures._base import (
    BoxLimit,
    DataTable,
    FigureSpec,
    SensitivityBar,
    _axis,
    _label_margin,
    _layout,
    num,
)

# sensitivity and scenario discovery


def sensitivity_figure(
    metric: str,
    method: str,
    bars: Sequence[SensitivityBar],
    *,
    key: str,
) -> FigureSpec:
    """Tornado-style bars of the sensitivity of a metric to each declared uncertainty.

    Sobol: the total-order index ``ST`` and the first-order index ``S1`` with their
    confidence half-widths; Morris: ``mu_star`` (mean absolute elementary effect) and
    ``sigma``. Largest on top.
    """
    ordered = sorted(bars, key=lambda b: -(b.total if math.isfinite(b.total) else -1.0))
    names = [b.name for b in ordered]
    sobol = method == "sobol"
    total_name, first_name = (
        ("ST (total order)", "S1 (first order)") if sobol else ("μ* (mean |effect|)", "σ")
    )
    data: list[dict[str, Any]] = [
        {
            "type": "bar",
            "orientation": "h",
            "x": [num(b.total, 4) for b in ordered],
            "y": names,
            "name": total_name,
            "marker": {"color": "#24456b"},
            "error_x": {
                "type": "data",
                "array": [num(b.total_conf, 4) if b.total_conf is not None else 0 for b in ordered],
                "visible": any(b.total_conf is not None for b in ordered),
                "color": "#5b6775",
            },
            "hovertemplate": "%{y}: %{x:.3f}<extra>" + total_name + "</extra>",
        }
    ]
    if any(b.first is not None for b in ordered):
        data.append(
            {
                "type": "bar",
                "orientation": "h",
                "x": [num(b.first, 4) for b in ordered],
                "y": names,
                "name": first_name,
                "marker": {"color": "#9ec1e0"},
                "error_x": {
                    "type": "data",
                    "array": [
                        num(b.first_conf, 4) if b.first_conf is not None else 0 for b in ordered
                    ],
                    "visible": any(b.first_conf is not None for b in ordered),
                    "color": "#5b6775",
                },
                "hovertemplate": "%{y}: %{x:.3f}<extra>" + first_name + "</extra>",
            }
        )
    layout = _layout(
        max(220, 30 * len(ordered) + 100),
        barmode="group",
        hovermode="closest",
        margin={"l": _label_margin(names), "r": 20, "t": 20, "b": 50},
        xaxis=_axis("Sobol index" if sobol else "elementary effect", rangemode="tozero"),
        yaxis=_axis("", type="category", autorange="reversed"),
        legend={"orientation": "h", "x": 0, "y": 1.0, "yanchor": "bottom"},
    )
    top = ", ".join(f"{b.name} {b.total:.2f}" for b in ordered[:3] if math.isfinite(b.total))
    alt = (
        f"Horizontal bar chart of the {'Sobol' if sobol else 'Morris'} sensitivity of {metric} to "
        f"{len(ordered)} declared uncertainties, largest first. Largest {total_name}: {top}."
    )
    table = DataTable(
        ("uncertainty", total_name, "± (conf.)", first_name, "± (conf.) "),
        tuple(
            (b.name, num(b.total, 4), num(b.total_conf, 4), num(b.first, 4), num(b.first_conf, 4))
            for b in ordered
        ),
        (False, True, True, True, True),
    )
    return FigureSpec(
        key,
        f"Sensitivity of {metric} ({'Sobol' if sobol else 'Morris'})",
        alt,
        {"data": data, "layout": layout},
        table,
    )


def _limits_text(low: float | None, high: float | None) -> str:
    if low is None and high is None:
        return "unrestricted"
    if high is None:
        return f"from {low:.3g} up"
    if low is None:
        return f"up to {high:.3g}"
    return f"from {low:.3g} to {high:.3g}"


def boxes_figure(
    outcome: str,
    label: str,
    limits: Sequence[BoxLimit],
    *,
    coverage: float,
    density: float,
    mass: float | None = None,
    key: str,
) -> FigureSpec:
    """Draw a scenario-discovery box: the range of each uncertainty it restricts.

    Each uncertainty's declared range is scaled to [0, 1] (the grey bar); the box's range is
    the dark bar on it. Hover gives the values in the uncertainty's own units.
    """
    names = [b.name for b in limits]

    def unit(value: float | None, lo: float, hi: float, default: float) -> float:
        if value is None or hi <= lo:
            return default
        return min(1.0, max(0.0, (value - lo) / (hi - lo)))

    starts = [unit(b.low, b.range_low, b.range_high, 0.0) for b in limits]
    ends = [unit(b.high, b.range_low, b.range_high, 1.0) for b in limits]
    data: list[dict[str, Any]] = [
        {
            "type": "bar",
            "orientation": "h",
            "x": [1.0] * len(limits),
            "y": names,
            "base": [0.0] * len(limits),
            "marker": {"color": "#e3e8ee"},
            "name": "declared range",
            "customdata": [[num(b.range_low), num(b.range_high)] for b in limits],
            "hovertemplate": "%{y}: declared %{customdata[0]}–%{customdata[1]}<extra></extra>",
        },
        {
            "type": "bar",
            "orientation": "h",
            "x": [num(e - s, 4) for s, e in zip(starts, ends, strict=True)],
            "y": names,
            "base": [num(s, 4) for s in starts],
            "marker": {"color": "#24456b"},
            "name": "box",
            "customdata": [
                [
                    "–" if b.low is None else f"{b.low:.4g}",
                    "–" if b.high is None else f"{b.high:.4g}",
                ]
                for b in limits
            ],
            "hovertemplate": "%{y}: box %{customdata[0]} to %{customdata[1]}<extra></extra>",
        },
    ]
    layout = _layout(
        max(180, 34 * len(limits) + 100),
        barmode="overlay",
        hovermode="closest",
        margin={"l": _label_margin(names), "r": 20, "t": 20, "b": 50},
        xaxis=_axis("position within the declared range (0 = low end, 1 = high end)", range=[0, 1]),
        yaxis=_axis("", type="category", autorange="reversed"),
        legend={"orientation": "h", "x": 0, "y": 1.0, "yanchor": "bottom"},
    )
    desc = "; ".join(f"{b.name} {_limits_text(b.low, b.high)}" for b in limits)
    alt = (
        f"Bar chart of the scenario-discovery box ({label}) for '{outcome}': coverage "
        f"{coverage:.2f}, density {density:.2f}"
        + ("" if mass is None else f", mass {mass:.2f}")
        + f". It restricts {len(limits)} uncertainties: {desc or 'none'}."
    )
    table = DataTable(
        ("uncertainty", "box from", "box to", "declared low", "declared high"),
        tuple(
            (b.name, num(b.low), num(b.high), num(b.range_low), num(b.range_high)) for b in limits
        ),
        (False, True, True, True, True),
    )
    return FigureSpec(
        key,
        f"Scenario discovery: {outcome} ({label})",
        alt,
        {"data": data, "layout": layout},
        table,
    )
