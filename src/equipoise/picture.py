"""The system's picture at the start year: power shares and ranks, relations, issues.

This is what ``equipoise run`` reports before any dynamics: the scenario compiled, its power
computed by every available index, and each issue's forecast by the bargaining models.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from equipoise.compile import CompiledScenario, compile_scenario
from equipoise.scenario.schema import Scenario


@dataclass(frozen=True)
class ActorPower:
    """An actor's power by every index, and its rank by the scenario's index."""

    code: str
    name: str
    kind: str
    power: float
    rank: int
    indices: dict[str, float]


@dataclass(frozen=True)
class Picture:
    """The system at the start year."""

    compiled: CompiledScenario
    actors: tuple[ActorPower, ...]

    def to_dict(self) -> dict[str, Any]:
        """Return the picture as JSON-ready data."""
        c = self.compiled
        s = c.scenario
        return {
            "scenario": s.scenario.name,
            "year": s.scenario.start_year,
            "power_index": s.scenario.power_index,
            "indicator_years": c.base_year,
            "actors": [
                {
                    "code": a.code,
                    "name": a.name,
                    "kind": a.kind,
                    "power": a.power,
                    "rank": a.rank,
                    "indices": a.indices,
                }
                for a in self.actors
            ],
            "relations": [
                {
                    "pair": list(r.pair),
                    "kind": r.kind,
                    "weight": r.weight,
                    "commitment": r.is_commitment,
                    "directed": r.directed,
                    "bounds": None if r.bounds is None else list(r.bounds),
                }
                for r in s.relations
            ],
            "issues": [
                {
                    "id": i.id,
                    "name": i.name,
                    "low": i.low,
                    "high": i.high,
                    "model": i.model,
                    "positions": {
                        p.actor: {"position": p.position, "salience": p.salience}
                        for p in i.positions
                    },
                }
                for i in s.issues
            ],
            "notes": list(c.notes),
        }


def picture(scenario: Scenario) -> Picture:
    """Compile a scenario and rank its actors by power.

    Ranks are 1 for the most powerful; ties share the better rank (competition ranking),
    and actors without data come last.
    """
    compiled = compile_scenario(scenario)
    power = compiled.power
    order = np.argsort(-power, kind="stable")
    rank = np.empty(len(power), dtype=int)
    for position, i in enumerate(order):
        previous = order[position - 1] if position else None
        if previous is not None and power[i] == power[previous]:
            rank[i] = rank[previous]
        else:
            rank[i] = position + 1
    actors = tuple(
        ActorPower(
            code=a.code,
            name=a.name,
            kind=a.kind,
            power=float(power[i]),
            rank=int(rank[i]),
            indices={k: float(v[i]) for k, v in compiled.power_detail.items()},
        )
        for i, a in enumerate(scenario.actors)
    )
    return Picture(compiled=compiled, actors=actors)


__all__ = ["ActorPower", "Picture", "picture"]
