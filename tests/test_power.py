"""Tests of the power engine: hand-computed values, edge cases and properties."""

from __future__ import annotations

import doctest

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from numpy.testing import assert_allclose, assert_array_equal

from equipoise.engines import power
from equipoise.engines.power import (
    CINC_COMPONENTS,
    cinc,
    gdp_measures,
    gdp_share,
    project,
    system_shares,
    weighted_index,
)

nan = np.nan

# --------------------------------------------------------------------------------------------
# A 3-state, 2-year system, computed by hand.
# Components in NMC order: milex, milper, irst, pec, tpop, upop.
#
# Year 1          milex milper irst  pec  tpop upop
#   A               60    10     5    40   100   20
#   B               30    30     5    40   200   30
#   C               10    10     0    20   100   50
#   total          100    50    10   100   400  100
# shares A: .6 .2 .5 .4 .25 .2  -> sum 2.15 -> CINC 2.15/6 = 0.358333...
#        B: .3 .6 .5 .4 .5  .3  -> sum 2.60 -> CINC 2.60/6 = 0.433333...
#        C: .1 .2 0  .2 .25 .5  -> sum 1.25 -> CINC 1.25/6 = 0.208333...
#   (sum of CINC = 1: no component missing)
#
# Year 2: C's milex is missing
#   A               50    20     6    50   100   25
#   B               50    20     2    30   300   25
#   C              NaN    10     2    20   100   50
#   total          100    50    10   100   500  100   (milex total over A and B only)
# shares A: .5 .4 .6 .5 .2 .25  -> sum 2.45 -> CINC 2.45/6 = 0.408333...
#        B: .5 .4 .2 .3 .6 .25  -> sum 2.25 -> CINC 2.25/6 = 0.375
#        C: -  .2 .2 .2 .2 .5   -> sum 1.30 -> CINC 1.30/5 = 0.26  (mean over 5 present)
#   (sum of CINC = 1.04333...: above 1 because C's mean is over five components)
# --------------------------------------------------------------------------------------------

YEAR1 = [[60, 10, 5, 40, 100, 20], [30, 30, 5, 40, 200, 30], [10, 10, 0, 20, 100, 50]]
YEAR2 = [[50, 20, 6, 50, 100, 25], [50, 20, 2, 30, 300, 25], [nan, 10, 2, 20, 100, 50]]
SYSTEM = np.array([YEAR1, YEAR2], dtype=float)  # (years, states, components)

SHARES = np.array(
    [
        [
            [0.6, 0.2, 0.5, 0.4, 0.25, 0.2],
            [0.3, 0.6, 0.5, 0.4, 0.5, 0.3],
            [0.1, 0.2, 0, 0.2, 0.25, 0.5],
        ],
        [
            [0.5, 0.4, 0.6, 0.5, 0.2, 0.25],
            [0.5, 0.4, 0.2, 0.3, 0.6, 0.25],
            [nan, 0.2, 0.2, 0.2, 0.2, 0.5],
        ],
    ]
)
CINC = np.array([[2.15 / 6, 2.6 / 6, 1.25 / 6], [2.45 / 6, 2.25 / 6, 1.3 / 5]])


def test_cinc_hand_computed_two_years() -> None:
    result = cinc(SYSTEM)
    assert_allclose(result.shares, SHARES, rtol=1e-14, atol=1e-15)
    assert_allclose(result.cinc, CINC, rtol=1e-14)
    assert_array_equal(result.n_components, [[6, 6, 6], [6, 6, 5]])
    assert result.cinc[0].sum() == pytest.approx(1.0, abs=1e-15)
    assert result.cinc[1].sum() == pytest.approx((2.45 + 2.25) / 6 + 0.26, abs=1e-15)  # 1.0433


def test_cinc_single_year_equals_batch_row() -> None:
    for year in range(2):
        single = cinc(SYSTEM[year])
        assert_allclose(single.cinc, CINC[year], rtol=1e-14)


def test_cinc_state_axis_elsewhere() -> None:
    # (states, years, components) with axis=0 gives the same numbers, transposed.
    result = cinc(np.swapaxes(SYSTEM, 0, 1), axis=0)
    assert_allclose(result.cinc, CINC.T, rtol=1e-14)


