"""Make the processes of a process pool die with the process that started them.

A coordinator killed with SIGKILL runs no clean-up: its forkserver, the pool's workers (children
of the forkserver) and multiprocessing's resource tracker used to keep running, holding their
memory, for as long as the machine stayed up. Two mechanisms, both cheap:

* on Linux, ``prctl(PR_SET_PDEATHSIG, SIGKILL)`` makes the kernel kill a process when its
  parent dies: the forkserver sets it (its parent is the coordinator) when it imports this
  module as a preload, and each worker sets it (its parent is the forkserver) in its
  initializer, so the whole tree goes at once;
* in each worker, a daemon thread checks every half second that its parent has not changed
  and that the coordinator is still alive (not gone, not a zombie), and exits the worker
  otherwise: this also covers systems without ``prctl``.

The resource tracker exits by itself once every process holding its pipe has gone.

The forkserver imports this module (``PRELOAD`` in :mod:`equipoise.experiments.executors`)
and recognises itself by the environment variable :data:`ENV`, which the coordinator sets to
its own pid before starting a pool: a process whose parent is that pid is the forkserver.
That check at import is this module's only side effect, and it does nothing in any other
process. (See prctl(2), PR_SET_PDEATHSIG.)
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
import threading
import time

#: Environment variable holding the coordinator's pid (set before a pool starts).
ENV = "EQUIPOISE_LIFELINE"
_PR_SET_PDEATHSIG = 1  # <linux/prctl.h>
_INTERVAL = 0.5


def die_with_parent() -> bool:
    """Ask the kernel to SIGKILL this process when its parent dies (Linux; else no-op).

    Returns
    -------
    bool
        Whether the request was made. If the parent dies while it is made (the process is
        reparented between reading its parent and the request), the process exits at once.
    """
    if not sys.platform.startswith("linux"):
        return False
    parent = os.getppid()
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        done = libc.prctl(_PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False
    if os.getppid() != parent:  # the parent died between the two calls
        os._exit(1)
    return bool(done)


def alive(pid: int) -> bool:
    """Whether process ``pid`` exists and is not a zombie."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        with open(f"/proc/{pid}/stat", "rb") as stat:
            state = stat.read().rsplit(b")", 1)[1].split()[0]
    except (OSError, IndexError):
        return True  # no /proc: existence is all we can tell
    return state not in (b"Z", b"X")


def watch(coordinator: int, *, interval: float = _INTERVAL) -> threading.Thread:
    """Start a daemon thread that exits this process once its parent or ``coordinator`` goes.

    Parameters
    ----------
    coordinator : int
        The pid of the process that started the pool.
    interval : float
        Seconds between checks.

    Returns
    -------
    threading.Thread
        The (started) watchdog.
    """
    parent = os.getppid()

    def run() -> None:
        while True:
            time.sleep(interval)
            if os.getppid() != parent or not alive(coordinator):
                os._exit(1)

    thread = threading.Thread(target=run, name="equipoise-lifeline", daemon=True)
    thread.start()
    return thread


def _in_forkserver() -> None:
    # the forkserver's parent is the coordinator, whose pid is in ENV; never this module's
    # importer anywhere else (the coordinator's own parent is a shell, not itself)
    if os.environ.get(ENV) == str(os.getppid()):
        die_with_parent()


_in_forkserver()

__all__ = ["ENV", "alive", "die_with_parent", "watch"]
