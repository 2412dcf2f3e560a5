"""The system's picture at the start year: power shares and ranks, relations, issues.

This is what ``equipoise run`` reports before any dynamics: the scenario compiled, its power
computed by every available index, and each issue's forecast by the bargaining models.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from equipoise.compile import WEIGHTED_INDEX, CompiledScenario, compile_scenario
from equipoise.engines.power import CINC_COMPONENTS
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
    #: The indices this actor has no data for (its share there is 0 by convention, not a
    #: measurement: shown as "–").
    missing: tuple[str, ...] = ()


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
                    "missing": list(a.missing),
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


def missing_data(compiled: CompiledScenario) -> dict[str, set[int]]:
    """Return, per power index, the actors (by position) with none of its indicators.

    CINC averages the components an actor has (as the NMC file does); the GDP measures need
    GDP (and population); the weighted index averages the measures present.
    """
    col = {name: j for j, name in enumerate(compiled.indicator_names)}

    def without(names: tuple[str, ...]) -> set[int]:
        present = [col[n] for n in names if n in col]
        if not present:
            return set(range(compiled.n))
        data = np.isfinite(compiled.levels[:, present]).any(axis=1)
        return {int(i) for i in np.flatnonzero(~data)}

    out = {
        "cinc": without(CINC_COMPONENTS),
        "gdp": without(("gdp",)),
        "weighted": without(tuple(WEIGHTED_INDEX)),
    }
    out["gdp_x_gdppc"] = out["gdp"] | without(("tpop",))
    return out


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
    missing = missing_data(compiled)
    actors = tuple(
        ActorPower(
            code=a.code,
            name=a.name,
            kind=a.kind,
            power=float(power[i]),
            rank=int(rank[i]),
            indices={k: float(v[i]) for k, v in compiled.power_detail.items()},
            missing=tuple(k for k in compiled.power_detail if i in missing.get(k, ())),
        )
        for i, a in enumerate(scenario.actors)
    )
    return Picture(compiled=compiled, actors=actors)


__all__ = ["ActorPower", "Picture", "missing_data", "picture"]
