r"""Build a scenario from public data: ``equipoise build --actors ... --year Y --data DIR``.

:func:`load_history` reads the data sets of a folder laid out like ``shared/data`` (each file
through its reader in :mod:`equipoise.io`, with located errors; a file that is absent is noted,
not guessed). :func:`build_scenario` turns them into a valid :class:`Scenario` for any list of
states found in the data, using **only rows with** ``year <= Y`` (and refusing ``Y > 2020``,
where the data end):

* **indicators** — the six NMC v6.0 components (CINC, the scenario's power index) in the
  latest NMC year :math:`t_N \le \min(Y, 2016)` and five years before (NMC v6.0 ends in 2016);
  GDP (IMF WEO, current US$ bn) and military expenditure (SIPRI, current US$ m, indicator
  ``milex_sipri``) in :math:`Y` and :math:`Y - 5`; the UNGA ideal point (``idealpointfp``) in
  :math:`Y`. Each actor's value names its file and line in the indicator's ``sources``.
* **trends** — compound annual growth (``method = "cagr"``) between the two years of each
  indicator, so levels are moved from :math:`t_N` to :math:`Y` by the 5-year trend.
* **relations** — the written rule (``docs/models/observation.md``, "Scenarios from data"):

  .. math::

     w_{ab} = \operatorname{clip}\big(\operatorname{clip}(0.30 - 0.10\,|x_a - x_b|,\,
     -0.20,\, 0.30) + \ell_{ab},\; -0.95,\; 0.95\big)

  with :math:`x` the ideal points (final-passage votes) in the latest year :math:`\le Y` in
  which both have one, and :math:`\ell = 0.60` for a defence pact (kind ``alliance``), 0.25
  for a consultation pact / entente only (kind ``entente``), 0 otherwise (kind ``neutral``),
  from the latest alliance data at or before :math:`Y` (ATOP 5.1 2018, else COW 4.1 2012). The
  base and increments are those of the bundled default scenario's rule (its §4), without the
  documented-judgement terms that no data set records.
* **ties** — the trade dependence of each reporter on each partner (IMF DOTS, exports to the
  partner / exports to the world) in the latest year :math:`\le Y`.

* **parameters** — the calibrated ones (:mod:`equipoise.observation.calibrated`, the fit of
  ``equipoise calibrate`` on the history up to 2020): each posterior median in ``[parameters]``
  with its source written beside it, and its 90 % interval as a triangular
  ``[[uncertainties]]`` entry (low = 5 %, mode = median, high = 95 %) that ensembles sample.
  ``calibrated=False`` (``equipoise build --uncalibrated``) leaves the documented defaults.
  The other parameters keep their documented defaults.

Missing data is said (in each entry's ``note`` and in :attr:`BuildResult.notes`), never zero.
"""

from __future__ import annotations

import hashlib
import itertools
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

import numpy as np
import pandas as pd

from equipoise.errors import InputError, Problem
from equipoise.scenario.schema import (
    MAX_GROWTH_RATE,
    Actor,
    Indicator,
    Metadata,
    Relation,
    Scenario,
    Tie,
    Trend,
    Uncertainty,
)

#: The last year of the data (later years are kept for judging forecasts).
LAST_DATA_YEAR: Final[int] = 2020
#: The first year a scenario can be built for (the first UNGA session).
FIRST_YEAR: Final[int] = 1946
#: Years between the two values a trend is computed from.
TREND_SPAN: Final[int] = 5
#: The files read from the data folder, by data set.
FILES: Final[dict[str, str]] = {
    "unga": "unga_idealpoints_bsv2025_1946_2020.csv",
    "nmc": "nmc_v6.0.csv",
    "weo": "gdp_imf_weo_1990_2020.csv",
    "sipri": "milex_sipri_1990_2020.csv",
    "dots": "trade_imf_dots_2010_2020.csv",
    "alliances": "alliances.csv",
}
#: Named groups accepted by ``--actors``. G20: its 19 member states (the EU is not a state).
GROUPS: Final[dict[str, tuple[str, ...]]] = {
    "G20": (
        "ARG", "AUS", "BRA", "CAN", "CHN", "DEU", "FRA", "GBR", "IDN", "IND",
        "ITA", "JPN", "KOR", "MEX", "RUS", "SAU", "TUR", "USA", "ZAF",
    ),
}  # fmt: skip
#: ``--actors UN``: every state with a UNGA ideal point in the build year.
UN_GROUP: Final[str] = "UN"
#: COW state codes of states that are not UN members (so not in the UNGA file's iso3 map).
#: Source: Correlates of War State System Membership v2016 (713 = Taiwan).
EXTRA_CCODES: Final[dict[int, str]] = {713: "TWN"}

