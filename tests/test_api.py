"""The Python API and the plans behind every command: frames, executors, resume, the notebook."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

import equipoise as eq
from equipoise.cli import app
from equipoise.errors import EquipoiseError, InputError
from equipoise.experiments.plans import (
    ComparePlan,
    EnsemblePlan,
    EnsembleSummary,
    Execution,
    plan_from_run,
    run_plan,
    run_typed,
)
from equipoise.scenario import loads_scenario
from equipoise.store import open_store
from equipoise.testing import mini_scenario_text, uncertain_scenario_text

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def mini_path(tmp_path: Path) -> Path:
    path = tmp_path / "mini.toml"
    path.write_text(uncertain_scenario_text(), encoding="utf-8")
    return path


def test_import_equipoise_is_light_and_lazy() -> None:
    code = (
        "import sys, equipoise; print(int('pandas' in sys.modules)); "
        "equipoise.load; print(int('equipoise.api' in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split()
    assert out == ["0", "1"]


def test_run_frames_have_int_years_and_one_column_per_metric() -> None:
    result = eq.run("indo-pacific-2021")
    frames = result.frames()
    system = frames["system"]
    assert system["year"].dtype == np.int64
    assert list(system["year"]) == list(range(2021, 2032))
    assert {"polarity", "bipolarity", "frustration", "antagonism"} <= set(system.columns)
    assert {"year", "actor", "power", "strategic_space"} <= set(frames["actors"].columns)
    assert {"year", "actor", "other", "relation", "dependence"} <= set(frames["dyads"].columns)
    assert {"year", "issue", "actor", "forecast"} <= set(frames["issues"].columns)
    # the frames carry the trajectory's numbers
    np.testing.assert_allclose(system["polarity"], result.trajectory.polarity[0])


def test_api_run_equals_the_command_line() -> None:
    cli = CliRunner().invoke(app, ["run", "--json", "--seed", "3"])
    assert cli.exit_code == 0, cli.stderr
    api = eq.run(eq.load(), seed=3).to_dict()
    assert json.loads(cli.stdout)["steps"] == json.loads(json.dumps(api["steps"]))
    assert json.loads(cli.stdout)["seed"] == api["seed"] == 3


def test_api_unknown_intervention_suggests_the_name(mini_path: Path) -> None:
    with pytest.raises(InputError, match="did you mean 'nothing'"):
        eq.compare(mini_path, ["nothin"], 4)


def test_ensemble_frames_are_perform_experiments_shaped(mini_path: Path) -> None:
    result = eq.ensemble(mini_path, 6, seed=5)
    experiments, outcomes = result.frames()["experiments"], result.frames()["outcomes"]
    assert list(experiments.columns) == ["member", "ab", "beta"]
    assert len(experiments) == len(outcomes) == 6
    assert "polarity@2025" in outcomes.columns
    again = eq.ensemble(mini_path, 6, seed=5, batch_size=4)
    np.testing.assert_array_equal(outcomes.to_numpy(), again.frames()["outcomes"].to_numpy())


SCRIPT = """
import sys
from pathlib import Path
marker = Path(sys.argv[1])
with marker.open("a") as f:
    f.write("ran\\n")
import equipoise as eq
result = eq.ensemble(sys.argv[2], 6, seed=5, executor="processes", workers=2, batch_size=2)
import json
print(json.dumps(result.frames()["outcomes"]["polarity@2025"].tolist()))
"""


@pytest.mark.slow
def test_process_executor_from_a_script_never_reruns_the_script(
    mini_path: Path, tmp_path: Path
) -> None:
    script = tmp_path / "user_script.py"  # no `if __name__ == "__main__":` guard
    script.write_text(SCRIPT, encoding="utf-8")
    marker = tmp_path / "marker.txt"
    done = subprocess.run(
        [sys.executable, str(script), str(marker), str(mini_path)],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    assert marker.read_text().splitlines() == ["ran"]  # the workers never ran the script
    local = eq.ensemble(mini_path, 6, seed=5).frames()["outcomes"]
    remote = json.loads(done.stdout.strip().splitlines()[-1])
    assert local["polarity@2025"].tolist() == remote  # the same numbers on every executor


def _interrupted(plan: EnsemblePlan, store_dir: Path) -> str:
    """Run ``plan`` until its second batch, then interrupt it; return the run's id."""
    store = open_store(store_dir)
    seen: list[str] = []
    calls = [0]

    def stop(_n: int) -> None:
        calls[0] += 1
        if calls[0] == 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run_plan(
            plan,
            execution=Execution(batch_size=2),
            store=store,
            progress=stop,
            on_run=seen.append,
        )
    assert store.get_run(seen[0])["status"] == "incomplete"
    return seen[0]


