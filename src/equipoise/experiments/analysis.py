r"""Analysis of ensembles: sensitivity, scenario discovery, intervals and summaries.

Pure functions over numpy arrays and pandas frames: no printing, no files, no global random
state. Every function that draws random numbers takes one ``rng`` argument (an ``int``, a
:class:`numpy.random.SeedSequence`, a :class:`numpy.random.Generator` or ``None``), turned into
a generator once by :func:`as_generator`.

The numerical work is done by published libraries; this module adapts their inputs and
outputs to equipoise's declared uncertainties and to typed results:

* designs and Sobol'/Morris indices: SALib (Herman & Usher 2017);
* PRIM: the EMA Workbench (``ema_workbench.analysis.prim``; Kwakkel 2017);
* CART: :class:`sklearn.tree.DecisionTreeClassifier`;
* the Wilson interval: :func:`statsmodels.stats.proportion.proportion_confint`;
* inverse CDFs, Student's *t* quantiles: :mod:`scipy.stats`.

Contents
--------
:func:`problem_from_uncertainties`
    A SALib problem (``num_vars``, ``names``, ``bounds``, ``dists``) from declared uncertainties.
:func:`sobol_design`, :func:`morris_design`, :func:`to_values`
    Designs in the unit hypercube (quantiles) and their mapping to the uncertainties' values.
:func:`sobol_indices`, :func:`morris_indices`, :func:`rank_drivers`
    First- and total-order Sobol' indices; Morris :math:`\mu, \mu^*, \sigma`; the ranking.
:func:`wilson_interval`, :func:`verdict`
    The Wilson score interval of a proportion; a claim's verdict from that interval.
:func:`summarise`, :func:`paired_difference`
    Ensemble summaries per time step or entity; paired intervention-minus-baseline differences.
:func:`prim_boxes`, :func:`cart_boxes`
    Scenario discovery: PRIM peeling and pasting, CART leaves, as boxes with coverage and density.

The equations, which library computes what and what is written here (and why) are in
``docs/models/experiments.md``.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final, Literal, TypeAlias

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike, NDArray

from equipoise.scenario.schema import Uncertainty

# SALib, statsmodels, scikit-learn and the EMA Workbench are imported inside the functions that
# use them: together they take several seconds to import (the EMA Workbench also imports
# matplotlib and seaborn and warns about optional packages at import), which the command line
# should not pay for commands that do not analyse anything.

T_Rng: TypeAlias = int | np.random.SeedSequence | np.random.Generator | None
T_Float: TypeAlias = NDArray[np.float64]
T_Verdict: TypeAlias = Literal["supported", "contradicted", "undecided"]
T_Problem: TypeAlias = dict[str, Any]

#: SALib's distribution code for each declared distribution. ``choice`` has no SALib
#: counterpart; it is declared as a uniform over ``[0, k)`` (the choice's index) and mapped to
#: its values by :func:`to_values`.
SALIB_DISTS: Final[Mapping[str, str]] = {
    "uniform": "unif",
    "normal": "norm",
    "triangular": "triang",
    "choice": "unif",
}

#: Default lower quantile of the Morris grid for normal factors (see :func:`morris_design`).
MORRIS_NORMAL_TAIL: Final[float] = 0.01

#: Default verdict thresholds: the IPCC's calibrated language (Mastrandrea et al. 2010),
#: "likely" is a probability of at least 66 %, "unlikely" of at most 33 %.
SUPPORT_THRESHOLD: Final[float] = 0.66
CONTRADICT_THRESHOLD: Final[float] = 0.33

# Below this range (relative to the largest |Y|, at least 1) an output counts as constant.
_CONSTANT_RTOL: Final[float] = 1e-12
# Quantiles of normal factors are kept this far from 0 and 1 (Phi^-1(0) is -inf); the same
# guard as equipoise.experiments.sampling.to_values.
_NORMAL_EPS: Final[float] = float(np.finfo(np.float64).eps)
# PRIM's threshold as passed to the EMA Workbench: see prim_boxes, Notes.
_EMA_THRESHOLD: Final[float] = 1e-9


# --------------------------------------------------------------------------------------------
# randomness


def as_generator(rng: T_Rng) -> np.random.Generator:
    """Return the generator that ``rng`` names (the one place where seeds are normalised).

    Parameters
    ----------
    rng : int, SeedSequence, Generator or None
        A seed, a seed sequence, a generator (used as is, and advanced by the caller's
        draws) or ``None`` for fresh entropy from the operating system.

    Returns
    -------
    numpy.random.Generator

    Raises
    ------
    TypeError
        For anything else (a float, a bool, a legacy ``RandomState``).

    Examples
    --------
    >>> as_generator(7).integers(100) == as_generator(7).integers(100)
    np.True_
    """
    if isinstance(rng, np.random.Generator):
        return rng
    if isinstance(rng, bool) or not (
        rng is None or isinstance(rng, int | np.integer | np.random.SeedSequence)
    ):
        raise TypeError(
            f"rng must be an int, a numpy SeedSequence or Generator, or None; got {type(rng).__name__}"
        )
    return np.random.default_rng(rng)


def _child_seed(gen: np.random.Generator) -> int:
    """Draw a positive seed below 2**32 for a library that takes an integer seed.

    Positive, because SALib's ``analyze.sobol`` tests ``if seed:`` and falls back to the global
    ``np.random`` for 0; below 2**32, because scikit-learn's ``random_state`` must be.
    """
    return int(gen.integers(1, 2**32 - 1))


# --------------------------------------------------------------------------------------------
# problem and designs


def problem_from_uncertainties(uncertainties: Sequence[Uncertainty]) -> T_Problem:
    r"""Return the SALib problem that describes declared uncertainties.

    Parameters
    ----------
    uncertainties : sequence of Uncertainty
        The scenario's declared uncertainties, in the order of the design's columns. Names
        must be unique.

    Returns
    -------
    dict
        ``{"num_vars", "names", "bounds", "dists", "choices"}``. ``bounds`` and ``dists``
        follow SALib's convention (``SALib.util.scale_samples``):

        ============ ========== ==========================================================
        declared     ``dists``  ``bounds``
        ============ ========== ==========================================================
        uniform      ``unif``   ``[low, high]``
        normal       ``norm``   ``[mean, sd]``
        triangular   ``triang`` ``[low, high, c]``, :math:`c = (mode-low)/(high-low)`
        choice       ``unif``   ``[0, k]`` for :math:`k` choices: the index, floored
        ============ ========== ==========================================================

        ``choices`` maps each choice factor's name to ``{"values": [...], "weights": [...]}``
        (weights normalised to sum to 1; equal when none are declared).

    Raises
    ------
    ValueError
        If there are no uncertainties or two share a name.

    Notes
    -----
    SALib has no categorical factor. A choice among :math:`k` values is handled by its index:
    a uniform factor on :math:`[0, k)` whose floor is the index (with equal weights; with
    declared weights, :func:`to_values` maps the index's quantile :math:`u = x/k` through the
    weights' cumulative distribution). Its Sobol' index is the share of variance due to which
    choice is made; its Morris effect is that of moving between choices in index order, which
    is meaningful only as a screening signal.

    The problem is a plain SALib problem, usable with SALib's own functions. equipoise's
    designs, however, stay in the unit hypercube and are mapped by :func:`to_values` (see
    there for why).

    References
    ----------
    Herman, J. & Usher, W. (2017). SALib: An open-source Python library for sensitivity
    analysis. *Journal of Open Source Software* 2(9), 97. doi:10.21105/joss.00097 (the
    problem format).

    Examples
    --------
    >>> u = Uncertainty(name="rate", target="parameters.balance_rate",
    ...                 distribution="triangular", low=0.1, mode=0.2, high=0.5)
    >>> p = problem_from_uncertainties([u])
    >>> p["dists"], p["bounds"]
    (['triang'], [[0.1, 0.5, 0.25]])
    """
    if not uncertainties:
        raise ValueError("a problem needs at least one uncertainty")
    names = [u.name for u in uncertainties]
    dupes = sorted({n for n in names if names.count(n) > 1})
    if dupes:
        raise ValueError(f"uncertainty names must be unique; repeated: {', '.join(dupes)}")
    bounds: list[list[float]] = []
    dists: list[str] = []
    choices: dict[str, dict[str, list[float]]] = {}
    for u in uncertainties:
        dists.append(SALIB_DISTS[u.distribution])
        if u.distribution == "uniform":
            assert u.low is not None and u.high is not None  # checked by the schema
            bounds.append([u.low, u.high])
        elif u.distribution == "normal":
            assert u.mean is not None and u.sd is not None
            bounds.append([u.mean, u.sd])
        elif u.distribution == "triangular":
            assert u.low is not None and u.high is not None and u.mode is not None
            bounds.append([u.low, u.high, (u.mode - u.low) / (u.high - u.low)])
        else:
            assert u.choices is not None
            k = len(u.choices)
            w = np.asarray(u.weights if u.weights is not None else [1.0] * k, dtype=np.float64)
            bounds.append([0.0, float(k)])
            choices[u.name] = {
                "values": [float(c) for c in u.choices],
                "weights": [float(x) for x in w / w.sum()],
            }
    return {
        "num_vars": len(names),
        "names": names,
        "bounds": bounds,
        "dists": dists,
        "choices": choices,
    }


def _check_problem(problem: Mapping[str, Any]) -> tuple[list[str], list[str]]:
    """Return the names and dists of a problem after checking that they agree."""
    try:
        names = [str(n) for n in problem["names"]]
        d = int(problem["num_vars"])
        bounds = problem["bounds"]
    except KeyError as exc:
        raise ValueError(
            f"a problem needs 'num_vars', 'names' and 'bounds'; missing {exc}"
        ) from None
    dists = [str(x) for x in problem.get("dists", ["unif"] * d)]
    if not (d == len(names) == len(bounds) == len(dists)) or d < 1:
        raise ValueError(
            f"problem has num_vars={d}, {len(names)} names, {len(bounds)} bounds and "
            f"{len(dists)} dists; they must agree and be at least 1"
        )
    return names, dists


def _unit_problem(names: Sequence[str]) -> T_Problem:
    """Return the same factors, each uniform on [0, 1], so that SALib returns quantiles."""
    return {"num_vars": len(names), "names": list(names), "bounds": [[0.0, 1.0]] * len(names)}


def sobol_design(
    problem: Mapping[str, Any],
    n: int,
    *,
    calc_second_order: bool = False,
    rng: T_Rng,
) -> T_Float:
    r"""Return Saltelli's design for Sobol' indices, in the unit hypercube.

    Parameters
    ----------
    problem : dict
        From :func:`problem_from_uncertainties` (only ``names`` and ``num_vars`` are used here).
    n : int
        Base sample size :math:`N`, a power of 2 (the balance of Sobol' points needs it).
    calc_second_order : bool, default False
        Add the :math:`B_A^{(j)}` blocks for second-order indices.
    rng : int, SeedSequence, Generator or None
        Seeds the scrambling of the Sobol' sequence (keyword, required).

    Returns
    -------
    ndarray of float, shape (N (D + 2), D), or (N (2D + 2), D) with second order
        Quantiles in :math:`[0, 1)`, in SALib's row order (for each base point: :math:`A`,
        the :math:`D` rows :math:`A_B^{(j)}`, [the :math:`D` rows :math:`B_A^{(j)}`], :math:`B`).
        Map them to values with :func:`to_values`; feed the model outputs, in the same
        order, to :func:`sobol_indices`.

    Raises
    ------
    ValueError
        If ``n`` is not a positive power of 2.

    Notes
    -----
    The base matrices :math:`A` and :math:`B` are the two halves of a :math:`2D`-dimensional
    scrambled Sobol' sequence (:class:`scipy.stats.qmc.Sobol`, via ``SALib.sample.sobol``);
    :math:`A_B^{(j)}` is :math:`A` with column :math:`j` from :math:`B` (Saltelli 2002;
    Saltelli et al. 2010, §3).

    SALib's samplers also apply the distributions (``scale_samples``). equipoise samples the
    unit hypercube instead and maps quantiles with :func:`to_values`, which gives the same
    values where SALib's scaling is valid (tested) and also handles what it rejects.

    References
    ----------
    Saltelli, A. (2002). Making best use of model evaluations to compute sensitivity indices.
    *Computer Physics Communications* 145(2), 280–297. doi:10.1016/S0010-4655(02)00280-1
    (the cross-sampled design).

    Saltelli, A., Annoni, P., Azzini, I., Campolongo, F., Ratto, M. & Tarantola, S. (2010).
    Variance based sensitivity analysis of model output. Design and estimator for the total
    sensitivity index. *Computer Physics Communications* 181(2), 259–270.
    doi:10.1016/j.cpc.2009.09.018 (:math:`N(D+2)` runs for first and total order).

    Herman, J. & Usher, W. (2017). SALib. *JOSS* 2(9), 97. doi:10.21105/joss.00097.

    Examples
    --------
    >>> p = {"num_vars": 3, "names": ["a", "b", "c"], "bounds": [[0, 1]] * 3}
    >>> sobol_design(p, 8, rng=1).shape
    (40, 3)
    """
    from SALib.sample import sobol as salib_sobol_sample

    names, _ = _check_problem(problem)
    if n < 1 or n & (n - 1):
        raise ValueError(f"n must be a positive power of 2 (Sobol' balance), got {n}")
    gen = as_generator(rng)
    design = salib_sobol_sample.sample(
        _unit_problem(names), n, calc_second_order=calc_second_order, seed=gen
    )
    return np.asarray(design, dtype=np.float64)


def morris_design(
    problem: Mapping[str, Any],
    n_trajectories: int,
    *,
    num_levels: int = 4,
    normal_tail: float = MORRIS_NORMAL_TAIL,
    rng: T_Rng,
) -> T_Float:
    r"""Return a Morris design (one-at-a-time trajectories) in the unit hypercube.

    Parameters
    ----------
    problem : dict
        From :func:`problem_from_uncertainties`.
    n_trajectories : int
        Number of trajectories :math:`r` (at least 2).
    num_levels : int, default 4
        Grid levels :math:`p` (even, at least 2); pass the same to :func:`morris_indices`.
    normal_tail : float, default 0.01
        For normal factors, the grid spans the quantiles ``[normal_tail, 1 - normal_tail]``
        instead of ``[0, 1]``, whose ends are infinite.
    rng : int, SeedSequence, Generator or None
        Seeds the trajectories (keyword, required).

    Returns
    -------
    ndarray of float, shape (r (D + 1), D)
        Quantiles on the grid :math:`\{0, 1/(p-1), \dots, 1\}`. Map them with
        :func:`to_values` to run the model; pass *this* array (not the values) to
        :func:`morris_indices`.

    Raises
    ------
    ValueError
        For fewer than 2 trajectories, an odd or too small ``num_levels``, or a tail outside
        ``(0, 0.5)``.

    Notes
    -----
    Each trajectory starts at a random grid point and moves each factor once by
    :math:`\Delta = p / (2(p - 1))` (Morris 1991), drawn by ``SALib.sample.morris`` without
    the optional trajectory optimisation of Campolongo et al. (2007). Factors with other
    distributions than the uniform are sampled in quantile space (Saltelli et al. 2008,
    §3.3). The quantiles 0 and 1 of a normal distribution are :math:`\mp\infty`, so for normal
    factors the grid is compressed linearly to ``[normal_tail, 1 - normal_tail]`` (SALib
    returns infinities there: SALib issue #515); with the default 0.01 the grid's ends are
    :math:`\mu \mp 2.33\sigma`.

    References
    ----------
    Morris, M. D. (1991). Factorial sampling plans for preliminary computational experiments.
    *Technometrics* 33(2), 161–174. doi:10.1080/00401706.1991.10484804 (the design).

    Campolongo, F., Cariboni, J. & Saltelli, A. (2007). An effective screening design for
    sensitivity analysis of large models. *Environmental Modelling & Software* 22(10),
    1509–1518. doi:10.1016/j.envsoft.2006.10.004.

    Saltelli, A., Ratto, M., Andres, T., Campolongo, F., Cariboni, J., Gatelli, D., Saisana, M.
    & Tarantola, S. (2008). *Global Sensitivity Analysis: The Primer*. Wiley.
    doi:10.1002/9780470725184 (non-uniform factors in quantile space).

    Examples
    --------
    >>> p = {"num_vars": 2, "names": ["a", "b"], "bounds": [[0, 1], [0, 1]]}
    >>> X = morris_design(p, 10, rng=3)
    >>> X.shape, sorted(set(X.ravel().round(4).tolist()))
    ((30, 2), [0.0, 0.3333, 0.6667, 1.0])
    """
    from SALib.sample import morris as salib_morris_sample

    names, dists = _check_problem(problem)
    if n_trajectories < 2:
        raise ValueError(f"n_trajectories must be at least 2, got {n_trajectories}")
    if num_levels < 2 or num_levels % 2:
        raise ValueError(f"num_levels must be even and at least 2, got {num_levels}")
    if not 0.0 < normal_tail < 0.5:
        raise ValueError(f"normal_tail must lie in (0, 0.5), got {normal_tail}")
    gen = as_generator(rng)
    design = np.asarray(
        salib_morris_sample.sample(
            _unit_problem(names), n_trajectories, num_levels=num_levels, seed=gen
        ),
        dtype=np.float64,
    )
    for j, dist in enumerate(dists):
        if dist == "norm":
            design[:, j] = normal_tail + (1.0 - 2.0 * normal_tail) * design[:, j]
    return design


def to_values(problem: Mapping[str, Any], design: ArrayLike) -> T_Float:
    r"""Map a unit-hypercube design to the uncertainties' values by their inverse CDFs.

    Parameters
    ----------
    problem : dict
        From :func:`problem_from_uncertainties`.
    design : array_like, shape (rows, D)
        Quantiles in :math:`[0, 1]`, e.g. from :func:`sobol_design`, :func:`morris_design` or
        any other unit design (Latin hypercube, Monte Carlo).

    Returns
    -------
    ndarray of float, shape (rows, D)
        The values to run the model with.

    Raises
    ------
    ValueError
        If the design's shape does not match the problem, a quantile lies outside
        :math:`[0, 1]` or is NaN, or a distribution is not one that
        :func:`problem_from_uncertainties` writes.

    Notes
    -----
    With :math:`u` the quantile (:mod:`scipy.stats`):

    * ``unif`` :math:`[a, b]`: :math:`a + (b - a) u`;
    * ``norm`` :math:`[\mu, \sigma]`: :math:`\mu + \sigma \Phi^{-1}(u)`, with :math:`u` kept
      within machine epsilon of 0 and 1;
    * ``triang`` :math:`[a, b, c]`: ``scipy.stats.triang.ppf(u, c, loc=a, scale=b - a)``;
    * choice with values :math:`v_1..v_k` and weights :math:`w`: :math:`v_i` for the first
      :math:`i` with :math:`\sum_{l \le i} w_l > u` (with equal weights the floor of
      :math:`ku`, SALib's index on :math:`[0, k)`).

    These are SALib's formulas (``SALib.util._nonuniform_scale_samples``), and the test suite
    checks that both give the same values. They are applied here rather than by SALib's
    samplers because SALib rejects valid triangular distributions (an upper limit below 0,
    or a mode at the upper limit), returns infinities for normal factors on a Morris grid,
    and has no categorical factor. The mapping agrees with
    :func:`equipoise.experiments.sampling.to_values`.

    Examples
    --------
    >>> p = {"num_vars": 2, "names": ["w", "c"], "bounds": [[10, 20], [0, 3]],
    ...      "dists": ["unif", "unif"],
    ...      "choices": {"c": {"values": [5, 7, 9], "weights": [1/3, 1/3, 1/3]}}}
    >>> to_values(p, [[0.0, 0.1], [0.5, 0.5], [0.9, 0.9]])
    array([[10.,  5.],
           [15.,  7.],
           [19.,  9.]])
    """
    from scipy import stats

    names, dists = _check_problem(problem)
    u = np.asarray(design, dtype=np.float64)
    if u.ndim != 2 or u.shape[1] != len(names):
        raise ValueError(f"design must have shape (rows, {len(names)}), got {u.shape}")
    if u.size and (np.isnan(u).any() or u.min() < 0.0 or u.max() > 1.0):
        raise ValueError("design must hold quantiles in [0, 1] (no NaN)")
    choices: Mapping[str, Mapping[str, Sequence[float]]] = problem.get("choices", {})
    out = np.empty_like(u)
    for j, (name, dist) in enumerate(zip(names, dists, strict=True)):
        b = [float(x) for x in problem["bounds"][j]]
        col = u[:, j]
        if name in choices:
            values = np.asarray(choices[name]["values"], dtype=np.float64)
            cum = np.cumsum(np.asarray(choices[name]["weights"], dtype=np.float64))
            cum /= cum[-1]
            idx = np.minimum(np.searchsorted(cum, col, side="right"), values.size - 1)
            out[:, j] = values[idx]
        elif dist == "unif":
            out[:, j] = b[0] + (b[1] - b[0]) * col
        elif dist == "norm":
            out[:, j] = stats.norm.ppf(
                np.clip(col, _NORMAL_EPS, 1.0 - _NORMAL_EPS), loc=b[0], scale=b[1]
            )
        elif dist == "triang":
            out[:, j] = stats.triang.ppf(col, b[2], loc=b[0], scale=b[1] - b[0])
        else:
            raise ValueError(f"distribution {dist!r} of {name!r} is not unif, norm or triang")
    return out


# --------------------------------------------------------------------------------------------
# sensitivity


def _is_constant(y: T_Float) -> bool:
    return bool(np.ptp(y) <= _CONSTANT_RTOL * max(1.0, float(np.abs(y).max())))


def _as_outputs(y: ArrayLike) -> T_Float:
    arr = np.asarray(y, dtype=np.float64)
    if arr.ndim != 1:
        raise ValueError(f"Y must be one output per design row (1-d), got shape {arr.shape}")
    if not np.isfinite(arr).all():
        raise ValueError("Y must be finite: drop or impute the rows whose output is missing")
    return arr


def sobol_indices(
    problem: Mapping[str, Any],
    Y: ArrayLike,
    *,
    calc_second_order: bool = False,
    num_resamples: int = 100,
    conf_level: float = 0.95,
    rng: T_Rng,
) -> pd.DataFrame:
    r"""Return first- and total-order Sobol' indices with bootstrap confidence intervals.

    Parameters
    ----------
    problem : dict
        From :func:`problem_from_uncertainties`.
    Y : array_like of float, shape (N (D + 2),) or (N (2D + 2),)
        Model outputs for the rows of :func:`sobol_design`, in its order.
    calc_second_order : bool, default False
        As given to :func:`sobol_design`.
    num_resamples : int, default 100
        Bootstrap resamples for the confidence intervals.
    conf_level : float, default 0.95
        Confidence level of the intervals.
    rng : int, SeedSequence, Generator or None
        Seeds the bootstrap (keyword, required).

    Returns
    -------
    pandas.DataFrame
        One row per factor, sorted by ``ST`` (descending): ``name``, ``S1``, ``S1_conf``,
        ``ST``, ``ST_conf`` (half-widths of the intervals), ``rank`` (1 = largest ``ST``).
        ``attrs`` holds ``n_base`` (:math:`N`), ``num_resamples``, ``conf_level``, ``seed``
        (the bootstrap's seed), ``note`` (empty, or why the indices are zero) and, with
        second order, ``S2`` and ``S2_conf`` (nested lists, factor order of the problem,
        NaN on and below the diagonal).

    Raises
    ------
    ValueError
        If ``Y`` is not finite or its length is not a multiple of :math:`D + 2`
        (:math:`2D + 2` with second order).

    Notes
    -----
    SALib (``SALib.analyze.sobol``) first standardises the outputs, then with
    :math:`f(A)`, :math:`f(B)`, :math:`f(A_B^{(j)})` the outputs of the design's blocks and
    :math:`V = \operatorname{Var}[f(A), f(B)]`:

    .. math::

        S_j = \frac{\tfrac1N \sum_i f(B)_i \bigl(f(A_B^{(j)})_i - f(A)_i\bigr)}{V},
        \qquad
        S_{Tj} = \frac{\tfrac1{2N} \sum_i \bigl(f(A)_i - f(A_B^{(j)})_i\bigr)^2}{V}

    (Saltelli et al. 2010, Table 2 (b) and (f); the latter is Jansen's 1999 estimator). The
    half-width of each interval is :math:`z_{(1+c)/2}` times the standard deviation of the
    estimate over ``num_resamples`` bootstrap resamples of the :math:`N` base rows. Estimates
    of near-zero indices can be slightly negative; they are reported as computed.

    A constant output has no variance to apportion: SALib would divide by zero. All indices
    and half-widths are then 0 and ``attrs["note"]`` says so.

    SALib's bootstrap uses the global ``numpy.random`` when its seed is 0 or ``None``; the seed
    passed here is drawn from ``rng`` and is never 0.

    References
    ----------
    Sobol', I. M. (2001). Global sensitivity indices for nonlinear mathematical models and
    their Monte Carlo estimates. *Mathematics and Computers in Simulation* 55(1–3), 271–280.
    doi:10.1016/S0378-4754(00)00270-6 (the indices).

    Saltelli, A., Annoni, P., Azzini, I., Campolongo, F., Ratto, M. & Tarantola, S. (2010).
    *Computer Physics Communications* 181(2), 259–270. doi:10.1016/j.cpc.2009.09.018 (the
    estimators SALib implements).

    Jansen, M. J. W. (1999). Analysis of variance designs for model output. *Computer Physics
    Communications* 117(1–2), 35–43. doi:10.1016/S0010-4655(98)00154-4 (:math:`S_T`).

    Saltelli, A. (2002). *Computer Physics Communications* 145(2), 280–297.
    doi:10.1016/S0010-4655(02)00280-1 (second-order indices).

    Herman, J. & Usher, W. (2017). SALib. *JOSS* 2(9), 97. doi:10.21105/joss.00097.

    Examples
    --------
    >>> p = {"num_vars": 2, "names": ["a", "b"], "bounds": [[0, 1], [0, 1]]}
    >>> X = to_values(p, sobol_design(p, 256, rng=1))
    >>> df = sobol_indices(p, X[:, 0] + 0.1 * X[:, 1], rng=2)
    >>> list(df["name"]), bool(df["ST"].iloc[0] > 0.9)
    (['a', 'b'], True)
    """
    from SALib.analyze import sobol as salib_sobol_analyze

    names, _ = _check_problem(problem)
    d = len(names)
    y = _as_outputs(Y)
    step = 2 * d + 2 if calc_second_order else d + 2
    if y.size == 0 or y.size % step:
        raise ValueError(
            f"Y has {y.size} values; a Sobol' design of {d} factors has a multiple of {step} "
            f"rows ({'with' if calc_second_order else 'without'} second order)"
        )
    if not 0.0 < conf_level < 1.0:
        raise ValueError(f"conf_level must lie in (0, 1), got {conf_level}")
    seed = _child_seed(as_generator(rng))
    note = ""
    if _is_constant(y):
        note = "the output is constant: it has no variance to apportion, all indices are 0"
        s1 = s1c = st = stc = np.zeros(d)
        s2 = s2c = np.full((d, d), np.nan)
        if calc_second_order:
            s2[np.triu_indices(d, 1)] = 0.0
            s2c = s2.copy()
    else:
        res = salib_sobol_analyze.analyze(
            dict(problem),
            y,
            calc_second_order=calc_second_order,
            num_resamples=num_resamples,
            conf_level=conf_level,
            print_to_console=False,
            seed=seed,
        )
        s1, s1c = np.asarray(res["S1"]), np.asarray(res["S1_conf"])
        st, stc = np.asarray(res["ST"]), np.asarray(res["ST_conf"])
        if calc_second_order:
            s2, s2c = np.asarray(res["S2"]), np.asarray(res["S2_conf"])
    df = pd.DataFrame(
        {"name": names, "S1": s1, "S1_conf": s1c, "ST": st, "ST_conf": stc},
    )
    df = df.sort_values(["ST", "name"], ascending=[False, True], kind="stable")
    df = df.reset_index(drop=True)
    df["rank"] = np.arange(1, d + 1)
    df.attrs.update(
        n_base=y.size // step,
        num_resamples=num_resamples,
        conf_level=conf_level,
        seed=seed,
        note=note,
    )
    if calc_second_order:
        df.attrs["S2"] = s2.tolist()
        df.attrs["S2_conf"] = s2c.tolist()
    return df


def morris_indices(
    problem: Mapping[str, Any],
    X: ArrayLike,
    Y: ArrayLike,
    *,
    num_levels: int = 4,
    num_resamples: int = 1000,
    conf_level: float = 0.95,
    rng: T_Rng,
) -> pd.DataFrame:
    r"""Return the Morris screening measures :math:`\mu`, :math:`\mu^*` and :math:`\sigma`.

    Parameters
    ----------
    problem : dict
        From :func:`problem_from_uncertainties`.
    X : array_like of float, shape (r (D + 1), D)
        The design from :func:`morris_design` (quantiles, not values).
    Y : array_like of float, shape (r (D + 1),)
        Model outputs for the rows of ``X``.
    num_levels : int, default 4
        As given to :func:`morris_design`.
    num_resamples : int, default 1000
        Bootstrap resamples for the interval of :math:`\mu^*`.
    conf_level : float, default 0.95
        Confidence level of that interval.
    rng : int, SeedSequence, Generator or None
        Seeds the bootstrap (keyword, required).

    Returns
    -------
    pandas.DataFrame
        One row per factor sorted by ``mu_star`` (descending): ``name``, ``mu``, ``mu_star``,
        ``mu_star_conf`` (half-width), ``sigma``, ``rank``. ``attrs`` holds
        ``n_trajectories``, ``num_levels``, ``seed`` and ``note``.

    Raises
    ------
    ValueError
        If ``X`` and ``Y`` do not match each other or the problem, or ``Y`` is not finite.

    Notes
    -----
    SALib (``SALib.analyze.morris``) computes, for each trajectory :math:`t` and factor
    :math:`j`, the elementary effect

    .. math::

        EE_j^{(t)} = \frac{f(x^{(t)} + \Delta e_j) - f(x^{(t)})}{\Delta},
        \qquad \Delta = \frac{p}{2(p-1)},

    in units of the factor's quantile range, and over the :math:`r` trajectories
    :math:`\mu_j = \overline{EE_j}`, :math:`\mu_j^* = \overline{|EE_j|}` (Campolongo et al.
    2007: effects of opposite signs do not cancel) and :math:`\sigma_j` the standard
    deviation of :math:`EE_j` (``ddof = 1``; non-linearity or interactions, Morris 1991).
    The interval of :math:`\mu^*` is :math:`z_{(1+c)/2}` times the bootstrap standard
    deviation. A constant output gives zeros, with a note.

    References
    ----------
    Morris, M. D. (1991). *Technometrics* 33(2), 161–174. doi:10.1080/00401706.1991.10484804
    (elementary effects, :math:`\mu`, :math:`\sigma`).

    Campolongo, F., Cariboni, J. & Saltelli, A. (2007). *Environmental Modelling & Software*
    22(10), 1509–1518. doi:10.1016/j.envsoft.2006.10.004 (:math:`\mu^*`).

    Herman, J. & Usher, W. (2017). SALib. *JOSS* 2(9), 97. doi:10.21105/joss.00097.

    Examples
    --------
    >>> p = {"num_vars": 2, "names": ["a", "b"], "bounds": [[0, 1], [0, 1]]}
    >>> X = morris_design(p, 20, rng=1)
    >>> V = to_values(p, X)
    >>> df = morris_indices(p, X, 3 * V[:, 0] + V[:, 1], rng=2)
    >>> df[["name", "mu_star"]].round(6).values.tolist()
    [['a', 3.0], ['b', 1.0]]
    """
    from SALib.analyze import morris as salib_morris_analyze

    names, _ = _check_problem(problem)
    d = len(names)
    x = np.asarray(X, dtype=np.float64)
    y = _as_outputs(Y)
    if x.ndim != 2 or x.shape != (y.size, d) or y.size == 0 or y.size % (d + 1):
        raise ValueError(
            f"X must have shape (r ({d} + 1), {d}) and Y one value per row; "
            f"got X {x.shape}, Y {y.shape}"
        )
    if num_levels < 2 or num_levels % 2:
        raise ValueError(f"num_levels must be even and at least 2, got {num_levels}")
    if not 0.0 < conf_level < 1.0:
        raise ValueError(f"conf_level must lie in (0, 1), got {conf_level}")
    seed = _child_seed(as_generator(rng))
    note = ""
    if _is_constant(y):
        note = "the output is constant: every elementary effect is 0"
        y = np.full_like(y, y[0])  # exact zeros rather than rounding noise
    res = salib_morris_analyze.analyze(
        {"num_vars": d, "names": names, "bounds": [[0.0, 1.0]] * d},
        x,
        y,
        num_resamples=num_resamples,
        conf_level=conf_level,
        print_to_console=False,
        num_levels=num_levels,
        seed=seed,
    )
    df = pd.DataFrame(
        {
            "name": names,
            "mu": np.asarray(res["mu"], dtype=np.float64),
            "mu_star": np.asarray(res["mu_star"], dtype=np.float64),
            "mu_star_conf": np.asarray(res["mu_star_conf"], dtype=np.float64),
            "sigma": np.asarray(res["sigma"], dtype=np.float64),
        }
    )
    df = df.sort_values(["mu_star", "name"], ascending=[False, True], kind="stable")
    df = df.reset_index(drop=True)
    df["rank"] = np.arange(1, d + 1)
    df.attrs.update(n_trajectories=y.size // (d + 1), num_levels=num_levels, seed=seed, note=note)
    return df


def rank_drivers(indices: pd.DataFrame, *, by: str = "ST") -> list[str]:
    r"""Return the factor names ordered from the strongest driver to the weakest.

    Parameters
    ----------
    indices : pandas.DataFrame
        From :func:`sobol_indices` or :func:`morris_indices` (a ``name`` column and ``by``).
    by : str, default "ST"
        The measure to rank by, largest first: ``ST`` or ``S1`` (Sobol'), ``mu_star`` or
        ``sigma`` (Morris). Ties are broken by name; NaN goes last.

    Returns
    -------
    list of str

    Raises
    ------
    KeyError
        If ``by`` or ``name`` is not a column.

    Notes
    -----
    Rank by the total-order index ``ST`` to find the factors that matter at all (a factor
    with :math:`S_T \approx 0` can be fixed anywhere in its range: Saltelli et al. 2008,
    §1.2.15 "factor fixing"), by ``S1`` for those that would reduce the output's variance
    most if they were known ("factor prioritisation"), by ``mu_star`` for Morris screening
    (Campolongo et al. 2007).

    References
    ----------
    Saltelli, A. et al. (2008). *Global Sensitivity Analysis: The Primer*. Wiley.
    doi:10.1002/9780470725184.

    Campolongo, F., Cariboni, J. & Saltelli, A. (2007). doi:10.1016/j.envsoft.2006.10.004.

    Examples
    --------
    >>> df = pd.DataFrame({"name": ["a", "b", "c"], "ST": [0.1, 0.7, 0.1]})
    >>> rank_drivers(df)
    ['b', 'a', 'c']
    """
    for col in ("name", by):
        if col not in indices.columns:
            raise KeyError(f"indices have no column {col!r}; columns: {list(indices.columns)}")
    ordered = indices.sort_values(
        [by, "name"], ascending=[False, True], na_position="last", kind="stable"
    )
    return [str(n) for n in ordered["name"]]


# --------------------------------------------------------------------------------------------
# proportions, verdicts, summaries, paired differences


def wilson_interval(
    successes: ArrayLike, n: ArrayLike, *, alpha: float = 0.05
) -> tuple[T_Float, T_Float]:
    r"""Return the Wilson score interval of a proportion (vectorised).

    Parameters
    ----------
    successes : array_like of int
        Number of successes :math:`k`, with :math:`0 \le k \le n`.
    n : array_like of int
        Number of trials; broadcast against ``successes``. Where :math:`n = 0` the interval
        is NaN (no information).
    alpha : float, default 0.05
        One minus the confidence level.

    Returns
    -------
    low, high : ndarray of float
        The limits, of the broadcast shape (0-d for scalars), within :math:`[0, 1]`.

    Raises
    ------
    ValueError
        For negative or non-integer counts, :math:`k > n`, or ``alpha`` outside (0, 1).

    Notes
    -----
    With :math:`\hat p = k/n` and :math:`z = \Phi^{-1}(1 - \alpha/2)` (Wilson 1927):

    .. math::

        \frac{\hat p + \frac{z^2}{2n}}{1 + \frac{z^2}{n}}
        \pm \frac{z}{1 + \frac{z^2}{n}} \sqrt{\frac{\hat p (1 - \hat p)}{n} + \frac{z^2}{4n^2}}

    computed by ``statsmodels.stats.proportion.proportion_confint(method="wilson")``. Unlike
    the Wald interval it stays within :math:`[0, 1]`, is not degenerate at :math:`k = 0` or
    :math:`k = n`, and its coverage is close to nominal for small :math:`n` (Brown, Cai &
    DasGupta 2001 recommend it for :math:`n \le 40` and in general). The limits are clipped
    to :math:`[0, 1]` and to contain :math:`\hat p`, against rounding.

    References
    ----------
    Wilson, E. B. (1927). Probable inference, the law of succession, and statistical
    inference. *Journal of the American Statistical Association* 22(158), 209–212.
    doi:10.1080/01621459.1927.10502953 (the interval).

    Brown, L. D., Cai, T. T. & DasGupta, A. (2001). Interval estimation for a binomial
    proportion. *Statistical Science* 16(2), 101–133. doi:10.1214/ss/1009213286 (why this
    interval).

    Newcombe, R. G. (1998). Two-sided confidence intervals for the single proportion:
    comparison of seven methods. *Statistics in Medicine* 17(8), 857–872.
    doi:10.1002/(SICI)1097-0258(19980430)17:8<857::AID-SIM777>3.0.CO;2-E (the published
    values the tests check).

    Examples
    --------
    >>> low, high = wilson_interval(81, 263)
    >>> round(float(low), 4), round(float(high), 4)
    (0.2553, 0.3662)
    """
    from statsmodels.stats.proportion import proportion_confint

    if not 0.0 < alpha < 1.0:
        raise ValueError(f"alpha must lie in (0, 1), got {alpha}")
    k, m = np.broadcast_arrays(
        np.asarray(successes, dtype=np.float64), np.asarray(n, dtype=np.float64)
    )
    if not (np.isfinite(k).all() and np.isfinite(m).all()):
        raise ValueError("successes and n must be finite counts")
    if (k < 0).any() or (k != np.round(k)).any() or (m != np.round(m)).any() or (k > m).any():
        raise ValueError("successes and n must be integer counts with 0 <= successes <= n")
    low = np.full(k.shape, np.nan)
    high = np.full(k.shape, np.nan)
    ok = m > 0
    if ok.any():
        lo, hi = proportion_confint(k[ok], m[ok], alpha=alpha, method="wilson")
        phat = k[ok] / m[ok]
        low[ok] = np.clip(np.minimum(np.asarray(lo, dtype=np.float64), phat), 0.0, 1.0)
        high[ok] = np.clip(np.maximum(np.asarray(hi, dtype=np.float64), phat), 0.0, 1.0)
    return low, high


def verdict(
    interval: tuple[float, float],
    *,
    support: float = SUPPORT_THRESHOLD,
    contradict: float = CONTRADICT_THRESHOLD,
) -> T_Verdict:
    r"""Return a claim's verdict from the interval of the probability that it holds.

    Parameters
    ----------
    interval : (float, float)
        The (Wilson) interval :math:`[L, U]` of the probability, over the ensemble, that the
        claim holds.
    support : float, default 0.66
        *supported* when :math:`L \ge` ``support``.
    contradict : float, default 0.33
        *contradicted* when :math:`U \le` ``contradict``.

    Returns
    -------
    {"supported", "contradicted", "undecided"}
        *undecided* otherwise, also when the interval is NaN (no members).

    Raises
    ------
    ValueError
        If the interval is not ordered within :math:`[0, 1]`, or the thresholds are not
        :math:`0 \le` ``contradict`` :math:`<` ``support`` :math:`\le 1`.

    Notes
    -----
    The rule asks the whole interval, not only the point estimate, to clear a threshold, so
    a verdict needs both a clear majority and enough members: 10 of 10 members give
    :math:`L = 0.72` (supported), 5 of 5 give :math:`L = 0.57` (undecided). The defaults are
    the calibrated language of the IPCC (Mastrandrea et al. 2010): a claim is *supported* when
    it is at least "likely" (probability :math:`\ge 66\%`), *contradicted* when it is at most
    "unlikely" (:math:`\le 33\%`). A claim that holds in about half the members is undecided:
    the model does not settle it.

    References
    ----------
    Mastrandrea, M. D., Field, C. B., Stocker, T. F., Edenhofer, O., Ebi, K. L., Frame, D. J.,
    Held, H., Kriegler, E., Mach, K. J., Matschoss, P. R., Plattner, G.-K., Yohe, G. W. &
    Zwiers, F. W. (2010). *Guidance Note for Lead Authors of the IPCC Fifth Assessment Report
    on Consistent Treatment of Uncertainties*. IPCC (the likelihood scale, Table 1).

    Wilson, E. B. (1927). doi:10.1080/01621459.1927.10502953 (the interval).

    Examples
    --------
    >>> verdict((0.72, 1.0)), verdict((0.0, 0.28)), verdict((0.4, 0.6))
    ('supported', 'contradicted', 'undecided')
    """
    if not 0.0 <= contradict < support <= 1.0:
        raise ValueError(
            f"thresholds must satisfy 0 <= contradict < support <= 1, got {contradict}, {support}"
        )
    low, high = float(interval[0]), float(interval[1])
    if math.isnan(low) or math.isnan(high):
        return "undecided"
    if not 0.0 <= low <= high <= 1.0:
        raise ValueError(f"interval must satisfy 0 <= low <= high <= 1, got ({low}, {high})")
    if low >= support:
        return "supported"
    if high <= contradict:
        return "contradicted"
    return "undecided"


def _moments(
    v: T_Float, alpha: float
) -> tuple[NDArray[np.int64], T_Float, T_Float, T_Float, T_Float]:
    """Count, mean, sd (ddof 1) and the t interval of the mean over axis 0, ignoring NaN.

    Written out rather than with ``np.nanmean``/``np.nanstd`` so that cells with 0 or 1 value
    give NaN without runtime warnings.
    """
    from scipy import stats

    ok = ~np.isnan(v)
    n = ok.sum(axis=0)
    filled = np.where(ok, v, 0.0)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = np.where(n > 0, filled.sum(axis=0) / np.maximum(n, 1), np.nan)
        dev = np.where(ok, v - mean, 0.0)
        var = np.where(n > 1, (dev**2).sum(axis=0) / np.maximum(n - 1, 1), np.nan)
        sd = np.sqrt(var)
        t = stats.t.ppf(1.0 - alpha / 2.0, np.maximum(n - 1, 1))
        half = np.where(n > 1, t * sd / np.sqrt(np.maximum(n, 1)), np.nan)
    return n.astype(np.int64), mean, sd, mean - half, mean + half


def summarise(
    values: ArrayLike,
    *,
    quantiles: Sequence[float] = (0.05, 0.5, 0.95),
    alpha: float = 0.05,
    dims: Sequence[str] | None = None,
) -> pd.DataFrame:
    r"""Summarise an ensemble per time step, entity or any other cell.

    Parameters
    ----------
    values : array_like of float, shape (members, ...)
        Members on the first axis; each remaining index is one cell (a year, an actor, a
        year × actor). NaN (an undefined metric) is left out of that cell.
    quantiles : sequence of float, default (0.05, 0.5, 0.95)
        Increasing, within :math:`[0, 1]`.
    alpha : float, default 0.05
        One minus the confidence level of the interval of the mean.
    dims : sequence of str, optional
        Names of the cell axes, default ``dim_1``, ``dim_2``, ...

    Returns
    -------
    pandas.DataFrame
        One row per cell, indexed by the cell's position (a MultiIndex for several axes, a
        single row 0 for 1-d input). Columns ``n``, ``mean``, ``sd``, ``se``, ``mean_low``,
        ``mean_high``, then one column per quantile named ``q`` and the quantile
        (``q0.05``, ``q0.5``, ``q0.95``). NaN where a cell has too few values (no value;
        one value for ``sd`` and the interval).

    Raises
    ------
    ValueError
        For no members, unordered quantiles, a wrong number of ``dims`` or ``alpha`` outside
        (0, 1).

    Notes
    -----
    For the :math:`n` values :math:`y_k` of a cell: mean :math:`\bar y`, standard deviation
    :math:`s` with :math:`n - 1` degrees of freedom, standard error :math:`s/\sqrt n`, and the
    Student interval of the mean :math:`\bar y \pm t_{1-\alpha/2,\,n-1}\, s/\sqrt n` (the
    members are independent draws; the interval is for the ensemble mean, not for a single
    member, whose spread the quantiles show). Quantiles by linear interpolation
    (``numpy.nanquantile``, Hyndman & Fan 1996 definition 7).

    References
    ----------
    Hyndman, R. J. & Fan, Y. (1996). Sample quantiles in statistical packages. *The American
    Statistician* 50(4), 361–365. doi:10.1080/00031305.1996.10473566.

    Examples
    --------
    >>> df = summarise([[1.0, 10.0], [2.0, 20.0], [3.0, 30.0]], dims=["year"])
    >>> df[["n", "mean", "sd", "q0.5"]].values.tolist()
    [[3.0, 2.0, 1.0, 2.0], [3.0, 20.0, 10.0, 20.0]]
    """
    v = np.asarray(values, dtype=np.float64)
    if v.ndim == 0 or v.shape[0] == 0:
        raise ValueError("values need at least one member on the first axis")
    qs = np.asarray(quantiles, dtype=np.float64)
    if qs.ndim != 1 or qs.size == 0 or (np.diff(qs) <= 0).any() or qs[0] < 0 or qs[-1] > 1:
        raise ValueError(f"quantiles must increase within [0, 1], got {list(quantiles)}")
    if not 0.0 < alpha < 1.0:
        raise ValueError(f"alpha must lie in (0, 1), got {alpha}")
    shape = v.shape[1:]
    names = list(dims) if dims is not None else [f"dim_{i + 1}" for i in range(len(shape))]
    if len(names) != len(shape):
        raise ValueError(f"dims names {len(names)} axes, the values have {len(shape)} cell axes")
    flat = v.reshape(v.shape[0], -1)
    n, mean, sd, low, high = _moments(flat, alpha)
    with np.errstate(invalid="ignore", divide="ignore"):
        se = np.where(n > 1, sd / np.sqrt(np.maximum(n, 1)), np.nan)
    qv = np.full((qs.size, flat.shape[1]), np.nan)
    has = n > 0
    if has.any():
        qv[:, has] = np.nanquantile(flat[:, has], qs, axis=0)
        # linear interpolation is monotone in q up to rounding; make the order exact
        qv[:, has] = np.maximum.accumulate(qv[:, has], axis=0)
    columns: dict[str, Any] = {
        "n": n,
        "mean": mean,
        "sd": sd,
        "se": se,
        "mean_low": low,
        "mean_high": high,
    }
    for q, row in zip(qs, qv, strict=True):
        columns[f"q{q:g}"] = row
    index: pd.Index[Any]
    if not shape:
        index = pd.RangeIndex(1)
    elif len(shape) == 1:
        index = pd.RangeIndex(shape[0], name=names[0])
    else:
        index = pd.MultiIndex.from_product([range(s) for s in shape], names=names)
    return pd.DataFrame(columns, index=index)


@dataclass(frozen=True, slots=True)
class PairedDifference:
    r"""Result of :func:`paired_difference`; each field has the cells' shape (0-d for 1-d input).

    Attributes
    ----------
    n : ndarray of int
        Pairs with both values present.
    mean, sd : ndarray of float
        Mean and standard deviation (:math:`n-1`) of :math:`d = y^{int} - y^{base}`.
    low, high : ndarray of float
        Student interval of the mean difference.
    share_positive, share_positive_low, share_positive_high : ndarray of float
        Share of pairs with :math:`d > 0`, and its Wilson interval.
    share_negative, share_negative_low, share_negative_high : ndarray of float
        Share of pairs with :math:`d < 0`, and its Wilson interval.
    alpha : float
        One minus the confidence level of the intervals.
    """

    n: NDArray[np.int64]
    mean: T_Float
    sd: T_Float
    low: T_Float
    high: T_Float
    share_positive: T_Float
    share_positive_low: T_Float
    share_positive_high: T_Float
    share_negative: T_Float
    share_negative_low: T_Float
    share_negative_high: T_Float
    alpha: float


def paired_difference(
    base: ArrayLike, intervention: ArrayLike, *, alpha: float = 0.05
) -> PairedDifference:
    r"""Return the paired difference intervention − baseline over ensemble members.

    Parameters
    ----------
    base, intervention : array_like of float, shape (members, ...)
        The same members (same design row and random stream) without and with the
        intervention. A pair with a NaN on either side is left out of its cell.
    alpha : float, default 0.05
        One minus the confidence level.

    Returns
    -------
    PairedDifference

    Raises
    ------
    ValueError
        If the shapes differ or there are no members.

    Notes
    -----
    With :math:`d_k = y_k^{int} - y_k^{base}` over the :math:`n` pairs of a cell: the mean
    :math:`\bar d`, the standard deviation :math:`s_d`, and the interval
    :math:`\bar d \pm t_{1-\alpha/2,\,n-1}\, s_d / \sqrt n` (the paired *t* interval: pairing
    on common random numbers removes the between-member variance; Law 2015, §11.2). The share
    of pairs with :math:`d_k > 0` (and :math:`< 0`) comes with its Wilson interval
    (:func:`wilson_interval`). Identical inputs give exactly zero differences, a zero-width
    interval at 0 and shares 0.

    References
    ----------
    Law, A. M. (2015). *Simulation Modeling and Analysis*, 5th ed. McGraw-Hill, §11.2
    (common random numbers, the paired-*t* interval).

    Wilson, E. B. (1927). doi:10.1080/01621459.1927.10502953.

    Examples
    --------
    >>> r = paired_difference([1.0, 2.0, 3.0], [2.0, 3.0, 3.0])
    >>> float(r.mean), float(r.share_positive)
    (0.6666666666666666, 0.6666666666666666)
    """
    b = np.asarray(base, dtype=np.float64)
    a = np.asarray(intervention, dtype=np.float64)
    if a.shape != b.shape or b.ndim == 0 or b.shape[0] == 0:
        raise ValueError(
            f"base and intervention must have the same shape (members, ...), got {b.shape}, {a.shape}"
        )
    if not 0.0 < alpha < 1.0:
        raise ValueError(f"alpha must lie in (0, 1), got {alpha}")
    d = a - b
    n, mean, sd, low, high = _moments(d, alpha)
    valid = ~np.isnan(d)
    pos = (valid & (d > 0)).sum(axis=0)
    neg = (valid & (d < 0)).sum(axis=0)
    pl, ph = wilson_interval(pos, n, alpha=alpha)
    nl, nh = wilson_interval(neg, n, alpha=alpha)
    with np.errstate(invalid="ignore", divide="ignore"):
        share_pos = np.where(n > 0, pos / np.maximum(n, 1), np.nan)
        share_neg = np.where(n > 0, neg / np.maximum(n, 1), np.nan)
    return PairedDifference(
        n=n,
        mean=mean,
        sd=sd,
        low=low,
        high=high,
        share_positive=share_pos,
        share_positive_low=pl,
        share_positive_high=ph,
        share_negative=share_neg,
        share_negative_low=nl,
        share_negative_high=nh,
        alpha=alpha,
    )


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
    seed = _child_seed(as_generator(rng))
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


__all__ = [
    "CONTRADICT_THRESHOLD",
    "MORRIS_NORMAL_TAIL",
    "SALIB_DISTS",
    "SUPPORT_THRESHOLD",
    "Box",
    "CartResult",
    "PairedDifference",
    "PrimResult",
    "T_Rng",
    "as_generator",
    "cart_boxes",
    "morris_design",
    "morris_indices",
    "paired_difference",
    "prim_boxes",
    "problem_from_uncertainties",
    "rank_drivers",
    "sobol_design",
    "sobol_indices",
    "summarise",
    "to_values",
    "verdict",
    "wilson_interval",
]
