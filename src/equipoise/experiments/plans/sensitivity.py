"""Global sensitivity analysis of one metric: Sobol' indices or Morris elementary effects.

``equipoise sensitivity``: the design (Saltelli's cross-sampled Sobol' sequence, or Morris
trajectories; SALib) is drawn from the seed's analysis stream
(:attr:`equipoise.random.Stream.ANALYSIS`), the members run in one arm, and the indices are
computed by :mod:`equipoise.experiments.analysis` (``docs/models/experiments.md`` §3).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

import numpy as np

from equipoise.errors import InputError, Problem
from equipoise.experiments.ensemble import Arm, EnsembleResult, Payload
from equipoise.experiments.outcomes import Outcome, parse_outcome
from equipoise.experiments.plans._base import Plan, PlanResult, RunInfo
from equipoise.experiments.plans._checks import (
    check_choice,
    check_interventions,
    check_uncertainties,
)
from equipoise.experiments.sampling import Design
from equipoise.random import Stream, stream

if TYPE_CHECKING:
    import pandas as pd

    from equipoise.scenario.schema import Scenario


@dataclass(frozen=True)
class Sensitivity(PlanResult):
    """The indices of every declared uncertainty, ranked."""

    metric: str
    method: str
    n_runs: int
    indices: pd.DataFrame
    ranking: list[str]
    warnings: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """Return the run's record, the indices and the ranking."""
        records = self.indices.replace({np.nan: None}).to_dict(orient="records")
        return {
            **self.run.to_dict(),
            "metric": self.metric,
            "method": self.method,
            "runs": self.n_runs,
            "indices": records,
            "ranking": self.ranking,
            "note": str(self.indices.attrs.get("note", "")),
            "warnings": list(self.warnings),
        }

    def stored(self) -> dict[str, pd.DataFrame | dict[str, Any]]:
        """Return the ``indices`` result."""
        return {"indices": self.indices.reset_index(drop=True)}


#: Below this many base samples Sobol' indices are too noisy to rank (Saltelli et al. 2010
#: recommend N of several hundred; their bootstrap intervals then overlap less).
SOBOL_MIN_BASE_SAMPLES = 256


@dataclass(frozen=True, kw_only=True)
class SensitivityPlan(Plan):
    """Rank the declared uncertainties by their effect on one metric."""

    kind: ClassVar[str] = "sensitivity"
    metric: str
    method: str = "sobol"
    base_samples: int = 256
    interventions: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        check_choice(self.method, ("sobol", "morris"), "method")
        check_interventions(self.scenario, self.interventions)
        outcome = self.outcome
        if outcome.op is not None:
            raise InputError(Problem("a sensitivity metric takes no comparison", path="metric"))
        if len(outcome.actors) > 1 and outcome.per_actor:
            raise InputError(Problem("give one actor for a sensitivity metric", path="metric"))
        check_uncertainties(self.scenario)
        if self.base_samples < 2:
            raise InputError(
                Problem(f"must be at least 2, got {self.base_samples}", path="base_samples")
            )
        if self.method == "sobol" and self.base_samples & (self.base_samples - 1):
            raise InputError(
                Problem(
                    f"must be a power of 2 for Sobol, got {self.base_samples}",
                    path="base_samples",
                )
            )

    @property
    def outcome(self) -> Outcome:
        """The metric, parsed and checked against the scenario."""
        return parse_outcome(self.metric, self.scenario, what="metric")

    def arguments(self) -> dict[str, Any]:
        """Return the metric, the method, the base samples and the interventions."""
        return {
            "metric": self.outcome.label,
            "method": self.method,
            "base_samples": self.base_samples,
            "interventions": list(self.interventions),
        }

    @classmethod
    def from_arguments(
        cls, scenario: Scenario, arguments: Mapping[str, Any], *, scenario_ref: str | None = None
    ) -> SensitivityPlan:
        """Rebuild the plan from its recorded arguments."""
        return cls(
            scenario=scenario,
            scenario_ref=scenario_ref,
            metric=str(arguments["metric"]),
            method=str(arguments.get("method", "sobol")),
            base_samples=int(arguments.get("base_samples", 256)),
            interventions=tuple(arguments.get("interventions", ())),
        )

    @property
    def label(self) -> str:
        """``sobol METRIC`` or ``morris METRIC``."""
        return f"{self.method} {self.outcome.label}"

    def _design(self) -> tuple[Any, Any, np.random.Generator]:
        from equipoise.experiments import analysis

        problem = analysis.problem_from_uncertainties(self.scenario.sampled_uncertainties)
        rng = stream(self.seed, Stream.ANALYSIS)
        if self.method == "sobol":
            unit = analysis.sobol_design(problem, self.base_samples, rng=rng)
        else:
            unit = analysis.morris_design(problem, self.base_samples, rng=rng)
        return problem, unit, rng

    def payload(self) -> Payload:
        """Return the Sobol' or Morris design's members in one arm, with the metric."""
        from equipoise.experiments import analysis

        problem, unit, _ = self._design()
        values = analysis.to_values(problem, unit)
        design = Design(tuple(problem["names"]), values, self.method, self.seed)
        return Payload(
            self.scenario,
            self.scenario.sampled_uncertainties,
            design,
            (Arm(self.interventions),),
            (self.outcome,),
        )

    def analyse(self, result: EnsembleResult) -> Sensitivity:
        """Return the indices, ranked (``ST`` for Sobol', ``mu_star`` for Morris)."""
        from equipoise.experiments import analysis

        # the same stream as the design, continued: the bootstrap draws after the design's
        problem, unit, rng = self._design()
        Y = np.asarray(result.get(Arm(self.interventions).name, self.outcome)).reshape(-1)
        warnings: list[str] = []
        if self.method == "sobol":
            indices = analysis.sobol_indices(problem, Y, rng=rng)
            by = "ST"
            if self.base_samples < SOBOL_MIN_BASE_SAMPLES:
                warnings.append(
                    f"{self.base_samples} base samples are few for Sobol' indices: their "
                    f"intervals are wide and the ranking may change; use at least "
                    f"{SOBOL_MIN_BASE_SAMPLES} (--base-samples)"
                )
        else:
            indices = analysis.morris_indices(problem, unit, Y, rng=rng)
            by = "mu_star"
        return Sensitivity(
            RunInfo.of(self.kind, result),
            self.outcome.label,
            self.method,
            int(Y.size),
            indices,
            analysis.rank_drivers(indices, by=by),
            tuple(warnings),
        )


__all__ = ["SOBOL_MIN_BASE_SAMPLES", "Sensitivity", "SensitivityPlan"]
