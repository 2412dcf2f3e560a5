r"""Signed partitions of minimal power-weighted frustration: blocs and the frustration index.

The partition of the actors that leaves the least power-weighted frustration, exact by integer
programming (:func:`scipy.optimize.milp`, the formulations of Aref, Mason & Wilson 2020 and
Aref & Neal 2021) up to ``exact_max`` actors, a multi-start Kernighan–Lin local search above
that (:func:`frustration_index`, :func:`blocs`: one system at a time), and for two camps and up
to :data:`ENUMERATE_MAX` actors an exact enumeration over a batch of systems
(:func:`blocs_many`). References are in :mod:`equipoise.metrics`.
"""

from __future__ import annotations

import functools
import itertools
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import numpy.typing as npt
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import coo_array

from equipoise.metrics._common import (
    UNALIGNED,
    BoolArray,
    FloatArray,
    IntArray,
    _inputs,
    _offdiag,
    power_shares,
)

Method = Literal["auto", "exact", "heuristic"]

#: Largest number of actors (with at least one tie) solved exactly when ``method="auto"``.
EXACT_MAX = 30
#: Random starts of the heuristic, besides the spectral start.
_HEURISTIC_STARTS = 12


def dyad_weights(
    R: npt.ArrayLike, power: npt.ArrayLike, *, threshold: float = 0.0
) -> tuple[FloatArray, FloatArray]:
    r"""Return the frustration weight and the sign of every dyad.

    .. math:: W_{ij} = |\tilde R_{ij}|\, p_i\, p_j \;\text{ if } |\tilde R_{ij}| > \tau,
              \text{ else } 0, \qquad \tilde R = (R + R^\top)/2,

    A frustrated tie (a friendship across blocs, an enmity inside one) costs in proportion to
    its intensity and to the power of both parties: a misaligned tie between two great powers
    strains the system more than one between two small states. The symmetric part is used
    because a partition is a property of dyads, not of directed attitudes.

    Parameters
    ----------
    R : array_like, shape (..., n, n)
        Relations in ``[-1, 1]``.
    power : array_like, shape (..., n)
        Non-negative power.
    threshold : float
        :math:`\tau \ge 0`; dyads with :math:`|\tilde R_{ij}| \le \tau` are ignored.

    Returns
    -------
    W : ndarray, shape (..., n, n)
        Symmetric non-negative weights with a zero diagonal.
    sign : ndarray, shape (..., n, n)
        :math:`\operatorname{sign}(\tilde R_{ij})` where :math:`W_{ij} > 0`, else 0.
    """
    rel, p = _inputs(R, power)
    if threshold < 0.0:
        raise ValueError(f"threshold must be >= 0, got {threshold!r}")
    sym = _offdiag(0.5 * (rel + np.swapaxes(rel, -1, -2)))
    keep = np.abs(sym) > threshold
    W: FloatArray = np.where(keep, np.abs(sym) * p[..., :, None] * p[..., None, :], 0.0)
    sign: FloatArray = np.where(W > 0.0, np.sign(sym), 0.0)
    return W, sign


