"""Benchmarks of ``equipoise build`` on the real data (target: the G20 in under 10 s).

Run with ``pytest benchmarks/test_bench_build.py --benchmark-only`` (reads ../shared/data, or
the folder in ``EQUIPOISE_SHARED_DATA``; skipped where it is absent). The timed call is what
the command does: read every data file, build, write TOML and validate it.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from equipoise.scenario.build import build_scenario, load_history
from equipoise.scenario.loading import loads_scenario

REPO = Path(__file__).resolve().parents[1]
DATA = Path(os.environ.get("EQUIPOISE_SHARED_DATA", REPO.parent / "shared" / "data"))


@pytest.fixture(scope="module")
def data_dir() -> Path:
    if not DATA.is_dir():
        pytest.skip(f"reference data folder {DATA} is absent (set EQUIPOISE_SHARED_DATA)")
    return DATA


def _build(folder: Path, actors: list[str], year: int) -> int:
    result = build_scenario(load_history(folder), actors=actors, year=year)
    scenario = loads_scenario(result.to_toml())
    return len(scenario.relations)


def test_bench_build_g20(benchmark: Any, data_dir: Path) -> None:
    n = benchmark.pedantic(_build, args=(data_dir, ["G20"], 2020), rounds=3, iterations=1)
    assert n == 19 * 18 // 2


def test_bench_load_history(benchmark: Any, data_dir: Path) -> None:
    data = benchmark.pedantic(load_history, args=(data_dir,), rounds=3, iterations=1)
    assert data.frame("unga") is not None
