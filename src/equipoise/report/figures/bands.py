"""Series over time with the ensemble's 5–95 % bands and the baseline run."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from equipoise.report.figures._base import (
    ACTOR_PALETTE,
    DataTable,
    FigureSpec,
    Series,
    _axis,
    _fmt,
    _layout,
    _rgba,
    _year_label,
    num,
)

# series over time with ensemble bands


def bands_figure(
    series: Sequence[Series],
    *,
    key: str,
    title: str,
    y_title: str,
    what: str,
    n_members: int | None = None,
    y_range: tuple[float, float] | None = None,
    digits: int = 3,
    height: int | None = None,
) -> FigureSpec:
    """Lines over time: the ensemble median with its 5–95 % band, and the baseline run.

    Parameters
    ----------
    series : sequence of Series
        One per line (an actor, a pair, a metric).
    key, title : str
        Identifier and short title.
    y_title : str
        The y axis title.
    what : str
        What is plotted, in words (for the alternative text), e.g. "the power share".
    n_members : int, optional
        The ensemble's size, for the text.
    y_range : (float, float), optional
        Fixed y range.
    digits : int
        Decimals in hover labels and the text.
    height : int, optional
        Figure height in pixels.

    Notes
    -----
    Each series gives up to three traces in one legend group: the band (one filled polygon,
    the 95 % quantiles forward and the 5 % quantiles back), the median, and the baseline run
    (dotted). Clicking a legend entry hides its whole group.
    """
    data: list[dict[str, Any]] = []
    palette = ACTOR_PALETTE
    has_band = any(s.low is not None and s.high is not None for s in series)
    has_median = any(s.median is not None for s in series)
    for k, s in enumerate(series):
        color = s.color or palette[k % len(palette)]
        x = list(s.years)
        group = f"g{k}"
        if s.low is not None and s.high is not None:
            # one closed polygon: the 95 % quantiles forward, the 5 % quantiles back
            data.append(
                {
                    "type": "scatter",
                    "mode": "lines",
                    "x": x + x[::-1],
                    "y": [num(v) for v in s.high] + [num(v) for v in s.low][::-1],
                    "line": {"width": 0, "color": color},
                    "fill": "toself",
                    "fillcolor": _rgba(color, 0.16),
                    "hoverinfo": "skip",
                    "showlegend": False,
                    "legendgroup": group,
                    "name": f"{s.name} 5–95 %",
                }
            )
        if s.median is not None:
            trace: dict[str, Any] = {
                "type": "scatter",
                "mode": "lines+markers" if len(series) <= 3 else "lines",
                "x": x,
                "y": [num(v) for v in s.median],
                "line": {"width": 2, "color": color},
                "marker": {"size": 4},
                "legendgroup": group,
                "name": s.name,
            }
            if s.low is not None and s.high is not None:
                trace["customdata"] = [[num(a), num(b)] for a, b in zip(s.low, s.high, strict=True)]
                trace["hovertemplate"] = (
                    f"{s.name} %{{x}}: median %{{y:.{digits}f}} "
                    f"[%{{customdata[0]:.{digits}f}}–%{{customdata[1]:.{digits}f}}]<extra></extra>"
                )
            else:
                trace["hovertemplate"] = f"{s.name} %{{x}}: %{{y:.{digits}f}}<extra></extra>"
            data.append(trace)
        if s.baseline is not None:
            data.append(
                {
                    "type": "scatter",
                    "mode": "lines",
                    "x": x,
                    "y": [num(v) for v in s.baseline],
                    "line": {"width": 1.5, "color": color, "dash": "dot"},
                    "legendgroup": group,
                    "showlegend": s.median is None,
                    "name": s.name if s.median is None else f"{s.name} (baseline run)",
                    "hovertemplate": f"{s.name} %{{x}}, baseline run: %{{y:.{digits}f}}<extra></extra>",
                }
            )
    years = series[0].years if series else ()
    span = f"{_year_label(years[0])}–{_year_label(years[-1])}" if years else ""
    kind = (
        f"the ensemble median{'' if n_members is None else f' over {n_members} members'}"
        + (" with its 5–95 % band" if has_band else "")
        if has_median
        else "the baseline run"
    )
    ends = [(s.name, s.central[-1]) for s in series if s.central and s.central[-1] is not None]
    ends.sort(key=lambda item: -float(item[1] or 0.0))
    if len(series) == 1 and ends:
        s0 = series[0]
        first = next((v for v in s0.central if v is not None), None)
        detail = f"It goes from {_fmt(first, digits)} to {_fmt(s0.central[-1], digits)}"
        if s0.low is not None and s0.high is not None and s0.low[-1] is not None:
            detail += f"; the band at the end spans {_fmt(s0.low[-1], digits)}–{_fmt(s0.high[-1], digits)}"
        detail += "."
    elif ends:
        detail = (
            f"At the end, highest: {', '.join(f'{n} {_fmt(v, digits)}' for n, v in ends[:3])}; "
            f"lowest: {ends[-1][0]} {_fmt(ends[-1][1], digits)}."
        )
    else:
        detail = ""
    dotted = (
        " The dotted lines are the baseline run (declared values)."
        if has_median and any(s.baseline is not None for s in series)
        else ""
    )
    alt = (
        f"Line chart of {what} for {len(series)} series, {span}: {kind}. {detail}{dotted}".replace(
            "  ", " "
        )
    )
    rows: list[tuple[Any, ...]] = []
    for s in series:
        for label, values in (
            ("median", s.median),
            ("5 %", s.low),
            ("95 %", s.high),
            ("baseline run", s.baseline),
        ):
            if values is not None:
                rows.append((s.name, label, *(num(v, 4) for v in values)))
    table = DataTable(
        ("series", "statistic", *(_year_label(y) for y in years)),
        tuple(rows),
        (False, False, *([True] * len(years))),
    )
    n_legend = len(series)
    figure = {
        "data": data,
        "layout": _layout(
            height or (340 if n_legend <= 3 else 400),
            showlegend=n_legend > 1 or any(s.baseline is not None for s in series),
            hovermode="closest",
            xaxis=_axis("year", dtick=1 if len(years) <= 16 else None),
            yaxis=_axis(y_title, **({"range": list(y_range)} if y_range else {})),
            legend={"orientation": "v", "x": 1.02, "y": 1, "font": {"size": 11}},
        ),
    }
    return FigureSpec(key, title, alt, figure, table)


# --------------------------------------------------------------------------------------------
