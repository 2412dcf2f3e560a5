"""The shipped calibration reaches every user path: build, forecast, hindcast (issue 13)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from numpy.testing import assert_allclose
from typer.testing import CliRunner

from equipoise.cli import app
from equipoise.experiments.plans import ForecastPlan, HindcastPlan
from equipoise.experiments.plans.forecast import forecast_observable
from equipoise.observation.calibrated import shipped_calibration
from equipoise.observation.measurement import fit_measurement, scale_noise
from equipoise.scenario import load_scenario

runner = CliRunner()
OBSERVED = Path(__file__).parent / "data" / "observed"


def test_shipped_calibration_is_sourced_and_ordered() -> None:
    cal = shipped_calibration()
    assert cal.until <= 2020  # nothing fitted on data after 2020
    assert set(cal.parameters) == {"balance_rate", "inertia_rate"}
    for v in (*cal.parameters.values(), *cal.noise.values()):
        assert v.low < v.median < v.high
    assert cal.run in cal.source and "--until 2020" in cal.source
    assert cal.noise_scale("unga_distance") == cal.noise["unga_distance"].median
    assert cal.noise_scale("gdp_share") == 1.0  # not calibrated: the plain noise


def test_default_scenario_uses_the_shipped_calibration() -> None:
    """One calibration: the default scenario's rates and ranges are the shipped run's."""
    from equipoise.scenario import load_scenario

    cal = shipped_calibration()
    s = load_scenario("indo-pacific-2021")
    ranges = {u.target: u for u in s.uncertainties}
    for name, v in cal.parameters.items():
        assert s.parameters[name] == v.median, name
        u = ranges[f"parameters.{name}"]
        assert (u.low, u.mode, u.high) == (v.low, v.median, v.high), name
        assert cal.run in u.source, name


def _history() -> pd.DataFrame:
    rows = [(y, "A", "B", 1.0 + 0.1 * (y % 3) + 0.02 * (y % 5)) for y in range(1995, 2011)]
    return pd.DataFrame(rows, columns=["year", "a", "b", "value"])


def test_noise_scale_multiplies_the_predictive_spread() -> None:
    # a model that does not move: the predictive is the last value plus the scaled noise pool,
    # and the same random numbers pick the same historical changes at every scale
    x0 = np.full((4, 1), 0.3)
    path = np.full((4, 2, 1), 0.3)
    out = {
        scale: forecast_observable(
            _history(),
            x0,
            path,
            observable="unga_distance",
            units=[("A", "B")],
            years=(2012, 2013),
            start_year=2011,
            rng=np.random.default_rng(3),
            noise_draws=50,
            noise_scale=scale,
        )
        for scale in (1.0, 2.0)
    }
    last = out[1.0]["table"]["last_observed"].to_numpy()
    for q in ("q05", "q25", "q75", "q95"):
        assert_allclose(
            out[2.0]["table"][q].to_numpy() - last, 2 * (out[1.0]["table"][q].to_numpy() - last)
        )
    assert out[2.0]["measurement"]["noise_scale"] == 2.0
    model = fit_measurement(
        "unga_distance", _history(), origin=2010, units=[("A", "B")],
        model_at_origin=np.array([0.3]), max_lag=2,
    )  # fmt: skip
    assert scale_noise(model, 1.0) is model
    assert_allclose(scale_noise(model, 0.5).noise_sd(1), 0.5 * model.noise_sd(1))


def test_forecast_plan_defaults_to_the_calibrated_noise_scale() -> None:
    s = load_scenario("indo-pacific-2021")
    plan = ForecastPlan(scenario=s, n_members=2, observable="unga_distance", first=2022,
                        last=2023, data=str(OBSERVED))  # fmt: skip
    recorded = plan.arguments()
    assert recorded["noise_scale"] == shipped_calibration().noise_scale("unga_distance")
    assert ForecastPlan.from_arguments(s, recorded).scale == recorded["noise_scale"]
    # a run recorded before the calibrated scale existed keeps the plain noise on resume
    old = {k: v for k, v in recorded.items() if k != "noise_scale"}
    assert ForecastPlan.from_arguments(s, old).scale == 1.0


def _forecast(tmp_path: Path, *extra: str) -> dict[str, object]:
    result = runner.invoke(
        app,
        ["forecast", "--observable", "unga_distance", "--years", "2022-2022", "-n", "4",
         "--seed", "5", "--data", str(OBSERVED), "--json", "--executor", "local",
         "--store", str(tmp_path / "runs"), "--quiet", *extra],
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    data: dict[str, object] = json.loads(result.stdout)
    return data


def test_cli_forecast_uses_and_records_the_noise_scale(tmp_path: Path) -> None:
    calibrated = _forecast(tmp_path)
    plain = _forecast(tmp_path, "--noise-scale", "1")
    assert calibrated["measurement"]["noise_scale"] == pytest.approx(  # type: ignore[index]
        shipped_calibration().noise_scale("unga_distance")
    )
    assert plain["measurement"]["noise_scale"] == 1.0  # type: ignore[index]
    assert calibrated["rows"] != plain["rows"]


def test_hindcast_says_when_it_is_in_sample() -> None:
    s = load_scenario("indo-pacific-2021")
    common = {"scenario": s, "observable": "unga_distance", "data": str(OBSERVED)}
    record = HindcastPlan(**common, origins=(2005, 2010)).parameters_record()  # type: ignore[arg-type]
    assert record["in_sample"] is True and record["in_sample_origins"] == [2005, 2010]
    assert record["calibrated_until"] == shipped_calibration().until
    assert record["noise_scale"] == shipped_calibration().noise_scale("unga_distance")
    plain = HindcastPlan(**common, calibrated=False).parameters_record()  # type: ignore[arg-type]
    assert plain["in_sample"] is False and plain["noise_scale"] == 1.0


@pytest.mark.realdata
def test_cli_hindcast_labels_in_sample_in_json_table_and_report(
    shared_data: Path, tmp_path: Path
) -> None:
    args = ["hindcast", "--actors", "USA,CHN,RUS", "--origins", "2015", "--horizons", "1",
            "--samples", "40", "--data", str(shared_data), "--store", str(tmp_path / "runs"),
            "--quiet"]  # fmt: skip
    as_json = runner.invoke(app, [*args, "--json"])
    assert as_json.exit_code == 0, as_json.stderr
    data = json.loads(as_json.stdout)
    assert data["in_sample"] is True and data["parameters"]["in_sample_origins"] == [2015]
    table = runner.invoke(app, [*args, "--report", str(tmp_path / "page.html")])
    assert table.exit_code == 0, table.stderr
    assert "IN SAMPLE" in table.stdout
    assert "IN SAMPLE" in (tmp_path / "page.html").read_text(encoding="utf-8")
    plain = runner.invoke(app, [*args, "--json", "--uncalibrated"])
    assert plain.exit_code == 0, plain.stderr
    assert json.loads(plain.stdout)["in_sample"] is False
    report = tmp_path / "report.html"
    shown = runner.invoke(
        app,
        ["report", str(data["run_id"]), "--store", str(tmp_path / "runs"), "-o", str(report),
         "--quiet"],
    )  # fmt: skip
    assert shown.exit_code == 0, shown.stderr
    assert "IN SAMPLE" in report.read_text(encoding="utf-8")


def test_report_completes_a_calibration_stored_without_its_cases() -> None:
    from equipoise.report.build import _calibration_meta

    posterior = pd.DataFrame({"parameter": ["balance_rate", "noise_scale"]})
    meta = _calibration_meta({}, {"until": 2005}, posterior)
    assert meta["until"] == 2005 and meta["cases"] == [] and meta["skipped"] == []
    assert [(p["parameter"], p["low"], p["high"]) for p in meta["priors"]] == [
        ("balance_rate", 0.0, 1.0),
        ("noise_scale", 0.5, 1.5),
    ]
    stored = {"until": 2010, "cases": ["G20@2005 (684 outcomes)"], "skipped": [], "priors": []}
    assert _calibration_meta(stored, {"until": 2005}, posterior)["until"] == 2010


@pytest.mark.realdata
def test_hindcast_calibrate_fits_each_origin_on_the_data_before_it(shared_data: Path) -> None:
    from equipoise.experiments.plans import run_plan

    plan = HindcastPlan(
        scenario=load_scenario("indo-pacific-2021"), observable="unga_distance",
        data=str(shared_data), actors=("USA", "CHN", "RUS"), origins=(2015,), horizons=(1,),
        n_members=2, n_samples=40, calibrate=10, calibrate_generations=1,
    )  # fmt: skip
    again = HindcastPlan.from_arguments(plan.scenario, plan.arguments())
    assert (again.calibrate, again.calibrate_generations) == (10, 1)
    result = run_plan(plan)
    record = result.parameters  # type: ignore[attr-defined]
    assert result.in_sample is False and record["in_sample"] is False  # type: ignore[attr-defined]
    fit = record["fits"]["2015"]
    for name in ("balance_rate", "inertia_rate", "noise_scale"):
        assert fit[name]["low"] <= fit[name]["median"] <= fit[name]["high"]
    # every fitted case is an origin before the hindcast's origin, scored up to it
    assert fit["cases"] and all(int(c.split("@")[1][:4]) < 2015 for c in fit["cases"])
    assert set(result.skill["forecaster"]) == {"model", "persistence", "climatological"}  # type: ignore[attr-defined]
