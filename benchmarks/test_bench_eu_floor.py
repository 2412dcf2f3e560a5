"""One expected-utility round at n = 1,000 against the numpy floor of its work (issue 16).

Run with ``pytest benchmarks/test_bench_eu_floor.py -s -p no:cacheprovider``.

The *floor* is what numpy cannot do with less: every kind of element-wise work that one round
of Scholz et al. (2011) needs per dyad, each done exactly once per dyad, in place (``out=``),
on preallocated arrays, in the same cache-sized blocks of rows as the engine
(:func:`~equipoise.engines.bargaining._sorted.row_blocks`), with no Python between the calls
beyond the loop over blocks. Per dyad the round needs

* 3 powers with a per-actor exponent (the risk-weighted votes of eq. 31, ``U_s`` and ``U_f`` of
  eqs. 15-16 for the observer's exponent);
* 2 prefix sums along a row (the linear and the risk-weighted vote sums) and 1 sorted search
  (the voters left of each dyad's midpoint, shared by both);
* 4 gathers from the prefix sums (``S_i`` and ``S_j`` for each of the two vote passes);
* :data:`CHEAP_OPS` arithmetic or comparison passes: counted from the equations in
  ``docs/models/bargaining.md`` (distances 3; two probability passes 2 x 6; security 9;
  ``U_s``, ``U_f`` 4; ``E^i(U_ij)`` and ``E^j(U_ji)`` 2 x 5; regions of Fig. 6 and the offer of
  eq. 36 12; the choice of the accepted offer 6) = 56.

The engine's round (``keep_dyads=False``, as in an ensemble) and the floor are timed
interleaved, best-of CPU time, so that the shared machine's load falls on both alike.
Target: the engine within 2x of the floor.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import numpy as np

from equipoise.engines.bargaining import run_expected_utility
from equipoise.engines.bargaining._sorted import row_blocks

N = 1000
CHEAP_OPS = 56
POWERS = 3
PREFIX_SUMS = 2
GATHERS = 4


def _issue(n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(0)
    return rng.uniform(0.01, 1.0, n), rng.uniform(0.0, 100.0, n), rng.uniform(0.05, 1.0, n)


def floor_round(n: int) -> Callable[[], None]:
    """Return a function doing the floor's work for one round at size ``n`` (see module doc)."""
    rng = np.random.default_rng(1)
    xs = np.sort(rng.uniform(0.0, 100.0, n))
    rho = rng.uniform(0.5, 2.0, n)
    blocks = row_blocks(1, n)
    step = max(hi - lo for lo, hi in blocks)
    base = rng.uniform(0.0, 1.0, (step, n))
    work = np.empty((step, n))
    prefix = np.empty((step, n + 1))
    prefix[:, 0] = 0.0
    idx = np.empty((step, n), dtype=np.intp)
    rows = (np.arange(step) * (n + 1))[:, None]

    def run() -> None:
        for lo, hi in blocks:
            m = hi - lo
            b, w = base[:m], work[:m]
            for _ in range(POWERS):
                np.power(b, rho, out=w)
            mid = xs[lo:hi, None] + xs[None, :]
            idx[:m] = np.searchsorted(xs, mid.ravel()).reshape(m, n)
            for _ in range(PREFIX_SUMS):
                np.cumsum(b, axis=-1, out=prefix[:m, 1:])
            flat = prefix[:m].ravel()
            for _ in range(GATHERS):
                np.take(flat, (idx[:m] + rows[:m]).ravel(), out=w.ravel())
            for _ in range(CHEAP_OPS):
                np.multiply(b, 1.0000001, out=w)

    return run


def _best_cpu(fn: Callable[[], Any], reps: int) -> float:
    best = np.inf
    for _ in range(reps):
        start = time.process_time()
        fn()
        best = min(best, time.process_time() - start)
    return float(best)


def test_eu_round_against_numpy_floor(benchmark: Any) -> None:
    c, x, s = _issue(N)

    def engine() -> Any:
        return run_expected_utility(c, x, s, scale=(0, 100), rounds=1, keep_dyads=False)

    floor = floor_round(N)
    engine()
    floor()
    eng_t, floor_t = np.inf, np.inf
    for _ in range(5):  # interleaved
        eng_t = min(eng_t, _best_cpu(engine, 1))
        floor_t = min(floor_t, _best_cpu(floor, 1))
    res = benchmark.pedantic(engine, rounds=3, iterations=1)
    assert res.positions.shape == (2, N)
    ratio = eng_t / floor_t
    benchmark.extra_info.update(engine_s=eng_t, floor_s=floor_t, ratio=ratio)
    print(
        f"\nEU round n={N}: engine {eng_t * 1e3:.1f} ms, numpy floor {floor_t * 1e3:.1f} ms, x{ratio:.2f}"
    )
    assert ratio < 2.0
