"""SQL over the whole store: a read-only sandbox with the catalog and every run's tables.

:meth:`QueryMixin.sql` runs one read-only statement (:func:`check_read_only`) in a private
in-memory DuckDB database holding a snapshot of the catalog, with a ``results_<table>`` view
per table over the Parquet files of every complete batch. File access is limited to the
store's ``runs`` folder. Before the query runs, the recorded files of every table the query
names are checked cheaply (present, recorded size): a query over a damaged run's table is
refused with :class:`~equipoise.store.errors.DamagedRunError` rather than answered short.
"""

from __future__ import annotations

import os
import re
from typing import Any

import duckdb
import pandas as pd
from typing_extensions import override

from equipoise.store._checks import FileProblem
from equipoise.store._common import (
    NAME_PATTERN,
    RUNS_DIR,
    effective_status,
    quote_ident,
    quote_literal,
)
from equipoise.store._core import StoreCore
from equipoise.store.catalog import CATALOG_TABLES, SCHEMA_SQL
from equipoise.store.errors import DamagedRunError, QueryError

_READ_PRAGMAS = re.compile(r"\s*pragma\s+(table_info|show_tables|show_tables_expanded)\b", re.I)
_EXPLAIN_PREFIX = re.compile(r"\s*explain\s+(analyze\s+)?", re.I)


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


class QueryMixin(StoreCore):
    """Read-only SQL over the catalog and every run's tables."""

    def _check_named(self, mem: duckdb.DuckDBPyConnection, query: str) -> None:
        """Check the files behind the relations a query names (sizes; see the module notes).

        A damaged run is marked ``damaged`` in ``runs``; a ``results_<table>`` view over a
        damaged run's files refuses the query with :class:`DamagedRunError`.
        """
        try:
            named: set[str] | None = {n.lower() for n in mem.get_table_names(query)}
        except duckdb.Error:  # cannot tell: check everything
            named = None
        tables = (
            None
            if named is None
            else sorted(n.removeprefix("results_") for n in named if n.startswith("results_"))
        )
        if tables == [] and named is not None and "runs" not in named:
            return
        records = self._all_records(mem)
        damaged: dict[str, list[FileProblem]] = {}
        for run_id, mine in records.items():
            problems = self._check(run_id, mine, footers=False)
            if problems:
                damaged[run_id] = problems
        if not damaged:
            return
        mem.execute(
            "UPDATE runs SET status = 'damaged' WHERE list_contains(?, run_id)", [list(damaged)]
        )
        for run_id, problems in damaged.items():
            hit = [
                p
                for p in problems
                if "/batch-" in p.path and (tables is None or p.path.split("/", 1)[0] in tables)
            ]
            if hit:
                views = sorted({"results_" + p.path.split("/", 1)[0] for p in hit})
                shown = "; ".join(p.message() for p in hit[:5])
                raise DamagedRunError(
                    run_id,
                    (p.path for p in hit),
                    f"{shown}{' ...' if len(hit) > 5 else ''}. The query reads "
                    f"{', '.join(views)}, which would miss or misread these files",
                )

    @override
    def sql(self, query: str) -> pd.DataFrame:
        check_read_only(query)
        self.check_root()
        self._ensure_catalog()
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
            self._check_named(mem, query)
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
                glob = quote_literal(str(runs_dir / "*" / table / "batch-*.parquet"))
                batch_of = (
                    r"CAST(regexp_extract(t.__equipoise_file, 'batch-([0-9]+)\.parquet$', 1) "
                    "AS INTEGER)"
                )
                mem.execute(
                    f"CREATE VIEW {quote_ident('results_' + table)} AS "
                    f"SELECT t.* EXCLUDE (__equipoise_file), {batch_of} AS batch "
                    f"FROM read_parquet({glob}, hive_partitioning = true, "
                    "hive_types = {'run_id': VARCHAR}, union_by_name = true, "
                    "filename = '__equipoise_file') AS t "
                    f"WHERE (t.run_id, {batch_of}) IN (SELECT run_id, batch FROM batch_tables "
                    f"WHERE table_name = {quote_literal(table)})"
                )
            mem.execute(f"SET allowed_directories = [{quote_literal(str(runs_dir) + os.sep)}]")
            mem.execute("SET enable_external_access = false")
            mem.execute("SET lock_configuration = true")
            try:
                return mem.execute(query).df()
            except duckdb.Error as exc:
                raise QueryError(str(exc)) from None
        finally:
            mem.close()


__all__ = ["QueryMixin", "check_read_only"]