def partition_frustration(
    R: npt.ArrayLike,
    power: npt.ArrayLike,
    labels: npt.ArrayLike,
    *,
    threshold: float = 0.0,
) -> FloatArray:
    r"""Return the power-weighted frustration of a given partition.

    .. math:: F(g) = \sum_{i<j} W_{ij}\,\bigl([\tilde R_{ij} > 0][g_i \ne g_j]
                                       + [\tilde R_{ij} < 0][g_i = g_j]\bigr)

    A friendship across groups or an enmity inside a group is frustrated. With two groups this
    is the frustration of Aref & Wilson (2019); with more it is the generalised (weak-balance)
    frustration of Davis (1967) and Aref & Neal (2021). Actors labelled ``-1`` (unaligned) are
    each a group of their own.

    Parameters
    ----------
    R : array_like, shape (..., n, n)
        Relations.
    power : array_like, shape (..., n)
        Non-negative power.
    labels : array_like of int, shape (..., n)
        Group of each actor; ``-1`` for unaligned.
    threshold : float
        Ties with :math:`|\tilde R| \le \tau` are ignored (see :func:`dyad_weights`).

    Returns
    -------
    ndarray, shape (...)
        The frustration (0 for a balanced partition).

    Examples
    --------
    Three mutual enemies with equal power: any two-group split leaves one enmity inside a
    group, weight :math:`1 \cdot (1/3)^2`; three groups leave none.

    >>> R = -(np.ones((3, 3)) - np.eye(3))
    >>> round(float(partition_frustration(R, [1, 1, 1], [0, 0, 1])), 4)
    0.1111
    >>> float(partition_frustration(R, [1, 1, 1], [0, 1, 2]))
    0.0
    """
    W, sign = dyad_weights(R, power, threshold=threshold)
    g = np.asarray(labels)
    if g.shape[-1] != W.shape[-1]:
        raise ValueError(f"labels must have shape (..., {W.shape[-1]}), got {g.shape}")
    same = (g[..., :, None] == g[..., None, :]) & (g[..., :, None] >= 0)
    frustrated = np.where(sign > 0.0, ~same, same) & (W > 0.0)
    out: FloatArray = 0.5 * np.sum(W * frustrated, axis=(-2, -1))
    return out


# ----------------------------------------------------------------------------------------------
# Partitions: exact (integer programming) and heuristic


@dataclass(frozen=True, eq=False)
class Partition:
    r"""A signed partition of the actors and its power-weighted frustration.

    Parameters
    ----------
    labels : ndarray of int64, shape (n,)
        Bloc of each actor: ``0`` is the bloc with the most power, ``1`` the next, and so on;
        ``-1`` (:data:`UNALIGNED`) for an actor with no tie above the threshold.
    frustration : float
        Power-weighted frustration :math:`F` of the partition (:func:`partition_frustration`).
    total_weight : float
        :math:`\sum_{i<j} W_{ij}`, the frustration if every tie were frustrated.
    optimal : bool
        ``True`` if the partition is proven to minimise frustration (the integer program
        reached optimality, or the frustration is zero).
    method : {"exact", "heuristic"}
        Which algorithm produced the partition.
    """

    labels: IntArray
    frustration: float
    total_weight: float
    optimal: bool
    method: Literal["exact", "heuristic"]

    @property
    def normalised(self) -> float:
        """Frustration as a share of all tie weight, in ``[0, 1]`` (0 when there are no ties)."""
        return self.frustration / self.total_weight if self.total_weight > 0.0 else 0.0

    @property
    def n_blocs(self) -> int:
        """Number of blocs (groups with at least one member; unaligned actors not counted)."""
        return int(np.unique(self.labels[self.labels >= 0]).size)


def _checked_single(R: npt.ArrayLike) -> None:
    rel = np.asarray(R)
    if rel.ndim != 2:
        raise ValueError(
            f"frustration_index and blocs take one system, R of shape (n, n), got {rel.shape}; "
            "loop over ensemble members"
        )


def _triangles(
    edge_id: IntArray, sign: FloatArray, nodes: int, n_groups: int
) -> list[tuple[int, int, int]]:
    """Edge triples of the triangles that every partition must frustrate at least once."""
    out: list[tuple[int, int, int]] = []
    for a, b, c in itertools.combinations(range(nodes), 3):
        e1, e2, e3 = int(edge_id[a, b]), int(edge_id[a, c]), int(edge_id[b, c])
        if e1 < 0 or e2 < 0 or e3 < 0:
            continue
        negatives = int(sign[a, b] < 0) + int(sign[a, c] < 0) + int(sign[b, c] < 0)
        # Two groups (strong balance): a cycle with an odd number of negative edges is
        # unbalanced. More groups (weak balance): only a cycle with exactly one negative edge
        # cannot be satisfied (Davis 1967); three mutual enemies can sit in three groups.
        unsatisfiable = negatives % 2 == 1 if n_groups == 2 else negatives == 1
        if unsatisfiable:
            out.append((e1, e2, e3))
    return out


