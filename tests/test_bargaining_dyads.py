"""The block-by-block dyad table gives the engine's first-round table, bit for bit."""

from __future__ import annotations

import numpy as np
import pytest

from equipoise.engines.bargaining import EUOptions, run_expected_utility
from equipoise.engines.bargaining.dyads import FirstRound, dyad_records, top_dyads

OPTION_SETS = [
    EUOptions(),
    EUOptions(Q=0.5, T=None),
    EUOptions(Q=0.8, T=0.3, range_mode="recomputed"),
    EUOptions(utility_risk="owner", target_salience="challenger", risk="neutral"),
    EUOptions(compromise_condition="text", probability_denominator="dyad"),
    EUOptions(probability_votes="linear", offer_selection="least_move"),
    EUOptions(offer_selection="most_enforceable", confrontation="no_move", capitulation=False),
]


def _issue(n: int, seed: int, ties: bool) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    c = rng.uniform(0.0, 1.0, n)
    x = rng.integers(0, 6, n).astype(float) * 20.0 if ties else rng.uniform(0.0, 100.0, n)
    s = rng.uniform(0.05, 1.0, n)
    return c, x, s


@pytest.mark.parametrize("opts", OPTION_SETS)
@pytest.mark.parametrize(("n", "ties", "scale"), [(7, True, None), (40, False, (0.0, 100.0))])
def test_blocks_equal_the_engines_table(
    opts: EUOptions, n: int, ties: bool, scale: tuple[float, float] | None
) -> None:
    c, x, s = _issue(n, seed=n, ties=ties)
    res = run_expected_utility(c, x, s, scale=scale, rounds=1, options=opts, keep_dyads=True)
    assert res.dyads is not None
    first = FirstRound(c, x, s, scale=scale, options=opts)
    np.testing.assert_array_equal(first.risk, res.dyads.risk)
    blocks = list(first.blocks())
    for name in ("eu_challenger", "eu_target", "probability", "region", "offer", "chosen"):
        mine = np.concatenate([getattr(b, name) for b in blocks])
        np.testing.assert_array_equal(mine, getattr(res.dyads, name), err_msg=name)


def test_small_blocks_and_the_full_stream(monkeypatch: pytest.MonkeyPatch) -> None:
    import equipoise.engines.bargaining.dyads as dyads

    monkeypatch.setattr(dyads, "BLOCK_DYADS", 25)  # several rows per block, several blocks
    c, x, s = _issue(12, seed=3, ties=True)
    res = run_expected_utility(c, x, s, rounds=1, keep_dyads=True)
    assert res.dyads is not None
    first = FirstRound(c, x, s)
    assert first.block_rows == 2
    chunks = list(first.table_chunks())
    assert len(chunks) == 6
    table = {k: np.concatenate([ch[k] for ch in chunks]) for k in chunks[0]}
    expected = res.dyads.records()
    assert len(table["challenger"]) == len(expected) == 12 * 11
    for k in (0, 1, 37, 131):
        rec = expected[k]
        assert str(table["challenger"][k]) == rec["challenger"]
        assert str(table["target"][k]) == rec["target"]
        for col in ("eu_i_ij", "eu_i_ji", "eu_j_ji", "eu_j_ij", "probability"):
            assert table[col][k] == rec[col], col
        assert bool(table["accepted"][k]) == rec["accepted"]
    # the records of chosen dyads equal the engine's records, in any order asked for
    wanted = [(3, 0), (0, 3), (11, 10), (5, 6)]
    got = dyad_records(first, [i for i, _ in wanted], [j for _, j in wanted])
    by_pair = {(r["challenger"], r["target"]): r for r in expected}
    assert got == [by_pair[(str(i), str(j))] for i, j in wanted]


def test_top_dyads_ranks_accepted_offers_then_expected_utility() -> None:
    c, x, s = _issue(30, seed=5, ties=False)
    res = run_expected_utility(c, x, s, rounds=1, keep_dyads=True)
    assert res.dyads is not None
    a, chosen = res.dyads.eu_challenger, res.dyads.chosen
    pairs = [(i, j) for i in range(30) for j in range(30) if i != j]
    ranked = sorted(pairs, key=lambda ij: (not chosen[ij], -a[ij], ij[0], ij[1]))
    first = FirstRound(c, x, s)
    for k in (0, 1, 17, 200, 870, 5000):
        ii, jj = top_dyads(first, k)
        assert list(zip(ii.tolist(), jj.tolist(), strict=True)) == ranked[: min(k, 870)]
    assert int(chosen.sum()) > 0  # the ranking did put some accepted offers first


