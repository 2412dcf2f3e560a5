"""The kinds of job the web app runs: each builds a plan, run by ``run_plan`` into the store.

A :class:`JobKind` is a name, a pydantic model of its parameters and a function that builds
the plan of :mod:`equipoise.experiments.plans` a job of that kind computes:

========== ============================================ ====================================
kind       plan                                         what the result page shows
========== ============================================ ====================================
run        :class:`~equipoise.experiments.plans.RunPlan`       the picture and the run's figures
ensemble   :class:`~equipoise.experiments.plans.EnsemblePlan`  the bands over time
compare    :class:`~equipoise.experiments.plans.ComparePlan`   the paired differences
claims     :class:`~equipoise.experiments.plans.ClaimsPlan`    every claim's verdict
========== ============================================ ====================================

:meth:`JobKind.run` runs the plan exactly as the command line does (``run_plan`` on the
sequential executor: jobs already run off the request thread, in a bounded pool) into the
app's store, under the run id the job was given when it was queued; cancelling raises in the
progress callback, and ``run_plan`` leaves the run ``incomplete``. The web layer owns this
registry, so that the experiments layer never imports the web; a new kind is one
:meth:`JobRegistry.register_job_kind` call with its plan builder.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from equipoise.errors import InputError, Problem

if TYPE_CHECKING:
    from equipoise.experiments.plans import Plan, PlanResult
    from equipoise.scenario.schema import Scenario
    from equipoise.store import StoreBackend
    from equipoise.web.jobs import Progress

#: A job kind's name.
KIND_NAME = re.compile(r"^[a-z][a-z0-9_-]{0,31}$")
#: ``make_plan(scenario, params, scenario_ref) -> Plan``.
T_MakePlan = Callable[["Scenario", Mapping[str, Any], "str | None"], "Plan"]


class NoParams(BaseModel):
    """Parameters of a job kind that takes none."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class EnsembleParams(BaseModel):
    """Parameters of an ensemble or claims job."""

    model_config = ConfigDict(extra="forbid")
    members: int = Field(default=50, ge=2, le=2000, description="Ensemble members.")
    method: Literal["mc", "lhs"] = "lhs"


class CompareParams(EnsembleParams):
    """Parameters of a comparison job."""

    intervention: str = Field(min_length=1, max_length=64, description="Intervention name.")