def test_component_with_zero_total_is_left_out() -> None:
    x = np.array(YEAR1, dtype=float)
    x[:, 2] = 0.0  # nobody produces iron and steel this year
    result = cinc(x)
    assert np.isnan(result.shares[:, 2]).all()
    assert_array_equal(result.n_components, [5, 5, 5])
    # A: (.6 + .2 + .4 + .25 + .2) / 5
    assert result.cinc[0] == pytest.approx(1.65 / 5)
    assert result.cinc.sum() == pytest.approx(1.0)


def test_component_all_missing_is_left_out() -> None:
    x = np.array(YEAR1, dtype=float)
    x[:, 0] = nan
    result = cinc(x)
    assert np.isnan(result.shares[:, 0]).all()
    assert result.cinc[1] == pytest.approx((0.6 + 0.5 + 0.4 + 0.5 + 0.3) / 5)


def test_state_with_everything_missing_has_nan_and_changes_nothing() -> None:
    padded = np.vstack([YEAR1, [[nan] * 6]])
    result = cinc(padded)
    assert np.isnan(result.cinc[3])
    assert result.n_components[3] == 0
    assert_allclose(result.cinc[:3], CINC[0], rtol=1e-14)


def test_cinc_rejects_bad_input() -> None:
    with pytest.raises(ValueError, match="six NMC components"):
        cinc(np.ones((3, 5)))
    with pytest.raises(ValueError, match="non-negative"):
        cinc([[1, 1, 1, 1, 1, -2.0]])
    with pytest.raises(ValueError, match="finite"):
        cinc([[1, 1, 1, 1, 1, np.inf]])
    with pytest.raises(ValueError, match="state axis"):
        cinc(np.ones((3, 6)), axis=-1)
    with pytest.raises(ValueError, match="out of range"):
        cinc(np.ones((3, 6)), axis=5)


def test_cinc_empty_system() -> None:
    result = cinc(np.empty((0, 6)))
    assert result.cinc.shape == (0,)


def test_system_shares_example() -> None:
    assert_allclose(system_shares([3.0, 1.0, nan]), [0.75, 0.25, nan])
    assert np.isnan(system_shares([0.0, 0.0])).all()


def test_system_shares_no_overflow_for_huge_values() -> None:
    with np.errstate(over="raise"):
        shares = system_shares([1e308, 1e308])
    assert_allclose(shares, [0.5, 0.5])


def test_components_constant() -> None:
    assert CINC_COMPONENTS == ("milex", "milper", "irst", "pec", "tpop", "upop")


# --------------------------------------------------------------------------------------------
# Weighted (Lowy-style) index, computed by hand.
#
#         m1    m2   m3 (log-scaled: ln(1 + x))
#   X    200    50    9      ln 10
#   Y    100   100   99      ln 100
#   Z     50    25    0      0
# "max" scores: m1 100, 50, 25; m2 50, 100, 25; m3 100 ln10/ln100 = 50, 100, 0
# weights .5 .3 .2: X = 50 + 15 + 10 = 75; Y = 25 + 30 + 20 = 75; Z = 12.5 + 7.5 + 0 = 20
# --------------------------------------------------------------------------------------------

MEASURES = np.array([[200.0, 50.0, 9.0], [100.0, 100.0, 99.0], [50.0, 25.0, 0.0]])
WEIGHTS = [0.5, 0.3, 0.2]


def test_weighted_index_max_with_log_scale() -> None:
    result = weighted_index(MEASURES, weights=WEIGHTS, log_scale=[False, False, True])
    assert_allclose(result.scores, [[100, 50, 50], [50, 100, 100], [25, 25, 0]], rtol=1e-14)
    assert_allclose(result.index, [75, 75, 20], rtol=1e-14)


def test_weighted_index_minmax() -> None:
    # m1 (x - 50)/150: 100, 33.3, 0; m2 (x - 25)/75: 33.3, 100, 0; m3 x/99: 9.09, 100, 0
    result = weighted_index(MEASURES, weights=WEIGHTS, normalisation="minmax")
    assert_allclose(
        result.index,
        [50 + 0.3 * 100 / 3 + 0.2 * 900 / 99, 0.5 * 100 / 3 + 30 + 20, 0.0],
        rtol=1e-13,
    )


