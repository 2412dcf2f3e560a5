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

How much of a verdict is the model's doing (``docs/models/experiments.md``, "Ablation"): the
claim is evaluated wholly inside model variants (:mod:`equipoise.experiments.variants`) that
ran the same members. With :math:`V` the model's verdict and :math:`V_0` the verdict with
every dynamic component ablated (``no-dynamics``):

* ``emergent`` is false when :math:`V \in \{\text{supported}, \text{contradicted}\}` and
  :math:`V_0 = V`: the answer holds without the dynamics, so it is an assumption of the
  scenario, reported as **built in** (the raw verdict stays in ``model_verdict``); true when
  :math:`V_0 \ne V`; null for an undecided :math:`V` (nothing to attribute);
* ``carried_by`` lists the components :math:`c` whose one-at-a-time ablation changes the
  verdict: :math:`V^{(m)}_{-c} \ne V^{(m)}`, both over the same first :math:`m` members (the
  ablations run :math:`m = \min(M, 100)`); the verdict is a thresholded Wilson interval, so this
  is the rule "P moves across a verdict threshold";
* ``robustness`` is the share of multiverse specifications whose verdict equals :math:`V`.
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
from equipoise.experiments.variants import COMPONENTS, NO_DYNAMICS, Variant
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


#: The verdict of a claim whose answer holds with the model's dynamics switched off.
BUILT_IN = "built in"


@dataclass(frozen=True)
class VariantVerdict:
    """A claim's probability and verdict inside one model variant."""

    variant: str
    probability: float
    interval: tuple[float, float]
    verdict: str
    n: int = 0  # members (the one-at-a-time ablations may run only the first ones)
    #: The full model's verdict on the same members (what ``carried_by`` compares with).
    reference: str = ""

    def to_dict(self) -> dict[str, Any]:
        """Return the variant's verdict as JSON-ready data."""
        return {
            "variant": self.variant,
            "n": self.n,
            "full_model_verdict": self.reference,
            "probability": self.probability,
            "interval": list(self.interval),
            "verdict": self.verdict,
        }


@dataclass(frozen=True)
class ClaimVerdict:
    """The verdict on one claim.

    ``verdict`` is what is reported: :data:`BUILT_IN` for a claim that is not emergent,
    otherwise the model's verdict, which ``model_verdict`` always keeps.
    """

    claim: Claim
    n: int
    successes: int
    probability: float
    interval: tuple[float, float]
    verdict: str
    drivers: tuple[tuple[str, float], ...]
    effect: float  # mean of the compared quantity (difference, or value minus threshold)
    model_verdict: str = ""
    #: Verdicts in the ablation variants (``no-dynamics`` first), empty when not run.
    ablation: tuple[VariantVerdict, ...] = ()
    emergent: bool | None = None
    carried_by: tuple[str, ...] | None = None
    #: Verdicts in the multiverse's specifications (None: not run).
    multiverse: tuple[VariantVerdict, ...] | None = None
    robustness: float | None = None
    #: Why a field is null (ablation or multiverse not run), by field name.
    notes: tuple[tuple[str, str], ...] = ()

    @property
    def p_without_dynamics(self) -> float | None:
        """P of the claim with every dynamic component ablated (None: not run)."""
        for v in self.ablation:
            if v.variant == NO_DYNAMICS:
                return v.probability
        return None

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
            "model_verdict": self.model_verdict or self.verdict,
            "probability": self.probability,
            "interval": list(self.interval),
            "n": self.n,
            "effect": self.effect,
            "drivers": [{"uncertainty": name, "ks": ks} for name, ks in self.drivers],
            "contradicts": list(c.contradicts),
            "min_effect": None if c.comparison == "threshold" else min_effect(c),
            "p_without_dynamics": self.p_without_dynamics,
            "emergent": self.emergent,
            "carried_by": None if self.carried_by is None else list(self.carried_by),
            "ablation": [v.to_dict() for v in self.ablation],
            "robustness": self.robustness,
            "multiverse": None
            if self.multiverse is None
            else [v.to_dict() for v in self.multiverse],
            "notes": dict(self.notes),
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


def arms_and_outcomes(
    plans: Sequence[ClaimPlan], variants: Sequence[str] = ()
) -> tuple[tuple[Arm, ...], tuple[Outcome, ...]]:
    """Return the distinct arms (baseline first) and outcomes the plans need.

    Each of ``variants`` (names of model variants) gets a copy of the arms, after the full
    model's, so that every claim can be evaluated wholly inside each variant.
    """
    arm_names = {BASELINE}
    outcomes: dict[str, Outcome] = {}
    for plan in plans:
        arm_names.add(plan.arm)
        outcomes[plan.at_horizon.label] = plan.at_horizon
        if plan.at_start is not None:
            outcomes[plan.at_start.label] = plan.at_start
    arms = [Arm()] + [Arm(tuple(name.split("+"))) for name in sorted(arm_names - {BASELINE})]
    with_variants = [Arm(a.interventions, v) for v in variants for a in arms]
    return (*arms, *with_variants), tuple(outcomes.values())


