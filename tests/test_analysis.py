"""Tests of equipoise.experiments.analysis in three tiers.

(a) Analytical and published values with stated tolerances: Sobol' indices and Morris
    measures of the Ishigami function, the Wilson interval against Newcombe (1998), PRIM and
    CART on a synthetic case with a known box.
(b) Seeded regression pins with a tight rtol.
(c) Properties (Hypothesis).
"""

from __future__ import annotations

import math
import warnings
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from SALib.sample import sobol as salib_sobol_sample
from SALib.test_functions import Ishigami
from scipy import stats

from equipoise.experiments import sampling
from equipoise.experiments.analysis import (
    as_generator,
    cart_boxes,
    morris_design,
    morris_indices,
    paired_difference,
    prim_boxes,
    problem_from_uncertainties,
    rank_drivers,
    sobol_design,
    sobol_indices,
    summarise,
    to_values,
    verdict,
    wilson_interval,
)
from equipoise.scenario.schema import Uncertainty

# --------------------------------------------------------------------------------------------
# helpers


def uniform(name: str, low: float, high: float) -> Uncertainty:
    return Uncertainty(
        name=name, target="parameters.balance_rate", distribution="uniform", low=low, high=high
    )


def ishigami_problem() -> dict[str, Any]:
    return problem_from_uncertainties([uniform(f"x{i}", -math.pi, math.pi) for i in (1, 2, 3)])


def by_name(df: pd.DataFrame, column: str) -> dict[str, float]:
    """A column of an indices table as {factor name: value}."""
    values = df[column].to_numpy(dtype=np.float64)
    return {str(k): float(v) for k, v in zip(df["name"], values, strict=True)}


def cell(df: pd.DataFrame, row: int, column: str) -> float:
    """One value of a summary table, by row position."""
    return float(df[column].to_numpy(dtype=np.float64)[row])


# Ishigami & Homma (1990), a = 7, b = 0.1: the variances of the ANOVA decomposition
# (e.g. Saltelli et al. 2008, The Primer, §4.7; Sobol' & Levitan 1999).
A_ISH, B_ISH = 7.0, 0.1
V1 = 0.5 * (1 + B_ISH * math.pi**4 / 5) ** 2
V2 = A_ISH**2 / 8
V13 = B_ISH**2 * math.pi**8 * (1 / 18 - 1 / 50)
V = A_ISH**2 / 8 + B_ISH * math.pi**4 / 5 + B_ISH**2 * math.pi**8 / 18 + 0.5
S1_TRUE = {"x1": V1 / V, "x2": V2 / V, "x3": 0.0}
ST_TRUE = {"x1": (V1 + V13) / V, "x2": V2 / V, "x3": V13 / V}


def test_ishigami_analytical_values_are_the_published_ones() -> None:
    assert [round(S1_TRUE[k], 4) for k in ("x1", "x2", "x3")] == [0.3139, 0.4424, 0.0]
    assert [round(ST_TRUE[k], 4) for k in ("x1", "x2", "x3")] == [0.5576, 0.4424, 0.2437]


# --------------------------------------------------------------------------------------------
# problem and designs


def test_problem_from_uncertainties_follows_salib_conventions() -> None:
    us = [
        uniform("u", 1.0, 3.0),
        Uncertainty(name="n", target="parameters.a", distribution="normal", mean=2.0, sd=0.5),
        Uncertainty(
            name="t", target="parameters.b", distribution="triangular", low=0, mode=1, high=4
        ),
        Uncertainty(
            name="c",
            target="parameters.c",
            distribution="choice",
            choices=(10.0, 20.0, 30.0),
            weights=(1.0, 1.0, 2.0),
        ),
    ]
    p = problem_from_uncertainties(us)
    assert p["num_vars"] == 4
    assert p["names"] == ["u", "n", "t", "c"]
    assert p["dists"] == ["unif", "norm", "triang", "unif"]
    assert p["bounds"] == [[1.0, 3.0], [2.0, 0.5], [0.0, 4.0, 0.25], [0.0, 3.0]]
    assert p["choices"] == {"c": {"values": [10.0, 20.0, 30.0], "weights": [0.25, 0.25, 0.5]}}


def test_problem_rejects_duplicates_and_empty() -> None:
    with pytest.raises(ValueError, match="unique"):
        problem_from_uncertainties([uniform("a", 0, 1), uniform("a", 0, 2)])
    with pytest.raises(ValueError, match="at least one"):
        problem_from_uncertainties([])


