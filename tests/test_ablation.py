"""Ablation variants and the multiverse: built-in claims, carried_by, robustness (issue 12)."""

from __future__ import annotations

import dataclasses
from typing import Any

import numpy as np
import pytest

from equipoise.errors import InputError
from equipoise.experiments.claims import BUILT_IN, ClaimVerdict, emergent_rule
from equipoise.experiments.ensemble import Arm, EnsembleResult, Payload, run_ensemble
from equipoise.experiments.executors import SequentialExecutor, make_executor
from equipoise.experiments.outcomes import Outcome
from equipoise.experiments.plans import ClaimsPlan, ClaimsResult, Execution, run_plan
from equipoise.experiments.sampling import sample
from equipoise.experiments.variants import (
    COMPONENTS,
    MAX_FACTORIAL,
    Variant,
    ablation,
    ablation_set,
    multiverse_variants,
    no_dynamics,
)
from equipoise.scenario import loads_scenario
from equipoise.scenario.schema import Metadata, Scenario
from equipoise.scenario.vocabulary import MODEL_OPTIONS
from equipoise.simulate import simulate
from equipoise.testing import mini_scenario_text

#: Three actors and no issue: A-B friends, A-C enemies, B-C neutral. Structural balance (the
#: friend of my enemy...) is the only mechanism that can sour B-C: with no issue there is no
#: affinity and no bargaining, inertia pulls B-C back to its baseline 0, power is constant.
TRIAD = """
[scenario]
name = "triad"
start_year = 2021
horizon = 5
seed = 3

[[actors]]
code = "AAA"
name = "A"
[[actors]]
code = "BBB"
name = "B"
[[actors]]
code = "CCC"
name = "C"

[[indicators]]
name = "milex"
year = 2021
unit = "USD"
source = "test"
values = { AAA = 100, BBB = 50, CCC = 50 }

[[indicators]]
name = "gdp"
year = 2021
unit = "USD"
source = "test"
values = { AAA = 20, BBB = 100, CCC = 100 }

[[relations]]
pair = ["AAA", "BBB"]
kind = "partnership"
weight = 0.8
source = "test"

[[relations]]
pair = ["AAA", "CCC"]
kind = "rivalry"
weight = -0.8
source = "test"

[[relations]]
pair = ["BBB", "CCC"]
kind = "neutral"
weight = 0.0
source = "test"

[[interventions]]
name = "reconcile"
year = 2022
changes = [ { target = "relations.BBB-CCC.weight", set = 0.6 } ]

[[claims]]
id = "balance-sours-b-c"
statement = "B and C fall out: the friend of my enemy..."
quote = "q"
source = "test"
holders = ["tester"]
metric = "relation"
actors = ["BBB", "CCC"]
expect = "decrease"
compare = "start"
horizon = 5

[[claims]]
id = "reconciliation-warms-b-c"
statement = "Reconciling B and C warms their relation."
quote = "q"
source = "test"
holders = ["tester"]
condition = "reconcile"
metric = "relation"
actors = ["BBB", "CCC"]
expect = "increase"
compare = "baseline"
horizon = 1
"""

#: A is the largest power by military spending (CINC: 0.5 of the system) but the smallest by
#: GDP (20 / 220 = 0.09): "A holds more than 40 % of the power" flips with the index.
POWER_CLAIM = """
[[claims]]
id = "a-dominates"
statement = "A holds more than 40 % of the power."
quote = "q"
source = "test"
holders = ["tester"]
metric = "power"
actors = ["AAA"]
expect = "above"
threshold = 0.4
horizon = 5

[[uncertainties]]
name = "power-index"
target = "model.power_index"
distribution = "choice"
choices = ["cinc", "gdp"]
multiverse = true
source = "test"
"""


@pytest.fixture(scope="module")
def triad() -> Scenario:
    return loads_scenario(TRIAD)


def _claims(s: Scenario, n: int = 12, **kw: Any) -> ClaimsResult:
    plan = ClaimsPlan(scenario=s, n_members=n, **kw)
    result = run_plan(plan, execution=Execution(executor="local"))
    assert isinstance(result, ClaimsResult)
    return result


def _verdict(result: ClaimsResult, claim_id: str) -> ClaimVerdict:
    return next(v for v in result.verdicts if v.claim.id == claim_id)


# --------------------------------------------------------------------------------------------
# the switches


