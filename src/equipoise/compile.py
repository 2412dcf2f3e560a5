"""Compile a validated scenario into arrays for the engines.

The scenario layer gives typed, immutable objects; the engines want numpy arrays indexed by
actor. :func:`compile_scenario` builds them once:

* indicator levels at the start year (the latest value at or before ``start_year``, moved
  forward to ``start_year`` by the indicator's trend), and each indicator's growth rate;
* the power of each actor by the scenario's ``power_index``;
* the relation matrix ``R`` with its baseline, commitments (locked dyads) and bounds;
* economic ties, and each issue's positions, saliences and clout.

Nothing here models behaviour: it only arranges the scenario's numbers.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from equipoise.engines.power import CINC_COMPONENTS, cinc, gdp_measures, weighted_index
from equipoise.errors import InputError, Problem, format_path
from equipoise.scenario.schema import MAX_GROWTH_RATE, Scenario

T_Float = NDArray[np.float64]
T_Bool = NDArray[np.bool_]

#: Measures and weights of the scenario-level weighted power index (``power_index =
#: "weighted"``), in the spirit of the Lowy Institute Asia Power Index: economic and military
#: capability weigh most; population, industry and energy complete the picture. Each measure
#: is normalised to 0–100 against the region's top performer (see docs/models/power.md).
WEIGHTED_INDEX: dict[str, float] = {
    "gdp": 0.35,
    "milex": 0.35,
    "tpop": 0.10,
    "irst": 0.10,
    "pec": 0.10,
}


@dataclass(frozen=True)
class CompiledIssue:
    """One issue as arrays over all actors (NaN/0 where an actor takes no part)."""

    id: str
    model: str
    members: T_Bool  # (n,) actor has a position
    position: T_Float  # (n,) 0–100, NaN for non-members
    salience: T_Float  # (n,) 0–1, 0 for non-members
    clout: T_Float  # (n,) declared clout, NaN = use power


@dataclass(frozen=True)
class CompiledScenario:
    """A scenario as arrays over its actors (index order = ``actors``)."""

    scenario: Scenario
    actors: tuple[str, ...]
    indicator_names: tuple[str, ...]
    levels: T_Float  # (n, m) indicator levels at start_year, NaN = missing
    growth: T_Float  # (n, m) annual growth rates
    base_year: dict[str, int]  # indicator -> year of the values used
    power: T_Float  # (n,) power shares (sum 1 over actors with data), 0 where none
    power_detail: dict[str, T_Float]  # every index computed, each (n,)
    relations: T_Float  # (n, n) R at start, zero diagonal
    locked: T_Bool  # (n, n) commitments
    lower: T_Float  # (n, n)
    upper: T_Float  # (n, n)
    directed: T_Bool  # (n, n) dyads declared directed
    ties: T_Float  # (n, n) dependence of row on column
    issues: tuple[CompiledIssue, ...]
    notes: tuple[str, ...] = field(default=())
    #: What is derived from the compiled scenario on first use and kept with it (the time
    #: loop's compiled changes: targets parsed once, not at every run).
    derived: dict[str, object] = field(default_factory=dict, init=False, compare=False, repr=False)

    def index(self, code: str) -> int:
        """Return the array index of an actor code."""
        return self.actors.index(code)

    @property
    def n(self) -> int:
        """Number of actors."""
        return len(self.actors)


def _levels_and_growth(
    s: Scenario,
) -> tuple[tuple[str, ...], T_Float, T_Float, dict[str, int]]:
    actors = s.actor_codes
    pos = {c: i for i, c in enumerate(actors)}
    names = tuple(sorted({ind.name for ind in s.indicators}))
    col = {name: j for j, name in enumerate(names)}
    n, m = len(actors), len(names)
    start = s.scenario.start_year
    by_name_year: dict[tuple[str, int], dict[str, float]] = {
        (ind.name, ind.year): ind.values for ind in s.indicators
    }
    growth = np.zeros((n, m))
    for trend in s.trends:
        j = col[trend.indicator]
        if trend.method == "rate":
            for code, rate in trend.rates.items():
                growth[pos[code], j] = rate
        else:
            assert trend.from_year is not None and trend.to_year is not None
            v0 = by_name_year.get((trend.indicator, trend.from_year), {})
            v1 = by_name_year.get((trend.indicator, trend.to_year), {})
            span = trend.to_year - trend.from_year
            for code in set(v0) & set(v1):
                a, b = v0[code], v1[code]
                if a > 0 and b > 0:
                    growth[pos[code], j] = (b / a) ** (1.0 / span) - 1.0
    levels = np.full((n, m), np.nan)
    base_year: dict[str, int] = {}
    for name in names:
        years = sorted(y for (nm, y) in by_name_year if nm == name)
        usable = [y for y in years if y <= start] or years[:1]
        j = col[name]
        # per actor: its latest value at or before the start year, moved to the start year
        for code, i in pos.items():
            for year in reversed(usable):
                value = by_name_year[(name, year)].get(code)
                if value is not None:
                    levels[i, j] = value * (1.0 + growth[i, j]) ** (start - year)
                    break
        base_year[name] = usable[-1]
    return names, levels, growth, base_year


def power_indices(
    names: tuple[str, ...],
    levels: T_Float,
    kinds: tuple[str, ...],
    *,
    only: str | None = None,
) -> dict[str, T_Float]:
    """Compute every power index the indicators allow, each as shares summing to 1.

    Parameters
    ----------
    names : tuple of str
        Indicator names (the columns of ``levels``).
    levels : ndarray, shape (..., n, m)
        Indicator levels; leading axes are batch axes (ensemble members, steps).
    kinds : tuple of str
        Actor kinds; only states enter the system totals (organisations and blocs have no
        capabilities of their own here).
    only : str, optional
        Compute only this index.

    Returns
    -------
    dict
        Index name -> shares (..., n), zero where an actor has no data. Indices whose
        indicators are absent are left out.
    """
    col = {name: j for j, name in enumerate(names)}
    is_state = np.array([k == "state" for k in kinds])
    out: dict[str, T_Float] = {}

    def as_share(values: T_Float) -> T_Float:
        values = np.where(is_state & np.isfinite(values), values, 0.0)
        total = values.sum(axis=-1, keepdims=True)
        shares: T_Float = np.divide(values, total, out=np.zeros_like(values), where=total > 0)
        return shares

    def column(name: str) -> T_Float:
        if name in col:
            return np.asarray(levels[..., col[name]], dtype=np.float64)
        return np.full(levels.shape[:-1], np.nan)

    def wanted(name: str) -> bool:
        return only is None or only == name

    if wanted("cinc") and any(c in col for c in CINC_COMPONENTS):
        comps = np.stack([column(c) for c in CINC_COMPONENTS], axis=-1)
        comps[..., ~is_state, :] = np.nan
        out["cinc"] = as_share(cinc(comps).cinc)
    if "gdp" in col:
        gdp = np.where(is_state, column("gdp"), np.nan)
        if wanted("gdp"):
            out["gdp"] = as_share(gdp)
        if wanted("gdp_x_gdppc") and "tpop" in col:
            measures = gdp_measures(gdp, column("tpop"))
            out["gdp_x_gdppc"] = as_share(measures.gdp_x_gdppc)
    present = [m for m in WEIGHTED_INDEX if m in col]
    if wanted("weighted") and present:
        weights = np.array([WEIGHTED_INDEX[m] for m in present])
        measures_m = np.stack([column(m) for m in present], axis=-1)
        measures_m[..., ~is_state, :] = np.nan
        out["weighted"] = as_share(
            weighted_index(measures_m, weights=weights / weights.sum()).index
        )
    return out


def batch_power(compiled: CompiledScenario, levels: T_Float, kinds: tuple[str, ...]) -> T_Float:
    """Return power shares (..., n) by the scenario's index for indicator levels (..., n, m)."""
    name = compiled.scenario.scenario.power_index
    return power_indices(compiled.indicator_names, levels, kinds, only=name)[name]


