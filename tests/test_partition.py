"""Weak-balance blocs whose number comes from the data (equipoise.engines.partition)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from equipoise.engines.partition import (
    UNALIGNED,
    _exact_subsets,
    pole_structure,
    weak_balance_blocs,
)
from equipoise.metrics import bipolarity, polarity


def camps(
    groups: list[list[int]], n: int, *, friend: float = 0.8, enemy: float = -0.7
) -> np.ndarray:
    """Relations: friends within each group, enemies across groups (actors not listed: 0)."""
    R = np.zeros((n, n))
    listed = [a for g in groups for a in g]
    for a in listed:
        for b in listed:
            if a != b:
                R[a, b] = enemy
    for g in groups:
        for a in g:
            for b in g:
                if a != b:
                    R[a, b] = friend
    return R


def test_two_clean_camps_give_two_blocs() -> None:
    R = camps([[0, 1, 2], [3, 4, 5]], 6)
    part = weak_balance_blocs(R, [3.0, 1.0, 1.0, 2.0, 1.0, 1.0])
    assert int(part.n_blocs) == 2 and int(part.k_selected) == 2
    assert part.labels.tolist() == [0, 0, 0, 1, 1, 1]
    assert float(part.criterion) == 0.0
    assert bool(part.exact)


def test_hostile_third_group_gives_three_blocs_and_polarity_leaves_two() -> None:
    # two camps and a third, non-aligned group hostile to both: weak balance needs 3 blocs
    power = np.array([3.0, 1.0, 3.0, 1.0, 2.0, 1.0])
    two = camps([[0, 1], [2, 3]], 6)
    two[4, 5] = two[5, 4] = 0.6  # 4 and 5: friends, no ties to the camps (unaligned pair)
    R = camps([[0, 1], [2, 3], [4, 5]], 6)
    before = weak_balance_blocs(two, power)
    after = weak_balance_blocs(R, power)
    assert int(after.n_blocs) == 3 and int(after.k_selected) == 3
    assert after.labels.tolist() == [0, 0, 1, 1, 2, 2]
    # strong balance (k = 2) would have to put the third group in a camp: it costs
    assert after.criterion_by_k[1] > after.criterion_by_k[2] == 0.0
    pol = polarity(after.labels, power)
    assert float(pol) == pytest.approx(1 / ((4 / 11) ** 2 * 2 + (3 / 11) ** 2))  # 2.92
    bip = bipolarity(R, power, after.labels)
    assert float(bip.share) == pytest.approx(8 / 11)  # the share part can now fall below 1
    # the pair 4-5 with no ties to the camps forms its own bloc too (positive component)
    assert int(before.n_blocs) == 3
    assert before.labels[4] == before.labels[5] != before.labels[0]


def test_neutral_actor_is_unaligned() -> None:
    R = camps([[0, 1], [2, 3]], 5)
    R[4, 0] = R[0, 4] = 0.05  # below the threshold 0.1
    part = weak_balance_blocs(R, np.ones(5))
    assert part.labels[4] == UNALIGNED
    assert int(part.n_unaligned) == 1 and int(part.n_blocs) == 2
    # with threshold 0 the weak tie counts and 4 joins 0's bloc
    part0 = weak_balance_blocs(R, np.ones(5), threshold=0.0)
    assert part0.labels[4] == part0.labels[0]


def test_actor_hostile_to_one_camp_only_is_not_pushed_into_the_other() -> None:
    # 4 is hostile to camp A and has no tie to camp B: weak balance does not make the enemy
    # of my enemy my friend, so 4 is a pole of its own
    R = camps([[0, 1], [2, 3]], 5)
    R[4, 0] = R[0, 4] = R[4, 1] = R[1, 4] = -0.6
    part = weak_balance_blocs(R, np.ones(5))
    assert int(part.n_blocs) == 3
    assert len({int(part.labels[4]), int(part.labels[0]), int(part.labels[2])}) == 3


def test_tolerance_keeps_a_negligible_split_out() -> None:
    # a tiny actor 4 (power 0.01), a lukewarm friend of 0 (0.3) and hostile to 1 and to camp B:
    # alone it would frustrate less (its 0.3 tie to 0 instead of its -0.7 tie to 1), but the
    # gain is a sliver of the tie weight, within the 1 % tolerance, so it stays in camp A;
    # with tol 0 any gain counts and it becomes a bloc of its own
    R = camps([[0, 1], [2, 3], [4]], 5)
    R[4, 0] = R[0, 4] = 0.3
    power = np.array([1.0, 1.0, 1.0, 1.0, 0.01])
    part = weak_balance_blocs(R, power)
    assert int(part.n_blocs) == 2 and part.labels[4] == part.labels[0]
    assert part.criterion_by_k[2] < part.criterion_by_k[1]
    assert int(weak_balance_blocs(R, power, tol=0.0).n_blocs) == 3


def test_actor_with_no_friend_in_its_cluster_is_a_bloc_of_its_own() -> None:
    # hostile to everyone: whichever cluster k-hat puts it in, no positive tie binds it there
    R = camps([[0, 1], [2, 3], [4]], 5)
    part = weak_balance_blocs(R, np.array([1.0, 1.0, 1.0, 1.0, 0.01]))
    assert int(part.k_selected) == 2 and int(part.n_blocs) == 3
    assert part.labels[4] == 2


def test_labels_follow_power() -> None:
    R = camps([[0, 1], [2, 3]], 4)
    part = weak_balance_blocs(R, [1.0, 1.0, 5.0, 1.0])
    assert part.labels.tolist() == [1, 1, 0, 0]


def test_batch_matches_members_and_groups_by_active_set() -> None:
    rng = np.random.default_rng(0)
    Rs = []
    for _ in range(5):
        R = np.triu(rng.uniform(-1, 1, (7, 7)), 1)
        Rs.append(R + R.T)
    Rs[3][6, :] = Rs[3][:, 6] = 0.0  # a member with a different set of tied actors
    Rb = np.stack(Rs)
    power = rng.uniform(0.1, 2.0, (5, 7))
    batch = weak_balance_blocs(Rb, power)
    for m in range(5):
        one = weak_balance_blocs(Rs[m], power[m])
        assert one.labels.tolist() == batch.labels[m].tolist()
        np.testing.assert_allclose(one.criterion_by_k, batch.criterion_by_k[m], atol=1e-15)
    assert batch.labels[3, 6] == UNALIGNED


def test_bad_input_is_rejected() -> None:
    R = np.zeros((3, 3))
    with pytest.raises(ValueError, match="power"):
        weak_balance_blocs(R, [1.0, 1.0])
    with pytest.raises(ValueError, match="within"):
        weak_balance_blocs(R + 2.0, [1.0, 1.0, 1.0])
    with pytest.raises(ValueError, match="alpha"):
        weak_balance_blocs(R, [1.0, 1.0, 1.0], alpha=1.5)
    with pytest.raises(ValueError, match="max_blocs"):
        weak_balance_blocs(R, [1.0, 1.0, 1.0], max_blocs=0)
    with pytest.raises(ValueError, match="tol"):
        weak_balance_blocs(R, [1.0, 1.0, 1.0], tol=-1.0)
    with pytest.raises(ValueError, match="at most 14"):
        weak_balance_blocs(np.full((15, 15), 0.5), np.ones(15), method="exact")


def test_no_ties_at_all() -> None:
    part = weak_balance_blocs(np.zeros((4, 4)), np.ones(4))
    assert part.labels.tolist() == [UNALIGNED] * 4
    assert int(part.n_blocs) == 0 and float(part.criterion) == 0.0


# ----------------------------------------------------------------------------------------------
# exactness against brute force


def set_partitions(items: list[int]) -> Iterator[list[list[int]]]:
    """Every partition of ``items`` (plain recursion, independent of the engine)."""
    if not items:
        yield []
        return
    first, rest = items[0], items[1:]
    for part in set_partitions(rest):
        for i in range(len(part)):
            yield [*part[:i], [first, *part[i]], *part[i + 1 :]]
        yield [[first], *part]


def brute_force(R: np.ndarray, power: np.ndarray, tau: float, alpha: float, K: int) -> list[float]:
    """P*(k) for k = 1..K, straight from the definition, one tie at a time."""
    n = len(power)
    p = power / power.sum()
    S = 0.5 * (R + R.T)
    active = [i for i in range(n) if any(abs(S[i, j]) > tau for j in range(n) if j != i)]
    best = [np.inf] * K
    for part in set_partitions(active):
        where = {a: c for c, block in enumerate(part) for a in block}
        value = 0.0
        for i in range(n):
            for j in range(i + 1, n):
                if abs(S[i, j]) <= tau:
                    continue
                w = abs(S[i, j]) * p[i] * p[j]
                same = where[i] == where[j]
                if S[i, j] < 0 and same:
                    value += alpha * w
                if S[i, j] > 0 and not same:
                    value += (1 - alpha) * w
        for k in range(max(len(part), 1), K + 1):
            best[k - 1] = min(best[k - 1], value)
    return [0.0 if b == np.inf else b for b in best]


@settings(max_examples=40, deadline=None)
@given(
    n=st.integers(2, 8),
    seed=st.integers(0, 2**32 - 1),
    alpha=st.sampled_from([0.5, 0.3, 0.8]),
    tau=st.sampled_from([0.0, 0.1, 0.3]),
    sparse=st.booleans(),
)
def test_exact_equals_brute_force(
    n: int, seed: int, alpha: float, tau: float, sparse: bool
) -> None:
    rng = np.random.default_rng(seed)
    R = np.triu(rng.uniform(-1, 1, (n, n)), 1)
    if sparse:
        R *= rng.random((n, n)) < 0.5
    R = R + R.T
    power = rng.uniform(0.05, 3.0, n)
    K = min(n, 5)
    part = weak_balance_blocs(R, power, threshold=tau, alpha=alpha, max_blocs=K, method="exact")
    expected = brute_force(R, power, tau, alpha, K)
    np.testing.assert_allclose(part.criterion_by_k, expected, rtol=0, atol=1e-12)
    # the final partition is at least as good as the chosen k's optimum (the positive split
    # never raises P), and within the tolerance of the best
    k = int(part.k_selected)
    assert float(part.criterion) <= expected[k - 1] + 1e-12
    assert float(part.criterion) <= expected[-1] + part.tol * float(part.total_weight) + 1e-12
    # the heuristic never beats the exact optimum
    heur = weak_balance_blocs(R, power, threshold=tau, alpha=alpha, max_blocs=K, method="heuristic")
    assert np.all(heur.criterion_by_k >= part.criterion_by_k - 1e-12)


@settings(max_examples=25, deadline=None)
@given(n=st.integers(2, 8), seed=st.integers(0, 2**32 - 1), alpha=st.sampled_from([0.5, 0.2]))
def test_subset_recursion_equals_brute_force(n: int, seed: int, alpha: float) -> None:
    # the exact solver for 11-14 actors, checked where brute force is cheap
    rng = np.random.default_rng(seed)
    R = np.triu(rng.uniform(-1, 1, (n, n)), 1)
    R = R + R.T
    power = rng.uniform(0.05, 3.0, n)
    p = power / power.sum()
    W = np.abs(R) * p[:, None] * p[None, :]
    X = alpha * np.where(R < 0, W, 0.0) - (1 - alpha) * np.where(R > 0, W, 0.0)
    const = (1 - alpha) * np.triu(np.where(R > 0, W, 0.0), 1).sum()
    K = min(n, 4)
    best, labels = _exact_subsets(X[None], K)
    expected = brute_force(R, power, 0.0, alpha, K)
    np.testing.assert_allclose(const + best[0], expected, rtol=0, atol=1e-12)
    iu, ju = np.triu_indices(n, 1)
    for k in range(K):  # the recovered partition has the optimal cost and <= k + 1 clusters
        lab = labels[k][0]
        assert len(set(lab.tolist())) <= k + 1
        assert const + np.sum(X[iu, ju] * (lab[iu] == lab[ju])) == pytest.approx(expected[k])


def test_heuristic_equals_the_exact_optimum_at_twelve_actors() -> None:
    rng = np.random.default_rng(12)
    R = np.triu(rng.uniform(-1, 1, (3, 12, 12)), 1)
    R = R + np.swapaxes(R, -1, -2)
    power = rng.uniform(0.05, 3.0, (3, 12))
    exact = weak_balance_blocs(R, power, method="exact", max_blocs=4)
    heur = weak_balance_blocs(R, power, method="heuristic", max_blocs=4)
    assert exact.exact.all() and not heur.exact.any()
    np.testing.assert_allclose(heur.criterion_by_k, exact.criterion_by_k, atol=1e-12)
    assert heur.labels.tolist() == exact.labels.tolist()


def test_heuristic_finds_the_optimum_on_random_systems() -> None:
    rng = np.random.default_rng(11)
    for _ in range(15):
        n = int(rng.integers(6, 11))
        R = np.triu(rng.uniform(-1, 1, (n, n)), 1)
        R = R + R.T
        power = rng.uniform(0.05, 3.0, n)
        exact = weak_balance_blocs(R, power, method="exact")
        heur = weak_balance_blocs(R, power, method="heuristic")
        np.testing.assert_allclose(heur.criterion_by_k, exact.criterion_by_k, atol=1e-12)
        assert not bool(heur.exact)


# ----------------------------------------------------------------------------------------------
# poles counted with their tightness


def test_tight_blocs_give_the_bloc_metrics() -> None:
    R = camps([[0, 1, 2], [3, 4]], 6, friend=1.0, enemy=-0.6)  # 5 is unaligned
    power = np.array([3.0, 1.0, 1.0, 2.0, 2.0, 1.0])
    part = weak_balance_blocs(R, power)
    assert part.labels.tolist() == [0, 0, 0, 1, 1, UNALIGNED]
    ps = pole_structure(R, power, part.labels)
    np.testing.assert_allclose(ps.tightness, 1.0)
    assert float(ps.polarity) == pytest.approx(float(polarity(part.labels, power)))
    bip = bipolarity(R, power, part.labels)
    assert float(ps.share) == pytest.approx(float(bip.share))
    assert float(ps.antagonism) == pytest.approx(float(bip.antagonism))
    assert float(ps.bipolarity) == pytest.approx(float(bip.index))
    assert ps.poles.tolist() == [0, 1]


def test_loosening_alliances_moves_polarity_toward_the_actor_count() -> None:
    # polarity rises monotonically from the bloc count (2) toward the effective number of
    # actors (3.2 for powers 3, 1, 3, 1) as the ties inside the camps loosen; the two-pole
    # share falls, so bipolarity falls with it while the partition stays the same
    power = np.array([3.0, 1.0, 3.0, 1.0])
    labels = [0, 0, 1, 1]
    p = power / power.sum()
    last_pol, last_share = 0.0, 2.0
    for friend in (1.0, 0.8, 0.6, 0.4, 0.2, 0.0):
        R = camps([[0, 1], [2, 3]], 4, friend=friend, enemy=-0.8)
        ps = pole_structure(R, power, labels)
        assert float(ps.polarity) > last_pol and float(ps.share) < last_share
        # by hand: p^T Z p = sum p_i^2 + 2 friend (p0 p1 + p2 p3)
        expected = 1 / (np.sum(p**2) + 2 * friend * (p[0] * p[1] + p[2] * p[3]))
        assert float(ps.polarity) == pytest.approx(expected)
        assert 2.0 - 1e-12 <= float(ps.polarity) <= 1 / np.sum(p**2) + 1e-12
        last_pol, last_share = float(ps.polarity), float(ps.share)
    assert last_pol == pytest.approx(3.2)


def test_pole_structure_batch_and_bad_labels() -> None:
    R = np.stack([camps([[0, 1], [2, 3]], 4), camps([[0, 1, 2, 3]], 4)])
    ps = pole_structure(R, np.ones(4), np.array([[0, 0, 1, 1], [0, 0, 0, 0]]))
    assert ps.polarity.shape == (2,)
    assert float(ps.antagonism[0]) == pytest.approx(0.7)
    assert float(ps.antagonism[1]) == 0.0 and ps.poles[1].tolist() == [0, -1]
    with pytest.raises(ValueError, match="labels"):
        pole_structure(R[0], np.ones(4), [0, 0, -2, 1])
    with pytest.raises(ValueError, match="labels"):
        pole_structure(R[0], np.ones(4), [0.0, 0.0, 1.0, 1.0])


def _relocate_reference(X: np.ndarray, labels: np.ndarray, k: int) -> np.ndarray:
    """The relocation loop as first written (gathers along the last axis), kept as the oracle."""
    G, m, _ = X.shape
    lab = labels.copy()
    onehot = np.zeros((G, m, k))
    np.put_along_axis(onehot, lab[:, :, None], 1.0, axis=-1)
    M = X @ onehot
    tol = 1e-12 * (1.0 + np.abs(X).sum(axis=(-1, -2)))
    rows = np.arange(G)
    live = np.ones(G, dtype=bool)
    for _ in range(4 * m * k + 10):
        g = rows[live]
        Mg = M[g]
        own = np.take_along_axis(Mg, lab[g][:, :, None], axis=-1)
        gain = Mg - own
        np.put_along_axis(gain, lab[g][:, :, None], np.inf, axis=-1)
        flat = gain.reshape(g.size, -1).argmin(axis=-1)
        best = gain.reshape(g.size, -1)[np.arange(g.size), flat]
        move = best < -tol[g]
        if not move.any():
            break
        g, flat = g[move], flat[move]
        i, b = np.divmod(flat, k)
        a = lab[g, i]
        col = X[g, :, i]
        M[g, :, a] -= col
        M[g, :, b] += col
        lab[g, i] = b
        live[:] = False
        live[g] = True
    return lab


def _heuristic_reference(
    X: np.ndarray, k_max: int, n_starts: int, rng: np.random.Generator
) -> tuple[np.ndarray, list[np.ndarray]]:
    """The multi-start heuristic before the compiled loop (S copies of X), kept as the oracle."""
    B, m, _ = X.shape
    iu, ju = np.triu_indices(m, 1)
    pair = X[:, iu, ju]
    best = np.full((B, k_max), np.inf)
    best_labels = []
    prev = np.zeros((B, m), dtype=np.intp)
    S = n_starts + 1
    Xs = np.repeat(X, S, axis=0)
    for k in range(1, k_max + 1):
        starts = np.repeat(np.asarray(rng.integers(0, k, (1, S, m)), dtype=np.intp), B, axis=0)
        starts[:, 0] = prev
        lab = _relocate_reference(Xs, starts.reshape(B * S, m), k).reshape(B, S, m)
        same = lab[:, :, iu] == lab[:, :, ju]
        cost = np.einsum("bsp,bp->bs", same, pair)
        pick = np.argmin(cost, axis=-1)
        best[:, k - 1] = cost[np.arange(B), pick]
        top = lab[np.arange(B), pick]
        best_labels.append(top)
        prev = top
    return best, best_labels


def _signed_systems(rng: np.random.Generator, B: int, n: int, ties: bool) -> tuple[Any, Any]:
    """Random relations and power; with ``ties`` relations on a 0.1 grid and equal power."""
    R = np.triu(rng.uniform(-1, 1, (B, n, n)), 1)
    if ties:
        R = np.round(R, 1)
    R = R + np.swapaxes(R, -1, -2)
    power = np.ones((B, n)) if ties else rng.uniform(0.05, 3.0, (B, n))
    return R, power


def _assert_same_blocs(got: Any, ref: Any) -> None:
    for name in ("labels", "n_blocs", "k_selected", "criterion", "criterion_by_k", "exact"):
        np.testing.assert_array_equal(getattr(got, name), getattr(ref, name), err_msg=name)


@pytest.mark.parametrize("seed", range(6))
def test_relocation_moves_are_those_of_the_reference_loop(seed: int) -> None:
    """The relocation makes the same moves as the first loop (ties included), both paths."""
    from equipoise.engines import partition

    rng = np.random.default_rng(seed)
    G, m, k = int(rng.integers(1, 10)), int(rng.integers(3, 80)), int(rng.integers(1, 7))
    A = rng.normal(size=(G, m, m))
    X = (A + A.transpose(0, 2, 1)) / 2
    if seed % 2:
        X = np.round(X, 1)  # many ties between moves
    if seed % 3 == 2:
        X = X + 1e-9 * rng.normal(size=X.shape)  # X_ij != X_ji: the column of X is read
    X[:, np.arange(m), np.arange(m)] = 0.0
    labels = rng.integers(0, k, (G, m))
    ref = _relocate_reference(X, labels, k)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(partition, "COMPILED_WORK", 0)
        np.testing.assert_array_equal(partition._relocate(X, labels, k), ref)  # compiled from 24
        mp.setattr(partition._relocation, "compiled", lambda: None)  # numba absent
        np.testing.assert_array_equal(partition._relocate(X, labels, k), ref)  # numpy loop


@pytest.mark.parametrize("seed", range(3))
def test_relocation_of_many_starts_is_that_of_copies(seed: int) -> None:
    """Starts relocated on one X each (broadcast product, compiled loop) = on S copies of X."""
    from equipoise.engines import partition
    from equipoise.engines._relocation import relocate_moves

    rng = np.random.default_rng(seed)
    B, S, m, k = 3, 4, int(rng.integers(24, 60)), int(rng.integers(2, 7))
    R, power = _signed_systems(rng, B, m, ties=bool(seed % 2))
    X = 0.5 * R * power[:, :, None] * power[:, None, :] / 9.0
    X[:, np.arange(m), np.arange(m)] = 0.0
    starts = rng.integers(0, k, (B, S, m))
    ref = _relocate_reference(np.repeat(X, S, axis=0), starts.reshape(B * S, m), k)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(partition, "COMPILED_WORK", 0)
        got = partition._relocate(X, starts, k).reshape(B * S, m)
    np.testing.assert_array_equal(got, ref)
    # the plain Python loop is the one that is compiled
    lab = starts.reshape(B * S, m).astype(np.intp)
    onehot = np.zeros((B * S, m, k))
    np.put_along_axis(onehot, lab[:, :, None], 1.0, axis=-1)
    M = np.repeat(X, S, axis=0) @ onehot
    tol = 1e-12 * (1.0 + np.abs(np.repeat(X, S, axis=0)).sum(axis=(-1, -2)))
    relocate_moves(np.swapaxes(X, -1, -2).copy(), M, lab, tol, S, k, 4 * m * k + 10)
    np.testing.assert_array_equal(lab, ref)


@pytest.mark.parametrize("seed", range(4))
def test_start_costs_are_the_einsum_of_the_starts(seed: int) -> None:
    """The compiled starts' costs are numpy's einsum over two or more starts, bit for bit."""
    from equipoise.engines import _relocation

    rng = np.random.default_rng(seed)
    B, S, m = int(rng.integers(1, 4)), int(rng.integers(2, 12)), int(rng.integers(2, 200))
    R, power = _signed_systems(rng, B, m, ties=bool(seed % 2))
    X = 0.5 * R * power[:, :, None] * power[:, None, :] / 7.0
    lab = rng.integers(0, int(rng.integers(1, 7)), (B, S, m)).astype(np.intp)
    iu, ju = np.triu_indices(m, 1)
    expected = np.einsum("bsp,bp->bs", lab[:, :, iu] == lab[:, :, ju], X[:, iu, ju])
    costs = _relocation.compiled_costs()
    assert _relocation.compiled() is not None and costs is not None
    for fn in (costs, _relocation.start_costs):
        out = np.empty((B, S))
        fn(X, lab, out)
        np.testing.assert_array_equal(out, expected)


@settings(max_examples=12, deadline=None)
@given(
    n=st.integers(5, 200),
    B=st.integers(1, 3),
    seed=st.integers(0, 2**32 - 1),
    ties=st.booleans(),
    tau=st.sampled_from([0.0, 0.1, 0.3]),
)
def test_heuristic_is_bit_for_bit_the_reference(
    n: int, B: int, seed: int, ties: bool, tau: float
) -> None:
    """Blocs, k, criteria: the same numbers as the heuristic before the compiled loop."""
    from equipoise.engines import partition

    R, power = _signed_systems(np.random.default_rng(seed), B, n, ties)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(partition, "COMPILED_WORK", 0)  # the compiled loop from 24 actors
        got = weak_balance_blocs(R, power, threshold=tau, method="heuristic", n_starts=8)
        mp.setattr(partition, "_heuristic", _heuristic_reference)
        ref = weak_balance_blocs(R, power, threshold=tau, method="heuristic", n_starts=8)
    _assert_same_blocs(got, ref)


@pytest.mark.realdata
def test_un_blocs_are_bit_for_bit_the_reference(
    shared_data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The 193 UN members (built from the data), 3 members, blocs of years 0, 5 and 10."""
    import re

    from equipoise.compile import compile_scenario
    from equipoise.engines import partition
    from equipoise.errors import InputError
    from equipoise.scenario.build import build_scenario, load_history
    from equipoise.scenario.loading import loads_scenario
    from equipoise.simulate import SimulationOptions, recorder, simulate

    built = build_scenario(load_history(shared_data), actors=["UN"], year=2020, horizon=10)
    s = loads_scenario(built.to_toml())
    try:
        compiled = compile_scenario(s)
    except InputError as err:  # trends the compiler rejects (benchmarks/test_bench_un.py)
        bad = {int(m.group(1)) for p in err.problems if (m := re.match(r"trends\[(\d+)\]", p.path))}
        s = s.model_copy(
            update={"trends": tuple(t for i, t in enumerate(s.trends) if i not in bad)}
        )
        compiled = compile_scenario(s)
    calls: list[tuple[Any, Any, dict[str, Any]]] = []

    def spy(R: Any, power: Any, **kw: Any) -> Any:
        calls.append((np.array(R), np.array(power), kw))
        return partition.weak_balance_blocs(R, power, **kw)

    monkeypatch.setattr(recorder, "weak_balance_blocs", spy)
    simulate(
        compiled,
        n_members=3,
        rng=np.random.default_rng(5),
        options=SimulationOptions(bloc_steps=(0, 5, 10)),
    )
    monkeypatch.undo()
    assert len(calls) >= 3 and calls[0][0].shape[-1] == 193
    for R, power, kw in calls:
        with monkeypatch.context() as mp:
            mp.setattr(partition, "COMPILED_WORK", 0)
            got = weak_balance_blocs(R, power, **kw)
            mp.setattr(partition, "_heuristic", _heuristic_reference)
            ref = weak_balance_blocs(R, power, **kw)
        assert not got.exact.any()
        _assert_same_blocs(got, ref)


