"""Tests of the NMC reader: real COW data, hand-computed files and located bad-input errors."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from numpy.testing import assert_allclose

from equipoise.errors import InputError, Problem
from equipoise.io.nmc import (
    MAX_PROBLEMS,
    SHARE_COLUMNS,
    TABLE_COLUMNS,
    NmcTable,
    parse_nmc,
    read_nmc,
)

HEADER = "stateabb,ccode,year,milex,milper,irst,pec,tpop,upop,cinc,version"

# The 3-state, 2-year system of tests/test_power.py in the NMC layout, with C's 1817 milex
# missing (-9). File cinc values are the hand-computed ones (see test_power.py for the
# arithmetic): 1816: 2.15/6, 2.6/6, 1.25/6; 1817: 2.45/6, 2.25/6, 1.3/5.
SMALL = (
    HEADER + "\n"
    "AAA,1,1816,60,10,5,40,100,20,0.358333333,2021\n"
    "BBB,2,1816,30,30,5,40,200,30,0.433333333,2021\n"
    "CCC,3,1816,10,10,0,20,100,50,0.208333333,2021\n"
    "AAA,1,1817,50,20,6,50,100,25,0.408333333,2021\n"
    "BBB,2,1817,50,20,2,30,300,25,0.375,2021\n"
    "CCC,3,1817,-9,10,2,20,100,50,0.26,2021\n"
)


def problems_of(data: bytes | str) -> tuple[Problem, ...]:
    with pytest.raises(InputError) as info:
        parse_nmc(data, source="bad.csv")
    problems = info.value.problems
    assert all(p.file == "bad.csv" for p in problems)
    return problems


# --------------------------------------------------------------------------------------------
# Hand-computed
# --------------------------------------------------------------------------------------------


def test_small_table_hand_computed() -> None:
    result = parse_nmc(SMALL.encode(), source="small.csv")
    table = result.table
    assert list(table.columns) == list(TABLE_COLUMNS)
    assert len(table) == 6
    assert_allclose(
        table["cinc"], [2.15 / 6, 2.6 / 6, 1.25 / 6, 2.45 / 6, 2.25 / 6, 1.3 / 5], rtol=1e-14
    )
    assert np.isnan(table.loc[5, "milex_share"])
    assert table["n_components"].tolist() == [6, 6, 6, 6, 6, 5]
    assert table.loc[3, "milex_share"] == pytest.approx(0.5)  # 50 / (50 + 50), C left out
    assert table["ccode"].dtype == np.int64
    assert table["year"].tolist() == [1816] * 3 + [1817] * 3
    comparison = result.comparison
    assert comparison is not None
    assert comparison.n_compared == 6
    assert comparison.max_abs_diff < 1e-9
    assert comparison.n_above_tolerance == 0
    assert not comparison.looks_like_extract


def test_empty_cells_and_na_mean_missing_and_iso3_is_accepted() -> None:
    text = (
        "iso3,ccode,year,milex,milper,irst,pec,tpop,upop\n"
        "AAA,1,2000,,1,1,1,1,1\n"
        "BBB,2,2000,NA,1,1,1,1,1\n"
        "CCC,3,2000,4,1,1,1,1,1\n"
    )
    result = parse_nmc(text, source="x.csv")
    assert result.state_column == "iso3"
    assert result.table["stateabb"].tolist() == ["AAA", "BBB", "CCC"]
    assert result.table["n_components"].tolist() == [5, 5, 6]
    assert_allclose(result.table["cinc"], [1 / 3, 1 / 3, (1 + 5 / 3) / 6])
    assert result.comparison is None
    assert result.table["file_cinc"].isna().all()


def test_rows_in_any_order_and_extra_columns() -> None:
    lines = SMALL.strip().split("\n")
    shuffled = "\n".join([lines[0] + ",note", *(f"{x},hello" for x in reversed(lines[1:]))])
    result = parse_nmc(shuffled + "\r\n")
    assert_allclose(
        result.table["cinc"],
        [1.3 / 5, 2.25 / 6, 2.45 / 6, 1.25 / 6, 2.6 / 6, 2.15 / 6],
        rtol=1e-14,
    )


def test_utf8_bom_crlf_and_quoted_fields() -> None:
    text = (
        '\ufeff"stateabb","ccode",year,milex,milper,irst,pec,tpop,upop\r\n"A,B",1,1,1,1,1,1,1,1\r\n'
    )
    result = parse_nmc(text.encode("utf-8"))
    assert result.table["stateabb"].tolist() == ["A,B"]
    assert result.table["cinc"].tolist() == [1.0]


def test_select_years_recomputes_comparison() -> None:
    result = parse_nmc(SMALL)
    picked = result.select_years([1817])
    assert picked.table["year"].unique().tolist() == [1817]
    assert picked.comparison is not None
    assert picked.comparison.n_compared == 3
    assert result.years == [1816, 1817]


# --------------------------------------------------------------------------------------------
# Real data: COW NMC v6.0 (whole file) and NMC v7.0 rows
# --------------------------------------------------------------------------------------------


@pytest.mark.realdata
def test_nmc_v6_matches_file_cinc_on_every_row(shared_data: Path) -> None:
    result = read_nmc(shared_data / "nmc_v6.0.csv")
    table = result.table
    # data/README.md says 15,950 state-years; the file has 15,951 data rows (plus the header,
    # and no newline after the last row), 1816-2016.
    assert len(table) == 15_951
    assert result.years[0] == 1816
    assert result.years[-1] == 2016
    assert not table["cinc"].isna().any()
    assert (table["abs_diff"] <= 1e-6).all()
    comparison = result.comparison
    assert comparison is not None
    assert comparison.n_compared == 15_951
    assert comparison.n_above_tolerance == 0
    assert comparison.max_abs_diff < 1e-7  # measured: 2.4e-08
    assert comparison.min_year_sum >= 0.99
    # a known row: USA 1816, file cinc 0.039697491
    usa = table[(table["stateabb"] == "USA") & (table["year"] == 1816)]
    assert float(usa["cinc"].iloc[0]) == pytest.approx(0.039697491, abs=1e-9)
    # missing data are present in the file (-9) and handled: 2,217 missing milex values
    assert int(table["milex_share"].isna().sum()) == 2217


@pytest.mark.realdata
def test_nmc_v6_extract_agrees_with_whole_file(shared_data: Path) -> None:
    # The 2016 extract's cinc column was computed by COW over the whole system; our CINC
    # computed from the whole v6.0 file must reproduce it for those states.
    whole = read_nmc(shared_data / "nmc_v6.0.csv").select_years([2016]).table
    extract = read_nmc(shared_data / "nmc_v6_2016.csv")
    assert extract.state_column == "cow_stateabb"
    merged = extract.table.merge(whole, on=["ccode", "year"], suffixes=("_x", ""))
    assert len(merged) == len(extract.table) == 14
    assert_allclose(merged["cinc"], merged["file_cinc_x"], atol=1e-6)


@pytest.mark.realdata
def test_nmc_v7_rows_load_and_are_consistent(shared_data: Path) -> None:
    """The v7.0 rows: empty cells are missing; the file's cinc is from the whole v7 system.

    The 42-row extract (14 states × 2016, 2020, 2022) lacks the other ~180 states, so the
    computed shares are shares of the extract, not of the system, and cannot equal the file's
    cinc. What must hold is that the file's cinc is the same computation with the system
    totals of the full data: cinc_i = mean over present k of share_ik × r_k, where
    r_k = (extract total of k) / (system total of k) is unknown but one per component-year.
    Fitting the six r_k per year by least squares must leave residuals at the rounding of the
    file's 8-significant-digit cinc, with every r_k in (0, 1]. That checks the shares, the
    missing-data handling (PRK's milex is NA: its mean is over five components) and the
    per-year grouping.
    """
    result = read_nmc(shared_data / "nmc_v7_2016_2020_2022.csv")
    table = result.table
    assert result.state_column == "iso3"
    assert len(table) == 42
    assert result.years == [2016, 2020, 2022]
    prk = table[table["stateabb"] == "PRK"]
    assert prk["milex_share"].isna().all()
    assert (prk["n_components"] == 5).all()
    assert (table.loc[table["stateabb"] != "PRK", "n_components"] == 6).all()
    for _, year_rows in table.groupby("year"):
        shares = year_rows[list(SHARE_COLUMNS)].to_numpy()
        assert_allclose(np.nansum(shares, axis=0), 1.0, rtol=1e-12)
        design = np.nan_to_num(shares) / year_rows["n_components"].to_numpy()[:, None]
        file_cinc = year_rows["file_cinc"].to_numpy()
        ratios, *_ = np.linalg.lstsq(design, file_cinc, rcond=None)
        assert np.abs(design @ ratios - file_cinc).max() < 1e-8
        assert ((ratios > 0) & (ratios <= 1)).all()
    comparison = result.comparison
    assert comparison is not None
    assert comparison.looks_like_extract  # the file's cinc sums to about 0.63 a year


# --------------------------------------------------------------------------------------------
# Bad input: every kind gives an InputError located by line and column
# --------------------------------------------------------------------------------------------


def test_missing_required_column() -> None:
    problems = problems_of(SMALL.replace("milper", "soldiers"))
    assert [(p.line, p.path) for p in problems] == [(1, "milper")]
    assert "missing required column" in problems[0].message


def test_missing_state_column() -> None:
    problems = problems_of(SMALL.replace("stateabb", "name"))
    assert [(p.line, p.path) for p in problems] == [(1, "stateabb")]


def test_non_numeric_value_is_located() -> None:
    bad = SMALL.replace("BBB,2,1816,30,30,5", "BBB,2,1816,30,abc,5")
    (problem,) = problems_of(bad)
    # line 3; "BBB,2,1816,30," is 14 characters, so milper starts at column 15
    assert (problem.line, problem.column, problem.path) == (3, 15, "milper")
    assert "not a number: 'abc'" in problem.message
    assert str(problem).startswith("bad.csv:3:15: milper: ")


def test_negative_value_other_than_minus_nine() -> None:
    bad = SMALL.replace("CCC,3,1817,-9,10", "CCC,3,1817,-9,-10")
    (problem,) = problems_of(bad)
    assert (problem.line, problem.column, problem.path) == (7, 15, "milper")
    assert "negative" in problem.message


def test_negative_file_cinc_and_missing_year() -> None:
    bad = SMALL.replace("0.375,2021", "-0.375,2021").replace("AAA,1,1817", "AAA,1,")
    problems = problems_of(bad)
    assert [(p.line, p.path) for p in problems] == [(5, "year"), (6, "cinc")]


def test_duplicate_state_year() -> None:
    bad = SMALL + "BBB,2,1817,1,1,1,1,1,1,0.1,2021\n"
    (problem,) = problems_of(bad)
    assert (problem.line, problem.column, problem.path) == (8, 5, "ccode")
    assert "duplicate state-year" in problem.message
    assert "line 6" in problem.message


def test_wrong_number_of_fields() -> None:
    bad = SMALL.replace("CCC,3,1816,10,10,0,20,100,50,0.208333333,2021", "CCC,3,1816,10")
    (problem,) = problems_of(bad)
    assert problem.line == 4
    assert "4 fields" in problem.message


@pytest.mark.parametrize("data", [b"", b"\n\n  \n", ",,,\n"])
def test_empty_file(data: bytes | str) -> None:
    (problem,) = problems_of(data)
    assert problem.line == 1
    assert "empty" in problem.message or "no header" in problem.message


def test_header_without_rows() -> None:
    (problem,) = problems_of(HEADER + "\n")
    assert problem.line == 2
    assert "no data rows" in problem.message


def test_not_utf8_gives_line_and_column_of_first_bad_byte() -> None:
    bad = SMALL.encode().replace(b"CCC,3,1816", b"C\xe9C,3,1816")
    (problem,) = problems_of(bad)
    assert (problem.line, problem.column) == (4, 2)
    assert "not UTF-8" in problem.message
    assert "0xe9" in problem.message


def test_not_a_csv() -> None:
    (problem,) = problems_of(b'{"stateabb": "USA", "year": 1816}\n')
    assert problem.line == 1
    assert "not a CSV table" in problem.message
    (problem,) = problems_of(SMALL.replace(",", ";"))
    assert "semicolons" in problem.message
    problems = problems_of(SMALL.replace("BBB,2,1816", '"BBB"x,2,1816'))
    assert problems[-1].line == 3
    assert "not a CSV file" in problems[-1].message


def test_binary_file() -> None:
    (problem,) = problems_of(bytes(range(256)) * 4)
    assert "not UTF-8" in problem.message


def test_every_problem_at_once_capped() -> None:
    rows = [f"S{i},{i},2000,x,1,1,1,1,1" for i in range(80)]
    text = "stateabb,ccode,year,milex,milper,irst,pec,tpop,upop\n" + "\n".join(rows)
    problems = problems_of(text)
    assert len(problems) == MAX_PROBLEMS + 1
    assert problems[-1].message == "and 30 more problems"
    assert [p.line for p in problems[:3]] == [2, 3, 4]


def test_several_kinds_reported_together_in_line_order() -> None:
    bad = (
        SMALL.replace("AAA,1,1816,60", "AAA,1,1816,sixty")
        .replace("BBB,2,1817,50,20,2,30,300,25", "BBB,2,1817.5,50,20,2,30,300,25")
        .replace("CCC,3,1817,-9", "CCC,3,1817,-1")
    )
    problems = problems_of(bad)
    assert [(p.line, p.path) for p in problems] == [(2, "milex"), (6, "year"), (7, "milex")]


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read"):
        read_nmc(tmp_path / "absent.csv")
    with pytest.raises(InputError, match="cannot read"):
        read_nmc(tmp_path)


def test_read_from_disk(tmp_path: Path) -> None:
    path = tmp_path / "small.csv"
    path.write_text(SMALL, encoding="utf-8")
    result = read_nmc(path)
    assert isinstance(result, NmcTable)
    assert result.source == str(path)
    assert isinstance(result.table, pd.DataFrame)


# --------------------------------------------------------------------------------------------
# Fuzzing: a mutated valid file is either read or rejected with an InputError, nothing else
# --------------------------------------------------------------------------------------------


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    data = bytearray(SMALL.encode())
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["insert", "delete", "column", "cell", "truncate", "dup"]))
        if kind == "insert":
            at = draw(st.integers(0, len(data)))
            data[at:at] = draw(st.binary(min_size=1, max_size=8))
        elif kind == "delete" and data:
            at = draw(st.integers(0, len(data) - 1))
            del data[at : at + draw(st.integers(1, 10))]
        elif kind == "column":
            lines = bytes(data).split(b"\n")
            k = draw(st.integers(0, 10))
            data = bytearray(
                b"\n".join(
                    b",".join(x for j, x in enumerate(line.split(b",")) if j != k) for line in lines
                )
            )
        elif kind == "cell":
            lines = bytes(data).split(b"\n")
            i = draw(st.integers(0, len(lines) - 1))
            cells = lines[i].split(b",")
            j = draw(st.integers(0, len(cells) - 1))
            cells[j] = draw(
                st.sampled_from(
                    [b"abc", b"", b"-3", b"1e999", b"NA", b'"', b"-9", b"1.5", b"nan", b" 7 "]
                )
            )
            lines[i] = b",".join(cells)
            data = bytearray(b"\n".join(lines))
        elif kind == "truncate":
            data = data[: draw(st.integers(0, len(data)))]
        elif kind == "dup":
            lines = bytes(data).split(b"\n")
            i = draw(st.integers(0, len(lines) - 1))
            lines.insert(i, lines[i])
            data = bytearray(b"\n".join(lines))
    return bytes(data)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_fuzz_mutated_file_gives_table_or_input_error(data: bytes) -> None:
    # Anything other than InputError propagates and fails the test.
    result: NmcTable | None = None
    problems: tuple[Problem, ...] = ()
    try:
        result = parse_nmc(data, source="fuzz.csv")
    except InputError as exc:
        problems = exc.problems
    if result is None:
        assert problems
        assert all(p.file == "fuzz.csv" for p in problems)
        assert all(p.line is None or p.line >= 1 for p in problems)
    else:
        assert list(result.table.columns) == list(TABLE_COLUMNS)
        cinc = result.table["cinc"].dropna()
        assert ((cinc >= 0) & (cinc <= 1 + 1e-12)).all()
