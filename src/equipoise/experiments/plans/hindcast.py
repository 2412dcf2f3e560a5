r"""Rolling-origin hindcasts: the model against persistence and climatology inside the data.

``equipoise hindcast``: at every origin :math:`o` a scenario is built from the data up to
:math:`o` (:func:`equipoise.scenario.build.build_scenario`), its members run on the executor
(one stage per origin), their model states are mapped to the observable by the measurement
model fitted up to :math:`o`, and the forecasts at horizons :math:`h` are scored against the
observed values of :math:`o + h` with the CRPS, the absolute error of the median and the
coverage of the 50 % and 90 % intervals — as are the benchmarks: persistence, climatological
persistence and, for the shares, a linear trend (:mod:`equipoise.experiments.benchmarks`).
Every forecaster at an origin draws from the same child stream of the seed (common random
numbers). Skill is :math:`1 - S / S_{\text{climatological}}` (``docs/models/scores.md``).

Each origin is one batch of the run (its score rows as the table ``scores``): an interrupted
hindcast resumes at its first unfinished origin.

**Parameters, and what is in sample.** The built scenarios carry the shipped calibration
(:mod:`equipoise.observation.calibrated`: the rates' posterior medians, their 90 % intervals as
uncertainties the members sample, and the noise scale of ``unga_distance``). That calibration
is a fit on data up to 2020, so at every origin before 2020 it has seen the outcomes it is
scored on: the result says ``in_sample`` (JSON, table, report). ``calibrated=False``
(``--uncalibrated``) uses the documented defaults instead (nothing fitted: out of sample). The
out-of-sample figure with per-origin fits is ``scripts/calibration_backtest.py``
(``docs/models/calibration.md`` §6).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar, Final

import numpy as np

from equipoise.errors import InputError, Problem
from equipoise.experiments.ensemble import Arm, EnsembleResult, Payload
from equipoise.experiments.plans._base import PlanResult, RunInfo, StagedPlan
from equipoise.experiments.plans._checks import check_choice, check_members
from equipoise.experiments.plans.forecast import StateOutcome, units_for
from equipoise.observation.observables import OBSERVABLES

if TYPE_CHECKING:
    import pandas as pd

    from equipoise.scenario.build import HistoryData
    from equipoise.scenario.schema import Scenario

#: The benchmark skill is measured against.
BENCHMARK: Final[str] = "climatological"
#: Observables that trend (a linear trend is a fair baseline for them).
TRENDING: Final[frozenset[str]] = frozenset({"gdp_share", "milex_share"})


@dataclass(frozen=True)
class Hindcast(PlanResult):
    """The score rows of every forecaster, and the skill, PIT and worst units of the model.

    Attributes
    ----------
    observable : str
    actors : tuple of str
    origins, horizons : tuple of int
    scores : pandas.DataFrame
        :data:`equipoise.experiments.hindcast.SCORE_COLUMNS` plus ``forecaster``.
    skill : pandas.DataFrame
        :func:`equipoise.experiments.hindcast.skill_by_horizon` against climatology.
    pit : pandas.DataFrame
        The model's PIT histogram by horizon.
    worst : pandas.DataFrame
        The model's units with the largest mean CRPS.
    """

    observable: str
    actors: tuple[str, ...]
    origins: tuple[int, ...]
    horizons: tuple[int, ...]
    scores: pd.DataFrame
    skill: pd.DataFrame
    pit: pd.DataFrame
    worst: pd.DataFrame
    parameters: dict[str, Any] = field(default_factory=dict)

    @property
    def in_sample(self) -> bool:
        """Whether the parameters were fitted on data after an origin (see ``parameters``)."""
        return bool(self.parameters.get("in_sample", False))

    def to_dict(self) -> dict[str, Any]:
        """Return the run's record, the skill table, the PIT histogram and the worst units."""

        def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
            return [
                {str(k): (None if isinstance(v, float) and v != v else v) for k, v in r.items()}
                for r in frame.to_dict(orient="records")
            ]

        return {
            **self.run.to_dict(),
            "observable": self.observable,
            "actors": list(self.actors),
            "origins": list(self.origins),
            "horizons": list(self.horizons),
            "benchmark": BENCHMARK,
            "skill": records(self.skill),
            "pit": records(self.pit),
            "worst": records(self.worst),
            "parameters": self.parameters,
            "in_sample": self.in_sample,
        }

    def stored(self) -> dict[str, pd.DataFrame | dict[str, Any]]:
        """Return the ``skill``, ``pit`` and ``worst`` tables (the scores are the batches)."""
        return {
            "skill": self.skill.reset_index(drop=True),
            "pit": self.pit.reset_index(drop=True),
            "worst": self.worst.reset_index(drop=True),
            "parameters": self.parameters,
        }


