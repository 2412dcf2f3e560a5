r"""Forecasts of an observable: the ensemble's model states mapped to what the world publishes.

``equipoise forecast``: the members of one arm (the baseline, or some interventions) run with
their sampled uncertainties and their own random streams (common random numbers); each batch
returns the model state of every unit (:func:`equipoise.observation.model_state`) at the
scenario's start and at every forecast year. :meth:`ForecastPlan.analyse` fits the measurement
model on the observed values up to the origin (:func:`equipoise.observation.fit_measurement`)
and draws the predictive distribution, model spread plus measurement noise
(:func:`equipoise.observation.sample_predictive`); the forecast is its quantiles by unit and
year (``docs/models/observation.md`` §3, ``docs/models/experiments.md``).

The *origin* is the last year of data that may be used: the scenario's start year, or the
last year of the data set if that is earlier (the default scenario starts in 2021 and the data
end in 2020). The model's change to year :math:`t` is counted from its start (step 0).
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, Final

import numpy as np
from numpy.typing import NDArray

from equipoise.errors import InputError, Problem
from equipoise.experiments.ensemble import Arm, EnsembleResult, Payload
from equipoise.experiments.outcomes import Outcome
from equipoise.experiments.plans._base import PlanResult, RunInfo
from equipoise.experiments.plans._checks import check_choice
from equipoise.experiments.plans._members import MembersPlan
from equipoise.observation.observables import OBSERVABLES, T_Unit, model_state, spec_of

if TYPE_CHECKING:
    import pandas as pd

    from equipoise.observation.measurement import MeasurementModel
    from equipoise.scenario.schema import Scenario
    from equipoise.simulate import Trajectory

#: The quantiles a forecast reports (the keys of ``quantiles`` in its JSON).
QUANTILES: Final[tuple[float, ...]] = (0.05, 0.25, 0.5, 0.75, 0.95)
#: Columns of a stored ``forecast`` result.
FORECAST_COLUMNS: Final[tuple[str, ...]] = (
    "year",
    "a",
    "b",
    "horizon",
    "q05",
    "q25",
    "q50",
    "q75",
    "q95",
    "mean",
    "last_observed",
    "last_year",
)


@dataclass(frozen=True)
class StateOutcome(Outcome):
    """The model state of an observable's units at some steps (an outcome that reads itself).

    Values are ``(B, S * U)``: member, then step-major units.
    """

    units: tuple[T_Unit, ...] = ()
    steps: tuple[int, ...] = ()

    @property
    def per_actor(self) -> bool:
        """Several columns per member (stored and read back as such)."""
        return True

    @property
    def label(self) -> str:
        """``OBSERVABLE@steps(…)#digest of the units``."""
        digest = hashlib.sha256(repr(self.units).encode("utf-8")).hexdigest()[:10]
        return f"{self.metric}@steps({','.join(map(str, self.steps))})#{len(self.units)}:{digest}"

    def evaluate(self, trajectory: Trajectory) -> NDArray[np.float64]:
        """Return the units' model states at the steps, ``(B, S * U)``."""
        x = model_state(trajectory, self.metric, units=self.units)[:, list(self.steps)]
        return np.ascontiguousarray(x.reshape(x.shape[0], -1), dtype=np.float64)


def units_for(observable: str, actors: Sequence[str]) -> tuple[T_Unit, ...]:
    """Return the units of ``observable`` among ``actors`` (pairs, ordered pairs or actors)."""
    spec = spec_of(observable)
    if spec.arity == 1:
        return tuple((a, "") for a in actors)
    if spec.directed:
        return tuple((a, b) for a in actors for b in actors if a != b)
    return tuple((a, b) for i, a in enumerate(actors) for b in actors[i + 1 :])


def parse_years(text: str, *, path: str = "--years") -> tuple[int, int]:
    """Parse ``A-B`` (or one year ``A``) into the first and last forecast years."""
    parts = [p.strip() for p in str(text).split("-")]
    try:
        if len(parts) == 1:
            first = last = int(parts[0])
        elif len(parts) == 2:
            first, last = int(parts[0]), int(parts[1])
        else:
            raise ValueError
    except ValueError:
        raise InputError(
            Problem(f"expected YEAR or FIRST-LAST (e.g. 2022-2025), got {text!r}", path=path)
        ) from None
    if last < first:
        raise InputError(Problem(f"the last year {last} is before the first {first}", path=path))
    return first, last