# the relation rule (see the module docstring)
BASE_TOP, BASE_SLOPE, BASE_LOW = 0.30, 0.10, -0.20
ALLIANCE_LEVEL, ENTENTE_LEVEL = 0.60, 0.25
WEIGHT_LIMIT = 0.95

_NMC_UNITS = {
    "milex": "thousands of current US$",
    "milper": "thousands of personnel",
    "irst": "thousands of tons",
    "pec": "thousands of coal-ton equivalents",
    "tpop": "thousands",
    "upop": "thousands",
}


@dataclass(frozen=True, slots=True, eq=False)
class HistoryData:
    """The data sets of a folder, as tidy frames (``None``: the file is absent).

    Attributes
    ----------
    folder : str
        The folder the files were read from.
    frames : dict of str to pandas.DataFrame or None
        By data set (the keys of :data:`FILES`).
    digests : dict of str to str
        The first 16 hex digits of each file's SHA-256, by data set.
    """

    folder: str
    frames: Mapping[str, pd.DataFrame | None]
    digests: Mapping[str, str] = field(default_factory=dict)

    def frame(self, name: str) -> pd.DataFrame | None:
        """Return the frame of a data set, or ``None``."""
        return self.frames.get(name)


def load_history(folder: str | os.PathLike[str]) -> HistoryData:
    """Read the data sets of ``folder`` (file names as in :data:`FILES`).

    Parameters
    ----------
    folder : str or path-like
        A folder laid out like ``shared/data`` (a user's own copies of the same releases).

    Returns
    -------
    HistoryData

    Raises
    ------
    InputError
        If the folder does not exist or has none of the files, or a file has problems (every
        located problem of every file).
    """
    from equipoise.io.alliances import read_alliances
    from equipoise.io.dots import read_dots
    from equipoise.io.nmc import read_nmc_values
    from equipoise.io.sipri import read_sipri
    from equipoise.io.unga import read_unga
    from equipoise.io.weo import read_weo

    readers = {
        "unga": read_unga,
        "nmc": read_nmc_values,
        "weo": read_weo,
        "sipri": read_sipri,
        "dots": read_dots,
        "alliances": read_alliances,
    }
    root = Path(folder)
    if not root.is_dir():
        raise InputError(
            Problem("not a folder; expected the data folder", file=str(root), path="--data")
        )
    frames: dict[str, pd.DataFrame | None] = {}
    digests: dict[str, str] = {}
    problems: list[Problem] = []
    for name, file in FILES.items():
        path = root / file
        if not path.is_file():
            frames[name] = None
            continue
        digests[name] = hashlib.sha256(path.read_bytes()).hexdigest()[:16]
        try:
            frames[name] = readers[name](path)
        except InputError as exc:
            problems.extend(exc.problems)
    if problems:
        raise InputError(problems)
    if all(f is None for f in frames.values()):
        raise InputError(
            Problem(
                f"none of the data files is here; expected some of {', '.join(FILES.values())}",
                file=str(root),
                path="--data",
            )
        )
    return HistoryData(folder=str(root), frames=frames, digests=digests)


