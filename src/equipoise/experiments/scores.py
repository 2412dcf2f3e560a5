r"""Scores of probabilistic forecasts and of resolved claims (pure numpy).

Forecasts are ensembles of samples; every function takes ``samples`` with the ensemble on the
**last** axis and observations broadcast against the other axes.

* :func:`crps_ensemble` — the continuous ranked probability score of the empirical
  distribution of the samples (Gneiting & Raftery 2007, eq. 21; lower is better):

  .. math:: \mathrm{CRPS}(F, y) = \mathbb E|X - y| - \tfrac12 \mathbb E|X - X'|

  computed exactly for the ensemble's empirical distribution in :math:`O(M \log M)` from the
  sorted members :math:`x_{(1)} \le \dots \le x_{(M)}`:
  :math:`\mathbb E|X - X'| = \frac{2}{M^2}\sum_i (2i - M - 1)\, x_{(i)}`. This is the "energy"
  (``nrg``) estimator of ``scoringrules`` and ``properscoring.crps_ensemble``. A point forecast
  (one sample) scores its absolute error.
* :func:`abs_error_of_median`, :func:`interval_coverage` (central intervals), :func:`pit`
  (probability integral transform, mid-rank for ties; uniform when calibrated, Gneiting,
  Balabdaoui & Raftery 2007).
* :func:`skill` — :math:`1 - S / S_{\text{benchmark}}` (positive: better than the benchmark).
* :func:`brier_score`, :func:`log_score` and :func:`reliability_bins` for probabilities of
  binary outcomes (resolved claims; Brier 1950; Good 1952; Bröcker & Smith 2007).

References
----------
Gneiting, T., & Raftery, A. E. (2007). Strictly proper scoring rules, prediction, and
estimation. *Journal of the American Statistical Association*, 102(477), 359–378.
doi:10.1198/016214506000001437
Gneiting, T., Balabdaoui, F., & Raftery, A. E. (2007). Probabilistic forecasts, calibration and
sharpness. *Journal of the Royal Statistical Society B*, 69(2), 243–268.
doi:10.1111/j.1467-9868.2007.00587.x
Brier, G. W. (1950). Verification of forecasts expressed in terms of probability. *Monthly
Weather Review*, 78(1), 1–3. doi:10.1175/1520-0493(1950)078<0001:VOFEIT>2.0.CO;2
Good, I. J. (1952). Rational decisions. *Journal of the Royal Statistical Society B*, 14(1),
107–114.
Bröcker, J., & Smith, L. A. (2007). Increasing the reliability of reliability diagrams.
*Weather and Forecasting*, 22(3), 651–661. doi:10.1175/WAF993.1
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

import numpy as np
from numpy.typing import ArrayLike, NDArray

#: Probabilities are clipped to [EPS, 1 - EPS] in the log score (a certain wrong forecast
#: would otherwise score infinity).
LOG_SCORE_EPS: Final[float] = 1e-6

T_Float = NDArray[np.float64]


def _prepare(observed: ArrayLike, samples: ArrayLike) -> tuple[T_Float, T_Float]:
    x = np.asarray(samples, dtype=np.float64)
    if x.ndim == 0 or x.shape[-1] == 0:
        raise ValueError("samples need an ensemble axis (the last) with at least one member")
    y = np.asarray(observed, dtype=np.float64)
    try:
        y = np.broadcast_to(y, x.shape[:-1])
    except ValueError:
        raise ValueError(
            f"observed of shape {y.shape} does not match samples of shape {x.shape} (the "
            "ensemble is the last axis)"
        ) from None
    return y, x


def crps_ensemble(observed: ArrayLike, samples: ArrayLike) -> T_Float:
    r"""Return the CRPS of the samples' empirical distribution for each observation.

    Parameters
    ----------
    observed : array_like
        Observations, broadcast to ``samples.shape[:-1]``.
    samples : array_like
        Ensemble members on the last axis (size :math:`M \ge 1`).

    Returns
    -------
    numpy.ndarray
        Shape ``samples.shape[:-1]``; ``NaN`` where the observation or a sample is ``NaN``.

    Examples
    --------
    >>> float(crps_ensemble(0.0, [-1.0, 1.0]))  # E|X-y| = 1, E|X-X'| = 1
    0.5
    """
    y, x = _prepare(observed, samples)
    m = x.shape[-1]
    xs = np.sort(x, axis=-1)
    abs_err = np.abs(xs - y[..., None]).mean(axis=-1)
    weights = (2.0 * np.arange(1, m + 1) - m - 1.0) / (m * m)
    spread = (xs * weights).sum(axis=-1)  # = E|X - X'| / 2
    out = abs_err - spread
    bad = np.isnan(y) | np.isnan(x).any(axis=-1)
    return np.asarray(np.where(bad, np.nan, out), dtype=np.float64)


def abs_error_of_median(observed: ArrayLike, samples: ArrayLike) -> T_Float:
    r"""Return :math:`|\mathrm{median}(X) - y|` for each observation."""
    y, x = _prepare(observed, samples)
    return np.asarray(np.abs(np.median(x, axis=-1) - y), dtype=np.float64)


def interval_coverage(observed: ArrayLike, samples: ArrayLike, *, level: float) -> T_Float:
    r"""Return 1.0 where the observation lies in the central ``level`` interval of the samples.

    Parameters
    ----------
    observed, samples : array_like
        As in :func:`crps_ensemble`.
    level : float
        In (0, 1): the interval runs from the :math:`(1-\text{level})/2` to the
        :math:`(1+\text{level})/2` sample quantile (linear interpolation), ends included.

    Returns
    -------
    numpy.ndarray
        1.0 (covered), 0.0 (not) or ``NaN`` (no observation).
    """
    if not 0.0 < level < 1.0:
        raise ValueError(f"level must be in (0, 1), got {level}")
    y, x = _prepare(observed, samples)
    low, high = np.quantile(x, [(1 - level) / 2, (1 + level) / 2], axis=-1)
    inside = ((low <= y) & (y <= high)).astype(np.float64)
    return np.asarray(np.where(np.isnan(y), np.nan, inside), dtype=np.float64)


def pit(observed: ArrayLike, samples: ArrayLike) -> T_Float:
    r"""Return the probability integral transform of each observation (mid-rank for ties).

    :math:`\mathrm{PIT} = \frac{\#\{x_i < y\} + \tfrac12 \#\{x_i = y\}}{M}`; for a point forecast
    equal to the observation it is 0.5. Calibrated forecasts give uniform PIT values.
    """
    y, x = _prepare(observed, samples)
    below = (x < y[..., None]).sum(axis=-1)
    ties = (x == y[..., None]).sum(axis=-1)
    out = (below + 0.5 * ties) / x.shape[-1]
    return np.asarray(np.where(np.isnan(y), np.nan, out), dtype=np.float64)


def skill(score: ArrayLike, benchmark: ArrayLike) -> T_Float:
    r"""Return the skill score :math:`1 - S / S_{\text{benchmark}}` (mean scores in, elementwise).

    Positive: better than the benchmark; 0: as good; negative: worse. ``NaN`` where the
    benchmark's score is 0 (it cannot be beaten).
    """
    s = np.asarray(score, dtype=np.float64)
    b = np.asarray(benchmark, dtype=np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):
        out = np.where(b > 0, 1.0 - s / b, np.nan)
    return np.asarray(out, dtype=np.float64)


def _probabilities(probability: ArrayLike, outcome: ArrayLike) -> tuple[T_Float, T_Float]:
    p = np.asarray(probability, dtype=np.float64)
    o = np.asarray(outcome, dtype=np.float64)
    if p.shape != o.shape:
        raise ValueError(f"probability {p.shape} and outcome {o.shape} must have the same shape")
    if ((p < 0) | (p > 1)).any():
        raise ValueError("probabilities must lie in [0, 1]")
    if not np.isin(o, (0.0, 1.0)).all():
        raise ValueError("outcomes must be 0 (did not happen) or 1 (happened)")
    return p, o


def brier_score(probability: ArrayLike, outcome: ArrayLike) -> float:
    r"""Return the mean Brier score :math:`\frac1N\sum (p_i - o_i)^2` (0 best, 0.25 a coin)."""
    p, o = _probabilities(probability, outcome)
    if p.size == 0:
        return float("nan")
    return float(((p - o) ** 2).mean())


def log_score(probability: ArrayLike, outcome: ArrayLike, *, eps: float = LOG_SCORE_EPS) -> float:
    r"""Return the mean negative log score :math:`-\frac1N\sum \log p_i(o_i)` (0 best, ln 2 a coin).

    Probabilities are clipped to ``[eps, 1 - eps]`` so that a certain wrong forecast scores
    :math:`-\log(\text{eps})` rather than infinity.
    """
    p, o = _probabilities(probability, outcome)
    if p.size == 0:
        return float("nan")
    q = np.clip(p, eps, 1 - eps)
    return float(-(o * np.log(q) + (1 - o) * np.log1p(-q)).mean())


@dataclass(frozen=True, slots=True)
class ReliabilityBin:
    """One bin of a reliability diagram.

    Attributes
    ----------
    low, high : float
        The bin's probability range (``[low, high)``, the last bin closed).
    n : int
        Forecasts in the bin.
    mean_probability : float
        Their mean forecast probability (``NaN`` if empty).
    observed_frequency : float
        The fraction that happened (``NaN`` if empty).
    """

    low: float
    high: float
    n: int
    mean_probability: float
    observed_frequency: float


def reliability_bins(
    probability: ArrayLike, outcome: ArrayLike, *, n_bins: int = 10
) -> list[ReliabilityBin]:
    """Return the bins of a reliability diagram (equal-width bins on [0, 1]).

    A reliable forecaster has ``observed_frequency`` close to ``mean_probability`` in every bin.
    """
    if n_bins < 1:
        raise ValueError(f"n_bins must be at least 1, got {n_bins}")
    p, o = _probabilities(probability, outcome)
    edges = np.linspace(0.0, 1.0, n_bins + 1)
    which = np.clip(np.searchsorted(edges, p, side="right") - 1, 0, n_bins - 1)
    out = []
    for k in range(n_bins):
        sel = which == k
        n = int(sel.sum())
        out.append(
            ReliabilityBin(
                low=float(edges[k]),
                high=float(edges[k + 1]),
                n=n,
                mean_probability=float(p[sel].mean()) if n else float("nan"),
                observed_frequency=float(o[sel].mean()) if n else float("nan"),
            )
        )
    return out


__all__ = [
    "LOG_SCORE_EPS",
    "ReliabilityBin",
    "abs_error_of_median",
    "brier_score",
    "crps_ensemble",
    "interval_coverage",
    "log_score",
    "pit",
    "reliability_bins",
    "skill",
]
