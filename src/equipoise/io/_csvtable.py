r"""A small validating CSV reader shared by the data-set readers (UNGA, WEO, SIPRI, DOTS, ATOP).

Each reader declares its layout as a tuple of :class:`Column`\ s (name, accepted aliases, kind,
whether the column and its cells may be missing, allowed range or pattern) and the columns that
identify a row. :func:`parse_table` checks the whole file and raises one
:class:`~equipoise.errors.InputError` listing every problem, each located as
``file:line:column: name: what is expected`` (the header is line 1, columns count characters
from 1), as :mod:`equipoise.io.nmc` does. The result is a tidy :class:`pandas.DataFrame` with
the canonical column names and a ``line`` column: the line of the file each row comes from, so
that a number can be cited by its row.
"""

from __future__ import annotations

import csv
import io
import os
import re
from dataclasses import dataclass
from typing import Final, Literal, NoReturn

import numpy as np
import pandas as pd

from equipoise.errors import InputError, Problem

#: Cell contents (case-insensitive, after stripping blanks) that mean "missing".
NA_TOKENS: Final[frozenset[str]] = frozenset({"", "na", "n/a", "nan", "null", "none", "."})
#: At most this many problems are listed; a final problem says how many more there were.
MAX_PROBLEMS: Final[int] = 50
_MAX_INTEGER: Final[float] = 2.0**31


@dataclass(frozen=True, slots=True)
class Column:
    """One column of a CSV layout.

    Attributes
    ----------
    name : str
        The canonical name (the column's name in the returned frame).
    kind : {"str", "int", "float"}
        What a cell holds. ``int`` cells must be whole numbers.
    aliases : tuple of str
        Other header names accepted for the column (matched case-insensitively, as is ``name``).
    required : bool
        Whether the header must have the column; an absent optional column is all missing.
    missing_ok : bool
        Whether a cell may be empty (or ``NA``); missing numbers become ``NaN``, missing text ``""``.
    low, high : float or None
        Inclusive bounds of a number.
    pattern : str or None
        A regular expression a text cell must match in full (when not missing).
    expect : str
        How the expected content is described in problems (default: from ``kind`` and bounds).
    missing_code : float or None
        A number that means "missing" (the NMC's ``-9``); it becomes ``NaN``.
    """

    name: str
    kind: Literal["str", "int", "float"]
    aliases: tuple[str, ...] = ()
    required: bool = True
    missing_ok: bool = False
    low: float | None = None
    high: float | None = None
    pattern: str | None = None
    expect: str = ""
    missing_code: float | None = None

    def describe(self) -> str:
        """Return what a cell of this column should hold, for problems."""
        if self.expect:
            return self.expect
        what = {"str": "text", "int": "a whole number", "float": "a number"}[self.kind]
        if self.low is not None and self.high is not None:
            what += f" from {self.low:g} to {self.high:g}"
        elif self.low is not None:
            what += f" of at least {self.low:g}"
        elif self.high is not None:
            what += f" of at most {self.high:g}"
        if self.missing_ok and self.missing_code is not None:
            what += f", or {self.missing_code:g} or an empty cell for missing"
        elif self.missing_ok:
            what += ", or an empty cell for missing"
        return what


@dataclass(frozen=True, slots=True)
class Layout:
    """A CSV layout: its columns, the columns that identify a row, and a name for problems."""

    name: str
    columns: tuple[Column, ...]
    key: tuple[str, ...] = ()

    def header_help(self) -> str:
        """Return the required header, for problems."""
        return ", ".join(c.name for c in self.columns if c.required)


def read_table(path: str | os.PathLike[str], layout: Layout) -> pd.DataFrame:
    """Read and validate a CSV file in ``layout``; see :func:`parse_table`.

    Parameters
    ----------
    path : str or path-like
        The CSV file.
    layout : Layout
        The expected columns.

    Returns
    -------
    pandas.DataFrame
        One row per data record, the layout's columns (canonical names) and ``line``.

    Raises
    ------
    InputError
        If the file cannot be read, or has any problem (see :func:`parse_table`).
    """
    source = os.fspath(path)
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise InputError(Problem(f"cannot read the file: {reason}", file=source)) from None
    return parse_table(data, layout, source=source)


