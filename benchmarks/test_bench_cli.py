"""Start-up of the command line (issue 16): ``--help``, ``validate``, ``show``, ``bargain``.

Run with ``pytest benchmarks/test_bench_cli.py -s -p no:cacheprovider`` (``-s`` shows the
summary lines). Each command runs in a fresh interpreter, as a user runs it; the figures are
wall and CPU time and the peak memory of the child. Target: each under 0.3 s of wall time on
an idle machine. On a shared machine wall time is CPU time plus waiting for a core, so the
CPU time is the figure to compare; ``python -c pass`` is measured alongside as the floor.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from cli_measure import SRC, Measure, child_env, measure, summary

SCENARIO = SRC / "equipoise" / "scenario" / "library" / "indo-pacific-2021.toml"
ACTORS_10 = SRC / "equipoise" / "engines" / "bargaining" / "data" / "emissions_bdm1994.csv"

COMMANDS = {
    "python -c pass (floor)": ["-c", "pass"],
    "equipoise --help": ["-m", "equipoise", "--help"],
    "equipoise validate": ["-m", "equipoise", "validate", str(SCENARIO)],
    "equipoise show": ["-m", "equipoise", "show", str(SCENARIO)],
    "equipoise bargain (10 actors)": ["-m", "equipoise", "bargain", str(ACTORS_10)],
}


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    return child_env(tmp_path_factory.mktemp("pycache"))


@pytest.mark.parametrize("label", list(COMMANDS))
def test_command_start_up(benchmark: Any, env: dict[str, str], label: str) -> None:
    runs: list[Measure] = []

    def run() -> None:
        runs.append(measure(COMMANDS[label], env))

    benchmark.pedantic(run, rounds=7, iterations=1, warmup_rounds=1)
    runs = runs[1:] if len(runs) > 7 else runs  # the warm-up filled the byte-code cache
    benchmark.extra_info["cpu_best_s"] = min(m.cpu for m in runs)
    benchmark.extra_info["peak_mib"] = max(m.peak_mib for m in runs)
    print("\n" + summary(label, runs))
