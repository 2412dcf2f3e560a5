"""Tests of the system metrics: hand-built cases with the arithmetic, exactness, invariants."""

from __future__ import annotations

import itertools
from typing import Literal

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from equipoise.metrics import (
    UNALIGNED,
    alignment,
    bipolarity,
    blocs,
    dependence,
    dyad_weights,
    friction,
    frustration_index,
    partition_frustration,
    polarity,
    power_shares,
    strategic_space,
)


def symmetric(upper: dict[tuple[int, int], float], n: int) -> np.ndarray:
    R = np.zeros((n, n))
    for (i, j), v in upper.items():
        R[i, j] = R[j, i] = v
    return R


def random_symmetric(rng: np.random.Generator, n: int, density: float = 1.0) -> np.ndarray:
    upper = np.triu(rng.uniform(-1, 1, (n, n)) * (rng.random((n, n)) < density), 1)
    return upper + upper.T


def brute_force(R: np.ndarray, power: np.ndarray, k: int = 2, threshold: float = 0.0) -> float:
    """Minimum frustration over every labelling with k colours (actor 0 fixed to colour 0)."""
    n = R.shape[0]
    rest = np.array(list(itertools.product(range(k), repeat=n - 1)), dtype=np.int64)
    labels = np.hstack([np.zeros((len(rest), 1), dtype=np.int64), rest])
    values = partition_frustration(
        np.broadcast_to(R, (len(labels), n, n)),
        np.broadcast_to(power, (len(labels), n)),
        labels,
        threshold=threshold,
    )
    return float(values.min())


# ---------------------------------------------------------------------------------------------
# Weights and frustration of a partition


def test_power_shares() -> None:
    assert power_shares([2.0, 6.0]).tolist() == [0.25, 0.75]
    assert power_shares([0.0, 0.0, 0.0]).tolist() == [1 / 3, 1 / 3, 1 / 3]
    with pytest.raises(ValueError, match=">= 0"):
        power_shares([1.0, -2.0])


def test_dyad_weights_hand_built() -> None:
    # shares p = [0.5, 0.25, 0.25]; W_01 = |0.8| * 0.5 * 0.25 = 0.1; W_02 = 0.4 * 0.125 = 0.05;
    # W_12 = |0.05| <= threshold 0.1: ignored. Directed input: the symmetric part is used,
    # (0.6 + 1.0) / 2 = 0.8.
    R = np.array([[0.0, 0.6, -0.4], [1.0, 0.0, 0.05], [-0.4, 0.05, 0.0]])
    W, sign = dyad_weights(R, [2.0, 1.0, 1.0], threshold=0.1)
    assert W[0, 1] == pytest.approx(0.1)
    assert W[0, 2] == pytest.approx(0.05)
    assert W[1, 2] == 0.0
    assert sign[0, 1] == 1.0 and sign[0, 2] == -1.0 and sign[1, 2] == 0.0
    np.testing.assert_array_equal(W, W.T)


def test_partition_frustration_hand_built() -> None:
    # Equal power, p = 1/4 each, so W_ij = |R_ij| / 16.
    # Camps {0, 1} vs {2, 3}: friendship 0-2 (0.5) crosses camps -> frustrated;
    # enmity 2-3 (-0.4) sits inside a camp -> frustrated. F = (0.5 + 0.4) / 16.
    R = symmetric({(0, 1): 0.9, (0, 2): 0.5, (0, 3): -0.7, (1, 3): -0.8, (2, 3): -0.4}, 4)
    value = partition_frustration(R, np.ones(4), [0, 0, 1, 1])
    assert float(value) == pytest.approx(0.9 / 16)
    # unaligned actors (-1) are groups of their own: putting 2 and 3 both at -1 removes the
    # 2-3 enmity from any group, leaving only 0-2 frustrated.
    assert float(partition_frustration(R, np.ones(4), [0, 0, -1, -1])) == pytest.approx(0.5 / 16)


def test_partition_frustration_batch() -> None:
    rng = np.random.default_rng(2)
    R = np.stack([random_symmetric(rng, 5) for _ in range(3)])
    p = rng.uniform(0.1, 1, (3, 5))
    g = rng.integers(0, 2, (3, 5))
    batch = partition_frustration(R, p, g)
    for b in range(3):
        assert batch[b] == pytest.approx(float(partition_frustration(R[b], p[b], g[b])))


# ---------------------------------------------------------------------------------------------
# Frustration index: exact, heuristic, brute force


