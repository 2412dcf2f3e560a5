"""Helpers shared by the CLI commands: error handling, JSON output, consoles.

Every command body runs inside :func:`guarded`, which turns an :class:`~equipoise.errors.InputError`
into a list of located problems on stderr and exit status 1, a refusal of the operating system
(a full disk, a read-only folder, permission denied) into exit status 4 with what to do, and a
Ctrl-C into exit status 130, never a traceback.
"""

from __future__ import annotations

import errno
import json
import math
import os
import sys
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import typer
from rich.console import Console
from typer.exceptions import TyperException

from equipoise.errors import EquipoiseError, InputError, Problem

T = TypeVar("T")

#: Exit status when the operating system refused (a full disk, a read-only folder...).
EXIT_OS = 4


def _width(stream: Any) -> int | None:
    """Return the width to render at: the terminal's, or 160 columns when piped.

    Rich renders at 80 columns when output is not a terminal, which squeezes the wide tables
    (the 15-column relations table, the claims table) into unreadable stubs in a file or a
    pager; ``COLUMNS`` still wins when set.
    """
    if os.environ.get("COLUMNS") or stream.isatty():
        return None
    return 160


out = Console(soft_wrap=True, width=_width(sys.stdout))
err = Console(stderr=True, soft_wrap=True, width=_width(sys.stderr))


def _jsonable(obj: Any) -> Any:
    """Convert numpy scalars/arrays, paths and NaN into JSON-ready values."""
    import numpy as np  # here, not at start-up: ``equipoise --help`` needs no numpy

    if isinstance(obj, Mapping):
        return {str(k): _jsonable(v) for k, v in obj.items()}
    if isinstance(obj, list | tuple):
        return [_jsonable(v) for v in obj]
    if isinstance(obj, np.ndarray):
        return _jsonable(obj.tolist())
    if isinstance(obj, np.integer):
        return int(obj)
    if isinstance(obj, np.floating | float):
        value = float(obj)
        return None if math.isnan(value) or math.isinf(value) else value
    if isinstance(obj, np.bool_):
        return bool(obj)
    if isinstance(obj, Path):
        return str(obj)
    return obj


def emit_json(obj: Any) -> None:
    """Print ``obj`` as JSON on stdout (NaN and infinities become ``null``)."""
    sys.stdout.write(json.dumps(_jsonable(obj), indent=2, ensure_ascii=False, allow_nan=False))
    sys.stdout.write("\n")
    sys.stdout.flush()


def report_problems(error: InputError, *, as_json: bool = False) -> None:
    """Write every problem of ``error`` to stderr (or as JSON on stdout)."""
    if as_json:
        emit_json({"ok": False, "problems": [p.to_dict() for p in error.problems]})
        return
    for problem in error.problems:
        err.print(str(problem), markup=False, highlight=False)
    n = len(error.problems)
    err.print(f"{n} problem{'s' if n != 1 else ''} found.", style="bold red", highlight=False)


#: What to do for each way the operating system refuses (errno name → advice).
_OS_ADVICE: dict[str, str] = {
    "ENOSPC": "the disk is full: free some space, or choose a folder on another disk "
    "(--store, --out), then run again",
    "EDQUOT": "your disk quota is used up: free some space or choose another folder, then "
    "run again",
    "EROFS": "the file system is read-only: choose a writable folder (--store, --out)",
    "EACCES": "permission denied: check the permissions of the file or folder, or choose another",
    "EPERM": "the operation is not permitted: check the permissions, or choose another folder",
    "ENOENT": "no such file or folder: check the path, or create the folder first",
    "ENOTDIR": "a part of the path is a file, not a folder: choose a folder",
    "EISDIR": "this is a folder, not a file: give a file name",
    "EEXIST": "a file of that name is in the way: remove it or choose another name",
    "EMFILE": "too many open files: raise the limit (ulimit -n) or use fewer workers",
    "ENAMETOOLONG": "the file name is too long: choose a shorter path",
}
#: DuckDB reports the operating system's refusals as text in an IOException.
_OS_TEXT = {
    "No space left on device": "ENOSPC",
    "Disk quota exceeded": "EDQUOT",
    "Read-only file system": "EROFS",
    "Permission denied": "EACCES",
}