def test_no_dynamics_leaves_relations_and_power_where_they_start(triad: Scenario) -> None:
    """With every component off nothing moves: R and power at the horizon equal the start."""
    s = loads_scenario(mini_scenario_text())  # trends, an issue, effects, events
    variant = no_dynamics()
    tr = simulate(variant.compile(s), n_members=2)
    # the mini scenario's events still fire (2023: A-B +0.3); effects are gone
    assert variant.apply(s).effects == ()
    np.testing.assert_array_equal(tr.power[:, -1], tr.power[:, 0])
    R = np.asarray(tr.relations)
    a, b = s.actor_codes.index("AAA"), s.actor_codes.index("BBB")
    c, d = s.actor_codes.index("CCC"), s.actor_codes.index("DDD")
    assert R[0, -1, a, b] == pytest.approx(R[0, 0, a, b] + 0.3)
    assert R[0, -1, c, d] == R[0, 0, c, d]  # the 'cool' effect would lower it every year
    full = simulate(variant.compile(triad), n_members=1)
    np.testing.assert_array_equal(
        np.asarray(full.relations)[0, -1], np.asarray(full.relations)[0, 0]
    )


def test_a_variant_pins_what_it_switches_off() -> None:
    """Sampled rates and trend changes cannot switch an ablated mechanism back on."""
    from equipoise.simulate import Patch

    patches = [
        Patch("parameters.balance_rate", "set", np.array([0.5])),
        Patch("parameters.inertia_rate", "set", np.array([0.5])),
        Patch("trends.gdp.CHN", "set", np.array([0.05])),
    ]
    assert [p.target for p in ablation("balancing").patches(patches)] == [
        "parameters.inertia_rate",
        "trends.gdp.CHN",
    ]
    assert [p.target for p in ablation("power_change").patches(patches)] == [
        "parameters.balance_rate",
        "parameters.inertia_rate",
    ]
    assert no_dynamics().patches(patches) == []


def test_ablation_set_is_no_dynamics_then_each_component() -> None:
    names = [v.name for v in ablation_set()]
    assert names == ["no-dynamics", *(f"no-{c}" for c in COMPONENTS)]
    assert set(COMPONENTS) == {
        "balancing",
        "affinity",
        "inertia",
        "bargaining",
        "power_change",
        "effects",
        "shocks",
    }


def test_a_variant_that_changes_nothing_is_not_run(triad: Scenario) -> None:
    """The triad has no effects, no shocks, no growth: those ablations alias the full model."""
    aliases = ClaimsPlan(scenario=triad, n_members=2).aliases()
    assert aliases == {"no-effects": "", "no-shocks": "", "no-power_change": ""}
    payload = ClaimsPlan(scenario=triad, n_members=2).payload()
    assert {v.name for v in payload.variants} == {
        "no-dynamics",
        "no-balancing",
        "no-affinity",
        "no-inertia",
        "no-bargaining",
    }


def test_emergent_rule() -> None:
    assert emergent_rule("supported", "supported") is False
    assert emergent_rule("contradicted", "contradicted") is False
    assert emergent_rule("supported", "undecided") is True
    assert emergent_rule("contradicted", "supported") is True
    assert emergent_rule("undecided", "undecided") is None


# --------------------------------------------------------------------------------------------
# the issue's cases


def test_a_claim_its_intervention_writes_is_built_in(triad: Scenario) -> None:
    """'reconcile' sets B-C to 0.6: a year later B-C is higher with or without the dynamics."""
    result = _claims(triad)
    v = _verdict(result, "reconciliation-warms-b-c")
    assert v.model_verdict == "supported"
    assert v.p_without_dynamics == 1.0
    assert v.emergent is False
    assert v.verdict == BUILT_IN
    row = v.to_dict()
    assert row["verdict"] == "built in" and row["model_verdict"] == "supported"


def test_a_claim_only_balancing_produces_is_emergent_and_carried_by_balancing(
    triad: Scenario,
) -> None:
    """B-C sours only by structural balance: P = 1 with it, 0 without (every member alike)."""
    result = _claims(triad)
    v = _verdict(result, "balance-sours-b-c")
    assert (v.model_verdict, v.probability) == ("supported", 1.0)
    assert v.p_without_dynamics == 0.0
    assert v.emergent is True and v.verdict == "supported"
    assert v.carried_by == ("balancing",)
    by_name = {a.variant: a for a in v.ablation}
    assert by_name["no-balancing"].probability == 0.0
    assert by_name["no-inertia"].probability == 1.0  # no pull back: B-C sours faster
    assert result.counts() == {"findings": 1, "built_in": 1, "undecided": 0}
    assert v.robustness is None
    assert "not run" in dict(v.notes)["robustness"]


