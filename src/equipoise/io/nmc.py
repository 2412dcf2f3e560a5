r"""Reader for tables in the Correlates of War National Material Capabilities (NMC) layout.

An NMC table has one row per state-year with the columns ``stateabb, ccode, year, milex,
milper, irst, pec, tpop, upop`` and optionally ``cinc`` (the file's own index) and
``version``; other columns are allowed and ignored. Missing values are ``-9`` (the NMC code)
or an empty cell / ``NA`` (as in the NMC v7.0 rows distributed by the ``peacesciencer`` R
package). The state identifier may be named ``stateabb``, ``cow_stateabb`` or ``iso3``;
column names are matched case-insensitively.

:func:`read_nmc` validates the whole file, reports every problem at once as an
:class:`~equipoise.errors.InputError` whose :class:`~equipoise.errors.Problem`\ s name the file,
the 1-based line (the header is line 1), the 1-based character column of the cell and the
column name, then computes the Composite Index of National Capability for every year with
:func:`equipoise.engines.power.cinc` (shares within each year over all the states of that year)
and compares it with the file's ``cinc`` column where there is one.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Final, NoReturn

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from equipoise.engines.power import CINC_COMPONENTS, cinc
from equipoise.errors import InputError, Problem
from equipoise.io._csvtable import Column, Layout, decode_utf8, read_table

#: Accepted names of the state identifier column, in order of preference.
STATE_COLUMNS: Final[tuple[str, ...]] = ("stateabb", "cow_stateabb", "iso3")
#: Required numeric columns besides the state identifier.
REQUIRED_COLUMNS: Final[tuple[str, ...]] = ("ccode", "year", *CINC_COMPONENTS)
#: The NMC missing-value code.
MISSING_CODE: Final[float] = -9.0
#: Cell contents (case-insensitive, after stripping blanks) that mean "missing".
NA_TOKENS: Final[frozenset[str]] = frozenset({"", "na", "n/a", "nan", "null", "none", "."})
#: At most this many problems are listed; a final problem says how many more there were.
MAX_PROBLEMS: Final[int] = 50
#: Default tolerance for counting rows whose computed CINC differs from the file's.
DEFAULT_TOLERANCE: Final[float] = 1e-6
#: A year whose file CINC values sum below this is from an extract, not a whole system.
EXTRACT_YEAR_SUM: Final[float] = 0.99

#: Columns of :attr:`NmcTable.table`, in order.
SHARE_COLUMNS: Final[tuple[str, ...]] = tuple(f"{c}_share" for c in CINC_COMPONENTS)
TABLE_COLUMNS: Final[tuple[str, ...]] = (
    "stateabb",
    "ccode",
    "year",
    *SHARE_COLUMNS,
    "n_components",
    "cinc",
    "file_cinc",
    "abs_diff",
)

_EXPECTED_HEADER = f"stateabb (or iso3), {', '.join(REQUIRED_COLUMNS)}"
_MAX_INTEGER = 2.0**31
_NUMBER_HINT = "expected a non-negative number, or -9 or an empty cell for missing"


@dataclass(frozen=True, slots=True)
class CincComparison:
    r"""How far the computed CINC is from the file's own ``cinc`` column.

    Attributes
    ----------
    n_compared : int
        State-years with both a computed and a file CINC.
    max_abs_diff : float
        :math:`\max_i |\mathrm{CINC}_i - \mathrm{cinc}^{\mathrm{file}}_i|`.
    mean_abs_diff : float
        The mean of the same absolute differences.
    n_above_tolerance : int
        How many absolute differences exceed ``tolerance``.
    tolerance : float
        The tolerance used for ``n_above_tolerance``.
    min_year_sum : float
        The smallest sum of the file's ``cinc`` over the compared rows of one year. In a
        whole NMC system the yearly sum is at least 1 (above 1 where components are missing);
        well below 1 means the file is an extract of a larger system, whose shares were taken
        over states this file lacks, so the comparison is not meaningful.
    """

    n_compared: int
    max_abs_diff: float
    mean_abs_diff: float
    n_above_tolerance: int
    tolerance: float
    min_year_sum: float

    @property
    def looks_like_extract(self) -> bool:
        """Whether some year's file CINC sums below :data:`EXTRACT_YEAR_SUM`."""
        return self.min_year_sum < EXTRACT_YEAR_SUM

    def to_dict(self) -> dict[str, Any]:
        """Return the comparison as a JSON-ready dictionary."""
        return {
            "n_compared": self.n_compared,
            "max_abs_diff": self.max_abs_diff,
            "mean_abs_diff": self.mean_abs_diff,
            "n_above_tolerance": self.n_above_tolerance,
            "tolerance": self.tolerance,
            "min_year_sum": self.min_year_sum,
            "looks_like_extract": self.looks_like_extract,
        }


