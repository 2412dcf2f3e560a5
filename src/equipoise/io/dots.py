r"""Reader for IMF Direction of Trade Statistics (DOTS) bilateral exports.

The layout is one row per reporter, partner and year: ``reporter, partner, year,
exports_fob_usd_m`` (exports FOB to the partner, US$ millions) and optionally ``file``,
``file_sha256_16`` and ``source``. The partner ``WLD`` is the world total. An empty value
means no figure (missing, never zero).

The file has each reporter's exports to every partner and to the world, but not its total
imports, so the share of :math:`a`'s trade that is with :math:`b` is measured on the export
side (:func:`trade_dependence`):

.. math:: D_{ab} = \frac{X_{a\to b}}{X_{a\to W}}

the share of :math:`a`'s exports that go to :math:`b`, both as reported by :math:`a`.

References
----------
International Monetary Fund. Direction of Trade Statistics (DOTS). https://data.imf.org
"""

from __future__ import annotations

import os
from typing import Final

import numpy as np
import pandas as pd

from equipoise.io._csvtable import Column, Layout, parse_table, read_table

#: The release this layout is for.
RELEASE: Final[str] = (
    "IMF Direction of Trade Statistics, exports FOB, US$ m (downloads c. May 2022)"
)
WORLD: Final[str] = "WLD"
_CODE = r"[A-Z][A-Z0-9]{2}"
_CODE_HELP = "a three-letter ISO 3166-1 alpha-3 code (or WLD for the world)"
LAYOUT: Final[Layout] = Layout(
    name="IMF DOTS exports (reporter, partner, year, exports_fob_usd_m)",
    columns=(
        Column("reporter", "str", pattern=_CODE, expect=_CODE_HELP),
        Column("partner", "str", pattern=_CODE, expect=_CODE_HELP),
        Column("year", "int", low=1800, high=2200),
        Column("exports_fob_usd_m", "float", missing_ok=True, low=0.0),
        Column("file", "str", required=False, missing_ok=True),
        Column("file_sha256_16", "str", required=False, missing_ok=True),
        Column("source", "str", required=False, missing_ok=True),
    ),
    key=("reporter", "partner", "year"),
)


def read_dots(path: str | os.PathLike[str]) -> pd.DataFrame:
    """Read an IMF DOTS exports file into a tidy frame.

    Parameters
    ----------
    path : str or path-like
        The CSV file, e.g. ``trade_imf_dots_2010_2020.csv``.

    Returns
    -------
    pandas.DataFrame
        Columns ``reporter, partner, year, exports_fob_usd_m`` (``NaN`` = no figure),
        ``file, file_sha256_16, source, line``.

    Raises
    ------
    InputError
        With every located problem.
    """
    return read_table(path, LAYOUT)


def parse_dots(data: bytes | str, *, source: str = "<input>") -> pd.DataFrame:
    """Parse IMF DOTS CSV content; see :func:`read_dots`."""
    return parse_table(data, LAYOUT, source=source)


def trade_dependence(table: pd.DataFrame) -> pd.DataFrame:
    r"""Return the share of each reporter's exports that go to each partner, per year.

    Parameters
    ----------
    table : pandas.DataFrame
        A frame from :func:`read_dots`.

    Returns
    -------
    pandas.DataFrame
        Columns ``year, a, b, exports_ab, exports_a, dependence, line``: one row per reporter
        ``a``, partner ``b`` (not the world) and year where both :math:`X_{a\to b}` and a
        positive :math:`X_{a\to W}` are known; ``line`` is the line of the :math:`X_{a\to b}`
        row in the file.

    Notes
    -----
    :math:`D_{ab} = X_{a\to b} / X_{a\to W}` (exports FOB, US$, as reported by :math:`a`).
    Imports are not in the file, so this is the export-side trade share; it is between 0 and 1
    up to the reporter's own rounding (the partner rows need not sum to the world's).
    """
    flows = table.loc[
        table["partner"] != WORLD, ["reporter", "partner", "year", "exports_fob_usd_m", "line"]
    ]
    world = table.loc[table["partner"] == WORLD, ["reporter", "year", "exports_fob_usd_m"]]
    merged = flows.merge(
        world.rename(columns={"exports_fob_usd_m": "exports_a"}),
        on=["reporter", "year"],
        how="inner",
    )
    merged = merged.rename(
        columns={"reporter": "a", "partner": "b", "exports_fob_usd_m": "exports_ab"}
    )
    ok = np.isfinite(merged["exports_ab"]) & (merged["exports_a"] > 0)
    merged = merged.loc[ok].reset_index(drop=True)
    merged["dependence"] = merged["exports_ab"] / merged["exports_a"]
    columns = ["year", "a", "b", "exports_ab", "exports_a", "dependence", "line"]
    return pd.DataFrame(merged[columns])


__all__ = ["LAYOUT", "RELEASE", "WORLD", "parse_dots", "read_dots", "trade_dependence"]
