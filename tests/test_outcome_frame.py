"""The long ``outcomes`` table of a batch (equipoise.experiments.ensemble._outcome_frame)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from equipoise.experiments.ensemble import BatchResult, _outcome_frame


def _reference(result: BatchResult) -> pd.DataFrame:
    """The table as first built: one frame per outcome and column, kept as the oracle."""
    parts = []
    for (arm, label), arr in result.values.items():
        a = np.asarray(arr, dtype=np.float64)
        cols = a.reshape(a.shape[0], -1)
        for j in range(cols.shape[1]):
            parts.append(
                pd.DataFrame(
                    {
                        "member": result.arm_rows.get(arm, result.members),
                        "arm": arm,
                        "outcome": label,
                        "index": j,
                        "value": cols[:, j],
                    }
                )
            )
    if not parts:
        return pd.DataFrame({"member": [], "arm": [], "outcome": [], "index": [], "value": []})
    return pd.concat(parts, ignore_index=True)


def _batch(values: dict[tuple[str, str], Any], arm_rows: dict[str, Any]) -> BatchResult:
    members = np.arange(26, 52, dtype=np.int64)
    return BatchResult(0, members, values, {}, 0.0, arm_rows=arm_rows)


def test_outcome_table_is_the_frame_by_frame_table() -> None:
    rng = np.random.default_rng(0)
    values = {
        ("baseline", "polarity@2030"): rng.normal(size=26),
        ("baseline", "power@2030"): rng.normal(size=(26, 193)),
        ("partial", "share@2025"): rng.normal(size=(14, 5)),
        ("baseline", "grid"): rng.normal(size=(26, 3, 4)),
        ("partial", "none"): np.zeros((14, 0)),
        ("baseline", "nan"): np.full(26, np.nan),
    }
    result = _batch(values, {"partial": np.arange(26, 40, dtype=np.int64)})
    got = _outcome_frame(result)
    pd.testing.assert_frame_equal(got, _reference(result), check_exact=True)
    assert len(got) == 26 + 26 * 193 + 14 * 5 + 26 * 12 + 26


def test_no_outcome_gives_the_empty_table() -> None:
    for values in ({}, {("baseline", "none"): np.zeros((26, 0))}):
        result = _batch(values, {})
        pd.testing.assert_frame_equal(_outcome_frame(result), _reference(result))