@dataclass(frozen=True)
class JobKind:
    """A registered kind of job.

    Attributes
    ----------
    name : str
        The kind's name (``run``, ``ensemble``...).
    make_plan : callable
        ``make_plan(scenario, params, scenario_ref) -> Plan``: the plan a job computes.
    description : str
        One line for the UI and ``GET /api/kinds``.
    params : type of pydantic.BaseModel
        Validates the job's parameters before it is queued (unknown keys are rejected by
        :class:`NoParams`).
    """

    name: str
    make_plan: T_MakePlan
    description: str = ""
    params: type[BaseModel] = NoParams

    def check_params(self, params: Mapping[str, Any]) -> dict[str, Any]:
        """Validate ``params`` and return them as plain data.

        Raises
        ------
        InputError
            With one located problem (path ``params.FIELD``) per invalid parameter.
        """
        try:
            model = self.params.model_validate(dict(params))
        except ValidationError as exc:
            raise InputError(
                [
                    Problem(
                        str(e["msg"]),
                        path=".".join(["params", *(str(p) for p in e["loc"])]),
                    )
                    for e in exc.errors(include_url=False)
                ]
            ) from None
        return model.model_dump(mode="json")

    def run(
        self,
        scenario: Scenario,
        params: Mapping[str, Any],
        *,
        store: StoreBackend,
        run_id: str,
        progress: Progress,
        scenario_ref: str | None = None,
    ) -> PlanResult:
        """Build the plan and run it into ``store`` as run ``run_id``, reporting progress.

        Raises
        ------
        InputError
            When the plan refuses its input (before the run is created).
        JobCancelled
            From ``progress`` once the job is cancelled (the run is left incomplete).
        """
        from equipoise.experiments.ensemble import step_hook
        from equipoise.experiments.plans import Execution, run_plan

        progress(0.01, "compiling the scenario")
        plan = self.make_plan(scenario, params, scenario_ref)
        payload = plan.payload()
        total = max(1, payload.design.n_members * len(payload.arms))
        done = [0]

        def advance(n: int) -> None:
            done[0] += n
            progress(0.02 + 0.9 * done[0] / total, f"{done[0]} of {total} member-runs")

        def each_step(step: int, n_steps: int) -> None:
            # raises JobCancelled once the job is cancelled: a long run stops between steps
            progress(0.02 + 0.9 * done[0] / total, f"{done[0]} of {total} member-runs")

        # small batches, so that progress moves between them (the numbers never depend on the
        # batch size), and a check after every step of the time loop
        n = payload.design.n_members
        batch = max(1, min(50, n // 10 or 1))
        with step_hook(each_step):
            return run_plan(
                plan,
                execution=Execution(batch_size=batch),
                store=store,
                run_id=run_id,
                progress=advance,
            )


class JobRegistry:
    """The kinds of job the web app can run.

    Examples
    --------
    >>> from equipoise.experiments.plans import RunPlan
    >>> registry = JobRegistry()
    >>> registry.register_job_kind("again", lambda s, params, ref: RunPlan(scenario=s))
    >>> registry.names()
    ['again']
    """

    def __init__(self) -> None:
        self._kinds: dict[str, JobKind] = {}

    def register(self, kind: JobKind, *, replace: bool = False) -> None:
        """Register a :class:`JobKind` (or a subclass of it).

        Raises
        ------
        ValueError
            If the name is malformed, or taken and ``replace`` is false.
        """
        if not KIND_NAME.fullmatch(kind.name):
            raise ValueError(
                f"job kind names use lowercase letters, digits, - and _, got {kind.name!r}"
            )
        if kind.name in self._kinds and not replace:
            raise ValueError(f"job kind {kind.name!r} is already registered")
        self._kinds[kind.name] = kind

    def register_job_kind(
        self,
        name: str,
        make_plan: T_MakePlan,
        *,
        description: str = "",
        params: type[BaseModel] = NoParams,
        replace: bool = False,
    ) -> None:
        """Register the job kind ``name``, whose jobs compute ``make_plan(...)``.

        Parameters
        ----------
        name : str
            Lowercase name (letters, digits, ``-``, ``_``).
        make_plan : callable
            ``make_plan(scenario, params, scenario_ref) -> Plan``, ``params`` validated by
            ``params``; an :class:`~equipoise.errors.InputError` it raises fails the job
            with its located problems.
        description : str
            One line shown to users.
        params : type of pydantic.BaseModel
            Model that validates the job's parameters (default: none accepted).
        replace : bool
            Allow replacing a kind of the same name.

        Raises
        ------
        ValueError
            If the name is malformed, or taken and ``replace`` is false.
        """
        self.register(
            JobKind(name=name, make_plan=make_plan, description=description, params=params),
            replace=replace,
        )

    def get(self, name: str) -> JobKind:
        """Return the kind ``name``.

        Raises
        ------
        InputError
            If no such kind is registered (path ``kind``).
        """
        try:
            return self._kinds[name]
        except KeyError:
            known = ", ".join(sorted(self._kinds)) or "none"
            raise InputError(
                Problem(f"unknown job kind {name!r} (kinds: {known})", path="kind")
            ) from None

    def names(self) -> list[str]:
        """Return the registered kinds' names, sorted."""
        return sorted(self._kinds)

    def kinds(self) -> list[JobKind]:
        """Return the registered kinds, sorted by name."""
        return [self._kinds[n] for n in self.names()]

    def __contains__(self, name: object) -> bool:
        return name in self._kinds


# --------------------------------------------------------------------------------------------
# the built-in kinds


def run_plan_of(scenario: Scenario, params: Mapping[str, Any], ref: str | None) -> Plan:
    """Build the ``run`` kind's plan: the scenario's run over its horizon (``equipoise run``)."""
    from equipoise.experiments.plans import RunPlan

    return RunPlan(scenario=scenario, scenario_ref=ref)


def ensemble_plan_of(scenario: Scenario, params: Mapping[str, Any], ref: str | None) -> Plan:
    """Build the ``ensemble`` kind's plan (``equipoise ensemble``)."""
    from equipoise.experiments.plans import EnsemblePlan

    return EnsemblePlan(
        scenario=scenario,
        scenario_ref=ref,
        n_members=int(params["members"]),
        method=str(params["method"]),
    )


def compare_plan_of(scenario: Scenario, params: Mapping[str, Any], ref: str | None) -> Plan:
    """Build the ``compare`` kind's plan: one intervention against the baseline (``equipoise compare``)."""
    from equipoise.experiments.plans import ComparePlan

    return ComparePlan(
        scenario=scenario,
        scenario_ref=ref,
        n_members=int(params["members"]),
        method=str(params["method"]),
        interventions=(str(params["intervention"]),),
    )


def claims_plan_of(scenario: Scenario, params: Mapping[str, Any], ref: str | None) -> Plan:
    """Build the ``claims`` kind's plan: a verdict for every claim (``equipoise claims``)."""
    from equipoise.experiments.plans import ClaimsPlan

    if not scenario.claims:
        raise InputError(Problem("the scenario has no claims", path="claims"))
    return ClaimsPlan(
        scenario=scenario,
        scenario_ref=ref,
        n_members=int(params["members"]),
        method=str(params["method"]),
    )


def default_registry() -> JobRegistry:
    """Return a new registry with the built-in job kinds: run, ensemble, compare, claims."""
    registry = JobRegistry()
    registry.register_job_kind(
        "run",
        run_plan_of,
        description="the run over the horizon, with the report's figures",
    )
    registry.register_job_kind(
        "ensemble",
        ensemble_plan_of,
        description="an ensemble over the declared uncertainties",
        params=EnsembleParams,
    )
    registry.register_job_kind(
        "compare",
        compare_plan_of,
        description="an intervention against the baseline (paired)",
        params=CompareParams,
    )
    registry.register_job_kind(
        "claims",
        claims_plan_of,
        description="a verdict for every claim of the scenario",
        params=EnsembleParams,
    )
    return registry


__all__ = [
    "KIND_NAME",
    "CompareParams",
    "EnsembleParams",
    "JobKind",
    "JobRegistry",
    "NoParams",
    "T_MakePlan",
    "claims_plan_of",
    "compare_plan_of",
    "default_registry",
    "ensemble_plan_of",
    "run_plan_of",
]
