"""Names, times and process checks shared by the modules of the bundled store.

Constants of the store layout (:data:`RUNS_DIR`, :data:`RESULTS_DIR`, :data:`BATCHES_DIR`),
the rules for table and result names, run ids, UTC times, and whether a run's writing process
is alive.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import secrets
import socket
from typing import Any

import pandas as pd

from equipoise.store.catalog import CATALOG_TABLES

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
#: Folder of the per-batch manifests inside a run folder (format 2; never a table name,
#: which starts with a letter).
BATCHES_DIR = "_batches"

#: A run id: ``YYYYMMDD-HHMMSS-`` then 4 to 32 hex digits.
RUN_ID_PATTERN = re.compile(r"[0-9]{8}-[0-9]{6}-[0-9a-f]{4,32}")
#: Largest seed + 1.
MAX_SEED = 2**63
#: The process id in a temporary file's name.
TEMP_PID = re.compile(r"\.(\d+)-[0-9a-f]{8}\.tmp$")


def utcnow() -> dt.datetime:
    """Return the current UTC time as a naive datetime (the catalog's TIMESTAMP is UTC)."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def iso(value: Any) -> str | None:
    if value is None or (isinstance(value, float) and value != value):
        return None
    if isinstance(value, dt.datetime):
        return value.isoformat(timespec="seconds") + "Z"
    return str(value)


def new_run_id(now: dt.datetime | None = None) -> str:
    """Return a new time-sortable run id, ``YYYYMMDD-HHMMSS-xxxx`` (UTC, 4 random hex digits)."""
    now = now or utcnow()
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


def quote_ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def quote_literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def check_name(name: str, what: str) -> None:
    if not isinstance(name, str) or not NAME_PATTERN.fullmatch(name):
        raise ValueError(
            f"{what} name {name!r} must be a lower-case identifier "
            f"(letters, digits, '_', starting with a letter; at most 63 characters)"
        )
    if name in RESERVED_NAMES:
        raise ValueError(f"{what} name {name!r} is reserved (it names a catalog table)")


def check_frame(name: str, frame: Any) -> None:
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


def iso_exact(value: dt.datetime | None) -> str | None:
    """Return a catalog time as ISO text to the microsecond (how format 2 records times)."""
    return None if value is None else value.isoformat(timespec="microseconds") + "Z"


def parse_iso(text: Any) -> dt.datetime | None:
    """Return the naive UTC datetime of an ISO time written by :func:`iso` or :func:`iso_exact`."""
    if not isinstance(text, str) or not text:
        return None
    value = dt.datetime.fromisoformat(text.removesuffix("Z"))
    if value.tzinfo is not None:
        value = value.astimezone(dt.UTC).replace(tzinfo=None)
    return value


__all__ = [
    "BATCHES_DIR",
    "MAX_SEED",
    "NAME_PATTERN",
    "RESERVED_COLUMNS",
    "RESERVED_NAMES",
    "RESULTS_DIR",
    "RUNS_DIR",
    "RUN_ID_PATTERN",
    "TEMP_PID",
    "check_frame",
    "check_name",
    "effective_status",
    "iso",
    "iso_exact",
    "new_run_id",
    "parse_iso",
    "process_alive",
    "quote_ident",
    "quote_literal",
    "utcnow",
]