def parse_table(data: bytes | str, layout: Layout, *, source: str = "<input>") -> pd.DataFrame:
    """Parse and validate CSV content in ``layout``.

    Parameters
    ----------
    data : bytes or str
        The file content; bytes must be UTF-8 (a byte-order mark is allowed).
    layout : Layout
        The expected columns and row key.
    source : str, default "<input>"
        The file name used in problems.

    Returns
    -------
    pandas.DataFrame
        One row per data record in file order: the layout's columns under their canonical
        names (``int`` columns as ``int64`` when no cell is missing, else ``float64``) and
        ``line``, the 1-based line where the record starts.

    Raises
    ------
    InputError
        Every problem at once (at most :data:`MAX_PROBLEMS`, then a count): bytes that are not
        UTF-8, an empty file, a header without a required column or with a duplicate column, a
        record with the wrong number of fields, a cell that is not of the column's kind, out of
        range, missing where a value is required or not matching the pattern, and a duplicate
        key.
    """
    text = decode_utf8(data, source) if isinstance(data, bytes) else data
    return _Parser(text.removeprefix("\ufeff"), source, layout).parse()


def decode_utf8(data: bytes, source: str) -> str:
    """Decode UTF-8, locating the first undecodable byte by line and character column.

    Raises
    ------
    InputError
        Naming the byte, its line and column, and what to do.
    """
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        prefix = data[: exc.start].decode("utf-8").removeprefix("\ufeff")
        lines = io.StringIO(prefix, newline="").readlines() or [""]
        last = lines[-1]
        if last.endswith(("\n", "\r")):
            line, column = len(lines) + 1, 1
        else:
            line, column = len(lines), len(last) + 1
        raise InputError(
            Problem(
                f"not UTF-8 text: byte 0x{data[exc.start]:02x} cannot be decoded "
                f"({exc.reason}); save the file as UTF-8 CSV",
                file=source,
                line=line,
                column=column,
            )
        ) from None


