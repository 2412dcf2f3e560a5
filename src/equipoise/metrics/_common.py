"""Shared helpers of the metrics: input checks, power shares, array aliases."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]

#: Label of an actor with no tie above the threshold (unaligned, a pole of its own).
UNALIGNED = -1


def _relations(R: npt.ArrayLike) -> FloatArray:
    rel = np.asarray(R, dtype=np.float64)
    if rel.ndim < 2 or rel.shape[-1] != rel.shape[-2]:
        raise ValueError(f"R must have shape (..., n, n), got {rel.shape}")
    if not np.all(np.isfinite(rel)) or np.any(np.abs(rel) > 1.0):
        raise ValueError("relations must be finite and within [-1, 1]")
    return rel


def _offdiag(rel: FloatArray) -> FloatArray:
    """Return a copy of ``rel`` with a zero diagonal."""
    out = np.array(rel, dtype=np.float64)
    n = out.shape[-1]
    out[..., np.arange(n), np.arange(n)] = 0.0
    return out


def power_shares(power: npt.ArrayLike) -> FloatArray:
    r"""Return power as shares summing to one along the last axis.

    Parameters
    ----------
    power : array_like, shape (..., n)
        Non-negative power on any scale.

    Returns
    -------
    ndarray, shape (..., n)
        :math:`p_i = P_i / \sum_j P_j`; uniform where all power is zero.

    Raises
    ------
    ValueError
        If any power is negative or not finite.

    Examples
    --------
    >>> power_shares([2.0, 6.0]).tolist()
    [0.25, 0.75]
    """
    p = np.asarray(power, dtype=np.float64)
    if p.ndim < 1:
        raise ValueError("power must have shape (..., n)")
    if not np.all(np.isfinite(p)) or np.any(p < 0.0):
        raise ValueError("power must be finite and >= 0")
    total = p.sum(axis=-1, keepdims=True)
    n = p.shape[-1]
    shares: FloatArray = np.where(total > 0.0, p / np.where(total > 0.0, total, 1.0), 1.0 / n)
    return shares


def _inputs(R: npt.ArrayLike, power: npt.ArrayLike) -> tuple[FloatArray, FloatArray]:
    rel = _relations(R)
    p = power_shares(power)
    n = rel.shape[-1]
    if p.shape[-1] != n:
        raise ValueError(f"power must have shape (..., {n}), got {p.shape}")
    return rel, p


__all__ = ["UNALIGNED", "BoolArray", "FloatArray", "IntArray", "power_shares"]
