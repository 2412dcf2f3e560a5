"""Integrity: verifying a run's files in full, and repairing a store's catalog.

:meth:`IntegrityMixin.verify` checks every file of a run against what was recorded when it was
written: presence, size, Parquet row count and tag (which batch of which table it holds),
and, with ``hashes=True``, the SHA-256 of every byte. It also checks that the run folder's own
records (``metadata.json`` and the batch manifests in ``_batches/``) agree with the catalog,
since they are what the catalog is rebuilt from. It returns a
:class:`~equipoise.store._checks.VerifyReport`.

:meth:`IntegrityMixin.repair_catalog` rebuilds the catalog from the run folders (see
:mod:`equipoise.store.rebuild`) when it is missing or damaged; a damaged catalog is moved aside
to ``catalog.duckdb.corrupt-<UTC time>``, never deleted.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from typing_extensions import override

from equipoise.store._checks import (
    FileProblem,
    FileRecord,
    VerifyReport,
    check_files,
    integrity_state,
    sha256_file,
)
from equipoise.store._common import utcnow
from equipoise.store._core import StoreCore
from equipoise.store.catalog import CATALOG_TABLES, connect, write_lock
from equipoise.store.errors import CatalogCorruptError
from equipoise.store.metadata import METADATA_FILE, read_metadata
from equipoise.store.rebuild import RebuildReport, rebuild_catalog


class IntegrityMixin(StoreCore):
    """Verifying runs and repairing the catalog."""

    @override
    def verify(self, run_id: str, *, hashes: bool = True) -> VerifyReport:
        with self._read() as con:
            row = self._require_row(con, run_id)
            records = self._records(con, run_id)
        folder = self.run_dir(run_id)
        problems = check_files(folder, records, run_id=run_id, hashes=hashes)
        problems += self._check_folder_records(run_id, row, records, hashes=hashes)
        unverified = tuple(r.path for r in records if r.sha256 is None)
        hashed = sum(int(r.bytes or 0) for r in records if r.sha256 is not None) if hashes else 0
        return VerifyReport(
            run_id=run_id,
            state=integrity_state(problems, records),
            hashes=hashes,
            files=len(records) + 1,
            bytes=hashed,
            problems=tuple(problems),
            unverified=unverified,
        )

    def _check_folder_records(
        self, run_id: str, row: dict[str, Any], records: list[FileRecord], *, hashes: bool
    ) -> list[FileProblem]:
        """Check ``metadata.json`` and the batch manifests against the catalog."""
        folder = self.run_dir(run_id)
        problems: list[FileProblem] = []
        meta_path = folder / METADATA_FILE
        size, digest = row.get("metadata_bytes"), row.get("metadata_sha256")
        if not meta_path.is_file():
            return [FileProblem(METADATA_FILE, "missing")]
        if size is not None and meta_path.stat().st_size != size:
            found_size = meta_path.stat().st_size
            problems.append(FileProblem(METADATA_FILE, "size", int(size), found_size))
        elif hashes and digest is not None:
            found_digest = sha256_file(meta_path)
            if found_digest != digest:
                problems.append(FileProblem(METADATA_FILE, "hash", str(digest), found_digest))
        try:
            meta = read_metadata(meta_path)
        except Exception as exc:  # a StoreError, or a header that parses to nonsense
            return [*problems, FileProblem(METADATA_FILE, "unreadable", found=str(exc)[:200])]
        if meta.get("integrity") is None:
            return problems  # format 1: no manifests to check
        by_batch: dict[int, dict[str, dict[str, object]]] = {}
        for r in records:
            if r.batch is not None:
                by_batch.setdefault(r.batch, {})[str(r.name)] = r.to_json()
        for batch, expected in sorted(by_batch.items()):
            rel = self.manifest_file(batch)
            try:
                doc = json.loads((folder / rel).read_text(encoding="utf-8"))
                found = dict(doc["files"])
            except FileNotFoundError:
                problems.append(FileProblem(rel, "missing"))
                continue
            except (OSError, ValueError, KeyError, TypeError) as exc:
                problems.append(FileProblem(rel, "unreadable", found=str(exc)[:200]))
                continue
            if found != expected or doc.get("batch") != batch:
                problems.append(
                    FileProblem(rel, "record", "the catalog's record", "differs from the catalog")
                )
        catalog = {r.path: r.to_json() for r in records if r.batch is None}
        for result, spec in sorted(meta.get("results", {}).items()):
            if spec.get("sha256") is None:
                continue  # written before checksums
            entry = {k: spec.get(k) for k in ("file", "rows", "bytes", "sha256")}
            if catalog.get(str(spec.get("file"))) != entry:
                problems.append(
                    FileProblem(
                        METADATA_FILE, "record", f"result {result} as in the catalog", "differs"
                    )
                )
        return problems

    def repair_catalog(self, *, rebuild: bool = False) -> RebuildReport | None:
        """Rebuild the catalog from the run folders if it is missing or damaged.

        A damaged catalog (one that DuckDB cannot open, or that has no readable tables) is
        moved aside to ``catalog.duckdb.corrupt-<UTC time>``; with ``rebuild``, a sound one
        is moved aside to ``catalog.duckdb.replaced-<UTC time>`` and rebuilt too. Nothing is
        ever deleted.

        Parameters
        ----------
        rebuild : bool, default False
            Rebuild even a sound catalog (e.g. to check what the run folders alone hold).

        Returns
        -------
        RebuildReport or None
            What the new catalog records and what could not be recovered; None if the
            catalog was sound and ``rebuild`` was not asked for.
        """
        self.check_root()
        path = self.catalog_path
        with write_lock(path):
            moved: str | None = None
            if path.is_file():
                reason = "replaced" if rebuild else None
                try:
                    with connect(path, write=False, timeout=self.lock_timeout) as con:
                        for table in CATALOG_TABLES:  # read every block of the catalog
                            con.execute(f"SELECT * FROM {table}").fetchall()
                except CatalogCorruptError:
                    reason = "corrupt"
                if reason is None:
                    return None
                moved = self._move_aside(path, reason)
            elif not (self.root / "runs").is_dir():
                return None
            report = rebuild_catalog(self.root, moved_aside=moved)
        return report

    @staticmethod
    def _move_aside(path: Path, reason: str) -> str:
        """Rename the catalog (and its write-ahead log) to ``<name>.<reason>-<UTC time>``."""
        stamp = utcnow().strftime("%Y%m%dT%H%M%S%fZ")
        target = path.with_name(f"{path.name}.{reason}-{stamp}")
        os.replace(path, target)
        wal = path.with_name(path.name + ".wal")
        if wal.exists():
            os.replace(wal, target.with_name(target.name + ".wal"))
        return str(target)


__all__ = ["IntegrityMixin"]