@dataclass(frozen=True)
class Forecast(PlanResult):
    """The predictive quantiles of an observable by unit and year.

    Attributes
    ----------
    observable : str
    origin : int
        The last year of data used.
    table : pandas.DataFrame
        :data:`FORECAST_COLUMNS`, one row per unit and year.
    measurement : dict
        The fitted measurement model (:meth:`MeasurementModel.summary`).
    missing : list of str
        Units left out: never observed up to the origin.
    samples : numpy.ndarray
        The predictive samples, ``(M, H, U)`` in the table's unit order.
    """

    observable: str
    origin: int
    table: pd.DataFrame
    measurement: dict[str, Any]
    missing: list[str]
    samples: NDArray[np.float64]

    def rows(self) -> list[dict[str, Any]]:
        """Return the issue's rows: ``year``, ``actors`` and ``quantiles`` (plus mean, last)."""
        out = []
        for r in self.table.to_dict(orient="records"):
            actors = [str(r["a"])] + ([str(r["b"])] if r["b"] else [])
            out.append(
                {
                    "year": int(r["year"]),
                    "actors": actors,
                    "quantiles": {f"{q:g}": float(r[f"q{round(q * 100):02d}"]) for q in QUANTILES},
                    "mean": float(r["mean"]),
                    "last_observed": float(r["last_observed"]),
                    "last_year": int(r["last_year"]),
                }
            )
        return out

    def to_dict(self) -> dict[str, Any]:
        """Return ``{"observable", "origin", "rows", ...}`` (the shape of issue 13, item 3)."""
        return {
            "observable": self.observable,
            "origin": self.origin,
            "rows": self.rows(),
            "samples": int(self.samples.shape[0]),
            "measurement": self.measurement,
            "missing": self.missing,
            **self.run.to_dict(),
        }

    def stored(self) -> dict[str, pd.DataFrame | dict[str, Any]]:
        """Return the ``forecast`` table and the ``measurement`` model."""
        return {
            "forecast": self.table.reset_index(drop=True),
            "measurement": {
                **self.measurement,
                "origin": self.origin,
                "missing": self.missing,
            },
        }


