"""Bargaining: each issue's expected-utility rounds and the models' forecasts."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

from equipoise.report.figures._base import (
    _MODEL_DASH,
    ACTOR_PALETTE,
    MODEL_NAMES,
    DataTable,
    FigureSpec,
    IssueInfo,
    _axis,
    _layout,
    actor_colors,
    num,
    nums,
)

# bargaining


def bargaining_figure(
    issue: IssueInfo,
    actors: Sequence[str],
    positions: npt.ArrayLike,
    forecasts: Mapping[str, float],
    *,
    colors: Mapping[str, str] | None = None,
    key: str,
) -> FigureSpec:
    """Positions per round of the expected-utility model, and the forecast of each model.

    Parameters
    ----------
    issue : IssueInfo
        The issue (id, name and the meaning of 0 and 100).
    actors : sequence of str
        The actors with a position on the issue.
    positions : array_like, shape (rounds + 1, len(actors))
        Positions at the end of each round (round 0: the declared positions).
    forecasts : mapping
        The forecast of each model (``eu``, ``compromise``, ``median``).
    colors : mapping, optional
        Colour by actor.
    key : str
        The figure's identifier.
    """
    X = np.asarray(positions, dtype=np.float64)
    rounds = list(range(X.shape[0]))
    colors = dict(colors or actor_colors(actors))
    data: list[dict[str, Any]] = []
    for k, code in enumerate(actors):
        data.append(
            {
                "type": "scatter",
                "mode": "lines+markers",
                "x": rounds,
                "y": nums(X[:, k], 4),
                "name": code,
                "line": {
                    "color": colors.get(code, ACTOR_PALETTE[k % len(ACTOR_PALETTE)]),
                    "width": 1.6,
                },
                "marker": {"size": 4},
                "hovertemplate": f"{code} round %{{x}}: %{{y:.1f}}<extra></extra>",
            }
        )
    for model in MODEL_NAMES:
        if model in forecasts:
            value = num(forecasts[model], 6)
            data.append(
                {
                    "type": "scatter",
                    "mode": "lines",
                    "x": [rounds[0], rounds[-1]],
                    "y": [value, value],
                    "name": f"forecast: {MODEL_NAMES[model]} {float(forecasts[model]):.1f}",
                    "line": {"color": "#222222", "width": 2, "dash": _MODEL_DASH[model]},
                    "hovertemplate": f"{MODEL_NAMES[model]} forecast: %{{y:.1f}}<extra></extra>",
                    "meta": model,
                }
            )
    start = ", ".join(f"{a} {X[0, k]:.0f}" for k, a in enumerate(actors))
    fc = "; ".join(
        f"{MODEL_NAMES[m]} {float(forecasts[m]):.1f}" for m in MODEL_NAMES if m in forecasts
    )
    moved = sorted(
        ((a, float(X[-1, k] - X[0, k])) for k, a in enumerate(actors)), key=lambda t: -abs(t[1])
    )[:3]
    alt = (
        f"Line chart of the positions on '{issue.name}' (0: {issue.low}; 100: {issue.high}) over "
        f"{len(rounds) - 1} rounds of the expected-utility model at the start. Start: {start}. "
        f"Largest moves: {', '.join(f'{a} {d:+.1f}' for a, d in moved)}. Forecasts: {fc}."
    )
    rows: list[tuple[Any, ...]] = []
    for k, a in enumerate(actors):
        rows.append((a, *nums(X[:, k], 4)))
    for m in MODEL_NAMES:
        if m in forecasts:
            rows.append(
                (f"forecast: {MODEL_NAMES[m]}", num(forecasts[m]), *([None] * (len(rounds) - 1)))
            )
    table = DataTable(
        ("actor", *(f"round {r}" for r in rounds)),
        tuple(rows),
        (False, *([True] * len(rounds))),
    )
    figure = {
        "data": data,
        "layout": _layout(
            360,
            hovermode="closest",
            xaxis=_axis("round of the expected-utility model", dtick=1),
            yaxis=_axis("position (0–100)", range=[-3, 103]),
            legend={"orientation": "v", "x": 1.02, "y": 1, "font": {"size": 11}},
        ),
    }
    return FigureSpec(key, f"Bargaining over {issue.name}", alt, figure, table)


# --------------------------------------------------------------------------------------------
