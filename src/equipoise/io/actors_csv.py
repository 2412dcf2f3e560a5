"""Read the actor table that users of bargaining models keep: one row per actor.

Columns ``actor, capability, position, salience`` (headers case-insensitive, in any order;
other columns are ignored with a note). Lines starting with ``#`` are comments. Salience is
on 0-1 or 0-100: inferred from the largest value (and stated), or set by the caller. The
position scale is given by the caller (``(4, 10)``) or taken from the data (and stated).

Every problem is collected and raised at once as an :class:`~equipoise.errors.InputError`
whose :class:`~equipoise.errors.Problem` entries carry the file, the 1-based line and
column, and the column name as ``path``.
"""

from __future__ import annotations

import csv
import io
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import numpy as np
import numpy.typing as npt

from equipoise.errors import InputError, Problem

REQUIRED = ("actor", "capability", "position", "salience")

#: The largest magnitude of a capability or a position (a documented limit, docs/cli-bargain
#: section of docs/models/bargaining.md). Any real scale is far below it (world GDP in US
#: dollars is about 1e14), and sums of capability x salience x position over a million actors
#: stay far from float64's 1.8e308, so that every model's forecast is a finite number: at
#: 1e308 the compromise model's weighted mean overflowed and printed ``"forecast": null``.
MAX_MAGNITUDE = 1e100

SalienceScale = Literal["auto", "unit", "percent"]


@dataclass(frozen=True, slots=True)
class ActorTable:
    """A validated actor table.

    Attributes
    ----------
    names : list of str
        Actor names, in file order.
    capability, position : ndarray, shape (n,)
        As read.
    salience : ndarray, shape (n,)
        On 0-1 (divided by 100 when the file is on 0-100).
    scale : (float, float)
        The ends of the position scale (given, or the data's minimum and maximum).
    salience_scale : {"unit", "percent"}
        The scale the file's salience was read on.
    source : str
        The file as the user named it.
    notes : list of str
        What was inferred or ignored, to tell the user (salience scale, position scale,
        ignored columns).
    """

    names: list[str]
    capability: npt.NDArray[np.float64]
    position: npt.NDArray[np.float64]
    salience: npt.NDArray[np.float64]
    scale: tuple[float, float]
    salience_scale: Literal["unit", "percent"]
    source: str
    notes: list[str] = field(default_factory=list)


def _decode(raw: bytes, source: str) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        raise InputError(
            Problem(
                f"the file is not UTF-8 text (byte 0x{raw[exc.start]:02x} cannot be decoded); "
                "save it as UTF-8 (CSV UTF-8) and try again",
                file=source,
                line=line,
                column=column,
            )
        ) from None


