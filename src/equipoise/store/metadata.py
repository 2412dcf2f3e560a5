"""``metadata.json``: the self-describing, versioned header of every stored run.

Each run folder carries a ``metadata.json`` that says what the folder holds without the
catalog: the results format version, the equipoise and code versions that wrote it, the kind
of run, the scenario (name and hash), the parameters and the seed, how many members and
batches it has, the layout of its files, every table with its column dtypes, and every stored
result. A run folder copied to another machine can be read with :func:`read_metadata` and
``pandas.read_parquet`` alone.

Format versions
---------------
``format_version`` is an integer. :data:`FORMAT_VERSION` is the one this code writes. Every
version that has ever been shipped keeps a loader in :data:`LOADERS` that turns it into the
current form; a folder written by a *newer* equipoise raises :class:`FormatVersionError` with a
message saying so, rather than being misread.

* ``1``: the first format (equipoise 0.1). No sizes or hashes: its files are read as before
  and reported as *unverified*.
* ``2``: adds ``integrity`` (``{"algorithm": "sha256", "batches": "_batches/batch-{batch:06d}.json"}``):
  every complete batch has a manifest in ``_batches/`` naming its files with their size, row
  count and SHA-256, and every entry of ``results`` has ``rows``, ``bytes``, ``sha256`` and
  ``written_at``; times are recorded to the microsecond, so that the catalog rebuilt from
  the folder (:mod:`equipoise.store.rebuild`) is the catalog that was lost.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from equipoise.store._files import write_json_atomic
from equipoise.store.errors import FormatVersionError, StoreError

#: The results format this version of equipoise writes.
FORMAT_VERSION = 2

#: Name of the header file in every run folder.
METADATA_FILE = "metadata.json"

#: Keys that every loaded header has (whatever version it was written in).
REQUIRED_KEYS = (
    "format_version",
    "run_id",
    "kind",
    "scenario_name",
    "scenario_hash",
    "parameters",
    "seed",
    "n_members",
    "n_batches",
    "code_version",
    "equipoise_version",
    "created_at",
    "layout",
    "tables",
    "results",
)


def jsonable(obj: Any) -> Any:
    """Return ``obj`` as standard JSON values.

    numpy scalars and arrays become numbers and lists, tuples become lists, paths strings,
    dates ISO strings, and NaN or infinities ``null`` (standard JSON has no NaN).

    Raises
    ------
    TypeError
        If ``obj`` holds something that has no JSON form.
    """
    if obj is None or isinstance(obj, bool | str):
        return obj
    if isinstance(obj, Mapping):
        return {str(k): jsonable(v) for k, v in obj.items()}
    if isinstance(obj, list | tuple):
        return [jsonable(v) for v in obj]
    if isinstance(obj, np.ndarray):
        return jsonable(obj.tolist())
    if isinstance(obj, np.bool_):
        return bool(obj)
    if isinstance(obj, int | np.integer):
        return int(obj)
    if isinstance(obj, float | np.floating):
        value = float(obj)
        return None if math.isnan(value) or math.isinf(value) else value
    if isinstance(obj, Path):
        return str(obj)
    if isinstance(obj, dt.datetime | dt.date | pd.Timestamp):
        return obj.isoformat()
    raise TypeError(f"{type(obj).__name__} has no JSON form: {obj!r}")


def dtype_name(dtype: Any) -> str:
    """Return the name under which a pandas dtype is recorded (``"int64"``, ``"str"``...)."""
    return str(dtype)


def dtype_from_name(name: str) -> Any:
    """Return the pandas dtype recorded as ``name`` (inverse of :func:`dtype_name`)."""
    return pd.api.types.pandas_dtype(name)


def frame_dtypes(frame: pd.DataFrame) -> dict[str, str]:
    """Return ``{column: dtype name}`` of a DataFrame, in column order."""
    return {str(col): dtype_name(dtype) for col, dtype in frame.dtypes.items()}


def _load_v2(doc: dict[str, Any], path: Path) -> dict[str, Any]:
    missing = [key for key in (*REQUIRED_KEYS, "integrity") if key not in doc]
    if missing:
        raise StoreError(f"{path}: not a complete run header (missing {', '.join(missing)})")
    return doc


def _load_v1(doc: dict[str, Any], path: Path) -> dict[str, Any]:
    """Read a format-1 header: no integrity records (its files are *unverified*)."""
    missing = [key for key in REQUIRED_KEYS if key not in doc]
    if missing:
        raise StoreError(f"{path}: not a complete run header (missing {', '.join(missing)})")
    return {**doc, "integrity": None}


#: One loader per format version ever shipped; each returns the current form.
LOADERS: dict[int, Callable[[dict[str, Any], Path], dict[str, Any]]] = {
    1: _load_v1,
    2: _load_v2,
}


def load_metadata(doc: Any, path: Path) -> dict[str, Any]:
    """Check the format version of a parsed header and return it in the current form.

    Parameters
    ----------
    doc : object
        The parsed JSON of a ``metadata.json``.
    path : Path
        Where it came from, for messages.

    Raises
    ------
    FormatVersionError
        If the version is missing, not an integer, or newer than :data:`FORMAT_VERSION`.
    StoreError
        If a required key is missing.
    """
    if not isinstance(doc, dict) or "format_version" not in doc:
        raise FormatVersionError(f"{path}: not an equipoise run header (no format_version)")
    version = doc["format_version"]
    if not isinstance(version, int) or isinstance(version, bool):
        raise FormatVersionError(f"{path}: format_version must be an integer, got {version!r}")
    if version > FORMAT_VERSION:
        writer = doc.get("equipoise_version", "a newer equipoise")
        raise FormatVersionError(
            f"{path}: written by equipoise {writer} in results format {version}; this equipoise "
            f"reads formats {min(LOADERS)}–{FORMAT_VERSION}. Upgrade equipoise to read this run."
        )
    loader = LOADERS.get(version)
    if loader is None:
        raise FormatVersionError(
            f"{path}: unknown results format {version} (known: {sorted(LOADERS)})"
        )
    return loader(doc, path)


def read_metadata(path: Path) -> dict[str, Any]:
    """Read and check a ``metadata.json`` (see :func:`load_metadata`)."""
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise StoreError(f"{path}: missing (the run folder is incomplete)") from None
    except (OSError, ValueError) as exc:
        raise StoreError(f"{path}: cannot be read: {exc}") from None
    return load_metadata(doc, path)


def write_metadata(path: Path, doc: Mapping[str, Any]) -> None:
    """Write a header atomically (the whole file is replaced in one step)."""
    write_json_atomic(path, jsonable(doc))


__all__ = [
    "FORMAT_VERSION",
    "LOADERS",
    "METADATA_FILE",
    "dtype_from_name",
    "dtype_name",
    "frame_dtypes",
    "jsonable",
    "load_metadata",
    "read_metadata",
    "write_metadata",
]
