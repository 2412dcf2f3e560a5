"""Interventions against the baseline, member by member (common random numbers).

``equipoise compare``: every member runs in the baseline and in the interventions' arm with the
same sampled values and the same random stream, so each paired difference isolates the
interventions' effect (Law 2015, §11.2). Differences are reported in the metric's own unit and
standardised (divided by the baseline's spread over the members), so effects of different
metrics can be ranked together.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

import numpy as np

from equipoise.errors import InputError, Problem
from equipoise.experiments.ensemble import BASELINE, Arm, EnsembleResult, Payload
from equipoise.experiments.outcomes import comparison_outcomes
from equipoise.experiments.plans._base import PlanResult, RunInfo
from equipoise.experiments.plans._members import MembersPlan

if TYPE_CHECKING:
    import pandas as pd

    from equipoise.scenario.schema import Scenario

#: Columns of a stored ``differences`` result (one row per arm, metric and entity).
DIFFERENCE_COLUMNS = (
    "intervention", "metric", "entity", "year", "baseline_mean", "intervention_mean",
    "difference", "low", "high", "share_positive", "share_negative", "standardised",
)  # fmt: skip


def paired_rows(result: EnsembleResult, arm: str) -> list[dict[str, Any]]:
    """Return the paired differences arm − baseline of every outcome, per entity.

    ``standardised`` is the mean difference divided by the baseline's standard deviation over
    the members (NaN where the baseline does not vary): Cohen's *d* with the control group's
    spread (Glass's Δ; Glass, McGaw & Smith 1981), comparable across metrics and units.
    """
    from equipoise.experiments import analysis

    rows: list[dict[str, Any]] = []
    for outcome in result.outcomes:
        base = np.asarray(result.get(BASELINE, outcome))
        new = np.asarray(result.get(arm, outcome))
        base2, new2 = base.reshape(base.shape[0], -1), new.reshape(new.shape[0], -1)
        diff = analysis.paired_difference(base2, new2)
        spread = base2.std(axis=0, ddof=1) if base2.shape[0] > 1 else np.zeros(base2.shape[1])
        entities = (
            outcome.actors
            if outcome.per_actor
            else ((",".join(outcome.actors) or outcome.issue or ""),)
        )
        for j, entity in enumerate(entities):
            mean = float(np.atleast_1d(diff.mean)[j])
            sd = float(spread[j])
            rows.append(
                {
                    "intervention": arm,
                    "metric": outcome.metric,
                    "entity": entity,
                    "year": None if outcome.year is None else float(outcome.year),
                    "baseline_mean": float(base2[:, j].mean()),
                    "intervention_mean": float(new2[:, j].mean()),
                    "difference": mean,
                    "low": float(np.atleast_1d(diff.low)[j]),
                    "high": float(np.atleast_1d(diff.high)[j]),
                    "share_positive": float(np.atleast_1d(diff.share_positive)[j]),
                    "share_negative": float(np.atleast_1d(diff.share_negative)[j]),
                    "standardised": mean / sd if sd > 1e-12 else float("nan"),
                }
            )
    return rows


def differences_frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    """Return paired rows as a frame with :data:`DIFFERENCE_COLUMNS`, each entity once."""
    import pandas as pd

    frame = pd.DataFrame(rows, columns=list(DIFFERENCE_COLUMNS))
    keys = ["intervention", "metric", "entity", "year"]
    return frame.drop_duplicates(subset=keys, keep="first").reset_index(drop=True)


def effect_order(row: Mapping[str, Any]) -> float:
    """Sort key of a difference row: the largest standardised effect first (NaN last)."""
    value = row.get("standardised")
    if value is None or not np.isfinite(value):
        return 0.0
    return -abs(float(value))


@dataclass(frozen=True)
class Comparison(PlanResult):
    """Paired differences of every outcome, interventions' arm − baseline."""

    intervention: str
    rows: list[dict[str, Any]]
    ensemble: EnsembleResult

    def to_dict(self) -> dict[str, Any]:
        """Return the run's record and the differences."""
        rows = [{**r, "interval": [r["low"], r["high"]]} for r in self.rows]
        return {**self.run.to_dict(), "intervention": self.intervention, "differences": rows}

    def frame(self) -> pd.DataFrame:
        """Return the differences, one row per metric and entity (:data:`DIFFERENCE_COLUMNS`)."""
        return differences_frame(self.rows)

    def stored(self) -> dict[str, pd.DataFrame | dict[str, Any]]:
        """Return the ``differences`` result (:data:`DIFFERENCE_COLUMNS`)."""
        return {"differences": differences_frame(self.rows)}


@dataclass(frozen=True, kw_only=True)
class ComparePlan(MembersPlan):
    """Run the baseline and the interventions' arm on the same members."""

    kind: ClassVar[str] = "compare"

    def __post_init__(self) -> None:
        super().__post_init__()
        if not self.interventions:
            raise InputError(
                Problem("give at least one intervention to compare", path="interventions")
            )

    @classmethod
    def from_arguments(
        cls, scenario: Scenario, arguments: Mapping[str, Any], *, scenario_ref: str | None = None
    ) -> ComparePlan:
        """Rebuild the plan from its recorded arguments."""
        return cls(scenario=scenario, scenario_ref=scenario_ref, **cls.common(arguments))

    @property
    def arm(self) -> Arm:
        """The interventions' arm."""
        return Arm(self.interventions)

    @property
    def label(self) -> str:
        """``compare NAME``."""
        return f"compare {self.arm.name}"

    def payload(self) -> Payload:
        """Return the baseline and the interventions' arm with :func:`comparison_outcomes`."""
        return Payload(
            self.scenario,
            self.scenario.sampled_uncertainties,
            self.design(),
            (Arm(), self.arm),
            comparison_outcomes(self.scenario),
        )

    def analyse(self, result: EnsembleResult) -> Comparison:
        """Return the paired differences."""
        rows = paired_rows(result, self.arm.name)
        return Comparison(RunInfo.of(self.kind, result), self.arm.name, rows, result)


__all__ = [
    "DIFFERENCE_COLUMNS",
    "ComparePlan",
    "Comparison",
    "differences_frame",
    "effect_order",
    "paired_rows",
]