@pytest.mark.parametrize("seed", range(4))
def test_cohesive_shares_are_the_full_einsum(seed: int) -> None:
    """Pole shares summed over the used poles only equal the einsum over every row, bit for bit."""
    from equipoise.engines.partition import _inputs, pole_structure

    rng = np.random.default_rng(seed)
    B, n = 5, int(rng.integers(4, 60))
    A = rng.uniform(-1, 1, (B, n, n))
    R = (A + A.transpose(0, 2, 1)) / 2
    p = rng.dirichlet(np.ones(n), size=B)
    labels = rng.integers(-1, 4, (B, n))
    got = pole_structure(R, p, labels)
    # the reference: every one of the 2n possible poles through the einsum
    R, p, _ = _inputs(R, p)  # the symmetric part and the power shares, as the function
    keys = np.where(labels >= 0, labels, n + np.arange(n))
    Z = np.where(keys[:, :, None] == keys[:, None, :], np.clip(R, 0.0, None), 0.0)
    Z[:, np.arange(n), np.arange(n)] = 1.0
    u = np.where(keys[:, None, :] == np.arange(2 * n)[None, :, None], p[:, None, :], 0.0)
    c_q = np.sqrt(np.einsum("bqi,bij,bqj->bq", u, Z, u))
    s_q = u.sum(axis=-1)
    ratio = np.ones((B, 2 * n))
    np.divide(c_q, s_q, out=ratio, where=s_q > 0)
    np.testing.assert_array_equal(got.tightness, np.take_along_axis(ratio, keys, axis=-1))
    order = np.argsort(-c_q, axis=-1, kind="stable")
    rows = np.arange(B)
    has2 = c_q[rows, order[:, 1]] > 0
    share = c_q[rows, order[:, 0]] + np.where(has2, c_q[rows, order[:, 1]], 0.0)
    np.testing.assert_array_equal(got.share, share)


