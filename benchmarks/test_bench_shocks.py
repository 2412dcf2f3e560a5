"""Speed of the declared shocks on the default scenario (issue 12: the cost is small).

Drawing is done once per batch and reused by every arm (``simulate.shocks.batch_draws``): one
generator per member and shock. Compare with ``test_bench_simulate.py``'s batched members.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from equipoise.compile import compile_scenario
from equipoise.random import member_sequence
from equipoise.scenario import load_scenario
from equipoise.simulate.shocks import compiled_shocks, draw_shocks, shock_shares


@pytest.fixture(scope="module")
def compiled() -> Any:
    return compile_scenario(load_scenario("indo-pacific-2021"))


@pytest.mark.parametrize("members", [100, 1000])
def test_draw_the_default_shocks(benchmark: Any, compiled: Any, members: int) -> None:
    """The occurrences and sizes of the ten default shocks for a batch of members."""
    s = compiled.scenario.scenario
    years = float(s.start_year) + np.arange(s.horizon + 1, dtype=np.float64)
    shocks = compiled_shocks(compiled, years)
    seqs = [member_sequence(s.seed, k) for k in range(members)]
    draws = benchmark(draw_shocks, shocks, seqs)
    assert len(draws.hits) == len(compiled.scenario.shocks)


def test_shock_shares_of_an_ensemble(benchmark: Any, compiled: Any) -> None:
    """What ``equipoise ensemble`` adds to its summary for 500 members."""
    rows = benchmark(shock_shares, compiled, 0, range(500))
    assert rows
