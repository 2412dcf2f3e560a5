"""Long jobs off the request thread: a registry of job kinds and a bounded job queue.

A *job* is one piece of work on one scenario, of one *kind*: ``"run"`` (the baseline run, what
``equipoise run`` simulates, with the report's figures); the experiments layer adds ``"ensemble"``,
``"compare"`` and ``"claims"``. A kind is a function

    fn(scenario, params, progress) -> JSON-able result

registered on a :class:`JobRegistry` with :meth:`JobRegistry.register_job_kind`. The function
reports its progress with ``progress(fraction, message)``; the same call raises
:class:`JobCancelled` once the user has asked to cancel the job, which is how a running job
is stopped (cooperatively, between steps). The web layer owns the registry and wires the
kinds in (:func:`default_registry`), so that the layers below never import the web layer.

:class:`JobQueue` runs jobs on a small pool of worker threads behind a bounded queue: at most
``capacity`` jobs may wait or run at once, and :meth:`JobQueue.submit` raises
:class:`QueueFull` beyond that (the API answers 429). Every job is kept in the runs folder::

    RUNS_DIR/<run id>/job.json      status, progress, timings, error, provenance
    RUNS_DIR/<run id>/result.json   the result (written before the status says "succeeded")

Both files carry a ``format`` version and are replaced atomically, so an interrupted server
leaves every run either finished with its result, or marked ``interrupted`` at the next start.
"""

from __future__ import annotations

import contextlib
import json
import logging
import math
import os
import re
import secrets
import threading
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from types import TracebackType
from typing import Any, Protocol, Self

import numpy as np
from pydantic import BaseModel, ConfigDict, ValidationError

from equipoise import __version__
from equipoise.errors import EquipoiseError, InputError, Problem
from equipoise.scenario.schema import Scenario

log = logging.getLogger(__name__)

#: Version of the ``job.json`` / ``result.json`` layout; bump it and keep a reader for the old
#: one when the layout changes.
JOB_FORMAT = 1
#: A run id: the UTC time it was created and 8 random hex digits (sortable by time).
RUN_ID = re.compile(r"^[0-9]{8}T[0-9]{6}-[0-9a-f]{8}$")
#: A job kind's name.
KIND_NAME = re.compile(r"^[a-z][a-z0-9_-]{0,31}$")


class Progress(Protocol):
    """The callback a job reports its progress through."""

    def __call__(self, fraction: float, message: str = "") -> None:
        """Record that ``fraction`` (0–1) of the job is done; raise JobCancelled if cancelled."""


T_JobFn = Callable[[Scenario, Mapping[str, Any], Progress], Any]


class JobCancelled(EquipoiseError):
    """Raised inside a job by its progress callback once cancellation was requested."""


class QueueFull(EquipoiseError):
    """Raised by :meth:`JobQueue.submit` when ``capacity`` jobs are already waiting or running."""


class UnknownRun(EquipoiseError, KeyError):
    """No run with this id."""


class NoParams(BaseModel):
    """Parameters of a job kind that takes none."""

    model_config = ConfigDict(extra="forbid", frozen=True)


@dataclass(frozen=True)
class JobKind:
    """A registered kind of job.

    Attributes
    ----------
    name : str
        The kind's name (``run``, ``ensemble``...).
    fn : callable
        ``fn(scenario, params, progress) -> JSON-able result``.
    description : str
        One line for the UI and ``GET /api/kinds``.
    params : type of pydantic.BaseModel
        Validates the job's parameters before it is queued (unknown keys are rejected by
        :class:`NoParams`).
    """

    name: str
    fn: T_JobFn
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


