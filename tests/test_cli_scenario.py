"""End-to-end tests of the scenario commands through the Typer app."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from equipoise.cli import app
from equipoise.testing import mini_scenario_text, template_text

runner = CliRunner()


def invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_validate_ok_and_json(tmp_path: Path) -> None:
    path = tmp_path / "ok.toml"
    path.write_text(template_text("ok"), encoding="utf-8")
    code, stdout, _ = invoke("validate", str(path))
    assert code == 0
    assert "valid scenario" in stdout
    code, stdout, _ = invoke("validate", str(path), "--json")
    assert code == 0
    data = json.loads(stdout)
    assert data["ok"] is True
    assert data["actors"] == 3
    assert data["problems"] == []


def test_validate_reports_every_problem_without_traceback(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    text = (
        template_text("bad").replace("weight = 0.9", "weight = 1.7").replace('"rivalry"', '"rival"')
    )
    path.write_text(text, encoding="utf-8")
    code, stdout, stderr = invoke("validate", str(path))
    assert code == 1
    assert "Traceback" not in stdout + stderr
    assert "relations[0].weight: must be between -1 and 1, got 1.7" in stderr
    assert "relations[1].kind" in stderr
    assert "2 problems found." in stderr
    code, stdout, _ = invoke("validate", str(path), "--json")
    assert code == 1
    problems = json.loads(stdout)["problems"]
    assert [p["path"] for p in problems] == ["relations[0].weight", "relations[1].kind"]
    assert all(p["line"] > 0 and p["file"] == str(path) for p in problems)


def test_validate_reports_what_only_the_computed_power_shows(tmp_path: Path) -> None:
    """An issue no actor can weigh, and a power index without its indicators: located, exit 1.

    Both used to pass ``validate`` and then stop ``run`` (the first as an "internal error").
    """
    values = "values = { AAA = 100, BBB = 80, CCC = 30, DDD = 20 }"
    text = mini_scenario_text()
    assert values in text
    zero = tmp_path / "zero.toml"
    zero.write_text(text.replace(values, "values = { AAA = 0, BBB = 0, CCC = 0, DDD = 0 }"))
    rows = zero.read_text().splitlines()
    line = next(k + 1 for k, row in enumerate(rows) if row.startswith("positions = ["))
    for command in ("validate", "run"):
        code, stdout, stderr = invoke(command, str(zero))
        assert code == 1, (command, stdout, stderr)
        assert "internal error" not in stderr and "Traceback" not in stdout + stderr
        assert f"zero.toml:{line}:" in stderr
        assert "issues[0].positions: no actor on issue 'q' has both a positive capability" in stderr
    gdp = tmp_path / "gdp.toml"
    gdp.write_text(text.replace("start_year = 2021", 'start_year = 2021\npower_index = "gdp"', 1))
    code, stdout, _ = invoke("validate", str(gdp), "--json")
    assert code == 1
    [problem] = json.loads(stdout)["problems"]
    assert (
        problem["path"] == "scenario.power_index"
        and "needs the indicators gdp" in problem["message"]
    )
    assert problem["line"] is not None


def test_validate_broken_toml_and_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "broken.toml"
    path.write_text("[scenario\nname = 1\n", encoding="utf-8")
    code, _, stderr = invoke("validate", str(path))
    assert code == 1
    assert f"{path}:1:" in stderr
    code, _, stderr = invoke("validate", str(tmp_path / "absent.toml"))
    assert code == 1
    assert "file not found" in stderr


def test_new_writes_template_and_never_overwrites(tmp_path: Path) -> None:
    code, _, _ = invoke("new", "my-region", "--dir", str(tmp_path))
    assert code == 0
    path = tmp_path / "my-region.toml"
    text = path.read_text(encoding="utf-8")
    assert 'name = "my-region"' in text
    assert text.count("#") > 20  # commented
    path.write_text(text + "\n# my edits\n", encoding="utf-8")
    code, _, stderr = invoke("new", "my-region", "--dir", str(tmp_path))
    assert code == 1
    assert "already exists" in stderr
    assert path.read_text(encoding="utf-8").endswith("# my edits\n")
    code, _, stderr = invoke("new", "Bad Name", "--dir", str(tmp_path))
    assert code == 1
    assert "lowercase" in stderr


def test_schema_is_json_schema() -> None:
    code, stdout, _ = invoke("schema")
    assert code == 0
    schema = json.loads(stdout)
    assert schema["$schema"].endswith("2020-12/schema")
    assert {"scenario", "actors", "relations", "issues", "claims", "extends"} <= set(
        schema["properties"]
    )
    weight = schema["$defs"]["Relation"]["properties"]["weight"]
    assert weight["minimum"] == -1
    assert weight["maximum"] == 1


def test_schema_validates_the_template(tmp_path: Path) -> None:
    import tomllib

    import jsonschema

    code, stdout, _ = invoke("schema")
    assert code == 0
    schema = json.loads(stdout)
    jsonschema.validate(tomllib.loads(template_text("x")), schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(
            {"scenario": {"name": "x", "start_year": 2021}, "actors": "nope"}, schema
        )


def test_show_and_run_on_a_file(tmp_path: Path) -> None:
    path = tmp_path / "x.toml"
    path.write_text(template_text("x"), encoding="utf-8")
    code, stdout, _ = invoke("show", str(path))
    assert code == 0
    assert "Relations" in stdout
    code, stdout, _ = invoke("show", str(path), "--json")
    assert json.loads(stdout)["scenario"]["name"] == "x"
    code, stdout, _ = invoke("run", str(path), "--json")
    assert code == 0
    data = json.loads(stdout)
    start = data["start"]
    ranks = {a["code"]: a["rank"] for a in start["actors"]}
    assert sorted(ranks.values()) == [1, 2, 3]
    assert abs(sum(a["power"] for a in start["actors"]) - 1) < 1e-12
    assert [s["year"] for s in data["steps"]] == list(range(2021, 2032))


def test_unknown_bundled_scenario() -> None:
    code, _, stderr = invoke("show", "indo-pacfic-2021")
    assert code == 1
    assert "did you mean 'indo-pacific-2021'?" in stderr
