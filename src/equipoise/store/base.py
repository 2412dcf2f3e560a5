"""The interface every results-store back-end implements.

A back-end is one class implementing :class:`StoreBackend`; the bundled one is
:class:`equipoise.store.RunStore` (a DuckDB catalog with Parquet batches). Others can be
installed as plugins under the entry-point group ``equipoise.stores`` and are found by
:func:`equipoise.store.open_store` (see :mod:`equipoise.store.plugins`), in the manner of
xarray's ``BackendEntrypoint``.

Experiments, the CLI and the web app talk to a store only through this interface, so a back-end
can change without touching them.
"""

from __future__ import annotations

import os
from abc import ABC, abstractmethod
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, Literal

import pandas as pd

if TYPE_CHECKING:
    from equipoise.store._checks import VerifyReport

#: What a run is.
T_RunKind = Literal[
    "run",
    "ensemble",
    "compare",
    "sensitivity",
    "discover",
    "claims",
    "forecast",
    "hindcast",
    "calibrate",
]
#: Where a run stands. ``running`` is only ever *recorded*; a run whose writing process has
#: died is *reported* as ``incomplete``, and a run whose files are not as recorded (missing,
#: resized, another batch's...) as ``damaged``.
T_RunStatus = Literal["running", "complete", "incomplete", "failed", "damaged"]
#: How a run ends (the statuses :meth:`StoreBackend.finish` accepts).
T_FinalStatus = Literal["complete", "incomplete", "failed"]
#: A row filter ``(column, op, value)``; ``op`` is one of ``==, !=, <, <=, >, >=, in, not in``.
T_Filter = tuple[str, str, Any]

#: The folder a store lives in when none is given (relative to the working directory).
DEFAULT_ROOT = "equipoise-runs"
#: Environment variable naming the default store folder.
ROOT_ENV_VAR = "EQUIPOISE_RUNS"

RUN_KINDS: tuple[str, ...] = (
    "run",
    "ensemble",
    "compare",
    "sensitivity",
    "discover",
    "claims",
    "forecast",
    "hindcast",
    "calibrate",
)
FINAL_STATUSES: tuple[str, ...] = ("complete", "incomplete", "failed")


def default_root() -> Path:
    """Return the default store folder: ``$EQUIPOISE_RUNS`` if set, else ``./equipoise-runs``."""
    return Path(os.environ.get(ROOT_ENV_VAR) or DEFAULT_ROOT)


