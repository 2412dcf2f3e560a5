"""The result of a simulation: every quantity per member and step."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

T_Float = NDArray[np.float64]
T_Int = NDArray[np.int64]
T_Bool = NDArray[np.bool_]


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
    cycle_period: T_Int  # (B, T+1, k) period of the rounds' cycle from that year (0: none)
    cycle_low: T_Float  # (B, T+1, k) lowest forecast over the cycle (NaN: no cycle)
    cycle_high: T_Float  # (B, T+1, k) highest; the forecast is then the cycle's mean
    blocs: T_Int  # (B, T+1, n): 0 = strongest bloc, -1 unaligned, -2 not computed
    bloc_exact: T_Bool  # (B, T+1): blocs proven optimal (enumeration), else heuristic
    frustration: T_Float  # (B, T+1) share of tie weight violating weak balance under the blocs
    polarity: T_Float  # (B, T+1) effective number of poles, each counted by its tightness
    bipolarity: T_Float  # (B, T+1) cohesive share of the two largest poles x their hostility
    bipolarity_share: T_Float  # (B, T+1) cohesive power share of the two largest poles
    antagonism: T_Float  # (B, T+1) hostility between them
    strategic_space: T_Float  # (B, T+1, n)
    dependence: T_Float  # (B, T+1, n, n) of row on column
    alignment: T_Float  # (B, T+1, n) toward poles[0] rather than poles[1]
    poles: tuple[str, str]
    fired: tuple[tuple[int, float, str, str], ...]  # (member, year, kind, id)
    #: The scenario's declared shocks, in file order (the last axis of :attr:`shocks`).
    shock_names: tuple[str, ...] = ()
    #: (B, T+1, S): how many actors each shock hit in each step (1 for a shock without
    #: actors that occurred); which actors is in :attr:`fired` (kind ``shock``, id
    #: ``name:ACTOR``).
    shocks: T_Int = field(default_factory=lambda: np.zeros((0, 0, 0), dtype=np.int64))

    def shock_occurred(self, name: str, *, by_year: float | None = None) -> NDArray[np.bool_]:
        """Return, per member, whether shock ``name`` occurred at least once by ``by_year``.

        ``by_year`` (default: the end) includes the step of that year; the share of members
        is ``tr.shock_occurred("us-government-change", by_year=2025).mean()``.

        Raises
        ------
        KeyError
            If the scenario declares no shock ``name``.
        """
        if name not in self.shock_names:
            raise KeyError(f"no shock {name!r} (shocks: {', '.join(self.shock_names) or 'none'})")
        step = self.n_steps if by_year is None else self.step_of(by_year)
        counts = self.shocks[:, : step + 1, self.shock_names.index(name)]
        out: NDArray[np.bool_] = counts.sum(axis=1) > 0
        return out

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
            cycle_period=self.cycle_period[sl],
            cycle_low=self.cycle_low[sl],
            cycle_high=self.cycle_high[sl],
            blocs=self.blocs[sl],
            bloc_exact=self.bloc_exact[sl],
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
            shock_names=self.shock_names,
            shocks=self.shocks[sl],
        )


__all__ = ["Trajectory"]
