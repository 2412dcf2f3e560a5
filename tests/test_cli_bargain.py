"""End to end: ``equipoise bargain`` on CSV files (CliRunner, and the installed script once)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from equipoise.cli import app
from equipoise.engines.bargaining import EXAMPLE_CSV

runner = CliRunner()

GOOD = """actor,capability,position,salience
A,1,0,50
B,2,50,80
C,1,100,30
"""


def _write(tmp_path: Path, text: str | bytes, name: str = "actors.csv") -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def test_example_tables() -> None:
    result = runner.invoke(app, ["bargain", "--example", "--rounds", "2"])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Forecast per round" in out
    assert "Positions per round" in out
    assert "Round 1 dyads" in out
    assert "8.416" in out  # round-1 median (Table 2: 8.4)
    assert "Belgium" in out and "compromise: concedes" in out
    assert "salience read on 0-100" in result.stderr
    assert "position scale 4-10 taken from the data" in result.stderr


def test_json_output_shape() -> None:
    result = runner.invoke(app, ["bargain", "--example", "--json", "--rounds", "8"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["model"] == "eu"
    assert doc["options"]["Q"] == 1.0 and doc["options"]["rounds"] == 8
    assert [r["round"] for r in doc["rounds"]] == list(range(9))
    assert doc["rounds"][0]["positions"]["Belgium"] == 7.0
    assert round(doc["rounds"][1]["median"], 1) == 8.4
    table_2_mean = [7.4, 7.5, 7.6, 7.3, 7.3, 7.4, 7.5, 7.6]  # Scholz et al. (2011) Table 2
    assert all(
        abs(r["mean"] - p) <= 0.1 for r, p in zip(doc["rounds"][1:], table_2_mean, strict=True)
    )
    # the JSON carries the K most telling dyads (default 20) of the 90, ranked
    assert doc["dyads_total"] == 90
    assert len(doc["dyads"]) == 20
    assert {"challenger", "target", "eu_i_ij", "eu_i_ji", "region", "offer"} <= set(doc["dyads"][0])
    assert "accepted offers first" in doc["dyads_ranking"]
    accepted = [d["accepted"] for d in doc["dyads"]]
    assert accepted == sorted(accepted, reverse=True) and accepted[0]
    assert doc["input"]["salience_scale"] == "percent"
    assert set(doc["risk_exponents_round_1"]) == set(doc["input"]["actors"])


def test_dyads_option_asks_for_more_and_matches_the_engine() -> None:
    from equipoise.engines.bargaining import run_expected_utility
    from equipoise.io.actors_csv import read_actors_csv

    result = runner.invoke(
        app, ["bargain", "--example", "--json", "--rounds", "1", "--dyads", "500"]
    )
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert len(doc["dyads"]) == doc["dyads_total"] == 90
    table = read_actors_csv(EXAMPLE_CSV)
    res = run_expected_utility(
        table.capability, table.position, table.salience, scale=table.scale, rounds=1
    )
    assert res.dyads is not None
    expected = res.dyads.records(table.names)
    key = lambda r: (r["challenger"], r["target"])  # noqa: E731
    assert sorted(doc["dyads"], key=key) == sorted(expected, key=key)
    none = runner.invoke(app, ["bargain", "--example", "--json", "--dyads", "0"])
    assert json.loads(none.stdout)["dyads"] == []


def test_many_actors_print_the_movers_only(tmp_path: Path) -> None:
    rows = "".join(f"A{k},{1 + k % 7},{(k * 37) % 101},{0.2 + (k % 5) / 10}\n" for k in range(60))
    path = _write(tmp_path, "actor,capability,position,salience\n" + rows)
    result = runner.invoke(app, ["bargain", str(path), "--rounds", "2", "--dyads", "5"])
    assert result.exit_code == 0, result.output
    assert "the 20 of 60 actors who moved most" in result.stdout
    assert "(5 of 3,540:" in result.stdout


@pytest.mark.parametrize("model", ["compromise", "median"])
def test_baseline_models(tmp_path: Path, model: str) -> None:
    path = _write(tmp_path, GOOD)
    result = runner.invoke(app, ["bargain", str(path), "--model", model, "--json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["model"] == model
    assert doc["dyads"] == []
    expected = (
        (0 * 0.5 + 2 * 0.8 * 50 + 100 * 0.3) / (0.5 + 1.6 + 0.3) if model == "compromise" else 50
    )
    assert doc["forecast"] == pytest.approx(expected)


def test_options_and_scale_flags(tmp_path: Path) -> None:
    path = _write(tmp_path, GOOD)
    result = runner.invoke(
        app,
        [
            "bargain",
            str(path),
            "--json",
            "--scale",
            "0,100",
            "--q",
            "0.5",
            "--stop-threshold",
            "0.01",
            "--probability-denominator",
            "dyad",
            "--offer-selection",
            "least_move",
            "--salience-scale",
            "percent",
            "--rounds",
            "5",
        ],
    )
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["options"]["Q"] == 0.5
    assert doc["options"]["probability_denominator"] == "dyad"
    assert doc["options"]["scale"] == [0.0, 100.0]
    assert doc["input"]["scale"] == [0.0, 100.0]


def test_bad_option_value_is_a_usage_error(tmp_path: Path) -> None:
    path = _write(tmp_path, GOOD)
    result = runner.invoke(app, ["bargain", str(path), "--model", "vote"])
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_out_dir_writes_tables_and_refuses_to_overwrite(tmp_path: Path) -> None:
    out = tmp_path / "run"
    result = runner.invoke(app, ["bargain", "--example", "--rounds", "3", "--out", str(out)])
    assert result.exit_code == 0, result.output
    for stem in ("forecast", "positions", "dyads"):
        assert (out / f"{stem}.parquet").is_file() and (out / f"{stem}.csv").is_file()
    meta = json.loads((out / "metadata.json").read_text(encoding="utf-8"))
    assert meta["format_version"] == 1 and meta["model"] == "eu"
    assert meta["dyads_table"] == "all" and meta["dyads_rows"] == 90
    positions = pd.read_parquet(out / "positions.parquet")
    assert len(positions) == 4 * 10
    assert pd.read_csv(out / "forecast.csv")["round"].tolist() == [0, 1, 2, 3]
    # the streamed table is the engine's table, row for row, in the engine's order
    from equipoise.engines.bargaining import run_expected_utility
    from equipoise.io.actors_csv import read_actors_csv

    table = read_actors_csv(EXAMPLE_CSV)
    res = run_expected_utility(
        table.capability, table.position, table.salience, scale=table.scale, rounds=3
    )
    assert res.dyads is not None
    expected = pd.DataFrame(res.dyads.records(table.names))
    for written in (pd.read_parquet(out / "dyads.parquet"), pd.read_csv(out / "dyads.csv")):
        pd.testing.assert_frame_equal(written, expected, check_dtype=False)
    again = runner.invoke(app, ["bargain", "--example", "--rounds", "3", "--out", str(out)])
    assert again.exit_code == 1
    assert "--force" in again.stderr and "Traceback" not in again.output
    forced = runner.invoke(
        app, ["bargain", "--example", "--rounds", "3", "--out", str(out), "--force"]
    )
    assert forced.exit_code == 0, forced.output


@pytest.mark.parametrize(("which", "rows"), [("shown", 7), ("none", None)])
def test_out_dyads_shown_or_none(tmp_path: Path, which: str, rows: int | None) -> None:
    out = tmp_path / "run"
    args = ["bargain", "--example", "--rounds", "1", "--dyads", "7", "--out", str(out)]
    result = runner.invoke(app, [*args, "--out-dyads", which])
    assert result.exit_code == 0, result.output
    meta = json.loads((out / "metadata.json").read_text(encoding="utf-8"))
    if rows is None:
        assert not (out / "dyads.parquet").exists() and "dyads" not in meta["tables"]
    else:
        assert len(pd.read_parquet(out / "dyads.parquet")) == rows == meta["dyads_rows"]


BAD_CSVS = {
    "missing_column": ("actor,capability,position\nA,1,2\nB,1,3\n", [":1: salience: missing"]),
    "not_a_number": (
        "actor,capability,position,salience\nA,1,2,0.5\nB,lots,3,0.5\nC,1,x,0.5\n",
        [":3:2: capability: expected a finite number", ":4:3: position: expected a finite"],
    ),
    "negative_capability": (
        "actor,capability,position,salience\nA,1,2,0.5\nB,-1,3,0.5\n",
        [":3:2: capability: capability must be 0 or more"],
    ),
    "salience_out_of_range": (
        "actor,capability,position,salience\nA,1,2,50\nB,1,3,150\n",
        [":3:4: salience: salience must lie in 0-1 or 0-100"],
    ),
    "one_actor": ("actor,capability,position,salience\nA,1,2,0.5\n", ["at least two actors"]),
    "duplicate": (
        "Actor,Capability,Position,Salience\nA,1,2,0.5\nB,1,3,0.5\nA,1,4,0.5\n",
        [":4:1: actor: actor 'A' appears twice (first on line 2)"],
    ),
    "empty": ("", [":1: the file is empty"]),
    "latin1": (
        "actor,capability,position,salience\nA,1,2,0.5\nB\xe9,1,3,0.5\n".encode("latin-1"),
        [":3:2: the file is not UTF-8"],
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_CSVS))
def test_bad_csv_exit_1_with_located_problems(tmp_path: Path, case: str) -> None:
    text, expected = BAD_CSVS[case]
    path = _write(tmp_path, text)
    result = runner.invoke(app, ["bargain", str(path)])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    for fragment in expected:
        assert fragment in result.stderr, result.stderr
    assert "problem" in result.stderr


def test_bad_csv_json_problems(tmp_path: Path) -> None:
    path = _write(tmp_path, BAD_CSVS["not_a_number"][0])
    result = runner.invoke(app, ["bargain", str(path), "--json"])
    assert result.exit_code == 1
    doc = json.loads(result.stdout)
    assert doc["ok"] is False
    assert [(p["line"], p["path"]) for p in doc["problems"]] == [(3, "capability"), (4, "position")]


def test_extra_columns_are_ignored_with_a_note(tmp_path: Path) -> None:
    path = _write(tmp_path, "ACTOR, Capability ,position,salience,notes\nA,1,0,1,x\nB,1,1,0.5,y\n")
    result = runner.invoke(app, ["bargain", str(path), "--rounds", "1"])
    assert result.exit_code == 0, result.output
    assert "ignored column: notes" in result.stderr
    assert "salience read on 0-1" in result.stderr


def test_example_and_file_are_exclusive(tmp_path: Path) -> None:
    path = _write(tmp_path, GOOD)
    assert runner.invoke(app, ["bargain", str(path), "--example"]).exit_code == 2
    assert runner.invoke(app, ["bargain"]).exit_code == 2


def test_installed_script(tmp_path: Path) -> None:
    exe = shutil.which("equipoise")
    if exe is None:
        pytest.skip("the equipoise script is not installed on PATH")
    ok = subprocess.run(
        [exe, "bargain", str(EXAMPLE_CSV), "--json", "--rounds", "1"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert ok.returncode == 0, ok.stderr
    assert round(json.loads(ok.stdout)["rounds"][1]["median"], 1) == 8.4
    bad = _write(tmp_path, BAD_CSVS["negative_capability"][0])
    fail = subprocess.run(
        [exe, "bargain", str(bad)], capture_output=True, text=True, timeout=120, check=False
    )
    assert fail.returncode == 1
    assert ":3:2: capability" in fail.stderr
    assert "Traceback" not in fail.stderr


CYCLING = """actor,capability,position,salience
A,2,0,1
B,2,50,1
C,1,75,0.4
"""


def test_a_cycling_run_is_reported_as_a_cycle(tmp_path: Path) -> None:
    """The hand-checked 3-actor cycle (tests/test_bargaining_cycles.py), in words and JSON."""
    path = _write(tmp_path, CYCLING)
    args = ["bargain", str(path), "--scale", "0,100", "--rounds", "6"]
    text = " ".join(runner.invoke(app, args).stdout.split())
    assert "the rounds cycle with a period of 2 round(s) from round 1" in text
    assert "between 0.000 and 50.000, mean over a period 25.000" in text
    doc = json.loads(runner.invoke(app, [*args, "--json"]).stdout)
    cycle = doc["cycle"]
    assert cycle["detected"] and (cycle["period"], cycle["start"]) == (2, 1)
    assert (cycle["low"], cycle["high"], cycle["summary"]) == (0.0, 50.0, 25.0)
    assert cycle["position_high"]["C"] == 50.0 and cycle["position_low"]["C"] == 0.0


def test_a_run_that_neither_converges_nor_cycles_says_so() -> None:
    result = runner.invoke(app, ["bargain", "--example", "--rounds", "10"])
    text = " ".join(result.stdout.split())
    assert "did not converge; no cycle in 10 round(s)" in text
    doc = json.loads(runner.invoke(app, ["bargain", "--example", "--json"]).stdout)
    assert doc["cycle"]["detected"] is False and not doc["converged"]
