"""Read the observed values of one observable from a data folder (an edge of the observation layer).

The forecast and hindcast plans need only the file of their observable; :func:`read_observed`
reads it with its reader (located errors for a bad file), turns it into the observable's tidy
frame (:mod:`equipoise.observation.observables`) and returns the file's SHA-256, which the
plans record so that a resumed run on other data is refused.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final

import pandas as pd

from equipoise.errors import InputError, Problem

#: The file of each observable (the layout of ``shared/data``; see ``docs/models/observation.md``).
OBSERVABLE_FILES: Final[dict[str, str]] = {
    "unga_distance": "unga_idealpoints_bsv2025_1946_2020.csv",
    "gdp_share": "gdp_imf_weo_1990_2020.csv",
    "milex_share": "milex_sipri_1990_2020.csv",
    "trade_dependence": "trade_imf_dots_2010_2020.csv",
}


@dataclass(frozen=True, slots=True, eq=False)
class Observed:
    """The observed values of an observable, and where they come from.

    Attributes
    ----------
    observable : str
        The observable's name.
    frame : pandas.DataFrame
        Columns ``year, a, b, value`` (every year of the file).
    file : str
        The file read.
    digest : str
        The first 16 hex digits of its SHA-256.
    """

    observable: str
    frame: pd.DataFrame
    file: str
    digest: str


def file_digest(path: str | os.PathLike[str]) -> str:
    """Return the first 16 hex digits of a file's SHA-256."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()[:16]


def observable_file(folder: str | os.PathLike[str], observable: str) -> Path:
    """Return the path of ``observable``'s file in ``folder`` (located error if absent)."""
    if observable not in OBSERVABLE_FILES:
        known = ", ".join(OBSERVABLE_FILES)
        raise InputError(
            Problem(
                f"unknown observable {observable!r}; expected one of {known}", path="observable"
            )
        )
    root = Path(folder)
    if not root.is_dir():
        raise InputError(
            Problem("not a folder; expected the data folder", file=str(root), path="--data")
        )
    path = root / OBSERVABLE_FILES[observable]
    if not path.is_file():
        raise InputError(
            Problem(
                f"{observable} needs {OBSERVABLE_FILES[observable]}, which is not in this folder",
                file=str(root),
                path="--data",
            )
        )
    return path


def read_observed(
    folder: str | os.PathLike[str], observable: str, *, actors: Sequence[str]
) -> Observed:
    """Read ``observable`` for ``actors`` from the data folder.

    Parameters
    ----------
    folder : str or path-like
        A folder laid out like ``shared/data``.
    observable : str
        ``unga_distance``, ``gdp_share``, ``milex_share`` or ``trade_dependence``.
    actors : sequence of str
        ISO3 codes (shares are over those with a value each year; dyads among them).

    Returns
    -------
    Observed

    Raises
    ------
    InputError
        For an unknown observable, a missing folder or file, or a bad file (every problem
        located as ``file:line:column``).
    """
    from equipoise.observation.observables import (
        observed_share,
        observed_trade_dependence,
        observed_unga_distance,
    )

    path = observable_file(folder, observable)
    if observable == "unga_distance":
        from equipoise.io.unga import read_unga

        frame = observed_unga_distance(read_unga(path), actors=actors)
    elif observable == "gdp_share":
        from equipoise.io.weo import read_weo

        frame = observed_share(read_weo(path), column="gdp_usd_bn", actors=actors)
    elif observable == "milex_share":
        from equipoise.io.sipri import read_sipri

        frame = observed_share(read_sipri(path), column="milex_current_usd_m", actors=actors)
    else:
        from equipoise.io.dots import read_dots

        frame = observed_trade_dependence(read_dots(path), actors=actors)
    return Observed(observable, frame, str(path), file_digest(path))


__all__ = ["OBSERVABLE_FILES", "Observed", "file_digest", "observable_file", "read_observed"]
