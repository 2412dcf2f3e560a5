"""The bundled results store: a DuckDB catalog with one Parquet file per table and batch.

:class:`RunStore` is put together from one module per subject: :mod:`~equipoise.store._core`
(locations, catalog connections, run headers), :mod:`~equipoise.store.runs` (creating,
resuming, finishing and describing runs), :mod:`~equipoise.store.tables` (batches and
tables), :mod:`~equipoise.store.results` (named results), :mod:`~equipoise.store.query` (the
SQL sandbox) and :mod:`~equipoise.store.integrity` (verify and repair). The methods of the
:class:`~equipoise.store.base.StoreBackend` interface are documented there, once.

Layout of a store folder (see ``docs/store.md``)::

    equipoise-runs/
      catalog.duckdb                          the catalog (runs, batches, results)
      runs/
        run_id=20261123-142501-3f9a/          one folder per run (hive-partitioned by run_id)
          metadata.json                       self-describing, versioned header
          actors/batch-000000.parquet         one file per table and batch
          actors/batch-000001.parquet
          system/batch-000000.parquet
          ...
          results/claims.parquet              small named results
          results/summary.json
          _batches/batch-000000.json          manifest of a complete batch: files, rows,
                                              sizes, SHA-256 (results format 2)

Consistency
-----------
* Only one process writes a run: the one that created it, or that took it up after it was
  interrupted. It opens the catalog for a few milliseconds per operation, so readers (the CLI,
  the web app) get in between.
* A batch is written as temporary files, moved into place with ``os.replace`` and then
  recorded in the catalog in one transaction, while that process holds the catalog. A batch
  is *complete* when it is recorded; files of a batch that was never recorded (the process died
  in between) are ignored by every reader and replaced when the batch is written again.
* A complete batch, and a stored result, are never overwritten: writing one again raises
  :class:`~equipoise.store.errors.AlreadyStoredError`. There is no delete operation.
* Every file is recorded with its size, row count and SHA-256 in the catalog and in the run
  folder, checked cheaply on every read and fully by :meth:`RunStore.verify`; a run whose
  files differ is reported ``damaged`` and its tables are not read short. The catalog can be
  rebuilt from the run folders (:meth:`RunStore.repair_catalog`; automatically when it is
  missing). See :mod:`equipoise.store._checks` and :mod:`equipoise.store.rebuild`.
* A run whose writing process has died (recorded ``running``, but its process id is not alive
  on this host) is reported as ``incomplete``; :meth:`RunStore.repair` records that. Writing
  a batch of an unfinished run (or :meth:`RunStore.resume`) takes it up again, its complete
  batches kept.
"""

from __future__ import annotations

from equipoise.store._common import (
    NAME_PATTERN,
    RESERVED_COLUMNS,
    RESERVED_NAMES,
    RESULTS_DIR,
    RUNS_DIR,
    effective_status,
    new_run_id,
    process_alive,
)
from equipoise.store.integrity import IntegrityMixin
from equipoise.store.query import QueryMixin, check_read_only
from equipoise.store.results import ResultsMixin
from equipoise.store.runs import RunsMixin
from equipoise.store.tables import TablesMixin


class RunStore(RunsMixin, TablesMixin, ResultsMixin, QueryMixin, IntegrityMixin):
    """Runs and their results in a folder: a DuckDB catalog and Parquet files.

    Parameters
    ----------
    root : path, optional
        The store folder; created on the first write. Default: ``$EQUIPOISE_RUNS``, else
        ``./equipoise-runs``.
    lock_timeout : float, default 10
        Seconds to wait while another process holds the catalog before raising
        :class:`~equipoise.store.errors.StoreLockedError`.

    Notes
    -----
    The constructor does not touch the disk. Every method opens the catalog for the one
    operation it does and closes it, so that several processes can share a store: one
    writes at a time, any number read while nothing writes (DuckDB's file locking).

    Examples
    --------
    >>> import tempfile, pandas as pd
    >>> store = RunStore(tempfile.mkdtemp())
    >>> run_id = store.create_run(kind="ensemble", scenario_name="demo", scenario_hash="abc",
    ...                           parameters={"members": 4}, seed=7, n_members=4, n_batches=2,
    ...                           code_version="dev")
    >>> for b in range(2):
    ...     store.write_batch(run_id, b, {"system": pd.DataFrame({"member": [2 * b, 2 * b + 1],
    ...                                                           "value": [0.5, 1.5]})})
    >>> store.finish(run_id, "complete")
    >>> store.read_table(run_id, "system")["member"].tolist()
    [0, 1, 2, 3]
    >>> store.sql("SELECT status, n_batches FROM runs").values.tolist()
    [['complete', 2]]
    """

    name = "duckdb"


__all__ = [
    "NAME_PATTERN",
    "RESERVED_COLUMNS",
    "RESERVED_NAMES",
    "RESULTS_DIR",
    "RUNS_DIR",
    "RunStore",
    "check_read_only",
    "effective_status",
    "new_run_id",
    "process_alive",
]
