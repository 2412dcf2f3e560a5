"""What a stored file should be, and whether it still is: sizes, row counts, hashes.

Every file the store writes is recorded as a :class:`FileRecord` (its path in the run folder,
row count, size in bytes and SHA-256) in the catalog *and* in the run folder (the batch's
manifest in ``_batches/``, or the ``results`` entry of ``metadata.json``). Every Parquet
file of a batch also carries, in its key-value metadata under ``equipoise``, the run, table
and batch it belongs to, so that a batch file copied over another is caught by reading its
footer, without hashing.

Two levels of checking (see ``docs/store.md``, "Integrity"):

* **cheap** (every read): the file exists, has the recorded size, and its Parquet footer has
  the recorded row count and batch. One ``stat`` and one footer read per file.
* **full** (:meth:`equipoise.store.RunStore.verify`): also the SHA-256 of every byte, which
  catches any change, e.g. a single flipped bit inside a data page.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Literal

import pyarrow.parquet as pq

#: Hash algorithm of every record (``hashlib`` name).
HASH_ALGORITHM = "sha256"
#: Key of the Parquet key-value metadata that says what a file holds.
PARQUET_KEY = b"equipoise"
#: Bytes read at a time when hashing.
_CHUNK = 1 << 20

#: What can be wrong with a recorded file.
T_Problem = Literal["missing", "size", "rows", "hash", "batch", "unreadable", "record"]
#: What a check of a run found: nothing wrong; something wrong; nothing wrong, but some files
#: have no recorded hash (written before format 2), so they could not be fully checked.
T_Integrity = Literal["ok", "damaged", "unverified"]


def sha256_bytes(data: bytes) -> str:
    """Return the SHA-256 of ``data`` as hex."""
    return hashlib.sha256(data).hexdigest()


def sha256_file(path: Path) -> str:
    """Return the SHA-256 of a file's bytes as hex (read 1 MiB at a time)."""
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def parquet_tag(run_id: str, **what: Any) -> dict[bytes, bytes]:
    """Return the key-value metadata that marks a Parquet file as the store's.

    ``what`` is ``table=..., batch=...`` for a batch file, ``result=...`` for a result.
    """
    return {PARQUET_KEY: json.dumps({"run_id": run_id, **what}, sort_keys=True).encode()}


@dataclass(frozen=True)
class FileRecord:
    """What a stored file was when it was written.

    Attributes
    ----------
    path : str
        Relative to the run folder, with ``/`` (``actors/batch-000003.parquet``).
    rows : int or None
        Row count (None for JSON).
    bytes : int or None
        Size (None if not recorded: a file written before format 2).
    sha256 : str or None
        SHA-256 as hex (None if not recorded).
    batch : int or None
        The batch of a table file.
    name : str or None
        The table (batch file) or result name.
    """

    path: str
    rows: int | None
    bytes: int | None
    sha256: str | None
    batch: int | None = None
    name: str | None = None

    def to_json(self) -> dict[str, Any]:
        """Return the record as written into a manifest or ``metadata.json``."""
        return {"file": self.path, "rows": self.rows, "bytes": self.bytes, "sha256": self.sha256}


@dataclass(frozen=True)
class FileProblem:
    """One way in which a file differs from its record.

    Attributes
    ----------
    path : str
        The file, relative to the run folder.
    kind : {"missing", "size", "rows", "hash", "batch", "unreadable", "record"}
        ``missing``: not there; ``size``, ``rows``, ``hash``: differs from the recorded size,
        row count or SHA-256; ``batch``: holds another batch or table (a file copied over
        another); ``unreadable``: cannot be read (not a file, no permission, a broken Parquet
        footer); ``record``: the run folder's record (manifest) is missing or disagrees with
        the catalog, so the folder alone could not rebuild it.
    expected, found : int or str or None
        What was recorded and what is there.
    """

    path: str
    kind: T_Problem
    expected: int | str | None = None
    found: int | str | None = None

    def message(self) -> str:
        """Return one line saying what is wrong."""
        what = {
            "missing": "missing",
            "size": f"size {self.found} bytes, recorded {self.expected}",
            "rows": f"{self.found} rows, recorded {self.expected}",
            "hash": f"SHA-256 {str(self.found)[:12]}…, recorded {str(self.expected)[:12]}…",
            "batch": f"holds {self.found}, not {self.expected} (a file copied over another?)",
            "unreadable": f"cannot be read ({self.found})",
            "record": f"record {self.found} (expected {self.expected})",
        }[self.kind]
        return f"{self.path}: {what}"