def test_frustration_index_hand_built_triangle() -> None:
    # Triangle + + - (0-1 0.9, 0-2 0.8, 1-2 -0.2), equal power (W = |R| / 9): unbalanced, the
    # cheapest repair frustrates the weakest tie, 0.2 / 9.
    R = symmetric({(0, 1): 0.9, (0, 2): 0.8, (1, 2): -0.2}, 3)
    part = frustration_index(R, np.ones(3))
    assert part.frustration == pytest.approx(0.2 / 9)
    assert part.total_weight == pytest.approx(1.9 / 9)
    assert part.normalised == pytest.approx(0.2 / 1.9)
    assert part.optimal and part.method == "exact"
    assert part.labels.tolist() == [0, 0, 0]


def test_power_changes_which_tie_is_cut() -> None:
    # Triangle of three enmities (-1 each) must frustrate one: the cheapest is the dyad of the
    # two weakest powers. Powers 5, 1, 1 -> shares 5/7, 1/7, 1/7; cut 1-2, W = 1/49.
    R = symmetric({(0, 1): -1.0, (0, 2): -1.0, (1, 2): -1.0}, 3)
    part = frustration_index(R, [5.0, 1.0, 1.0])
    assert part.frustration == pytest.approx(1 / 49)
    assert part.labels.tolist() == [0, 1, 1]


@settings(max_examples=40, deadline=None)
@given(
    n=st.integers(2, 10),
    seed=st.integers(0, 2**32 - 1),
    density=st.sampled_from([0.3, 0.7, 1.0]),
)
def test_exact_equals_brute_force(n: int, seed: int, density: float) -> None:
    rng = np.random.default_rng(seed)
    R = random_symmetric(rng, n, density)
    power = rng.uniform(0.05, 1.0, n)
    part = frustration_index(R, power, method="exact")
    best = brute_force(R, power)
    assert part.frustration == pytest.approx(best, abs=1e-12)
    assert part.optimal
    # the reported labels attain the reported value
    assert float(partition_frustration(R, power, part.labels)) == pytest.approx(part.frustration)


@settings(max_examples=15, deadline=None)
@given(n=st.integers(3, 7), seed=st.integers(0, 2**32 - 1))
def test_exact_k_groups_equals_brute_force(n: int, seed: int) -> None:
    rng = np.random.default_rng(seed)
    R = random_symmetric(rng, n)
    power = rng.uniform(0.05, 1.0, n)
    part = blocs(R, power, max_groups=3, threshold=0.0, method="exact")
    assert part.frustration == pytest.approx(brute_force(R, power, k=3), abs=1e-12)


@pytest.mark.parametrize("seed", range(12))
def test_heuristic_equals_exact_on_small_systems(seed: int) -> None:
    rng = np.random.default_rng(1000 + seed)
    n = int(rng.integers(5, 16))
    R = random_symmetric(rng, n, density=float(rng.choice([0.5, 1.0])))
    power = rng.uniform(0.05, 1.0, n)
    exact = frustration_index(R, power, method="exact")
    heuristic = frustration_index(R, power, method="heuristic")
    assert heuristic.method == "heuristic" and exact.method == "exact"
    assert heuristic.frustration == pytest.approx(exact.frustration, abs=1e-12)
    exact3 = blocs(R, power, max_groups=3, threshold=0.0, method="exact")
    heuristic3 = blocs(R, power, max_groups=3, threshold=0.0, method="heuristic")
    assert heuristic3.frustration == pytest.approx(exact3.frustration, abs=1e-12)


@settings(max_examples=30, deadline=None)
@given(n=st.integers(2, 40), seed=st.integers(0, 2**32 - 1))
def test_balanced_graph_has_zero_frustration(n: int, seed: int) -> None:
    # R_ij = s_i s_j |M_ij|: friends within the camps of s, enemies between (Cartwright &
    # Harary 1956): balanced, so frustration 0, and the blocs recover the camps.
    rng = np.random.default_rng(seed)
    s = rng.choice([-1.0, 1.0], n)
    R = np.outer(s, s) * np.abs(random_symmetric(rng, n)) * 0.8 + np.outer(s, s) * 0.2
    np.fill_diagonal(R, 0.0)
    power = rng.uniform(0.05, 1.0, n)
    method: Literal["exact", "heuristic"] = "exact" if n <= 30 else "heuristic"
    part = frustration_index(R, power, method=method)
    assert part.frustration == pytest.approx(0.0, abs=1e-15)
    assert part.optimal
    same = part.labels[:, None] == part.labels[None, :]
    np.testing.assert_array_equal(same, np.outer(s, s) > 0)


