"""Long jobs off the request thread: a bounded queue whose every job is one run of the store.

The web app keeps no run record of its own. A job's id is the id of its run in the results
store (``YYYYMMDD-HHMMSS-xxxx``, :func:`equipoise.store.runstore.new_run_id`), handed out when
the job is queued and passed to the store when the run starts, so that what the store says
of a run (its kind, scenario, status, batches, results) is what the web shows, for the runs
of the web app and of the command line alike. :class:`JobQueue` keeps in memory only what the
store cannot know yet:

* that a job waits for a worker (``queued``), and the progress fraction and message of a
  running one;
* that the user asked to cancel it (the job's progress callback then raises
  :class:`JobCancelled`; the run is left ``incomplete`` in the store, resumable);
* an error raised before its run was created (an input error: the job is ``failed`` and the
  store never hears of it), and the error of a job that failed after (the store records the
  run as ``failed``).

What a job does is a function ``work(run_id, progress)`` handed to :meth:`JobQueue.submit`;
the queue knows nothing of job kinds or plans (:mod:`equipoise.web.kinds` does).

Statuses are the store's (``running``, ``complete``, ``incomplete``, ``failed``) plus
``queued``, and ``cancelled`` for a job cancelled before its run existed.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from enum import StrEnum
from types import TracebackType
from typing import Any, Protocol, Self

from equipoise.errors import EquipoiseError, InputError, Problem
from equipoise.store import RunNotFoundError, StoreBackend, StoreError
from equipoise.store.runstore import new_run_id

log = logging.getLogger(__name__)

#: A run id as the store makes them: UTC date and time, then 4 to 32 random hex digits.
RUN_ID_PATTERN = r"^[0-9]{8}-[0-9]{6}-[0-9a-f]{4,32}$"


class Progress(Protocol):
    """The callback a job reports its progress through."""

    def __call__(self, fraction: float, message: str = "") -> None:
        """Record that ``fraction`` (0–1) of the job is done; raise JobCancelled if cancelled."""


#: What a job does: ``work(run_id, progress)``, recording run ``run_id`` in the store.
T_Work = Callable[[str, Progress], None]


class JobCancelled(EquipoiseError):
    """Raised inside a job by its progress callback once cancellation was requested."""


class QueueFull(EquipoiseError):
    """Raised by :meth:`JobQueue.submit` when ``capacity`` jobs are already waiting or running."""


class UnknownRun(EquipoiseError, KeyError):
    """No run with this id."""


class JobStatus(StrEnum):
    """Where a run is: the store's statuses, and two that only the queue knows."""

    queued = "queued"  # waiting for a worker (not in the store yet)
    running = "running"
    complete = "complete"
    incomplete = "incomplete"  # interrupted or cancelled while running; resumable
    failed = "failed"
    cancelled = "cancelled"  # cancelled before its run started (never in the store)

    @property
    def finished(self) -> bool:
        """Whether the run will not change any more (an incomplete run may be resumed)."""
        return self not in (JobStatus.queued, JobStatus.running)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


@dataclass(frozen=True)
class Job:
    """A snapshot of one run as the web shows it (copies; they never change under you).

    ``scenario`` is the name the web app knows the scenario by; ``stored`` says whether the
    store has the run, ``managed`` whether this server ran (or runs) it.
    """

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
    n_members: int | None = None
    stored: bool = False
    managed: bool = False  # run by this server (which can cancel it)

    @property
    def cancellable(self) -> bool:
        """Whether this server can cancel the run (it runs it, and it has not finished)."""
        return self.managed and not self.status.finished

    @classmethod
    def from_store(cls, info: Mapping[str, Any], *, scenario: str | None = None) -> Job:
        """Describe a stored run (a row of ``list_runs`` or the dict of ``get_run``)."""
        status = JobStatus(str(info["status"]))
        n, done = int(info.get("n_batches") or 0), int(info.get("n_batches_done") or 0)
        params = info.get("parameters") or {}
        if isinstance(params, str):  # list_runs gives JSON text
            import json

            params = json.loads(params)
        return cls(
            id=str(info["run_id"]),
            kind=str(info["kind"]),
            scenario=scenario or str(info["scenario_name"]),
            params=dict(params.get("arguments") or {}),
            status=status,
            progress=1.0 if status is JobStatus.complete else (done / n if n else 0.0),
            message="",
            created=_stamp(info.get("created_at")) or "",
            started=_stamp(info.get("created_at")),
            finished=_stamp(info.get("finished_at")),
            scenario_sha256=None,
            n_members=int(info.get("n_members") or 0),
            stored=True,
        )


