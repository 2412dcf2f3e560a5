"""Rebuilding a store's catalog from its run folders.

The catalog is a cache of what the run folders say: every run folder has a ``metadata.json``
(the run's row and its stored results, with their sizes and hashes), and, from results
format 2, one manifest per complete batch in ``_batches/`` (the batch's files with their row
counts, sizes and hashes). :func:`rebuild_catalog` reads them all and writes a new catalog, so
losing ``catalog.duckdb`` loses nothing that the folders hold; the
:class:`RebuildReport` says what could *not* be recorded (a run folder without a readable
header, a batch file without a record...), which stays on disk untouched.

Runs written in format 1 (before manifests) are rebuilt from the batch files present: a batch
counts as complete when every table of the run has its file; sizes and hashes stay unrecorded
(the run is *unverified*), and times are those of the header (to the second).

The new catalog is written to a temporary file and linked into place only if no catalog has
appeared meanwhile (``os.link`` fails on an existing name), so two processes rebuilding at
once cannot overwrite each other, and a reader never sees half a catalog.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import re
import secrets
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import pyarrow.parquet as pq

from equipoise.store._checks import sha256_bytes
from equipoise.store._common import (
    BATCHES_DIR,
    RESULTS_DIR,
    RUN_ID_PATTERN,
    RUNS_DIR,
    parse_iso,
    utcnow,
)
from equipoise.store.catalog import CATALOG_FILE, create_schema
from equipoise.store.errors import StoreError
from equipoise.store.metadata import METADATA_FILE, load_metadata

_BATCH_FILE = re.compile(r"batch-([0-9]{6})\.parquet")


@dataclass
class RebuildReport:
    """What a catalog rebuild recorded, and what it could not.

    Attributes
    ----------
    runs, batches, results : int
        How many runs, complete batches and stored results the new catalog records.
    lost : list of str
        What is on disk but could not be recorded (each says why; the files are kept).
    notes : list of str
        Other things worth knowing (runs rebuilt without hashes...); nothing lost.
    installed : bool
        Whether the new catalog was put in place (False if another process made one first).
    moved_aside : str or None
        Where the damaged or replaced catalog was moved (never deleted), if it was.
    """

    runs: int = 0
    batches: int = 0
    results: int = 0
    lost: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    installed: bool = False
    moved_aside: str | None = None

    def summary(self) -> str:
        """Return one paragraph: what was recorded, what was lost."""
        text = f"{self.runs} runs, {self.batches} complete batches, {self.results} results"
        if self.moved_aside:
            text += f"; the old catalog was kept as {self.moved_aside}"
        if self.lost:
            text += f"; NOT recovered ({len(self.lost)}): " + "; ".join(self.lost)
        else:
            text += "; nothing lost"
        return text

    def to_dict(self) -> dict[str, Any]:
        """Return the report as JSON-ready values."""
        return {
            "runs": self.runs,
            "batches": self.batches,
            "results": self.results,
            "lost": list(self.lost),
            "notes": list(self.notes),
            "installed": self.installed,
            "moved_aside": self.moved_aside,
        }


def _files_under(folder: Path) -> int:
    return sum(1 for p in folder.rglob("*") if p.is_file())


def _mtime(path: Path) -> dt.datetime:
    return dt.datetime.fromtimestamp(path.stat().st_mtime, dt.UTC).replace(tzinfo=None)


def _footer_rows(path: Path) -> int | None:
    try:
        return int(pq.read_metadata(path).num_rows)
    except Exception:  # unreadable: recorded without a count, reported by the checks
        return None


def _rebuild_run(
    con: duckdb.DuckDBPyConnection, folder: Path, report: RebuildReport, rel: str
) -> None:
    """Record one run folder in ``con``; add to ``report`` what cannot be recorded."""
    run_id = folder.name.removeprefix("run_id=")
    meta_path = folder / METADATA_FILE
    try:
        data = meta_path.read_bytes()
        meta = load_metadata(json.loads(data), meta_path)
    except (OSError, ValueError, StoreError) as exc:
        reason = "missing" if not meta_path.exists() else f"unreadable: {exc}"
        report.lost.append(
            f"{rel}: run {run_id} not listed, its {METADATA_FILE} is {reason} "
            f"({_files_under(folder)} files kept in the folder)"
        )
        return
    if meta.get("run_id") != run_id:
        report.lost.append(
            f"{rel}: not listed, its {METADATA_FILE} is for run {meta.get('run_id')!r}"
        )
        return
    n_batches = int(meta["n_batches"])
    created = parse_iso(meta["created_at"]) or _mtime(meta_path)
    finished = parse_iso(meta.get("finished_at"))
    latest = max(t for t in (created, finished, _mtime(meta_path)) if t is not None)

    batch_rows: list[list[Any]] = []
    table_rows: list[list[Any]] = []
    recorded: set[str] = set()
    if meta.get("integrity") is not None:  # format 2: one manifest per complete batch
        for manifest in sorted((folder / BATCHES_DIR).glob("batch-*.json")):
            try:
                doc = json.loads(manifest.read_text(encoding="utf-8"))
                batch = int(doc["batch"])
                files = dict(doc["files"])
                written = parse_iso(doc["written_at"]) or _mtime(manifest)
            except (OSError, ValueError, KeyError, TypeError) as exc:
                report.lost.append(f"{rel}/{BATCHES_DIR}/{manifest.name}: unreadable ({exc})")
                continue
            if not 0 <= batch < n_batches:
                report.lost.append(f"{rel}/{BATCHES_DIR}/{manifest.name}: batch out of range")
                continue
            batch_rows.append([run_id, batch, sum(int(f["rows"]) for f in files.values()), written])
            for table, spec in sorted(files.items()):
                table_rows.append(
                    [run_id, batch, table, int(spec["rows"]), spec["bytes"], spec["sha256"]]
                )
                recorded.add(str(spec["file"]))
                if not (folder / str(spec["file"])).is_file():
                    report.lost.append(
                        f"{rel}/{spec['file']}: missing (batch {batch} is recorded, so the run "
                        "is reported damaged)"
                    )
    else:  # format 1: the batch files present, complete when every table has its file
        tables = sorted(meta["tables"])
        found: dict[int, dict[str, Path]] = {}
        for table in tables:
            for path in (folder / table).glob("batch-*.parquet"):
                match = _BATCH_FILE.fullmatch(path.name)
                if match is not None:
                    found.setdefault(int(match.group(1)), {})[table] = path
        for batch, paths in sorted(found.items()):
            if set(paths) != set(tables) or not 0 <= batch < n_batches:
                continue  # reported below as files without a record
            counts = {t: _footer_rows(p) for t, p in paths.items()}
            if any(n is None for n in counts.values()):
                report.lost.append(
                    f"{rel}: batch {batch} not listed, a file of it cannot be read "
                    "(format 1: no record to check it against)"
                )
                continue
            written = max(_mtime(p) for p in paths.values())
            batch_rows.append([run_id, batch, sum(n or 0 for n in counts.values()), written])
            for table in tables:
                table_rows.append([run_id, batch, table, counts[table], None, None])
                recorded.add(f"{table}/{paths[table].name}")
        if found:
            report.notes.append(
                f"run {run_id} is in results format 1 (no checksums): its batches were "
                "rebuilt from the files present and stay unverified"
            )
    for table in sorted(meta["tables"]):
        for path in sorted((folder / table).glob("batch-*.parquet")):
            if f"{table}/{path.name}" not in recorded:
                report.lost.append(
                    f"{rel}/{table}/{path.name}: no record of a complete batch (a batch "
                    "interrupted while being written, or its manifest is gone); kept, not listed"
                )

    result_rows: list[list[Any]] = []
    listed: set[str] = set()
    for name, spec in sorted(meta["results"].items()):
        file = str(spec.get("file") or f"{RESULTS_DIR}/{name}.{spec['format']}")
        path = folder / file
        listed.add(file)
        rows = spec.get("rows")
        if rows is None and spec["format"] == "parquet" and path.is_file():
            rows = _footer_rows(path)
        written = parse_iso(spec.get("written_at")) or (_mtime(path) if path.is_file() else created)
        result_rows.append(
            [run_id, name, spec["format"], rows, written, spec.get("bytes"), spec.get("sha256")]
        )
    for path in sorted((folder / RESULTS_DIR).glob("*")):
        if (
            path.is_file()
            and not path.name.startswith(".")
            and f"{RESULTS_DIR}/{path.name}" not in listed
        ):
            report.lost.append(
                f"{rel}/{RESULTS_DIR}/{path.name}: not in {METADATA_FILE}; kept, not listed"
            )

    latest = max([latest, *(r[3] for r in batch_rows)])
    con.execute(
        "INSERT INTO runs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            run_id,
            meta["kind"],
            str(meta.get("status") or "incomplete"),
            meta["scenario_name"],
            meta["scenario_hash"],
            json.dumps(meta["parameters"], ensure_ascii=False),
            int(meta["seed"]),
            int(meta["n_members"]),
            n_batches,
            meta["code_version"],
            meta["equipoise_version"],
            int(meta["format_version"]),
            created,
            latest,
            finished,
            int(meta.get("pid") or 0),
            str(meta.get("host") or ""),
            None
            if meta.get("summary") is None
            else json.dumps(meta["summary"], ensure_ascii=False),
            len(data),
            sha256_bytes(data),
        ],
    )
    if batch_rows:
        con.executemany("INSERT INTO batches VALUES (?, ?, ?, ?)", batch_rows)
        con.executemany("INSERT INTO batch_tables VALUES (?, ?, ?, ?, ?, ?)", table_rows)
    if result_rows:
        con.executemany("INSERT INTO run_results VALUES (?, ?, ?, ?, ?, ?, ?)", result_rows)
    report.runs += 1
    report.batches += len(batch_rows)
    report.results += len(result_rows)


def rebuild_catalog(root: Path, *, moved_aside: str | None = None) -> RebuildReport:
    """Write a new catalog for the store in ``root`` from its run folders.

    Parameters
    ----------
    root : Path
        The store folder. Its ``catalog.duckdb`` must not exist (move a damaged one aside
        first); if one appears while rebuilding, it is kept and the rebuilt one dropped.
    moved_aside : str, optional
        Where the old catalog went, for the report.

    Returns
    -------
    RebuildReport
        What was recorded and what was lost.
    """
    from equipoise import __version__

    report = RebuildReport(moved_aside=moved_aside)
    runs = root / RUNS_DIR
    tmp = root / f".{CATALOG_FILE}.rebuild-{os.getpid()}-{secrets.token_hex(4)}.tmp"
    con = duckdb.connect(str(tmp), config={"threads": 1})
    try:
        create_schema(con, equipoise_version=__version__)
        con.execute(
            "INSERT INTO store_info VALUES ('rebuilt_at', ?) ON CONFLICT DO NOTHING",
            [utcnow().isoformat(timespec="seconds") + "Z"],
        )
        folders = sorted(runs.iterdir()) if runs.is_dir() else []
        con.execute("BEGIN TRANSACTION")
        for folder in folders:
            rel = f"{RUNS_DIR}/{folder.name}"
            if folder.name.startswith("."):
                continue
            run_id = folder.name.removeprefix("run_id=")
            if not folder.is_dir() or not RUN_ID_PATTERN.fullmatch(run_id):
                report.lost.append(f"{rel}: not a run folder (run_id=<id>); ignored")
                continue
            _rebuild_run(con, folder, report, rel)
        con.execute("COMMIT")
        con.execute("CHECKPOINT")
    finally:
        con.close()
    try:
        os.link(tmp, root / CATALOG_FILE)
        report.installed = True
    except FileExistsError:
        report.installed = False
    finally:
        for path in (tmp, tmp.with_name(tmp.name + ".wal")):
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
    return report


__all__ = ["RebuildReport", "rebuild_catalog"]