def test_auto_switches_to_heuristic_above_exact_max() -> None:
    rng = np.random.default_rng(4)
    R = random_symmetric(rng, 12)
    assert frustration_index(R, np.ones(12)).method == "exact"
    assert frustration_index(R, np.ones(12), exact_max=10).method == "heuristic"


def test_time_limit_returns_the_best_known_partition_unproven() -> None:
    rng = np.random.default_rng(3)
    R = random_symmetric(rng, 30)
    power = rng.uniform(0.1, 1.0, 30)
    rushed = frustration_index(R, power, method="exact", time_limit=1e-6)
    assert rushed.method == "exact"
    assert not rushed.optimal
    full = frustration_index(R, power, method="exact")
    assert rushed.frustration >= full.frustration - 1e-15


def test_frustration_index_takes_one_system() -> None:
    with pytest.raises(ValueError, match="one system"):
        frustration_index(np.zeros((2, 3, 3)), np.ones((2, 3)))
    with pytest.raises(ValueError, match="method"):
        frustration_index(np.zeros((3, 3)), np.ones(3), method="fast")  # type: ignore[arg-type]


# ---------------------------------------------------------------------------------------------
# Blocs


def two_camps_and_a_neutral() -> tuple[np.ndarray, np.ndarray]:
    # {0, 1} against {2, 3}; actor 4 has only weak ties (|R| <= 0.1).
    R = symmetric(
        {
            (0, 1): 0.8,
            (0, 2): -0.6,
            (0, 3): -0.7,
            (1, 2): -0.5,
            (1, 3): -0.6,
            (2, 3): 0.9,
            (0, 4): 0.05,
            (3, 4): -0.1,
        },
        5,
    )
    return R, np.array([1.0, 1.0, 3.0, 1.0, 1.0])


def test_blocs_canonical_labels_and_unaligned() -> None:
    R, power = two_camps_and_a_neutral()
    part = blocs(R, power)
    # camp {2, 3} has power 4 > camp {0, 1} with 2: it is bloc 0. Actor 4 is unaligned.
    assert part.labels.tolist() == [1, 1, 0, 0, UNALIGNED]
    assert part.n_blocs == 2
    assert part.frustration == 0.0 and part.optimal
    # with no threshold the weak ties count and actor 4 joins a camp
    assert UNALIGNED not in blocs(R, power, threshold=0.0).labels


def test_blocs_are_deterministic() -> None:
    rng = np.random.default_rng(8)
    R = random_symmetric(rng, 40)
    p = rng.uniform(0.1, 1.0, 40)
    a = blocs(R, p, method="heuristic")
    b = blocs(R, p, method="heuristic")
    np.testing.assert_array_equal(a.labels, b.labels)
    c = blocs(R[:12, :12], p[:12])
    d = blocs(R[:12, :12], p[:12])
    np.testing.assert_array_equal(c.labels, d.labels)


def test_three_mutually_hostile_camps_need_three_blocs() -> None:
    # Three camps of two friends each (+0.8 inside), all camps mutually hostile (-0.6).
    # Strong balance (2 blocs) must frustrate something; weak balance (Davis 1967) with 3
    # blocs has frustration 0.
    n = 6
    camp = np.array([0, 0, 1, 1, 2, 2])
    R = np.where(camp[:, None] == camp[None, :], 0.8, -0.6)
    np.fill_diagonal(R, 0.0)
    two = blocs(R, np.ones(n))
    three = blocs(R, np.ones(n), max_groups=3)
    assert two.frustration > 0.0
    assert three.frustration == 0.0
    assert three.n_blocs == 3
    same = three.labels[:, None] == three.labels[None, :]
    np.testing.assert_array_equal(same, camp[:, None] == camp[None, :])
    assert float(polarity(three.labels, np.ones(n))) == pytest.approx(3.0)


# ---------------------------------------------------------------------------------------------
# Polarity and bipolarity


@given(k=st.integers(1, 6), size=st.integers(1, 4))
def test_polarity_of_equal_blocs_is_the_number_of_blocs(k: int, size: int) -> None:
    labels = np.repeat(np.arange(k), size)
    assert float(polarity(labels, np.ones(k * size))) == pytest.approx(k)


