r"""Prefix-sum kernels over sorted positions: the fast core of the bargaining engines.

Every sum over voters in the expected-utility model has the form

.. math:: \sum_{k:\;|x_k - x_i| < |x_k - x_j|} w_k\,\bigl(g_k(x_j) - g_k(x_i)\bigr),
          \qquad g_k(y) = (|x_k - y| / R)^{\rho_k},

where :math:`\rho_k > 0` is either 1 or voter *k*'s risk exponent. Because
:math:`g_k` is increasing in the distance, voter *k* favours *i* over *j* exactly when
:math:`x_k` lies on *i*'s side of the midpoint :math:`m_{ij} = (x_i + x_j)/2`, so the set of
voters is a contiguous run of the sorted positions: a prefix (when :math:`x_i < x_j`) or a
suffix (when :math:`x_i > x_j`). With the prefix sums :math:`S_y[t] = \sum_{k < t} w_k g_k(y)`
over the sorted voters, for every position *y* that is an actor's position, each dyad's sum
costs one binary search for the run's end and four look-ups. Building the prefix sums costs
:math:`O(n^2)`, the searches :math:`O(n^2 \log n)`; memory is :math:`O(n^2)`. See
``docs/models/bargaining.md`` for the proof and for the other sums of the model.

All functions take arrays with a leading batch axis: positions of shape ``(B, n)``.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.intp]


def count_below(sorted_x: FloatArray, queries: FloatArray) -> IntArray:
    """Count, per batch element, the sorted values strictly below each query.

    Parameters
    ----------
    sorted_x : ndarray, shape (B, n)
        Values sorted ascending along the last axis.
    queries : ndarray, shape (B, ...)
        Query values; the search is fastest when they are sorted along the last axis.

    Returns
    -------
    ndarray of intp, shape of ``queries``
        ``#{k : sorted_x[b, k] < queries[b, ...]}``.

    Notes
    -----
    A batch is searched in one call by shifting each element's values into its own
    interval (element *b* to ``[2b, 2b + 1]``). The shift is monotone, so only values within
    rounding (about 1e-16 of the span) of a query can change sides; in the sums of this
    module such a voter sits at a dyad's midpoint, where its vote is zero.
    """
    n_batch, n = sorted_x.shape
    if n_batch == 1:
        flat = np.searchsorted(sorted_x[0], queries.reshape(-1), side="left")
        return flat.astype(np.intp, copy=False).reshape(queries.shape)
    lo = sorted_x[:, :1]
    span = sorted_x[:, -1:] - lo
    span = np.where(span > 0, span, 1.0)
    offset = 2.0 * np.arange(n_batch, dtype=np.float64)[:, None]
    keys = ((sorted_x - lo) / span + offset).reshape(-1)
    q = queries.reshape(n_batch, -1)
    qkeys = (np.clip((q - lo) / span, -0.5, 1.5) + offset).reshape(-1)
    found = np.searchsorted(keys, qkeys, side="left").reshape(n_batch, -1)
    found -= (n * np.arange(n_batch, dtype=np.intp))[:, None]
    return found.reshape(queries.shape)


def weighted_median(x: FloatArray, weight: FloatArray) -> FloatArray:
    r"""Weighted median voter position: the Condorcet winner among the actors' positions.

    With votes :math:`v_k(p, q) = w_k(|x_k - q| - |x_k - p|)` (Scholz et al. 2011, eqs. 26-29,
    with every risk exponent equal to 1) position *p* beats *q* exactly when
    :math:`\sum_k w_k |x_k - p| < \sum_k w_k |x_k - q|`, so the Condorcet winner is the
    minimiser of the weighted absolute deviation: the weighted median. Where a whole segment
    between two positions minimises it (the cumulative weight reaches exactly one half) the
    lower end is returned.

    Parameters
    ----------
    x, weight : ndarray, shape (B, n)
        Positions and non-negative weights (capability times salience).

    Returns
    -------
    ndarray, shape (B,)
    """
    order = np.argsort(x, axis=-1, kind="stable")
    rows = np.arange(x.shape[0])[:, None]
    xs = x[rows, order]
    ws = weight[rows, order]
    cum = np.cumsum(ws, axis=-1)
    half = 0.5 * cum[:, -1:]
    # relative tolerance so that an exact half (a tie between two positions) is recognised
    # despite rounding in the cumulative sum
    reached = cum >= half * (1.0 - 1e-12)
    idx = np.argmax(reached, axis=-1)
    return np.asarray(xs[rows[:, 0], idx], dtype=np.float64)


def weighted_mean(x: FloatArray, weight: FloatArray) -> FloatArray:
    """Return the weighted mean position along the last axis (shape ``(B,)``)."""
    total = weight.sum(axis=-1)
    return np.asarray((weight * x).sum(axis=-1) / total, dtype=np.float64)


def favour_sums(
    xs: FloatArray,
    weight: FloatArray,
    rho: FloatArray | None,
    span: FloatArray,
    below: IntArray | None = None,
) -> FloatArray:
    r"""Votes for *i* against *j* summed over the voters who favour *i*, for every dyad.

    .. math:: N_{ij} = \sum_{k:\,|x_k-x_i|<|x_k-x_j|} w_k
              \Bigl[\Bigl(\tfrac{|x_k-x_j|}{R}\Bigr)^{\rho_k}
                   -\Bigl(\tfrac{|x_k-x_i|}{R}\Bigr)^{\rho_k}\Bigr]

    (the numerator of Scholz et al. 2011, eq. 31; with :math:`\rho_k = 1` the votes of
    eq. 28). ``N + N.T`` is the per-dyad denominator of eq. 31 and ``2 * N.sum()`` the
    all-dyads total.

    Parameters
    ----------
    xs : ndarray, shape (B, n)
        Positions, **sorted ascending** along the last axis (actors are voters too).
    weight : ndarray, shape (B, n)
        Weights :math:`w_k = c_k s_k`, in the same order.
    rho : ndarray, shape (B, n), or None
        Each voter's exponent, in the same order; None for 1 (linear votes).
    span : ndarray, shape (B,)
        The range *R* that scales distances.
    below : ndarray of intp, shape (B, n, n), optional
        :func:`midpoint_counts` of ``xs``, when already computed (it depends on the
        positions only, so one round's two passes share it).

    Returns
    -------
    ndarray, shape (B, n, n)
        :math:`N_{ij} \ge 0` in the sorted order; zero wherever :math:`x_i = x_j`.
    """
    n_batch, n = xs.shape
    inv_span = (1.0 / span)[:, None, None]
    # prefix[b, y, t] = sum over sorted voters k < t of w_k * (|x_k - x_y| / R) ** rho_k
    prefix = np.zeros((n_batch, n, n + 1))
    blocks = row_blocks(n_batch, n)
    dist_buf = np.empty((n_batch, max(hi - lo for lo, hi in blocks), n))
    for lo, hi in blocks:
        dist = dist_buf[:, : hi - lo]
        np.subtract(xs[:, None, :], xs[:, lo:hi, None], out=dist)
        np.abs(dist, out=dist)
        dist *= inv_span
        if rho is not None:
            np.power(dist, rho[:, None, :], out=dist)
        dist *= weight[:, None, :]
        np.cumsum(dist, axis=-1, out=prefix[:, lo:hi, 1:])
    total = prefix[:, :, -1]  # (B, n): sum over all voters, per actor y
    flat = prefix.reshape(n_batch * n * (n + 1))
    # offset of actor y's prefix row in the flat array, per batch element
    base = np.arange(n_batch, dtype=np.intp)[:, None] * (n * (n + 1)) + np.arange(n, dtype=np.intp)[
        None, :
    ] * (n + 1)
    out = np.empty((n_batch, n, n))
    counts = midpoint_counts(xs) if below is None else below
    step = dist_buf.shape[1]
    idx_buf = np.empty((n_batch, step, n), dtype=np.intp)
    s_buf = np.empty((n_batch, step, n))
    flip_buf = np.empty((n_batch, step, n))
    mask_buf = np.empty((n_batch, step, n), dtype=bool)
    for lo, hi in blocks:
        m = hi - lo
        idx, s_i, flip, mask = idx_buf[:, :m], s_buf[:, :m], flip_buf[:, :m], mask_buf[:, :m]
        blk = out[:, lo:hi, :]
        np.add(counts[:, lo:hi, :], base[:, lo:hi, None], out=idx)  # into actor i's row
        np.take(flat, idx, out=s_i, mode="clip")  # in range by construction
        idx += base[:, None, :]
        idx -= base[:, lo:hi, None]  # into actor j's row
        np.take(flat, idx, out=blk, mode="clip")
        blk -= s_i
        # voters left of the midpoint favour i when x_i < x_j, voters right of it when
        # x_i > x_j: there the sum is (total_j - S_j) - (total_i - S_i)
        np.subtract(total[:, None, :], total[:, lo:hi, None], out=flip)
        flip -= blk
        np.greater(xs[:, lo:hi, None], xs[:, None, :], out=mask)
        np.copyto(blk, flip, where=mask)
        np.equal(xs[:, lo:hi, None], xs[:, None, :], out=mask)
        np.copyto(blk, 0.0, where=mask)
        # rounding can leave tiny negative values where every favouring voter sits at the
        # midpoint; a sum of non-negative terms is non-negative
        np.maximum(blk, 0.0, out=blk)
    return out


def midpoint_counts(xs: FloatArray) -> IntArray:
    """Count the voters strictly left of each dyad's midpoint, shape ``(B, n, n)``.

    ``xs`` is sorted, so every row of midpoints is sorted too (a cache-friendly search).
    """
    n_batch, n = xs.shape
    out = np.empty((n_batch, n, n), dtype=np.intp)
    for lo, hi in row_blocks(n_batch, n):
        mid = xs[:, lo:hi, None] + xs[:, None, :]
        mid *= 0.5
        out[:, lo:hi, :] = count_below(xs, mid)
    return out


def row_blocks(n_batch: int, n: int, target: int = 1 << 17) -> list[tuple[int, int]]:
    """Split ``n`` rows into blocks of about ``target / (n_batch * n)`` rows (cache-sized)."""
    step = max(1, target // max(1, n_batch * n))
    return [(lo, min(n, lo + step)) for lo in range(0, n, step)]


__all__ = [
    "count_below",
    "favour_sums",
    "midpoint_counts",
    "row_blocks",
    "weighted_mean",
    "weighted_median",
]
