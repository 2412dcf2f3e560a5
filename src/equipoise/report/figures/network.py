"""The signed relations network: at a step, and year by year with a slider."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import networkx as nx
import numpy as np
import numpy.typing as npt

from equipoise.report.figures._base import (
    COOPERATION_COLOR,
    EDGE_CLASSES,
    EDGE_THRESHOLD,
    HOSTILITY_COLOR,
    DataTable,
    FigureSpec,
    NetworkSnapshot,
    _layout,
    _year_label,
    bloc_color,
    bloc_name,
    num,
)

# the relations network


def network_edges(
    codes: Sequence[str], weights: npt.ArrayLike, *, threshold: float = EDGE_THRESHOLD
) -> list[tuple[str, str, float]]:
    """Return the edges ``(a, b, w)`` of a signed relation matrix, ``a`` before ``b``.

    ``w`` is the mean of the two directions (they differ only for directed relations);
    pairs with ``|w| < threshold`` are no edge.

    Examples
    --------
    >>> network_edges(["A", "B", "C"], [[0, 0.5, -0.01], [0.5, 0, -0.8], [-0.01, -0.8, 0]])
    [('A', 'B', 0.5), ('B', 'C', -0.8)]
    """
    W = np.asarray(weights, dtype=np.float64)
    n = len(codes)
    out = []
    for i in range(n):
        for j in range(i + 1, n):
            w = 0.5 * (W[i, j] + W[j, i])
            if math.isfinite(w) and abs(w) >= threshold:
                out.append((codes[i], codes[j], float(w)))
    return out


def network_layout(codes: Sequence[str], weights: npt.ArrayLike) -> dict[str, tuple[float, float]]:
    r"""Return a deterministic position for every actor: friends close, enemies far apart.

    The Kamada & Kawai (1989) layout (:func:`networkx.kamada_kawai_layout`) of the complete
    graph with the distance :math:`d_{ij} = 1 - \bar w_{ij}` between actors, where
    :math:`\bar w_{ij}` is the mean of the two directions of the relation (0 where none is
    declared): allies sit at distance near 0, strangers at 1, enemies near 2. The energy is
    minimised from a circle, with no random numbers, so the same relations give the same
    positions. Positions are centred and scaled into :math:`[-1, 1]`.

    References
    ----------
    Kamada, T. & Kawai, S. (1989). An algorithm for drawing general undirected graphs.
    *Information Processing Letters* 31(1), 7–15. doi:10.1016/0020-0190(89)90102-6.
    """
    W = np.asarray(weights, dtype=np.float64)
    n = len(codes)
    if n == 1:
        return {codes[0]: (0.0, 0.0)}
    sym = np.nan_to_num(0.5 * (W + W.T))
    graph = nx.complete_graph(list(codes))
    dist = {
        a: {b: float(1.0 - sym[i, j]) for j, b in enumerate(codes) if j != i}
        for i, a in enumerate(codes)
    }
    start = {
        c: (math.cos(2 * math.pi * k / n), math.sin(2 * math.pi * k / n))
        for k, c in enumerate(codes)
    }
    pos = nx.kamada_kawai_layout(graph, dist=dist, pos=start)
    xy = np.array([pos[c] for c in codes], dtype=np.float64)
    xy -= xy.mean(axis=0)
    xy /= float(np.abs(xy).max()) or 1.0
    return {c: (round(float(xy[k, 0]), 4), round(float(xy[k, 1]), 4)) for k, c in enumerate(codes)}


def _network_traces(
    codes: Sequence[str],
    snapshot: NetworkSnapshot,
    positions: Mapping[str, tuple[float, float]],
    names: Mapping[str, str],
    labels: Sequence[int],
) -> list[dict[str, Any]]:
    """Edge traces (one per sign and strength class), the edge hover trace, node traces."""
    edges = network_edges(codes, snapshot.weights)
    traces: list[dict[str, Any]] = []
    for sign, color, word in (
        (1, COOPERATION_COLOR, "cooperation"),
        (-1, HOSTILITY_COLOR, "hostility"),
    ):
        lower = 0.0
        for upper, width in EDGE_CLASSES:
            xs: list[float | None] = []
            ys: list[float | None] = []
            for a, b, w in edges:
                if (w > 0) == (sign > 0) and lower <= abs(w) < upper + (
                    1e-9 if upper >= 1.0 else 0.0
                ):
                    (x0, y0), (x1, y1) = positions[a], positions[b]
                    xs += [x0, x1, None]
                    ys += [y0, y1, None]
            traces.append(
                {
                    "type": "scatter",
                    "mode": "lines",
                    "x": xs,
                    "y": ys,
                    "line": {"color": color, "width": width},
                    "opacity": 0.75,
                    "hoverinfo": "skip",
                    "name": word if lower == 0.0 else f"{word} {lower:.2f}–{upper:.2f}",
                    "legendgroup": word,
                    "showlegend": lower == 0.0,
                }
            )
            lower = upper
    mx = [num((positions[a][0] + positions[b][0]) / 2, 4) for a, b, _ in edges]
    my = [num((positions[a][1] + positions[b][1]) / 2, 4) for a, b, _ in edges]
    traces.append(
        {
            "type": "scatter",
            "mode": "markers",
            "x": mx,
            "y": my,
            "marker": {"size": 6, "color": "rgba(0,0,0,0)"},
            "customdata": [[a, b, num(w, 4)] for a, b, w in edges],
            "hovertemplate": "%{customdata[0]}–%{customdata[1]}: %{customdata[2]:+.2f}<extra></extra>",
            "name": "relations",
            "showlegend": False,
        }
    )
    power = np.asarray(snapshot.power, dtype=np.float64)
    current = (
        [int(v) for v in np.asarray(snapshot.blocs).ravel()]
        if snapshot.blocs is not None
        else [-2] * len(codes)
    )
    for label in labels:
        members = [k for k, c in enumerate(codes) if current[k] == label]
        traces.append(
            {
                "type": "scatter",
                "mode": "markers+text",
                "x": [positions[codes[k]][0] for k in members],
                "y": [positions[codes[k]][1] for k in members],
                "text": [codes[k] for k in members],
                "textposition": "top center",
                "customdata": [[names.get(codes[k], codes[k]), num(power[k], 4)] for k in members],
                "marker": {
                    "size": [
                        num(10 + 60 * math.sqrt(max(float(power[k]), 0.0)), 3) for k in members
                    ],
                    "color": bloc_color(label) if label >= -1 else "#4a6480",
                    "line": {"color": "#ffffff", "width": 1.5},
                },
                "hovertemplate": "%{customdata[0]} (%{text}): power %{customdata[1]:.3f}<extra>"
                + (bloc_name(label) if label >= -1 else "")
                + "</extra>",
                "name": bloc_name(label) if label >= -1 else "actors",
                "legendgroup": f"bloc{label}",
                "showlegend": True,
            }
        )
    return traces


def _network_table(codes: Sequence[str], snapshots: Sequence[NetworkSnapshot]) -> DataTable:
    """Pairs that are an edge in some snapshot, with their weight in every snapshot."""
    mats = [np.asarray(snap.weights, dtype=np.float64) for snap in snapshots]
    sym = [0.5 * (W + W.T) for W in mats]
    rows: list[tuple[Any, ...]] = []
    for i in range(len(codes)):
        for j in range(i + 1, len(codes)):
            if any(abs(S[i, j]) >= EDGE_THRESHOLD for S in sym):
                rows.append((f"{codes[i]}–{codes[j]}", *(num(S[i, j], 4) for S in sym)))
    years = tuple(f"weight {_year_label(snap.year)}" for snap in snapshots)
    return DataTable(("pair", *years), tuple(rows), (False, *([True] * len(years))))


def _blocs_text(codes: Sequence[str], snapshot: NetworkSnapshot) -> str:
    if snapshot.blocs is None:
        return ""
    labels = [int(v) for v in np.asarray(snapshot.blocs).ravel()]
    if all(v == -2 for v in labels):
        return ""
    groups: dict[int, list[str]] = {}
    for code, label in zip(codes, labels, strict=True):
        groups.setdefault(label, []).append(code)
    parts = [
        f"{bloc_name(label)}: {', '.join(members)}"
        for label, members in sorted(groups.items(), key=lambda kv: (kv[0] < 0, kv[0]))
    ]
    return " Blocs: " + "; ".join(parts) + "."


def _bloc_labels(snapshots: Sequence[NetworkSnapshot]) -> list[int]:
    seen: set[int] = set()
    for snap in snapshots:
        if snap.blocs is None:
            seen.add(-2)
        else:
            seen.update(int(v) for v in np.asarray(snap.blocs).ravel())
    if -2 in seen and len(seen) > 1:
        seen.discard(-2)
    return sorted(seen, key=lambda v: (v < 0, v))


def _network_layout_dict(height: int, **extra: Any) -> dict[str, Any]:
    hidden = {"visible": False, "range": [-1.25, 1.25], "fixedrange": True}
    return _layout(
        height,
        showlegend=True,
        hovermode="closest",
        margin={"l": 10, "r": 10, "t": 10, "b": 10},
        xaxis=hidden,
        yaxis={**hidden, "scaleanchor": "x", "scaleratio": 1},
        legend={"orientation": "h", "x": 0, "y": -0.02, "yanchor": "top"},
        **extra,
    )


def network_figure(
    codes: Sequence[str],
    snapshot: NetworkSnapshot,
    *,
    positions: Mapping[str, tuple[float, float]],
    names: Mapping[str, str] | None = None,
    key: str,
    title: str,
) -> FigureSpec:
    """Draw the signed relations network at one year.

    Green edges are cooperation, red edges hostility; edge width grows with the strength
    ``|w|`` in four classes (:data:`EDGE_CLASSES`; hover shows the exact weight); node size
    grows with power, node colour is the actor's bloc.
    """
    names = dict(names or {})
    labels = _bloc_labels([snapshot])
    traces = _network_traces(codes, snapshot, positions, names, labels)
    edges = network_edges(codes, snapshot.weights)
    pos = sum(1 for *_, w in edges if w > 0)
    strongest = sorted(edges, key=lambda e: -abs(e[2]))[:3]
    alt = (
        f"Network of the relations between {len(codes)} actors in {_year_label(snapshot.year)}: "
        f"{pos} cooperative (green) and {len(edges) - pos} hostile (red) relations, wider for "
        f"stronger ones; node size is power. Strongest: "
        + ", ".join(f"{a}–{b} {w:+.2f}" for a, b, w in strongest)
        + "."
        + _blocs_text(codes, snapshot)
    )
    figure = {"data": traces, "layout": _network_layout_dict(480)}
    return FigureSpec(key, title, alt, figure, _network_table(codes, [snapshot]))


def network_slider_figure(
    codes: Sequence[str],
    snapshots: Sequence[NetworkSnapshot],
    *,
    positions: Mapping[str, tuple[float, float]],
    names: Mapping[str, str] | None = None,
    key: str,
    title: str,
) -> FigureSpec:
    """Draw the relations network over time: one frame per year, chosen with a slider.

    The figure opens at the first year; the layout (node positions) stays fixed so that the
    changes of edges and blocs stand out.
    """
    names = dict(names or {})
    labels = _bloc_labels(snapshots)
    frames = []
    for snap in snapshots:
        frames.append(
            {
                "name": _year_label(snap.year),
                "data": _network_traces(codes, snap, positions, names, labels),
            }
        )
    steps = [
        {
            "label": f["name"],
            "method": "animate",
            "args": [
                [f["name"]],
                {
                    "mode": "immediate",
                    "frame": {"duration": 0, "redraw": True},
                    "transition": {"duration": 0},
                },
            ],
        }
        for f in frames
    ]
    layout = _network_layout_dict(
        540,
        sliders=[
            {
                "active": 0,
                "currentvalue": {"prefix": "year "},
                "pad": {"t": 30},
                "steps": steps,
            }
        ],
    )
    first, last = snapshots[0], snapshots[-1]
    e0, e1 = network_edges(codes, first.weights), network_edges(codes, last.weights)
    alt = (
        f"The relations network year by year, {_year_label(first.year)}–{_year_label(last.year)}, "
        f"with a slider to choose the year: {len(e0)} relations at the start and {len(e1)} at "
        f"the end (|weight| ≥ {EDGE_THRESHOLD})."
        + _blocs_text(codes, last).replace(" Blocs:", " Blocs at the end:")
    )
    figure = {"data": frames[0]["data"], "layout": layout, "frames": frames}
    return FigureSpec(key, title, alt, figure, _network_table(codes, snapshots))


# --------------------------------------------------------------------------------------------
