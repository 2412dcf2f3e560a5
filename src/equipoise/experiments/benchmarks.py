r"""Benchmark forecasters of the observables, and the forecaster interface they share.

A *forecaster* is a callable ``forecaster(task, rng) -> samples`` that sees only the history
up to the task's origin and returns predictive samples of shape ``(U, H, M)`` (units, horizons,
members). The model's forecaster (simulate + measurement model) is plugged in the same way;
:func:`equipoise.experiments.hindcast.hindcast` runs any of them at rolling origins.

Benchmarks (the no-change baselines of ViEWS and of weather forecasting):

* :func:`persistence` — the last observed value :math:`y_{u,s}` (:math:`s \le o`), a point
  forecast (its CRPS is its absolute error).
* :func:`climatological_persistence` — the last value plus the historical distribution of
  changes over the same lag, :math:`g^{-1}(g(y_{u,s}) + \Delta)`, :math:`\Delta` resampled from
  every :math:`\ell`-year change of the same observable among the task's units in the
  ``window`` years up to the origin (:math:`\ell = o + h - s`), uncentred (drift kept), on the
  observable's additive scale (log for shares).
* :func:`linear_trend` — ordinary least squares of :math:`g(y)` on the year over the last
  ``window`` years up to the origin, per unit, sampled from the OLS predictive distribution
  :math:`\hat y_{o+h} + s\sqrt{1 + 1/n + (t - \bar t)^2 / S_{tt}}\; t_{n-2}` (a fair baseline
  for the shares, which trend).

References
----------
Hegre, H., et al. (2019). ViEWS: A political violence early-warning system. *Journal of Peace
Research*, 56(2), 155–174. doi:10.1177/0022343319823860 (forecasts scored against no-change
benchmarks).
Wilks, D. S. (2011). *Statistical Methods in the Atmospheric Sciences* (3rd ed.), §8.4
(persistence and climatology as reference forecasts). Academic Press.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from equipoise.observation.measurement import (
    DEFAULT_WINDOW,
    from_scale,
    historical_changes,
    to_scale,
)
from equipoise.observation.observables import T_Unit, spec_of, wide

#: Years of history the linear trend is fitted on.
DEFAULT_TREND_WINDOW: Final[int] = 10


@dataclass(frozen=True, slots=True, eq=False)
class ForecastTask:
    """What a forecaster is asked: an observable, units and horizons from an origin.

    Attributes
    ----------
    observable : str
        The observable's name.
    origin : int
        The last year of data the forecaster may use.
    horizons : tuple of int
        Years after the origin to forecast.
    units : tuple of (str, str)
        The dyads or actors.
    history : pandas.DataFrame
        Observed values (``year, a, b, value``) with ``year <= origin`` only.
    n_samples : int
        Samples per unit and horizon.
    """

    observable: str
    origin: int
    horizons: tuple[int, ...]
    units: tuple[T_Unit, ...]
    history: pd.DataFrame
    n_samples: int

    def __post_init__(self) -> None:
        if (self.history["year"] > self.origin).any():
            raise ValueError(f"the history of a forecast task must end by its origin {self.origin}")

    def last_observed(self) -> tuple[NDArray[np.float64], NDArray[np.int64]]:
        """Return each unit's last value at or before the origin and its year (NaN, -1: none)."""
        years = list(
            range(
                int(self.history["year"].min()) if len(self.history) else self.origin,
                self.origin + 1,
            )
        )
        y = wide(self.history, units=self.units, years=years)
        finite = np.isfinite(y)
        has = finite.any(axis=0)
        row = np.where(has, len(years) - 1 - np.argmax(finite[::-1], axis=0), 0)
        value = np.where(has, y[row, np.arange(len(self.units))], np.nan)
        year = np.where(has, np.asarray(years)[row], -1).astype(np.int64)
        return np.asarray(value, dtype=np.float64), year


T_Forecaster = Callable[[ForecastTask, np.random.Generator], NDArray[np.float64]]