def test_sobol_design_shape_and_range() -> None:
    p = ishigami_problem()
    x = sobol_design(p, 64, rng=1)
    assert x.shape == (64 * (3 + 2), 3)
    assert x.min() >= 0.0 and x.max() < 1.0
    assert sobol_design(p, 64, calc_second_order=True, rng=1).shape == (64 * (2 * 3 + 2), 3)
    np.testing.assert_array_equal(x, sobol_design(p, 64, rng=1))
    with pytest.raises(ValueError, match="power of 2"):
        sobol_design(p, 100, rng=1)


def test_to_values_equals_salib_scaling_where_salib_accepts_the_distribution() -> None:
    """SALib's samplers apply the distributions themselves (``scale_samples``): same values."""
    us = [
        uniform("u", -2.0, 5.0),
        Uncertainty(name="n", target="parameters.a", distribution="normal", mean=3.0, sd=2.0),
        Uncertainty(
            name="t", target="parameters.b", distribution="triangular", low=1, mode=2, high=5
        ),
    ]
    p = problem_from_uncertainties(us)
    ours = to_values(p, sobol_design(p, 128, rng=42))
    salib_problem = {k: p[k] for k in ("num_vars", "names", "bounds", "dists")}
    theirs = salib_sobol_sample.sample(
        salib_problem, 128, calc_second_order=False, seed=np.random.default_rng(42)
    )
    np.testing.assert_allclose(ours, theirs, rtol=1e-12, atol=1e-12)


def test_to_values_handles_what_salib_rejects() -> None:
    """Triangular with a negative range or a mode at the upper limit: SALib raises."""
    us = [
        Uncertainty(
            name="neg", target="parameters.a", distribution="triangular", low=-3, mode=-2, high=-1
        ),
        Uncertainty(
            name="top", target="parameters.b", distribution="triangular", low=0, mode=2, high=2
        ),
    ]
    p = problem_from_uncertainties(us)
    salib_problem = {k: p[k] for k in ("num_vars", "names", "bounds", "dists")}
    with pytest.raises(ValueError, match="Triangular"):
        salib_sobol_sample.sample(salib_problem, 8, calc_second_order=False, seed=1)
    v = to_values(p, [[0.0, 0.0], [0.5, 0.75], [1.0, 1.0]])
    np.testing.assert_allclose(v[:, 0], [-3.0, -2.0, -1.0])
    np.testing.assert_allclose(v[:, 1], [0.0, math.sqrt(0.75) * 2, 2.0])


def test_to_values_choice_by_index_and_weights() -> None:
    equal = Uncertainty(
        name="e", target="parameters.a", distribution="choice", choices=(5.0, 7.0, 9.0)
    )
    weighted = Uncertainty(
        name="w",
        target="parameters.b",
        distribution="choice",
        choices=(1.0, 2.0),
        weights=(3.0, 1.0),
    )
    p = problem_from_uncertainties([equal, weighted])
    u = as_generator(3).random((40_000, 2))
    v = to_values(p, u)
    # equal weights: the floor of k u, SALib's index on [0, k)
    np.testing.assert_array_equal(
        v[:, 0], np.array([5.0, 7.0, 9.0])[np.floor(3 * u[:, 0]).astype(int)]
    )
    assert np.mean(v[:, 1] == 1.0) == pytest.approx(0.75, abs=0.01)


def test_sampled_designs_use_the_same_mapping() -> None:
    """sampling.sample maps its unit numbers through this module's to_values."""
    us = [
        uniform("u", 0.0, 10.0),
        Uncertainty(name="n", target="parameters.a", distribution="normal", mean=1.0, sd=0.2),
        Uncertainty(
            name="t", target="parameters.b", distribution="triangular", low=0, mode=0.2, high=1
        ),
        Uncertainty(
            name="c",
            target="parameters.c",
            distribution="choice",
            choices=(1.0, 4.0, 2.0),
            weights=(0.2, 0.5, 0.3),
        ),
    ]
    design = sampling.sample(us, 500, method="mc", seed=9)
    u = sampling.unit_sample(len(us), 500, method="mc", seed=9)
    np.testing.assert_array_equal(design.values, to_values(problem_from_uncertainties(us), u))


