"""Tests of the forecast scores, the benchmark forecasters and the rolling-origin hindcast."""

from __future__ import annotations

import itertools
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import scoringrules
from hypothesis import given, settings
from hypothesis import strategies as st
from numpy.testing import assert_allclose

from equipoise.experiments.benchmarks import (
    ForecastTask,
    climatological_persistence,
    linear_trend,
    persistence,
)
from equipoise.experiments.hindcast import (
    SCORE_COLUMNS,
    hindcast,
    pit_histogram,
    skill_by_horizon,
    worst_units,
)
from equipoise.experiments.scores import (
    abs_error_of_median,
    brier_score,
    crps_ensemble,
    interval_coverage,
    log_score,
    pit,
    reliability_bins,
    skill,
)

# --------------------------------------------------------------------------------------------
# scores


def test_crps_hand_computed() -> None:
    # point forecast: the absolute error
    assert crps_ensemble(3.0, [1.0]) == pytest.approx(2.0)
    # {0, 1} and y = 0: E|X - y| = 0.5, E|X - X'| = 0.5 -> 0.5 - 0.25
    assert crps_ensemble(0.0, [0.0, 1.0]) == pytest.approx(0.25)
    # {1, 2, 3} and y = 2: E|X-y| = 2/3; E|X-X'| = (0+1+2+1+0+1+2+1+0)/9 = 8/9 -> 2/3 - 4/9
    assert crps_ensemble(2.0, [3.0, 1.0, 2.0]) == pytest.approx(2 / 3 - 4 / 9)
    assert np.isnan(crps_ensemble(np.nan, [1.0, 2.0]))


@settings(max_examples=50, deadline=None)
@given(
    st.lists(st.floats(-1e3, 1e3), min_size=1, max_size=30),
    st.floats(-1e3, 1e3),
)
def test_crps_matches_scoringrules(members: list[float], y: float) -> None:
    expected = scoringrules.crps_ensemble(y, np.array(members), estimator="nrg")
    assert crps_ensemble(y, members) == pytest.approx(float(expected), abs=1e-9, rel=1e-9)


def test_crps_batched_matches_scoringrules() -> None:
    rng = np.random.default_rng(0)
    x = rng.normal(size=(4, 6, 100))
    y = rng.normal(size=(4, 6))
    assert_allclose(
        crps_ensemble(y, x), scoringrules.crps_ensemble(y, x, estimator="nrg"), atol=1e-12
    )


def test_median_error_coverage_and_pit() -> None:
    x = np.arange(1.0, 101.0)  # 1..100
    assert abs_error_of_median(60.0, x) == pytest.approx(9.5)
    assert interval_coverage(50.0, x, level=0.5) == 1.0
    assert interval_coverage(80.0, x, level=0.5) == 0.0  # 75th percentile is 75.25
    assert interval_coverage(95.0, x, level=0.9) == 1.0  # 95th percentile is 95.05
    assert interval_coverage(96.0, x, level=0.9) == 0.0
    assert pit(50.0, x) == pytest.approx(0.495)  # 49 below, one tie
    assert pit(0.0, x) == 0.0
    assert pit(5.0, [5.0]) == 0.5
    with pytest.raises(ValueError, match="level"):
        interval_coverage(1.0, x, level=1.0)


def test_calibrated_forecasts_have_uniform_pit_and_nominal_coverage() -> None:
    rng = np.random.default_rng(5)
    x = rng.normal(size=(4000, 200))
    y = rng.normal(size=4000)
    assert interval_coverage(y, x, level=0.9).mean() == pytest.approx(0.9, abs=0.02)
    assert interval_coverage(y, x, level=0.5).mean() == pytest.approx(0.5, abs=0.03)
    counts, _ = np.histogram(pit(y, x), bins=10, range=(0, 1))
    assert counts.min() > 300


def test_skill() -> None:
    assert_allclose(skill([0.5, 2.0, 1.0], [1.0, 1.0, 0.0]), [0.5, -1.0, np.nan])


