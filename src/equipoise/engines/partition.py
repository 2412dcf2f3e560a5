r"""Blocs whose number comes from the data: a k-group weak-balance partition with k chosen.

Strong balance (Cartwright & Harary 1956) forces every signed graph into two camps, so a
polarity computed from its camps can hardly leave 2. Davis (1967) showed that without "the enemy
of my enemy is my friend" a signed graph splits into any number of mutually hostile clusters
(weak balance). Doreian & Mrvar (1996) turned this into a partitioning problem: for a partition
*C* into at most *k* clusters, minimise

.. math::

    P(C) = \alpha\, N_{\mathrm{within}}(C) + (1 - \alpha)\, P_{\mathrm{between}}(C),

the weight of negative ties inside clusters plus the weight of positive ties between them. Here
each tie weighs :math:`W_{ij} = |\tilde R_{ij}|\, p_i\, p_j` (intensity times both power shares,
the weights of the frustration index in ``docs/models/metrics.md``), with ties of
:math:`|\tilde R_{ij}| \le \tau` ignored. Then:

1. :math:`P^*(k)`, the least criterion over partitions into at most *k* clusters, is computed
   for :math:`k = 1, \dots, K` (exactly by enumerating every set partition for small systems,
   by Doreian & Mrvar's relocation heuristic above);
2. the number of clusters is the **smallest k whose criterion is within a tolerance of the
   best**: :math:`\hat k = \min\{k : P^*(k) \le P^*(K) + \varepsilon\, W_{\mathrm{tot}}\}`,
   :math:`W_{\mathrm{tot}} = \sum_{i<j} W_{ij}`; a further bloc has to remove more than a share
   :math:`\varepsilon` of all tie weight from the criterion to be counted;
3. each cluster is split into the connected components of its positive ties: actors that no
   positive tie connects are not one bloc (this never raises :math:`P`);
4. an actor with no tie above :math:`\tau` is **unaligned** (label -1), a pole of its own.

So a non-aligned third group, hostile or indifferent to both camps, forms a third bloc, and
two clean camps give two. Equations, choices and their reasons: ``docs/models/metrics.md``
("Blocs whose number comes from the data").

References
----------
.. [1] Davis, J. A. (1967). Clustering and structural balance in graphs. *Human Relations*
   20(2), 181-187. doi:10.1177/001872676702000206 (weak balance: k mutually hostile groups).
.. [2] Doreian, P. and Mrvar, A. (1996). A partitioning approach to structural balance.
   *Social Networks* 18(2), 149-168. doi:10.1016/0378-8733(95)00259-6 (the criterion
   :math:`P(C)`, the relocation algorithm, and comparing k by the criterion).
.. [3] Cartwright, D. and Harary, F. (1956). Structural balance: a generalization of Heider's
   theory. *Psychological Review* 63(5), 277-293. doi:10.1037/h0046049 (strong balance).
.. [5] Bueno de Mesquita, B. (1975). Measuring systemic polarity. *Journal of Conflict
   Resolution* 19(2), 187-216. doi:10.1177/002200277501900201 (polarity has a number of
   poles and a tightness of each).
.. [6] Wayman, F. W. (1984). Bipolarity and war: the role of capability concentration and
   alliance patterns among major powers, 1816-1965. *Journal of Peace Research* 21(1), 61-78.
   doi:10.1177/002234338402100105 (power polarity against cluster polarity).
.. [8] Leinster, T. and Cobbold, C. A. (2012). Measuring diversity: the importance of species
   similarity. *Ecology* 93(3), 477-489. doi:10.1890/10-2402.1 (the effective number of
   poles with a similarity matrix).
.. [7] Laakso, M. and Taagepera, R. (1979). "Effective" number of parties. *Comparative
   Political Studies* 12(1), 3-27. doi:10.1177/001041407901200101.
.. [4] Aref, S. and Neal, Z. P. (2021). Identifying hidden coalitions in the US House of
   Representatives by optimally partitioning signed networks based on generalized balance.
   *Scientific Reports* 11, 19939. doi:10.1038/s41598-021-98139-w (exact k-group optima).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

import numpy as np
import numpy.typing as npt

from equipoise.engines import _relocation

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.intp]
BoolArray = npt.NDArray[np.bool_]

__all__ = ["UNALIGNED", "BlocPartition", "PoleStructure", "pole_structure", "weak_balance_blocs"]

#: Label of an actor with no tie above the threshold (a pole of its own).
UNALIGNED = -1

# partitions x members per enumeration chunk (the cost matrix stays near 32 MB)
_ENUM_CHUNK = 1 << 22

#: Largest number of tied actors solved exactly by enumeration under ``method="auto"``
#: (10 actors have 115,975 set partitions).
EXACT_MAX = 10

#: Fewest tied actors for which the relocation runs in the loop compiled by numba
#: (:mod:`equipoise.engines._relocation`, the same moves); smaller systems keep the numpy loop.
COMPILED_MIN = 24

#: Least work of one relocation call (starts x tied actors², about 30 ms in the numpy loop)
#: that loads numba in a process: its import and cached code cost about 1 s once, which a
#: single run's few calls would not win back (one 193-actor run: 9 starts, 335,000); an
#: ensemble's batch does (26 members of 193: 8.7 million). Once loaded it serves every call
#: from :data:`COMPILED_MIN` actors.
COMPILED_WORK = 1_000_000


@dataclass(frozen=True, slots=True)
class BlocPartition:
    r"""Blocs of a weak-balance partition whose number is chosen from the data.

    Arrays have the batch shape ``(...)`` of the input (``(..., n)`` for labels, ``(..., K)``
    for the criterion by k).

    Attributes
    ----------
    labels : ndarray of int, shape (..., n)
        Bloc of each actor, numbered by descending power (0 the most powerful; ties: the bloc
        with the lowest actor index); -1 (:data:`UNALIGNED`) for an actor with no tie above
        the threshold.
    n_blocs : ndarray of int
        Number of blocs (unaligned actors not counted).
    n_unaligned : ndarray of int
        Number of unaligned actors (each a pole of its own for polarity).
    k_selected : ndarray of int
        :math:`\hat k`, the number of clusters the selection rule chose, before clusters are
        split into their positively connected parts (``n_blocs >= k_selected``).
    criterion : ndarray
        :math:`P` of the final partition (power-share units).
    criterion_by_k : ndarray, shape (..., K)
        :math:`P^*(k)` for :math:`k = 1, \dots, K`, non-increasing in k.
    total_weight : ndarray
        :math:`W_{\mathrm{tot}} = \sum_{i<j} W_{ij}`; ``criterion / total_weight`` is the
        share of tie weight that violates weak balance.
    exact : ndarray of bool
        True where :math:`P^*(k)` was computed exactly (enumeration), False where by the
        relocation heuristic.
    alpha, tol, threshold : float
        :math:`\alpha`, :math:`\varepsilon` and :math:`\tau` used.
    """

    labels: IntArray
    n_blocs: IntArray
    n_unaligned: IntArray
    k_selected: IntArray
    criterion: FloatArray
    criterion_by_k: FloatArray
    total_weight: FloatArray
    exact: BoolArray
    alpha: float
    tol: float
    threshold: float


# ----------------------------------------------------------------------------------------------
# inputs


def _inputs(
    R: npt.ArrayLike, power: npt.ArrayLike
) -> tuple[FloatArray, FloatArray, tuple[int, ...]]:
    rel = np.asarray(R, dtype=np.float64)
    if rel.ndim < 2 or rel.shape[-1] != rel.shape[-2]:
        raise ValueError(f"R must have shape (..., n, n), got {rel.shape}")
    if not np.all(np.isfinite(rel)) or np.any(np.abs(rel) > 1.0):
        raise ValueError("relations must be finite and within [-1, 1]")
    n = rel.shape[-1]
    p = np.asarray(power, dtype=np.float64)
    if p.ndim < 1 or p.shape[-1] != n:
        raise ValueError(f"power must have shape (..., {n}), got {p.shape}")
    if not np.all(np.isfinite(p)) or np.any(p < 0.0):
        raise ValueError("power must be finite and >= 0")
    batch = np.broadcast_shapes(rel.shape[:-2], p.shape[:-1])
    rel = np.broadcast_to(rel, (*batch, n, n)).reshape(-1, n, n)
    p = np.broadcast_to(p, (*batch, n)).reshape(-1, n)
    total = p.sum(axis=-1, keepdims=True)
    shares = np.where(total > 0.0, p / np.where(total > 0.0, total, 1.0), 1.0 / n)
    sym = 0.5 * (rel + np.swapaxes(rel, -1, -2))
    sym[:, np.arange(n), np.arange(n)] = 0.0
    return sym, shares, batch


# ----------------------------------------------------------------------------------------------
# exact: every set partition of m actors into at most K clusters


@lru_cache(maxsize=16)
def _set_partitions(m: int, k_max: int) -> tuple[npt.NDArray[np.int8], IntArray]:
    """Every partition of ``m`` items into at most ``k_max`` clusters (restricted growth strings).

    Returns the labels ``(M, m)`` (cluster of item 0 is 0; each item joins an existing cluster
    or opens the next one) and the number of clusters of each, ``(M,)``, sorted by the number
    of clusters (so the partitions into at most k clusters are a prefix).
    """
    rgs = np.zeros((1, 1), dtype=np.int8)
    top = np.zeros(1, dtype=np.int8)  # highest label used so far
    for _ in range(1, m):
        parts = []
        tops = []
        for v in range(min(k_max, m)):
            keep = top + 1 >= v  # v may be an existing cluster or the next new one
            if v >= k_max:
                break
            rows = rgs[keep]
            parts.append(np.concatenate([rows, np.full((rows.shape[0], 1), v, np.int8)], axis=1))
            tops.append(np.maximum(top[keep], v))
        rgs = np.concatenate(parts)
        top = np.concatenate(tops).astype(np.int8)
    count = top.astype(np.intp) + 1
    order = np.argsort(count, kind="stable")  # partitions with fewer clusters first
    rgs, count = rgs[order], count[order]
    rgs.setflags(write=False)
    count.setflags(write=False)
    return rgs, count


@lru_cache(maxsize=16)
def _same_cluster(m: int, k_max: int) -> FloatArray:
    """For every partition, 1.0 where the pair ``(i < j)`` shares a cluster: ``(M, m(m-1)/2)``."""
    rgs, _ = _set_partitions(m, k_max)
    iu, ju = np.triu_indices(m, 1)
    out: FloatArray = np.asarray(rgs[:, iu] == rgs[:, ju], dtype=np.float64)
    out.setflags(write=False)
    return out


def _exact(
    X: FloatArray, k_max: int
) -> tuple[FloatArray, npt.NDArray[np.int8], IntArray, IntArray]:
    r"""Least cluster cost for every k by enumeration, vectorised over the batch.

    ``X`` is ``(B, m, m)``, the pair cost :math:`\alpha W^- - (1-\alpha) W^+`. Returns the
    least cost by k ``(B, K)``, the partitions, their cluster counts and, per k, the index of
    the first optimal partition ``(B, K)``.
    """
    B, m, _ = X.shape
    rgs, count = _set_partitions(m, k_max)
    same = _same_cluster(m, k_max)
    iu, ju = np.triu_indices(m, 1)
    ends = np.searchsorted(count, np.arange(1, k_max + 1), side="right")  # prefix per k
    best = np.full((B, k_max), np.inf)
    arg = np.zeros((B, k_max), dtype=np.intp)
    step = max(1, _ENUM_CHUNK // max(1, rgs.shape[0]))
    for lo in range(0, B, step):
        hi = min(B, lo + step)
        pair = X[lo:hi, iu, ju]
        cost = same @ pair.T if iu.size else np.zeros((rgs.shape[0], hi - lo))  # (M, b)
        # the best partition with exactly c clusters, then the running best over c <= k
        start = 0
        run_best = np.full(hi - lo, np.inf)
        run_arg = np.zeros(hi - lo, dtype=np.intp)
        for k in range(k_max):
            stop = int(ends[k])
            if stop > start:
                idx = start + np.argmin(cost[start:stop], axis=0)
                val = cost[idx, np.arange(hi - lo)]
                better = val < run_best  # ties keep the partition with fewer clusters
                run_best = np.where(better, val, run_best)
                run_arg = np.where(better, idx, run_arg)
            best[lo:hi, k] = run_best
            arg[lo:hi, k] = run_arg
            start = stop
    return best, rgs, count, arg


# ----------------------------------------------------------------------------------------------
# exact for up to 14 actors: dynamic programming over subsets

#: Largest number of tied actors that ``method="exact"`` solves (by the subset recursion).
EXACT_LIMIT = 14


@lru_cache(maxsize=4)
def _subset_pairs(m: int) -> tuple[IntArray, IntArray, IntArray]:
    """Every pair (c, r) of disjoint subsets with c non-empty holding the lowest item of c | r.

    Sorted by ``S = c | r``; returns c, r and the start of each S's run (S = 1 .. 2^m - 1).
    There are about ``3^m / 2`` pairs.
    """
    full = (1 << m) - 1
    cs: list[IntArray] = []
    rs: list[IntArray] = []
    for c in range(1, full + 1):
        low = c & -c
        allowed = full & ~c & ~((low << 1) - 1)  # items above c's lowest, not in c
        bits = [b for b in range(m) if allowed >> b & 1]
        idx = np.arange(1 << len(bits), dtype=np.intp)
        sub = np.zeros(idx.size, dtype=np.intp)
        for k, b in enumerate(bits):
            sub |= ((idx >> k) & 1) << b
        cs.append(np.full(idx.size, c, dtype=np.intp))
        rs.append(sub)
    c_arr = np.concatenate(cs)
    r_arr = np.concatenate(rs)
    order = np.argsort(c_arr | r_arr, kind="stable")
    c_arr, r_arr = c_arr[order], r_arr[order]
    starts = np.searchsorted(c_arr | r_arr, np.arange(1, full + 1))
    for arr in (c_arr, r_arr, starts):
        arr.setflags(write=False)
    return c_arr, r_arr, starts


def _subset_costs(X: FloatArray) -> FloatArray:
    """Cluster cost of every subset, ``(B, 2^m)``: sum of ``X`` over the pairs inside it."""
    B, m, _ = X.shape
    cost = np.zeros((B, 1 << m))
    for h in range(1, m):
        sub = np.arange(1 << h)
        bits = ((sub[:, None] >> np.arange(h)) & 1).astype(np.float64)  # (2^h, h)
        row = bits @ X[:, h, :h].T  # (2^h, B): sum of X[h, j] over j in sub
        cost[:, (1 << h) + sub] = cost[:, sub] + row.T
    return cost


def _exact_subsets(X: FloatArray, k_max: int) -> tuple[FloatArray, list[IntArray]]:
    r"""Least cluster cost for every k by the recursion over subsets, one chunk of systems.

    :math:`f_1(S) = \mathrm{cost}(S)`,
    :math:`f_k(S) = \min_{c} \mathrm{cost}(c) + f_{k-1}(S \setminus c)` over the clusters *c*
    of *S* that hold its lowest item (:math:`f_k(\emptyset) = 0`), so :math:`f_k` is the best
    partition of *S* into at most *k* clusters. Time and memory :math:`O(3^m)` per k.
    """
    B, m, _ = X.shape
    full = (1 << m) - 1
    c_arr, r_arr, starts = _subset_pairs(m)
    cost = _subset_costs(X)
    f = [cost]
    for _ in range(1, k_max):
        vals = cost[:, c_arr] + f[-1][:, r_arr]
        nxt = np.zeros_like(cost)
        nxt[:, 1:] = np.minimum.reduceat(vals, starts, axis=1)
        f.append(nxt)
    best = np.stack([fk[:, full] for fk in f], axis=-1)
    labels: list[IntArray] = []
    for k in range(1, k_max + 1):
        lab = np.zeros((B, m), dtype=np.intp)
        for b in range(B):
            rest, kk, cluster = full, k, 0
            while rest:
                lo = int(starts[rest - 1])
                hi = int(starts[rest]) if rest < full else c_arr.size
                cc, rr = c_arr[lo:hi], r_arr[lo:hi]
                if kk > 1:
                    hit = np.flatnonzero(cost[b, cc] + f[kk - 2][b, rr] == f[kk - 1][b, rest])
                    c = int(cc[hit[0]]) if hit.size else rest
                else:
                    c = rest
                members = [i for i in range(m) if c >> i & 1]
                lab[b, members] = cluster
                cluster += 1
                rest &= ~c
                kk -= 1
        labels.append(lab)
    return best, labels


# ----------------------------------------------------------------------------------------------
# heuristic: Doreian & Mrvar's relocation algorithm


def _relocate(X: FloatArray, labels: IntArray, k: int) -> IntArray:
    r"""Best-improvement moves of single actors until none helps, for many systems at once.

    ``X`` is ``(B, m, m)`` and ``labels`` ``(B, S, m)`` in ``[0, k)``: ``S`` starts of each
    system (or ``(B, m)``, one start). With :math:`M_{ic} = \sum_{j \in c} X_{ij}`, moving *i*
    from *a* to *b* changes the cluster cost by :math:`M_{ib} - M_{ia}` (``X`` has a zero
    diagonal); each start takes its best move (an empty cluster is a move to a new one; ties
    to the lowest actor, then the lowest cluster) until no move lowers its cost. Returns the
    local optima, shaped as ``labels``.
    """
    B, m, _ = X.shape
    lab = np.array(labels, dtype=np.intp)  # a copy
    shape = lab.shape
    S = shape[1] if lab.ndim == 3 else 1
    lab = lab.reshape(B * S, m)
    G = B * S
    onehot = np.zeros((G, m, k))
    np.put_along_axis(onehot, lab[:, :, None], 1.0, axis=-1)
    # each start's (m, m) @ (m, k) product, as on S copies of X (the same BLAS call per start)
    M = (X[:, None] @ onehot.reshape(B, S, m, k)).reshape(G, m, k)
    tol = np.repeat(1e-12 * (1.0 + np.abs(X).sum(axis=(-1, -2))), S)
    cap = 4 * m * k + 10
    worth = G * m * m >= COMPILED_WORK or _relocation.loaded()
    if m >= COMPILED_MIN and k > 1 and worth and (moves := _relocation.compiled()) is not None:
        # the same moves, each start run to its optimum by the compiled loop
        moves(np.ascontiguousarray(np.swapaxes(X, -1, -2)), M, lab, tol, S, k, cap)
        return lab.reshape(shape)
    # the same moves as gathering M[g] and scattering along the last axis, by flat indices
    # into (m * k): fewer numpy calls per move (this loop runs once per move of the slowest
    # start, about m times per call)
    base = np.arange(m) * k
    g = np.arange(G)
    for _ in range(cap):
        Mg = M if g.size == G else M[g]
        idx = base + lab[g]  # (g, m): where each actor's own cluster sits in the flat row
        r = np.arange(g.size)[:, None]
        own = Mg.reshape(g.size, m * k)[r, idx]
        gain = (Mg - own[:, :, None]).reshape(g.size, m * k)
        gain[r, idx] = np.inf
        flat = gain.argmin(axis=-1)
        best = gain[r[:, 0], flat]
        move = best < -tol[g]
        if not move.any():
            break
        g, flat = g[move], flat[move]
        i, b = np.divmod(flat, k)
        a = lab[g, i]
        col = X[g // S, :, i]  # (moves, m)
        M[g, :, a] -= col
        M[g, :, b] += col
        lab[g, i] = b
    return lab.reshape(shape)


def _heuristic(
    X: FloatArray, k_max: int, n_starts: int, rng: np.random.Generator
) -> tuple[FloatArray, list[IntArray]]:
    """Least cluster cost found for every k by multi-start relocation, systems ``(B, m, m)``.

    For each k the starts are the best partition found with fewer clusters (so the cost never
    rises with k) and ``n_starts`` random partitions into k clusters; all starts of all
    systems relocate together. Every system gets the same random starts, so a system's result
    does not depend on the batch it is in. Returns the costs ``(B, K)`` and, per k, the labels
    ``(B, m)``.
    """
    B, m, _ = X.shape
    iu, ju = np.triu_indices(m, 1)
    pair = X[:, iu, ju]  # (B, pairs)
    best = np.full((B, k_max), np.inf)
    best_labels: list[IntArray] = []
    prev = np.zeros((B, m), dtype=np.intp)
    S = n_starts + 1
    # the starts' costs summed in the compiled loop where numba is loaded anyway (the
    # einsum's order for S >= 2 starts: _relocation.start_costs)
    summed = _relocation.compiled_costs() if _relocation.loaded() and S >= 2 else None
    Xc = np.ascontiguousarray(X)
    for k in range(1, k_max + 1):
        # the same random starts for every system: a member's blocs do not depend on the
        # batch it is computed in (issue 15)
        starts = np.repeat(np.asarray(rng.integers(0, k, (1, S, m)), dtype=np.intp), B, axis=0)
        starts[:, 0] = prev
        lab = _relocate(X, starts, k)  # (B, S, m)
        if summed is not None:
            cost = np.empty((B, S))
            summed(Xc, np.ascontiguousarray(lab), cost)
        else:
            small = lab.astype(np.min_scalar_type(k))  # the same comparisons, on fewer bytes
            same = small[:, :, iu] == small[:, :, ju]
            cost = np.einsum("bsp,bp->bs", same, pair)
        pick = np.argmin(cost, axis=-1)  # ties: the earliest start (the warm one first)
        best[:, k - 1] = cost[np.arange(B), pick]
        top = lab[np.arange(B), pick]
        best_labels.append(top)
        prev = top
    return best, best_labels


# ----------------------------------------------------------------------------------------------
# the partition


def _components(labels: IntArray, positive: BoolArray, active: BoolArray) -> IntArray:
    """Split every cluster into the connected components of its positive ties, batched.

    Returns, per actor, the smallest actor index of its component (min-label propagation over
    the positive ties within clusters; at most n rounds).
    """
    B, n = labels.shape
    adj = positive & (labels[:, :, None] == labels[:, None, :])
    adj &= active[:, :, None] & active[:, None, :]
    comp = np.broadcast_to(np.arange(n), (B, n)).copy()
    big = np.iinfo(np.intp).max
    for _ in range(n):
        reach = np.where(adj, comp[:, None, :], big).min(axis=-1)
        new = np.minimum(comp, reach)
        if np.array_equal(new, comp):
            break
        comp = new
    return comp


def _canonical(comp: IntArray, p: FloatArray, active: BoolArray) -> IntArray:
    """Renumber blocs by descending power (ties: lowest actor index); -1 if inactive; batched.

    ``comp`` holds each actor's component id (the smallest actor index in it).
    """
    B, n = comp.shape
    offsets = (np.arange(B) * n)[:, None]
    flat = (comp + offsets)[active]
    share = np.bincount(flat, weights=p[active], minlength=B * n).reshape(B, n)
    exists = np.bincount(flat, minlength=B * n).reshape(B, n) > 0
    key = np.where(exists, -share, np.inf)
    order = np.lexsort((np.broadcast_to(np.arange(n), (B, n)), key), axis=-1)
    rank = np.empty((B, n), dtype=np.intp)
    np.put_along_axis(rank, order, np.broadcast_to(np.arange(n), (B, n)), axis=-1)
    out: IntArray = np.where(active, np.take_along_axis(rank, comp, axis=-1), UNALIGNED)
    return out


def _row_sums(a: FloatArray) -> FloatArray:
    """Sum each row of a ``(B, k)`` array in the order numpy sums one contiguous row."""
    return np.asarray(np.ascontiguousarray(a).sum(axis=-1), dtype=np.float64)


def weak_balance_blocs(
    R: npt.ArrayLike,
    power: npt.ArrayLike,
    *,
    threshold: float = 0.1,
    alpha: float = 0.5,
    max_blocs: int = 6,
    tol: float = 0.01,
    method: Literal["auto", "exact", "heuristic"] = "auto",
    n_starts: int = 20,
    seed: int = 0,
) -> BlocPartition:
    r"""Partition actors into blocs by weak balance, with the number of blocs chosen from the data.

    Parameters
    ----------
    R : array_like, shape (..., n, n)
        Relations in ``[-1, 1]``; the symmetric part :math:`\tilde R = (R + R^\top)/2` is used.
    power : array_like, shape (..., n)
        Non-negative power on any scale (used as shares).
    threshold : float
        :math:`\tau \ge 0`: ties with :math:`|\tilde R_{ij}| \le \tau` are ignored (the neutral
        band); an actor with no tie above it is unaligned.
    alpha : float
        :math:`\alpha \in [0, 1]`, the weight of negative ties within blocs against positive
        ties between them (Doreian & Mrvar's default 0.5 weighs both alike).
    max_blocs : int
        *K*, the most clusters considered (>= 1).
    tol : float
        :math:`\varepsilon \ge 0`: the smallest k whose criterion is within
        :math:`\varepsilon W_{\mathrm{tot}}` of :math:`P^*(K)` is chosen.
    method : {"auto", "exact", "heuristic"}
        ``"exact"`` enumerates every set partition of up to :data:`EXACT_MAX` (10) tied actors
        (115,975 partitions), vectorised over the batch, and solves up to
        :data:`EXACT_LIMIT` (14) by the recursion over subsets (:math:`O(3^m)`, about 0.1 s
        a member at 14); ``"heuristic"`` runs the relocation algorithm; ``"auto"`` is exact
        up to :data:`EXACT_MAX` tied actors and heuristic above.
    n_starts : int
        Random starts of the relocation heuristic for each k (>= 1).
    seed : int
        Seed of the heuristic's random starts (results are reproducible, and the same for a
        system alone and in any batch: every system gets the same starts).

    Returns
    -------
    BlocPartition

    Raises
    ------
    ValueError
        On shapes that do not fit, relations outside ``[-1, 1]``, negative power, a parameter
        out of range, or ``method="exact"`` with more than :data:`EXACT_LIMIT` tied actors.

    Notes
    -----
    With :math:`W^{\pm}_{ij} = W_{ij}[\pm\tilde R_{ij} > \tau]` the criterion of a partition is
    :math:`P(C) = (1-\alpha)\sum_{i<j} W^+_{ij} + \sum_{c \in C} \sum_{i<j \in c} X_{ij}`,
    :math:`X = \alpha W^- - (1-\alpha) W^+`: a constant plus a sum over clusters, so every
    partition's criterion is one row of a matrix product (enumeration), and moving one actor
    changes it by a difference of two row sums (relocation).

    Examples
    --------
    Two camps that are hostile to each other and a third pair hostile to both:

    >>> R = -np.ones((6, 6)) * 0.8
    >>> for a, b in [(0, 1), (2, 3), (4, 5)]:
    ...     R[a, b] = R[b, a] = 0.8
    >>> part = weak_balance_blocs(R, np.ones(6))
    >>> int(part.n_blocs), part.labels.tolist()
    (3, [0, 0, 1, 1, 2, 2])
    """
    if not (np.isfinite(threshold) and threshold >= 0.0):
        raise ValueError(f"threshold must be a finite number >= 0, got {threshold!r}")
    if not 0.0 <= alpha <= 1.0:
        raise ValueError(f"alpha must lie in [0, 1], got {alpha!r}")
    if max_blocs < 1:
        raise ValueError(f"max_blocs must be >= 1, got {max_blocs!r}")
    if not (np.isfinite(tol) and tol >= 0.0):
        raise ValueError(f"tol must be a finite number >= 0, got {tol!r}")
    if method not in ("auto", "exact", "heuristic"):
        raise ValueError(f"method must be 'auto', 'exact' or 'heuristic', got {method!r}")
    if n_starts < 1:
        raise ValueError(f"n_starts must be >= 1, got {n_starts!r}")
    sym, p, batch = _inputs(R, power)
    B, n = p.shape
    W = np.abs(sym) * p[:, :, None] * p[:, None, :]
    tie: BoolArray = np.asarray(np.abs(sym) > threshold, dtype=np.bool_)
    W = np.where(tie, W, 0.0)
    pos: BoolArray = np.asarray(tie & (sym > 0), dtype=np.bool_)
    neg: BoolArray = np.asarray(tie & (sym < 0), dtype=np.bool_)
    X_all = alpha * np.where(neg, W, 0.0) - (1.0 - alpha) * np.where(pos, W, 0.0)
    iu, ju = np.triu_indices(n, 1)
    # each member's sums over its pairs run in one order whatever the batch: the fancy index
    # lays (B, pairs) out column-major for B >= 2, and numpy sums a strided axis in another
    # order than a contiguous one (last-bit differences between a batch of one and more)
    const = (1.0 - alpha) * _row_sums(np.where(pos, W, 0.0)[:, iu, ju])
    total = _row_sums(W[:, iu, ju])
    active: BoolArray = np.asarray(tie.any(axis=-1), dtype=np.bool_)

    raw = np.zeros((B, n), dtype=np.intp)  # cluster of each tied actor at k-hat
    k_sel = np.zeros(B, dtype=np.intp)
    by_k = np.zeros((B, max_blocs))
    exact = np.zeros(B, dtype=bool)
    # group members by their set of tied actors, so enumeration runs batched per group
    keys = np.packbits(active, axis=-1)
    _, group_of = np.unique(keys, axis=0, return_inverse=True)
    group_of = np.asarray(group_of).reshape(-1)
    for g in np.unique(group_of):
        rng = np.random.default_rng(seed)  # per group: starts depend on the seed and m alone
        rows = np.flatnonzero(group_of == g)
        act = np.flatnonzero(active[rows[0]])
        m = act.size
        if m == 0:
            exact[rows] = True
            continue
        X = X_all[np.ix_(rows, act, act)]
        k_cap = min(max_blocs, m)
        use_exact = method == "exact" or (method == "auto" and m <= EXACT_MAX)
        if use_exact and m > EXACT_LIMIT:
            raise ValueError(
                f"method='exact' solves at most {EXACT_LIMIT} tied actors, got {m}; use "
                "method='heuristic'"
            )
        if use_exact and m <= EXACT_MAX:
            best, rgs, _count, arg = _exact(X, k_cap)
            exact[rows] = True
            cand = [rgs[arg[:, k]].astype(np.intp) for k in range(k_cap)]  # (rows, m) each
        elif use_exact:
            step = max(1, (1 << 22) // (3**m // 2 + 1))
            parts = [_exact_subsets(X[i : i + step], k_cap) for i in range(0, rows.size, step)]
            best = np.concatenate([bp[0] for bp in parts])
            cand = [np.concatenate([bp[1][k] for bp in parts]) for k in range(k_cap)]
            exact[rows] = True
        else:
            best, cand = _heuristic(X, k_cap, n_starts, rng)
        crit = const[rows, None] + best  # P*(k), k = 1..k_cap
        crit = np.minimum.accumulate(crit, axis=-1)  # at most k: never rises with k
        full = np.concatenate([crit, np.repeat(crit[:, -1:], max_blocs - k_cap, axis=-1)], axis=-1)
        by_k[rows] = full
        limit = crit[:, -1] + tol * total[rows]
        chosen = np.argmax(crit <= limit[:, None] + 1e-15 * (1.0 + total[rows, None]), axis=-1)
        k_sel[rows] = chosen + 1
        chosen_labels = np.stack([cand[int(kk)][r] for r, kk in enumerate(chosen)])
        raw[np.ix_(rows, act)] = chosen_labels

    comp = _components(raw, pos, active)
    labels = _canonical(comp, p, active)

    # the final partition's criterion
    same = labels[:, iu] == labels[:, ju]
    same &= labels[:, iu] >= 0
    crit_final = const + _row_sums(X_all[:, iu, ju] * same)
    n_blocs = labels.max(axis=-1) + 1
    n_unaligned = (labels == UNALIGNED).sum(axis=-1)
    return BlocPartition(
        labels=labels.reshape((*batch, n)),
        n_blocs=n_blocs.reshape(batch),
        n_unaligned=n_unaligned.reshape(batch),
        k_selected=k_sel.reshape(batch),
        criterion=crit_final.reshape(batch),
        criterion_by_k=by_k.reshape((*batch, max_blocs)),
        total_weight=total.reshape(batch),
        exact=exact.reshape(batch),
        alpha=float(alpha),
        tol=float(tol),
        threshold=float(threshold),
    )


# ----------------------------------------------------------------------------------------------
# poles: how many, how tight, how hostile


@dataclass(frozen=True, slots=True)
class PoleStructure:
    r"""Poles of a bloc partition, counted with the tightness of each bloc.

    Arrays have the batch shape ``(...)`` (``(..., n)`` for the tightness).

    Attributes
    ----------
    tightness : ndarray, shape (..., n)
        :math:`c_b / s_b \in (0, 1]` of each actor's bloc *b* (1 for an unaligned actor): how
        much of the bloc's power acts as one pole.
    polarity : ndarray
        The effective number of poles :math:`N = 1 / (p^\top Z p)`, in ``[1, n]``.
    share : ndarray
        :math:`c_{(1)} + c_{(2)}`, the cohesive power share of the two largest poles.
    antagonism : ndarray
        Minus the power-weighted mean relation across those two poles, in ``[-1, 1]`` (0 with
        fewer than two poles).
    bipolarity : ndarray
        ``share * max(antagonism, 0)`` in ``[0, 1]``.
    poles : ndarray of int, shape (..., 2)
        The two largest poles: a bloc label, or ``n + i`` for unaligned actor *i* (-1 where
        absent).
    """

    tightness: FloatArray
    polarity: FloatArray
    share: FloatArray
    antagonism: FloatArray
    bipolarity: FloatArray
    poles: IntArray


def pole_structure(R: npt.ArrayLike, power: npt.ArrayLike, labels: npt.ArrayLike) -> PoleStructure:
    r"""Return polarity and bipolarity of a bloc partition, with the tightness of each bloc.

    Parameters
    ----------
    R : array_like, shape (..., n, n)
        Relations in ``[-1, 1]`` (symmetric part used).
    power : array_like, shape (..., n)
        Non-negative power (used as shares :math:`p_i`).
    labels : array_like of int, shape (..., n)
        Blocs (:attr:`BlocPartition.labels`), -1 for unaligned.

    Returns
    -------
    PoleStructure

    Raises
    ------
    ValueError
        On shapes that do not fit or labels that are not integers >= -1.

    Notes
    -----
    The similarity of two actors as parts of one pole is

    .. math::

        Z_{ii} = 1, \qquad Z_{ij} = \max(\tilde R_{ij}, 0)\ \text{if } i \ne j
        \text{ are in the same bloc}, \qquad Z_{ij} = 0 \text{ otherwise,}

    and the effective number of poles is Leinster & Cobbold's (2012) similarity-sensitive
    diversity of order 2, :math:`N = 1/(p^\top Z p)`. With every tie inside a bloc at +1 it is
    Laakso & Taagepera's effective number over blocs (``docs/models/metrics.md`` §3), with no
    tie inside blocs it is the effective number of actors :math:`1/\sum_i p_i^2`, and it moves
    monotonically between the two as alliances tighten or loosen: polarity has a number of
    poles and a tightness of each (Bueno de Mesquita 1975). A bloc's cohesive share is
    :math:`c_b = \sqrt{p_b^\top Z_{bb} p_b} \le s_b` (:math:`s_b` its power share); the two
    largest :math:`c` are the poles of bipolarity, whose antagonism is
    :math:`-\sum_{i \in (1), j \in (2)} p_i p_j \tilde R_{ij} / (s_{(1)} s_{(2)})`.

    Examples
    --------
    Two camps at +1 inside and -1 across: two poles, fully bipolar.

    >>> R = np.array([[0, 1, -1, -1], [1, 0, -1, -1], [-1, -1, 0, 1], [-1, -1, 1, 0.0]])
    >>> ps = pole_structure(R, np.ones(4), [0, 0, 1, 1])
    >>> float(ps.polarity), float(ps.share), float(ps.antagonism), float(ps.bipolarity)
    (2.0, 1.0, 1.0, 1.0)
    """
    sym, p, batch = _inputs(R, power)
    B, n = p.shape
    g = np.asarray(labels)
    if not np.issubdtype(g.dtype, np.integer) or g.shape[-1:] != (n,):
        raise ValueError(f"labels must be integers of shape (..., {n})")
    g = np.broadcast_to(g, (*batch, n)).reshape(B, n).astype(np.intp)
    if np.any(g < UNALIGNED):
        raise ValueError("labels must be >= -1")
    keys = np.where(g >= 0, g, n + np.arange(n))  # pole of each actor
    same = keys[:, :, None] == keys[:, None, :]
    Z = np.where(same, np.clip(sym, 0.0, None), 0.0)
    Z[:, np.arange(n), np.arange(n)] = 1.0
    polarity = 1.0 / np.einsum("bi,bij,bj->b", p, Z, p)
    # per pole: power share s_q and cohesive share c_q
    member = keys[:, None, :] == np.arange(2 * n)[None, :, None]  # (B, 2n, n)
    u = np.where(member, p[:, None, :], 0.0)
    s_q = u.sum(axis=-1)
    # the cohesive shares of the poles some member uses (the other rows of u are zero, so
    # their share is 0): the same einsum on fewer rows, each (b, q) summed as before
    used = np.unique(keys)
    u_used = u[:, used]
    c_q = np.zeros((B, 2 * n))
    c_q[:, used] = np.sqrt(np.einsum("bqi,bij,bqj->bq", u_used, Z, u_used))
    order = np.argsort(-c_q, axis=-1, kind="stable")
    rows = np.arange(B)
    q1, q2 = order[:, 0], order[:, 1]
    has2 = c_q[rows, q2] > 0
    s1, s2 = s_q[rows, q1], s_q[rows, q2]
    cross = np.einsum("bi,bij,bj->b", u[rows, q1], sym, u[rows, q2])
    denom = s1 * s2
    antagonism = np.zeros(B)
    np.divide(-cross, denom, out=antagonism, where=has2 & (denom > 0))
    share = c_q[rows, q1] + np.where(has2, c_q[rows, q2], 0.0)
    ratio = np.ones((B, 2 * n))
    np.divide(c_q, s_q, out=ratio, where=s_q > 0)
    tight = np.take_along_axis(ratio, keys, axis=-1)
    poles = np.stack([q1, np.where(has2, q2, -1)], axis=-1)
    return PoleStructure(
        tightness=tight.reshape((*batch, n)),
        polarity=polarity.reshape(batch),
        share=share.reshape(batch),
        antagonism=antagonism.reshape(batch),
        bipolarity=(share * np.clip(antagonism, 0.0, None)).reshape(batch),
        poles=poles.reshape((*batch, 2)),
    )