def test_weighted_index_missing_measure_renormalises_weights() -> None:
    x = MEASURES.copy()
    x[2, 1] = nan
    result = weighted_index(x, weights=WEIGHTS, log_scale=[False, False, True])
    # Z: (.5 * 25 + .2 * 0) / (.5 + .2) = 12.5 / .7; X and Y unchanged (the max of m2 is Y's)
    assert_allclose(result.index, [75, 75, 12.5 / 0.7], rtol=1e-14)


def test_weighted_index_default_equal_weights_and_none() -> None:
    scores = np.array([[100.0, 20.0], [40.0, 60.0]])
    result = weighted_index(scores, normalisation="none")
    assert_allclose(result.index, [60.0, 50.0])


def test_weighted_index_pillars() -> None:
    # Two pillars of two measures each, then pillar weights .6/.4 on the pillar scores.
    econ = weighted_index(MEASURES[:, :2], weights=[0.5, 0.5])  # X 75, Y 75, Z 25
    mil = weighted_index(MEASURES[:, 2:], log_scale=[True])  # X 50, Y 100, Z 0
    pillars = np.stack([econ.index, mil.index], axis=-1)
    overall = weighted_index(pillars, weights=[0.6, 0.4], normalisation="none")
    assert_allclose(overall.index, [0.6 * 75 + 0.4 * 50, 0.6 * 75 + 40, 0.6 * 25], rtol=1e-14)


def test_weighted_index_batch_of_weights() -> None:
    w = np.array([[1.0, 0.0, 0.0], [0.0, 0.0, 1.0]])
    result = weighted_index(MEASURES, weights=w)
    assert result.index.shape == (2, 3)
    assert_allclose(result.index[0], [100, 50, 25])
    assert_allclose(result.index[1], [100 * 9 / 99, 100, 0])


@pytest.mark.parametrize(
    ("weights", "message"),
    [
        ([0.5, 0.3, 0.1], "sum to 1"),
        ([0.5, 0.6, -0.1], "non-negative"),
        ([0.5, 0.5], "one entry per measure"),
        ([0.5, nan, 0.5], "finite"),
    ],
)
def test_weighted_index_rejects_bad_weights(weights: list[float], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        weighted_index(MEASURES, weights=weights)


def test_weighted_index_rejects_bad_options() -> None:
    with pytest.raises(ValueError, match="one flag per measure"):
        weighted_index(MEASURES, log_scale=[True])
    with pytest.raises(ValueError, match="normalisation"):
        weighted_index(MEASURES, normalisation="zscore")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="0–100"):
        weighted_index(MEASURES, normalisation="none")
    with pytest.raises(ValueError, match="non-negative"):
        weighted_index(-MEASURES)


def test_weighted_index_measure_without_spread_is_left_out() -> None:
    x = MEASURES.copy()
    x[:, 0] = 0.0
    result = weighted_index(x, weights=WEIGHTS)
    assert np.isnan(result.scores[:, 0]).all()
    # X: (.3 * 50 + .2 * 100 * 9/99) / .5
    assert result.index[0] == pytest.approx((0.3 * 50 + 0.2 * 900 / 99) / 0.5)


# --------------------------------------------------------------------------------------------
# GDP measures, by hand.
#   GDP 20, 10, 30 (total 60) -> shares 1/3, 1/6, 1/2
#   pop  1,  4, 10            -> GDP per capita 20, 2.5, 3
#   GDP x GDP pc: 400, 25, 90 (total 515) -> 400/515, 25/515, 90/515
# --------------------------------------------------------------------------------------------


def test_gdp_measures_hand_computed() -> None:
    m = gdp_measures([20.0, 10.0, 30.0], [1.0, 4.0, 10.0])
    assert_allclose(m.gdp_share, [1 / 3, 1 / 6, 1 / 2], rtol=1e-14)
    assert_allclose(m.gdp_per_capita, [20, 2.5, 3], rtol=1e-14)
    assert_allclose(m.gdp_x_gdppc, [400, 25, 90], rtol=1e-14)
    assert_allclose(m.gdp_x_gdppc_share, [400 / 515, 25 / 515, 90 / 515], rtol=1e-14)
    assert_allclose(gdp_share([20.0, 10.0, 30.0]), m.gdp_share)


