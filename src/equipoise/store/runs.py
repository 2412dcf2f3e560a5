"""Runs: creating them, taking them up, finishing them, and describing them.

The catalog row of a run and its ``metadata.json`` are written together, in the same locked
step: the header first (atomically), then the row, which records the header's size and
SHA-256. A run whose writing process has died (recorded ``running``, but its process id is not
alive on this host) is reported as ``incomplete``; :meth:`RunsMixin.repair` records that. A run
whose files are not as recorded is reported as ``damaged`` (see :mod:`equipoise.store._checks`).
"""

from __future__ import annotations

import json
import operator
import os
import socket
from collections.abc import Mapping
from contextlib import suppress
from typing import Any

import pandas as pd
from typing_extensions import override

from equipoise.store._checks import HASH_ALGORITHM, integrity_state
from equipoise.store._common import (
    MAX_SEED,
    RESULTS_DIR,
    RUN_ID_PATTERN,
    RUNS_DIR,
    effective_status,
    iso,
    iso_exact,
    new_run_id,
    utcnow,
)
from equipoise.store._core import StoreCore
from equipoise.store._files import deferred_interrupt, discard
from equipoise.store.base import FINAL_STATUSES, RUN_KINDS, T_FinalStatus
from equipoise.store.catalog import fetch_one
from equipoise.store.errors import StoreError
from equipoise.store.metadata import FORMAT_VERSION, METADATA_FILE, jsonable


class RunsMixin(StoreCore):
    """Creating, taking up, finishing, repairing and describing runs."""

    @override
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
        from equipoise import __version__

        if kind not in RUN_KINDS:
            raise ValueError(f"kind must be one of {', '.join(RUN_KINDS)}, got {kind!r}")
        seed = operator.index(seed)
        if not 0 <= seed < MAX_SEED:
            raise ValueError(f"seed must be in [0, 2**63), got {seed}")
        n_members, n_batches = operator.index(n_members), operator.index(n_batches)
        if n_members < 0 or n_batches < 0:
            raise ValueError("n_members and n_batches must not be negative")
        params = jsonable(dict(parameters))
        now = utcnow()
        pid, host = os.getpid(), socket.gethostname()

        # The catalog exists before the first run folder does, so that a store with run
        # folders and no catalog is always one that lost its catalog (and is rebuilt).
        with self._write():
            pass
        runs = self.root / RUNS_DIR
        runs.mkdir(parents=True, exist_ok=True)
        if run_id is not None:  # an id the caller reserved (a queued web job)
            if not RUN_ID_PATTERN.fullmatch(run_id):
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
            "created_at": iso_exact(now),
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
            "integrity": {
                "algorithm": HASH_ALGORITHM,
                "batches": self.manifest_file(0).replace("000000", "{batch:06d}"),
            },
        }
        meta_path = folder / METADATA_FILE
        try:
            size, digest = self._write_metadata(None, run_id, meta)
            with self._write() as con:
                con.execute(
                    "INSERT INTO runs VALUES (?, ?, 'running', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                    "NULL, ?, ?, NULL, ?, ?)",
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
                        size,
                        digest,
                    ],
                )
        except BaseException:
            # Nothing was recorded: remove the empty folder this call made.
            discard([meta_path])
            with suppress(OSError):
                folder.rmdir()
            raise
        return run_id

    @override
    def resume(self, run_id: str, *, force: bool = False) -> set[int]:
        with self._write() as con:
            row = self._require_row(con, run_id)
            if row["status"] == "complete":
                raise StoreError(f"run {run_id} is complete; there is nothing to resume")
            self._take_up(con, row, force=force)
            done = con.execute("SELECT batch FROM batches WHERE run_id = ?", [run_id]).fetchall()
        return {int(r[0]) for r in done}

    @override
    def finish(
        self,
        run_id: str,
        status: T_FinalStatus = "complete",
        *,
        summary: Mapping[str, Any] | None = None,
    ) -> None:
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
            now = utcnow()
            if summary_json is None:
                con.execute(
                    "UPDATE runs SET status = ?, finished_at = ?, updated_at = ? WHERE run_id = ?",
                    [status, now, now, run_id],
                )
                self._update_metadata(con, run_id, status=status, finished_at=iso_exact(now))
            else:
                con.execute(
                    "UPDATE runs SET status = ?, finished_at = ?, updated_at = ?, summary = ? "
                    "WHERE run_id = ?",
                    [status, now, now, json.dumps(summary_json, ensure_ascii=False), run_id],
                )
                self._update_metadata(
                    con, run_id, status=status, finished_at=iso_exact(now), summary=summary_json
                )

    def repair(self) -> list[str]:
        """Record as ``incomplete`` every run whose writing process on this host has died.

        Returns
        -------
        list of str
            The ids of the runs repaired. Their complete batches are kept; :meth:`resume`
            takes them up.
        """
        self._ensure_catalog()
        if not self.catalog_path.is_file():
            return []
        repaired: list[str] = []
        with self._write() as con:
            rows = con.execute(
                "SELECT run_id, pid, host FROM runs WHERE status = 'running'"
            ).fetchall()
            now = utcnow()
            for run_id, pid, host in rows:
                if effective_status("running", int(pid), str(host)) == "incomplete":
                    con.execute(
                        "UPDATE runs SET status = 'incomplete', updated_at = ? WHERE run_id = ?",
                        [now, run_id],
                    )
                    self._update_metadata(con, str(run_id), status="incomplete")
                    self._remove_stale_temps(str(run_id))
                    repaired.append(str(run_id))
        return repaired

    @override
    def get_run(self, run_id: str) -> dict[str, Any]:
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
            records = self._records(con, run_id)
        problems = self._check(run_id, records, footers=True)
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
        status = effective_status(str(row["status"]), int(row["pid"]), str(row["host"]))
        info: dict[str, Any] = {
            "run_id": row["run_id"],
            "kind": row["kind"],
            "status": "damaged" if problems else status,
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
            "created_at": iso(row["created_at"]),
            "updated_at": iso(row["updated_at"]),
            "finished_at": iso(row["finished_at"]),
            "pid": int(row["pid"]),
            "host": row["host"],
            "summary": None if row["summary"] is None else json.loads(row["summary"]),
            "tables": tables,
            "results": {
                str(name): {
                    "format": fmt,
                    "rows": None if rows is None else int(rows),
                    "written_at": iso(at),
                }
                for name, fmt, rows, at in result_rows
            },
            "path": str(self.run_dir(run_id)),
            "integrity": {
                "state": integrity_state(problems, records),
                "files": len(records),
                "checked": "sizes, row counts and batch tags (`verify` also hashes)",
                "problems": [p.message() for p in problems],
                "damaged_files": list(dict.fromkeys(p.path for p in problems)),
            },
        }
        return info

    @override
    def list_runs(self) -> pd.DataFrame:
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
            records = self._all_records(con)
        for column in ("created_at", "finished_at"):
            frame[column] = pd.to_datetime(frame[column]).dt.tz_localize("UTC")
        states: list[str] = []
        statuses: list[str] = []
        for run_id, s, p, h in zip(
            frame["run_id"], frame["status"], frame["pid"], frame["host"], strict=True
        ):
            mine = records.get(str(run_id), [])
            problems = self._check(str(run_id), mine, footers=False)
            states.append(integrity_state(problems, mine))
            statuses.append("damaged" if problems else effective_status(str(s), int(p), str(h)))
        if len(frame):
            frame["status"] = statuses
        frame["integrity"] = states
        return frame


__all__ = ["RunsMixin"]
