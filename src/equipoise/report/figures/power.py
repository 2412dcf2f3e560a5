"""Power: shares at the start, and over time with ensemble bands."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from equipoise.report.figures._base import (
    ACTOR_PALETTE,
    DataTable,
    FigureSpec,
    _axis,
    _layout,
    _year_label,
    actor_colors,
    num,
)

# power


def power_shares_figure(
    codes: Sequence[str],
    shares: Sequence[float],
    *,
    names: Mapping[str, str] | None = None,
    index: str = "cinc",
    year: float | None = None,
    colors: Mapping[str, str] | None = None,
    key: str = "power-shares",
) -> FigureSpec:
    """Bar chart of each actor's share of the region's power, largest first.

    Parameters
    ----------
    codes : sequence of str
        Actor codes, in the scenario's order.
    shares : sequence of float
        Their power shares (:attr:`equipoise.picture.ActorPower.power`).
    names : mapping, optional
        Actor names by code (hover and table).
    index : str
        The power index (``cinc``, ``weighted``...), for the axis title.
    year : float, optional
        The year of the shares.
    colors : mapping, optional
        Colour by actor (default :func:`actor_colors`).
    key : str
        The figure's identifier.

    Returns
    -------
    FigureSpec

    Examples
    --------
    >>> spec = power_shares_figure(["USA", "CHN"], [0.4, 0.6], names={"USA": "United States"})
    >>> spec.figure["data"][0]["x"], spec.figure["data"][0]["y"]
    (['CHN', 'USA'], [0.6, 0.4])
    >>> spec.table.rows[1]
    (2, 'USA', 'United States', 0.4)
    """
    names = dict(names or {})
    colors = dict(colors or actor_colors(codes))
    order = sorted(range(len(codes)), key=lambda i: (-float(shares[i]), codes[i]))
    xs = [codes[i] for i in order]
    ys = [num(shares[i]) for i in order]
    when = "" if year is None else f" in {_year_label(year)}"
    trace = {
        "type": "bar",
        "x": xs,
        "y": ys,
        "customdata": [names.get(c, c) for c in xs],
        "marker": {"color": [colors.get(c, ACTOR_PALETTE[0]) for c in xs]},
        "hovertemplate": "%{customdata} (%{x}): %{y:.3f}<extra></extra>",
        "name": "power share",
    }
    top = ", ".join(f"{codes[i]} {float(shares[i]):.3f}" for i in order[:3])
    alt = (
        f"Bar chart of the power shares ({index}){when} of {len(codes)} actors, largest first. "
        f"Largest: {top}; smallest: {codes[order[-1]]} {float(shares[order[-1]]):.3f}."
    )
    table = DataTable(
        ("rank", "actor", "name", "power share"),
        tuple(
            (k + 1, codes[i], names.get(codes[i], codes[i]), num(shares[i]))
            for k, i in enumerate(order)
        ),
    )
    figure = {
        "data": [trace],
        "layout": _layout(
            320,
            showlegend=False,
            xaxis=_axis("", type="category"),
            yaxis=_axis(f"share of the region's power ({index})", rangemode="tozero"),
        ),
    }
    return FigureSpec(key, f"Power shares{when}", alt, figure, table)


# --------------------------------------------------------------------------------------------
