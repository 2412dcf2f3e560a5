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
    ``metadata_bytes`` and ``metadata_sha256`` of the run's ``metadata.json`` as last
    written (NULL for runs written before catalog version 2).
``batches(run_id, batch, rows, written_at)``
    One row per completed batch; ``rows`` is the total over the batch's tables.
``batch_tables(run_id, batch, table_name, rows, bytes, sha256)``
    One row per table file of a completed batch, with its size in bytes and SHA-256 (hex)
    as written (NULL for files written before catalog version 2: *unverified*).
``run_results(run_id, name, format, rows, written_at, bytes, sha256)``
    One row per stored result (``format``: ``json`` or ``parquet``; ``rows`` NULL for JSON).

Versions: ``1`` (equipoise 0.1) had no sizes or hashes; the first connection to it (for
reading or writing) adds the columns, NULL for what was written before, and records version 2.

Within one process, DuckDB shares one database instance between the connections to a file,
so the file lock does not keep two *threads* from writing at once (two first writes both
creating the schema gave "Catalog write-write conflict"): :func:`connect` also holds a
per-file thread lock while a connection is open for writing.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb

from equipoise.store.errors import (
    CatalogCorruptError,
    FormatVersionError,
    StoreError,
    StoreLockedError,
)

#: The catalog schema version this code writes and reads.
CATALOG_VERSION = 2

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
        summary VARCHAR,
        metadata_bytes BIGINT,
        metadata_sha256 VARCHAR
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
        bytes BIGINT,
        sha256 VARCHAR,
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
        bytes BIGINT,
        sha256 VARCHAR,
        PRIMARY KEY (run_id, name)
    )
    """,
)

#: Columns that catalog version 2 added, by table (added as NULL to a version-1 catalog).
V2_COLUMNS = {
    "runs": ("metadata_bytes BIGINT", "metadata_sha256 VARCHAR"),
    "batch_tables": ("bytes BIGINT", "sha256 VARCHAR"),
    "run_results": ("bytes BIGINT", "sha256 VARCHAR"),
}

_WRITE_LOCKS: dict[str, threading.RLock] = {}
_WRITE_LOCKS_GUARD = threading.Lock()


def write_lock(path: Path) -> threading.RLock:
    """Return the lock that the threads of this process hold while writing ``path``."""
    key = str(path.resolve()) if path.parent.exists() else str(path.absolute())
    with _WRITE_LOCKS_GUARD:
        return _WRITE_LOCKS.setdefault(key, threading.RLock())


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


def catalog_version(con: duckdb.DuckDBPyConnection) -> int:
    """Return the recorded catalog version, 0 if the catalog has no schema yet."""
    try:
        row = fetch_one(con, "SELECT value FROM store_info WHERE key = 'catalog_version'")
    except duckdb.CatalogException:  # no store_info table: a new, empty catalog
        return 0
    return int(row[0]) if row else -1


def migrate(con: duckdb.DuckDBPyConnection, version: int) -> None:
    """Bring a catalog of an older version to :data:`CATALOG_VERSION` (in place)."""
    if version < 2:
        for table, columns in V2_COLUMNS.items():
            for column in columns:
                con.execute(f"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS {column}")
        con.execute(
            "UPDATE store_info SET value = ? WHERE key = 'catalog_version'",
            [str(CATALOG_VERSION)],
        )


def check_version(con: duckdb.DuckDBPyConnection, path: Path, version: int | None = None) -> bool:
    """Check the catalog version; return False if the catalog has no schema yet.

    ``version`` is the recorded version if already read (see :func:`catalog_version`).

    Raises
    ------
    FormatVersionError
        If the catalog was written by a newer equipoise (a newer catalog version).
    """
    if version is None:
        version = catalog_version(con)
    if version == 0:
        return False
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
    CatalogCorruptError
        If the file is not a DuckDB database, or not a readable catalog.
    StoreError
        If the file cannot be opened.
    """
    if not write:
        seen: list[int] = []
        with _opened(path, write=False, timeout=timeout, equipoise_version="", seen=seen) as con:
            if seen[0] >= CATALOG_VERSION:
                yield con
                return
        # A catalog of an older version: upgrade it once (a short write), then read.
        with write_lock(path), _opened(path, write=True, timeout=timeout, equipoise_version=""):
            pass
        with _opened(path, write=False, timeout=timeout, equipoise_version="") as con:
            yield con
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(f"cannot create the store folder {path.parent}: {exc}") from None
    with (
        write_lock(path),
        _opened(path, write=True, timeout=timeout, equipoise_version=equipoise_version) as con,
    ):
        yield con


#: Words of DuckDB's messages for a file that is not (or no longer) a whole database.
_CORRUPT_MARKERS = (
    "not a valid duckdb database",
    "corrupt",
    "serialization error",
    "checksum",
    "could not read enough bytes",
    "invalid",
    "unexpected end",
    "malformed",
)


def _corrupt(path: Path, exc: BaseException) -> CatalogCorruptError:
    return CatalogCorruptError(
        f"the catalog {path} is damaged and cannot be read ({exc}). The run folders describe "
        "themselves: `equipoise runs repair` moves the damaged catalog aside (never deleting "
        "it) and rebuilds it from them."
    )


@contextmanager
def _opened(
    path: Path,
    *,
    write: bool,
    timeout: float,
    equipoise_version: str,
    seen: list[int] | None = None,
) -> Iterator[duckdb.DuckDBPyConnection]:
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
                text = str(exc).lower()
                if isinstance(exc, duckdb.IOException) and not any(
                    m in text for m in _CORRUPT_MARKERS
                ):
                    raise StoreError(f"cannot open the catalog {path}: {exc}") from None
                raise _corrupt(path, exc) from None
            if time.monotonic() >= deadline:
                raise StoreLockedError(
                    f"the catalog {path} is locked by another process (waited {timeout:g} s): "
                    f"{exc}. Another equipoise process is writing to this store; try again "
                    "when it has finished."
                ) from None
            time.sleep(delay)
            delay = min(delay * 2, 0.2)
    try:
        try:
            version = catalog_version(con)
            if seen is not None:
                seen.append(version)
            ready = check_version(con, path, version)
            if write and not ready:
                create_schema(con, equipoise_version=equipoise_version)
            elif not ready:
                raise StoreError(f"{path}: the catalog has no tables (not an equipoise store)")
            elif version < CATALOG_VERSION and write:
                migrate(con, version)
        except duckdb.Error as exc:
            raise _corrupt(path, exc) from None
        try:
            yield con
        except (duckdb.IOException, duckdb.SerializationException, duckdb.InternalException) as exc:
            # A catalog cut short opens, then fails on the first read past its end.
            if any(m in str(exc).lower() for m in _CORRUPT_MARKERS) and not is_lock_error(exc):
                raise _corrupt(path, exc) from None
            raise
    finally:
        con.close()


__all__ = [
    "CATALOG_FILE",
    "CATALOG_TABLES",
    "CATALOG_VERSION",
    "SCHEMA_SQL",
    "V2_COLUMNS",
    "catalog_version",
    "check_version",
    "connect",
    "create_schema",
    "fetch_one",
    "is_lock_error",
    "migrate",
    "write_lock",
]