class JobRegistry:
    """The kinds of job a :class:`JobQueue` can run.

    Examples
    --------
    >>> registry = JobRegistry()
    >>> registry.register_job_kind("echo", lambda scenario, params, progress: dict(params))
    >>> registry.names()
    ['echo']
    """

    def __init__(self) -> None:
        self._kinds: dict[str, JobKind] = {}

    def register_job_kind(
        self,
        name: str,
        fn: T_JobFn,
        *,
        description: str = "",
        params: type[BaseModel] = NoParams,
        replace: bool = False,
    ) -> None:
        """Register ``fn`` as the job kind ``name``.

        Parameters
        ----------
        name : str
            Lowercase name (letters, digits, ``-``, ``_``).
        fn : callable
            ``fn(scenario, params, progress) -> JSON-able result``; it should call
            ``progress(fraction, message)`` between steps (that call raises
            :class:`JobCancelled` when the job is cancelled).
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
        if not KIND_NAME.fullmatch(name):
            raise ValueError(f"job kind names use lowercase letters, digits, - and _, got {name!r}")
        if name in self._kinds and not replace:
            raise ValueError(f"job kind {name!r} is already registered")
        self._kinds[name] = JobKind(name=name, fn=fn, description=description, params=params)

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


def run_baseline(scenario: Scenario, params: Mapping[str, Any], progress: Progress) -> Any:
    """Run the ``run`` job: the baseline run, as ``equipoise run`` simulates it.

    Returns ``{"picture": ..., "run": ..., "figures": [...]}``: the system's picture at the
    start (:func:`equipoise.picture.picture`), the run as ``equipoise run --json`` prints it
    (:func:`equipoise.outputs.run_dict`), and the report's figures of that one run
    (:func:`equipoise.report.baseline_report_data`, each figure with its title, alternative
    text and table; :meth:`equipoise.report.figures.FigureSpec.to_dict`).
    """
    from equipoise.outputs import run_dict
    from equipoise.report import baseline_report_data, report_figures

    progress(0.1, "compiling the scenario, simulating the baseline run, bargaining")
    data = baseline_report_data(scenario)
    progress(0.8, "drawing the figures")
    figures = [f.to_dict() for f in report_figures(data).all()]
    result = {
        "picture": data.picture.to_dict(),
        "run": run_dict(data.baseline, data.picture, forecasts=data.forecasts),
        "figures": figures,
    }
    progress(1.0, "done")
    return result


def default_registry() -> JobRegistry:
    """Return a new registry with the built-in job kinds: run, ensemble, compare, claims."""
    from equipoise.web.experiment_jobs import register_experiment_jobs

    registry = JobRegistry()
    registry.register_job_kind(
        "run",
        run_baseline,
        description="the baseline run over the horizon, with the report's figures",
    )
    register_experiment_jobs(registry)
    return registry


# --------------------------------------------------------------------------------------------
# jobs


class JobStatus(StrEnum):
    """Where a job is in its life."""

    queued = "queued"
    running = "running"
    succeeded = "succeeded"
    failed = "failed"
    cancelled = "cancelled"
    interrupted = "interrupted"  # the server stopped while it was queued or running

    @property
    def finished(self) -> bool:
        """Whether the job will not change any more."""
        return self not in (JobStatus.queued, JobStatus.running)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def new_run_id() -> str:
    """Return a fresh run id, e.g. ``20261123T184500-3fa2b1c9``."""
    return f"{datetime.now(UTC):%Y%m%dT%H%M%S}-{secrets.token_hex(4)}"


@dataclass(frozen=True)
class Job:
    """A snapshot of one job (the queue hands out copies; they never change under you)."""

    id: str
    kind: str
    scenario: str
    params: dict[str, Any]
    status: JobStatus = JobStatus.queued
    progress: float = 0.0
    message: str = ""
    created: str = field(default_factory=_now)
    started: str | None = None
    finished: str | None = None
    error: str | None = None
    problems: tuple[Problem, ...] = ()
    scenario_sha256: str | None = None
    cancel_requested: bool = False

    def to_dict(self) -> dict[str, Any]:
        """Return the job as JSON-ready data (the content of ``job.json``)."""
        return {
            "format": JOB_FORMAT,
            "equipoise": __version__,
            "id": self.id,
            "kind": self.kind,
            "scenario": self.scenario,
            "scenario_sha256": self.scenario_sha256,
            "params": self.params,
            "status": self.status.value,
            "progress": self.progress,
            "message": self.message,
            "created": self.created,
            "started": self.started,
            "finished": self.finished,
            "error": self.error,
            "problems": [p.to_dict() for p in self.problems],
            "cancel_requested": self.cancel_requested,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Job:
        """Read a job from the content of ``job.json`` (format 1)."""
        if data.get("format") != JOB_FORMAT:
            raise ValueError(f"unknown job format {data.get('format')!r}")
        return cls(
            id=str(data["id"]),
            kind=str(data["kind"]),
            scenario=str(data["scenario"]),
            params=dict(data.get("params") or {}),
            status=JobStatus(data["status"]),
            progress=float(data.get("progress", 0.0)),
            message=str(data.get("message", "")),
            created=str(data["created"]),
            started=data.get("started"),
            finished=data.get("finished"),
            error=data.get("error"),
            problems=tuple(Problem(**p) for p in data.get("problems", [])),
            scenario_sha256=data.get("scenario_sha256"),
            cancel_requested=bool(data.get("cancel_requested", False)),
        )


def to_jsonable(obj: Any) -> Any:
    """Convert numpy scalars and arrays, tuples and non-finite floats into JSON-ready values.

    Raises
    ------
    TypeError
        For values JSON cannot hold.
    """
    if isinstance(obj, Mapping):
        return {str(k): to_jsonable(v) for k, v in obj.items()}
    if isinstance(obj, list | tuple):
        return [to_jsonable(v) for v in obj]
    if isinstance(obj, np.ndarray):
        return to_jsonable(obj.tolist())
    if isinstance(obj, bool | np.bool_):
        return bool(obj)
    if isinstance(obj, int | np.integer):
        return int(obj)
    if isinstance(obj, float | np.floating):
        value = float(obj)
        return value if math.isfinite(value) else None
    if obj is None or isinstance(obj, str):
        return obj
    raise TypeError(f"a job result must be JSON data, got {type(obj).__name__}")


def _write_json(path: Path, data: Any) -> None:
    """Write JSON atomically (temporary file, then rename)."""
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, allow_nan=False), encoding="utf-8")
    os.replace(tmp, path)


class JobQueue:
    """Run jobs on worker threads behind a bounded queue, keeping each in the runs folder.

    Parameters
    ----------
    runs_dir : Path
        Folder of the runs (created if absent). Past runs found there are listed again.
    registry : JobRegistry
        The kinds of job that can be submitted.
    workers : int
        Worker threads (jobs running at once).
    capacity : int
        Jobs that may be queued or running at once; :meth:`submit` raises :class:`QueueFull`
        beyond it.

    Notes
    -----
    Worker threads suit today's jobs (milliseconds of numpy). An ensemble will hand its
    members to the experiments layer's executors (processes or dask), so that the worker
    thread only waits and reports progress.
    """

    def __init__(
        self, runs_dir: Path, *, registry: JobRegistry, workers: int = 2, capacity: int = 8
    ) -> None:
        if workers < 1 or capacity < 1:
            raise ValueError("workers and capacity must be at least 1")
        self.runs_dir = Path(runs_dir)
        self.registry = registry
        self.workers = workers
        self.capacity = capacity
        self._lock = threading.Lock()
        self._jobs: dict[str, Job] = {}
        self._futures: dict[str, Future[None]] = {}
        self._closed = False
        self.runs_dir.mkdir(parents=True, exist_ok=True)
        self._root = self.runs_dir.resolve()
        self._load_past()
        self._executor = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="equipoise-job")

    # -- context manager --------------------------------------------------------------------
    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self, *, wait: bool = True) -> None:
        """Stop accepting jobs, cancel the waiting and running ones, and wait for the workers.

        Jobs that had not finished are marked ``interrupted``.
        """
        with self._lock:
            if self._closed:
                return
            self._closed = True
            for job_id, job in self._jobs.items():
                if not job.status.finished:
                    self._jobs[job_id] = replace(job, cancel_requested=True)
        self._executor.shutdown(wait=wait, cancel_futures=True)
        with self._lock:
            for job_id, job in list(self._jobs.items()):
                if not job.status.finished:
                    self._set(
                        job_id,
                        status=JobStatus.interrupted,
                        finished=_now(),
                        message="the server stopped before the job finished",
                    )

    # -- folders ----------------------------------------------------------------------------
    def run_dir(self, run_id: str) -> Path:
        """Return the folder of run ``run_id``, confined to the runs folder.

        Raises
        ------
        UnknownRun
            If the id is malformed or its folder lies outside the runs folder.
        """
        if not RUN_ID.fullmatch(run_id):
            raise UnknownRun(run_id)
        path = self.runs_dir / run_id
        if not path.resolve().is_relative_to(self._root):
            raise UnknownRun(run_id)
        return path

    def _load_past(self) -> None:
        for path in sorted(self.runs_dir.iterdir()):
            if not RUN_ID.fullmatch(path.name) or path.is_symlink() or not path.is_dir():
                continue
            try:
                job = Job.from_dict(json.loads((path / "job.json").read_text(encoding="utf-8")))
            except (OSError, ValueError, KeyError, TypeError) as exc:
                log.warning("skipping run folder %s: %s", path, exc)
                continue
            if job.id != path.name:
                continue
            if not job.status.finished:
                job = replace(
                    job,
                    status=JobStatus.interrupted,
                    finished=job.finished or _now(),
                    message="the server stopped before the job finished",
                )
                self._persist(job)
            self._jobs[job.id] = job

    def _persist(self, job: Job) -> None:
        folder = self.run_dir(job.id)
        folder.mkdir(exist_ok=True)
        _write_json(folder / "job.json", job.to_dict())

    # -- state changes (callers hold the lock) ----------------------------------------------
    def _set(self, job_id: str, *, persist: bool = True, **changes: Any) -> Job:
        """Change a job; write ``job.json`` unless ``persist`` is false (progress ticks).

        A failure to write is logged, not raised: the job's state in memory stays right while
        the server runs, and a worker never dies of a full disk.
        """
        job = replace(self._jobs[job_id], **changes)
        self._jobs[job_id] = job
        if persist:
            try:
                self._persist(job)
            except OSError as exc:
                log.error("could not write the state of run %s: %s", job_id, exc)
        return job

    # -- public API -------------------------------------------------------------------------
    def submit(
        self,
        kind: str,
        scenario: Scenario,
        *,
        scenario_name: str,
        params: Mapping[str, Any] | None = None,
        scenario_sha256: str | None = None,
    ) -> Job:
        """Queue a job and return its snapshot.

        Raises
        ------
        InputError
            Unknown kind or invalid parameters.
        QueueFull
            If ``capacity`` jobs are already queued or running.
        """
        job_kind = self.registry.get(kind)
        checked = job_kind.check_params(params or {})
        with self._lock:
            if self._closed:
                raise QueueFull("the server is shutting down")
            active = sum(1 for j in self._jobs.values() if not j.status.finished)
            if active >= self.capacity:
                raise QueueFull(
                    f"{active} jobs are queued or running (capacity {self.capacity}); "
                    "try again when one has finished"
                )
            job_id = new_run_id()
            while job_id in self._jobs:  # pragma: no cover - 32 random bits in the same second
                job_id = new_run_id()
            job = Job(
                id=job_id,
                kind=kind,
                scenario=scenario_name,
                params=checked,
                message="waiting for a worker",
                scenario_sha256=scenario_sha256,
            )
            self._jobs[job_id] = job
            self._persist(job)
            self._futures[job_id] = self._executor.submit(
                self._work, job_id, job_kind, scenario, checked
            )
            return job

    def get(self, run_id: str) -> Job:
        """Return the snapshot of run ``run_id``.

        Raises
        ------
        UnknownRun
        """
        with self._lock:
            try:
                return self._jobs[run_id]
            except KeyError:
                raise UnknownRun(run_id) from None

    def jobs(self) -> list[Job]:
        """Return every job, newest first."""
        with self._lock:
            return sorted(self._jobs.values(), key=lambda j: (j.created, j.id), reverse=True)

    def cancel(self, run_id: str) -> Job:
        """Cancel a queued job at once, or ask a running job to stop at its next step.

        Cancelling a finished job changes nothing. Returns the job's snapshot.
        """
        with self._lock:
            job = self._jobs.get(run_id)
            if job is None:
                raise UnknownRun(run_id)
            if job.status.finished:
                return job
            future = self._futures.get(run_id)
            if job.status is JobStatus.queued and future is not None and future.cancel():
                self._futures.pop(run_id, None)
                return self._set(
                    run_id,
                    status=JobStatus.cancelled,
                    finished=_now(),
                    message="cancelled before it started",
                    cancel_requested=True,
                )
            return self._set(run_id, cancel_requested=True, message="cancelling…")

    def result(self, run_id: str) -> Any:
        """Return the result of a succeeded run.

        Raises
        ------
        UnknownRun
            If there is no such run.
        FileNotFoundError
            If the run has no result (it has not succeeded).
        """
        job = self.get(run_id)
        if job.status is not JobStatus.succeeded:
            raise FileNotFoundError(run_id)
        data = json.loads((self.run_dir(run_id) / "result.json").read_text(encoding="utf-8"))
        return data["result"]

    def active(self) -> int:
        """Return the number of jobs queued or running."""
        with self._lock:
            return sum(1 for j in self._jobs.values() if not j.status.finished)

    @contextlib.contextmanager
    def _guard(self, job_id: str) -> Iterator[None]:
        """Turn whatever a job raises into its final status (a worker never dies)."""
        try:
            yield
        except JobCancelled:
            with self._lock:
                if self._closed:
                    status, message = JobStatus.interrupted, "the server stopped the job"
                else:
                    status, message = JobStatus.cancelled, "cancelled"
                self._set(job_id, status=status, finished=_now(), message=message)
        except InputError as exc:
            with self._lock:
                self._set(
                    job_id,
                    status=JobStatus.failed,
                    finished=_now(),
                    error=f"{len(exc.problems)} problem(s) in the input",
                    problems=exc.problems,
                    message="failed",
                )
        except Exception as exc:
            log.exception("job %s failed", job_id)
            with self._lock:
                self._set(
                    job_id,
                    status=JobStatus.failed,
                    finished=_now(),
                    error=f"{type(exc).__name__}: {exc}",
                    message="failed",
                )

    def _work(
        self, job_id: str, kind: JobKind, scenario: Scenario, params: Mapping[str, Any]
    ) -> None:
        with self._guard(job_id):
            with self._lock:
                if self._jobs[job_id].cancel_requested:
                    raise JobCancelled(job_id)
                self._set(job_id, status=JobStatus.running, started=_now(), message="started")

            def progress(fraction: float, message: str = "") -> None:
                with self._lock:
                    job = self._jobs[job_id]
                    if job.cancel_requested:
                        raise JobCancelled(job_id)
                    value = min(1.0, max(0.0, float(fraction)))  # NaN -> 0
                    self._set(
                        job_id,
                        persist=False,
                        progress=value,
                        message=str(message or job.message),
                    )

            result = to_jsonable(kind.fn(scenario, params, progress))
            _write_json(
                self.run_dir(job_id) / "result.json",
                {"format": JOB_FORMAT, "id": job_id, "kind": kind.name, "result": result},
            )
            with self._lock:
                self._set(
                    job_id,
                    status=JobStatus.succeeded,
                    progress=1.0,
                    finished=_now(),
                    message="done",
                )
        with self._lock:
            self._futures.pop(job_id, None)


__all__ = [
    "JOB_FORMAT",
    "RUN_ID",
    "Job",
    "JobCancelled",
    "JobKind",
    "JobQueue",
    "JobRegistry",
    "JobStatus",
    "NoParams",
    "Progress",
    "QueueFull",
    "T_JobFn",
    "UnknownRun",
    "default_registry",
    "new_run_id",
    "run_baseline",
]
