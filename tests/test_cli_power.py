"""End-to-end tests of ``equipoise power`` (Typer's CliRunner and the installed script)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from equipoise.cli import app

SMALL = (
    "stateabb,ccode,year,milex,milper,irst,pec,tpop,upop,cinc,version\n"
    "AAA,1,1816,60,10,5,40,100,20,0.358333333,2021\n"
    "BBB,2,1816,30,30,5,40,200,30,0.433333333,2021\n"
    "CCC,3,1816,10,10,0,20,100,50,0.208333333,2021\n"
    "AAA,1,1817,50,20,6,50,100,25,0.408333333,2021\n"
    "BBB,2,1817,50,20,2,30,300,25,0.375,2021\n"
    "CCC,3,1817,-9,10,2,20,100,50,0.26,2021\n"
)

runner = CliRunner()


@pytest.fixture
def small_csv(tmp_path: Path) -> Path:
    path = tmp_path / "small.csv"
    path.write_text(SMALL, encoding="utf-8")
    return path


@pytest.fixture
def bad_csv(tmp_path: Path) -> Path:
    path = tmp_path / "bad.csv"
    path.write_text(SMALL.replace("BBB,2,1816,30,30", "BBB,2,1816,30,lots"), encoding="utf-8")
    return path


def test_table_output(small_csv: Path) -> None:
    result = runner.invoke(app, ["power", str(small_csv), "--index", "cinc"])
    assert result.exit_code == 0, result.output
    for text in ("AAA", "CCC", "1817", "milex", "CINC", "0.358333", "0.260000", "–"):
        assert text in result.output
    assert "computed CINC vs the file's cinc column: max |diff| =" in result.output
    assert "over 6 state-years" in result.output
    assert "note:" not in result.output


def test_year_filter(small_csv: Path) -> None:
    result = runner.invoke(app, ["power", str(small_csv), "--year", "1817"])
    assert result.exit_code == 0, result.output
    assert "1816" not in result.output
    assert "over 3 state-years" in result.output


def test_unknown_year_is_a_located_error(small_csv: Path) -> None:
    result = runner.invoke(app, ["power", str(small_csv), "--year", "1900"])
    assert result.exit_code == 1
    assert "year 1900 is not in the file (its years: 1816–1817)" in result.output
    assert "Traceback" not in result.output


def test_json_output(small_csv: Path) -> None:
    result = runner.invoke(app, ["power", str(small_csv), "--json"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert {"index", "rows", "comparison"} <= payload.keys()
    assert payload["index"] == "cinc"
    assert len(payload["rows"]) == 6
    row = payload["rows"][5]
    assert row["stateabb"] == "CCC"
    assert row["milex_share"] is None  # missing -> null
    assert row["cinc"] == pytest.approx(0.26)
    assert payload["comparison"]["n_compared"] == 6
    assert payload["comparison"]["max_abs_diff"] < 1e-8


def test_json_without_file_cinc_has_null_comparison(tmp_path: Path) -> None:
    path = tmp_path / "nocinc.csv"
    path.write_text(
        "iso3,ccode,year,milex,milper,irst,pec,tpop,upop\nAAA,1,2000,1,1,1,1,1,1\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["power", str(path), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["comparison"] is None
    table = runner.invoke(app, ["power", str(path)])
    assert "no cinc column" in table.output


def test_out_writes_and_refuses_to_overwrite(small_csv: Path, tmp_path: Path) -> None:
    out = tmp_path / "result.csv"
    first = runner.invoke(app, ["power", str(small_csv), "--out", str(out)])
    assert first.exit_code == 0, first.output
    written = out.read_text(encoding="utf-8").splitlines()
    assert written[0].startswith("stateabb,ccode,year,milex_share")
    assert len(written) == 7

    out.write_text("keep me", encoding="utf-8")
    second = runner.invoke(app, ["power", str(small_csv), "--out", str(out)])
    assert second.exit_code == 1
    assert "already exists; pass --force to overwrite it" in second.output
    assert out.read_text(encoding="utf-8") == "keep me"
    assert "Traceback" not in second.output

    third = runner.invoke(app, ["power", str(small_csv), "--out", str(out), "--force"])
    assert third.exit_code == 0, third.output
    assert len(out.read_text(encoding="utf-8").splitlines()) == 7


def test_out_into_missing_directory(small_csv: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["power", str(small_csv), "--out", str(tmp_path / "no" / "x.csv")])
    assert result.exit_code == 1
    assert "cannot write the file" in result.output
    assert "Traceback" not in result.output


def test_bad_file_gives_located_message(bad_csv: Path) -> None:
    result = runner.invoke(app, ["power", str(bad_csv)])
    assert result.exit_code == 1
    assert f"{bad_csv}:3:15: milper: not a number: 'lots'" in result.output
    assert "1 problem found." in result.output
    assert "Traceback" not in result.output


def test_bad_file_json(bad_csv: Path) -> None:
    result = runner.invoke(app, ["power", str(bad_csv), "--json"])
    assert result.exit_code == 1
    payload = json.loads(result.stdout)
    assert payload["ok"] is False
    assert payload["problems"][0]["line"] == 3
    assert payload["problems"][0]["path"] == "milper"


def test_missing_file(tmp_path: Path) -> None:
    result = runner.invoke(app, ["power", str(tmp_path / "absent.csv")])
    assert result.exit_code == 1
    assert "cannot read the file" in result.output
    assert "Traceback" not in result.output


def test_unknown_index_is_a_usage_error(small_csv: Path) -> None:
    result = runner.invoke(app, ["power", str(small_csv), "--index", "lowy"])
    assert result.exit_code == 2
    assert "Traceback" not in result.output


@pytest.mark.realdata
def test_real_nmc_short_view_and_all(shared_data: Path) -> None:
    path = shared_data / "nmc_v6.0.csv"
    result = runner.invoke(app, ["power", str(path)])
    assert result.exit_code == 0, result.output
    assert "top 20 of 195 states in 2016" in result.output
    assert "over 15,951 state-years" in result.output
    assert "0 above 1e-06" in result.output
    lines = [line for line in result.output.splitlines() if re.match(r"[A-Z]{2,3} +2016 ", line)]
    assert len(lines) == 20
    assert lines[0].startswith("CHN")
    everything = runner.invoke(app, ["power", str(path), "--all", "--year", "1816"])
    assert everything.exit_code == 0
    assert "23 state-years" in everything.output


@pytest.mark.realdata
def test_real_v7_extract_note(shared_data: Path) -> None:
    result = runner.invoke(app, ["power", str(shared_data / "nmc_v7_2016_2020_2022.csv")])
    assert result.exit_code == 0, result.output
    assert "extract of a larger system" in result.output


def _console_script() -> str:
    found = shutil.which("equipoise")
    if found is None:
        candidate = Path(sys.executable).parent / "equipoise"
        if not candidate.exists():
            pytest.skip("the equipoise console script is not installed (pip install -e .)")
        found = str(candidate)
    return found


def test_installed_console_script(small_csv: Path, bad_csv: Path) -> None:
    script = _console_script()
    good = subprocess.run(
        [script, "power", str(small_csv), "--json"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert good.returncode == 0, good.stderr
    assert json.loads(good.stdout)["comparison"]["n_compared"] == 6

    bad = subprocess.run(
        [script, "power", str(bad_csv)], capture_output=True, text=True, timeout=60, check=False
    )
    assert bad.returncode == 1
    assert f"{bad_csv}:3:15: milper: not a number" in bad.stderr
    assert "Traceback" not in bad.stdout + bad.stderr
