"""Loading scenarios: located errors for every kind of bad input, extends, round-trips."""

from __future__ import annotations

import hashlib
import re
import tomllib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from equipoise.errors import InputError
from equipoise.scenario import dumps_scenario, load_scenario, loads_scenario
from equipoise.scenario.loading import field_constraints
from equipoise.scenario.schema import Relation, Scenario
from equipoise.testing import template_text

TEMPLATE = template_text("example")


def problems_of(text: str | bytes, tmp_path: Path, name: str = "s.toml") -> list[str]:
    path = tmp_path / name
    if isinstance(text, str):
        path.write_text(text, encoding="utf-8")
    else:
        path.write_bytes(text)
    with pytest.raises(InputError) as info:
        load_scenario(path)
    return [str(p) for p in info.value.problems]


def line_of(text: str, needle: str, nth: int = 0) -> int:
    lines = [i + 1 for i, line in enumerate(text.splitlines()) if needle in line]
    return lines[nth]


def test_template_is_valid_and_round_trips() -> None:
    scenario = loads_scenario(TEMPLATE)
    assert scenario.scenario.name == "example"
    assert loads_scenario(dumps_scenario(scenario)) == scenario


def test_models_are_immutable() -> None:
    scenario = loads_scenario(TEMPLATE)
    with pytest.raises(Exception, match="frozen"):
        scenario.scenario.start_year = 1999  # type: ignore[misc]


def test_weight_out_of_range_names_file_line_and_path(tmp_path: Path) -> None:
    text = TEMPLATE.replace("weight = 0.9", "weight = 1.7")
    [problem] = problems_of(text, tmp_path)
    line = line_of(text, "weight = 1.7")
    assert (
        problem
        == f"{tmp_path / 's.toml'}:{line}:1: relations[0].weight: must be between -1 and 1, got 1.7"
    )


def test_all_problems_reported_at_once(tmp_path: Path) -> None:
    text = (
        TEMPLATE.replace("weight = 0.9", "weight = 1.7")
        .replace('kind = "rivalry"', 'kind = "rivalyr"')
        .replace('{ actor = "CHN", position = 10', '{ actor = "CHX", position = 10')
        .replace("start_year = 2021", 'start_year = "soon"')
        .replace('condition = "example-what-if"', 'condition = "nothing-like-it"')
    )
    found = problems_of(text, tmp_path)
    joined = "\n".join(found)
    assert len(found) == 5, joined
    assert "scenario.start_year: must be an integer, got 'soon'" in joined
    assert "relations[1].kind: must be one of" in joined and "did you mean 'rivalry'?" in joined
    assert "issues[0].positions[1].actor: unknown actor 'CHX'" in joined
    assert "claims[0].condition: unknown intervention 'nothing-like-it'" in joined
    # every problem carries file and line
    assert all(re.match(r".+\.toml:\d+:\d+: ", p) for p in found), joined


def test_broken_toml_gives_line_and_column(tmp_path: Path) -> None:
    text = TEMPLATE.replace('name = "United States"', "name = United States")
    [problem] = problems_of(text, tmp_path)
    line = line_of(text, "name = United States")
    assert problem.startswith(f"{tmp_path / 's.toml'}:{line}:8: invalid value")


def test_duplicate_key_is_located(tmp_path: Path) -> None:
    text = TEMPLATE.replace("seed = 1 ", "seed = 1\nseed = 2 ", 1)
    [problem] = problems_of(text, tmp_path)
    assert f":{line_of(text, 'seed = 2')}:" in problem and "duplicate key" in problem


def test_non_utf8_bytes_are_located(tmp_path: Path) -> None:
    raw = TEMPLATE.replace('title = "My scenario"', 'title = "My sc\udcffenario"').encode(
        "utf-8", "surrogateescape"
    )
    [problem] = problems_of(raw, tmp_path)
    line = line_of(TEMPLATE, 'title = "My scenario"')
    assert (
        problem
        == f"{tmp_path / 's.toml'}:{line}:15: not UTF-8: byte 0xff cannot be decoded; save the file as UTF-8"
    )


