"""Job kinds that run experiments from the web app: ensemble, compare and claims.

Each job runs a plan of :mod:`equipoise.experiments.plans` exactly as the command line does, on
the sequential executor (jobs already run off the request thread, in a bounded pool), records
its run in the results store (``$EQUIPOISE_RUNS`` or ``./equipoise-runs``), and reports
progress member by member; cancelling a job marks its stored run incomplete.

Ensemble and comparison results also carry the report's figures of their numbers
(:func:`equipoise.report.report_figures`): the ensemble's medians and 5–95 % bands over time
beside the baseline run, the comparison's paired differences with their intervals, and the
claims' probabilities with their Wilson intervals, coloured by verdict.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any, Literal

import pandas as pd
from pydantic import BaseModel, ConfigDict, Field

from equipoise.errors import InputError, Problem
from equipoise.experiments.plans import (
    ClaimsPlan,
    ClaimsResult,
    ComparePlan,
    Comparison,
    EnsemblePlan,
    EnsembleSummary,
    Plan,
    PlanResult,
    run_plan,
)
from equipoise.experiments.plans.compare import differences_frame, effect_order
from equipoise.experiments.plans.ensemble import SUMMARY_COLUMNS
from equipoise.report import baseline_report_data, report_figures
from equipoise.report import figures as F
from equipoise.scenario.schema import Scenario
from equipoise.store import open_store
from equipoise.web.jobs import JobRegistry, Progress

#: The report's figures an ensemble result shows: the metrics its outcomes follow, with bands.
BAND_FIGURES = ("power-over-time", "polarity", "bipolarity", "strategic-space")


class EnsembleParams(BaseModel):
    """Parameters of an ensemble job."""

    model_config = ConfigDict(extra="forbid")
    members: int = Field(default=50, ge=2, le=2000, description="Ensemble members.")
    method: Literal["mc", "lhs"] = "lhs"


class CompareParams(EnsembleParams):
    """Parameters of a comparison job."""

    intervention: str = Field(min_length=1, max_length=64, description="Intervention name.")


def _run(plan: Plan, progress: Progress) -> PlanResult:
    payload = plan.payload()
    total = payload.design.n_members * len(payload.arms)
    done = [0]

    def advance(n: int) -> None:
        done[0] += n
        progress(0.05 + 0.9 * done[0] / total, f"{done[0]} of {total} member-runs")

    progress(0.05, f"0 of {total} member-runs")
    # the sequential executor: jobs already run off the request thread, in a bounded pool
    return run_plan(plan, store=open_store(), progress=advance)


def ensemble_job(scenario: Scenario, params: Mapping[str, Any], progress: Progress) -> Any:
    """Run an ensemble and return its summary (median and 5–95 % band per actor and year)."""
    plan = EnsemblePlan(
        scenario=scenario, n_members=int(params["members"]), method=str(params["method"])
    )
    result = _run(plan, progress)
    assert isinstance(result, EnsembleSummary)
    progress(0.96, "drawing the figures")
    data = replace(
        baseline_report_data(scenario),
        summary=pd.DataFrame(result.rows, columns=list(SUMMARY_COLUMNS)),
        summary_members=result.run.n_members,
    )
    figs = report_figures(data)
    progress(1.0, "done")
    return {
        "run_id": result.run.run_id,
        "members": result.run.n_members,
        "summary": result.rows,
        "figures": [f.to_dict() for f in [*figs.power, *figs.system] if f.key in BAND_FIGURES],
    }


def compare_job(scenario: Scenario, params: Mapping[str, Any], progress: Progress) -> Any:
    """Compare an intervention with the baseline, member by member."""
    name = str(params["intervention"])
    plan = ComparePlan(
        scenario=scenario,
        n_members=int(params["members"]),
        method=str(params["method"]),
        interventions=(name,),
    )
    result = _run(plan, progress)
    assert isinstance(result, Comparison)
    rows = sorted(result.to_dict()["differences"], key=effect_order)
    progress(0.96, "drawing the figure")
    data = replace(
        baseline_report_data(scenario),
        differences=differences_frame(result.rows),
        differences_members=result.run.n_members,
    )
    figures = [f.to_dict() for _, f in report_figures(data).interventions]
    progress(1.0, "done")
    return {
        "run_id": result.run.run_id,
        "intervention": name,
        "members": result.run.n_members,
        "differences": rows,
        "figures": figures,
    }


def claims_job(scenario: Scenario, params: Mapping[str, Any], progress: Progress) -> Any:
    """Give every claim of the scenario a verdict."""
    if not scenario.claims:
        raise InputError(Problem("the scenario has no claims", path="claims"))
    plan = ClaimsPlan(
        scenario=scenario, n_members=int(params["members"]), method=str(params["method"])
    )
    result = _run(plan, progress)
    assert isinstance(result, ClaimsResult)
    rows = result.rows()
    figure = F.claims_figure(
        [
            F.ClaimPoint(
                str(r["id"]), str(r["verdict"]), float(r["probability"]),
                float(r["interval"][0]), float(r["interval"][1]), result.run.n_members,
            )
            for r in rows
        ]
    )  # fmt: skip
    progress(1.0, "done")
    return {
        "run_id": result.run.run_id,
        "members": result.run.n_members,
        "claims": rows,
        "figures": [figure.to_dict()],
    }


def register_experiment_jobs(registry: JobRegistry) -> None:
    """Add the ensemble, compare and claims kinds to a registry."""
    registry.register_job_kind(
        "ensemble",
        ensemble_job,
        description="an ensemble over the declared uncertainties",
        params=EnsembleParams,
    )
    registry.register_job_kind(
        "compare",
        compare_job,
        description="an intervention against the baseline (paired)",
        params=CompareParams,
    )
    registry.register_job_kind(
        "claims",
        claims_job,
        description="a verdict for every claim of the scenario",
        params=EnsembleParams,
    )


__all__ = ["claims_job", "compare_job", "ensemble_job", "register_experiment_jobs"]
