"""Benchmarks of the alignment engine and the system metrics (issue 6 targets).

Run with ``pytest benchmarks/test_bench_alignment.py``. Targets: one alignment step at
n = 200 under 10 ms; the exact frustration index at n = 14 (about the default scenario) under
1 s. The n = 30 exact and n = 200 heuristic figures are reported, not targeted.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import numpy as np
import pytest

from equipoise.engines.alignment import AlignmentParams, affinity_matrix, step
from equipoise.metrics import (
    alignment,
    bipolarity,
    blocs,
    dependence,
    frustration_index,
    polarity,
    strategic_space,
)


def random_symmetric(rng: np.random.Generator, n: int, scale: float = 1.0) -> np.ndarray:
    upper = np.triu(rng.uniform(-scale, scale, (n, n)), 1)
    return upper + upper.T


def near_balanced(rng: np.random.Generator, n: int, noise: float = 0.15) -> np.ndarray:
    """Two camps with a share ``noise`` of ties flipped: what a region's relations look like."""
    s = rng.choice([-1.0, 1.0], n)
    R = np.outer(s, s) * rng.uniform(0.1, 1.0, (n, n))
    R = np.where(rng.random((n, n)) < noise, -R, R)
    upper = np.triu(R, 1)
    return upper + upper.T


def step_inputs(rng: np.random.Generator, n: int, batch: tuple[int, ...] = ()) -> dict[str, Any]:
    R = random_symmetric(rng, n, 0.9)
    locked = np.zeros((n, n), dtype=bool)
    locked[0, 1] = locked[1, 0] = True
    lower = np.full((n, n), -1.0)
    upper = np.full((n, n), 1.0)
    lower[2, 3] = lower[3, 2] = 0.3
    upper[2, 3] = upper[3, 2] = 0.8
    R[2, 3] = R[3, 2] = 0.5
    return {
        "R": np.broadcast_to(R, (*batch, n, n)).copy(),
        "power": rng.uniform(0.1, 3.0, (*batch, n)),
        "baseline": random_symmetric(rng, n, 0.8),
        "affinity": affinity_matrix(rng.uniform(0, 100, (10, n)), rng.uniform(0, 1, (10, n))),
        "locked": locked,
        "lower": lower,
        "upper": upper,
        "params": AlignmentParams(),
    }


@pytest.fixture(params=["blas-default", "blas-1-thread"])
def blas_threads(request: pytest.FixtureRequest) -> Iterator[str]:
    """Run once with numpy's BLAS as configured and once limited to one thread.

    On a loaded two-core machine a multi-threaded BLAS oversubscribes the cores and a
    200 x 200 product can take 20 times longer; ensemble workers should run one BLAS thread
    each. The one-thread variant needs threadpoolctl (skipped where absent).
    """
    if request.param == "blas-default":
        yield request.param
        return
    threadpoolctl = pytest.importorskip("threadpoolctl")
    with threadpoolctl.threadpool_limits(limits=1, user_api="blas"):
        yield request.param


def check_target(benchmark: Any, seconds: float) -> None:
    """Fail if the median exceeds the issue's target (skipped with --benchmark-disable)."""
    stats = getattr(benchmark, "stats", None)
    if stats is not None and stats.stats is not None:
        assert stats.stats.median < seconds, f"median {stats.stats.median:.4f} s > {seconds} s"


def test_step_n200(benchmark: Any, blas_threads: str) -> None:
    kw = step_inputs(np.random.default_rng(0), 200)
    R = kw.pop("R")
    out = benchmark(lambda: step(R, **kw))
    assert out.shape == (200, 200)
    if blas_threads == "blas-1-thread":  # the default BLAS is at the mercy of machine load
        check_target(benchmark, 0.010)


def test_step_n14_batch1000(benchmark: Any) -> None:
    """An ensemble of 1000 members of the default-scenario size advancing in one call."""
    kw = step_inputs(np.random.default_rng(1), 14, batch=(1000,))
    R = kw.pop("R")
    out = benchmark(lambda: step(R, **kw))
    assert out.shape == (1000, 14, 14)


@pytest.mark.parametrize(
    ("n", "kind"), [(14, "near_balanced"), (14, "random"), (30, "near_balanced"), (30, "random")]
)
def test_frustration_exact(benchmark: Any, n: int, kind: str) -> None:
    rng = np.random.default_rng(n)
    R = near_balanced(rng, n) if kind == "near_balanced" else random_symmetric(rng, n)
    power = rng.uniform(0.1, 3.0, n)
    run: Callable[[], Any] = lambda: frustration_index(R, power, method="exact")  # noqa: E731
    part = benchmark.pedantic(run, rounds=5 if n <= 14 else 3, iterations=1, warmup_rounds=1)
    assert part.optimal
    if n == 14:
        check_target(benchmark, 1.0)


def test_frustration_heuristic_n200(benchmark: Any) -> None:
    rng = np.random.default_rng(200)
    R = random_symmetric(rng, 200)
    power = rng.uniform(0.1, 3.0, 200)
    part = benchmark.pedantic(
        lambda: frustration_index(R, power, method="heuristic"), rounds=5, iterations=1
    )
    assert part.method == "heuristic"


def test_all_metrics_n14(benchmark: Any) -> None:
    """Everything the time loop computes from R and power once per step, default-scenario size."""
    rng = np.random.default_rng(14)
    R = near_balanced(rng, 14)
    power = rng.uniform(0.1, 3.0, 14)

    def metrics() -> float:
        part = blocs(R, power)
        polarity(part.labels, power)
        bipolarity(R, power, part.labels)
        dependence(R, power)
        strategic_space(R, power)
        alignment(R, power, toward=0, against=1)
        return part.frustration

    benchmark(metrics)
