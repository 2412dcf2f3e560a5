"""Proportions and verdicts: the Wilson interval of a claim's probability and its verdict.

See ``docs/models/experiments.md`` §§4–5.
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import ArrayLike

from equipoise.experiments.analysis._common import (
    CONTRADICT_THRESHOLD,
    SUPPORT_THRESHOLD,
    T_Float,
    T_Verdict,
)

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
