"""Ready-made experiments: what ``ensemble``, ``compare`` and ``claims`` compose.

The command line, the web app's jobs and the report all build the same payloads and read the
same summaries; they live here so that each edge stays thin.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from equipoise.experiments import analysis
from equipoise.experiments.claims import (
    ClaimPlan,
    ClaimVerdict,
    arms_and_outcomes,
    evaluate_claims,
    plan_claims,
)
from equipoise.experiments.ensemble import BASELINE, Arm, EnsembleResult, Payload
from equipoise.experiments.outcomes import Outcome
from equipoise.experiments.sampling import Design
from equipoise.scenario.schema import Scenario


def years(s: Scenario) -> list[float]:
    """Return the years of the scenario's steps, start year first."""
    dt = s.scenario.time_step
    steps = max(1, round(s.scenario.horizon / dt))
    return [s.scenario.start_year + dt * t for t in range(steps + 1)]


# --------------------------------------------------------------------------------------------
# ensemble


def ensemble_outcomes(s: Scenario) -> tuple[Outcome, ...]:
    """Return polarity, bipolarity and every actor's space and power at every step."""
    out: list[Outcome] = []
    for year in years(s):
        out.append(Outcome("polarity", (), None, year))
        out.append(Outcome("bipolarity", (), None, year))
        out.append(Outcome("strategic_space", s.actor_codes, None, year))
        out.append(Outcome("power", s.actor_codes, None, year))
    return tuple(out)


def ensemble_payload(
    s: Scenario, design: Design, interventions: Sequence[str] = (), *, dyads: bool = False
) -> Payload:
    """Return an ensemble of one arm that keeps its tidy tables and blocs at every step.

    The dyads table (relations and dependence of every pair at every step, n(n-1) rows per
    member and step: 40 million rows for 10,000 members of the default scenario) is kept only
    when ``dyads`` is true.
    """
    return Payload(
        s,
        tuple(s.uncertainties),
        design,
        (Arm(tuple(interventions)),),
        ensemble_outcomes(s),
        keep_tables=True,
        skip_tables=() if dyads else ("dyads",),
        bloc_years="all",
    )


def summary_rows(values: Mapping[Outcome, Any]) -> list[dict[str, Any]]:
    """Return mean, median and 5–95 % band of each outcome's values over the members.

    One row per actor for one-actor metrics, else one row per outcome (a dyad such as
    ``dependence(RUS,CHN)`` is labelled ``"RUS,CHN"``, an issue by its id).
    """
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


def ensemble_summary(result: EnsembleResult, arm: str) -> list[dict[str, Any]]:
    """Return the :func:`summary_rows` of every outcome of an arm."""
    return summary_rows({o: result.get(arm, o) for o in result.outcomes})


# --------------------------------------------------------------------------------------------
# compare


def compare_outcomes(s: Scenario) -> tuple[Outcome, ...]:
    """Return what a comparison reports at the last year: system, actors, dyads, issues."""
    last = years(s)[-1]
    codes = s.actor_codes
    out: list[Outcome] = [
        Outcome("polarity", (), None, last),
        Outcome("bipolarity", (), None, last),
        Outcome("frustration", (), None, last),
        Outcome("strategic_space", codes, None, last),
        Outcome("power", codes, None, last),
    ]
    out += [
        Outcome("relation", (a, b), None, last) for i, a in enumerate(codes) for b in codes[i + 1 :]
    ]
    out += [Outcome("dependence", (a, b), None, last) for a in codes for b in codes if a != b]
    out += [Outcome("issue_outcome", (), issue.id, last) for issue in s.issues]
    return tuple(out)


def compare_payload(s: Scenario, design: Design, interventions: Sequence[str]) -> Payload:
    """Return the baseline and the interventions' arm, paired member by member."""
    return Payload(
        s, tuple(s.uncertainties), design, (Arm(), Arm(tuple(interventions))), compare_outcomes(s)
    )


def paired_rows(result: EnsembleResult, arm: str) -> list[dict[str, Any]]:
    """Return the paired differences arm − baseline of every outcome, per entity."""
    rows: list[dict[str, Any]] = []
    for outcome in result.outcomes:
        base = np.asarray(result.get(BASELINE, outcome))
        new = np.asarray(result.get(arm, outcome))
        base2, new2 = base.reshape(base.shape[0], -1), new.reshape(new.shape[0], -1)
        diff = analysis.paired_difference(base2, new2)
        entities = (
            outcome.actors
            if outcome.per_actor
            else ((",".join(outcome.actors) or outcome.issue or ""),)
        )
        for j, entity in enumerate(entities):
            rows.append(
                {
                    "metric": outcome.metric,
                    "entity": entity,
                    "year": outcome.year,
                    "baseline_mean": float(base2[:, j].mean()),
                    "intervention_mean": float(new2[:, j].mean()),
                    "difference": float(np.atleast_1d(diff.mean)[j]),
                    "interval": [
                        float(np.atleast_1d(diff.low)[j]),
                        float(np.atleast_1d(diff.high)[j]),
                    ],
                    "share_positive": float(np.atleast_1d(diff.share_positive)[j]),
                    "share_negative": float(np.atleast_1d(diff.share_negative)[j]),
                }
            )
    return rows


# --------------------------------------------------------------------------------------------
# claims


def claims_payload(s: Scenario, design: Design) -> tuple[Payload, list[ClaimPlan]]:
    """Return the payload of every arm and outcome the claims need, and the plans."""
    plans = plan_claims(s)
    arms, outcomes = arms_and_outcomes(plans)
    return Payload(s, tuple(s.uncertainties), design, arms, outcomes), plans


def claim_verdicts(
    plans: Sequence[ClaimPlan], result: EnsembleResult
) -> tuple[list[ClaimVerdict], list[dict[str, Any]]]:
    """Return the verdicts and their JSON rows."""
    verdicts = evaluate_claims(plans, result)
    return verdicts, [v.to_dict() for v in verdicts]


__all__ = [
    "claim_verdicts",
    "claims_payload",
    "compare_outcomes",
    "compare_payload",
    "ensemble_outcomes",
    "ensemble_payload",
    "ensemble_summary",
    "paired_rows",
    "summary_rows",
    "years",
]