@dataclass(frozen=True, kw_only=True)
class HindcastPlan(StagedPlan):
    """Rolling-origin forecasts of ``observable`` for ``actors``, scored with the benchmarks.

    Attributes
    ----------
    observable : str
    data : str
        The data folder (``shared/data`` layout): the scenarios are built from it.
    actors : tuple of str
        ISO3 codes or the groups ``G20``/``UN`` (default: the scenario's actors that are in
        the data).
    origins : tuple of int
        Forecast origins (at most 2020 - 1).
    horizons : tuple of int
        Years after each origin.
    n_members : int
        Members per origin (calibrated: each draws the rates from their 90 % posterior
        ranges; uncalibrated, a built scenario declares no uncertainties and members differ by
        their random streams only).
    n_samples : int
        Predictive samples of every forecaster per unit and horizon.
    calibrated : bool, default True
        Build the scenarios with the shipped calibration (in sample before 2020) or with the
        documented defaults and the plain measurement noise.
    calibrate : int, default 0
        With a positive value, fit the parameters **at every origin on the data before it**
        (``CalibrationPlan`` with ``until`` = the origin, this many particles,
        ``calibrate_generations`` generations, the same seed) and build the origin's scenario
        with that posterior (medians, 90 % ranges, noise scale): out of sample. Overrides
        ``calibrated``.
    calibrate_generations : int, default 3
        Generations of each per-origin fit.
    """

    kind: ClassVar[str] = "hindcast"
    default_batch_size: ClassVar[int] = 50
    observable: str
    data: str
    actors: tuple[str, ...] = ()
    origins: tuple[int, ...] = (2005, 2010, 2015)
    horizons: tuple[int, ...] = (1, 2, 3, 4, 5)
    n_members: int = 1
    n_samples: int = 500
    calibrated: bool = True
    calibrate: int = 0
    calibrate_generations: int = 3

    def __post_init__(self) -> None:
        check_members(self.n_members)
        check_choice(self.observable, tuple(OBSERVABLES), "observable")
        if not self.origins or not self.horizons:
            raise InputError(Problem("give at least one origin and one horizon", path="origins"))
        if min(self.horizons) < 1:
            raise InputError(Problem("horizons must be at least 1 year", path="horizons"))
        late = [o for o in self.origins if o + min(self.horizons) > 2020]
        if late:
            raise InputError(
                Problem(
                    f"origins {late} leave no outcome inside the data (which end in 2020)",
                    path="origins",
                )
            )
        if self.n_samples < 1:
            raise InputError(Problem(f"must be at least 1, got {self.n_samples}", path="samples"))

    def arguments(self) -> dict[str, Any]:
        """Return everything that determines the scores (and the data files' digests)."""
        from equipoise.io.observed import file_digest, observable_file

        return {
            "observable": self.observable,
            "data": str(self.data),
            "data_sha256": file_digest(observable_file(self.data, self.observable)),
            "actors": list(self.actor_spec),
            "origins": list(self.origins),
            "horizons": list(self.horizons),
            "members": self.n_members,
            "samples": self.n_samples,
            "calibrated": self.calibrated,
            "calibrate": self.calibrate,
            "calibrate_generations": self.calibrate_generations,
            "noise_scale": self.noise_scale,
        }

    @property
    def noise_scale(self) -> float:
        """The factor on the measurement noise: the calibrated one, or 1 uncalibrated."""
        from equipoise.experiments.plans.forecast import resolve_noise_scale

        return resolve_noise_scale(self.observable, None) if self.calibrated else 1.0

    def parameters_record(self, fits: Mapping[int, Any] | None = None) -> dict[str, Any]:
        """Return where the parameters come from and whether the hindcast is in sample.

        ``fits`` are the per-origin posteriors (:meth:`fit_origin`) when ``calibrate`` is on.
        """
        from equipoise.observation.calibrated import shipped_calibration

        if self.calibrate:
            return {
                "source": (
                    f"equipoise calibrate at every origin on the data before it "
                    f"({self.calibrate} particles, {self.calibrate_generations} generations, "
                    f"seed {self.seed})"
                ),
                "calibrated_until": None,
                "in_sample": False,
                "in_sample_origins": [],
                "fits": {str(o): f for o, f in sorted((fits or {}).items())},
            }
        if not self.calibrated:
            return {
                "source": "documented defaults (equipoise.scenario.vocabulary.PARAMETERS)",
                "calibrated_until": None,
                "in_sample": False,
                "in_sample_origins": [],
                "noise_scale": 1.0,
            }
        cal = shipped_calibration()
        inside = [o for o in self.origins if o < cal.until]
        return {
            "source": cal.source,
            "calibrated_until": cal.until,
            "in_sample": bool(inside),
            "in_sample_origins": inside,
            "noise_scale": self.noise_scale,
        }

    @classmethod
    def from_arguments(
        cls, scenario: Scenario, arguments: Mapping[str, Any], *, scenario_ref: str | None = None
    ) -> HindcastPlan:
        """Rebuild the plan from its recorded arguments."""
        return cls(
            scenario=scenario,
            scenario_ref=scenario_ref,
            observable=str(arguments["observable"]),
            data=str(arguments["data"]),
            actors=tuple(arguments.get("actors") or ()),
            origins=tuple(int(o) for o in arguments.get("origins", (2005, 2010, 2015))),
            horizons=tuple(int(h) for h in arguments.get("horizons", (1, 2, 3, 4, 5))),
            n_members=int(arguments.get("members", 1)),
            n_samples=int(arguments.get("samples", 500)),
            # runs recorded before the calibration shipped were built with the defaults
            calibrated=bool(arguments.get("calibrated", False)),
            calibrate=int(arguments.get("calibrate", 0)),
            calibrate_generations=int(arguments.get("calibrate_generations", 3)),
        )

    @property
    def actor_spec(self) -> tuple[str, ...]:
        """The actors asked for (the scenario's when none are given)."""
        return self.actors or tuple(self.scenario.actor_codes)

    @property
    def label(self) -> str:
        """``hindcast OBSERVABLE``."""
        return f"hindcast {self.observable}"

    def total(self) -> int:
        """Member-runs of every origin."""
        return self.n_members * len(self.origins)

    def resolved_actors(self, history: HistoryData) -> tuple[str, ...]:
        """Return the actors with data at the first origin (groups expanded; others left out)."""
        from equipoise.scenario.build import GROUPS, UN_GROUP, _known_codes, resolve_actors

        first = min(self.origins)
        known_codes = _known_codes(history, first)
        expanded: list[str] = []
        for code in self.actor_spec:
            if code in GROUPS or code == UN_GROUP:
                expanded.extend(resolve_actors([code], data=history, year=first))
            else:
                expanded.append(code)
        # an actor without data at the first origin is left out (TWN has no data as a state)
        known = [c for c in dict.fromkeys(expanded) if c in known_codes]
        if len(known) < 2:
            raise InputError(
                Problem(f"fewer than two of the actors have data in {first}", path="actors")
            )
        return tuple(dict.fromkeys(known))

    def fit_origin(self, origin: int, executor: Any) -> dict[str, Any]:
        """Fit the parameters on the data before ``origin`` (``calibrate`` > 0).

        Returns
        -------
        dict
            ``{parameter: {"median", "low", "high"}}`` (5 %, 50 %, 95 % posterior quantiles)
            and ``cases``.
        """
        from equipoise.experiments.plans.calibrate import CalibrationPlan

        fit = CalibrationPlan(
            scenario=self.scenario,
            data=self.data,
            until=origin,
            particles=self.calibrate,
            generations=self.calibrate_generations,
        )
        result = fit.execute(
            executor=executor, batch_size=1, store=None, resume=None, progress=None,
            on_run=None, run_id=None, parameters={},
        )  # fmt: skip
        out: dict[str, Any] = {
            str(r["parameter"]): {
                "median": float(r["q50"]),
                "low": float(r["q05"]),
                "high": float(r["q95"]),
            }
            for r in result.posterior.to_dict(orient="records")
        }
        out["cases"] = list(result.cases)
        return out

    def stage_payload(
        self,
        history: HistoryData,
        actors: tuple[str, ...],
        origin: int,
        fitted: Mapping[str, Any] | None = None,
    ) -> Payload:
        """Return the members of one origin: the scenario built from data up to it.

        With ``fitted`` (:meth:`fit_origin`) the scenario takes that posterior's medians and
        90 % ranges instead of the shipped calibration's.
        """
        from equipoise.experiments.calibration import NOISE_SCALE
        from equipoise.experiments.sampling import sample
        from equipoise.scenario.build import build_scenario
        from equipoise.scenario.schema import Uncertainty

        built = build_scenario(
            history,
            actors=list(actors),
            year=origin,
            horizon=max(self.horizons),
            calibrated=self.calibrated and fitted is None,
        )
        scenario = built.scenario
        if fitted is not None:
            rates = {k: v for k, v in fitted.items() if isinstance(v, Mapping) and k != NOISE_SCALE}
            scenario = scenario.model_copy(
                update={
                    "parameters": {**scenario.parameters, **{k: v["median"] for k, v in rates.items()}},
                    "uncertainties": tuple(
                        Uncertainty(
                            name=k.replace("_", "-"), target=f"parameters.{k}",
                            distribution="triangular", low=v["low"], mode=v["median"],
                            high=max(v["high"], v["low"] + 1e-9),
                            source=f"equipoise calibrate up to {origin} (hindcast --calibrate)",
                        )
                        for k, v in rates.items()
                    ),
                }
            )  # fmt: skip
        present = scenario.actor_codes
        units = tuple(
            u for u in units_for(self.observable, actors) if all(c in present for c in u if c)
        )
        scenario = scenario.model_copy(
            update={"scenario": scenario.scenario.model_copy(update={"seed": self.seed})}
        )
        design = sample(scenario.uncertainties, self.n_members, method="lhs", seed=self.seed)
        steps = (0, *self.horizons)
        return Payload(
            scenario,
            tuple(scenario.uncertainties),
            design,
            (Arm(),),
            (StateOutcome(self.observable, units=units, steps=steps),),
        )

    def payload(self) -> Payload:
        """Return the first origin's members (the others are built by :meth:`execute`)."""
        from equipoise.scenario.build import load_history

        history = load_history(self.data)
        return self.stage_payload(history, self.resolved_actors(history), self.origins[0])

    def analyse(self, result: EnsembleResult) -> PlanResult:  # pragma: no cover - staged
        """Not used: a staged plan analyses its stages in :meth:`execute`."""
        raise NotImplementedError("a hindcast runs in stages (HindcastPlan.execute)")

    def execute(
        self,
        *,
        executor: Any,
        batch_size: int,
        store: Any,
        resume: str | None,
        progress: Any,
        on_run: Any,
        run_id: str | None,
        parameters: Mapping[str, Any],
    ) -> Hindcast:
        """Run every origin on ``executor``, recording each origin's scores as one batch."""
        import time

        import pandas as pd

        from equipoise import __version__
        from equipoise.experiments.ensemble import run_ensemble, scenario_hash
        from equipoise.experiments.hindcast import SCORE_COLUMNS
        from equipoise.scenario.build import load_history

        t0 = time.perf_counter()
        history = load_history(self.data)
        actors = self.resolved_actors(history)
        observed = observed_frame(history, self.observable, actors)
        done: set[int] = set()
        if store is not None:
            if resume is not None:
                from equipoise.errors import EquipoiseError

                if store.get_run(resume).get("status") == "complete":
                    raise EquipoiseError(f"run {resume} is already complete")
                run_id = resume
                done = set(store.completed_batches(resume))
            else:
                run_id = store.create_run(
                    kind=self.kind,
                    scenario_name=self.scenario.scenario.name,
                    scenario_hash=scenario_hash(self.scenario),
                    parameters={
                        **parameters,
                        "n_members": self.n_members,
                        "batch_size": batch_size,
                        "actors_resolved": list(actors),
                    },
                    seed=self.seed,
                    n_members=self.n_members,
                    n_batches=len(self.origins),
                    code_version=__version__,
                    run_id=run_id,
                )
        else:
            run_id = None
        if on_run is not None and run_id is not None:
            on_run(run_id)
        parts: list[pd.DataFrame] = []
        fits: dict[int, Any] = {}
        try:
            for k, origin in enumerate(self.origins):
                if k in done:
                    if progress is not None:
                        progress(self.n_members)
                    continue
                fitted = self.fit_origin(origin, executor) if self.calibrate else None
                if fitted is not None:
                    fits[origin] = fitted
                payload = self.stage_payload(history, actors, origin, fitted)
                ensemble = run_ensemble(
                    payload,
                    executor=executor,
                    batch_size=batch_size,
                    progress=progress,
                )
                scale = self.noise_scale
                if fitted is not None:
                    from equipoise.experiments.calibration import NOISE_SCALE, OBSERVABLE

                    noise = fitted.get(NOISE_SCALE)
                    scale = noise["median"] if noise and self.observable == OBSERVABLE else 1.0
                frame = score_stage(self, observed, payload, ensemble, k, actors, noise_scale=scale)
                if store is not None and run_id is not None:
                    store.write_batch(run_id, k, {"scores": frame})
                parts.append(frame)
        except BaseException:
            if store is not None and run_id is not None:
                store.finish(run_id, status="incomplete")
            raise
        if done and store is not None and run_id is not None:
            old = store.read_table(run_id, "scores")
            parts.insert(0, old.loc[old["origin"].isin([self.origins[k] for k in done])])
        columns = ["forecaster", *SCORE_COLUMNS]
        scores = pd.concat(parts, ignore_index=True)[columns] if parts else pd.DataFrame()
        scores = scores.sort_values(["forecaster", "origin", "horizon", "a", "b"]).reset_index(
            drop=True
        )
        seconds = time.perf_counter() - t0
        result = summarise_scores(
            scores,
            info=RunInfo(
                run_id=run_id,
                kind=self.kind,
                n_members=self.n_members,
                arms=("baseline",),
                seed=self.seed,
                method="lhs",
                executor=executor.name,
                n_workers=executor.n_workers,
                seconds=seconds,
                resumed_batches=len(done),
            ),
            observable=self.observable,
            actors=actors,
            origins=self.origins,
            horizons=self.horizons,
            parameters=self.parameters_record(fits),
        )
        if store is not None and run_id is not None:
            for name, obj in result.stored().items():
                store.write_result(run_id, name, obj)
            store.finish(
                run_id, status="complete", summary={"seconds": seconds, "executor": executor.name}
            )
        return result


