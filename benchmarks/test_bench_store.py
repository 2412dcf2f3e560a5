"""Benchmarks of the results store (issue 7: streaming batches to Parquet, reading them back).

Run with ``pytest benchmarks/test_bench_store.py -s`` (``-s`` shows the summary lines).
The table is a realistic tidy ``actors`` table: 100 members × 11 steps × 14 actors ×
4 variables = 61,600 rows per batch, 100 batches = 6.16 million rows (10,000 members).
Figures go in ``docs/store.md``.
"""

from __future__ import annotations

import time
import tracemalloc
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

from equipoise.store import RunStore

MEMBERS = 100
STEPS = 11
ACTORS = np.array(
    [
        "USA",
        "CHN",
        "RUS",
        "JPN",
        "KOR",
        "PRK",
        "IND",
        "AUS",
        "IDN",
        "VNM",
        "PHL",
        "GBR",
        "FRA",
        "TWN",
    ]
)
VARIABLES = ("power", "strategic_space", "alignment", "bloc")
N_BATCHES = 100
ROWS = MEMBERS * STEPS * len(ACTORS) * len(VARIABLES)


def batch_frame(batch: int) -> pd.DataFrame:
    """One batch of the tidy actors table (61,600 rows), seeded by the batch index."""
    rng = np.random.default_rng(batch)
    m, t, a = np.meshgrid(
        batch * MEMBERS + np.arange(MEMBERS),
        np.arange(STEPS),
        np.arange(len(ACTORS)),
        indexing="ij",
    )
    return pd.concat(
        [
            pd.DataFrame(
                {
                    "member": m.ravel(),
                    "step": t.ravel(),
                    "year": 2021.0 + t.ravel(),
                    "actor": ACTORS[a.ravel()],
                    "variable": v,
                    "value": rng.random(m.size),
                }
            )
            for v in VARIABLES
        ],
        ignore_index=True,
    )


def new_run(store: RunStore, n_batches: int = N_BATCHES) -> str:
    return store.create_run(
        kind="ensemble",
        scenario_name="bench",
        scenario_hash="bench",
        parameters={"members": n_batches * MEMBERS},
        seed=0,
        n_members=n_batches * MEMBERS,
        n_batches=n_batches,
        code_version="bench",
    )


def folder_bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


@pytest.fixture(scope="module")
def frames() -> list[pd.DataFrame]:
    return [batch_frame(b) for b in range(N_BATCHES)]


@pytest.fixture(scope="module")
def filled(
    tmp_path_factory: pytest.TempPathFactory, frames: list[pd.DataFrame]
) -> tuple[RunStore, str]:
    store = RunStore(tmp_path_factory.mktemp("bench") / "store")
    run_id = new_run(store)
    for b, frame in enumerate(frames):
        store.write_batch(run_id, b, {"actors": frame})
    store.finish(run_id)
    return store, run_id


def test_bench_write_100_batches(
    benchmark: Any, tmp_path: Path, frames: list[pd.DataFrame]
) -> None:
    stores: list[RunStore] = []

    def setup() -> tuple[tuple[RunStore, str], dict[str, Any]]:
        store = RunStore(tmp_path / f"store{len(stores)}")
        stores.append(store)
        return (store, new_run(store)), {}

    def write_all(store: RunStore, run_id: str) -> None:
        for b, frame in enumerate(frames):
            store.write_batch(run_id, b, {"actors": frame})

    benchmark.pedantic(write_all, setup=setup, rounds=3, iterations=1)
    median = benchmark.stats.stats.median if benchmark.stats else float("nan")
    size = folder_bytes(stores[-1].root / "runs")
    print(
        f"\nwrite {N_BATCHES} batches x {ROWS:,} rows: median {median:.2f} s, "
        f"{median / N_BATCHES * 1e3:.0f} ms per batch, {N_BATCHES * ROWS / median / 1e6:.2f} M rows/s, "
        f"{size / 2**20:.1f} MiB on disk ({size / (N_BATCHES * ROWS):.1f} bytes/row)"
    )
    assert stores[-1].completed_batches(stores[-1].list_runs()["run_id"].iloc[0]) == set(
        range(N_BATCHES)
    )


def test_bench_small_batch_overhead(benchmark: Any, tmp_path: Path) -> None:
    """The fixed cost of a batch (temporary file, rename, one catalog transaction)."""
    store = RunStore(tmp_path / "store")
    run_id = new_run(store, n_batches=10_000)
    tiny = {"system": pd.DataFrame({"member": [0], "value": [1.0]})}
    counter = iter(range(10_000))
    benchmark.pedantic(
        lambda: store.write_batch(run_id, next(counter), tiny), rounds=30, iterations=1
    )
    median = benchmark.stats.stats.median if benchmark.stats else float("nan")
    print(f"\nfixed cost of one batch: median {median * 1e3:.1f} ms")


