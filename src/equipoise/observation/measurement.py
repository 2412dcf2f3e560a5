r"""Measurement models: from the model's state to the published observables, fitted up to an origin.

For every observable (:mod:`equipoise.observation.observables`) with published value
:math:`y_{u,t}` of unit :math:`u` (a dyad or an actor) in year :math:`t` and model state
:math:`x_{u,t}`, on the observable's scale :math:`g` (identity; ``log`` for shares):

.. math::

    g(y_{u,t}) = a + b\, g(x_{u,t}) + u_{u,t}, \qquad
    u_{u,t+h} - u_{u,t} = \varepsilon_{u,h}

The *level equation* gives :math:`a` and :math:`b` by ordinary least squares on the origin's
cross-section (every unit with both values in the origin year). The residual
:math:`u` is a random walk: its :math:`h`-year increments :math:`\varepsilon_h` are drawn from
the pooled, centred :math:`h`-year changes of :math:`g(y)` observed among the same units in the
``window`` years up to the origin. So the forecast at origin :math:`o` and horizon :math:`h`
is anchored at the last observation:

.. math::

    g(\hat y_{u,o+h}) = g(y_{u,o}) + b\,[g(x_{u,o+h}) - g(x_{u,o})] + \varepsilon_{u,h}

With a model that predicts no change this is climatological persistence with the drift
removed; the model adds its predicted change, scaled by :math:`b`. The predictive sampler
(:func:`sample_predictive`) draws :math:`\varepsilon` by resampling the historical changes
(a bootstrap, so that fat tails are kept) for every ensemble member: model spread plus
measurement noise. Historical changes of the observable include changes the model might have
explained, so the noise is conservative (intervals wider rather than narrower).

Everything here uses only rows with ``year <= origin``; :func:`fit_measurement` refuses data
after the origin. See ``docs/models/observation.md``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Final

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from equipoise.observation.observables import T_Unit, spec_of, wide

#: Default number of years before the origin whose changes give the noise.
DEFAULT_WINDOW: Final[int] = 15
#: Floor of values on a log scale (a share of exactly 0 cannot be logged).
LOG_FLOOR: Final[float] = 1e-9


def to_scale(values: NDArray[np.float64], transform: str) -> NDArray[np.float64]:
    """Return ``values`` on the observable's additive scale (``log`` or identity)."""
    if transform == "log":
        return np.asarray(np.log(np.maximum(values, LOG_FLOOR)), dtype=np.float64)
    return np.asarray(values, dtype=np.float64)


def from_scale(values: NDArray[np.float64], transform: str) -> NDArray[np.float64]:
    """Invert :func:`to_scale`."""
    if transform == "log":
        return np.asarray(np.exp(values), dtype=np.float64)
    return np.asarray(values, dtype=np.float64)


def historical_changes(
    observed: pd.DataFrame,
    *,
    units: Sequence[T_Unit],
    origin: int,
    lag: int,
    window: int = DEFAULT_WINDOW,
    transform: str = "identity",
) -> NDArray[np.float64]:
    r"""Return the pooled ``lag``-year changes of the observable up to ``origin``.

    Parameters
    ----------
    observed : pandas.DataFrame
        An observed frame (``year, a, b, value``).
    units : sequence of (str, str)
        The units whose changes are pooled.
    origin : int
        The last year that may be used.
    lag : int
        The horizon :math:`h \ge 1` in years.
    window : int, default 15
        Changes :math:`g(y_{t+h}) - g(y_t)` with :math:`o - \text{window} \le t` and
        :math:`t + h \le o` are pooled.
    transform : {"identity", "log"}
        The scale of the changes.

    Returns
    -------
    numpy.ndarray
        The finite changes (uncentred), in unit-major order; empty if there are none.
    """
    if lag < 1:
        raise ValueError(f"lag must be at least 1, got {lag}")
    first = origin - window
    years = list(range(first, origin + 1))
    y = to_scale(
        wide(observed.loc[observed["year"] <= origin], units=units, years=years), transform
    )
    if len(years) <= lag:
        return np.empty(0)
    d = (y[lag:] - y[:-lag]).T.reshape(-1)
    return np.asarray(d[np.isfinite(d)], dtype=np.float64)