@dataclass(frozen=True, slots=True, eq=False)
class BuildResult:
    """A scenario built from data, with what was used and what is missing.

    Attributes
    ----------
    scenario : Scenario
        The valid scenario.
    notes : tuple of str
        What the build used, left out and found missing.
    header : str
        TOML comment lines for the top of the file (what was read, the rule, the notes).
    parameter_sources : dict
        Parameter name to the source written beside its value in ``[parameters]``.
    """

    scenario: Scenario
    notes: tuple[str, ...]
    header: str
    parameter_sources: Mapping[str, str] = field(default_factory=dict)

    def to_toml(self) -> str:
        """Return the scenario as TOML text with the header comments.

        Each value of ``[parameters]`` that has a source gets it as a comment on its line.
        """
        from equipoise.scenario.serialize import dumps_scenario

        lines = []
        section = ""
        for line in dumps_scenario(self.scenario).splitlines():
            if line.startswith("["):
                section = line.strip()
            key = line.split("=", 1)[0].strip() if "=" in line else ""
            if section == "[parameters]" and key in self.parameter_sources:
                line = f"{line}    # {self.parameter_sources[key]}"
            lines.append(line)
        return self.header + "\n" + "\n".join(lines) + "\n"


def resolve_actors(spec: Sequence[str], *, data: HistoryData, year: int) -> tuple[str, ...]:
    """Expand ``--actors`` (ISO3 codes, ``G20`` or ``UN``) and check each is in the data.

    Raises
    ------
    InputError
        For a code that is not three capital letters or that no data set has at or before
        ``year``; every such code is listed.
    """
    out: list[str] = []
    for raw in spec:
        code = raw.strip().upper()
        if not code:
            continue
        if code in GROUPS:
            out.extend(GROUPS[code])
        elif code == UN_GROUP:
            unga = data.frame("unga")
            if unga is None:
                raise InputError(Problem("'UN' needs the UNGA ideal-point file", path="--actors"))
            rows = unga.loc[(unga["year"] == year) & (unga["iso3"] != "")]
            rows = rows.loc[np.isfinite(rows["idealpointfp"])]
            out.extend(sorted(rows["iso3"].unique()))
        else:
            out.append(code)
    seen: dict[str, None] = {}
    for code in out:
        seen.setdefault(code, None)
    actors = tuple(seen)
    known = _known_codes(data, year)
    problems = []
    for code in actors:
        if len(code) != 3 or not code.isalpha():
            problems.append(
                Problem(f"{code!r} is not an ISO 3166-1 alpha-3 code, G20 or UN", path="--actors")
            )
        elif code not in known:
            problems.append(
                Problem(f"{code} is in none of the data sets at or before {year}", path="--actors")
            )
    if problems:
        raise InputError(problems)
    if len(actors) < 2:
        raise InputError(Problem("give at least two states", path="--actors"))
    return actors


def _ccode_map(data: HistoryData) -> dict[int, str]:
    mapping = dict(EXTRA_CCODES)
    unga = data.frame("unga")
    if unga is not None:
        rows = unga.loc[unga["iso3"] != "", ["ccode", "iso3"]].drop_duplicates("ccode", keep="last")
        mapping.update(zip(rows["ccode"].astype(int).tolist(), rows["iso3"].tolist(), strict=True))
    return mapping


def _known_codes(data: HistoryData, year: int) -> set[str]:
    known: set[str] = set()
    for name, column in (("unga", "iso3"), ("weo", "iso3"), ("sipri", "iso3")):
        frame = data.frame(name)
        if frame is not None:
            known.update(frame.loc[frame["year"] <= year, column].tolist())
    nmc = data.frame("nmc")
    if nmc is not None:
        mapping = _ccode_map(data)
        known.update(
            mapping[c]
            for c in nmc.loc[nmc["year"] <= year, "ccode"].unique().tolist()
            if c in mapping
        )
    known.discard("")
    return known


def _fmt(value: float) -> float:
    """Return ``value`` as a plain float with at most 6 significant decimals kept."""
    return float(f"{value:.6g}") if abs(value) < 1e15 else float(value)


