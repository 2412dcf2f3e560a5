"""Stored results: small named results of a run (a JSON dictionary or a DataFrame).

A DataFrame goes to ``results/<name>.parquet`` (dtypes and index kept by pandas' Parquet
metadata, tagged with the run and result name), a mapping to ``results/<name>.json``
(standard JSON: numpy values become numbers, NaN becomes null). Each is recorded with its row
count, size and SHA-256 in the catalog (``run_results``) and in the ``results`` entry of the
run's ``metadata.json``. A result is never overwritten.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import pandas as pd
from typing_extensions import override

from equipoise.store._checks import FileRecord, parquet_tag, sha256_file
from equipoise.store._common import RESULTS_DIR, check_name, iso_exact, utcnow
from equipoise.store._core import StoreCore
from equipoise.store._files import (
    deferred_interrupt,
    discard,
    json_bytes,
    publish,
    write_bytes_temp,
    write_parquet_temp,
)
from equipoise.store.catalog import fetch_one
from equipoise.store.errors import AlreadyStoredError, StoreError
from equipoise.store.metadata import METADATA_FILE, jsonable, read_metadata


class ResultsMixin(StoreCore):
    """Writing and reading a run's named results."""

    @override
    def write_result(self, run_id: str, name: str, obj: Mapping[str, Any] | pd.DataFrame) -> None:
        check_name(name, "result")
        self._metadata(run_id)  # the run exists, in a format this code reads
        folder = self.run_dir(run_id) / RESULTS_DIR
        folder.mkdir(exist_ok=True)
        if isinstance(obj, pd.DataFrame):
            fmt, rows = "parquet", len(obj)
            final = folder / f"{name}.parquet"
            tag = parquet_tag(run_id, result=name)
            tmp = write_parquet_temp(obj, final, preserve_index=None, tag=tag)
        elif isinstance(obj, Mapping):
            fmt, rows = "json", None
            final = folder / f"{name}.json"
            tmp = write_bytes_temp(final, json_bytes(jsonable(dict(obj))))
        else:
            raise TypeError(f"a result is a mapping or a DataFrame, got {type(obj).__name__}")
        try:
            size, digest = tmp.stat().st_size, sha256_file(tmp)
            with deferred_interrupt(), self._write() as con:
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
                now = utcnow()
                con.execute(
                    "INSERT INTO run_results VALUES (?, ?, ?, ?, ?, ?, ?)",
                    [run_id, name, fmt, rows, now, size, digest],
                )
                entry = {
                    "format": fmt,
                    "written_at": iso_exact(now),
                    **FileRecord(f"{RESULTS_DIR}/{final.name}", rows, size, digest).to_json(),
                }
                current = read_metadata(self.run_dir(run_id) / METADATA_FILE)["results"]
                self._update_metadata(con, run_id, results={**current, name: entry})
                con.execute("COMMIT")
        finally:
            discard([tmp])

    @override
    def read_result(self, run_id: str, name: str) -> dict[str, Any] | pd.DataFrame:
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
            records = [r for r in self._records(con, run_id) if r.batch is None and r.name == name]
        if found is None:
            raise StoreError(
                f"run {run_id} has no result {name!r} (results: {', '.join(names) or 'none'})"
            )
        self._refuse_damaged(run_id, self._check(run_id, records, footers=True))
        path = self.run_dir(run_id) / RESULTS_DIR / f"{name}.{found[0]}"
        if found[0] == "json":
            loaded: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
            return loaded
        return pd.read_parquet(path)


__all__ = ["ResultsMixin"]