def test_bench_read_all(benchmark: Any, filled: tuple[RunStore, str]) -> None:
    store, run_id = filled
    frame = benchmark.pedantic(lambda: store.read_table(run_id, "actors"), rounds=3, iterations=1)
    assert len(frame) == N_BATCHES * ROWS
    assert frame["member"].iloc[-1] == N_BATCHES * MEMBERS - 1  # batch order kept
    median = benchmark.stats.stats.median if benchmark.stats else float("nan")
    print(
        f"\nread back {len(frame):,} rows (all batches): median {median:.2f} s, "
        f"{len(frame) / median / 1e6:.1f} M rows/s"
    )


def test_bench_read_filtered(benchmark: Any, filled: tuple[RunStore, str]) -> None:
    store, run_id = filled
    frame = benchmark.pedantic(
        lambda: store.read_table(
            run_id,
            "actors",
            columns=["member", "step", "value"],
            filters=[("actor", "==", "RUS"), ("variable", "==", "strategic_space")],
        ),
        rounds=5,
        iterations=1,
    )
    assert len(frame) == N_BATCHES * MEMBERS * STEPS
    median = benchmark.stats.stats.median if benchmark.stats else float("nan")
    print(f"\nread one actor x one variable ({len(frame):,} rows): median {median * 1e3:.0f} ms")


def test_bench_sql_aggregate(benchmark: Any, filled: tuple[RunStore, str]) -> None:
    store, run_id = filled
    query = (
        "SELECT actor, step, avg(value) AS mean, quantile_cont(value, 0.9) AS p90 "
        f"FROM results_actors WHERE run_id = '{run_id}' AND variable = 'power' "
        "GROUP BY ALL ORDER BY ALL"
    )
    frame = benchmark.pedantic(lambda: store.sql(query), rounds=5, iterations=1)
    assert len(frame) == len(ACTORS) * STEPS
    median = benchmark.stats.stats.median if benchmark.stats else float("nan")
    print(f"\nSQL mean and p90 by actor and step over 6.16 M rows: median {median * 1e3:.0f} ms")


def test_bench_verify_with_hashes(benchmark: Any, filled: tuple[RunStore, str]) -> None:
    """Full verification of a 100-batch run: every byte hashed (SHA-256), footers read."""
    store, run_id = filled
    report = benchmark.pedantic(lambda: store.verify(run_id), rounds=3, iterations=1)
    assert report.ok and report.state == "ok"
    median = benchmark.stats.stats.median if benchmark.stats else float("nan")
    print(
        f"\nverify (hashes) of {report.files} files, {report.bytes / 2**20:.1f} MiB: median "
        f"{median * 1e3:.0f} ms, {report.bytes / 2**20 / median:.0f} MiB/s"
    )


def test_bench_verify_without_hashes(benchmark: Any, filled: tuple[RunStore, str]) -> None:
    """Cheap verification of a 100-batch run: sizes, footer row counts and tags."""
    store, run_id = filled
    report = benchmark.pedantic(lambda: store.verify(run_id, hashes=False), rounds=5, iterations=1)
    assert report.ok
    median = benchmark.stats.stats.median if benchmark.stats else float("nan")
    print(f"\nverify (no hashes) of {report.files} files: median {median * 1e3:.0f} ms")


def test_bench_get_run_and_list_runs(benchmark: Any, filled: tuple[RunStore, str]) -> None:
    """The checks on every read: get_run (sizes + footers), list_runs (sizes)."""
    store, run_id = filled
    info = benchmark.pedantic(lambda: store.get_run(run_id), rounds=5, iterations=1)
    assert info["integrity"]["state"] == "ok"
    median = benchmark.stats.stats.median if benchmark.stats else float("nan")
    start = time.perf_counter()
    for _ in range(5):
        store.list_runs()
    listing = (time.perf_counter() - start) / 5
    print(
        f"\nget_run of a {N_BATCHES}-batch run (checks sizes and footers): median "
        f"{median * 1e3:.0f} ms; list_runs (sizes): mean {listing * 1e3:.0f} ms"
    )


def test_memory_stays_bounded(tmp_path: Path) -> None:
    """Writing 100 batches made on the fly keeps about one batch in memory, not all of them."""
    store = RunStore(tmp_path / "store")
    run_id = new_run(store)
    one = batch_frame(0)
    one_bytes = int(one.memory_usage(deep=True).sum())
    del one
    arrow_before = pa.total_allocated_bytes()
    tracemalloc.start()
    start = time.perf_counter()
    try:
        for b in range(N_BATCHES):
            store.write_batch(run_id, b, {"actors": batch_frame(b)})
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    seconds = time.perf_counter() - start
    kept_by_arrow = pa.total_allocated_bytes() - arrow_before
    print(
        f"\nmemory: one batch {one_bytes / 2**20:.1f} MiB in pandas; peak traced while writing "
        f"{N_BATCHES} batches {peak / 2**20:.1f} MiB (all batches would be "
        f"{N_BATCHES * one_bytes / 2**20:.0f} MiB); Arrow memory kept afterwards "
        f"{kept_by_arrow / 2**20:.2f} MiB; {seconds:.1f} s with tracing"
    )
    assert peak < 6 * one_bytes
    assert kept_by_arrow < one_bytes