@dataclass(frozen=True)
class VerifyReport:
    """The result of checking a run's files (:meth:`equipoise.store.RunStore.verify`).

    Attributes
    ----------
    run_id : str
        The run.
    state : {"ok", "damaged", "unverified"}
        ``damaged`` if any problem was found; else ``unverified`` if some files have no
        recorded hash (written before format 2, checked for presence and row count only);
        else ``ok``.
    hashes : bool
        Whether every byte was hashed (False: sizes, row counts and footers only).
    files : int
        Files checked.
    bytes : int
        Bytes hashed (0 without ``hashes``).
    problems : tuple of FileProblem
        Every problem found, in file order.
    unverified : tuple of str
        Files that have no recorded hash.
    """

    run_id: str
    state: T_Integrity
    hashes: bool
    files: int
    bytes: int
    problems: tuple[FileProblem, ...]
    unverified: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        """Whether nothing is damaged (an ``unverified`` run is not damaged)."""
        return not self.problems

    @property
    def damaged_files(self) -> tuple[str, ...]:
        """The damaged files, each once, in order."""
        return tuple(dict.fromkeys(p.path for p in self.problems))

    def to_dict(self) -> dict[str, Any]:
        """Return the report as JSON-ready values."""
        doc = asdict(self)
        doc["problems"] = [{**asdict(p), "message": p.message()} for p in self.problems]
        doc["unverified"] = list(self.unverified)
        doc["ok"] = self.ok
        return doc


def check_file(
    run_dir: Path, record: FileRecord, *, run_id: str, hashes: bool, footers: bool = True
) -> list[FileProblem]:
    """Check one file against its record.

    Parameters
    ----------
    run_dir : Path
        The run folder.
    record : FileRecord
        What the file was.
    run_id : str
        The run (checked against the file's Parquet tag).
    hashes : bool
        Also hash every byte and compare with the recorded SHA-256.
    footers : bool, default True
        Read a Parquet file's footer: its row count and the batch it says it holds (else
        existence and size only: one ``stat``).

    Returns
    -------
    list of FileProblem
        Empty if the file is as recorded (as far as checked).
    """
    path = run_dir / record.path
    try:
        stat = path.stat()
    except FileNotFoundError:
        return [FileProblem(record.path, "missing")]
    except OSError as exc:
        return [FileProblem(record.path, "unreadable", found=exc.strerror or str(exc))]
    if not path.is_file():
        return [FileProblem(record.path, "unreadable", found="not a file")]
    if record.bytes is not None and stat.st_size != record.bytes:
        return [FileProblem(record.path, "size", record.bytes, stat.st_size)]
    problems: list[FileProblem] = []
    if footers and path.suffix == ".parquet":
        try:
            meta = pq.read_metadata(path)
        except Exception as exc:  # pyarrow raises OSError, ArrowInvalid...: all "unreadable"
            return [FileProblem(record.path, "unreadable", found=str(exc)[:200])]
        if record.rows is not None and meta.num_rows != record.rows:
            problems.append(FileProblem(record.path, "rows", record.rows, meta.num_rows))
        tag = (meta.metadata or {}).get(PARQUET_KEY)
        if tag is not None:
            expected = _tag_of(run_id, record)
            try:
                found = json.loads(tag)
            except ValueError:
                found = {"tag": tag.decode("utf-8", "replace")}
            if found != expected:
                problems.append(
                    FileProblem(record.path, "batch", _describe(expected), _describe(found))
                )
    if hashes and record.sha256 is not None:
        try:
            digest = sha256_file(path)
        except OSError as exc:
            return [*problems, FileProblem(record.path, "unreadable", found=str(exc))]
        if digest != record.sha256:
            problems.append(FileProblem(record.path, "hash", record.sha256, digest))
    return problems


def _tag_of(run_id: str, record: FileRecord) -> dict[str, Any]:
    if record.batch is not None:
        return {"run_id": run_id, "table": record.name, "batch": record.batch}
    return {"run_id": run_id, "result": record.name}


def _describe(tag: Mapping[str, Any]) -> str:
    if "batch" in tag:
        return f"batch {tag.get('batch')} of table {tag.get('table')} of run {tag.get('run_id')}"
    if "result" in tag:
        return f"result {tag.get('result')} of run {tag.get('run_id')}"
    return json.dumps(dict(tag), sort_keys=True)


def check_files(
    run_dir: Path,
    records: Iterable[FileRecord],
    *,
    run_id: str,
    hashes: bool,
    footers: bool = True,
) -> list[FileProblem]:
    """Check several files (see :func:`check_file`); return every problem, in order."""
    problems: list[FileProblem] = []
    for record in records:
        problems.extend(check_file(run_dir, record, run_id=run_id, hashes=hashes, footers=footers))
    return problems


def integrity_state(problems: Iterable[FileProblem], records: Iterable[FileRecord]) -> T_Integrity:
    """Return ``damaged``, ``unverified`` (some file has no hash) or ``ok``."""
    if any(True for _ in problems):
        return "damaged"
    if any(r.sha256 is None for r in records):
        return "unverified"
    return "ok"


__all__ = [
    "HASH_ALGORITHM",
    "PARQUET_KEY",
    "FileProblem",
    "FileRecord",
    "T_Integrity",
    "T_Problem",
    "VerifyReport",
    "check_file",
    "check_files",
    "integrity_state",
    "parquet_tag",
    "sha256_bytes",
    "sha256_file",
]
