r"""Shocks: declared stochastic processes, drawn per member and applied as events.

A scenario's ``[[shocks]]`` (:class:`~equipoise.scenario.schema.Shock`) are what the scenario
cannot foresee: a change of government at a scheduled election, an armed conflict, a pandemic
wave, a sanctions episode. Each is a process in time with an effect when it strikes.

**Timing.** Step :math:`t \ge 1` of the loop covers the years :math:`(y_{t-1}, y_t]`, of length
:math:`\Delta t`. A ``hazard`` shock with the annual probability :math:`r` is a Poisson process
of intensity :math:`\lambda = -\ln(1 - r)` per year, observed once a step: it occurs in a step
with

.. math:: p = 1 - e^{-\lambda \Delta t} = 1 - (1 - r)^{\Delta t},

so that over a year of steps the probability of at least one occurrence is :math:`r` whatever
:math:`\Delta t` (computed as ``-expm1(dt * log1p(-r))``, exact for small :math:`r`). A step
counts at most one occurrence (a Bernoulli trial); with :math:`\Delta t = 1` and :math:`r` small
the expected count differs from the Poisson one by :math:`O(r^2)`. A ``scheduled`` shock
occurs at each of its years :math:`a` with the probability :math:`q`, in the step with
:math:`y_{t-1} < a \le y_t`; several of its years in one step give
:math:`p = 1 - \prod (1 - q)`. Nothing occurs at step 0: the start state is given.

**Actors.** A shock with actors hits, per occurrence, one of them drawn uniformly
(``pick = "one"``), each of them with its own trial (``pick = "each"``: the rate is per
actor-year), or all of them at once (``pick = "all"``). ``{actor}`` in a change target stands for the actor hit.

**Sampling.** Member :math:`k` draws shock :math:`s` from its own stream
(:func:`equipoise.random.shock_sequence`), in a fixed layout whatever the probabilities: the
uniforms of the trials (steps × trials), of the actor picked (steps) and of the effect sizes
(steps × slots × changes), in that order. An occurrence is :math:`u < p`; an effect size is
the inverse CDF of its distribution at its uniform. The occurrences are a function of the
scenario, the seed and the member only, not of the state or the interventions, so every arm
of a member sees the same shocks (common random numbers: paired differences stay paired), in
any batch and on any executor.

**Application.** In step :math:`t`, after the scheduled events and interventions, the
occurrences of that step apply their changes to the members they hit (a change moves a value
and its reference level, as events do, :mod:`equipoise.simulate.changes`). With a
``duration`` :math:`d`, an occurrence of step :math:`t` is undone in step
:math:`t + \max(1, \lfloor d / \Delta t + 1/2 \rfloor)` by the inverse change (``add -x``,
``scale 1/x``), before that step's new occurrences, as an intervention reverts an event; a
value clipped at a bound in between does not come back exactly.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from scipy.special import ndtri

from equipoise.compile import CompiledScenario
from equipoise.errors import EquipoiseError
from equipoise.random import member_sequence, shock_sequence
from equipoise.scenario.schema import ACTOR_PLACEHOLDER, Distribution, Shock
from equipoise.scenario.targets import parse_target
from equipoise.simulate.changes import Location, T_Op, apply, compiled_changes, locate
from equipoise.simulate.state import State

T_Float = NDArray[np.float64]
T_Bool = NDArray[np.bool_]
T_Int = NDArray[np.int64]


def step_probability(rate: float, dt: float) -> float:
    r"""Return the probability that a process of annual probability ``rate`` occurs in ``dt`` years.

    Parameters
    ----------
    rate : float
        The probability of at least one occurrence in a year, in :math:`[0, 1]`.
    dt : float
        The step length in years (positive).

    Returns
    -------
    float
        :math:`1 - e^{-\lambda \Delta t}` with :math:`\lambda = -\ln(1 - r)`, i.e.
        :math:`1 - (1 - r)^{\Delta t}`; 1 for ``rate = 1``.

    Examples
    --------
    >>> round(step_probability(0.19, 0.5), 6)  # 1 - sqrt(0.81)
    0.1
    >>> step_probability(0.3, 1.0)
    0.3
    """
    if not 0.0 <= rate <= 1.0:
        raise ValueError(f"rate must be between 0 and 1, got {rate}")
    if dt <= 0:
        raise ValueError(f"dt must be positive, got {dt}")
    if rate == 1.0:
        return 1.0
    return float(-math.expm1(dt * math.log1p(-rate)))


def step_probabilities(shock: Shock, years: T_Float) -> T_Float:
    """Return the probability of an occurrence of ``shock`` in each step (0 at step 0).

    Parameters
    ----------
    shock : Shock
    years : ndarray, shape (T + 1,)
        The year of each step (step 0 is the start year).
    """
    p = np.zeros(years.size)
    if years.size < 2:
        return p
    if shock.kind == "hazard":
        assert shock.rate is not None
        dt = float(years[1] - years[0])
        p[1:] = step_probability(shock.rate, dt)
        return p
    assert shock.at_years is not None and shock.probability is not None
    for t in range(1, years.size):
        n_in = sum(1 for a in shock.at_years if years[t - 1] < a <= years[t])
        p[t] = 1.0 - (1.0 - shock.probability) ** n_in
    return p


def quantile(size: float | bool | Distribution, u: T_Float) -> T_Float:
    r"""Map uniforms ``u`` to effect sizes: a fixed size, or the distribution's inverse CDF.

    The formulas of :func:`equipoise.experiments.analysis.to_values` (uniform
    :math:`a + (b-a)u`; normal :math:`\mu + \sigma\Phi^{-1}(u)`; triangular by its closed-form
    inverse; a choice by the cumulative weights).
    """
    if not isinstance(size, Distribution):
        return np.full(u.shape, float(size))
    d = size
    if d.distribution == "uniform":
        assert d.low is not None and d.high is not None
        return d.low + (d.high - d.low) * u
    if d.distribution == "normal":
        assert d.mean is not None and d.sd is not None
        eps = np.finfo(np.float64).eps
        z = np.asarray(ndtri(np.clip(u, eps, 1.0 - eps)), dtype=np.float64)
        return d.mean + d.sd * z
    if d.distribution == "triangular":
        assert d.low is not None and d.high is not None and d.mode is not None
        a, b, m = d.low, d.high, d.mode
        c = (m - a) / (b - a)
        left = a + np.sqrt(u * (b - a) * (m - a))
        right = b - np.sqrt((1.0 - u) * (b - a) * (b - m))
        return np.where(u < c, left, right)
    assert d.choices is not None
    w = np.ones(len(d.choices)) if d.weights is None else np.asarray(d.weights, dtype=float)
    cum = np.cumsum(w / w.sum())
    idx = np.minimum(np.searchsorted(cum, u, side="right"), len(d.choices) - 1)
    return np.asarray(d.choices, dtype=np.float64)[idx]


@dataclass(frozen=True)
class CompiledShock:
    """A shock with its step probabilities and its targets resolved for each actor it hits.

    Attributes
    ----------
    shock : Shock
        The declaration.
    p : ndarray, shape (T + 1,)
        Probability of an occurrence in each step.
    codes : tuple of str
        The actors it can hit (empty: it hits no actor in particular: one slot).
    at : tuple of tuple of Location
        ``at[c][slot]``: where change ``c`` applies when slot ``slot`` (actor) is hit.
    revert_after : int or None
        Steps after which an occurrence is undone.
    """

    shock: Shock
    p: T_Float
    codes: tuple[str, ...]
    at: tuple[tuple[Location, ...], ...]
    revert_after: int | None

    @property
    def n_slots(self) -> int:
        """Number of actors it can hit (1 when it names none)."""
        return max(1, len(self.codes))

    def ident(self, slot: int) -> str:
        """Return the name recorded for an occurrence: ``name`` or ``name:ACTOR``."""
        return f"{self.shock.name}:{self.codes[slot]}" if self.codes else self.shock.name


def compiled_shocks(c: CompiledScenario, years: T_Float) -> tuple[CompiledShock, ...]:
    """Return the scenario's shocks with their targets resolved (kept on ``c`` for reuse)."""
    key = ("shocks", years.size, float(years[0]), float(years[-1]))
    cached = c.derived.get("shocks")
    if isinstance(cached, tuple) and cached and cached[0] == key:
        return cached[1]  # type: ignore[no-any-return]
    index = compiled_changes(c).index
    dt = float(years[1] - years[0]) if years.size > 1 else 1.0
    out = []
    for shock in c.scenario.shocks:
        codes = shock.actors
        at = []
        for change in shock.changes:
            slots = codes if ACTOR_PLACEHOLDER in change.target else ("",) * max(1, len(codes))
            at.append(
                tuple(
                    locate(parse_target(change.target.replace(ACTOR_PLACEHOLDER, code), index), c)
                    for code in slots
                )
            )
        revert = None if shock.duration is None else max(1, math.floor(shock.duration / dt + 0.5))
        out.append(CompiledShock(shock, step_probabilities(shock, years), codes, tuple(at), revert))
    result = tuple(out)
    c.derived["shocks"] = (key, result)
    return result


