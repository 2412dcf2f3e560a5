"""Run a command in a fresh process and measure it: wall and CPU seconds, peak memory.

Shared by ``test_bench_cli.py`` and ``test_bench_bargain_cli.py``. The child runs with
byte-code caching on (in a private cache folder, as an installed package has its ``.pyc``
files), and ``EQUIPOISE_BENCH_SRC`` may name another source tree to measure (for before/after
figures: ``git archive <commit> src | tar -x -C /tmp/before`` then
``EQUIPOISE_BENCH_SRC=/tmp/before/src``).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

TIME = "/usr/bin/time"  # GNU time
SRC = Path(os.environ.get("EQUIPOISE_BENCH_SRC") or Path(__file__).resolve().parents[1] / "src")


@dataclass(frozen=True)
class Measure:
    """One run of a command."""

    wall: float  # seconds
    cpu: float  # user + system seconds of the child
    peak_mib: float  # peak resident set size of the child
    out_bytes: int  # size of what it printed on stdout
    returncode: int


def child_env(cache: Path) -> dict[str, str]:
    """Return the environment of a measured child: this source tree, a warm byte-code cache."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(cache)
    env["PYTHONPATH"] = str(SRC)
    env["COLUMNS"] = "120"
    return env


def measure(args: list[str], env: dict[str, str]) -> Measure:
    """Run ``python args...`` under ``/usr/bin/time`` and return its figures.

    ``/usr/bin/time`` reports the child's own peak resident memory (a child forked from this
    large process and measured with ``os.wait4`` would report the parent's size).
    """
    with tempfile.TemporaryFile() as sink, tempfile.NamedTemporaryFile("r") as report:
        start = time.perf_counter()
        done = subprocess.run(
            [TIME, "-f", "%U %S %M", "-o", report.name, sys.executable, *args],
            stdout=sink,
            stderr=subprocess.PIPE,
            env=env,
            check=False,
        )
        wall = time.perf_counter() - start
        size = sink.tell()
        user, system, peak_kib = report.read().split()[-3:]
    if done.returncode != 0:
        raise AssertionError(f"{args} exited {done.returncode}: {done.stderr.decode()[-2000:]}")
    return Measure(
        wall=wall,
        cpu=float(user) + float(system),
        peak_mib=int(peak_kib) / 1024,
        out_bytes=size,
        returncode=done.returncode,
    )


def summary(label: str, runs: list[Measure]) -> str:
    """One line: the best and median of wall and CPU time, and the peak memory."""
    walls = sorted(m.wall for m in runs)
    cpus = sorted(m.cpu for m in runs)
    mid = len(runs) // 2
    return (
        f"{label}: wall best {walls[0]:.3f} s (median {walls[mid]:.3f}), CPU best {cpus[0]:.3f} s "
        f"(median {cpus[mid]:.3f}), peak {max(m.peak_mib for m in runs):.0f} MiB, "
        f"stdout {runs[-1].out_bytes:,} B"
    )
