"""Executors: run batches of ensemble members here, in a process pool, or on Dask.

Every executor is a context manager with one method, :meth:`Executor.map_unordered`, which runs
``fn(payload, task)`` for each task and yields ``(task, result)`` as tasks complete. The
payload (the scenario, the design) is sent to each worker once. Executors only distribute
work: results depend on the payload and the task alone, never on the executor, because every
member's random numbers derive from the scenario seed and the member index, and numerical
libraries run single-threaded inside each task (BLAS thread counts change summation order).
(The design follows the EMA Workbench's evaluators: Kwakkel 2017, Environmental Modelling &
Software 96, 239–250.)
"""

from __future__ import annotations

import concurrent.futures as cf
import io
import multiprocessing
import multiprocessing.context
import os
import sys
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator, Sequence
from multiprocessing import forkserver, popen_forkserver, reduction, spawn, util
from multiprocessing.context import set_spawning_popen
from types import TracebackType
from typing import Any, Generic, Literal, Self, TypeVar

from threadpoolctl import threadpool_limits  # type: ignore[import-untyped]

from equipoise.errors import EquipoiseError
from equipoise.experiments import _lifeline

P = TypeVar("P")
T = TypeVar("T")
R = TypeVar("R")

T_ExecutorName = Literal["local", "processes", "dask"]

_WORKER_PAYLOAD: Any = None


def _init_worker(payload: Any, coordinator: int | None = None) -> None:
    global _WORKER_PAYLOAD
    if coordinator is not None:
        # die with the forkserver (and so with the coordinator), even after a SIGKILL
        _lifeline.die_with_parent()
        _lifeline.watch(coordinator)
    _WORKER_PAYLOAD = payload
    threadpool_limits(1)


def _run_in_worker(fn: Callable[[Any, Any], Any], task: Any) -> Any:
    with threadpool_limits(1):
        return fn(_WORKER_PAYLOAD, task)


def _run_with_payload(fn: Callable[[Any, Any], Any], payload: Any, task: Any) -> Any:
    with threadpool_limits(1):
        return fn(payload, task)


class Executor(ABC, Generic[P, T, R]):
    """Runs ``fn(payload, task)`` over tasks; use as a context manager."""

    name: str = "executor"

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close(cancel=exc_type is not None)

    def close(self, *, cancel: bool = False) -> None:
        """Release workers; with ``cancel``, drop tasks not yet started."""

    @property
    def n_workers(self) -> int:
        """Number of parallel workers."""
        return 1

    @abstractmethod
    def map_unordered(
        self, fn: Callable[[P, T], R], payload: P, tasks: Sequence[T]
    ) -> Iterator[tuple[T, R]]:
        """Yield ``(task, fn(payload, task))`` for every task, in completion order."""


class SequentialExecutor(Executor[P, T, R]):
    """Runs every task in this process, one after the other."""

    name = "local"

    def map_unordered(
        self, fn: Callable[[P, T], R], payload: P, tasks: Sequence[T]
    ) -> Iterator[tuple[T, R]]:
        """Run each task in turn (BLAS limited to one thread, as in the workers)."""
        for task in tasks:
            yield task, _run_with_payload(fn, payload, task)


#: Modules the fork server imports once, so that each worker starts without re-importing them;
#: the lifeline makes the fork server die with the coordinator (see ``_lifeline``).
PRELOAD = ["equipoise.experiments._lifeline", "equipoise.experiments.ensemble"]

#: What multiprocessing hands a new worker to re-create the parent's ``__main__``: the user's
#: script (or ``-m`` module). Our workers need only equipoise, so they never get it.
_MAIN_KEYS = ("init_main_from_path", "init_main_from_name")