def test_polarity_hand_built() -> None:
    # poles: bloc 0 (0.6), bloc 1 (0.3), unaligned actor (0.1) -> 1 / (0.36 + 0.09 + 0.01)
    assert float(polarity([0, 1, -1], [0.6, 0.3, 0.1])) == pytest.approx(1 / 0.46)
    # two unaligned actors are two poles, not one
    assert float(polarity([-1, -1], [1.0, 1.0])) == pytest.approx(2.0)
    # a single bloc holding everything: one pole
    assert float(polarity([0, 0, 0], [1.0, 2.0, 3.0])) == pytest.approx(1.0)


def test_polarity_batch() -> None:
    labels = np.array([[0, 0, 1, 1], [0, 1, 2, 3]])
    np.testing.assert_allclose(polarity(labels, np.ones(4)), [2.0, 4.0])


def test_bipolarity_hand_built() -> None:
    # poles: bloc 0 = {2} (share 0.5), bloc 1 = {0, 1} (0.25 each), unaligned 3 (0, no power)
    # share = 1.0; mean relation between bloc 0 and bloc 1 weighted by p_i p_j:
    # (0.25*0.5*(-0.6) + 0.25*0.5*(-0.4)) / (0.5 * 0.5) = -0.5 -> antagonism 0.5.
    R = symmetric({(0, 1): 0.8, (0, 2): -0.6, (1, 2): -0.4, (0, 3): 0.3}, 4)
    b = bipolarity(R, [1.0, 1.0, 2.0, 0.0], [1, 1, 0, -1])
    assert float(b.share) == pytest.approx(1.0)
    assert float(b.antagonism) == pytest.approx(0.5)
    assert b.poles.tolist() == [0, 1]


def test_bipolarity_with_one_pole_and_with_friendly_blocs() -> None:
    b = bipolarity(np.zeros((3, 3)), np.ones(3), [0, 0, 0])
    assert float(b.share) == pytest.approx(1.0) and float(b.antagonism) == 0.0
    R = symmetric({(0, 1): 0.5}, 2)
    assert float(bipolarity(R, np.ones(2), [0, 1]).antagonism) == pytest.approx(-0.5)


def test_bipolarity_batch_equals_loop() -> None:
    rng = np.random.default_rng(3)
    R = np.stack([random_symmetric(rng, 6) for _ in range(4)])
    p = rng.uniform(0.1, 1, (4, 6))
    g = rng.integers(-1, 3, (4, 6))
    b = bipolarity(R, p, g)
    for i in range(4):
        single = bipolarity(R[i], p[i], g[i])
        assert float(b.share[i]) == pytest.approx(float(single.share))
        assert float(b.antagonism[i]) == pytest.approx(float(single.antagonism))


# ---------------------------------------------------------------------------------------------
# Dependence


def test_dependence_power_ratio() -> None:
    # Two actors tied only to each other (T = 1), powers 1 and 4 (shares 0.2, 0.8):
    # D_01 = 0.8 / (0.2 + 0.8) = 0.8, D_10 = 0.2 / (0.8 + 0.2) = 0.2.
    R = symmetric({(0, 1): 1.0}, 2)
    np.testing.assert_allclose(dependence(R, [1.0, 4.0]), [[0.0, 0.8], [0.2, 0.0]])


def test_dependence_falls_with_alternatives_and_rises_with_courting() -> None:
    # Russia (0, p 0.1), China (1, p 0.4), Japan (2, p 0.2), US (3, p 0.3).
    p = np.array([0.1, 0.4, 0.2, 0.3])
    R = symmetric({(0, 1): 0.7, (0, 2): -0.2, (0, 3): -0.6, (1, 3): -0.5, (2, 3): 0.9}, 4)
    # Russia's only positive tie is China: D_01 = 0.4*0.7 / (0.1 + 0.4*0.7) = 0.28 / 0.38
    D = dependence(R, p)
    assert D[0, 1] == pytest.approx(0.28 / 0.38)
    # a warmer Japan-Russia relation (0.5) is an alternative: D_01 = 0.28 / (0.1 + 0.28 + 0.1)
    R2 = R.copy()
    R2[0, 2] = R2[2, 0] = 0.5
    assert dependence(R2, p)[0, 1] == pytest.approx(0.28 / 0.48)
    # directed: Russia courts China (0.9) more than China courts Russia (0.5)
    R3 = R.copy()
    R3[0, 1], R3[1, 0] = 0.9, 0.5
    D3 = dependence(R3, p)
    assert D3[0, 1] > D[0, 1] and D3[1, 0] < D[1, 0]