def observed_frame(history: HistoryData, observable: str, actors: tuple[str, ...]) -> pd.DataFrame:
    """Return the observed values of ``observable`` for ``actors`` from the loaded data."""
    from equipoise.observation.observables import (
        observed_share,
        observed_trade_dependence,
        observed_unga_distance,
    )

    source = {
        "unga_distance": "unga",
        "gdp_share": "weo",
        "milex_share": "sipri",
        "trade_dependence": "dots",
    }[observable]
    table = history.frame(source)
    if table is None:
        raise InputError(
            Problem(
                f"{observable} needs the {source} file, which is not in the folder", path="--data"
            )
        )
    if observable == "unga_distance":
        return observed_unga_distance(table, actors=actors)
    if observable == "gdp_share":
        return observed_share(table, column="gdp_usd_bn", actors=actors)
    if observable == "milex_share":
        return observed_share(table, column="milex_current_usd_m", actors=actors)
    return observed_trade_dependence(table, actors=actors)


def score_stage(
    plan: HindcastPlan,
    observed: pd.DataFrame,
    payload: Payload,
    ensemble: EnsembleResult,
    index: int,
    actors: tuple[str, ...],
    *,
    noise_scale: float | None = None,
) -> pd.DataFrame:
    """Score the model and the benchmarks at the ``index``-th origin (common random numbers).

    ``noise_scale`` replaces the plan's (a per-origin fit's).
    """
    import pandas as pd

    from equipoise.experiments.benchmarks import (
        ForecastTask,
        climatological_persistence,
        linear_trend,
        persistence,
    )
    from equipoise.experiments.hindcast import model_forecaster, origin_streams, score_origin

    outcome = payload.outcomes[0]
    assert isinstance(outcome, StateOutcome)
    values = np.asarray(ensemble.get("baseline", outcome), dtype=np.float64)
    states = values.reshape(values.shape[0], len(outcome.steps), len(outcome.units))
    units = units_for(plan.observable, actors)
    col = {u: i for i, u in enumerate(outcome.units)}
    full = np.full((states.shape[0], states.shape[1], len(units)), np.nan)
    for j, u in enumerate(units):
        if u in col:
            full[:, :, j] = states[:, :, col[u]]

    def model_states(task: ForecastTask) -> tuple[np.ndarray, np.ndarray]:
        return full[:, 0], full[:, 1:]

    forecasters = {
        "model": model_forecaster(
            model_states, noise_scale=plan.noise_scale if noise_scale is None else noise_scale
        ),
        "persistence": persistence,
        BENCHMARK: climatological_persistence(),
    }
    if plan.observable in TRENDING:
        forecasters["trend"] = linear_trend()
    stream = origin_streams(plan.seed, len(plan.origins))[index]
    frames = []
    for name, forecaster in forecasters.items():
        frame = score_origin(
            observed,
            forecaster,
            observable=plan.observable,
            units=units,
            origin=plan.origins[index],
            horizons=plan.horizons,
            n_samples=plan.n_samples,
            rng=np.random.default_rng(stream),
        )
        frame.insert(0, "forecaster", name)
        frames.append(frame)
    return pd.concat(frames, ignore_index=True)


def summarise_scores(
    scores: pd.DataFrame,
    *,
    info: RunInfo,
    observable: str,
    actors: tuple[str, ...],
    origins: tuple[int, ...],
    horizons: tuple[int, ...],
    parameters: Mapping[str, Any] | None = None,
) -> Hindcast:
    """Return the skill by horizon, the model's PIT histogram and its worst units.

    ``parameters`` is :meth:`HindcastPlan.parameters_record` (where the parameters come from
    and whether the hindcast is in sample).
    """
    from equipoise.experiments.hindcast import pit_histogram, skill_by_horizon, worst_units

    tables = {
        str(name): frame.drop(columns="forecaster")
        for name, frame in scores.groupby("forecaster", sort=False)
    }
    model = tables.get("model", scores.iloc[0:0])
    return Hindcast(
        info,
        observable,
        actors,
        origins,
        horizons,
        scores,
        skill_by_horizon(tables, benchmark=BENCHMARK),
        pit_histogram(model),
        worst_units(model),
        dict(parameters or {}),
    )


__all__ = [
    "BENCHMARK",
    "TRENDING",
    "Hindcast",
    "HindcastPlan",
    "observed_frame",
    "score_stage",
    "summarise_scores",
]