def test_a_claim_that_flips_with_the_power_index_is_not_robust(triad: Scenario) -> None:
    """CINC gives A 0.5 of the power (one component), GDP 20/220: robustness 0 of 1."""
    s = loads_scenario(TRIAD + POWER_CLAIM)
    variants, design = multiverse_variants(s)
    assert design == "factorial" and [v.name for v in variants] == ["power-index=gdp"]
    result = _claims(s, robustness=True, ablation=False)
    v = _verdict(result, "a-dominates")
    assert v.model_verdict == "supported" and v.probability == 1.0
    assert v.multiverse is not None
    assert [(m.variant, m.verdict) for m in v.multiverse] == [("power-index=gdp", "contradicted")]
    assert v.robustness == 0.0
    # the relation claims do not depend on the index here: robust
    assert _verdict(result, "reconciliation-warms-b-c").robustness == 1.0
    assert v.emergent is None and "--no-ablation" in dict(v.notes)["emergent"]
    assert result.multiverse == {
        "design": "factorial",
        "specifications": [{"name": "power-index=gdp", "settings": [["model.power_index", "gdp"]]}],
    }


def test_a_large_multiverse_goes_one_at_a_time(triad: Scenario) -> None:
    extra = "".join(
        f"""
[[uncertainties]]
name = "u{k}"
target = "parameters.bloc_threshold"
distribution = "choice"
choices = [0.05, 0.1, 0.2]
multiverse = true
"""
        for k in range(3)
    )
    s = loads_scenario(TRIAD + POWER_CLAIM + extra)
    assert MAX_FACTORIAL < 2 * 3**3
    variants, design = multiverse_variants(s)
    assert design == "one-at-a-time"
    # each option alone, the scenario's own value (cinc; 0.1) left out: 1 + 3 x 2
    assert len(variants) == 7
    assert "power-index=gdp" in [v.name for v in variants]


def test_robustness_needs_a_multiverse(triad: Scenario) -> None:
    with pytest.raises(InputError) as info:
        ClaimsPlan(scenario=triad, n_members=2, robustness=True)
    assert info.value.problems[0].path == "uncertainties"


def test_the_sampled_design_leaves_the_multiverse_out(triad: Scenario) -> None:
    s = loads_scenario(TRIAD + POWER_CLAIM)
    assert s.sampled_uncertainties == ()
    assert [u.name for u in s.multiverse] == ["power-index"]
    assert ClaimsPlan(scenario=s, n_members=3).design().names == ()


def test_model_options_name_the_schema_values() -> None:
    from typing import get_args

    from equipoise.scenario.schema import Issue

    assert MODEL_OPTIONS["model.power_index"] == get_args(
        Metadata.model_fields["power_index"].annotation
    )
    assert MODEL_OPTIONS["model.bargaining"] == get_args(Issue.model_fields["model"].annotation)


# --------------------------------------------------------------------------------------------
# located errors


def test_a_multiverse_power_index_without_its_indicators_is_located() -> None:
    from equipoise.compile import compile_problems

    s = loads_scenario(
        TRIAD.replace('name = "gdp"', 'name = "pop"') + POWER_CLAIM
    )  # no gdp declared now
    problems = compile_problems(s)
    assert problems and problems[0][0] == ("uncertainties", 0, "choices", 1)
    assert "needs the indicators gdp" in problems[0][1]


@pytest.mark.parametrize(
    ("block", "path", "words"),
    [
        (
            'target = "model.power_index"\ndistribution = "choice"\nchoices = ["cinc", "gpd"]\n'
            "multiverse = true",
            "uncertainties[0].choices[1]",
            "one of cinc, weighted, gdp",
        ),
        (
            'target = "model.power_index"\ndistribution = "choice"\nchoices = ["cinc", "gdp"]',
            "uncertainties[0].multiverse",
            "multiverse = true",
        ),
        (
            'target = "model.colour"\ndistribution = "choice"\nchoices = ["a", "b"]\n'
            "multiverse = true",
            "uncertainties[0].target",
            "model.power_index",
        ),
        (
            'target = "parameters.balance_rate"\ndistribution = "uniform"\nlow = 0.1\n'
            "high = 0.5\nmultiverse = true",
            "uncertainties[0]",
            "distribution = 'choice'",
        ),
        (
            'target = "parameters.balance_rate"\ndistribution = "choice"\nchoices = [0.1, 20.0]\n'
            "multiverse = true",
            "uncertainties[0].choices[1]",
            "between 0 and 10",
        ),
        (
            'target = "parameters.balance_rate"\ndistribution = "choice"\nchoices = ["x", "y"]',
            "uncertainties[0]",
            "multiverse = true",
        ),
    ],
)
def test_bad_multiverse_declarations_are_located(block: str, path: str, words: str) -> None:
    text = TRIAD + f'\n[[uncertainties]]\nname = "bad"\n{block}\n'
    with pytest.raises(InputError) as info:
        loads_scenario(text)
    problems = info.value.problems
    assert any(p.path == path and words in p.message for p in problems), [
        (p.path, p.message) for p in problems
    ]
    assert all(p.line is not None for p in problems if p.path == path)