#: Indicators that enter a power index: each is a quantity (money, people, tonnes, energy), so a
#: negative value has no meaning and is refused where it is written.
POWER_MEASURES: frozenset[str] = frozenset({*CINC_COMPONENTS, "gdp", *WEIGHTED_INDEX})

#: The largest magnitude of an indicator value (a documented limit, docs/scenario-format.md).
#: Far above any real indicator (world GDP in Indonesian rupiah is about 1.5e18), and low enough
#: that sums over thousands of actors, 200 years of growth at the largest rate (1.5**200, about
#: 1e35) and the products of the GDP measures stay far from float64's 1.8e308.
MAX_INDICATOR = 1e30

#: The largest annual growth rate in magnitude, as for a rate typed in a trend (the schema's
#: ``Trend.rates`` bounds).
_MAX_RATE = MAX_GROWTH_RATE


def indicator_problems(s: Scenario) -> list[tuple[tuple[str | int, ...], str]]:
    """Return the indicator values no power index can use, as (field path, message) pairs.

    A value must be at most :data:`MAX_INDICATOR` in magnitude; a value of an indicator that
    enters a power index (:data:`POWER_MEASURES`) must not be negative, and a population
    (``tpop``) must be positive. Other indicators (UN ideal points, say) may be negative.
    Moving a value to the start year by its trend must stay finite too.
    """
    out: list[tuple[tuple[str | int, ...], str]] = []
    for k, ind in enumerate(s.indicators):
        for code, value in ind.values.items():
            path: tuple[str | int, ...] = ("indicators", k, "values", code)
            if abs(value) > MAX_INDICATOR:
                out.append(
                    (
                        path,
                        f"must be at most {MAX_INDICATOR:g} in magnitude (the limit of an "
                        f"indicator value), got {value:g}",
                    )
                )
            elif ind.name in POWER_MEASURES and value < 0:
                out.append(
                    (
                        path,
                        f"must not be negative: {ind.name!r} is a capability measure that "
                        f"enters the power index, got {value:g} (leave the actor out for a "
                        "missing value)",
                    )
                )
            elif ind.name == "tpop" and value == 0:
                out.append((path, "must be positive: a state has people (leave it out if unknown)"))
    for section in ("events", "effects", "interventions"):
        for k, entry in enumerate(getattr(s, section)):
            for c, change in enumerate(entry.changes):
                size = change.set if change.op == "set" else getattr(change, change.op)
                if (
                    change.target.startswith("indicators.")
                    and isinstance(size, float | int)
                    and abs(size) > MAX_INDICATOR
                ):
                    out.append(
                        (
                            (section, k, "changes", c, change.op),
                            f"must be at most {MAX_INDICATOR:g} in magnitude (the limit of an "
                            f"indicator value), got {size:g}",
                        )
                    )
    if out:
        return out
    values = {(ind.name, ind.year): ind.values for ind in s.indicators}
    for k, trend in enumerate(s.trends):
        if trend.method != "cagr" or trend.from_year is None or trend.to_year is None:
            continue
        v0 = values.get((trend.indicator, trend.from_year), {})
        v1 = values.get((trend.indicator, trend.to_year), {})
        span = trend.to_year - trend.from_year
        for code in sorted(set(v0) & set(v1)):
            a, b = v0[code], v1[code]
            if a > 0 and b > 0 and span > 0:
                # b / a may be inf or 0 (never NaN: both are positive and finite); a power
                # of at most 1 cannot overflow
                rate = (b / a) ** (1.0 / span) - 1.0
                if not -_MAX_RATE <= rate <= _MAX_RATE:
                    out.append(
                        (
                            ("trends", k),
                            f"the compound growth of {trend.indicator} for {code} from "
                            f"{trend.from_year} ({a:g}) to {trend.to_year} ({b:g}) is "
                            f"{rate:g} a year, outside -{_MAX_RATE:g}..{_MAX_RATE:g} (the limit of "
                            "a growth rate): check the two values",
                        )
                    )
    return out


