"""Ensemble cost per member at 14, 30 and 60 actors (issue 16: no step between sizes).

Each size is a built scenario: three camps of equal size (allied inside, hostile across, with
seeded noise on every weight), power drawn from a log-normal, two expected-utility issues on
which every actor takes a position. Two payloads per size, both one batch of members through
:func:`equipoise.experiments.ensemble.evaluate_batch` (what every executor runs):

* ``ensemble``: what ``equipoise ensemble`` asks for, the yearly outcomes (polarity and
  bipolarity every year, so blocs at every step);
* ``claim``: one outcome that reads no bloc (a claim on strategic space at the last year), so
  blocs are computed nowhere.

``benchmark.extra_info`` carries the milliseconds per member, of wall time and of CPU time (on
a shared machine the wall time also counts the other jobs). Run:
``OPENBLAS_NUM_THREADS=1 pytest benchmarks/test_bench_ensemble_size.py --benchmark-only -s``.
"""

from __future__ import annotations

import string
import time
from typing import Any

import numpy as np
import pytest

from equipoise.experiments.ensemble import Arm, Payload, Task, evaluate_batch
from equipoise.experiments.outcomes import Outcome, yearly_outcomes
from equipoise.experiments.sampling import sample
from equipoise.scenario import Scenario, loads_scenario

MEMBERS = 50


def built_scenario(n: int, seed: int = 0) -> Scenario:
    """Return a scenario of ``n`` actors in three noisy camps with two expected-utility issues."""
    rng = np.random.default_rng(seed)
    letters = string.ascii_uppercase
    codes = [f"A{letters[i // 26]}{letters[i % 26]}" for i in range(n)]
    camp = np.arange(n) % 3
    milex = np.round(np.exp(rng.normal(3.0, 1.0, n)), 2)
    lines = [
        "[scenario]",
        f'name = "built-{n}"',
        "start_year = 2021",
        "horizon = 10",
        f"seed = {seed + 1}",
        "",
    ]
    for c in codes:
        lines += ["[[actors]]", f'code = "{c}"', f'name = "{c}"', ""]
    values = ", ".join(f"{c} = {v}" for c, v in zip(codes, milex, strict=True))
    lines += [
        "[[indicators]]",
        'name = "milex"',
        "year = 2020",
        'unit = "USD"',
        'source = "built"',
        f"values = {{ {values} }}",
        "",
    ]
    for i in range(n):
        for j in range(i + 1, n):
            base = 0.6 if camp[i] == camp[j] else -0.4
            w = float(np.clip(base + rng.normal(0.0, 0.2), -0.95, 0.95))
            kind = "cooperation" if w >= 0 else "rivalry"
            lines += [
                "[[relations]]",
                f'pair = ["{codes[i]}", "{codes[j]}"]',
                f'kind = "{kind}"',
                f"weight = {w:.3f}",
                'source = "built"',
                "",
            ]
    for q in range(2):
        pos = np.clip(20.0 + 30.0 * camp + rng.normal(0.0, 10.0, n), 0.0, 100.0)
        sal = rng.uniform(0.2, 1.0, n)
        rows = ",\n".join(
            f'  {{ actor = "{c}", position = {p:.1f}, salience = {s:.2f} }}'
            for c, p, s in zip(codes, pos, sal, strict=True)
        )
        lines += [
            "[[issues]]",
            f'id = "q{q}"',
            f'name = "Q{q}"',
            'low = "low"',
            'high = "high"',
            'model = "eu"',
            f"positions = [\n{rows}\n]",
            "",
        ]
    lines += [
        "[[uncertainties]]",
        'name = "beta"',
        'target = "parameters.balance_rate"',
        'distribution = "uniform"',
        "low = 0.1",
        "high = 0.6",
        "",
    ]
    return loads_scenario("\n".join(lines))


SCENARIOS = {n: built_scenario(n) for n in (14, 30, 60)}


def _payload(s: Scenario, kind: str) -> Payload:
    design = sample(s.uncertainties, MEMBERS, method="lhs", seed=1)
    if kind == "ensemble":
        outcomes = yearly_outcomes(s)
    else:
        outcomes = (Outcome("strategic_space", (s.actor_codes[0],), None, 2031.0),)
    # the ensemble command's payload computes blocs at every step; a claim payload asks for
    # none and leaves the steps to the outcomes (what evaluate_batch derives)
    return Payload(
        s,
        tuple(s.uncertainties),
        design,
        (Arm(),),
        outcomes,
        bloc_years="all" if kind == "ensemble" else (),
    )


@pytest.mark.parametrize("kind", ["ensemble", "claim"])
@pytest.mark.parametrize("n", [14, 30, 60])
def test_cost_per_member(benchmark: Any, n: int, kind: str) -> None:
    payload = _payload(SCENARIOS[n], kind)
    evaluate_batch(payload, Task(0, 0, 2))  # compile once, outside the timing
    result = benchmark.pedantic(
        evaluate_batch, args=(payload, Task(0, 0, MEMBERS)), rounds=3, iterations=1
    )
    assert result.members.size == MEMBERS
    benchmark.extra_info["ms_per_member"] = 1000.0 * benchmark.stats["median"] / MEMBERS
    # CPU time too: on a shared machine the wall time also counts other jobs
    start = time.process_time()
    evaluate_batch(payload, Task(0, 0, MEMBERS))
    cpu = 1000.0 * (time.process_time() - start) / MEMBERS
    benchmark.extra_info["cpu_ms_per_member"] = cpu
    print(f"\nn = {n}, {kind}: {cpu:.1f} ms CPU per member")
