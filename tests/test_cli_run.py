"""``equipoise run`` on the default scenario: the JSON steps, byte-identical reruns, --out."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
from typer.testing import CliRunner

from equipoise.cli import app

runner = CliRunner()
METRICS = (
    "polarity",
    "bipolarity",
    "blocs",
    "frustration",
    "strategic_space",
    "dependence",
    "alignment",
)


def test_run_json_has_every_metric_per_step_and_is_byte_identical() -> None:
    first = runner.invoke(app, ["run", "--json"])
    second = runner.invoke(app, ["run", "--json"])
    assert first.exit_code == 0, first.stderr
    assert first.stdout == second.stdout
    data = json.loads(first.stdout)
    assert [s["year"] for s in data["steps"]] == [float(y) for y in range(2021, 2032)]
    for step in data["steps"]:
        assert set(METRICS) <= set(step)
    assert (
        data["steps"][-1]["dependence"]["RUS"]["CHN"] > data["steps"][0]["dependence"]["RUS"]["CHN"]
    )
    assert set(data["forecasts_at_start"]["kurils-peace-treaty"]) == {"eu", "compromise", "median"}
    other = runner.invoke(app, ["run", "--json", "--seed", "5"])
    assert json.loads(other.stdout)["seed"] == 5


def test_run_with_an_intervention_differs() -> None:
    base = json.loads(runner.invoke(app, ["run", "--json"]).stdout)
    new = json.loads(runner.invoke(app, ["run", "--json", "-i", "us-russia-stabilisation"]).stdout)
    assert new["interventions"] == ["us-russia-stabilisation"]
    assert (
        new["steps"][-1]["relations"]["RUS"]["USA"] > base["steps"][-1]["relations"]["RUS"]["USA"]
    )
    bad = runner.invoke(app, ["run", "-i", "us-russia-stabilization"])
    assert bad.exit_code == 1  # bad input: located, with the closest name
    assert "unknown intervention" in bad.stderr
    assert "did you mean 'us-russia-stabilisation'" in bad.stderr


def test_run_out_writes_tidy_parquet_and_never_overwrites(tmp_path: Path) -> None:
    out = tmp_path / "traj"
    result = runner.invoke(app, ["run", "--out", str(out)])
    assert result.exit_code == 0, result.stderr
    actors = pd.read_parquet(out / "actors.parquet")
    assert list(actors.columns) == ["member", "step", "year", "actor", "variable", "value"]
    assert len(actors) == 11 * 14 * 4
    dyads = pd.read_parquet(out / "dyads.parquet")
    assert set(dyads["variable"]) == {"relation", "dependence"}
    again = runner.invoke(app, ["run", "--out", str(out)])
    assert again.exit_code == 1
    assert "already exists" in again.stderr


def test_a_forecast_that_flips_is_reported_as_the_cycle_it_is() -> None:
    data = json.loads(runner.invoke(app, ["run", "--json"]).stdout)
    missiles = data["cycles"]["inf-missiles-japan"]
    assert missiles["period"] == 2 and missiles["forecast_flips"]
    assert (missiles["low"], missiles["high"], missiles["summary"]) == (0.0, 35.0, 17.5)
    assert missiles["from_year"] == 2024.0
    forecasts = [s["issues"]["inf-missiles-japan"]["forecast"] for s in data["steps"]]
    # the rounds flip 0, 35, 0... (the median of each year), the forecast is the cycle's mean
    assert forecasts[-4:] == [17.5] * 4
    assert {s["issues"]["inf-missiles-japan"]["median"] for s in data["steps"][-4:]} == {0, 35}
    assert data["cycles"]["kurils-peace-treaty"] is None
    text = " ".join(runner.invoke(app, ["run"]).stdout.split())
    assert "inf-missiles-japan: the bargaining rounds cycle (period 2 rounds" in text
