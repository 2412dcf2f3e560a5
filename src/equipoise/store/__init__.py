"""The results store: every run, ensemble and experiment, with its tables, in a folder.

:class:`RunStore` keeps a DuckDB catalog (``catalog.duckdb``) of runs, complete batches and
results, and the tables themselves as Parquet files, one per table and batch, under
``runs/run_id=<id>/``. Every run folder carries a versioned ``metadata.json``. The whole store
can be queried with SQL (:meth:`RunStore.sql`, ``equipoise runs sql``). Every file is recorded
with its size, row count and SHA-256, checked on read and by :meth:`RunStore.verify`; the
catalog can be rebuilt from the run folders (:meth:`RunStore.repair_catalog`). See
``docs/store.md``.

Back-ends implement :class:`StoreBackend`; :func:`open_store` picks one for a folder.
"""

from __future__ import annotations

from equipoise.store._checks import FileProblem, FileRecord, VerifyReport
from equipoise.store.base import (
    DEFAULT_ROOT,
    FINAL_STATUSES,
    ROOT_ENV_VAR,
    RUN_KINDS,
    StoreBackend,
    T_Filter,
    T_FinalStatus,
    T_RunKind,
    T_RunStatus,
    default_root,
)
from equipoise.store.catalog import CATALOG_VERSION
from equipoise.store.errors import (
    AlreadyStoredError,
    CatalogCorruptError,
    DamagedRunError,
    FormatVersionError,
    QueryError,
    RunNotFoundError,
    StoreError,
    StoreLockedError,
    StoreNote,
    StoreRootError,
)
from equipoise.store.metadata import FORMAT_VERSION, read_metadata
from equipoise.store.plugins import ENTRY_POINT_GROUP, list_backends, open_store
from equipoise.store.rebuild import RebuildReport
from equipoise.store.runstore import RunStore

__all__ = [
    "CATALOG_VERSION",
    "DEFAULT_ROOT",
    "ENTRY_POINT_GROUP",
    "FINAL_STATUSES",
    "FORMAT_VERSION",
    "ROOT_ENV_VAR",
    "RUN_KINDS",
    "AlreadyStoredError",
    "CatalogCorruptError",
    "DamagedRunError",
    "FileProblem",
    "FileRecord",
    "FormatVersionError",
    "QueryError",
    "RebuildReport",
    "RunNotFoundError",
    "RunStore",
    "StoreBackend",
    "StoreError",
    "StoreLockedError",
    "StoreNote",
    "StoreRootError",
    "T_Filter",
    "T_FinalStatus",
    "T_RunKind",
    "T_RunStatus",
    "VerifyReport",
    "default_root",
    "list_backends",
    "open_store",
    "read_metadata",
]
