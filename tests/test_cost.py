"""The cost estimate and its limit (issue 15): an expensive valid scenario is refused or confirmed.

``time_step = 0.00274`` with ``horizon = 200`` is valid but would take hours: the CLI refuses it
with the estimate unless ``--yes``, and the web app's scenario page does not compute its baseline
figures (it says why instead).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from equipoise.cli import app
from equipoise.experiments import cost
from equipoise.scenario import loads_scenario
from equipoise.testing import template_text

CLOCK = "time_step = 1                     # years per step\nhorizon = 10"


def expensive_text(name: str = "expensive") -> str:
    text = template_text(name)
    assert CLOCK in text
    return text.replace(CLOCK, "time_step = 0.00274\nhorizon = 200", 1)


def test_estimate_is_steps_times_actors_squared_times_members_times_arms() -> None:
    s = loads_scenario(expensive_text())
    one = cost.estimate_cost(s)
    assert (one.steps, one.actors, one.members, one.arms) == (72_993, 3, 1, 1)
    assert one.seconds == pytest.approx(
        72_993 * (cost.SECONDS_PER_STEP + cost.SECONDS_PER_UNIT * 9)
    )
    many = cost.estimate_cost(s, members=500, arms=3)
    assert many.seconds == pytest.approx(
        72_993 * 3 * (cost.SECONDS_PER_STEP + cost.SECONDS_PER_UNIT * 9 * 500)
    )
    assert cost.estimate_cost(loads_scenario(template_text())).seconds < 1


def test_check_cost_refuses_past_the_limit_unless_confirmed() -> None:
    estimate = cost.estimate_cost(loads_scenario(expensive_text()))
    with pytest.raises(cost.InputError) as info:
        cost.check_cost(estimate)
    (problem,) = info.value.problems
    assert problem.path == "--yes" and problem.file == "expensive"
    assert "72,993 steps × 3² actors × 1 member(s) × 1 arm(s)" in problem.message
    assert "past the limit of 60 min" in problem.message
    cost.check_cost(estimate, confirmed=True)
    cost.check_cost(estimate, limit=1e9)


@pytest.mark.parametrize("command", [["run"], ["ensemble", "-n", "10", "-e", "local", "-q"]])
def test_cli_refuses_an_expensive_scenario_with_the_estimate(
    tmp_path: Path, command: list[str]
) -> None:
    path = tmp_path / "expensive.toml"
    path.write_text(expensive_text(), encoding="utf-8")
    result = CliRunner().invoke(
        app, [*command, str(path)], env={"EQUIPOISE_RUNS": str(tmp_path / "store")}
    )
    assert result.exit_code == 1, result.output
    assert "add --yes to run it anyway" in result.output
    assert "72,993 steps" in result.output
    assert not (tmp_path / "store").exists() or not any((tmp_path / "store").rglob("*.parquet"))


@pytest.mark.parametrize(
    "command", [["run"], ["ensemble", "-n", "4", "-e", "local", "-q", "--batch-size", "4"]]
)
def test_cli_runs_past_the_limit_with_yes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: list[str]
) -> None:
    # a cheap scenario against a tiny limit: refused, then run with --yes
    monkeypatch.setattr(cost, "MAX_SECONDS", 1e-6)
    path = tmp_path / "cheap.toml"
    path.write_text(template_text("cheap"), encoding="utf-8")
    env = {"EQUIPOISE_RUNS": str(tmp_path / "store")}
    refused = CliRunner().invoke(app, [*command, str(path)], env=env)
    assert refused.exit_code == 1 and "--yes" in refused.output
    done = CliRunner().invoke(app, [*command, str(path), "--yes"], env=env)
    assert done.exit_code == 0, done.output


def test_web_page_does_not_compute_an_expensive_baseline(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from equipoise.web.app import create_app

    monkeypatch.setenv("EQUIPOISE_RUNS", str(tmp_path / "store"))
    folder = tmp_path / "scenarios"
    folder.mkdir()
    (folder / "expensive.toml").write_text(expensive_text(), encoding="utf-8")
    (folder / "cheap.toml").write_text(template_text("cheap"), encoding="utf-8")
    with TestClient(create_app(folder, tmp_path / "runs"), base_url="http://127.0.0.1") as client:
        page = client.get("/scenarios/expensive")
        assert page.status_code == 200
        assert 'id="baseline-skipped"' in page.text
        assert "72,993 steps" in page.text and "past the page's limit of 30 s" in page.text
        cheap = client.get("/scenarios/cheap")
        assert cheap.status_code == 200 and 'id="baseline-skipped"' not in cheap.text
        assert 'id="figure-' in cheap.text
