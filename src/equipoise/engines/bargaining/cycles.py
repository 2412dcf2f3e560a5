r"""Cycles of the bargaining rounds: detect a run whose positions repeat, and summarise it.

Bueno de Mesquita's expected-utility model need not converge: an actor can capitulate to one
side, then to the other, round after round (the default scenario's missile issue alternates
35, 0, 35, 0), or wander without ever settling (the emissions example of Scholz et al. 2011).
:func:`detect_cycles` says which: a run ends on a **cycle** of period :math:`p \ge 2` from round
:math:`s` when

.. math::

    \max_i \lvert X_{t+p,i} - X_{t,i} \rvert \le \varepsilon R
    \quad\text{for } t = s, \dots, T - p,
    \qquad s + 2p - 1 \le T,

with :math:`X_t` the positions after round *t*, *R* the range that scales distances and
:math:`\varepsilon` the relative tolerance; the smallest such *p* is the period and the smallest
such *s* for it the first round of the cycle. A run whose smallest *p* is 1 has reached a fixed
point (it converged) and is not a cycle. The second condition asks that the whole period has
been seen twice, so that one coincidence is not called a cycle.

The **stable summary** of a cycle is the mean of the forecast (the weighted median voter
position :math:`\mu_t`) over the last full period,

.. math::

    \bar\mu = \frac1p \sum_{t = T-p+1}^{T} \mu_t,

which is the long-run (Cesàro) average of the forecast and the same whichever round of the
cycle a run happens to stop at: a time loop that reports it each year does not flip with the
phase of the cycle. ``docs/models/bargaining.md`` ("Cycles") gives the reasons for each choice.

References
----------
.. [1] Scholz, J. B., Calbert, G. J. and Smith, G. A. (2011). Unravelling Bueno De Mesquita's
   group decision model. Proceedings of ICAART 2011, pp. 18-30, doi:10.5220/0003121500180030.
   (The model and its report that the example does not converge.)
.. [2] Bueno de Mesquita, B. (1994). Political forecasting: an expected utility method. In
   Stokman, F. (ed.), European Community Decision Making, Yale UP, ch. 4, pp. 71-104.
   (The median voter position as the forecast; the stopping rule.)
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from equipoise.engines.bargaining._result import CycleReport

#: Default relative tolerance: positions within 1e-6 of the range count as the same (0.0001 on
#: a 0-100 issue), far below any difference a forecast reports, far above rounding noise.
DEFAULT_CYCLE_TOL = 1e-6


def detect_cycles(
    positions: npt.ArrayLike,
    forecast: npt.ArrayLike,
    *,
    span: npt.ArrayLike,
    tol: float = DEFAULT_CYCLE_TOL,
    max_period: int | None = None,
) -> CycleReport:
    r"""Return whether each run of rounds ends on a cycle, with its period, range and summary.

    Parameters
    ----------
    positions : array_like, shape (..., T + 1, n)
        Positions after each round, round 0 first (``BargainingResult.positions``, or the
        yearly positions a time loop has recorded).
    forecast : array_like, shape (..., T + 1)
        The forecast of each round: for the expected-utility model the weighted median voter
        position (``BargainingResult.median``).
    span : array_like, shape (...) or scalar
        The range R that scales distances (e.g. 100 for a 0-100 issue).
    tol : float
        :math:`\varepsilon \ge 0`: positions within ``tol * span`` of each other count as
        equal.
    max_period : int, optional
        Longest period to look for; default (and cap) ``(T + 1) // 2``, the longest whose
        repetition a run of T rounds can show.

    Returns
    -------
    CycleReport

    Raises
    ------
    ValueError
        On inconsistent shapes, a negative or non-finite ``tol``, a ``max_period`` below 1 or
        a non-positive span.

    Notes
    -----
    For each candidate period *p* the test
    :math:`d_p(t) = \max_i |X_{t+p,i} - X_{t,i}| \le \varepsilon R` is evaluated for every *t* at
    once; the cycle's first round is one past the last *t* that fails. Cost
    :math:`O(P\,T\,n)` per run for *P* candidate periods, vectorised over the batch.

    Examples
    --------
    A capitulating actor that alternates between two camps (period 2 from round 1):

    >>> x = [[0, 50, 75], [0, 50, 50], [0, 50, 0], [0, 50, 50], [0, 50, 0]]
    >>> rep = detect_cycles(x, [50, 50, 0, 50, 0], span=100.0)
    >>> int(rep.period), int(rep.start), float(rep.low), float(rep.high), float(rep.summary)
    (2, 1, 0.0, 50.0, 25.0)
    """
    X = np.asarray(positions, dtype=np.float64)
    mu = np.asarray(forecast, dtype=np.float64)
    if X.ndim < 2 or mu.shape != X.shape[:-1]:
        raise ValueError(
            f"positions (..., T+1, n) and forecast (..., T+1) disagree: {X.shape}, {mu.shape}"
        )
    if not (np.isfinite(tol) and tol >= 0.0):
        raise ValueError(f"tol must be a finite number >= 0, got {tol!r}")
    batch_shape = X.shape[:-2]
    n_rounds, n = X.shape[-2] - 1, X.shape[-1]
    R = np.broadcast_to(np.asarray(span, dtype=np.float64), batch_shape).reshape(-1)
    if not np.all(np.isfinite(R) & (R > 0)):
        raise ValueError("span must be finite and > 0")
    cap = (n_rounds + 1) // 2
    if max_period is not None:
        if max_period < 1:
            raise ValueError(f"max_period must be >= 1, got {max_period}")
        cap = min(cap, max_period)
    X2 = X.reshape(-1, n_rounds + 1, n)
    mu2 = mu.reshape(-1, n_rounds + 1)
    B = X2.shape[0]
    thresh = (tol * R)[:, None]

    period = np.zeros(B, dtype=np.intp)
    start = np.full(B, -1, dtype=np.intp)
    settled = np.zeros(B, dtype=bool)  # a smaller period (possibly 1) already found
    for p in range(1, cap + 1):
        if settled.all():
            break
        rows = np.flatnonzero(~settled)  # only runs without a smaller period
        Xr = X2[rows]
        ok = np.abs(Xr[:, p:] - Xr[:, :-p]).max(axis=-1) <= thresh[rows]  # (b, T+1-p)
        # first round from which every later comparison holds: one past the last failure
        fails = ~ok
        last_fail = np.where(
            fails.any(axis=-1), ok.shape[-1] - 1 - np.argmax(fails[:, ::-1], axis=-1), -1
        )
        s = last_fail + 1
        valid = s + 2 * p - 1 <= n_rounds
        period[rows[valid]] = p
        start[rows[valid]] = s[valid]
        settled[rows[valid]] = True
    detected = period >= 2
    period = np.where(detected, period, 0)
    start = np.where(detected, start, -1)

    low = np.full(B, np.nan)
    high = np.full(B, np.nan)
    summary = mu2[:, -1].copy()
    pos_low = np.full((B, n), np.nan)
    pos_high = np.full((B, n), np.nan)
    for p in np.unique(period[detected]):
        rows = np.flatnonzero(period == p)
        window = mu2[rows, n_rounds + 1 - p :]
        low[rows] = window.min(axis=-1)
        high[rows] = window.max(axis=-1)
        summary[rows] = window.mean(axis=-1)
        xs = X2[rows, n_rounds + 1 - p :]
        pos_low[rows] = xs.min(axis=-2)
        pos_high[rows] = xs.max(axis=-2)
    return CycleReport(
        detected=detected.reshape(batch_shape),
        period=period.reshape(batch_shape),
        start=start.reshape(batch_shape),
        low=low.reshape(batch_shape),
        high=high.reshape(batch_shape),
        summary=summary.reshape(batch_shape),
        position_low=pos_low.reshape((*batch_shape, n)),
        position_high=pos_high.reshape((*batch_shape, n)),
        tol=float(tol),
        max_period=int(cap),
    )


__all__ = ["DEFAULT_CYCLE_TOL", "detect_cycles"]
