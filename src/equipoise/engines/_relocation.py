r"""The moves of Doreian & Mrvar's relocation heuristic, one system at a time, compiled by numba.

:func:`equipoise.engines.partition._relocate` moves single actors between clusters, always the
best move, until no move lowers a system's cost. Its numpy loop advances every system by one
move per pass and recomputes every gain of every live system at each pass; the loop here
runs each system to its local optimum on its own, compiled by numba (:func:`compiled`), and
makes the very same moves:

* the gains are the same floating-point numbers: :math:`M_{ic} - M_{ia}` (one subtraction,
  *a* the actor's own cluster), with :math:`M` the same array the numpy loop starts from and
  updated by the same subtractions and additions :math:`M_{ja} \mathrel{-}= X_{ji}`,
  :math:`M_{jb} \mathrel{+}= X_{ji}` after each move;
* the move chosen is numpy's ``argmin`` over the flat ``(actor, cluster)`` gains: the least
  gain, ties to the lowest actor and then the lowest cluster, and it is made only if it is
  below ``-tol`` (:func:`relocate_moves`, Notes);
* a system stops after at most ``cap`` moves, as the numpy loop stops after ``cap`` passes.

No other arithmetic happens (no fused multiply-add can change a rounding: there is no
product), so the partitions and the costs are bit for bit those of the numpy loop on every
platform. ``tests/test_partition.py`` checks it against the numpy loop and the first version of
the loop, ties included.

References
----------
.. [1] Doreian, P. and Mrvar, A. (1996). A partitioning approach to structural balance.
   *Social Networks* 18(2), 149-168. doi:10.1016/0378-8733(95)00259-6 (the relocation
   algorithm).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any

import numpy as np
import numpy.typing as npt

__all__ = ["compiled", "compiled_costs", "loaded", "relocate_moves", "start_costs"]

MovesFunc = Callable[
    [
        npt.NDArray[np.float64],
        npt.NDArray[np.float64],
        npt.NDArray[np.intp],
        npt.NDArray[np.float64],
        int,
        int,
        int,
    ],
    None,
]

CostsFunc = Callable[
    [npt.NDArray[np.float64], npt.NDArray[np.intp], npt.NDArray[np.float64]],
    None,
]


def relocate_moves(
    XT: npt.NDArray[np.float64],
    M: npt.NDArray[np.float64],
    lab: npt.NDArray[np.intp],
    tol: npt.NDArray[np.float64],
    starts: int,
    k: int,
    cap: int,
) -> None:
    r"""Make every start's best moves until none lowers its cost; ``M`` and ``lab`` in place.

    Plain Python (slow); :func:`compiled` returns it compiled.

    Parameters
    ----------
    XT : ndarray, shape (B, m, m)
        Pair costs of each system, transposed (``XT[s, i, j] = X[s, j, i]``: moving actor *i*
        changes :math:`M_{j\cdot}` by :math:`X_{ji}`, read along a row).
    M : ndarray, shape (B * starts, m, k)
        :math:`M_{ic} = \sum_{j \in c} X_{ij}` of the starting labels; updated in place.
    lab : ndarray of intp, shape (B * starts, m)
        Starting clusters in ``[0, k)`` (system-major: row ``g`` starts system
        ``g // starts``); the local optima on return.
    tol : ndarray, shape (B * starts,)
        A move is made only if its gain is below ``-tol``.
    starts : int
        Starts of each system.
    k : int
        Number of clusters.
    cap : int
        Most moves of a start.

    Notes
    -----
    An actor's best gain is :math:`\min_c M_{ic} - M_{ia}`: rounding is monotone, so it is
    the least of the rounded gains :math:`M_{ic} - M_{ia}` that numpy compares, and the
    actor's own cluster (gain exactly 0) never wins a move (a move needs a gain below
    ``-tol < 0``). The cluster of the chosen move is then the first whose rounded gain equals
    it, as numpy's argmin would take.
    """
    G, m, _ = M.shape
    for g in range(G):
        s = g // starts
        for _ in range(cap):
            best = np.inf
            bi = 0
            for i in range(m):
                low = M[g, i, 0]
                for c in range(1, k):
                    low = min(low, M[g, i, c])
                d = low - M[g, i, lab[g, i]]
                if d < best:  # strict: the lowest actor on ties
                    best = d
                    bi = i
            if not best < -tol[g]:
                break
            a = lab[g, bi]
            own = M[g, bi, a]
            b = 0
            for c in range(k):
                if M[g, bi, c] - own == best:
                    b = c
                    break
            for j in range(m):
                x = XT[s, bi, j]
                M[g, j, a] -= x
                M[g, j, b] += x
            lab[g, bi] = b


def start_costs(
    X: npt.NDArray[np.float64], lab: npt.NDArray[np.intp], out: npt.NDArray[np.float64]
) -> None:
    r"""Cluster cost of every start: the sum of :math:`X_{ij}` over its pairs in one cluster.

    Plain Python (slow); :func:`compiled_costs` returns it compiled.

    Parameters
    ----------
    X : ndarray, shape (B, m, m)
        Pair costs of each system.
    lab : ndarray of intp, shape (B, S, m)
        Clusters of each start.
    out : ndarray, shape (B, S)
        Receives the costs.

    Notes
    -----
    The pairs :math:`i < j` are added one after the other in row-major order (numpy's
    ``triu_indices``), starting from 0: the order in which
    ``np.einsum("bsp,bp->bs", same, pair)`` sums them when there are two starts or more (with
    one start it sums in another order). ``tests/test_partition.py`` compares the two.
    """
    B, S, m = lab.shape
    for b in range(B):
        for s in range(S):
            acc = 0.0
            for i in range(m):
                li = lab[b, s, i]
                for j in range(i + 1, m):
                    if lab[b, s, j] == li:
                        acc += X[b, i, j]
            out[b, s] = acc


@lru_cache(maxsize=1)
def compiled() -> MovesFunc | None:
    """Return :func:`relocate_moves` compiled by numba (cached on disk), or None without numba.

    Returns
    -------
    callable or None
        The compiled loop; None where numba cannot be imported (the numpy loop is used then).
    """
    try:
        import numba  # noqa: F401
    except ImportError:  # pragma: no cover - numba is a dependency; the numpy loop remains
        return None
    func: MovesFunc = _jit(relocate_moves)
    return func


def _jit(function: Any) -> Any:
    """Compile ``function`` with numba, cached on disk where a cache folder is writable.

    numba raises ``RuntimeError`` ("no locator available") when ``cache=True`` finds neither
    the package's ``__pycache__`` nor a user cache folder writable (a system install run by a
    user with a read-only home); the function is then compiled in memory, once a process.
    """
    import numba

    try:
        return numba.njit(cache=True, nogil=True)(function)
    except RuntimeError:
        return numba.njit(cache=False, nogil=True)(function)


@lru_cache(maxsize=1)
def compiled_costs() -> CostsFunc | None:
    """Return :func:`start_costs` compiled by numba (cached on disk), or None without numba.

    Returns
    -------
    callable or None
        The compiled sum; None where numba cannot be imported.
    """
    if compiled() is None:  # pragma: no cover - numba is a dependency
        return None
    func: CostsFunc = _jit(start_costs)
    return func


def loaded() -> bool:
    """Return whether :func:`compiled` has already been called in this process (numba loaded).

    Returns
    -------
    bool
        True once the compiled loop was asked for (whether or not numba could be imported).
    """
    return compiled.cache_info().currsize > 0
