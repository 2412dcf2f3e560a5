"""Figures of a scenario, a run and an ensemble, as plotly figure specifications.

Every builder is a pure function: plain data in (numbers, codes, the quantiles of an ensemble),
a :class:`FigureSpec` out. A spec holds the plotly figure in plotly's JSON format
(``{"data": [...], "layout": {...}, "frames": [...]}``, plain dicts that ``plotly.js`` draws
with ``Plotly.newPlot``), a descriptive alternative text, and a :class:`DataTable` with the same
numbers, for readers who do not see the figure and for print. Nothing here reads files, runs a
model or knows about HTML: the HTML report (:mod:`equipoise.report.render`) and the web app
place the specs on their pages.

Conventions shared by every figure:

* each actor keeps one colour across figures (:func:`actor_colors`, by its place in the
  scenario);
* relations are green for cooperation and red for hostility; blocs have their own colours;
* ensemble bands are the 5 % and 95 % quantiles around the median, as
  :func:`equipoise.experiments.analysis.summarise` gives them; the single run with the declared
  values (the *baseline run*) is a dotted line;
* numbers are rounded to 6 significant digits (:func:`num`) to keep the embedded data small.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import networkx as nx
import numpy as np
import numpy.typing as npt

#: Colours of actors, by their place in the scenario (cycled past 20 actors).
ACTOR_PALETTE: tuple[str, ...] = (
    "#1f77b4", "#d62728", "#9467bd", "#2ca02c", "#ff7f0e", "#8c564b", "#e377c2",
    "#17becf", "#bcbd22", "#393b79", "#637939", "#8c6d31", "#843c39", "#7b4173",
    "#3182bd", "#e6550d", "#31a354", "#756bb1", "#636363", "#7f7f7f",
)  # fmt: skip
#: Colours of blocs: the strongest first; unaligned actors are grey.
BLOC_PALETTE: tuple[str, ...] = ("#2b5c8a", "#e08214", "#8073ac", "#35978f", "#bf812d", "#c51b7d")
UNALIGNED_COLOR = "#9a9a9a"
COOPERATION_COLOR = "#1a9850"
HOSTILITY_COLOR = "#d73027"
VERDICT_COLORS: dict[str, str] = {
    "supported": "#1a7f45",
    "contradicted": "#b2182b",
    "undecided": "#c98a00",
}
#: Edges of the relations network: |weight| below this is no edge (the table lists every pair).
EDGE_THRESHOLD = 0.05
#: Strength classes of edges: (upper bound of |weight|, line width in pixels).
EDGE_CLASSES: tuple[tuple[float, float], ...] = ((0.25, 1.0), (0.5, 2.5), (0.75, 4.5), (1.0, 7.0))
#: Bargaining models, in the order they are shown.
MODEL_NAMES: dict[str, str] = {
    "eu": "expected utility",
    "compromise": "compromise",
    "median": "weighted median",
}
_MODEL_DASH = {"eu": "dash", "compromise": "dot", "median": "dashdot"}
_FONT = {"family": "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif", "size": 12}


# --------------------------------------------------------------------------------------------
# the result types


@dataclass(frozen=True)
class DataTable:
    """The numbers of a figure as a table: its accessible and printable version.

    Attributes
    ----------
    columns : tuple of str
        Column headings.
    rows : tuple of tuple
        One tuple per row, one cell per column (str, int, float or None).
    numeric : tuple of bool
        Which columns hold numbers (right-aligned).
    """

    columns: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]
    numeric: tuple[bool, ...] = ()

    def __post_init__(self) -> None:
        if not self.numeric:
            numeric = tuple(
                all(isinstance(r[j], int | float) or r[j] is None for r in self.rows)
                and any(isinstance(r[j], int | float) for r in self.rows)
                for j in range(len(self.columns))
            )
            object.__setattr__(self, "numeric", numeric)

    def to_dict(self) -> dict[str, Any]:
        """Return the table as JSON-ready data."""
        return {"columns": list(self.columns), "rows": [list(r) for r in self.rows]}


@dataclass(frozen=True)
class FigureSpec:
    """One figure: the plotly specification, its alternative text and its table.

    Attributes
    ----------
    key : str
        Identifier, unique in a report (used as the HTML id).
    title : str
        Short title (a caption heading).
    alt : str
        What the figure shows, in words, with its main numbers (``aria-label`` and caption).
    figure : dict
        ``{"data": [...], "layout": {...}}`` and optionally ``"frames"``: plotly's JSON.
    table : DataTable
        The same numbers as a table.
    """

    key: str
    title: str
    alt: str
    figure: dict[str, Any]
    table: DataTable

    @property
    def n_traces(self) -> int:
        """Number of data traces."""
        return len(self.figure.get("data", []))

    def to_dict(self) -> dict[str, Any]:
        """Return the figure as JSON-ready data: key, title, alt, figure and table."""
        return {
            "key": self.key,
            "title": self.title,
            "alt": self.alt,
            "figure": self.figure,
            "table": {**self.table.to_dict(), "numeric": list(self.table.numeric)},
        }


@dataclass(frozen=True)
class Series:
    """One line over time: an ensemble's median and band, and/or the baseline run.

    Attributes
    ----------
    name : str
        Legend label (an actor code, a pair ``RUS→CHN``, a metric).
    years : tuple of float
    median, low, high : tuple of float, optional
        The ensemble's median and its 5 % and 95 % quantiles per year (None where missing).
    baseline : tuple of float, optional
        The baseline run (the declared values, one member).
    color : str, optional
        Line colour (default: by position in the figure).
    """

    name: str
    years: tuple[float, ...]
    median: tuple[float | None, ...] | None = None
    low: tuple[float | None, ...] | None = None
    high: tuple[float | None, ...] | None = None
    baseline: tuple[float | None, ...] | None = None
    color: str | None = None

    @property
    def central(self) -> tuple[float | None, ...]:
        """The line the figure draws solid: the median, else the baseline run."""
        if self.median is not None:
            return self.median
        if self.baseline is not None:
            return self.baseline
        return tuple(None for _ in self.years)


@dataclass(frozen=True)
class NetworkSnapshot:
    """The relations at one year.

    Attributes
    ----------
    year : float
    weights : array_like, shape (n, n)
        Signed relation weights (row's relation to column).
    power : array_like, shape (n,)
        Power shares (node sizes).
    blocs : array_like of int, shape (n,), optional
        Bloc labels: 0 the strongest bloc, 1 the next..., -1 unaligned (None: not computed).
    """

    year: float
    weights: npt.ArrayLike
    power: npt.ArrayLike
    blocs: npt.ArrayLike | None = None


@dataclass(frozen=True)
class Difference:
    """A paired difference intervention − baseline of one outcome, with its interval."""

    group: str  # the metric (one panel per metric)
    label: str  # the entity and year, e.g. "RUS 2031"
    mean: float
    low: float
    high: float
    baseline_mean: float | None = None
    intervention_mean: float | None = None
    share_positive: float | None = None


@dataclass(frozen=True)
class ClaimPoint:
    """A claim's probability over the ensemble, its Wilson interval and verdict."""

    id: str
    verdict: str
    probability: float
    low: float
    high: float
    n: int = 0


@dataclass(frozen=True)
class SensitivityBar:
    """One uncertainty's sensitivity indices (Sobol: S1, ST; Morris: mu_star, sigma)."""

    name: str
    total: float  # ST or mu_star
    total_conf: float | None = None
    first: float | None = None  # S1 or sigma
    first_conf: float | None = None


@dataclass(frozen=True)
class BoxLimit:
    """A scenario-discovery box's range for one uncertainty, within its declared range."""

    name: str
    low: float | None  # None: not restricted from below
    high: float | None
    range_low: float
    range_high: float


@dataclass(frozen=True)
class IssueInfo:
    """What a bargaining figure needs to know about its issue."""

    id: str
    name: str
    low: str = ""
    high: str = ""
    model: str = "eu"


# --------------------------------------------------------------------------------------------
# helpers


def num(x: Any, digits: int = 6) -> float | None:
    """Return ``x`` rounded to ``digits`` significant digits; None for NaN, infinities, None."""
    if x is None:
        return None
    value = float(x)
    if not math.isfinite(value):
        return None
    return float(f"{value:.{digits}g}")


def nums(values: Any, digits: int = 6) -> list[float | None]:
    """Apply :func:`num` to every element of a 1-d sequence or array."""
    return [num(v, digits) for v in np.asarray(values, dtype=np.float64).ravel()]


def actor_colors(codes: Sequence[str]) -> dict[str, str]:
    """Return each actor's colour, by its place in ``codes`` (the scenario's order)."""
    return {c: ACTOR_PALETTE[i % len(ACTOR_PALETTE)] for i, c in enumerate(codes)}


def bloc_color(label: int) -> str:
    """Return a bloc's colour (grey for unaligned, label -1)."""
    return UNALIGNED_COLOR if label < 0 else BLOC_PALETTE[label % len(BLOC_PALETTE)]


def bloc_name(label: int) -> str:
    """Return a bloc's name: ``bloc 1 (strongest)``, ``bloc 2``... or ``unaligned``."""
    if label < 0:
        return "unaligned"
    return f"bloc {label + 1}" + (" (strongest)" if label == 0 else "")


def _rgba(color: str, alpha: float) -> str:
    h = color.lstrip("#")
    r, g, b = int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)
    return f"rgba({r},{g},{b},{alpha})"