def persistence(task: ForecastTask, rng: np.random.Generator) -> NDArray[np.float64]:
    """Return the last observed value for every horizon (one sample: a point forecast).

    Parameters
    ----------
    task : ForecastTask
        The task.
    rng : numpy.random.Generator
        Unused (the forecast is deterministic); accepted for the forecaster interface.

    Returns
    -------
    numpy.ndarray
        Shape ``(U, H, 1)``; ``NaN`` for a unit never observed.
    """
    value, _ = task.last_observed()
    return np.repeat(value[:, None, None], len(task.horizons), axis=1)


def climatological_persistence(*, window: int = DEFAULT_WINDOW) -> T_Forecaster:
    """Return the climatological-persistence forecaster (last value + historical changes).

    Parameters
    ----------
    window : int, default 15
        Years up to the origin whose changes are pooled.

    Returns
    -------
    callable
        A forecaster ``(task, rng) -> samples (U, H, n_samples)``.
    """

    def forecast(task: ForecastTask, rng: np.random.Generator) -> NDArray[np.float64]:
        spec = spec_of(task.observable)
        value, year = task.last_observed()
        base = to_scale(np.where(np.isfinite(value), value, np.nan), spec.transform)
        out = np.full((len(task.units), len(task.horizons), task.n_samples), np.nan)
        pools: dict[int, NDArray[np.float64]] = {}
        for j, h in enumerate(task.horizons):
            for u in np.flatnonzero(np.isfinite(base)).tolist():
                lag = int(task.origin + h - year[u])
                if lag not in pools:
                    pools[lag] = historical_changes(
                        task.history,
                        units=task.units,
                        origin=task.origin,
                        lag=lag,
                        window=window,
                        transform=spec.transform,
                    )
                pool = pools[lag]
                if pool.size:
                    out[u, j] = base[u] + rng.choice(pool, size=task.n_samples)
        return np.clip(from_scale(out, spec.transform), spec.low, spec.high)

    return forecast


def linear_trend(*, window: int = DEFAULT_TREND_WINDOW) -> T_Forecaster:
    """Return the linear-trend forecaster (per-unit OLS on the last ``window`` years).

    Parameters
    ----------
    window : int, default 10
        Years up to the origin used in the fit (at least 3 observations per unit).

    Returns
    -------
    callable
        A forecaster ``(task, rng) -> samples (U, H, n_samples)``; ``NaN`` for a unit with
        fewer than 3 observations.
    """

    def forecast(task: ForecastTask, rng: np.random.Generator) -> NDArray[np.float64]:
        spec = spec_of(task.observable)
        years = np.arange(task.origin - window + 1, task.origin + 1)
        y = to_scale(wide(task.history, units=task.units, years=years.tolist()), spec.transform)
        out = np.full((len(task.units), len(task.horizons), task.n_samples), np.nan)
        target = task.origin + np.asarray(task.horizons, dtype=np.float64)
        for u in range(len(task.units)):
            ok = np.isfinite(y[:, u])
            n = int(ok.sum())
            if n < 3:
                continue
            t, v = years[ok].astype(np.float64), y[ok, u]
            t_bar = t.mean()
            s_tt = float(((t - t_bar) ** 2).sum())
            slope = float(((t - t_bar) * (v - v.mean())).sum() / s_tt)
            intercept = float(v.mean() - slope * t_bar)
            resid = v - (intercept + slope * t)
            s = float(np.sqrt((resid**2).sum() / (n - 2))) if n > 2 else 0.0
            mean = intercept + slope * target
            se = s * np.sqrt(1.0 + 1.0 / n + (target - t_bar) ** 2 / s_tt)
            draws = rng.standard_t(n - 2, size=(len(target), task.n_samples))
            out[u] = mean[:, None] + se[:, None] * draws
        return np.clip(from_scale(out, spec.transform), spec.low, spec.high)

    return forecast


__all__ = [
    "DEFAULT_TREND_WINDOW",
    "ForecastTask",
    "T_Forecaster",
    "climatological_persistence",
    "linear_trend",
    "persistence",
]
