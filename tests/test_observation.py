"""Tests of the observation layer: observables, measurement models and the predictive sampler."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from numpy.testing import assert_allclose

from equipoise.compile import compile_scenario
from equipoise.io.sipri import read_sipri
from equipoise.io.unga import read_unga
from equipoise.observation import (
    fit_measurement,
    historical_changes,
    model_state,
    observed_share,
    observed_unga_distance,
    sample_predictive,
    wide,
)
from equipoise.scenario import load_scenario
from equipoise.simulate import simulate


def frame(rows: list[tuple[int, str, str, float]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["year", "a", "b", "value"])


def test_observed_share_uses_only_actors_with_a_value() -> None:
    table = pd.DataFrame(
        {
            "iso3": ["USA", "CHN", "PRK", "USA", "CHN"],
            "year": [2000, 2000, 2000, 2001, 2001],
            "gdp": [30.0, 10.0, np.nan, 20.0, 20.0],
        }
    )
    out = observed_share(table, column="gdp", actors=["USA", "CHN", "PRK"])
    got = {(int(y), a): v for y, a, v in zip(out["year"], out["a"], out["value"], strict=True)}
    assert got == {(2000, "CHN"): 0.25, (2000, "USA"): 0.75, (2001, "CHN"): 0.5, (2001, "USA"): 0.5}


def test_historical_changes_hand_computed() -> None:
    obs = frame(
        [(2000, "A", "B", 1.0), (2001, "A", "B", 1.5), (2002, "A", "B", 1.0), (2003, "A", "B", 9.0)]
    )
    got = historical_changes(obs, units=[("A", "B")], origin=2002, lag=1, window=5)
    assert_allclose(got, [0.5, -0.5])  # 2003 is after the origin and never used
    got2 = historical_changes(obs, units=[("A", "B")], origin=2002, lag=2, window=5)
    assert_allclose(got2, [0.0])


def test_fit_refuses_data_after_the_origin() -> None:
    obs = frame([(2000, "A", "B", 1.0), (2001, "A", "B", 1.5)])
    with pytest.raises(ValueError, match="after the origin 2000"):
        fit_measurement(
            "unga_distance",
            obs,
            origin=2000,
            units=[("A", "B")],
            model_at_origin=np.array([0.5]),
            max_lag=1,
        )


def test_level_equation_exact_and_deterministic_predictive() -> None:
    # y = 0.5 + 2 x at the origin for three dyads; every dyad rose by 0.1 a year before.
    units = [("A", "B"), ("A", "C"), ("B", "C")]
    x0 = np.array([0.1, 0.4, 0.7])
    rows = []
    for (a, b), x in zip(units, x0, strict=True):
        for k, year in enumerate(range(2000, 2006)):
            rows.append((year, a, b, 0.5 + 2 * x - 0.1 * (5 - k)))
    model = fit_measurement(
        "unga_distance", frame(rows), origin=2005, units=units, model_at_origin=x0, max_lag=2
    )
    assert model.a == pytest.approx(0.5)
    assert model.b == pytest.approx(2.0)
    assert model.r2 == pytest.approx(1.0)
    assert model.drift[1] == pytest.approx(0.1)
    assert model.noise_sd(1) == pytest.approx(0.0, abs=1e-12)
    # Model: dyad A-B moves from x = 0.1 to 0.2 in one year, 0.3 in two; others stay.
    path = np.array([[[0.2, 0.4, 0.7], [0.3, 0.4, 0.7]]])
    draws = sample_predictive(
        model, path, x0[None, :], horizons=[1, 2], rng=np.random.default_rng(0), n_noise=3
    )
    assert draws.shape == (3, 2, 3)
    y_last = 0.5 + 2 * x0
    assert_allclose(draws[:, 0], np.tile(y_last + np.array([0.2, 0, 0]), (3, 1)))
    assert_allclose(draws[:, 1], np.tile(y_last + np.array([0.4, 0, 0]), (3, 1)))


def test_negative_slope_is_not_allowed_for_unga_distance() -> None:
    units = [("A", "B"), ("A", "C"), ("B", "C")]
    x0 = np.array([0.1, 0.4, 0.7])
    rows = [
        (y, a, b, 2.0 - x + 0.01 * (y - 2000))
        for (a, b), x in zip(units, x0, strict=True)
        for y in (2000, 2001)
    ]
    model = fit_measurement(
        "unga_distance", frame(rows), origin=2001, units=units, model_at_origin=x0, max_lag=1
    )
    assert model.b == 0.0


def test_noise_resamples_the_centred_changes() -> None:
    rng = np.random.default_rng(1)
    units = [(f"S{i:02d}", "T") for i in range(30)]
    rows = []
    for a, b in units:
        level = 1.0
        for year in range(1990, 2011):
            rows.append((year, a, b, level))
            level += rng.normal(0.05, 0.2)
    model = fit_measurement(
        "unga_distance",
        frame(rows),
        origin=2010,
        units=units,
        model_at_origin=np.zeros(30),
        max_lag=1,
    )
    pool = model.changes[1]
    assert pool.mean() == pytest.approx(0.0, abs=1e-12)
    draws = sample_predictive(
        model, np.zeros((200, 1, 30)), np.zeros((200, 30)), horizons=[1], rng=rng
    )
    resid = draws[:, 0, :] - model.y_last
    assert set(np.round(resid[draws[:, 0, :] > 0], 12)) <= set(np.round(pool, 12))
    assert resid.std() == pytest.approx(pool.std(), rel=0.1)


def test_shares_are_multiplicative_and_clipped() -> None:
    units = [("USA", ""), ("CHN", "")]
    rows = [(y, "USA", "", 0.6) for y in (2000, 2001)] + [(y, "CHN", "", 0.4) for y in (2000, 2001)]
    x0 = np.array([0.6, 0.4])
    model = fit_measurement(
        "gdp_share", frame(rows), origin=2001, units=units, model_at_origin=x0, max_lag=1
    )
    assert model.b == 1.0  # two units: the slope is not identified; the model's own scale
    draws = sample_predictive(
        model, np.array([[[0.3, 0.8]]]), x0[None, :], horizons=[1], rng=np.random.default_rng(0)
    )
    assert_allclose(draws[0, 0], [0.3, 0.8])  # 0.6 * 0.3/0.6 and 0.4 * 0.8/0.4


def test_model_state_of_the_default_scenario() -> None:
    compiled = compile_scenario(load_scenario("indo-pacific-2021"))
    traj = simulate(compiled, n_members=2, rng=3)
    x = model_state(traj, "unga_distance", units=[("USA", "CHN"), ("JPN", "USA")])
    i, j, k = (traj.actors.index(c) for c in ("USA", "CHN", "JPN"))
    assert_allclose(x[:, :, 0], (1 - traj.relations[:, :, i, j]) / 2)
    assert_allclose(x[:, :, 1], (1 - traj.relations[:, :, k, i]) / 2)
    share = model_state(traj, "gdp_share", units=[("USA", ""), ("CHN", ""), ("PRK", "")])
    assert np.isnan(share[..., 2]).all()  # no GDP for North Korea: missing, not zero
    assert_allclose(share[..., :2].sum(axis=-1), 1.0)
    dep = model_state(traj, "trade_dependence", units=[("RUS", "CHN")])
    assert_allclose(dep[..., 0], traj.dependence[:, :, traj.actors.index("RUS"), j])
    with pytest.raises(ValueError, match="not in the trajectory"):
        model_state(traj, "gdp_share", units=[("BRA", "")])


@pytest.mark.realdata
def test_real_unga_distance_and_milex_share(shared_data: Path) -> None:
    unga = read_unga(shared_data / "unga_idealpoints_bsv2025_1946_2020.csv")
    obs = observed_unga_distance(unga, actors=["USA", "CHN", "RUS"], years=[2019, 2020])
    assert len(obs) == 6
    usa_chn = obs.loc[(obs["a"] == "USA") & (obs["b"] == "CHN") & (obs["year"] == 2020), "value"]
    u = unga.set_index(["iso3", "year"])["idealpointfp"]
    assert usa_chn.item() == pytest.approx(abs(u["USA", 2020] - u["CHN", 2020]))
    sipri = read_sipri(shared_data / "milex_sipri_1990_2020.csv")
    share = observed_share(sipri, column="milex_current_usd_m", actors=["USA", "CHN", "PRK"])
    w = wide(share, units=[("USA", ""), ("CHN", ""), ("PRK", "")], years=[2020])
    assert np.isnan(w[0, 2])
    assert w[0, 0] + w[0, 1] == pytest.approx(1.0)
