"""The outcome table a batch writes to the store: one frame built at once, as frame by frame."""

from __future__ import annotations

import numpy as np
import pandas as pd

from equipoise.experiments.ensemble import BatchResult, _outcome_frame


def _frame_by_frame(result: BatchResult) -> pd.DataFrame:
    """The table as the ensemble first built it: one frame per outcome column, concatenated."""
    parts = []
    for (arm, label), arr in result.values.items():
        cols = np.asarray(arr, dtype=np.float64).reshape(len(arr), -1)
        for j in range(cols.shape[1]):
            rows = result.arm_rows.get(arm, result.members)
            frame = {"member": rows, "arm": arm, "outcome": label, "index": j, "value": cols[:, j]}
            parts.append(pd.DataFrame(frame))
    return pd.concat(parts, ignore_index=True)


def test_outcome_table_is_the_frame_by_frame_table() -> None:
    rng = np.random.default_rng(0)
    members = np.arange(100, 200, dtype=np.int64)
    values = {
        ("baseline", "space"): rng.random(100),
        ("baseline", "power"): rng.random((100, 14)),
        ("qsd@no-shocks", "blocs"): rng.random((40, 3, 2)),
        ("qsd@no-shocks", "nothing"): rng.random((40, 0)),
        ("baseline", "missing"): np.full(100, np.nan),
    }
    result = BatchResult(0, members, values, arm_rows={"qsd@no-shocks": members[:40]})
    got = _outcome_frame(result)
    pd.testing.assert_frame_equal(got, _frame_by_frame(result), check_exact=True)
    assert len(got) == 100 + 1400 + 240 + 100


def test_no_outcome_gives_the_empty_table() -> None:
    empty = _outcome_frame(BatchResult(0, np.arange(3, dtype=np.int64), {}))
    assert list(empty.columns) == ["member", "arm", "outcome", "index", "value"]
    assert len(empty) == 0
