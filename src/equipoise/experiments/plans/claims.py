"""Claim verdicts over an ensemble, with the paired differences of the interventions they use.

``equipoise claims``: one ensemble runs the baseline and every arm the claims' conditions name
(each member in every arm: common random numbers); each claim gets its verdict, probability,
Wilson interval and drivers (:mod:`equipoise.experiments.claims`, ``docs/models/experiments.md``
§B), and every arm its paired differences against the baseline on
:func:`equipoise.experiments.outcomes.headline_outcomes`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from equipoise.errors import InputError, Problem
from equipoise.experiments.claims import (
    ClaimPlan,
    ClaimVerdict,
    arms_and_outcomes,
    evaluate_claims,
    plan_claims,
)
from equipoise.experiments.ensemble import Arm, EnsembleResult, Payload
from equipoise.experiments.outcomes import headline_outcomes
from equipoise.experiments.plans._base import PlanResult, RunInfo
from equipoise.experiments.plans._checks import check_interventions
from equipoise.experiments.plans._members import MembersPlan
from equipoise.experiments.plans.compare import differences_frame, paired_rows

if TYPE_CHECKING:
    import pandas as pd

    from equipoise.scenario.schema import Scenario

#: Columns of a stored ``claims`` result.
CLAIM_COLUMNS = ("id", "verdict", "probability", "low", "high", "n", "effect", "drivers")


@dataclass(frozen=True)
class ClaimsResult(PlanResult):
    """Every claim's verdict, and the paired differences of every arm."""

    verdicts: list[ClaimVerdict]
    differences: list[dict[str, Any]]
    ensemble: EnsembleResult

    def rows(self) -> list[dict[str, Any]]:
        """Return the verdicts as JSON-ready rows (one per claim)."""
        return [v.to_dict() for v in self.verdicts]

    def to_dict(self) -> dict[str, Any]:
        """Return the run's record and the verdicts."""
        return {**self.run.to_dict(), "claims": self.rows()}

    def _table(self, *, wide: bool) -> list[dict[str, Any]]:
        rows = []
        for r in self.rows():
            row = {
                "id": r["id"],
                "verdict": r["verdict"],
                "probability": r["probability"],
                "low": r["interval"][0],
                "high": r["interval"][1],
                "n": r["n"],
                "effect": r["effect"],
            }
            if wide:
                driver = r["drivers"][0]["uncertainty"] if r["drivers"] else None
                row.update(
                    main_driver=driver,
                    condition=r["condition"],
                    metric=r["metric"],
                    statement=r["statement"],
                )
            else:
                row["drivers"] = ";".join(d["uncertainty"] for d in r["drivers"])
            rows.append(row)
        return rows

    def stored(self) -> dict[str, pd.DataFrame | dict[str, Any]]:
        """Return the ``claims`` result (:data:`CLAIM_COLUMNS`) and the ``differences`` of every arm."""
        import pandas as pd

        claims = pd.DataFrame(self._table(wide=False), columns=list(CLAIM_COLUMNS))
        out: dict[str, pd.DataFrame | dict[str, Any]] = {"claims": claims}
        if self.differences:
            out["differences"] = differences_frame(self.differences)
        return out

    def frame(self) -> pd.DataFrame:
        """Return one row per claim: id, verdict, P, interval, n, effect, main driver, claim."""
        import pandas as pd

        return pd.DataFrame(self._table(wide=True))


@dataclass(frozen=True, kw_only=True)
class ClaimsPlan(MembersPlan):
    """Give every claim of the scenario a verdict; compare the arms they use with the baseline.

    ``compare`` names interventions to compare with the baseline besides those the claims'
    conditions use (the report compares every intervention of a scenario without claims).
    """

    kind: ClassVar[str] = "claims"
    default_batch_size: ClassVar[int] = 50
    compare: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        super().__post_init__()
        if self.interventions:  # the claims' conditions name their arms
            raise InputError(
                Problem(
                    "a claims plan takes no interventions: each claim names its own condition "
                    "(use compare for other arms)",
                    path="interventions",
                )
            )
        check_interventions(self.scenario, self.compare)

    def arguments(self) -> dict[str, Any]:
        """Return the common arguments, the claims' ids and the extra interventions."""
        return {
            **super().arguments(),
            "claims": [c.id for c in self.scenario.claims],
            "compare": list(self.compare),
        }

    @classmethod
    def from_arguments(
        cls, scenario: Scenario, arguments: Mapping[str, Any], *, scenario_ref: str | None = None
    ) -> ClaimsPlan:
        """Rebuild the plan from its recorded arguments."""
        return cls(
            scenario=scenario,
            scenario_ref=scenario_ref,
            **cls.common(arguments),
            compare=tuple(arguments.get("compare", ())),
        )

    def plans(self) -> list[ClaimPlan]:
        """Return the arms and outcomes each claim needs."""
        return plan_claims(self.scenario)

    def payload(self) -> Payload:
        """Return the baseline, every arm the claims and ``compare`` need, and their outcomes."""
        arms, outcomes = arms_and_outcomes(self.plans())
        names = [a.name for a in arms]
        extra = tuple(Arm((name,)) for name in self.compare if name not in names)
        headline = headline_outcomes(self.scenario)
        merged = tuple({o.label: o for o in (*outcomes, *headline)}.values())
        return Payload(
            self.scenario,
            tuple(self.scenario.uncertainties),
            self.design(),
            (*arms, *extra),
            merged,
        )

    def analyse(self, result: EnsembleResult) -> ClaimsResult:
        """Return each claim's verdict and each arm's paired differences."""
        verdicts = evaluate_claims(self.plans(), result)
        differences = [row for arm in result.arms[1:] for row in paired_rows(result, arm.name)]
        return ClaimsResult(RunInfo.of(self.kind, result), verdicts, differences, result)


__all__ = ["CLAIM_COLUMNS", "ClaimsPlan", "ClaimsResult"]