@dataclass(frozen=True, slots=True, eq=False)
class NmcTable:
    """A validated NMC table with the computed CINC.

    Attributes
    ----------
    source : str
        The file the table was read from, as the caller named it.
    state_column : str
        The name of the state identifier column in the file (``stateabb`` or ``iso3``); the
        table always calls it ``stateabb``.
    table : pandas.DataFrame
        One row per state-year in file order, columns :data:`TABLE_COLUMNS`: ``stateabb``,
        ``ccode``, ``year``, the share of each component (``milex_share`` ...; ``NaN`` where
        missing), ``n_components`` (how many entered the mean), ``cinc`` (computed),
        ``file_cinc`` (the file's, ``NaN`` where absent) and ``abs_diff`` (their absolute
        difference, ``NaN`` where either is missing).
    comparison : CincComparison or None
        The summary of ``abs_diff``; ``None`` if the file has no ``cinc`` values.
    tolerance : float
        The tolerance used for the comparison.
    """

    source: str
    state_column: str
    table: pd.DataFrame
    comparison: CincComparison | None
    tolerance: float = field(default=DEFAULT_TOLERANCE)

    @property
    def years(self) -> list[int]:
        """The distinct years in the table, ascending."""
        return sorted(int(y) for y in self.table["year"].unique())

    def select_years(self, years: Iterable[int]) -> NmcTable:
        """Return the rows of the given years, with the comparison recomputed over them.

        Shares and CINC are not recomputed: they were taken within each whole year, so
        selecting years leaves them unchanged.
        """
        wanted = {int(y) for y in years}
        rows = self.table.loc[self.table["year"].isin(wanted)].reset_index(drop=True)
        return NmcTable(
            source=self.source,
            state_column=self.state_column,
            table=rows,
            comparison=compare_cinc(rows, tolerance=self.tolerance),
            tolerance=self.tolerance,
        )


# --------------------------------------------------------------------------------------------
# Public entry points
# --------------------------------------------------------------------------------------------


def read_nmc(path: str | os.PathLike[str], *, tolerance: float = DEFAULT_TOLERANCE) -> NmcTable:
    """Read an NMC-layout CSV file, validate it and compute CINC for every year.

    Parameters
    ----------
    path : str or path-like
        The CSV file.
    tolerance : float, default 1e-6
        Absolute difference above which a row counts as disagreeing with the file's ``cinc``.

    Returns
    -------
    NmcTable
        The tidy table and the comparison with the file's ``cinc`` column.

    Raises
    ------
    InputError
        If the file cannot be read or has any problem: missing required column, duplicate
        column, a row with the wrong number of fields, a non-numeric or negative (other than
        ``-9``) value, a missing state, ``ccode`` or ``year``, a duplicate state-year, an empty
        file, bytes that are not UTF-8, or text that is not CSV. Every problem is listed (at
        most :data:`MAX_PROBLEMS`, then a count of the rest).
    """
    source = os.fspath(path)
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise InputError(Problem(f"cannot read the file: {reason}", file=source)) from None
    return parse_nmc(data, source=source, tolerance=tolerance)


