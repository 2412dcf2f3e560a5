"""Job kinds that run experiments from the web app: ensemble, compare and claims.

Each job composes :mod:`equipoise.experiments.workflows` exactly as the command line does, on
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

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

from equipoise.errors import InputError, Problem
from equipoise.experiments import workflows
from equipoise.experiments.ensemble import EnsembleResult, Payload, run_ensemble
from equipoise.experiments.executors import SequentialExecutor
from equipoise.experiments.sampling import sample
from equipoise.report import baseline_report_data, report_figures
from equipoise.report import figures as F
from equipoise.report.build import differences_frame, summary_frame
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


def _run(
    kind: str, payload: Payload, progress: Progress, params: Mapping[str, Any]
) -> EnsembleResult:
    total = payload.design.n_members
    done = [0]

    def advance(n: int) -> None:
        done[0] += n
        progress(0.05 + 0.9 * done[0] / total, f"{done[0]} of {total} members")

    progress(0.05, f"0 of {total} members")
    executor: SequentialExecutor[Any, Any, Any] = SequentialExecutor()
    with executor as ex:
        return run_ensemble(
            payload,
            executor=ex,
            batch_size=max(5, min(50, total // 10 or 1)),
            store=open_store(),
            kind=kind,
            parameters={**params, "executor": "web"},
            progress=advance,
        )


def _design(scenario: Scenario, params: Mapping[str, Any]) -> Any:
    return sample(
        scenario.uncertainties,
        int(params["members"]),
        method=params["method"],
        seed=scenario.scenario.seed,
    )


def ensemble_job(scenario: Scenario, params: Mapping[str, Any], progress: Progress) -> Any:
    """Run an ensemble and return its summary (median and 5–95 % band per actor and year)."""
    payload = workflows.ensemble_payload(scenario, _design(scenario, params))
    result = _run("ensemble", payload, progress, params)
    progress(0.96, "drawing the figures")
    values = {o: np.asarray(result.get("baseline", o), dtype=np.float64) for o in payload.outcomes}
    data = replace(
        baseline_report_data(scenario),
        summary=summary_frame(values),
        summary_members=result.n_members,
    )
    figs = report_figures(data)
    progress(1.0, "done")
    return {
        "run_id": result.run_id,
        "members": result.n_members,
        "summary": workflows.ensemble_summary(result, "baseline"),
        "figures": [f.to_dict() for f in [*figs.power, *figs.system] if f.key in BAND_FIGURES],
    }


def compare_job(scenario: Scenario, params: Mapping[str, Any], progress: Progress) -> Any:
    """Compare an intervention with the baseline, member by member."""
    name = str(params["intervention"])
    if name not in {i.name for i in scenario.interventions}:
        raise InputError(Problem(f"unknown intervention {name!r}", path="params.intervention"))
    payload = workflows.compare_payload(scenario, _design(scenario, params), (name,))
    result = _run("compare", payload, progress, params)
    rows = sorted(workflows.paired_rows(result, name), key=lambda r: -abs(r["difference"]))
    progress(0.96, "drawing the figure")
    data = replace(
        baseline_report_data(scenario),
        differences=differences_frame(result, (name,)),
        differences_members=result.n_members,
    )
    figures = [f.to_dict() for _, f in report_figures(data).interventions]
    progress(1.0, "done")
    return {
        "run_id": result.run_id,
        "intervention": name,
        "members": result.n_members,
        "differences": rows,
        "figures": figures,
    }


def claims_job(scenario: Scenario, params: Mapping[str, Any], progress: Progress) -> Any:
    """Give every claim of the scenario a verdict."""
    if not scenario.claims:
        raise InputError(Problem("the scenario has no claims", path="claims"))
    payload, plans = workflows.claims_payload(scenario, _design(scenario, params))
    result = _run("claims", payload, progress, params)
    _, rows = workflows.claim_verdicts(plans, result)
    figure = F.claims_figure(
        [
            F.ClaimPoint(
                str(r["id"]), str(r["verdict"]), float(r["probability"]),
                float(r["interval"][0]), float(r["interval"][1]), result.n_members,
            )
            for r in rows
        ]
    )  # fmt: skip
    progress(1.0, "done")
    return {
        "run_id": result.run_id,
        "members": result.n_members,
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
