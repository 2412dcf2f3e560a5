"""Claims: each claim's probability with its Wilson interval, coloured by verdict."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from equipoise.report.figures._base import (
    VERDICT_COLORS,
    ClaimPoint,
    DataTable,
    FigureSpec,
    _axis,
    _label_margin,
    _layout,
    num,
)

# claims


def claims_figure(
    points: Sequence[ClaimPoint],
    *,
    support: float = 0.66,
    contradict: float = 0.33,
    key: str = "claims-probabilities",
) -> FigureSpec:
    """Each claim's probability over the ensemble with its Wilson interval, coloured by verdict.

    The vertical lines are the verdict thresholds: a claim is *supported* when its whole
    interval lies at or above ``support``, *contradicted* when at or below ``contradict``.
    """
    data: list[dict[str, Any]] = []
    for verdict_name in ("supported", "undecided", "contradicted", "built in"):
        members = [p for p in points if p.verdict == verdict_name]
        if not members:
            continue
        data.append(
            {
                "type": "scatter",
                "mode": "markers",
                "x": [num(p.probability, 4) for p in members],
                "y": [p.id for p in members],
                "marker": {"size": 9, "color": VERDICT_COLORS[verdict_name]},
                "error_x": {
                    "type": "data",
                    "symmetric": False,
                    "array": [num(p.high - p.probability, 4) for p in members],
                    "arrayminus": [num(p.probability - p.low, 4) for p in members],
                    "color": VERDICT_COLORS[verdict_name],
                    "thickness": 1.5,
                    "width": 3,
                },
                "customdata": [[num(p.low, 4), num(p.high, 4), p.n] for p in members],
                "hovertemplate": "%{y}: P = %{x:.2f} [%{customdata[0]:.2f}–%{customdata[1]:.2f}], "
                "n = %{customdata[2]}<extra>" + verdict_name + "</extra>",
                "name": verdict_name,
            }
        )
    order = [p.id for p in points]
    layout = _layout(
        max(220, 22 * len(points) + 90),
        hovermode="closest",
        margin={"l": _label_margin(order), "r": 20, "t": 20, "b": 50},
        xaxis=_axis("probability that the claim holds (95 % Wilson interval)", range=[-0.02, 1.02]),
        yaxis=_axis(
            "", type="category", categoryorder="array", categoryarray=order, autorange="reversed"
        ),
        legend={"orientation": "h", "x": 0, "y": 1.0, "yanchor": "bottom"},
        shapes=[
            {
                "type": "line",
                "xref": "x",
                "yref": "paper",
                "x0": x,
                "x1": x,
                "y0": 0,
                "y1": 1,
                "line": {"color": "#8a96a3", "dash": "dot", "width": 1},
            }
            for x in (contradict, support)
        ],
    )
    counts = {v: sum(1 for p in points if p.verdict == v) for v in VERDICT_COLORS}
    alt = (
        f"Dot-and-interval chart of the probability of each of {len(points)} claims over the "
        f"ensemble: {counts['supported']} supported, {counts['contradicted']} contradicted, "
        f"{counts['undecided']} undecided, {counts['built in']} built in (holding without the "
        f"model's dynamics; thresholds {contradict:.2f} and {support:.2f})."
    )
    table = DataTable(
        ("claim", "verdict", "probability", "95 % low", "95 % high", "members"),
        tuple(
            (p.id, p.verdict, num(p.probability, 4), num(p.low, 4), num(p.high, 4), p.n)
            for p in points
        ),
        (False, False, True, True, True, True),
    )
    return FigureSpec(
        key, "Claims: probability and verdict", alt, {"data": data, "layout": layout}, table
    )


# --------------------------------------------------------------------------------------------