def test_brier_log_and_reliability() -> None:
    p = [0.9, 0.8, 0.3, 0.5]
    o = [1, 0, 0, 1]
    assert brier_score(p, o) == pytest.approx((0.01 + 0.64 + 0.09 + 0.25) / 4)
    assert log_score(p, o) == pytest.approx(
        -(np.log(0.9) + np.log(0.2) + np.log(0.7) + np.log(0.5)) / 4
    )
    assert brier_score([0.5] * 3, [0, 1, 1]) == 0.25
    assert log_score([0.5, 0.5], [0, 1]) == pytest.approx(np.log(2))
    assert log_score([1.0], [0]) == pytest.approx(-np.log(1e-6))
    bins = reliability_bins(p, o, n_bins=2)
    assert [b.n for b in bins] == [1, 3]
    assert bins[1].mean_probability == pytest.approx((0.9 + 0.8 + 0.5) / 3)
    assert bins[1].observed_frequency == pytest.approx(2 / 3)
    with pytest.raises(ValueError, match="outcomes"):
        brier_score([0.5], [2])
    with pytest.raises(ValueError, match="probabilities"):
        brier_score([1.5], [1])


# --------------------------------------------------------------------------------------------
# benchmark forecasters


def history(rows: list[tuple[int, str, str, float]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["year", "a", "b", "value"])


def test_persistence_and_climatology_hand_computed() -> None:
    obs = history(
        [
            (2000, "A", "B", 1.0),
            (2001, "A", "B", 1.2),
            (2002, "A", "B", 1.4),
            (2000, "A", "C", 2.0),
            (2001, "A", "C", 2.2),  # A-C last seen in 2001
        ]
    )
    task = ForecastTask("unga_distance", 2002, (1,), (("A", "B"), ("A", "C")), obs, 50)
    rng = np.random.default_rng(0)
    assert_allclose(persistence(task, rng)[:, 0, 0], [1.4, 2.2])
    clim = climatological_persistence(window=5)(task, rng)
    # lag 1 changes: 0.2, 0.2, 0.2 -> A-B 1.6; A-C (lag 2) changes: 0.4 -> 2.6
    assert_allclose(clim[0, 0], 1.6)
    assert_allclose(clim[1, 0], 2.6)
    with pytest.raises(ValueError, match="end by its origin"):
        ForecastTask("unga_distance", 2001, (1,), (("A", "B"),), obs, 5)


def test_linear_trend_exact_line_and_spread() -> None:
    rows = [(y, "USA", "", 0.5 * 0.98 ** (y - 2000)) for y in range(2000, 2011)]
    task = ForecastTask("gdp_share", 2010, (1, 5), (("USA", ""),), history(rows), 20)
    out = linear_trend(window=10)(task, np.random.default_rng(0))
    # shares trend on the log scale: a geometric decline is extrapolated exactly
    assert_allclose(out[0], np.array([[0.5 * 0.98**11], [0.5 * 0.98**15]]) * np.ones((2, 20)))
    noisy = [(y, "USA", "", 0.5 + 0.02 * ((-1) ** y)) for y in range(2000, 2011)]
    task = ForecastTask("gdp_share", 2010, (1, 5), (("USA", ""),), history(noisy), 4000)
    out = linear_trend(window=10)(task, np.random.default_rng(0))
    spread = np.quantile(out[0], 0.95, axis=-1) - np.quantile(out[0], 0.05, axis=-1)
    assert spread[1] > spread[0] > 0  # the interval widens with the horizon


def test_hindcast_uses_only_history_and_scores() -> None:
    rows = [(y, "A", "B", 1.0 + 0.1 * (y - 2000)) for y in range(2000, 2011)]
    obs = history(rows)
    seen: list[int] = []

    def spy(task: ForecastTask, rng: np.random.Generator) -> np.ndarray:
        seen.append(int(task.history["year"].max()))
        return persistence(task, rng)

    table = hindcast(
        obs,
        spy,
        observable="unga_distance",
        units=[("A", "B")],
        origins=[2004, 2008],
        horizons=[1, 2, 5],
    )
    assert seen == [2004, 2008]
    assert list(table.columns) == list(SCORE_COLUMNS)
    assert len(table) == 5  # 2008 + 5 = 2013 is not observed
    assert_allclose(table["crps"], 0.1 * table["horizon"])
    both = skill_by_horizon(
        {"p": table, "half": table.assign(crps=table["crps"] / 2)}, benchmark="p"
    )
    assert_allclose(both.loc[both["forecaster"] == "half", "crps_skill"], 0.5)


@pytest.mark.realdata
def test_real_unga_hindcast_climatology_is_calibrated(shared_data: Path) -> None:
    from equipoise.io.unga import read_unga
    from equipoise.observation import observed_unga_distance

    actors = ["USA", "CHN", "RUS", "JPN", "KOR", "IND", "FRA", "GBR"]
    unga = read_unga(shared_data / "unga_idealpoints_bsv2025_1946_2020.csv")
    obs = observed_unga_distance(unga, actors=actors)
    units = list(itertools.combinations(actors, 2))
    table = hindcast(
        obs,
        climatological_persistence(),
        observable="unga_distance",
        units=units,
        origins=[2005, 2010, 2015],
        horizons=[1, 2, 3],
        n_samples=400,
        seed=2,
    )
    assert len(table) == 3 * 3 * len(units)
    assert 0.75 <= table["cover90"].mean() <= 1.0
    assert table["crps"].mean() < table["ae_median"].mean()


def test_model_forecaster_adds_the_model_change_to_the_anchor() -> None:
    from equipoise.experiments.hindcast import model_forecaster

    units = [("A", "B"), ("A", "C"), ("B", "C"), ("C", "D")]
    x0 = np.array([0.1, 0.4, 0.7, 0.9])
    rows = [
        (year, a, b, 0.5 + 2 * x)
        for (a, b), x in zip(units, x0, strict=True)
        for year in range(2000, 2009)
    ]
    calls: list[int] = []

    def states(task: ForecastTask) -> tuple[np.ndarray, np.ndarray]:
        calls.append(task.origin)
        at_origin = np.tile(x0, (2, 1))  # two identical members
        path = np.stack([at_origin + 0.05 * h for h in task.horizons], axis=1)
        return at_origin, path

    table = hindcast(
        history(rows),
        model_forecaster(states),
        observable="unga_distance",
        units=units,
        origins=[2003],
        horizons=[1, 2],
        n_samples=10,
    )
    assert calls == [2003]
    # the level equation gives b = 2, the history is flat (no noise): the forecast is the
    # last value plus 2 x the model's change 0.05 h
    assert_allclose(table["median"] - table["observed"], 0.1 * table["horizon"])


def test_pit_histogram_and_worst_units() -> None:
    table = pd.DataFrame(
        {
            "horizon": [1, 1, 1, 1, 2],
            "a": ["A", "A", "B", "B", "A"],
            "b": ["X", "X", "Y", "Y", "X"],
            "pit": [0.05, 0.15, 0.95, 1.0, 0.5],
            "crps": [1.0, 3.0, 0.5, 0.5, 2.0],
            "ae_median": [1.0, 3.0, 0.5, 0.5, 2.0],
            "cover90": [1.0, 0.0, 1.0, 1.0, 1.0],
        }
    )
    hist = pit_histogram(table, n_bins=2)
    h1 = hist.loc[hist["horizon"] == 1]
    assert h1["n"].tolist() == [2, 2]
    assert_allclose(h1["frequency"], [0.5, 0.5])
    worst = worst_units(table, n=1)
    assert (worst.loc[0, "a"], worst.loc[0, "b"]) == ("A", "X")
    assert worst.loc[0, "crps"] == pytest.approx(2.0)
    assert worst.loc[0, "n_forecasts"] == 3