def test_dependence_economic_ties() -> None:
    # No political friendship, but Japan (0) draws 0.6 of its ties from China (1):
    # T_01 = 0.5 * 0 + 0.5 * 0.6 = 0.3; shares 0.5/0.5: D_01 = 0.5*0.3 / (0.5 + 0.5*0.3).
    R = symmetric({(0, 1): -0.3}, 2)
    ties = np.array([[0.0, 0.6], [0.2, 0.0]])
    D = dependence(R, [1.0, 1.0], ties=ties)
    assert D[0, 1] == pytest.approx(0.15 / 0.65)
    assert D[1, 0] == pytest.approx(0.05 / 0.55)
    with pytest.raises(ValueError, match="ties"):
        dependence(R, [1.0, 1.0], ties=ties * 3)


@settings(max_examples=40)
@given(n=st.integers(2, 8), seed=st.integers(0, 2**32 - 1))
def test_dependence_is_bounded(n: int, seed: int) -> None:
    rng = np.random.default_rng(seed)
    R = rng.uniform(-1, 1, (n, n))
    D = dependence(R, rng.uniform(0, 1, n), ties=rng.uniform(0, 1, (n, n)), self_weight=0.0)
    assert np.all((D >= 0.0) & (D <= 1.0))
    np.testing.assert_array_equal(np.diag(D), 0.0)


# ---------------------------------------------------------------------------------------------
# Friction and strategic space


def test_friction_hand_built() -> None:
    # Equal power (p = 1/3). 0 is friends with 1 (0.8); 1 is hostile to 2 (-0.5).
    # F_02 = p_1 * 0.8 * 0.5 / (p_0 + p_1 * 0.8) = 0.4/3 / (1/3 + 0.8/3) = 0.4 / 1.8.
    R = symmetric({(0, 1): 0.8, (1, 2): -0.5}, 3)
    F = friction(R, np.ones(3))
    assert F[0, 2] == pytest.approx(0.4 / 1.8)
    assert F[0, 1] == 0.0  # friend 1's own view of itself does not count
    assert F[2, 0] == 0.0  # 2 has no friends


def test_actor_between_hostile_blocs_has_less_space_than_a_non_aligned_one() -> None:
    # Blocs {0, 1} and {2, 3} are hostile. Actor 4 is friends with 1 and 2 (one in each bloc);
    # actor 5 is neutral to all.
    R = symmetric(
        {(0, 1): 0.9, (2, 3): 0.9, (0, 2): -0.8, (0, 3): -0.8, (1, 2): -0.8, (1, 3): -0.8}, 6
    )
    R[4, 1] = R[1, 4] = 0.6
    R[4, 2] = R[2, 4] = 0.6
    S = strategic_space(R, np.ones(6))
    assert S[5] == pytest.approx(1.0)
    assert S[4] < S[5]
    assert S[4] < 0.9
    assert np.all((S >= 0.0) & (S <= 1.0))


def test_more_hostility_among_others_lowers_space() -> None:
    # 0 is friends with 1; 1 and 2 are rivals. Deepening the 1-2 rivalry lowers 0's space.
    p = np.ones(4)
    mild = symmetric({(0, 1): 0.7, (1, 2): -0.3}, 4)
    deep = symmetric({(0, 1): 0.7, (1, 2): -0.9}, 4)
    assert strategic_space(deep, p)[0] < strategic_space(mild, p)[0]
    # hostility between actors unconnected to 0's friendships does not touch 0 (one-sided)
    far = symmetric({(0, 1): 0.7, (2, 3): -0.9}, 4)
    assert strategic_space(far, p, mutual=False)[0] == pytest.approx(1.0)


def test_stabilising_us_russia_gives_moscow_and_tokyo_more_space() -> None:
    # The seed's claim. US (0, p 0.4), China (1, 0.3), Japan (2, 0.15), Russia (3, 0.15).
    # Japan is the US's ally; Russia leans on China; US-China rivalry.
    p = np.array([0.4, 0.3, 0.15, 0.15])
    base = {(0, 1): -0.7, (0, 2): 0.9, (1, 3): 0.6, (1, 2): -0.4, (2, 3): 0.0}
    rivalry = symmetric({**base, (0, 3): -0.8}, 4)
    stabilised = symmetric({**base, (0, 3): -0.2}, 4)
    before, after = strategic_space(rivalry, p), strategic_space(stabilised, p)
    assert after[2] > before[2]  # Tokyo: its great friend no longer opposes Moscow
    assert after[3] > before[3]  # Moscow: Tokyo's great friend no longer opposes it


