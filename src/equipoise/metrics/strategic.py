r"""An actor's strategic position: dependence, friction, strategic space, alignment.

Our own constructs built on cited ideas (Emerson 1962, Hirschman 1945; Heider 1946); see
``docs/models/metrics.md``. References are in :mod:`equipoise.metrics`.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from equipoise.metrics._common import (
    FloatArray,
    _inputs,
    _offdiag,
)


def dependence(
    R: npt.ArrayLike,
    power: npt.ArrayLike,
    *,
    ties: npt.ArrayLike | None = None,
    tie_weight: float = 0.5,
    self_weight: float = 1.0,
) -> FloatArray:
    r"""Return the dependence of every actor on every other, in ``[0, 1]``.

    .. math::

        D_{ij} = \frac{p_j T_{ij}}{\kappa\,p_i + \sum_{k \ne i} p_k T_{ik}},\qquad
        T_{ij} = (1-\theta)\,\max(R_{ij}, 0) + \theta\,E_{ij},

    where :math:`E_{ij} \in [0, 1]` are declared economic ties (how much *i* relies on *j*:
    trade, energy, technology; ``ties``), :math:`\theta` = ``tie_weight`` (0 when no ties are
    given) and :math:`\kappa` = ``self_weight``. Following Emerson (1962), *i*'s dependence on
    *j* grows with *i*'s investment in what *j* provides (the numerator: the tie, scaled by
    *j*'s power) and falls with what *i* can get elsewhere or by itself (the denominator: its
    own power plus every partner's contribution, Hirschman's (1945) concentration). Relation
    asymmetry enters through directed relations: if *i* courts *j* more than *j* courts *i*,
    :math:`T_{ij} > T_{ji}`. Between two actors tied only to each other with
    :math:`T = 1`, :math:`D_{ij} = p_j / (p_i + p_j)`: the power ratio.

    Parameters
    ----------
    R : array_like, shape (..., n, n)
        Relations (directed where given).
    power : array_like, shape (..., n)
        Non-negative power.
    ties : array_like, shape (..., n, n), optional
        Economic ties in ``[0, 1]``, row *i* = what *i* draws from each partner.
    tie_weight : float
        :math:`\theta \in [0, 1]`, the weight of economic ties against political relations.
    self_weight : float
        :math:`\kappa \ge 0`, the weight of self-reliance (own power) among alternatives.

    Returns
    -------
    ndarray, shape (..., n, n)
        ``D[i, j]``, the dependence of *i* on *j*; zero diagonal.

    Examples
    --------
    A small power (1) tied to a large one (4) and to nobody else:

    >>> R = np.array([[0.0, 1.0], [1.0, 0.0]])
    >>> dependence(R, [1.0, 4.0]).round(2).tolist()
    [[0.0, 0.8], [0.2, 0.0]]
    """
    rel, p = _inputs(R, power)
    if not 0.0 <= tie_weight <= 1.0:
        raise ValueError(f"tie_weight must be in [0, 1], got {tie_weight!r}")
    if self_weight < 0.0:
        raise ValueError(f"self_weight must be >= 0, got {self_weight!r}")
    T = _offdiag(np.maximum(rel, 0.0))
    if ties is not None:
        E = np.asarray(ties, dtype=np.float64)
        if not np.all(np.isfinite(E)) or np.any(E < 0.0) or np.any(E > 1.0):
            raise ValueError("ties must lie in [0, 1]")
        T = _offdiag((1.0 - tie_weight) * T + tie_weight * E)
    supply = T * p[..., None, :]
    denom = self_weight * p + supply.sum(axis=-1)
    D: FloatArray = np.where(
        denom[..., None] > 0.0, supply / np.where(denom > 0.0, denom, 1.0)[..., None], 0.0
    )
    return D


def friction(R: npt.ArrayLike, power: npt.ArrayLike) -> FloatArray:
    r"""Return the friction :math:`F_{ij} \in [0, 1)` that *i* meets with its friends for working with *j*.

    .. math::

        F_{ij} = \frac{\sum_{k \ne i,j} p_k\, R^+_{ik}\, R^-_{kj}}
                      {p_i + \sum_{k \ne i,j} p_k\, R^+_{ik}},
        \qquad R^+ = \max(R, 0),\; R^- = \max(-R, 0).

    Each friend *k* of *i* objects to *j* in proportion to its hostility to *j*; its voice
    weighs its power times the strength of the friendship (Heider's balance: cooperating with
    the enemy of a friend strains that friendship). *i*'s own power sits in the denominator: a
    great power is less bound by its friends' quarrels than a small state is by a great
    friend's.

    Parameters
    ----------
    R : array_like, shape (..., n, n)
        Relations (directed where given: ``R[i, k]`` is *i*'s view of *k*).
    power : array_like, shape (..., n)
        Non-negative power.

    Returns
    -------
    ndarray, shape (..., n, n)
        ``F[i, j]``; zero diagonal, zero where *i* has no friends.
    """
    rel, p = _inputs(R, power)
    rel = _offdiag(rel)
    pos = np.maximum(rel, 0.0)
    neg = np.maximum(-rel, 0.0)
    voice = pos * p[..., None, :]  # voice[i, k] = p_k R+_ik
    numer = np.matmul(voice, neg)  # sum_k p_k R+_ik R-_kj (k = i, j vanish: zero diagonal)
    denom = p[..., :, None] + voice.sum(axis=-1, keepdims=True) - voice  # drop k = j
    F: FloatArray = np.where(denom > 0.0, numer / np.where(denom > 0.0, denom, 1.0), 0.0)
    return _offdiag(F)


def strategic_space(R: npt.ArrayLike, power: npt.ArrayLike, *, mutual: bool = True) -> FloatArray:
    r"""Return each actor's strategic space: the share of others' power it can work with freely.

    .. math::

        S_i = \frac{\sum_{j \ne i} p_j\, C_{ij}}{\sum_{j \ne i} p_j},\qquad
        C_{ij} = (1 - F_{ij})(1 - F_{ji}) \;\text{(mutual)}\quad\text{or}\quad 1 - F_{ij},

    with :math:`F` the :func:`friction`. :math:`S_i = 1` when *i* can cooperate with every
    other power without straining any friendship; it falls as *i*'s friends (weighted by power
    and closeness) oppose the powers around it. In the mutual form (default) cooperation takes
    two: *i*'s room with *j* also shrinks when *j*'s own friends oppose *i*. That is how the
    seeds' claim reads: stabilising US–Russia relations gives *both* Moscow and Tokyo more
    space, because Japan's great friend stops opposing Russia. This is our construct (see
    ``docs/models/metrics.md``).

    Parameters
    ----------
    R : array_like, shape (..., n, n)
        Relations.
    power : array_like, shape (..., n)
        Non-negative power.
    mutual : bool
        Use :math:`C_{ij} = (1 - F_{ij})(1 - F_{ji})` (default) or :math:`1 - F_{ij}`.

    Returns
    -------
    ndarray, shape (...,  n)
        :math:`S_i \in [0, 1]` (1 where no other actor has power).

    Examples
    --------
    Actor 0 is friendly with both 1 and 2, who are enemies: its space shrinks below 1, while a
    neutral actor 3 keeps all of it.

    >>> R = np.array([[0.0, 0.8, 0.8, 0.0], [0.8, 0.0, -0.9, 0.0],
    ...               [0.8, -0.9, 0.0, 0.0], [0.0, 0.0, 0.0, 0.0]])
    >>> s = strategic_space(R, [1.0, 1.0, 1.0, 1.0])
    >>> bool(s[0] < s[3] == 1.0)
    True
    """
    rel, p = _inputs(R, power)
    F = friction(rel, p)
    C = (1.0 - F) * (1.0 - np.swapaxes(F, -1, -2)) if mutual else 1.0 - F
    others = p.sum(axis=-1, keepdims=True) - p  # sum_{j != i} p_j
    C = _offdiag(C)
    reach = np.sum(C * p[..., None, :], axis=-1)
    S: FloatArray = np.where(others > 0.0, reach / np.where(others > 0.0, others, 1.0), 1.0)
    # the ratio is at most 1 mathematically; clip the last-ulp excess of floating point
    return np.clip(S, 0.0, 1.0)


def alignment(R: npt.ArrayLike, power: npt.ArrayLike, *, toward: int, against: int) -> FloatArray:
    r"""Return each actor's alignment toward one pole rather than another, in ``[-1, 1]``.

    .. math::

        \mathrm{al}_i(a, b) = \tfrac12\bigl(c_i(a) - c_i(b)\bigr),\qquad
        c_i(a) = \frac{\sum_{k \ne i} u^a_k R_{ik}}{\sum_{k \ne i} u^a_k},\qquad
        u^a_a = p_a,\; u^a_k = p_k \max(R_{ak}, 0),

    :math:`c_i(a)` is *i*'s power-weighted mean relation with pole *a*'s camp: *a* itself and
    *a*'s friends, each weighted by its power and its closeness to *a*. +1 means *i* is at +1
    with *a*'s whole camp and at -1 with *b*'s; 0 means even-handed (or indifferent). Using the
    camp, not only the pole, makes alignment respond to the friends of the pole (South Korea
    toward the US also reads its relations with Japan and Australia). Our construct.

    Parameters
    ----------
    R : array_like, shape (..., n, n)
        Relations (``R[i, k]`` is *i*'s view of *k*).
    power : array_like, shape (..., n)
        Non-negative power.
    toward, against : int
        Indices of the two poles (distinct).

    Returns
    -------
    ndarray, shape (..., n)
        Alignment of every actor toward ``toward`` rather than ``against``.

    Examples
    --------
    >>> R = np.array([[0.0, -0.8, 0.6], [-0.8, 0.0, 0.1], [0.6, 0.1, 0.0]])
    >>> round(float(alignment(R, [3.0, 3.0, 1.0], toward=0, against=1)[2]), 4)
    0.25
    """
    rel, p = _inputs(R, power)
    n = rel.shape[-1]
    for name, index in (("toward", toward), ("against", against)):
        if not 0 <= index < n:
            raise ValueError(f"{name} must be an actor index in [0, {n}), got {index!r}")
    if toward == against:
        raise ValueError("toward and against must be different actors")
    rel = _offdiag(rel)

    def camp(a: int) -> FloatArray:
        u = p * np.maximum(rel[..., a, :], 0.0)
        u[..., a] = p[..., a]
        num = np.einsum("...ik,...k->...i", rel, u)
        den = u.sum(axis=-1, keepdims=True) - u
        c: FloatArray = np.where(den > 0.0, num / np.where(den > 0.0, den, 1.0), 0.0)
        return c

    out: FloatArray = 0.5 * (camp(toward) - camp(against))
    return out


__all__ = ["alignment", "dependence", "friction", "strategic_space"]
