r"""Plans: one typed object per workflow, run by one function on any executor, stored as one run.

A *plan* says what to compute (a scenario, the members and how their inputs are drawn, the
arms, the outcomes); :func:`~equipoise.experiments.plans.run_plan` computes it on an executor,
records it in a results store as one run, and hands the raw ensemble to the plan's
:meth:`Plan.analyse`, which returns the plan's typed result. The command line, the web app,
the report and the Python API only build plans and present results (SALib's ``ProblemSpec``
and the EMA Workbench's ``perform_experiments`` are the models, without the latter's 18
keywords).

A plan's :meth:`Plan.arguments` are everything that determines its numbers. They are recorded
with the run; resuming a run rebuilds the plan from them (``plan_from_run``), and a
resume that asks for anything else is refused, naming what differs.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

from equipoise.experiments.ensemble import EnsembleResult, Payload

if TYPE_CHECKING:
    import pandas as pd

    from equipoise.scenario.schema import Scenario


@dataclass(frozen=True)
class RunInfo:
    """How a plan was run: the run's id in the store (if stored), where and how fast."""

    run_id: str | None
    kind: str
    n_members: int
    arms: tuple[str, ...]
    seed: int
    method: str
    executor: str
    n_workers: int
    seconds: float
    resumed_batches: int = 0

    @classmethod
    def of(cls, kind: str, result: EnsembleResult) -> RunInfo:
        """Return the record of an ensemble that a plan of ``kind`` ran."""
        return cls(
            run_id=result.run_id,
            kind=kind,
            n_members=result.n_members,
            arms=tuple(a.name for a in result.arms),
            seed=result.design.seed,
            method=result.design.method,
            executor=result.executor,
            n_workers=result.n_workers,
            seconds=result.seconds,
            resumed_batches=result.resumed_batches,
        )

    def to_dict(self) -> dict[str, Any]:
        """Return the record as JSON-ready data (the keys every experiment command prints)."""
        runs = self.n_members * max(1, len(self.arms))
        return {
            "run_id": self.run_id,
            "kind": self.kind,
            "members": self.n_members,
            "arms": list(self.arms),
            "executor": self.executor,
            "workers": self.n_workers,
            "seconds": round(self.seconds, 3),
            "members_per_second": round(runs / max(self.seconds, 1e-9), 1),
            "resumed_batches": self.resumed_batches,
            "seed": self.seed,
            "method": self.method,
        }


@dataclass(frozen=True)
class PlanResult(ABC):
    """What a plan returns: its run's record and its own typed numbers."""

    run: RunInfo

    @abstractmethod
    def to_dict(self) -> dict[str, Any]:
        """Return the result as JSON-ready data (what ``--json`` prints)."""

    def stored(self) -> Mapping[str, pd.DataFrame | dict[str, Any]]:
        """Return the named results the store keeps with the run (the declared schema)."""
        return {}


@dataclass(frozen=True, kw_only=True)
class Plan(ABC):
    """A workflow: what to compute, independent of where it runs.

    Subclasses set :attr:`kind`, implement :meth:`arguments`, :meth:`payload` and
    :meth:`analyse`, and are registered in :data:`equipoise.experiments.plans.PLAN_KINDS`.
    """

    kind: ClassVar[str]
    #: Members per task when the caller does not choose (memory is bounded by a batch).
    default_batch_size: ClassVar[int] = 100

    scenario: Scenario
    #: Where the scenario came from (a bundled name or a path), recorded to resume the run.
    scenario_ref: str | None = field(default=None, compare=False)

    @property
    def seed(self) -> int:
        """The seed everything derives from: the scenario's (``--seed`` sets it)."""
        return int(self.scenario.scenario.seed)

    @abstractmethod
    def arguments(self) -> dict[str, Any]:
        """Return everything besides the scenario that determines the numbers (JSON-ready)."""

    @abstractmethod
    def payload(self) -> Payload:
        """Return what the workers evaluate (scenario, design, arms, outcomes)."""

    @abstractmethod
    def analyse(self, result: EnsembleResult) -> PlanResult:
        """Turn the raw ensemble into the plan's result."""

    @property
    def label(self) -> str:
        """What a progress bar calls the work."""
        return self.kind

    @classmethod
    @abstractmethod
    def from_arguments(
        cls, scenario: Scenario, arguments: Mapping[str, Any], *, scenario_ref: str | None = None
    ) -> Plan:
        """Rebuild a plan from its recorded :meth:`arguments` (to resume its run)."""


class StagedPlan(Plan):
    """A plan that runs as a sequence of ensembles (stages), not as one.

    A hindcast's stages are its origins, each on its own scenario; a calibration's are its
    generations, each drawn from the last. :func:`~equipoise.experiments.plans.run_plan` hands
    the plan the open executor and the store and lets :meth:`execute` run its stages (each
    stage recorded as one batch of the plan's run, so that an interrupted run resumes at its
    first unfinished stage). :meth:`payload` is the first stage's ensemble where stages are
    ensembles of the scenario; a plan whose stages are not refuses it.
    """

    @abstractmethod
    def execute(
        self,
        *,
        executor: Any,
        batch_size: int,
        store: Any,
        resume: str | None,
        progress: Any,
        on_run: Any,
        run_id: str | None,
        parameters: Mapping[str, Any],
    ) -> PlanResult:
        """Run every stage and return the plan's result."""

    def total(self) -> int:
        """Member-runs of every stage (for a progress bar)."""
        return 0


__all__ = ["Plan", "PlanResult", "RunInfo", "StagedPlan"]
