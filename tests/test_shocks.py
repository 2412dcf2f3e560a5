"""Shocks: the format, the hazard per step, the draws, common random numbers and batching."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from equipoise.compile import compile_scenario
from equipoise.errors import InputError
from equipoise.experiments.ensemble import Arm, Payload, run_ensemble
from equipoise.experiments.executors import make_executor
from equipoise.experiments.outcomes import Outcome
from equipoise.experiments.sampling import sample
from equipoise.random import member_rngs, member_sequence
from equipoise.scenario import load_scenario, loads_scenario
from equipoise.simulate import simulate
from equipoise.simulate.shocks import (
    compiled_shocks,
    draw_shocks,
    quantile,
    step_probabilities,
    step_probability,
)
from equipoise.testing import mini_scenario_text

MINI = mini_scenario_text()

CRISIS = """
[[shocks]]
name = "crisis"
kind = "hazard"
rate = 0.3
actors = ["AAA", "CCC"]
pick = "each"
duration = 2
source = "test rate"
changes = [ { target = "relations.{actor}-BBB.weight", add = { distribution = "uniform", low = -0.2, high = -0.1 }, source = "test size" } ]

[[shocks]]
name = "vote"
kind = "scheduled"
at_years = [2022.85, 2024.5]
probability = 0.5
source = "test rate"
changes = [ { target = "relations.AAA-CCC.weight", add = -0.1, source = "test size" } ]
"""

NOISY = MINI + "\n[parameters]\ngrowth_noise = 0.05\n"


def _problems(text: str) -> list[tuple[str, str]]:
    with pytest.raises(InputError) as err:
        loads_scenario(text)
    return [(p.path or "", p.message) for p in err.value.problems]


def _shock(**fields: Any) -> str:
    base: dict[str, Any] = {
        "name": '"s"',
        "kind": '"hazard"',
        "rate": "0.1",
        "source": '"a source"',
        "changes": '[ { target = "relations.AAA-BBB.weight", add = -0.1, source = "a reason" } ]',
    }
    base.update(fields)
    body = "\n".join(f"{k} = {v}" for k, v in base.items() if v is not None)
    return MINI + "\n[[shocks]]\n" + body + "\n"


# --------------------------------------------------------------------------------------------
# the hazard per step


@pytest.mark.parametrize(
    ("rate", "dt", "expected"),
    [
        (0.3, 1.0, 0.3),  # a year's step: the annual probability itself
        (0.19, 0.5, 0.1),  # 1 - sqrt(0.81)
        (0.5, 2.0, 0.75),  # 1 - 0.5**2
        (0.0, 1.0, 0.0),
        (1.0, 0.25, 1.0),
        (0.1, 3.0, 0.271),  # 1 - 0.9**3
    ],
)
def test_step_probability_hand_computed(rate: float, dt: float, expected: float) -> None:
    assert step_probability(rate, dt) == pytest.approx(expected, abs=1e-12)


@given(st.floats(0.0, 0.99), st.floats(0.01, 5.0))
def test_a_year_of_steps_has_the_annual_probability(rate: float, dt: float) -> None:
    # lambda = -ln(1 - rate): the probability of no occurrence over 1/dt steps is 1 - rate
    p = step_probability(rate, dt)
    assert 0.0 <= p <= 1.0
    annual = -math.expm1(math.log1p(-p) / dt)
    assert math.isclose(annual, rate, rel_tol=1e-6, abs_tol=1e-12)


def test_scheduled_years_fall_in_their_step() -> None:
    s = loads_scenario(MINI + CRISIS.replace("[2022.85, 2024.5]", "[2022.85, 2023.5, 2024.0]"))
    vote = s.shocks[1]
    years = np.array([2021.0, 2023.0, 2025.0])  # two-year steps
    # step 1 = (2021, 2023]: 2022.85 alone; step 2 = (2023, 2025]: two years, 1 - 0.5**2
    np.testing.assert_allclose(step_probabilities(vote, years), [0.0, 0.5, 0.75])


def test_quantiles_of_each_distribution() -> None:
    from equipoise.scenario.schema import Distribution

    u = np.array([0.0, 0.25, 0.5, 1.0])
    np.testing.assert_allclose(quantile(-0.1, u), -0.1)
    uni = Distribution(distribution="uniform", low=-0.2, high=0.2)
    np.testing.assert_allclose(quantile(uni, u), [-0.2, -0.1, 0.0, 0.2])
    tri = Distribution(distribution="triangular", low=0.0, mode=1.0, high=2.0)
    np.testing.assert_allclose(quantile(tri, np.array([0.5, 0.125])), [1.0, 0.5])
    norm = Distribution(distribution="normal", mean=1.0, sd=2.0)
    assert quantile(norm, np.array([0.5]))[0] == pytest.approx(1.0)
    choice = Distribution(distribution="choice", choices=(1.0, 2.0), weights=(3.0, 1.0))
    np.testing.assert_allclose(quantile(choice, np.array([0.1, 0.74, 0.76])), [1.0, 1.0, 2.0])


# --------------------------------------------------------------------------------------------
# the format: located errors


def test_a_valid_shock_loads_and_validate_shows_nothing_wrong() -> None:
    s = loads_scenario(MINI + CRISIS)
    assert [sh.name for sh in s.shocks] == ["crisis", "vote"]
    assert s.shocks[0].changes[0].op == "add"


@settings(max_examples=25, deadline=None)
@given(st.one_of(st.floats(-10.0, -1e-6), st.floats(1.0 + 1e-6, 10.0)))
def test_a_rate_outside_0_1_is_located(rate: float) -> None:
    problems = _problems(_shock(rate=repr(rate)))
    assert any(path == "shocks[0].rate" and "between 0 and 1" in msg for path, msg in problems)


@settings(max_examples=25, deadline=None)
@given(
    st.sampled_from(
        [
            "relations.AAA-ZZZ.weight",
            "relations.AAA-BBB.colour",
            "issues.nope.status_quo",
            "power.AAA",
            "trends.nope.AAA",
        ]
    )
)
def test_a_bad_target_is_located(target: str) -> None:
    changes = f'[ {{ target = "{target}", add = -0.1, source = "a reason" }} ]'
    problems = _problems(_shock(changes=changes))
    assert [path for path, _ in problems] == ["shocks[0].changes[0].target"]


@pytest.mark.parametrize(
    ("fields", "path", "words"),
    [
        ({"rate": None}, "shocks[0].rate", "needs 'rate'"),
        ({"kind": '"scheduled"'}, "shocks[0].rate", "not 'rate'"),
        ({"kind": '"scheduled"', "rate": None, "probability": "0.5"}, "shocks[0].at_years", "needs 'at_years'"),
        ({"kind": '"scheduled"', "rate": None, "at_years": "[2023]"}, "shocks[0].probability", "needs 'probability'"),
        ({"kind": '"scheduled"', "rate": None, "at_years": "[2023, 2023]", "probability": "0.5"}, "shocks[0].at_years", "repeat"),
        ({"kind": '"scheduled"', "rate": None, "at_years": "[2020.5]", "probability": "0.5"}, "shocks[0].at_years[0]", "after start_year"),
        ({"pick": '"each"'}, "shocks[0].pick", "needs 'actors'"),
        ({"actors": '["AAA", "QQQ"]'}, "shocks[0].actors[1]", "unknown actor"),
        ({"source": '""'}, "shocks[0].source", "at least 3"),
        ({"duration": "2", "changes": '[ { target = "relations.AAA-BBB.weight", set = -0.1, source = "a reason" } ]'}, "shocks[0].duration", "cannot be undone"),
        ({"changes": '[ { target = "relations.{actor}-BBB.weight", add = -0.1, source = "a reason" } ]'}, "shocks[0].changes[0].target", "declares no 'actors'"),
        ({"actors": '["AAA", "BBB"]', "changes": '[ { target = "relations.{actor}-BBB.weight", add = -0.1, source = "a reason" } ]'}, "shocks[0].changes[0].target", "for actor BBB"),
        ({"changes": '[ { target = "relations.AAA-BBB.weight", scale = { distribution = "uniform", low = -1, high = 2 }, source = "a reason" } ]'}, "shocks[0].changes[0].scale", "negative"),
        ({"changes": '[ { target = "relations.AAA-BBB.weight", add = { distribution = "uniform", low = 1 }, source = "a reason" } ]'}, "shocks[0].changes[0].add.distribution", "needs low, high"),
        ({"changes": '[ { target = "relations.AAA-BBB.weight", add = -0.1 } ]'}, "shocks[0].changes[0].source", "missing"),
    ],
)  # fmt: skip
def test_bad_shocks_are_located(fields: dict[str, Any], path: str, words: str) -> None:
    problems = _problems(_shock(**fields))
    assert any(p == path and words in msg for p, msg in problems), problems


def test_shocks_round_trip_through_toml() -> None:
    from equipoise.scenario.serialize import dumps_scenario

    s = loads_scenario(MINI + CRISIS)
    assert loads_scenario(dumps_scenario(s)).shocks == s.shocks


def test_a_duplicate_shock_name_is_located() -> None:
    problems = _problems(MINI + CRISIS + CRISIS.split("[[shocks]]")[1].join(["[[shocks]]", ""]))
    assert any(p == "shocks[2].name" and "duplicate" in m for p, m in problems), problems


# --------------------------------------------------------------------------------------------
# the draws: frequencies, streams, common random numbers


def test_occurrence_frequency_is_within_a_binomial_tolerance_of_the_rate() -> None:
    text = _shock(rate="0.2").replace("horizon = 4", "horizon = 8")
    c = compile_scenario(loads_scenario(text))
    years = 2021.0 + np.arange(9.0)
    shocks = compiled_shocks(c, years)
    n = 4000
    draws = draw_shocks(shocks, [member_sequence(11, k) for k in range(n)])
    hits = draws.hits[0][:, :, 0]
    assert not hits[:, 0].any()  # nothing at the start
    per_step = hits[:, 1:].mean(axis=0)
    tol = 4 * math.sqrt(0.2 * 0.8 / n)  # four binomial standard errors
    assert np.all(np.abs(per_step - 0.2) < tol), per_step
    anyone = hits.any(axis=1).mean()
    expected = 1 - 0.8**8
    assert abs(anyone - expected) < 4 * math.sqrt(expected * (1 - expected) / n)


def test_pick_one_spreads_occurrences_evenly_and_all_hits_everyone() -> None:
    one = _shock(
        rate="1.0",
        actors='["AAA", "BBB", "CCC"]',
        changes='[ { target = "ties.{actor}-DDD.value", add = 0.01, source = "a reason" } ]',
    )
    c = compile_scenario(loads_scenario(one))
    shocks = compiled_shocks(c, 2021.0 + np.arange(5.0))
    hits = draw_shocks(shocks, [member_sequence(3, k) for k in range(3000)]).hits[0][:, 1:]
    assert np.all(hits.sum(axis=-1) == 1)  # exactly one actor per occurrence
    share = hits.reshape(-1, 3).mean(axis=0)
    assert np.all(np.abs(share - 1 / 3) < 4 * math.sqrt(2 / 9 / hits[..., 0].size))
    every = compile_scenario(
        loads_scenario(one.replace('actors = ["AAA"', 'pick = "all"\nactors = ["AAA"'))
    )
    hits_all = draw_shocks(
        compiled_shocks(every, 2021.0 + np.arange(5.0)), [member_sequence(3, 0)]
    ).hits[0]
    assert hits_all[0, 1:].all()


def test_the_trajectory_records_the_shocks_of_each_member() -> None:
    c = compile_scenario(loads_scenario(MINI + CRISIS))
    tr = simulate(c, n_members=40)
    assert tr.shock_names == ("crisis", "vote")
    assert tr.shocks.shape == (40, 5, 2)
    logged = {(b, y, i) for b, y, kind, i in tr.fired if kind == "shock"}
    for b, t, s in zip(*np.nonzero(tr.shocks), strict=True):
        name = tr.shock_names[s]
        assert any(m == b and y == tr.years[t] and i.split(":")[0] == name for m, y, i in logged)
    assert 0 < tr.shock_occurred("vote").mean() < 1
    assert not tr.shock_occurred("vote", by_year=2022).any()  # its first year is 2022.85
    with pytest.raises(KeyError, match="no shock"):
        tr.shock_occurred("nope")


def test_a_duration_undoes_the_change() -> None:
    still = "\n".join(f"{p} = 0.0" for p in ("balance_rate", "affinity_rate", "inertia_rate"))
    text = _shock(rate="1.0", duration="1.5") + ("\n[parameters]\n" + still + "\n")
    tr = simulate(compile_scenario(loads_scenario(text)))
    events = [(y, k) for _, y, k, i in tr.fired if i == "s"]
    # an occurrence in every step; each undone two steps later (1.5 / 1 rounded half up)
    assert events == [
        (2022.0, "shock"),
        (2023.0, "shock"),
        (2024.0, "shock-end"),
        (2024.0, "shock"),
        (2025.0, "shock-end"),
        (2025.0, "shock"),
    ]
    a, b = tr.actors.index("AAA"), tr.actors.index("BBB")
    plain = simulate(compile_scenario(loads_scenario(MINI + "\n[parameters]\n" + still + "\n")))
    diff = tr.relations[0, :, a, b] - plain.relations[0, :, a, b]
    # two occurrences at most are in force at once: -0.1 in 2022, -0.2 from 2023 on
    np.testing.assert_allclose(diff, [0.0, -0.1, -0.2, -0.2, -0.2], atol=1e-12)


def test_the_same_member_sees_the_same_shocks_in_every_arm() -> None:
    c = compile_scenario(loads_scenario(MINI + CRISIS))
    base = simulate(c, n_members=30, rng=member_rngs(7, range(30)))
    arm = simulate(c, n_members=30, rng=member_rngs(7, range(30)), interventions=["end-alliance"])
    np.testing.assert_array_equal(base.shocks, arm.shocks)
    shocks_of = lambda tr: [f for f in tr.fired if f[2].startswith("shock")]  # noqa: E731
    assert shocks_of(base) == shocks_of(arm)


def test_a_member_sees_the_same_shocks_in_any_batch() -> None:
    c = compile_scenario(loads_scenario(MINI + CRISIS))
    batch = simulate(c, n_members=6, rng=member_rngs(7, range(6)))
    for k in (0, 3, 5):
        alone = simulate(c, n_members=1, rng=member_rngs(7, [k]))
        np.testing.assert_array_equal(batch.shocks[k], alone.shocks[0])
        np.testing.assert_array_equal(batch.relations[k], alone.relations[0])


def test_declaring_shocks_changes_no_other_random_number() -> None:
    # a shock that never occurs: every other number (the growth noise) is as without it
    plain = simulate(compile_scenario(loads_scenario(NOISY)), n_members=4)
    silent = simulate(
        compile_scenario(loads_scenario(NOISY + _shock(rate="0.0")[len(MINI) :])), n_members=4
    )
    np.testing.assert_array_equal(plain.levels, silent.levels)
    np.testing.assert_array_equal(plain.relations, silent.relations)
    # adding a shock leaves the draws of another as they were (a stream per shock name)
    one = simulate(
        compile_scenario(
            loads_scenario(
                MINI + CRISIS.split("[[shocks]]")[0] + "[[shocks]]" + CRISIS.split("[[shocks]]")[2]
            )
        ),
        n_members=8,
    )
    two = simulate(compile_scenario(loads_scenario(MINI + CRISIS)), n_members=8)
    np.testing.assert_array_equal(one.shocks[..., 0], two.shocks[..., 1])


def test_ensembles_with_shocks_do_not_depend_on_batch_size_or_executor() -> None:
    s = loads_scenario(MINI + CRISIS)
    design = sample((), 12, seed=s.scenario.seed)
    outcomes = (Outcome("relation", ("AAA", "BBB"), None, 2025.0),)
    payload = Payload(s, (), design, (Arm(), Arm(("end-alliance",))), outcomes)
    runs = []
    for executor, batch_size in (("local", 12), ("local", 5), ("processes", 4)):
        with make_executor(executor, n_workers=2) as ex:
            result = run_ensemble(payload, executor=ex, batch_size=batch_size)
        runs.append({k: np.asarray(v) for k, v in result.values.items()})
    for other in runs[1:]:
        for key, value in runs[0].items():
            np.testing.assert_array_equal(value, other[key])
    # the shocks matter: members differ in A-B
    assert np.unique(runs[0][("baseline", outcomes[0].label)]).size > 1


def test_shock_shares_agree_with_the_runs_and_the_rates() -> None:
    from equipoise.experiments.plans import EnsemblePlan
    from equipoise.experiments.plans.runner import run_plan
    from equipoise.simulate.shocks import shock_shares

    s = loads_scenario(MINI + CRISIS)
    c = compile_scenario(s)
    n = 2000
    rows = shock_shares(c, 7, range(n))
    for row in rows:  # within four binomial standard errors of what the rates imply
        p = float(row["expected"])
        assert abs(float(row["share"]) - p) <= 4 * math.sqrt(p * (1 - p) / n) + 1e-12, row
    vote = {r["year"]: r["expected"] for r in rows if r["shock"] == "vote"}
    assert vote == pytest.approx({2022.0: 0.0, 2023.0: 0.5, 2024.0: 0.5, 2025.0: 0.75})
    # the same draws as the members' runs
    tr = simulate(c, n_members=20, rng=member_rngs(7, range(20)))
    small = {(r["shock"], r["year"]): r["share"] for r in shock_shares(c, 7, range(20))}
    assert small[("crisis", 2024.0)] == tr.shock_occurred("crisis", by_year=2024).mean()
    # and the ensemble's summary carries them
    summary = run_plan(EnsemblePlan(scenario=s, n_members=8, tables=False))
    assert {r["shock"] for r in summary.to_dict()["shocks"]} == {"crisis", "vote"}


def test_the_report_shows_the_shocks(tmp_path: Any) -> None:
    from equipoise.experiments.executors import SequentialExecutor
    from equipoise.report import build_report_data, render_report
    from equipoise.store import RunStore

    s = loads_scenario(MINI + CRISIS)
    with SequentialExecutor() as ex:
        data = build_report_data(s, executor=ex, n_members=6, store=RunStore(tmp_path / "store"))
    assert {r["shock"] for r in data.shocks} == {"crisis", "vote"}
    html = render_report(data, command="equipoise report")
    assert "Shocks in the ensemble" in html
    assert "p 0.5 at 2022.85, 2024.5" in html


# --------------------------------------------------------------------------------------------
# the default scenario


#: The shocks member 0 of the default scenario (its seed 20210601) sees: a seeded regression pin
#: of the draws (a change to the streams, the layout or the rates shows here).
PINNED_DEFAULT_SHOCKS = [
    (2022.0, "jpn-government-change"),
    (2023.0, "china-lethal-border-clash:JPN"),
    (2025.0, "russia-war-outside-power"),
    (2027.0, "china-lethal-border-clash:TWN"),
    (2028.0, "kor-2027-government-change"),
    (2029.0, "usa-2028-government-change"),
    (2030.0, "jpn-government-change"),
    (2030.0, "china-coercive-sanctions:KOR"),
    (2031.0, "russia-war-outside-power"),
]


def test_the_default_scenarios_single_run_sees_pinned_shocks() -> None:
    tr = simulate(compile_scenario(load_scenario()))
    assert [(y, i) for _, y, k, i in tr.fired if k == "shock"] == PINNED_DEFAULT_SHOCKS


def test_the_default_scenario_declares_sourced_shocks() -> None:
    s = load_scenario()
    names = {sh.name for sh in s.shocks}
    assert {"usa-2024-government-change", "pandemic-wave", "china-coercive-sanctions"} <= names
    for shock in s.shocks:
        assert len(shock.source) > 40, shock.name
        assert all(len(ch.source) > 20 for ch in shock.changes), shock.name
        # every scheduled year lies within the simulated years and after the start
        for year in shock.at_years or ():
            assert s.scenario.start_year < year <= s.end_year
    tr = simulate(compile_scenario(s), n_members=2)
    assert tr.shocks.shape[-1] == len(s.shocks)
