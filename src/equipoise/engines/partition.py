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
from scipy.sparse import csr_array
from scipy.sparse.csgraph import connected_components

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.intp]
BoolArray = npt.NDArray[np.bool_]

__all__ = ["UNALIGNED", "BlocPartition", "weak_balance_blocs"]

#: Label of an actor with no tie above the threshold (a pole of its own).
UNALIGNED = -1

#: Largest number of tied actors solved exactly by enumeration under ``method="auto"``
#: (10 actors have 115,975 set partitions).
EXACT_MAX = 10


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
    or opens the next one) and the number of clusters of each, ``(M,)``.
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
    rgs.setflags(write=False)
    count = (top.astype(np.intp) + 1) if m > 0 else np.zeros(1, dtype=np.intp)
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
    cost = same @ X[:, iu, ju].T if iu.size else np.zeros((rgs.shape[0], B))  # (M, B)
    best = np.full((B, k_max), np.inf)
    arg = np.zeros((B, k_max), dtype=np.intp)
    for k in range(1, k_max + 1):
        allowed = count <= k
        masked = np.where(allowed[:, None], cost, np.inf)
        idx = np.argmin(masked, axis=0)
        best[:, k - 1] = masked[idx, np.arange(B)]
        arg[:, k - 1] = idx
    return best, rgs, count, arg


# ----------------------------------------------------------------------------------------------
# heuristic: Doreian & Mrvar's relocation algorithm


def _relocate(X: FloatArray, labels: IntArray, k: int) -> IntArray:
    r"""Best-improvement moves of single actors between (at most k) clusters until none helps.

    With :math:`M_{ic} = \sum_{j \in c} X_{ij}`, moving *i* from *a* to *b* changes the cost
    by :math:`M_{ib} - M_{ia}` (``X`` has a zero diagonal).
    """
    m = X.shape[0]
    onehot = np.zeros((m, k))
    onehot[np.arange(m), labels] = 1.0
    M = X @ onehot
    lab = labels.copy()
    tol = 1e-12 * (1.0 + float(np.abs(X).sum()))
    for _ in range(20 * m * k + 100):
        gain = M - M[np.arange(m), lab][:, None]  # cost change of each move
        gain[np.arange(m), lab] = np.inf
        i, b = np.unravel_index(np.argmin(gain), gain.shape)
        if not gain[i, b] < -tol:
            break
        a = lab[i]
        M[:, a] -= X[:, i]
        M[:, b] += X[:, i]
        lab[i] = b
    return lab


def _heuristic(
    X: FloatArray, k_max: int, n_starts: int, rng: np.random.Generator
) -> tuple[FloatArray, list[IntArray]]:
    """Least cluster cost found for every k by multi-start relocation, one system ``(m, m)``."""
    m = X.shape[0]
    iu, ju = np.triu_indices(m, 1)

    def cost(lab: IntArray) -> float:
        return float(np.sum(X[iu, ju] * (lab[iu] == lab[ju])))

    best = np.full(k_max, np.inf)
    best_labels: list[IntArray] = []
    prev = np.zeros(m, dtype=np.intp)
    for k in range(1, k_max + 1):
        # start from the best partition with fewer clusters (so P*(k) <= P*(k-1)) and from
        # random partitions into k clusters
        starts = [prev] + [
            np.asarray(rng.integers(0, k, m), dtype=np.intp) for _ in range(n_starts)
        ]
        top_cost, top = np.inf, prev
        for start in starts:
            lab = _relocate(X, start, k)
            c = cost(lab)
            if c < top_cost - 1e-15:
                top_cost, top = c, lab
        best[k - 1] = top_cost
        best_labels.append(top)
        prev = top
    return best, best_labels


# ----------------------------------------------------------------------------------------------
# the partition


def _canonical(labels: IntArray, p: FloatArray, active: BoolArray) -> IntArray:
    """Renumber blocs by descending power (ties: lowest actor index); -1 where inactive."""
    out = np.full(labels.shape, UNALIGNED, dtype=np.intp)
    keys = []
    for grp in np.unique(labels[active]):
        members = np.flatnonzero(active & (labels == grp))
        keys.append((-float(p[members].sum()), int(members[0]), int(grp)))
    for new, (_, _, grp) in enumerate(sorted(keys)):
        out[active & (labels == grp)] = new
    return out