# --------------------------------------------------------------------------------------------
# common random numbers, batches and executors


def _variant_payload(s: Scenario, n: int = 18) -> Payload:
    design = sample(s.sampled_uncertainties, n, method="lhs", seed=s.scenario.seed)
    variants = (
        no_dynamics(),
        ablation("balancing"),
        Variant("bt", settings=(("parameters.bloc_threshold", 0.3),)),
    )
    arms = (
        Arm(),
        Arm((), "no-dynamics"),
        Arm(("end-alliance",), "no-balancing"),
        Arm(("end-alliance",), "bt"),
    )
    outcomes = (
        Outcome("relation", ("AAA", "BBB"), None, 2023.0),
        Outcome("power", ("BBB",), None, 2024.0),
        Outcome("polarity", (), None, 2025.0),
    )
    return Payload(
        s,
        s.sampled_uncertainties,
        design,
        arms,
        outcomes,
        variants=variants,
        arm_outcomes=(("end-alliance@bt", (outcomes[0].label,)),),
        arm_members=(("end-alliance@no-balancing", 7),),
    )


def _values(result: EnsembleResult) -> dict[tuple[str, str], Any]:
    return {k: np.asarray(v) for k, v in sorted(result.values.items())}


@pytest.fixture(scope="module")
def uncertain() -> Scenario:
    from tests.test_experiments import UNCERTAIN  # the mini scenario with four uncertainties

    return loads_scenario(UNCERTAIN)


def test_variant_arms_do_not_depend_on_batch_size_or_executor(uncertain: Scenario) -> None:
    payload = _variant_payload(uncertain)
    with SequentialExecutor() as ex:
        a = _values(run_ensemble(payload, executor=ex, batch_size=18))
        b = _values(run_ensemble(payload, executor=ex, batch_size=4))
    with make_executor("processes", n_workers=2) as ex:
        c = _values(run_ensemble(payload, executor=ex, batch_size=5))
    assert a.keys() == b.keys() == c.keys()
    # the partial arm has only the outcome it asked for
    assert {k for k in a if k[0] == "end-alliance@bt"} == {
        ("end-alliance@bt", "relation(AAA,BBB)@2023")
    }
    for key in a:
        np.testing.assert_array_equal(a[key], b[key])
        np.testing.assert_array_equal(a[key], c[key])
    # the arm limited to the first 7 members has their values, the same as in a full run
    limited = a[("end-alliance@no-balancing", "power(BBB)@2024")]
    assert limited.shape == (7, 1)  # per actor: one actor
    whole = run_ensemble(
        dataclasses.replace(payload, arm_members=()), executor=SequentialExecutor(), batch_size=5
    )
    np.testing.assert_array_equal(
        limited, np.asarray(whole.values[("end-alliance@no-balancing", "power(BBB)@2024")])[:7]
    )


def test_a_resumed_run_reads_the_limited_arms_back(uncertain: Scenario, tmp_path: Any) -> None:
    """Two of three batches done, then interrupted: the resumed run equals a fresh one."""
    from tests.test_experiments import _InterruptAfter

    from equipoise.store import RunStore

    payload = _variant_payload(uncertain, n=12)  # batches 0-4, 5-9, 10-11; the limit is 7
    store = RunStore(tmp_path / "runs")
    created: list[str] = []
    with pytest.raises(KeyboardInterrupt):
        run_ensemble(
            payload, executor=_InterruptAfter(2), batch_size=5, store=store, on_run=created.append
        )
    with SequentialExecutor() as ex:
        resumed = run_ensemble(payload, executor=ex, batch_size=5, store=store, resume=created[0])
        fresh = run_ensemble(payload, executor=ex, batch_size=5)
    assert resumed.resumed_batches == 2
    assert resumed.values.keys() == fresh.values.keys()
    for key, value in fresh.values.items():
        np.testing.assert_array_equal(value, resumed.values[key])


