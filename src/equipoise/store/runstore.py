"""The bundled results store: a DuckDB catalog with one Parquet file per table and batch.

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
* A run whose writing process has died (recorded ``running``, but its process id is not alive
  on this host) is reported as ``incomplete``; :meth:`RunStore.repair` records that. Writing
  a batch of an unfinished run (or :meth:`RunStore.resume`) takes it up again, its complete
  batches kept.
"""

from __future__ import annotations

import datetime as dt
import json
import operator
import os
import re
import secrets
import socket
from collections.abc import Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager, suppress
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from equipoise.store._files import (
    deferred_interrupt,
    discard,
    json_bytes,
    publish,
    write_bytes_temp,
    write_parquet_temp,
)
from equipoise.store.base import (
    FINAL_STATUSES,
    RUN_KINDS,
    StoreBackend,
    T_Filter,
    T_FinalStatus,
)
from equipoise.store.catalog import CATALOG_FILE, CATALOG_TABLES, SCHEMA_SQL, connect, fetch_one
from equipoise.store.errors import (
    AlreadyStoredError,
    QueryError,
    RunNotFoundError,
    StoreError,
)
from equipoise.store.metadata import (
    FORMAT_VERSION,
    METADATA_FILE,
    dtype_from_name,
    frame_dtypes,
    jsonable,
    read_metadata,
    write_metadata,
)

#: Folder of the run folders inside a store.
RUNS_DIR = "runs"
#: Folder of the named results inside a run folder.
RESULTS_DIR = "results"
#: Names of tables and results: lower-case identifiers (safe as file names and in SQL).
NAME_PATTERN = re.compile(r"[a-z][a-z0-9_]{0,62}")
#: Columns a stored table may not have (the SQL views add them).
RESERVED_COLUMNS = frozenset({"run_id", "batch"})
#: Table names that would clash with the catalog in SQL.
RESERVED_NAMES = frozenset(CATALOG_TABLES) | {"run_tables"}

_RUN_ID_PATTERN = re.compile(r"[0-9]{8}-[0-9]{6}-[0-9a-f]{4,32}")
_FILTER_OPS = {
    "==": "=",
    "=": "=",
    "!=": "<>",
    "<": "<",
    "<=": "<=",
    ">": ">",
    ">=": ">=",
    "in": "IN",
    "not in": "NOT IN",
}
_READ_PRAGMAS = re.compile(r"\s*pragma\s+(table_info|show_tables|show_tables_expanded)\b", re.I)
_EXPLAIN_PREFIX = re.compile(r"\s*explain\s+(analyze\s+)?", re.I)
_MAX_SEED = 2**63
_TEMP_PID = re.compile(r"\.(\d+)-[0-9a-f]{8}\.tmp$")