class _Builder:
    def __init__(self, data: HistoryData, actors: tuple[str, ...], year: int) -> None:
        self.data = data
        self.actors = actors
        self.year = year
        self.notes: list[str] = []
        self.indicators: list[Indicator] = []
        self.trends: list[Trend] = []

    def file(self, name: str) -> str:
        return FILES[name]

    def frame(self, name: str) -> pd.DataFrame | None:
        frame = self.data.frame(name)
        if frame is None:
            self.notes.append(
                f"{FILES[name]} is absent from the data folder: nothing from it is used"
            )
            return None
        return frame.loc[frame["year"] <= self.year]  # never a row after the build year

    # -- indicators -----------------------------------------------------------------------

    def add_indicator(
        self,
        *,
        name: str,
        year: int,
        unit: str,
        source: str,
        rows: pd.DataFrame,
        column: str,
        file: str,
        code_column: str = "iso3",
    ) -> bool:
        present = rows.loc[rows[code_column].isin(self.actors) & np.isfinite(rows[column])]
        present = present.drop_duplicates(code_column)
        missing = [a for a in self.actors if a not in set(present[code_column])]
        if present.empty:
            self.notes.append(f"{name} {year}: no value for any actor in {file}")
            return False
        values = {
            str(c): _fmt(float(v))
            for c, v in zip(present[code_column], present[column], strict=True)
        }
        sources = {
            str(c): f"{file} line {int(line)}"
            for c, line in zip(present[code_column], present["line"], strict=True)
        }
        note = f"no value in {file} for {', '.join(missing)} (missing, not zero)" if missing else ""
        self.indicators.append(
            Indicator(
                name=name,
                year=year,
                unit=unit,
                source=source,
                values=dict(sorted(values.items())),
                sources=dict(sorted(sources.items())),
                note=note,
            )
        )
        return True

    def add_pair(
        self,
        *,
        name: str,
        unit: str,
        source: str,
        frame: pd.DataFrame,
        column: str,
        file: str,
        last_year: int,
        code_column: str = "iso3",
    ) -> None:
        first = last_year - TREND_SPAN
        have_last = self.add_indicator(
            name=name,
            year=last_year,
            unit=unit,
            source=f"{source}, {last_year}",
            rows=frame.loc[frame["year"] == last_year],
            column=column,
            file=file,
            code_column=code_column,
        )
        have_first = first >= int(frame["year"].min()) and self.add_indicator(
            name=name,
            year=first,
            unit=unit,
            source=f"{source}, {first}",
            rows=frame.loc[frame["year"] == first],
            column=column,
            file=file,
            code_column=code_column,
        )
        if have_last and have_first:
            self.drop_extreme_growth(name, first, last_year)
            self.trends.append(
                Trend(
                    indicator=name,
                    method="cagr",
                    from_year=first,
                    to_year=last_year,
                    source=f"compound annual growth of {source} between {first} and {last_year}",
                    note="actors without both values have no trend (their level is held)",
                )
            )
        elif have_last:
            self.notes.append(f"{name}: no values in {first}, so no trend (levels are held)")

    def drop_extreme_growth(self, name: str, first: int, last: int) -> None:
        """Hold the level of actors whose growth from ``first`` to ``last`` is past the limit.

        A compound growth beyond :data:`~equipoise.scenario.schema.MAX_GROWTH_RATE` a year
        (hyperinflation in current-dollar spending, a force rebuilt from almost nothing) is
        not a trend to project: the actor's ``first`` value is left out of the written
        indicator, so that it gets no trend, and a note names it with its rate.
        """
        early, late = self.indicators[-1], self.indicators[-2]
        if (early.year, late.year) != (first, last):  # pragma: no cover - add_pair's order
            raise AssertionError("add_pair writes the last year first")
        span = last - first
        rates = {}
        for code, a in early.values.items():
            b = late.values.get(code)
            if b is not None and a > 0 and b > 0:
                rates[code] = (b / a) ** (1.0 / span) - 1.0
        dropped = [f"{c} ({r:+.2f} a year)" for c, r in rates.items() if abs(r) > MAX_GROWTH_RATE]
        if not dropped:
            return
        keep = [c for c in early.values if abs(rates.get(c, 0.0)) <= MAX_GROWTH_RATE]
        note = "; ".join(
            part
            for part in (
                early.note,
                f"left out (growth to {last} beyond ±{MAX_GROWTH_RATE:g} a year, no trend): "
                + ", ".join(dropped),
            )
            if part
        )
        self.indicators[-1] = early.model_copy(
            update={
                "values": {c: early.values[c] for c in keep},
                "sources": {c: v for c, v in early.sources.items() if c in keep},
                "note": note,
            }
        )
        self.notes.append(
            f"{name}: growth {first}–{last} beyond ±{MAX_GROWTH_RATE:g} a year for "
            f"{', '.join(dropped)}: their level is held (no trend)"
        )

    def nmc(self) -> None:
        frame = self.frame("nmc")
        if frame is None or frame.empty:
            self.notes.append(
                "no NMC rows at or before the build year: the CINC cannot be computed"
            )
            return
        mapping = _ccode_map(self.data)
        frame = frame.assign(iso3=[mapping.get(int(c), "") for c in frame["ccode"]])
        last = int(frame["year"].max())
        if last < self.year:
            self.notes.append(
                f"NMC v6.0 ends in {last}: the six CINC components are the {last} values moved to "
                f"{self.year} by each actor's {last - TREND_SPAN}–{last} compound growth"
            )
        for component, unit in _NMC_UNITS.items():
            self.add_pair(
                name=component,
                unit=unit,
                source="Correlates of War National Material Capabilities v6.0",
                frame=frame,
                column=component,
                file=self.file("nmc"),
                last_year=last,
            )

    def weo_sipri_unga(self) -> None:
        weo = self.frame("weo")
        if weo is not None and not weo.empty:
            self.add_pair(
                name="gdp",
                unit="billions of current US$",
                source="IMF World Economic Outlook April 2025, NGDPD",
                frame=weo,
                column="gdp_usd_bn",
                file=self.file("weo"),
                last_year=int(weo["year"].max()),
            )
        sipri = self.frame("sipri")
        if sipri is not None and not sipri.empty:
            self.add_pair(
                name="milex_sipri",
                unit="millions of current US$",
                source="SIPRI Military Expenditure Database April 2025, current US$",
                frame=sipri,
                column="milex_current_usd_m",
                file=self.file("sipri"),
                last_year=int(sipri["year"].max()),
            )
        unga = self.frame("unga")
        if unga is not None and not unga.empty:
            self.add_indicator(
                name="unga_ideal_point",
                year=int(unga["year"].max()),
                unit="ideal point (unitless; higher = closer to the US-led bloc)",
                source="UNGA ideal points, Bailey, Strezhnev & Voeten, July 2025 release, idealpointfp",
                rows=unga.loc[unga["year"] == int(unga["year"].max())],
                column="idealpointfp",
                file=self.file("unga"),
            )

    # -- relations --------------------------------------------------------------------------

    def relations(self) -> tuple[Relation, ...]:
        unga = self.frame("unga")
        ideal: dict[str, dict[int, tuple[float, int]]] = {}
        if unga is not None:
            rows = unga.loc[unga["iso3"].isin(self.actors) & np.isfinite(unga["idealpointfp"])]
            rows = rows.loc[rows["year"] >= self.year - 10]
            for code, t, x, line in zip(
                rows["iso3"].tolist(),
                rows["year"].tolist(),
                rows["idealpointfp"].tolist(),
                rows["line"].tolist(),
                strict=True,
            ):
                ideal.setdefault(str(code), {})[int(t)] = (float(x), int(line))
        pacts = self.alliances()
        no_votes = [a for a in self.actors if a not in ideal]
        if no_votes:
            self.notes.append(
                "no UNGA ideal point in the 10 years up to the build year for "
                f"{', '.join(no_votes)}: their relations come from alliances only"
            )
        out = []
        for a, b in itertools.combinations(self.actors, 2):
            pact = pacts.get((a, b)) or pacts.get((b, a))
            base, base_text, src = 0.0, "", []
            if a in ideal and b in ideal:
                common = set(ideal[a]) & set(ideal[b])
                if common:
                    t = max(common)
                    xa, la = ideal[a][t]
                    xb, lb = ideal[b][t]
                    dist = abs(xa - xb)
                    base = min(max(BASE_TOP - BASE_SLOPE * dist, BASE_LOW), BASE_TOP)
                    base_text = (
                        f"base = clip(0.30 - 0.10 x |{xa:.3f} - ({xb:.3f})|, -0.20, 0.30)"
                        f" = {base:+.3f}"
                    )
                    src.append(
                        f"UNGA idealpointfp {t} (BSV July 2025 release; {FILES['unga']} lines "
                        f"{la}, {lb})"
                    )
            if not src and pact is None:
                continue
            level, kind = 0.0, "neutral"
            level_text = ""
            if pact is not None:
                dataset, pyear, defense, entente, line = pact
                if defense:
                    level, kind = ALLIANCE_LEVEL, "alliance"
                    level_text = f"alliance +0.60: {dataset} {pyear} defense = 1"
                elif entente:
                    level, kind = ENTENTE_LEVEL, "entente"
                    level_text = f"entente +0.25: {dataset} {pyear} consultation/entente only"
                if level_text:
                    src.append(f"{dataset} {pyear} ({FILES['alliances']} line {line})")
            if not src:
                continue
            weight = round(min(max(base + level, -WEIGHT_LIMIT), WEIGHT_LIMIT), 3)
            if kind == "neutral" and not base_text:
                continue
            note = "; ".join(
                t for t in (base_text or "no UNGA ideal points: base = 0", level_text) if t
            )
            out.append(
                Relation(
                    pair=(a, b),
                    kind=kind,
                    weight=weight,
                    source="; ".join(src),
                    note=f"{note}; weight = {weight:+.3f} (rule of equipoise build)",
                )
            )
        return tuple(out)

    def alliances(self) -> dict[tuple[str, str], tuple[str, int, bool, bool, int]]:
        frame = self.frame("alliances")
        if frame is None:
            return {}
        from equipoise.io.alliances import latest_alliances

        latest = latest_alliances(frame, up_to=self.year)
        if latest.empty:
            self.notes.append(f"no alliance data at or before {self.year}: no alliance terms")
            return {}
        # prefer ATOP where it has a year, else COW
        datasets = sorted(
            set(latest["dataset"]), key=lambda d: (not d.upper().startswith("ATOP"), d)
        )
        chosen = datasets[0]
        rows = latest.loc[latest["dataset"] == chosen]
        year = int(rows["year"].iloc[0])
        self.notes.append(
            f"alliances: {chosen} dyad-years of {year} ({FILES['alliances']}); it covers only the "
            "pairs it lists (pairs outside it have no alliance term)"
        )
        out = {}
        for row in rows.itertuples(index=False):
            defense = bool(row.defense == 1)
            entente = bool(row.consul_or_entente == 1)
            out[(str(row.iso3_a), str(row.iso3_b))] = (
                chosen,
                year,
                defense,
                entente,
                int(row.line),
            )
        return out

    # -- ties -------------------------------------------------------------------------------

    def ties(self) -> tuple[Tie, ...]:
        frame = self.frame("dots")
        if frame is None:
            return ()
        if frame.empty:
            self.notes.append(f"{FILES['dots']} has no year at or before {self.year}: no ties")
            return ()
        from equipoise.io.dots import WORLD

        year = int(frame["year"].max())
        rows = frame.loc[frame["year"] == year]
        world_rows = rows.loc[rows["partner"] == WORLD]
        world = {
            str(r): (float(v), int(line))
            for r, v, line in zip(
                world_rows["reporter"].tolist(),
                world_rows["exports_fob_usd_m"].tolist(),
                world_rows["line"].tolist(),
                strict=True,
            )
        }
        flows = rows.loc[
            (rows["partner"] != WORLD)
            & rows["reporter"].isin(self.actors)
            & rows["partner"].isin(self.actors)
        ]
        out = []
        for reporter, partner, flow, line in zip(
            flows["reporter"].tolist(),
            flows["partner"].tolist(),
            flows["exports_fob_usd_m"].tolist(),
            flows["line"].tolist(),
            strict=True,
        ):
            if reporter not in world or not np.isfinite(flow):
                continue
            total, world_line = world[reporter]
            if not total > 0:
                continue
            value = round(flow / total, 4)
            out.append(
                Tie(
                    of=str(reporter),
                    on=str(partner),
                    value=min(value, 1.0),
                    kind="trade",
                    year=year,
                    source=(
                        f"IMF DOTS exports FOB {year}: {reporter}->{partner} "
                        f"{flow:.6g} / {reporter}->world {total:.6g} US$ m "
                        f"({FILES['dots']} lines {line}, {world_line})"
                    ),
                )
            )
        reporters = sorted(set(flows["reporter"]))
        self.notes.append(
            f"ties: export shares from IMF DOTS {year} for the reporters in the file "
            f"({', '.join(reporters) or 'none of the actors'}); other actors have no declared tie"
        )
        return tuple(out)