def _solve_exact(
    W: FloatArray, sign: FloatArray, n_groups: int, time_limit: float | None
) -> tuple[IntArray, bool]:
    r"""Minimise frustration by binary programming; return labels and whether proven optimal.

    Two groups: the XOR model of Aref, Mason & Wilson (2020), one binary colour :math:`x_i` per
    node and one frustration variable :math:`f_{ij}` per edge,

    .. math::

        \min \sum W_{ij} f_{ij}\quad\text{s.t.}\quad
        f_{ij} \ge |x_i - x_j| \;(\text{positive}),\qquad
        f_{ij} \ge 1 - |x_i + x_j - 1| \;(\text{negative}),

    each absolute value written as two linear inequalities. More groups: the model of Aref &
    Neal (2021) with one-hot colours :math:`x_{ic}`, :math:`f_{ij} \ge x_{ic} - x_{jc}` for
    positive and :math:`f_{ij} \ge x_{ic} + x_{jc} - 1` for negative edges, for every colour.
    The :math:`f` are continuous in [0, 1]: at any integral :math:`x` the minimum sets them to
    0 or 1. Speed-ups: the node of largest weighted degree gets colour 0 (symmetry breaking;
    for k groups the r-th node in that order may only use colours 0..r), and every unbalanced
    triangle adds the valid inequality :math:`f_{ab} + f_{ac} + f_{bc} \ge 1`.
    """
    n = W.shape[0]
    iu, ju = np.nonzero(np.triu(W > 0.0, 1))
    m = iu.size
    if m == 0:
        return np.zeros(n, dtype=np.int64), True
    w = W[iu, ju]
    sgn = sign[iu, ju]
    scale = float(w.max())  # the solver's absolute gap tolerance then means "relative"
    k = n_groups
    n_x = n if k == 2 else n * k
    n_var = n_x + m
    c = np.concatenate([np.zeros(n_x), w / scale])
    f_col = n_x + np.arange(m)

    rows: list[IntArray] = []
    cols: list[IntArray] = []
    vals: list[FloatArray] = []
    lbs: list[FloatArray] = []
    ubs: list[FloatArray] = []
    n_rows = 0

    def add(row_cols: list[IntArray], row_vals: list[float], lb: FloatArray, ub: float) -> None:
        nonlocal n_rows
        count = lb.size
        r = n_rows + np.arange(count)
        for col, val in zip(row_cols, row_vals, strict=True):
            rows.append(r)
            cols.append(col)
            vals.append(np.full(count, val))
        lbs.append(lb)
        ubs.append(np.full(count, ub))
        n_rows += count

    pos, neg = sgn > 0, sgn < 0
    if k == 2:
        ip, jp, fp = iu[pos], ju[pos], f_col[pos]
        iN, jN, fN = iu[neg], ju[neg], f_col[neg]
        add([fp, ip, jp], [1.0, -1.0, 1.0], np.zeros(fp.size), np.inf)  # f >= x_i - x_j
        add([fp, ip, jp], [1.0, 1.0, -1.0], np.zeros(fp.size), np.inf)  # f >= x_j - x_i
        add([fN, iN, jN], [1.0, -1.0, -1.0], np.full(fN.size, -1.0), np.inf)  # f >= xi+xj-1
        add([fN, iN, jN], [1.0, 1.0, 1.0], np.ones(fN.size), np.inf)  # f >= 1-xi-xj
    else:
        for col in range(k):
            xi, xj = iu * k + col, ju * k + col
            add([f_col[pos], xi[pos], xj[pos]], [1.0, -1.0, 1.0], np.zeros(int(pos.sum())), np.inf)
            add(
                [f_col[neg], xi[neg], xj[neg]],
                [1.0, -1.0, -1.0],
                np.full(int(neg.sum()), -1.0),
                np.inf,
            )
        nodes = np.arange(n)
        one_hot = [nodes * k + col for col in range(k)]
        add(one_hot, [1.0] * k, np.ones(n), 1.0)  # sum_c x_ic = 1

    edge_id = np.full((n, n), -1, dtype=np.int64)
    edge_id[iu, ju] = np.arange(m)
    tri = _triangles(edge_id, sign, n, k)
    if tri:
        t = np.asarray(tri, dtype=np.int64)
        add([n_x + t[:, 0], n_x + t[:, 1], n_x + t[:, 2]], [1.0, 1.0, 1.0], np.ones(len(t)), np.inf)

    A = coo_array(
        (np.concatenate(vals), (np.concatenate(rows), np.concatenate(cols))),
        shape=(n_rows, n_var),
    ).tocsr()
    lower = np.zeros(n_var)
    upper = np.ones(n_var)
    order = np.lexsort((np.arange(n), -W.sum(axis=1)))  # by weighted degree, ties by index
    if k == 2:
        upper[order[0]] = 0.0  # the heaviest node takes colour 0
    else:
        for rank, node in enumerate(order[: k - 1]):
            upper[node * k + rank + 1 : node * k + k] = 0.0
    integrality = np.concatenate([np.ones(n_x), np.zeros(m)])
    options: dict[str, Any] = {"mip_rel_gap": 0.0, "presolve": True}
    if time_limit is not None:
        options["time_limit"] = float(time_limit)
    res = milp(
        c,
        integrality=integrality,
        bounds=Bounds(lower, upper),
        constraints=LinearConstraint(A, np.concatenate(lbs), np.concatenate(ubs)),
        options=options,
    )
    if res.x is None:
        return np.zeros(n, dtype=np.int64), False
    x = np.asarray(res.x[:n_x]) > 0.5
    labels = x.astype(np.int64) if k == 2 else np.argmax(x.reshape(n, k), axis=1).astype(np.int64)
    return labels, bool(res.status == 0)