def test_gdp_measures_missing_and_units() -> None:
    m = gdp_measures([20.0, 10.0, nan], [1.0, nan, 10.0])
    assert_allclose(m.gdp_share, [2 / 3, 1 / 3, nan])
    assert_allclose(m.gdp_x_gdppc_share, [1.0, nan, nan])
    # Shares do not depend on units (USD vs billions; persons vs thousands).
    a = gdp_measures([2.1e13, 1.4e13], [3.3e8, 1.4e9])
    b = gdp_measures([2.1e4, 1.4e4], [3.3e5, 1.4e6])
    assert_allclose(a.gdp_x_gdppc_share, b.gdp_x_gdppc_share, rtol=1e-12)


def test_gdp_measures_batch_and_errors() -> None:
    m = gdp_measures([[20.0, 10.0], [10.0, 10.0]], [[1.0, 4.0], [1.0, 1.0]])
    assert_allclose(m.gdp_x_gdppc_share, [[400 / 425, 25 / 425], [0.5, 0.5]])
    with pytest.raises(ValueError, match="population"):
        gdp_measures([1.0, 2.0], [1.0, 0.0])
    with pytest.raises(ValueError, match="broadcast"):
        gdp_measures([1.0, 2.0], [1.0, 2.0, 3.0])
    with pytest.raises(ValueError, match="non-negative"):
        gdp_share([-1.0, 2.0])


# --------------------------------------------------------------------------------------------
# Projection, by hand.
#   levels [[100, 10], [50, 20]], growth 10 % on indicator 0 and 0 % on indicator 1,
#   shock 0.5 on actor 0 / indicator 0 in step 1:
#   actor 0, ind 0: 100 -> 110 -> 110 * 1.1 * 0.5 = 60.5 -> 66.55
#   actor 1, ind 0:  50 ->  55 -> 60.5 -> 66.55; indicator 1 stays 10 and 20.
# --------------------------------------------------------------------------------------------

LEVELS = np.array([[100.0, 10.0], [50.0, 20.0]])


def test_project_constant_growth_and_shock() -> None:
    shocks = np.ones((3, 2, 2))
    shocks[1, 0, 0] = 0.5
    path = project(LEVELS, [0.1, 0.0], shocks=shocks)
    assert path.shape == (4, 2, 2)
    assert_allclose(path[:, 0, 0], [100, 110, 60.5, 66.55], rtol=1e-14)
    assert_allclose(path[:, 1, 0], [50, 55, 60.5, 66.55], rtol=1e-14)
    assert_allclose(path[:, :, 1], [[10, 20]] * 4)


def test_project_per_step_growth() -> None:
    growth = np.array([[[0.1, 0.0]], [[-0.04, 0.5]]])  # (steps, 1, m), broadcast over actors
    path = project(LEVELS, growth)
    assert_allclose(path[-1], [[100 * 1.1 * 0.96, 15.0], [50 * 1.1 * 0.96, 30.0]], rtol=1e-14)


def test_project_steps_zero_and_nan_levels() -> None:
    assert_allclose(project(LEVELS, 0.05, steps=0), LEVELS[np.newaxis])
    path = project([[nan, 1.0]], 0.5, steps=2)
    assert np.isnan(path[:, 0, 0]).all()
    assert_allclose(path[:, 0, 1], [1.0, 1.5, 2.25])