def _fmt(x: float | None, digits: int = 3) -> str:
    return "–" if x is None else f"{x:.{digits}f}"


def _signed(x: float | None, digits: int = 3) -> str:
    return "–" if x is None else f"{x:+.{digits}f}"


def _layout(height: int, **extra: Any) -> dict[str, Any]:
    return {
        "font": _FONT,
        "height": height,
        "margin": {"l": 60, "r": 20, "t": 20, "b": 50},
        "paper_bgcolor": "#ffffff",
        "plot_bgcolor": "#ffffff",
        **extra,
    }


def _axis(title: str = "", **extra: Any) -> dict[str, Any]:
    return {
        "title": {"text": title},
        "gridcolor": "#e6e9ee",
        "zerolinecolor": "#b8c0ca",
        # fixed margins, sized from the labels: automatic margins make plotly draw a figure
        # twice, which doubles the time to draw the report
        "automargin": False,
        **extra,
    }


def _label_margin(labels: Sequence[str], *, minimum: int = 60) -> int:
    """Left margin (px) that fits the longest category label at 12 px."""
    longest = max((len(str(x)) for x in labels), default=0)
    return int(min(340, max(minimum, 16 + 7 * longest)))


def _year_label(year: float) -> str:
    return f"{year:g}"


# --------------------------------------------------------------------------------------------
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
    for verdict_name in ("supported", "undecided", "contradicted"):
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
        f"{counts['undecided']} undecided (thresholds {contradict:.2f} and {support:.2f})."
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


__all__ = [
    "ACTOR_PALETTE",
    "BLOC_PALETTE",
    "COOPERATION_COLOR",
    "EDGE_CLASSES",
    "EDGE_THRESHOLD",
    "HOSTILITY_COLOR",
    "MODEL_NAMES",
    "VERDICT_COLORS",
    "BoxLimit",
    "ClaimPoint",
    "DataTable",
    "Difference",
    "FigureSpec",
    "IssueInfo",
    "NetworkSnapshot",
    "SensitivityBar",
    "Series",
    "actor_colors",
    "bands_figure",
    "bargaining_figure",
    "bloc_color",
    "bloc_name",
    "boxes_figure",
    "claims_figure",
    "differences_figure",
    "network_edges",
    "network_figure",
    "network_layout",
    "network_slider_figure",
    "num",
    "nums",
    "power_shares_figure",
    "sensitivity_figure",
]
