"""End-to-end tests of ensemble, compare, sensitivity, discover and claims."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from equipoise.cli import app
from equipoise.store import RunStore
from equipoise.testing import uncertain_scenario_text

runner = CliRunner()

EXTRA = """
[[claims]]
id = "thaw-warms"
statement = "The thaw warms A-B."
quote = "a thaw is coming"
source = "test"
holders = ["tester"]
metric = "relation"
actors = ["AAA", "BBB"]
expect = "increase"
compare = "start"
horizon = 4

[[claims]]
id = "nothing-helps"
statement = "Doing nothing raises C's space."
quote = "nothing works"
source = "test"
holders = ["tester"]
condition = "nothing"
metric = "strategic_space"
actors = ["CCC"]
expect = "increase"
compare = "baseline"
horizon = 4
"""


@pytest.fixture
def scenario(tmp_path: Path) -> Path:
    path = tmp_path / "mini.toml"
    path.write_text(uncertain_scenario_text() + EXTRA, encoding="utf-8")
    return path


def invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def common(tmp_path: Path) -> list[str]:
    return ["--executor", "local", "--store", str(tmp_path / "runs"), "--quiet"]


def test_claims_json_rows(scenario: Path, tmp_path: Path) -> None:
    code, stdout, stderr = invoke("claims", str(scenario), "-n", "30", "--json", *common(tmp_path))
    assert code == 0, stderr
    data = json.loads(stdout)
    rows = {r["id"]: r for r in data["claims"]}
    assert set(rows) == {"thaw-warms", "nothing-helps"}
    for r in rows.values():
        assert {"id", "quote", "verdict", "probability", "interval", "drivers"} <= set(r)
        assert r["interval"][0] <= r["probability"] <= r["interval"][1]
    # the 'thaw' event adds 0.3 to A-B: the rise holds with the dynamics off, so it is built in
    assert rows["thaw-warms"]["model_verdict"] == "supported"
    assert rows["thaw-warms"]["verdict"] == "built in"
    assert rows["thaw-warms"]["emergent"] is False
    assert rows["nothing-helps"]["model_verdict"] == "contradicted"
    store = RunStore(tmp_path / "runs")
    info = store.get_run(data["run_id"])
    assert info["status"] == "complete"
    assert info["kind"] == "claims"
    assert "claims" in info["results"]
    # the same seed gives the same numbers
    code, again, _ = invoke("claims", str(scenario), "-n", "30", "--json", *common(tmp_path))
    rows2 = {r["id"]: r for r in json.loads(again)["claims"]}
    assert [rows[k]["probability"] for k in rows] == [rows2[k]["probability"] for k in rows]


def test_claims_table(scenario: Path, tmp_path: Path) -> None:
    code, stdout, _ = invoke("claims", str(scenario), "-n", "10", *common(tmp_path))
    assert code == 0
    assert "thaw-warms" in stdout
    assert "supported" in stdout


def test_compare_gives_exactly_zero_for_a_null_intervention(scenario: Path, tmp_path: Path) -> None:
    code, stdout, stderr = invoke(
        "compare", str(scenario), "-i", "nothing", "-n", "12", "--json", *common(tmp_path)
    )
    assert code == 0, stderr
    diffs = json.loads(stdout)["differences"]
    assert diffs
    assert all(d["difference"] == 0.0 for d in diffs)
    code, stdout, _ = invoke(
        "compare", str(scenario), "-i", "end-alliance", "-n", "12", "--json", *common(tmp_path)
    )
    rel = next(
        d
        for d in json.loads(stdout)["differences"]
        if d["metric"] == "relation" and d["entity"] == "AAA,CCC"
    )
    assert rel["difference"] < 0


def test_ensemble_summary(scenario: Path, tmp_path: Path) -> None:
    code, stdout, stderr = invoke(
        "ensemble", str(scenario), "-n", "16", "--json", *common(tmp_path)
    )
    assert code == 0, stderr
    data = json.loads(stdout)
    assert data["members"] == 16
    rows = [r for r in data["summary"] if r["metric"] == "power" and r["actor"] == "BBB"]
    assert len(rows) == 5
    assert all(r["q05"] <= r["median"] <= r["q95"] for r in rows)
    store = RunStore(tmp_path / "runs")
    frame = store.read_table(data["run_id"], "actors")
    assert set(frame["variable"]) == {"power", "strategic_space", "alignment", "bloc"}
    assert "dyads" not in store.get_run(data["run_id"])["tables"]
    code, stdout, _ = invoke(
        "ensemble", str(scenario), "-n", "4", "--dyads", "--json", *common(tmp_path)
    )
    assert code == 0
    dyads = store.read_table(json.loads(stdout)["run_id"], "dyads")
    assert len(dyads) == 4 * 5 * 4 * 3 * 2  # members x steps x ordered pairs x 2 variables


def test_sensitivity_and_discover(scenario: Path, tmp_path: Path) -> None:
    code, stdout, stderr = invoke(
        "sensitivity",
        str(scenario),
        "--metric",
        "relation(AAA,BBB)@2025",
        "--method",
        "morris",
        "-N",
        "6",
        "--json",
        *common(tmp_path),
    )
    assert code == 0, stderr
    data = json.loads(stdout)
    assert data["runs"] == 6 * 3
    assert {r["name"] for r in data["indices"]} == {"ab", "beta"}
    assert data["ranking"][0] == "ab"  # the relation's own starting value drives it most
    code, stdout, stderr = invoke(
        "discover",
        str(scenario),
        "--outcome",
        "relation(AAA,BBB)@2025 > -0.1",
        "-n",
        "80",
        "--json",
        *common(tmp_path),
    )
    assert code == 0, stderr
    data = json.loads(stdout)
    assert 0 < data["share"] < 1
    assert "ab" in data["boxes"][0]["limits"]
    code, stdout, _ = invoke(
        "discover",
        str(scenario),
        "--outcome",
        "relation(AAA,BBB)@2025 > 0.99",
        "-n",
        "20",
        "--json",
        *common(tmp_path),
    )
    assert code == 0
    data = json.loads(stdout)
    assert data["boxes"] == []
    assert "holds in no member" in data["note"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["claims", "-n", "0"], "-n"),
        (["compare", "-i", "no-such"], "unknown intervention 'no-such'"),
        (["sensitivity", "--metric", "relation(AAA)"], "takes 2 actors"),
        (["discover", "--outcome", "polarity@2025"], "needs a comparison"),
        (["claims", "--executor", "cloud"], "must be one of local, processes, dask"),
    ],
)
def test_bad_arguments_are_reported(
    scenario: Path, tmp_path: Path, args: list[str], message: str
) -> None:
    cmd, *rest = args
    result = runner.invoke(
        app, [cmd, str(scenario), *rest, "--store", str(tmp_path / "r"), "--quiet"]
    )
    assert result.exit_code != 0
    assert message in result.stderr + result.stdout
    assert "Traceback" not in result.stderr + result.stdout


@pytest.mark.slow
def test_interrupted_ensemble_resumes_from_the_cli(scenario: Path, tmp_path: Path) -> None:
    """Ctrl-C a running ensemble, resume it, and get the numbers of an uninterrupted run."""
    store = tmp_path / "runs"
    args = [
        sys.executable,
        "-m",
        "equipoise.cli",
        "ensemble",
        str(scenario),
        "-n",
        "400",
        "--batch-size",
        "10",
        "--executor",
        "local",
        "--store",
        str(store),
        "--quiet",
        "--json",
    ]
    env = {**os.environ, "COLUMNS": "200"}
    proc = subprocess.Popen(
        args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
    )
    # Watch the batches arrive on disk, not in the catalog: opening DuckDB from here while the
    # run writes to it can fail for as long as the run lasts (the run then ends before the
    # signal, as it once did). A batch's outcome file is written before its catalog row, so
    # four files mean at least three batches recorded.
    deadline = time.monotonic() + 120
    run_id = None
    while time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
        batches = sorted(store.glob("runs/run_id=*/outcomes/batch-*.parquet"))
        if len(batches) >= 4:
            run_id = batches[0].parent.parent.name.removeprefix("run_id=")
            break
    if run_id is None or proc.poll() is not None:
        proc.kill()
        _, err = proc.communicate()
        pytest.fail(f"the run ended before it was interrupted ({proc.returncode}): {err[-2000:]}")
    proc.send_signal(signal.SIGINT)
    _, stderr = proc.communicate(timeout=120)
    assert proc.returncode == 130, stderr
    assert f"--resume {run_id}" in stderr
    assert "Traceback" not in stderr
    s = RunStore(store)
    assert s.get_run(run_id)["status"] == "incomplete"
    done = len(s.completed_batches(run_id))
    assert 3 <= done < 40
    resumed = subprocess.run(
        [*args, "--resume", run_id], capture_output=True, text=True, env=env, timeout=300
    )
    assert resumed.returncode == 0, resumed.stderr
    fresh = subprocess.run(args, capture_output=True, text=True, env=env, timeout=300)
    a, b = json.loads(resumed.stdout), json.loads(fresh.stdout)
    assert a["resumed_batches"] == done
    assert a["summary"] == b["summary"]
    assert RunStore(store).get_run(run_id)["status"] == "complete"
