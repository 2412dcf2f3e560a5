"""The time loop: determinism, batching, events, effects, interventions, commitments."""

from __future__ import annotations

import numpy as np
import pytest

from equipoise.compile import compile_scenario
from equipoise.errors import EquipoiseError
from equipoise.scenario import loads_scenario
from equipoise.simulate import Patch, SimulationOptions, simulate
from equipoise.testing import mini_scenario_text, template_text

MINI = mini_scenario_text()


@pytest.fixture(scope="module")
def mini():  # type: ignore[no-untyped-def]
    return compile_scenario(loads_scenario(MINI))


def test_same_seed_same_numbers(mini) -> None:  # type: ignore[no-untyped-def]
    a = simulate(mini)
    b = simulate(mini)
    for name in ("power", "relations", "positions", "forecast", "strategic_space", "dependence"):
        np.testing.assert_array_equal(getattr(a, name), getattr(b, name))
    assert a.years.tolist() == [2021, 2022, 2023, 2024, 2025]


def test_batch_equals_single_runs(mini) -> None:  # type: ignore[no-untyped-def]
    values = np.array([-0.6, -0.2, 0.1])
    batch = simulate(mini, n_members=3, patches=[Patch("relations.AAA-BBB.weight", "set", values)])
    for b, v in enumerate(values):
        single = simulate(mini, patches=[Patch("relations.AAA-BBB.weight", "set", np.array([v]))])
        # a member's numbers do not depend on its batch (issue 15): equal bit for bit
        np.testing.assert_array_equal(batch.relations[b], single.relations[0])
        np.testing.assert_array_equal(batch.blocs[b], single.blocs[0])
        # member(b) keeps the member's index in ``fired``; the single run is member 0
        assert batch.member(b).fired == tuple((b, *f[1:]) for f in single.fired)
        assert single.fired  # the events and effects of the mini scenario fire


def test_intervention_that_changes_nothing_gives_identical_trajectory(mini) -> None:  # type: ignore[no-untyped-def]
    base = simulate(mini)
    same = simulate(mini, interventions=["nothing"])
    np.testing.assert_array_equal(base.relations, same.relations)
    np.testing.assert_array_equal(base.strategic_space, same.strategic_space)


def test_events_fire_at_their_year_and_history_is_not_replayed(mini) -> None:  # type: ignore[no-untyped-def]
    tr = simulate(mini)
    events = [(year, ident) for _, year, kind, ident in tr.fired if kind == "event"]
    assert events == [(2023.0, "thaw")]
    i, j = tr.actors.index("AAA"), tr.actors.index("BBB")
    # the thaw lifts A-B by 0.3 in 2023 (balancing moves it too, but the jump dominates)
    jump = tr.relations[0, 2, i, j] - tr.relations[0, 1, i, j]
    assert jump > 0.2


def test_effects_once_and_while(mini) -> None:  # type: ignore[no-untyped-def]
    tr = simulate(mini)
    fired = [(year, ident) for _, year, kind, ident in tr.fired if kind == "effect"]
    assert fired.count((2022.0, "once")) == 1
    assert sum(1 for _, ident in fired if ident == "once") == 1
    # "cool" fires every year once A-B is above -0.5 (from the 2023 thaw on)
    cool_years = [year for year, ident in fired if ident == "cool"]
    assert cool_years == [2023.0, 2024.0, 2025.0]
    d, b = tr.actors.index("DDD"), tr.actors.index("BBB")
    # the declared tie of D on B makes D depend on B more than before
    assert tr.dependence[0, -1, d, b] > tr.dependence[0, 0, d, b]


def test_commitments_hold_and_bounds_bind(mini) -> None:  # type: ignore[no-untyped-def]
    tr = simulate(mini)
    a, c = tr.actors.index("AAA"), tr.actors.index("CCC")
    b, d = tr.actors.index("BBB"), tr.actors.index("DDD")
    assert np.all(tr.relations[0, :, a, c] == 0.8)
    assert np.all(
        (tr.relations[0, :, b, d] >= 0.4 - 1e-12) & (tr.relations[0, :, b, d] <= 0.6 + 1e-12)
    )
    assert np.all(np.abs(tr.relations) <= 1.0)
    np.testing.assert_array_equal(tr.relations, np.swapaxes(tr.relations, -1, -2))
    ended = simulate(mini, interventions=["end-alliance"])
    assert ended.relations[0, 1, a, c] < 0.8  # unlocked and lowered in 2022
    assert ended.relations[0, 2, a, c] != ended.relations[0, 1, a, c]  # now free to move


