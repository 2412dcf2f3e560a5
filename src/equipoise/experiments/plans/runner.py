"""Run a plan: on an executor, into a store, with progress, resumable."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from equipoise.errors import EquipoiseError, InputError, Problem
from equipoise.experiments.ensemble import run_ensemble
from equipoise.experiments.plans._base import Plan, PlanResult, StagedPlan

if TYPE_CHECKING:
    from equipoise.experiments.executors import Executor
    from equipoise.store import StoreBackend

R = TypeVar("R", bound=PlanResult)

#: Where batches run: an executor's name or an open executor.
T_Where = Literal["local", "processes", "dask"]


@dataclass(frozen=True)
class Execution:
    """How and where a plan runs (what every experiment command shares).

    Attributes
    ----------
    executor : {"local", "processes", "dask"}
        Where batches run; the numbers are the same on each.
    address : str, optional
        A Dask scheduler's address (``tcp://host:8786``); without it, a local cluster.
    workers : int, optional
        Worker processes (default: the cores).
    batch_size : int, optional
        Members per task. By default the largest batch, up to the plan's default, that fits in
        half the memory available with the scenario's size
        (:func:`~equipoise.experiments.ensemble.choose_batch_size`). Numbers do not depend on it.
    """

    executor: T_Where = "local"
    address: str | None = None
    workers: int | None = None
    batch_size: int | None = None


def _resumed_arguments(plan: Plan, info: Mapping[str, Any]) -> None:
    recorded = dict((info.get("parameters") or {}).get("arguments") or {})
    if not recorded:
        raise InputError(
            Problem(
                f"run {info.get('run_id')} was stored by an older equipoise without its "
                "arguments; it cannot be resumed safely — start a new run",
                path="resume",
            )
        )
    asked = plan.arguments()
    differ = sorted(k for k in set(recorded) | set(asked) if recorded.get(k) != asked.get(k))
    if differ:
        said = "; ".join(
            f"{k}: the run has {recorded.get(k)!r}, this asks for {asked.get(k)!r}" for k in differ
        )
        raise InputError(
            Problem(
                f"run {info.get('run_id')} was made with other arguments ({said}); resume it "
                "with its own arguments (give only --resume), or start a new run",
                path="resume",
            )
        )


def run_plan(
    plan: Plan,
    *,
    execution: Execution | None = None,
    executor: Executor[Any, Any, Any] | None = None,
    store: StoreBackend | None = None,
    resume: str | None = None,
    progress: Callable[[int], None] | None = None,
    on_run: Callable[[str], None] | None = None,
    run_id: str | None = None,
) -> PlanResult:
    """Compute a plan: run its members in batches, store the run, analyse the result.

    Parameters
    ----------
    plan : Plan
        What to compute.
    execution : Execution, optional
        Where and how (default: this process, the plan's batch size).
    executor : Executor, optional
        An executor that is already open (the report runs two plans on one); overrides
        ``execution.executor``.
    store : StoreBackend, optional
        Where the run is recorded, batch by batch, with the plan's results (needed to resume).
    resume : str, optional
        The id of an interrupted run of this plan to finish. Its recorded arguments must equal
        the plan's (:func:`equipoise.experiments.plans.plan_from_run` rebuilds the plan from
        them); its batch size is the recorded one.
    progress : callable, optional
        Called with the number of member-runs (members × arms) of each batch as it completes.
    on_run : callable, optional
        Called with the run's id as soon as it exists (to say how to resume).
    run_id : str, optional
        Record a new run under this id (reserved by the caller, as the web app's queued jobs
        are; see :meth:`equipoise.store.StoreBackend.create_run`).

    Returns
    -------
    PlanResult
        The plan's own result type (:meth:`Plan.analyse`).

    Raises
    ------
    InputError
        A resume with other arguments, or without a store.
    EquipoiseError
        A resume of another kind of run, or of a changed scenario, or a worker that died
        (the run is left incomplete).
    KeyboardInterrupt
        Passed on after the run is marked incomplete.
    """
    from equipoise import __version__
    from equipoise.experiments.executors import make_executor

    execution = execution or Execution()
    # None: chosen from the memory available and the scenario's size, at most the plan's default
    batch_size = execution.batch_size
    if resume is not None:
        if store is None:
            raise InputError(Problem("resuming a run needs its store", path="store"))
        info = store.get_run(resume)
        if info.get("kind") != plan.kind:
            raise EquipoiseError(
                f"run {resume} is a {info.get('kind')} run, not a {plan.kind} run; resume it "
                f"with equipoise {info.get('kind')} --resume {resume}"
            )
        _resumed_arguments(plan, info)
        recorded = (info.get("parameters") or {}).get("batch_size")
        batch_size = int(recorded) if recorded is not None else batch_size
    parameters = {
        "arguments": plan.arguments(),
        "scenario_ref": plan.scenario_ref,
        "equipoise": __version__,
    }

    def context() -> AbstractContextManager[Any]:
        if executor is not None:
            return nullcontext(executor)
        return make_executor(
            execution.executor, address=execution.address, n_workers=execution.workers
        )

    if isinstance(plan, StagedPlan):
        with context() as ex:
            assert ex is not None
            return plan.execute(
                executor=ex,
                batch_size=batch_size or plan.default_batch_size,
                store=store,
                resume=resume,
                progress=progress,
                on_run=on_run,
                run_id=run_id,
                parameters={**parameters, "executor": ex.name},
            )
    payload = plan.payload()
    scale = len(payload.arms)
    with context() as ex:
        assert ex is not None
        result = run_ensemble(
            payload,
            executor=ex,
            batch_size=batch_size,
            max_batch_size=plan.default_batch_size,
            store=store,
            kind=plan.kind,
            parameters={**parameters, "executor": ex.name},
            resume=resume,
            progress=None if progress is None else (lambda n: progress(n * scale)),
            on_run=on_run,
            run_id=run_id,
        )
    analysed = plan.analyse(result)
    if store is not None and result.run_id is not None:
        existing = set(store.get_run(result.run_id).get("results") or {})
        for name, obj in analysed.stored().items():
            if name not in existing:
                store.write_result(result.run_id, name, obj)
    return analysed


def run_typed(plan: Plan, result_type: type[R], **kwargs: Any) -> R:
    """Run a plan (:func:`run_plan`) and check the type of its result."""
    result = run_plan(plan, **kwargs)
    if not isinstance(result, result_type):  # pragma: no cover - each plan returns its type
        raise TypeError(f"{plan.kind} returned {type(result).__name__}")
    return result


__all__ = ["Execution", "run_plan", "run_typed"]