def test_to_values_rejects_bad_designs() -> None:
    p = ishigami_problem()
    with pytest.raises(ValueError, match="shape"):
        to_values(p, np.zeros((4, 2)))
    with pytest.raises(ValueError, match=r"\[0, 1\]"):
        to_values(p, np.full((2, 3), 1.5))
    with pytest.raises(ValueError, match=r"\[0, 1\]"):
        to_values(p, np.full((2, 3), np.nan))


def test_morris_design_grid_and_normal_tails() -> None:
    us = [
        uniform("u", 0.0, 1.0),
        Uncertainty(name="n", target="parameters.a", distribution="normal", mean=0.0, sd=1.0),
    ]
    p = problem_from_uncertainties(us)
    x = morris_design(p, 20, rng=2)
    assert x.shape == (20 * 3, 2)
    np.testing.assert_allclose(np.unique(x[:, 0]), [0, 1 / 3, 2 / 3, 1])
    v = to_values(p, x)
    assert np.isfinite(v).all()
    # the normal factor's grid spans its 1 % and 99 % quantiles
    np.testing.assert_allclose([v[:, 1].min(), v[:, 1].max()], [-2.3263, 2.3263], atol=1e-4)
    with pytest.raises(ValueError, match="even"):
        morris_design(p, 20, num_levels=5, rng=2)


# --------------------------------------------------------------------------------------------
# Sobol' and Morris on the Ishigami function


N_SOBOL = 2048
SOBOL_TOL = 0.05


def test_sobol_indices_of_ishigami_match_analytical_values() -> None:
    """N = 2048 (10,240 runs): each S1 and ST within 0.05 of its analytical value."""
    p = ishigami_problem()
    x = to_values(p, sobol_design(p, N_SOBOL, rng=20240611))
    df = sobol_indices(p, Ishigami.evaluate(x, A=A_ISH, B=B_ISH), rng=7)
    s1, st_, s1c, stc = (by_name(df, c) for c in ("S1", "ST", "S1_conf", "ST_conf"))
    for name in ("x1", "x2", "x3"):
        assert s1[name] == pytest.approx(S1_TRUE[name], abs=SOBOL_TOL)
        assert st_[name] == pytest.approx(ST_TRUE[name], abs=SOBOL_TOL)
        assert 0.0 < s1c[name] < 0.1
        assert 0.0 < stc[name] < 0.1
    assert df.attrs["n_base"] == N_SOBOL
    assert df.attrs["note"] == ""


def test_sobol_second_order_of_ishigami() -> None:
    """S13 = V13 / V = 0.2437; S12 = S23 = 0 (within 0.05 at N = 2048)."""
    p = ishigami_problem()
    x = to_values(p, sobol_design(p, N_SOBOL, calc_second_order=True, rng=20240611))
    df = sobol_indices(p, Ishigami.evaluate(x), calc_second_order=True, rng=7)
    s2 = np.asarray(df.attrs["S2"])
    assert s2[0, 2] == pytest.approx(V13 / V, abs=SOBOL_TOL)
    assert s2[0, 1] == pytest.approx(0.0, abs=SOBOL_TOL)
    assert s2[1, 2] == pytest.approx(0.0, abs=SOBOL_TOL)
    assert np.isnan(s2[1, 0])


def test_rank_drivers_of_ishigami() -> None:
    p = ishigami_problem()
    x = to_values(p, sobol_design(p, 1024, rng=1))
    df = sobol_indices(p, Ishigami.evaluate(x), rng=2)
    assert rank_drivers(df) == ["x1", "x2", "x3"]
    assert rank_drivers(df, by="S1") == ["x2", "x1", "x3"]
    assert list(df["rank"]) == [1, 2, 3]
    with pytest.raises(KeyError):
        rank_drivers(df, by="nope")


