"""The baselines: compromise model (weighted mean) and weighted median; ``bargain``."""

from __future__ import annotations

import numpy as np
import pytest

from equipoise.engines.bargaining import (
    EUOptions,
    bargain,
    run_compromise,
    run_expected_utility,
    run_median,
)

# Scholz et al. (2011) Table 1 (Bueno de Mesquita 1994, p. 78)
C = np.array([0.08, 0.08, 0.03, 0.16, 0.16, 0.16, 0.16, 0.05, 0.05, 0.08])
X = np.array([4, 7, 4, 4, 10, 10, 10, 7, 4, 7], dtype=float)
S = np.array([80, 40, 20, 80, 60, 60, 90, 10, 100, 70]) / 100


def test_compromise_is_the_weighted_mean() -> None:
    res = run_compromise(C, X, S)
    # sum c s x = 4(.064+.006+.128+.05) + 7(.032+.005+.056) + 10(.096+.096+.144) = 5.003,
    # sum c s = 0.677
    assert float(res.forecast) == pytest.approx(5.003 / 0.677)
    assert float(res.forecast) == pytest.approx(7.390, abs=1e-3)
    assert res.model == "compromise"
    assert res.positions.shape == (1, 10)
    assert res.dyads is None
    assert bool(res.converged) and int(res.rounds_run) == 0


def test_median_is_the_weighted_median() -> None:
    # cumulative c s by position: at 4, .064+.006+.128+.05 = .248; at 7, + .032+.005+.056
    # = .341 > half of .677 (.3385): the median is 7
    res = run_median(C, X, S)
    assert float(res.forecast) == 7.0


def test_median_tie_takes_the_lower_position() -> None:
    res = run_median([1, 1], [0.0, 1.0], [1, 1])
    assert float(res.forecast) == 0.0


def test_median_agrees_with_eu_round_zero() -> None:
    eu = run_expected_utility(C, X, S, rounds=0)
    assert float(eu.median[0]) == float(run_median(C, X, S).forecast)
    assert float(eu.mean[0]) == pytest.approx(float(run_compromise(C, X, S).forecast))


def test_percent_salience_is_scaled() -> None:
    a = run_compromise(C, X, S * 100, salience_scale=100.0)
    b = run_compromise(C, X, S)
    assert float(a.forecast) == pytest.approx(float(b.forecast))


def test_batch_shapes() -> None:
    rng = np.random.default_rng(3)
    c, x, s = rng.random((3, 4, 5)), rng.random((3, 4, 5)), rng.random((3, 4, 5))
    res = run_compromise(c, x, s)
    assert res.forecast.shape == (3, 4)
    np.testing.assert_allclose(res.forecast, (c * s * x).sum(-1) / (c * s).sum(-1))
    assert run_median(c, x, s).positions.shape == (3, 4, 1, 5)


@pytest.mark.parametrize("model", ["eu", "compromise", "median"])
def test_bargain_dispatch(model: str) -> None:
    res = bargain(model, C, X, S * 100, rounds=2, options=EUOptions(salience_scale="percent"))  # type: ignore[arg-type]
    assert res.model == model
    assert np.isfinite(res.forecast)


def test_bargain_unknown_model() -> None:
    with pytest.raises(ValueError, match="model"):
        bargain("vote", C, X, S)  # type: ignore[arg-type]


def test_baseline_scale_check() -> None:
    with pytest.raises(ValueError, match="scale"):
        run_compromise(C, X, S, scale=(5, 10))
