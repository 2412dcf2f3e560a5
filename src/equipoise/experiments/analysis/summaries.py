"""Ensemble summaries per step or entity, and paired intervention-minus-baseline differences.

See ``docs/models/experiments.md`` §6.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike, NDArray

from equipoise.experiments.analysis._common import (
    T_Float,
)
from equipoise.experiments.analysis.verdicts import wilson_interval


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