def _split_positive(labels: IntArray, positive: BoolArray) -> IntArray:
    """Split every cluster into the connected components of its positive ties."""
    same = labels[:, None] == labels[None, :]
    _, comp = connected_components(csr_array(positive & same), directed=False)
    return np.asarray(comp, dtype=np.intp)


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
        ``"exact"`` enumerates every set partition of the tied actors (feasible to about 10
        actors: 115,975 partitions), vectorised over the batch; ``"heuristic"`` runs the
        relocation algorithm; ``"auto"`` is exact up to :data:`EXACT_MAX` tied actors.
    n_starts : int
        Random starts of the relocation heuristic for each k (>= 1).
    seed : int
        Seed of the heuristic's random starts (results are reproducible).

    Returns
    -------
    BlocPartition

    Raises
    ------
    ValueError
        On shapes that do not fit, relations outside ``[-1, 1]``, negative power, a parameter
        out of range, or ``method="exact"`` with more than 12 tied actors.

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
    const = (1.0 - alpha) * np.where(pos, W, 0.0)[:, iu, ju].sum(axis=-1)
    total = W[:, iu, ju].sum(axis=-1)
    active: BoolArray = np.asarray(tie.any(axis=-1), dtype=np.bool_)

    labels = np.full((B, n), UNALIGNED, dtype=np.intp)
    k_sel = np.zeros(B, dtype=np.intp)
    by_k = np.zeros((B, max_blocs))
    exact = np.zeros(B, dtype=bool)
    # group members by their set of tied actors, so enumeration runs batched per group
    keys = np.packbits(active, axis=-1)
    _, group_of = np.unique(keys, axis=0, return_inverse=True)
    group_of = np.asarray(group_of).reshape(-1)
    rng = np.random.default_rng(seed)
    for g in np.unique(group_of):
        rows = np.flatnonzero(group_of == g)
        act = np.flatnonzero(active[rows[0]])
        m = act.size
        if m == 0:
            exact[rows] = True
            continue
        X = X_all[np.ix_(rows, act, act)]
        k_cap = min(max_blocs, m)
        use_exact = method == "exact" or (method == "auto" and m <= EXACT_MAX)
        if use_exact and m > 12:
            raise ValueError(
                f"method='exact' enumerates set partitions: at most 12 tied actors, got {m}"
            )
        if use_exact:
            best, rgs, _count, arg = _exact(X, k_cap)
            exact[rows] = True
            cand = [rgs[arg[:, k]].astype(np.intp) for k in range(k_cap)]  # (rows, m) each
        else:
            best = np.empty((rows.size, k_cap))
            per_k: list[list[IntArray]] = [[] for _ in range(k_cap)]
            for r in range(rows.size):
                b_r, labs = _heuristic(X[r], k_cap, n_starts, rng)
                best[r] = b_r
                for k in range(k_cap):
                    per_k[k].append(labs[k])
            cand = [np.stack(per_k[k]) for k in range(k_cap)]
        crit = const[rows, None] + best  # P*(k), k = 1..k_cap
        crit = np.minimum.accumulate(crit, axis=-1)  # at most k: never rises with k
        full = np.concatenate([crit, np.repeat(crit[:, -1:], max_blocs - k_cap, axis=-1)], axis=-1)
        by_k[rows] = full
        limit = crit[:, -1] + tol * total[rows]
        chosen = np.argmax(crit <= limit[:, None] + 1e-15 * (1.0 + total[rows, None]), axis=-1)
        k_sel[rows] = chosen + 1
        for r, row in enumerate(rows):
            lab_m = cand[int(chosen[r])][r]
            lab = np.zeros(n, dtype=np.intp)
            lab[act] = lab_m
            pos_r = pos[row].copy()
            pos_r[~active[row]] = False
            comp = _split_positive(np.where(active[row], lab, -1 - np.arange(n)), pos_r)
            labels[row] = _canonical(comp, p[row], active[row])

    # the final partition's criterion
    same = labels[:, iu] == labels[:, ju]
    same &= labels[:, iu] >= 0
    crit_final = const + np.sum(X_all[:, iu, ju] * same, axis=-1)
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
