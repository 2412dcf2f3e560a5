"""The recorder: what the time loop keeps of each step, and the metrics it computes there.

As Mesa's ``DataCollector`` keeps data collection out of the model's step, the loop hands
the state to :meth:`Recorder.record` after each step; the recorder computes the metrics of
that state (``docs/models/metrics.md``) and fills the arrays of the
:class:`~equipoise.simulate.trajectory.Trajectory`.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

from equipoise import metrics
from equipoise.compile import CompiledScenario
from equipoise.engines.partition import pole_structure, weak_balance_blocs
from equipoise.simulate.inputs import SimulationOptions
from equipoise.simulate.state import State
from equipoise.simulate.steps import IssueCycles
from equipoise.simulate.trajectory import Trajectory

T_Float = NDArray[np.float64]

#: Random starts per number of blocs of the relocation heuristic in the time loop (the engine's
#: default is 20). On the default scenario and built 30- and 60-actor scenarios (440 systems
#: each, every step of 40 members) 8 starts, and even 4, find the same partition as 20; on
#: structureless random relations at 30 actors 8 starts end higher in 21 % of systems, by at
#: most 1.1 % of the tie weight. 8 starts cost 2.5x less (docs/models/metrics.md §4b).
BLOC_STARTS = 8


class Recorder:
    """Arrays for every quantity of ``n_members`` members over steps ``0..n_steps``.

    Parameters
    ----------
    c : CompiledScenario
        The scenario (actors, issues, indicators; its start power names the two poles that
        alignment is measured between).
    n_members, n_steps : int
        Batch size ``B`` and number of steps ``T`` after the start.
    options : SimulationOptions
        Which steps get blocs, whether every step's relations are kept.
    """

    def __init__(
        self, c: CompiledScenario, n_members: int, n_steps: int, options: SimulationOptions
    ) -> None:
        B, T = n_members, n_steps
        n, k, m = c.n, len(c.issues), len(c.indicator_names)
        self.c = c
        self.fired: list[tuple[int, float, str, str]] = []  # (member, year, kind, id)
        self.shock_names: tuple[str, ...] = ()  # the scenario's shocks (set by the loop)
        self.shock_counts = np.zeros((B, T + 1, 0), dtype=np.int64)
        self.keep = np.arange(T + 1) if options.keep_relations else np.array([0, T])
        if options.bloc_steps == "all":
            self.bloc_steps = set(range(T + 1))
        elif options.bloc_steps == "last":
            self.bloc_steps = {T}
        else:
            self.bloc_steps = {min(max(int(t), 0), T) for t in options.bloc_steps}
        # poles for alignment: the two most powerful actors at the start
        order = np.argsort(-c.power, kind="stable")
        self.pole_a, self.pole_b = int(order[0]), int(order[1]) if n > 1 else int(order[0])
        self.power = np.zeros((B, T + 1, n))
        self.levels = np.zeros((B, T + 1, n, m))
        self.relations = np.zeros((B, self.keep.size, n, n))
        self.positions = np.zeros((B, T + 1, k, n))
        self.salience = np.zeros((B, T + 1, k, n))
        self.forecast = np.zeros((B, T + 1, k))
        self.median = np.zeros((B, T + 1, k))
        self.mean = np.zeros((B, T + 1, k))
        self.cycle_period = np.zeros((B, T + 1, k), dtype=np.int64)
        self.cycle_low = np.full((B, T + 1, k), np.nan)
        self.cycle_high = np.full((B, T + 1, k), np.nan)
        self.blocs = np.full((B, T + 1, n), -2, dtype=np.int64)
        self.bloc_exact = np.zeros((B, T + 1), dtype=np.bool_)
        self.frustration = np.full((B, T + 1), np.nan)
        self.polarity = np.full((B, T + 1), np.nan)
        self.bipolarity = np.full((B, T + 1), np.nan)
        self.bipolarity_share = np.full((B, T + 1), np.nan)
        self.antagonism = np.full((B, T + 1), np.nan)
        self.strategic_space = np.zeros((B, T + 1, n))
        self.dependence = np.zeros((B, T + 1, n, n))
        self.alignment = np.zeros((B, T + 1, n))

    def record(
        self,
        t: int,
        state: State,
        forecast: T_Float,
        median: T_Float,
        mean: T_Float,
        cycles: IssueCycles | None = None,
    ) -> None:
        """Keep step ``t`` of the state and the issue outcomes, and compute its metrics."""
        if cycles is not None:
            self.cycle_period[:, t] = cycles.period
            self.cycle_low[:, t] = cycles.low
            self.cycle_high[:, t] = cycles.high
        self.power[:, t] = state.power
        self.levels[:, t] = state.levels
        if t in self.keep:
            self.relations[:, int(np.flatnonzero(self.keep == t)[0])] = state.R
        self.positions[:, t] = state.positions
        self.salience[:, t] = state.salience
        self.forecast[:, t] = forecast
        self.median[:, t] = median
        self.mean[:, t] = mean
        self.strategic_space[:, t] = metrics.strategic_space(state.R, state.power)
        self.dependence[:, t] = metrics.dependence(state.R, state.power, ties=state.ties)
        if self.c.n > 1:
            self.alignment[:, t] = metrics.alignment(
                state.R, state.power, toward=self.pole_a, against=self.pole_b
            )
        if t in self.bloc_steps:
            self._blocs(t, state)

    def _blocs(self, t: int, state: State) -> None:
        r"""Blocs, frustration, polarity and bipolarity of step ``t``, every member at once.

        The blocs are the weak-balance partition whose number of blocs is chosen from the
        relations (:func:`~equipoise.engines.partition.weak_balance_blocs`: exact by
        enumeration up to 10 tied actors, Doreian & Mrvar's relocation heuristic above; the
        method is recorded per member). Polarity, the two-pole share, antagonism and
        bipolarity are those of :func:`~equipoise.engines.partition.pole_structure` (poles
        counted with their tightness). Frustration is the share of tie weight that violates
        weak balance under that partition: :math:`F(g) / W_{\mathrm{tot}}`
        (``docs/models/metrics.md`` §4b). Members with the same bloc threshold are
        partitioned in one batched call.
        """
        threshold = state.params["bloc_threshold"]
        for tau in np.unique(threshold):
            rows = np.flatnonzero(threshold == tau)
            R, power = state.R[rows], state.power[rows]
            part = weak_balance_blocs(R, power, threshold=float(tau), n_starts=BLOC_STARTS)
            labels = np.asarray(part.labels, dtype=np.int64)
            self.blocs[rows, t] = labels
            self.bloc_exact[rows, t] = part.exact
            frus = metrics.partition_frustration(R, power, labels, threshold=float(tau))
            total = np.asarray(part.total_weight, dtype=np.float64)
            self.frustration[rows, t] = np.divide(
                frus, total, out=np.zeros_like(total), where=total > 0
            )
            poles = pole_structure(R, power, labels)
            self.polarity[rows, t] = poles.polarity
            self.bipolarity[rows, t] = poles.bipolarity
            self.bipolarity_share[rows, t] = poles.share
            self.antagonism[rows, t] = poles.antagonism

    def trajectory(
        self, years: T_Float, interventions: Sequence[str], seed: int | None
    ) -> Trajectory:
        """Return what was recorded as a :class:`Trajectory`."""
        c = self.c
        return Trajectory(
            actors=c.actors,
            issues=tuple(i.id for i in c.issues),
            indicator_names=c.indicator_names,
            years=years,
            interventions=tuple(interventions),
            seed=seed,
            power=self.power,
            levels=self.levels,
            relations=self.relations,
            relation_steps=self.keep.astype(np.int64),
            positions=self.positions,
            salience=self.salience,
            forecast=self.forecast,
            median=self.median,
            mean=self.mean,
            cycle_period=self.cycle_period,
            cycle_low=self.cycle_low,
            cycle_high=self.cycle_high,
            blocs=self.blocs,
            bloc_exact=self.bloc_exact,
            frustration=self.frustration,
            polarity=self.polarity,
            bipolarity=self.bipolarity,
            bipolarity_share=self.bipolarity_share,
            antagonism=self.antagonism,
            strategic_space=self.strategic_space,
            dependence=self.dependence,
            alignment=self.alignment,
            poles=(c.actors[self.pole_a], c.actors[self.pole_b]),
            fired=tuple(sorted(self.fired, key=lambda f: (f[0], f[1]))),
            shock_names=self.shock_names,
            shocks=self.shock_counts,
        )


__all__ = ["Recorder"]