def test_one_at_a_time_ablations_run_the_first_members(triad: Scenario) -> None:
    v = _verdict(_claims(triad, n=12, ablation_members=5), "balance-sours-b-c")
    sizes = {a.variant: a.n for a in v.ablation}
    assert sizes["no-dynamics"] == 12 and sizes["no-balancing"] == 5
    # 5 of 5 is undecided (Wilson low 0.57), and so is the full model on those 5: not carried
    assert v.carried_by == ()


def test_variant_arms_share_the_members_streams(uncertain: Scenario) -> None:
    """A member of a variant arm is that variant's single run with the member's design row."""
    payload = _variant_payload(uncertain, n=6)
    with SequentialExecutor() as ex:
        result = run_ensemble(payload, executor=ex, batch_size=6)
    from equipoise.experiments.ensemble import compiled_for
    from equipoise.experiments.sampling import patches_for
    from equipoise.random import member_rngs

    variant = ablation("balancing")
    rows = np.array([4], dtype=np.int64)
    tr = simulate(
        compiled_for(uncertain, variant),
        interventions=("end-alliance",),
        patches=variant.patches(patches_for(payload.design, payload.uncertainties, rows)),
        n_members=1,
        rng=member_rngs(payload.design.seed, rows),
    )
    from equipoise.experiments.outcomes import outcome_values

    power = Outcome("power", ("BBB",), None, 2024.0)
    assert result.get("end-alliance@no-balancing", power)[4] == outcome_values(tr, power)[0]


def test_stored_claims_carry_the_new_columns_and_old_ones_still_read(
    triad: Scenario, tmp_path: Any
) -> None:
    from equipoise.store import open_store

    store = open_store(tmp_path / "store")
    plan = ClaimsPlan(scenario=triad, n_members=12)
    result = run_plan(plan, execution=Execution(executor="local"), store=store)
    assert result.run.run_id is not None
    frame = store.read_result(result.run.run_id, "claims")
    assert {"model_verdict", "p_without_dynamics", "emergent", "carried_by", "robustness"} <= set(
        frame.columns
    )
    row = frame.set_index("id").loc["balance-sours-b-c"]
    assert (row["verdict"], row["carried_by"], bool(row["emergent"])) == (
        "supported",
        "balancing",
        True,
    )
    # a run recorded before the ablation existed is rebuilt without it (resume, report)
    old = ClaimsPlan.from_arguments(triad, {"members": 4, "method": "lhs"})
    assert (old.ablation, old.robustness) == (False, False)
    assert all(not a.variant for a in old.payload().arms)


# --------------------------------------------------------------------------------------------
# the command line


def test_cli_claims_carries_the_ablation_and_the_multiverse(tmp_path: Any) -> None:
    import json

    from typer.testing import CliRunner

    from equipoise.cli import app

    path = tmp_path / "triad.toml"
    path.write_text(TRIAD + POWER_CLAIM, encoding="utf-8")
    runner = CliRunner(env={"COLUMNS": "220"})
    common = ["-n", "12", "--executor", "local", "--store", str(tmp_path / "store"), "-q"]
    done = runner.invoke(app, ["claims", str(path), *common, "--robustness", "--json"])
    assert done.exit_code == 0, done.output
    doc = json.loads(done.output)
    rows = {r["id"]: r for r in doc["claims"]}
    for row in rows.values():
        assert {"p_without_dynamics", "emergent", "carried_by", "robustness"} <= set(row)
    assert rows["balance-sours-b-c"]["carried_by"] == ["balancing"]
    assert rows["reconciliation-warms-b-c"]["verdict"] == "built in"
    assert rows["a-dominates"]["robustness"] == 0.0
    assert rows["a-dominates"]["multiverse"][0]["verdict"] == "contradicted"
    assert doc["counts"] == {"findings": 1, "built_in": 2, "undecided": 0}
    table = runner.invoke(app, ["claims", str(path), *common, "--robustness"])
    assert table.exit_code == 0, table.output
    assert "1 finding(s), 2 built in" in table.output
    # under GDP, A (the third party of B-C) weighs 0.09, too little to sour B-C in five years
    assert "2 verdict(s) change in at least one" in table.output
    assert "a-dominates (supported) → power-index=gdp: contradicted" in table.output
    plain = runner.invoke(app, ["claims", str(path), *common, "--no-ablation", "--json"])
    assert plain.exit_code == 0, plain.output
    row = json.loads(plain.output)["claims"][0]
    assert row["emergent"] is None and row["p_without_dynamics"] is None
    assert "not run" in row["notes"]["emergent"] and "not run" in row["notes"]["robustness"]
