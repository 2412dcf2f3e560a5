"""The single run: the scenario with its declared values, one member, every step kept.

``equipoise run`` and the web app's run job. The run is member 0 of the scenario's seed: with
stochastic parts (``growth_noise``) it draws the same random numbers as member 0 of an ensemble
at that seed, and with no declared uncertainties it equals that member.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

import numpy as np

from equipoise.experiments.ensemble import Arm, EnsembleResult, Payload
from equipoise.experiments.plans._base import Plan, PlanResult, RunInfo
from equipoise.experiments.plans._checks import check_interventions
from equipoise.experiments.sampling import Design

if TYPE_CHECKING:
    import pandas as pd

    from equipoise.picture import Picture
    from equipoise.scenario.schema import Scenario
    from equipoise.simulate import Trajectory


@dataclass(frozen=True)
class RunResult(PlanResult):
    """The trajectory of the run, the picture at the start and each issue's start forecasts."""

    trajectory: Trajectory
    picture: Picture
    forecasts: dict[str, dict[str, float]]

    def to_dict(self) -> dict[str, Any]:
        """Return what ``equipoise run --json`` prints (:func:`equipoise.outputs.run_dict`)."""
        from equipoise.outputs import run_dict

        data = run_dict(self.trajectory, self.picture, forecasts=self.forecasts)
        data["seed"] = self.run.seed
        data["run_id"] = self.run.run_id
        return data

    def frames(self) -> dict[str, pd.DataFrame]:
        """Return the run as four wide DataFrames, one row per year and entity.

        ``system`` (year, then one column per system metric), ``actors`` (year, actor, power,
        strategic_space, alignment, bloc), ``dyads`` (year, actor, other, relation,
        dependence) and ``issues`` (year, issue, actor — empty for the issue's own values —,
        forecast, median, mean, position, salience). ``year`` is an int when the time step
        is a whole number of years.
        """
        from equipoise.outputs import tidy_tables

        out: dict[str, pd.DataFrame] = {}
        whole = float(self.picture.compiled.scenario.scenario.time_step).is_integer()
        keys = {
            "system": ["year"],
            "actors": ["year", "actor"],
            "dyads": ["year", "actor", "other"],
            "issues": ["year", "issue", "actor"],
        }
        for name, frame in tidy_tables(self.trajectory).items():
            index = keys[name]
            wide = frame.pivot_table(
                index=index, columns="variable", values="value", aggfunc="first", sort=False
            )
            wide.columns.name = None
            wide = wide.reset_index()
            if whole:
                wide["year"] = wide["year"].round().astype("int64")
            out[name] = wide
        return out


@dataclass(frozen=True, kw_only=True)
class RunPlan(Plan):
    """Simulate the scenario once over its horizon, with some of its interventions."""

    kind: ClassVar[str] = "run"
    default_batch_size: ClassVar[int] = 1
    interventions: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        check_interventions(self.scenario, self.interventions)

    def arguments(self) -> dict[str, Any]:
        """Return the interventions."""
        return {"interventions": list(self.interventions)}

    @classmethod
    def from_arguments(
        cls, scenario: Scenario, arguments: Mapping[str, Any], *, scenario_ref: str | None = None
    ) -> RunPlan:
        """Rebuild the plan from its recorded arguments."""
        return cls(
            scenario=scenario,
            scenario_ref=scenario_ref,
            interventions=tuple(arguments.get("interventions", ())),
        )

    def payload(self) -> Payload:
        """Return one member with no sampled values, every table and the trajectory kept."""
        design = Design((), np.zeros((1, 0)), "none", self.seed)
        return Payload(
            self.scenario,
            (),
            design,
            (Arm(self.interventions),),
            keep_tables=True,
            bloc_years="all",
            keep_trajectory=True,
        )

    def analyse(self, result: EnsembleResult) -> RunResult:
        """Return the trajectory with the picture and the start forecasts."""
        from equipoise.outputs import start_forecasts
        from equipoise.picture import picture

        pic = picture(self.scenario)
        arm = Arm(self.interventions).name
        return RunResult(
            run=RunInfo.of(self.kind, result),
            trajectory=result.trajectories[arm][0],
            picture=pic,
            forecasts=start_forecasts(pic),
        )


__all__ = ["RunPlan", "RunResult"]