class StoreBackend(ABC):
    """A results store: a catalog of runs and their tables and results.

    Subclasses set :attr:`name`, implement :meth:`guess_can_open` and every abstract method;
    the constructor takes the store's root folder and must not touch the disk (the store is
    created on the first write).
    """

    #: Short name of the back-end, used to choose it in :func:`~equipoise.store.open_store`.
    name: ClassVar[str] = ""

    root: Path

    def __init__(self, root: Path | str | None = None) -> None:
        self.root = Path(root) if root is not None else default_root()

    @classmethod
    @abstractmethod
    def guess_can_open(cls, root: Path) -> bool:
        """Return whether ``root`` looks like a store of this back-end."""

    @abstractmethod
    def create_run(
        self,
        *,
        kind: str,
        scenario_name: str,
        scenario_hash: str,
        parameters: Mapping[str, Any],
        seed: int,
        n_members: int,
        n_batches: int,
        code_version: str,
        run_id: str | None = None,
    ) -> str:
        """Record a new run (status ``running``) and return its id.

        Parameters
        ----------
        kind : str
            One of :data:`RUN_KINDS`.
            What the run is.
        scenario_name, scenario_hash : str
            The scenario it ran on.
        parameters : mapping
            Everything needed to reproduce the run, as JSON (numpy values are converted).
        seed : int
            The root seed (``0 <= seed < 2**63``).
        n_members, n_batches : int
            How many ensemble members, in how many batches, the run will have.
        code_version : str
            The version of the code that runs it (e.g. ``git describe``).
        run_id : str, optional
            The id to record the run under: one from ``new_run_id()`` that the caller handed
            out before the run started (the web app's queued jobs). Refused if taken.

        Returns
        -------
        str
            The new id, ``YYYYMMDD-HHMMSS-xxxx`` (UTC); never one used before in this store.
        """

    @abstractmethod
    def write_batch(self, run_id: str, batch: int, tables: Mapping[str, pd.DataFrame]) -> None:
        """Store the tables of one batch and record the batch as complete.

        Each table goes to ``runs/run_id=ID/<table>/batch-NNNNNN.parquet`` (a temporary file
        moved into place), and the batch is recorded in the catalog in the same locked step.
        Nothing is kept in memory afterwards.

        Parameters
        ----------
        run_id : str
            A run that is not complete. A run that is ``incomplete`` or ``failed``, or whose
            writing process on this host has died, is taken up by this process (this is how
            an interrupted run is resumed); a run being written by another live process is
            refused.
        batch : int
            The batch index, ``0 <= batch < n_batches``.
        tables : mapping of str to DataFrame
            The batch's tables (e.g. :func:`equipoise.outputs.tidy_tables`). A table's columns
            and dtypes must be the same in every batch; the index is not stored.

        Raises
        ------
        AlreadyStoredError
            If the batch is already complete (it is never overwritten).
        StoreError
            If the run is complete or being written by another process, or a table's columns
            differ from earlier batches.
        """

    @abstractmethod
    def completed_batches(self, run_id: str) -> set[int]:
        """Return the indices of the complete batches of a run."""

    @abstractmethod
    def resume(self, run_id: str, *, force: bool = False) -> set[int]:
        """Take up an unfinished run in this process and return its complete batches.

        The run's status becomes ``running`` again with this process as its writer; the
        caller then writes only the batches not in the returned set, and calls
        :meth:`finish`. (:meth:`write_batch` takes an unfinished run up by itself, so
        ``completed_batches`` and writing the rest is enough; ``resume`` makes the take-over
        explicit, reports it at once, and can ``force`` it.)

        Parameters
        ----------
        run_id : str
            A run that is not complete.
        force : bool, default False
            Take the run over even if it is recorded as being written by a live process or by
            another host (only when you know that process is gone).

        Raises
        ------
        StoreError
            If the run is complete, or (without ``force``) another process is writing it.
        """

    @abstractmethod
    def finish(
        self,
        run_id: str,
        status: T_FinalStatus = "complete",
        *,
        summary: Mapping[str, Any] | None = None,
    ) -> None:
        """Record how a run ended.

        Parameters
        ----------
        run_id : str
            The run.
        status : {"complete", "incomplete", "failed"}
            ``complete`` needs every batch complete; ``incomplete`` is for an interrupted run
            (it can be resumed); ``failed`` for one that stopped on an error.
        summary : mapping, optional
            A small JSON summary recorded with the run (kept from before if not given).

        Raises
        ------
        StoreError
            If the run is already complete, is being written by another live process, or
            (for ``complete``) has batches missing.
        """

    @abstractmethod
    def get_run(self, run_id: str) -> dict[str, Any]:
        """Return everything known about a run, JSON-ready.

        Returns
        -------
        dict
            The catalog fields (``run_id``, ``kind``, ``scenario_name``, ``scenario_hash``,
            ``parameters``, ``seed``, ``n_members``, ``n_batches``, ``code_version``,
            ``equipoise_version``, ``format_version``, ``created_at``, ``updated_at``,
            ``finished_at``, ``pid``, ``host``, ``summary``); ``status`` (effective: a
            ``running`` run whose process died is ``incomplete``) and ``recorded_status``;
            ``n_batches_done``; ``tables`` (``{name: {"batches", "rows", "columns"}}``);
            ``results`` (``{name: {"format", "rows", "written_at"}}``); and ``path``.
        """

    @abstractmethod
    def list_runs(self) -> pd.DataFrame:
        """Return one row per run, oldest first.

        Columns: ``run_id``, ``kind``, ``status`` (effective), ``scenario_name``,
        ``scenario_hash``, ``seed``, ``n_members``, ``n_batches``, ``n_batches_done``,
        ``code_version``, ``equipoise_version``, ``created_at``, ``finished_at`` (UTC-aware),
        ``pid``, ``host``, ``parameters`` and ``summary`` (JSON text).
        """

    @abstractmethod
    def read_table(
        self,
        run_id: str,
        name: str,
        *,
        columns: Sequence[str] | None = None,
        filters: Sequence[T_Filter] | None = None,
    ) -> pd.DataFrame:
        """Return a table of a run over all its complete batches, in batch order.

        Parameters
        ----------
        run_id : str
            The run.
        name : str
            The table (``system``, ``actors``, ``dyads``, ``issues``...).
        columns : sequence of str, optional
            Only these columns, in this order.
        filters : sequence of (column, op, value), optional
            Rows where every filter holds (AND); ``op`` is one of ``==, !=, <, <=, >, >=, in,
            not in``. DuckDB pushes them into the Parquet scan.

        Returns
        -------
        DataFrame
            With the dtypes recorded when the table was written and a fresh RangeIndex.
        """

    @abstractmethod
    def write_result(self, run_id: str, name: str, obj: Mapping[str, Any] | pd.DataFrame) -> None:
        """Store a small named result of a run beside its batches.

        A DataFrame goes to ``results/<name>.parquet`` (dtypes and index kept by pandas'
        Parquet metadata), a mapping to ``results/<name>.json`` (standard JSON: numpy values
        become numbers, NaN becomes null).

        Raises
        ------
        AlreadyStoredError
            If the run already has a result of that name (results are never overwritten).
        """

    @abstractmethod
    def read_result(self, run_id: str, name: str) -> dict[str, Any] | pd.DataFrame:
        """Return a stored result as written: a dictionary (JSON) or a DataFrame (Parquet)."""

    @abstractmethod
    def verify(self, run_id: str, *, hashes: bool = True) -> VerifyReport:
        """Check every file of a run against what was recorded when it was written.

        Parameters
        ----------
        run_id : str
            The run.
        hashes : bool, default True
            Hash every byte (SHA-256) and compare with the record: catches any change,
            e.g. a single flipped bit. Without it: presence, sizes, Parquet row counts and
            tags only (one ``stat`` and one footer read per file).

        Returns
        -------
        VerifyReport
            ``state`` is ``damaged`` if anything differs (``problems`` lists each file and
            what differs), else ``unverified`` if some files were written before checksums
            (results format 1), else ``ok``.

        Raises
        ------
        RunNotFoundError
            If there is no such run.
        """

    @abstractmethod
    def sql(self, query: str) -> pd.DataFrame:
        """Run one read-only SQL query over the catalog and every run's tables.

        The query runs in a private in-memory DuckDB database holding a snapshot of the
        catalog (so no lock is held while it runs) with these relations:

        * ``runs``, ``batches``, ``batch_tables``, ``run_results``, ``store_info``: the
          catalog tables (``runs.status`` is the effective status);
        * ``run_tables``: per run and table, the number of complete batches and rows;
        * ``results_<table>`` (e.g. ``results_actors``): every complete batch of that table
          in every run, with columns ``run_id`` and ``batch`` added (hive partitioning on
          ``run_id``; filter on it and only that run's files are read).

        File access is limited to the store's ``runs`` folder, and only ``SELECT``-like
        statements are accepted (see :func:`check_read_only`).

        Raises
        ------
        QueryError
            If the query is not read-only or DuckDB rejects it (with DuckDB's message).
        """


__all__ = [
    "DEFAULT_ROOT",
    "FINAL_STATUSES",
    "ROOT_ENV_VAR",
    "RUN_KINDS",
    "StoreBackend",
    "T_Filter",
    "T_FinalStatus",
    "T_RunKind",
    "T_RunStatus",
    "default_root",
]
