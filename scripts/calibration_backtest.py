"""Backtest of the calibrated model on ``unga_distance``: skill by horizon before and after.

Usage::

    python scripts/calibration_backtest.py DATA_DIR --store STORE --run RUN_ID \
        [--per-origin 2005=RUN,2010=RUN,2015=RUN] [--draws 20] [--samples 500]

For the default scenario's UN members and the G20 it forecasts from the origins 2005, 2010
and 2015 at horizons 1-5 with persistence, climatological persistence, the uncalibrated model
(the documented defaults) and the calibrated model: ``--run`` is a calibration stored by
``equipoise calibrate`` (its last generation's particles, ``--draws`` of them resampled by
weight, are the members: parameter uncertainty becomes model spread; its median noise scale
scales the measurement noise). With ``--per-origin``, each origin uses a calibration fitted on
data up to that origin only (out of sample); ``--run`` alone is in sample for every origin
(fitted up to its ``--until``, which flatters origins before it). Prints the skill table (CRPS
skill against climatological persistence, 90 % / 50 % coverage) as Markdown.
"""

from __future__ import annotations

import argparse
import itertools
import time
from pathlib import Path

import numpy as np
import pandas as pd

from equipoise.experiments.benchmarks import ForecastTask, climatological_persistence, persistence
from equipoise.experiments.calibration import NOISE_SCALE, calibrated_forecaster
from equipoise.experiments.hindcast import hindcast, skill_by_horizon
from equipoise.observation import observed_unga_distance
from equipoise.scenario.build import GROUPS, HistoryData, load_history
from equipoise.store import open_store

DEFAULT_STATES = ("USA", "CHN", "RUS", "JPN", "KOR", "PRK", "IND", "VNM", "AUS", "FRA", "GBR")
DEFAULT_STATES += ("IDN", "PHL")
ORIGINS = (2005, 2010, 2015)
HORIZONS = (1, 2, 3, 4, 5)


def posterior_draws(store_path: Path, run_id: str, n: int, seed: int) -> tuple[dict, float, int]:
    """Return ``n`` weighted draws of the rates, the median noise scale and the run's last year."""
    store = open_store(store_path)
    table = store.read_table(run_id, "particles")
    last = table.loc[table["generation"] == table["generation"].max()]
    w = last["weight"].to_numpy(dtype=np.float64)
    idx = np.random.default_rng(seed).choice(len(last), size=n, p=w / w.sum())
    rates = {
        c: last[c].to_numpy(dtype=np.float64)[idx] for c in last.columns if c.endswith("_rate")
    }
    scale = 1.0
    if NOISE_SCALE in last.columns:
        v = last[NOISE_SCALE].to_numpy(dtype=np.float64)
        order = np.argsort(v)
        cum = np.cumsum(w[order])
        scale = float(v[order][np.searchsorted(cum, 0.5 * cum[-1])])
    until = int(store.get_run(run_id)["parameters"]["arguments"]["until"])
    return rates, scale, until


def by_origin(forecasters: dict[int, object]):  # type: ignore[no-untyped-def]
    """Return a forecaster that hands each task to the forecaster of its origin."""

    def forecast(task: ForecastTask, rng: np.random.Generator) -> np.ndarray:
        return forecasters[task.origin](task, rng)  # type: ignore[operator]

    return forecast


def main() -> None:
    """Run the backtests and print the tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path)
    parser.add_argument("--store", type=Path, required=True)
    parser.add_argument("--run", required=True)
    parser.add_argument("--per-origin", default="")
    parser.add_argument("--draws", type=int, default=20)
    parser.add_argument("--samples", type=int, default=500)
    parser.add_argument("--seed", type=int, default=2021)
    args = parser.parse_args()
    history: HistoryData = load_history(args.data)
    unga = history.frame("unga")
    assert unga is not None
    rates, scale, until = posterior_draws(args.store, args.run, args.draws, args.seed)
    print(
        f"in-sample calibration {args.run} (data up to {until}): noise scale {scale:.3f}; "
        + ", ".join(f"{k} median {np.median(v):.3f}" for k, v in rates.items())
    )
    defaults = {"balance_rate": np.array([0.3]), "inertia_rate": np.array([0.25])}
    forecasters = {
        "persistence": persistence,
        "climatological": climatological_persistence(),
        "model (uncalibrated)": calibrated_forecaster(history, parameters=defaults),
        f"model (calibrated ≤{until}, in sample)": calibrated_forecaster(
            history, parameters=rates, noise_scale=scale
        ),
    }
    if args.per_origin:
        per: dict[int, object] = {}
        for part in args.per_origin.split(","):
            origin, run = part.split("=")
            r, s, u = posterior_draws(args.store, run, args.draws, args.seed)
            assert u <= int(origin), f"run {run} used data up to {u}, after the origin {origin}"
            print(
                f"origin {origin}: calibration {run} (data up to {u}): noise scale {s:.3f}; "
                + ", ".join(f"{k} median {np.median(v):.3f}" for k, v in r.items())
            )
            per[int(origin)] = calibrated_forecaster(history, parameters=r, noise_scale=s)
        forecasters["model (calibrated before each origin)"] = by_origin(per)
    sets = {"default scenario (13 UN members)": DEFAULT_STATES, "G20 (19 states)": GROUPS["G20"]}
    for label, actors in sets.items():
        observed = observed_unga_distance(unga, actors=actors)
        units = list(itertools.combinations(actors, 2))
        t0 = time.perf_counter()
        tables = {
            name: hindcast(
                observed,
                f,
                observable="unga_distance",
                units=units,
                origins=ORIGINS,
                horizons=HORIZONS,
                n_samples=args.samples,
                seed=args.seed,
            )
            for name, f in forecasters.items()
        }
        table = skill_by_horizon(tables, benchmark="climatological")
        print(
            f"\n### unga_distance — {label}; origins {ORIGINS} ({time.perf_counter() - t0:.0f} s)\n"
        )
        compact = table.assign(
            cell=[
                f"{k:+.3f} ({c:.2f}/{c50:.2f})"
                for k, c, c50 in zip(
                    table["crps_skill"], table["cover90"], table["cover50"], strict=True
                )
            ]
        ).pivot(index="forecaster", columns="horizon", values="cell")
        print("CRPS skill vs climatological persistence (90 % / 50 % coverage), by horizon:\n")
        print("| forecaster | " + " | ".join(f"h={h}" for h in compact.columns) + " |")
        print("|---|" + "---|" * len(compact.columns))
        for name, row in compact.iterrows():
            print(f"| {name} | " + " | ".join(row.tolist()) + " |")


if __name__ == "__main__":
    pd.set_option("display.width", 200)
    main()
