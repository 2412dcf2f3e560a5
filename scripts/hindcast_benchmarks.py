"""Rolling-origin hindcasts of the observables: benchmarks and the (uncalibrated) model.

Usage: ``python scripts/hindcast_benchmarks.py DATA_DIR [--members B] [--samples M]``

For each observable and actor set (the default scenario's states, the G20) it forecasts from
the origins 2005, 2010 and 2015 (trade: 2015, its data begin in 2010) at horizons 1–5 with
persistence, climatological persistence, a linear trend (shares) and the model: a scenario
built by ``equipoise build`` from the data up to the origin, simulated with the default
parameters, mapped to the observable by the measurement model fitted up to the origin. Every
forecaster sees only the data up to its origin. Prints the skill table by horizon (CRPS skill
against climatological persistence) as Markdown.
"""

from __future__ import annotations

import argparse
import itertools
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

from equipoise.compile import compile_scenario
from equipoise.experiments.benchmarks import (
    ForecastTask,
    climatological_persistence,
    linear_trend,
    persistence,
)
from equipoise.experiments.hindcast import hindcast, model_forecaster, skill_by_horizon
from equipoise.observation import (
    model_state,
    observed_share,
    observed_trade_dependence,
    observed_unga_distance,
)
from equipoise.scenario.build import GROUPS, build_scenario, load_history
from equipoise.simulate import simulate

DEFAULT_STATES = (
    "USA",
    "CHN",
    "RUS",
    "JPN",
    "KOR",
    "PRK",
    "IND",
    "VNM",
    "AUS",
    "FRA",
    "GBR",
    "IDN",
    "PHL",
)
HORIZONS = (1, 2, 3, 4, 5)


def main() -> None:
    """Run every hindcast and print the skill tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path)
    parser.add_argument("--members", type=int, default=1)
    parser.add_argument("--samples", type=int, default=500)
    parser.add_argument("--seed", type=int, default=2021)
    args = parser.parse_args()
    history = load_history(args.data)
    unga, weo, sipri, dots = (history.frame(k) for k in ("unga", "weo", "sipri", "dots"))
    assert unga is not None and weo is not None and sipri is not None and dots is not None
    sets = {"default scenario (13 UN members)": DEFAULT_STATES, "G20 (19 states)": GROUPS["G20"]}
    cases = []
    for label, actors in sets.items():
        cases.append(
            (
                "unga_distance",
                label,
                actors,
                observed_unga_distance(unga, actors=actors),
                (2005, 2010, 2015),
            )
        )
        cases.append(
            (
                "gdp_share",
                label,
                actors,
                observed_share(weo, column="gdp_usd_bn", actors=actors),
                (2005, 2010, 2015),
            )
        )
        cases.append(
            (
                "milex_share",
                label,
                actors,
                observed_share(sipri, column="milex_current_usd_m", actors=actors),
                (2005, 2010, 2015),
            )
        )
    cases.append(
        (
            "trade_dependence",
            "default scenario (13 reporters)",
            DEFAULT_STATES,
            observed_trade_dependence(dots, actors=DEFAULT_STATES),
            (2015,),
        )
    )

    for observable, label, actors, observed, origins in cases:
        if observable in ("unga_distance",):
            units = list(itertools.combinations(actors, 2))
        elif observable == "trade_dependence":
            units = [(a, b) for a, b in itertools.permutations(actors, 2)]
        else:
            units = [(a, "") for a in actors]

        def states(
            task: ForecastTask, actors: tuple[str, ...] = tuple(actors)
        ) -> tuple[np.ndarray, np.ndarray]:
            built = build_scenario(
                history, actors=list(actors), year=task.origin, horizon=max(task.horizons)
            )
            traj = simulate(compile_scenario(built.scenario), n_members=args.members, rng=args.seed)
            x = model_state(traj, task.observable, units=task.units)
            return x[:, 0], x[:, list(task.horizons)]

        forecasters = {
            "persistence": persistence,
            "climatological": climatological_persistence(),
            "model (uncalibrated)": model_forecaster(states),
        }
        if observable in ("gdp_share", "milex_share"):
            forecasters["linear trend"] = linear_trend()
        t0 = time.perf_counter()
        tables = {
            name: hindcast(
                observed,
                f,
                observable=observable,
                units=units,
                origins=origins,
                horizons=HORIZONS,
                n_samples=args.samples,
                seed=args.seed,
            )
            for name, f in forecasters.items()
        }
        table = skill_by_horizon(tables, benchmark="climatological")
        print(
            f"\n### {observable} — {label}; origins {', '.join(map(str, origins))} ({time.perf_counter() - t0:.1f} s)\n"
        )
        print(table.round(4).to_string(index=False))
        compact = table.assign(
            cell=[
                f"{k:+.2f} ({c:.2f})"
                for k, c in zip(table["crps_skill"], table["cover90"], strict=True)
            ]
        ).pivot(index="forecaster", columns="horizon", values="cell")
        print("\nCRPS skill vs climatological (90 % coverage), by horizon:\n")
        print("| forecaster | " + " | ".join(f"h={h}" for h in compact.columns) + " |")
        print("|---|" + "---|" * len(compact.columns))
        for name, row in compact.iterrows():
            print(f"| {name} | " + " | ".join(row.tolist()) + " |")
        sys.stdout.flush()


if __name__ == "__main__":
    pd.set_option("display.width", 200)
    main()
