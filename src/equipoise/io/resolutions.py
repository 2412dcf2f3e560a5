"""Read a resolutions file: how claims turned out (evidence the user adds).

A resolutions file is TOML with one ``[[resolutions]]`` table per resolved claim::

    [[resolutions]]
    claim = "russia-china-above-partnership"   # a claim id of the scenario
    outcome = true                             # true: it happened; false: it did not
    date = 2024-05-16                          # when it was resolved (a TOML date)
    source = "Joint statement of 16 May 2024"  # what shows it
    note = ""                                  # optional

Every problem is reported at once, located as ``file:line:column`` with the field path: a
syntax error, an unknown key, a missing or mistyped field, a claim id the scenario does not
have (with "did you mean"), a claim resolved twice (naming the line of the first).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from equipoise.errors import InputError, Problem, closest, format_path

#: The keys of a resolution (``note`` is optional).
RESOLUTION_KEYS: tuple[str, ...] = ("claim", "outcome", "date", "source", "note")


@dataclass(frozen=True, slots=True)
class Resolution:
    """How one claim turned out.

    Attributes
    ----------
    claim : str
        The claim's id.
    outcome : bool
        Whether what the claim says happened.
    date : datetime.date
        When it was resolved.
    source : str
        What shows it.
    note : str
        Anything else.
    line : int or None
        The line of its table in the file.
    """

    claim: str
    outcome: bool
    date: dt.date
    source: str
    note: str = ""
    line: int | None = None


def loads_resolutions(
    text: str, *, file: str = "<resolutions>", claims: Iterable[str] | None = None
) -> tuple[Resolution, ...]:
    """Parse a resolutions document (see the module's docstring).

    Parameters
    ----------
    text : str
        The TOML text.
    file : str
        The file's name in messages.
    claims : iterable of str, optional
        The scenario's claim ids; a resolution of another id is an error.

    Returns
    -------
    tuple of Resolution

    Raises
    ------
    InputError
        With every problem located.
    """
    from equipoise.scenario.loading import parse_text
    from equipoise.scenario.locate import nearest

    source = parse_text(text, file)
    data = source.data
    problems: list[Problem] = []

    def where(path: tuple[str | int, ...], message: str) -> Problem:
        spot = source.where.get(path) or nearest(source.where, path)
        line, column = spot if spot is not None else (1, None)
        return Problem(message, file=file, line=line, column=column, path=format_path(path))

    for key in data:
        if key != "resolutions":
            problems.append(where((key,), "unknown section; expected [[resolutions]] tables"))
    entries = data.get("resolutions", [])
    if not isinstance(entries, list) or not entries:
        problems.append(where(("resolutions",), "expected at least one [[resolutions]] table"))
        raise InputError(problems)
    known = None if claims is None else list(claims)
    out: list[Resolution] = []
    first_line: dict[str, int | None] = {}
    for i, entry in enumerate(entries):
        base: tuple[str | int, ...] = ("resolutions", i)
        if not isinstance(entry, dict):
            problems.append(where(base, "expected a table with claim, outcome, date, source"))
            continue
        bad = len(problems)
        for key in entry:
            if key not in RESOLUTION_KEYS:
                hint = closest(str(key), RESOLUTION_KEYS)
                problems.append(
                    where(
                        (*base, key),
                        f"unknown key{f'; did you mean {hint!r}?' if hint else ''} (expected "
                        f"{', '.join(RESOLUTION_KEYS)})",
                    )
                )
        for key in ("claim", "outcome", "date", "source"):
            if key not in entry:
                problems.append(where(base, f"missing {key!r}"))
        claim, outcome, date = entry.get("claim"), entry.get("outcome"), entry.get("date")
        if "claim" in entry and (not isinstance(claim, str) or not claim.strip()):
            problems.append(where((*base, "claim"), "must be a claim id (a string)"))
        elif isinstance(claim, str) and known is not None and claim not in known:
            hint = closest(claim, known)
            problems.append(
                where(
                    (*base, "claim"),
                    f"the scenario has no claim {claim!r}"
                    f"{f'; did you mean {hint!r}?' if hint else ''}",
                )
            )
        if "outcome" in entry and not isinstance(outcome, bool):
            problems.append(where((*base, "outcome"), f"must be true or false, got {outcome!r}"))
        if "date" in entry and (not isinstance(date, dt.date) or isinstance(date, dt.datetime)):
            problems.append(
                where((*base, "date"), f"must be a date such as 2024-05-16, got {date!r}")
            )
        for key in ("source", "note"):
            if key in entry and not isinstance(entry[key], str):
                problems.append(where((*base, key), "must be a string"))
        if "source" in entry and isinstance(entry["source"], str) and not entry["source"].strip():
            problems.append(where((*base, "source"), "must say what shows the outcome"))
        line = (source.where.get(base) or (None, None))[0]
        if isinstance(claim, str) and claim in first_line:
            problems.append(
                where(
                    (*base, "claim"),
                    f"claim {claim!r} is resolved twice (first at line {first_line[claim]})",
                )
            )
        elif isinstance(claim, str):
            first_line[claim] = line
        if len(problems) == bad:
            assert isinstance(claim, str) and isinstance(outcome, bool)
            assert isinstance(date, dt.date)
            out.append(
                Resolution(
                    claim=claim,
                    outcome=outcome,
                    date=date,
                    source=str(entry["source"]),
                    note=str(entry.get("note", "")),
                    line=line,
                )
            )
    if problems:
        raise InputError(problems)
    return tuple(out)


def read_resolutions(
    path: str | Path, *, claims: Iterable[str] | None = None
) -> tuple[Resolution, ...]:
    """Read a resolutions file (see :func:`loads_resolutions`)."""
    from equipoise.scenario.loading import decode_text, read_bytes_limited

    p = Path(path)
    if not p.is_file():
        raise InputError(Problem("no such file", file=str(path), path="--resolutions"))
    text = decode_text(read_bytes_limited(p, file=str(path)), str(path))
    return loads_resolutions(text, file=str(path), claims=claims)


__all__ = ["RESOLUTION_KEYS", "Resolution", "loads_resolutions", "read_resolutions"]