class _WorkerPopen(popen_forkserver.Popen):
    """Start a worker from the fork server without re-running the parent's main script.

    multiprocessing re-imports the parent's ``__main__`` in every worker (as ``__mp_main__``)
    so that functions defined there can be unpickled; a user's script or notebook cell would
    then run again in each worker (and, without an ``if __name__ == "__main__":`` guard, start
    workers of its own). Every function our workers run lives in equipoise, so the main
    script's entries are removed from the preparation data; the rest is the standard library's
    ``popen_forkserver.Popen._launch``.
    """

    def _launch(self, process_obj: Any) -> None:
        prep_data = spawn.get_preparation_data(process_obj._name)
        for key in _MAIN_KEYS:
            prep_data.pop(key, None)
        buf = io.BytesIO()
        set_spawning_popen(self)
        try:
            reduction.dump(prep_data, buf)
            reduction.dump(process_obj, buf)
        finally:
            set_spawning_popen(None)
        fds: list[int] = self._fds  # type: ignore[attr-defined]
        self.sentinel, w = forkserver.connect_to_new_process(fds)
        parent_w = os.dup(w)  # the parent's sentinel, as in the standard library
        close_fds = util.close_fds  # type: ignore[attr-defined]
        self.finalizer = util.Finalize(self, close_fds, (parent_w, self.sentinel))
        with open(w, "wb", closefd=True) as f:
            f.write(buf.getbuffer())
        self.pid = forkserver.read_signed(self.sentinel)


class _WorkerProcess(multiprocessing.context.ForkServerProcess):
    @staticmethod
    def _Popen(process_obj: Any) -> Any:
        return _WorkerPopen(process_obj)


def _worker_context() -> Any:
    """Return the fork server context whose workers never re-run the main script.

    The worker start reproduces CPython's ``popen_forkserver`` of 3.11 to 3.13; on another
    version (or a platform without a fork server) the standard context is used, where Python's
    own rule applies: a script guards its top level with ``if __name__ == "__main__":``.
    """
    if sys.version_info[:2] not in ((3, 11), (3, 12), (3, 13)) or not hasattr(
        popen_forkserver, "Popen"
    ):
        return multiprocessing.get_context("forkserver")
    return _WorkerContext()


class _WorkerContext(multiprocessing.context.ForkServerContext):
    """The fork server context, with workers that never re-run the parent's main script."""

    Process = _WorkerProcess


class ProcessExecutor(Executor[P, T, R]):
    """Runs tasks in a pool of worker processes on this machine.

    Workers start from a ``forkserver`` that has imported equipoise once (fast to start, and
    safe with the threads of the progress display, unlike a plain ``fork``). The fork server
    and the workers die with this process, even when it is killed with SIGKILL
    (:mod:`equipoise.experiments._lifeline`).

    Parameters
    ----------
    n_workers : int, optional
        Number of processes (default: the machine's cores).
    """

    name = "processes"

    def __init__(self, n_workers: int | None = None) -> None:
        self._n = n_workers or os.cpu_count() or 1
        self._pool: cf.ProcessPoolExecutor | None = None
        self._payload_id: int | None = None

    @property
    def n_workers(self) -> int:
        """Number of worker processes."""
        return self._n

    def map_unordered(
        self, fn: Callable[[P, T], R], payload: P, tasks: Sequence[T]
    ) -> Iterator[tuple[T, R]]:
        """Submit every task to the pool and yield results as they complete."""
        if self._pool is None or self._payload_id != id(payload):
            self.close()
            context = _worker_context()
            context.set_forkserver_preload(PRELOAD)
            # the fork server started from here knows it by this (``_lifeline``)
            os.environ[_lifeline.ENV] = str(os.getpid())
            self._pool = cf.ProcessPoolExecutor(
                max_workers=self._n,
                mp_context=context,
                initializer=_init_worker,
                initargs=(payload, os.getpid()),
            )
            self._payload_id = id(payload)
        futures = {self._pool.submit(_run_in_worker, fn, task): task for task in tasks}
        try:
            for future in cf.as_completed(futures):
                yield futures[future], future.result()
        except cf.process.BrokenProcessPool as exc:
            raise EquipoiseError(
                "a worker process died (killed or out of memory); completed batches are kept"
            ) from exc
        finally:
            for future in futures:
                future.cancel()

    def close(self, *, cancel: bool = False) -> None:
        """Shut the pool down."""
        if self._pool is not None:
            self._pool.shutdown(wait=not cancel, cancel_futures=True)
            self._pool = None


