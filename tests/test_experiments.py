"""Ensembles, executors, paired comparisons, claims and resume."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

from equipoise.errors import EquipoiseError
from equipoise.experiments.claims import arms_and_outcomes, evaluate_claims, plan_claims
from equipoise.experiments.ensemble import (
    Arm,
    EnsembleResult,
    Payload,
    evaluate_batch,
    make_tasks,
    run_ensemble,
)
from equipoise.experiments.executors import Executor, SequentialExecutor, make_executor
from equipoise.experiments.outcomes import Outcome, outcome_values, parse_outcome
from equipoise.experiments.sampling import Design, sample
from equipoise.random import member_rngs
from equipoise.scenario import loads_scenario
from equipoise.scenario.schema import Scenario
from equipoise.store import RunStore
from equipoise.testing import mini_scenario_text

UNCERTAIN = (
    mini_scenario_text().replace("seed = 7", "seed = 7\n")
    + """
[[uncertainties]]
name = "ab"
target = "relations.AAA-BBB.weight"
distribution = "uniform"
low = -0.8
high = -0.2

[[uncertainties]]
name = "beta"
target = "parameters.balance_rate"
distribution = "triangular"
low = 0.1
mode = 0.3
high = 0.6

[[uncertainties]]
name = "noise"
target = "parameters.growth_noise"
distribution = "choice"
choices = [0.0, 0.05]

[[uncertainties]]
name = "pos"
target = "issues.q.positions.CCC.position"
distribution = "normal"
mean = 60
sd = 10

[[claims]]
id = "thaw-warms"
statement = "The thaw warms A-B."
quote = "q"
source = "test"
holders = ["tester"]
metric = "relation"
actors = ["AAA", "BBB"]
expect = "increase"
compare = "start"
horizon = 4

[[claims]]
id = "nothing-changes-space"
statement = "Doing nothing raises C's space."
quote = "q"
source = "test"
holders = ["tester"]
condition = "nothing"
metric = "strategic_space"
actors = ["CCC"]
expect = "increase"
compare = "baseline"
horizon = 4

[[claims]]
id = "a-b-stays-hostile"
statement = "A and B stay hostile."
quote = "q"
source = "test"
holders = ["tester"]
metric = "relation"
actors = ["AAA", "BBB"]
expect = "below"
threshold = 0.0
horizon = 4

