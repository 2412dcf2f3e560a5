"""Scenario discovery: the ranges of the declared uncertainties behind an outcome of interest.

``equipoise discover``: an ensemble in one arm, the members where the outcome holds, and PRIM
boxes (Friedman & Fisher 1999, by the EMA Workbench) or CART leaves (scikit-learn) that
describe them (``docs/models/experiments.md`` §7).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

import numpy as np

from equipoise.errors import InputError, Problem
from equipoise.experiments.ensemble import Arm, EnsembleResult, Payload
from equipoise.experiments.outcomes import Outcome, parse_outcome
from equipoise.experiments.plans._base import PlanResult, RunInfo
from equipoise.experiments.plans._checks import check_choice, check_uncertainties
from equipoise.experiments.plans._members import MembersPlan

if TYPE_CHECKING:
    import pandas as pd

    from equipoise.scenario.schema import Scenario


@dataclass(frozen=True)
class Discovery(PlanResult):
    """The share of members where the outcome holds and the boxes that describe them."""

    outcome: str
    algorithm: str
    share: float
    boxes: list[dict[str, Any]]
    note: str

    def to_dict(self) -> dict[str, Any]:
        """Return the run's record, the share and the boxes."""
        return {
            **self.run.to_dict(),
            "outcome": self.outcome,
            "algorithm": self.algorithm,
            "share": self.share,
            "boxes": self.boxes,
            "note": self.note,
        }

    def stored(self) -> dict[str, pd.DataFrame | dict[str, Any]]:
        """Return the ``boxes`` result."""
        return {"boxes": {"outcome": self.outcome, "share": self.share, "boxes": self.boxes}}


def box_dict(box: Any, label: str) -> dict[str, Any]:
    """Return a box as JSON-ready data (unbounded sides as ``None``)."""

    def clean(x: float) -> float | None:
        return None if not np.isfinite(x) else float(x)

    return {
        "label": label,
        "coverage": float(box.coverage),
        "density": float(box.density),
        "mass": float(box.mass),
        "limits": {k: (clean(lo), clean(hi)) for k, (lo, hi) in box.limits.items()},
    }


@dataclass(frozen=True, kw_only=True)
class DiscoveryPlan(MembersPlan):
    """Find the input ranges where ``outcome`` (``METRIC(ACTORS)@YEAR OP VALUE``) holds."""

    kind: ClassVar[str] = "discover"
    outcome_text: str
    algorithm: str = "prim"
    threshold: float = 0.8

    def __post_init__(self) -> None:
        super().__post_init__()
        check_choice(self.algorithm, ("prim", "cart"), "algorithm")
        outcome = self.outcome
        if outcome.op is None:
            raise InputError(
                Problem("the outcome needs a comparison, e.g. '> 0.6'", path="outcome")
            )
        if len(outcome.actors) > 1 and outcome.per_actor:
            raise InputError(Problem("give one actor for the outcome", path="outcome"))
        check_uncertainties(self.scenario)

    @property
    def outcome(self) -> Outcome:
        """The outcome, parsed and checked against the scenario."""
        return parse_outcome(self.outcome_text, self.scenario, what="outcome")

    def arguments(self) -> dict[str, Any]:
        """Return the common arguments, the outcome, the algorithm and PRIM's threshold."""
        return {
            **super().arguments(),
            "outcome": self.outcome.label,
            "algorithm": self.algorithm,
            "threshold": self.threshold,
        }

    @classmethod
    def from_arguments(
        cls, scenario: Scenario, arguments: Mapping[str, Any], *, scenario_ref: str | None = None
    ) -> DiscoveryPlan:
        """Rebuild the plan from its recorded arguments."""
        return cls(
            scenario=scenario,
            scenario_ref=scenario_ref,
            **cls.common(arguments),
            outcome_text=str(arguments["outcome"]),
            algorithm=str(arguments.get("algorithm", "prim")),
            threshold=float(arguments.get("threshold", 0.8)),
        )

    @property
    def label(self) -> str:
        """``discover OUTCOME``."""
        return f"discover {self.outcome.label}"

    def payload(self) -> Payload:
        """Return the members in one arm with the outcome."""
        return Payload(
            self.scenario,
            self.scenario.sampled_uncertainties,
            self.design(),
            (Arm(self.interventions),),
            (self.outcome,),
        )

    def analyse(self, result: EnsembleResult) -> Discovery:
        """Return the share of members where the outcome holds and the boxes."""
        import pandas as pd

        from equipoise.experiments import analysis

        outcome = self.outcome
        y = outcome.holds(np.asarray(result.get(Arm(self.interventions).name, outcome)).reshape(-1))
        design = result.design
        X = pd.DataFrame(design.values, columns=list(design.names))
        boxes: list[dict[str, Any]]
        share = float(y.mean())
        if y.all() or not y.any():
            boxes = []
            note = (
                f"the outcome holds in {'every' if y.all() else 'no'} member ({share:.1%}): "
                "there is no range of the inputs that separates members where it holds from "
                "those where it fails, so there is no box to show; try another threshold or "
                "more members"
            )
        elif self.algorithm == "prim":
            prim = analysis.prim_boxes(X, y, threshold=self.threshold)
            boxes = [box_dict(prim.box, "chosen" if prim.found else "best available")]
            note = prim.note
        else:
            cart = analysis.cart_boxes(X, y, rng=self.seed)
            boxes = [box_dict(b, f"leaf {i + 1}") for i, b in enumerate(cart.boxes)]
            note = ""
        return Discovery(
            RunInfo.of(self.kind, result), outcome.label, self.algorithm, share, boxes, note
        )


__all__ = ["Discovery", "DiscoveryPlan", "box_dict"]
