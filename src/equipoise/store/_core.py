"""The ground floor of :class:`~equipoise.store.RunStore`: locations and catalog access.

:class:`StoreCore` knows where things are (the store folder, the catalog, a run's folder and
files), opens the catalog for one operation at a time (rebuilding it from the run folders if
it has gone missing), reads a run's catalog row and ``metadata.json``, and keeps the two in
step. The subject modules (:mod:`~equipoise.store.runs`, :mod:`~equipoise.store.tables`,
:mod:`~equipoise.store.results`, :mod:`~equipoise.store.query`,
:mod:`~equipoise.store.integrity`) build on it; :mod:`~equipoise.store.runstore` puts them
together.
"""

from __future__ import annotations

import os
import socket
import warnings
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb

from equipoise.store._checks import FileProblem, FileRecord, check_files, sha256_bytes
from equipoise.store._common import (
    BATCHES_DIR,
    RESULTS_DIR,
    RUN_ID_PATTERN,
    RUNS_DIR,
    TEMP_PID,
    effective_status,
    process_alive,
    utcnow,
)
from equipoise.store._files import discard, json_bytes, write_bytes_atomic
from equipoise.store.base import StoreBackend
from equipoise.store.catalog import CATALOG_FILE, SCHEMA_SQL, connect, write_lock
from equipoise.store.errors import (
    DamagedRunError,
    RunNotFoundError,
    StoreError,
    StoreNote,
    StoreRootError,
)
from equipoise.store.metadata import METADATA_FILE, jsonable, read_metadata