def test_project_batch_equals_loop() -> None:
    rng = np.random.default_rng(20240611)
    levels = rng.uniform(1, 100, size=(5, 4, 6))
    growth = rng.normal(0.02, 0.03, size=(7, 5, 4, 6))
    shocks = rng.uniform(0.8, 1.1, size=(7, 5, 4, 6))
    batched = project(levels, growth, shocks=shocks)
    for b in range(5):
        assert_allclose(batched[:, b], project(levels[b], growth[:, b], shocks=shocks[:, b]))
    # and CINC along the path, in one call, equals CINC step by step
    along = cinc(batched).cinc
    for t in range(8):
        assert_allclose(along[t], cinc(batched[t]).cinc)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"growth": 0.1}, "steps="),
        ({"growth": -1.0, "steps": 2}, "greater than -1"),
        ({"growth": np.zeros((2, 2, 2)), "steps": 3}, "disagrees"),
        ({"growth": 0.0, "shocks": np.ones((2, 2))}, "leading step axis"),
        ({"growth": np.zeros((3, 2, 2)), "shocks": np.ones((2, 2, 2))}, "must agree"),
        ({"growth": 0.0, "shocks": -np.ones((2, 2, 2))}, "non-negative"),
        ({"growth": np.zeros((3, 3)), "steps": 1}, "broadcast"),
        ({"growth": np.zeros((1, 1, 1, 1))}, "at most"),
    ],
)
def test_project_rejects_bad_input(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        project(LEVELS, **kwargs)  # type: ignore[arg-type]


def test_docstring_examples() -> None:
    failures, tried = doctest.testmod(power, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert tried > 0
    assert failures == 0


# --------------------------------------------------------------------------------------------
# Properties
# --------------------------------------------------------------------------------------------

# No subnormal numbers: scaling 5e-324 by 0.5 underflows to 0 and really changes the system
# (a component total of zero carries no information), which no capability data comes near.
_values = st.floats(
    min_value=0.0, max_value=1e9, allow_nan=False, allow_infinity=False, allow_subnormal=False
)


@st.composite
def systems(draw: st.DrawFn, *, batch: bool = False) -> np.ndarray:
    """A (years, states, 6) system (or (states, 6)) of non-negative values, some NaN."""
    n_states = draw(st.integers(1, 7))
    shape = (draw(st.integers(1, 4)), n_states, 6) if batch else (n_states, 6)
    x = draw(hnp.arrays(np.float64, shape, elements=_values))
    missing = draw(hnp.arrays(np.bool_, shape, elements=st.booleans()))
    return np.where(missing & draw(st.booleans()), np.nan, x)


@given(systems(batch=True))
def test_property_shares_of_each_present_component_sum_to_one(x: np.ndarray) -> None:
    result = cinc(x)
    present = ~np.isnan(result.shares)
    sums = np.sum(result.shares, axis=-2, where=present)
    informative = present.any(axis=-2)
    assert_allclose(sums[informative], 1.0, rtol=1e-12)
    assert ((result.cinc >= 0) | np.isnan(result.cinc)).all()
    assert ((result.cinc <= 1 + 1e-12) | np.isnan(result.cinc)).all()


@given(
    systems(),
    st.integers(0, 5),
    st.floats(min_value=1e-6, max_value=1e6, allow_nan=False),
)
def test_property_cinc_invariant_to_component_units(x: np.ndarray, k: int, c: float) -> None:
    scaled = x.copy()
    scaled[:, k] *= c
    assert_allclose(cinc(scaled).cinc, cinc(x).cinc, rtol=1e-9, atol=1e-300)


@given(systems(batch=True), st.randoms(use_true_random=False))
def test_property_permuting_states_permutes_results(x: np.ndarray, random: object) -> None:
    order = np.arange(x.shape[1])
    random.shuffle(order)  # type: ignore[attr-defined]
    base = cinc(x)
    permuted = cinc(x[:, order])
    assert_allclose(permuted.cinc, base.cinc[:, order], rtol=1e-12)
    assert_allclose(permuted.shares, base.shares[:, order], rtol=1e-12)
    assert_array_equal(permuted.n_components, base.n_components[:, order])


@given(systems(batch=True))
def test_property_batch_axis_equals_loop(x: np.ndarray) -> None:
    batched = cinc(x)
    for year in range(x.shape[0]):
        single = cinc(x[year])
        assert_array_equal(batched.cinc[year], single.cinc)
        assert_array_equal(batched.shares[year], single.shares)


@settings(max_examples=50)
@given(
    hnp.arrays(
        np.float64,
        st.tuples(st.integers(1, 6), st.integers(1, 4)),
        # no subnormals: scaling them underflows to zero (see _values above)
        elements=st.floats(0.0, 1e6, allow_nan=False, allow_subnormal=False),
    ),
    st.floats(min_value=1e-3, max_value=1e3, allow_nan=False),
)
def test_property_weighted_index_unit_invariant_and_bounded(x: np.ndarray, c: float) -> None:
    base = weighted_index(x)
    assert ((base.index >= 0) & (base.index <= 100 + 1e-9) | np.isnan(base.index)).all()
    scaled = weighted_index(x * c)
    assert_allclose(scaled.index, base.index, rtol=1e-9, atol=1e-9)