def test_revert_undoes_a_historical_event(mini) -> None:  # type: ignore[no-untyped-def]
    base = simulate(mini)
    undone = simulate(mini, interventions=["undo-old"])
    c, d = base.actors.index("CCC"), base.actors.index("DDD")
    assert undone.relations[0, 0, c, d] == pytest.approx(base.relations[0, 0, c, d] + 0.2)


def test_power_follows_trends(mini) -> None:  # type: ignore[no-untyped-def]
    tr = simulate(mini)
    b = tr.actors.index("BBB")
    assert np.all(np.diff(tr.power[0, :, b]) > 0)
    np.testing.assert_allclose(tr.power.sum(axis=-1), 1.0)


def test_unknown_intervention_is_an_error(mini) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(EquipoiseError, match="unknown intervention"):
        simulate(mini, interventions=["nope"])


def test_growth_noise_uses_the_rng_reproducibly() -> None:
    text = MINI.replace("seed = 7", "seed = 7\n").replace(
        "[[issues]]", "[parameters]\ngrowth_noise = 0.05\n\n[[issues]]", 1
    )
    c = compile_scenario(loads_scenario(text))
    a = simulate(c, rng=np.random.default_rng(3))
    b = simulate(c, rng=np.random.default_rng(3))
    other = simulate(c, rng=np.random.default_rng(4))
    np.testing.assert_array_equal(a.power, b.power)
    assert not np.array_equal(a.power, other.power)


def test_bloc_steps_option(mini) -> None:  # type: ignore[no-untyped-def]
    tr = simulate(mini, options=SimulationOptions(bloc_steps="last", keep_relations=False))
    assert np.all(tr.blocs[0, :-1] == -2)
    assert np.all(tr.blocs[0, -1] >= -1)
    assert tr.relations.shape[1] == 2
    assert np.isnan(tr.polarity[0, 0]) and np.isfinite(tr.polarity[0, -1])


def test_template_runs_and_positions_stay_in_range() -> None:
    c = compile_scenario(loads_scenario(template_text("t")))
    tr = simulate(c)
    present = tr.positions[~np.isnan(tr.positions)]
    assert np.all((present >= 0) & (present <= 100))
    assert np.all((tr.strategic_space >= 0) & (tr.strategic_space <= 1))
    assert np.all((tr.dependence >= 0) & (tr.dependence <= 1))


def test_recorded_median_and_mean_are_those_of_the_positions() -> None:
    """The loop reuses the expected-utility round's own median and mean: check them."""
    from equipoise.engines.bargaining import run_compromise, run_median

    c = compile_scenario(loads_scenario(template_text("t")))
    tr = simulate(c)
    for t in range(tr.n_steps + 1):
        for q, issue in enumerate(c.issues):
            m = np.flatnonzero(issue.members)
            cap = np.where(np.isnan(issue.clout[m]), tr.power[0, t, m], issue.clout[m])
            x, s = tr.positions[0, t, q, m], tr.salience[0, t, q, m]
            assert tr.median[0, t, q] == pytest.approx(float(run_median(cap, x, s).forecast))
            assert tr.mean[0, t, q] == pytest.approx(float(run_compromise(cap, x, s).forecast))