class _Parser:
    def __init__(self, text: str, source: str, layout: Layout) -> None:
        self.text = text
        self.source = source
        self.layout = layout
        self.lines = io.StringIO(text, newline="").readlines()
        self.problems: list[Problem] = []

    def _problem(
        self, message: str, line: int | None, column: int | None = None, path: str = ""
    ) -> None:
        self.problems.append(
            Problem(message, file=self.source, line=line, column=column, path=path)
        )

    def _raise(self) -> NoReturn:
        problems = sorted(self.problems, key=lambda p: (p.line or 0, p.column or 0))
        if len(problems) > MAX_PROBLEMS:
            rest = len(problems) - MAX_PROBLEMS
            problems = [
                *problems[:MAX_PROBLEMS],
                Problem(f"and {rest} more problem{'s' if rest != 1 else ''}", file=self.source),
            ]
        raise InputError(problems)

    def _cell(self, start: int, end: int, field: int) -> tuple[int, int]:
        """Return (line, column) where field ``field`` of the record on lines start..end starts."""
        if field == 0:
            return start, 1
        seen, in_quotes = 0, False
        for line_no in range(start, end + 1):
            for offset, ch in enumerate(self.lines[line_no - 1]):
                if ch == '"':
                    in_quotes = not in_quotes
                elif ch == "," and not in_quotes:
                    seen += 1
                    if seen == field:
                        return line_no, offset + 2
        return start, 1  # pragma: no cover - the record has the field by construction

    def parse(self) -> pd.DataFrame:
        layout = self.layout
        if not self.text.strip():
            self._problem(
                f"the file is empty; expected a CSV header with the columns {layout.header_help()} "
                f"({layout.name})",
                1,
            )
            self._raise()
        reader = csv.reader(self.lines, strict=True)
        records: list[list[str]] = []
        spans: list[tuple[int, int]] = []
        end = 0
        try:
            for record in reader:
                start, end = end + 1, reader.line_num
                if not record or (len(record) == 1 and not record[0].strip()):
                    continue  # a blank line
                records.append(record)
                spans.append((start, end))
        except csv.Error as exc:
            self._problem(f"not a CSV file (malformed quoting or field): {exc}", reader.line_num)
            self._raise()
        header, rows, row_spans = records[0], records[1:], spans[1:]
        index = self._header(header, spans[0][0])
        width = len(header)
        good_rows: list[list[str]] = []
        good_spans: list[tuple[int, int]] = []
        for row, span in zip(rows, row_spans, strict=True):
            if len(row) != width:
                self._problem(
                    f"this row has {len(row)} fields; the header has {width} "
                    f"({', '.join(h.strip() for h in header)})",
                    span[0],
                    1,
                )
            else:
                good_rows.append(row)
                good_spans.append(span)
        if index is None:
            self._raise()
        frame: dict[str, object] = {}
        by_field = list(zip(*good_rows, strict=True)) if good_rows else [() for _ in header]
        for col in layout.columns:
            if col.name not in index:
                n = len(good_rows)
                frame[col.name] = (
                    np.full(n, np.nan) if col.kind != "str" else pd.array([""] * n, dtype="str")
                )
                continue
            field = index[col.name]
            cells = list(by_field[field])
            frame[col.name] = self._column(col, cells, good_spans, field, header[field].strip())
        if layout.key:
            self._duplicates(frame, good_spans, index)
        if self.problems:
            self._raise()
        frame["line"] = np.array([s[0] for s in good_spans], dtype=np.int64)
        return pd.DataFrame(frame)

    def _header(self, header: list[str], line: int) -> dict[str, int] | None:
        names = [h.strip().lower() for h in header]
        seen: dict[str, int] = {}
        for i, name in enumerate(names):
            if name in seen and name:
                self._problem(
                    f"duplicate column {header[i].strip()!r} (also column {seen[name] + 1})",
                    line,
                    path=header[i].strip(),
                )
            seen.setdefault(name, i)
        index: dict[str, int] = {}
        missing = []
        for col in self.layout.columns:
            found = next((seen[n] for n in (col.name, *col.aliases) if n.lower() in seen), None)
            if found is not None:
                index[col.name] = found
            elif col.required:
                missing.append(col)
        if missing and len(missing) == sum(c.required for c in self.layout.columns):
            hint = ""
            if len(header) == 1:
                for sep, label in ((";", "semicolons"), ("\t", "tabs"), ("|", "bars")):
                    if sep in header[0]:
                        hint = f" (the first line is separated by {label}; use commas)"
            self._problem(
                f"not a table in the {self.layout.name} layout: the first line should be a "
                f"comma-separated header with the columns {self.layout.header_help()}{hint}",
                line,
            )
            return None
        for col in missing:
            also = f" (or {', '.join(repr(a) for a in col.aliases)})" if col.aliases else ""
            self._problem(
                f"missing required column {col.name!r}{also} of the {self.layout.name} layout",
                line,
                path=col.name,
            )
        return None if missing else index

    def _column(
        self,
        col: Column,
        cells: list[str],
        spans: list[tuple[int, int]],
        field: int,
        shown_name: str,
    ) -> object:
        if col.kind != "str":
            fast = self._fast_numbers(col, cells)
            if fast is not None:
                return fast
        stripped = [c.strip() for c in cells]
        is_na = np.array([s.lower() in NA_TOKENS for s in stripped], dtype=bool)
        bad: list[tuple[int, str]] = []
        if not col.missing_ok:
            for na_row in np.flatnonzero(is_na):
                bad.append((int(na_row), f"missing value; expected {col.describe()}"))
        if col.kind == "str":
            if col.pattern is not None:
                regex = re.compile(col.pattern)
                for row, value in enumerate(stripped):
                    if not is_na[row] and not regex.fullmatch(value):
                        bad.append((row, f"{_show(value)} is not {col.describe()}"))
            self._report(bad, spans, field, shown_name)
            return pd.array([("" if is_na[i] else s) for i, s in enumerate(stripped)], dtype="str")
        series = pd.Series(stripped, dtype="str").where(~is_na)
        values = np.array(pd.to_numeric(series, errors="coerce"), dtype=np.float64)
        if col.missing_code is not None:
            coded = values == col.missing_code
            values[coded] = np.nan
            is_na = is_na | coded
        for row in np.flatnonzero(np.isnan(values) & ~is_na).tolist():
            bad.append(
                (int(row), f"not a number: {_show(stripped[row])}; expected {col.describe()}")
            )
        finite = np.isfinite(values)
        for row in np.flatnonzero(np.isinf(values)).tolist():
            bad.append((int(row), f"not a finite number: {_show(stripped[row])}"))
        out_of_range = np.zeros(values.shape, dtype=bool)
        if col.low is not None:
            out_of_range |= finite & (values < col.low)
        if col.high is not None:
            out_of_range |= finite & (values > col.high)
        if col.kind == "int":
            out_of_range |= finite & (np.abs(values) > _MAX_INTEGER)
            fractional = finite & (values != np.round(values))
            for row in np.flatnonzero(fractional).tolist():
                bad.append((int(row), f"not a whole number: {_show(stripped[row])}"))
        for row in np.flatnonzero(out_of_range).tolist():
            bad.append(
                (int(row), f"out of range: {_show(stripped[row])}; expected {col.describe()}")
            )
        self._report(bad, spans, field, shown_name)
        if col.kind == "int" and not np.isnan(values).any():
            return values.astype(np.int64)
        return values

    def _fast_numbers(self, col: Column, cells: list[str]) -> object | None:
        """Convert a clean numeric column in one call; ``None`` sends it to the checking path."""
        try:
            values = np.array([c if c.strip() else "nan" for c in cells], dtype=np.float64)
        except ValueError:
            return None
        if col.missing_code is not None:
            values[values == col.missing_code] = np.nan
        missing = np.isnan(values)
        if (missing.any() and not col.missing_ok) or np.isinf(values).any():
            return None
        finite = values[~missing]
        if (col.low is not None and (finite < col.low).any()) or (
            col.high is not None and (finite > col.high).any()
        ):
            return None
        if col.kind == "int":
            if ((finite != np.round(finite)) | (np.abs(finite) > _MAX_INTEGER)).any():
                return None
            if not missing.any():
                return values.astype(np.int64)
        return values

    def _report(
        self, bad: list[tuple[int, str]], spans: list[tuple[int, int]], field: int, name: str
    ) -> None:
        for row, message in bad:
            line, column = self._cell(*spans[row], field)
            self._problem(message, line, column, path=name)

    def _duplicates(
        self, frame: dict[str, object], spans: list[tuple[int, int]], index: dict[str, int]
    ) -> None:
        keys = pd.DataFrame({k: frame[k] for k in self.layout.key})
        # rows with a missing key cell are reported as missing, not compared (NaN != NaN)
        complete = (keys.notna() & (keys.astype("str") != "")).all(axis=1).to_numpy()
        dup = np.zeros(len(keys), dtype=bool)
        dup[complete] = keys.loc[complete].duplicated(keep="first").to_numpy()
        if not dup.any():
            return
        first: dict[tuple[object, ...], int] = {}
        for i, key in enumerate(keys.itertuples(index=False, name=None)):
            if complete[i]:
                first.setdefault(key, spans[i][0])
        field = index[self.layout.key[0]]
        for row in np.flatnonzero(dup).tolist():
            key = tuple(keys.iloc[int(row)])
            shown = ", ".join(f"{k} {_plain(v)}" for k, v in zip(self.layout.key, key, strict=True))
            line, column = self._cell(*spans[int(row)], field)
            self._problem(
                f"duplicate row: {shown} is also on line {first[key]}; expected one row per "
                f"{', '.join(self.layout.key)}",
                line,
                column,
                path=self.layout.key[0],
            )


def _plain(value: object) -> str:
    if isinstance(value, float | np.floating) and float(value).is_integer():
        return str(int(value))
    return str(value) if value != "" else "(empty)"


def _show(raw: str) -> str:
    return repr(raw if len(raw) <= 40 else raw[:37] + "...")


def year_filter(frame: pd.DataFrame, *, up_to: int | None) -> pd.DataFrame:
    """Return the rows of ``frame`` with ``year <= up_to`` (all rows when ``up_to`` is None)."""
    if up_to is None:
        return frame
    return frame.loc[frame["year"] <= up_to].reset_index(drop=True)


ISO3: Final[str] = r"[A-Z]{3}"
ISO3_HELP: Final[str] = "an ISO 3166-1 alpha-3 code (three capital letters)"

__all__ = [
    "ISO3",
    "ISO3_HELP",
    "MAX_PROBLEMS",
    "NA_TOKENS",
    "Column",
    "Layout",
    "parse_table",
    "read_table",
    "year_filter",
]
