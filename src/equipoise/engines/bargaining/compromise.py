r"""Baselines: the compromise model (weighted mean) and the weighted median voter.

The compromise model forecasts the mean of the positions weighted by capability x salience,

.. math:: \hat x = \frac{\sum_k c_k s_k x_k}{\sum_k c_k s_k},

and the median-voter model the weighted median: the position that wins every pairwise vote
when actor *k* casts :math:`c_k s_k (|x_k - q| - |x_k - p|)` votes for *p* against *q*
(Black 1948; the median of Scholz et al. 2011, eqs. 26-29). Achen (2006) shows that these
simple models forecast European Union decisions about as well as the expected-utility and
exchange models; the baselines are static (round 0 only).

References
----------
.. [1] Achen, C. H. (2006). Evaluating political decision-making models. In Thomson, R.,
   Stokman, F. N., Achen, C. H. and König, T. (eds.), The European Union Decides,
   Cambridge University Press, ch. 10, pp. 264-298, doi:10.1017/CBO9780511492082.011.
   (The compromise model and the weighted median as baselines.)
.. [2] Thomson, R., Stokman, F. N., Achen, C. H. and König, T. (eds.) (2006). The European
   Union Decides. Cambridge University Press, doi:10.1017/CBO9780511492082.
.. [3] Black, D. (1948). On the rationale of group decision-making. Journal of Political
   Economy 56(1), 23-34. (The median voter as Condorcet winner.)
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from equipoise.engines.bargaining._result import BargainingResult, ModelName, prepare_inputs
from equipoise.engines.bargaining._sorted import weighted_mean, weighted_median
from equipoise.engines.bargaining.cycles import detect_cycles


def _static(
    model: ModelName,
    capability: npt.ArrayLike,
    position: npt.ArrayLike,
    salience: npt.ArrayLike,
    scale: tuple[float, float] | None,
    salience_max: float,
) -> BargainingResult:
    c, x, s, batch_shape = prepare_inputs(capability, position, salience, salience_max=salience_max)
    n = x.shape[-1]
    if scale is not None:
        lo, hi = float(scale[0]), float(scale[1])
        if not hi > lo:
            raise ValueError(f"scale must be (low, high) with high > low, got {scale}")
        if np.any(x < lo) or np.any(x > hi):
            raise ValueError(f"positions must lie within the scale [{lo:g}, {hi:g}]")
    w = c * s
    with np.errstate(over="ignore", invalid="ignore"):
        avg = weighted_mean(x, w)
    if not np.all(np.isfinite(avg)):
        # the weighted mean and median do not change when every capability is divided by the
        # largest; dividing keeps the sums of huge capabilities (1e308) finite, where
        # c * s * x overflowed. Only then: otherwise the mean stays bit for bit the
        # expected-utility model's round-0 mean (tested)
        top = c.max(axis=-1, keepdims=True)
        w = np.divide(c, top, out=np.zeros_like(c), where=top > 0) * s
        avg = weighted_mean(x, w)
    med = weighted_median(x, w)
    forecast = avg if model == "compromise" else med
    return BargainingResult(
        model=model,
        options={
            "scale": None if scale is None else [float(scale[0]), float(scale[1])],
            "salience_scale": "percent" if salience_max == 100.0 else "unit",
            "rounds": 0,
        },
        positions=x.reshape((*batch_shape, 1, n)),
        median=med.reshape((*batch_shape, 1)),
        mean=avg.reshape((*batch_shape, 1)),
        forecast=forecast.reshape(batch_shape),
        rounds_run=np.zeros(batch_shape, dtype=np.intp),
        converged=np.ones(batch_shape, dtype=bool),
        dyads=None,
        # static: one round, never a cycle (the summary is the forecast itself)
        cycle=detect_cycles(
            x.reshape((*batch_shape, 1, n)), forecast.reshape((*batch_shape, 1)), span=1.0
        ),
    )


def run_compromise(
    capability: npt.ArrayLike,
    position: npt.ArrayLike,
    salience: npt.ArrayLike,
    *,
    scale: tuple[float, float] | None = None,
    rounds: int = 0,
    salience_scale: float = 1.0,
) -> BargainingResult:
    """Forecast with the compromise model: the capability x salience weighted mean.

    Parameters
    ----------
    capability, position, salience : array_like, shape (n,) or (..., n)
        As in :func:`~equipoise.engines.bargaining.run_expected_utility`; salience on
        0-``salience_scale``.
    scale : (float, float), optional
        The ends of the continuum; only checked (positions must lie inside).
    rounds : int
        Accepted for a uniform call shape; the model is static, so the result holds round 0
        only (``positions`` has shape ``(..., 1, n)``).
    salience_scale : float
        The top of the salience scale (1 or 100).

    Returns
    -------
    BargainingResult
        ``model="compromise"``, ``forecast`` = the weighted mean.

    Examples
    --------
    >>> float(run_compromise([1, 1], [0.0, 1.0], [1.0, 0.5]).forecast)
    0.3333333333333333
    """
    del rounds
    return _static("compromise", capability, position, salience, scale, salience_scale)


def run_median(
    capability: npt.ArrayLike,
    position: npt.ArrayLike,
    salience: npt.ArrayLike,
    *,
    scale: tuple[float, float] | None = None,
    rounds: int = 0,
    salience_scale: float = 1.0,
) -> BargainingResult:
    """Forecast with the weighted median voter (Condorcet winner of the weighted votes).

    Parameters are those of :func:`run_compromise`; ``forecast`` is the weighted median
    (the lower one where the cumulative weight reaches exactly one half).

    Examples
    --------
    >>> float(run_median([1, 1, 1], [0.0, 0.2, 1.0], [1, 1, 1]).forecast)
    0.2
    """
    del rounds
    return _static("median", capability, position, salience, scale, salience_scale)


__all__ = ["run_compromise", "run_median"]
