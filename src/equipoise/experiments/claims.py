r"""Claim verdicts: how often, over an ensemble, what an expert claims holds in the model.

For a claim with metric :math:`m`, actors :math:`A`, horizon :math:`h` and condition (an
intervention, or none), each ensemble member :math:`k` gives a yes or no:

* ``expect = above/below``: :math:`m_k(t_0 + h) \gtrless \theta` under the condition;
* ``expect = increase/decrease``, ``compare = "start"``:
  :math:`m_k(t_0 + h) - m_k(t_0) \gtrless 0` under the condition;
* ``compare = "baseline"``: :math:`m_k^{\text{cond}}(t_0 + h) - m_k^{\text{base}}(t_0 + h)
  \gtrless 0`, paired: the same member (design row and random stream) in both arms.

With several actors, ``aggregate = "all"`` needs the comparison to hold for each actor and
``"mean"`` compares their mean. The verdict's probability is the share of members where the
claim holds, with a Wilson score interval (Wilson 1927); it is *supported*, *contradicted* or
*undecided* by the thresholds of :func:`equipoise.experiments.analysis.verdict`. The drivers
are the declared uncertainties whose distributions differ most between members where the claim
holds and members where it fails: the two-sample Kolmogorov–Smirnov distance of regional
sensitivity analysis (Spear & Hornberger 1980; Pianosi et al. 2016), from
:func:`scipy.stats.ks_2samp`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray
from scipy import stats

from equipoise.experiments.analysis import verdict, wilson_interval
from equipoise.experiments.ensemble import BASELINE, Arm, EnsembleResult
from equipoise.experiments.outcomes import Outcome
from equipoise.scenario.schema import Claim, Scenario
from equipoise.scenario.vocabulary import METRICS

T_Float = NDArray[np.float64]

#: Below this absolute paired difference an intervention counts as having changed nothing,
#: whatever the metric's minimum effect (rounding noise).
NO_EFFECT = 1e-9


def min_effect(claim: Claim) -> float:
    """Return the smallest change that counts for a claim: its own, or its metric's.

    The metrics' minimum effects, with their reasons, are in
    :data:`equipoise.scenario.vocabulary.METRICS` (``docs/models/experiments.md`` §B).
    """
    if claim.min_effect is not None:
        return float(claim.min_effect)
    spec = METRICS.get(claim.metric)
    return max(NO_EFFECT, spec.min_effect if spec is not None else 0.0)


@dataclass(frozen=True)
class ClaimPlan:
    """Which arms and outcomes a claim needs."""

    claim: Claim
    arm: str
    base_arm: str | None
    at_horizon: Outcome
    at_start: Outcome | None


@dataclass(frozen=True)
class ClaimVerdict:
    """The verdict on one claim."""

    claim: Claim
    n: int
    successes: int
    probability: float
    interval: tuple[float, float]
    verdict: str
    drivers: tuple[tuple[str, float], ...]
    effect: float  # mean of the compared quantity (difference, or value minus threshold)

    def to_dict(self) -> dict[str, Any]:
        """Return the verdict as JSON-ready data."""
        c = self.claim
        return {
            "id": c.id,
            "statement": c.statement,
            "quote": c.quote,
            "holders": list(c.holders),
            "source": c.source,
            "condition": c.condition,
            "metric": c.metric,
            "actors": list(c.actors),
            "expect": c.expect,
            "comparison": c.comparison,
            "horizon": c.horizon,
            "verdict": self.verdict,
            "probability": self.probability,
            "interval": list(self.interval),
            "n": self.n,
            "effect": self.effect,
            "drivers": [{"uncertainty": name, "ks": ks} for name, ks in self.drivers],
            "contradicts": list(c.contradicts),
            "min_effect": None if c.comparison == "threshold" else min_effect(c),
        }


def plan_claims(scenario: Scenario, claims: Sequence[Claim] | None = None) -> list[ClaimPlan]:
    """Work out the arms and outcomes each claim needs."""
    start = scenario.scenario.start_year
    plans = []
    for claim in scenario.claims if claims is None else claims:
        arm = Arm((claim.condition,) if claim.condition else ()).name
        horizon_year = float(min(start + claim.horizon, start + scenario.scenario.horizon))
        outcome = Outcome(claim.metric, claim.actors, claim.issue, horizon_year)
        at_start = (
            Outcome(claim.metric, claim.actors, claim.issue, float(start))
            if claim.comparison == "start"
            else None
        )
        base_arm = BASELINE if claim.comparison == "baseline" else None
        plans.append(ClaimPlan(claim, arm, base_arm, outcome, at_start))
    return plans


def arms_and_outcomes(plans: Sequence[ClaimPlan]) -> tuple[tuple[Arm, ...], tuple[Outcome, ...]]:
    """Return the distinct arms (baseline first) and outcomes the plans need."""
    arm_names = {BASELINE}
    outcomes: dict[str, Outcome] = {}
    for plan in plans:
        arm_names.add(plan.arm)
        outcomes[plan.at_horizon.label] = plan.at_horizon
        if plan.at_start is not None:
            outcomes[plan.at_start.label] = plan.at_start
    arms = [Arm()] + [Arm(tuple(name.split("+"))) for name in sorted(arm_names - {BASELINE})]
    return tuple(arms), tuple(outcomes.values())


def _holds(plan: ClaimPlan, result: EnsembleResult) -> tuple[NDArray[np.bool_], T_Float]:
    claim = plan.claim
    value = np.asarray(result.get(plan.arm, plan.at_horizon), dtype=np.float64)
    if claim.comparison == "threshold":
        assert claim.threshold is not None
        compared = value - claim.threshold
        sign = 1.0 if claim.expect == "above" else -1.0
    else:
        if plan.base_arm is not None:
            reference = result.get(plan.base_arm, plan.at_horizon)
        else:
            assert plan.at_start is not None
            reference = result.get(plan.arm, plan.at_start)
        compared = value - np.asarray(reference, dtype=np.float64)
        sign = 1.0 if claim.expect == "increase" else -1.0
    signed = sign * compared
    # a threshold claim needs the value past the threshold; a change, at least its minimum
    least = NO_EFFECT if claim.comparison == "threshold" else min_effect(claim)
    if signed.ndim == 2:
        if claim.aggregate == "mean":
            signed = signed.mean(axis=1)
            compared = compared.mean(axis=1)
            holds = signed >= least
        else:
            holds = np.all(signed >= least, axis=1)
            compared = compared.mean(axis=1)
    else:
        holds = signed >= least
    return holds, compared


def drivers(
    inputs: T_Float, names: Sequence[str], holds: NDArray[np.bool_], top: int = 3
) -> tuple[tuple[str, float], ...]:
    """Rank uncertainties by the KS distance between members where the claim holds and fails."""
    if inputs.shape[1] == 0 or holds.all() or (~holds).all():
        return ()
    scored = []
    for j, name in enumerate(names):
        col = inputs[:, j]
        if np.ptp(col) == 0:
            continue
        ks = stats.ks_2samp(col[holds], col[~holds]).statistic
        scored.append((name, round(float(ks), 4)))
    scored.sort(key=lambda item: (-item[1], item[0]))
    return tuple(scored[:top])


def evaluate_claims(plans: Sequence[ClaimPlan], result: EnsembleResult) -> list[ClaimVerdict]:
    """Give every planned claim its verdict from an ensemble that ran the needed arms."""
    out = []
    for plan in plans:
        holds, compared = _holds(plan, result)
        n = int(holds.size)
        k = int(holds.sum())
        low, high = wilson_interval(k, n)
        out.append(
            ClaimVerdict(
                claim=plan.claim,
                n=n,
                successes=k,
                probability=k / n if n else float("nan"),
                interval=(float(low), float(high)),
                verdict=verdict((float(low), float(high))),
                drivers=drivers(result.design.values, result.design.names, holds),
                effect=float(np.mean(compared)) if n else float("nan"),
            )
        )
    return out


__all__ = [
    "NO_EFFECT",
    "ClaimPlan",
    "ClaimVerdict",
    "arms_and_outcomes",
    "drivers",
    "evaluate_claims",
    "min_effect",
    "plan_claims",
]
