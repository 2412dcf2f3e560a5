r"""Poles: the effective number of poles and bipolarity, from blocs and power.

:func:`polarity` (Laakso & Taagepera 1979) and :func:`bipolarity` (the weight of, and hostility
between, the two largest poles). References are in :mod:`equipoise.metrics`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from equipoise.metrics._common import (
    UNALIGNED,
    FloatArray,
    IntArray,
    _inputs,
    _offdiag,
    power_shares,
)


def _pole_keys(labels: IntArray) -> IntArray:
    """Pole of each actor: its bloc, or for an unaligned actor a pole of its own (n + i)."""
    n = labels.shape[-1]
    keys: IntArray = np.where(labels >= 0, labels, n + np.arange(n))
    return keys


def _pole_shares(labels: IntArray, p: FloatArray) -> FloatArray:
    """Power share of every pole key in ``[0, 2n)``, shape (..., 2n)."""
    n = labels.shape[-1]
    keys = _pole_keys(labels)
    keys_b, p_b = np.broadcast_arrays(keys, p)
    batch = keys_b.shape[:-1]
    flat_keys = keys_b.reshape(-1, n)
    offsets = (np.arange(flat_keys.shape[0]) * (2 * n))[:, None]
    counts = np.bincount(
        (flat_keys + offsets).ravel(), weights=p_b.reshape(-1), minlength=flat_keys.shape[0] * 2 * n
    )
    shares: FloatArray = np.asarray(counts, dtype=np.float64).reshape(*batch, 2 * n)
    return shares


def _labels(labels: npt.ArrayLike, n: int | None = None) -> IntArray:
    g = np.asarray(labels)
    if not np.issubdtype(g.dtype, np.integer):
        raise ValueError("labels must be integers (bloc index, or -1 for unaligned)")
    if n is not None and g.shape[-1] != n:
        raise ValueError(f"labels must have shape (..., {n}), got {g.shape}")
    if np.any(g < UNALIGNED):
        raise ValueError("labels must be >= -1")
    return g.astype(np.int64)


def polarity(labels: npt.ArrayLike, power: npt.ArrayLike) -> FloatArray:
    r"""Return the effective number of poles (Laakso & Taagepera 1979).

    .. math:: N = \frac{1}{\sum_b s_b^2}, \qquad s_b = \sum_{i \in b} p_i,

    over the poles *b*: each bloc, and each unaligned actor on its own. :math:`N` equals the
    number of poles when they are of equal power and falls toward 1 as one pole dominates.

    Parameters
    ----------
    labels : array_like of int, shape (..., n)
        Blocs (:attr:`Partition.labels`), -1 for unaligned.
    power : array_like, shape (..., n)
        Non-negative power.

    Returns
    -------
    ndarray, shape (...)
        The effective number of poles, in ``[1, n]``.

    Examples
    --------
    >>> float(polarity([0, 0, 1, 1], [1.0, 1.0, 1.0, 1.0]))
    2.0
    >>> round(float(polarity([0, 1, -1], [0.6, 0.3, 0.1])), 4)
    2.1739
    """
    p = power_shares(power)
    g = _labels(labels, p.shape[-1])
    shares = _pole_shares(g, p)
    out: FloatArray = 1.0 / np.sum(shares * shares, axis=-1)
    return out


@dataclass(frozen=True, eq=False)
class Bipolarity:
    """How bipolar the system is: the weight of the two largest poles and their hostility.

    Parameters
    ----------
    share : ndarray, shape (...)
        Power share of the two largest poles together, in ``[0, 1]`` (1 with one pole).
    antagonism : ndarray, shape (...)
        Minus the power-weighted mean relation between the two largest poles, in ``[-1, 1]``:
        1 when every dyad across them is at -1, negative when they are friendly, 0 when there
        are fewer than two poles.
    poles : ndarray of int64, shape (..., 2)
        Pole keys of the two largest poles: a bloc label, or ``n + i`` for unaligned actor *i*
        (``-1`` where absent).
    """

    share: FloatArray
    antagonism: FloatArray
    poles: IntArray

    @property
    def index(self) -> FloatArray:
        r"""The bipolarity index :math:`\beta = s_2 \max(a, 0)` in ``[0, 1]``.

        :math:`s_2` is :attr:`share` and :math:`a` :attr:`antagonism`. The share alone is 1
        whenever every aligned actor falls into two camps, as it does under strong balance,
        and cannot tell two friendly camps from two hostile ones; the seeds' "bipolar
        dynamics" (a two-bloc confrontation, Waltz 1979) need both concentration of power in
        two camps and hostility between them. Our construct.
        """
        out: FloatArray = self.share * np.clip(self.antagonism, 0.0, None)
        return out


def bipolarity(R: npt.ArrayLike, power: npt.ArrayLike, labels: npt.ArrayLike) -> Bipolarity:
    r"""Return the share of power in the two largest poles and the antagonism between them.

    With poles sorted by power share :math:`s_{(1)} \ge s_{(2)} \ge \dots` (blocs, and each
    unaligned actor alone, as in :func:`polarity`):

    .. math::

        \text{share} = s_{(1)} + s_{(2)}, \qquad
        \text{antagonism} = -\frac{\sum_{i \in (1)} \sum_{j \in (2)} p_i p_j \tilde R_{ij}}
                                  {s_{(1)}\, s_{(2)}}.

    A bipolar system has a share near 1 *and* a high antagonism; two large but friendly blocs
    are not bipolar in the strategic sense. Ties between equal poles go to the lower key.

    Parameters
    ----------
    R : array_like, shape (..., n, n)
        Relations (the symmetric part is used).
    power : array_like, shape (..., n)
        Non-negative power.
    labels : array_like of int, shape (..., n)
        Blocs, -1 for unaligned.

    Returns
    -------
    Bipolarity

    Examples
    --------
    >>> R = np.array([[0.0, 0.8, -0.6], [0.8, 0.0, -0.4], [-0.6, -0.4, 0.0]])
    >>> b = bipolarity(R, [1.0, 1.0, 2.0], [1, 1, 0])
    >>> float(b.share), round(float(b.antagonism), 4)
    (1.0, 0.5)
    """
    rel, p = _inputs(R, power)
    n = rel.shape[-1]
    g = _labels(labels, n)
    sym = _offdiag(0.5 * (rel + np.swapaxes(rel, -1, -2)))
    shares = _pole_shares(g, p)
    order = np.argsort(-shares, axis=-1, kind="stable")[..., :2]
    top = np.take_along_axis(shares, order, axis=-1)
    share: FloatArray = np.asarray(np.minimum(top.sum(axis=-1), 1.0), dtype=np.float64)
    keys = _pole_keys(g)
    keys, p_b = np.broadcast_arrays(keys, p)
    batch = np.broadcast_shapes(keys.shape[:-1], order.shape[:-1], sym.shape[:-2])
    keys = np.broadcast_to(keys, (*batch, n))
    p_b = np.broadcast_to(p_b, (*batch, n))
    order = np.broadcast_to(order, (*batch, 2))
    top = np.broadcast_to(top, (*batch, 2))
    m1 = (keys == order[..., 0:1]) * p_b
    m2 = (keys == order[..., 1:2]) * p_b
    cross = np.einsum("...i,...ij,...j->...", m1, sym, m2)
    denom = top[..., 0] * top[..., 1]
    antagonism: FloatArray = np.where(denom > 0.0, -cross / np.where(denom > 0.0, denom, 1.0), 0.0)
    poles: IntArray = np.where(top > 0.0, order, -1).astype(np.int64)
    return Bipolarity(share=share, antagonism=antagonism, poles=poles)


__all__ = ["Bipolarity", "bipolarity", "polarity"]
