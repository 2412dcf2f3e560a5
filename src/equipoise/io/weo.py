"""Reader for IMF World Economic Outlook GDP tables (current prices, billions of US dollars).

The layout is one row per state and year: ``iso3, year, gdp_usd_bn`` and optionally
``source`` (the file in ``shared/data`` is the April 2025 vintage of WEO series NGDPD,
"GDP, current prices (billions of US dollars)", 1990–2020). An empty ``gdp_usd_bn`` means the
IMF publishes no figure (missing, never zero).

References
----------
International Monetary Fund (2025). World Economic Outlook database, April 2025, series NGDPD.
https://www.imf.org/en/Publications/WEO
"""

from __future__ import annotations

import os
from typing import Final

import pandas as pd

from equipoise.io._csvtable import ISO3, ISO3_HELP, Column, Layout, parse_table, read_table

#: The release this layout is for.
RELEASE: Final[str] = "IMF World Economic Outlook, April 2025 vintage, NGDPD (current US$ bn)"
LAYOUT: Final[Layout] = Layout(
    name="IMF WEO GDP (iso3, year, gdp_usd_bn)",
    columns=(
        Column("iso3", "str", pattern=ISO3, expect=ISO3_HELP),
        Column("year", "int", low=1800, high=2200),
        Column("gdp_usd_bn", "float", missing_ok=True, low=0.0),
        Column("source", "str", required=False, missing_ok=True),
    ),
    key=("iso3", "year"),
)


def read_weo(path: str | os.PathLike[str]) -> pd.DataFrame:
    """Read an IMF WEO GDP file into a tidy frame.

    Parameters
    ----------
    path : str or path-like
        The CSV file, e.g. ``gdp_imf_weo_1990_2020.csv``.

    Returns
    -------
    pandas.DataFrame
        Columns ``iso3, year, gdp_usd_bn`` (``NaN`` = not published), ``source``, ``line``.

    Raises
    ------
    InputError
        With every located problem.
    """
    return read_table(path, LAYOUT)


def parse_weo(data: bytes | str, *, source: str = "<input>") -> pd.DataFrame:
    """Parse IMF WEO GDP CSV content; see :func:`read_weo`."""
    return parse_table(data, LAYOUT, source=source)


__all__ = ["LAYOUT", "RELEASE", "parse_weo", "read_weo"]
