"""Batch sizes chosen from the memory available and the size of a scenario (issue 16).

An ensemble's batch advances its members together (:func:`~equipoise.simulate.simulate` on
arrays of shape ``(B, ...)``), so its memory grows as members x steps x n²: the trajectory
keeps the relation and dependence matrices of every step (two ``(T + 1, n, n)`` float64 arrays
per member) and the time loop's working arrays are a few more ``n x n`` per member. At the
default batch of 100 members that is about 1 GiB at n = 120 and 30 GiB for the whole UN
membership (193 states, 10 steps) with its dyad table. :func:`memory_batch_size` picks the
largest batch (at most the plan's default) whose estimated peak fits a share of the memory
available, so that a large scenario runs without the user lowering ``--batch-size`` by hand.

The batch size never changes the numbers: every member has its own random stream and batches
are independent (:mod:`equipoise.experiments.ensemble`), which
``tests/test_experiments.py::test_members_do_not_depend_on_batch_size_or_executor`` checks.

The per-member figures are calibrated, not derived: peak resident memory of one batch
(:func:`~equipoise.experiments.ensemble.evaluate_batch`) of 1 and 8 members of the 193-member
scenario built from the data (``equipoise build --actors UN --year 2020``), measured with
``ru_maxrss`` (``docs/performance.md``): 11 MiB per member without the dyad table (the two kept
``n x n`` series are 6.2 MiB of it) and 116 MiB per member with it (815,232 dyad rows, about 150
bytes a row). The constants below round those figures up.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

#: ``n x n`` float64 arrays per member and kept step (relations and dependence).
KEPT_SQUARE_PER_STEP = 2
#: ``n x n`` float64 working arrays per member besides the kept ones (calibrated: 17, rounded up).
WORK_SQUARES = 20
#: Bytes per row of a tidy table held in memory (calibrated: about 150 for the dyad table,
#: whose rows are built by a concatenation that holds them twice for a moment).
TABLE_ROW_BYTES = 160
#: Share of the available memory that the batches in flight may use together.
MEMORY_SHARE = 0.5
#: Most bytes one batch should use, however much memory is free: beyond a few hundred MiB of
#: n x n arrays a batch gains nothing from vectorisation (each array is far larger than the
#: caches; at n = 193 a member costs 0.26-0.27 s of CPU alone or in a batch of 8), and a
#: smaller batch keeps the run's peak low on a shared machine and its progress frequent.
BATCH_BYTES_TARGET = 512 * 2**20
#: Assumed available memory where the system does not say (a small laptop's free memory).
FALLBACK_AVAILABLE = 2 * 2**30


@dataclass(frozen=True)
class BatchEstimate:
    """What a batch size was chosen from (recorded with the run).

    Attributes
    ----------
    batch_size : int
        Members per batch.
    member_bytes : int
        Estimated peak bytes per member of a batch.
    available_bytes : int
        Memory available when the batch was chosen.
    source : str
        Where ``available_bytes`` came from (``psutil``, ``/proc/meminfo``, ``cgroup``,
        ``fallback``).
    """

    batch_size: int
    member_bytes: int
    available_bytes: int
    source: str


def available_memory() -> tuple[int, str]:
    """Return the memory available to new work, in bytes, and where the figure came from.

    psutil's ``available`` (installed with ``distributed``; pinned in ``pyproject.toml``) is
    read first, ``/proc/meminfo``'s ``MemAvailable`` where psutil is missing, and a container's
    cgroup v2 limit (``memory.max`` less ``memory.current``) lowers either when it is smaller.

    Returns
    -------
    bytes : int
        Memory available (:data:`FALLBACK_AVAILABLE` where nothing says).
    source : str
        ``psutil``, ``/proc/meminfo``, ``cgroup`` or ``fallback``.
    """
    found: int | None = None
    source = "fallback"
    try:
        import psutil  # type: ignore[import-untyped]

        found, source = int(psutil.virtual_memory().available), "psutil"
    except Exception:  # pragma: no cover - psutil is a dependency of distributed
        found = _meminfo_available()
        if found is not None:
            source = "/proc/meminfo"
    limit = _cgroup_headroom()
    if limit is not None and (found is None or limit < found):
        found, source = limit, "cgroup"
    if found is None or found <= 0:
        return FALLBACK_AVAILABLE, "fallback"
    return found, source


def _meminfo_available() -> int | None:
    try:
        text = Path("/proc/meminfo").read_text(encoding="ascii")
    except OSError:
        return None
    for line in text.splitlines():
        if line.startswith("MemAvailable:"):
            parts = line.split()
            if len(parts) >= 2 and parts[1].isdigit():
                return int(parts[1]) * 1024
    return None


def _cgroup_headroom() -> int | None:
    root = Path("/sys/fs/cgroup")
    try:
        raw = (root / "memory.max").read_text(encoding="ascii").strip()
        if raw == "max":
            return None
        used = int((root / "memory.current").read_text(encoding="ascii").strip())
        return max(0, int(raw) - used)
    except (OSError, ValueError):
        return None


def member_bytes(
    n_actors: int,
    n_steps: int,
    *,
    n_indicators: int = 0,
    n_issues: int = 0,
    tables: bool = False,
    dyad_table: bool = False,
) -> int:
    """Estimate the peak bytes that one member adds to a batch.

    Parameters
    ----------
    n_actors : int
        Actors ``n``.
    n_steps : int
        Steps ``T`` of the time loop (``T + 1`` states are kept).
    n_indicators, n_issues : int
        Indicators and issues (per-actor series kept every step).
    tables : bool
        Whether the batch builds its tidy tables (per-actor rows every step).
    dyad_table : bool
        Whether those tables include the dyad table (two rows per ordered pair and step).

    Returns
    -------
    int
        Bytes per member (:data:`KEPT_SQUARE_PER_STEP`, :data:`WORK_SQUARES`,
        :data:`TABLE_ROW_BYTES`).
    """
    n, kept = max(1, n_actors), max(1, n_steps + 1)
    square = 8 * n * n
    per_actor_series = 4 + 2 * max(0, n_issues) + max(0, n_indicators)
    total = square * (KEPT_SQUARE_PER_STEP * kept + WORK_SQUARES)
    total += 8 * kept * n * per_actor_series
    if tables:
        total += TABLE_ROW_BYTES * kept * n * per_actor_series
        if dyad_table:
            total += TABLE_ROW_BYTES * KEPT_SQUARE_PER_STEP * kept * n * (n - 1)
    return int(total)


def memory_batch_size(
    per_member: int,
    *,
    default: int,
    n_members: int,
    in_flight: int = 1,
    available: int | None = None,
    source: str | None = None,
) -> BatchEstimate:
    """Return the largest batch, at most ``default``, whose batches in flight fit in memory.

    A batch gets at most :data:`MEMORY_SHARE` of the available memory divided among the
    batches in flight, and at most :data:`BATCH_BYTES_TARGET`.

    Parameters
    ----------
    per_member : int
        :func:`member_bytes` of the scenario.
    default : int
        The plan's batch size: the most members a batch gets (progress and resuming work per
        batch, so small scenarios keep it).
    n_members : int
        Members of the run (a batch is never larger).
    in_flight : int
        Batches held in memory at once: one per worker, plus one for the coordinator when it
        receives tables.
    available : int, optional
        Bytes available (:func:`available_memory` when omitted).
    source : str, optional
        Where ``available`` came from, for the record.

    Returns
    -------
    BatchEstimate
        The batch size and the figures it came from.
    """
    if available is None:
        available, source = available_memory()
    budget = min(MEMORY_SHARE * available / max(1, in_flight), BATCH_BYTES_TARGET)
    fits = int(budget // max(1, per_member))
    size = max(1, min(int(default), max(1, int(n_members)), fits))
    return BatchEstimate(size, int(per_member), int(available), source or "given")


def workers_in_flight(n_workers: int, *, tables: bool, local: bool) -> int:
    """Batches in memory at once: each worker's, and the copy the coordinator receives.

    The local executor runs batches in the coordinator itself (one batch at a time).
    """
    if local:
        return 1
    return max(1, n_workers) + (1 if tables else 0)


__all__ = [
    "BATCH_BYTES_TARGET",
    "FALLBACK_AVAILABLE",
    "KEPT_SQUARE_PER_STEP",
    "MEMORY_SHARE",
    "TABLE_ROW_BYTES",
    "WORK_SQUARES",
    "BatchEstimate",
    "available_memory",
    "member_bytes",
    "memory_batch_size",
    "workers_in_flight",
]