def test_morris_on_ishigami_matches_analytical_values() -> None:
    r"""Morris (p = 4, r = 1000) against the exact expectations on the grid.

    On the grid {-pi, -pi/3, pi/3, pi} each step is Delta = 2/3 of the range, and the other
    factors are uniform over the four levels, so (derived here):
    mu*_1 = 1.5 sin(pi/3) E[1 + b x3^4] = 7.70, mu*_2 = 1.5 a sin^2(pi/3) = 7.875 exactly,
    mu*_3 = 1.5 b E|sin x1| (pi^4 - pi^4/81) = 6.25. Tolerance 0.75 (about 4 standard errors).
    So Morris ranks x1 and x2 together at the top (their order is too close to assert at
    p = 4: 7.70 vs 7.875) and x3 below them but clearly above 0, with signed effects that
    cancel (|mu_3| << mu*_3) and the largest sigma: the x1-x3 interaction.
    """
    p = ishigami_problem()
    x = morris_design(p, 1000, rng=5)
    df = morris_indices(p, x, Ishigami.evaluate(to_values(p, x)), rng=6)
    mu_star, mu, sigma = by_name(df, "mu_star"), by_name(df, "mu"), by_name(df, "sigma")
    e_x3_4 = (math.pi**4 + (math.pi / 3) ** 4) / 2
    mu1 = 1.5 * math.sin(math.pi / 3) * (1 + B_ISH * e_x3_4)
    mu2 = 1.5 * A_ISH * math.sin(math.pi / 3) ** 2
    mu3 = 1.5 * B_ISH * (math.sin(math.pi / 3) / 2) * (math.pi**4 - (math.pi / 3) ** 4)
    assert mu_star["x1"] == pytest.approx(mu1, abs=0.75)
    assert mu_star["x2"] == pytest.approx(mu2, rel=1e-12)
    assert mu_star["x3"] == pytest.approx(mu3, abs=0.75)
    assert min(mu_star["x1"], mu_star["x2"]) > mu_star["x3"] > 5
    assert abs(mu["x3"]) < 0.25 * mu_star["x3"]
    assert max(sigma, key=sigma.__getitem__) == "x3"


def test_constant_output_gives_zero_indices_with_a_note() -> None:
    p = ishigami_problem()
    y = np.full(64 * 5, 3.25)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        df = sobol_indices(p, y, rng=1)
        x = morris_design(p, 10, rng=1)
        dm = morris_indices(p, x, np.full(len(x), -1.0), rng=1)
    assert (df[["S1", "S1_conf", "ST", "ST_conf"]].to_numpy() == 0.0).all()
    assert "constant" in df.attrs["note"]
    assert (dm[["mu", "mu_star", "mu_star_conf", "sigma"]].to_numpy() == 0.0).all()
    assert "constant" in dm.attrs["note"]


def test_sobol_indices_rejects_bad_outputs() -> None:
    p = ishigami_problem()
    with pytest.raises(ValueError, match="multiple of 5"):
        sobol_indices(p, np.ones(12), rng=1)
    y = np.arange(64 * 5, dtype=float)
    y[3] = np.nan
    with pytest.raises(ValueError, match="finite"):
        sobol_indices(p, y, rng=1)


# (b) seeded regression pins: SALib 1.6.0, scipy 1.17.1, numpy 2.4.6
PIN_SOBOL = [
    [0.3126929404544833, 0.06580820237635683, 0.568791119497316, 0.09561749116752592],
    [0.44174508206686014, 0.05023170641086465, 0.44337165425339214, 0.04395983148375756],
    [0.0025094159295574324, 0.06464378166785394, 0.2481584288630752, 0.0272152138833081],
]
PIN_MORRIS = [
    [8.203957799859756, 8.203957799859756, 1.735771506805901, 6.292005702370412],
    [1.5749999999999997, 7.874999999999999, 2.0622417292941622e-15, 7.7942286340599445],
    [0.4999036882666492, 6.498747947466444, 1.7005276226202475, 9.089621689204641],
]


def test_sobol_seeded_regression() -> None:
    p = ishigami_problem()
    x = to_values(p, sobol_design(p, 1024, rng=11))
    df = sobol_indices(p, Ishigami.evaluate(x), rng=12)
    got = df[["S1", "S1_conf", "ST", "ST_conf"]].to_numpy()
    np.testing.assert_allclose(got, PIN_SOBOL, rtol=1e-9)


def test_morris_seeded_regression() -> None:
    p = ishigami_problem()
    x = morris_design(p, 50, rng=5)
    df = morris_indices(p, x, Ishigami.evaluate(to_values(p, x)), rng=6)
    assert list(df["name"]) == ["x1", "x2", "x3"]
    got = df[["mu", "mu_star", "mu_star_conf", "sigma"]].to_numpy()
    np.testing.assert_allclose(got, PIN_MORRIS, rtol=1e-9, atol=1e-12)


