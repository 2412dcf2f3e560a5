"""Commitments with inertia: committed dyads follow a fraction ``commitment_rate`` of the drift."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from equipoise.engines.alignment import AlignmentParams, drift, power_weights, step

PARAMS = AlignmentParams(balance_rate=1.0, affinity_rate=0.5, inertia_rate=0.3, substeps=4)


def random_symmetric(rng: np.random.Generator, n: int, low: float, high: float) -> np.ndarray:
    upper = np.triu(rng.uniform(low, high, (n, n)), 1)
    return upper + upper.T


def locked_step_reference(
    R: np.ndarray,
    *,
    power: np.ndarray,
    baseline: np.ndarray,
    affinity: np.ndarray,
    locked: np.ndarray,
    lower: np.ndarray,
    upper: np.ndarray,
    params: AlignmentParams,
) -> np.ndarray:
    """The step as it was before commitments could move (locks frozen), written out."""
    n = R.shape[-1]
    rel = np.array(R, dtype=np.float64)
    rel[..., np.arange(n), np.arange(n)] = 0.0
    weights = power_weights(power, params.power_exponent)
    free = ~np.eye(n, dtype=bool) & ~locked
    lo = np.where(free, np.maximum(lower, -1.0), -1.0)
    hi = np.where(free, np.minimum(upper, 1.0), 1.0)
    rel = 0.5 * (rel + np.swapaxes(rel, -1, -2))
    rel = np.clip(rel, lo, hi)
    free_f = free.astype(np.float64)

    def euler(x: np.ndarray) -> np.ndarray:
        d = drift(x, weights=weights, baseline=baseline, affinity=affinity, params=params)
        d *= free_f
        d *= params.h
        d += x
        return np.clip(d, lo, hi, out=d)

    for _ in range(params.substeps):
        rel = 0.5 * (rel + euler(euler(rel)))
    return rel


def inputs(rng: np.random.Generator, n: int) -> dict[str, Any]:
    locked = np.zeros((n, n), dtype=bool)
    locked[0, 1] = locked[1, 0] = True
    locked[2, 4] = locked[4, 2] = True
    lower = np.full((n, n), -1.0)
    upper = np.full((n, n), 1.0)
    lower[2, 3] = lower[3, 2] = 0.3
    upper[2, 3] = upper[3, 2] = 0.6
    return {
        "power": rng.uniform(0.1, 3.0, n),
        "baseline": random_symmetric(rng, n, -0.8, 0.8),
        "affinity": random_symmetric(rng, n, -1.0, 1.0),
        "locked": locked,
        "lower": lower,
        "upper": upper,
    }


def test_rate_zero_is_bit_for_bit_the_locked_step() -> None:
    rng = np.random.default_rng(3)
    n = 10
    R = random_symmetric(rng, n, -0.9, 0.9)
    R[2, 3] = R[3, 2] = 0.45
    kw = inputs(rng, n)
    ref = R.copy()
    for _ in range(20):
        R = step(R, params=PARAMS, **kw)
        ref = locked_step_reference(ref, params=PARAMS, **kw)
        np.testing.assert_array_equal(R, ref)
    assert AlignmentParams().commitment_rate == 0.0


def test_rate_one_is_a_free_dyad() -> None:
    rng = np.random.default_rng(4)
    n = 8
    R = random_symmetric(rng, n, -0.9, 0.9)
    kw = inputs(rng, n)
    del kw["lower"], kw["upper"]
    one = AlignmentParams(
        balance_rate=1.0, affinity_rate=0.5, inertia_rate=0.3, substeps=4, commitment_rate=1.0
    )
    committed = step(R, params=one, **kw)
    kw["locked"] = None
    np.testing.assert_array_equal(committed, step(R, params=PARAMS, **kw))


def test_commitment_erodes_under_balancing_pressure() -> None:
    # KOR (0) and USA (1) are allies; both are courted by CHN (2), a friend of both, while
    # USA and CHN are hostile: balance cools the alliance. Locked, it stays 0.737; with a
    # commitment rate it erodes, slower than the same dyad would if it were free.
    R = np.array([[0.0, 0.737, 0.6], [0.737, 0.0, -0.8], [0.6, -0.8, 0.0]])
    locked = np.zeros((3, 3), dtype=bool)
    locked[0, 1] = locked[1, 0] = True
    power = np.array([0.1, 1.0, 1.0])
    base = AlignmentParams(balance_rate=0.4, affinity_rate=0.0, inertia_rate=0.0)
    values = {}
    for kappa in (0.0, 0.25, 1.0):
        params = AlignmentParams(
            balance_rate=0.4, affinity_rate=0.0, inertia_rate=0.0, commitment_rate=kappa
        )
        X = R.copy()
        for _ in range(5):
            X = step(X, power=power, locked=locked, params=params)
        values[kappa] = X[0, 1]
    free = R.copy()
    for _ in range(5):
        free = step(free, power=power, params=base)
    assert values[0.0] == 0.737  # locked: bit for bit
    assert values[1.0] == free[0, 1]  # rate 1: an ordinary dyad
    assert values[1.0] < values[0.25] < values[0.0]


def test_rate_is_validated() -> None:
    for bad in (-0.1, 1.5, float("nan")):
        with pytest.raises(ValueError, match="commitment_rate"):
            AlignmentParams(commitment_rate=bad)
    AlignmentParams(commitment_rate=np.array([0.0, 0.5, 1.0]))  # one per member is fine


def test_rate_per_member_matches_members_alone() -> None:
    rng = np.random.default_rng(5)
    n = 6
    R = random_symmetric(rng, n, -0.9, 0.9)
    kw = inputs(rng, n)
    kappas = np.array([0.0, 0.3, 1.0])
    batch = AlignmentParams(
        balance_rate=1.0, affinity_rate=0.5, inertia_rate=0.3, substeps=4, commitment_rate=kappas
    )
    out = step(np.broadcast_to(R, (3, n, n)), params=batch, **kw)
    for m, kappa in enumerate(kappas):
        one = AlignmentParams(
            balance_rate=1.0,
            affinity_rate=0.5,
            inertia_rate=0.3,
            substeps=4,
            commitment_rate=float(kappa),
        )
        np.testing.assert_allclose(out[m], step(R, params=one, **kw), rtol=0, atol=1e-14)


@settings(max_examples=80, deadline=None)
@given(
    seed=st.integers(0, 2**32 - 1),
    n=st.integers(2, 7),
    kappa=st.floats(0.01, 0.99),
    steps=st.integers(1, 4),
)
def test_committed_dyad_speed_is_bounded_by_kappa(
    seed: int, n: int, kappa: float, steps: int
) -> None:
    # Each Euler stage moves a committed dyad by h kappa f with |f| <= alpha + beta + 2 lambda
    # (|(1 - R^2)(beta B + alpha A)| <= alpha + beta, |lambda (Rbar - R)| <= 2 lambda), so a
    # step moves it at most kappa dt (alpha + beta + 2 lambda): kappa times the speed limit of
    # a free dyad. It stays within [-1, 1]; the system stays symmetric with a zero diagonal.
    rng = np.random.default_rng(seed)
    R = random_symmetric(rng, n, -1.0, 1.0)
    power = rng.uniform(0.0, 3.0, n)
    baseline = random_symmetric(rng, n, -1.0, 1.0)
    affinity = random_symmetric(rng, n, -1.0, 1.0)
    locked = random_symmetric(rng, n, 0.0, 1.0) > 0.5
    params = AlignmentParams(
        balance_rate=1.0, affinity_rate=0.5, inertia_rate=0.5, substeps=4, commitment_rate=kappa
    )
    bound = kappa * params.dt * (1.0 + 0.5 + 2 * 0.5)
    X = R.copy()
    for _ in range(steps):
        X1 = step(
            X, power=power, baseline=baseline, affinity=affinity, locked=locked, params=params
        )
        assert np.all(np.abs(X1 - X)[locked] <= bound + 1e-12)
        assert np.all(np.abs(X1) <= 1.0)
        np.testing.assert_array_equal(X1, X1.T)
        np.testing.assert_array_equal(np.diag(X1), 0.0)
        X = X1


@settings(max_examples=100, deadline=None)
@given(
    r0=st.floats(-1.0, 1.0),
    rbar=st.floats(-1.0, 1.0),
    a=st.floats(-1.0, 1.0),
    kappa=st.floats(0.0, 1.0),
    steps=st.integers(1, 5),
)
def test_committed_dyad_moves_slower_than_a_free_one(
    r0: float, rbar: float, a: float, kappa: float, steps: int
) -> None:
    # One dyad, so the forces on it are exactly the same whether it is committed or free
    # (affinity and inertia; no third party). Committed, the scheme integrates kappa f, i.e.
    # the same ODE with step kappa h; under the step condition (h L <= 1 with L the Lipschitz
    # constant 2 alpha + lambda of f) Heun's displacement grows with the step length and the
    # map keeps the order of states, so the committed dyad moves in the same direction and no
    # farther than the free one, step after step.
    R = np.array([[0.0, r0], [r0, 0.0]])
    base = np.array([[0.0, rbar], [rbar, 0.0]])
    aff = np.array([[0.0, a], [a, 0.0]])
    locked = np.array([[False, True], [True, False]])
    rates: dict[str, Any] = {
        "balance_rate": 1.0,
        "affinity_rate": 0.8,
        "inertia_rate": 0.6,
        "substeps": 5,
    }
    committed = AlignmentParams(**rates, commitment_rate=kappa)
    free = AlignmentParams(**rates)
    X, Y = R.copy(), R.copy()
    for _ in range(steps):
        X = step(X, power=[1.0, 1.0], baseline=base, affinity=aff, locked=locked, params=committed)
        Y = step(Y, power=[1.0, 1.0], baseline=base, affinity=aff, params=free)
        dx, dy = X[0, 1] - r0, Y[0, 1] - r0
        assert abs(dx) <= abs(dy) + 1e-12
        assert dx * dy >= -1e-24
