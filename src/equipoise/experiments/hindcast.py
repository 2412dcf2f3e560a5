"""Rolling-origin hindcasts: forecasts made inside the data and scored against what followed.

:func:`hindcast` asks a forecaster (:data:`~equipoise.experiments.benchmarks.T_Forecaster`) for
samples at each origin, giving it only the history up to that origin, and scores every
(unit, horizon) whose outcome is in the data with :mod:`equipoise.experiments.scores`.
:func:`skill_by_horizon` turns the score tables of several forecasters into the skill table
by horizon. Pure: frames in, frames out; randomness from one seed, one child stream per origin
(the same for every forecaster: common random numbers).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from equipoise.experiments.benchmarks import ForecastTask, T_Forecaster
from equipoise.experiments.scores import (
    abs_error_of_median,
    crps_ensemble,
    interval_coverage,
    pit,
    skill,
)
from equipoise.observation.measurement import (
    DEFAULT_WINDOW,
    fit_measurement,
    sample_predictive,
    scale_noise,
)
from equipoise.observation.observables import T_Unit, wide

#: What a model gives a forecaster: its state at the origin (B, U) and at origin + h (B, H, U).
T_ModelStates = Callable[[ForecastTask], tuple[NDArray[np.float64], NDArray[np.float64]]]

#: Columns of a hindcast score table.
SCORE_COLUMNS = (
    "origin",
    "horizon",
    "year",
    "a",
    "b",
    "observed",
    "median",
    "crps",
    "ae_median",
    "cover50",
    "cover90",
    "pit",
)


def hindcast(
    observed: pd.DataFrame,
    forecaster: T_Forecaster,
    *,
    observable: str,
    units: Sequence[T_Unit],
    origins: Sequence[int],
    horizons: Sequence[int],
    n_samples: int = 500,
    seed: int = 0,
) -> pd.DataFrame:
    """Run ``forecaster`` at every origin and score it against the observed outcomes.

    Parameters
    ----------
    observed : pandas.DataFrame
        Every observed value (``year, a, b, value``); the forecaster sees only the rows up to
        each origin.
    forecaster : callable
        ``(ForecastTask, rng) -> samples (U, H, M)``.
    observable : str
        The observable's name.
    units : sequence of (str, str)
        The dyads or actors.
    origins, horizons : sequence of int
        Forecast origins and horizons (years after the origin).
    n_samples : int, default 500
        Samples asked for.
    seed : int, default 0
        Seed of the random numbers (one child stream per origin).

    Returns
    -------
    pandas.DataFrame
        :data:`SCORE_COLUMNS`, one row per origin, horizon and unit whose outcome is observed
        and whose forecast is defined.
    """
    units = tuple(units)
    horizons = tuple(int(h) for h in horizons)
    streams = origin_streams(seed, len(origins))
    tables = [
        score_origin(
            observed,
            forecaster,
            observable=observable,
            units=units,
            origin=int(origin),
            horizons=horizons,
            n_samples=n_samples,
            rng=np.random.default_rng(stream),
        )
        for origin, stream in zip(origins, streams, strict=True)
    ]
    if not tables:
        return pd.DataFrame(columns=list(SCORE_COLUMNS))
    return pd.concat(tables, ignore_index=True)[list(SCORE_COLUMNS)]


def origin_streams(seed: int, n_origins: int) -> list[np.random.SeedSequence]:
    """Return the child streams of the origins (the same for every forecaster: CRN)."""
    return list(np.random.SeedSequence(seed).spawn(n_origins))


def score_origin(
    observed: pd.DataFrame,
    forecaster: T_Forecaster,
    *,
    observable: str,
    units: Sequence[T_Unit],
    origin: int,
    horizons: Sequence[int],
    n_samples: int,
    rng: np.random.Generator,
) -> pd.DataFrame:
    """Run ``forecaster`` at one origin and score it (one origin of :func:`hindcast`).

    Parameters
    ----------
    observed : pandas.DataFrame
        Every observed value; the forecaster sees only the rows up to ``origin``.
    forecaster : callable
        ``(ForecastTask, rng) -> samples (U, H, M)``.
    observable : str
    units : sequence of (str, str)
    origin : int
    horizons : sequence of int
    n_samples : int
    rng : numpy.random.Generator
        The origin's random numbers.

    Returns
    -------
    pandas.DataFrame
        :data:`SCORE_COLUMNS` for every (unit, horizon) with an outcome and a forecast.
    """
    units = tuple(units)
    horizons = tuple(int(h) for h in horizons)
    task = ForecastTask(
        observable=observable,
        origin=int(origin),
        horizons=horizons,
        units=units,
        history=observed.loc[observed["year"] <= origin].reset_index(drop=True),
        n_samples=n_samples,
    )
    samples = np.asarray(forecaster(task, rng), dtype=np.float64)
    if samples.shape[:2] != (len(units), len(horizons)):
        raise ValueError(
            f"the forecaster returned shape {samples.shape}; expected ({len(units)}, "
            f"{len(horizons)}, M)"
        )
    years = [int(origin) + h for h in horizons]
    outcome = wide(observed, units=units, years=years).T  # (U, H)
    ok = np.isfinite(outcome) & np.isfinite(samples).all(axis=-1)
    u_idx, h_idx = np.nonzero(ok)
    x = samples[u_idx, h_idx]
    y = outcome[u_idx, h_idx]
    if y.size == 0:
        return pd.DataFrame(columns=list(SCORE_COLUMNS))
    return pd.DataFrame(
        {
            "origin": int(origin),
            "horizon": np.asarray(horizons)[h_idx],
            "year": np.asarray(years)[h_idx],
            "a": [units[i][0] for i in u_idx],
            "b": [units[i][1] for i in u_idx],
            "observed": y,
            "median": np.median(x, axis=-1),
            "crps": crps_ensemble(y, x),
            "ae_median": abs_error_of_median(y, x),
            "cover50": interval_coverage(y, x, level=0.5),
            "cover90": interval_coverage(y, x, level=0.9),
            "pit": pit(y, x),
        }
    )[list(SCORE_COLUMNS)]


def skill_by_horizon(tables: Mapping[str, pd.DataFrame], *, benchmark: str) -> pd.DataFrame:
    """Return the mean scores and the CRPS skill against ``benchmark`` by horizon.

    Parameters
    ----------
    tables : mapping of str to pandas.DataFrame
        Score tables from :func:`hindcast`, by forecaster name.
    benchmark : str
        The name of the reference forecaster (a key of ``tables``).

    Returns
    -------
    pandas.DataFrame
        One row per forecaster and horizon: ``forecaster, horizon, n, crps, ae_median,
        cover50, cover90, crps_skill, ae_skill``. Scores are compared on the rows (origin,
        horizon, unit) that every forecaster scored, so that skills are paired.
    """
    if benchmark not in tables:
        raise ValueError(f"benchmark {benchmark!r} is not among {', '.join(tables)}")
    key = ["origin", "horizon", "a", "b"]
    common = None
    for table in tables.values():
        keys = table[key].drop_duplicates()
        common = keys if common is None else common.merge(keys, on=key)
    assert common is not None
    means = {}
    for name, table in tables.items():
        rows = table.merge(common, on=key)
        means[name] = rows.groupby("horizon").agg(
            n=("crps", "size"),
            crps=("crps", "mean"),
            ae_median=("ae_median", "mean"),
            cover50=("cover50", "mean"),
            cover90=("cover90", "mean"),
        )
    ref = means[benchmark]
    out = []
    for name, m in means.items():
        frame = m.reset_index()
        frame.insert(0, "forecaster", name)
        frame["crps_skill"] = skill(m["crps"].to_numpy(), ref["crps"].reindex(m.index).to_numpy())
        frame["ae_skill"] = skill(
            m["ae_median"].to_numpy(), ref["ae_median"].reindex(m.index).to_numpy()
        )
        out.append(frame)
    return pd.concat(out, ignore_index=True)


def pit_histogram(table: pd.DataFrame, *, n_bins: int = 10) -> pd.DataFrame:
    """Return the PIT histogram of a score table by horizon (calibrated: flat at 1/n_bins).

    Parameters
    ----------
    table : pandas.DataFrame
        From :func:`hindcast`.
    n_bins : int, default 10
        Equal-width bins on [0, 1].

    Returns
    -------
    pandas.DataFrame
        Columns ``horizon, low, high, n, frequency`` (frequency: the share of the horizon's
        forecasts whose PIT falls in the bin).
    """
    edges = np.linspace(0.0, 1.0, n_bins + 1)
    rows = []
    pits = table["pit"].to_numpy(dtype=np.float64)
    horizons = table["horizon"].to_numpy(dtype=np.int64)
    for horizon in np.unique(horizons).tolist():
        counts, _ = np.histogram(pits[horizons == horizon], bins=edges)
        total = max(int(counts.sum()), 1)
        for k in range(n_bins):
            rows.append(
                {
                    "horizon": int(horizon),
                    "low": float(edges[k]),
                    "high": float(edges[k + 1]),
                    "n": int(counts[k]),
                    "frequency": float(counts[k]) / total,
                }
            )
    return pd.DataFrame(rows, columns=["horizon", "low", "high", "n", "frequency"])


def worst_units(table: pd.DataFrame, *, n: int = 10) -> pd.DataFrame:
    """Return the ``n`` units with the largest mean CRPS over origins and horizons.

    Returns
    -------
    pandas.DataFrame
        Columns ``a, b, n_forecasts, crps, ae_median, cover90``, worst first.
    """
    grouped = table.groupby(["a", "b"]).agg(
        n_forecasts=("crps", "size"),
        crps=("crps", "mean"),
        ae_median=("ae_median", "mean"),
        cover90=("cover90", "mean"),
    )
    return grouped.sort_values("crps", ascending=False).head(n).reset_index()


def model_forecaster(
    model_states: T_ModelStates, *, window: int = DEFAULT_WINDOW, noise_scale: float = 1.0
) -> T_Forecaster:
    """Return a forecaster that runs a model and maps it to the observable.

    Parameters
    ----------
    model_states : callable
        ``task -> (at_origin, path)``: the model's state of each unit
        (:func:`~equipoise.observation.observables.model_state`) for each ensemble member at
        the origin, shape ``(B, U)``, and at ``origin + h`` for each horizon, ``(B, H, U)``. It
        must build its scenario from data up to ``task.origin`` only.
    window : int, default 15
        Years of history whose changes give the measurement noise.
    noise_scale : float, default 1
        Factor on the measurement noise (the calibrated ``noise_scale``,
        :func:`~equipoise.observation.measurement.scale_noise`).

    Returns
    -------
    callable
        A forecaster: the measurement model is fitted on ``task.history`` with the members'
        mean state at the origin (:func:`~equipoise.observation.measurement.fit_measurement`)
        and sampled for every member with ``ceil(n_samples / B)`` noise draws
        (:func:`~equipoise.observation.measurement.sample_predictive`).
    """

    def forecast(task: ForecastTask, rng: np.random.Generator) -> NDArray[np.float64]:
        at_origin, path = model_states(task)
        at_origin = np.asarray(at_origin, dtype=np.float64)
        path = np.asarray(path, dtype=np.float64)
        finite = np.isfinite(at_origin)
        count = finite.sum(axis=0)
        total = np.where(finite, at_origin, 0.0).sum(axis=0)
        mean_origin = np.where(count > 0, total / np.maximum(count, 1), np.nan)
        measurement = fit_measurement(
            task.observable,
            task.history,
            origin=task.origin,
            units=task.units,
            model_at_origin=mean_origin,
            max_lag=max(task.horizons),
            window=window,
        )
        measurement = scale_noise(measurement, noise_scale)
        n_noise = max(1, math.ceil(task.n_samples / max(1, path.shape[0])))
        draws = sample_predictive(
            measurement, path, at_origin, horizons=task.horizons, rng=rng, n_noise=n_noise
        )
        return np.asarray(np.transpose(draws, (2, 1, 0)), dtype=np.float64)  # (U, H, M)

    return forecast


__all__ = [
    "SCORE_COLUMNS",
    "T_ModelStates",
    "hindcast",
    "model_forecaster",
    "origin_streams",
    "pit_histogram",
    "score_origin",
    "skill_by_horizon",
    "worst_units",
]
