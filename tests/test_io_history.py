"""Tests of the history readers (UNGA, WEO, SIPRI, DOTS, alliances): real files and bad input."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from equipoise.errors import InputError, Problem
from equipoise.io.alliances import latest_alliances, parse_alliances, read_alliances
from equipoise.io.dots import parse_dots, read_dots, trade_dependence
from equipoise.io.sipri import parse_sipri, read_sipri
from equipoise.io.unga import dyad_distances, ideal_point_panel, parse_unga, read_unga
from equipoise.io.weo import parse_weo, read_weo

UNGA_HEADER = (
    "iso3c,ccode,countryname,year,idealpointfp,q5fp,q95fp,nvotesfp,"
    "idealpointall,q5all,q95all,nvotesall"
)


def problems(parse: object, text: str) -> tuple[Problem, ...]:
    with pytest.raises(InputError) as info:
        parse(text, source="bad.csv")  # type: ignore[operator]
    assert all(p.file == "bad.csv" for p in info.value.problems)
    return info.value.problems


# --------------------------------------------------------------------------------------------
# small made-up files


def test_unga_small_file_and_distances() -> None:
    text = (
        UNGA_HEADER + "\n"
        "USA,2,United States,2000,2.0,1.5,2.5,60,2.1,1.6,2.6,70\n"
        "CHN,710,China,2000,-1.0,-1.2,-0.8,60,-1.1,-1.3,-0.9,70\n"
        ",260,German Federal Republic,1990,,,,,,,,\n"
        "RUS,365,Russia,2000,0.5,0.3,0.7,60,0.4,0.2,0.6,70\n"
    )
    table = parse_unga(text, source="u.csv")
    assert table["line"].tolist() == [2, 3, 4, 5]
    assert table.loc[2, "iso3"] == ""
    assert np.isnan(table.loc[2, "idealpointfp"])
    panel = ideal_point_panel(table, actors=["USA", "CHN", "RUS", "TWN"], years=[2000])
    assert np.isnan(panel.loc[2000, "TWN"])  # missing, never zero
    d = dyad_distances(panel)
    got = {(a, b): v for a, b, v in zip(d["a"], d["b"], d["distance"], strict=True)}
    assert got[("USA", "CHN")] == pytest.approx(3.0)
    assert got[("CHN", "RUS")] == pytest.approx(1.5)
    assert np.isnan(got[("USA", "TWN")])


def test_unga_located_errors() -> None:
    text = (
        UNGA_HEADER + "\n"
        "USA,2,United States,2000,abc,1.5,2.5,60,2.1,1.6,2.6,70\n"
        "usa,2,United States,2001,2.0,1.5,2.5,60,2.1,1.6,2.6,70\n"
        "USA,2,United States,2000,2.0,1.5,2.5,60,2.1,1.6,2.6,70\n"
        "CHN,710,China,2000\n"
    )
    found = problems(parse_unga, text)
    shown = [str(p) for p in found]
    assert "bad.csv:2:26: idealpointfp: not a number: 'abc'" in shown[0]
    assert shown[1].startswith("bad.csv:3:1: iso3c: 'usa' is not an ISO 3166-1 alpha-3 code")
    assert shown[2].startswith(
        "bad.csv:4:5: ccode: duplicate row: ccode 2, year 2000 is also on line 2"
    )
    assert shown[3].startswith("bad.csv:5:1: this row has 4 fields; the header has 12")


def test_duplicate_key_is_located_with_the_first_line() -> None:
    text = "iso3,year,gdp_usd_bn\nUSA,2000,10\nUSA,2000,11\n"
    (p,) = problems(parse_weo, text)
    assert str(p).startswith(
        "bad.csv:3:1: iso3: duplicate row: iso3 USA, year 2000 is also on line 2"
    )


def test_missing_columns_and_wrong_layout() -> None:
    (p,) = problems(parse_weo, "iso3,gdp_usd_bn\nUSA,1\n")
    assert str(p) == (
        "bad.csv:1: year: missing required column 'year' of the IMF WEO GDP (iso3, year, "
        "gdp_usd_bn) layout"
    )
    (p,) = problems(parse_sipri, "iso3;year;milex_current_usd_m\nUSA;2000;1\n")
    assert "separated by semicolons" in str(p)
    (p,) = problems(parse_dots, "")
    assert "the file is empty" in str(p)


def test_ranges_and_missing_cells() -> None:
    text = (
        "iso3,year,milex_current_usd_m,milex_share_gdp\n"
        "USA,2000,-5,0.03\n"
        "PRK,2000,,\n"
        "FRA,2000,10,1.5\n"
        "GBR,,10,0.02\n"
    )
    shown = [str(p) for p in problems(parse_sipri, text)]
    assert shown[0].startswith("bad.csv:2:10: milex_current_usd_m: out of range: '-5'")
    assert shown[1].startswith(
        "bad.csv:4:13: milex_share_gdp: out of range: '1.5'; expected a number from 0 to 1"
    )
    assert shown[2].startswith("bad.csv:5:5: year: missing value; expected a whole number")
    table = parse_sipri("iso3,year,milex_current_usd_m\nPRK,2000,\n")
    assert np.isnan(table.loc[0, "milex_current_usd_m"])  # missing, not zero


def test_not_utf8_is_located() -> None:
    with pytest.raises(InputError) as info:
        parse_weo(b"iso3,year,gdp_usd_bn\nCIV,2000,1\nC\xf4T,2000,2\n", source="bad.csv")
    (p,) = info.value.problems
    assert (p.line, p.column) == (3, 2)


def test_alliance_flags_and_latest_year() -> None:
    header = "dataset,year,iso3_a,iso3_b,defense,offense,neutral,nonagg,consul_or_entente\n"
    table = parse_alliances(
        header + "ATOP5.1,2018,USA,JPN,1,0,0,1,1\nATOP5.1,2010,USA,JPN,1,0,0,1,1\n"
        "COW4.1,2012,RUS,CHN,0,,0,1,1\n"
    )
    latest = latest_alliances(table, up_to=2015)
    assert sorted(zip(latest["dataset"], latest["year"], strict=True)) == [
        ("ATOP5.1", 2010),
        ("COW4.1", 2012),
    ]
    (p,) = problems(parse_alliances, header + "ATOP5.1,2018,USA,JPN,2,0,0,1,1\n")
    assert str(p).startswith("bad.csv:2:22: defense: out of range: '2'; expected 0 or 1")


def test_trade_dependence_is_the_export_share() -> None:
    table = parse_dots(
        "reporter,partner,year,exports_fob_usd_m\n"
        "JPN,WLD,2020,600\nJPN,CHN,2020,150\nJPN,USA,2020,\nRUS,CHN,2020,50\n"
    )
    dep = trade_dependence(table)
    assert dep[["a", "b"]].values.tolist() == [["JPN", "CHN"]]  # no world total for RUS
    assert dep.loc[0, "dependence"] == pytest.approx(0.25)
    assert dep.loc[0, "line"] == 3


# --------------------------------------------------------------------------------------------
# the real files


@pytest.mark.realdata
def test_real_unga_2025_release(shared_data: Path) -> None:
    table = read_unga(shared_data / "unga_idealpoints_bsv2025_1946_2020.csv")
    assert len(table) == 10672
    assert table["year"].min() == 1946
    assert table["year"].max() == 2020
    in_2020 = table.loc[table["year"] == 2020]
    assert in_2020["iso3"].nunique() == 193
    usa = table.loc[(table["iso3"] == "USA") & (table["year"] == 1946)].iloc[0]
    assert usa["idealpointfp"] == pytest.approx(1.663375)
    assert usa["line"] == 2


@pytest.mark.realdata
def test_real_weo_sipri_dots_alliances(shared_data: Path) -> None:
    weo = read_weo(shared_data / "gdp_imf_weo_1990_2020.csv")
    assert weo["iso3"].nunique() == 22
    assert weo.loc[(weo["iso3"] == "ARG") & (weo["year"] == 1990), "gdp_usd_bn"].item() == 158.024
    sipri = read_sipri(shared_data / "milex_sipri_1990_2020.csv")
    assert sipri.loc[sipri["iso3"] == "PRK", "milex_current_usd_m"].isna().all()
    dots = read_dots(shared_data / "trade_imf_dots_2010_2020.csv")
    dep = trade_dependence(dots)
    assert dep["dependence"].between(0, 1).all()
    assert len(dep) > 1500
    alliances = read_alliances(shared_data / "alliances.csv")
    assert set(alliances["dataset"]) == {"ATOP5.1", "COW4.1"}


# --------------------------------------------------------------------------------------------
# properties


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.lists(
            st.one_of(
                st.sampled_from(["USA", "CHN", "", "NA", "-9", "2000", "2001", "1.5", "x", '"q,"']),
                st.text(alphabet='0123456789.,-e"ABC \n', max_size=6),
            ),
            min_size=1,
            max_size=5,
        ),
        max_size=6,
    )
)
def test_any_text_gives_a_table_or_located_problems(rows: list[list[str]]) -> None:
    text = "iso3,year,gdp_usd_bn\n" + "\n".join(",".join(r) for r in rows)
    try:
        table = parse_weo(text, source="fuzz.csv")
    except InputError as exc:
        found = exc.problems
        assert all(p.file == "fuzz.csv" for p in found)
        assert all(p.line is None or p.line >= 1 for p in found)
    else:
        assert list(table.columns) == ["iso3", "year", "gdp_usd_bn", "source", "line"]
        assert table["iso3"].str.fullmatch("[A-Z]{3}").all()
        assert (table["gdp_usd_bn"].dropna() >= 0).all()


def test_nmc_values_reader_reads_both_missing_codes() -> None:
    from equipoise.io._csvtable import parse_table
    from equipoise.io.nmc import VALUES_LAYOUT

    v6 = "stateabb,ccode,year,milex,milper,irst,pec,tpop,upop,cinc\nUSA,2,2016,-9,1,2,3,4,5,0.1\n"
    v7 = "iso3,ccode,year,milex,milper,irst,pec,tpop,upop,cinc\nUSA,2,2016,,1,2,3,4,5,\n"
    for text in (v6, v7):
        table = parse_table(text, VALUES_LAYOUT)
        assert np.isnan(table.loc[0, "milex"])
        assert table.loc[0, "upop"] == 5.0
    (p,) = problems(
        lambda data, source: parse_table(data, VALUES_LAYOUT, source=source),
        v6.replace(",-9,", ",-5,"),
    )
    assert str(p).startswith("bad.csv:2:12: milex: out of range: '-5'")
