"""Forecasts and hindcasts as plans (issue 13, items 3 and 4): numbers, shapes, executors."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from numpy.testing import assert_allclose
from typer.testing import CliRunner

from equipoise.cli import app
from equipoise.errors import EquipoiseError, InputError
from equipoise.experiments.benchmarks import persistence
from equipoise.experiments.hindcast import score_origin, skill_by_horizon
from equipoise.experiments.plans import Execution, ForecastPlan, HindcastPlan, run_plan
from equipoise.experiments.plans._base import RunInfo
from equipoise.experiments.plans.forecast import (
    QUANTILES,
    forecast_observable,
    parse_years,
    units_for,
)
from equipoise.experiments.plans.hindcast import summarise_scores
from equipoise.scenario import load_scenario

runner = CliRunner()
OBSERVED = Path(__file__).parent / "data" / "observed"


def frame(rows: list[tuple[int, str, str, float]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["year", "a", "b", "value"])


# --------------------------------------------------------------------------------------------
# hindcast scores by hand


def test_score_origin_persistence_hand_computed() -> None:
    observed = frame(
        [
            (2000, "A", "B", 1.0), (2001, "A", "B", 1.5), (2002, "A", "B", 0.5),
            (2000, "A", "C", 2.0), (2001, "A", "C", 2.0),
        ]
    )  # fmt: skip
    table = score_origin(
        observed,
        persistence,
        observable="unga_distance",
        units=[("A", "B"), ("A", "C")],
        origin=2000,
        horizons=(1, 2),
        n_samples=10,
        rng=np.random.default_rng(0),
    )
    # A-B: last 1.0; outcomes 1.5 (h=1), 0.5 (h=2); A-C: 2.0 (h=1), none at h=2
    got = {(r.a, r.b, r.horizon): r for r in table.itertuples()}
    assert set(got) == {("A", "B", 1), ("A", "B", 2), ("A", "C", 1)}
    assert got[("A", "B", 1)].crps == pytest.approx(0.5)  # a point forecast: |error|
    assert got[("A", "B", 2)].crps == pytest.approx(0.5)
    assert got[("A", "C", 1)].crps == pytest.approx(0.0)
    assert got[("A", "B", 1)].cover90 == 0.0 and got[("A", "C", 1)].cover90 == 1.0
    assert got[("A", "B", 1)].pit == 1.0 and got[("A", "B", 2)].pit == 0.0
    assert got[("A", "C", 1)].pit == 0.5


def test_score_origin_ensemble_crps_by_hand() -> None:
    observed = frame([(2000, "A", "", 0.0), (2001, "A", "", 0.0)])

    def fixed(task: object, rng: np.random.Generator) -> np.ndarray:
        return np.array([[[-1.0, 1.0]]])  # E|X-y| = 1, E|X-X'|/2 = 0.5

    table = score_origin(
        observed, fixed, observable="gdp_share", units=[("A", "")], origin=2000,
        horizons=(1,), n_samples=2, rng=np.random.default_rng(0),
    )  # fmt: skip
    assert table["crps"].iloc[0] == pytest.approx(0.5)
    assert table["ae_median"].iloc[0] == pytest.approx(0.0)
    assert table["cover50"].iloc[0] == 1.0


def test_skill_by_horizon_hand_computed() -> None:
    base = {"origin": 2000, "year": 2001, "a": "A", "b": "B", "observed": 0.0,
            "median": 0.0, "ae_median": 0.2, "cover50": 1.0, "cover90": 1.0, "pit": 0.5}  # fmt: skip
    rows = []
    for who, crps in (("model", 0.3), ("climatological", 0.4), ("persistence", 0.8)):
        rows.append({"forecaster": who, **base, "horizon": 1, "crps": crps})
    scores = pd.DataFrame(rows)
    info = RunInfo(None, "hindcast", 1, ("baseline",), 0, "lhs", "local", 1, 0.0)
    result = summarise_scores(
        scores, info=info, observable="unga_distance", actors=("A", "B"), origins=(2000,),
        horizons=(1,),
    )  # fmt: skip
    skill = result.skill.set_index("forecaster")["crps_skill"]
    assert skill["model"] == pytest.approx(1 - 0.3 / 0.4)
    assert skill["persistence"] == pytest.approx(1 - 0.8 / 0.4)
    assert skill["climatological"] == pytest.approx(0.0)
    direct = skill_by_horizon(
        {k: g.drop(columns="forecaster") for k, g in scores.groupby("forecaster")},
        benchmark="climatological",
    )
    assert set(direct["forecaster"]) == {"model", "climatological", "persistence"}


# --------------------------------------------------------------------------------------------
# the forecast's predictive distribution


def test_forecast_observable_constant_history_gives_the_last_value() -> None:
    # no change in the history and none in the model: every quantile is the last value
    observed = frame([(y, "A", "B", 0.7) for y in range(2000, 2011)])
    x0 = np.full((5, 1), 0.4)
    path = np.full((5, 2, 1), 0.4)
    out = forecast_observable(
        observed, x0, path, observable="unga_distance", units=[("A", "B")], years=(2012, 2013),
        start_year=2011, rng=np.random.default_rng(1),
    )  # fmt: skip
    assert out["origin"] == 2010
    table = out["table"]
    assert list(table["horizon"]) == [2, 3]
    for q in ("q05", "q25", "q50", "q75", "q95"):
        assert_allclose(table[q], 0.7)


def test_forecast_observable_leaves_out_units_without_recent_data() -> None:
    observed = frame(
        [(y, "A", "B", 1.0 + 0.1 * (y % 2)) for y in range(2000, 2011)] + [(1980, "A", "C", 2.0)]
    )
    out = forecast_observable(
        observed, np.zeros((3, 2)), np.zeros((3, 1, 2)), observable="unga_distance",
        units=[("A", "B"), ("A", "C")], years=(2011,), start_year=2010,
        rng=np.random.default_rng(0),
    )  # fmt: skip
    assert out["missing"] == ["A-C"]
    assert list(zip(out["table"]["a"], out["table"]["b"], strict=True)) == [("A", "B")]
    # one-year changes are ±0.1 (centred: ±0.1 minus a small drift): the band spans them
    row = out["table"].iloc[0]
    assert row["q05"] < 1.0 < row["q95"] or row["q05"] < 1.1 < row["q95"]


def test_units_and_years() -> None:
    assert units_for("unga_distance", ["A", "B", "C"]) == (("A", "B"), ("A", "C"), ("B", "C"))
    assert units_for("gdp_share", ["A", "B"]) == (("A", ""), ("B", ""))
    assert len(units_for("trade_dependence", ["A", "B", "C"])) == 6
    assert parse_years("2022-2025") == (2022, 2025)
    assert parse_years("2023") == (2023, 2023)
    with pytest.raises(InputError, match="--years"):
        parse_years("2025-2022")
    with pytest.raises(InputError, match="FIRST-LAST"):
        parse_years("soon")


def test_forecast_plan_refuses_years_outside_the_scenario() -> None:
    s = load_scenario("indo-pacific-2021")
    with pytest.raises(InputError, match="years"):
        ForecastPlan(scenario=s, n_members=2, observable="unga_distance", first=2022,
                     last=2040, data=str(OBSERVED))  # fmt: skip
    with pytest.raises(InputError, match="observable"):
        ForecastPlan(scenario=s, n_members=2, observable="gdp", first=2022, last=2023,
                     data=str(OBSERVED))  # fmt: skip
    with pytest.raises(InputError, match="gdp_imf_weo"):
        ForecastPlan(scenario=s, n_members=2, observable="gdp_share", first=2022, last=2023,
                     data=str(OBSERVED))  # fmt: skip


def _forecast_json(tmp_path: Path, *extra: str) -> dict[str, object]:
    result = runner.invoke(
        app,
        ["forecast", "--observable", "unga_distance", "--years", "2022-2023", "-n", "6",
         "--seed", "5", "--data", str(OBSERVED), "--json", "--executor", "local",
         "--store", str(tmp_path / "runs"), "--quiet", *extra],
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    data: dict[str, object] = json.loads(result.stdout)
    return data


def test_cli_forecast_json_shape(tmp_path: Path) -> None:
    data = _forecast_json(tmp_path)
    assert data["observable"] == "unga_distance"
    assert data["origin"] == 2020
    rows = data["rows"]
    assert isinstance(rows, list)
    # the test data have USA, CHN, RUS, JPN: 6 dyads, 2 years
    assert len(rows) == 12
    pairs = {frozenset(r["actors"]) for r in rows}
    assert len(pairs) == 6 and all(len(p) == 2 for p in pairs)
    assert {r["year"] for r in rows} == {2022, 2023}
    for r in rows:
        q = r["quantiles"]
        assert list(q) == [f"{p:g}" for p in QUANTILES]
        values = [q[k] for k in ("0.05", "0.25", "0.5", "0.75", "0.95")]
        assert values == sorted(values) and all(v >= 0 for v in values)
    missing = data["missing"]
    assert isinstance(missing, list) and any("TWN" in m for m in missing)
    # the same seed gives the same numbers (stored as one run each)
    assert _forecast_json(tmp_path)["rows"] == rows


def test_cli_forecast_table_and_fan_chart(tmp_path: Path) -> None:
    page = tmp_path / "fan.html"
    result = runner.invoke(
        app,
        ["forecast", "--observable", "unga_distance", "--years", "2022-2023", "-n", "3",
         "--data", str(OBSERVED), "--executor", "local", "--store", str(tmp_path / "runs"),
         "--quiet", "--report", str(page)],
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert "USA–CHN" in result.stdout
    text = page.read_text(encoding="utf-8")
    assert "forecast-fan" in text and "Plotly.newPlot" in text
    again = runner.invoke(
        app, ["forecast", "--data", str(OBSERVED), "--report", str(page), "--quiet"]
    )
    assert again.exit_code != 0 and "already exists" in again.stderr


def test_cli_forecast_without_data_is_a_located_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("EQUIPOISE_DATA", raising=False)
    result = runner.invoke(app, ["forecast", "--json"])
    assert result.exit_code != 0
    assert "--data" in result.stdout + result.stderr


def test_forecast_numbers_do_not_depend_on_the_executor() -> None:
    s = load_scenario("indo-pacific-2021")
    plan = ForecastPlan(
        scenario=s, n_members=6, observable="unga_distance", first=2022, last=2023,
        data=str(OBSERVED),
    )  # fmt: skip
    local = run_plan(plan)
    pooled = run_plan(plan, execution=Execution("processes", workers=2, batch_size=4))
    pd.testing.assert_frame_equal(local.table, pooled.table)  # type: ignore[attr-defined]


# --------------------------------------------------------------------------------------------
# on the reference data


@pytest.mark.realdata
def test_hindcast_plan_on_real_data(shared_data: Path, tmp_path: Path) -> None:
    from equipoise.store import open_store

    s = load_scenario("indo-pacific-2021")
    plan = HindcastPlan(
        scenario=s, observable="gdp_share", data=str(shared_data),
        actors=("USA", "CHN", "JPN", "RUS"), origins=(2010, 2015), horizons=(1, 2),
        n_members=1, n_samples=50,
    )  # fmt: skip
    store = open_store(tmp_path / "runs")
    result = run_plan(plan, store=store)
    skill = result.skill  # type: ignore[attr-defined]
    assert set(skill["forecaster"]) == {"model", "persistence", "climatological", "trend"}
    assert (skill["n"] == 8).all()  # 4 states x 2 origins per horizon
    stored = store.read_table(result.run.run_id, "scores")
    assert set(stored["origin"]) == {2010, 2015}
    again = run_plan(plan)
    pd.testing.assert_frame_equal(result.skill, again.skill)  # type: ignore[attr-defined]


@pytest.mark.realdata
def test_real_forecast_executor_invariance(shared_data: Path) -> None:
    s = load_scenario("indo-pacific-2021")
    plan = ForecastPlan(
        scenario=s, n_members=8, observable="milex_share", first=2021, last=2022,
        data=str(shared_data),
    )  # fmt: skip
    a = run_plan(plan, execution=Execution(batch_size=3))
    b = run_plan(plan, execution=Execution("processes", workers=2, batch_size=5))
    pd.testing.assert_frame_equal(a.table, b.table)  # type: ignore[attr-defined]
    assert a.origin == 2020  # type: ignore[attr-defined]


class _Stop(Exception):
    pass


def test_interrupted_forecast_resumes_to_the_same_numbers(tmp_path: Path) -> None:
    from equipoise.store import open_store

    s = load_scenario("indo-pacific-2021")
    plan = ForecastPlan(
        scenario=s, n_members=6, observable="unga_distance", first=2022, last=2023,
        data=str(OBSERVED),
    )  # fmt: skip
    store = open_store(tmp_path / "runs")
    ids: list[str] = []
    seen: list[int] = []

    def stop_after_one(n: int) -> None:
        seen.append(n)
        if len(seen) == 1:
            raise _Stop

    with pytest.raises(_Stop):
        run_plan(plan, store=store, execution=Execution(batch_size=2), progress=stop_after_one,
                 on_run=ids.append)  # fmt: skip
    assert store.get_run(ids[0])["status"] == "incomplete"
    resumed = run_plan(plan, store=store, resume=ids[0])
    assert resumed.run.resumed_batches == 1
    fresh = run_plan(plan)
    pd.testing.assert_frame_equal(resumed.table, fresh.table)  # type: ignore[attr-defined]
    # another observable on the same run is refused, naming the difference
    other = ForecastPlan(
        scenario=s, n_members=6, observable="unga_distance", first=2022, last=2022,
        data=str(OBSERVED),
    )  # fmt: skip
    with pytest.raises(InputError, match="years"):
        run_plan(other, store=store, resume=ids[0])


@pytest.mark.realdata
def test_interrupted_hindcast_resumes_at_its_unfinished_origin(
    shared_data: Path, tmp_path: Path
) -> None:
    from equipoise.store import open_store

    s = load_scenario("indo-pacific-2021")
    plan = HindcastPlan(
        scenario=s, observable="milex_share", data=str(shared_data),
        actors=("USA", "CHN", "JPN"), origins=(2010, 2015), horizons=(1, 2), n_samples=40,
    )  # fmt: skip
    store = open_store(tmp_path / "runs")
    ids: list[str] = []
    calls: list[int] = []

    def stop_at_second_origin(n: int) -> None:
        calls.append(n)
        if len(calls) == 2:
            raise _Stop

    with pytest.raises(_Stop):
        run_plan(plan, store=store, progress=stop_at_second_origin, on_run=ids.append)
    assert store.completed_batches(ids[0]) == {0}
    resumed = run_plan(plan, store=store, resume=ids[0])
    assert resumed.run.resumed_batches == 1
    fresh = run_plan(plan)
    pd.testing.assert_frame_equal(resumed.skill, fresh.skill)  # type: ignore[attr-defined]
    with pytest.raises(EquipoiseError, match="already complete"):
        run_plan(plan, store=store, resume=ids[0])


def test_report_shows_a_stored_forecast(tmp_path: Path) -> None:
    data = _forecast_json(tmp_path)
    page = tmp_path / "report.html"
    result = runner.invoke(
        app,
        ["report", str(data["run_id"]), "--store", str(tmp_path / "runs"), "-o", str(page),
         "--json", "--quiet"],
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert "forecast-fan-0" in json.loads(result.stdout)["figures"]
    html = page.read_text(encoding="utf-8")
    assert 'id="measured"' in html and "9. Inputs and sources" in html


@pytest.mark.realdata
def test_cli_hindcast_json_and_backtest_page(shared_data: Path, tmp_path: Path) -> None:
    page = tmp_path / "backtest.html"
    result = runner.invoke(
        app,
        ["hindcast", "--observable", "unga_distance", "--actors", "USA,CHN,RUS,TWN",
         "--origins", "2015", "--horizons", "1-2", "--samples", "60", "--data", str(shared_data),
         "--store", str(tmp_path / "runs"), "--quiet", "--json", "--report", str(page)],
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["observable"] == "unga_distance" and data["origins"] == [2015]
    # TWN has no UN ideal point: its dyads are not scored; 3 dyads x 1 origin per horizon
    model = [r for r in data["skill"] if r["forecaster"] == "model"]
    assert [r["n"] for r in model] == [3, 3]
    assert {r["forecaster"] for r in data["skill"]} == {"model", "persistence", "climatological"}
    html = page.read_text(encoding="utf-8")
    assert "backtest-skill" in html and "backtest-pit" in html and "backtest-worst" in html
    bad = runner.invoke(
        app,
        ["hindcast", "--origins", "2019", "--horizons", "2-3", "--data", str(shared_data),
         "--store", str(tmp_path / "runs"), "--quiet"],
    )  # fmt: skip
    assert bad.exit_code != 0 and "origins" in bad.stdout + bad.stderr