# --------------------------------------------------------------------------------------------
# Wilson interval and verdicts


# Newcombe, R. G. (1998). Two-sided confidence intervals for the single proportion:
# comparison of seven methods. Statistics in Medicine 17(8), 857-872, Table I, method 3
# (Wilson score interval without continuity correction), 95 %.
NEWCOMBE_TABLE_I = [
    (81, 263, 0.2553, 0.3662),
    (15, 148, 0.0624, 0.1605),
    (0, 20, 0.0000, 0.1611),
    (1, 29, 0.0061, 0.1718),
]


@pytest.mark.parametrize(("k", "n", "low", "high"), NEWCOMBE_TABLE_I)
def test_wilson_interval_matches_newcombe_1998(k: int, n: int, low: float, high: float) -> None:
    lo, hi = wilson_interval(k, n)
    assert float(lo) == pytest.approx(low, abs=5e-5)
    assert float(hi) == pytest.approx(high, abs=5e-5)


def test_wilson_interval_is_vectorised_and_handles_zero_trials() -> None:
    k = np.array([[81, 15], [0, 1]])
    n = np.array([[263, 148], [20, 29]])
    lo, hi = wilson_interval(k, n)
    assert lo.shape == hi.shape == (2, 2)
    np.testing.assert_allclose(lo, [[0.2553, 0.0624], [0.0, 0.0061]], atol=5e-5)
    lo0, hi0 = wilson_interval([3, 0], [5, 0])
    assert np.isnan(lo0[1]) and np.isnan(hi0[1]) and not np.isnan(lo0[0])
    for bad_k, bad_n in ((5, 4), (-1, 4), (1.5, 4)):
        with pytest.raises(ValueError, match="counts"):
            wilson_interval(bad_k, bad_n)


def test_verdict_rule() -> None:
    assert verdict((0.66, 0.9)) == "supported"
    assert verdict((0.659, 0.9)) == "undecided"
    assert verdict((0.1, 0.33)) == "contradicted"
    assert verdict((0.1, 0.331)) == "undecided"
    assert verdict((0.45, 0.55)) == "undecided"
    assert verdict((math.nan, math.nan)) == "undecided"
    assert verdict((0.55, 0.7), support=0.5) == "supported"
    # the interval, not the point estimate, decides: 5 of 5 is not enough, 10 of 10 is
    lo5, hi5 = wilson_interval(5, 5)
    lo10, hi10 = wilson_interval(10, 10)
    assert verdict((float(lo5), float(hi5))) == "undecided"
    assert verdict((float(lo10), float(hi10))) == "supported"
    with pytest.raises(ValueError, match="thresholds"):
        verdict((0.2, 0.3), support=0.4, contradict=0.5)
    with pytest.raises(ValueError, match="interval"):
        verdict((0.6, 0.5))


@given(
    n=st.integers(min_value=1, max_value=10**6),
    frac=st.floats(min_value=0.0, max_value=1.0),
    alpha=st.sampled_from([0.01, 0.05, 0.1, 0.32]),
)
def test_wilson_interval_properties(n: int, frac: float, alpha: float) -> None:
    k = round(frac * n)
    lo, hi = wilson_interval(k, n, alpha=alpha)
    p = k / n
    assert 0.0 <= float(lo) <= p <= float(hi) <= 1.0


# --------------------------------------------------------------------------------------------
# summaries and paired differences


def test_summarise_values_and_intervals() -> None:
    rng = as_generator(4)
    v = rng.normal(size=(50, 3, 2))
    df = summarise(v, dims=["year", "actor"])
    assert df.index.names == ["year", "actor"]
    assert len(df) == 6
    values = v[:, 1, 0]
    row = 2  # (year 1, actor 0) in C order
    assert df.index[row] == (1, 0)
    assert cell(df, row, "n") == 50
    assert cell(df, row, "mean") == pytest.approx(values.mean())
    assert cell(df, row, "sd") == pytest.approx(values.std(ddof=1))
    low, high = stats.t.interval(0.95, 49, loc=values.mean(), scale=stats.sem(values))
    assert (cell(df, row, "mean_low"), cell(df, row, "mean_high")) == pytest.approx((low, high))
    assert cell(df, row, "q0.05") == pytest.approx(np.quantile(values, 0.05))