def test_one_issue_only() -> None:
    positions = np.tile([0.0, 1.0, 2.0], (2, 1))
    with pytest.raises(ValueError, match="one issue"):
        FirstRound(np.ones((2, 3)), positions, np.ones((2, 3)))


@pytest.mark.parametrize("wanted", [[3], [0, 1, 2, 10, 11, 30, 49], list(range(50)), [49, 0]])
def test_rows_of_computes_the_rows_asked_for(wanted: list[int]) -> None:
    c, x, s = _issue(50, seed=9, ties=False)
    first = FirstRound(c, x, s)
    full = first.rows(0, 50)
    got = first.rows_of(wanted)
    assert sorted(got) == sorted(set(wanted))
    for i, row in got.items():
        assert row.rows.tolist() == [i]
        np.testing.assert_array_equal(row.eu_challenger[0], full.eu_challenger[i])
        np.testing.assert_array_equal(row.offer[0], full.offer[i])


@pytest.mark.parametrize("opts", OPTION_SETS)
@pytest.mark.parametrize(
    ("n", "ties", "scale", "k"),
    [
        (7, True, None, 5),
        (7, True, None, 100),
        (40, False, (0.0, 100.0), 20),
        (400, False, None, 40),
    ],
)
def test_engine_ranks_inside_round_one_as_top_dyads(
    opts: EUOptions, n: int, ties: bool, scale: tuple[float, float] | None, k: int
) -> None:
    """``top_dyads=k``: the engine's kept round and ranking equal the second pass's, bit for bit.

    n = 300 runs the engine's round in several cache-sized blocks of sorted rows, against the
    dyad module's one block in input order; the ranking must not depend on the blocks.
    """
    c, x, s = _issue(n, seed=n + k, ties=ties)
    plain = run_expected_utility(c, x, s, scale=scale, rounds=3, options=opts, keep_dyads=False)
    res = run_expected_utility(
        c, x, s, scale=scale, rounds=3, options=opts, keep_dyads=False, top_dyads=k
    )
    np.testing.assert_array_equal(res.positions, plain.positions)  # nothing else changes
    np.testing.assert_array_equal(res.median, plain.median)
    kept = res.first_round
    assert kept is not None and plain.first_round is None
    first = FirstRound(c, x, s, scale=scale, options=opts)
    np.testing.assert_array_equal(kept.probability, first._p[0])
    np.testing.assert_array_equal(kept.risk, first.risk)
    ii, jj = top_dyads(first, k)
    np.testing.assert_array_equal(kept.top_challengers, ii)
    np.testing.assert_array_equal(kept.top_targets, jj)
    assert len(ii) == min(k, n * (n - 1))
    assert all(i != j for i, j in zip(ii.tolist(), jj.tolist(), strict=True))
    again = FirstRound(c, x, s, scale=scale, options=opts, kept=kept)
    assert dyad_records(again, ii, jj) == dyad_records(first, ii, jj)


def test_top_dyads_needs_one_issue() -> None:
    ones = np.ones((2, 3))
    with pytest.raises(ValueError, match="one issue"):
        run_expected_utility(ones, np.tile([0.0, 1.0, 2.0], (2, 1)), ones, top_dyads=3)


def test_small_blocks_never_rank_the_diagonal() -> None:
    """A block with fewer off-diagonal dyads than k keeps all of them and no diagonal."""
    from equipoise.engines.bargaining._rank import TopDyads

    top = TopDyads(5)
    eu = np.array([[0.0, -3.0, -2.0], [-1.0, 0.0, -4.0]])  # 2 rows, 4 real dyads < k
    top.add(eu, np.zeros_like(eu, dtype=bool), np.array([0, 1]), np.arange(3), np.array([0, 1]))
    ii, jj = top.result()
    assert list(zip(ii.tolist(), jj.tolist(), strict=True)) == [(1, 0), (0, 2), (0, 1), (1, 2)]
