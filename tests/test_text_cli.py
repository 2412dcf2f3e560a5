"""`equipoise extract` and `equipoise review` end to end, bad input, and the evaluation."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from equipoise.cli import app
from equipoise.scenario import load_scenario
from equipoise.text.evaluate import evaluate_gold, load_gold, main, scenario_context, summarise

runner = CliRunner()
DATA = Path(__file__).parent / "data" / "text"
# heldout_07-10 (development texts since round 6): the round-6 reader's fitted figures, rounded
# down (`python -m equipoise.text.evaluate tests/data/text/heldout_0[7-9].gold.json
# tests/data/text/heldout_10.gold.json`); regression floors, not held-out estimates. Round 7
# retrained the pair model on 64 texts: relations 0.94 / 0.87 -> 0.92 / 0.94 here
FLOOR_07_10 = {
    "actors P": 1.0,
    "actors R": 1.0,
    # round 9: 0.88 / 0.88 (the pair model, retrained on 88 texts with C = 0.3, fits these four
    # less closely than the round-7 model with C = 3 did: 0.92 / 0.94); round 11 (112 texts):
    # 0.88 / 0.87
    "relations P": 0.88,
    "relations R": 0.86,
    "events R": 0.87,
    "claims P": 1.0,
    "claims R": 1.0,
    "holders": 1.0,
    "event dates": 0.96,
}
TEXT = (
    "Beijing imposed sanctions against Seoul in March 2017. "
    "If Japan and Russia sign a peace treaty, relations will improve, Russian experts believe.\n"
)


def invoke(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), input=stdin)
    return result.exit_code, result.stdout, result.stderr


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_extract_json_shape(tmp_path: Path) -> None:
    path = write(tmp_path, "t.txt", TEXT.encode())
    code, stdout, _ = invoke("extract", str(path), "--json", "--date", "2021-01-01")
    assert code == 0
    data = json.loads(stdout)
    assert [a["code"] for a in data["actors"]] == ["CHN", "KOR", "JPN", "RUS"]
    rel = data["relations"][0]
    assert (rel["a"], rel["b"], rel["sign"], rel["kind"]) == ("CHN", "KOR", -1, "sanctions")
    assert TEXT[rel["span"][0] : rel["span"][1]].startswith("Beijing imposed")
    assert data["events"][0]["date"] == "2017-03"
    claim = data["claims"][0]
    assert claim["holder"] == "Russian experts"
    assert claim["condition"] == "Japan and Russia sign a peace treaty"
    assert claim["direction"] == "increase"


def test_extract_out_and_html_never_overwrite(tmp_path: Path) -> None:
    path = write(tmp_path, "t.txt", TEXT.encode())
    out, page = tmp_path / "draft.toml", tmp_path / "page.html"
    code, stdout, _ = invoke("extract", str(path), "--out", str(out), "--html", str(page))
    assert code == 0, stdout
    code, stdout, _ = invoke("validate", str(out))
    assert code == 0 and "valid scenario" in stdout
    html = page.read_text(encoding="utf-8")
    assert 'class="actor"' in html and "<script" not in html and "http" not in html
    before = out.read_bytes()
    code, _, stderr = invoke("extract", str(path), "--out", str(out))
    assert code == 1 and "already exists" in stderr
    assert out.read_bytes() == before


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "the file is empty"),
        (b"  \n\n ", "only white space"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
        ("Caf\u00e9 diplomacy in Tokyo.".encode("latin-1"), "not UTF-8"),
        ("Tokyo".encode("utf-16"), "UTF-16"),
    ],
)
def test_bad_input_is_located(tmp_path: Path, data: bytes, message: str) -> None:
    path = write(tmp_path, "bad.txt", data)
    code, stdout, stderr = invoke("extract", str(path))
    assert code == 1
    assert message in stderr
    assert str(path) in stderr
    assert "Traceback" not in stdout + stderr


def test_bad_date_and_missing_file(tmp_path: Path) -> None:
    path = write(tmp_path, "t.txt", TEXT.encode())
    code, _, stderr = invoke("extract", str(path), "--date", "2021-13-01")
    assert code == 1 and "--date" in stderr
    code, _, stderr = invoke("extract", str(tmp_path / "nope.txt"))
    assert code == 1 and "file not found" in stderr


def test_nothing_found_says_so(tmp_path: Path) -> None:
    path = write(tmp_path, "recipe.txt", b"Boil the water. Add the pasta and stir.\n")
    out = tmp_path / "d.toml"
    code, _, stderr = invoke("extract", str(path), "--out", str(out))
    assert code == 0
    assert "nothing found" in stderr
    assert not out.exists()


def test_large_text_works(tmp_path: Path) -> None:
    body = (TEXT * 1200).encode()  # about 170,000 characters: the progress bar is shown
    path = write(tmp_path, "big.txt", body)
    code, stdout, _ = invoke("extract", str(path), "--json")
    assert code == 0
    data = json.loads(stdout)
    assert len(data["claims"]) == 1200
    assert data["chars"] == len(body.decode())


def test_review_with_piped_answers(tmp_path: Path) -> None:
    path = write(tmp_path, "t.txt", (TEXT + "Ukraine and Russia clashed in 2014.\n").encode())
    draft = tmp_path / "draft.toml"
    assert invoke("extract", str(path), "--out", str(draft))[0] == 0
    drafted = load_scenario(draft)
    n_items = sum(
        1
        for section in (drafted.actors, drafted.relations, drafted.events, drafted.claims)
        for item in section
        if item.draft
    )
    # accept the first item, edit the second (a new note), reject the rest
    answers = 'a\ne\nnote = "checked"\n\n' + "r\n" * (n_items - 2)
    reviewed = tmp_path / "reviewed.toml"
    code, stdout, stderr = invoke("review", str(draft), "--out", str(reviewed), stdin=answers)
    assert code == 0, stdout + stderr
    assert "2 accepted (1 edited)" in stdout
    merged = load_scenario(reviewed)
    assert not any(item.draft for item in [*merged.actors, *merged.relations, *merged.claims])
    assert "UKR" in merged.actor_codes
    assert any(a.note == "checked" for a in merged.actors) or any(
        r.note == "checked" for r in merged.relations
    )
    code, _, stderr = invoke("review", str(draft), "--out", str(reviewed), stdin="a\n")
    assert code == 1 and "already exists" in stderr


def test_review_quit_keeps_accepted_items(tmp_path: Path) -> None:
    path = write(tmp_path, "t.txt", TEXT.encode())
    draft = tmp_path / "draft.toml"
    assert invoke("extract", str(path), "--out", str(draft))[0] == 0
    reviewed = tmp_path / "r.toml"
    code, stdout, _ = invoke("review", str(draft), "--out", str(reviewed), stdin="a\nq\n")
    assert code == 0
    assert "1 accepted" in stdout
    load_scenario(reviewed)


# evaluation -----------------------------------------------------------------------------------


def test_gold_annotations_match_their_texts() -> None:
    for path in sorted(DATA.glob("heldout_*.gold.json")):
        gold, text = load_gold(path, None)
        for code, spans in gold["actors"].items():
            for s, e, quote in spans:
                assert text[s:e] == quote, (path.name, code)


def test_held_out_texts_against_the_targets() -> None:
    """A regression floor at the issue's targets on the pooled heldout_01-06 texts.

    Not a held-out measurement: heldout_01-05 are development texts since rounds 2 and 4 (the
    rules were fixed on their errors), heldout_06 since round 5 (the pair model is trained on
    every development text). The first-run figures of every round are in docs/text.md
    ("Evaluation"); this test only keeps the pooled figures from regressing. A later held-out
    set (heldout_07+) is not read here: it is measured once, by hand.
    """
    ctx = scenario_context(load_scenario("indo-pacific-2021"))
    docs, _ = evaluate_gold(sorted(DATA.glob("heldout_0[1-6].gold.json")), ctx, None)
    s = summarise(docs, n_boot=50)
    c, a = s["counts"], s["accuracy"]
    assert c["actors"]["precision"] >= 0.95 and c["actors"]["recall"] >= 0.95
    assert c["relations"]["precision"] >= 0.75 and c["relations"]["recall"] >= 0.60
    assert c["claims"]["precision"] >= 0.80 and c["claims"]["recall"] >= 0.75
    assert a["claim holders"]["accuracy"] >= 0.85


def test_round5_texts_regression_floors() -> None:
    """Regression floors on heldout_07-10, at the values of round 6 (development texts).

    Not a held-out measurement: heldout_07-10 were run once with the round-5 reader (the
    first-run table in docs/text.md: relations 0.80 / 0.46, holders 7 of 12); round 6 then
    changed the rules on their errors and trained the pair model on them, so these floors are
    fitted figures that only keep the reader from regressing. A later held-out set
    (heldout_11+) is not read here: it is measured once, by hand.
    """
    ctx = scenario_context(load_scenario("indo-pacific-2021"))
    paths = [*sorted(DATA.glob("heldout_0[7-9].gold.json")), DATA / "heldout_10.gold.json"]
    docs, _ = evaluate_gold(paths, ctx, None)
    s = summarise(docs, n_boot=50)
    c, a = s["counts"], s["accuracy"]
    assert c["actors"]["precision"] >= FLOOR_07_10["actors P"]
    assert c["actors"]["recall"] >= FLOOR_07_10["actors R"]
    assert c["relations"]["precision"] >= FLOOR_07_10["relations P"]
    assert c["relations"]["recall"] >= FLOOR_07_10["relations R"]
    assert c["events"]["recall"] >= FLOOR_07_10["events R"]
    assert c["claims"]["precision"] >= FLOOR_07_10["claims P"]
    assert c["claims"]["recall"] >= FLOOR_07_10["claims R"]
    assert a["claim holders"]["accuracy"] >= FLOOR_07_10["holders"]
    assert a["event dates"]["accuracy"] >= FLOOR_07_10["event dates"]


@pytest.mark.realdata
def test_seed_drafts_validate_and_find_the_scenario_claims(
    shared_data: Path, tmp_path: Path
) -> None:
    seeds = shared_data.parent / "seeds"
    for name, date in (
        ("000_86b6f5b54d9d9e51.txt", "2021-09-01"),
        ("004_5ab77765e01226dd.txt", "2020-07-01"),
    ):
        out = tmp_path / f"{name}.toml"
        code, stdout, _ = invoke("extract", str(seeds / name), "--date", date, "--out", str(out))
        assert code == 0, stdout
        assert invoke("validate", str(out))[0] == 0
    code = main(
        [str(p) for p in sorted(DATA.glob("seed_*.gold.json"))]
        + ["--seeds", str(seeds), "--scenario-claims", "--json"]
    )
    assert code == 0


@pytest.mark.realdata
def test_plover_actor_codes(shared_data: Path) -> None:
    from equipoise.text.evaluate import evaluate_plover

    ctx = scenario_context(load_scenario("indo-pacific-2021"))
    result = evaluate_plover(shared_data / "text" / "plover_gsr_cameo.json", ctx)
    assert result["dev"]["records"] + result["test"]["records"] == 322
    for half in ("dev", "test"):
        assert result[half]["counts"]["actor codes"]["recall"] >= 0.85  # measured 0.90 and 0.90


def test_evaluate_pool_gives_development_and_held_out_sets(
    capsys: pytest.CaptureFixture[str],
) -> None:
    paths = [str(p) for p in sorted(DATA.glob("heldout_0[1-9].gold.json"))]
    paths.append(str(DATA / "heldout_10.gold.json"))
    assert main([*paths, "--pool", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    # heldout_01-10 are all development texts since round 6 (the pair model is trained on
    # them); the new held-out set (heldout_11+) is measured once by hand, not by tests
    assert set(result) == {"development"}
    assert len(result["development"]["documents"]) == 10
    lo, hi = result["development"]["counts"]["relations"]["recall_ci"]
    assert lo <= result["development"]["counts"]["relations"]["recall"] <= hi


def test_evaluate_json_of_one_document_writes_null_for_undefined_intervals(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # one document has no bootstrap interval (NaN): the JSON says null instead of failing
    assert main([str(DATA / "heldout_06.gold.json"), "--json"]) == 0
    out = capsys.readouterr().out
    assert "NaN" not in out
    result = json.loads(out)
    (summary,) = result.values()
    assert summary["documents"] == ["tests/data/text/heldout_06.txt"]


def test_agreement_scores_a_second_annotation_against_the_first(tmp_path: Path) -> None:
    """A second annotation that flips one relation's sign and drops a claim's holder."""
    import shutil

    from equipoise.text.evaluate import agreement, agreement_splits

    for suffix in (".txt", ".gold.json"):
        shutil.copy(DATA / f"heldout_06{suffix}", tmp_path / f"heldout_06{suffix}")
    second = json.loads((DATA / "heldout_06.gold.json").read_text(encoding="utf-8"))
    second["relations"][0]["sign"] *= -1
    second["claims"][0]["holder"] = "Brazilian farmers"
    (tmp_path / "agreement").mkdir()
    (tmp_path / "agreement" / "heldout_06_b.gold.json").write_text(
        json.dumps(second), encoding="utf-8"
    )
    summary = agreement(tmp_path / "agreement")
    n = len(second["relations"])
    assert summary["counts"]["relations"]["tp"] == n - 1
    assert summary["counts"]["relations"]["fp"] == summary["counts"]["relations"]["fn"] == 1
    assert summary["counts"]["relation pairs"]["f1"] == 1.0
    assert summary["counts"]["actors"]["f1"] == 1.0
    holders = summary["accuracy"]["claim holders"]
    assert holders["right"] == holders["total"] - 1
    assert agreement(tmp_path / "nothing") == {}
    # one study at a time: the split of the second annotation names it
    assert agreement_splits(tmp_path / "agreement") == [second["split"]]
    assert agreement(tmp_path / "agreement", split="another study") == {}
    assert agreement(tmp_path / "agreement", split=second["split"]) == summary
    # (a second annotation without a split is one study too: round-17 cold review)
    del second["split"]
    (tmp_path / "agreement" / "heldout_06_b.gold.json").write_text(
        json.dumps(second), encoding="utf-8"
    )
    assert agreement_splits(tmp_path / "agreement") == [""]
    assert agreement(tmp_path / "agreement", split="") == summary


def test_agreement_skips_a_second_annotation_without_its_first(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from equipoise.text.evaluate import agreement

    (tmp_path / "agreement").mkdir()
    shutil_copy = (DATA / "heldout_06.gold.json").read_text(encoding="utf-8")
    (tmp_path / "agreement" / "heldout_06_b.gold.json").write_text(shutil_copy, encoding="utf-8")
    assert agreement(tmp_path / "agreement") == {}
    assert "skipped" in capsys.readouterr().err
