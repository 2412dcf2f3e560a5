"""Reader for SIPRI Military Expenditure Database tables.

The layout is one row per state and year: ``iso3, year, milex_current_usd_m`` (US$ millions,
current prices) and optionally ``milex_const2023_usd_m`` (US$ millions, constant 2023),
``milex_share_gdp`` (a fraction: 0.0171 = 1.71 %) and ``source``. An empty cell means SIPRI
publishes no figure (North Korea always: SIPRI gives no US$ figures), never zero.

References
----------
Stockholm International Peace Research Institute (2025). SIPRI Military Expenditure Database,
April 2025 release. https://www.sipri.org/databases/milex
"""

from __future__ import annotations

import os
from typing import Final

import pandas as pd

from equipoise.io._csvtable import ISO3, ISO3_HELP, Column, Layout, parse_table, read_table

#: The release this layout is for.
RELEASE: Final[str] = "SIPRI Military Expenditure Database, April 2025 release (current US$ m)"
LAYOUT: Final[Layout] = Layout(
    name="SIPRI military expenditure (iso3, year, milex_current_usd_m)",
    columns=(
        Column("iso3", "str", pattern=ISO3, expect=ISO3_HELP),
        Column("year", "int", low=1800, high=2200),
        Column("milex_current_usd_m", "float", missing_ok=True, low=0.0),
        Column("milex_const2023_usd_m", "float", required=False, missing_ok=True, low=0.0),
        Column("milex_share_gdp", "float", required=False, missing_ok=True, low=0.0, high=1.0),
        Column("source", "str", required=False, missing_ok=True),
    ),
    key=("iso3", "year"),
)


def read_sipri(path: str | os.PathLike[str]) -> pd.DataFrame:
    """Read a SIPRI military-expenditure file into a tidy frame.

    Parameters
    ----------
    path : str or path-like
        The CSV file, e.g. ``milex_sipri_1990_2020.csv``.

    Returns
    -------
    pandas.DataFrame
        Columns ``iso3, year, milex_current_usd_m, milex_const2023_usd_m, milex_share_gdp``
        (``NaN`` = not published), ``source``, ``line``.

    Raises
    ------
    InputError
        With every located problem.
    """
    return read_table(path, LAYOUT)


def parse_sipri(data: bytes | str, *, source: str = "<input>") -> pd.DataFrame:
    """Parse SIPRI CSV content; see :func:`read_sipri`."""
    return parse_table(data, LAYOUT, source=source)


__all__ = ["LAYOUT", "RELEASE", "parse_sipri", "read_sipri"]