def test_summarise_missing_values_and_small_cells() -> None:
    v = np.array([[1.0, np.nan, np.nan], [3.0, 2.0, np.nan]])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        df = summarise(v)
    assert list(df["n"]) == [2, 1, 0]
    assert cell(df, 0, "mean") == 2.0
    assert cell(df, 1, "mean") == 2.0 and math.isnan(cell(df, 1, "sd"))
    assert cell(df, 1, "q0.5") == 2.0
    assert df.iloc[2].drop("n").isna().all()
    one = summarise(np.array([1.0, 2.0, 3.0]))
    assert len(one) == 1 and cell(one, 0, "mean") == 2.0
    with pytest.raises(ValueError, match="quantiles"):
        summarise(v, quantiles=(0.5, 0.1))


@given(
    hnp.arrays(
        np.float64,
        hnp.array_shapes(min_dims=1, max_dims=3, min_side=1, max_side=6),
        elements=st.floats(-1e6, 1e6, allow_nan=False),
    )
)
def test_summarise_quantiles_are_ordered(values: np.ndarray) -> None:
    df = summarise(values, quantiles=(0.05, 0.25, 0.5, 0.75, 0.95))
    q = df[["q0.05", "q0.25", "q0.5", "q0.75", "q0.95"]].to_numpy()
    assert (np.diff(q, axis=1) >= 0).all()
    assert (df["mean_low"].dropna() <= df["mean_high"].dropna()).all()


def test_paired_difference_against_scipy() -> None:
    rng = as_generator(8)
    base = rng.normal(size=40)
    interv = base + 0.3 + rng.normal(scale=0.5, size=40)
    r = paired_difference(base, interv)
    ci = stats.ttest_rel(interv, base).confidence_interval(0.95)
    assert float(r.mean) == pytest.approx(np.mean(interv - base))
    assert (float(r.low), float(r.high)) == pytest.approx((ci.low, ci.high))
    k = int(np.sum(interv > base))
    assert float(r.share_positive) == k / 40
    lo, hi = wilson_interval(k, 40)
    assert (float(r.share_positive_low), float(r.share_positive_high)) == (float(lo), float(hi))
    assert float(r.share_negative) == 1 - k / 40


def test_paired_difference_per_cell_with_missing_pairs() -> None:
    base = np.array([[1.0, 1.0], [2.0, np.nan], [3.0, 1.0]])
    interv = np.array([[2.0, 0.0], [2.0, 5.0], [5.0, 0.0]])
    r = paired_difference(base, interv)
    assert r.n.tolist() == [3, 2]
    np.testing.assert_allclose(r.mean, [1.0, -1.0])
    np.testing.assert_allclose(r.share_positive, [2 / 3, 0.0])
    np.testing.assert_allclose(r.share_negative, [0.0, 1.0])


@settings(max_examples=50)
@given(
    hnp.arrays(
        np.float64,
        hnp.array_shapes(min_dims=1, max_dims=3, min_side=2, max_side=6),
        elements=st.floats(-1e9, 1e9, allow_nan=False),
    )
)
def test_paired_difference_of_identical_arrays_is_exactly_zero(values: np.ndarray) -> None:
    r = paired_difference(values, values.copy())
    assert (r.mean == 0.0).all() and (r.sd == 0.0).all()
    assert (r.low == 0.0).all() and (r.high == 0.0).all()
    assert (r.share_positive == 0.0).all() and (r.share_negative == 0.0).all()


# --------------------------------------------------------------------------------------------
# scenario discovery


def known_box(n: int, *, noise: float = 0.0, seed: int = 5) -> tuple[pd.DataFrame, np.ndarray]:
    """Uniform X in [0, 1]^3; y = (x0 < 0.3) & (x1 > 0.6), a share ``noise`` of labels flipped."""
    rng = as_generator(seed)
    x = pd.DataFrame(rng.random((n, 3)), columns=["x0", "x1", "x2"])
    y = ((x["x0"] < 0.3) & (x["x1"] > 0.6)).to_numpy()
    flip = rng.random(n) < noise
    return x, np.where(flip, ~y, y)