def _number(text: str) -> float | None:
    try:
        value = float(text.strip())
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def read_actors_csv(
    path: str | Path,
    *,
    scale: tuple[float, float] | None = None,
    salience_scale: SalienceScale = "auto",
    text: str | bytes | None = None,
) -> ActorTable:
    """Read and validate an actor table.

    Parameters
    ----------
    path : str or Path
        The CSV file (also the name used in messages when ``text`` is given).
    scale : (float, float), optional
        The position scale; positions outside it are errors. Default: the data's range.
    salience_scale : {"auto", "unit", "percent"}
        ``"unit"`` for 0-1, ``"percent"`` for 0-100, ``"auto"`` to infer: 0-100 when any
        salience exceeds 1, else 0-1.
    text : str or bytes, optional
        The file's content, if already read (tests, stdin).

    Returns
    -------
    ActorTable

    Raises
    ------
    InputError
        With every problem found: an unreadable or empty file, a file that is not UTF-8,
        a missing or repeated column, an empty or repeated actor name, a value that is not a
        finite number, a negative capability, a salience out of range, a position outside
        the scale, fewer than two actors.
    """
    source = str(path)
    if text is None:
        try:
            raw = Path(path).read_bytes()
        except OSError as exc:
            raise InputError(
                Problem(f"cannot read the file: {exc.strerror}", file=source)
            ) from None
    else:
        raw = text.encode("utf-8") if isinstance(text, str) else text
    content = _decode(raw, source)

    # (line number, fields) for every non-blank, non-comment row
    rows: list[tuple[int, list[str]]] = []
    reader = csv.reader(io.StringIO(content, newline=""))
    try:
        for fields in reader:
            line = reader.line_num
            if not fields or all(not f.strip() for f in fields):
                continue
            if fields[0].lstrip().startswith("#"):
                continue
            rows.append((line, fields))
    except csv.Error as exc:
        raise InputError(
            Problem(f"not a readable CSV file: {exc}", file=source, line=reader.line_num)
        ) from None
    if not rows:
        raise InputError(
            Problem(
                "the file is empty: expected a header row with the columns "
                + ", ".join(REQUIRED)
                + " and one row per actor",
                file=source,
                line=1,
            )
        )

    header_line, header = rows[0]
    problems: list[Problem] = []
    where: dict[str, int] = {}
    extra: list[str] = []
    for idx, name in enumerate(header):
        key = name.strip().lower()
        if key in REQUIRED:
            if key in where:
                problems.append(
                    Problem(
                        f"column '{key}' appears twice (columns {where[key] + 1} and {idx + 1})",
                        file=source,
                        line=header_line,
                        column=idx + 1,
                        path=key,
                    )
                )
            else:
                where[key] = idx
        elif name.strip():
            extra.append(name.strip())
    missing = [k for k in REQUIRED if k not in where]
    if missing:
        problems.append(
            Problem(
                f"missing column{'s' if len(missing) > 1 else ''} {', '.join(missing)} "
                f"(found: {', '.join(h.strip() for h in header) or 'nothing'}); "
                "the header must name actor, capability, position and salience",
                file=source,
                line=header_line,
                path=",".join(missing),
            )
        )
        raise InputError(problems)

    names: list[str] = []
    cap: list[float] = []
    pos: list[float] = []
    sal: list[float] = []
    sal_where: list[tuple[int, int]] = []
    pos_where: list[tuple[int, int]] = []
    seen: dict[str, int] = {}
    for line, fields in rows[1:]:

        def cell(key: str, fields: list[str] = fields) -> str:
            idx = where[key]
            return fields[idx] if idx < len(fields) else ""

        ok = True
        name = cell("actor").strip()
        if not name:
            problems.append(
                Problem(
                    "the actor name is empty",
                    file=source,
                    line=line,
                    column=where["actor"] + 1,
                    path="actor",
                )
            )
            ok = False
        elif name in seen:
            problems.append(
                Problem(
                    f"actor '{name}' appears twice (first on line {seen[name]})",
                    file=source,
                    line=line,
                    column=where["actor"] + 1,
                    path="actor",
                )
            )
            ok = False
        else:
            seen[name] = line
        values: dict[str, float] = {}
        for key in ("capability", "position", "salience"):
            raw_value = cell(key)
            value = _number(raw_value)
            if value is None:
                shown = raw_value.strip()
                problems.append(
                    Problem(
                        f"expected a finite number, got {shown!r}"
                        if shown
                        else "the value is empty",
                        file=source,
                        line=line,
                        column=where[key] + 1,
                        path=key,
                    )
                )
                ok = False
            else:
                values[key] = value
        for key in ("capability", "position"):
            if key in values and abs(values[key]) > MAX_MAGNITUDE:
                problems.append(
                    Problem(
                        f"{key} must be at most {MAX_MAGNITUDE:g} in magnitude (the limit of "
                        f"a value in an actor table), got {values[key]:g}",
                        file=source,
                        line=line,
                        column=where[key] + 1,
                        path=key,
                    )
                )
                ok = False
        if "capability" in values and values["capability"] < 0:
            problems.append(
                Problem(
                    f"capability must be 0 or more, got {values['capability']:g}",
                    file=source,
                    line=line,
                    column=where["capability"] + 1,
                    path="capability",
                )
            )
            ok = False
        if "salience" in values and not 0 <= values["salience"] <= 100:
            problems.append(
                Problem(
                    f"salience must lie in 0-1 or 0-100, got {values['salience']:g}",
                    file=source,
                    line=line,
                    column=where["salience"] + 1,
                    path="salience",
                )
            )
            ok = False
        if ok:
            names.append(name)
            cap.append(values["capability"])
            pos.append(values["position"])
            sal.append(values["salience"])
            sal_where.append((line, where["salience"] + 1))
            pos_where.append((line, where["position"] + 1))

    n_rows = len(rows) - 1
    if n_rows < 2:
        problems.append(
            Problem(
                f"need at least two actors, found {n_rows}",
                file=source,
                line=rows[-1][0],
            )
        )

    # salience scale
    sal_arr = np.asarray(sal, dtype=np.float64)
    notes: list[str] = []
    if extra:
        notes.append(f"ignored column{'s' if len(extra) > 1 else ''}: {', '.join(extra)}")
    chosen: Literal["unit", "percent"]
    if salience_scale == "auto":
        chosen = "percent" if sal_arr.size and float(sal_arr.max()) > 1.0 else "unit"
        top = float(sal_arr.max()) if sal_arr.size else 0.0
        notes.append(
            f"salience read on 0-100 (largest value {top:g} > 1)"
            if chosen == "percent"
            else "salience read on 0-1 (no value above 1; use --salience-scale percent "
            "if it is on 0-100)"
        )
    else:
        chosen = salience_scale
        notes.append(f"salience read on {'0-100' if chosen == 'percent' else '0-1'} (as set)")
    if chosen == "unit":
        for value, (line, column) in zip(sal, sal_where, strict=True):
            if value > 1:
                problems.append(
                    Problem(
                        f"salience must lie in 0-1 (salience scale 0-1 was set), got {value:g}",
                        file=source,
                        line=line,
                        column=column,
                        path="salience",
                    )
                )

    # position scale
    pos_arr = np.asarray(pos, dtype=np.float64)
    if scale is not None:
        lo, hi = float(scale[0]), float(scale[1])
        if not hi > lo:
            problems.append(
                Problem(
                    f"the scale must be LOW,HIGH with HIGH > LOW, got {lo:g},{hi:g}", file=source
                )
            )
        else:
            for value, (line, column) in zip(pos, pos_where, strict=True):
                if not lo <= value <= hi:
                    problems.append(
                        Problem(
                            f"position {value:g} lies outside the scale {lo:g}-{hi:g}",
                            file=source,
                            line=line,
                            column=column,
                            path="position",
                        )
                    )
            notes.append(f"position scale {lo:g}-{hi:g} (as set)")
    elif pos_arr.size:
        lo, hi = float(pos_arr.min()), float(pos_arr.max())
        notes.append(
            f"position scale {lo:g}-{hi:g} taken from the data (set it with --scale LOW,HIGH)"
        )
    else:
        lo, hi = 0.0, 1.0

    cap_arr = np.asarray(cap, dtype=np.float64)
    if not problems and float((cap_arr * sal_arr).sum()) <= 0:
        problems.append(
            Problem(
                "every actor has capability or salience 0: there is nothing to weigh",
                file=source,
                line=rows[1][0],
            )
        )
    InputError.collect(problems)
    return ActorTable(
        names=names,
        capability=cap_arr,
        position=pos_arr,
        salience=sal_arr / (100.0 if chosen == "percent" else 1.0),
        scale=(lo, hi),
        salience_scale=chosen,
        source=source,
        notes=notes,
    )


__all__ = ["MAX_MAGNITUDE", "REQUIRED", "ActorTable", "SalienceScale", "read_actors_csv"]