@dataclass(frozen=True, slots=True, eq=False)
class MeasurementModel:
    """A measurement model fitted on data up to ``origin``.

    Attributes
    ----------
    observable : str
        The observable's name.
    origin : int
        The last year of data used.
    units : tuple of (str, str)
        The units, in the order of the arrays.
    a, b : float
        Intercept and slope of the level equation (on the observable's scale).
    r2 : float
        :math:`R^2` of the level equation on the origin's cross-section (``NaN`` if not fitted).
    n_cross : int
        Units in the cross-section.
    residual_sd : float
        Standard deviation of the level equation's residuals (used for a unit without an
        observation to anchor on).
    y_last : numpy.ndarray
        The last observed value of each unit at or before the origin (``NaN``: none).
    year_last : numpy.ndarray
        Its year (``-1``: none).
    changes : dict of int to numpy.ndarray
        Centred historical changes by lag (1 … the largest lag needed).
    drift : dict of int to float
        The mean historical change by lag (removed from ``changes``).
    window : int
        Years of history pooled.
    """

    observable: str
    origin: int
    units: tuple[T_Unit, ...]
    a: float
    b: float
    r2: float
    n_cross: int
    residual_sd: float
    y_last: NDArray[np.float64]
    year_last: NDArray[np.int64]
    changes: Mapping[int, NDArray[np.float64]] = field(default_factory=dict)
    drift: Mapping[int, float] = field(default_factory=dict)
    window: int = DEFAULT_WINDOW

    @property
    def transform(self) -> str:
        """The scale on which changes are additive."""
        return spec_of(self.observable).transform

    def noise_sd(self, lag: int) -> float:
        """Return the standard deviation of the centred ``lag``-year changes."""
        pool = self.changes.get(lag)
        return float(np.std(pool)) if pool is not None and pool.size else float("nan")

    def summary(self) -> dict[str, object]:
        """Return the fitted numbers as JSON-ready data."""
        return {
            "observable": self.observable,
            "origin": self.origin,
            "n_units": len(self.units),
            "a": self.a,
            "b": self.b,
            "r2": self.r2,
            "n_cross": self.n_cross,
            "residual_sd": self.residual_sd,
            "window": self.window,
            "noise_sd": {str(h): self.noise_sd(h) for h in sorted(self.changes)},
            "n_changes": {str(h): int(v.size) for h, v in sorted(self.changes.items())},
        }


