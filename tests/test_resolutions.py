"""Resolved claims (issue 13, item 6): declared confidence, resolution files, scores.

Every resolution here is MADE UP (tests/data/resolutions): no real outcome is used.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from pathlib import Path

import pytest
from typer.testing import CliRunner

from equipoise.cli import app
from equipoise.errors import InputError
from equipoise.experiments.resolutions import score_claims
from equipoise.io.resolutions import Resolution, loads_resolutions, read_resolutions
from equipoise.scenario import load_scenario
from equipoise.scenario.confidence import WORDS, probability_of
from equipoise.scenario.loading import loads_scenario
from equipoise.scenario.serialize import dumps_scenario

DATA = Path(__file__).parent / "data" / "resolutions"
runner = CliRunner()


def resolution(claim: str, outcome: bool) -> Resolution:
    return Resolution(claim, outcome, dt.date(2030, 1, 1), "made up")


def test_brier_and_log_scores_by_hand() -> None:
    resolved = [resolution("a", True), resolution("b", False), resolution("c", True)]
    scores = score_claims(
        resolved, model={"a": 0.9, "b": 0.4, "c": 0.2}, holders={"a": 0.75, "b": None, "c": 0.93}
    )
    by = scores.scores.set_index("forecaster")
    # model: ((0.1)^2 + (0.4)^2 + (0.8)^2) / 3
    assert by.loc["model", "brier"] == pytest.approx((0.01 + 0.16 + 0.64) / 3)
    assert by.loc["model", "log"] == pytest.approx(
        -(math.log(0.9) + math.log(0.6) + math.log(0.2)) / 3
    )
    # holders: only a and c have a declared probability
    assert by.loc["holders", "n"] == 2
    assert by.loc["holders", "brier"] == pytest.approx((0.25**2 + 0.07**2) / 2)
    assert by.loc["holders", "log"] == pytest.approx(-(math.log(0.75) + math.log(0.93)) / 2)
    assert by.loc["coin", "brier"] == pytest.approx(0.25)
    assert by.loc["coin", "log"] == pytest.approx(math.log(2))
    bins = scores.reliability["model"]
    assert sum(b.n for b in bins) == 3
    top = next(b for b in bins if b.low == pytest.approx(0.9))
    assert top.n == 1 and top.observed_frequency == 1.0
    assert json.dumps(scores.to_dict(), allow_nan=False)


def test_a_claim_the_model_did_not_evaluate_is_refused() -> None:
    with pytest.raises(InputError, match="no probability for z"):
        score_claims([resolution("z", True)], model={"a": 0.5}, holders={})


def test_words_to_probability_rule() -> None:
    assert probability_of("Will") == 0.93
    assert probability_of("we  believe") == 0.75
    assert probability_of("could") == probability_of("may") == 0.5
    assert probability_of("unlikely") == 0.30
    assert all(0.0 < p < 1.0 for p in WORDS.values())


def test_claim_confidence_in_a_scenario() -> None:
    s = load_scenario(DATA / "madeup-scenario.toml")
    by = {c.id: c for c in s.claims}
    assert by["russia-china-above-partnership"].declared_probability == 0.93
    assert by["new-bipolarity"].declared_probability == 0.5
    assert by["us-china-competition-intensifies"].declared_probability == 0.8
    assert by["korea-drifts-to-us"].declared_probability is None
    # the words and numbers survive writing the scenario out and reading it back
    again = loads_scenario(dumps_scenario(s), file="again.toml")
    assert {c.id: c.declared_probability for c in again.claims} == {
        c.id: c.declared_probability for c in s.claims
    }


def test_unknown_words_are_a_located_error(tmp_path: Path) -> None:
    text = (DATA / "madeup-scenario.toml").read_text(encoding="utf-8")
    text = text.replace('confidence_words = "could"', 'confidence_words = "perhaps maybe"')
    path = tmp_path / "bad.toml"
    path.write_text(text.replace('"indo-pacific-2021"', '"indo-pacific-2021"'), encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_scenario(path)
    message = str(info.value)
    assert "claims" in message and "perhaps maybe" in message and "bad.toml:" in message


def test_confidence_out_of_range_is_located() -> None:
    text = (DATA / "madeup-scenario.toml").read_text(encoding="utf-8")
    with pytest.raises(InputError, match="confidence"):
        loads_scenario(text.replace("confidence = 0.8", "confidence = 1.8"), file="x.toml")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('[[resolutions]]\nclaim = "a"\noutcome = true\ndate = 2030-01-01\n', "r.toml:1:1: resolutions[0]: missing 'source'"),
        ('[[resolutions]]\nclaim = "a"\noutcome = 1\ndate = 2030-01-01\nsource = "s"\n', "3:1: resolutions[0].outcome: must be true or false"),
        ('[[resolutions]]\nclaim = "a"\noutcome = true\ndate = "soon"\nsource = "s"\n', "4:1: resolutions[0].date: must be a date"),
        ('[[resolutions]]\nclaim = "b"\noutcome = true\ndate = 2030-01-01\nsource = "s"\n', "resolutions[0].claim: the scenario has no claim 'b'"),
        ('[[resolutions]]\nclaim = "a"\noutcome = true\ndate = 2030-01-01\nsource = "s"\nwhen = 1\n', "resolutions[0].when: unknown key"),
        ('[[resolutions]]\nclaim = "a"\noutcome = true\ndate = 2030-01-01\nsource = "s"\n'
         '[[resolutions]]\nclaim = "a"\noutcome = false\ndate = 2030-01-01\nsource = "t"\n', "resolved twice (first at line 1)"),
        ("[other]\nx = 1\n", "other: unknown section"),
        ('[[resolutions]]\nclaim = "a"\noutcome = tru\n', "r.toml:3:"),
        ("", "expected at least one [[resolutions]] table"),
    ],
)  # fmt: skip
def test_bad_resolution_files_give_located_errors(text: str, expected: str) -> None:
    with pytest.raises(InputError) as info:
        loads_resolutions(text, file="r.toml", claims=["a"])
    assert expected in str(info.value)
    assert "r.toml" in str(info.value)


def test_read_the_madeup_file() -> None:
    resolved = read_resolutions(DATA / "madeup.toml")
    assert [r.outcome for r in resolved] == [True, False, True, False]
    assert resolved[0].line == 2
    with pytest.raises(InputError, match="no such file"):
        read_resolutions(DATA / "absent.toml")


def test_cli_score_end_to_end(tmp_path: Path) -> None:
    page = tmp_path / "reliability.html"
    result = runner.invoke(
        app,
        ["score", str(DATA / "madeup-scenario.toml"), "--resolutions", str(DATA / "madeup.toml"),
         "-n", "4", "--executor", "local", "--store", str(tmp_path / "runs"), "--quiet",
         "--report", str(page), "--json"],
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    by = {r["forecaster"]: r for r in data["scores"]}
    assert data["n"] == 4 and by["model"]["n"] == 4 and by["holders"]["n"] == 3
    # holders: 0.93 (true), 0.5 (false), 0.8 (true)
    assert by["holders"]["brier"] == pytest.approx((0.07**2 + 0.25 + 0.2**2) / 3)
    assert by["coin"]["brier"] == pytest.approx(0.25)
    model = {r["claim"]: r["model"] for r in data["claims"]}
    outcomes = {r["claim"]: r["outcome"] for r in data["claims"]}
    expected = sum((model[c] - outcomes[c]) ** 2 for c in model) / 4
    assert by["model"]["brier"] == pytest.approx(expected)
    assert "claims-reliability" in page.read_text(encoding="utf-8")
    # the model's probabilities can come from the stored claims run instead
    again = runner.invoke(
        app,
        ["score", str(DATA / "madeup-scenario.toml"), "--resolutions", str(DATA / "madeup.toml"),
         "--run", data["run_id"], "--store", str(tmp_path / "runs"), "--json"],
    )  # fmt: skip
    assert again.exit_code == 0, again.stderr
    assert json.loads(again.stdout)["scores"] == data["scores"]


def test_cli_score_bad_file_is_located(tmp_path: Path) -> None:
    result = runner.invoke(
        app,
        ["score", str(DATA / "madeup-scenario.toml"), "--resolutions", str(DATA / "bad.toml"),
         "-n", "2", "--executor", "local", "--store", str(tmp_path / "runs"), "--quiet"],
    )  # fmt: skip
    assert result.exit_code != 0
    text = result.stdout + result.stderr
    assert "bad.toml:2:1: resolutions[0].claim" in text and "did you mean 'new-bipolarity'" in text
    assert "bad.toml:3:1: resolutions[0].outcome" in text
