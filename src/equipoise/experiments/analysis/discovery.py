"""Scenario discovery: PRIM boxes (EMA Workbench) and CART leaves (scikit-learn).

See ``docs/models/experiments.md`` §7.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike, NDArray

from equipoise.experiments.analysis._common import (
    _EMA_THRESHOLD,
    T_Float,
)
from equipoise.random import T_Rng, as_generator, child_seed

# --------------------------------------------------------------------------------------------
# scenario discovery


@dataclass(frozen=True, slots=True)
class Box:
    r"""A box in the input space with its coverage and density.

    Attributes
    ----------
    limits : mapping of str to (float, float)
        The restricted inputs only: ``name -> (low, high)``, meaning
        :math:`low \le x \le high`; a side that is not restricted is :math:`\mp\infty`.
    coverage : float
        Cases of interest inside the box / all cases of interest.
    density : float
        Cases of interest inside the box / all points inside the box.
    mass : float
        Points inside the box / all points.
    n : int
        Points inside the box.
    n_interest : int
        Cases of interest inside the box.
    """

    limits: Mapping[str, tuple[float, float]]
    coverage: float
    density: float
    mass: float
    n: int
    n_interest: int

    @property
    def restricted(self) -> tuple[str, ...]:
        """Names of the restricted inputs."""
        return tuple(self.limits)

    def contains(self, X: pd.DataFrame) -> NDArray[np.bool_]:
        """Return which rows of ``X`` lie inside the box."""
        inside = np.ones(len(X), dtype=bool)
        for name, (low, high) in self.limits.items():
            col = X[name].to_numpy(dtype=np.float64)
            inside &= (col >= low) & (col <= high)
        return inside


@dataclass(frozen=True, slots=True)
class PrimResult:
    """Result of :func:`prim_boxes`.

    Attributes
    ----------
    box : Box
        The chosen box (``steps[chosen]``).
    chosen : int
        Its position on the trajectory.
    found : bool
        Whether the chosen box reaches the density threshold.
    steps : tuple of Box
        Every box of the peeling and pasting trajectory, from the whole space on.
    threshold : float
        The density threshold.
    n, n_interest : int
        Points and cases of interest in the data.
    note : str
        Empty, or how the box was chosen when no box reaches the threshold.
    """

    box: Box
    chosen: int
    found: bool
    steps: tuple[Box, ...]
    threshold: float
    n: int
    n_interest: int
    note: str

    @property
    def trajectory(self) -> pd.DataFrame:
        """The trajectory as a table: coverage, density, mass, counts, restricted inputs."""
        return pd.DataFrame(
            {
                "coverage": [b.coverage for b in self.steps],
                "density": [b.density for b in self.steps],
                "mass": [b.mass for b in self.steps],
                "n": [b.n for b in self.steps],
                "n_interest": [b.n_interest for b in self.steps],
                "res_dim": [len(b.limits) for b in self.steps],
                "restricted": [", ".join(b.restricted) for b in self.steps],
            },
            index=pd.RangeIndex(len(self.steps), name="step"),
        )


@dataclass(frozen=True, slots=True)
class CartResult:
    """Result of :func:`cart_boxes`.

    Attributes
    ----------
    boxes : tuple of Box
        The leaves that predict a case of interest, densest first (then by coverage).
    n, n_interest : int
        Points and cases of interest in the data.
    n_leaves, depth : int
        Size of the fitted tree.
    seed : int
        The ``random_state`` the tree was fitted with.
    """

    boxes: tuple[Box, ...]
    n: int
    n_interest: int
    n_leaves: int
    depth: int
    seed: int

    @property
    def coverage(self) -> float:
        """Share of the cases of interest inside any of the boxes (leaves do not overlap)."""
        return sum(b.n_interest for b in self.boxes) / self.n_interest


def _discovery_data(X: pd.DataFrame, y: ArrayLike) -> tuple[T_Float, NDArray[np.bool_]]:
    if not isinstance(X, pd.DataFrame):
        raise TypeError(f"X must be a pandas DataFrame with one column per input, got {type(X)}")
    if X.shape[1] == 0 or len(X) == 0:
        raise ValueError("X needs at least one column and one row")
    if len(set(map(str, X.columns))) != X.shape[1]:
        raise ValueError("X's column names must be unique")
    try:
        x = X.to_numpy(dtype=np.float64)
    except (TypeError, ValueError):
        raise ValueError("X must be numeric (map choices to their values first)") from None
    if not np.isfinite(x).all():
        raise ValueError("X must be finite")
    yy = np.asarray(y)
    if yy.shape != (len(X),) or yy.dtype != np.bool_:
        raise ValueError(
            f"y must be a boolean array of shape ({len(X)},), got {yy.dtype} {yy.shape}"
        )
    if not yy.any():
        raise ValueError("y has no case of interest: there is nothing to discover")
    return x, yy


def _box_stats(
    limits: Mapping[str, tuple[float, float]], inside: NDArray[np.bool_], y: NDArray[np.bool_]
) -> Box:
    n_in = int(inside.sum())
    k = int((inside & y).sum())
    return Box(
        limits=dict(limits),
        coverage=k / int(y.sum()),
        density=k / n_in if n_in else 0.0,
        mass=n_in / y.size,
        n=n_in,
        n_interest=k,
    )


def prim_boxes(
    X: pd.DataFrame,
    y: ArrayLike,
    *,
    threshold: float = 0.8,
    peel_alpha: float = 0.05,
    paste_alpha: float = 0.05,
    mass_min: float = 0.05,
    objective: Literal["lenient1", "lenient2", "original"] = "lenient1",
    select: Literal["coverage", "last"] = "coverage",
) -> PrimResult:
    r"""Find a box of inputs where the outcome of interest is dense, with PRIM.

    Parameters
    ----------
    X : pandas.DataFrame
        One numeric column per input (choice factors as their values), one row per member.
    y : ndarray of bool, shape (len(X),)
        Whether each member shows the outcome of interest.
    threshold : float, default 0.8
        The density the box should reach.
    peel_alpha, paste_alpha : float, default 0.05
        Share of the points in the box removed (added) at each peeling (pasting) step.
    mass_min : float, default 0.05
        Peeling stops before the box holds fewer than this share of all points.
    objective : {"lenient1", "lenient2", "original"}, default "lenient1"
        The peeling criterion: gain in density per point removed (the EMA Workbench's
        default), the same weighted by the remaining points, or the density alone (Friedman &
        Fisher 1999).
    select : {"coverage", "last"}, default "coverage"
        How to choose the box from the trajectory: the largest coverage among the boxes whose
        density reaches ``threshold`` (ties: higher density, then fewer restricted inputs), or
        the box the peeling and pasting ended at (the EMA Workbench's choice).

    Returns
    -------
    PrimResult
        The chosen box and every box on the trajectory (limits, coverage, density, mass).

    Raises
    ------
    ValueError
        If ``X`` is not numeric and finite, ``y`` is not boolean of matching length or has no
        case of interest, or a parameter is out of range.

    Notes
    -----
    PRIM (Friedman & Fisher 1999) starts from the box holding all points and *peels*: for each
    input it considers removing the ``peel_alpha`` share of the points at the lower or the
    upper end of the box, and removes the slice that most improves the objective, until the
    box would hold less than ``mass_min`` of the points. It then *pastes*: it widens a limit
    by ``paste_alpha`` while that raises the density. For a box :math:`B` over :math:`N`
    points of which :math:`N_1` are of interest (Bryant & Lempert 2010):

    .. math::

        \text{coverage} = \frac{\sum_{x_i \in B} y_i}{N_1}, \qquad
        \text{density} = \frac{\sum_{x_i \in B} y_i}{|\{i: x_i \in B\}|}, \qquad
        \text{mass} = \frac{|\{i: x_i \in B\}|}{N}.

    Peeling and pasting are the EMA Workbench's (``ema_workbench.analysis.prim.Prim``,
    ``find_box``; Kwakkel 2017). Its "lenient1" objective is :math:`(\bar y_{new} - \bar
    y_{old}) / (n_{old} - n_{new})` (Kwakkel & Jaxa-Rozen 2016). The EMA Workbench uses the
    threshold only to accept or reject the box the peeling ended at; here every box of the
    trajectory is kept (the EMA threshold is set just above 0, which for a 0/1 outcome counts
    the same cases of interest) and ``threshold`` is applied when choosing. The analyst's
    choice on the coverage–density trade-off (Bryant & Lempert 2010) is automated by
    ``select``: late boxes on the trajectory are often dense but restrict many inputs to fit
    noise; the default takes the widest box that is dense enough. If no box reaches the
    threshold, the densest box is returned with ``found = False``.

    A limit equal to the data's minimum or maximum is not a restriction and is reported as
    :math:`\mp\infty`. If every point is of interest, the whole space is the box.

    References
    ----------
    Friedman, J. H. & Fisher, N. I. (1999). Bump hunting in high-dimensional data.
    *Statistics and Computing* 9(2), 123–143. doi:10.1023/A:1008894516817 (PRIM).

    Bryant, B. P. & Lempert, R. J. (2010). Thinking inside the box: a participatory,
    computer-assisted approach to scenario discovery. *Technological Forecasting and Social
    Change* 77(1), 34–49. doi:10.1016/j.techfore.2009.08.002 (scenario discovery, coverage and
    density).

    Kwakkel, J. H. (2017). The Exploratory Modeling Workbench. *Environmental Modelling &
    Software* 96, 239–250. doi:10.1016/j.envsoft.2017.06.054 (the implementation).

    Kwakkel, J. H. & Jaxa-Rozen, M. (2016). Improving scenario discovery for handling
    heterogeneous uncertainties and multinomial classified outcomes. *Environmental Modelling &
    Software* 79, 311–321. doi:10.1016/j.envsoft.2015.11.020 (the lenient objectives).

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> X = pd.DataFrame(rng.random((1000, 2)), columns=["a", "b"])
    >>> r = prim_boxes(X, (X["a"] > 0.7).to_numpy())
    >>> r.box.restricted, round(r.box.limits["a"][0], 1), r.box.density >= 0.8
    (('a',), 0.7, True)
    """
    x, yy = _discovery_data(X, y)
    for label, value, upper in (
        ("threshold", threshold, 1.0),
        ("peel_alpha", peel_alpha, 0.5),
        ("paste_alpha", paste_alpha, 0.5),
        ("mass_min", mass_min, 1.0),
    ):
        if not 0.0 < value <= upper:
            raise ValueError(f"{label} must lie in (0, {upper}], got {value}")
    if objective not in ("lenient1", "lenient2", "original"):
        raise ValueError(f"objective must be lenient1, lenient2 or original, got {objective!r}")
    if select not in ("coverage", "last"):
        raise ValueError(f"select must be 'coverage' or 'last', got {select!r}")
    names = [str(c) for c in X.columns]
    n, n1 = yy.size, int(yy.sum())
    if n1 == n:
        whole = _box_stats({}, np.ones(n, dtype=bool), yy)
        return PrimResult(whole, 0, True, (whole,), threshold, n, n1, "every point is of interest")

    prim = _import_ema_prim()
    # Positional column names: the EMA Workbench drops a column called "scenario".
    frame = pd.DataFrame(x, columns=[f"c{j}" for j in range(len(names))])
    with warnings.catch_warnings():
        # pandas 3 deprecates the ``inplace`` the EMA Workbench 2.5.3 passes to DataFrame.drop
        warnings.filterwarnings(
            "ignore", message="The inplace keyword", category=DeprecationWarning
        )
        finder = prim.Prim(
            frame,
            yy.astype(np.int64),
            threshold=_EMA_THRESHOLD,
            obj_function=prim.PRIMObjectiveFunctions(objective),
            peel_alpha=peel_alpha,
            paste_alpha=paste_alpha,
            mass_min=mass_min,
        )
        found_box = finder.find_box()
    lo_all, hi_all = x.min(axis=0), x.max(axis=0)
    steps: list[Box] = []
    for lims in found_box.box_lims:
        lo = lims.to_numpy(dtype=np.float64)[0]
        hi = lims.to_numpy(dtype=np.float64)[1]
        limits = {
            name: (
                -math.inf if lo[j] <= lo_all[j] else float(lo[j]),
                math.inf if hi[j] >= hi_all[j] else float(hi[j]),
            )
            for j, name in enumerate(names)
            if lo[j] > lo_all[j] or hi[j] < hi_all[j]
        }
        inside = np.all((x >= lo) & (x <= hi), axis=1)
        steps.append(_box_stats(limits, inside, yy))
    dense = [i for i, b in enumerate(steps) if b.density >= threshold]
    note = ""
    if select == "last":
        chosen = len(steps) - 1
    elif dense:
        chosen = max(
            dense, key=lambda i: (steps[i].coverage, steps[i].density, -len(steps[i].limits))
        )
    else:
        chosen = max(range(len(steps)), key=lambda i: (steps[i].density, steps[i].coverage))
    found = steps[chosen].density >= threshold
    if not found:
        best = max(b.density for b in steps)
        note = f"no box reaches density {threshold:g} (the densest reaches {best:.3f})"
    return PrimResult(steps[chosen], chosen, found, tuple(steps), threshold, n, n1, note)


def _import_ema_prim() -> Any:
    """Import ``ema_workbench.analysis.prim`` without the warnings it emits at import."""
    with warnings.catch_warnings():
        # The EMA Workbench warns at import about optional packages equipoise does not use
        # (ipyparallel for its own evaluators, altair for interactive plots).
        warnings.filterwarnings("ignore", message=".*ipyparallel", category=UserWarning)
        warnings.filterwarnings("ignore", message=".*altair", category=ImportWarning)
        from ema_workbench.analysis import prim
    return prim


def cart_boxes(
    X: pd.DataFrame,
    y: ArrayLike,
    *,
    max_depth: int = 3,
    min_samples_leaf: int | float = 0.01,
    rng: T_Rng,
) -> CartResult:
    r"""Find boxes of inputs where the outcome of interest is likely, with a CART tree.

    Parameters
    ----------
    X : pandas.DataFrame
        One numeric column per input, one row per member.
    y : ndarray of bool, shape (len(X),)
        Whether each member shows the outcome of interest.
    max_depth : int, default 3
        Depth of the tree: a box restricts at most this many inputs (each once per side).
    min_samples_leaf : int or float, default 0.01
        Smallest leaf, as a count or as a share of the points.
    rng : int, SeedSequence, Generator or None
        Seeds the tree's tie-breaking between equally good splits (keyword, required).

    Returns
    -------
    CartResult
        The leaves predicting the outcome, as boxes with coverage and density.

    Raises
    ------
    ValueError
        As :func:`prim_boxes`, and for ``max_depth < 1``.

    Notes
    -----
    A classification tree (Breiman et al. 1984; scikit-learn's
    :class:`~sklearn.tree.DecisionTreeClassifier`, Gini impurity) splits the inputs
    recursively; each leaf is a box, the intersection of the splits on its path
    (:math:`x_j \le t` on the left, :math:`x_j > t` on the right; several splits on one input
    narrow its interval). The leaves whose majority class is "of interest" are the boxes, with
    coverage and density computed from the points that reach them (definitions in
    :func:`prim_boxes`). Unlike PRIM's, CART's boxes do not overlap and together partition the
    space; CART tends to find them with fewer evaluations of the trade-off but can split a
    single region into several leaves (Lempert, Bryant & Bankes 2008). Walking the tree's
    paths into limits is written here; scikit-learn exposes the tree, not boxes.

    References
    ----------
    Breiman, L., Friedman, J. H., Olshen, R. A. & Stone, C. J. (1984). *Classification and
    Regression Trees*. Wadsworth. doi:10.1201/9781315139470 (CART).

    Lempert, R. J., Bryant, B. P. & Bankes, S. C. (2008). *Comparing Algorithms for Scenario
    Discovery*. RAND WR-557-NSF (CART and PRIM for scenario discovery).

    Bryant, B. P. & Lempert, R. J. (2010). doi:10.1016/j.techfore.2009.08.002 (coverage and
    density).

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> X = pd.DataFrame(rng.random((1000, 2)), columns=["a", "b"])
    >>> r = cart_boxes(X, (X["a"] > 0.7).to_numpy(), rng=1)
    >>> [(b.restricted, round(b.limits["a"][0], 1), b.density) for b in r.boxes]
    [(('a',), 0.7, 1.0)]
    """
    from sklearn.tree import DecisionTreeClassifier

    x, yy = _discovery_data(X, y)
    if max_depth < 1:
        raise ValueError(f"max_depth must be at least 1, got {max_depth}")
    names = [str(c) for c in X.columns]
    seed = child_seed(as_generator(rng))
    tree = DecisionTreeClassifier(
        max_depth=max_depth, min_samples_leaf=min_samples_leaf, random_state=seed
    )
    tree.fit(x, yy)
    t = tree.tree_
    classes = list(tree.classes_)
    leaf_of = tree.apply(x)
    lo_all, hi_all = x.min(axis=0), x.max(axis=0)
    boxes: list[Box] = []
    # depth-first walk from the root, carrying each node's interval per input
    stack: list[tuple[int, dict[int, tuple[float, float]]]] = [(0, {})]
    while stack:
        node, bounds = stack.pop()
        left, right = int(t.children_left[node]), int(t.children_right[node])
        if left == right:  # a leaf
            if classes[int(np.argmax(t.value[node][0]))]:
                limits = {
                    names[j]: (
                        -math.inf if lo <= lo_all[j] else lo,
                        math.inf if hi >= hi_all[j] else hi,
                    )
                    for j, (lo, hi) in sorted(bounds.items())
                }
                limits = {k: v for k, v in limits.items() if v != (-math.inf, math.inf)}
                boxes.append(_box_stats(limits, leaf_of == node, yy))
            continue
        j, thr = int(t.feature[node]), float(t.threshold[node])
        lo, hi = bounds.get(j, (-math.inf, math.inf))
        stack.append((right, {**bounds, j: (max(lo, thr), hi)}))
        stack.append((left, {**bounds, j: (lo, min(hi, thr))}))
    boxes.sort(key=lambda b: (-b.density, -b.coverage, b.restricted))
    return CartResult(
        boxes=tuple(boxes),
        n=int(yy.size),
        n_interest=int(yy.sum()),
        n_leaves=int(tree.get_n_leaves()),
        depth=int(tree.get_depth()),
        seed=seed,
    )
