"""Global sensitivity analysis: Sobol' indices and Morris elementary effects (SALib).

See ``docs/models/experiments.md`` §3.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike

from equipoise.experiments.analysis._common import (
    _CONSTANT_RTOL,
    T_Float,
)
from equipoise.experiments.analysis.designs import _check_problem
from equipoise.random import T_Rng, as_generator, child_seed

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
    >>> from equipoise.experiments.analysis import sobol_design, to_values
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
    seed = child_seed(as_generator(rng))
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
    >>> from equipoise.experiments.analysis import morris_design, to_values
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
    seed = child_seed(as_generator(rng))
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
