"""The state of a batch of ensemble members between two steps of the time loop."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from equipoise.compile import CompiledScenario
from equipoise.scenario.vocabulary import PARAMETERS

T_Float = NDArray[np.float64]
T_Int = NDArray[np.int64]
T_Bool = NDArray[np.bool_]


@dataclass
class State:
    """Everything that moves, with a leading member axis ``B``.

    ``n`` actors, ``m`` indicators, ``k`` issues. Relations carry their baseline (the level
    inertia pulls back to), commitments (``locked``) and bounds; a NaN clout means "the
    actor's power".
    """

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
    cycle_period: T_Int  # (B, k): period of the cycle the last look-ahead found (0: none)
    trend: T_Float  # (B, k): sign of the last year's change of the median (0: it did not move)

    @property
    def n_members(self) -> int:
        """Number of members in the batch."""
        return int(self.R.shape[0])

    def capability(self) -> T_Float:
        """Return each actor's weight on each issue (B, k, n): its declared clout, or its power.

        The one rule for a missing clout, used by bargaining and by changes to a clout.
        """
        out: T_Float = np.where(np.isnan(self.clout), self.power[:, None, :], self.clout)
        return out

    def subset(self, rows: T_Int) -> State:
        """Return the state of some members (copies)."""
        return State(
            levels=self.levels[rows],
            growth=self.growth[rows],
            R=self.R[rows],
            baseline=self.baseline[rows],
            locked=self.locked[rows],
            lower=self.lower[rows],
            upper=self.upper[rows],
            ties=self.ties[rows],
            positions=self.positions[rows],
            salience=self.salience[rows],
            clout=self.clout[rows],
            status_quo=self.status_quo[rows],
            params={k: v[rows] for k, v in self.params.items()},
            forecast=self.forecast[rows],
            power=self.power[rows],
            cycle_period=self.cycle_period[rows],
            trend=self.trend[rows],
        )


def initial_state(c: CompiledScenario, n_members: int) -> State:
    """Return the start state of ``n_members`` identical members."""
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
    return State(
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
        cycle_period=np.zeros((B, k), dtype=np.int64),
        trend=np.zeros((B, k)),
    )


__all__ = ["State", "initial_state"]