#: The bundled scenario's trajectory (seed 7, no intervention), per year 2021..2031, as the code
#: computed it when this pin was written. Re-pinned for issue 12 item 5: blocs by weak balance
#: with polarity counted with tightness (polarity leaves 2), commitment_rate 0.25 in the default
#: scenario (relations move a little). Re-pinned again for issue 13: the calibrated balance_rate
#: (0.1038) and inertia_rate (1.282) of the default scenario (run 20261203-205736-e3a5). A change to any of these numbers must be deliberate:
#: regenerate the pin and say why in the commit.
PINNED_DEFAULT = {
    "polarity": [2.9526331763619416, 2.8688737014295387, 2.8536415422321415, 2.840708270725351, 2.8393486391639216, 2.8416663597328973, 2.8495526323203197, 2.8546382104027552, 2.8691197859273516, 2.87687576406423, 2.88663079946236],
    "frustration": [0.14360214683213673, 0.12131051819411136, 0.11488905785905681, 0.11281396394643091, 0.11033223641588788, 0.10718623186358348, 0.10852291667103178, 0.11040904284929838, 0.11396454350517266, 0.11574440407193368, 0.11737906616464987],
    "relation(RUS,CHN)": [0.637, 0.7148423409393733, 0.7077699922832048, 0.7043696149722163, 0.7086876666499491, 0.7040490414231625, 0.7110378803497921, 0.7095813173367447, 0.7144212765315674, 0.7126293488173688, 0.7175849964240095],
    "dependence(RUS,CHN)": [0.5472076709263131, 0.5749018554479592, 0.5798692188670315, 0.5882139926070438, 0.5968880501828202, 0.6048694566290753, 0.6101509576797368, 0.6178165077683392, 0.6224508233441283, 0.6292028935626022, 0.6323952629879238],
    "strategic_space(RUS)": [0.8215540320522852, 0.7798458903034887, 0.781871082392104, 0.78403436582529, 0.7842477212708668, 0.7899335119905222, 0.7915553691606736, 0.7974920799700349, 0.8017644671769143, 0.8086203640513403, 0.8073477513833097],
    "forecast(inf-missiles-japan)": [35.0, 35.0, 35.0, 17.5, 17.5, 17.5, 17.5, 17.5, 17.5, 17.5, 17.5],
    "forecast(kurils-peace-treaty)": [20.0] * 11,
    "forecast(indo-pacific-quad)": [65.0] * 11,
    "forecast(russia-sanctions)": [75.0] * 11,
    "forecast(scs-navigation)": [5.0] * 11,
    "forecast(korean-peninsula)": [30.0] * 11,
}  # fmt: skip


def test_default_scenario_trajectory_is_pinned() -> None:
    from equipoise.scenario import load_scenario

    # the loop's own numbers: without the declared shocks, whose draws tests/test_shocks.py pins
    s = load_scenario("indo-pacific-2021").model_copy(update={"shocks": ()})
    tr = simulate(compile_scenario(s))
    assert tr.years.tolist() == list(range(2021, 2032))
    assert tr.poles == ("CHN", "USA")
    r, c = tr.actors.index("RUS"), tr.actors.index("CHN")
    got = {
        "polarity": tr.polarity[0],
        "frustration": tr.frustration[0],
        "relation(RUS,CHN)": tr.relations[0, :, r, c],
        "dependence(RUS,CHN)": tr.dependence[0, :, r, c],
        "strategic_space(RUS)": tr.strategic_space[0, :, r],
    }
    got.update({f"forecast({issue})": tr.forecast[0, :, q] for q, issue in enumerate(tr.issues)})
    assert set(got) == set(PINNED_DEFAULT)
    for name, expected in PINNED_DEFAULT.items():
        np.testing.assert_allclose(got[name], expected, rtol=1e-9, atol=1e-12, err_msg=name)


def test_on_step_reports_each_step_and_can_cancel(mini) -> None:  # type: ignore[no-untyped-def]
    calls: list[tuple[int, int]] = []
    tr = simulate(mini, options=SimulationOptions(on_step=lambda t, n: calls.append((t, n))))
    assert calls == [(t, tr.n_steps) for t in range(tr.n_steps + 1)]

    class Cancelled(Exception):
        pass

    seen: list[int] = []

    def cancel_at_two(step: int, n_steps: int) -> None:
        seen.append(step)
        if step == 2:
            raise Cancelled

    with pytest.raises(Cancelled):
        simulate(mini, options=SimulationOptions(on_step=cancel_at_two))
    assert seen == [0, 1, 2]  # stopped between steps, nothing after


