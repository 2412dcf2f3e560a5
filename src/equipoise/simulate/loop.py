"""The time loop: :func:`simulate`."""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

from equipoise.compile import CompiledScenario
from equipoise.errors import EquipoiseError
from equipoise.random import member_rngs
from equipoise.simulate.changes import Action, apply, compiled_changes, fire_effects
from equipoise.simulate.inputs import Patch, SimulationOptions
from equipoise.simulate.recorder import Recorder
from equipoise.simulate.shocks import apply_shocks, batch_draws, compiled_shocks, member_sequences
from equipoise.simulate.state import State, initial_state
from equipoise.simulate.steps import (
    T_Normal,
    balance,
    bargain,
    check_levels,
    grow,
    growth_shocks,
    update_power,
)
from equipoise.simulate.trajectory import Trajectory

T_Rng = np.random.Generator | int | Sequence[np.random.Generator] | None


def simulate(
    compiled: CompiledScenario,
    *,
    interventions: Sequence[str] = (),
    patches: Sequence[Patch] = (),
    n_members: int = 1,
    rng: T_Rng = None,
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
        Random numbers for the stochastic parts (the ``growth_noise`` shocks; the declared
        ``[[shocks]]`` draw from a child of each member's seed sequence,
        :func:`equipoise.simulate.shocks.member_sequences`). A seed (``None``:
        the scenario's) gives member ``k`` of the batch the seed's member stream ``k``
        (:func:`equipoise.random.member_rng`), so a single run at a seed is member 0 of an
        ensemble at that seed. A sequence gives each member its own stream (length
        ``n_members``), so a member's numbers do not depend on the batch it runs in (the
        ensembles use this for common random numbers); one generator is shared by the batch.
        The loop is deterministic given it.
    options : SimulationOptions, optional
        What to compute and keep, and a per-step hook (progress, cancellation).

    Returns
    -------
    Trajectory

    Raises
    ------
    EquipoiseError
        For an unknown intervention, an intervention that cannot be applied, or patches of
        the wrong length.
    """
    options = options or SimulationOptions()
    s = compiled.scenario.scenario
    B, dt = n_members, float(s.time_step)
    T = max(1, round(s.horizon / dt))
    years = float(s.start_year) + dt * np.arange(T + 1, dtype=np.float64)
    seed, normal = _streams(rng, B, s.seed)
    changes = compiled_changes(compiled)
    _check(changes.interventions, interventions, patches, B)
    schedule = changes.schedule(tuple(interventions))
    kinds = tuple(a.kind for a in compiled.scenario.actors)
    state = initial_state(compiled, B)
    for patch in patches:
        apply(state, changes.locate(patch.target, compiled), patch.op, patch.values, _all(B))
    recorder = Recorder(compiled, B, T, options)
    shocks = compiled_shocks(compiled, years)
    draws = batch_draws(compiled, shocks, member_sequences(rng, B, s.seed)) if shocks else None
    if draws is not None:
        recorder.shock_names = tuple(sh.shock.name for sh in shocks)
        recorder.shock_counts = draws.counts()
    once = np.zeros((B, len(changes.effects)), dtype=bool)

    start = float(years[0])
    update_power(state, compiled, kinds, start)  # step 0: the start year, and history before it
    recorder.fired += _scheduled(state, schedule, -math.inf, start)
    update_power(state, compiled, kinds, start)
    recorder.record(0, state, *bargain(state, compiled, np.zeros(B, dtype=np.int64)))
    _notify(options, 0, T)
    for t in range(1, T + 1):
        year = float(years[t])
        check_levels(state, compiled, year)  # a growth rate of -100 % stops here, located
        grow(state, dt, growth_shocks(state, dt, normal))
        update_power(state, compiled, kinds, year)
        recorder.fired += _scheduled(state, schedule, float(years[t - 1]), year)
        if draws is not None:  # the declared shocks of the step, per member (simulate/shocks.py)
            recorder.fired += apply_shocks(state, shocks, draws, t, year)
        update_power(state, compiled, kinds, year)
        rounds = np.rint(state.params["bargaining_rounds"] * dt).astype(int)
        outcomes = bargain(state, compiled, rounds)
        recorder.fired += fire_effects(state, changes.effects, once, float(years[t]))
        balance(state, dt)
        recorder.record(t, state, *outcomes)
        _notify(options, t, T)
    return recorder.trajectory(years, interventions, seed)


def _all(n_members: int) -> NDArray[np.bool_]:
    return np.ones(n_members, dtype=bool)


def _scheduled(
    state: State, schedule: Sequence[Action], after: float, until: float
) -> list[tuple[int, float, str, str]]:
    """Apply the events and interventions dated in ``(after, until]`` to every member."""
    fired: list[tuple[int, float, str, str]] = []
    everyone = _all(state.n_members)
    for action in schedule:
        if after < action.year <= until:
            for change in action.changes:
                apply(state, change.at, change.op, change.value, everyone)
            fired.extend((b, action.year, action.kind, action.ident) for b in range(len(everyone)))
    return fired


def _notify(options: SimulationOptions, step: int, n_steps: int) -> None:
    if options.on_step is not None:
        options.on_step(step, n_steps)


def _streams(rng: T_Rng, n_members: int, scenario_seed: int) -> tuple[int | None, T_Normal]:
    """Return the seed to record and a draw of standard normals of a shape ``(B, ...)``."""
    if isinstance(rng, np.random.Generator):
        shared = rng
        return None, lambda shape: shared.normal(0.0, 1.0, size=shape)
    seed: int | None = None
    if rng is None or isinstance(rng, int | np.integer):
        # one seed path (equipoise.random): member k of the batch draws from the seed's member
        # stream k, so a single run at a seed is member 0 of an ensemble at that seed
        seed = scenario_seed if rng is None else int(rng)
        gens = member_rngs(seed, range(n_members))
        return seed, lambda shape: np.stack([g.normal(0.0, 1.0, size=shape[1:]) for g in gens])
    gens = list(rng)
    if len(gens) != n_members:
        raise EquipoiseError(f"expected {n_members} member generators, got {len(gens)}")
    return None, lambda shape: np.stack([g.normal(0.0, 1.0, size=shape[1:]) for g in gens])


def _check(
    known: Sequence[str] | dict[str, Action],
    interventions: Sequence[str],
    patches: Sequence[Patch],
    n_members: int,
) -> None:
    unknown = [name for name in interventions if name not in known]
    if unknown:
        raise EquipoiseError(
            f"unknown intervention(s) {', '.join(unknown)} "
            f"(scenario has: {', '.join(sorted(known)) or 'none'})"
        )
    for patch in patches:
        if np.shape(patch.values) != (n_members,):
            raise EquipoiseError(
                f"patch {patch.target}: expected {n_members} values, "
                f"got shape {np.shape(patch.values)}"
            )


__all__ = ["simulate"]
