"""Read a commentary file: UTF-8 text, or a located error that says what to do.

A file is refused with a located :class:`~equipoise.errors.InputError` when it is missing,
empty (or only white space), binary (NUL bytes, or mostly control characters), in another
encoding (UTF-16 is recognised by its byte-order mark; other bytes that are not UTF-8 are
located by line and column, with the likely Windows-1252 reading shown), or larger than
:data:`MAX_BYTES`. The text is returned exactly as decoded (newlines kept, a UTF-8 byte-order
mark kept as a character) so that offsets refer to the file as read.
"""

from __future__ import annotations

from pathlib import Path

from equipoise.errors import InputError, Problem

#: Largest text read (64 MiB): far above a report, below what would exhaust a laptop.
MAX_BYTES = 64 * 2**20


def read_text(path: Path, *, display: str | None = None) -> str:
    """Return the text of ``path`` decoded as UTF-8.

    Parameters
    ----------
    path : Path
        The file to read (only read, never written).
    display : str, optional
        The name to report (default: ``str(path)``).

    Returns
    -------
    str
        The decoded text.

    Raises
    ------
    InputError
        With the file (and line and column where known) and what is expected.
    """
    file = display or str(path)
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise InputError(Problem("is a directory, not a text file", file=file))
        if size > MAX_BYTES:
            raise InputError(
                Problem(f"file is larger than {MAX_BYTES // 2**20} MiB ({size:,} bytes)", file=file)
            )
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InputError(Problem("file not found", file=file)) from None
    except PermissionError:
        raise InputError(Problem("permission denied", file=file)) from None
    if not raw.strip():
        what = "empty" if not raw else "only white space"
        raise InputError(Problem(f"the file is {what}: there is no text to read", file=file))
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(
            Problem(
                "the file is UTF-16 (it starts with a UTF-16 byte-order mark); save it as UTF-8, "
                "e.g. iconv -f UTF-16 -t UTF-8",
                file=file,
                line=1,
                column=1,
            )
        )
    nul = raw.find(b"\x00")
    if nul >= 0:
        raise InputError(
            _located(raw, nul, file, "a binary file (it contains NUL bytes), not text")
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        guess = raw[max(0, exc.start - 12) : exc.start + 12].decode("cp1252", "replace")
        raise InputError(
            _located(
                raw,
                exc.start,
                file,
                f"not UTF-8: byte 0x{raw[exc.start]:02x} cannot be decoded (read as Windows-1252 "
                f"the text there is {guess!r}); save the file as UTF-8, e.g. "
                "iconv -f WINDOWS-1252 -t UTF-8",
            )
        ) from None
    control = sum(1 for ch in text[:4096] if ord(ch) < 32 and ch not in "\n\r\t\f")
    if control > 0.1 * min(len(text), 4096):
        raise InputError(Problem("a binary file (mostly control characters), not text", file=file))
    return text


def _located(raw: bytes, pos: int, file: str, message: str) -> Problem:
    line = raw.count(b"\n", 0, pos) + 1
    line_start = raw.rfind(b"\n", 0, pos) + 1
    column = len(raw[line_start:pos].decode("utf-8", "replace")) + 1
    return Problem(message, file=file, line=line, column=column)


__all__ = ["MAX_BYTES", "read_text"]