def in_variant(plan: ClaimPlan, variant: str) -> ClaimPlan:
    """Return the plan of the same claim evaluated wholly in a model variant (``""``: none)."""
    if not variant:
        return plan

    def moved(name: str) -> str:
        return Arm(Arm.parse(name).interventions, variant).name

    base = None if plan.base_arm is None else moved(plan.base_arm)
    return ClaimPlan(plan.claim, moved(plan.arm), base, plan.at_horizon, plan.at_start)


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


def _judge(holds: NDArray[np.bool_]) -> tuple[float, tuple[float, float], str]:
    n, k = int(holds.size), int(holds.sum())
    low, high = wilson_interval(k, n)
    interval = (float(low), float(high))
    return (k / n if n else float("nan")), interval, verdict(interval)


def _variant_verdict(
    plan: ClaimPlan, result: EnsembleResult, name: str, arms: str, full: NDArray[np.bool_]
) -> VariantVerdict:
    """Return the claim's verdict in a variant, and the full model's on the same members."""
    holds, _ = _holds(in_variant(plan, arms), result)
    p, interval, v = _judge(holds)
    reference = _judge(full[: holds.size])[2]
    return VariantVerdict(name, p, interval, v, int(holds.size), reference)


def emergent_rule(model_verdict: str, without_dynamics: str) -> bool | None:
    """Return whether a verdict is the dynamics' doing (``docs/models/experiments.md``).

    False when the model's verdict is supported or contradicted and the verdict without the
    dynamics is the same (built in); true when they differ; None when the model's verdict is
    undecided (there is no answer to attribute).
    """
    if model_verdict not in ("supported", "contradicted"):
        return None
    return without_dynamics != model_verdict


def evaluate_claims(
    plans: Sequence[ClaimPlan],
    result: EnsembleResult,
    *,
    ablation: Sequence[Variant] | None = None,
    multiverse: Sequence[Variant] | None = None,
    aliases: dict[str, str] | None = None,
    notes: dict[str, str] | None = None,
) -> list[ClaimVerdict]:
    """Give every planned claim its verdict from an ensemble that ran the needed arms.

    Parameters
    ----------
    plans : sequence of ClaimPlan
    result : EnsembleResult
        Holds the full model's arms and, for each variant, its copy of them.
    ablation : sequence of Variant, optional
        The ablation set (:func:`equipoise.experiments.variants.ablation_set`); None: not run.
    multiverse : sequence of Variant, optional
        The multiverse's specifications; None: not run.
    aliases : dict, optional
        Variants that were not run because they equal another (``""``: the full model), by
        name: their verdicts are read from that one's arms.
    notes : dict, optional
        Why ``emergent``/``carried_by``/``robustness`` are null, by field (the caller knows
        whether it skipped the ablation or the multiverse).

    Returns
    -------
    list of ClaimVerdict
    """
    aliases = aliases or {}
    out = []
    for plan in plans:
        holds, compared = _holds(plan, result)
        n = int(holds.size)
        k = int(holds.sum())
        low, high = wilson_interval(k, n)
        raw = verdict((float(low), float(high)))
        ablated: tuple[VariantVerdict, ...] = ()
        emergent: bool | None = None
        carried: tuple[str, ...] | None = None
        if ablation is not None:
            ablated = tuple(
                _variant_verdict(plan, result, v.name, aliases.get(v.name, v.name), holds)
                for v in ablation
            )
            by_name = {v.variant: v for v in ablated}
            emergent = emergent_rule(raw, by_name[NO_DYNAMICS].verdict)
            # each one-at-a-time ablation against the full model on the same members
            carried = tuple(
                comp
                for comp in COMPONENTS
                for v in ablation
                if v.components == (comp,) and by_name[v.name].verdict != by_name[v.name].reference
            )
        specs: tuple[VariantVerdict, ...] | None = None
        robustness: float | None = None
        if multiverse is not None:
            specs = tuple(
                _variant_verdict(plan, result, v.name, aliases.get(v.name, v.name), holds)
                for v in multiverse
            )
            robustness = sum(s.verdict == raw for s in specs) / len(specs) if specs else None
        out.append(
            ClaimVerdict(
                claim=plan.claim,
                n=n,
                successes=k,
                probability=k / n if n else float("nan"),
                interval=(float(low), float(high)),
                verdict=BUILT_IN if emergent is False else raw,
                drivers=drivers(result.design.values, result.design.names, holds),
                effect=float(np.mean(compared)) if n else float("nan"),
                model_verdict=raw,
                ablation=ablated,
                emergent=emergent,
                carried_by=carried,
                multiverse=specs,
                robustness=robustness,
                notes=tuple(sorted((notes or {}).items())),
            )
        )
    return out


__all__ = [
    "BUILT_IN",
    "NO_EFFECT",
    "ClaimPlan",
    "ClaimVerdict",
    "VariantVerdict",
    "arms_and_outcomes",
    "drivers",
    "emergent_rule",
    "evaluate_claims",
    "in_variant",
    "min_effect",
    "plan_claims",
]
