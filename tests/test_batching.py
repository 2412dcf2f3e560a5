"""Batch sizes chosen from the memory available and the scenario's size (issue 16)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from equipoise.experiments import batching
from equipoise.experiments.batching import member_bytes, memory_batch_size
from equipoise.experiments.ensemble import Arm, Payload, choose_batch_size, run_ensemble
from equipoise.experiments.executors import SequentialExecutor, make_executor
from equipoise.experiments.outcomes import Outcome
from equipoise.experiments.sampling import sample
from equipoise.scenario import loads_scenario
from equipoise.store import RunStore
from equipoise.testing import mini_scenario_text

UNCERTAIN = (
    mini_scenario_text()
    + """
[[uncertainties]]
name = "beta"
target = "parameters.balance_rate"
distribution = "uniform"
low = 0.1
high = 0.6
"""
)


def _payload(n_members: int = 12, *, tables: bool = False) -> Payload:
    s = loads_scenario(UNCERTAIN)
    design = sample(s.uncertainties, n_members, method="lhs", seed=3)
    last = float(s.scenario.start_year + s.scenario.horizon)
    outcomes = (Outcome("relation", ("AAA", "BBB"), None, last),)
    return Payload(s, tuple(s.uncertainties), design, (Arm(),), outcomes, keep_tables=tables)


def test_member_bytes_grows_as_steps_times_n_squared() -> None:
    small = member_bytes(100, 10)
    assert member_bytes(200, 10) > 3.9 * small  # n^2 dominates
    kept = member_bytes(193, 20) - member_bytes(193, 10)
    assert kept >= 8 * 193 * 193 * 2 * 10  # two n x n series a step
    assert member_bytes(193, 10, tables=True, dyad_table=True) > 10 * member_bytes(193, 10)


def test_memory_batch_size_fits_the_budget_and_the_cap() -> None:
    per = 1 * 2**20
    assert memory_batch_size(per, default=100, n_members=1000, available=2**40).batch_size == 100
    per = 10 * 2**20  # the batch's own target caps it however much is free
    big = memory_batch_size(per, default=100, n_members=1000, available=2**40).batch_size
    assert big == batching.BATCH_BYTES_TARGET // per
    got = memory_batch_size(per, default=100, n_members=1000, in_flight=2, available=2**30)
    assert got.batch_size == int(0.5 * 2**30 / 2 // per) == 25
    assert memory_batch_size(per, default=100, n_members=7, available=2**40).batch_size == 7
    assert memory_batch_size(per, default=100, n_members=9, available=1).batch_size == 1


def test_available_memory_reads_the_system() -> None:
    found, source = batching.available_memory()
    assert found > 0
    assert source in {"psutil", "/proc/meminfo", "cgroup", "fallback"}


def test_chosen_batch_shrinks_with_memory_and_numbers_stay(tmp_path: Path) -> None:
    payload = _payload()
    ex = SequentialExecutor()
    roomy = choose_batch_size(payload, ex, available=2**40)
    assert roomy.batch_size == 12  # capped by the members
    per = roomy.member_bytes
    tight = choose_batch_size(payload, ex, available=int(8 * per))
    assert tight.batch_size == 4  # half of 8 members' worth
    with make_executor("processes", n_workers=2) as procs:
        assert choose_batch_size(payload, procs, available=int(8 * per)).batch_size == 2
    store = RunStore(tmp_path / "runs")
    explicit = run_ensemble(payload, executor=ex, batch_size=5)
    chosen = run_ensemble(payload, executor=ex, store=store)
    for key, value in explicit.values.items():
        np.testing.assert_array_equal(chosen.values[key], value)
    assert chosen.run_id is not None
    params = store.get_run(chosen.run_id)["parameters"]
    assert params["batch_size"] == 12
    assert params["batch_sizing"]["member_bytes"] == per


def test_tables_and_arms_raise_the_estimate() -> None:
    ex = SequentialExecutor()
    bare = choose_batch_size(_payload(), ex, available=2**40).member_bytes
    tables = choose_batch_size(_payload(tables=True), ex, available=2**40).member_bytes
    assert tables > bare


@pytest.mark.parametrize("given", [1, 5])
def test_a_given_batch_size_is_kept(given: int) -> None:
    payload = _payload()
    result = run_ensemble(payload, executor=SequentialExecutor(), batch_size=given)
    assert result.n_members == 12
