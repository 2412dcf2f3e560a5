"""Atomic file writes: a temporary file in the same folder, flushed, then ``os.replace``.

A reader sees either no file or the whole file, never a partial one, even if the writing
process dies half-way. Temporary names start with a dot and end in ``.tmp`` so that no glob of
finished files (``batch-*.parquet``) ever matches them.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import threading
import uuid
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

#: Compression of every Parquet file the store writes (fast, compact, read by every tool).
PARQUET_COMPRESSION = "zstd"


def temp_path(final: Path) -> Path:
    """Return a fresh temporary path beside ``final`` (never matched by ``*.parquet`` globs)."""
    return final.with_name(f".{final.name}.{os.getpid()}-{uuid.uuid4().hex[:8]}.tmp")


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_bytes_temp(final: Path, data: bytes) -> Path:
    """Write ``data`` to a temporary file beside ``final`` and return its path."""
    tmp = temp_path(final)
    try:
        with tmp.open("wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise
    return tmp


def write_bytes_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically (replacing any file there)."""
    tmp = write_bytes_temp(path, data)
    try:
        os.replace(tmp, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


def json_bytes(obj: Any) -> bytes:
    """Return ``obj`` as indented standard JSON (no NaN), UTF-8 encoded."""
    return (json.dumps(obj, indent=2, ensure_ascii=False, allow_nan=False) + "\n").encode("utf-8")


def write_json_atomic(path: Path, obj: Any) -> None:
    """Write ``obj`` as indented standard JSON (no NaN) to ``path`` atomically."""
    write_bytes_atomic(path, json_bytes(obj))


def write_parquet_temp(
    frame: pd.DataFrame,
    final: Path,
    *,
    preserve_index: bool | None,
    tag: Mapping[bytes, bytes] | None = None,
) -> Path:
    """Write ``frame`` to a temporary file beside ``final`` and return its path.

    The caller moves it into place with ``os.replace`` (see :func:`publish`) or removes it.
    pandas' schema metadata is kept in the file, so ``pandas.read_parquet`` on one file
    restores the dtypes by itself; ``tag`` adds key-value metadata (what the file holds).
    """
    tmp = temp_path(final)
    try:
        table = pa.Table.from_pandas(frame, preserve_index=preserve_index)
        if tag:
            table = table.replace_schema_metadata({**(table.schema.metadata or {}), **tag})
        pq.write_table(table, tmp, compression=PARQUET_COMPRESSION)
        _fsync(tmp)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise
    return tmp


def publish(tmp: Path, final: Path) -> None:
    """Move a finished temporary file into place (atomic on one file system)."""
    os.replace(tmp, final)


def discard(paths: list[Path]) -> None:
    """Remove temporary files that were not published (missing ones are ignored)."""
    for path in paths:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()


__all__ = [
    "PARQUET_COMPRESSION",
    "discard",
    "json_bytes",
    "publish",
    "temp_path",
    "write_bytes_atomic",
    "write_bytes_temp",
    "write_json_atomic",
    "write_parquet_temp",
]


@contextlib.contextmanager
def deferred_interrupt() -> Iterator[None]:
    """Hold back Ctrl-C (SIGINT) until the block is done, then raise it.

    A catalog write publishes a batch's files and commits its rows; a Ctrl-C in between
    would leave files without rows, and one inside DuckDB's ``COMMIT`` surfaces as a
    ``RuntimeError: Query interrupted`` rather than a ``KeyboardInterrupt``, so the command
    would report an internal error instead of the clean interruption it promises. Only the
    main thread receives signals; elsewhere this does nothing.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    received: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda signum, frame: received.append(signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
    if received:
        if callable(previous):
            previous(signal.SIGINT, None)
        elif previous == signal.SIG_DFL:
            raise KeyboardInterrupt