@dataclass(frozen=True, kw_only=True)
class ForecastPlan(MembersPlan):
    """Forecast ``observable`` for the years ``first``–``last`` from an ensemble.

    Attributes
    ----------
    observable : str
        One of :data:`equipoise.observation.OBSERVABLES`.
    first, last : int
        The forecast years (within the scenario's years, after the origin).
    data : str
        The data folder with the observable's file (``shared/data`` layout).
    noise_draws : int, default 1
        Measurement-noise draws per member: the forecast has ``n_members * noise_draws``
        samples.
    noise_scale : float, optional
        Factor on the measurement noise; default the calibrated scale of the observable
        (:func:`equipoise.observation.calibrated.shipped_calibration`, 1 if not calibrated).
    """

    kind: ClassVar[str] = "forecast"
    observable: str
    first: int
    last: int
    data: str
    noise_draws: int = 1
    noise_scale: float | None = None

    def __post_init__(self) -> None:
        super().__post_init__()
        check_choice(self.observable, tuple(OBSERVABLES), "observable")
        if self.noise_draws < 1:
            raise InputError(
                Problem(f"must be at least 1, got {self.noise_draws}", path="noise_draws")
            )
        if self.noise_scale is not None and not self.noise_scale > 0:
            raise InputError(
                Problem(f"must be positive, got {self.noise_scale}", path="noise_scale")
            )
        meta = self.scenario.scenario
        end = meta.start_year + meta.horizon
        if self.first <= meta.start_year - 1 or self.last > end:
            raise InputError(
                Problem(
                    f"forecast years must lie in {meta.start_year}–{end} (the scenario's years), "
                    f"got {self.first}-{self.last}",
                    path="years",
                )
            )
        from equipoise.io.observed import observable_file

        observable_file(self.data, self.observable)  # a located error before any work

    def arguments(self) -> dict[str, Any]:
        """Return the common arguments, the observable, the years and the data's digest."""
        from equipoise.io.observed import file_digest, observable_file

        return {
            **super().arguments(),
            "observable": self.observable,
            "years": [self.first, self.last],
            "data": str(self.data),
            "data_sha256": file_digest(observable_file(self.data, self.observable)),
            "noise_draws": self.noise_draws,
            "noise_scale": self.scale,
        }

    @property
    def scale(self) -> float:
        """The factor on the measurement noise (given, or the calibrated one)."""
        return resolve_noise_scale(self.observable, self.noise_scale)

    @classmethod
    def from_arguments(
        cls, scenario: Scenario, arguments: Mapping[str, Any], *, scenario_ref: str | None = None
    ) -> ForecastPlan:
        """Rebuild the plan from its recorded arguments."""
        years = arguments.get("years") or [None, None]
        if isinstance(years, str):
            years = list(parse_years(years))
        return cls(
            scenario=scenario,
            scenario_ref=scenario_ref,
            **cls.common(arguments),
            observable=str(arguments["observable"]),
            first=int(years[0]),
            last=int(years[1]),
            data=str(arguments["data"]),
            noise_draws=int(arguments.get("noise_draws", 1)),
            noise_scale=_recorded_scale(arguments),
        )

    @property
    def label(self) -> str:
        """``forecast OBSERVABLE``."""
        return f"forecast {self.observable}"

    @property
    def years(self) -> tuple[int, ...]:
        """The forecast years."""
        return tuple(range(self.first, self.last + 1))

    def steps(self) -> tuple[int, ...]:
        """Step 0 (the start) and the step of every forecast year."""
        meta = self.scenario.scenario
        return (0, *(round((y - meta.start_year) / meta.time_step) for y in self.years))

    def outcome(self) -> StateOutcome:
        """Return the outcome: the model states of every unit at :meth:`steps`."""
        units = units_for(self.observable, self.scenario.actor_codes)
        return StateOutcome(self.observable, steps=self.steps(), units=units)

    def payload(self) -> Payload:
        """Return one arm with the model states of the observable's units."""
        return Payload(
            self.scenario,
            tuple(self.scenario.uncertainties),
            self.design(),
            (Arm(self.interventions),),
            (self.outcome(),),
        )

    def analyse(self, result: EnsembleResult) -> Forecast:
        """Fit the measurement model up to the origin and draw the predictive quantiles."""
        from equipoise.io.observed import read_observed

        outcome = self.outcome()
        values = np.asarray(result.get(Arm(self.interventions).name, outcome), dtype=np.float64)
        n_units = len(outcome.units)
        states = values.reshape(values.shape[0], len(outcome.steps), n_units)
        observed = read_observed(self.data, self.observable, actors=self.scenario.actor_codes)
        forecast = forecast_observable(
            observed.frame,
            states[:, 0],
            states[:, 1:],
            observable=self.observable,
            units=outcome.units,
            years=self.years,
            start_year=self.scenario.scenario.start_year,
            rng=_noise_rng(self.seed),
            noise_draws=self.noise_draws,
            noise_scale=self.scale,
        )
        return Forecast(RunInfo.of(self.kind, result), **forecast)


def _recorded_scale(arguments: Mapping[str, Any]) -> float | None:
    """Return the recorded noise scale (runs recorded before it existed used the plain noise)."""
    if "noise_scale" not in arguments:
        return 1.0
    value = arguments["noise_scale"]
    return None if value is None else float(value)


def resolve_noise_scale(observable: str, given: float | None) -> float:
    """Return ``given``, or the shipped calibration's noise scale of ``observable``."""
    if given is not None:
        return float(given)
    from equipoise.observation.calibrated import shipped_calibration

    return shipped_calibration().noise_scale(observable)


def _noise_rng(seed: int) -> np.random.Generator:
    from equipoise.random import Stream, stream

    return stream(seed, Stream.ANALYSIS)


def origin_of(observed: pd.DataFrame, start_year: int) -> int:
    """Return the forecast origin: the last year of data at or before ``start_year``."""
    years = observed["year"].to_numpy()
    years = years[years <= start_year]
    if years.size == 0:
        raise InputError(
            Problem(f"the data have no value at or before {start_year}", path="--data")
        )
    return int(years.max())


