"""Reader for formal-alliance dyad-years (ATOP and COW Formal Alliances), as in ``alliances.csv``.

The layout is one row per data set, year and dyad: ``dataset, year, iso3_a, iso3_b`` and the
0/1 obligations ``defense, offense, neutral, nonagg, consul_or_entente`` (optionally ``ccode_a,
ccode_b, source``). ATOP 5.1 codes defence, offence, neutrality, non-aggression and
consultation; COW v4.1 codes defence, neutrality, non-aggression and entente (its ``offense``
is empty: COW does not code it).

References
----------
Leeds, B. A., Ritter, J. M., Mitchell, S. M., & Long, A. G. (2002). Alliance Treaty Obligations
and Provisions, 1815–1944. *International Interactions*, 28(3), 237–260.
doi:10.1080/03050620213653 (ATOP v5.1).
Gibler, D. M. (2009). *International Military Alliances, 1648–2008*. CQ Press (COW Formal
Alliances v4.1).
"""

from __future__ import annotations

import os
from typing import Final

import pandas as pd

from equipoise.io._csvtable import ISO3, ISO3_HELP, Column, Layout, parse_table, read_table

RELEASE: Final[str] = "ATOP 5.1 / COW Formal Alliances v4.1 dyad-years"
OBLIGATIONS: Final[tuple[str, ...]] = (
    "defense",
    "offense",
    "neutral",
    "nonagg",
    "consul_or_entente",
)
_FLAG = "0 or 1, or an empty cell where the data set does not code it"
LAYOUT: Final[Layout] = Layout(
    name="alliance dyad-years (dataset, year, iso3_a, iso3_b, defense, ...)",
    columns=(
        Column("dataset", "str"),
        Column("year", "int", low=1800, high=2200),
        Column("iso3_a", "str", pattern=ISO3, expect=ISO3_HELP),
        Column("iso3_b", "str", pattern=ISO3, expect=ISO3_HELP),
        Column("ccode_a", "int", required=False, missing_ok=True, low=0),
        Column("ccode_b", "int", required=False, missing_ok=True, low=0),
        *(
            Column(name, "int", missing_ok=True, low=0, high=1, expect=_FLAG)
            for name in OBLIGATIONS
        ),
        Column("source", "str", required=False, missing_ok=True),
    ),
    key=("dataset", "year", "iso3_a", "iso3_b"),
)


def read_alliances(path: str | os.PathLike[str]) -> pd.DataFrame:
    """Read an alliance dyad-year file into a tidy frame.

    Parameters
    ----------
    path : str or path-like
        The CSV file, e.g. ``alliances.csv``.

    Returns
    -------
    pandas.DataFrame
        The layout's columns (obligations as floats, ``NaN`` where not coded) and ``line``.

    Raises
    ------
    InputError
        With every located problem.
    """
    return read_table(path, LAYOUT)


def parse_alliances(data: bytes | str, *, source: str = "<input>") -> pd.DataFrame:
    """Parse alliance CSV content; see :func:`read_alliances`."""
    return parse_table(data, LAYOUT, source=source)


def latest_alliances(table: pd.DataFrame, *, up_to: int) -> pd.DataFrame:
    """Return, for each data set, its dyads in the latest year at or before ``up_to``.

    Parameters
    ----------
    table : pandas.DataFrame
        A frame from :func:`read_alliances`.
    up_to : int
        The last year that may be used.

    Returns
    -------
    pandas.DataFrame
        The rows of each data set's latest year ``<= up_to`` (empty if none).
    """
    rows = table.loc[table["year"] <= up_to]
    if rows.empty:
        return rows.reset_index(drop=True)
    last = rows.groupby("dataset")["year"].transform("max")
    return rows.loc[rows["year"] == last].reset_index(drop=True)


__all__ = [
    "LAYOUT",
    "OBLIGATIONS",
    "RELEASE",
    "latest_alliances",
    "parse_alliances",
    "read_alliances",
]