def parse_nmc(
    data: bytes | str, *, source: str = "<input>", tolerance: float = DEFAULT_TOLERANCE
) -> NmcTable:
    """Parse NMC-layout CSV content (bytes or text); see :func:`read_nmc`.

    Parameters
    ----------
    data : bytes or str
        The file content. Bytes must be UTF-8 (a byte-order mark is allowed).
    source : str, default "<input>"
        The name used for the file in problems and in the result.
    tolerance : float, default 1e-6
        See :func:`read_nmc`.

    Returns
    -------
    NmcTable
        The tidy table and the comparison with the file's ``cinc`` column.

    Raises
    ------
    InputError
        See :func:`read_nmc`.
    """
    text = decode_utf8(data, source) if isinstance(data, bytes) else data
    text = text.removeprefix("\ufeff")
    parsed = _Parser(text, source).parse()
    return _compute(parsed, source=source, tolerance=tolerance)


def compare_cinc(
    table: pd.DataFrame, *, tolerance: float = DEFAULT_TOLERANCE
) -> CincComparison | None:
    """Summarise ``abs_diff`` of a table built by :func:`read_nmc` (``None`` if empty).

    Parameters
    ----------
    table : pandas.DataFrame
        A table with the columns ``year``, ``cinc``, ``file_cinc`` and ``abs_diff``.
    tolerance : float, default 1e-6
        Absolute difference above which a row counts in ``n_above_tolerance``.

    Returns
    -------
    CincComparison or None
        ``None`` when no row has both a computed and a file CINC.
    """
    diff = table["abs_diff"].to_numpy(dtype=np.float64)
    compared = np.isfinite(diff)
    if not compared.any():
        return None
    d = diff[compared]
    year_sums = table.loc[compared, "file_cinc"].groupby(table.loc[compared, "year"]).sum()
    return CincComparison(
        n_compared=int(compared.sum()),
        max_abs_diff=float(d.max()),
        mean_abs_diff=float(d.mean()),
        n_above_tolerance=int((d > tolerance).sum()),
        tolerance=float(tolerance),
        min_year_sum=float(year_sums.min()),
    )


# --------------------------------------------------------------------------------------------
# Parsing and validation
# --------------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Parsed:
    """Validated columns of an NMC table (one entry per data row)."""

    state_column: str
    states: list[str]
    ccode: NDArray[np.int64]
    year: NDArray[np.int64]
    components: NDArray[np.float64]  # (n_rows, 6), NaN = missing
    file_cinc: NDArray[np.float64]  # (n_rows,), NaN = missing or no column


