"""A member at a time through the API against the batched path, per member (issue 16).

Run with ``pytest benchmarks/test_bench_api_path.py -s -p no:cacheprovider``, or as a script
(``python benchmarks/test_bench_api_path.py``) to print the figures of the source tree on
``PYTHONPATH`` (before/after comparisons run it on two trees, interleaved).

A notebook loop, the EMA Workbench or a user's own code calls
:func:`equipoise.simulate.simulate` once per member (``n_members=1``) or a few members at a
time; an ensemble advances 200 members per call. Each call of the default scenario makes 60
expected-utility calls (6 issues x 10 steps), each with a fixed numpy cost. Figures: CPU
seconds per member (best of 3), the same members and random streams in every path, blocs at
the last step only (the ensemble's default where no claim reads them) and at every step.
Target: 10 members at a time within 3x of the batched path per member.
"""

from __future__ import annotations

import time
from typing import Any

import numpy as np

from equipoise.compile import compile_scenario
from equipoise.random import member_rngs
from equipoise.scenario import load_scenario
from equipoise.simulate import SimulationOptions, simulate

S = load_scenario("indo-pacific-2021")
C = compile_scenario(S)
T = round(S.scenario.horizon / S.scenario.time_step)


def per_member(size: int, total: int, options: SimulationOptions) -> float:
    """CPU seconds per member when ``total`` members run ``size`` at a time."""
    start = time.process_time()
    for lo in range(0, total, size):
        rows = np.arange(lo, lo + size)
        simulate(C, n_members=size, rng=member_rngs(S.scenario.seed, rows), options=options)
    return (time.process_time() - start) / total


def figures(reps: int = 2) -> dict[str, float]:
    """Best-of-``reps`` CPU per member of each path, interleaved."""
    out: dict[str, float] = {}
    for label, options in (
        ("blocs last", SimulationOptions(bloc_steps=(T,))),
        ("blocs all", SimulationOptions()),
    ):
        simulate(C, n_members=2, options=options)
        for _ in range(reps):
            for size, total in ((1, 10), (10, 50), (200, 200)):
                key = f"{label}, {size} at a time"
                out[key] = min(out.get(key, np.inf), per_member(size, total, options))
    return out


def test_api_path_per_member(benchmark: Any) -> None:
    got = figures()
    benchmark.pedantic(
        lambda: per_member(10, 100, SimulationOptions(bloc_steps=(T,))), rounds=1, iterations=1
    )
    benchmark.extra_info.update(got)
    for label in ("blocs last", "blocs all"):
        batched = got[f"{label}, 200 at a time"]
        for size in (1, 10):
            value = got[f"{label}, {size} at a time"]
            print(
                f"\n{label}, {size} at a time: {value * 1e3:.1f} ms/member, x{value / batched:.2f}"
            )
        print(f"{label}, 200 at a time: {batched * 1e3:.1f} ms/member")
    assert got["blocs last, 10 at a time"] < 3.0 * got["blocs last, 200 at a time"]


if __name__ == "__main__":
    for key, value in figures().items():
        print(f"{key}: {value * 1e3:.2f} ms/member")
