r"""Calibration of the global parameters on the history up to a year (``equipoise calibrate``).

ABC by sequential Monte Carlo (:mod:`equipoise.experiments.calibration`): generation 0 draws
the particles from the priors; each later generation's tolerance is the ``quantile`` of the
last generation's distances (Del Moral, Doucet & Jasra 2012), and its particles are proposals
from the last population (resampled by weight, perturbed by a Gaussian of twice its weighted
covariance: Beaumont et al. 2009) whose distance is within the tolerance, weighted by ABC-PMC
importance weights. Proposals are made in rounds of ``particles``; if ``max_rounds`` rounds
do not give ``particles`` acceptances, the tolerance is relaxed to the ``particles``-th smallest
distance of the generation (so the cost is bounded: at most ``max_rounds`` × ``particles``
simulations per generation and case).

Each generation is one batch of the run in the store (table ``particles``): an interrupted
calibration resumes from its last complete generation, with the same numbers. Every random
number derives from the scenario seed: the proposals of generation :math:`g`, round :math:`r`
from ``SeedSequence(seed, spawn_key=(g, r))``, the measurement noise from one stream per case
(common to all particles). Particles are evaluated in chunks on the executor; a chunk's
distances do not depend on which worker ran it, so the result is the same on every executor.
``docs/models/calibration.md`` gives the method, the priors and the result.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

import numpy as np
import pandas as pd

from equipoise.errors import EquipoiseError, InputError, Problem
from equipoise.experiments.plans._base import PlanResult, RunInfo, StagedPlan

if TYPE_CHECKING:
    from equipoise.experiments.calibration import CalibrationCase, Prior
    from equipoise.experiments.ensemble import EnsembleResult, Payload
    from equipoise.experiments.executors import Executor
    from equipoise.scenario.schema import Scenario
    from equipoise.store import StoreBackend

#: The actor sets fitted by default: the scenario's own states and the G20.
DEFAULT_SETS: tuple[str, ...] = ("scenario", "G20")
#: Particles per chunk (one executor task).
CHUNK = 25


@dataclass(frozen=True)
class CalibrationPayload:
    """What the workers need: the fitting cases, the parameter names, the noise draws."""

    cases: tuple[CalibrationCase, ...]
    names: tuple[str, ...]
    noise_draws: int


@dataclass(frozen=True)
class ChunkTask:
    """Particles ``start`` to ``start + len(theta)`` of a proposal round, on one case."""

    case: int
    start: int
    theta: np.ndarray


def evaluate_chunk(payload: CalibrationPayload, task: ChunkTask) -> np.ndarray:
    """Return the summed CRPS of a chunk of particles on one case (a worker's job)."""
    from equipoise.experiments.calibration import case_scores

    return case_scores(
        payload.cases[task.case], task.theta, payload.names, noise_draws=payload.noise_draws
    )


@dataclass(frozen=True)
class Calibration(PlanResult):
    """The posterior of the calibrated parameters and how it was reached.

    Attributes
    ----------
    until : int
        The last year of data used.
    names : tuple of str
        The calibrated parameters.
    posterior : pandas.DataFrame
        Weighted mean, sd and quantiles of each parameter (last generation).
    particles : pandas.DataFrame
        Every generation's particles: ``generation, particle, <names>, distance, weight,
        epsilon, proposals``.
    generations : pandas.DataFrame
        One row per generation: tolerance, acceptance rate, effective sample size, best and
        median distance.
    cases : tuple of str
        The fitting cases (``set@origin``) and the outcomes each scored.
    skipped : tuple of str
        Cases left out, with the reason.
    """

    until: int
    names: tuple[str, ...]
    posterior: pd.DataFrame
    particles: pd.DataFrame
    generations: pd.DataFrame
    cases: tuple[str, ...]
    skipped: tuple[str, ...] = ()
    priors: tuple[dict[str, Any], ...] = ()
    data: str = ""

    def final(self) -> pd.DataFrame:
        """Return the last generation's particles."""
        last = int(self.particles["generation"].max())
        return self.particles.loc[self.particles["generation"] == last].reset_index(drop=True)

    def point(self) -> dict[str, float]:
        """Return the posterior median of each parameter."""
        return {
            str(r["parameter"]): float(r["q50"]) for r in self.posterior.to_dict(orient="records")
        }

    def to_dict(self) -> dict[str, Any]:
        """Return the run's record, the posterior and the generations."""
        return {
            **self.run.to_dict(),
            "until": self.until,
            "parameters": list(self.names),
            "posterior": self.posterior.to_dict(orient="records"),
            "generations": self.generations.to_dict(orient="records"),
            "cases": list(self.cases),
            "skipped": list(self.skipped),
            "priors": list(self.priors),
            "data": self.data,
        }

    def stored(self) -> dict[str, pd.DataFrame | dict[str, Any]]:
        """Return the ``posterior`` and ``generations`` results and the ``fit`` (cases, priors)."""
        return {
            "posterior": self.posterior,
            "generations": self.generations,
            "fit": {
                "until": self.until,
                "parameters": list(self.names),
                "cases": list(self.cases),
                "skipped": list(self.skipped),
                "priors": list(self.priors),
                "data": self.data,
            },
        }

    def to_toml(self, *, command: str, run_id: str | None) -> str:
        """Return the result as a TOML fragment a scenario can use.

        ``[parameters]`` holds the posterior medians of the scenario parameters and
        ``[[uncertainties]]`` a triangular distribution over each one's 90 % posterior interval
        (low = 5 %, mode = median, high = 95 % quantile); the measurement-noise scale goes in a
        ``[measurement]`` table (it is not a scenario parameter). Every entry names its source.
        """
        from equipoise.experiments.calibration import NOISE_SCALE

        source = (
            f"equipoise calibrate (ABC-SMC on unga_distance, data {self.data} up to {self.until}; "
            f"stored run {run_id}; `{command}`)"
        )
        lines = [
            f"# Calibrated by {source}",
            f"# cases: {', '.join(self.cases)}",
            "",
            "[parameters]",
        ]
        rows = {str(r["parameter"]): r for r in self.posterior.to_dict(orient="records")}
        for name in self.names:
            if name != NOISE_SCALE:
                lines.append(f"{name} = {rows[name]['q50']:.4g}")
        lines += [
            "",
            "[measurement]",
            f"{NOISE_SCALE} = {rows.get(NOISE_SCALE, {}).get('q50', 1.0):.4g}",
        ]
        for name in self.names:
            if name == NOISE_SCALE:
                continue
            r = rows[name]
            low, mode, high = float(r["q05"]), float(r["q50"]), float(r["q95"])
            lines += [
                "",
                "[[uncertainties]]",
                f'name = "{name.replace("_", "-")}"',
                f'target = "parameters.{name}"',
                'distribution = "triangular"',
                f"low = {low:.4g}",
                f"mode = {mode:.4g}",
                f"high = {max(high, low + 1e-6):.4g}",
                'apply = "set"',
                'source = "model"',
                f'note = "90 % posterior interval and median of {source}."',
            ]
        return "\n".join(lines) + "\n"


def _actor_sets(scenario: Scenario, sets: Sequence[str]) -> dict[str, tuple[str, ...]]:
    """Return the named actor sets: ``scenario`` (its states), a group (``G20``) or ``A+B+C``."""
    out: dict[str, tuple[str, ...]] = {}
    for name in sets:
        if name == "scenario":
            out[scenario.scenario.name] = tuple(a.code for a in scenario.actors)
        else:
            out[name] = tuple(part.strip() for part in name.split("+") if part.strip())
    return out


def _positive(value: int, name: str, low: int = 1) -> None:
    if value < low:
        raise InputError(Problem(f"must be at least {low}, got {value}", path=name))


@dataclass(frozen=True, kw_only=True)
class CalibrationPlan(StagedPlan):
    """Fit the global parameters to ``unga_distance`` up to ``until`` by ABC-SMC."""

    kind: ClassVar[str] = "calibrate"
    data: str
    until: int = 2020
    origins: tuple[int, ...] = ()
    horizons: tuple[int, ...] = (1, 2, 3, 4)
    sets: tuple[str, ...] = DEFAULT_SETS
    particles: int = 100
    generations: int = 5
    quantile: float = 0.5
    max_rounds: int = 3
    noise_draws: int = 100
    window: int = 15
    parameters: tuple[str, ...] = ("balance_rate", "inertia_rate", "noise_scale")
    _history: Any = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        from equipoise.experiments.calibration import PRIORS

        known = {p.name for p in PRIORS}
        for name in self.parameters:
            if name not in known:
                from equipoise.errors import closest

                hint = closest(name, sorted(known))
                raise InputError(
                    Problem(
                        f"cannot calibrate {name!r}; calibrated parameters are "
                        f"{', '.join(sorted(known))}"
                        + (f" (did you mean {hint!r}?)" if hint else ""),
                        path="parameters",
                    )
                )
        if not 1946 < self.until <= 2020:
            raise InputError(
                Problem(
                    f"the last year of data must lie in 1947..2020 (the data end in 2020), got "
                    f"{self.until}",
                    path="until",
                )
            )
        late = [o for o in self.fit_origins if o >= self.until]
        if late:
            raise InputError(
                Problem(f"origins {late} are not before --until {self.until}", path="origins")
            )
        _positive(self.particles, "particles", 10)
        _positive(self.generations, "generations")
        _positive(self.max_rounds, "max_rounds")
        _positive(self.noise_draws, "noise_draws", 10)
        if not 0.0 < self.quantile < 1.0:
            raise InputError(
                Problem(f"must lie strictly between 0 and 1, got {self.quantile}", path="quantile")
            )
        if not Path(self.data).is_dir():
            raise InputError(Problem(f"no data folder at {self.data}", path="data"))

    @property
    def fit_origins(self) -> tuple[int, ...]:
        """The fitting origins (default: every fifth year from 1990 before ``until``)."""
        if self.origins:
            return tuple(self.origins)
        return tuple(range(1990, self.until, 5))

    @property
    def priors(self) -> tuple[Prior, ...]:
        """The priors of the calibrated parameters, in order."""
        from equipoise.experiments.calibration import PRIORS

        by = {p.name: p for p in PRIORS}
        return tuple(by[n] for n in self.parameters)

    @property
    def label(self) -> str:
        """What the progress bar says."""
        return f"calibrate ≤{self.until}"

    def arguments(self) -> dict[str, Any]:
        """Return everything that fixes the numbers (recorded, compared on resume)."""
        return {
            "data": str(Path(self.data).resolve()),
            "until": self.until,
            "origins": list(self.fit_origins),
            "horizons": list(self.horizons),
            "sets": list(self.sets),
            "particles": self.particles,
            "generations": self.generations,
            "quantile": self.quantile,
            "max_rounds": self.max_rounds,
            "noise_draws": self.noise_draws,
            "window": self.window,
            "parameters": list(self.parameters),
        }

    @classmethod
    def from_arguments(
        cls, scenario: Scenario, arguments: Mapping[str, Any], *, scenario_ref: str | None = None
    ) -> CalibrationPlan:
        """Rebuild the plan from its recorded arguments."""
        a = dict(arguments)
        return cls(
            scenario=scenario,
            scenario_ref=scenario_ref,
            data=str(a["data"]),
            until=int(a.get("until", 2020)),
            origins=tuple(int(o) for o in a.get("origins") or ()),
            horizons=tuple(int(h) for h in a.get("horizons") or (1, 2, 3, 4)),
            sets=tuple(str(s) for s in a.get("sets") or DEFAULT_SETS),
            particles=int(a.get("particles", 100)),
            generations=int(a.get("generations", 5)),
            quantile=float(a.get("quantile", 0.5)),
            max_rounds=int(a.get("max_rounds", 3)),
            noise_draws=int(a.get("noise_draws", 100)),
            window=int(a.get("window", 15)),
            parameters=tuple(str(p) for p in a.get("parameters") or cls.parameters),
        )

    def total(self) -> int:
        """Return an upper bound of the particle-case evaluations (for a progress bar)."""
        n_cases = len(self.sets) * len(self.fit_origins)
        return self.particles * n_cases * (1 + (self.generations - 1) * self.max_rounds)

    def prepare(self) -> tuple[tuple[CalibrationCase, ...], tuple[str, ...]]:
        """Build the fitting cases from the data (only data up to ``until`` are read)."""
        from equipoise.experiments.calibration import prepare_cases
        from equipoise.scenario.build import load_history

        history = self._history if self._history is not None else load_history(self.data)
        try:
            return prepare_cases(
                history,
                actor_sets=_actor_sets(self.scenario, self.sets),
                origins=self.fit_origins,
                until=self.until,
                horizons=self.horizons,
                noise_draws=self.noise_draws,
                window=self.window,
                seed=self.seed,
            )
        except ValueError as exc:
            raise InputError(Problem(str(exc), path="origins")) from exc

    # ----------------------------------------------------------------------------------------

    def payload(self) -> Payload:
        """Refuse: a calibration's generations are not ensembles of the scenario."""
        raise TypeError(f"a {self.kind} plan runs in generations; run it with run_plan")

    def analyse(self, result: EnsembleResult) -> PlanResult:
        """Refuse: a calibration analyses its generations in :meth:`execute`."""
        raise TypeError(f"a {self.kind} plan runs in generations; run it with run_plan")

    def execute(
        self,
        *,
        executor: Executor[Any, Any, Any],
        batch_size: int,
        store: StoreBackend | None,
        resume: str | None,
        progress: Callable[[int], None] | None,
        on_run: Callable[[str], None] | None,
        run_id: str | None,
        parameters: Mapping[str, Any],
    ) -> Calibration:
        """Run the generations (see the module's docstring); checkpoint each one in ``store``.

        ``batch_size`` is not used: a generation's particles are split into chunks of
        :data:`CHUNK` (the numbers do not depend on it).
        """
        from equipoise import __version__
        from equipoise.experiments.calibration import (
            abc_smc,
            distances,
            generation_table,
            posterior_summary,
        )
        from equipoise.experiments.ensemble import scenario_hash

        t0 = time.perf_counter()
        cases, skipped = self.prepare()
        payload = CalibrationPayload(cases, self.parameters, self.noise_draws)
        names = list(self.parameters)
        done: list[pd.DataFrame] = []
        if store is not None:
            if resume is not None:
                info = store.get_run(resume)
                if info.get("status") == "complete":
                    raise EquipoiseError(f"run {resume} is already complete")
                new_id = resume
                if store.completed_batches(resume):
                    table = store.read_table(resume, "particles")
                    done = [g for _, g in table.groupby("generation", sort=True)]
            else:
                new_id = store.create_run(
                    kind=self.kind,
                    scenario_name=self.scenario.scenario.name,
                    scenario_hash=scenario_hash(self.scenario),
                    parameters={
                        **parameters,
                        "cases": [c.label for c in cases],
                        "skipped": list(skipped),
                    },
                    seed=self.seed,
                    n_members=self.particles,
                    n_batches=self.generations,
                    code_version=__version__,
                    run_id=run_id,
                )
            run_id = new_id
            if on_run is not None:
                on_run(new_id)
        else:
            run_id = None
        tick = progress or (lambda _n: None)
        for g in done:
            tick(len(g) * len(cases))

        def evaluate(theta: np.ndarray) -> np.ndarray:
            totals = np.zeros(theta.shape[0])
            tasks = [
                ChunkTask(k, s, theta[s : s + CHUNK])
                for k in range(len(cases))
                for s in range(0, theta.shape[0], CHUNK)
            ]
            for task, value in executor.map_unordered(evaluate_chunk, payload, tasks):
                totals[task.start : task.start + task.theta.shape[0]] += value
                tick(task.theta.shape[0])
            return distances(totals, cases)

        def checkpoint(gen: int, frame: pd.DataFrame) -> None:
            if store is not None and run_id is not None:
                store.write_batch(run_id, gen, {"particles": frame})

        try:
            frames = abc_smc(
                evaluate,
                self.priors,
                particles=self.particles,
                generations=self.generations,
                quantile=self.quantile,
                max_rounds=self.max_rounds,
                seed=self.seed,
                done=done,
                on_generation=checkpoint,
            )
        except BaseException:
            if store is not None and run_id is not None:
                store.finish(run_id, status="incomplete")
            raise
        particles = pd.concat(frames, ignore_index=True)
        last = frames[-1]
        posterior = posterior_summary(
            last[names].to_numpy(dtype=np.float64),
            last["weight"].to_numpy(dtype=np.float64),
            names,
        )
        generations = generation_table(frames)
        seconds = time.perf_counter() - t0
        result = Calibration(
            run=RunInfo(
                run_id=run_id,
                kind=self.kind,
                n_members=self.particles,
                arms=(),
                seed=self.seed,
                method="abc-smc",
                executor=executor.name,
                n_workers=executor.n_workers,
                seconds=seconds,
                resumed_batches=len(done),
            ),
            until=self.until,
            names=tuple(names),
            posterior=posterior,
            particles=particles,
            generations=generations,
            cases=tuple(f"{c.label} ({c.n_scored} outcomes)" for c in cases),
            skipped=skipped,
            priors=tuple(
                {"parameter": p.name, "low": p.low, "high": p.high, "reason": p.reason}
                for p in self.priors
            ),
            data=str(Path(self.data).resolve()),
        )
        if store is not None and run_id is not None:
            store.finish(
                run_id, status="complete", summary={"seconds": seconds, "executor": executor.name}
            )
            existing = set(store.get_run(run_id).get("results") or {})
            for name, obj in result.stored().items():
                if name not in existing:
                    store.write_result(run_id, name, obj)
        return result


__all__ = ["Calibration", "CalibrationPayload", "CalibrationPlan", "ChunkTask", "evaluate_chunk"]