[[claims]]
id = "c-d-same-bloc"
statement = "C and D end in one bloc."
quote = "q"
source = "test"
holders = ["tester"]
metric = "same_bloc"
actors = ["CCC", "DDD"]
expect = "above"
threshold = 0.5
horizon = 4
"""
)


@pytest.fixture(scope="module")
def scenario() -> Scenario:
    return loads_scenario(UNCERTAIN)


def _payload(s: Scenario, n: int = 24, arms: Sequence[Arm] = (Arm(),), **kw: Any) -> Payload:
    design = sample(s.uncertainties, n, method="lhs", seed=s.scenario.seed)
    outcomes = (
        Outcome("strategic_space", ("AAA", "CCC"), None, 2025.0),
        Outcome("relation", ("AAA", "BBB"), None, 2023.0),
        Outcome("polarity", (), None, 2025.0),
        Outcome("power", ("BBB",), None, 2024.0),
    )
    return Payload(s, tuple(s.uncertainties), design, tuple(arms), outcomes, **kw)


def _values(result: EnsembleResult) -> np.ndarray[Any, Any]:
    return np.concatenate(
        [np.asarray(result.values[k]).reshape(result.n_members, -1) for k in sorted(result.values)],
        axis=1,
    )


def test_lhs_design_is_stratified_and_reproducible(scenario: Scenario) -> None:
    a = sample(scenario.uncertainties, 50, method="lhs", seed=3)
    b = sample(scenario.uncertainties, 50, method="lhs", seed=3)
    np.testing.assert_array_equal(a.values, b.values)
    ab = a.values[:, 0]  # uniform(-0.8, -0.2): one point per stratum of width 0.012
    strata = np.floor((ab + 0.8) / 0.6 * 50).astype(int)
    assert sorted(strata.tolist()) == list(range(50))
    assert set(np.unique(a.values[:, 2])) <= {0.0, 0.05}


def test_member_streams_do_not_depend_on_the_batch() -> None:
    one = member_rngs(11, [5])[0].random(3)
    many = member_rngs(11, [3, 4, 5])[2].random(3)
    np.testing.assert_array_equal(one, many)


def test_results_do_not_depend_on_batch_size(scenario: Scenario) -> None:
    payload = _payload(scenario)
    with SequentialExecutor() as ex:
        a = run_ensemble(payload, executor=ex, batch_size=24)
        b = run_ensemble(payload, executor=ex, batch_size=5)
    np.testing.assert_array_equal(_values(a), _values(b))


@pytest.mark.slow
def test_bit_identical_across_executors(scenario: Scenario) -> None:
    """Local, a process pool and a real dask LocalCluster with two worker processes agree."""
    payload = _payload(scenario, arms=(Arm(), Arm(("end-alliance",))))
    with make_executor("local") as ex:
        local = _values(run_ensemble(payload, executor=ex, batch_size=6))
    with make_executor("processes", n_workers=2) as ex:
        procs = _values(run_ensemble(payload, executor=ex, batch_size=6))
    with make_executor("dask", n_workers=2) as ex:
        assert ex.n_workers == 2
        dask = _values(run_ensemble(payload, executor=ex, batch_size=6))
    np.testing.assert_array_equal(local, procs)
    np.testing.assert_array_equal(local, dask)


def test_an_intervention_that_changes_nothing_gives_zero_differences(scenario: Scenario) -> None:
    payload = _payload(scenario, arms=(Arm(), Arm(("nothing",))))
    with SequentialExecutor() as ex:
        result = run_ensemble(payload, executor=ex, batch_size=8)
    for outcome in payload.outcomes:
        diff = result.get("nothing", outcome) - result.get("baseline", outcome)
        assert np.all(diff == 0.0)


def test_outcomes_match_a_direct_simulation(scenario: Scenario) -> None:
    payload = _payload(scenario, n=6)
    batch = evaluate_batch(payload, make_tasks(6, 6)[0])
    from equipoise.compile import compile_scenario
    from equipoise.experiments.sampling import patches_for
    from equipoise.simulate import simulate

    tr = simulate(
        compile_scenario(scenario),
        patches=patches_for(payload.design, scenario.uncertainties, np.arange(6)),
        n_members=6,
        rng=member_rngs(payload.design.seed, range(6)),
    )
    for outcome in payload.outcomes:
        np.testing.assert_array_equal(
            batch.values[("baseline", outcome.label)], outcome_values(tr, outcome)
        )


def test_claims_plan_and_verdicts(scenario: Scenario) -> None:
    plans = plan_claims(scenario)
    arms, outcomes = arms_and_outcomes(plans)
    assert [a.name for a in arms] == ["baseline", "nothing"]
    payload = Payload(
        scenario,
        tuple(scenario.uncertainties),
        sample(scenario.uncertainties, 40, method="lhs", seed=1),
        arms,
        outcomes,
    )
    with SequentialExecutor() as ex:
        result = run_ensemble(payload, executor=ex, batch_size=10)
    verdicts = {v.claim.id: v for v in evaluate_claims(plans, result)}
    # the 2023 thaw (+0.3) lifts A-B above its start value in every member
    assert verdicts["thaw-warms"].probability == 1.0
    assert verdicts["thaw-warms"].verdict == "supported"
    # an intervention that changes nothing never "increases" anything: paired difference 0
    assert verdicts["nothing-changes-space"].probability == 0.0
    assert verdicts["nothing-changes-space"].verdict == "contradicted"
    assert verdicts["nothing-changes-space"].effect == 0.0
    v = verdicts["a-b-stays-hostile"]
    assert v.interval[0] <= v.probability <= v.interval[1]
    # drivers name a declared uncertainty when the claim is neither always nor never true
    for verdict in verdicts.values():
        if 0 < verdict.successes < verdict.n:
            assert verdict.drivers and verdict.drivers[0][0] in payload.design.names
        row = verdict.to_dict()
        assert {"id", "quote", "verdict", "probability", "interval", "drivers"} <= set(row)


def test_parse_outcome(scenario: Scenario) -> None:
    o = parse_outcome("relation(AAA,BBB)@2024 > 0.2", scenario)
    assert (o.metric, o.actors, o.year, o.op, o.threshold) == (
        "relation",
        ("AAA", "BBB"),
        2024.0,
        ">",
        0.2,
    )
    assert o.label == "relation(AAA,BBB)@2024 > 0.2"
    np.testing.assert_array_equal(o.holds(np.array([0.1, 0.3])), [False, True])
    for bad, message in [
        ("relatoin(AAA,BBB)", "unknown metric"),
        ("relation(AAA)", "takes 2 actors"),
        ("relation(AAA,ZZZ)", "unknown actor"),
        ("polarity@1990", "year must be within"),
        ("power(AAA) >> 3", "expected METRIC"),
    ]:
        with pytest.raises(Exception, match=message):
            parse_outcome(bad, scenario)


class _InterruptAfter(Executor[Any, Any, Any]):
    """Runs like the sequential executor, then raises KeyboardInterrupt after k batches."""

    name = "interrupting"

    def __init__(self, k: int) -> None:
        self.k = k

    def map_unordered(
        self, fn: Callable[[Any, Any], Any], payload: Any, tasks: Sequence[Any]
    ) -> Iterator[tuple[Any, Any]]:
        for i, task in enumerate(tasks):
            if i == self.k:
                raise KeyboardInterrupt
            yield task, fn(payload, task)


def test_interrupted_run_resumes_to_the_same_result(scenario: Scenario, tmp_path: Path) -> None:
    payload = _payload(scenario, n=30, arms=(Arm(), Arm(("end-alliance",))), keep_tables=True)
    store = RunStore(tmp_path / "runs")
    created: list[str] = []
    with pytest.raises(KeyboardInterrupt):
        run_ensemble(
            payload, executor=_InterruptAfter(3), batch_size=5, store=store, on_run=created.append
        )
    [run_id] = created
    info = store.get_run(run_id)
    assert info["status"] == "incomplete"
    assert store.completed_batches(run_id) == {0, 1, 2}
    with SequentialExecutor() as ex:
        resumed = run_ensemble(payload, executor=ex, batch_size=5, store=store, resume=run_id)
        fresh = run_ensemble(payload, executor=ex, batch_size=5, store=store)
    assert resumed.resumed_batches == 3
    assert store.get_run(run_id)["status"] == "complete"
    np.testing.assert_array_equal(_values(resumed), _values(fresh))
    a = (
        store.read_table(run_id, "actors")
        .sort_values(["arm", "member", "step", "actor", "variable"])
        .reset_index(drop=True)
    )
    b = (
        store.read_table(fresh.run_id, "actors")
        .sort_values(["arm", "member", "step", "actor", "variable"])
        .reset_index(drop=True)
    )
    assert len(a) == 30 * 2 * 5 * 4 * 4
    np.testing.assert_array_equal(a["value"].to_numpy(), b["value"].to_numpy())
    with SequentialExecutor() as ex, pytest.raises(EquipoiseError, match="already complete"):
        run_ensemble(payload, executor=ex, batch_size=5, store=store, resume=run_id)
    with SequentialExecutor() as ex, pytest.raises(EquipoiseError, match="not a claims run"):
        run_ensemble(payload, executor=ex, batch_size=5, store=store, resume=run_id, kind="claims")


def test_design_object() -> None:
    d = Design(("a",), np.zeros((3, 1)), "mc", 1)
    assert d.n_members == 3
    with pytest.raises(EquipoiseError):
        make_tasks(3, 0)


def test_ensemble_summary_labels_every_kind_of_outcome(scenario: Scenario) -> None:
    from equipoise.experiments.plans.ensemble import summary_rows

    outcomes = (
        Outcome("strategic_space", ("AAA", "CCC"), None, 2025.0),
        Outcome("dependence", ("DDD", "BBB"), None, 2025.0),
        Outcome("polarity", (), None, 2025.0),
        Outcome("issue_outcome", (), "q", 2025.0),
    )
    payload = Payload(
        scenario,
        tuple(scenario.uncertainties),
        sample(scenario.uncertainties, 6, seed=1),
        (Arm(),),
        outcomes,
    )
    with SequentialExecutor() as ex:
        result = run_ensemble(payload, executor=ex, batch_size=6)
    rows = summary_rows({o: result.get("baseline", o) for o in result.outcomes})
    assert [(r["metric"], r["actor"]) for r in rows] == [
        ("strategic_space", "AAA"),
        ("strategic_space", "CCC"),
        ("dependence", "DDD,BBB"),
        ("polarity", None),
        ("issue_outcome", "q"),
    ]
    assert all(r["q05"] <= r["median"] <= r["q95"] for r in rows)


def test_compiled_cache_never_returns_another_scenarios_compilation() -> None:
    """The cache is keyed by id(); it holds each scenario so that no id is reused meanwhile."""
    from equipoise.experiments.ensemble import _COMPILED_SIZE, _compiled

    texts = [UNCERTAIN.replace('name = "mini"', f'name = "mini-{k}"') for k in range(8)]
    assert all(f'name = "mini-{k}"' in t for k, t in enumerate(texts))
    for text in texts:  # objects freed right after use would otherwise recycle their ids
        s = loads_scenario(text)
        compiled = _compiled(s)
        assert compiled.scenario is s
        assert _compiled(s) is compiled
        del s, compiled
    kept = [loads_scenario(t) for t in texts[:_COMPILED_SIZE]]
    first = [_compiled(s) for s in kept]
    assert all(_compiled(s) is c for s, c in zip(kept, first, strict=True))  # all kept


#: Rates so far apart that members need from 2 to about 20 integrator substeps a year, bargaining
#: from no round to ten, and growth noise in some members only.
WIDE_RATES = """
[[uncertainties]]
name = "wide-balance"
target = "parameters.balance_rate"
distribution = "uniform"
low = 0.0
high = 6.0