def _stamp(value: Any) -> str | None:
    """Return a time as ISO text ending in ``Z`` (the store gives text or pandas timestamps)."""
    if value is None:
        return None
    if hasattr(value, "isoformat"):
        try:
            if value != value:  # NaT
                return None
        except (TypeError, ValueError):  # pragma: no cover - comparable everywhere
            pass
        text = str(value.isoformat())
        return text.split("+")[0].split(".")[0] + "Z"
    text = str(value)
    return text if text.endswith("Z") else text + "Z"


def _merge(memory: Job, stored: Job) -> Job:
    """Return the store's record of a run with what only this server knows (messages, errors)."""
    if not memory.status.finished:  # still running here: the store may say complete too soon
        return replace(memory, stored=True, n_members=stored.n_members)
    # a run of this server that has finished: the store's record, with what only we know
    status = memory.status if memory.status is JobStatus.failed else stored.status
    return replace(
        stored,
        scenario=memory.scenario,
        params=memory.params,
        status=status,
        message=memory.message,
        created=memory.created,
        started=memory.started,
        finished=memory.finished or stored.finished,
        error=memory.error,
        problems=memory.problems,
        scenario_sha256=memory.scenario_sha256,
        cancel_requested=memory.cancel_requested,
        managed=True,
    )


class JobQueue:
    """Run jobs on worker threads behind a bounded queue, each job recording one store run.

    Parameters
    ----------
    store : StoreBackend
        The results store the runs are recorded in (the command line's store).
    workers : int
        Worker threads (jobs running at once).
    capacity : int
        Jobs that may be queued or running at once; :meth:`submit` raises :class:`QueueFull`
        beyond it.
    scenario_of : callable, optional
        ``scenario_of(info) -> name``: the name the web shows for a stored run's scenario
        (default: its ``scenario_name``).

    Notes
    -----
    Worker threads suit the web's jobs: each runs its plan on the sequential executor while
    the request threads stay free. Closing the queue cancels the running jobs (their runs are
    left ``incomplete``, resumable with the command line's ``--resume``) and drops the queued
    ones, which the store never knew.
    """

    def __init__(
        self,
        store: StoreBackend,
        *,
        workers: int = 2,
        capacity: int = 8,
        scenario_of: Callable[[Mapping[str, Any]], str] | None = None,
    ) -> None:
        if workers < 1 or capacity < 1:
            raise ValueError("workers and capacity must be at least 1")
        self.store = store
        self.workers = workers
        self.capacity = capacity
        self.scenario_of = scenario_of or (lambda info: str(info["scenario_name"]))
        self._lock = threading.Lock()
        self._jobs: dict[str, Job] = {}
        self._futures: dict[str, Future[None]] = {}
        self._closed = False
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

        A running job stops at its next progress call and its run is left ``incomplete`` in
        the store; a waiting job is dropped (``cancelled``; the store never had it).
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
                        status=JobStatus.cancelled,
                        finished=_now(),
                        message="the server stopped before the job started",
                    )

    # -- state changes (callers hold the lock) ----------------------------------------------
    def _set(self, job_id: str, **changes: Any) -> Job:
        job = replace(self._jobs[job_id], **changes)
        self._jobs[job_id] = job
        return job

    # -- reading the store ------------------------------------------------------------------
    def _stored(self, run_id: str) -> Job | None:
        try:
            info = self.store.get_run(run_id)
        except RunNotFoundError:
            return None
        return Job.from_store(info, scenario=self.scenario_of(info))

    # -- public API -------------------------------------------------------------------------
    def submit(
        self,
        work: T_Work,
        *,
        kind: str,
        scenario_name: str,
        params: Mapping[str, Any] | None = None,
        scenario_sha256: str | None = None,
    ) -> Job:
        """Queue ``work(run_id, progress)`` under a new run id and return the job's snapshot.

        Raises
        ------
        QueueFull
            If ``capacity`` jobs are already queued or running.
        """
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
            while job_id in self._jobs:  # pragma: no cover - 65,536 ids per second
                job_id = new_run_id()
            job = Job(
                id=job_id,
                kind=kind,
                scenario=scenario_name,
                params=dict(params or {}),
                message="waiting for a worker",
                scenario_sha256=scenario_sha256,
                managed=True,
            )
            self._jobs[job_id] = job
            self._futures[job_id] = self._executor.submit(self._work, job_id, work)
            return job

    def get(self, run_id: str, *, info: Mapping[str, Any] | None = None) -> Job:
        """Return the run ``run_id``: the store's record with what this server knows.

        Parameters
        ----------
        run_id : str
        info : mapping, optional
            The run's record (``store.get_run(run_id)``) if the caller has read it already.

        Raises
        ------
        UnknownRun
            If neither this server nor the store has the run.
        """
        with self._lock:
            memory = self._jobs.get(run_id)
        if memory is not None and not memory.status.finished:
            return memory  # queued or running here: the queue knows best
        if info is not None:
            stored: Job | None = Job.from_store(info, scenario=self.scenario_of(info))
        else:
            try:
                stored = self._stored(run_id)
            except StoreError:
                stored = None
        if memory is None and stored is None:
            raise UnknownRun(run_id)
        if memory is None:
            assert stored is not None
            return stored
        return memory if stored is None else _merge(memory, stored)

    def jobs(self) -> list[Job]:
        """Return every run, newest first: the store's and the ones waiting here.

        A store that cannot be read (a damaged catalog) leaves the ones waiting here, and the
        problem in the log: the page that lists runs never fails on it.
        """
        try:
            frame = self.store.list_runs()
        except StoreError as exc:
            log.error("cannot list the runs of the store: %s", exc)
            with self._lock:
                return sorted(self._jobs.values(), key=lambda j: (j.created, j.id), reverse=True)
        rows: list[dict[str, Any]] = [
            {str(k): v for k, v in row.items()} for row in frame.to_dict(orient="records")
        ]
        stored = {
            str(row["run_id"]): Job.from_store(row, scenario=self.scenario_of(row)) for row in rows
        }
        with self._lock:
            memory = dict(self._jobs)
        merged = dict(stored)
        for job_id, job in memory.items():
            merged[job_id] = _merge(job, stored[job_id]) if job_id in stored else job
        return sorted(merged.values(), key=lambda j: (j.created, j.id), reverse=True)

    def cancel(self, run_id: str) -> Job:
        """Cancel a queued job at once, or ask a running job to stop at its next step.

        Cancelling a finished run, or one this server is not running, changes nothing.
        Returns the run's snapshot.

        Raises
        ------
        UnknownRun
        """
        with self._lock:
            job = self._jobs.get(run_id)
            if job is not None and not job.status.finished:
                future = self._futures.get(run_id)
                if job.status is JobStatus.queued and future is not None and future.cancel():
                    self._futures.pop(run_id, None)
                    self._set(
                        run_id,
                        status=JobStatus.cancelled,
                        finished=_now(),
                        message="cancelled before it started",
                        cancel_requested=True,
                    )
                else:
                    self._set(run_id, cancel_requested=True, message="cancelling…")
        return self.get(run_id)

    def active(self) -> int:
        """Return the number of jobs queued or running here."""
        with self._lock:
            return sum(1 for j in self._jobs.values() if not j.status.finished)

    @contextlib.contextmanager
    def _guard(self, job_id: str) -> Iterator[None]:
        """Turn whatever a job raises into its final status (a worker never dies)."""
        try:
            yield
        except JobCancelled:
            try:
                self.store.get_run(job_id)
                stored = True
            except StoreError:
                stored = False  # cancelled before its run existed: nothing to resume
            with self._lock:
                closed = self._closed
                self._set(
                    job_id,
                    status=JobStatus.incomplete if stored else JobStatus.cancelled,
                    finished=_now(),
                    message="the server stopped the job" if closed else "cancelled",
                )
            if stored:
                self._finish_stored(job_id, "incomplete")
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
            self._finish_stored(job_id, "failed")
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
            self._finish_stored(job_id, "failed")

    def _finish_stored(self, job_id: str, status: str) -> None:
        """Record how a job's run ended, if the run exists and is not complete."""
        try:
            info = self.store.get_run(job_id)
        except StoreError:
            return  # never created: only this server knows of the job
        if info.get("recorded_status") in ("running", "incomplete") and status != info.get(
            "recorded_status"
        ):
            try:
                self.store.finish(job_id, status)  # type: ignore[arg-type]
            except StoreError as exc:  # pragma: no cover - the run is this process's
                log.error("could not record run %s as %s: %s", job_id, status, exc)

    def _work(self, job_id: str, work: T_Work) -> None:
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
                    self._set(job_id, progress=value, message=str(message or job.message))

            work(job_id, progress)
            with self._lock:
                self._set(
                    job_id,
                    status=JobStatus.complete,
                    progress=1.0,
                    finished=_now(),
                    message="done",
                )
        with self._lock:
            self._futures.pop(job_id, None)


__all__ = [
    "RUN_ID_PATTERN",
    "Job",
    "JobCancelled",
    "JobQueue",
    "JobStatus",
    "Progress",
    "QueueFull",
    "T_Work",
    "UnknownRun",
]
