"""Turn trajectories into JSON-ready objects and tidy tables.

The tidy tables have one row per member x step x entity x variable, for analysis in pandas,
polars or DuckDB:

* ``system``: member, step, year, variable (polarity, bipolarity, bipolarity_share,
  antagonism, frustration), value
* ``actors``: member, step, year, actor, variable (power, strategic_space, alignment, bloc), value
* ``dyads``: member, step, year, actor, other, variable (relation, dependence), value
* ``issues``: member, step, year, issue, actor (empty for the issue's own values), variable
  (forecast, median, mean, position, salience), value
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from equipoise.engines.bargaining import bargain
from equipoise.picture import Picture
from equipoise.simulate import Trajectory

SYSTEM_VARIABLES = ("polarity", "bipolarity", "bipolarity_share", "antagonism", "frustration")


def _num(x: float) -> float | None:
    return None if not np.isfinite(x) else round(float(x), 6)


def blocs_of(tr: Trajectory, step: int, member: int = 0) -> dict[str, list[str]] | None:
    """Return the blocs at a step as ``{"0": [codes], "1": [...], "unaligned": [...]}``."""
    labels = tr.blocs[member, step]
    if np.all(labels == -2):
        return None
    out: dict[str, list[str]] = {}
    for code, label in zip(tr.actors, labels, strict=True):
        key = "unaligned" if label < 0 else str(int(label))
        out.setdefault(key, []).append(code)
    return out


def _bloc_method(tr: Trajectory, step: int, member: int) -> str | None:
    """``"exact"`` (enumeration), ``"heuristic"`` (relocation) or None where not computed."""
    if np.all(tr.blocs[member, step] == -2):
        return None
    return "exact" if bool(tr.bloc_exact[member, step]) else "heuristic"


def steps_dict(tr: Trajectory, member: int = 0) -> list[dict[str, Any]]:
    """One JSON object per step with every metric of one member."""
    steps: list[dict[str, Any]] = []
    n = len(tr.actors)
    for t, year in enumerate(tr.years):
        step: dict[str, Any] = {
            "step": t,
            "year": float(year),
            "polarity": _num(tr.polarity[member, t]),
            "bipolarity": _num(tr.bipolarity[member, t]),
            "bipolarity_share": _num(tr.bipolarity_share[member, t]),
            "antagonism": _num(tr.antagonism[member, t]),
            "blocs": blocs_of(tr, t, member),
            "bloc_method": _bloc_method(tr, t, member),
            "frustration": _num(tr.frustration[member, t]),
            "power": {a: _num(tr.power[member, t, i]) for i, a in enumerate(tr.actors)},
            "strategic_space": {
                a: _num(tr.strategic_space[member, t, i]) for i, a in enumerate(tr.actors)
            },
            "dependence": {
                a: {
                    b: _num(tr.dependence[member, t, i, j])
                    for j, b in enumerate(tr.actors)
                    if j != i
                }
                for i, a in enumerate(tr.actors)
            },
            "alignment": {
                "toward": tr.poles[0],
                "against": tr.poles[1],
                "values": {a: _num(tr.alignment[member, t, i]) for i, a in enumerate(tr.actors)},
            },
            "issues": {
                issue: {
                    "forecast": _num(tr.forecast[member, t, q]),
                    "median": _num(tr.median[member, t, q]),
                    "mean": _num(tr.mean[member, t, q]),
                }
                for q, issue in enumerate(tr.issues)
            },
        }
        if t in tr.relation_steps:
            R = tr.relations_at(t)[member]
            step["relations"] = {
                a: {b: _num(R[i, j]) for j, b in enumerate(tr.actors) if j != i}
                for i, a in enumerate(tr.actors)
                if n > 1
            }
        steps.append(step)
    return steps


def start_forecasts(pic: Picture, rounds: int = 10) -> dict[str, dict[str, float]]:
    """Forecast every issue at the start from all three bargaining models.

    The expected-utility model runs ``rounds`` rounds (its default options, which reproduce
    Scholz et al.'s example); clout is the declared clout or the actor's power.
    """
    c = pic.compiled
    out: dict[str, dict[str, float]] = {}
    for issue in c.issues:
        members = np.flatnonzero(issue.members)
        cap = np.where(np.isnan(issue.clout[members]), c.power[members], issue.clout[members])
        x, s = issue.position[members], issue.salience[members]
        out[issue.id] = {
            model: float(bargain(model, cap, x, s, scale=(0.0, 100.0), rounds=rounds).forecast)
            for model in ("eu", "compromise", "median")
        }
    return out


def eu_rounds(
    pic: Picture, rounds: int = 10
) -> dict[str, tuple[tuple[str, ...], NDArray[np.float64]]]:
    """Return each issue's actors and positions per round of the expected-utility model at the start.

    The inputs are those of :func:`equipoise.outputs.start_forecasts` (clout = declared clout
    or the actor's power), so the last round's median is its ``eu`` forecast.
    """
    c = pic.compiled
    out: dict[str, tuple[tuple[str, ...], NDArray[np.float64]]] = {}
    for issue in c.issues:
        members = np.flatnonzero(issue.members)
        cap = np.where(np.isnan(issue.clout[members]), c.power[members], issue.clout[members])
        res = bargain(
            "eu",
            cap,
            issue.position[members],
            issue.salience[members],
            scale=(0.0, 100.0),
            rounds=rounds,
        )
        out[issue.id] = (
            tuple(c.actors[int(i)] for i in members),
            np.asarray(res.positions, dtype=np.float64),
        )
    return out


def issue_cycles(tr: Trajectory, member: int = 0) -> dict[str, dict[str, Any] | None]:
    """Return, per issue, the cycle its bargaining rounds are on at the end (``None`` if none).

    The time loop looks ahead from each year's positions
    (:data:`equipoise.simulate.steps.LOOK_AHEAD_ROUNDS` rounds,
    :func:`equipoise.engines.bargaining.detect_cycles`) and, where the rounds end on a cycle,
    reports the cycle's mean forecast as the year's forecast (``docs/models/bargaining.md``,
    "Cycles"). This gives, for the last year: the period (in rounds), the first year of the
    unbroken run of cycling years that ends there, the range of the forecast over one period
    (``low``, ``high``), the summary the forecast reports, and whether the rounds' own
    forecast flips (``forecast_flips``: the range is wider than the cycle test's tolerance).
    """
    out: dict[str, dict[str, Any] | None] = {}
    last = tr.n_steps
    for q, issue in enumerate(tr.issues):
        period = tr.cycle_period[member, :, q]
        if period[last] <= 0:
            out[issue] = None
            continue
        first = last
        while first > 0 and period[first - 1] > 0:
            first -= 1
        low = float(tr.cycle_low[member, last, q])
        high = float(tr.cycle_high[member, last, q])
        out[issue] = {
            "period": int(period[last]),
            "from_year": float(tr.years[first]),
            "low": low,
            "high": high,
            "summary": float(tr.forecast[member, last, q]),
            "forecast_flips": high - low > 1e-6,
        }
    return out


def run_dict(
    tr: Trajectory,
    pic: Picture,
    member: int = 0,
    *,
    forecasts: dict[str, dict[str, float]] | None = None,
) -> dict[str, Any]:
    """Return the whole JSON output of ``equipoise run``.

    ``forecasts`` are :func:`start_forecasts` of ``pic`` if the caller has them already.
    """
    s = pic.compiled.scenario
    return {
        "scenario": s.scenario.name,
        "seed": tr.seed,
        "interventions": list(tr.interventions),
        "years": [float(y) for y in tr.years],
        "actors": list(tr.actors),
        "poles": list(tr.poles),
        "start": pic.to_dict(),
        "forecasts_at_start": start_forecasts(pic) if forecasts is None else forecasts,
        "fired": [
            {"year": year, "kind": kind, "id": ident}
            for b, year, kind, ident in tr.fired
            if b == member
        ],
        "steps": steps_dict(tr, member),
        "cycles": issue_cycles(tr, member),
    }


def tidy_tables(tr: Trajectory, *, skip: Collection[str] = ()) -> dict[str, pd.DataFrame]:
    """Return the trajectory as tidy tables (see the module docstring).

    Tables named in ``skip`` (of :data:`TABLES`) are not built: the dyads table alone is
    n(n-1) rows per member and step, and building it only to drop it took a fifth of an
    ensemble's time.
    """
    unknown = set(skip) - set(TABLES)
    if unknown:
        raise ValueError(f"unknown tables {sorted(unknown)}; the tables are {', '.join(TABLES)}")
    B, T1, n = tr.power.shape
    k = len(tr.issues)
    steps = np.arange(T1)
    out: dict[str, pd.DataFrame] = {}

    if "system" not in skip:
        member_idx, step_idx = np.meshgrid(np.arange(B), steps, indexing="ij")
        years = tr.years[step_idx]
        out["system"] = pd.concat(
            [
                pd.DataFrame(
                    {
                        "member": member_idx.ravel(),
                        "step": step_idx.ravel(),
                        "year": years.ravel(),
                        "variable": var,
                        "value": getattr(tr, var).ravel(),
                    }
                )
                for var in SYSTEM_VARIABLES
            ],
            ignore_index=True,
        )

    if "actors" not in skip:

        def per_actor(var: str, values: np.ndarray[Any, Any]) -> pd.DataFrame:
            m, t, a = np.meshgrid(np.arange(B), steps, np.arange(n), indexing="ij")
            return pd.DataFrame(
                {
                    "member": m.ravel(),
                    "step": t.ravel(),
                    "year": tr.years[t.ravel()],
                    "actor": np.asarray(tr.actors)[a.ravel()],
                    "variable": var,
                    "value": values.astype(np.float64).ravel(),
                }
            )

        out["actors"] = pd.concat(
            [
                per_actor("power", tr.power),
                per_actor("strategic_space", tr.strategic_space),
                per_actor("alignment", tr.alignment),
                per_actor("bloc", np.where(tr.blocs == -2, np.nan, tr.blocs)),
            ],
            ignore_index=True,
        )

    if "dyads" not in skip:

        def per_dyad(
            var: str, values: np.ndarray[Any, Any], kept: np.ndarray[Any, Any]
        ) -> pd.DataFrame:
            m, t, i, j = np.meshgrid(
                np.arange(B), np.arange(kept.size), np.arange(n), np.arange(n), indexing="ij"
            )
            off = (i != j).ravel()
            step_of = kept[t.ravel()][off]
            return pd.DataFrame(
                {
                    "member": m.ravel()[off],
                    "step": step_of,
                    "year": tr.years[step_of],
                    "actor": np.asarray(tr.actors)[i.ravel()[off]],
                    "other": np.asarray(tr.actors)[j.ravel()[off]],
                    "variable": var,
                    "value": values.ravel()[off],
                }
            )

        out["dyads"] = pd.concat(
            [
                per_dyad("relation", tr.relations, tr.relation_steps),
                per_dyad("dependence", tr.dependence, steps),
            ],
            ignore_index=True,
        )

    if "issues" not in skip:
        issue_frames = []
        for var in ("forecast", "median", "mean"):
            m, t, q = np.meshgrid(np.arange(B), steps, np.arange(k), indexing="ij")
            issue_frames.append(
                pd.DataFrame(
                    {
                        "member": m.ravel(),
                        "step": t.ravel(),
                        "year": tr.years[t.ravel()],
                        "issue": np.asarray(tr.issues, dtype=object)[q.ravel()] if k else [],
                        "actor": "",
                        "variable": var,
                        "value": getattr(tr, var).ravel(),
                    }
                )
            )
        for var, arr in (("position", tr.positions), ("salience", tr.salience)):
            m, t, q, a = np.meshgrid(np.arange(B), steps, np.arange(k), np.arange(n), indexing="ij")
            present = ~np.isnan(tr.positions).ravel()
            issue_frames.append(
                pd.DataFrame(
                    {
                        "member": m.ravel()[present],
                        "step": t.ravel()[present],
                        "year": tr.years[t.ravel()[present]],
                        "issue": np.asarray(tr.issues, dtype=object)[q.ravel()[present]]
                        if k
                        else [],
                        "actor": np.asarray(tr.actors)[a.ravel()[present]],
                        "variable": var,
                        "value": arr.ravel()[present],
                    }
                )
            )
        out["issues"] = pd.concat(issue_frames, ignore_index=True)
    return out


#: The tidy tables, in the order :func:`tidy_tables` returns them.
TABLES = ("system", "actors", "dyads", "issues")

__all__ = [
    "TABLES",
    "blocs_of",
    "eu_rounds",
    "issue_cycles",
    "run_dict",
    "start_forecasts",
    "steps_dict",
    "tidy_tables",
]