def _projection_problems(
    s: Scenario, levels: T_Float, base_year: dict[str, int], names: tuple[str, ...]
) -> list[tuple[tuple[str | int, ...], str]]:
    """Locate the indicator values whose projection to the start year is not finite."""
    out: list[tuple[tuple[str | int, ...], str]] = []
    bad = ~np.isfinite(levels) & ~np.isnan(levels)
    for i, j in zip(*np.nonzero(bad), strict=True):
        code, name = s.actor_codes[i], names[j]
        for k, ind in enumerate(s.indicators):
            if ind.name == name and ind.year == base_year[name] and code in ind.values:
                out.append(
                    (
                        ("indicators", k, "values", code),
                        f"{name} of {code} grows beyond the largest number when moved to "
                        f"{s.scenario.start_year} by its trend: the value or the trend is too large",
                    )
                )
    return out


#: Needs of each power index, for the message when a scenario lacks them.
_INDEX_NEEDS = {
    "cinc": "milex, milper, irst, pec, tpop or upop",
    "gdp": "gdp",
    "gdp_x_gdppc": "gdp and tpop",
    "weighted": ", ".join(WEIGHTED_INDEX),
}


def compile_problems(
    s: Scenario, detail: dict[str, T_Float] | None = None
) -> list[tuple[tuple[str | int, ...], str]]:
    """Return what makes a valid scenario impossible to run, as (field path, message) pairs.

    Two things the schema cannot see, because they depend on the computed power: the
    ``power_index`` must be computable from the declared indicators, and every issue needs an
    actor with both a positive capability (its clout, or its power share) and a positive
    salience, or no bargaining model can weigh its positions. ``equipoise validate`` reports
    these with the others, located (it passes this function to
    :func:`equipoise.scenario.loading.load_scenario` as a check).
    """
    if detail is None:
        early = indicator_problems(s)
        if early:
            return early
        with np.errstate(over="ignore", invalid="ignore"):
            names, levels, _, base_year = _levels_and_growth(s)
        early = _projection_problems(s, levels, base_year, names)
        if early:
            return early
        detail = power_indices(names, levels, tuple(a.kind for a in s.actors))
    index_name = s.scenario.power_index
    if index_name not in detail:
        return [
            (
                ("scenario", "power_index"),
                f"power_index {index_name!r} needs the indicators {_INDEX_NEEDS[index_name]}, "
                "which the scenario does not declare",
            )
        ]
    power = dict(zip(s.actor_codes, detail[index_name], strict=True))
    out: list[tuple[tuple[str | int, ...], str]] = []
    for i, unc in enumerate(s.uncertainties):  # a multiverse's power indices must run too
        if unc.multiverse and unc.target == "model.power_index":
            for k, choice in enumerate(unc.choices or ()):
                if isinstance(choice, str) and choice in _INDEX_NEEDS and choice not in detail:
                    out.append(
                        (
                            ("uncertainties", i, "choices", k),
                            f"power_index {choice!r} needs the indicators "
                            f"{_INDEX_NEEDS[choice]}, which the scenario does not declare",
                        )
                    )
    for k, issue in enumerate(s.issues):
        weighed = [
            p.actor
            for p in issue.positions
            if (p.clout if p.clout is not None else power[p.actor]) > 0 and p.salience > 0
        ]
        if not weighed:
            out.append(
                (
                    ("issues", k, "positions"),
                    f"no actor on issue {issue.id!r} has both a positive capability (its clout, "
                    f"or its {index_name} power share) and a positive salience: the bargaining "
                    "models need at least one",
                )
            )
    return out