def test_great_power_is_less_bound_by_a_small_friend() -> None:
    # US (0, p 0.7) and a small ally (1, p 0.1) are friends (0.8); 2 (p 0.1) is hostile to
    # the small ally only; 3 (p 0.1) is hostile to the US only.
    # F_02 = 0.1*0.8*0.9 / (0.7 + 0.1*0.8) = 0.072/0.78; F_13 = 0.7*0.8*0.9 / (0.1 + 0.56).
    p = np.array([0.7, 0.1, 0.1, 0.1])
    R = symmetric({(0, 1): 0.8, (1, 2): -0.9, (0, 3): -0.9}, 4)
    F = friction(R, p)
    assert F[0, 2] == pytest.approx(0.072 / 0.78)
    assert F[1, 3] == pytest.approx(0.504 / 0.66)
    assert F[0, 2] < F[1, 3]


def test_space_batch_equals_loop() -> None:
    rng = np.random.default_rng(12)
    R = np.stack([random_symmetric(rng, 6) for _ in range(3)])
    p = rng.uniform(0.1, 1, (3, 6))
    batch = strategic_space(R, p)
    for b in range(3):
        np.testing.assert_allclose(batch[b], strategic_space(R[b], p[b]))


# ---------------------------------------------------------------------------------------------
# Alignment


def test_alignment_hand_built() -> None:
    # US (0) and China (1) hostile; South Korea (2) 0.6 with the US, 0.1 with China.
    # US camp weights u = (p_US, p_CN * max(-0.8, 0), p_SK * 0.6) = (3/7, 0, 0.6/7); SK's own
    # weight drops out of its score: c_SK(US) = (0.6 * 3/7) / (3/7) = 0.6. Likewise
    # c_SK(China) = 0.1. al = (0.6 - 0.1) / 2 = 0.25.
    R = symmetric({(0, 1): -0.8, (0, 2): 0.6, (1, 2): 0.1}, 3)
    al = alignment(R, [3.0, 3.0, 1.0], toward=0, against=1)
    assert al[2] == pytest.approx(0.25)
    np.testing.assert_allclose(alignment(R, [3.0, 3.0, 1.0], toward=1, against=0), -al)


def test_alignment_reads_the_poles_camps() -> None:
    # US (0), China (1), Japan (2, US ally 0.9), South Korea (3).
    # SK is cold to Japan: that lowers its alignment toward the US camp.
    p = np.array([0.4, 0.4, 0.1, 0.1])
    warm = symmetric({(0, 1): -0.7, (0, 2): 0.9, (0, 3): 0.5, (1, 3): 0.0, (2, 3): 0.3}, 4)
    cold = symmetric({(0, 1): -0.7, (0, 2): 0.9, (0, 3): 0.5, (1, 3): 0.0, (2, 3): -0.5}, 4)
    a_warm = alignment(warm, p, toward=0, against=1)[3]
    a_cold = alignment(cold, p, toward=0, against=1)[3]
    assert a_cold < a_warm
    # anti-Chinese sentiment grows: SK drifts toward the US
    cooler_china = cold.copy()
    cooler_china[1, 3] = cooler_china[3, 1] = -0.4
    assert alignment(cooler_china, p, toward=0, against=1)[3] > a_cold


@settings(max_examples=40)
@given(n=st.integers(3, 8), seed=st.integers(0, 2**32 - 1))
def test_alignment_is_bounded_and_antisymmetric(n: int, seed: int) -> None:
    rng = np.random.default_rng(seed)
    R = rng.uniform(-1, 1, (n, n))
    p = rng.uniform(0, 1, n)
    a = alignment(R, p, toward=0, against=1)
    assert np.all(np.abs(a) <= 1.0)
    np.testing.assert_allclose(alignment(R, p, toward=1, against=0), -a)


def test_alignment_rejects_bad_poles() -> None:
    with pytest.raises(ValueError, match="different"):
        alignment(np.zeros((3, 3)), np.ones(3), toward=0, against=0)
    with pytest.raises(ValueError, match="against"):
        alignment(np.zeros((3, 3)), np.ones(3), toward=0, against=3)


def test_inputs_are_validated() -> None:
    with pytest.raises(ValueError, match=r"\[-1, 1\]"):
        strategic_space(np.full((2, 2), 2.0), np.ones(2))
    with pytest.raises(ValueError, match="power"):
        dependence(np.zeros((3, 3)), np.ones(2))
    with pytest.raises(ValueError, match="labels"):
        polarity([0.5, 1.0], [1.0, 1.0])
