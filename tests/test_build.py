"""Tests of ``equipoise build``: scenarios built from data up to a year, every number sourced."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from equipoise.cli import app
from equipoise.compile import compile_scenario
from equipoise.errors import InputError
from equipoise.scenario.build import (
    FILES,
    GROUPS,
    HistoryData,
    build_scenario,
    load_history,
)
from equipoise.scenario.loading import loads_scenario

runner = CliRunner()

UNGA = (
    "iso3c,ccode,countryname,year,idealpointfp\n"
    "USA,2,United States,2009,2.0\nUSA,2,United States,2010,2.1\nUSA,2,United States,2011,9.0\n"
    "CHN,710,China,2009,-0.5\nCHN,710,China,2010,-0.4\nCHN,710,China,2011,9.0\n"
    "JPN,740,Japan,2010,0.6\n"
)
NMC = (
    "stateabb,ccode,year,milex,milper,irst,pec,tpop,upop\n"
    "USA,2,2005,500,1400,90000,3000000,300000,200000\n"
    "USA,2,2010,600,1500,80000,3100000,310000,210000\n"
    "CHN,710,2005,50,2300,300000,2000000,1300000,500000\n"
    "CHN,710,2010,100,2300,600000,3000000,1340000,600000\n"
    "JPN,740,2010,50,-9,100000,600000,127000,110000\n"
)
WEO = "iso3,year,gdp_usd_bn\nUSA,2005,13000\nUSA,2010,15000\nCHN,2010,6000\nJPN,2010,5700\nUSA,2011,99999\n"


@pytest.fixture
def small_data(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / FILES["unga"]).write_text(UNGA, encoding="utf-8")
    (folder / FILES["nmc"]).write_text(NMC, encoding="utf-8")
    (folder / FILES["weo"]).write_text(WEO, encoding="utf-8")
    return folder


def test_small_build_hand_checked(small_data: Path) -> None:
    result = build_scenario(load_history(small_data), actors=["USA", "CHN", "JPN"], year=2010)
    s = loads_scenario(result.to_toml())  # the text is a valid scenario
    assert s == result.scenario
    assert s.scenario.start_year == 2010
    # never a number from 2011 (after the build year)
    assert all(ind.year <= 2010 for ind in s.indicators)
    gdp = {ind.year: ind for ind in s.indicators if ind.name == "gdp"}
    assert gdp[2010].values == {"CHN": 6000.0, "JPN": 5700.0, "USA": 15000.0}
    assert gdp[2010].sources["USA"] == f"{FILES['weo']} line 3"
    assert gdp[2005].values == {"USA": 13000.0}
    assert "CHN, JPN" in gdp[2005].note  # missing is said, not zero
    milper = next(i for i in s.indicators if i.name == "milper" and i.year == 2010)
    assert "JPN" not in milper.values  # NMC -9
    rel = {r.pair: r for r in s.relations}
    # base = clip(0.30 - 0.10 x |2.1 - (-0.4)|) = 0.05
    assert rel[("USA", "CHN")].weight == pytest.approx(0.05)
    assert rel[("USA", "CHN")].kind == "neutral"
    assert "lines 3, 6" in rel[("USA", "CHN")].source
    assert rel[("USA", "JPN")].weight == pytest.approx(0.15)
    assert s.ties == ()
    notes = " ".join(result.notes)
    assert f"{FILES['dots']} is absent" in notes
    assert f"{FILES['alliances']} is absent" in notes
    compiled = compile_scenario(s)
    assert np.isfinite(compiled.power).all()


def test_growth_past_the_limit_is_held_with_a_note(small_data: Path) -> None:
    # China's milex 50 -> 900 in five years: (18)^(1/5) - 1 = 0.78 a year, past the 0.5 limit
    nmc = NMC.replace("CHN,710,2010,100,", "CHN,710,2010,900,")
    (small_data / FILES["nmc"]).write_text(nmc, encoding="utf-8")
    result = build_scenario(load_history(small_data), actors=["USA", "CHN", "JPN"], year=2010)
    s = loads_scenario(result.to_toml())
    milex = {ind.year: ind for ind in s.indicators if ind.name == "milex"}
    assert set(milex[2005].values) == {"USA"}  # China's 2005 value left out: no trend
    assert "CHN (+0.78 a year)" in milex[2005].note
    assert set(milex[2005].sources) == {"USA"}
    assert any("milex: growth 2005–2010" in n and "CHN" in n for n in result.notes)
    compile_scenario(s)  # compiles: China's level is held


def test_year_after_2020_and_unknown_actors_are_refused(small_data: Path) -> None:
    data = load_history(small_data)
    with pytest.raises(InputError, match="the data end in 2020"):
        build_scenario(data, actors=["USA", "CHN"], year=2021)
    with pytest.raises(InputError) as info:
        build_scenario(data, actors=["USA", "BRA", "U1"], year=2010)
    shown = [str(p) for p in info.value.problems]
    assert any("BRA is in none of the data sets at or before 2010" in p for p in shown)
    assert any("'U1' is not an ISO 3166-1 alpha-3 code" in p for p in shown)


def test_bad_data_file_is_located(small_data: Path) -> None:
    (small_data / FILES["weo"]).write_text(
        "iso3,year,gdp_usd_bn\nUSA,2010,lots\n", encoding="utf-8"
    )
    with pytest.raises(InputError) as info:
        load_history(small_data)
    (p,) = info.value.problems
    assert str(p).endswith(
        f"{FILES['weo']}:2:10: gdp_usd_bn: not a number: 'lots'; expected a number of at least 0, or an empty cell for missing"
    )


def test_cli_never_overwrites_and_validates(small_data: Path, tmp_path: Path) -> None:
    target = tmp_path / "built.toml"
    args = ["build", "--actors", "USA,CHN,JPN", "--year", "2010", "--data", str(small_data)]
    result = runner.invoke(app, [*args, "-o", str(target), "--json"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output)
    assert summary["actors"] == 3
    assert runner.invoke(app, ["validate", str(target)]).exit_code == 0
    before = target.read_text(encoding="utf-8")
    again = runner.invoke(app, [*args, "-o", str(target)])
    assert again.exit_code == 1
    assert "already exists" in again.output
    assert target.read_text(encoding="utf-8") == before
    printed = runner.invoke(app, [*args, "--json"])
    assert printed.exit_code == 0
    assert loads_scenario(json.loads(printed.output)["toml"]).scenario.start_year == 2010
    late = runner.invoke(app, [*args[:-4], "--year", "2022", "--data", str(small_data)])
    assert late.exit_code == 1
    assert "the data end in 2020" in late.output


@pytest.mark.realdata
def test_real_g20_build_is_valid_and_sourced(shared_data: Path) -> None:
    result = build_scenario(load_history(shared_data), actors=["G20"], year=2020)
    s = loads_scenario(result.to_toml())
    assert s.actor_codes == GROUPS["G20"]
    for ind in s.indicators:
        assert ind.year <= 2020
        assert set(ind.sources) == set(ind.values)  # every value names its file and line
    assert {i.name for i in s.indicators} >= {
        "milex",
        "tpop",
        "gdp",
        "milex_sipri",
        "unga_ideal_point",
    }
    assert len(s.relations) == 19 * 18 // 2
    kinds = {r.pair: r.kind for r in s.relations}
    assert kinds[("FRA", "USA")] == "alliance" or kinds.get(("USA", "FRA")) == "alliance"
    assert len(s.ties) > 50
    assert all(0 <= t.value <= 1 for t in s.ties)
    assert np.isfinite(compile_scenario(s).power).all()


@pytest.mark.realdata
def test_real_build_uses_no_data_after_the_year(shared_data: Path) -> None:
    """A build from the whole data equals one from the data cut at the build year."""
    full = load_history(shared_data)
    cut = HistoryData(
        folder=full.folder,
        frames={
            k: (None if f is None else f.loc[f["year"] <= 2012].reset_index(drop=True))
            for k, f in full.frames.items()
        },
        digests=full.digests,
    )
    actors = ["USA", "CHN", "RUS", "JPN", "IND", "FRA", "GBR", "KOR"]
    a = build_scenario(full, actors=actors, year=2012)
    b = build_scenario(cut, actors=actors, year=2012)
    assert a.to_toml() == b.to_toml()


@pytest.mark.realdata
@pytest.mark.slow
def test_real_whole_un_membership_builds(shared_data: Path) -> None:
    result = build_scenario(load_history(shared_data), actors=["UN"], year=2020)
    assert len(result.scenario.actors) == 193
    s = loads_scenario(result.to_toml())
    assert len(s.relations) == 193 * 192 // 2
    compile_scenario(s)  # growth past the limit (SOM's milper, OMN's irst) is held, not fatal


def test_build_writes_the_calibrated_parameters_with_their_source(small_data: Path) -> None:
    from equipoise.observation.calibrated import shipped_calibration

    cal = shipped_calibration()
    history = load_history(small_data)
    result = build_scenario(history, actors=["USA", "CHN", "JPN"], year=2010)
    s = result.scenario
    assert s.parameters == {k: v.median for k, v in cal.parameters.items()}
    ranges = {u.target: (u.low, u.mode, u.high) for u in s.uncertainties}
    for name, v in cal.parameters.items():
        assert ranges[f"parameters.{name}"] == (v.low, v.median, v.high)
    assert all(u.distribution == "triangular" and cal.run in u.source for u in s.uncertainties)
    text = result.to_toml()
    assert loads_scenario(text) == s
    line = next(x for x in text.splitlines() if x.startswith("balance_rate ="))
    assert "# posterior median" in line and cal.run in line and "--until 2020" in line
    compile_scenario(s)  # the ranges are valid targets
    plain = build_scenario(history, actors=["USA", "CHN", "JPN"], year=2010, calibrated=False)
    assert plain.scenario.parameters == {} and plain.scenario.uncertainties == ()


def test_cli_build_uncalibrated_keeps_the_defaults(small_data: Path) -> None:
    args = ["build", "--actors", "USA,CHN,JPN", "--year", "2010", "--data", str(small_data)]
    calibrated = runner.invoke(app, [*args, "--json"])
    assert calibrated.exit_code == 0, calibrated.output
    assert set(json.loads(calibrated.stdout)["parameters"]) == {"balance_rate", "inertia_rate"}
    plain = runner.invoke(app, [*args, "--json", "--uncalibrated"])
    assert plain.exit_code == 0, plain.output
    assert json.loads(plain.stdout)["parameters"] == {}
