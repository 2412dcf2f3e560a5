"""Shared pieces of the figures: colours, the result types and layout helpers."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

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
    "built in": "#6b7785",  # holds without the model's dynamics: an assumption, not a finding
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