class DaskExecutor(Executor[P, T, R]):
    """Runs tasks on a dask.distributed cluster.

    Parameters
    ----------
    address : str, optional
        Scheduler address (``tcp://host:8786``). Without one, a ``LocalCluster`` of
        ``n_workers`` single-threaded worker processes is started and closed with the executor.
    n_workers : int, optional
        Workers of the local cluster (default: the machine's cores).
    """

    name = "dask"

    def __init__(self, address: str | None = None, n_workers: int | None = None) -> None:
        try:
            from distributed import Client, LocalCluster
        except ImportError as exc:  # pragma: no cover - distributed is a dependency
            raise EquipoiseError("the dask executor needs the 'distributed' package") from exc
        self._cluster: Any = None
        try:
            if address is None:
                self._cluster = _local_cluster(n_workers or os.cpu_count() or 1, LocalCluster)
                self._client = Client(self._cluster)
            else:
                self._client = Client(address, timeout="10s")
        except (OSError, TimeoutError) as exc:
            raise EquipoiseError(f"cannot reach the Dask scheduler at {address}: {exc}") from None

    @property
    def n_workers(self) -> int:
        """Number of Dask workers."""
        return max(1, len(self._client.scheduler_info().get("workers", {})))

    def map_unordered(
        self, fn: Callable[[P, T], R], payload: P, tasks: Sequence[T]
    ) -> Iterator[tuple[T, R]]:
        """Scatter the payload once, submit every task, yield results as they complete."""
        from distributed import as_completed

        shared = self._client.scatter(payload, broadcast=True)
        futures = {
            self._client.submit(_run_with_payload, fn, shared, task, pure=False): i
            for i, task in enumerate(tasks)
        }
        try:
            for future in as_completed(list(futures)):
                yield tasks[futures[future]], future.result()
        finally:
            for future in futures:
                future.cancel()

    def close(self, *, cancel: bool = False) -> None:
        """Close the client (and the local cluster if this executor started it)."""
        self._client.close()
        if self._cluster is not None:
            self._cluster.close()


#: Dask's nanny sets this in its workers (to limit memory fragmentation); glibc then returns
#: freed memory to the system eagerly, which halves the speed of code that allocates many
#: medium-sized numpy arrays per step, as the time loop does (measured: a batch of 250 members
#: 10.3 s with it, 4.9 s without, in our own process pool).
_DASK_MALLOC = "MALLOC_TRIM_THRESHOLD_"


def _local_cluster(n_workers: int, cls: Any) -> Any:
    """Start a LocalCluster of single-threaded workers without Dask's malloc trim setting.

    The nanny also writes its pre-spawn environment into this process's ``os.environ``,
    where later process pools would inherit it; the variable is restored afterwards.
    """
    import dask

    before = os.environ.get(_DASK_MALLOC)
    try:
        with dask.config.set({f"distributed.nanny.pre-spawn-environ.{_DASK_MALLOC}": None}):
            return cls(
                n_workers=n_workers,
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
                silence_logs=40,
            )
    finally:
        if before is None:
            os.environ.pop(_DASK_MALLOC, None)
        else:
            os.environ[_DASK_MALLOC] = before


def make_executor(
    name: T_ExecutorName, *, address: str | None = None, n_workers: int | None = None
) -> Executor[Any, Any, Any]:
    """Return an executor by its CLI name (``local``, ``processes``, ``dask``)."""
    if name == "local":
        return SequentialExecutor()
    if name == "processes":
        return ProcessExecutor(n_workers)
    if name == "dask":
        return DaskExecutor(address, n_workers)
    raise EquipoiseError(f"unknown executor {name!r}: local, processes or dask")


__all__ = [
    "DaskExecutor",
    "Executor",
    "ProcessExecutor",
    "SequentialExecutor",
    "make_executor",
]