class StoreCore(StoreBackend):
    """Locations, catalog connections and run headers shared by the store's subject modules.

    Parameters
    ----------
    root : path, optional
        The store folder; created on the first write. Default: ``$EQUIPOISE_RUNS``, else
        ``./equipoise-runs``.
    lock_timeout : float, default 10
        Seconds to wait while another process holds the catalog before raising
        :class:`~equipoise.store.errors.StoreLockedError`.
    """

    def __init__(self, root: Path | str | None = None, *, lock_timeout: float = 10.0) -> None:
        super().__init__(root)
        self.lock_timeout = lock_timeout

    def __repr__(self) -> str:
        return f"{type(self).__name__}({str(self.root)!r})"

    # ----------------------------------------------------------------------------------------
    # locations

    @classmethod
    def guess_can_open(cls, root: Path) -> bool:
        """Return whether ``root`` holds a catalog of this back-end."""
        return (Path(root) / CATALOG_FILE).is_file()

    @property
    def catalog_path(self) -> Path:
        """The catalog file, ``ROOT/catalog.duckdb``."""
        return self.root / CATALOG_FILE

    def run_dir(self, run_id: str) -> Path:
        """Return the folder of a run (``ROOT/runs/run_id=ID``), whether or not it exists.

        Raises
        ------
        RunNotFoundError
            If ``run_id`` is not of the form of a run id (so no path outside the store is
            ever formed from user input).
        """
        if not isinstance(run_id, str) or not RUN_ID_PATTERN.fullmatch(run_id):
            raise RunNotFoundError(str(run_id), str(self.root), self._recent_ids())
        return self.root / RUNS_DIR / f"run_id={run_id}"

    @staticmethod
    def batch_file(table: str, batch: int) -> str:
        """Return a batch file's path in its run folder, ``<table>/batch-NNNNNN.parquet``."""
        return f"{table}/batch-{batch:06d}.parquet"

    @staticmethod
    def manifest_file(batch: int) -> str:
        """Return a batch manifest's path in its run folder, ``_batches/batch-NNNNNN.json``."""
        return f"{BATCHES_DIR}/batch-{batch:06d}.json"

    def _batch_path(self, run_id: str, table: str, batch: int) -> Path:
        return self.run_dir(run_id) / self.batch_file(table, batch)

    def check_root(self) -> None:
        """Refuse a store folder that is a file (or lies under one).

        Raises
        ------
        StoreRootError
            With the path, saying what it is and what is expected.
        """
        for path in (self.root, *self.root.parents):
            if path.exists():
                if not path.is_dir():
                    what = "is a file" if path == self.root else f"lies under the file {path}"
                    raise StoreRootError(
                        str(self.root),
                        f"{what}, not a folder: give a folder (it is created if missing)",
                    )
                return

    # ----------------------------------------------------------------------------------------
    # catalog access

    def _ensure_catalog(self) -> None:
        """Rebuild a missing catalog from the run folders (with a :class:`StoreNote`).

        A store with no catalog and no run folder is a new store: nothing is done (the first
        write creates the catalog, always before the first run folder).
        """
        if self.catalog_path.is_file():
            return
        runs = self.root / RUNS_DIR
        if not runs.is_dir() or not any(runs.glob("run_id=*")):
            return
        from equipoise.store.rebuild import rebuild_catalog

        with write_lock(self.catalog_path):
            if self.catalog_path.is_file():  # another thread rebuilt it meanwhile
                return
            report = rebuild_catalog(self.root)
        if report.installed:
            warnings.warn(
                StoreNote(
                    f"the catalog {self.catalog_path} was missing; rebuilt it from the run "
                    f"folders: {report.summary()}"
                ),
                stacklevel=4,
            )

    @contextmanager
    def _write(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """Open the catalog for writing (created, or rebuilt from the run folders, if missing)."""
        from equipoise import __version__

        self.check_root()
        self._ensure_catalog()
        with connect(
            self.catalog_path,
            write=True,
            timeout=self.lock_timeout,
            equipoise_version=__version__,
        ) as con:
            yield con

    @contextmanager
    def _read(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """Open the catalog read-only; without one (a new store), an empty in-memory catalog."""
        self.check_root()
        self._ensure_catalog()
        if self.catalog_path.is_file():
            with connect(self.catalog_path, write=False, timeout=self.lock_timeout) as con:
                yield con
            return
        con = duckdb.connect()
        try:
            for statement in SCHEMA_SQL:
                con.execute(statement)
            yield con
        finally:
            con.close()

    @staticmethod
    def _row(con: duckdb.DuckDBPyConnection, run_id: str) -> dict[str, Any] | None:
        cursor = con.execute("SELECT * FROM runs WHERE run_id = ?", [run_id])
        names = [d[0] for d in cursor.description or ()]
        rows = cursor.fetchall()
        if not rows:
            return None
        return dict(zip(names, rows[0], strict=True))

    def _recent_ids(self, limit: int = 5) -> list[str]:
        if not self.catalog_path.is_file():
            return []
        try:
            with self._read() as con:
                rows = con.execute(
                    "SELECT run_id FROM runs ORDER BY created_at DESC, run_id DESC LIMIT ?",
                    [limit],
                ).fetchall()
        except StoreError:
            return []
        return [str(r[0]) for r in rows]

    def _require_row(self, con: duckdb.DuckDBPyConnection, run_id: str) -> dict[str, Any]:
        row = self._row(con, run_id)
        if row is None:
            recent = [
                str(r[0])
                for r in con.execute(
                    "SELECT run_id FROM runs ORDER BY created_at DESC, run_id DESC LIMIT 5"
                ).fetchall()
            ]
            raise RunNotFoundError(run_id, str(self.root), recent)
        return row

    def _records(
        self,
        con: duckdb.DuckDBPyConnection,
        run_id: str,
        *,
        table: str | None = None,
        results: bool = True,
    ) -> list[FileRecord]:
        """Return the catalog's records of a run's files (of one table, if given)."""
        query = "SELECT table_name, batch, rows, bytes, sha256 FROM batch_tables WHERE run_id = ?"
        params: list[Any] = [run_id]
        if table is not None:
            query += " AND table_name = ?"
            params.append(table)
        records = [
            FileRecord(self.batch_file(str(name), int(b)), int(n), _int(size), sha, int(b), name)
            for name, b, n, size, sha in con.execute(
                query + " ORDER BY table_name, batch", params
            ).fetchall()
        ]
        if results and table is None:
            records += [
                FileRecord(
                    f"{RESULTS_DIR}/{name}.{fmt}",
                    None if rows is None else int(rows),
                    _int(size),
                    sha,
                    None,
                    str(name),
                )
                for name, fmt, rows, size, sha in con.execute(
                    "SELECT name, format, rows, bytes, sha256 FROM run_results WHERE run_id = ? "
                    "ORDER BY name",
                    [run_id],
                ).fetchall()
            ]
        return records

    def _all_records(self, con: duckdb.DuckDBPyConnection) -> dict[str, list[FileRecord]]:
        """Return the catalog's records of every run's files, by run id."""
        by_run: dict[str, list[FileRecord]] = {}
        for run_id, name, b, n, size, sha in con.execute(
            "SELECT run_id, table_name, batch, rows, bytes, sha256 FROM batch_tables "
            "ORDER BY run_id, table_name, batch"
        ).fetchall():
            by_run.setdefault(str(run_id), []).append(
                FileRecord(
                    self.batch_file(str(name), int(b)), int(n), _int(size), sha, int(b), name
                )
            )
        for run_id, name, fmt, n, size, sha in con.execute(
            "SELECT run_id, name, format, rows, bytes, sha256 FROM run_results "
            "ORDER BY run_id, name"
        ).fetchall():
            by_run.setdefault(str(run_id), []).append(
                FileRecord(f"{RESULTS_DIR}/{name}.{fmt}", _int(n), _int(size), sha, None, name)
            )
        return by_run

    def _check(self, run_id: str, records: list[FileRecord], *, footers: bool) -> list[FileProblem]:
        """Check a run's files cheaply (no hashing); never called while holding the catalog.

        Existence and size; with ``footers`` also the Parquet row counts and batch tags.
        """
        if not records:
            return []
        return check_files(
            self.run_dir(run_id), records, run_id=run_id, hashes=False, footers=footers
        )

    def _refuse_damaged(self, run_id: str, problems: list[FileProblem]) -> None:
        """Raise :class:`DamagedRunError` naming the damaged files, if there are any."""
        if problems:
            shown = "; ".join(p.message() for p in problems[:5])
            more = f" (and {len(problems) - 5} more)" if len(problems) > 5 else ""
            raise DamagedRunError(run_id, (p.path for p in problems), shown + more)

    # ----------------------------------------------------------------------------------------
    # the writer of a run

    def _take_up(
        self, con: duckdb.DuckDBPyConnection, row: Mapping[str, Any], *, force: bool = False
    ) -> None:
        """Make this process the run's writer, or refuse if that would be unsafe.

        A run recorded ``running`` by this process goes on as it is. A run that is
        ``incomplete`` or ``failed``, or ``running`` by a process of this host that has died, is
        taken up: it becomes ``running`` with this process as its writer. A complete run, and
        (unless ``force``) a run being written by a live process or by another host, are
        refused. Called with the catalog open for writing.
        """
        run_id, status = str(row["run_id"]), str(row["status"])
        pid, host = int(row["pid"]), str(row["host"])
        me, here = os.getpid(), socket.gethostname()
        if status == "complete":
            raise StoreError(f"run {run_id} is complete; a complete run is never changed")
        if status == "running" and (pid, host) == (me, here):
            return
        if status == "running" and not force:
            if host != here:
                raise StoreError(
                    f"run {run_id} is recorded as running on host {host} (process {pid}), "
                    "which this host cannot check; if that process is gone, resume with "
                    "force=True"
                )
            if process_alive(pid):
                raise StoreError(
                    f"run {run_id} is being written by process {pid} on {host}; only that "
                    "process writes to it (if its id was reused by another program, resume "
                    "with force=True)"
                )
        con.execute(
            "UPDATE runs SET status = 'running', pid = ?, host = ?, finished_at = NULL, "
            "updated_at = ? WHERE run_id = ?",
            [me, here, utcnow(), run_id],
        )
        self._update_metadata(con, run_id, status="running", pid=me, host=here, finished_at=None)
        self._remove_stale_temps(run_id)

    @staticmethod
    def _check_not_foreign(row: Mapping[str, Any]) -> None:
        """Refuse if another live process (or another host) is writing the run."""
        run_id, status, pid, host = row["run_id"], row["status"], row["pid"], row["host"]
        mine = (int(pid), str(host)) == (os.getpid(), socket.gethostname())
        if (
            status == "running"
            and not mine
            and effective_status(status, int(pid), str(host)) == "running"
        ):
            raise StoreError(
                f"run {run_id} is being written by process {pid} on {host}; only that process "
                "writes to it"
            )

    # ----------------------------------------------------------------------------------------
    # run headers

    def _metadata(self, run_id: str) -> dict[str, Any]:
        """Read a run's header (never called while this process holds the catalog)."""
        path = self.run_dir(run_id) / METADATA_FILE
        if not path.is_file():
            if self.catalog_path.is_file():
                with self._read() as con:
                    known = self._row(con, run_id) is not None
                if known:
                    raise StoreError(
                        f"run {run_id} is in the catalog, but its folder has no {METADATA_FILE} "
                        f"({path}); was the folder removed or moved?"
                    )
            raise RunNotFoundError(run_id, str(self.root), self._recent_ids())
        return read_metadata(path)

    def _write_metadata(
        self, con: duckdb.DuckDBPyConnection | None, run_id: str, doc: dict[str, Any]
    ) -> tuple[int, str]:
        """Write a header atomically and record its size and hash in the catalog (via ``con``).

        Returns the size and SHA-256 written.
        """
        data = json_bytes(jsonable(doc))
        write_bytes_atomic(self.run_dir(run_id) / METADATA_FILE, data)
        size, digest = len(data), sha256_bytes(data)
        if con is not None:
            con.execute(
                "UPDATE runs SET metadata_bytes = ?, metadata_sha256 = ? WHERE run_id = ?",
                [size, digest, run_id],
            )
        return size, digest

    def _update_metadata(self, con: duckdb.DuckDBPyConnection, run_id: str, **changes: Any) -> None:
        # Called while the catalog is open for writing: reads the header directly (no
        # catalog look-up, which would wait for the lock this process holds).
        doc = read_metadata(self.run_dir(run_id) / METADATA_FILE)
        doc.update(changes)
        if doc.get("integrity", "absent") is None:  # format 1, as loaded: keep it format 1
            del doc["integrity"]
        self._write_metadata(con, run_id, doc)

    def _remove_stale_temps(self, run_id: str) -> None:
        """Remove temporary files that a dead writer of the run left behind.

        They were never moved into place, so they hold nothing that was stored; files of this
        process are left alone.
        """
        mine = os.getpid()
        for path in self.run_dir(run_id).rglob(".*.tmp"):
            match = TEMP_PID.search(path.name)
            if match is not None and int(match.group(1)) != mine:
                discard([path])


def _int(value: Any) -> int | None:
    return None if value is None else int(value)


__all__ = ["StoreCore"]