@pytest.mark.parametrize("n", [12, 30])
def test_a_members_sums_do_not_depend_on_its_batch(n: int) -> None:
    # the pairs' sums (total weight, constant, final criterion) ran along a strided axis for a
    # batch of two or more and along a contiguous one for a batch of one: last-bit differences
    rng = np.random.default_rng(n)
    R = rng.uniform(-1.0, 1.0, (4, n, n))
    R = (R + R.transpose(0, 2, 1)) / 2.0
    p = rng.dirichlet(np.ones(n), 4)
    full = weak_balance_blocs(R, p)
    for b in range(4):
        one = weak_balance_blocs(R[b : b + 1], p[b : b + 1])
        for field in ("total_weight", "criterion", "criterion_by_k", "labels", "k_selected"):
            np.testing.assert_array_equal(getattr(full, field)[b], getattr(one, field)[0])


def test_relocation_compiles_without_a_writable_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    # numba's cache=True raises RuntimeError where no cache folder is writable (a system install
    # run by a user with a read-only home): the loop is then compiled in memory, not refused
    numba = pytest.importorskip("numba")
    from equipoise.engines import _relocation

    real = numba.njit
    asked: list[bool] = []

    def no_cache(*args: Any, **kwargs: Any) -> Any:
        asked.append(bool(kwargs.get("cache")))
        if kwargs.get("cache"):
            raise RuntimeError("cannot cache function: no locator available")
        return real(*args, **kwargs)

    monkeypatch.setattr(numba, "njit", no_cache)
    compiled = _relocation._jit(_relocation.start_costs)
    assert asked == [True, False]
    rng = np.random.default_rng(0)
    X = rng.normal(size=(2, 6, 6))
    lab = rng.integers(0, 3, size=(2, 4, 6)).astype(np.intp)
    want, got = np.zeros((2, 4)), np.zeros((2, 4))
    _relocation.start_costs(X, lab, want)
    compiled(X, lab, got)
    np.testing.assert_array_equal(got, want)
