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
from typing import Any, ClassVar, Literal

import pandas as pd

#: What a run is.
T_RunKind = Literal["run", "ensemble", "compare", "sensitivity", "discover", "claims"]
#: Where a run stands. ``running`` is only ever *recorded*; a run whose writing process has
#: died is *reported* as ``incomplete``.
T_RunStatus = Literal["running", "complete", "incomplete", "failed"]
#: How a run ends (the statuses :meth:`StoreBackend.finish` accepts).
T_FinalStatus = Literal["complete", "incomplete", "failed"]
#: A row filter ``(column, op, value)``; ``op`` is one of ``==, !=, <, <=, >, >=, in, not in``.
T_Filter = tuple[str, str, Any]

#: The folder a store lives in when none is given (relative to the working directory).
DEFAULT_ROOT = "equipoise-runs"
#: Environment variable naming the default store folder.
ROOT_ENV_VAR = "EQUIPOISE_RUNS"

RUN_KINDS: tuple[str, ...] = ("run", "ensemble", "compare", "sensitivity", "discover", "claims")
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
        """Record a new run (status ``running``) and return its new id (or ``run_id``).

        ``kind`` is one of :data:`RUN_KINDS` (see :data:`T_RunKind`).
        """

    @abstractmethod
    def write_batch(self, run_id: str, batch: int, tables: Mapping[str, pd.DataFrame]) -> None:
        """Store one batch's tables; a batch already complete is never overwritten."""

    @abstractmethod
    def completed_batches(self, run_id: str) -> set[int]:
        """Return the indices of the batches of a run that are complete."""

    @abstractmethod
    def resume(self, run_id: str, *, force: bool = False) -> set[int]:
        """Take up an unfinished run in this process; return its complete batches."""

    @abstractmethod
    def finish(
        self,
        run_id: str,
        status: T_FinalStatus = "complete",
        *,
        summary: Mapping[str, Any] | None = None,
    ) -> None:
        """Record how a run ended, with an optional JSON summary."""

    @abstractmethod
    def get_run(self, run_id: str) -> dict[str, Any]:
        """Return everything known about a run as a JSON-ready dictionary."""

    @abstractmethod
    def list_runs(self) -> pd.DataFrame:
        """Return one row per run, oldest first."""

    @abstractmethod
    def read_table(
        self,
        run_id: str,
        name: str,
        *,
        columns: Sequence[str] | None = None,
        filters: Sequence[T_Filter] | None = None,
    ) -> pd.DataFrame:
        """Return a table of a run over all its complete batches, in batch order."""

    @abstractmethod
    def write_result(self, run_id: str, name: str, obj: Mapping[str, Any] | pd.DataFrame) -> None:
        """Store a small named result (a JSON dictionary or a DataFrame) of a run."""

    @abstractmethod
    def read_result(self, run_id: str, name: str) -> dict[str, Any] | pd.DataFrame:
        """Return a stored result as it was written (dictionary or DataFrame)."""

    @abstractmethod
    def sql(self, query: str) -> pd.DataFrame:
        """Run one read-only SQL query over the catalog and the stored tables."""


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