def fit_measurement(
    observable: str,
    observed: pd.DataFrame,
    *,
    origin: int,
    units: Sequence[T_Unit],
    model_at_origin: NDArray[np.float64],
    max_lag: int,
    window: int = DEFAULT_WINDOW,
) -> MeasurementModel:
    r"""Fit the measurement model of ``observable`` on data up to ``origin``.

    Parameters
    ----------
    observable : str
        One of :data:`equipoise.observation.observables.OBSERVABLES`.
    observed : pandas.DataFrame
        Observed values (``year, a, b, value``); every row must have ``year <= origin``.
    origin : int
        The forecast origin: the last year of data.
    units : sequence of (str, str)
        The units to forecast.
    model_at_origin : numpy.ndarray
        Shape ``(U,)``: the model state of each unit at the origin (e.g. the members' mean of
        :func:`~equipoise.observation.observables.model_state` at step 0).
    max_lag : int
        The largest horizon to be forecast (changes are pooled for lags 1 … ``max_lag`` plus
        the gap between a unit's last observation and the origin).
    window : int, default 15
        Years of history whose changes give the noise.

    Returns
    -------
    MeasurementModel

    Raises
    ------
    ValueError
        If ``observed`` has rows after ``origin`` (data after the origin must never be used),
        or no unit has history to give the noise.

    Notes
    -----
    Level equation :math:`g(y) = a + b\,g(x)` by least squares on the units with both values in
    the origin year. For ``unga_distance`` the slope is constrained to :math:`b \ge 0` (a worse
    relation cannot bring the votes closer); when fewer than 3 units are present or
    :math:`x` does not vary, :math:`b` is not identified and is set to 0 for
    ``unga_distance`` (the model then adds nothing to persistence) and 1 for the others (the
    model's own units).
    """
    spec = spec_of(observable)
    if (observed["year"] > origin).any():
        late = int(observed["year"].max())
        raise ValueError(
            f"observed values after the origin {origin} (up to {late}) were passed; a fit may use "
            "data up to the origin only"
        )
    units = tuple(units)
    x0 = np.asarray(model_at_origin, dtype=np.float64)
    if x0.shape != (len(units),):
        raise ValueError(f"model_at_origin must have shape ({len(units)},), got {x0.shape}")
    years = list(range(origin - window - max_lag - 1, origin + 1))
    y = wide(observed, units=units, years=years)
    finite = np.isfinite(y)
    has = finite.any(axis=0)
    last_row = np.where(has, len(years) - 1 - np.argmax(finite[::-1], axis=0), 0)
    y_last = np.where(has, y[last_row, np.arange(len(units))], np.nan)
    year_last = np.where(has, np.asarray(years)[last_row], -1).astype(np.int64)

    g = spec.transform
    gy, gx = to_scale(y[-1], g), to_scale(x0, g)
    ok = np.isfinite(gy) & np.isfinite(gx)
    default_b = 0.0 if observable == "unga_distance" else 1.0
    a, b, r2, resid_sd = float("nan"), default_b, float("nan"), float("nan")
    if ok.sum() >= 3 and np.ptp(gx[ok]) > 0:
        design = np.column_stack([np.ones(ok.sum()), gx[ok]])
        coef, *_ = np.linalg.lstsq(design, gy[ok], rcond=None)
        a, b = float(coef[0]), float(coef[1])
        if observable == "unga_distance" and b < 0:
            a, b = float(gy[ok].mean()), 0.0
        resid = gy[ok] - (a + b * gx[ok])
        ss_tot = float(((gy[ok] - gy[ok].mean()) ** 2).sum())
        r2 = 1.0 - float((resid**2).sum()) / ss_tot if ss_tot > 0 else float("nan")
        resid_sd = float(resid.std(ddof=2)) if ok.sum() > 2 else float("nan")
    elif ok.any():
        a = float((gy[ok] - b * gx[ok]).mean())
        resid_sd = float((gy[ok] - a - b * gx[ok]).std()) if ok.sum() > 1 else float("nan")

    gap = int(origin - year_last[has].min()) if has.any() else 0
    changes: dict[int, NDArray[np.float64]] = {}
    drift: dict[int, float] = {}
    for lag in range(1, max_lag + gap + 1):
        pool = historical_changes(
            observed, units=units, origin=origin, lag=lag, window=window, transform=g
        )
        if pool.size:
            drift[lag] = float(pool.mean())
            changes[lag] = pool - drift[lag]
    if 1 not in changes:
        raise ValueError(
            f"no unit has two observations of {observable} in the {window} years up to {origin}; "
            "the measurement noise cannot be fitted"
        )
    return MeasurementModel(
        observable=observable,
        origin=origin,
        units=units,
        a=a,
        b=b,
        r2=r2,
        n_cross=int(ok.sum()),
        residual_sd=resid_sd,
        y_last=y_last,
        year_last=year_last,
        changes=changes,
        drift=drift,
        window=window,
    )


def scale_noise(model: MeasurementModel, scale: float) -> MeasurementModel:
    """Return ``model`` with its pools of historical changes multiplied by ``scale``.

    The calibrated ``noise_scale`` (``docs/models/calibration.md``) enters the predictive this
    way; the level equation's residual (units never observed) is not scaled.
    """
    if scale == 1.0:
        return model
    return dataclasses.replace(model, changes={h: scale * v for h, v in model.changes.items()})


