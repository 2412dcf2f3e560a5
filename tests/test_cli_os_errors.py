"""The operating system's refusals are not bugs (issue 15): exit status 4, what to do, no traceback.

A full disk, a read-only folder, a file where a folder should be, permission denied: each is
reported with what happened and what to do, exit status 4 (``EXIT_OS``), never "This is a bug"
(exit 3) and never a traceback at exit. Where the tests run as root they mount a 1 MB tmpfs
(and a read-only one) for the real thing; elsewhere those tests skip and the unit tests of
:func:`~equipoise.cli._common.os_refusal` still run.
"""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import typer

from equipoise.cli._common import EXIT_OS, guarded, os_refusal


@pytest.mark.parametrize(
    ("code", "advice"),
    [
        (errno.ENOSPC, "The disk is full: free some space"),
        (errno.EROFS, "The file system is read-only: choose a writable folder"),
        (errno.EACCES, "Permission denied: check the permissions"),
        (errno.ENOENT, "No such file or folder: check the path"),
        (errno.ENOTDIR, "A part of the path is a file, not a folder"),
    ],
)
def test_os_errors_exit_4_with_advice(
    code: int, advice: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(typer.Exit) as info, guarded():
        raise OSError(code, os.strerror(code), "/some/where/file.parquet")
    assert info.value.exit_code == EXIT_OS == 4
    stderr = capsys.readouterr().err
    assert f"the operating system refused: {os.strerror(code)} (/some/where/file.parquet)" in stderr
    assert advice in stderr
    assert "bug" not in stderr and "Traceback" not in stderr


def test_duckdb_io_errors_are_os_refusals() -> None:
    duckdb = pytest.importorskip("duckdb")
    full = duckdb.IOException('Could not write file "catalog.duckdb": No space left on device')
    assert "The disk is full" in (os_refusal(full) or "")
    assert os_refusal(duckdb.IOException("some other I/O problem")) is None
    assert os_refusal(ValueError("not an OS error")) is None


def test_other_errors_are_still_bugs(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(typer.Exit) as info, guarded():
        raise ZeroDivisionError("oops")
    assert info.value.exit_code == 3
    assert "This is a bug in equipoise" in capsys.readouterr().err


def _equipoise(
    *args: str, cwd: Path, stdout: int | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "equipoise", *args],
        cwd=cwd,
        stdout=stdout if stdout is not None else subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        timeout=600,
        env={**os.environ, "EQUIPOISE_RUNS": str(cwd / "store")},
    )


def test_store_that_is_a_file_is_located_bad_input(tmp_path: Path) -> None:
    (tmp_path / "afile").write_text("x", encoding="utf-8")
    result = _equipoise(
        "ensemble",
        "-n",
        "5",
        "-e",
        "local",
        "-q",
        "--store",
        str(tmp_path / "afile"),
        cwd=tmp_path,
    )
    # a folder was asked for and a file given: bad input (exit 1), located at --store
    assert result.returncode == 1, result.stderr
    assert "--store" in result.stderr and "is a file, not a folder" in result.stderr
    assert "Traceback" not in result.stderr and "bug" not in result.stderr


def _mount(path: Path, *options: str) -> bool:
    if os.geteuid() != 0 or shutil.which("mount") is None:
        return False
    path.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", ",".join(["size=1m", *options]), "tmpfs", str(path)],
        capture_output=True,
    )
    return done.returncode == 0


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    """A 1 MB tmpfs (root only; skipped elsewhere)."""
    disk = tmp_path / "tiny"
    if not _mount(disk):
        pytest.skip("mounting a tmpfs needs root and mount(8)")
    try:
        yield disk
    finally:
        subprocess.run(["umount", str(disk)], check=False)


@pytest.fixture
def read_only_disk(tmp_path: Path) -> Iterator[Path]:
    """A read-only tmpfs (root only; skipped elsewhere)."""
    disk = tmp_path / "ro"
    if not _mount(disk, "ro"):
        pytest.skip("mounting a tmpfs needs root and mount(8)")
    try:
        yield disk
    finally:
        subprocess.run(["umount", str(disk)], check=False)


def test_full_disk_exits_4_without_traceback(tiny_disk: Path, tmp_path: Path) -> None:
    result = _equipoise(
        "ensemble",
        "-n",
        "200",
        "-e",
        "local",
        "-q",
        "--store",
        str(tiny_disk / "store"),
        cwd=tmp_path,
    )
    assert result.returncode == EXIT_OS, result.stderr
    assert "No space left on device" in result.stderr and "The disk is full" in result.stderr
    assert "Traceback" not in result.stderr and "Exception ignored" not in result.stderr


def test_output_to_a_full_disk_exits_4_without_traceback(tiny_disk: Path, tmp_path: Path) -> None:
    with open(tiny_disk / "filler", "wb") as filler:
        try:
            while True:
                filler.write(b"\0" * 65536)
                filler.flush()
        except OSError:
            pass
    with open(tiny_disk / "out.json", "w") as sink:
        result = _equipoise("run", "--json", cwd=tmp_path, stdout=sink.fileno())
    assert result.returncode == EXIT_OS, result.stderr
    assert "Traceback" not in result.stderr and "Exception ignored" not in result.stderr


def test_read_only_folder_exits_4(read_only_disk: Path, tmp_path: Path) -> None:
    result = _equipoise("run", "-o", str(read_only_disk / "out"), cwd=tmp_path)
    assert result.returncode == EXIT_OS, result.stderr
    assert "Read-only file system" in result.stderr
    assert "choose a writable folder" in result.stderr and "Traceback" not in result.stderr
