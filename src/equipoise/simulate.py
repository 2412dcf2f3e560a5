r"""The time loop: power, bargaining and balancing coupled through events and effects.

:func:`simulate` advances a compiled scenario over its horizon for a batch of ensemble members
at once (leading axis ``B``; ``B = 1`` for a single run). Each step of length
:math:`\Delta t` (the scenario's ``time_step``) does, in order:

1. **power**: indicator levels grow by their trends, :math:`x \leftarrow x(1+g)^{\Delta t}`
   (times a lognormal shock when the ``growth_noise`` parameter is positive), then power is
   recomputed by the scenario's index (``docs/models/power.md``);
2. **events and interventions** dated in the step are applied;
3. **bargaining**: every issue runs ``bargaining_rounds`` rounds of its model
   (``docs/models/bargaining.md``) from its current positions, with clout = the declared clout
   or the actor's power; positions carry over to the next step;
4. **effects**: each declared effect whose condition holds fires (``once``: the first time;
   ``while``: at every step);
5. **balancing**: the relation matrix takes one step of the alignment dynamics
   (``docs/models/alignment.md``) with the issue affinity of the new positions;
6. **metrics** of the new state (``docs/models/metrics.md``).

Step 0 is the start year: its events and interventions (and counterfactuals dated before the
start) are applied, and its metrics computed, before anything moves.

Changes (from events, effects, interventions and ensemble patches) move a value *and* its
reference level: a relation's baseline for inertia shifts with it, so a declared change is
structural and does not simply decay. Relations stay within ``[-1, 1]`` and their bounds;
positions within ``[0, 100]``; saliences within ``[0, 1]``. Commitments (alliances) change only
through such changes, never through the balancing forces.

Given the same compiled scenario, interventions, patches and seed, the trajectory is identical
bit for bit.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
from numpy.typing import NDArray

from equipoise import metrics
from equipoise.compile import CompiledScenario, batch_power
from equipoise.engines.alignment import AlignmentParams, affinity_matrix
from equipoise.engines.alignment import step as alignment_step
from equipoise.engines.bargaining import (
    EUOptions,
    run_compromise,
    run_expected_utility,
    run_median,
)
from equipoise.errors import EquipoiseError, InputError, Problem
from equipoise.scenario.schema import Change
from equipoise.scenario.targets import Target, TargetIndex, parse_target
from equipoise.scenario.vocabulary import PARAMETERS

T_Float = NDArray[np.float64]
T_Int = NDArray[np.int64]
T_Bool = NDArray[np.bool_]
T_Value = float | bool | str | T_Float


# --------------------------------------------------------------------------------------------
# inputs


@dataclass(frozen=True)
class Patch:
    """A change applied at step 0 with one value per ensemble member (uncertainties).

    Attributes
    ----------
    target : str
        A target path (``relations.RUS-USA.weight``, ``parameters.balance_rate``...).
    op : {"set", "add", "scale"}
        How the values apply.
    values : ndarray, shape (B,)
        One value per member.
    """

    target: str
    op: Literal["set", "add", "scale"]
    values: T_Float


@dataclass(frozen=True)
class SimulationOptions:
    """How much to compute and keep.

    Attributes
    ----------
    bloc_steps : "all", "last" or tuple of int
        Steps at which blocs (and the metrics that need them: frustration, polarity,
        bipolarity) are computed; elsewhere they are NaN / -2. Blocs cost an integer program per
        member and step, so ensembles compute them only where claims read them.
    keep_relations : bool
        Keep the relation matrix of every step (otherwise only the first and last).
    """

    bloc_steps: Literal["all", "last"] | tuple[int, ...] = "all"
    keep_relations: bool = True


# --------------------------------------------------------------------------------------------
# the result


@dataclass(frozen=True)
class Trajectory:
    """Every quantity of a simulation, per member and step.

    Arrays have a leading member axis ``B`` and a step axis ``T + 1`` (step 0 = start year).
    """

    actors: tuple[str, ...]
    issues: tuple[str, ...]
    indicator_names: tuple[str, ...]
    years: T_Float  # (T+1,)
    interventions: tuple[str, ...]
    seed: int | None
    power: T_Float  # (B, T+1, n)
    levels: T_Float  # (B, T+1, n, m)
    relations: T_Float  # (B, T+1 or 2, n, n)
    relation_steps: T_Int  # steps at which relations are kept
    positions: T_Float  # (B, T+1, k, n), NaN for non-members
    salience: T_Float  # (B, T+1, k, n)
    forecast: T_Float  # (B, T+1, k) by each issue's model
    median: T_Float  # (B, T+1, k) weighted median of the current positions
    mean: T_Float  # (B, T+1, k) capability x salience weighted mean
    blocs: T_Int  # (B, T+1, n): 0 = strongest bloc, -1 unaligned, -2 not computed
    frustration: T_Float  # (B, T+1) normalised power-weighted frustration
    polarity: T_Float  # (B, T+1)
    bipolarity: T_Float  # (B, T+1) index: share of the two largest poles x their hostility
    bipolarity_share: T_Float  # (B, T+1) power share of the two largest poles
    antagonism: T_Float  # (B, T+1) hostility between them
    strategic_space: T_Float  # (B, T+1, n)
    dependence: T_Float  # (B, T+1, n, n) of row on column
    alignment: T_Float  # (B, T+1, n) toward poles[0] rather than poles[1]
    poles: tuple[str, str]
    fired: tuple[tuple[int, float, str, str], ...]  # (member, year, kind, id)

    @property
    def n_members(self) -> int:
        """Number of ensemble members."""
        return int(self.power.shape[0])

    @property
    def n_steps(self) -> int:
        """Number of steps after the start."""
        return int(self.years.size - 1)

    def step_of(self, year: float) -> int:
        """Return the step index of a year (the last step at or before it)."""
        idx = int(np.searchsorted(self.years, year + 1e-9, side="right") - 1)
        return max(0, min(idx, self.n_steps))

    def relations_at(self, step: int) -> T_Float:
        """Return the relations (B, n, n) at a kept step."""
        where = np.flatnonzero(self.relation_steps == step)
        if where.size == 0:
            raise KeyError(f"relations were not kept at step {step}")
        return self.relations[:, int(where[0])]

    def member(self, b: int) -> Trajectory:
        """Return the trajectory of one member (a batch of one)."""
        sl = slice(b, b + 1)
        return Trajectory(
            actors=self.actors,
            issues=self.issues,
            indicator_names=self.indicator_names,
            years=self.years,
            interventions=self.interventions,
            seed=self.seed,
            power=self.power[sl],
            levels=self.levels[sl],
            relations=self.relations[sl],
            relation_steps=self.relation_steps,
            positions=self.positions[sl],
            salience=self.salience[sl],
            forecast=self.forecast[sl],
            median=self.median[sl],
            mean=self.mean[sl],
            blocs=self.blocs[sl],
            frustration=self.frustration[sl],
            polarity=self.polarity[sl],
            bipolarity=self.bipolarity[sl],
            bipolarity_share=self.bipolarity_share[sl],
            antagonism=self.antagonism[sl],
            strategic_space=self.strategic_space[sl],
            dependence=self.dependence[sl],
            alignment=self.alignment[sl],
            poles=self.poles,
            fired=tuple(f for f in self.fired if f[0] == b),
        )


# --------------------------------------------------------------------------------------------
# the state


@dataclass
class _State:
    levels: T_Float  # (B, n, m)
    growth: T_Float  # (B, n, m)
    R: T_Float  # (B, n, n)
    baseline: T_Float
    locked: T_Bool
    lower: T_Float
    upper: T_Float
    ties: T_Float  # (B, n, n)
    positions: T_Float  # (B, k, n)
    salience: T_Float  # (B, k, n)
    clout: T_Float  # (B, k, n), NaN = power
    status_quo: T_Float  # (B, k)
    params: dict[str, T_Float]  # name -> (B,)
    forecast: T_Float  # (B, k), the last forecasts (for effect conditions)
    power: T_Float  # (B, n)


def _index(c: CompiledScenario) -> TargetIndex:
    s = c.scenario
    return TargetIndex(
        actors=set(c.actors),
        issues={i.id: {p.actor for p in i.positions} for i in s.issues},
        indicators=set(c.indicator_names),
    )


def _initial_state(c: CompiledScenario, n_members: int) -> _State:
    B = n_members
    s = c.scenario

    def rep(a: NDArray[Any]) -> NDArray[Any]:
        return np.repeat(a[None], B, axis=0).copy()

    params = {
        name: np.full(B, float(s.parameters.get(name, spec.default)))
        for name, spec in PARAMETERS.items()
    }
    k = len(c.issues)
    status_quo = np.full((B, k), np.nan)
    for q, issue in enumerate(s.issues):
        if issue.status_quo is not None:
            status_quo[:, q] = issue.status_quo
    return _State(
        levels=rep(c.levels),
        growth=rep(c.growth),
        R=rep(c.relations),
        baseline=rep(c.relations),
        locked=rep(c.locked),
        lower=rep(c.lower),
        upper=rep(c.upper),
        ties=rep(c.ties),
        positions=rep(np.stack([i.position for i in c.issues])) if k else np.zeros((B, 0, c.n)),
        salience=rep(np.stack([i.salience for i in c.issues])) if k else np.zeros((B, 0, c.n)),
        clout=rep(np.stack([i.clout for i in c.issues])) if k else np.zeros((B, 0, c.n)),
        status_quo=status_quo,
        params=params,
        forecast=np.full((B, k), np.nan),
        power=rep(c.power),
    )


# --------------------------------------------------------------------------------------------
# changes


def _combine(old: T_Float, op: str, value: T_Float) -> T_Float:
    if op == "set":
        return np.broadcast_to(value, old.shape).astype(np.float64)
    # an overflow gives inf, which the run refuses with its place (_check_levels)
    with np.errstate(over="ignore", invalid="ignore"):
        if op == "add":
            return old + value
        return old * value


def apply_change(
    state: _State,
    target: Target,
    op: Literal["set", "add", "scale"],
    value: T_Value,
    mask: T_Bool,
    c: CompiledScenario,
) -> None:
    """Apply one change to the members selected by ``mask`` (in place)."""
    if not mask.any():
        return
    idx = np.flatnonzero(mask)
    pos = {code: i for i, code in enumerate(c.actors)}
    issue_pos = {issue.id: q for q, issue in enumerate(c.issues)}
    if isinstance(value, str):
        if target.section == "relations" and target.field == "kind":
            return  # a relation's kind is a label: its weight and commitment carry the dynamics
        raise EquipoiseError(f"{target.text}: a text value can only set a relation's kind")
    v = np.asarray(value, dtype=np.float64)
    v = v[idx] if v.ndim == 1 else np.broadcast_to(v, idx.shape)

    if target.section == "relations":
        a, b = pos[target.keys[0]], pos[target.keys[1]]
        cells = [(a, b)] if c.directed[a, b] else [(a, b), (b, a)]
        for i, j in cells:
            if target.field == "weight":
                old = state.R[idx, i, j]
                new = _combine(old, op, v)
                lo, hi = state.lower[idx, i, j], state.upper[idx, i, j]
                new = np.clip(new, np.maximum(lo, -1.0), np.minimum(hi, 1.0))
                state.baseline[idx, i, j] = np.clip(
                    state.baseline[idx, i, j] + (new - old), -1.0, 1.0
                )
                state.R[idx, i, j] = new
            elif target.field == "commitment":
                state.locked[idx, i, j] = (
                    _combine(state.locked[idx, i, j].astype(float), op, v) > 0.5
                )
            elif target.field in ("lower", "upper"):
                arr = state.lower if target.field == "lower" else state.upper
                arr[idx, i, j] = np.clip(_combine(arr[idx, i, j], op, v), -1.0, 1.0)
                state.R[idx, i, j] = np.clip(
                    state.R[idx, i, j], state.lower[idx, i, j], state.upper[idx, i, j]
                )
            else:  # pragma: no cover - targets are checked at validation
                raise EquipoiseError(f"cannot change {target.text}")
        return
    if target.section == "issues":
        q = issue_pos[target.keys[0]]
        if target.field == "status_quo":
            state.status_quo[idx, q] = np.clip(_combine(state.status_quo[idx, q], op, v), 0, 100)
            return
        i = pos[target.keys[1]]
        if target.field == "position":
            state.positions[idx, q, i] = np.clip(
                _combine(state.positions[idx, q, i], op, v), 0, 100
            )
        elif target.field == "salience":
            state.salience[idx, q, i] = np.clip(_combine(state.salience[idx, q, i], op, v), 0, 1)
        else:  # clout: a missing clout means "the actor's power"
            old = np.where(
                np.isnan(state.clout[idx, q, i]), state.power[idx, i], state.clout[idx, q, i]
            )
            state.clout[idx, q, i] = np.maximum(_combine(old, op, v), 0.0)
        return
    if target.section in ("indicators", "trends"):
        j = c.indicator_names.index(target.keys[0])
        i = pos[target.keys[1]]
        arr = state.levels if target.section == "indicators" else state.growth
        new = _combine(arr[idx, i, j], op, v)
        if target.section == "indicators":
            new = np.maximum(new, 0.0)
        arr[idx, i, j] = new
        return
    if target.section == "ties":
        i, j = pos[target.keys[0]], pos[target.keys[1]]
        state.ties[idx, i, j] = np.clip(_combine(state.ties[idx, i, j], op, v), 0.0, 1.0)
        return
    if target.section == "parameters":
        name = target.keys[0]
        spec = PARAMETERS[name]
        state.params[name][idx] = np.clip(
            _combine(state.params[name][idx], op, v), spec.low, spec.high
        )
        return
    raise EquipoiseError(f"{target.text} cannot be changed")  # pragma: no cover


def _inverse(change: Change) -> tuple[Literal["set", "add", "scale"], T_Value]:
    if change.add is not None:
        return "add", -change.add
    if change.scale is not None:
        if change.scale == 0:
            raise EquipoiseError(f"cannot revert a scale by 0 of {change.target}")
        return "scale", 1.0 / change.scale
    raise EquipoiseError(
        f"cannot revert 'set' on {change.target}: give the counterfactual as changes instead"
    )


def _change_value(change: Change) -> T_Value:
    value = (
        change.set
        if change.set is not None
        else (change.add if change.add is not None else change.scale)
    )
    assert value is not None
    return value


# --------------------------------------------------------------------------------------------
# parameters of the engines


def _alignment_params(values: Mapping[str, T_Float], dt: float) -> AlignmentParams:
    """Alignment parameters with one rate per member; substeps meet the step condition."""
    beta, alpha, lam = values["balance_rate"], values["affinity_rate"], values["inertia_rate"]
    load = float(np.max((2.0 * (beta + alpha) + lam) * dt))
    substeps = max(2, math.ceil(load - 1e-12))
    return AlignmentParams(
        balance_rate=beta,
        power_exponent=values["balance_power_exponent"],
        affinity_rate=alpha,
        inertia_rate=lam,
        dt=dt,
        substeps=substeps,
    )


def _param_groups(
    params: dict[str, T_Float], names: Sequence[str]
) -> list[tuple[T_Int, dict[str, float]]]:
    """Group members with identical values of ``names`` (one engine call per group)."""
    stacked = np.stack([params[n] for n in names], axis=-1)
    unique, inverse = np.unique(stacked, axis=0, return_inverse=True)
    inverse = inverse.reshape(-1)
    return [
        (np.flatnonzero(inverse == g), {n: float(unique[g, j]) for j, n in enumerate(names)})
        for g in range(unique.shape[0])
    ]


# --------------------------------------------------------------------------------------------
# the loop


def _bargain_step(
    state: _State, c: CompiledScenario, rounds: int, eu_q: T_Float
) -> tuple[T_Float, T_Float, T_Float]:
    B, k = state.positions.shape[0], len(c.issues)
    forecast = np.full((B, k), np.nan)
    median = np.full((B, k), np.nan)
    mean = np.full((B, k), np.nan)
    for q, issue in enumerate(c.issues):
        members = np.flatnonzero(issue.members)
        x = state.positions[:, q, members]
        sal = state.salience[:, q, members]
        declared = state.clout[:, q, members]
        cap = np.where(np.isnan(declared), state.power[:, members], declared)
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
        if issue.model == "eu":
            groups = _param_groups({"eu_q": eu_q}, ["eu_q"])
            for rows, vals in groups:
                result = run_expected_utility(
                    cap[rows],
                    x[rows],
                    sal[rows],
                    scale=(0.0, 100.0),
                    rounds=rounds,
                    options=EUOptions(Q=vals["eu_q"]),
                    keep_dyads=False,
                )
                new = result.positions[..., -1, :]
                state.positions[np.ix_(rows, np.array([q]), members)] = np.where(
                    usable[rows, None], new, x[rows]
                )[:, None, :]
                forecast[rows, q] = result.forecast
                # the weighted median and mean of the round's new positions, as the
                # static models would compute them from those positions
                median[rows, q] = result.median[..., -1]
                mean[rows, q] = result.mean[..., -1]
    state.forecast = forecast
    return forecast, median, mean


def _condition_value(state: _State, target: Target, c: CompiledScenario) -> T_Float:
    pos = {code: i for i, code in enumerate(c.actors)}
    if target.section == "issues" and target.field == "outcome":
        q = [i.id for i in c.issues].index(target.keys[0])
        return state.forecast[:, q]
    if target.section == "issues" and target.field == "status_quo":
        q = [i.id for i in c.issues].index(target.keys[0])
        return state.status_quo[:, q]
    if target.section == "issues":
        q = [i.id for i in c.issues].index(target.keys[0])
        arr = {"position": state.positions, "salience": state.salience, "clout": state.clout}[
            target.field
        ]
        return arr[:, q, pos[target.keys[1]]]
    if target.section == "relations":
        a, b = pos[target.keys[0]], pos[target.keys[1]]
        arr = {"weight": state.R, "lower": state.lower, "upper": state.upper}.get(
            target.field, state.R
        )
        return arr[:, a, b]
    if target.section == "power":
        return state.power[:, pos[target.keys[0]]]
    if target.section in ("indicators", "trends"):
        j = c.indicator_names.index(target.keys[0])
        arr = state.levels if target.section == "indicators" else state.growth
        return arr[:, pos[target.keys[1]], j]
    if target.section == "ties":
        return state.ties[:, pos[target.keys[0]], pos[target.keys[1]]]
    return state.params[target.keys[0]]


def simulate(
    compiled: CompiledScenario,
    *,
    interventions: Sequence[str] = (),
    patches: Sequence[Patch] = (),
    n_members: int = 1,
    rng: np.random.Generator | int | Sequence[np.random.Generator] | None = None,
    options: SimulationOptions | None = None,
) -> Trajectory:
    """Simulate a compiled scenario over its horizon.

    Parameters
    ----------
    compiled : CompiledScenario
        From :func:`equipoise.compile.compile_scenario`.
    interventions : sequence of str
        Names of the scenario's interventions to apply at their year.
    patches : sequence of Patch
        Per-member changes applied at step 0 before anything else (sampled uncertainties).
    n_members : int
        Number of ensemble members in the batch (each patch has one value per member).
    rng : Generator, int, sequence of Generator, or None
        Random numbers for the stochastic parts (the ``growth_noise`` shocks); ``None`` uses
        the scenario's seed. A sequence gives each member its own stream (length
        ``n_members``), so a member's numbers do not depend on the batch it runs in (the
        ensembles use this for common random numbers). The loop is deterministic given it.
    options : SimulationOptions, optional
        What to compute and keep.

    Returns
    -------
    Trajectory

    Raises
    ------
    EquipoiseError
        For an unknown intervention or an intervention that cannot be applied.
    """
    options = options or SimulationOptions()
    s = compiled.scenario
    seed: int | None = None
    member_gens: list[np.random.Generator] | None = None
    if rng is None:
        seed = s.scenario.seed
        gen = np.random.default_rng(seed)
    elif isinstance(rng, int | np.integer):
        seed = int(rng)
        gen = np.random.default_rng(seed)
    elif isinstance(rng, np.random.Generator):
        gen = rng
    else:
        member_gens = list(rng)
        if len(member_gens) != n_members:
            raise EquipoiseError(f"expected {n_members} member generators, got {len(member_gens)}")
        gen = member_gens[0]
    known = {i.name for i in s.interventions}
    unknown = [name for name in interventions if name not in known]
    if unknown:
        raise EquipoiseError(
            f"unknown intervention(s) {', '.join(unknown)} (scenario has: {', '.join(sorted(known)) or 'none'})"
        )
    B = n_members
    for patch in patches:
        if np.shape(patch.values) != (B,):
            raise EquipoiseError(
                f"patch {patch.target}: expected {B} values, got shape {np.shape(patch.values)}"
            )

    index = _index(compiled)
    start = float(s.scenario.start_year)
    dt = float(s.scenario.time_step)
    T = max(1, round(s.scenario.horizon / dt))
    years: T_Float = start + dt * np.arange(T + 1, dtype=np.float64)
    n, k, m = compiled.n, len(compiled.issues), len(compiled.indicator_names)
    kinds = tuple(a.kind for a in s.actors)
    everyone = np.ones(B, dtype=bool)

    # schedule: (year, kind, id, changes as (target, op, value))
    schedule: list[
        tuple[float, str, str, list[tuple[Target, Literal["set", "add", "scale"], T_Value]]]
    ] = []
    for event in s.events:
        if event.year >= s.scenario.start_year:
            schedule.append(
                (
                    float(event.year),
                    "event",
                    event.id,
                    [
                        (parse_target(ch.target, index), ch.op, _change_value(ch))
                        for ch in event.changes
                    ],
                )
            )
    events_by_id = {e.id: e for e in s.events}
    for name in interventions:
        iv = s.intervention(name)
        changes: list[tuple[Target, Literal["set", "add", "scale"], T_Value]] = []
        for event_id in iv.revert:
            for ch in events_by_id[event_id].changes:
                op, val = _inverse(ch)
                changes.append((parse_target(ch.target, index), op, val))
        changes.extend(
            (parse_target(ch.target, index), ch.op, _change_value(ch)) for ch in iv.changes
        )
        schedule.append((float(max(iv.year, s.scenario.start_year)), "intervention", name, changes))
    schedule.sort(key=lambda item: (item[0], 0 if item[1] == "event" else 1))
    effects = [
        (
            e,
            parse_target(e.when.target, index, condition=True),
            [(parse_target(ch.target, index), ch.op, _change_value(ch)) for ch in e.changes],
        )
        for e in s.effects
    ]
    effect_fired = np.zeros((B, len(effects)), dtype=bool)
    fired: list[tuple[int, float, str, str]] = []

    state = _initial_state(compiled, B)
    for patch in patches:
        apply_change(
            state, parse_target(patch.target, index), patch.op, patch.values, everyone, compiled
        )

    # outputs
    power_out = np.zeros((B, T + 1, n))
    levels_out = np.zeros((B, T + 1, n, m))
    keep = np.arange(T + 1) if options.keep_relations else np.array([0, T])
    rel_out = np.zeros((B, keep.size, n, n))
    pos_out = np.zeros((B, T + 1, k, n))
    sal_out = np.zeros((B, T + 1, k, n))
    fc_out = np.zeros((B, T + 1, k))
    med_out = np.zeros((B, T + 1, k))
    mean_out = np.zeros((B, T + 1, k))
    blocs_out = np.full((B, T + 1, n), -2, dtype=np.int64)
    frus_out = np.full((B, T + 1), np.nan)
    pol_out = np.full((B, T + 1), np.nan)
    bip_out = np.full((B, T + 1), np.nan)
    share_out = np.full((B, T + 1), np.nan)
    ant_out = np.full((B, T + 1), np.nan)
    space_out = np.zeros((B, T + 1, n))
    dep_out = np.zeros((B, T + 1, n, n))
    align_out = np.zeros((B, T + 1, n))

    if options.bloc_steps == "all":
        bloc_steps = set(range(T + 1))
    elif options.bloc_steps == "last":
        bloc_steps = {T}
    else:
        bloc_steps = {min(max(int(t), 0), T) for t in options.bloc_steps}

    # poles for alignment: the two most powerful actors at the start
    order = np.argsort(-compiled.power, kind="stable")
    pole_a, pole_b = int(order[0]), int(order[1]) if n > 1 else int(order[0])
    poles = (compiled.actors[pole_a], compiled.actors[pole_b])

    def apply_scheduled(lo: float, hi: float, first: bool) -> None:
        for year, kind, ident, changes in schedule:
            if (first and year <= hi) or (not first and lo < year <= hi):
                for target, op, value in changes:
                    apply_change(state, target, op, value, everyone, compiled)
                fired.extend((b, year, kind, ident) for b in range(B))

    def fire_effects(year: float) -> None:
        for e_idx, (effect, cond, changes) in enumerate(effects):
            value = _condition_value(state, cond, compiled)
            above, below = effect.when.above, effect.when.below
            holds = value > above if above is not None else value < float(below or 0.0)
            holds = holds & np.isfinite(value)
            if effect.mode == "once":
                holds = holds & ~effect_fired[:, e_idx]
            if holds.any():
                for target, op, val in changes:
                    apply_change(state, target, op, val, holds, compiled)
                effect_fired[:, e_idx] |= holds
                fired.extend((int(b), year, "effect", effect.id) for b in np.flatnonzero(holds))

    def record(t: int, forecast: T_Float, median: T_Float, mean: T_Float) -> None:
        power_out[:, t] = state.power
        levels_out[:, t] = state.levels
        if t in keep:
            rel_out[:, int(np.flatnonzero(keep == t)[0])] = state.R
        pos_out[:, t] = state.positions
        sal_out[:, t] = state.salience
        fc_out[:, t] = forecast
        med_out[:, t] = median
        mean_out[:, t] = mean
        space_out[:, t] = metrics.strategic_space(state.R, state.power)
        dep_out[:, t] = metrics.dependence(state.R, state.power, ties=state.ties)
        if n > 1:
            align_out[:, t] = metrics.alignment(state.R, state.power, toward=pole_a, against=pole_b)
        if t in bloc_steps:
            threshold = state.params["bloc_threshold"]
            if n <= metrics.ENUMERATE_MAX:
                labels, frus, total = metrics.blocs_many(state.R, state.power, threshold=threshold)
                blocs_out[:, t] = labels
                frus_out[:, t] = np.divide(frus, total, out=np.zeros_like(frus), where=total > 0)
            else:
                for b in range(B):
                    part = metrics.blocs(
                        state.R[b], state.power[b], threshold=float(threshold[b]), seed=0
                    )
                    blocs_out[b, t] = part.labels
                    frus_out[b, t] = part.normalised
            labels = blocs_out[:, t]
            pol_out[:, t] = metrics.polarity(labels, state.power)
            bip = metrics.bipolarity(state.R, state.power, labels)
            bip_out[:, t] = bip.index
            share_out[:, t] = bip.share
            ant_out[:, t] = bip.antagonism

    def update_power(year: float) -> None:
        _check_levels(state, compiled, year)
        state.power = batch_power(compiled, state.levels, kinds)

    # step 0
    update_power(start)
    apply_scheduled(-math.inf, start, first=True)
    update_power(start)
    forecast, median, mean = _bargain_step(state, compiled, 0, state.params["eu_q"])
    record(0, forecast, median, mean)

    for t in range(1, T + 1):
        year = float(years[t])
        noise = state.params["growth_noise"]
        factor = (1.0 + state.growth) ** dt
        if np.any(noise > 0):
            sd = noise[:, None, None] * math.sqrt(dt)
            if member_gens is None:
                z = gen.normal(0.0, 1.0, size=factor.shape)
            else:
                z = np.stack([g.normal(0.0, 1.0, size=factor.shape[1:]) for g in member_gens])
            factor = factor * np.exp(z * sd - 0.5 * sd**2)
        with np.errstate(over="ignore", invalid="ignore"):
            state.levels = state.levels * factor
        update_power(year)
        apply_scheduled(float(years[t - 1]), year, first=False)
        update_power(year)
        rounds = np.rint(state.params["bargaining_rounds"] * dt).astype(int)
        forecast = np.zeros((B, k))
        median = np.zeros((B, k))
        mean = np.zeros((B, k))
        for r in np.unique(rounds):
            rows = np.flatnonzero(rounds == r)
            sub = _subset(state, rows)
            f, md, mn = _bargain_step(sub, compiled, int(r), sub.params["eu_q"])
            _merge(state, sub, rows)
            forecast[rows], median[rows], mean[rows] = f, md, mn
        state.forecast = forecast
        fire_effects(year)
        pos_filled = np.where(np.isnan(state.positions), 50.0, state.positions)
        affinity = affinity_matrix(pos_filled, state.salience) if k else None
        state.R = alignment_step(
            state.R,
            power=state.power,
            baseline=state.baseline,
            affinity=affinity,
            locked=state.locked,
            lower=state.lower,
            upper=state.upper,
            params=_alignment_params(state.params, dt),
        )
        record(t, forecast, median, mean)

    fired.sort(key=lambda f: (f[0], f[1]))
    return Trajectory(
        actors=compiled.actors,
        issues=tuple(i.id for i in compiled.issues),
        indicator_names=compiled.indicator_names,
        years=years,
        interventions=tuple(interventions),
        seed=seed,
        power=power_out,
        levels=levels_out,
        relations=rel_out,
        relation_steps=keep.astype(np.int64),
        positions=pos_out,
        salience=sal_out,
        forecast=fc_out,
        median=med_out,
        mean=mean_out,
        blocs=blocs_out,
        frustration=frus_out,
        polarity=pol_out,
        bipolarity=bip_out,
        bipolarity_share=share_out,
        antagonism=ant_out,
        strategic_space=space_out,
        dependence=dep_out,
        alignment=align_out,
        poles=poles,
        fired=tuple(fired),
    )


def _check_levels(state: _State, c: CompiledScenario, year: float) -> None:
    """Refuse indicator levels or growth rates that left the numbers a run can hold.

    Changes (``scale`` in an effect that fires every step, a growth rate set to -1 or
    below...) can push an indicator past float64's largest number or make its growth
    meaningless; the run stops with the indicator, the actor and the year instead of
    computing power from infinities.

    Raises
    ------
    InputError
        Naming the first indicator and actor at fault, and the year.
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


#: The largest indicator level a run may reach (docs/scenario-format.md, "Limits"): 1e150,
#: far above any real quantity and far enough below float64's 1.8e308 that the power
#: indices' sums and products of two levels (GDP x GDP per capita) stay finite.
MAX_LEVEL = 1e150


def _subset(state: _State, rows: T_Int) -> _State:
    return _State(
        levels=state.levels[rows],
        growth=state.growth[rows],
        R=state.R[rows],
        baseline=state.baseline[rows],
        locked=state.locked[rows],
        lower=state.lower[rows],
        upper=state.upper[rows],
        ties=state.ties[rows],
        positions=state.positions[rows],
        salience=state.salience[rows],
        clout=state.clout[rows],
        status_quo=state.status_quo[rows],
        params={k: v[rows] for k, v in state.params.items()},
        forecast=state.forecast[rows],
        power=state.power[rows],
    )


def _merge(state: _State, sub: _State, rows: T_Int) -> None:
    state.positions[rows] = sub.positions


__all__ = ["Patch", "SimulationOptions", "Trajectory", "apply_change", "simulate"]
