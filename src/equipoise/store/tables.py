"""Batches and tables: writing one batch's tables, reading a table over its batches.

Each table of a batch goes to ``runs/run_id=ID/<table>/batch-NNNNNN.parquet``, tagged in its
Parquet key-value metadata with the run, table and batch it holds. Its row count, size and
SHA-256 are recorded in the catalog (``batch_tables``) and in the batch's manifest
``_batches/batch-NNNNNN.json``, so that the run folder alone describes the batch.

A batch is written as temporary files (tables and manifest), moved into place with
``os.replace`` and then recorded in the catalog in one transaction, while this process holds
the catalog. A batch is *complete* when it is recorded; files of a batch that was never
recorded (the process died in between) are ignored by every reader and replaced when the
batch is written again. A complete batch is never overwritten.

Reading a table first checks its files cheaply (existence, size, footer row count and tag):
a damaged run raises :class:`~equipoise.store.errors.DamagedRunError` rather than returning
fewer rows.
"""

from __future__ import annotations

import operator
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
from typing_extensions import override

from equipoise.store._checks import HASH_ALGORITHM, FileRecord, parquet_tag, sha256_file
from equipoise.store._common import check_frame, check_name, iso, iso_exact, quote_ident, utcnow
from equipoise.store._core import StoreCore
from equipoise.store._files import (
    deferred_interrupt,
    discard,
    json_bytes,
    publish,
    write_bytes_temp,
    write_parquet_temp,
)
from equipoise.store.base import T_Filter
from equipoise.store.catalog import fetch_one
from equipoise.store.errors import AlreadyStoredError, StoreError
from equipoise.store.metadata import dtype_from_name, frame_dtypes

#: Filter operators of :meth:`TablesMixin.read_table` and their SQL.
FILTER_OPS = {
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
        sql_op = FILTER_OPS.get(str(op).lower())
        if sql_op is None:
            raise ValueError(f"filter operator {op!r} is not one of {', '.join(FILTER_OPS)}")
        if sql_op in ("IN", "NOT IN"):
            values = list(value)
            if not values:
                clauses.append("FALSE" if sql_op == "IN" else "TRUE")
                continue
            names = []
            for j, v in enumerate(values):
                params[f"f{i}_{j}"] = v
                names.append(f"$f{i}_{j}")
            clauses.append(f"{quote_ident(column)} {sql_op} ({', '.join(names)})")
        else:
            params[f"f{i}"] = value
            clauses.append(f"{quote_ident(column)} {sql_op} $f{i}")
    return " AND ".join(clauses), params


class TablesMixin(StoreCore):
    """Writing batches of tables and reading tables back."""

    @override
    def write_batch(self, run_id: str, batch: int, tables: Mapping[str, pd.DataFrame]) -> None:
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
            check_name(name, "table")
            check_frame(name, frame)
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

        temps: list[tuple[Path, Path, FileRecord]] = []
        try:
            for name, frame in prepared:
                final = self._batch_path(run_id, name, batch)
                final.parent.mkdir(parents=True, exist_ok=True)
                tag = parquet_tag(run_id, table=name, batch=batch)
                tmp = write_parquet_temp(frame, final, preserve_index=False, tag=tag)
                record = FileRecord(
                    self.batch_file(name, batch),
                    len(frame),
                    tmp.stat().st_size,
                    sha256_file(tmp),  # read back from the page cache just written
                    batch,
                    name,
                )
                temps.append((tmp, final, record))
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
                        f"{iso(done[0])}); stored batches are never overwritten"
                    )
                now = utcnow()
                records = [record for *_, record in temps]
                manifest = json_bytes(
                    {
                        "run_id": run_id,
                        "batch": batch,
                        "written_at": iso_exact(now),
                        "algorithm": HASH_ALGORITHM,
                        "files": {r.name: r.to_json() for r in records},
                    }
                )
                manifest_final = self.run_dir(run_id) / self.manifest_file(batch)
                manifest_final.parent.mkdir(exist_ok=True)
                temps.append(
                    (
                        write_bytes_temp(manifest_final, manifest),
                        manifest_final,
                        FileRecord(self.manifest_file(batch), None, len(manifest), None),
                    )
                )
                con.execute("BEGIN TRANSACTION")
                for tmp, final, _ in temps:  # the manifest last: it says the batch is whole
                    publish(tmp, final)
                con.execute(
                    "INSERT INTO batches VALUES (?, ?, ?, ?)",
                    [run_id, batch, sum(int(r.rows or 0) for r in records), now],
                )
                con.executemany(
                    "INSERT INTO batch_tables VALUES (?, ?, ?, ?, ?, ?)",
                    [[run_id, batch, r.name, r.rows, r.bytes, r.sha256] for r in records],
                )
                con.execute("UPDATE runs SET updated_at = ? WHERE run_id = ?", [now, run_id])
                if new_tables:
                    self._update_metadata(con, run_id, tables={**known, **new_tables})
                con.execute("COMMIT")
        finally:
            discard([tmp for tmp, *_ in temps])

    @override
    def completed_batches(self, run_id: str) -> set[int]:
        with self._read() as con:
            self._require_row(con, run_id)
            rows = con.execute("SELECT batch FROM batches WHERE run_id = ?", [run_id]).fetchall()
        return {int(r[0]) for r in rows}

    @override
    def read_table(
        self,
        run_id: str,
        name: str,
        *,
        columns: Sequence[str] | None = None,
        filters: Sequence[T_Filter] | None = None,
    ) -> pd.DataFrame:
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
            records = self._records(con, run_id, table=name)
        if not records:
            return _empty_frame(dtypes, wanted)
        self._refuse_damaged(run_id, self._check(run_id, records, footers=True))
        files = [str(self.run_dir(run_id) / r.path) for r in records]
        select = ", ".join(quote_ident(c) for c in wanted) if wanted else "*"
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


__all__ = ["FILTER_OPS", "TablesMixin"]