class _Parser:
    """Parse the CSV text, collecting every located problem."""

    def __init__(self, text: str, source: str) -> None:
        self.text = text
        self.source = source
        self.lines: list[str] = io.StringIO(text, newline="").readlines()
        self.problems: list[Problem] = []
        self.state_column = "stateabb"

    # -- problem helpers ----------------------------------------------------------------------

    def _problem(
        self, message: str, *, line: int | None, column: int | None = None, path: str = ""
    ) -> None:
        self.problems.append(
            Problem(message, file=self.source, line=line, column=column, path=path)
        )

    def _cell_position(self, start: int, end: int, field_index: int) -> tuple[int, int]:
        """Return the (line, column) where field ``field_index`` of a record starts."""
        if field_index == 0:
            return start, 1
        seen = 0
        in_quotes = False
        for line_no in range(start, end + 1):
            for offset, ch in enumerate(self.lines[line_no - 1]):
                if ch == '"':
                    in_quotes = not in_quotes
                elif ch == "," and not in_quotes:
                    seen += 1
                    if seen == field_index:
                        return line_no, offset + 2
        return start, 1  # pragma: no cover - the record has the field by construction

    def _raise(self) -> NoReturn:
        problems = sorted(self.problems, key=lambda p: (p.line or 0, p.column or 0))
        if len(problems) > MAX_PROBLEMS:
            rest = len(problems) - MAX_PROBLEMS
            problems = [
                *problems[:MAX_PROBLEMS],
                Problem(f"and {rest} more problem{'s' if rest != 1 else ''}", file=self.source),
            ]
        raise InputError(problems)

    # -- parsing ---------------------------------------------------------------------------------

    def parse(self) -> _Parsed:
        if not self.text.strip():
            self._problem(
                f"the file is empty; expected a CSV header with the columns {_EXPECTED_HEADER}",
                line=1,
            )
            self._raise()

        reader = csv.reader(self.lines, strict=True)
        records: list[list[str]] = []
        spans: list[tuple[int, int]] = []
        previous_end = 0
        try:
            for record in reader:
                start, previous_end = previous_end + 1, reader.line_num
                if not (record and record[0].strip()) and not any(c.strip() for c in record):
                    continue  # blank line
                records.append(record)
                spans.append((start, previous_end))
        except csv.Error as exc:
            self._problem(
                f"not a CSV file (malformed quoting or field): {exc}", line=reader.line_num
            )

        if not records:
            if not self.problems:
                self._problem(
                    "the file has no header; expected a CSV header with the columns "
                    f"{_EXPECTED_HEADER}",
                    line=1,
                )
            self._raise()
        header, (h_start, h_end) = records[0], spans[0]
        rows, row_spans = records[1:], spans[1:]
        columns = self._header(header, h_start, h_end)
        if columns is None:
            self._raise()
        if not rows and not self.problems:
            self._problem("the file has a header but no data rows", line=h_end + 1)

        good: list[list[str]] = []
        good_spans: list[tuple[int, int]] = []
        for record, (start, end) in zip(rows, row_spans, strict=True):
            if len(record) != len(header):
                self._problem(
                    f"the row has {len(record)} field{'s' if len(record) != 1 else ''} but the "
                    f"header has {len(header)}",
                    line=start,
                )
                continue
            good.append(record)
            good_spans.append((start, end))
        return self._columns(header, columns, good, good_spans)

    def _header(self, header: list[str], start: int, end: int) -> dict[str, int] | None:
        """Map the canonical column names to field indices; None if hopeless."""
        names = [name.strip().lower() for name in header]
        index: dict[str, int] = {}
        for i, name in enumerate(names):
            if name in index and name in (*STATE_COLUMNS, *REQUIRED_COLUMNS, "cinc"):
                line, column = self._cell_position(start, end, i)
                self._problem(
                    f"duplicate column {header[i].strip()!r} (also field {index[name] + 1})",
                    line=line,
                    column=column,
                    path=header[i].strip(),
                )
            index.setdefault(name, i)
        state = next((name for name in STATE_COLUMNS if name in index), None)
        known = [name for name in REQUIRED_COLUMNS if name in index]
        if state is None and not known:
            first = header[0] if header else ""
            hint = ""
            for sep, label in ((";", "semicolons"), ("\t", "tabs"), ("|", "bars")):
                if len(header) == 1 and sep in first:
                    hint = f" (the first line is separated by {label}; use commas)"
            self._problem(
                "not a CSV table in the NMC layout: the first line should be a comma-separated "
                f"header with the columns {_EXPECTED_HEADER}{hint}",
                line=start,
            )
            return None
        if state is None:
            self._problem(
                "missing the state column: expected one named 'stateabb' (or 'iso3')",
                line=start,
                path="stateabb",
            )
        for name in REQUIRED_COLUMNS:
            if name not in index:
                self._problem(f"missing required column {name!r}", line=start, path=name)
        columns = {name: index[name] for name in (*REQUIRED_COLUMNS, "cinc") if name in index}
        if state is not None:
            columns["stateabb"] = index[state]
            self.state_column = state
        return columns

    def _cells(self, rows: list[list[str]], field_index: int) -> list[str]:
        return [row[field_index] for row in rows]

    def _locate(self, spans: list[tuple[int, int]], row: int, field_index: int) -> tuple[int, int]:
        start, end = spans[row]
        return self._cell_position(start, end, field_index)

    def _numbers(
        self,
        cells: list[str],
        spans: list[tuple[int, int]],
        field_index: int,
        name: str,
        *,
        integer: bool,
    ) -> NDArray[np.float64]:
        """Parse one numeric column; NaN for missing. Problems are recorded, not raised."""
        stripped = pd.Series(cells, dtype="str").str.strip()
        is_na = stripped.str.lower().isin(NA_TOKENS).to_numpy(dtype=bool)
        values = np.array(
            pd.to_numeric(stripped.where(~is_na), errors="coerce").to_numpy(
                dtype=np.float64, na_value=np.nan
            ),
            dtype=np.float64,
        )
        not_number = np.isnan(values) & ~is_na
        infinite = np.isinf(values)
        missing_code = values == MISSING_CODE
        negative = (values < 0) & ~missing_code
        fractional = np.zeros_like(not_number)
        if integer:
            # Whole numbers that fit an int64 comfortably; anything else is reported.
            finite = np.isfinite(values)
            fractional[finite] = (values[finite] != np.round(values[finite])) | (
                np.abs(values[finite]) > _MAX_INTEGER
            )
        hint = "expected a whole number" if integer else _NUMBER_HINT
        for row in np.flatnonzero(not_number | infinite | negative | fractional):
            raw = cells[row].strip()
            shown = repr(raw if len(raw) <= 40 else raw[:37] + "...")
            if not_number[row]:
                message = f"not a number: {shown}; {hint}"
            elif infinite[row]:
                message = f"not a finite number: {shown}; {hint}"
            elif negative[row] and not integer:
                message = f"negative value {shown}; {hint}"
            elif negative[row]:
                message = f"negative value {shown}; expected a whole number of at least 0"
            elif abs(values[row]) > _MAX_INTEGER:
                message = f"out of range: {shown}; expected a whole number below {_MAX_INTEGER:.0f}"
            else:
                message = f"not a whole number: {shown}"
            line, column = self._locate(spans, int(row), field_index)
            self._problem(message, line=line, column=column, path=name)
        values[not_number | infinite | negative | fractional | missing_code] = np.nan
        if integer:
            for row in np.flatnonzero(is_na | missing_code):
                line, column = self._locate(spans, int(row), field_index)
                self._problem(
                    f"missing {name}; every row needs a whole-number {name}",
                    line=line,
                    column=column,
                    path=name,
                )
        return values

    def _columns(
        self,
        header: list[str],
        columns: dict[str, int],
        rows: list[list[str]],
        spans: list[tuple[int, int]],
    ) -> _Parsed:
        n = len(rows)
        names = {key: header[i].strip() for key, i in columns.items()}
        numeric: dict[str, NDArray[np.float64]] = {}
        for name in (*REQUIRED_COLUMNS, "cinc"):
            if name in columns:
                numeric[name] = self._numbers(
                    self._cells(rows, columns[name]),
                    spans,
                    columns[name],
                    names[name],
                    integer=name in ("ccode", "year"),
                )
        states: list[str] = []
        if "stateabb" in columns:
            states = [cell.strip() for cell in self._cells(rows, columns["stateabb"])]
            for row, state in enumerate(states):
                if state.lower() in NA_TOKENS or state == "-9":
                    line, column = self._locate(spans, row, columns["stateabb"])
                    self._problem(
                        "missing state abbreviation",
                        line=line,
                        column=column,
                        path=names["stateabb"],
                    )
        if "ccode" in numeric and "year" in numeric:
            self._duplicates(numeric["ccode"], numeric["year"], spans, columns, names)
        if self.problems:
            self._raise()
        return _Parsed(
            state_column=self.state_column,
            states=states,
            ccode=numeric["ccode"].astype(np.int64),
            year=numeric["year"].astype(np.int64),
            components=np.column_stack([numeric[c] for c in CINC_COMPONENTS]).reshape(n, 6),
            file_cinc=numeric.get("cinc", np.full(n, np.nan)),
        )

    def _duplicates(
        self,
        ccode: NDArray[np.float64],
        year: NDArray[np.float64],
        spans: list[tuple[int, int]],
        columns: dict[str, int],
        names: dict[str, str],
    ) -> None:
        keys = pd.DataFrame({"ccode": ccode, "year": year})
        valid = keys.notna().all(axis=1).to_numpy()
        dup = keys.duplicated(keep="first").to_numpy() & valid
        if not dup.any():
            return
        first_line: dict[tuple[float, float], int] = {}
        for row in np.flatnonzero(valid):
            first_line.setdefault((ccode[row], year[row]), spans[row][0])
        for row in np.flatnonzero(dup):
            key = (ccode[row], year[row])
            line, column = self._locate(spans, int(row), columns["ccode"])
            self._problem(
                f"duplicate state-year: ccode {int(key[0])} in {int(key[1])} is also on line "
                f"{first_line[key]}",
                line=line,
                column=column,
                path=names["ccode"],
            )


