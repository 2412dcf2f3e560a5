"""Speed of the time loop on the default scenario (issue 6 targets: a full run < 0.2 s)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from equipoise.compile import compile_scenario
from equipoise.experiments.sampling import patches_for, sample
from equipoise.random import member_rngs
from equipoise.scenario import load_scenario
from equipoise.simulate import SimulationOptions, simulate


@pytest.fixture(scope="module")
def compiled() -> Any:
    return compile_scenario(load_scenario("indo-pacific-2021"))


def test_load_and_validate_default(benchmark: Any) -> None:
    s = benchmark(load_scenario, "indo-pacific-2021")
    assert len(s.actors) == 14


def test_full_default_run(benchmark: Any, compiled: Any) -> None:
    """One member, all engines, blocs at every step, 10 steps."""
    tr = benchmark(simulate, compiled)
    assert tr.n_steps == 10


@pytest.mark.parametrize("members", [100, 1000])
def test_batched_members(benchmark: Any, compiled: Any, members: int) -> None:
    """Members advancing together in one vectorised call (blocs at the last step only)."""
    s = compiled.scenario
    design = sample(s.sampled_uncertainties, members, method="lhs", seed=1)
    rows = np.arange(members)
    patches = patches_for(design, s.sampled_uncertainties, rows)

    def run() -> Any:
        return simulate(
            compiled,
            patches=patches,
            n_members=members,
            rng=member_rngs(1, rows),
            options=SimulationOptions(bloc_steps="last", keep_relations=False),
        )

    tr = benchmark.pedantic(run, rounds=3, iterations=1)
    benchmark.extra_info["members_per_second"] = members / benchmark.stats["median"]
    assert tr.n_members == members
