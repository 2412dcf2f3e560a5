"""Benchmarks of the power engine and the NMC reader on an NMC-sized table.

Run with ``pytest benchmarks/test_bench_power.py --benchmark-only``. The synthetic system has
200 years × 75 states = 15,000 state-years (the size of COW NMC v6.0, 15,951 rows), drawn from
a seeded generator, with about 5 % of the values missing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest

from equipoise.engines.power import CINC_COMPONENTS, cinc, project, weighted_index
from equipoise.io.nmc import read_nmc

N_YEARS = 200
N_STATES = 75
SEED = 20240611


def synthetic_system() -> np.ndarray:
    """A (years, states, 6) array of log-normal components with 5 % missing."""
    rng = np.random.default_rng(SEED)
    x = rng.lognormal(mean=8.0, sigma=2.0, size=(N_YEARS, N_STATES, len(CINC_COMPONENTS)))
    x[rng.random(x.shape) < 0.05] = np.nan
    return np.round(x)


@pytest.fixture(scope="module")
def system() -> np.ndarray:
    return synthetic_system()


@pytest.fixture(scope="module")
def nmc_csv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    x = synthetic_system()
    lines = ["stateabb,ccode,year,milex,milper,irst,pec,tpop,upop,cinc,version"]
    result = cinc(x)
    for t in range(N_YEARS):
        for i in range(N_STATES):
            cells = ["-9" if np.isnan(v) else str(int(v)) for v in x[t, i]]
            lines.append(
                f"S{i:02d},{i + 1},{1816 + t},{','.join(cells)},{result.cinc[t, i]:.8g},2021"
            )
    path = tmp_path_factory.mktemp("bench") / "nmc_synthetic.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_bench_cinc_engine(benchmark: Any, system: np.ndarray) -> None:
    result = benchmark(cinc, system)
    assert result.cinc.shape == (N_YEARS, N_STATES)


def test_bench_read_nmc_and_cinc(benchmark: Any, nmc_csv: Path) -> None:
    result = benchmark(read_nmc, nmc_csv)
    assert len(result.table) == N_YEARS * N_STATES
    assert result.comparison is not None
    assert result.comparison.n_above_tolerance == 0


def test_bench_weighted_index(benchmark: Any, system: np.ndarray) -> None:
    measures = np.nan_to_num(system)
    weights = np.full(len(CINC_COMPONENTS), 1 / len(CINC_COMPONENTS))
    result = benchmark(weighted_index, measures, weights=weights, log_scale=[True] * 6)
    assert result.index.shape == (N_YEARS, N_STATES)


def test_bench_project_ensemble(benchmark: Any, system: np.ndarray) -> None:
    # 1,000 ensemble members × 75 states × 6 indicators over 30 steps.
    rng = np.random.default_rng(SEED)
    levels = np.broadcast_to(np.nan_to_num(system[-1]), (1000, N_STATES, 6))
    growth = rng.normal(0.02, 0.02, size=(30, 1000, N_STATES, 6))
    path = benchmark(project, levels, growth)
    assert path.shape == (31, 1000, N_STATES, 6)