def test_resume_refuses_other_arguments_and_never_damages_the_run(
    mini_path: Path, tmp_path: Path
) -> None:
    s = eq.load(mini_path)
    plan = EnsemblePlan(scenario=s, scenario_ref=str(mini_path), n_members=8, method="lhs")
    run_id = _interrupted(plan, tmp_path / "runs")
    store = open_store(tmp_path / "runs")
    other = EnsemblePlan(scenario=s, n_members=8, method="mc")
    with pytest.raises(InputError, match="method: the run has 'lhs', this asks for 'mc'"):
        run_plan(other, store=store, resume=run_id)
    dyads = EnsemblePlan(scenario=s, n_members=8, method="lhs", dyads=True)
    with pytest.raises(InputError, match="dyads"):
        run_plan(dyads, store=store, resume=run_id)
    compare = ComparePlan(scenario=s, n_members=8, interventions=("nothing",))
    with pytest.raises(EquipoiseError, match="not a compare run"):
        run_plan(compare, store=store, resume=run_id)
    assert store.get_run(run_id)["status"] == "incomplete"
    # the recorded plan resumes the run to the numbers of an uninterrupted one
    rebuilt = plan_from_run(store, run_id)
    assert rebuilt.arguments() == plan.arguments()
    resumed = run_typed(rebuilt, EnsembleSummary, store=store, resume=run_id)
    assert resumed.run.resumed_batches >= 1
    fresh = run_typed(plan, EnsembleSummary, execution=Execution(batch_size=3))
    assert resumed.rows == fresh.rows
    assert store.get_run(run_id)["status"] == "complete"


def test_cli_resume_takes_the_recorded_arguments(mini_path: Path, tmp_path: Path) -> None:
    s = eq.load(mini_path)
    plan = EnsemblePlan(scenario=s, scenario_ref=str(mini_path), n_members=8, method="mc")
    run_id = _interrupted(plan, tmp_path / "runs")
    runner = CliRunner()
    store = ["--store", str(tmp_path / "runs"), "--executor", "local", "--quiet"]
    refused = runner.invoke(app, ["ensemble", "--resume", run_id, "--method", "lhs", *store])
    assert refused.exit_code == 1
    assert "method: the run has 'mc', this asks for 'lhs'" in refused.stderr
    done = runner.invoke(app, ["ensemble", "--resume", run_id, "--json", *store])
    assert done.exit_code == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["run_id"] == run_id and data["method"] == "mc" and data["members"] == 8
    wrong_kind = runner.invoke(app, ["compare", "-i", "nothing", "--resume", run_id, *store])
    assert wrong_kind.exit_code == 2
    assert "not a compare run" in wrong_kind.stderr


def test_plans_reject_bad_arguments_with_located_errors() -> None:
    s = loads_scenario(uncertain_scenario_text())
    with pytest.raises(InputError, match="must be one of mc, lhs"):
        EnsemblePlan(scenario=s, n_members=4, method="sobol")
    with pytest.raises(InputError, match="at least 1"):
        EnsemblePlan(scenario=s, n_members=0)
    with pytest.raises(InputError, match="at least one intervention"):
        ComparePlan(scenario=s, n_members=4)


@pytest.mark.slow
def test_the_api_notebook_runs() -> None:
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    notebook = nbformat.read(REPO / "docs" / "api-example.ipynb", as_version=4)
    nbclient.NotebookClient(notebook, timeout=600, kernel_name="python3").execute(cwd=str(REPO))
    errors = [
        out
        for cell in notebook.cells
        if cell.cell_type == "code"
        for out in cell.get("outputs", [])
        if out.get("output_type") == "error"
    ]
    assert errors == []
    claims = next(c for c in notebook.cells if "eq.claims" in c.get("source", ""))
    assert "probability" in claims.outputs[0]["data"]["text/plain"]


def test_a_run_at_a_seed_is_member_zero_of_an_ensemble_at_that_seed() -> None:
    """One seed path: with growth shocks on, `run --seed 7` is ensemble member 0 at seed 7."""
    s = loads_scenario(mini_scenario_text() + "\n[parameters]\ngrowth_noise = 0.05\n")
    run = eq.run(s, seed=7)
    ens = eq.ensemble(s, 3, seed=7)
    outcomes = ens.frames()["outcomes"]
    last = int(run.trajectory.years[-1])
    for i, code in enumerate(run.trajectory.actors):
        assert outcomes[f"power({code})@{last}"].iloc[0] == run.trajectory.power[0, -1, i]
    # and another member differs (the shocks are on)
    assert not np.allclose(outcomes[f"power(AAA)@{last}"].iloc[1], run.trajectory.power[0, -1, 0])


def test_a_long_run_stops_between_steps_and_is_left_incomplete(tmp_path: Path) -> None:
    """The web app's cancel: a hook after every step of the time loop (local executor)."""
    from equipoise.experiments.ensemble import step_hook
    from equipoise.experiments.plans import RunPlan

    s = loads_scenario(mini_scenario_text())
    store = open_store(tmp_path / "runs")
    seen: list[int] = []
    made: list[str] = []

    def stop_at_two(step: int, n_steps: int) -> None:
        seen.append(step)
        if step == 2:
            raise KeyboardInterrupt

    with step_hook(stop_at_two), pytest.raises(KeyboardInterrupt):
        run_plan(RunPlan(scenario=s), store=store, on_run=made.append)
    assert seen == [0, 1, 2]  # stopped inside the run, not at its end
    assert store.get_run(made[0])["status"] == "incomplete"
    seen.clear()
    run_plan(RunPlan(scenario=s))  # no hook outside the context
    assert seen == []