def test_utf16_file_is_reported_not_crashed(tmp_path: Path) -> None:
    [problem] = problems_of(TEMPLATE.encode("utf-16"), tmp_path)
    assert ":1:1: not UTF-8" in problem


def test_missing_and_unknown_fields(tmp_path: Path) -> None:
    text = TEMPLATE.replace('source = "ATOP 5.1: US–Japan', 'sorce = "ATOP 5.1: US–Japan')
    found = problems_of(text, tmp_path)
    assert any("relations[0].source: required field is missing" in p for p in found)
    assert any(
        "relations[0].sorce: unknown field 'sorce'; did you mean 'source'?" in p for p in found
    )


def test_bad_target_and_unknown_parameter(tmp_path: Path) -> None:
    text = TEMPLATE.replace(
        'target = "relations.CHN-JPN.weight"', 'target = "relations.CHN-XYZ.weight"'
    )
    text += "\n[parameters]\nbalance_rat = 0.2\naffinity_rate = 99\n"
    found = "\n".join(problems_of(text, tmp_path))
    assert "events[0].changes[0].target: unknown actor 'XYZ'" in found
    assert "parameters.balance_rat: unknown parameter" in found
    assert "parameters.affinity_rate: must be between 0 and 10, got 99" in found


def test_claim_rules(tmp_path: Path) -> None:
    text = TEMPLATE.replace('compare = "baseline"', "")
    found = "\n".join(problems_of(text, tmp_path))
    assert "claims[0]: expect = 'increase' needs compare" in found


def test_file_is_never_changed(tmp_path: Path) -> None:
    path = tmp_path / "s.toml"
    text = TEMPLATE.replace("weight = 0.9", "weight = 1.7")
    path.write_text(text, encoding="utf-8")
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    with pytest.raises(InputError):
        load_scenario(path)
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


