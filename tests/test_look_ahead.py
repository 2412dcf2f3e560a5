"""The look-ahead of the time loop (``look_ahead_cycles``) is the oracle's cycle test bit for bit.

The oracle is the recipe the look-ahead replaced: ``run_expected_utility`` for ``first``
rounds, and where that shows no cycle for the full ``rounds``, each row on its own.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import pytest

from equipoise.engines.bargaining import EUOptions, look_ahead_cycles, run_expected_utility
from equipoise.engines.bargaining._result import CycleReport

FIELDS = ("detected", "period", "start", "low", "high", "summary", "position_low", "position_high")


def _oracle(
    c: npt.NDArray[np.float64],
    x: npt.NDArray[np.float64],
    s: npt.NDArray[np.float64],
    first: npt.NDArray[np.int64],
    rounds: int,
    opts: EUOptions,
) -> list[CycleReport]:
    out = []
    for b in range(x.shape[0]):
        rep = None
        for r in (int(first[b]), rounds):
            run = run_expected_utility(
                c[b], x[b], s[b], scale=(0.0, 100.0), rounds=r, options=opts, keep_dyads=False
            )
            rep = run.cycle
            assert rep is not None
            if bool(rep.detected):
                break
        assert rep is not None
        out.append(rep)
    return out


def _cycling_inputs(m: int, seed: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Rows of 3-5 actors, about half built on the hand-checked 3-actor cycle (some exact)."""
    rng = np.random.default_rng(seed)
    n = 4
    c = rng.uniform(0.1, 3.0, (m, n))
    x = rng.choice([0.0, 25.0, 50.0, 75.0, 100.0], (m, n)) + rng.choice([0.0, 0.5], (m, n))
    s = rng.uniform(0.05, 1.0, (m, n))
    cyc = rng.random(m) < 0.5
    # the 3-actor cycle of tests/test_bargaining_cycles.py plus a bystander
    c[cyc] = [2.0, 2.0, 1.0, 0.0]
    x[cyc] = [0.0, 50.0, 75.0, 30.0]
    s[cyc] = [1.0, 1.0, 0.4, 0.0]
    x[cyc, 2] = rng.choice([50.0, 0.0, 75.0, 60.0], cyc.sum())
    return c, np.clip(x, 0.0, 100.0), s


@pytest.mark.parametrize(
    "opts",
    [
        EUOptions(),
        EUOptions(Q=0.5),
        EUOptions(range_mode="recomputed"),
        EUOptions(risk="neutral", probability_votes="linear"),
        EUOptions(stop_threshold=0.01),
    ],
    ids=["default", "q-half", "recomputed", "neutral", "stop-rule"],
)
@pytest.mark.parametrize("rounds", [8, 5])
def test_look_ahead_is_the_oracle_bit_for_bit(opts: EUOptions, rounds: int) -> None:
    c, x, s = _cycling_inputs(40, seed=rounds)
    rng = np.random.default_rng(1)
    first = np.where(rng.random(40) < 0.6, rng.integers(1, rounds + 1, 40), rounds)
    got = look_ahead_cycles(c, x, s, scale=(0.0, 100.0), rounds=rounds, first=first, options=opts)
    want = _oracle(c, x, s, first, rounds, opts)
    assert got.detected.any() and not got.detected.all()  # the inputs exercise both
    for name in FIELDS:
        expected = np.array([np.asarray(getattr(w, name)) for w in want])
        np.testing.assert_array_equal(np.asarray(getattr(got, name)), expected, err_msg=name)


def test_rows_do_not_depend_on_the_batch() -> None:
    c, x, s = _cycling_inputs(30, seed=3)
    first = np.full(30, 4)
    whole = look_ahead_cycles(c, x, s, scale=(0.0, 100.0), rounds=8, first=first)
    for b in (0, 7, 29):
        one = look_ahead_cycles(
            c[b : b + 1], x[b : b + 1], s[b : b + 1], scale=(0.0, 100.0), rounds=8, first=first[:1]
        )
        for name in FIELDS:
            np.testing.assert_array_equal(
                np.asarray(getattr(one, name))[0], np.asarray(getattr(whole, name))[b]
            )


def test_exact_cycle_is_copied_not_bargained(monkeypatch: pytest.MonkeyPatch) -> None:
    # the hand-checked cycle from a state on it repeats after two rounds: two rounds run
    import equipoise.engines.bargaining.expected_utility as eu

    calls: list[int] = []
    advance = eu._advance

    def counting(cur: np.ndarray, *args: object) -> np.ndarray:
        calls.append(cur.shape[0])
        return advance(cur, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(eu, "_advance", counting)
    rep = look_ahead_cycles(
        [[2.0, 2.0, 1.0]], [[0.0, 50.0, 0.0]], [[1.0, 1.0, 0.4]], scale=(0.0, 100.0), rounds=8
    )
    assert calls == [1, 1]
    assert rep.period.tolist() == [2] and rep.summary.tolist() == [25.0]


def test_bad_first_is_refused() -> None:
    with pytest.raises(ValueError, match="first must be"):
        look_ahead_cycles(
            [[1.0, 1.0]], [[0.0, 100.0]], [[1.0, 1.0]], scale=(0.0, 100.0), rounds=4, first=[5]
        )
    with pytest.raises(ValueError, match="shape"):
        look_ahead_cycles([1.0, 1.0], [0.0, 100.0], [1.0, 1.0], scale=(0.0, 100.0), rounds=4)


def test_identical_rows_bargain_once(monkeypatch: pytest.MonkeyPatch) -> None:
    # the time loop's yearly rounds: rows with the same bits run once, the copies are exact
    from equipoise.simulate import steps

    rng = np.random.default_rng(5)
    c, x, s = rng.uniform(0.1, 2.0, (8, 5)), rng.uniform(0.0, 100.0, (8, 5)), rng.random((8, 5))
    x[0, 0] = 0.0
    c, x, s = (np.concatenate([a, a[:5], a[3:4], a[:1]]) for a in (c, x, s))  # 7 copies
    x[-1, 0] = -0.0  # the bits differ from row 0's 0.0: not merged
    want = run_expected_utility(c, x, s, scale=(0.0, 100.0), rounds=3, keep_dyads=False)
    seen: list[int] = []
    run = steps.run_expected_utility

    def counting(cap: np.ndarray, *args: object, **kwargs: object) -> object:
        seen.append(cap.shape[0])
        return run(cap, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(steps, "run_expected_utility", counting)
    got = steps._distinct_rounds(c, x, s, 3, 1.0)
    assert seen == [9]
    for name in ("positions", "median", "mean", "forecast"):
        np.testing.assert_array_equal(getattr(got, name), getattr(want, name), err_msg=name)


def test_rounds_without_the_cycle_test_are_the_same_rounds() -> None:
    c, x, s = _cycling_inputs(10, seed=2)
    full = run_expected_utility(c, x, s, scale=(0.0, 100.0), rounds=4, keep_dyads=False)
    bare = run_expected_utility(
        c, x, s, scale=(0.0, 100.0), rounds=4, keep_dyads=False, cycles=False
    )
    assert full.cycle is not None and bare.cycle is None
    for name in ("positions", "median", "mean", "forecast"):
        np.testing.assert_array_equal(getattr(bare, name), getattr(full, name), err_msg=name)


def test_no_rows_no_rounds() -> None:
    rep = look_ahead_cycles(
        np.ones((0, 3)), np.zeros((0, 3)), np.ones((0, 3)), scale=(0.0, 100.0), rounds=8
    )
    assert rep.detected.shape == (0,) and rep.position_low.shape == (0, 3)
