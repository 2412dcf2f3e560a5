"""Benchmarks of the weak-balance partition and the cycle report (issue 12 item 5).

Run with ``pytest benchmarks/test_bench_partition.py`` (add ``--benchmark-disable`` to only
smoke-run). Measures: the data-driven blocs of one system and of a batch of ensemble members,
exact (enumeration, n = 8 and 10) and heuristic (relocation, n = 14, the default scenario's
size, and n = 30); the cycle report of a batch of expected-utility runs.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from equipoise.engines.bargaining import detect_cycles, run_expected_utility
from equipoise.engines.partition import pole_structure, weak_balance_blocs


def systems(n_members: int, n: int, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    R = np.triu(rng.uniform(-1.0, 1.0, (n_members, n, n)), 1)
    return R + np.swapaxes(R, -1, -2), rng.uniform(0.1, 2.0, (n_members, n))


@pytest.mark.parametrize(
    ("n", "method"), [(8, "exact"), (10, "exact"), (14, "heuristic"), (30, "heuristic")]
)
def test_partition_one_system(benchmark: Any, n: int, method: str) -> None:
    R, p = systems(1, n)
    part = benchmark(weak_balance_blocs, R[0], p[0], method=method)
    assert int(part.n_blocs) >= 1


@pytest.mark.parametrize(("n", "method"), [(8, "exact"), (10, "exact"), (14, "heuristic")])
def test_partition_batch_of_300(benchmark: Any, n: int, method: str) -> None:
    R, p = systems(300, n)
    part = benchmark.pedantic(
        weak_balance_blocs, args=(R, p), kwargs={"method": method}, rounds=3, iterations=1
    )
    assert part.labels.shape == (300, n)


def test_cycle_report_10000_runs(benchmark: Any) -> None:
    # 10,000 perturbed copies of a 15-actor issue, 10 rounds: the report alone
    rng = np.random.default_rng(0)
    c = rng.uniform(0.01, 1.0, (10_000, 15))
    x = rng.uniform(0.0, 100.0, (10_000, 15))
    s = rng.uniform(0.05, 1.0, (10_000, 15))
    res = run_expected_utility(c, x, s, scale=(0, 100), rounds=10, keep_dyads=False)
    rep = benchmark(detect_cycles, res.positions, res.median, span=100.0)
    assert rep.detected.shape == (10_000,)


def test_look_ahead_12_rounds_300_members(benchmark: Any) -> None:
    # the time loop's look-ahead: 12 rounds from each member's end state, 6 actors
    rng = np.random.default_rng(1)
    c = rng.uniform(0.01, 1.0, (300, 6))
    x = rng.uniform(0.0, 100.0, (300, 6))
    s = rng.uniform(0.05, 1.0, (300, 6))
    res = benchmark(run_expected_utility, c, x, s, scale=(0, 100), rounds=12, keep_dyads=False)
    assert res.cycle is not None


def test_pole_structure_batch_of_300(benchmark: Any) -> None:
    R, p = systems(300, 14)
    labels = weak_balance_blocs(R, p, method="heuristic").labels
    ps = benchmark(pole_structure, R, p, labels)
    assert ps.polarity.shape == (300,)
