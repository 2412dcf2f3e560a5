"""Contract suites: what every bargaining model and every executor must do.

In the manner of scikit-learn's ``check_estimator``: one set of checks, parametrised over
every implementation, so that a new model or executor is held to the same rules.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from equipoise.engines.bargaining import bargain
from equipoise.experiments.ensemble import run_ensemble
from equipoise.experiments.executors import make_executor
from equipoise.experiments.plans import EnsemblePlan
from equipoise.scenario import loads_scenario
from equipoise.testing import uncertain_scenario_text

MODELS = ("eu", "compromise", "median")


def _issue(rng: np.random.Generator, n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    capability = rng.uniform(0.01, 1.0, n)
    position = rng.uniform(0.0, 100.0, n)
    salience = rng.uniform(0.05, 1.0, n)
    return capability, position, salience


@pytest.mark.parametrize("model", MODELS)
@settings(max_examples=25)
@given(seed=st.integers(0, 2**32 - 1), n=st.integers(2, 12))
def test_a_forecast_lies_within_the_positions(model: str, seed: int, n: int) -> None:
    cap, pos, sal = _issue(np.random.default_rng(seed), n)
    result = bargain(model, cap, pos, sal, scale=(0.0, 100.0), rounds=5)  # type: ignore[arg-type]
    forecast = float(result.forecast)
    assert pos.min() - 1e-9 <= forecast <= pos.max() + 1e-9


@pytest.mark.parametrize("model", MODELS)
def test_a_batch_gives_each_member_its_own_answer(model: str) -> None:
    rng = np.random.default_rng(5)
    issues = [_issue(rng, 7) for _ in range(4)]
    cap, pos, sal = (np.stack([i[k] for i in issues]) for k in range(3))
    batch = bargain(model, cap, pos, sal, scale=(0.0, 100.0), rounds=4)  # type: ignore[arg-type]
    for b, (c, p, s) in enumerate(issues):
        one = bargain(model, c, p, s, scale=(0.0, 100.0), rounds=4)  # type: ignore[arg-type]
        assert float(np.asarray(batch.forecast)[b]) == pytest.approx(float(one.forecast), abs=1e-9)


@pytest.mark.parametrize("model", MODELS)
def test_the_answer_does_not_depend_on_the_order_of_actors(model: str) -> None:
    cap, pos, sal = _issue(np.random.default_rng(11), 9)
    order = np.random.default_rng(12).permutation(9)
    a = bargain(model, cap, pos, sal, scale=(0.0, 100.0), rounds=3)  # type: ignore[arg-type]
    b = bargain(  # type: ignore[arg-type]
        model, cap[order], pos[order], sal[order], scale=(0.0, 100.0), rounds=3
    )
    assert float(a.forecast) == pytest.approx(float(b.forecast), abs=1e-6)


@pytest.mark.parametrize("model", MODELS)
def test_unanimity_is_the_answer(model: str) -> None:
    cap = np.array([0.5, 0.3, 0.2])
    result = bargain(model, cap, np.full(3, 42.0), np.full(3, 0.6), scale=(0.0, 100.0))  # type: ignore[arg-type]
    assert float(result.forecast) == pytest.approx(42.0)


@pytest.mark.slow
@pytest.mark.parametrize("executor", ["local", "processes", "dask"])
def test_every_executor_gives_the_same_numbers(executor: str) -> None:
    scenario = loads_scenario(uncertain_scenario_text())
    payload = EnsemblePlan(scenario=scenario, n_members=6, tables=False).payload()
    with make_executor("local") as ex:
        reference = run_ensemble(payload, executor=ex, batch_size=6)
    with make_executor(executor, n_workers=2) as ex:  # type: ignore[arg-type]
        result = run_ensemble(payload, executor=ex, batch_size=2)
    assert result.values.keys() == reference.values.keys()
    for key, values in reference.values.items():
        np.testing.assert_array_equal(result.values[key], values, err_msg=str(key))
