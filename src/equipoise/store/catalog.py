"""The DuckDB catalog of a store: schema, versions and short-lived connections.

The catalog (``catalog.duckdb``) records every run, every completed batch with its row counts,
and every stored result. DuckDB lets one process hold a database file for writing *or* any
number of processes hold it for reading, so the store opens a connection per operation and
closes it at once: a writer holds the file for a few milliseconds per batch, and the CLI and
the web app can read in between. A connection that cannot be had because another process holds
the file is retried with back-off for ``timeout`` seconds, then refused with
:class:`~equipoise.store.errors.StoreLockedError`.

Schema (version :data:`CATALOG_VERSION`)
----------------------------------------
``store_info(key, value)``
    ``catalog_version``, and the equipoise version that created the catalog.
``runs``
    One row per run: ``run_id``, ``kind``, ``status`` (as recorded; see
    :meth:`equipoise.store.RunStore.get_run` for the effective status), ``scenario_name``,
    ``scenario_hash``, ``parameters`` (JSON text), ``seed``, ``n_members``, ``n_batches``,
    ``code_version``, ``equipoise_version``, ``format_version``, ``created_at``,
    ``updated_at``, ``finished_at`` (UTC), ``pid`` and ``host`` of the writing process, and
    ``summary`` (JSON text or NULL).
``batches(run_id, batch, rows, written_at)``
    One row per completed batch; ``rows`` is the total over the batch's tables.
``batch_tables(run_id, batch, table_name, rows)``
    One row per table file of a completed batch.
``run_results(run_id, name, format, rows, written_at)``
    One row per stored result (``format``: ``json`` or ``parquet``; ``rows`` NULL for JSON).
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb

from equipoise.store.errors import FormatVersionError, StoreError, StoreLockedError

#: The catalog schema version this code writes and reads.
CATALOG_VERSION = 1

#: File name of the catalog inside a store folder.
CATALOG_FILE = "catalog.duckdb"

#: Catalog tables, in creation order.
CATALOG_TABLES = ("store_info", "runs", "batches", "batch_tables", "run_results")

SCHEMA_SQL = (
    """
    CREATE TABLE IF NOT EXISTS store_info (
        key VARCHAR PRIMARY KEY,
        value VARCHAR NOT NULL
    )
    """,
    """
    CREATE TABLE IF NOT EXISTS runs (
        run_id VARCHAR PRIMARY KEY,
        kind VARCHAR NOT NULL,
        status VARCHAR NOT NULL,
        scenario_name VARCHAR NOT NULL,
        scenario_hash VARCHAR NOT NULL,
        parameters VARCHAR NOT NULL,
        seed BIGINT NOT NULL,
        n_members BIGINT NOT NULL,
        n_batches BIGINT NOT NULL,
        code_version VARCHAR NOT NULL,
        equipoise_version VARCHAR NOT NULL,
        format_version INTEGER NOT NULL,
        created_at TIMESTAMP NOT NULL,
        updated_at TIMESTAMP NOT NULL,
        finished_at TIMESTAMP,
        pid BIGINT NOT NULL,
        host VARCHAR NOT NULL,
        summary VARCHAR
    )
    """,
    """
    CREATE TABLE IF NOT EXISTS batches (
        run_id VARCHAR NOT NULL,
        batch INTEGER NOT NULL,
        rows BIGINT NOT NULL,
        written_at TIMESTAMP NOT NULL,
        PRIMARY KEY (run_id, batch)
    )
    """,
    """
    CREATE TABLE IF NOT EXISTS batch_tables (
        run_id VARCHAR NOT NULL,
        batch INTEGER NOT NULL,
        table_name VARCHAR NOT NULL,
        rows BIGINT NOT NULL,
        PRIMARY KEY (run_id, batch, table_name)
    )
    """,
    """
    CREATE TABLE IF NOT EXISTS run_results (
        run_id VARCHAR NOT NULL,
        name VARCHAR NOT NULL,
        format VARCHAR NOT NULL,
        rows BIGINT,
        written_at TIMESTAMP NOT NULL,
        PRIMARY KEY (run_id, name)
    )
    """,
)

# Messages of the DuckDB errors that mean "another connection holds the file".
_LOCK_MARKERS = (
    "could not set lock",
    "conflicting lock",
    "different configuration",
    "unique file handle conflict",
    "already attached",
    "database is locked",
)


def is_lock_error(exc: BaseException) -> bool:
    """Return whether a DuckDB error means that another connection holds the file."""
    text = str(exc).lower()
    return any(marker in text for marker in _LOCK_MARKERS)


def fetch_one(
    con: duckdb.DuckDBPyConnection, query: str, params: Sequence[Any] = ()
) -> tuple[Any, ...] | None:
    """Return the first row of a query, or None; the result is always read to its end.

    (DuckDB 2 refuses other work on a connection while a result is partly read, so the store
    never uses ``fetchone``.)
    """
    rows = con.execute(query, list(params)).fetchall()
    return tuple(rows[0]) if rows else None


def create_schema(con: duckdb.DuckDBPyConnection, *, equipoise_version: str) -> None:
    """Create the catalog tables where missing and record the catalog version."""
    for statement in SCHEMA_SQL:
        con.execute(statement)
    con.execute(
        "INSERT INTO store_info VALUES ('catalog_version', ?), ('created_by', ?) "
        "ON CONFLICT DO NOTHING",
        [str(CATALOG_VERSION), equipoise_version],
    )


def check_version(con: duckdb.DuckDBPyConnection, path: Path) -> bool:
    """Check the catalog version; return False if the catalog has no schema yet.

    Raises
    ------
    FormatVersionError
        If the catalog was written by a newer equipoise (a newer catalog version).
    """
    try:
        row = fetch_one(con, "SELECT value FROM store_info WHERE key = 'catalog_version'")
    except duckdb.CatalogException:  # no store_info table: a new, empty catalog
        return False
    version = int(row[0]) if row else 0
    if version > CATALOG_VERSION:
        raise FormatVersionError(
            f"{path}: catalog version {version} was written by a newer equipoise; this one "
            f"reads catalog versions up to {CATALOG_VERSION}. Upgrade equipoise."
        )
    if version < 1:
        raise FormatVersionError(f"{path}: not an equipoise catalog (no catalog_version)")
    return True


@contextmanager
def connect(
    path: Path, *, write: bool, timeout: float, equipoise_version: str = ""
) -> Iterator[duckdb.DuckDBPyConnection]:
    """Open the catalog for one operation, retrying while another process holds it.

    Parameters
    ----------
    path : Path
        The catalog file. For writing it is created (with its folder) if missing; for reading
        it must exist.
    write : bool
        Open for writing (exclusive) or read-only (shared).
    timeout : float
        Seconds to keep retrying while the file is locked.
    equipoise_version : str
        Recorded when the catalog is created.

    Raises
    ------
    StoreLockedError
        If the file stayed locked for ``timeout`` seconds.
    FormatVersionError
        If the catalog is of a newer version.
    StoreError
        If the file is not a DuckDB database or cannot be opened.
    """
    if write:
        path.parent.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + timeout
    delay = 0.005
    while True:
        try:
            # One thread: catalog queries are tiny, and starting a thread pool per
            # connection costs more than they do.
            con = duckdb.connect(str(path), read_only=not write, config={"threads": 1})
            break
        except duckdb.Error as exc:
            if not is_lock_error(exc):
                raise StoreError(f"cannot open the catalog {path}: {exc}") from None
            if time.monotonic() >= deadline:
                raise StoreLockedError(
                    f"the catalog {path} is locked by another process (waited {timeout:g} s): "
                    f"{exc}. Another equipoise process is writing to this store; try again "
                    "when it has finished."
                ) from None
            time.sleep(delay)
            delay = min(delay * 2, 0.2)
    try:
        ready = check_version(con, path)
        if write and not ready:
            create_schema(con, equipoise_version=equipoise_version)
        elif not ready:
            raise StoreError(f"{path}: the catalog has no tables (not an equipoise store)")
        yield con
    finally:
        con.close()


__all__ = [
    "CATALOG_FILE",
    "CATALOG_TABLES",
    "CATALOG_VERSION",
    "SCHEMA_SQL",
    "check_version",
    "connect",
    "create_schema",
    "fetch_one",
    "is_lock_error",
]