def sample_predictive(
    model: MeasurementModel,
    model_path: NDArray[np.float64],
    model_origin: NDArray[np.float64],
    *,
    horizons: Sequence[int],
    rng: np.random.Generator,
    n_noise: int = 1,
) -> NDArray[np.float64]:
    r"""Draw the predictive distribution of the observable: model spread plus measurement noise.

    Parameters
    ----------
    model : MeasurementModel
        From :func:`fit_measurement`.
    model_path : numpy.ndarray
        Shape ``(B, H, U)``: each member's model state at ``origin + h`` for each horizon.
    model_origin : numpy.ndarray
        Shape ``(B, U)``: each member's model state at the origin.
    horizons : sequence of int
        The horizons :math:`h` (years after the origin), length ``H``.
    rng : numpy.random.Generator
        The random numbers of the noise.
    n_noise : int, default 1
        Noise draws per member.

    Returns
    -------
    numpy.ndarray
        Shape ``(B * n_noise, H, U)``, clipped to the observable's range.

    Notes
    -----
    For unit :math:`u` with last observation :math:`y_{u,s}` (:math:`s \le o`), member
    :math:`m` and horizon :math:`h`, with lag :math:`\ell = o + h - s`:

    .. math:: g(\hat y) = g(y_{u,s}) + b\,[g(x^{m}_{u,o+h}) - g(x^{m}_{u,o})] + \varepsilon,
       \quad \varepsilon \sim \text{the centred } \ell\text{-year changes}

    A unit never observed is predicted from the level equation,
    :math:`a + b\,g(x^m_{u,o+h}) + \mathcal N(0, s^2)` (:math:`s` the residual sd).
    """
    spec = spec_of(model.observable)
    g = spec.transform
    path = to_scale(np.asarray(model_path, dtype=np.float64), g)
    base = to_scale(np.asarray(model_origin, dtype=np.float64), g)
    n_members, n_h, n_units = path.shape
    if n_h != len(horizons) or base.shape != (n_members, n_units) or n_units != len(model.units):
        raise ValueError(
            f"model_path must be (B, {len(horizons)}, {len(model.units)}) and model_origin "
            f"(B, {len(model.units)}); got {path.shape} and {base.shape}"
        )
    delta = np.nan_to_num(path - base[:, None, :], nan=0.0)
    delta = np.repeat(delta, n_noise, axis=0)
    anchored = np.isfinite(model.y_last)
    y_last = to_scale(np.where(anchored, model.y_last, 1.0), g)
    out = np.empty((n_members * n_noise, n_h, n_units))
    max_lag = max(model.changes)
    for j, h in enumerate(horizons):
        lags = np.clip(model.origin + h - model.year_last, 1, max_lag)
        eps = np.empty((n_members * n_noise, n_units))
        for lag in np.unique(lags[anchored]).tolist():
            cols = np.flatnonzero(anchored & (lags == lag))
            pool = model.changes.get(int(lag))
            if pool is None or pool.size == 0:
                pool = model.changes[max(k for k in model.changes if k <= lag)]
            eps[:, cols] = rng.choice(pool, size=(n_members * n_noise, cols.size))
        out[:, j, :] = y_last + model.b * delta[:, j, :] + eps
        if not anchored.all():
            free = np.flatnonzero(~anchored)
            level = model.a + model.b * np.repeat(path[:, j, free], n_noise, axis=0)
            sd = model.residual_sd if np.isfinite(model.residual_sd) else model.noise_sd(max_lag)
            out[:, j, free] = level + rng.normal(0.0, sd, size=level.shape)
    return np.clip(from_scale(out, g), spec.low, spec.high)


__all__ = [
    "DEFAULT_WINDOW",
    "MeasurementModel",
    "fit_measurement",
    "from_scale",
    "historical_changes",
    "sample_predictive",
    "scale_noise",
    "to_scale",
]
