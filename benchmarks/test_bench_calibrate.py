"""Benchmarks of ``equipoise calibrate``: one task of a generation on the real data.

Run with ``pytest benchmarks/test_bench_calibrate.py --benchmark-only`` (reads ../shared/data,
or the folder in ``EQUIPOISE_SHARED_DATA``; skipped where it is absent). The timed call is one
executor task of the sampler: 25 particles (``plans.calibrate.CHUNK``) simulated on the G20
scenario built at 2015 and scored against 2016-2019 (:func:`case_scores`). A whole calibration
with the defaults (100 particles, 5 generations, up to 3 proposal rounds, 11 cases) is at most
100 x 11 x (1 + 4 x 3) / 25 = 572 such tasks: the target is under 30 minutes on 2 cores.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from equipoise.experiments.calibration import CalibrationCase, case_scores, prepare_cases
from equipoise.experiments.plans.calibrate import CHUNK
from equipoise.scenario.build import load_history

REPO = Path(__file__).resolve().parents[1]
DATA = Path(os.environ.get("EQUIPOISE_SHARED_DATA", REPO.parent / "shared" / "data"))
NAMES = ("balance_rate", "inertia_rate", "noise_scale")


@pytest.fixture(scope="module")
def g20_case() -> CalibrationCase:
    if not DATA.is_dir():
        pytest.skip(f"reference data folder {DATA} is absent (set EQUIPOISE_SHARED_DATA)")
    cases, _ = prepare_cases(
        load_history(DATA), actor_sets={"G20": ("G20",)}, origins=(2015,), until=2020
    )
    return cases[0]


def test_bench_calibration_task_g20(benchmark: Any, g20_case: CalibrationCase) -> None:
    rng = np.random.default_rng(0)
    theta = np.column_stack(
        [rng.uniform(0, 1, CHUNK), rng.uniform(0, 2, CHUNK), rng.uniform(0.5, 1.5, CHUNK)]
    )
    scores = benchmark.pedantic(case_scores, args=(g20_case, theta, NAMES), rounds=3, iterations=1)
    assert scores.shape == (CHUNK,) and np.isfinite(scores).all()
