"""SIGKILL of the coordinator leaves no process behind (issue 15).

``equipoise ensemble`` runs in a child process with the process pool; once its fork server and
workers are up it is killed with SIGKILL (no clean-up runs), and within a few seconds none of
its descendants (fork server, workers, resource tracker) may remain.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from equipoise.experiments import _lifeline

psutil = pytest.importorskip("psutil")

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="the forkserver start method is POSIX only"
)


def _living(processes: list[psutil.Process]) -> list[psutil.Process]:
    out = []
    for proc in processes:
        try:
            if proc.is_running() and proc.status() != psutil.STATUS_ZOMBIE:
                out.append(proc)
        except psutil.NoSuchProcess:
            continue
    return out


def test_sigkill_of_the_coordinator_leaves_no_process(tmp_path: Path) -> None:
    coordinator = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "equipoise",
            "ensemble",
            "-n",
            "2000",
            "-e",
            "processes",
            "-w",
            "2",
            "--batch-size",
            "10",
            "-q",
            "--store",
            str(tmp_path / "store"),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        cwd=tmp_path,
    )
    me = psutil.Process(coordinator.pid)
    descendants: list[psutil.Process] = []
    try:
        deadline = time.monotonic() + 120
        # the resource tracker, the fork server and two workers
        while len(descendants) < 4:
            assert coordinator.poll() is None, "the ensemble ended before it could be killed"
            assert time.monotonic() < deadline, "the pool did not start"
            time.sleep(0.2)
            descendants = me.children(recursive=True)
        time.sleep(1.0)  # mid-run
        descendants = me.children(recursive=True)
        os.kill(coordinator.pid, signal.SIGKILL)
        coordinator.wait(timeout=30)
        deadline = time.monotonic() + 10
        while _living(descendants) and time.monotonic() < deadline:
            time.sleep(0.1)
        left = _living(descendants)
        assert not left, [" ".join(p.cmdline())[:120] for p in left]
    finally:
        for proc in _living(descendants):
            proc.kill()
        if coordinator.poll() is None:
            coordinator.kill()
            coordinator.wait()


def test_alive_tells_a_zombie_from_a_live_process() -> None:
    assert _lifeline.alive(os.getpid())
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:  # exited but not reaped: a zombie
        if psutil.Process(child.pid).status() == psutil.STATUS_ZOMBIE:
            break
        time.sleep(0.05)
    assert not _lifeline.alive(child.pid)
    child.wait()
    assert not _lifeline.alive(child.pid)


def test_the_lifeline_does_nothing_in_other_processes() -> None:
    # imported here (the test process is nobody's fork server): no death signal was set
    code = (
        "import ctypes, os\n"
        f"os.environ[{_lifeline.ENV!r}] = str(os.getpid())\n"
        "import equipoise.experiments._lifeline\n"
        "libc = ctypes.CDLL(None)\nsig = ctypes.c_int()\n"
        "libc.prctl(2, ctypes.byref(sig), 0, 0, 0)\n"  # PR_GET_PDEATHSIG
        "print(sig.value)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.stdout.strip() == "0", out.stderr