def _frustration_dense(W: FloatArray, sign: FloatArray, labels: IntArray) -> float:
    same = labels[:, None] == labels[None, :]
    frustrated = np.where(sign > 0.0, ~same, same) & (W > 0.0)
    return float(0.5 * np.sum(W * frustrated))


def _local_search(S: FloatArray, labels: IntArray, k: int, tol: float) -> IntArray:
    r"""Improve ``labels`` by greedy descent, then Kernighan–Lin passes of single-actor moves.

    With :math:`M_{ic} = \sum_{j \in c} S_{ij}` (:math:`S = \operatorname{sign}(\tilde R)
    \odot W`), moving *i* from group *a* to *b* lowers the frustration by
    :math:`M_{ib} - M_{ia}`. Greedy descent applies the best improving move until none is left.
    A Kernighan–Lin pass (Kernighan & Lin 1970, with single-node moves as in Fiduccia &
    Mattheyses 1982) then moves actors one at a time, each time the unmoved actor's move of
    largest gain (negative gains allowed, ties to the lowest index), keeps the best prefix of
    the sequence, and stops early once ``patience`` moves have passed without a new best.
    Passes repeat while they improve.
    """
    n = S.shape[0]
    g = labels.copy()
    rows = np.arange(n)
    patience = max(16, n // 4)

    def fields() -> FloatArray:
        Z = np.zeros((n, k))
        Z[rows, g] = 1.0
        M: FloatArray = S @ Z
        return M

    M = fields()
    while True:  # greedy descent
        gain = M - M[rows, g][:, None]
        gain[rows, g] = -np.inf
        flat = int(np.argmax(gain))
        i, to = divmod(flat, k)
        if gain[i, to] <= tol:
            break
        frm = int(g[i])
        M[:, frm] -= S[:, i]
        M[:, to] += S[:, i]
        g[i] = to
    while True:  # Kernighan–Lin passes
        M = fields()
        moved = np.zeros(n, dtype=np.bool_)
        history: list[tuple[int, int]] = []
        cumulative, best, best_len = 0.0, 0.0, 0
        for t in range(n):
            gain = M - M[rows, g][:, None]
            gain[rows, g] = -np.inf
            gain[moved] = -np.inf
            flat = int(np.argmax(gain))
            i, to = divmod(flat, k)
            frm = int(g[i])
            cumulative += float(gain[i, to])
            M[:, frm] -= S[:, i]
            M[:, to] += S[:, i]
            g[i] = to
            moved[i] = True
            history.append((i, frm))
            if cumulative > best + tol:
                best, best_len = cumulative, t + 1
            elif t + 1 - best_len >= patience:
                break
        for i, frm in reversed(history[best_len:]):
            g[i] = frm
        if best_len == 0:
            return g


def _solve_heuristic(
    W: FloatArray, sign: FloatArray, n_groups: int, rng: np.random.Generator
) -> IntArray:
    """Multi-start local search: a spectral start and random starts, the best result kept."""
    n = W.shape[0]
    S = sign * W
    tol = 1e-12 * max(float(W.sum()), 1e-300)
    # Spectral start: two-group frustration is 1/2 sum W - 1/2 s'Ss over s in {-1, 1}^n, so the
    # leading eigenvector of S relaxes the problem (the sign of its entries is the start).
    _, vectors = np.linalg.eigh(S)
    lead = vectors[:, -1]
    starts: list[IntArray] = [(lead < 0.0).astype(np.int64)]
    starts += [
        np.asarray(rng.integers(0, n_groups, size=n), dtype=np.int64)
        for _ in range(_HEURISTIC_STARTS)
    ]
    best_labels = starts[0]
    best_value = np.inf
    for start in starts:
        labels = _local_search(S, start, n_groups, tol)
        value = _frustration_dense(W, sign, labels)
        if value < best_value - tol:
            best_labels, best_value = labels, value
    return best_labels


def _canonical(labels: IntArray, p: FloatArray, active: BoolArray) -> IntArray:
    """Renumber groups by descending power (ties: lowest member index); -1 if inactive."""
    out = np.full(labels.shape, UNALIGNED, dtype=np.int64)
    groups = np.unique(labels[active])
    keys = []
    for grp in groups:
        members = np.flatnonzero(active & (labels == grp))
        keys.append((-float(p[members].sum()), int(members[0]), int(grp)))
    for new, (_, _, grp) in enumerate(sorted(keys)):
        out[active & (labels == grp)] = new
    return out


def _partition(
    R: npt.ArrayLike,
    power: npt.ArrayLike,
    *,
    max_groups: int,
    threshold: float,
    method: Method,
    exact_max: int,
    time_limit: float | None,
    seed: int | np.random.SeedSequence | np.random.Generator,
) -> Partition:
    _checked_single(R)
    if max_groups < 2:
        raise ValueError(f"max_groups must be >= 2, got {max_groups!r}")
    if method not in ("auto", "exact", "heuristic"):
        raise ValueError(f"method must be 'auto', 'exact' or 'heuristic', got {method!r}")
    W, sign = dyad_weights(R, power, threshold=threshold)
    p = power_shares(power)
    n = W.shape[0]
    active = W.sum(axis=1) > 0.0
    idx = np.flatnonzero(active)
    Wa, sa = W[np.ix_(idx, idx)], sign[np.ix_(idx, idx)]
    k = min(max_groups, max(idx.size, 2))
    total = float(0.5 * W.sum())
    use_exact = method == "exact" or (method == "auto" and idx.size <= exact_max)
    labels_a = np.zeros(idx.size, dtype=np.int64)
    optimal = idx.size <= 1
    if idx.size > 1:
        if use_exact:
            labels_a, optimal = _solve_exact(Wa, sa, k, time_limit)
            # Polish: the solver stops within an absolute gap of 1e-6 (of the largest weight);
            # local moves from its answer can only lower the frustration further.
            labels_a = _local_search(Wa * sa, labels_a, k, 1e-12 * max(float(Wa.sum()), 1e-300))
            if not optimal:  # time limit: keep the better of the incumbent and the heuristic
                alt = _solve_heuristic(Wa, sa, k, np.random.default_rng(seed))
                if _frustration_dense(Wa, sa, alt) < _frustration_dense(Wa, sa, labels_a):
                    labels_a = alt
        else:
            labels_a = _solve_heuristic(Wa, sa, k, np.random.default_rng(seed))
    full = np.zeros(n, dtype=np.int64)
    full[idx] = labels_a
    labels = _canonical(full, p, active)
    value = _frustration_dense(W, sign, labels) if idx.size > 1 else 0.0
    return Partition(
        labels=labels,
        frustration=value,
        total_weight=total,
        optimal=bool(optimal or value == 0.0),
        method="exact" if use_exact else "heuristic",
    )


#: Largest number of actors for which :func:`blocs_many` enumerates every two-camp split.
ENUMERATE_MAX = 18


@functools.lru_cache(maxsize=8)
def _sign_vectors(n: int) -> FloatArray:
    """All 2^(n-1) vectors in {-1, +1}^n with the first entry +1 (one per two-camp split).

    Cached (read-only): the table depends on ``n`` alone and the time loop asks for it at
    every step.
    """
    codes = np.arange(1 << (n - 1), dtype=np.int64)
    bits = (codes[:, None] >> np.arange(n - 1, dtype=np.int64)) & 1
    G = np.ones((codes.size, n))
    G[:, 1:] = 1.0 - 2.0 * bits
    G.setflags(write=False)
    return G


def blocs_many(
    R: npt.ArrayLike,
    power: npt.ArrayLike,
    *,
    threshold: float | npt.ArrayLike = 0.1,
    chunk: int = 32,
) -> tuple[IntArray, FloatArray, FloatArray]:
    r"""Exact two-camp blocs for a batch of systems at once, by enumerating every split.

    For :math:`g \in \{-1, +1\}^n` and :math:`S = W \circ \operatorname{sign}(	ilde R)`
    (:func:`dyad_weights`), the frustration of the split is

    .. math:: F(g) = \sum_{i<j} W_{ij}\,rac{1 - \operatorname{sign}_{ij}\, g_i g_j}{2}
              = rac12\Bigl(\sum_{i<j} W_{ij} - 	frac12\, g^	op S g\Bigr),

    so the optimal split maximises :math:`g^	op S g`. With :math:`g_1 = +1` fixed (a split and
    its mirror image are the same partition) there are :math:`2^{n-1}` candidates; their
    quadratic forms are one batched matrix product :math:`G S` per system. This gives the same
    optimum as the integer program of :func:`blocs` (``max_groups=2``), for many systems (the
    members of an ensemble) in one vectorised pass, up to ``ENUMERATE_MAX`` actors. Among
    equally frustrated splits the first in enumeration order is returned, so results are
    deterministic.

    Parameters
    ----------
    R : array_like, shape (B, n, n)
        Relations of ``B`` systems.
    power : array_like, shape (B, n)
        Non-negative power.
    threshold : float or array_like of shape (B,)
        :math:`\tau`, as in :func:`blocs`.
    chunk : int
        Systems per batched product (bounds memory: ``chunk * 2^(n-1) * n`` floats).

    Returns
    -------
    labels : ndarray of int64, shape (B, n)
        Blocs numbered by descending power, -1 for unaligned actors (as :func:`blocs`).
    frustration : ndarray, shape (B,)
        The minimal power-weighted frustration.
    total : ndarray, shape (B,)
        :math:`\sum_{i<j} W_{ij}` (to normalise the frustration).

    Raises
    ------
    ValueError
        If ``n`` exceeds :data:`ENUMERATE_MAX` or shapes disagree.
    """
    rel = np.asarray(R, dtype=np.float64)
    p_raw = np.asarray(power, dtype=np.float64)
    if rel.ndim != 3 or p_raw.ndim != 2 or p_raw.shape != rel.shape[:2]:
        raise ValueError("R must have shape (B, n, n) and power (B, n)")
    B, n = p_raw.shape
    if n > ENUMERATE_MAX:
        raise ValueError(f"blocs_many enumerates splits for n <= {ENUMERATE_MAX}, got n = {n}")
    tau = np.broadcast_to(np.asarray(threshold, dtype=np.float64), (B,))
    if np.any(tau < 0):
        raise ValueError("threshold must be >= 0")
    p = power_shares(p_raw)
    sym = _offdiag(0.5 * (rel + np.swapaxes(rel, -1, -2)))
    keep = np.abs(sym) > tau[:, None, None]
    W = np.where(keep, np.abs(sym) * p[:, :, None] * p[:, None, :], 0.0)
    sign = np.where(W > 0.0, np.sign(sym), 0.0)
    S = W * sign
    total = 0.5 * W.sum(axis=(-2, -1))
    labels = np.zeros((B, n), dtype=np.int64)
    frustration = np.zeros(B)
    if n == 1:
        return np.full((B, 1), UNALIGNED, dtype=np.int64), frustration, total
    G = _sign_vectors(n)
    for lo in range(0, B, chunk):
        hi = min(B, lo + chunk)
        q = np.einsum("pi,bpi->bp", G, np.matmul(G[None], S[lo:hi]))  # g^T S g per split
        best = np.argmax(q, axis=1)
        g = G[best]
        labels[lo:hi] = (g < 0).astype(np.int64)
        frustration[lo:hi] = 0.5 * (total[lo:hi] - 0.5 * q[np.arange(hi - lo), best])
    active = W.sum(axis=-1) > 0.0
    out = np.empty_like(labels)
    for b in range(B):
        out[b] = _canonical(labels[b], p[b], active[b])
    return out, np.maximum(frustration, 0.0), total


def frustration_index(
    R: npt.ArrayLike,
    power: npt.ArrayLike,
    *,
    threshold: float = 0.0,
    method: Method = "auto",
    exact_max: int = EXACT_MAX,
    time_limit: float | None = None,
    seed: int | np.random.SeedSequence | np.random.Generator = 0,
) -> Partition:
    r"""Return the power-weighted frustration index and a two-group partition attaining it.

    .. math:: L(R, p) = \min_{g \in \{0, 1\}^n} \sum_{i<j} W_{ij}\,
              \bigl([\tilde R_{ij} > 0][g_i \ne g_j] + [\tilde R_{ij} < 0][g_i = g_j]\bigr),
              \qquad W_{ij} = |\tilde R_{ij}|\,p_i\,p_j,

    the weighted line index of balance (Harary 1959; Aref & Wilson 2019) with power-weighted
    dyads (:func:`dyad_weights`). It is zero exactly when the signed graph is balanced
    (Cartwright & Harary 1956: it splits into two camps, friends within, enemies between).

    Parameters
    ----------
    R : array_like, shape (n, n)
        Relations of one system (loop over ensemble members).
    power : array_like, shape (n,)
        Non-negative power.
    threshold : float
        Ties with :math:`|\tilde R| \le \tau` are ignored (default 0: every non-zero tie).
    method : {"auto", "exact", "heuristic"}
        ``"exact"``: the binary program of Aref, Mason & Wilson (2020) solved by HiGHS through
        :func:`scipy.optimize.milp`. ``"heuristic"``: multi-start Kernighan–Lin local search.
        ``"auto"`` (default): exact when at most ``exact_max`` actors have a tie.
    exact_max : int
        Largest system solved exactly under ``"auto"`` (default 30).
    time_limit : float, optional
        Seconds allowed to the exact solver; on expiry the better of its incumbent and the
        heuristic is returned with ``optimal=False``.
    seed : int, SeedSequence or Generator
        Seeds the heuristic's random starts (default 0, so results are reproducible).

    Returns
    -------
    Partition
        ``labels`` (0 = the more powerful camp, -1 = no tie at all), ``frustration`` (the
        index), ``total_weight``, ``normalised`` (index over total weight), ``optimal``, ``method``.

    Examples
    --------
    A triangle with one enmity between two friends of a third is unbalanced; the cheapest fix
    cuts the weakest tie.

    >>> R = np.array([[0.0, 0.9, 0.8], [0.9, 0.0, -0.2], [0.8, -0.2, 0.0]])
    >>> part = frustration_index(R, [1.0, 1.0, 1.0])
    >>> round(part.frustration * 9, 6), part.optimal
    (0.2, True)
    """
    return _partition(
        R,
        power,
        max_groups=2,
        threshold=threshold,
        method=method,
        exact_max=exact_max,
        time_limit=time_limit,
        seed=seed,
    )


def blocs(
    R: npt.ArrayLike,
    power: npt.ArrayLike,
    *,
    max_groups: int = 2,
    threshold: float = 0.1,
    method: Method = "auto",
    exact_max: int = EXACT_MAX,
    time_limit: float | None = None,
    seed: int | np.random.SeedSequence | np.random.Generator = 0,
) -> Partition:
    r"""Return the blocs: the signed partition of minimal power-weighted frustration.

    With ``max_groups=2`` (default) this is the partition of :func:`frustration_index` with
    weak ties ignored: strong balance, the camps of a bipolar reading. With ``max_groups=k > 2``
    it minimises the generalised frustration of weak balance (Davis 1967; Aref & Neal 2021): an
    enmity inside a group or a friendship between groups is frustrated, but several mutually
    hostile groups are allowed, so a tripolar system is not forced into two camps.

    Actors whose every tie is at or below the threshold are **unaligned** (label -1): they
    carry no information about camps, and :func:`polarity` counts each as a pole of its own.

    Parameters
    ----------
    R : array_like, shape (n, n)
        Relations of one system.
    power : array_like, shape (n,)
        Non-negative power.
    max_groups : int
        Largest number of blocs (>= 2); empty groups are dropped.
    threshold : float
        :math:`\tau`: ties with :math:`|\tilde R| \le \tau` are ignored (default 0.1, the
        neutral band of the [-1, 1] scale).
    method, exact_max, time_limit, seed
        As in :func:`frustration_index`.

    Returns
    -------
    Partition
        Blocs numbered by descending power (0 = most powerful bloc), -1 for unaligned actors.

    Examples
    --------
    Two camps {0, 1} and {2, 3}, hostile to each other; actor 4 has only weak ties.

    >>> R = np.array([[0.0, 0.8, -0.6, -0.7, 0.05],
    ...               [0.8, 0.0, -0.5, -0.6, 0.0],
    ...               [-0.6, -0.5, 0.0, 0.9, 0.0],
    ...               [-0.7, -0.6, 0.9, 0.0, -0.05],
    ...               [0.05, 0.0, 0.0, -0.05, 0.0]])
    >>> blocs(R, [5.0, 1.0, 3.0, 1.0, 1.0]).labels.tolist()
    [0, 0, 1, 1, -1]
    """
    return _partition(
        R,
        power,
        max_groups=max_groups,
        threshold=threshold,
        method=method,
        exact_max=exact_max,
        time_limit=time_limit,
        seed=seed,
    )


__all__ = [
    "ENUMERATE_MAX",
    "EXACT_MAX",
    "Partition",
    "blocs",
    "blocs_many",
    "dyad_weights",
    "frustration_index",
    "partition_frustration",
]
