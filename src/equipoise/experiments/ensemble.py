"""Ensembles: many members of a scenario, each arm (baseline or interventions) paired.

A member is one draw of the declared uncertainties (a row of the :class:`Design`) with its own
random stream. An *arm* is a set of interventions (the empty set is the baseline). Every member
runs in every arm with the same design row and the same stream (common random numbers), so that
differences between arms are paired (Law 2015, *Simulation Modeling and Analysis*, §11.2).

Members are split into batches; a batch is one task: its members advance together through one
vectorised :func:`~equipoise.simulate.simulate` call per arm, and the task returns the values of
the requested outcomes per member and arm, and optionally the batch's tidy trajectory tables.
Batches are independent and deterministic, so the results are the same bit for bit whichever
executor ran them and however the members were batched. With a store, each finished batch is
written at once (memory stays bounded), and an interrupted ensemble resumes from its completed
batches.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from equipoise import __version__
from equipoise.compile import CompiledScenario, compile_scenario
from equipoise.errors import EquipoiseError
from equipoise.experiments.batching import (
    BatchEstimate,
    member_bytes,
    memory_batch_size,
    workers_in_flight,
)
from equipoise.experiments.executors import Executor
from equipoise.experiments.outcomes import Outcome, needs_blocs, outcome_values
from equipoise.experiments.sampling import Design, patches_for
from equipoise.experiments.variants import Variant
from equipoise.outputs import tidy_tables
from equipoise.random import member_rngs
from equipoise.scenario.schema import Scenario, Uncertainty
from equipoise.simulate import SimulationOptions, Trajectory, simulate

if TYPE_CHECKING:
    from equipoise.store import StoreBackend

T_Float = NDArray[np.float64]

BASELINE = "baseline"


@dataclass(frozen=True)
class Arm:
    """A set of interventions applied together (none: the baseline), in a model variant.

    ``variant`` names one of the payload's :class:`~equipoise.experiments.variants.Variant`
    (``""``: the model as the scenario declares it).
    """

    interventions: tuple[str, ...] = ()
    variant: str = ""

    @property
    def name(self) -> str:
        """``baseline`` or the interventions joined by ``+``, then ``@variant`` if any."""
        base = "+".join(self.interventions) if self.interventions else BASELINE
        return f"{base}@{self.variant}" if self.variant else base

    @classmethod
    def parse(cls, name: str) -> Arm:
        """Return the arm called ``name`` (the inverse of :attr:`name`)."""
        base, _, variant = name.partition("@")
        return cls(() if base == BASELINE else tuple(base.split("+")), variant)


@dataclass(frozen=True)
class Payload:
    """Everything a worker needs to evaluate batches (sent to each worker once)."""

    scenario: Scenario
    uncertainties: tuple[Uncertainty, ...]
    design: Design
    arms: tuple[Arm, ...]
    outcomes: tuple[Outcome, ...] = ()
    keep_tables: bool = False
    skip_tables: tuple[str, ...] = ()  # tidy tables not to keep (e.g. "dyads": n^2 rows a step)
    bloc_years: tuple[float, ...] | Literal["all"] = ()
    keep_trajectory: bool = False  # return each batch's whole trajectory (the single run)
    variants: tuple[Variant, ...] = ()  # the model variants the arms name
    #: Arms that need only some of the outcomes: (arm name, outcome labels). An arm not named
    #: here gets every outcome. (A claim run's variant arms need only the claims' outcomes,
    #: and blocs only where those use them: the blocs are most of a step's work.)
    arm_outcomes: tuple[tuple[str, tuple[str, ...]], ...] = ()

    #: Arms that run only the first members: (arm name, how many). The others run every member.
    #: (A claim run's one-at-a-time ablations, paired with the full model on those members.)
    arm_members: tuple[tuple[str, int], ...] = ()

    def members_of(self, arm: Arm) -> int:
        """Return how many members (the first ones) an arm runs."""
        for name, count in self.arm_members:
            if name == arm.name:
                return min(count, self.design.n_members)
        return self.design.n_members

    def outcomes_of(self, arm: Arm) -> tuple[Outcome, ...]:
        """Return the outcomes an arm needs."""
        for name, labels in self.arm_outcomes:
            if name == arm.name:
                return tuple(o for o in self.outcomes if o.label in labels)
        return self.outcomes

    def __post_init__(self) -> None:
        names = {v.name for v in self.variants}
        missing = sorted({a.variant for a in self.arms if a.variant and a.variant not in names})
        if missing:
            raise EquipoiseError(f"arms name unknown model variant(s): {', '.join(missing)}")


@dataclass(frozen=True)
class Task:
    """One batch: members ``start`` to ``stop - 1``."""

    batch: int
    start: int
    stop: int


@dataclass
class BatchResult:
    """What a batch returns: outcome values per arm, and optionally its tables."""

    batch: int
    members: NDArray[np.int64]
    values: dict[tuple[str, str], T_Float]  # (arm, outcome label) -> (B,) or (B, a)
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    seconds: float = 0.0
    trajectories: dict[str, Trajectory] = field(default_factory=dict)  # arm -> trajectory
    #: The members of arms that run only some of them (:attr:`Payload.arm_members`).
    arm_rows: dict[str, NDArray[np.int64]] = field(default_factory=dict)


def scenario_hash(scenario: Scenario) -> str:
    """Return a stable hash of a scenario's content."""
    text = json.dumps(scenario.model_dump(mode="json"), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


#: Compiled scenarios of the last few payloads, keyed by the scenario object's id. Each entry
#: holds the scenario itself, so its id cannot be reused by another object while it is cached
#: (an id alone could then return another scenario's compilation); a lock guards it because
#: the web app runs jobs in worker threads.
_COMPILED: OrderedDict[tuple[int, Variant | None], tuple[Scenario, CompiledScenario]] = (
    OrderedDict()
)
_COMPILED_SIZE = 48  # a claims run with the ablation set and a multiverse: about 20 variants
_COMPILED_LOCK = threading.Lock()


def compiled_for(scenario: Scenario, variant: Variant | None = None) -> CompiledScenario:
    """Return the compiled scenario (of a model variant), cached for the batches of a run."""
    key = (id(scenario), variant)
    with _COMPILED_LOCK:
        entry = _COMPILED.get(key)
        if entry is not None and entry[0] is scenario:
            _COMPILED.move_to_end(key)
            return entry[1]
    compiled = compile_scenario(scenario) if variant is None else variant.compile(scenario)
    with _COMPILED_LOCK:
        _COMPILED[key] = (scenario, compiled)
        _COMPILED.move_to_end(key)
        while len(_COMPILED) > _COMPILED_SIZE:
            _COMPILED.popitem(last=False)
    return compiled


def _compiled(scenario: Scenario) -> CompiledScenario:
    """Return the compiled scenario of the full model (:func:`compiled_for` without variant)."""
    return compiled_for(scenario)


def _bloc_steps(payload: Payload, arm: Arm | None = None) -> tuple[int, ...] | Literal["all"]:
    """Return the steps at which something reads the blocs (the payload's years, its outcomes).

    Blocs (and frustration, polarity, bipolarity) are the costliest metrics of a step, so
    they are computed only where read: every step when asked (``"all"``: the ensemble's
    yearly summary, the single run), the steps of the outcomes that need them (claims on
    polarity, same_bloc...), and the last step when the tidy tables are kept (they show the
    final blocs). A payload that reads no bloc computes none. With ``arm``: the steps that arm
    reads (an arm with its own outcomes, a model variant, reads only those).
    """
    if payload.bloc_years == "all":
        return "all"
    s = payload.scenario.scenario
    dt = s.time_step
    T = max(1, round(s.horizon / dt))
    only = arm is not None and any(name == arm.name for name, _ in payload.arm_outcomes)
    steps = {T} if payload.keep_tables and not only else set()
    for year in () if only else payload.bloc_years:
        steps.add(min(T, max(0, round((year - s.start_year) / dt))))
    for outcome in payload.outcomes if arm is None else payload.outcomes_of(arm):
        if needs_blocs(outcome.metric):
            year = outcome.year if outcome.year is not None else s.start_year + s.horizon
            steps.add(min(T, max(0, round((year - s.start_year) / dt))))
    return tuple(sorted(steps))


#: The per-step hook of batches run in this thread (:func:`step_hook`): workers of the process
#: and Dask executors never have one.
_STEP_HOOK = threading.local()


@contextmanager
def step_hook(fn: Callable[[int, int], None]) -> Iterator[None]:
    """Call ``fn(step, n_steps)`` after every step of the batches this thread runs.

    For work on the local executor (the web app's jobs): ``fn`` may raise to stop a long run
    between two steps of the time loop, not only between batches; the run is then left
    incomplete like any interrupted run.
    """
    _STEP_HOOK.fn = fn
    try:
        yield
    finally:
        _STEP_HOOK.fn = None


def evaluate_batch(payload: Payload, task: Task) -> BatchResult:
    """Run one batch of members in every arm and collect its outcomes (a worker's job)."""
    t0 = time.perf_counter()
    variants = {v.name: v for v in payload.variants}
    rows = np.arange(task.start, task.stop, dtype=np.int64)
    patches = patches_for(payload.design, payload.uncertainties, rows)
    options = SimulationOptions(
        # relations are always kept: relation and alignment outcomes read them at any step
        bloc_steps=_bloc_steps(payload),
        keep_relations=True,
        on_step=getattr(_STEP_HOOK, "fn", None),
    )
    partial = {name for name, _ in payload.arm_outcomes}
    values: dict[tuple[str, str], T_Float] = {}
    frames: dict[str, list[pd.DataFrame]] = {}
    trajectories: dict[str, Trajectory] = {}
    arm_rows: dict[str, NDArray[np.int64]] = {}
    for arm in payload.arms:
        variant = variants[arm.variant] if arm.variant else None
        arm_patches, members = patches, rows
        limit = payload.members_of(arm)
        if limit < task.stop:
            members = rows[rows < limit]
            arm_rows[arm.name] = members
            if members.size == 0:
                continue
            arm_patches = patches_for(payload.design, payload.uncertainties, members)
        tr = simulate(
            compiled_for(payload.scenario, variant),
            interventions=arm.interventions,
            patches=arm_patches if variant is None else variant.patches(arm_patches),
            n_members=members.size,
            rng=member_rngs(payload.design.seed, members),
            options=options
            if arm.name not in partial
            else dataclasses.replace(options, bloc_steps=_bloc_steps(payload, arm)),
        )
        for outcome in payload.outcomes_of(arm):
            values[(arm.name, outcome.label)] = outcome_values(tr, outcome)
        if payload.keep_trajectory:
            trajectories[arm.name] = tr
        if payload.keep_tables:
            for name, frame in tidy_tables(tr, skip=payload.skip_tables).items():
                frame = frame.copy()
                frame["member"] = members[frame["member"].to_numpy()]
                frame.insert(0, "arm", arm.name)
                frames.setdefault(name, []).append(frame)
    tables = {name: pd.concat(parts, ignore_index=True) for name, parts in frames.items()}
    return BatchResult(
        task.batch,
        rows,
        values,
        tables,
        time.perf_counter() - t0,
        trajectories=trajectories,
        arm_rows=arm_rows,
    )


#: Members per batch at most when the batch size is chosen from memory (the former default).
DEFAULT_BATCH_SIZE = 100


def choose_batch_size(
    payload: Payload,
    executor: Executor[Any, Any, Any],
    *,
    max_batch_size: int = DEFAULT_BATCH_SIZE,
    available: int | None = None,
) -> BatchEstimate:
    """Choose the members per batch from the memory available and the scenario's size.

    Parameters
    ----------
    payload : Payload
        The scenario (its actors, steps, indicators and issues), arms and what each batch
        keeps (tables, the dyad table, trajectories).
    executor : Executor
        How many batches are in memory at once (one per worker, plus the copy the coordinator
        receives; one on the local executor).
    max_batch_size : int
        The largest batch returned.
    available : int, optional
        Bytes available (read from the system when omitted,
        :func:`~equipoise.experiments.batching.available_memory`).

    Returns
    -------
    BatchEstimate
        The batch size and the figures it came from (:mod:`equipoise.experiments.batching`).
    """
    compiled = _compiled(payload.scenario)
    n = len(compiled.actors)
    s = payload.scenario.scenario
    steps = max(1, round(s.horizon / s.time_step))
    tables = payload.keep_tables
    per_member = member_bytes(
        n,
        steps,
        n_indicators=len(payload.scenario.indicators),
        n_issues=len(payload.scenario.issues),
        tables=tables,
        dyad_table=tables and "dyads" not in payload.skip_tables,
    )
    if tables or payload.keep_trajectory:  # every arm's tables or trajectory stay until the end
        per_member *= max(1, len(payload.arms))
    in_flight = workers_in_flight(
        executor.n_workers, tables=tables or payload.keep_trajectory, local=executor.name == "local"
    )
    return memory_batch_size(
        per_member,
        default=max_batch_size,
        n_members=payload.design.n_members,
        in_flight=in_flight,
        available=available,
        source=None if available is None else "given",
    )


def make_tasks(n_members: int, batch_size: int) -> list[Task]:
    """Split members into batches of ``batch_size`` (the last may be smaller)."""
    if batch_size < 1:
        raise EquipoiseError(f"batch size must be at least 1, got {batch_size}")
    return [
        Task(b, start, min(start + batch_size, n_members))
        for b, start in enumerate(range(0, n_members, batch_size))
    ]


def _outcome_frame(result: BatchResult) -> pd.DataFrame:
    """Return a batch's outcome values as the long ``outcomes`` table.

    Outcome by outcome, and within one column by column (index 0 of every member, then index
    1...); built as one frame (a UN ensemble has about 1,500 outcomes, 193 values each for a
    per-actor one: a frame each took a few seconds a batch).
    """
    members: list[NDArray[np.int64]] = []
    indices: list[NDArray[np.int64]] = []
    values: list[T_Float] = []
    arms: list[str] = []
    labels: list[str] = []
    sizes: list[int] = []
    for (arm, label), arr in result.values.items():
        a = np.asarray(arr, dtype=np.float64)
        cols = a.reshape(a.shape[0], -1)
        if cols.shape[1] == 0:
            continue
        rows = np.asarray(result.arm_rows.get(arm, result.members), dtype=np.int64)
        members.append(np.tile(rows, cols.shape[1]))
        indices.append(np.repeat(np.arange(cols.shape[1], dtype=np.int64), cols.shape[0]))
        values.append(cols.T.ravel())
        arms.append(arm)
        labels.append(label)
        sizes.append(cols.size)
    if not members:
        return pd.DataFrame({"member": [], "arm": [], "outcome": [], "index": [], "value": []})
    return pd.DataFrame(
        {
            "member": np.concatenate(members),
            "arm": np.repeat(np.array(arms, dtype=object), sizes),
            "outcome": np.repeat(np.array(labels, dtype=object), sizes),
            "index": np.concatenate(indices),
            "value": np.concatenate(values),
        }
    )


def _inputs_frame(design: Design, rows: NDArray[np.int64]) -> pd.DataFrame:
    frame = pd.DataFrame(design.values[rows], columns=list(design.names))
    frame.insert(0, "member", rows)
    return frame


@dataclass
class EnsembleResult:
    """The outcome values of every member and arm, in member order."""

    run_id: str | None
    design: Design
    arms: tuple[Arm, ...]
    outcomes: tuple[Outcome, ...]
    values: dict[tuple[str, str], T_Float]
    seconds: float
    executor: str
    n_workers: int
    resumed_batches: int = 0
    #: Each arm's trajectories, batch by batch (only with ``Payload.keep_trajectory``; batches
    #: read back from the store on resume have none).
    trajectories: dict[str, list[Trajectory]] = field(default_factory=dict)

    @property
    def n_members(self) -> int:
        """Number of members."""
        return self.design.n_members

    def get(self, arm: str, outcome: Outcome) -> T_Float:
        """Return the values of an outcome in an arm, member by member."""
        return self.values[(arm, outcome.label)]


def run_ensemble(
    payload: Payload,
    *,
    executor: Executor[Any, Any, Any],
    batch_size: int | None = None,
    max_batch_size: int = DEFAULT_BATCH_SIZE,
    store: StoreBackend | None = None,
    kind: str = "ensemble",
    parameters: dict[str, Any] | None = None,
    resume: str | None = None,
    progress: Callable[[int], None] | None = None,
    on_run: Callable[[str], None] | None = None,
    run_id: str | None = None,
) -> EnsembleResult:
    """Run every batch of an ensemble on an executor, storing each as it completes.

    Parameters
    ----------
    payload : Payload
        The scenario, design, arms and outcomes.
    executor : Executor
        Where the batches run.
    batch_size : int, optional
        Members per task; by default chosen from the memory available and the scenario's
        size (:func:`choose_batch_size`), at most ``max_batch_size``. The numbers do not
        depend on it.
    max_batch_size : int
        The largest batch chosen when ``batch_size`` is not given.
    store : StoreBackend, optional
        Where batches are recorded (required to resume).
    kind : str
        The run's kind in the store's catalog.
    parameters : dict, optional
        What to record in the catalog about how the run was asked for.
    resume : str, optional
        Id of an incomplete run of the same scenario and design to finish.
    progress : callable, optional
        Called with the number of members of each batch as it completes.
    on_run : callable, optional
        Called with the run's id as soon as it is known (to tell the user how to resume).
    run_id : str, optional
        The id to record a new run under (reserved by the caller; see
        :meth:`equipoise.store.StoreBackend.create_run`).

    Returns
    -------
    EnsembleResult

    Raises
    ------
    EquipoiseError
        If a resumed run does not match, or a worker died (the run is left incomplete).
    KeyboardInterrupt
        Passed on after the run is marked incomplete in the store.
    """
    t0 = time.perf_counter()
    sizing: BatchEstimate | None = None
    if batch_size is None:
        sizing = choose_batch_size(payload, executor, max_batch_size=max_batch_size)
        batch_size = sizing.batch_size
    tasks = make_tasks(payload.design.n_members, batch_size)
    new_id, run_id = run_id, None
    done: set[int] = set()
    if store is not None:
        digest = scenario_hash(payload.scenario)
        if resume is not None:
            info = store.get_run(resume)
            if info.get("kind") != kind:
                raise EquipoiseError(
                    f"run {resume} is a {info.get('kind')} run, not a {kind} run; resume it "
                    f"with equipoise {info.get('kind')} --resume {resume}"
                )
            if info.get("scenario_hash") != digest:
                raise EquipoiseError(
                    f"run {resume} was made with another version of the scenario; a resumed "
                    "run must run the same scenario"
                )
            if info.get("status") == "complete":
                raise EquipoiseError(f"run {resume} is already complete")
            run_id = resume
            done = set(store.completed_batches(resume))
        else:
            run_id = store.create_run(
                kind=kind,
                scenario_name=payload.scenario.scenario.name,
                scenario_hash=digest,
                parameters={
                    **(parameters or {}),
                    "n_members": payload.design.n_members,
                    "batch_size": batch_size,
                    **({} if sizing is None else {"batch_sizing": asdict(sizing)}),
                    "method": payload.design.method,
                    "arms": [a.name for a in payload.arms],
                    "outcomes": [o.label for o in payload.outcomes],
                    "uncertainties": list(payload.design.names),
                },
                seed=payload.design.seed,
                n_members=payload.design.n_members,
                n_batches=len(tasks),
                code_version=__version__,
                run_id=new_id,
            )
    if on_run is not None and run_id is not None:
        on_run(run_id)
    collected: dict[int, BatchResult] = {}
    todo = [t for t in tasks if t.batch not in done]
    trajectories: dict[str, dict[int, Trajectory]] = {}
    if progress is not None:
        for t in tasks:
            if t.batch in done:
                progress(t.stop - t.start)
    try:
        for task, result in executor.map_unordered(evaluate_batch, payload, todo):
            if store is not None and run_id is not None:
                tables = dict(result.tables)
                tables["outcomes"] = _outcome_frame(result)
                tables["inputs"] = _inputs_frame(payload.design, result.members)
                store.write_batch(run_id, task.batch, tables)
                result.tables = {}
            for arm_name, tr in result.trajectories.items():
                trajectories.setdefault(arm_name, {})[task.batch] = tr
            result.trajectories = {}
            collected[task.batch] = result
            if progress is not None:
                progress(task.stop - task.start)
    except BaseException:
        if store is not None and run_id is not None:
            store.finish(run_id, status="incomplete")
        raise
    values = _assemble(payload, tasks, collected, store, run_id, done)
    seconds = time.perf_counter() - t0
    if store is not None and run_id is not None:
        store.finish(
            run_id, status="complete", summary={"seconds": seconds, "executor": executor.name}
        )
    return EnsembleResult(
        run_id=run_id,
        design=payload.design,
        arms=payload.arms,
        outcomes=payload.outcomes,
        values=values,
        seconds=seconds,
        executor=executor.name,
        n_workers=executor.n_workers,
        resumed_batches=len(done),
        trajectories={arm: [by[b] for b in sorted(by)] for arm, by in trajectories.items()},
    )


def _assemble(
    payload: Payload,
    tasks: Sequence[Task],
    collected: dict[int, BatchResult],
    store: StoreBackend | None,
    run_id: str | None,
    done: set[int],
) -> dict[tuple[str, str], T_Float]:
    n = payload.design.n_members
    values: dict[tuple[str, str], T_Float] = {}
    stored: pd.DataFrame | None = None
    if done and store is not None and run_id is not None:
        stored = store.read_table(run_id, "outcomes")
    for arm in payload.arms:
        limit = payload.members_of(arm)
        for outcome in payload.outcomes_of(arm):
            key = (arm.name, outcome.label)
            parts: list[T_Float] = []
            for task in tasks:
                stop = min(task.stop, limit)
                if stop <= task.start:
                    continue
                if task.batch in collected:
                    parts.append(np.asarray(collected[task.batch].values[key], dtype=np.float64))
                else:
                    assert stored is not None
                    sel = stored[
                        (stored["arm"] == arm.name)
                        & (stored["outcome"] == outcome.label)
                        & (stored["member"] >= task.start)
                        & (stored["member"] < stop)
                    ].sort_values(["member", "index"])
                    width = int(sel["index"].max()) + 1 if len(sel) else 1
                    arr = sel["value"].to_numpy(dtype=np.float64).reshape(stop - task.start, width)
                    parts.append(arr if outcome.per_actor else arr[:, 0])
            # C order always: numpy's summation order depends on the memory layout, and
            # summaries must not depend on whether a batch came from a worker or the store
            joined = np.ascontiguousarray(np.concatenate(parts, axis=0) if parts else np.zeros(0))
            if joined.shape[0] != min(n, limit):  # pragma: no cover - guarded by make_tasks
                raise EquipoiseError("internal error: members missing from the ensemble")
            values[key] = joined
    return values


__all__ = [
    "BASELINE",
    "DEFAULT_BATCH_SIZE",
    "Arm",
    "BatchResult",
    "EnsembleResult",
    "Payload",
    "Task",
    "choose_batch_size",
    "compiled_for",
    "evaluate_batch",
    "make_tasks",
    "run_ensemble",
    "scenario_hash",
    "step_hook",
]
