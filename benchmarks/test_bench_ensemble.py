"""Ensemble throughput on the default scenario (issue 7 targets).

* 10,000 members, 10-year horizon, in under 60 s with the process executor on 2 cores;
  members per second for 1 process, 2 processes and a Dask LocalCluster with 2 workers.
* A Sobol analysis with 8 uncertainties at N = 1024 with progress.
* Memory bounded by streaming batches to the store.

Run: ``pytest benchmarks/test_bench_ensemble.py --benchmark-only -s``.
"""

from __future__ import annotations

import resource
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from equipoise.experiments import analysis
from equipoise.experiments.ensemble import Arm, Payload, run_ensemble
from equipoise.experiments.executors import make_executor
from equipoise.experiments.outcomes import Outcome
from equipoise.experiments.sampling import Design, sample
from equipoise.scenario import load_scenario
from equipoise.store import RunStore

S = load_scenario("indo-pacific-2021")
LAST = float(S.scenario.start_year + S.scenario.horizon)
OUTCOMES = (
    Outcome("strategic_space", ("RUS", "JPN"), None, LAST),
    Outcome("dependence", ("RUS", "CHN"), None, LAST),
    Outcome("bipolarity", (), None, LAST),
)


def _payload(n: int) -> Payload:
    design = sample(S.sampled_uncertainties, n, method="lhs", seed=S.scenario.seed)
    return Payload(S, tuple(S.sampled_uncertainties), design, (Arm(),), OUTCOMES)


@pytest.mark.parametrize(
    ("executor", "workers"), [("local", 1), ("processes", 1), ("processes", 2), ("dask", 2)]
)
def test_ensemble_10000(benchmark: Any, executor: str, workers: int) -> None:
    payload = _payload(10_000)

    def run() -> Any:
        with make_executor(executor, n_workers=workers) as ex:  # type: ignore[arg-type]
            return run_ensemble(payload, executor=ex, batch_size=250)

    result = benchmark.pedantic(run, rounds=1, iterations=1)
    rate = 10_000 / result.seconds
    benchmark.extra_info.update(members_per_second=rate, seconds=result.seconds)
    print(f"\n{executor} x{workers}: {result.seconds:.1f} s, {rate:.0f} members/s")


@pytest.mark.parametrize("second_order", [False, True], ids=["first-total", "second-order"])
def test_sobol_8_uncertainties(benchmark: Any, second_order: bool) -> None:
    """N = 1024, D = 8: N (D + 2) = 10,240 runs, or N (2D + 2) = 18,432 with second order."""
    uncs = S.sampled_uncertainties[:8]
    problem = analysis.problem_from_uncertainties(uncs)
    unit = analysis.sobol_design(problem, 1024, calc_second_order=second_order, rng=1)
    design = Design(tuple(problem["names"]), analysis.to_values(problem, unit), "sobol", 1)
    payload = Payload(S, uncs, design, (Arm(),), OUTCOMES[:1])

    def run() -> Any:
        with make_executor("processes", n_workers=2) as ex:
            result = run_ensemble(payload, executor=ex, batch_size=256)
        y = np.asarray(result.get("baseline", OUTCOMES[0]))[:, 0]
        return result, analysis.sobol_indices(problem, y, calc_second_order=second_order, rng=1)

    result, indices = benchmark.pedantic(run, rounds=1, iterations=1)
    benchmark.extra_info.update(runs=design.n_members, seconds=result.seconds)
    print(
        f"\nSobol: {design.n_members} runs in {result.seconds:.1f} s; top: {indices['name'].iloc[0]}"
    )


@pytest.mark.parametrize("members", [2_000, 20_000])
def test_memory_stays_bounded(benchmark: Any, tmp_path: Path, members: int) -> None:
    """Full tidy tables streamed to the store: peak memory must not grow with members."""
    design = sample(S.sampled_uncertainties, members, method="lhs", seed=1)
    payload = Payload(
        S, tuple(S.sampled_uncertainties), design, (Arm(),), OUTCOMES, keep_tables=True
    )
    store = RunStore(tmp_path / "runs")

    def run() -> Any:
        with make_executor("processes", n_workers=2) as ex:
            return run_ensemble(payload, executor=ex, batch_size=250, store=store)

    benchmark.pedantic(run, rounds=1, iterations=1)
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    benchmark.extra_info.update(peak_rss_mib=peak_mib)
    print(f"\n{members} members with tables: coordinator peak RSS {peak_mib:.0f} MiB")
