"""Interventions: paired differences against the baseline, with intervals."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from equipoise.report.figures._base import (
    DataTable,
    Difference,
    FigureSpec,
    _axis,
    _label_margin,
    _layout,
    num,
)

# interventions


def differences_figure(
    intervention: str,
    rows: Sequence[Difference],
    *,
    n_members: int | None = None,
    key: str,
) -> FigureSpec:
    """Paired differences intervention − baseline with their 95 % intervals, one panel per metric.

    Each row is a dot at the mean difference with a bar for its interval; dark where the
    interval excludes zero, grey where it does not. Each metric has its own panel and x axis,
    since their scales differ (a relation weight, a share of power, a 0–100 issue outcome).
    """
    groups: list[str] = []
    for r in rows:
        if r.group not in groups:
            groups.append(r.group)
    counts = [sum(1 for r in rows if r.group == g) for g in groups]
    total = sum(counts) or 1
    gap = 0.06 if len(groups) > 1 else 0.0
    usable = 1.0 - gap * (len(groups) - 1)
    layout: dict[str, Any] = _layout(
        max(200, 26 * total + 70 * len(groups) + 40),
        showlegend=False,
        hovermode="closest",
        margin={"l": _label_margin([r.label for r in rows]), "r": 20, "t": 30, "b": 40},
    )
    data: list[dict[str, Any]] = []
    annotations = []
    top = 1.0
    for g_index, (group, count) in enumerate(zip(groups, counts, strict=True)):
        height = usable * count / total
        domain = [max(0.0, round(top - height, 4)), round(top, 4)]
        top = top - height - gap
        suffix = "" if g_index == 0 else str(g_index + 1)
        members = [r for r in rows if r.group == group]
        significant = [not (r.low <= 0.0 <= r.high) for r in members]
        data.append(
            {
                "type": "scatter",
                "mode": "markers",
                "x": [num(r.mean) for r in members],
                "y": [r.label for r in members],
                "xaxis": f"x{suffix}",
                "yaxis": f"y{suffix}",
                "marker": {
                    "size": 8,
                    "color": ["#24456b" if s else "#9aa5b1" for s in significant],
                },
                "error_x": {
                    "type": "data",
                    "symmetric": False,
                    "array": [num(r.high - r.mean) for r in members],
                    "arrayminus": [num(r.mean - r.low) for r in members],
                    "color": "#5b6775",
                    "thickness": 1.5,
                    "width": 3,
                },
                "customdata": [
                    [
                        num(r.low),
                        num(r.high),
                        num(r.baseline_mean),
                        num(r.intervention_mean),
                        num(r.share_positive),
                    ]
                    for r in members
                ],
                "hovertemplate": "%{y}: %{x:+.4f} [%{customdata[0]:+.4f}, %{customdata[1]:+.4f}]"
                "<br>baseline %{customdata[2]:.4f} → %{customdata[3]:.4f}; share > 0: %{customdata[4]:.2f}"
                "<extra>" + group + "</extra>",
                "name": group,
            }
        )
        extent = max(
            (max(abs(r.low), abs(r.high)) for r in members if math.isfinite(r.low + r.high)),
            default=0.0,
        )
        extent = extent if extent > 1e-12 else 1.0 / 1.15  # no change at all: a unit range
        layout[f"xaxis{suffix}"] = _axis(
            "",
            anchor=f"y{suffix}",
            range=[-1.15 * extent, 1.15 * extent],
            zeroline=True,
            zerolinewidth=1.5,
        )
        layout[f"yaxis{suffix}"] = _axis(
            "", anchor=f"x{suffix}", domain=domain, type="category", autorange="reversed"
        )
        annotations.append(
            {
                "text": f"<b>{group}</b>",
                "xref": "paper",
                "yref": "paper",
                "x": 0,
                "y": domain[1],
                "xanchor": "left",
                "yanchor": "bottom",
                "showarrow": False,
                "font": {"size": 12},
            }
        )
    layout["annotations"] = annotations
    clear = [r for r in rows if not (r.low <= 0.0 <= r.high)]
    clear.sort(key=lambda r: -abs(r.mean))
    over = "" if n_members is None else f" over {n_members} paired members"
    alt = (
        f"Dot-and-interval chart of the paired differences '{intervention}' minus baseline{over}, "
        f"for {len(rows)} outcomes in {len(groups)} panels ({', '.join(groups)}). "
        + (
            f"{len(clear)} intervals exclude zero; largest: "
            + ", ".join(f"{r.group} {r.label} {r.mean:+.3g}" for r in clear[:3])
            + "."
            if clear
            else "Every interval includes zero."
        )
    )
    table = DataTable(
        (
            "metric",
            "outcome",
            "baseline",
            "with intervention",
            "difference",
            "95 % low",
            "95 % high",
            "share > 0",
        ),
        tuple(
            (
                r.group,
                r.label,
                num(r.baseline_mean),
                num(r.intervention_mean),
                num(r.mean),
                num(r.low),
                num(r.high),
                num(r.share_positive, 4),
            )
            for r in rows
        ),
        (False, False, True, True, True, True, True, True),
    )
    return FigureSpec(
        key, f"{intervention} against the baseline", alt, {"data": data, "layout": layout}, table
    )


# --------------------------------------------------------------------------------------------
