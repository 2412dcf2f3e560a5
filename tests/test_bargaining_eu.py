"""The expected-utility model: hand-computed values, the published example, options."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from equipoise.engines.bargaining import (
    EXAMPLE_CSV,
    REGIONS,
    BargainingResult,
    EUOptions,
    run_expected_utility,
)
from equipoise.io.actors_csv import read_actors_csv

# --------------------------------------------------------------------------------------
# A 3-actor case computed by hand (scale 0-1, so R = 1)
#   A: x = 0,   c = 1, s = 1    -> w = c s = 1
#   B: x = 0.5, c = 1, s = 0.5  -> w = 0.5
#   C: x = 1,   c = 2, s = 0.5  -> w = 1
# --------------------------------------------------------------------------------------
HAND_C = [1.0, 1.0, 2.0]
HAND_X = [0.0, 0.5, 1.0]
HAND_S = [1.0, 0.5, 0.5]


def _hand(**kw: Any) -> BargainingResult:
    opts = EUOptions(probability_votes="linear", **kw)
    return run_expected_utility(HAND_C, HAND_X, HAND_S, scale=(0.0, 1.0), rounds=1, options=opts)


def test_hand_probabilities_all_dyads_and_eq31() -> None:
    # Votes of k for i against j: w_k (|x_k - x_j| - |x_k - x_i|); N_ij = sum of the positive.
    # (A,B), midpoint 0.25: A votes 1*(0.5-0)=0.5 for A; B 0.5*(0-0.5)=-0.25 and
    #   C 1*(0.5-1)=-0.5 for B            -> N_AB = 0.5,  N_BA = 0.75
    # (A,C), midpoint 0.5: A 1*(1-0)=1 for A; B sits on the midpoint (0); C 1 for C
    #                                      -> N_AC = 1,    N_CA = 1
    # (B,C), midpoint 0.75: A 1*(1-0.5)=0.5 and B 0.5*(0.5-0)=0.25 for B; C 0.5 for C
    #                                      -> N_BC = 0.75, N_CB = 0.5
    # All-dyads denominator: sum over ordered pairs of sum_k |v| = 2 * 4.5 = 9.
    res = _hand()
    p = res.dyads.probability
    expected = np.array([[0, 0.5, 1.0], [0.75, 0, 0.75], [1.0, 0.5, 0]]) / 9.0
    np.testing.assert_allclose(p, expected, atol=1e-12)
    # eq. 31 as printed: per-dyad denominator N_ij + N_ji, so P_AB = 0.5/1.25 = 0.4 etc.
    res = _hand(probability_denominator="dyad")
    p = res.dyads.probability
    expected = np.array([[0, 0.4, 0.5], [0.6, 0, 0.6], [0.5, 0.4, 0]])
    np.testing.assert_allclose(p, expected, atol=1e-12)
    np.testing.assert_allclose(p + p.T, 1 - np.eye(3), atol=1e-12)


def test_hand_risk_exponents() -> None:
    # First pass, r = 1: U_s = 2d, U_f = -2d, U_sq = 0, so E(c->t) = 2d (1 - 2 s_t (1 - P_ct)).
    #   E(A->B) = 1 (1 - 2*.5*(1 - 1/18)) =  1/18     E(B->A) = 1 (1 - 2*1*(1 - 1/12)) = -5/6
    #   E(A->C) = 2 (1 - 2*.5*(1 - 1/9))  =  2/9      E(C->A) = 2 (1 - 2*1*(1 - 1/9))  = -14/9
    #   E(B->C) = 1 (1 - 2*.5*(1 - 1/12)) =  1/12     E(C->B) = 1 (1 - 2*.5*(1 - 1/18)) = 1/18
    # Security (sum of what the challengers expect): Sec_A = -5/6 - 14/9 = -86/36,
    #   Sec_B = 1/18 + 1/18 = 4/36, Sec_C = 2/9 + 1/12 = 11/36; max - min = 97/36.
    # R_i = (2 Sec_i - max - min)/(max - min): R_A = -1, R_B = 83/97, R_C = 1;
    # r_i = (1 - R_i/3)/(1 + R_i/3): r_A = 2, r_B = 208/374 = 104/187, r_C = 0.5.
    res = _hand()
    np.testing.assert_allclose(res.dyads.risk, [2.0, 104 / 187, 0.5], rtol=1e-12)


def test_hand_expected_utilities_and_moves() -> None:
    res = _hand()
    a = res.dyads.eu_challenger
    b = res.dyads.eu_target
    # A's view, r_A = 2, d(A,B) = 0.5: U_s = 2 - 4 (0.25)^2 = 1.75, U_f = 2 - 4 (0.75)^2 = -0.25,
    # U_sq = 2 - 4 (0.5)^2 = 1.
    #   E^A(U_AB) = .5 (1/18 * 1.75 + 17/18 * -.25) + .5 * 1.75 - 1 = -7/36
    #   E^A(U_BA) = 1 (1/12 * 1.75 + 11/12 * -.25) + 0 - 1 = -13/12   -> stalemate
    assert a[0, 1] == pytest.approx(-7 / 36, abs=1e-12)
    assert b[0, 1] == pytest.approx(-13 / 12, abs=1e-12)
    # C's view, r_C = 0.5, d(C,B) = 0.5: U_s = 2 - 4 sqrt(.25) = 0, U_f = 2 - 4 sqrt(.75),
    # U_sq = 2 - 4 sqrt(.5).
    u_f = 2 - 4 * np.sqrt(0.75)
    u_sq = 2 - 4 * np.sqrt(0.5)
    #   E^C(U_CB) = .5 (17/18 U_f) - U_sq = 0.13705;  E^C(U_BC) = .5 (11/12 U_f) - U_sq = 0.15738
    assert a[2, 1] == pytest.approx(0.5 * 17 / 18 * u_f - u_sq, abs=1e-12)
    assert b[2, 1] == pytest.approx(0.5 * 11 / 12 * u_f - u_sq, abs=1e-12)
    # both positive and B expects more: C loses the confrontation and moves to x_B = 0.5
    # d(C,A) = 1: U_s = 2, U_f = -2.  E^C(U_CA) = 1 (1/9 2 - 8/9 2) - U_sq = -14/9 - U_sq,
    # E^C(U_AC) = .5 (1/9 2 - 8/9 2) + .5 * 2 - U_sq: compromise, C would move |a/b| toward 0.
    assert a[2, 0] == pytest.approx(-14 / 9 - u_sq, abs=1e-12)
    assert b[2, 0] == pytest.approx(-7 / 9 + 1 - u_sq, abs=1e-12)
    region = [[REGIONS[k] for k in row] for row in res.dyads.region]
    assert region[0][1] == "stalemate"
    assert region[2][1] == "confrontation_lost"
    assert region[2][0] == "compromise_conceded"
    assert res.dyads.offer[2, 0] == pytest.approx(1 - abs(a[2, 0] / b[2, 0]))
    # a lost confrontation is taken before a compromise: C moves to 0.5; B capitulates to A
    assert region[1][0] == "capitulate"
    np.testing.assert_allclose(res.positions[1], [0.0, 0.0, 0.5])


# --------------------------------------------------------------------------------------
# The published example
# --------------------------------------------------------------------------------------
# Scholz, Calbert & Smith (2011) Table 1 (from Bueno de Mesquita 1994, p. 78): year of
# introduction of emission standards for medium-sized cars; positions 4-10, salience 0-100.
TABLE_1 = {
    "Netherlands": (0.08, 4, 80),
    "Belgium": (0.08, 7, 40),
    "Luxembourg": (0.03, 4, 20),
    "Germany": (0.16, 4, 80),
    "France": (0.16, 10, 60),
    "Italy": (0.16, 10, 60),
    "UK": (0.16, 10, 90),
    "Ireland": (0.05, 7, 10),
    "Denmark": (0.05, 4, 100),
    "Greece": (0.08, 7, 70),
}
NAMES = list(TABLE_1)
C = np.array([v[0] for v in TABLE_1.values()])
X = np.array([float(v[1]) for v in TABLE_1.values()])
S = np.array([v[2] for v in TABLE_1.values()], dtype=float)

# Scholz et al. (2011) Table 2 (Q = 1): median and mean voter position at the end of rounds 1-8
TABLE_2_MEDIAN = [8.4, 9.9, 9.9, 9.9, 9.9, 7.4, 8.8, 9.6]
TABLE_2_MEAN = [7.4, 7.5, 7.6, 7.3, 7.3, 7.4, 7.5, 7.6]
# Round 2's median is the one number we do not reproduce (9.61): see docs/models/bargaining.md
UNMATCHED_MEDIAN_ROUNDS = {2}


@pytest.fixture(scope="module")
def example() -> BargainingResult:
    return run_expected_utility(
        C, X, S, scale=(4, 10), rounds=8, options=EUOptions(salience_scale="percent")
    )


def test_shipped_example_csv_is_table_1() -> None:
    table = read_actors_csv(EXAMPLE_CSV)
    assert table.names == NAMES
    np.testing.assert_allclose(table.capability, C)
    np.testing.assert_allclose(table.position, X)
    np.testing.assert_allclose(table.salience, S / 100)


def test_round_0_is_the_input(example: BargainingResult) -> None:
    np.testing.assert_allclose(example.positions[0], X)
    assert example.median[0] == 7.0
    assert example.mean[0] == pytest.approx(float((C * S * X).sum() / (C * S).sum()))


@pytest.mark.parametrize("rnd", range(1, 9))
def test_table_2_mean(example: BargainingResult, rnd: int) -> None:
    assert example.mean[rnd] == pytest.approx(TABLE_2_MEAN[rnd - 1], abs=0.1)


@pytest.mark.parametrize("rnd", sorted(set(range(1, 9)) - UNMATCHED_MEDIAN_ROUNDS))
def test_table_2_median(example: BargainingResult, rnd: int) -> None:
    assert example.median[rnd] == pytest.approx(TABLE_2_MEDIAN[rnd - 1], abs=0.1)


@pytest.mark.xfail(
    strict=True,
    reason="Table 2 prints 9.9 for round 2; every documented reading gives Belgium's "
    "compromise at 9.61 (docs/models/bargaining.md, 'The round that does not match')",
)
def test_table_2_median_round_2(example: BargainingResult) -> None:
    assert example.median[2] == pytest.approx(TABLE_2_MEDIAN[1], abs=0.1)


def test_round_2_median_pinned(example: BargainingResult) -> None:
    # what we do get, and why it is fragile: Belgium (9.61) is the median by 0.341 of
    # cumulative weight against a half of 0.3385
    assert example.median[2] == pytest.approx(9.611, abs=1e-3)
    assert example.positions[2, NAMES.index("Belgium")] == pytest.approx(9.611, abs=1e-3)


def test_first_round_moves(example: BargainingResult) -> None:
    # Belgium compromises toward France/Italy to 8.42 (the round-1 median of Table 2),
    # Luxembourg loses a confrontation to Belgium (moves to 7), Ireland to Netherlands (4)
    pos = dict(zip(NAMES, example.positions[1], strict=True))
    assert pos["Belgium"] == pytest.approx(8.416, abs=1e-3)
    assert pos["Luxembourg"] == 7.0
    assert pos["Ireland"] == 4.0
    for name in ("Netherlands", "Germany", "France", "Italy", "UK", "Denmark", "Greece"):
        assert pos[name] == dict(zip(NAMES, X, strict=True))[name]


def _quadrant(a: float, b: float) -> str:
    if a == 0 and b == 0:
        return "origin"
    if a > 0 and b > 0:
        return "I"
    if a < 0 < b:
        return "II"
    if a < 0 and b < 0:
        return "III"
    return "IV"


# The first round's points (E^i(U_ij), E^i(U_ji)) as Belgium (Fig. 7), France (Fig. 8) and
# Luxembourg (Fig. 10) see them. The text says which points lie at the origin: the actors at
# the same position (E = 0 when d = 0 and Q = 1); that is checked against the inputs. The
# quadrants of the other points pin our first round: the figures' coordinates were not
# available to us in a form we could read at a figure's precision (see the docs).
FIGURE_QUADRANTS = {
    "Belgium": {
        "Netherlands": "II",
        "Luxembourg": "I",
        "Germany": "II",
        "France": "II",
        "Italy": "II",
        "UK": "II",
        "Ireland": "origin",
        "Denmark": "II",
        "Greece": "origin",
    },
    "France": {
        "Netherlands": "III",
        "Belgium": "IV",
        "Luxembourg": "IV",
        "Germany": "III",
        "Italy": "origin",
        "UK": "origin",
        "Ireland": "IV",
        "Denmark": "III",
        "Greece": "III",
    },
    "Luxembourg": {
        "Netherlands": "origin",
        "Belgium": "I",
        "Germany": "origin",
        "France": "I",
        "Italy": "I",
        "UK": "II",
        "Ireland": "I",
        "Denmark": "origin",
        "Greece": "II",
    },
}


@pytest.mark.parametrize("viewer", sorted(FIGURE_QUADRANTS))
def test_figures_7_8_10_quadrants(example: BargainingResult, viewer: str) -> None:
    d = example.dyads
    i = NAMES.index(viewer)
    got = {
        NAMES[j]: _quadrant(float(d.eu_challenger[i, j]), float(d.eu_target[i, j]))
        for j in range(len(NAMES))
        if j != i
    }
    assert got == FIGURE_QUADRANTS[viewer]
    # the points at the origin are exactly the actors sharing the viewer's position
    origin = {name for name, q in got.items() if q == "origin"}
    assert origin == {n for n in NAMES if n != viewer and X[NAMES.index(n)] == X[i]}


def test_published_forecasts_are_in_reach(example: BargainingResult) -> None:
    # Bueno de Mesquita (1994, p. 98) forecast 8.35; the outcome was 8.83. The model's
    # first-round median (8.42) is its nearest forecast; later rounds oscillate (the paper
    # reports that the example does not converge).
    assert example.median[1] == pytest.approx(8.35, abs=0.1)
    assert not bool(example.converged)


# --------------------------------------------------------------------------------------
# Options, batching, stopping rule
# --------------------------------------------------------------------------------------
def test_default_options_reproduce_the_paper_set() -> None:
    opts = EUOptions()
    assert opts.Q == 1.0
    assert opts.probability_denominator == "all_dyads"
    assert opts.target_salience == "target"
    assert opts.compromise_condition == "figure"
    assert set(opts.as_dict()) >= {"Q", "T", "range_mode", "utility_risk", "stop_threshold"}


@pytest.mark.parametrize(
    "kw",
    [
        {"Q": 1.5},
        {"T": -0.1},
        {"range_mode": "sometimes"},
        {"offer_selection": "random"},
        {"stop_threshold": -1.0},
    ],
)
def test_bad_options_raise(kw: dict[str, Any]) -> None:
    with pytest.raises(ValueError, match="must"):
        EUOptions(**kw)


def test_every_option_runs_on_the_example() -> None:
    for name, values in EUOptions._CHOICES.items():
        for value in values:
            kw: dict[str, Any] = {"salience_scale": "percent", name: value}
            opts = EUOptions(**kw)
            sal = S if opts.salience_scale == "percent" else S / 100
            res = run_expected_utility(C, X, sal, rounds=3, options=opts)
            assert np.all(res.positions >= 4) and np.all(res.positions <= 10)
    res = run_expected_utility(C, X, S / 100, rounds=3, options=EUOptions(Q=0.5))
    assert res.positions.shape == (4, 10)


def test_batch_equals_single_runs() -> None:
    rng = np.random.default_rng(7)
    c = rng.random((3, 2, 6))
    x = rng.random((3, 2, 6)) * 100
    s = rng.random((3, 2, 6))
    batch = run_expected_utility(c, x, s, scale=(0, 100), rounds=4)
    assert batch.positions.shape == (3, 2, 5, 6)
    assert batch.dyads is not None and batch.dyads.region.shape == (3, 2, 6, 6)
    for i in range(3):
        for j in range(2):
            one = run_expected_utility(c[i, j], x[i, j], s[i, j], scale=(0, 100), rounds=4)
            np.testing.assert_allclose(batch.positions[i, j], one.positions)
            np.testing.assert_allclose(batch.median[i, j], one.median)
            np.testing.assert_allclose(batch.dyads.eu_challenger[i, j], one.dyads.eu_challenger)


def test_stopping_rule() -> None:
    res = run_expected_utility(
        C, X, S, rounds=20, options=EUOptions(salience_scale="percent", stop_threshold=0.5)
    )
    # the median moves 8.42 -> 9.61 (1.19) -> 9.96 (0.35 < 0.5): stops after round 3
    assert int(res.rounds_run) == 3
    assert bool(res.converged)
    np.testing.assert_allclose(res.positions[4:], np.broadcast_to(res.positions[3], (17, 10)))
    assert res.forecast == pytest.approx(res.median[3])


def test_input_errors() -> None:
    with pytest.raises(ValueError, match="two actors"):
        run_expected_utility([1], [0], [1])
    with pytest.raises(ValueError, match="scale"):
        run_expected_utility([1, 1], [0, 2], [1, 1], scale=(0, 1))
    with pytest.raises(ValueError, match="salience"):
        run_expected_utility([1, 1], [0, 1], [1, 2])
    with pytest.raises(ValueError, match="non-negative"):
        run_expected_utility([-1, 1], [0, 1], [1, 1])
    with pytest.raises(ValueError, match="one shape"):
        run_expected_utility([1, 1], [0, 1, 2], [1, 1])
    with pytest.raises(ValueError, match="rounds"):
        run_expected_utility([1, 1], [0, 1], [1, 1], rounds=-1)


def test_dyad_records() -> None:
    res = run_expected_utility(C, X, S / 100, rounds=1)
    rows = res.dyads.records(NAMES)
    assert len(rows) == 90
    belgium_france = next(
        r for r in rows if r["challenger"] == "Belgium" and r["target"] == "France"
    )
    assert belgium_france["region"] == "compromise_conceded"
    assert belgium_france["offer"] == pytest.approx(8.416, abs=1e-3)
    assert sum(r["accepted"] for r in rows if r["challenger"] == "Belgium") == 1
