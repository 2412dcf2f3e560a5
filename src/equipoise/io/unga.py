"""Reader for UN General Assembly ideal points (Bailey, Strezhnev & Voeten), July 2025 layout.

The July 2025 release of the ideal-point data (the first estimated by calendar year; Voeten's
codebook of 2025-07-28, Harvard Dataverse doi:10.7910/DVN/LEJUQZ) has one row per member
state and year with the columns ``iso3c, ccode, countryname, year, idealpointfp, q5fp, q95fp,
nvotesfp, idealpointall, q5all, q95all, nvotesall``: the ideal point estimated from
final-passage votes (``fp``) and from all votes (``all``) with their 5 % and 95 % posterior
quantiles and the number of votes. Higher values are closer to the US-led voting bloc. Some
historical states have no ISO code (an empty ``iso3c``); rows are identified by ``ccode`` and
``year``. Ideal points are unitless and the scale may shift from year to year, so compare
states within one year (distances), and within one release.

References
----------
Bailey, M. A., Strezhnev, A., & Voeten, E. (2017). Estimating dynamic state preferences from
United Nations voting data. *Journal of Conflict Resolution*, 61(2), 430–456.
doi:10.1177/0022002715595700
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Final

import numpy as np
import pandas as pd

from equipoise.io._csvtable import ISO3, ISO3_HELP, Column, Layout, parse_table, read_table

#: The release this layout is for (cite it beside numbers taken from the file).
RELEASE: Final[str] = (
    "UNGA ideal points, Bailey, Strezhnev & Voeten, July 2025 release (doi:10.7910/DVN/LEJUQZ)"
)
_OPT = {"missing_ok": True}
LAYOUT: Final[Layout] = Layout(
    name="UNGA ideal points (Bailey, Strezhnev & Voeten, July 2025 release)",
    columns=(
        Column("iso3", "str", aliases=("iso3c",), pattern=ISO3, expect=ISO3_HELP, missing_ok=True),
        Column("ccode", "int", low=0),
        Column("countryname", "str", missing_ok=True, required=False),
        Column("year", "int", low=1945, high=2200),
        Column("idealpointfp", "float", missing_ok=True),
        Column("q5fp", "float", required=False, missing_ok=True),
        Column("q95fp", "float", required=False, missing_ok=True),
        Column("nvotesfp", "float", required=False, missing_ok=True, low=0),
        Column("idealpointall", "float", required=False, missing_ok=True),
        Column("q5all", "float", required=False, missing_ok=True),
        Column("q95all", "float", required=False, missing_ok=True),
        Column("nvotesall", "float", required=False, missing_ok=True, low=0),
    ),
    key=("ccode", "year"),
)
#: The ideal-point columns a caller may choose.
IDEAL_POINT_COLUMNS: Final[tuple[str, ...]] = ("idealpointfp", "idealpointall")


def read_unga(path: str | os.PathLike[str]) -> pd.DataFrame:
    """Read a UNGA ideal-point file (July 2025 layout) into a tidy frame.

    Parameters
    ----------
    path : str or path-like
        The CSV file, e.g. ``unga_idealpoints_bsv2025_1946_2020.csv``.

    Returns
    -------
    pandas.DataFrame
        One row per state-year in file order: ``iso3`` (``""`` where the file has none),
        ``ccode``, ``countryname``, ``year``, the ideal points, quantiles and vote counts
        (``NaN`` where missing) and ``line`` (the row's line in the file).

    Raises
    ------
    InputError
        With every located problem (``file:line:column: column: what is expected``).
    """
    return read_table(path, LAYOUT)


def parse_unga(data: bytes | str, *, source: str = "<input>") -> pd.DataFrame:
    """Parse UNGA ideal-point CSV content; see :func:`read_unga`."""
    return parse_table(data, LAYOUT, source=source)


def ideal_point_panel(
    table: pd.DataFrame,
    *,
    actors: Sequence[str],
    years: Sequence[int],
    column: str = "idealpointfp",
) -> pd.DataFrame:
    """Return the ideal points of ``actors`` in ``years`` as a (year × actor) frame.

    Parameters
    ----------
    table : pandas.DataFrame
        A frame from :func:`read_unga`.
    actors : sequence of str
        ISO3 codes; an actor without a row that year is ``NaN`` (missing, not zero).
    years : sequence of int
        The years (rows of the result).
    column : {"idealpointfp", "idealpointall"}
        Which estimate.

    Returns
    -------
    pandas.DataFrame
        Index ``years``, columns ``actors``.
    """
    if column not in IDEAL_POINT_COLUMNS:
        raise ValueError(f"column must be one of {IDEAL_POINT_COLUMNS}, got {column!r}")
    rows = table.loc[table["iso3"].isin(list(actors)) & table["year"].isin(list(years))]
    wide = rows.pivot_table(index="year", columns="iso3", values=column, aggfunc="first")
    return wide.reindex(index=list(years), columns=list(actors)).astype(np.float64)


def dyad_distances(panel: pd.DataFrame) -> pd.DataFrame:
    """Return ``|x_a - x_b|`` for every unordered pair of a (year × actor) panel, tidy.

    Parameters
    ----------
    panel : pandas.DataFrame
        From :func:`ideal_point_panel`.

    Returns
    -------
    pandas.DataFrame
        Columns ``year, a, b, distance`` with ``a`` before ``b`` in the panel's actor order;
        ``NaN`` where either ideal point is missing.
    """
    actors = list(panel.columns)
    x = panel.to_numpy(dtype=np.float64)
    ia, ib = np.triu_indices(len(actors), k=1)
    d = np.abs(x[:, ia] - x[:, ib])
    years = np.repeat(panel.index.to_numpy(), ia.size)
    return pd.DataFrame(
        {
            "year": years.astype(np.int64),
            "a": np.tile(np.array(actors, dtype=object)[ia], len(panel)),
            "b": np.tile(np.array(actors, dtype=object)[ib], len(panel)),
            "distance": d.reshape(-1),
        }
    )


__all__ = [
    "IDEAL_POINT_COLUMNS",
    "LAYOUT",
    "RELEASE",
    "dyad_distances",
    "ideal_point_panel",
    "parse_unga",
    "read_unga",
]
