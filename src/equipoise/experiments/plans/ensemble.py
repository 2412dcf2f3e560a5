"""An ensemble over the declared uncertainties, summarised per step.

``equipoise ensemble``: every member of one arm (the baseline, or some interventions), with its
tidy trajectory tables stored batch by batch, and the median and 5–95 % band of
:func:`equipoise.experiments.outcomes.yearly_outcomes` at every step.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

import numpy as np

from equipoise.experiments.ensemble import Arm, EnsembleResult, Payload
from equipoise.experiments.outcomes import Outcome, yearly_outcomes
from equipoise.experiments.plans._base import PlanResult, RunInfo
from equipoise.experiments.plans._members import MembersPlan

if TYPE_CHECKING:
    import pandas as pd

    from equipoise.scenario.schema import Scenario

#: Columns of a stored ``summary`` result.
SUMMARY_COLUMNS = ("metric", "actor", "year", "mean", "q05", "median", "q95")


def summary_rows(values: Mapping[Outcome, Any]) -> list[dict[str, Any]]:
    """Return mean, median and 5–95 % band of each outcome's values over the members.

    One row per actor for one-actor metrics, else one row per outcome (a dyad such as
    ``dependence(RUS,CHN)`` is labelled ``"RUS,CHN"``, an issue by its id). Quantiles are
    those of :func:`equipoise.experiments.analysis.summarise` (linear interpolation, NaN left
    out).
    """
    from equipoise.experiments import analysis

    rows: list[dict[str, Any]] = []
    for outcome, raw in values.items():
        cols = np.asarray(raw, dtype=np.float64).reshape(np.shape(raw)[0], -1)
        if outcome.per_actor:
            names: tuple[str, ...] = outcome.actors
        else:
            names = (",".join(outcome.actors) or (outcome.issue or ""),)
        table = analysis.summarise(cols, quantiles=(0.05, 0.5, 0.95))
        for j, name in enumerate(names):
            rec = table.iloc[j]
            rows.append(
                {
                    "metric": outcome.metric,
                    "actor": name or None,
                    "year": None if outcome.year is None else float(outcome.year),
                    "mean": float(rec["mean"]),
                    "q05": float(rec["q0.05"]),
                    "median": float(rec["q0.5"]),
                    "q95": float(rec["q0.95"]),
                }
            )
    return rows


def summary_frame(values: Mapping[Outcome, Any]) -> pd.DataFrame:
    """Return :func:`summary_rows` as a frame with :data:`SUMMARY_COLUMNS`."""
    import pandas as pd

    return pd.DataFrame(summary_rows(values), columns=list(SUMMARY_COLUMNS))


@dataclass(frozen=True)
class EnsembleSummary(PlanResult):
    """The ensemble's values of every outcome per member, and their summary."""

    arm: str
    ensemble: EnsembleResult
    rows: list[dict[str, Any]]
    #: Per declared shock and year, the share of members in which it occurred by then
    #: (:func:`equipoise.simulate.shocks.shock_shares`); empty without shocks.
    shocks: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """Return the run's record, the summary rows and the shocks' shares."""
        return {**self.run.to_dict(), "summary": self.rows, "shocks": self.shocks}

    def stored(self) -> dict[str, pd.DataFrame | dict[str, Any]]:
        """Return the ``summary`` result (:data:`SUMMARY_COLUMNS`)."""
        import pandas as pd

        return {"summary": pd.DataFrame(self.rows, columns=list(SUMMARY_COLUMNS))}

    def frames(self) -> dict[str, pd.DataFrame]:
        """Return the members' inputs and outcomes, as the EMA Workbench's ``perform_experiments``.

        ``experiments``: one row per member, its sampled value of every declared uncertainty;
        ``outcomes``: one row per member and one column per outcome (``metric(ACTOR)@year``
        for per-actor metrics), in member order.
        """
        import pandas as pd

        design = self.ensemble.design
        experiments = pd.DataFrame(design.values, columns=list(design.names))
        experiments.insert(0, "member", np.arange(design.n_members))
        columns: dict[str, Any] = {"member": np.arange(design.n_members)}
        for outcome in self.ensemble.outcomes:
            values = np.asarray(self.ensemble.get(self.arm, outcome))
            if outcome.per_actor:
                for j, code in enumerate(outcome.actors):
                    columns[_label(outcome, code)] = values[:, j]
            else:
                columns[outcome.label] = values
        return {"experiments": experiments, "outcomes": pd.DataFrame(columns)}


def _label(outcome: Outcome, code: str) -> str:
    year = f"@{outcome.year:g}" if outcome.year is not None else ""
    return f"{outcome.metric}({code}){year}"


@dataclass(frozen=True, kw_only=True)
class EnsemblePlan(MembersPlan):
    """Run every member in one arm and summarise :func:`yearly_outcomes` at every step."""

    kind: ClassVar[str] = "ensemble"
    #: Also store the dyads table (n(n-1) rows per member and step).
    dyads: bool = False
    #: Store the tidy trajectory tables of every member (``equipoise ensemble``); the report's
    #: ensemble needs only the summary.
    tables: bool = True

    def arguments(self) -> dict[str, Any]:
        """Return the common arguments, and whether the dyads and tables are kept."""
        return {**super().arguments(), "dyads": self.dyads, "tables": self.tables}

    @classmethod
    def from_arguments(
        cls, scenario: Scenario, arguments: Mapping[str, Any], *, scenario_ref: str | None = None
    ) -> EnsemblePlan:
        """Rebuild the plan from its recorded arguments."""
        return cls(
            scenario=scenario,
            scenario_ref=scenario_ref,
            **cls.common(arguments),
            dyads=bool(arguments.get("dyads", False)),
            tables=bool(arguments.get("tables", True)),
        )

    @property
    def arm(self) -> Arm:
        """The one arm the members run in."""
        return Arm(self.interventions)

    @property
    def label(self) -> str:
        """``ensemble`` or ``ensemble of NAME``."""
        return "ensemble" + (f" of {self.arm.name}" if self.interventions else "")

    def payload(self) -> Payload:
        """Return one arm with the yearly outcomes (and the tidy tables when asked)."""
        return Payload(
            self.scenario,
            self.scenario.sampled_uncertainties,
            self.design(),
            (self.arm,),
            yearly_outcomes(self.scenario),
            keep_tables=self.tables,
            skip_tables=() if self.dyads else ("dyads",),
            bloc_years="all",
        )

    def analyse(self, result: EnsembleResult) -> EnsembleSummary:
        """Summarise every outcome over the members."""
        arm = self.arm.name
        rows = summary_rows({o: result.get(arm, o) for o in result.outcomes})
        shocks: list[dict[str, Any]] = []
        if self.scenario.shocks:
            from equipoise.compile import compile_scenario
            from equipoise.simulate.shocks import shock_shares

            shocks = shock_shares(
                compile_scenario(self.scenario),
                result.design.seed,
                range(result.design.n_members),
            )
        return EnsembleSummary(RunInfo.of(self.kind, result), arm, result, rows, shocks)


__all__ = ["SUMMARY_COLUMNS", "EnsemblePlan", "EnsembleSummary", "summary_frame", "summary_rows"]
