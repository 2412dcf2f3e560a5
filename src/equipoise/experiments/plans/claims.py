"""Claim verdicts over an ensemble, with the paired differences of the interventions they use.

``equipoise claims``: one ensemble runs the baseline and every arm the claims' conditions name
(each member in every arm: common random numbers); each claim gets its verdict, probability,
Wilson interval and drivers (:mod:`equipoise.experiments.claims`, ``docs/models/experiments.md``
§B), and every arm its paired differences against the baseline on
:func:`equipoise.experiments.outcomes.headline_outcomes`.

With ``ablation`` (the default) the same members also run every arm in each variant of the
ablation set (:func:`equipoise.experiments.variants.ablation_set`), which gives each claim its
``p_without_dynamics``, ``emergent`` and ``carried_by``; with ``robustness``, in each
specification of the scenario's multiverse, which gives its ``robustness``. A variant that
leaves the scenario's model unchanged (``shocks`` without shock processes...) is not run: its
verdicts are the full model's.
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
from equipoise.experiments.variants import (
    NO_DYNAMICS,
    Variant,
    ablation_set,
    multiverse_variants,
)

if TYPE_CHECKING:
    import pandas as pd

    from equipoise.scenario.schema import Scenario

#: Columns of a stored ``claims`` result.
CLAIM_COLUMNS = (
    "id",
    "verdict",
    "probability",
    "low",
    "high",
    "n",
    "effect",
    "drivers",
    # since the ablation and the multiverse (issue 12); absent from older stored runs
    "model_verdict",
    "p_without_dynamics",
    "emergent",
    "carried_by",
    "robustness",
)


@dataclass(frozen=True)
class ClaimsResult(PlanResult):
    """Every claim's verdict, and the paired differences of every arm."""

    verdicts: list[ClaimVerdict]
    differences: list[dict[str, Any]]
    ensemble: EnsembleResult
    #: How the multiverse was run: its design and specifications (None: not run).
    multiverse: dict[str, Any] | None = None

    def rows(self) -> list[dict[str, Any]]:
        """Return the verdicts as JSON-ready rows (one per claim)."""
        return [v.to_dict() for v in self.verdicts]

    def to_dict(self) -> dict[str, Any]:
        """Return the run's record and the verdicts."""
        return {
            **self.run.to_dict(),
            "counts": self.counts(),
            "multiverse": self.multiverse,
            "claims": self.rows(),
        }

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
            row.update(
                model_verdict=r["model_verdict"],
                p_without_dynamics=r["p_without_dynamics"],
                emergent=r["emergent"],
                carried_by=None if r["carried_by"] is None else ";".join(r["carried_by"]),
                robustness=r["robustness"],
            )
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

    def counts(self) -> dict[str, int]:
        """Return how many verdicts are findings (emergent) and how many are built in."""
        return {
            "findings": sum(v.emergent is True for v in self.verdicts),
            "built_in": sum(v.emergent is False for v in self.verdicts),
            "undecided": sum(v.model_verdict == "undecided" for v in self.verdicts),
        }

    def frame(self) -> pd.DataFrame:
        """Return one row per claim: id, verdict, P, interval, n, effect, ablation, robustness."""
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
    #: Run the ablation set (``p_without_dynamics``, ``emergent``, ``carried_by``).
    ablation: bool = True
    #: Run the scenario's multiverse (``robustness``).
    robustness: bool = False
    #: Members of the one-at-a-time ablations (the first ones; all when there are fewer):
    #: ``carried_by`` compares each with the full model on the same members. ``no-dynamics``
    #: and the multiverse run every member. 100 members give a Wilson interval of at most
    #: ±0.1, narrow enough to tell the verdict thresholds 0.33 and 0.66 apart.
    ablation_members: int = 100

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
        if self.ablation_members < 1:
            raise InputError(
                Problem(
                    f"must be at least 1, got {self.ablation_members}", path="--ablation-members"
                )
            )
        if self.robustness and not self.scenario.multiverse:
            raise InputError(
                Problem(
                    "--robustness needs a multiverse: declare uncertainties with "
                    "multiverse = true (docs/models/experiments.md, 'Multiverse')",
                    path="uncertainties",
                )
            )

    def arguments(self) -> dict[str, Any]:
        """Return the common arguments, the claims' ids and the extra interventions."""
        return {
            **super().arguments(),
            "claims": [c.id for c in self.scenario.claims],
            "compare": list(self.compare),
            "ablation": self.ablation,
            "ablation_members": self.ablation_members,
            "robustness": self.robustness,
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
            # runs recorded before the ablation existed ran neither
            ablation=bool(arguments.get("ablation", False)),
            ablation_members=int(arguments.get("ablation_members", 100)),
            robustness=bool(arguments.get("robustness", False)),
        )

    def plans(self) -> list[ClaimPlan]:
        """Return the arms and outcomes each claim needs."""
        return plan_claims(self.scenario)

    def variants(self) -> tuple[tuple[Variant, ...], tuple[Variant, ...], str]:
        """Return the ablation set, the multiverse's specifications and its design."""
        ablation = ablation_set() if self.ablation else ()
        multiverse, design = multiverse_variants(self.scenario) if self.robustness else ((), "none")
        return ablation, multiverse, design

    def aliases(self) -> dict[str, str]:
        """Return the variants not run because they leave the model unchanged (``""``: full)."""
        ablation, multiverse, _ = self.variants()
        return {v.name: "" for v in (*ablation, *multiverse) if v.is_noop(self.scenario)}

    def payload(self) -> Payload:
        """Return the baseline, every arm the claims and ``compare`` need, and their outcomes.

        The arms the claims need are repeated in every variant that changes the model.
        """
        ablation, multiverse, _ = self.variants()
        aliases = self.aliases()
        run = tuple(v for v in (*ablation, *multiverse) if v.name not in aliases)
        arms, outcomes = arms_and_outcomes(self.plans(), [v.name for v in run])
        names = [a.name for a in arms]
        extra = tuple(Arm((name,)) for name in self.compare if name not in names)
        headline = headline_outcomes(self.scenario)
        merged = tuple({o.label: o for o in (*outcomes, *headline)}.values())
        # a variant's arm needs only the outcomes of the claims that read it
        needs: dict[str, set[str]] = {}
        for plan in self.plans():
            labels = {plan.at_horizon.label} | (
                {plan.at_start.label} if plan.at_start is not None else set()
            )
            for name in (plan.arm, plan.base_arm):
                if name is not None:
                    needs.setdefault(name, set()).update(labels)
        arm_outcomes = tuple(
            (arm.name, tuple(sorted(needs.get(Arm(arm.interventions).name, set()))))
            for arm in arms
            if arm.variant
        )
        return Payload(
            self.scenario,
            self.scenario.sampled_uncertainties,
            self.design(),
            (*arms, *extra),
            merged,
            variants=run,
            arm_outcomes=arm_outcomes,
            arm_members=tuple(
                (arm.name, self.ablation_members)
                for arm in arms
                if arm.variant in {v.name for v in ablation if v.name != NO_DYNAMICS}
            ),
        )

    def analyse(self, result: EnsembleResult) -> ClaimsResult:
        """Return each claim's verdict, its ablation and multiverse, and the arms' differences."""
        ablation, multiverse, design = self.variants()
        notes = {}
        if not self.ablation:
            notes["emergent"] = "not run (the ablation was switched off: --no-ablation)"
        if not self.robustness:
            notes["robustness"] = (
                "not run (equipoise claims --robustness runs the scenario's multiverse)"
                if self.scenario.multiverse
                else "not run (the scenario declares no multiverse)"
            )
        elif not multiverse:
            notes["robustness"] = "the multiverse holds only the scenario's own specification"
        verdicts = evaluate_claims(
            self.plans(),
            result,
            ablation=ablation if self.ablation else None,
            multiverse=multiverse if self.robustness else None,
            aliases=self.aliases(),
            notes=notes,
        )
        full = [arm for arm in result.arms[1:] if not arm.variant]
        differences = [row for arm in full for row in paired_rows(result, arm.name)]
        spec = (
            {
                "design": design,
                "specifications": [
                    {"name": v.name, "settings": [list(x) for x in v.settings]} for v in multiverse
                ],
            }
            if self.robustness
            else None
        )
        return ClaimsResult(RunInfo.of(self.kind, result), verdicts, differences, result, spec)


__all__ = ["CLAIM_COLUMNS", "ClaimsPlan", "ClaimsResult"]
