"""Changes: events, interventions, effects and patches, compiled once and applied in place.

A change names a target (``relations.RUS-USA.weight``...) as text. :func:`compiled_changes`
parses every target of a compiled scenario once, resolves it to array indices
(:class:`Location`) and keeps the result on the compiled scenario, so that the time loop
never parses text: an ensemble of many batches parses each target once per process.

A change moves a value *and* its reference level: a relation's baseline for inertia shifts
with it, so a declared change is structural and does not simply decay. Relations stay within
``[-1, 1]`` and their bounds; positions within ``[0, 100]``; saliences within ``[0, 1]``;
parameters within their declared range.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

import numpy as np
from numpy.typing import NDArray

from equipoise.compile import CompiledScenario
from equipoise.errors import EquipoiseError
from equipoise.scenario.schema import Change
from equipoise.scenario.targets import Target, TargetIndex, parse_target
from equipoise.scenario.vocabulary import PARAMETERS
from equipoise.simulate.state import State

T_Float = NDArray[np.float64]
T_Bool = NDArray[np.bool_]
T_Value = float | bool | str | T_Float
T_Op = Literal["set", "add", "scale"]


@dataclass(frozen=True)
class Location:
    """A target resolved to array indices of the state.

    Attributes
    ----------
    target : Target
        The parsed target (its text names it in messages).
    cells : tuple of (int, int)
        Relations: the cells changed (one for a directed dyad, both otherwise); ties,
        indicators and trends: one ``(actor, other)`` or ``(actor, indicator)`` cell.
    issue : int
        Issue index (issues), else -1.
    actor : int
        Actor index (issue positions, power), else -1.
    """

    target: Target
    cells: tuple[tuple[int, int], ...] = ()
    issue: int = -1
    actor: int = -1


@dataclass(frozen=True)
class CompiledChange:
    """One change: where, how and by how much."""

    at: Location
    op: T_Op
    value: T_Value


@dataclass(frozen=True)
class Action:
    """A dated set of changes: an event, or an intervention (with the events it reverts).

    ``error`` holds why an intervention cannot be applied (it is raised when it is asked for).
    """

    year: float
    kind: Literal["event", "intervention"]
    ident: str
    changes: tuple[CompiledChange, ...]
    error: str | None = None


@dataclass(frozen=True)
class CompiledEffect:
    """A declared effect: changes that fire while (or the first time) a condition holds."""

    ident: str
    when: Location
    above: float | None
    below: float | None
    once: bool
    changes: tuple[CompiledChange, ...]


@dataclass(frozen=True)
class Changes:
    """Every change of a compiled scenario, parsed and resolved once."""

    events: tuple[Action, ...]  # those at or after the start year, in declaration order
    interventions: dict[str, Action]
    effects: tuple[CompiledEffect, ...]
    index: TargetIndex
    _located: dict[str, Location] = field(default_factory=dict, compare=False, repr=False)

    def locate(self, text: str, c: CompiledScenario) -> Location:
        """Return the location of a target given as text (patches), parsed once."""
        at = self._located.get(text)
        if at is None:
            at = self._located[text] = locate(parse_target(text, self.index), c)
        return at

    def schedule(self, interventions: tuple[str, ...]) -> list[Action]:
        """Return the events and the named interventions in the order they apply.

        By year; in a year, events before interventions, interventions in the order given.

        Raises
        ------
        EquipoiseError
            If a named intervention cannot be applied (it reverts a ``set``).
        """
        chosen = [self.interventions[name] for name in interventions]
        for action in chosen:
            if action.error is not None:
                raise EquipoiseError(action.error)
        actions = [*self.events, *chosen]
        actions.sort(key=lambda a: (a.year, 0 if a.kind == "event" else 1))
        return actions


def target_index(c: CompiledScenario) -> TargetIndex:
    """Return the names a target of the compiled scenario may use."""
    return TargetIndex(
        actors=set(c.actors),
        issues={i.id: {p.actor for p in i.positions} for i in c.scenario.issues},
        indicators=set(c.indicator_names),
    )


def locate(target: Target, c: CompiledScenario) -> Location:
    """Resolve a parsed target to array indices of the compiled scenario."""
    pos = {code: i for i, code in enumerate(c.actors)}
    keys = target.keys
    if target.section == "relations":
        a, b = pos[keys[0]], pos[keys[1]]
        cells = ((a, b),) if c.directed[a, b] else ((a, b), (b, a))
        return Location(target, cells=cells)
    if target.section == "issues":
        q = [i.id for i in c.issues].index(keys[0])
        actor = pos[keys[1]] if len(keys) > 1 else -1
        return Location(target, issue=q, actor=actor)
    if target.section in ("indicators", "trends"):
        j = c.indicator_names.index(keys[0])
        return Location(target, cells=((pos[keys[1]], j),))
    if target.section == "ties":
        return Location(target, cells=((pos[keys[0]], pos[keys[1]]),))
    if target.section == "power":
        return Location(target, actor=pos[keys[0]])
    return Location(target)  # parameters: the name is target.keys[0]


def _inverse(change: Change) -> tuple[T_Op, T_Value]:
    if change.add is not None:
        return "add", -change.add
    if change.scale is not None:
        if change.scale == 0:
            raise EquipoiseError(f"cannot revert a scale by 0 of {change.target}")
        return "scale", 1.0 / change.scale
    raise EquipoiseError(
        f"cannot revert 'set' on {change.target}: give the counterfactual as changes instead"
    )


def _value(change: Change) -> T_Value:
    value = (
        change.set
        if change.set is not None
        else (change.add if change.add is not None else change.scale)
    )
    assert value is not None
    return value


def _compile(c: CompiledScenario) -> Changes:
    s = c.scenario
    index = target_index(c)

    def one(ch: Change) -> CompiledChange:
        return CompiledChange(locate(parse_target(ch.target, index), c), ch.op, _value(ch))

    start = s.scenario.start_year
    events = tuple(
        Action(float(e.year), "event", e.id, tuple(one(ch) for ch in e.changes))
        for e in s.events
        if e.year >= start
    )
    by_id = {e.id: e for e in s.events}
    interventions: dict[str, Action] = {}
    for iv in s.interventions:
        year = float(max(iv.year, start))
        try:
            changes: list[CompiledChange] = []
            for event_id in iv.revert:
                for ch in by_id[event_id].changes:
                    op, val = _inverse(ch)
                    changes.append(
                        CompiledChange(locate(parse_target(ch.target, index), c), op, val)
                    )
            changes.extend(one(ch) for ch in iv.changes)
        except (EquipoiseError, ValueError, KeyError) as exc:
            # kept, and raised only if the intervention is asked for (as before compilation)
            problem = (
                f"intervention {iv.name!r} reverts an unknown event {exc.args[0]!r}"
                if isinstance(exc, KeyError)
                else str(exc)
            )
            interventions[iv.name] = Action(year, "intervention", iv.name, (), problem)
            continue
        interventions[iv.name] = Action(year, "intervention", iv.name, tuple(changes))
    effects = tuple(
        CompiledEffect(
            ident=e.id,
            when=locate(parse_target(e.when.target, index, condition=True), c),
            above=e.when.above,
            below=e.when.below,
            once=e.mode == "once",
            changes=tuple(one(ch) for ch in e.changes),
        )
        for e in s.effects
    )
    return Changes(events, interventions, effects, index)


def compiled_changes(c: CompiledScenario) -> Changes:
    """Return the compiled changes of a compiled scenario, compiling them on first use."""
    changes = c.derived.get("changes")
    if not isinstance(changes, Changes):
        changes = c.derived["changes"] = _compile(c)
    return changes


# --------------------------------------------------------------------------------------------
# applying and reading


def _combine(old: T_Float, op: str, value: T_Float) -> T_Float:
    if op == "set":
        return np.broadcast_to(value, old.shape).astype(np.float64)
    # an overflow gives inf, which the run refuses with its place (steps.check_levels)
    with np.errstate(over="ignore", invalid="ignore"):
        if op == "add":
            return old + value
        return old * value


def apply(state: State, at: Location, op: T_Op, value: T_Value, mask: T_Bool) -> None:
    """Apply one change to the members selected by ``mask`` (in place)."""
    if not mask.any():
        return
    target = at.target
    idx = np.flatnonzero(mask)
    if isinstance(value, str):
        if target.section == "relations" and target.field == "kind":
            return  # a relation's kind is a label: its weight and commitment carry the dynamics
        raise EquipoiseError(f"{target.text}: a text value can only set a relation's kind")
    v = np.asarray(value, dtype=np.float64)
    v = v[idx] if v.ndim == 1 else np.broadcast_to(v, idx.shape)

    if target.section == "relations":
        for i, j in at.cells:
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
        q = at.issue
        if target.field == "status_quo":
            state.status_quo[idx, q] = np.clip(_combine(state.status_quo[idx, q], op, v), 0, 100)
            return
        i = at.actor
        if target.field == "position":
            state.positions[idx, q, i] = np.clip(
                _combine(state.positions[idx, q, i], op, v), 0, 100
            )
        elif target.field == "salience":
            state.salience[idx, q, i] = np.clip(_combine(state.salience[idx, q, i], op, v), 0, 1)
        else:  # clout: a missing clout means "the actor's power"
            old = state.capability()[idx, q, i]
            state.clout[idx, q, i] = np.maximum(_combine(old, op, v), 0.0)
        return
    if target.section in ("indicators", "trends"):
        ((i, j),) = at.cells
        arr = state.levels if target.section == "indicators" else state.growth
        new = _combine(arr[idx, i, j], op, v)
        if target.section == "indicators":
            new = np.maximum(new, 0.0)
        arr[idx, i, j] = new
        return
    if target.section == "ties":
        ((i, j),) = at.cells
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


def apply_change(
    state: State,
    target: Target,
    op: T_Op,
    value: T_Value,
    mask: T_Bool,
    c: CompiledScenario,
) -> None:
    """Apply one change, given as a parsed target, to the members selected by ``mask``."""
    apply(state, locate(target, c), op, value, mask)


def read(state: State, at: Location) -> T_Float:
    """Return the current value of a condition's target, one per member."""
    target = at.target
    if target.section == "issues" and target.field == "outcome":
        return state.forecast[:, at.issue]
    if target.section == "issues" and target.field == "status_quo":
        return state.status_quo[:, at.issue]
    if target.section == "issues":
        arr = {"position": state.positions, "salience": state.salience, "clout": state.clout}[
            target.field
        ]
        return arr[:, at.issue, at.actor]
    if target.section == "relations":
        a, b = at.cells[0]
        arr = {"weight": state.R, "lower": state.lower, "upper": state.upper}.get(
            target.field, state.R
        )
        return arr[:, a, b]
    if target.section == "power":
        return state.power[:, at.actor]
    if target.section in ("indicators", "trends"):
        ((i, j),) = at.cells
        arr = state.levels if target.section == "indicators" else state.growth
        return arr[:, i, j]
    if target.section == "ties":
        ((i, j),) = at.cells
        return state.ties[:, i, j]
    return state.params[target.keys[0]]


def fire_effects(
    state: State,
    effects: tuple[CompiledEffect, ...],
    fired_before: T_Bool,
    year: float,
) -> list[tuple[int, float, str, str]]:
    """Apply the effects whose condition holds; return what fired as (member, year, kind, id).

    ``fired_before`` (members x effects) records the ``once`` effects already fired; it is
    updated in place.
    """
    fired: list[tuple[int, float, str, str]] = []
    for e_idx, effect in enumerate(effects):
        value = read(state, effect.when)
        above, below = effect.above, effect.below
        holds = value > above if above is not None else value < float(below or 0.0)
        holds = holds & np.isfinite(value)
        if effect.once:
            holds = holds & ~fired_before[:, e_idx]
        if holds.any():
            for change in effect.changes:
                apply(state, change.at, change.op, change.value, holds)
            fired_before[:, e_idx] |= holds
            fired.extend((int(b), year, "effect", effect.ident) for b in np.flatnonzero(holds))
    return fired


__all__ = [
    "Action",
    "Changes",
    "CompiledChange",
    "CompiledEffect",
    "Location",
    "apply",
    "apply_change",
    "compiled_changes",
    "fire_effects",
    "locate",
    "read",
    "target_index",
]
