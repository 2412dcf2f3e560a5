"""A/B timing of the store: write N batches, read them back, with the store of one source tree.

Usage (alternate the trees, several rounds, to compare them under the same load)::

    PYTHONPATH=<tree>/src python benchmarks/ab_store.py <tree> 20

where ``<tree>`` is a checkout (``git archive <commit> src benchmarks | tar -x -C <tree>``).
Prints the write time per batch, the time to read the whole table back, ``get_run`` and
``list_runs``, and (if the store has it) ``verify`` with and without hashes. Used for the
"integrity checks' cost" figures in ``docs/store.md`` §10.
"""

from __future__ import annotations

import sys
import tempfile
import time

sys.path.insert(0, sys.argv[1] + "/benchmarks")

from equipoise.store import RunStore
from test_bench_store import batch_frame, new_run


def main(tree: str, n: int) -> None:
    frames = [batch_frame(b) for b in range(n)]
    store = RunStore(tempfile.mkdtemp() + "/s")
    run_id = new_run(store, n_batches=n)
    t0 = time.perf_counter()
    for b, frame in enumerate(frames):
        store.write_batch(run_id, b, {"actors": frame})
    t1 = time.perf_counter()
    store.finish(run_id)
    store.read_table(run_id, "actors")
    t2 = time.perf_counter()
    store.get_run(run_id)
    t3 = time.perf_counter()
    store.list_runs()
    t4 = time.perf_counter()
    extra = ""
    verify = getattr(store, "verify", None)
    if verify is not None:
        report = verify(run_id, hashes=True)
        t5 = time.perf_counter()
        verify(run_id, hashes=False)
        t6 = time.perf_counter()
        extra = (
            f" verify_hash={t5 - t4:.3f} verify_nohash={t6 - t5:.3f} MiB={report.bytes / 2**20:.1f}"
        )
    print(
        f"{tree} write_per_batch_ms={(t1 - t0) / n * 1e3:.0f} read_all={t2 - t1:.2f} "
        f"get_run={t3 - t2:.3f} list_runs={t4 - t3:.3f}{extra}",
        flush=True,
    )


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