def test_prim_finds_the_known_box() -> None:
    """2,000 points, threshold 0.8: x0 <= 0.3 within 0.03, x1 >= 0.6 within 0.05, x2 free;
    coverage and density at least 0.9."""
    x, y = known_box(2000)
    r = prim_boxes(x, y, threshold=0.8)
    assert r.found
    assert set(r.box.restricted) == {"x0", "x1"}
    x0_low, x0_high = r.box.limits["x0"]
    x1_low, x1_high = r.box.limits["x1"]
    assert x0_low == -math.inf and x0_high == pytest.approx(0.3, abs=0.03)
    assert x1_high == math.inf and x1_low == pytest.approx(0.6, abs=0.05)
    assert r.box.coverage >= 0.9 and r.box.density >= 0.9
    # the reported statistics are those of the points inside the reported limits
    inside = r.box.contains(x)
    assert r.box.n == inside.sum() and r.box.n_interest == (inside & y).sum()
    assert r.box.coverage == (inside & y).sum() / y.sum()
    traj = r.trajectory
    assert traj.loc[0, "coverage"] == 1.0 and traj.loc[0, "res_dim"] == 0
    assert traj.loc[r.chosen, "density"] == r.box.density


def test_prim_selection_rules_on_noisy_data() -> None:
    """With 10 % of labels flipped, the last box of the trajectory over-fits; the default
    choice (widest box reaching the density threshold) keeps to the two true inputs."""
    x, y = known_box(4000, noise=0.1)
    r = prim_boxes(x, y, threshold=0.8)
    assert r.found and set(r.box.restricted) == {"x0", "x1"}
    last = prim_boxes(x, y, threshold=0.8, select="last")
    assert last.chosen == len(last.steps) - 1
    assert last.box.coverage <= r.box.coverage


def test_prim_degenerate_outcomes() -> None:
    x, y = known_box(200)
    every = prim_boxes(x, np.ones(200, dtype=bool))
    assert every.found and every.box.limits == {} and every.box.coverage == 1.0
    with pytest.raises(ValueError, match="no case of interest"):
        prim_boxes(x, np.zeros(200, dtype=bool))
    with pytest.raises(ValueError, match="boolean"):
        prim_boxes(x, y.astype(int))
    unreachable = prim_boxes(x, y, threshold=1.0, mass_min=0.5)
    assert not unreachable.found and "no box reaches" in unreachable.note


def test_prim_keeps_a_column_named_scenario() -> None:
    """The EMA Workbench drops a column called "scenario"; equipoise renames columns first."""
    x, y = known_box(1000)
    x = x.rename(columns={"x0": "scenario"})
    r = prim_boxes(x, y)
    assert "scenario" in r.box.restricted


def test_cart_recovers_the_known_box() -> None:
    """The same data: one leaf predicts the outcome, x0 <= 0.3 and x1 > 0.6 within 0.01,
    x2 free, coverage and density at least 0.99 (Gini splits need not fall exactly on the
    true limits)."""
    x, y = known_box(2000)
    r = cart_boxes(x, y, max_depth=3, rng=1)
    assert len(r.boxes) == 1
    box = r.boxes[0]
    assert set(box.restricted) == {"x0", "x1"}
    assert box.limits["x0"][0] == -math.inf and box.limits["x0"][1] == pytest.approx(0.3, abs=0.01)
    assert box.limits["x1"][1] == math.inf and box.limits["x1"][0] == pytest.approx(0.6, abs=0.01)
    assert box.coverage >= 0.99 and box.density >= 0.99 and r.coverage == box.coverage
    inside = box.contains(x)
    assert box.n == inside.sum() and box.n_interest == (inside & y).sum()
    again = cart_boxes(x, y, max_depth=3, rng=1)
    assert again.boxes == r.boxes and again.seed == r.seed


def test_cart_degenerate_outcomes() -> None:
    x, _ = known_box(100)
    every = cart_boxes(x, np.ones(100, dtype=bool), rng=1)
    assert len(every.boxes) == 1 and every.boxes[0].limits == {}
    with pytest.raises(ValueError, match="no case of interest"):
        cart_boxes(x, np.zeros(100, dtype=bool), rng=1)


# --------------------------------------------------------------------------------------------
# randomness


def test_as_generator() -> None:
    g = np.random.default_rng(1)
    assert as_generator(g) is g
    assert as_generator(np.random.SeedSequence(3)).random() == np.random.default_rng(3).random()
    bad: Any
    for bad in (1.5, True, np.random.RandomState(1)):
        with pytest.raises(TypeError):
            as_generator(bad)
