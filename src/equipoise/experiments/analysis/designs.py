"""Designs over declared uncertainties: the SALib problem, Sobol' and Morris designs, and values.

See ``docs/models/experiments.md`` §2.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from equipoise.experiments.analysis._common import (
    _NORMAL_EPS,
    MORRIS_NORMAL_TAIL,
    SALIB_DISTS,
    T_Float,
    T_Problem,
)
from equipoise.random import T_Rng, as_generator
from equipoise.scenario.schema import Uncertainty

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
            if u.multiverse:
                raise ValueError(
                    f"{u.name} is a multiverse uncertainty: it is run as model variants, "
                    "not sampled (use Scenario.sampled_uncertainties)"
                )
            k = len(u.choices)
            w = np.asarray(u.weights if u.weights is not None else [1.0] * k, dtype=np.float64)
            bounds.append([0.0, float(k)])
            choices[u.name] = {
                "values": [float(c) for c in u.choices],  # numbers: the schema
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