[[uncertainties]]
name = "wide-affinity"
target = "parameters.affinity_rate"
distribution = "uniform"
low = 0.0
high = 2.0

[[uncertainties]]
name = "wide-inertia"
target = "parameters.inertia_rate"
distribution = "uniform"
low = 0.0
high = 4.0

[[uncertainties]]
name = "wide-gamma"
target = "parameters.balance_power_exponent"
distribution = "uniform"
low = 0.0
high = 3.0

[[uncertainties]]
name = "wide-rounds"
target = "parameters.bargaining_rounds"
distribution = "choice"
choices = [0, 1, 3, 10]

[[uncertainties]]
name = "wide-q"
target = "parameters.eu_q"
distribution = "uniform"
low = 0.0
high = 1.0

[[uncertainties]]
name = "wide-noise"
target = "parameters.growth_noise"
distribution = "choice"
choices = [0.0, 0.05]

[[uncertainties]]
name = "wide-threshold"
target = "parameters.bloc_threshold"
distribution = "uniform"
low = 0.0
high = 0.4
"""


def _tables_by_member(store: RunStore, run_id: str) -> dict[str, Any]:
    out = {}
    for name in ("system", "actors", "dyads", "issues", "outcomes"):
        frame = store.read_table(run_id, name)
        keys = [c for c in ("arm", "member", "year", "actor", "other", "issue", "outcome", "index")]
        keys = [c for c in keys if c in frame.columns]
        out[name] = frame.sort_values(keys, kind="stable").reset_index(drop=True)
    return out


@pytest.mark.slow
def test_members_do_not_depend_on_batch_size_or_executor(tmp_path: Path) -> None:
    """Issue 15: a member's numbers depend only on the scenario, the seed and its index.

    The bundled scenario (14 actors, expected-utility issues: sums long enough for numpy's
    pairwise summation) with rates drawn over so wide a range that members need very different
    integrator substeps: every table of every member is identical bit for bit at batch sizes
    1, 7 and 100, on the sequential executor and on a process pool.
    """
    from equipoise.engines.alignment import substeps_needed
    from equipoise.scenario import load_scenario

    base = load_scenario("indo-pacific-2021")
    wide = loads_scenario(UNCERTAIN.split("[[uncertainties]]")[0] + WIDE_RATES)
    s = base.model_copy(update={"uncertainties": tuple(wide.uncertainties)})
    n = 10
    design = sample(s.uncertainties, n, method="lhs", seed=7)
    counts = substeps_needed(*design.values[:, :3].T, 1.0)
    assert np.unique(counts).size >= 5  # the members do need very different substeps
    outcomes = (
        Outcome("polarity", (), None, 2031.0),
        Outcome("frustration", (), None, 2031.0),
        Outcome("relation", ("RUS", "CHN"), None, 2026.0),
        Outcome("strategic_space", ("JPN", "IND"), None, 2031.0),
    )
    payload = Payload(s, tuple(s.uncertainties), design, (Arm(),), outcomes, keep_tables=True)
    store = RunStore(tmp_path / "runs")
    runs = []
    for executor in ("local", "processes"):
        with make_executor(executor, n_workers=2) as ex:
            for batch_size in (1, 7, 100):
                result = run_ensemble(payload, executor=ex, batch_size=batch_size, store=store)
                assert result.run_id is not None
                runs.append((executor, batch_size, _tables_by_member(store, result.run_id)))
    (_, _, first), rest = runs[0], runs[1:]
    for executor, batch_size, tables in rest:
        for name, frame in first.items():
            pd.testing.assert_frame_equal(
                tables[name], frame, check_exact=True, obj=f"{name} ({executor}, {batch_size})"
            )