def test_change_targets_are_parsed_once_per_compiled_scenario(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from equipoise.simulate import changes

    compiled = compile_scenario(loads_scenario(MINI))
    calls: list[str] = []
    parse = changes.parse_target

    def counting(text, index, **kw):  # type: ignore[no-untyped-def]
        calls.append(text)
        return parse(text, index, **kw)

    monkeypatch.setattr(changes, "parse_target", counting)
    patch = Patch("relations.AAA-BBB.weight", "set", np.array([-0.3]))
    first = simulate(compiled, interventions=["undo-old"], patches=[patch])
    assert calls  # events, interventions, effects and the patch
    n = len(calls)
    again = simulate(compiled, interventions=["undo-old"], patches=[patch])
    assert len(calls) == n  # nothing parsed again
    np.testing.assert_array_equal(first.relations, again.relations)
    assert first.fired == again.fired


def test_an_intervention_that_cannot_apply_is_refused_only_when_asked() -> None:
    text = MINI.replace(
        "[[interventions]]",
        """[[events]]
id = "fixed"
name = "fixed"
year = 2015
source = "test"
changes = [ { target = "relations.CCC-DDD.weight", set = -0.3 } ]

[[interventions]]
name = "undo-fixed"
year = 2015
revert = ["fixed"]

[[interventions]]""",
        1,
    )
    compiled = compile_scenario(loads_scenario(text))
    simulate(compiled, interventions=["nothing"])  # the other interventions still run
    with pytest.raises(EquipoiseError, match="cannot revert 'set'"):
        simulate(compiled, interventions=["undo-fixed"])


# --------------------------------------------------------------------------------------------
# blocs whose number comes from the data (issue 12 item 5)

_CAMPS = """
[scenario]
name = "camps"
start_year = 2021
horizon = 3
seed = 1

[[actors]]
code = "AAA"
name = "A"
[[actors]]
code = "BBB"
name = "B"
[[actors]]
code = "CCC"
name = "C"
[[actors]]
code = "DDD"
name = "D"
[[actors]]
code = "EEE"
name = "E"
[[actors]]
code = "FFF"
name = "F"

[[indicators]]
name = "milex"
year = 2020
unit = "USD"
source = "test"
values = { AAA = 40, BBB = 20, CCC = 40, DDD = 20, EEE = 30, FFF = 30 }

[[relations]]
pair = ["AAA", "BBB"]
kind = "alliance"
weight = 0.8
source = "test"

[[relations]]
pair = ["CCC", "DDD"]
kind = "alliance"
weight = 0.8
source = "test"

[[relations]]
pair = ["AAA", "CCC"]
kind = "rivalry"
weight = -0.7
source = "test"

[[relations]]
pair = ["BBB", "DDD"]
kind = "rivalry"
weight = -0.6
source = "test"

[[relations]]
pair = ["EEE", "FFF"]
kind = "friction"
weight = EF
source = "test"

[[relations]]
pair = ["EEE", "AAA"]
kind = "friction"
weight = EA
source = "test"

[[relations]]
pair = ["FFF", "CCC"]
kind = "friction"
weight = FC
source = "test"
"""


def _camps(ef: float, ea: float, fc: float) -> str:
    return _CAMPS.replace("EF", str(ef)).replace("EA", str(ea)).replace("FC", str(fc))


def test_polarity_moves_with_a_non_aligned_third_group() -> None:
    """A third camp, friendly inside and hostile to both camps, is a third bloc: polarity > 2.5.

    The same pair split between the camps (E allied to A, F to C) leaves two blocs, and the
    polarity falls toward 2; polarity and bipolarity are different series.
    """
    third = simulate(compile_scenario(loads_scenario(_camps(0.8, -0.5, -0.5))))
    assert np.all(third.blocs[0].max(axis=-1) == 2)  # three blocs in every year
    ea, fa = third.actors.index("EEE"), third.actors.index("FFF")
    assert np.all(third.blocs[0, :, ea] == third.blocs[0, :, fa])
    split = simulate(compile_scenario(loads_scenario(_camps(-0.6, 0.8, 0.8))))
    assert np.all(split.blocs[0].max(axis=-1) == 1)  # two blocs
    assert np.all(third.polarity[0] > 2.5)
    assert np.all(split.polarity[0] < third.polarity[0] - 0.5)
    # the third pole takes power from the two largest: bipolarity falls
    assert np.all(third.bipolarity_share[0] < split.bipolarity_share[0])
    assert not np.allclose(third.polarity[0], third.bipolarity[0])
    assert np.all(third.bloc_exact[0])  # six actors: exact enumeration, recorded


def test_default_scenario_poles_move_and_are_not_one_series() -> None:
    from equipoise.scenario import load_scenario

    tr = simulate(compile_scenario(load_scenario("indo-pacific-2021")))
    assert np.ptp(tr.polarity[0]) > 0.1  # polarity moves over the years
    assert not np.allclose(tr.bipolarity[0], tr.antagonism[0])  # share part is not always 1
    assert not np.allclose(tr.polarity[0], tr.bipolarity[0])
    assert not np.any(tr.bloc_exact[0])  # 14 tied actors: the relocation heuristic, recorded


def test_heuristic_blocs_do_not_depend_on_the_batch() -> None:
    from equipoise.scenario import load_scenario

    # without the shocks: each member draws its own, and the single runs are all member 0
    c = compile_scenario(load_scenario("indo-pacific-2021").model_copy(update={"shocks": ()}))
    values = np.array([0.2, 0.6, 0.4])
    batch = simulate(c, n_members=3, patches=[Patch("parameters.balance_rate", "set", values)])
    for b, v in enumerate(values):
        single = simulate(c, patches=[Patch("parameters.balance_rate", "set", np.array([v]))])
        np.testing.assert_array_equal(batch.blocs[b], single.blocs[0])
        np.testing.assert_array_equal(batch.polarity[b], single.polarity[0])


# --------------------------------------------------------------------------------------------
# cycles of the expected-utility rounds in the yearly loop (issue 12 item 5)

_CYCLE = """
[scenario]
name = "cycle"
start_year = 2021
horizon = 6
seed = 1

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
year = 2020
unit = "USD"
source = "test"
values = { AAA = 2, BBB = 2, CCC = 1 }

[[issues]]
id = "q"
name = "Q"
low = "l"
high = "h"
model = "eu"
positions = [
  { actor = "AAA", position = 0, salience = 1.0, clout = 2 },
  { actor = "BBB", position = 50, salience = 1.0, clout = 2 },
  { actor = "CCC", position = 75, salience = 0.4, clout = 1 },
]
"""


def test_a_cycling_issue_reports_its_summary_every_year() -> None:
    """The hand-checked 3-actor cycle (tests/test_bargaining_cycles.py): C capitulates to B,
    then to A, then to B... One round a year, the weighted median goes 50, 0, 50, 0; the loop
    reports the cycle's mean, 25, with the period and range beside it, from the first year
    its median moves."""
    tr = simulate(compile_scenario(loads_scenario(_CYCLE)))
    np.testing.assert_allclose(tr.median[0, 1:, 0], [50.0, 0.0, 50.0, 0.0, 50.0, 0.0])
    # 2022: C moves to B, the median stays at 50 (nothing to look ahead for); from 2023 the
    # median moves, the look-ahead finds the cycle and the forecast is its mean
    np.testing.assert_allclose(tr.forecast[0, 1:, 0], [50.0, 25.0, 25.0, 25.0, 25.0, 25.0])
    assert tr.cycle_period[0, 1:, 0].tolist() == [0, 2, 2, 2, 2, 2]
    np.testing.assert_allclose(tr.cycle_low[0, 2:, 0], 0.0)
    np.testing.assert_allclose(tr.cycle_high[0, 2:, 0], 50.0)
    assert tr.cycle_period[0, 0, 0] == 0  # the start year bargains no round


def test_default_missile_forecast_does_not_flip() -> None:
    from equipoise.scenario import load_scenario

    tr = simulate(compile_scenario(load_scenario("indo-pacific-2021")), n_members=3)
    q = tr.issues.index("inf-missiles-japan")
    f = tr.forecast[:, :, q]
    step = np.diff(f, axis=1)
    # no year's change is undone by the next: the series never goes back and forth
    assert not np.any((step[:, 1:] * step[:, :-1] < 0) & (np.abs(step[:, 1:]) > 1e-6))
    raw = np.diff(tr.median[:, :, q], axis=1)
    assert np.any(raw[:, 1:] * raw[:, :-1] < 0)  # while the year's own median does flip
    assert np.all(tr.cycle_period[:, -1, q] == 2)
