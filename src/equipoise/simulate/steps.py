"""The parts of one step: growth and power, bargaining, balancing.

Each function advances one part of a :class:`~equipoise.simulate.state.State` by calling an
engine (``docs/models/power.md``, ``bargaining.md``, ``alignment.md``). Members that need
different engine settings (bargaining rounds, the expected-utility ``Q``, integrator substeps)
are grouped, one engine call per group, so that a member's numbers depend on its own values
only, never on the other members of its batch.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from numpy.typing import NDArray

from equipoise.compile import CompiledScenario, batch_power
from equipoise.engines.alignment import AlignmentParams, affinity_matrix, substeps_needed
from equipoise.engines.alignment import step as alignment_step
from equipoise.engines.bargaining import (
    EUOptions,
    look_ahead_cycles,
    run_compromise,
    run_expected_utility,
    run_median,
)
from equipoise.engines.bargaining.cycles import DEFAULT_CYCLE_TOL
from equipoise.engines.power import project
from equipoise.errors import EquipoiseError, InputError, Problem
from equipoise.simulate.state import State

T_Float = NDArray[np.float64]
T_Int = NDArray[np.int64]

#: Draws standard normal numbers of a shape ``(B, ...)``, one stream per member or shared.
T_Normal = Callable[[tuple[int, ...]], T_Float]


def groups(values: NDArray[np.generic]) -> list[tuple[T_Int, NDArray[np.generic]]]:
    """Return (rows, value) for each distinct value of a per-member array, in sorted order."""
    return [(np.flatnonzero(values == v), v) for v in np.unique(values)]


# --------------------------------------------------------------------------------------------
# power


def growth_shocks(state: State, dt: float, normal: T_Normal) -> T_Float | None:
    r"""Return this step's lognormal growth shocks, or None where no member has noise.

    :math:`\exp(\sigma\sqrt{\Delta t}\,z - \sigma^2 \Delta t / 2)` with :math:`z` standard
    normal and :math:`\sigma` the ``growth_noise`` parameter: mean one, so noise does not move
    the expected level.
    """
    noise = state.params["growth_noise"]
    if not np.any(noise > 0):
        return None
    sd = noise[:, None, None] * math.sqrt(dt)
    z = normal(state.levels.shape)
    shocks: T_Float = np.exp(z * sd - 0.5 * sd**2)
    return shocks


def grow(state: State, dt: float, shocks: T_Float | None) -> None:
    r"""Move indicator levels one step along their trends: :math:`x (1+g)^{\Delta t} s`.

    By :func:`equipoise.engines.power.project` with the per-step rate
    :math:`(1+g)^{\Delta t} - 1`. (Where the step's factor lies in ``[0.5, 2]`` adding 1 back
    is exact, by Sterbenz's lemma, so this is bit for bit the direct product.)

    Raises
    ------
    EquipoiseError
        If a trend has fallen to -100 % or below, or a shock is not finite.
    """
    rate = (1.0 + state.growth) ** dt - 1.0
    try:
        # an overflow gives inf, which update_power refuses with its place (check_levels)
        with np.errstate(over="ignore", invalid="ignore"):
            path = project(
                state.levels, rate, shocks=None if shocks is None else shocks[None], steps=1
            )
    except ValueError as exc:
        raise EquipoiseError(f"cannot grow the indicators: {exc}") from None
    state.levels = path[1]


#: The largest indicator level (or clout) a run may reach (docs/scenario-format.md, "Limits"):
#: 1e150, far above any real quantity and far enough below float64's 1.8e308 that the power
#: indices' sums and products of two levels (GDP x GDP per capita) stay finite.
MAX_LEVEL = 1e150


def check_levels(state: State, c: CompiledScenario, year: float) -> None:
    """Refuse indicator levels, growth rates or clout that left the numbers a run can hold.

    Changes (``scale`` in an effect that fires every step, a growth rate set to -1 or below...)
    can push an indicator past float64's largest number or make its growth meaningless; the
    run stops with the indicator (or issue), the actor and the year instead of computing power
    from infinities.

    Raises
    ------
    InputError
        Naming the first indicator (or clout) and actor at fault, and the year.
    """
    levels_ok = ~np.isinf(state.levels) & ~(state.levels > MAX_LEVEL)
    growth_ok = np.isfinite(state.growth) & (state.growth > -1.0)
    if levels_ok.all() and growth_ok.all():
        clout_bad = np.argwhere(np.isinf(state.clout) | (state.clout > MAX_LEVEL))
        if clout_bad.size:
            _, q, i = clout_bad[0]
            issue, actor = c.issues[int(q)].id, c.actors[int(i)]
            target = f"issues.{issue}.positions.{actor}.clout"
            raise InputError(
                Problem(
                    f"by {year:g}, the clout of {actor} on {issue} grows beyond {MAX_LEVEL:g}: "
                    f"make the changes to {target} smaller",
                    path=target,
                )
            )
        return
    bad_growth = not growth_ok.all()
    _, i, j = (np.argwhere(~growth_ok) if bad_growth else np.argwhere(~levels_ok))[0]
    name, actor = c.indicator_names[int(j)], c.actors[int(i)]
    if bad_growth:
        what = (
            f"the growth rate of {name} for {actor} is {float(state.growth[:, i, j].min()):g} "
            "a year (it must stay above -1, a fall of 100 %)"
        )
        target = f"trends.{name}.{actor}"
    else:
        what = f"{name} of {actor} grows beyond {MAX_LEVEL:g}"
        target = f"indicators.{name}.{actor}"
    raise InputError(
        Problem(
            f"by {year:g}, {what}: make the events, effects, interventions or uncertainties that "
            f"change {target} or trends.{name}.{actor} smaller",
            path=target,
        )
    )


def update_power(state: State, c: CompiledScenario, kinds: tuple[str, ...], year: float) -> None:
    """Check the levels (:func:`check_levels`), then recompute power by the scenario's index."""
    check_levels(state, c, year)
    state.power = batch_power(c, state.levels, kinds)


# --------------------------------------------------------------------------------------------
# bargaining


#: Rounds of the look-ahead that tells whether bargaining from a year's positions cycles: a
#: run of L rounds shows periods up to L // 2 twice (8: periods up to 4; the cycles met so far
#: have period 2) (``docs/models/bargaining.md``, "Cycles").
LOOK_AHEAD_ROUNDS = 8

#: A median that moves by less than this (the cycle test's tolerance on a 0-100 issue) has
#: not moved.
_STILL = DEFAULT_CYCLE_TOL * 100.0


@dataclass(frozen=True)
class IssueCycles:
    """Where bargaining from a year's positions ends on a cycle, per member and issue (B, k).

    Attributes
    ----------
    period : ndarray of int
        The cycle's period in rounds (0 where the rounds do not cycle).
    low, high : ndarray
        The lowest and highest forecast over one period (NaN where there is no cycle); the
        year's forecast is then their cycle's mean (the stable summary).
    """

    period: T_Int
    low: T_Float
    high: T_Float

    @classmethod
    def none(cls, n_members: int, n_issues: int) -> IssueCycles:
        """No cycle anywhere."""
        shape = (n_members, n_issues)
        return cls(np.zeros(shape, np.int64), np.full(shape, np.nan), np.full(shape, np.nan))


def _cycles_ahead(
    cap: T_Float, x: T_Float, sal: T_Float, eu_q: float, previous: T_Int
) -> tuple[NDArray[np.bool_], T_Int, T_Float, T_Float, T_Float]:
    """Look ahead from ``x`` for every row; a cycle under way (``previous`` > 0) is checked first.

    A row whose last look-ahead found a cycle of period p is first tested on 2p rounds, which
    show the same cycle again if the state is still on it (a period seen twice from round 0);
    the other rows, and those where the short run shows no cycle, are tested on the full
    :data:`LOOK_AHEAD_ROUNDS` (the short run's rounds are its first rounds). For the default
    scenario's period-2 cycle that is 4 rounds a year instead of 8. The rounds are not
    carried forward. :func:`~equipoise.engines.bargaining.look_ahead_cycles` runs every row
    in one batch and copies the rounds of a row on an exact cycle instead of bargaining them.
    """
    first = np.where(previous > 0, 2 * previous, LOOK_AHEAD_ROUNDS)
    cyc = look_ahead_cycles(
        cap,
        x,
        sal,
        scale=(0.0, 100.0),
        rounds=LOOK_AHEAD_ROUNDS,
        first=first,
        options=EUOptions(Q=eu_q),
    )
    detected = np.asarray(cyc.detected, dtype=np.bool_)

    def where_found(values: npt.ArrayLike) -> T_Float:
        return np.where(detected, np.asarray(values, dtype=np.float64), np.nan)

    return (
        detected,
        np.asarray(cyc.period, dtype=np.int64),
        where_found(cyc.low),
        where_found(cyc.high),
        where_found(cyc.summary),
    )


@dataclass(frozen=True)
class _Rounds:
    """What the loop reads of a run of rounds (:class:`~equipoise.engines.bargaining.BargainingResult`)."""

    positions: T_Float  # (m, rounds + 1, n)
    median: T_Float  # (m, rounds + 1)
    mean: T_Float  # (m, rounds + 1)
    forecast: T_Float  # (m,)


def _distinct_rounds(cap: T_Float, x: T_Float, sal: T_Float, rounds: int, eu_q: float) -> _Rounds:
    """Run the expected-utility rounds of rows ``(m, n)``, each distinct row once.

    Members of an ensemble often bargain from the same inputs on an issue (clout declared, the
    issue untouched by the uncertainties): rows whose capability, positions and salience have
    the same bits give the same rounds bit for bit (a row's numbers do not depend on the other
    rows), so the distinct rows bargain and the others take their copy.
    """
    m, n = x.shape
    inverse = None
    if m > 1:
        key = np.ascontiguousarray(np.concatenate([cap, x, sal], axis=-1))
        _, first, inverse = np.unique(
            key.view(np.dtype((np.void, 3 * n * 8))).reshape(m),
            return_index=True,
            return_inverse=True,
        )
        if first.size == m:
            inverse = None
        else:
            cap, x, sal = cap[first], x[first], sal[first]
    result = run_expected_utility(
        cap,
        x,
        sal,
        scale=(0.0, 100.0),
        rounds=rounds,
        options=EUOptions(Q=eu_q),
        keep_dyads=False,
        cycles=False,  # the look-ahead tests for cycles, from the new positions
    )
    out = _Rounds(
        np.asarray(result.positions, dtype=np.float64),
        np.asarray(result.median, dtype=np.float64),
        np.asarray(result.mean, dtype=np.float64),
        np.asarray(result.forecast, dtype=np.float64),
    )
    if inverse is None:
        return out
    inv = np.asarray(inverse).reshape(m)
    return _Rounds(out.positions[inv], out.median[inv], out.mean[inv], out.forecast[inv])


def _issues(
    state: State, c: CompiledScenario, rounds: int
) -> tuple[T_Float, T_Float, T_Float, IssueCycles]:
    r"""Run ``rounds`` rounds of every issue's model for members that share ``rounds``.

    For the expected-utility model the year's forecast is the weighted median after the
    year's rounds, except where bargaining from the new positions ends on a cycle: then it is
    the cycle's stable summary, the mean forecast over one period (Cesàro mean), so that a
    forecast does not flip with the phase of the cycle from year to year. Whether it cycles is
    found by a look-ahead of :data:`LOOK_AHEAD_ROUNDS` rounds from the new positions
    (:func:`~equipoise.engines.bargaining.detect_cycles`). It runs only where a flip could
    begin: where the year's rounds start to move the weighted median (it did not move the
    year before) or turn it back (it moved the other way the year before), and every year
    while a cycle is under way. A forecast can flip between two values only if its median
    turns back, and a median that stands still or keeps drifting one way shows no flip; so
    the look-ahead is skipped where it could not change what the series shows, which keeps
    its cost (``LOOK_AHEAD_ROUNDS`` rounds) off the common, monotone years. The look-ahead
    does not change the positions carried forward.
    """
    B, k = state.positions.shape[0], len(c.issues)
    forecast = np.full((B, k), np.nan)
    median = np.full((B, k), np.nan)
    mean = np.full((B, k), np.nan)
    cycles = IssueCycles.none(B, k)
    capability = state.capability()
    # the expected-utility issues with the same number of members bargain in one engine call
    # (rows issue after issue): a row's numbers do not depend on the other rows of a call
    eu: dict[int, list[tuple[int, T_Int, T_Float, T_Float, T_Float, NDArray[np.bool_]]]] = {}
    for q, issue in enumerate(c.issues):
        members = np.flatnonzero(issue.members)
        # C order (an index like [:, q, members] gives column-major arrays): sums along the
        # actors are then the same for a member alone and in a batch
        x = np.ascontiguousarray(state.positions[:, q, members])
        sal = np.ascontiguousarray(state.salience[:, q, members])
        cap = np.ascontiguousarray(capability[:, q, members])
        usable = (cap * sal).sum(axis=-1) > 0
        if not usable.all():
            # nobody with both clout and salience: the issue does not move this step
            cap = np.where(usable[:, None], cap, 1.0)
            sal = np.where(usable[:, None], sal, 1.0)
        if rounds <= 0 or issue.model != "eu":
            med = run_median(cap, x, sal, scale=(0.0, 100.0))
            mn = run_compromise(cap, x, sal, scale=(0.0, 100.0))
            median[:, q] = med.forecast
            mean[:, q] = mn.forecast
            forecast[:, q] = (mn if issue.model == "compromise" else med).forecast
            continue
        eu.setdefault(members.size, []).append((q, members, x, sal, cap, usable))
    for same_size in eu.values():
        for rows, eu_q in groups(state.params["eu_q"]):
            m = rows.size
            result = _distinct_rounds(
                np.concatenate([cap[rows] for _, _, _, _, cap, _ in same_size]),
                np.concatenate([x[rows] for _, _, x, _, _, _ in same_size]),
                np.concatenate([sal[rows] for _, _, _, sal, _, _ in same_size]),
                rounds,
                float(eu_q),
            )
            asks = []
            for j, (q, members, x, sal, cap, usable) in enumerate(same_size):
                part = slice(j * m, (j + 1) * m)
                new = np.where(usable[rows, None], result.positions[part, -1, :], x[rows])
                state.positions[np.ix_(rows, np.array([q]), members)] = new[:, None, :]
                forecast[rows, q] = result.forecast[part]
                # the weighted median and mean of the round's new positions, as the static
                # models would compute them from those positions
                median[rows, q] = result.median[part, -1]
                mean[rows, q] = result.mean[part, -1]
                # look ahead where the median starts to move or turns back, or where the
                # rounds were cycling; a median that keeps drifting one way cannot be on a
                # cycle yet
                step = result.median[part, -1] - result.median[part, 0]
                trend = np.where(np.abs(step) > _STILL, np.sign(step), 0.0)
                turns = (trend != 0.0) & (trend != state.trend[rows, q])
                state.trend[rows, q] = trend
                previous = state.cycle_period[rows, q]
                ask = (turns & usable[rows]) | (previous > 0)
                if ask.any():
                    look = rows[ask]
                    asks.append((q, look, cap[look], new[ask], sal[look], previous[ask]))
            if not asks:
                continue
            detected, period, low, high, summary = _cycles_ahead(
                np.concatenate([a[2] for a in asks]),
                np.concatenate([a[3] for a in asks]),
                np.concatenate([a[4] for a in asks]),
                float(eu_q),
                np.concatenate([a[5] for a in asks]),
            )
            at = 0
            for q, look, *_ in asks:
                part = slice(at, at + look.size)
                at += look.size
                found = detected[part]
                state.cycle_period[look, q] = period[part]
                hit = look[found]
                forecast[hit, q] = summary[part][found]
                cycles.period[hit, q] = period[part][found]
                cycles.low[hit, q] = low[part][found]
                cycles.high[hit, q] = high[part][found]
    return forecast, median, mean, cycles


def bargain(
    state: State, c: CompiledScenario, rounds: T_Int
) -> tuple[T_Float, T_Float, T_Float, IssueCycles]:
    """Bargain on every issue, each member for its own number of rounds.

    Positions carry over (in place); returns the forecast, weighted median and weighted mean
    of each issue, (B, k) each, and where the expected-utility rounds cycle (:func:`_issues`);
    keeps the forecast in ``state.forecast`` for effect conditions.
    """
    B, k = state.positions.shape[0], len(c.issues)
    forecast, median, mean = np.zeros((B, k)), np.zeros((B, k)), np.zeros((B, k))
    cycles = IssueCycles.none(B, k)
    for rows, r in groups(rounds):
        sub = state.subset(rows)
        forecast[rows], median[rows], mean[rows], cyc = _issues(sub, c, int(r))
        cycles.period[rows], cycles.low[rows], cycles.high[rows] = cyc.period, cyc.low, cyc.high
        state.positions[rows] = sub.positions
        state.trend[rows], state.cycle_period[rows] = sub.trend, sub.cycle_period
    state.forecast = forecast
    return forecast, median, mean, cycles


# --------------------------------------------------------------------------------------------
# balancing


def balance(state: State, dt: float) -> None:
    """Advance the relations one step of the alignment dynamics, member by member.

    The issue affinity comes from the current positions (a non-member counts as 50 with its
    zero salience). Each member's substep count meets the step condition for its own rates
    (:func:`~equipoise.engines.alignment.substeps_needed`); members with the same count advance
    together in one vectorised call. A count taken from the fastest member of the batch would
    change the others' integration with the batch (issue 15).
    """
    k = state.positions.shape[1]
    pos_filled = np.where(np.isnan(state.positions), 50.0, state.positions)
    affinity = affinity_matrix(pos_filled, state.salience) if k else None
    p = state.params
    beta, alpha, lam = p["balance_rate"], p["affinity_rate"], p["inertia_rate"]
    out = np.empty_like(state.R)
    for rows, count in groups(substeps_needed(beta, alpha, lam, dt)):
        out[rows] = alignment_step(
            state.R[rows],
            power=state.power[rows],
            baseline=state.baseline[rows],
            affinity=None if affinity is None else affinity[rows],
            locked=state.locked[rows],
            lower=state.lower[rows],
            upper=state.upper[rows],
            params=AlignmentParams(
                balance_rate=beta[rows],
                power_exponent=p["balance_power_exponent"][rows],
                affinity_rate=alpha[rows],
                inertia_rate=lam[rows],
                commitment_rate=p["commitment_rate"][rows],
                dt=dt,
                substeps=int(count),
            ),
        )
    state.R = out


__all__ = [
    "LOOK_AHEAD_ROUNDS",
    "IssueCycles",
    "balance",
    "bargain",
    "groups",
    "grow",
    "growth_shocks",
    "update_power",
]