# --------------------------------------------------------------------------------------------
# Computation
# --------------------------------------------------------------------------------------------


def _compute(parsed: _Parsed, *, source: str, tolerance: float) -> NmcTable:
    """Compute CINC year by year in one batched call of the engine."""
    n = len(parsed.states)
    years, inverse = np.unique(parsed.year, return_inverse=True)
    counts = np.bincount(inverse, minlength=len(years))
    order = np.argsort(inverse, kind="stable")
    starts = np.concatenate(([0], np.cumsum(counts)[:-1]))
    position = np.empty(n, dtype=np.int64)
    position[order] = np.arange(n) - np.repeat(starts, counts)
    # One system per year, padded with all-missing states (which take part in no total).
    dense = np.full((len(years), int(counts.max()), len(CINC_COMPONENTS)), np.nan)
    dense[inverse, position] = parsed.components
    result = cinc(dense, axis=-2)
    shares = result.shares[inverse, position]
    computed = result.cinc[inverse, position]
    n_components = result.n_components[inverse, position]

    frame: dict[str, Any] = {
        "stateabb": pd.array(parsed.states, dtype="str"),
        "ccode": parsed.ccode,
        "year": parsed.year,
    }
    for k, name in enumerate(SHARE_COLUMNS):
        frame[name] = shares[:, k]
    frame["n_components"] = n_components
    frame["cinc"] = computed
    frame["file_cinc"] = parsed.file_cinc
    frame["abs_diff"] = np.abs(computed - parsed.file_cinc)
    table = pd.DataFrame(frame, columns=list(TABLE_COLUMNS))
    return NmcTable(
        source=source,
        state_column=parsed.state_column,
        table=table,
        comparison=compare_cinc(table, tolerance=tolerance),
        tolerance=tolerance,
    )