def os_refusal(exc: BaseException) -> str | None:
    """Return a message for an error where the operating system refused, or None.

    An :class:`OSError` (a full disk, a read-only folder, a missing folder, permission denied)
    or DuckDB's ``IOException`` with the same cause is not a bug in equipoise: the message says
    what happened and what to do.
    """
    name: str | None = None
    where = ""
    if isinstance(exc, OSError) and exc.errno is not None:
        name = errno.errorcode.get(exc.errno)
        target = exc.filename
        if target is not None:
            where = f" ({target}" + (f" -> {exc.filename2}" if exc.filename2 else "") + ")"
        reason = exc.strerror or str(exc)
    else:
        duckdb = sys.modules.get("duckdb")
        if duckdb is None or not isinstance(exc, duckdb.IOException):
            return None
        reason = str(exc)
        name = next((code for text, code in _OS_TEXT.items() if text in reason), None)
        if name is None:
            return None
    advice = _OS_ADVICE.get(name or "", "check the path and the disk, then run again")
    return (
        f"the operating system refused: {reason}{where}.\n{advice[0].upper()}{advice[1:]}. "
        "What was being written may be incomplete."
    )


def _interrupted_query(exc: BaseException) -> bool:
    """Whether ``exc`` is DuckDB's report of a Ctrl-C during a query (DuckDB takes the signal)."""
    duckdb = sys.modules.get("duckdb")
    return duckdb is not None and isinstance(exc, duckdb.InterruptException)


@contextmanager
def guarded(*, as_json: bool = False) -> Iterator[None]:
    """Run a command body, turning known errors into messages and exit codes.

    Exit statuses: 1 for bad input (every problem listed), 2 for other equipoise errors,
    3 for an internal error (a bug; ``EQUIPOISE_DEBUG=1`` shows its traceback), 4 when the
    operating system refused (a full disk, a read-only or missing folder, permission denied:
    :func:`os_refusal` says what to do), 130 for an interrupt.
    """
    try:
        yield
    except InputError as exc:
        report_problems(exc, as_json=as_json)
        raise typer.Exit(1) from None

    except EquipoiseError as exc:
        if type(exc).__name__ == "StoreRootError":
            # a --store that cannot be a store (a file, say) is bad input, located
            report_problems(InputError(Problem(str(exc), path="--store")), as_json=as_json)
            raise typer.Exit(1) from None
        err.print(f"error: {exc}", markup=False, highlight=False)
        raise typer.Exit(2) from None
    except KeyboardInterrupt:
        err.print("interrupted.", style="yellow")
        raise typer.Exit(130) from None
    except (typer.Exit, typer.Abort, SystemExit, TyperException):
        raise  # usage errors (exit 2) and exits belong to the command-line framework
    except Exception as exc:
        if _interrupted_query(exc):  # Ctrl-C inside a DuckDB query (``runs sql``, say)
            err.print("interrupted.", style="yellow")
            raise typer.Exit(130) from None
        refused = os_refusal(exc)
        if refused is not None:
            err.print(f"error: {refused}", markup=False, highlight=False)
            _quiet_exit()
            raise typer.Exit(EXIT_OS) from None
        # a bug, not bad input: say so plainly; the traceback only when asked for
        if os.environ.get("EQUIPOISE_DEBUG"):
            raise
        err.print(
            f"internal error: {type(exc).__name__}: {exc}\n"
            "This is a bug in equipoise, not in your input; set EQUIPOISE_DEBUG=1 to see the "
            "traceback, and please report it.",
            markup=False,
            highlight=False,
        )
        raise typer.Exit(3) from None


def _quiet_exit() -> None:
    """Keep a full disk from printing a traceback at exit.

    Python flushes stdout and stderr when it exits; on a full disk (output redirected to a
    file there) the flush fails with "Exception ignored ... OSError" and a traceback. Flush
    now, and if that fails point both at ``/dev/null`` so that the exit is quiet.
    """
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            try:
                null = os.open(os.devnull, os.O_WRONLY)
                os.dup2(null, stream.fileno())
                os.close(null)
            except (OSError, ValueError):
                pass


def call_guarded(fn: Callable[[], T], *, as_json: bool = False) -> T:
    """Call ``fn`` inside :func:`guarded` and return its result."""
    with guarded(as_json=as_json):
        return fn()
    raise AssertionError("unreachable")  # pragma: no cover


__all__ = [
    "EXIT_OS",
    "call_guarded",
    "emit_json",
    "err",
    "guarded",
    "os_refusal",
    "out",
    "report_problems",
]