@dataclass(frozen=True)
class ShockDraws:
    """The occurrences and effect sizes of every shock in every member of a batch.

    Attributes
    ----------
    hits : tuple of ndarray of bool, each (B, T + 1, slots)
        Per shock: whether the occurrence of a step hits a slot (an actor).
    sizes : tuple of ndarray, each (B, T + 1, slots, changes)
        Per shock: the size of each change for that occurrence.
    """

    hits: tuple[T_Bool, ...]
    sizes: tuple[T_Float, ...]

    def counts(self) -> T_Int:
        """Return the number of actors hit by each shock in each step, (B, T + 1, S)."""
        if not self.hits:
            return np.zeros((0, 0, 0), dtype=np.int64)
        return np.stack([h.sum(axis=-1) for h in self.hits], axis=-1).astype(np.int64)


def _uniforms(
    shock: CompiledShock, sequences: Sequence[np.random.SeedSequence]
) -> tuple[T_Float, T_Float, T_Float]:
    """Draw each member's uniforms of a shock in the fixed layout: when, pick, sizes."""
    steps, slots, n_changes = shock.p.size, shock.n_slots, len(shock.at)
    trials = slots if shock.shock.pick == "each" and shock.codes else 1
    B = len(sequences)
    u_when = np.empty((B, steps, trials))
    u_pick = np.empty((B, steps))
    u_size = np.empty((B, steps, slots, n_changes))
    for b, seq in enumerate(sequences):
        gen = np.random.default_rng(shock_sequence(seq, shock.shock.name))
        u_when[b] = gen.random((steps, trials))
        u_pick[b] = gen.random(steps)
        u_size[b] = gen.random((steps, slots, n_changes))
    return u_when, u_pick, u_size


