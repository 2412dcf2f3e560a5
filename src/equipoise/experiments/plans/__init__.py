"""Plans: every workflow as one typed object, run by :func:`run_plan` on any executor.

========== ========================= =============================================
kind       plan                      result
========== ========================= =============================================
run        :class:`RunPlan`          :class:`RunResult` (the trajectory, the story)
ensemble   :class:`EnsemblePlan`     :class:`EnsembleSummary`
compare    :class:`ComparePlan`      :class:`Comparison`
sensitivity :class:`SensitivityPlan` :class:`Sensitivity`
discover   :class:`DiscoveryPlan`    :class:`Discovery`
claims     :class:`ClaimsPlan`       :class:`ClaimsResult`
forecast   :class:`ForecastPlan`     :class:`Forecast` (predictive quantiles of an observable)
hindcast   :class:`HindcastPlan`     :class:`Hindcast` (rolling-origin scores and skill)
calibrate  :class:`CalibrationPlan`  :class:`Calibration` (iterative: ABC-SMC generations)
========== ========================= =============================================

A new experiment kind is one module here: a :class:`Plan` subclass with its result type,
added to :data:`PLAN_KINDS`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from equipoise.experiments.plans._base import Plan, PlanResult, RunInfo, StagedPlan
from equipoise.experiments.plans.calibrate import Calibration, CalibrationPlan
from equipoise.experiments.plans.claims import ClaimsPlan, ClaimsResult
from equipoise.experiments.plans.compare import ComparePlan, Comparison
from equipoise.experiments.plans.discovery import Discovery, DiscoveryPlan
from equipoise.experiments.plans.ensemble import EnsemblePlan, EnsembleSummary
from equipoise.experiments.plans.forecast import Forecast, ForecastPlan
from equipoise.experiments.plans.hindcast import Hindcast, HindcastPlan
from equipoise.experiments.plans.run import RunPlan, RunResult
from equipoise.experiments.plans.runner import Execution, run_plan, run_typed
from equipoise.experiments.plans.sensitivity import Sensitivity, SensitivityPlan

if TYPE_CHECKING:
    from equipoise.scenario.schema import Scenario
    from equipoise.store import StoreBackend

#: Every plan kind by the name runs are stored under.
PLAN_KINDS: dict[str, type[Plan]] = {
    cls.kind: cls
    for cls in (
        RunPlan,
        EnsemblePlan,
        ComparePlan,
        SensitivityPlan,
        DiscoveryPlan,
        ClaimsPlan,
        ForecastPlan,
        HindcastPlan,
        CalibrationPlan,
    )
}


def plan_from_run(store: StoreBackend, run_id: str, *, scenario: Scenario | None = None) -> Plan:
    """Rebuild the plan of a stored run from its recorded arguments (to resume or re-run it).

    Parameters
    ----------
    store : StoreBackend
    run_id : str
    scenario : Scenario, optional
        The scenario (default: the recorded reference — a bundled name or a path — loaded
        again, with the run's seed).

    Raises
    ------
    InputError
        When the run's kind is unknown, or its arguments were not recorded.
    """
    from equipoise.errors import InputError, Problem
    from equipoise.scenario import load_scenario

    info = store.get_run(run_id)
    params: Mapping[str, Any] = info.get("parameters") or {}
    kind = str(info.get("kind"))
    if kind not in PLAN_KINDS or "arguments" not in params:
        raise InputError(
            Problem(
                f"run {run_id} ({kind}) has no recorded plan to rebuild (stored by an older "
                "equipoise, or not a plan)",
                path="resume",
            )
        )
    ref = params.get("scenario_ref") or info.get("scenario_name")
    if scenario is None:
        scenario = load_scenario(str(ref))
    seed = int(info["seed"])
    if seed != scenario.scenario.seed:
        scenario = scenario.model_copy(
            update={"scenario": scenario.scenario.model_copy(update={"seed": seed})}
        )
    return PLAN_KINDS[kind].from_arguments(
        scenario, params["arguments"], scenario_ref=None if ref is None else str(ref)
    )


__all__ = [
    "PLAN_KINDS",
    "Calibration",
    "CalibrationPlan",
    "ClaimsPlan",
    "ClaimsResult",
    "ComparePlan",
    "Comparison",
    "Discovery",
    "DiscoveryPlan",
    "EnsemblePlan",
    "EnsembleSummary",
    "Execution",
    "Forecast",
    "ForecastPlan",
    "Hindcast",
    "HindcastPlan",
    "Plan",
    "PlanResult",
    "RunInfo",
    "RunPlan",
    "RunResult",
    "Sensitivity",
    "SensitivityPlan",
    "StagedPlan",
    "plan_from_run",
    "run_plan",
    "run_typed",
]