#: The layout of the raw component values (:func:`read_nmc_values`).
VALUES_LAYOUT: Final = Layout(
    name="NMC (stateabb, ccode, year, milex, milper, irst, pec, tpop, upop)",
    columns=(
        Column("stateabb", "str", aliases=("cow_stateabb", "iso3")),
        Column("ccode", "int", low=0),
        Column("year", "int", low=1800, high=2200),
        *(
            Column(name, "float", missing_ok=True, low=0.0, missing_code=MISSING_CODE)
            for name in CINC_COMPONENTS
        ),
        Column("cinc", "float", required=False, missing_ok=True, missing_code=MISSING_CODE),
    ),
    key=("ccode", "year"),
)


def read_nmc_values(path: str | os.PathLike[str]) -> pd.DataFrame:
    """Read the raw component values of an NMC-layout file (no CINC computed).

    Parameters
    ----------
    path : str or path-like
        The CSV file (NMC v6.0 ``-9`` or v7.0 empty cells for missing).

    Returns
    -------
    pandas.DataFrame
        Columns ``stateabb, ccode, year, milex, milper, irst, pec, tpop, upop, cinc`` (``NaN``
        = missing) and ``line`` (the row's line in the file).

    Raises
    ------
    InputError
        With every located problem (``file:line:column: column: what is expected``).
    """
    return read_table(path, VALUES_LAYOUT)


__all__ = [
    "DEFAULT_TOLERANCE",
    "EXTRACT_YEAR_SUM",
    "MAX_PROBLEMS",
    "MISSING_CODE",
    "NA_TOKENS",
    "REQUIRED_COLUMNS",
    "SHARE_COLUMNS",
    "STATE_COLUMNS",
    "TABLE_COLUMNS",
    "VALUES_LAYOUT",
    "CincComparison",
    "NmcTable",
    "compare_cinc",
    "parse_nmc",
    "read_nmc",
    "read_nmc_values",
]