def test_extends_patches_and_locates_in_the_child(tmp_path: Path) -> None:
    (tmp_path / "base.toml").write_text(TEMPLATE, encoding="utf-8")
    child = (
        'extends = "base.toml"\n'
        'remove = ["claims.example-claim"]\n'
        "[scenario]\n"
        'name = "child"\n'
        "[[relations]]\n"
        'pair = ["JPN", "USA"]\n'
        "weight = 0.8\n"
        "[[actors]]\n"
        'code = "KOR"\n'
        'name = "South Korea"\n'
        "[[issues]]\n"
        'id = "example-issue"\n'
        'positions = [ { actor = "JPN", salience = 0.9 }, { actor = "KOR", position = 60, salience = 0.5 } ]\n'
    )
    (tmp_path / "child.toml").write_text(child, encoding="utf-8")
    s = load_scenario(tmp_path / "child.toml")
    assert s.scenario.name == "child" and s.scenario.start_year == 2021
    assert s.actor_codes == ("USA", "CHN", "JPN", "KOR")
    rel = s.relations[0]
    assert rel.weight == 0.8 and rel.kind == "alliance" and rel.since == 1960
    positions = {p.actor: p for p in s.issue("example-issue").positions}
    assert positions["JPN"].salience == 0.9 and positions["JPN"].position == 70
    assert positions["KOR"].position == 60
    assert s.claims == ()

    bad = child.replace("weight = 0.8", "weight = -3")
    (tmp_path / "child.toml").write_text(bad, encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_scenario(tmp_path / "child.toml")
    messages = [str(p) for p in info.value.problems]
    assert (
        f"{tmp_path / 'child.toml'}:7:1: relations[0].weight: must be between -1 and 1, got -3"
        in messages
    )
    # the error from the parent's field is located in the parent file
    bad_parent = TEMPLATE.replace("since = 1960", "since = 1700")
    (tmp_path / "base.toml").write_text(bad_parent, encoding="utf-8")
    (tmp_path / "child.toml").write_text(child, encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_scenario(tmp_path / "child.toml")
    [problem] = info.value.problems
    assert problem.file == str(tmp_path / "base.toml")
    assert problem.line == line_of(bad_parent, "since = 1700")
    assert problem.path == "relations[0].since"


def test_extends_errors(tmp_path: Path) -> None:
    (tmp_path / "a.toml").write_text('extends = "b.toml"\n', encoding="utf-8")
    (tmp_path / "b.toml").write_text('extends = "a.toml"\n', encoding="utf-8")
    with pytest.raises(InputError, match="circular extends"):
        load_scenario(tmp_path / "a.toml")
    (tmp_path / "c.toml").write_text('extends = "no-such-scenario"\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"c\.toml:1:1: extends: no bundled scenario"):
        load_scenario(tmp_path / "c.toml")
    (tmp_path / "base.toml").write_text(TEMPLATE, encoding="utf-8")
    (tmp_path / "d.toml").write_text(
        'extends = "base.toml"\nremove = ["actors.XYZ", "nonsense"]\n', encoding="utf-8"
    )
    with pytest.raises(InputError) as info:
        load_scenario(tmp_path / "d.toml")
    assert len(info.value.problems) == 2


def test_remove_that_breaks_references_is_reported(tmp_path: Path) -> None:
    (tmp_path / "base.toml").write_text(TEMPLATE, encoding="utf-8")
    (tmp_path / "e.toml").write_text(
        'extends = "base.toml"\nremove = ["actors.CHN"]\n', encoding="utf-8"
    )
    with pytest.raises(InputError) as info:
        load_scenario(tmp_path / "e.toml")
    assert all(
        "unknown actor 'CHN'" in p.message or "CHN" in p.message for p in info.value.problems
    )
    assert all(p.line is not None for p in info.value.problems)


def test_field_constraints_follow_nested_annotations() -> None:
    assert field_constraints(Scenario, ("relations", 3, "weight")) == {"ge": -1.0, "le": 1.0}
    assert field_constraints(Scenario, ("issues", 0, "positions", 2, "salience")) == {
        "ge": 0.0,
        "le": 1.0,
    }
    assert field_constraints(Scenario, ("relations", 0, "bounds", 1)) == {"ge": -1.0, "le": 1.0}
    assert field_constraints(Relation, ("nope",)) == {}


# --- property tests: mutations of a valid file give located errors, never a traceback --------

_LINES = TEMPLATE.splitlines(keepends=True)
_VALUE_LINES = [i for i, line in enumerate(_LINES) if re.match(r"^[a-z_]+ = ", line)]
_junk = st.sampled_from(
    [
        '"text"',
        "-5",
        "1e9",
        "true",
        "[1, 2]",
        "{ a = 1 }",
        '"ZZZ"',
        "0.5",
        '""',
        "2.5",
        "nan",
        "inf",
    ]
)


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.data(),
    st.sampled_from(["value", "delete", "bytes", "truncate", "duplicate", "rename"]),
)
def test_mutated_files_give_located_errors(tmp_path: Path, data: st.DataObject, how: str) -> None:
    lines = list(_LINES)
    i = data.draw(st.sampled_from(_VALUE_LINES))
    key = lines[i].split("=")[0].strip()
    if how == "value":
        lines[i] = f"{key} = {data.draw(_junk)}\n"
    elif how == "delete":
        del lines[i]
    elif how == "duplicate":
        lines.insert(i, lines[i])
    elif how == "rename":
        lines[i] = lines[i].replace(key, key + "x", 1)
    text = "".join(lines)
    raw = text.encode("utf-8")
    if how == "bytes":
        at = data.draw(st.integers(0, len(raw) - 1))
        raw = raw[:at] + data.draw(st.binary(min_size=1, max_size=4)) + raw[at:]
    elif how == "truncate":
        raw = raw[: data.draw(st.integers(0, len(raw)))]
    path = tmp_path / "m.toml"
    path.write_bytes(raw)
    try:
        load_scenario(path)
    except InputError as exc:
        for problem in exc.problems:
            assert problem.file == str(path)
            assert problem.message
            if "file" not in problem.message:
                assert problem.line is not None, problem
                assert 1 <= problem.line <= raw.count(b"\n") + 1, problem
    else:
        # a mutation may leave the file valid (e.g. a value replaced by an allowed one)
        assert tomllib.loads(raw.decode("utf-8"))