def _now() -> dt.datetime:
    """Return the current UTC time as a naive datetime (the catalog's TIMESTAMP is UTC)."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def _iso(value: Any) -> str | None:
    if value is None or (isinstance(value, float) and value != value):
        return None
    if isinstance(value, dt.datetime):
        return value.isoformat(timespec="seconds") + "Z"
    return str(value)


def new_run_id(now: dt.datetime | None = None) -> str:
    """Return a new time-sortable run id, ``YYYYMMDD-HHMMSS-xxxx`` (UTC, 4 random hex digits)."""
    now = now or _now()
    return f"{now:%Y%m%d-%H%M%S}-{secrets.token_hex(2)}"


def process_alive(pid: int) -> bool:
    """Return whether a process with this id runs on this host.

    On Windows, where ``os.kill`` would end the process, every process is taken to be alive.
    A process id reused by an unrelated process also counts as alive (the run then stays
    ``running`` until that process ends).
    """
    if pid <= 0:
        return False
    if os.name == "nt":  # pragma: no cover - os.kill(pid, 0) terminates processes on Windows
        return True
    try:
        os.kill(pid, 0)
    except (ProcessLookupError, OverflowError):
        return False
    except OSError:  # PermissionError: alive, owned by another user
        return True
    return True


def effective_status(status: str, pid: int, host: str) -> str:
    """Return the status to report: a ``running`` run whose process died is ``incomplete``."""
    if status == "running" and host == socket.gethostname() and not process_alive(pid):
        return "incomplete"
    return status


def _quote_ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _quote_literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def check_read_only(query: str) -> None:
    """Refuse a query that is not one read-only statement.

    Allowed: ``SELECT``, ``WITH``, ``FROM``, ``VALUES``, ``DESCRIBE``, ``SHOW``,
    ``SUMMARIZE``, ``EXPLAIN [ANALYZE]`` of one of those, and ``PRAGMA table_info`` /
    ``show_tables``.

    Raises
    ------
    QueryError
        With DuckDB's message for a syntax error, or saying what is allowed.
    """
    try:
        statements = duckdb.extract_statements(query)
    except duckdb.Error as exc:
        raise QueryError(str(exc)) from None
    if not statements:
        raise QueryError("the query is empty")
    if len(statements) > 1:
        raise QueryError(f"one statement at a time, please (got {len(statements)})")
    statement = statements[0]
    kind = statement.type
    if kind == duckdb.StatementType.EXPLAIN:
        inner = _EXPLAIN_PREFIX.sub("", statement.query, count=1)
        check_read_only(inner)
        return
    if kind == duckdb.StatementType.SELECT:
        return
    if kind == duckdb.StatementType.PRAGMA and _READ_PRAGMAS.match(statement.query):
        return
    raise QueryError(
        f"only read-only queries are allowed (SELECT, WITH, DESCRIBE, SHOW, SUMMARIZE, "
        f"EXPLAIN, PRAGMA table_info); got {kind.name}"
    )


def _check_name(name: str, what: str) -> None:
    if not isinstance(name, str) or not NAME_PATTERN.fullmatch(name):
        raise ValueError(
            f"{what} name {name!r} must be a lower-case identifier "
            f"(letters, digits, '_', starting with a letter; at most 63 characters)"
        )
    if name in RESERVED_NAMES:
        raise ValueError(f"{what} name {name!r} is reserved (it names a catalog table)")


def _check_frame(name: str, frame: Any) -> None:
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"table {name!r} must be a pandas DataFrame, got {type(frame).__name__}")
    if any(level is not None for level in frame.index.names):
        raise ValueError(
            f"table {name!r} has a named index {list(frame.index.names)}; the index of a stored "
            "table is not kept, so move it into columns first (frame.reset_index())"
        )
    columns = list(frame.columns)
    if not all(isinstance(c, str) for c in columns):
        raise ValueError(f"table {name!r}: column names must be strings, got {columns!r}")
    if len(set(columns)) != len(columns):
        raise ValueError(f"table {name!r}: duplicate column names in {columns!r}")
    clash = RESERVED_COLUMNS.intersection(columns)
    if clash:
        raise ValueError(
            f"table {name!r}: column names {sorted(clash)} are reserved (the SQL views add them)"
        )


def _arrow_to_frame(table: Any, dtypes: Mapping[str, str]) -> pd.DataFrame:
    """Turn an Arrow table read back into a DataFrame with the dtypes recorded on writing.

    Extension dtypes (``Int64``, ``boolean``, ``string``, ``str``...) are built straight from
    the Arrow arrays, so nullable integers keep every digit; other columns go through
    ``to_pandas`` and are cast where they differ.
    """
    data: dict[str, pd.Series[Any]] = {}
    for name in table.column_names:
        column = table.column(name)
        recorded = dtypes.get(name)
        dtype = dtype_from_name(recorded) if recorded is not None else None
        series: pd.Series[Any] | None = None
        if isinstance(dtype, pd.api.extensions.ExtensionDtype) and hasattr(dtype, "__from_arrow__"):
            try:
                series = pd.Series(dtype.__from_arrow__(column), name=name, copy=False)
            except (TypeError, ValueError, NotImplementedError):
                series = None
        if series is None:
            series = column.to_pandas()
            if dtype is not None and series.dtype != dtype:
                series = series.astype(dtype)
        data[name] = series
    return pd.DataFrame(data, columns=list(table.column_names))


def _empty_frame(dtypes: Mapping[str, str], columns: Sequence[str]) -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=dtype_from_name(dtypes[c])) for c in columns})


def _filters_sql(filters: Sequence[T_Filter], known: Sequence[str]) -> tuple[str, dict[str, Any]]:
    clauses: list[str] = []
    params: dict[str, Any] = {}
    for i, item in enumerate(filters):
        try:
            column, op, value = item
        except (TypeError, ValueError):
            raise ValueError(f"filter {item!r} must be a (column, op, value) tuple") from None
        if column not in known:
            raise ValueError(f"filter on unknown column {column!r} (columns: {', '.join(known)})")
        sql_op = _FILTER_OPS.get(str(op).lower())
        if sql_op is None:
            raise ValueError(f"filter operator {op!r} is not one of {', '.join(_FILTER_OPS)}")
        if sql_op in ("IN", "NOT IN"):
            values = list(value)
            if not values:
                clauses.append("FALSE" if sql_op == "IN" else "TRUE")
                continue
            names = []
            for j, v in enumerate(values):
                params[f"f{i}_{j}"] = v
                names.append(f"$f{i}_{j}")
            clauses.append(f"{_quote_ident(column)} {sql_op} ({', '.join(names)})")
        else:
            params[f"f{i}"] = value
            clauses.append(f"{_quote_ident(column)} {sql_op} $f{i}")
    return " AND ".join(clauses), params


class RunStore(StoreBackend):
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

    def __init__(self, root: Path | str | None = None, *, lock_timeout: float = 10.0) -> None:
        super().__init__(root)
        self.lock_timeout = lock_timeout

    def __repr__(self) -> str:
        return f"RunStore({str(self.root)!r})"

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
        if not isinstance(run_id, str) or not _RUN_ID_PATTERN.fullmatch(run_id):
            raise RunNotFoundError(str(run_id), str(self.root), self._recent_ids())
        return self.root / RUNS_DIR / f"run_id={run_id}"

    def _batch_path(self, run_id: str, table: str, batch: int) -> Path:
        return self.run_dir(run_id) / table / f"batch-{batch:06d}.parquet"

    # ----------------------------------------------------------------------------------------
    # catalog access

    def _write(self) -> AbstractContextManager[duckdb.DuckDBPyConnection]:
        from equipoise import __version__

        return connect(
            self.catalog_path,
            write=True,
            timeout=self.lock_timeout,
            equipoise_version=__version__,
        )

    @contextmanager
    def _read(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """Open the catalog read-only; without one, an empty in-memory catalog."""
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

    def _update_metadata(self, run_id: str, **changes: Any) -> None:
        # Called while the catalog is open for writing: reads the header directly (no
        # catalog look-up, which would wait for the lock this process holds).
        path = self.run_dir(run_id) / METADATA_FILE
        doc = read_metadata(path)
        doc.update(changes)
        write_metadata(path, doc)

    def _remove_stale_temps(self, run_id: str) -> None:
        """Remove temporary files that a dead writer of the run left behind.

        They were never moved into place, so they hold nothing that was stored; files of this
        process are left alone.
        """
        mine = os.getpid()
        for path in self.run_dir(run_id).rglob(".*.tmp"):
            match = _TEMP_PID.search(path.name)
            if match is not None and int(match.group(1)) != mine:
                discard([path])

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
            [me, here, _now(), run_id],
        )
        self._update_metadata(run_id, status="running", pid=me, host=here, finished_at=None)
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
    # writing

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
        kind : {"run", "ensemble", "compare", "sensitivity", "discover", "claims"}
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
            The id to record the run under: one from :func:`new_run_id` that the caller handed
            out before the run started (the web app's queued jobs). Refused if taken.

        Returns
        -------
        str
            The new id, ``YYYYMMDD-HHMMSS-xxxx`` (UTC); never one used before in this store.
        """
        from equipoise import __version__

        if kind not in RUN_KINDS:
            raise ValueError(f"kind must be one of {', '.join(RUN_KINDS)}, got {kind!r}")
        seed = operator.index(seed)
        if not 0 <= seed < _MAX_SEED:
            raise ValueError(f"seed must be in [0, 2**63), got {seed}")
        n_members, n_batches = operator.index(n_members), operator.index(n_batches)
        if n_members < 0 or n_batches < 0:
            raise ValueError("n_members and n_batches must not be negative")
        params = jsonable(dict(parameters))
        now = _now()
        pid, host = os.getpid(), socket.gethostname()

        runs = self.root / RUNS_DIR
        runs.mkdir(parents=True, exist_ok=True)
        if run_id is not None:
            if not _RUN_ID_PATTERN.fullmatch(run_id):
                raise ValueError(f"not a run id: {run_id!r}")
            folder = self.run_dir(run_id)
            try:
                folder.mkdir(exist_ok=False)
            except FileExistsError:
                raise StoreError(f"run {run_id} exists already") from None
        else:
            for _ in range(1000):
                run_id = new_run_id(now)
                folder = self.run_dir(run_id)
                try:
                    folder.mkdir(exist_ok=False)
                    break
                except FileExistsError:
                    continue
            else:  # pragma: no cover - 65,536 ids per second
                raise StoreError("could not find a free run id; try again in a second")

        meta = {
            "format_version": FORMAT_VERSION,
            "run_id": run_id,
            "kind": kind,
            "scenario_name": scenario_name,
            "scenario_hash": scenario_hash,
            "parameters": params,
            "seed": seed,
            "n_members": n_members,
            "n_batches": n_batches,
            "code_version": code_version,
            "equipoise_version": __version__,
            "created_at": _iso(now),
            "pid": pid,
            "host": host,
            "status": "running",
            "finished_at": None,
            "summary": None,
            "layout": {
                "tables": "{table}/batch-{batch:06d}.parquet",
                "results": RESULTS_DIR + "/{name}.{json|parquet}",
                "parquet_index": "not stored",
            },
            "tables": {},
            "results": {},
        }
        meta_path = folder / METADATA_FILE
        try:
            write_metadata(meta_path, meta)
            with self._write() as con:
                con.execute(
                    "INSERT INTO runs VALUES (?, ?, 'running', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                    "NULL, ?, ?, NULL)",
                    [
                        run_id,
                        kind,
                        scenario_name,
                        scenario_hash,
                        json.dumps(params, ensure_ascii=False),
                        seed,
                        n_members,
                        n_batches,
                        code_version,
                        __version__,
                        FORMAT_VERSION,
                        now,
                        now,
                        pid,
                        host,
                    ],
                )
        except BaseException:
            # Nothing was recorded: remove the empty folder this call made.
            discard([meta_path])
            with suppress(OSError):
                folder.rmdir()
            raise
        return run_id

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
        batch = operator.index(batch)
        if not tables:
            raise ValueError("a batch needs at least one table")
        meta = self._metadata(run_id)
        if not 0 <= batch < int(meta["n_batches"]):
            raise ValueError(f"batch must be in [0, {meta['n_batches']}) for run {run_id}")
        known: dict[str, Any] = meta["tables"]
        new_tables: dict[str, Any] = {}
        prepared: list[tuple[str, pd.DataFrame]] = []
        for name, frame in tables.items():
            _check_name(name, "table")
            _check_frame(name, frame)
            dtypes = frame_dtypes(frame)
            if name in known:
                expected: dict[str, str] = known[name]["columns"]
                if dtypes != expected:
                    if len(frame) == 0 and list(dtypes) == list(expected):
                        frame = frame.astype({c: dtype_from_name(d) for c, d in expected.items()})
                    else:
                        raise StoreError(
                            f"run {run_id}, batch {batch}: table {name!r} has columns {dtypes}, "
                            f"but earlier batches have {expected}"
                        )
            else:
                new_tables[name] = {"columns": dtypes}
            prepared.append((name, frame))

        temps: list[tuple[Path, Path, str, int]] = []
        try:
            for name, frame in prepared:
                final = self._batch_path(run_id, name, batch)
                final.parent.mkdir(parents=True, exist_ok=True)
                tmp = write_parquet_temp(frame, final, preserve_index=False)
                temps.append((tmp, final, name, len(frame)))
            with deferred_interrupt(), self._write() as con:
                row = self._require_row(con, run_id)
                self._take_up(con, row)
                done = fetch_one(
                    con,
                    "SELECT written_at FROM batches WHERE run_id = ? AND batch = ?",
                    [run_id, batch],
                )
                if done is not None:
                    raise AlreadyStoredError(
                        f"run {run_id}: batch {batch} is already complete (written "
                        f"{_iso(done[0])}); stored batches are never overwritten"
                    )
                now = _now()
                con.execute("BEGIN TRANSACTION")
                for tmp, final, _, _ in temps:
                    publish(tmp, final)
                con.execute(
                    "INSERT INTO batches VALUES (?, ?, ?, ?)",
                    [run_id, batch, sum(n for *_, n in temps), now],
                )
                con.executemany(
                    "INSERT INTO batch_tables VALUES (?, ?, ?, ?)",
                    [[run_id, batch, name, n] for _, _, name, n in temps],
                )
                con.execute("UPDATE runs SET updated_at = ? WHERE run_id = ?", [now, run_id])
                if new_tables:
                    self._update_metadata(run_id, tables={**known, **new_tables})
                con.execute("COMMIT")
        finally:
            discard([tmp for tmp, *_ in temps])

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
        with self._write() as con:
            row = self._require_row(con, run_id)
            if row["status"] == "complete":
                raise StoreError(f"run {run_id} is complete; there is nothing to resume")
            self._take_up(con, row, force=force)
            done = con.execute("SELECT batch FROM batches WHERE run_id = ?", [run_id]).fetchall()
        return {int(r[0]) for r in done}

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
        if status not in FINAL_STATUSES:
            raise ValueError(f"status must be one of {', '.join(FINAL_STATUSES)}, got {status!r}")
        summary_json = None if summary is None else jsonable(dict(summary))
        with deferred_interrupt(), self._write() as con:
            row = self._require_row(con, run_id)
            if row["status"] == "complete":
                raise StoreError(f"run {run_id} is already complete; it is never changed")
            self._check_not_foreign(row)
            if status == "complete":
                found = fetch_one(con, "SELECT count(*) FROM batches WHERE run_id = ?", [run_id])
                n_done = int(found[0]) if found else 0
                if n_done != int(row["n_batches"]):
                    raise StoreError(
                        f"run {run_id} has {n_done} of {row['n_batches']} batches; finish it as "
                        "'incomplete' and resume it later"
                    )
            now = _now()
            if summary_json is None:
                con.execute(
                    "UPDATE runs SET status = ?, finished_at = ?, updated_at = ? WHERE run_id = ?",
                    [status, now, now, run_id],
                )
                self._update_metadata(run_id, status=status, finished_at=_iso(now))
            else:
                con.execute(
                    "UPDATE runs SET status = ?, finished_at = ?, updated_at = ?, summary = ? "
                    "WHERE run_id = ?",
                    [status, now, now, json.dumps(summary_json, ensure_ascii=False), run_id],
                )
                self._update_metadata(
                    run_id, status=status, finished_at=_iso(now), summary=summary_json
                )

    def repair(self) -> list[str]:
        """Record as ``incomplete`` every run whose writing process on this host has died.

        Returns
        -------
        list of str
            The ids of the runs repaired. Their complete batches are kept; :meth:`resume`
            takes them up.
        """
        if not self.catalog_path.is_file():
            return []
        repaired: list[str] = []
        with self._write() as con:
            rows = con.execute(
                "SELECT run_id, pid, host FROM runs WHERE status = 'running'"
            ).fetchall()
            now = _now()
            for run_id, pid, host in rows:
                if effective_status("running", int(pid), str(host)) == "incomplete":
                    con.execute(
                        "UPDATE runs SET status = 'incomplete', updated_at = ? WHERE run_id = ?",
                        [now, run_id],
                    )
                    self._update_metadata(str(run_id), status="incomplete")
                    self._remove_stale_temps(str(run_id))
                    repaired.append(str(run_id))
        return repaired

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
        _check_name(name, "result")
        meta = self._metadata(run_id)
        folder = self.run_dir(run_id) / RESULTS_DIR
        folder.mkdir(exist_ok=True)
        if isinstance(obj, pd.DataFrame):
            fmt, rows = "parquet", len(obj)
            final = folder / f"{name}.parquet"
            tmp = write_parquet_temp(obj, final, preserve_index=None)
        elif isinstance(obj, Mapping):
            fmt, rows = "json", None
            final = folder / f"{name}.json"
            tmp = write_bytes_temp(final, json_bytes(jsonable(dict(obj))))
        else:
            raise TypeError(f"a result is a mapping or a DataFrame, got {type(obj).__name__}")
        try:
            with self._write() as con:
                row = self._require_row(con, run_id)
                self._check_not_foreign(row)
                done = fetch_one(
                    con,
                    "SELECT format FROM run_results WHERE run_id = ? AND name = ?",
                    [run_id, name],
                )
                if done is not None:
                    raise AlreadyStoredError(
                        f"run {run_id} already has a result {name!r}; results are never "
                        "overwritten (store it under another name)"
                    )
                con.execute("BEGIN TRANSACTION")
                publish(tmp, final)
                con.execute(
                    "INSERT INTO run_results VALUES (?, ?, ?, ?, ?)",
                    [run_id, name, fmt, rows, _now()],
                )
                results = {
                    **meta["results"],
                    name: {"format": fmt, "file": f"{RESULTS_DIR}/{final.name}"},
                }
                self._update_metadata(run_id, results=results)
                con.execute("COMMIT")
        finally:
            discard([tmp])

    # ----------------------------------------------------------------------------------------
    # reading

    def completed_batches(self, run_id: str) -> set[int]:
        """Return the indices of the complete batches of a run."""
        with self._read() as con:
            self._require_row(con, run_id)
            rows = con.execute("SELECT batch FROM batches WHERE run_id = ?", [run_id]).fetchall()
        return {int(r[0]) for r in rows}

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
        with self._read() as con:
            row = self._require_row(con, run_id)
            n_done = fetch_one(con, "SELECT count(*) FROM batches WHERE run_id = ?", [run_id])
            table_rows = con.execute(
                "SELECT table_name, count(*), sum(rows) FROM batch_tables WHERE run_id = ? "
                "GROUP BY table_name ORDER BY table_name",
                [run_id],
            ).fetchall()
            result_rows = con.execute(
                "SELECT name, format, rows, written_at FROM run_results WHERE run_id = ? "
                "ORDER BY name",
                [run_id],
            ).fetchall()
        meta = self._metadata(run_id)
        counts = {str(name): (int(b), int(r)) for name, b, r in table_rows}
        tables = {
            name: {
                "batches": counts.get(name, (0, 0))[0],
                "rows": counts.get(name, (0, 0))[1],
                "columns": dict(spec["columns"]),
            }
            for name, spec in sorted(meta["tables"].items())
        }
        info: dict[str, Any] = {
            "run_id": row["run_id"],
            "kind": row["kind"],
            "status": effective_status(str(row["status"]), int(row["pid"]), str(row["host"])),
            "recorded_status": row["status"],
            "scenario_name": row["scenario_name"],
            "scenario_hash": row["scenario_hash"],
            "parameters": json.loads(row["parameters"]),
            "seed": int(row["seed"]),
            "n_members": int(row["n_members"]),
            "n_batches": int(row["n_batches"]),
            "n_batches_done": int(n_done[0]) if n_done else 0,
            "code_version": row["code_version"],
            "equipoise_version": row["equipoise_version"],
            "format_version": int(row["format_version"]),
            "created_at": _iso(row["created_at"]),
            "updated_at": _iso(row["updated_at"]),
            "finished_at": _iso(row["finished_at"]),
            "pid": int(row["pid"]),
            "host": row["host"],
            "summary": None if row["summary"] is None else json.loads(row["summary"]),
            "tables": tables,
            "results": {
                str(name): {
                    "format": fmt,
                    "rows": None if rows is None else int(rows),
                    "written_at": _iso(at),
                }
                for name, fmt, rows, at in result_rows
            },
            "path": str(self.run_dir(run_id)),
        }
        return info

    def list_runs(self) -> pd.DataFrame:
        """Return one row per run, oldest first.

        Columns: ``run_id``, ``kind``, ``status`` (effective), ``scenario_name``,
        ``scenario_hash``, ``seed``, ``n_members``, ``n_batches``, ``n_batches_done``,
        ``code_version``, ``equipoise_version``, ``created_at``, ``finished_at`` (UTC-aware),
        ``pid``, ``host``, ``parameters`` and ``summary`` (JSON text).
        """
        with self._read() as con:
            frame = con.execute(
                """
                SELECT r.run_id, r.kind, r.status, r.scenario_name, r.scenario_hash, r.seed,
                       r.n_members, r.n_batches, coalesce(b.done, 0)::BIGINT AS n_batches_done,
                       r.code_version, r.equipoise_version, r.created_at, r.finished_at,
                       r.pid, r.host, r.parameters, r.summary
                FROM runs AS r
                LEFT JOIN (SELECT run_id, count(*) AS done FROM batches GROUP BY run_id) AS b
                  USING (run_id)
                ORDER BY r.created_at, r.run_id
                """
            ).df()
        for column in ("created_at", "finished_at"):
            frame[column] = pd.to_datetime(frame[column]).dt.tz_localize("UTC")
        if len(frame):
            frame["status"] = [
                effective_status(str(s), int(p), str(h))
                for s, p, h in zip(frame["status"], frame["pid"], frame["host"], strict=True)
            ]
        return frame

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
        meta = self._metadata(run_id)
        if name not in meta["tables"]:
            known = ", ".join(sorted(meta["tables"])) or "none yet"
            raise StoreError(f"run {run_id} has no table {name!r} (tables: {known})")
        dtypes: dict[str, str] = meta["tables"][name]["columns"]
        all_columns = list(dtypes)
        wanted = list(columns) if columns is not None else all_columns
        unknown = [c for c in wanted if c not in dtypes]
        if unknown:
            raise ValueError(
                f"table {name!r} has no columns {unknown} (columns: {', '.join(all_columns)})"
            )
        with self._read() as con:
            self._require_row(con, run_id)
            batches = con.execute(
                "SELECT batch FROM batch_tables WHERE run_id = ? AND table_name = ? ORDER BY batch",
                [run_id, name],
            ).fetchall()
        if not batches:
            return _empty_frame(dtypes, wanted)
        files = [str(self._batch_path(run_id, name, int(b[0]))) for b in batches]
        select = ", ".join(_quote_ident(c) for c in wanted) if wanted else "*"
        where, params = _filters_sql(filters or (), all_columns)
        query = f"SELECT {select} FROM read_parquet($files, hive_partitioning = false)" + (
            f" WHERE {where}" if where else ""
        )
        mem = duckdb.connect()
        try:
            # Insertion order is preserved across the listed files (DuckDB's default, made
            # explicit): rows come back batch by batch, each in its written order.
            mem.execute("SET preserve_insertion_order = true")
            table = mem.sql(query, params={"files": files, **params}).to_arrow_table()
        except duckdb.Error as exc:
            raise StoreError(f"run {run_id}: cannot read table {name!r}: {exc}") from None
        finally:
            mem.close()
        return _arrow_to_frame(table, dtypes)

    def read_result(self, run_id: str, name: str) -> dict[str, Any] | pd.DataFrame:
        """Return a stored result as written: a dictionary (JSON) or a DataFrame (Parquet)."""
        with self._read() as con:
            self._require_row(con, run_id)
            found = fetch_one(
                con,
                "SELECT format FROM run_results WHERE run_id = ? AND name = ?",
                [run_id, name],
            )
            names = [
                str(r[0])
                for r in con.execute(
                    "SELECT name FROM run_results WHERE run_id = ? ORDER BY name", [run_id]
                ).fetchall()
            ]
        if found is None:
            raise StoreError(
                f"run {run_id} has no result {name!r} (results: {', '.join(names) or 'none'})"
            )
        path = self.run_dir(run_id) / RESULTS_DIR / f"{name}.{found[0]}"
        if found[0] == "json":
            loaded: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
            return loaded
        return pd.read_parquet(path)

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
        check_read_only(query)
        snapshot: dict[str, Any] = {}
        if self.catalog_path.is_file():
            with self._read() as con:
                for table in CATALOG_TABLES:
                    snapshot[table] = con.sql(f"SELECT * FROM {table}").to_arrow_table()
        runs_dir = (self.root / RUNS_DIR).resolve()
        mem = duckdb.connect()
        try:
            for statement in SCHEMA_SQL:
                mem.execute(statement)
            for table, data in snapshot.items():
                mem.register("_snapshot", data)
                mem.execute(f"INSERT INTO {table} BY NAME SELECT * FROM _snapshot")
                mem.unregister("_snapshot")
            running = mem.execute(
                "SELECT run_id, pid, host FROM runs WHERE status = 'running'"
            ).fetchall()
            dead = [
                r
                for r, p, h in running
                if effective_status("running", int(p), str(h)) == "incomplete"
            ]
            if dead:
                mem.execute(
                    "UPDATE runs SET status = 'incomplete' WHERE list_contains(?, run_id)", [dead]
                )
            mem.execute(
                "CREATE VIEW run_tables AS SELECT run_id, table_name, count(*) AS batches, "
                "sum(rows)::BIGINT AS rows FROM batch_tables GROUP BY ALL ORDER BY ALL"
            )
            names = [
                str(r[0])
                for r in mem.execute(
                    "SELECT DISTINCT table_name FROM batch_tables ORDER BY 1"
                ).fetchall()
            ]
            for table in names:
                if not NAME_PATTERN.fullmatch(table):  # pragma: no cover - checked on write
                    continue
                glob = _quote_literal(str(runs_dir / "*" / table / "batch-*.parquet"))
                batch_of = (
                    r"CAST(regexp_extract(t.__equipoise_file, 'batch-([0-9]+)\.parquet$', 1) "
                    "AS INTEGER)"
                )
                mem.execute(
                    f"CREATE VIEW {_quote_ident('results_' + table)} AS "
                    f"SELECT t.* EXCLUDE (__equipoise_file), {batch_of} AS batch "
                    f"FROM read_parquet({glob}, hive_partitioning = true, "
                    "hive_types = {'run_id': VARCHAR}, union_by_name = true, "
                    "filename = '__equipoise_file') AS t "
                    f"WHERE (t.run_id, {batch_of}) IN (SELECT run_id, batch FROM batch_tables "
                    f"WHERE table_name = {_quote_literal(table)})"
                )
            mem.execute(f"SET allowed_directories = [{_quote_literal(str(runs_dir) + os.sep)}]")
            mem.execute("SET enable_external_access = false")
            mem.execute("SET lock_configuration = true")
            try:
                return mem.execute(query).df()
            except duckdb.Error as exc:
                raise QueryError(str(exc)) from None
        finally:
            mem.close()


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