def draw_shock(
    shock: CompiledShock, sequences: Sequence[np.random.SeedSequence]
) -> tuple[T_Bool, T_Float]:
    """Draw the members' occurrences (B, T + 1, slots) and sizes (B, T + 1, slots, changes).

    Each member draws from its own stream (:func:`equipoise.random.shock_sequence`) in a fixed
    layout (see the module docstring), so the numbers of a shock in a member do not depend on
    its probabilities, on the other shocks or on the other members of the batch; the uniforms
    are then mapped to occurrences and sizes for the whole batch at once.
    """
    u_when, u_pick, u_size = _uniforms(shock, sequences)
    B, steps, slots = u_size.shape[0], shock.p.size, shock.n_slots
    occurs = u_when < shock.p[None, :, None]
    if occurs.shape[-1] == slots or shock.shock.pick == "all":
        hit = np.broadcast_to(occurs, (B, steps, slots)).copy()
    else:
        hit = np.zeros((B, steps, slots), dtype=bool)
        chosen = np.minimum((u_pick * slots).astype(np.int64), slots - 1)
        np.put_along_axis(hit, chosen[..., None], occurs, axis=-1)
    sizes = np.empty(u_size.shape)
    for k, change in enumerate(shock.shock.changes):
        sizes[..., k] = quantile(change.size, u_size[..., k])
    return hit, sizes


def draw_shocks(
    shocks: Sequence[CompiledShock], sequences: Sequence[np.random.SeedSequence]
) -> ShockDraws:
    """Draw every shock for every member (one seed sequence per member)."""
    drawn = [draw_shock(shock, sequences) for shock in shocks]
    return ShockDraws(tuple(h for h, _ in drawn), tuple(z for _, z in drawn))


def member_sequences(
    rng: np.random.Generator | int | Sequence[np.random.Generator] | None,
    n_members: int,
    scenario_seed: int,
) -> list[np.random.SeedSequence]:
    """Return the seed sequence each member's shocks derive from.

    A seed (``None``: the scenario's) gives member ``k`` the seed's member sequence ``k``; a
    sequence of generators gives each its own generator's sequence (the ensembles'
    :func:`~equipoise.random.member_rngs`, so a member's shocks are the same in any batch);
    one generator shared by the batch gives member ``k`` the child ``k`` of its sequence.

    Raises
    ------
    EquipoiseError
        For a generator that was not seeded from a :class:`numpy.random.SeedSequence`.
    """

    def seq_of(gen: np.random.Generator) -> np.random.SeedSequence:
        seq = gen.bit_generator.seed_seq
        if not isinstance(seq, np.random.SeedSequence):
            raise EquipoiseError(
                "the scenario declares shocks, whose streams derive from each member's seed "
                "sequence: pass generators made from a numpy SeedSequence"
            )
        return seq

    if rng is None or isinstance(rng, int | np.integer):
        seed = scenario_seed if rng is None else int(rng)
        return [member_sequence(seed, k) for k in range(n_members)]
    if isinstance(rng, np.random.Generator):
        base = seq_of(rng)
        return [
            np.random.SeedSequence(
                base.entropy, spawn_key=(*base.spawn_key, k), pool_size=base.pool_size
            )
            for k in range(n_members)
        ]
    return [seq_of(g) for g in rng]