def compile_scenario(s: Scenario) -> CompiledScenario:
    """Arrange a validated scenario's numbers as arrays over its actors.

    Raises
    ------
    InputError
        With the problems of :func:`compile_problems` (no located file and line: the
        loaders locate them).
    """
    actors = s.actor_codes
    pos = {c: i for i, c in enumerate(actors)}
    n = len(actors)
    problems = indicator_problems(s)
    if not problems:
        with np.errstate(over="ignore", invalid="ignore"):
            names, levels, growth, base_year = _levels_and_growth(s)
        problems = _projection_problems(s, levels, base_year, names)
    if not problems:
        kinds = tuple(a.kind for a in s.actors)
        detail = power_indices(names, levels, kinds)
        problems = compile_problems(s, detail)
    notes: list[str] = []
    index_name = s.scenario.power_index
    if problems:
        raise InputError([Problem(message, path=format_path(path)) for path, message in problems])
    power = detail[index_name]
    missing = [a for a, k, p in zip(actors, kinds, power, strict=True) if k == "state" and p == 0]
    if missing:
        notes.append(f"no {index_name} data for {', '.join(missing)}: power 0")

    R = np.zeros((n, n))
    locked = np.zeros((n, n), dtype=bool)
    lower = np.full((n, n), -1.0)
    upper = np.full((n, n), 1.0)
    directed = np.zeros((n, n), dtype=bool)
    for rel in s.relations:
        a, b = pos[rel.pair[0]], pos[rel.pair[1]]
        cells = [(a, b)] if rel.directed else [(a, b), (b, a)]
        for i, j in cells:
            R[i, j] = rel.weight
            locked[i, j] = rel.is_commitment
            if rel.bounds is not None:
                lower[i, j], upper[i, j] = rel.bounds
            directed[i, j] = rel.directed
    np.fill_diagonal(R, 0.0)

    ties = np.zeros((n, n))
    for tie in s.ties:
        ties[pos[tie.of], pos[tie.on]] = tie.value

    issues = []
    for issue in s.issues:
        members = np.zeros(n, dtype=bool)
        position = np.full(n, np.nan)
        salience = np.zeros(n)
        clout = np.full(n, np.nan)
        for p in issue.positions:
            i = pos[p.actor]
            members[i] = True
            position[i] = p.position
            salience[i] = p.salience
            if p.clout is not None:
                clout[i] = p.clout
        issues.append(CompiledIssue(issue.id, issue.model, members, position, salience, clout))

    return CompiledScenario(
        scenario=s,
        actors=actors,
        indicator_names=names,
        levels=levels,
        growth=growth,
        base_year=base_year,
        power=power,
        power_detail=detail,
        relations=R,
        locked=locked,
        lower=lower,
        upper=upper,
        directed=directed,
        ties=ties,
        issues=tuple(issues),
        notes=tuple(notes),
    )


__all__ = [
    "MAX_INDICATOR",
    "POWER_MEASURES",
    "WEIGHTED_INDEX",
    "CompiledIssue",
    "CompiledScenario",
    "compile_problems",
    "compile_scenario",
    "indicator_problems",
    "power_indices",
]