def forecast_observable(
    observed: pd.DataFrame,
    at_start: NDArray[np.float64],
    path: NDArray[np.float64],
    *,
    observable: str,
    units: Sequence[T_Unit],
    years: Sequence[int],
    start_year: int,
    rng: np.random.Generator,
    noise_draws: int = 1,
    noise_scale: float = 1.0,
) -> dict[str, Any]:
    r"""Return the predictive quantiles of ``observable`` from the members' model states.

    Parameters
    ----------
    observed : pandas.DataFrame
        Observed values (``year, a, b, value``); only the rows up to the origin are used.
    at_start : numpy.ndarray
        ``(B, U)``: each member's model state at the scenario's start.
    path : numpy.ndarray
        ``(B, H, U)``: at each forecast year.
    observable : str
    units : sequence of (str, str)
    years : sequence of int
        The forecast years (``H``).
    start_year : int
        The scenario's start year; the origin is the last year of data at or before it.
    rng : numpy.random.Generator
        The measurement noise's random numbers.
    noise_draws : int, default 1
        Noise draws per member.
    noise_scale : float, default 1
        Factor on the pools of historical changes (the calibrated ``noise_scale``,
        ``docs/models/calibration.md``); recorded in ``measurement``.

    Returns
    -------
    dict
        ``observable, origin, table, measurement, missing, samples`` (the fields of
        :class:`Forecast` without the run).

    Notes
    -----
    Units not observed in the 15 years up to the origin (the measurement model's window) are
    left out and listed in ``missing``: every forecast is anchored on a recent observation (no
    value is invented).
    The measurement model is fitted with the members' mean state at the start.
    """
    import pandas as pd

    from equipoise.observation.measurement import (
        DEFAULT_WINDOW,
        fit_measurement,
        sample_predictive,
        scale_noise,
    )

    origin = origin_of(observed, start_year)
    history = observed.loc[observed["year"] <= origin].reset_index(drop=True)
    recent = history.loc[history["year"] >= origin - DEFAULT_WINDOW, ["a", "b"]]
    seen = set(recent.itertuples(index=False, name=None))
    keep = [i for i, u in enumerate(units) if tuple(u) in seen]
    missing = ["-".join(c for c in units[i] if c) for i in range(len(units)) if i not in keep]
    if not keep:
        raise InputError(
            Problem(
                f"none of the scenario's units has {observable} data up to {origin}",
                path="--data",
            )
        )
    kept: tuple[T_Unit, ...] = tuple((units[i][0], units[i][1]) for i in keep)
    x0 = np.asarray(at_start, dtype=np.float64)[:, keep]
    xp = np.asarray(path, dtype=np.float64)[:, :, keep]
    finite = np.isfinite(x0)
    mean0 = np.where(
        finite.any(axis=0),
        np.where(finite, x0, 0.0).sum(axis=0) / np.maximum(finite.sum(axis=0), 1),
        np.nan,
    )
    horizons = [int(y) - origin for y in years]
    model: MeasurementModel = fit_measurement(
        observable,
        history,
        origin=origin,
        units=kept,
        model_at_origin=mean0,
        max_lag=max(horizons),
    )
    model = scale_noise(model, noise_scale)
    samples = sample_predictive(model, xp, x0, horizons=horizons, rng=rng, n_noise=noise_draws)
    q = np.quantile(samples, QUANTILES, axis=0)  # (Q, H, U)
    mean = samples.mean(axis=0)
    rows = []
    for j, year in enumerate(years):
        for k, (a, b) in enumerate(kept):
            rows.append(
                {
                    "year": int(year),
                    "a": a,
                    "b": b,
                    "horizon": horizons[j],
                    **{
                        f"q{round(p * 100):02d}": float(q[i, j, k]) for i, p in enumerate(QUANTILES)
                    },
                    "mean": float(mean[j, k]),
                    "last_observed": float(model.y_last[k]),
                    "last_year": int(model.year_last[k]),
                }
            )
    return {
        "observable": observable,
        "origin": origin,
        "table": pd.DataFrame(rows, columns=list(FORECAST_COLUMNS)),
        "measurement": {**model.summary(), "noise_scale": float(noise_scale)},
        "missing": missing,
        "samples": samples,
    }


__all__ = [
    "FORECAST_COLUMNS",
    "QUANTILES",
    "Forecast",
    "ForecastPlan",
    "StateOutcome",
    "forecast_observable",
    "origin_of",
    "parse_years",
    "resolve_noise_scale",
    "units_for",
]