def check_year(year: int) -> None:
    """Refuse a build year after 2020 (where the data end) or before 1946.

    Raises
    ------
    InputError
        Located at ``--year``.
    """
    if year > LAST_DATA_YEAR:
        raise InputError(
            Problem(
                f"the data end in {LAST_DATA_YEAR}: a scenario can be built for {LAST_DATA_YEAR} "
                f"at the latest, got {year}",
                path="--year",
            )
        )
    if year < FIRST_YEAR:
        raise InputError(Problem(f"the UNGA data begin in {FIRST_YEAR}, got {year}", path="--year"))


def build_scenario(
    data: HistoryData,
    *,
    actors: Sequence[str],
    year: int,
    name: str | None = None,
    horizon: int = 10,
    calibrated: bool = True,
) -> BuildResult:
    """Build a valid scenario for ``actors`` at ``year`` from the data up to ``year``.

    Parameters
    ----------
    data : HistoryData
        From :func:`load_history`.
    actors : sequence of str
        ISO3 codes, or the groups ``G20`` and ``UN`` (see :func:`resolve_actors`).
    year : int
        The scenario's start year; from 1946 to 2020.
    name : str, optional
        The scenario name (default ``data-<year>-<n>states``).
    horizon : int, default 10
        Years simulated after the start.
    calibrated : bool, default True
        Write the shipped calibration's parameters (medians) and their 90 % intervals
        (uncertainties); ``False`` keeps the documented defaults.

    Returns
    -------
    BuildResult

    Raises
    ------
    InputError
        For a year after 2020 or before 1946, or actors not in the data.
    """
    check_year(year)
    codes = resolve_actors(actors, data=data, year=year)
    builder = _Builder(data, codes, year)
    builder.nmc()
    builder.weo_sipri_unga()
    relations = builder.relations()
    ties = builder.ties()
    names = _names(data, codes)
    calibration = None
    parameters: dict[str, float] = {}
    uncertainties: list[Uncertainty] = []
    sources: dict[str, str] = {}
    if calibrated:
        from equipoise.observation.calibrated import shipped_calibration

        calibration = shipped_calibration()
        for pname, value in calibration.parameters.items():
            parameters[pname] = value.median
            sources[pname] = (
                f"posterior median, 90 % interval {value.low:g}-{value.high:g}; "
                f"source: {calibration.source}"
            )
            uncertainties.append(
                Uncertainty(
                    name=pname.replace("_", "-"),
                    target=f"parameters.{pname}",
                    distribution="triangular",
                    low=value.low,
                    mode=value.median,
                    high=value.high,
                    source=calibration.source,
                    note="the 90 % posterior interval (5 %, median, 95 %) of the calibration",
                )
            )
    scenario_name = name or f"data-{year}-{len(codes)}states"
    files = ", ".join(f"{FILES[k]} (sha256 {v})" for k, v in sorted(data.digests.items()))
    metadata = Metadata(
        name=scenario_name,
        title=f"{len(codes)} states in {year}, built from public data",
        description=(
            f"Built by `equipoise build` from the data up to {year} in {data.folder}: capabilities "
            "(NMC v6.0), GDP (IMF WEO), military expenditure (SIPRI), UN voting (Bailey, Strezhnev "
            "& Voeten, July 2025 release), alliances (ATOP 5.1 / COW 4.1) and trade (IMF DOTS). "
            + (
                "Model parameters: the calibrated rates (equipoise calibrate up to "
                f"{calibration.until}, their 90 % intervals as uncertainties); the others keep their "
                "documented defaults."
                if calibration is not None
                else "Model parameters keep their documented defaults."
            )
        ),
        start_year=year,
        horizon=horizon,
        power_index="cinc",
        history_from=min(ind.year for ind in builder.indicators) if builder.indicators else None,
        sources=tuple(f"{FILES[k]} (sha256 {v})" for k, v in sorted(data.digests.items())),
    )
    scenario = Scenario(
        scenario=metadata,
        actors=tuple(Actor(code=c, name=names.get(c, c)) for c in codes),
        indicators=tuple(builder.indicators),
        trends=tuple(builder.trends),
        relations=relations,
        ties=ties,
        parameters=parameters,
        uncertainties=tuple(uncertainties),
    )
    notes = tuple(builder.notes)
    header = "\n".join(
        [
            f"# Built by `equipoise build` for {len(codes)} states at {year} from {data.folder}",
            f"# Files: {files}",
            "# Only rows with year <= the build year were read. Every value names its file and line",
            "# (indicators: `sources`; relations, ties: `source`). Relation rule:",
            "#   weight = clip(clip(0.30 - 0.10 |x_a - x_b|, -0.20, 0.30) + level, -0.95, 0.95),",
            "#   x = UNGA idealpointfp; level = +0.60 ATOP/COW defence pact (alliance),",
            "#   +0.25 consultation/entente only (entente), else 0 (neutral).",
            (
                f"# Parameters: the calibrated rates ({calibration.command}; stored run "
                f"{calibration.run}); their 90 % intervals are the [[uncertainties]]."
                if calibration is not None
                else "# Parameters: the documented defaults (built with --uncalibrated)."
            ),
            *(f"# NOTE: {n}" for n in notes),
        ]
    )
    return BuildResult(scenario=scenario, notes=notes, header=header, parameter_sources=sources)


def _names(data: HistoryData, codes: Sequence[str]) -> dict[str, str]:
    unga = data.frame("unga")
    out: dict[str, str] = {"TWN": "Taiwan"}
    if unga is not None:
        rows = unga.loc[unga["iso3"].isin(list(codes)) & (unga["countryname"] != "")]
        rows = rows.sort_values("year").drop_duplicates("iso3", keep="last")
        out.update(zip(rows["iso3"].tolist(), rows["countryname"].tolist(), strict=True))
    return out


def build_summary(result: BuildResult) -> dict[str, Any]:
    """Return counts of what a build wrote, JSON-ready."""
    s = result.scenario
    return {
        "name": s.scenario.name,
        "year": s.scenario.start_year,
        "actors": len(s.actors),
        "indicators": len(s.indicators),
        "trends": len(s.trends),
        "relations": len(s.relations),
        "ties": len(s.ties),
        "parameters": dict(s.parameters),
        "notes": list(result.notes),
    }


__all__ = [
    "FILES",
    "GROUPS",
    "LAST_DATA_YEAR",
    "BuildResult",
    "HistoryData",
    "build_scenario",
    "build_summary",
    "check_year",
    "load_history",
    "resolve_actors",
]