def batch_draws(
    c: CompiledScenario,
    shocks: tuple[CompiledShock, ...],
    sequences: Sequence[np.random.SeedSequence],
) -> ShockDraws:
    """Return :func:`draw_shocks`, reusing the last batch's draws (every arm of a batch)."""
    key = (
        tuple((str(s.entropy), s.spawn_key) for s in sequences),
        tuple(id(s) for s in shocks),
    )
    cached = c.derived.get("shock_draws")
    if isinstance(cached, tuple) and cached and cached[0] == key:
        return cached[1]  # type: ignore[no-any-return]
    draws = draw_shocks(shocks, sequences)
    c.derived["shock_draws"] = (key, draws)
    return draws


def shock_shares(
    c: CompiledScenario, seed: int, members: Sequence[int]
) -> list[dict[str, float | str]]:
    r"""Return, per shock and year, the share of members in which it occurred by then.

    The occurrences do not depend on the state, so they are drawn here without simulating
    (the same draws as the members' runs at ``seed``). Each row also gives the share the
    declared probabilities imply, :math:`1 - \prod_{s \le t} (1 - p_s)^{m}` with :math:`m` the
    number of independent trials a step (the actors for ``pick = "each"``, else 1), so that a
    reader sees the sampling error beside the expectation.

    Returns
    -------
    list of dict
        ``{"shock", "year", "share", "expected"}`` for every step after the start.
    """
    s = c.scenario.scenario
    dt = float(s.time_step)
    T = max(1, round(s.horizon / dt))
    years = float(s.start_year) + dt * np.arange(T + 1, dtype=np.float64)
    shocks = compiled_shocks(c, years)
    if not shocks:
        return []
    draws = draw_shocks(shocks, [member_sequence(seed, int(k)) for k in members])
    rows: list[dict[str, float | str]] = []
    for shock, hits in zip(shocks, draws.hits, strict=True):
        trials = len(shock.codes) if shock.shock.pick == "each" and shock.codes else 1
        occurred = np.cumsum(hits.any(axis=-1), axis=1) > 0
        none = np.cumprod((1.0 - shock.p) ** trials)
        for t in range(1, T + 1):
            rows.append(
                {
                    "shock": shock.shock.name,
                    "year": float(years[t]),
                    "share": float(occurred[:, t].mean()),
                    "expected": float(1.0 - none[t]),
                }
            )
    return rows


def _inverse(op: T_Op, value: T_Float) -> tuple[T_Op, T_Float]:
    if op == "add":
        return "add", -value
    return "scale", 1.0 / value  # sizes of a reverted scale are positive (schema)


def apply_shocks(
    state: State,
    shocks: Sequence[CompiledShock],
    draws: ShockDraws,
    step: int,
    year: float,
) -> list[tuple[int, float, str, str]]:
    """Apply the occurrences of ``step`` (after undoing those whose duration ends there).

    Returns what happened as (member, year, kind, id), kind ``shock`` or ``shock-end``.
    """
    fired: list[tuple[int, float, str, str]] = []
    for s, shock in enumerate(shocks):
        hits, sizes = draws.hits[s], draws.sizes[s]
        ops = [change.op for change in shock.shock.changes]
        back = None if shock.revert_after is None else step - shock.revert_after
        if back is not None and back >= 1:
            for slot in range(shock.n_slots):
                mask = hits[:, back, slot]
                if mask.any():
                    for k, at in enumerate(shock.at):
                        op, value = _inverse(ops[k], sizes[:, back, slot, k])
                        apply(state, at[slot], op, value, mask)
                    ident = shock.ident(slot)
                    fired.extend((int(b), year, "shock-end", ident) for b in np.flatnonzero(mask))
        for slot in range(shock.n_slots):
            mask = hits[:, step, slot]
            if mask.any():
                for k, at in enumerate(shock.at):
                    apply(state, at[slot], ops[k], sizes[:, step, slot, k], mask)
                ident = shock.ident(slot)
                fired.extend((int(b), year, "shock", ident) for b in np.flatnonzero(mask))
    return fired


__all__ = [
    "CompiledShock",
    "ShockDraws",
    "apply_shocks",
    "batch_draws",
    "compiled_shocks",
    "draw_shock",
    "draw_shocks",
    "member_sequences",
    "quantile",
    "shock_shares",
    "step_probabilities",
    "step_probability",
]
