r"""Alignment by balancing: how the signed relation matrix moves, one step at a time.

Relations are a matrix :math:`R` with entries in :math:`[-1, 1]` (``R[i, j]`` is *i*'s relation
to *j*; symmetric by default, directed on request) and a zero diagonal. Each step moves every
free dyad under three declared forces, each with its own rate in :class:`AlignmentParams`:

.. math::

    \frac{dR_{ij}}{dt} = (1 - R_{ij}^2)\,\bigl[\beta\,B_{ij} + \alpha\,A_{ij}\bigr]
                         + \lambda\,(\bar R_{ij} - R_{ij}),
    \qquad B_{ij} = \sum_k w_k\,R_{ik}\,R_{kj},\quad w_k = \frac{p_k^{\gamma}}{\sum_l p_l^{\gamma}},

- **structural balance** :math:`B` (Heider 1946): the continuous model of Marvel, Kleinberg,
  Kleinberg & Strogatz (2011), :math:`\dot X = X^2`, with each third party *k* weighted by its
  power share (the enemy of my *powerful* enemy matters more) and bounded by the saturating
  factor :math:`1 - R_{ij}^2` in the manner of Kułakowski, Gawroński & Gronek (2005);
- **affinity** :math:`A` from issue positions (:func:`affinity_matrix`): actors close on issues
  that both hold salient warm to each other, those far apart cool;
- **inertia**: a linear pull back toward each dyad's baseline :math:`\bar R`;

and two **commitments**: committed dyads (formal alliances, ``locked``) move at only a fraction
:math:`\kappa` (``commitment_rate``, in :math:`[0, 1]`) of the drift a free dyad would have
under the same forces, so that alliances erode or deepen slowly under balancing pressure and
issue affinity (Leeds & Savun 2007) and end or start only through events; :math:`\kappa = 0`
(the default) locks them exactly. Every free dyad stays within its own bounds
``lower <= R <= upper`` (the seeds' Russia–China relation: "more than a strategic partnership,
less than a military alliance"). Events and declared effects are applied by the time loop
between steps, not here.

The integrator is the strong-stability-preserving second-order Runge–Kutta scheme (Heun's
method in Shu–Osher form): a convex combination of two explicit Euler stages, each projected
onto the box of bounds. Under the step condition :math:`(2(\alpha+\beta)+\lambda)\,h \le 1`
(checked by :class:`AlignmentParams`) one Euler stage cannot leave :math:`[-1, 1]`, so the
projection only enforces the per-dyad bounds and the scheme is second-order accurate.

All functions accept a leading batch axis (ensemble members): relations ``(..., n, n)``, power
``(..., n)``. They are pure: no randomness, no I/O. Equations, their sources and the reasons for
each choice are in ``docs/models/alignment.md``.

References
----------
.. [1] Heider, F. (1946). Attitudes and cognitive organization. *Journal of Psychology* 21,
   107–112. doi:10.1080/00223980.1946.9917275 (balance: the enemy of my enemy is my friend).
.. [2] Marvel, S. A., Kleinberg, J., Kleinberg, R. D., & Strogatz, S. H. (2011). Continuous-time
   model of structural balance. *PNAS* 108(5), 1771–1776. doi:10.1073/pnas.1013213108
   (the balance term :math:`\dot X = X^2` and its two-faction result).
.. [3] Kułakowski, K., Gawroński, P., & Gronek, P. (2005). The Heider balance: a continuous
   approach. *International Journal of Modern Physics C* 16(5), 707–716.
   doi:10.1142/S012918310500742X (relations kept within a bounded range).
.. [4] Shu, C.-W., & Osher, S. (1988). Efficient implementation of essentially non-oscillatory
   shock-capturing schemes. *Journal of Computational Physics* 77(2), 439–471.
   doi:10.1016/0021-9991(88)90177-5 (the SSP-RK2 integrator).
.. [5] Leeds, B. A., & Savun, B. (2007). Terminating alliances: why do states abrogate
   agreements? *Journal of Politics* 69(4), 1118–1132. doi:10.1111/j.1468-2508.2007.00612.x
   (alliances respond to changes in power and outside alignments, damped by the costs of
   breaking a commitment: the commitment rate).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]

__all__ = [
    "AlignmentParams",
    "affinity_matrix",
    "balance_force",
    "drift",
    "power_weights",
    "step",
    "substeps_needed",
]

# Tolerance for "R is symmetric" in undirected mode: rounding noise from the caller is
# accepted (and removed), real asymmetry is an error.
_SYMMETRY_ATOL = 1e-9


@dataclass(frozen=True, slots=True)
class AlignmentParams:
    r"""Rates and settings of the alignment engine; every force has one parameter.

    Rates are per unit of time (a year in the default scenario), so that changing ``dt``
    changes the resolution, not the model.

    Parameters
    ----------
    balance_rate : float
        :math:`\beta \ge 0`, the rate of structural balance. With relations of order one the
        balance force :math:`B_{ij}` is of order one, so :math:`1/\beta` is roughly the time a
        badly unbalanced triad takes to resolve.
    power_exponent : float
        :math:`\gamma \ge 0`, how strongly a third party's power weighs in balance:
        :math:`w_k \propto p_k^{\gamma}`. ``0`` weighs every third party equally (Marvel et al.
        up to a time rescaling by :math:`1/n`); ``1`` weighs them by power share; larger values
        let only the great powers count.
    affinity_rate : float
        :math:`\alpha \ge 0`, the rate at which issue affinity warms (or cools) a relation.
    inertia_rate : float
        :math:`\lambda \ge 0`, the rate of the pull back toward each dyad's baseline;
        :math:`1/\lambda` is the relaxation time of a shock when no other force acts.
    dt : float
        Length of one :func:`step`, in the same time unit as the rates (> 0).
    substeps : int
        Number of integrator substeps per step (>= 1); the substep length is
        :math:`h = \mathrm{dt}/\mathrm{substeps}`.
    commitment_rate : float
        :math:`\kappa \in [0, 1]`, the share of the drift that a committed (``locked``) dyad
        follows: its relation moves as :math:`\kappa\,dR/dt`, i.e. at a fraction
        :math:`\kappa` of the speed of a free dyad under the same balance, affinity and
        inertia. ``0`` (default): commitments are locked, returned bit for bit until an event
        unlocks them. ``1``: a commitment is an ordinary dyad (exempt only from the bounds).
        ``docs/models/alignment.md`` §5 discusses the value (Leeds & Savun 2007).
    directed : bool
        ``False`` (default): relations are symmetric and stay exactly symmetric.
        (The four rates and ``commitment_rate`` may also be arrays with one value per batch element, shape
        ``(...,)`` matching the leading axes of ``R``: ensemble members with different
        sampled rates then still advance in one vectorised call.) ``True``:
        ``R[i, j]`` is *i*'s attitude to *j*, and the balance force reads
        :math:`\sum_k w_k R_{ik} R_{kj}` (*i*'s view of *k* times *k*'s view of *j*).

    Raises
    ------
    ValueError
        If a rate is negative or not finite, ``commitment_rate`` leaves ``[0, 1]``, ``dt`` is
        not positive, ``substeps < 1``, or the
        step condition :math:`(2(\alpha + \beta) + \lambda)\,h \le 1` fails (raise
        ``substeps`` or lower ``dt``).

    Notes
    -----
    The step condition guarantees that one explicit Euler stage maps :math:`[-1, 1]` into
    itself: writing the stage as
    :math:`R' = (1-\lambda h)R + \lambda h \bar R + h(1-R^2)(\beta B + \alpha A)` with
    :math:`|\beta B + \alpha A| \le \alpha + \beta`, the upper bound :math:`R' \le 1` reduces to
    :math:`h(\alpha+\beta)(1+R) \le 1 - \lambda h`, which holds for all :math:`R \le 1` under the
    condition; the lower bound is symmetric.
    """

    balance_rate: float | FloatArray = 0.4
    power_exponent: float | FloatArray = 1.0
    affinity_rate: float | FloatArray = 0.2
    inertia_rate: float | FloatArray = 0.1
    dt: float = 1.0
    substeps: int = 2
    directed: bool = False
    commitment_rate: float | FloatArray = 0.0

    def __post_init__(self) -> None:
        for name in ("balance_rate", "power_exponent", "affinity_rate", "inertia_rate"):
            value = np.asarray(getattr(self, name), dtype=np.float64)
            if not (np.all(np.isfinite(value)) and np.all(value >= 0.0)):
                raise ValueError(f"{name} must be a finite number >= 0, got {value!r}")
        kappa = np.asarray(self.commitment_rate, dtype=np.float64)
        if not (np.all(np.isfinite(kappa)) and np.all((kappa >= 0.0) & (kappa <= 1.0))):
            raise ValueError(f"commitment_rate must lie in [0, 1], got {kappa!r}")
        if not (math.isfinite(self.dt) and self.dt > 0.0):
            raise ValueError(f"dt must be a finite number > 0, got {self.dt!r}")
        if self.substeps < 1:
            raise ValueError(f"substeps must be >= 1, got {self.substeps!r}")
        load = float(
            np.max(2.0 * (np.asarray(self.balance_rate) + self.affinity_rate) + self.inertia_rate)
            * self.h
        )
        if load > 1.0 + 1e-12:
            raise ValueError(
                "step too long for the rates: (2*(balance_rate + affinity_rate) + inertia_rate)"
                f" * dt / substeps = {load:.3g} > 1; raise substeps or lower dt"
            )

    @property
    def h(self) -> float:
        """Length of one integrator substep, ``dt / substeps``."""
        return self.dt / self.substeps


DEFAULT_PARAMS = AlignmentParams()


def substeps_needed(
    balance_rate: npt.ArrayLike,
    affinity_rate: npt.ArrayLike,
    inertia_rate: npt.ArrayLike,
    dt: float,
    *,
    minimum: int = 2,
) -> npt.NDArray[np.int64]:
    r"""Return the fewest substeps that meet the step condition, one count per batch element.

    The count is :math:`\max(\text{minimum}, \lceil (2(\alpha+\beta)+\lambda)\,\Delta t\rceil)`,
    so that :math:`(2(\alpha+\beta)+\lambda)\,h \le 1` (:class:`AlignmentParams`). It is
    computed element by element: an ensemble member's count depends on its own rates only,
    never on the other members of its batch, so a caller that advances each group of equal
    counts in its own :func:`step` gets numbers that do not depend on how members are batched.

    Parameters
    ----------
    balance_rate, affinity_rate, inertia_rate : array_like, shape (...)
        :math:`\beta`, :math:`\alpha`, :math:`\lambda` (broadcast together).
    dt : float
        Length of one step.
    minimum : int
        The fewest substeps to use even for slow rates (2: the accuracy of the defaults).

    Returns
    -------
    ndarray of int64, shape (...)
        Substep counts.

    Examples
    --------
    >>> substeps_needed([0.3, 4.0], [0.15, 0.0], [0.25, 0.0], 1.0).tolist()
    [2, 8]
    """
    beta = np.asarray(balance_rate, dtype=np.float64)
    alpha = np.asarray(affinity_rate, dtype=np.float64)
    lam = np.asarray(inertia_rate, dtype=np.float64)
    load = (2.0 * (beta + alpha) + lam) * dt
    counts: npt.NDArray[np.int64] = np.maximum(minimum, np.ceil(load - 1e-12)).astype(np.int64)
    return counts


def power_weights(power: npt.ArrayLike, exponent: float | npt.ArrayLike = 1.0) -> FloatArray:
    r"""Return the third-party weights :math:`w_k = p_k^{\gamma} / \sum_l p_l^{\gamma}`.

    Parameters
    ----------
    power : array_like, shape (..., n)
        Non-negative power (any scale: only ratios matter).
    exponent : float or array_like of shape (...,)
        :math:`\gamma \ge 0` (one per batch element if an array). With ``0`` every actor
        weighs ``1/n``.

    Returns
    -------
    ndarray, shape (..., n)
        Weights summing to one along the last axis (uniform where all power is zero).

    Raises
    ------
    ValueError
        If any power is negative or not finite.

    Examples
    --------
    >>> power_weights([1.0, 3.0]).tolist()
    [0.25, 0.75]
    >>> power_weights([1.0, 3.0], exponent=0.0).tolist()
    [0.5, 0.5]
    """
    p = np.asarray(power, dtype=np.float64)
    if not np.all(np.isfinite(p)) or np.any(p < 0.0):
        raise ValueError("power must be finite and >= 0")
    gamma = np.asarray(exponent, dtype=np.float64)
    if gamma.ndim == 0:
        raised = p**gamma if float(gamma) != 1.0 else p.copy()
    else:
        raised = p ** gamma[..., None]
    total = raised.sum(axis=-1, keepdims=True)
    n = p.shape[-1]
    w: FloatArray = np.where(total > 0.0, raised / np.where(total > 0.0, total, 1.0), 1.0 / n)
    return w


def balance_force(R: FloatArray, weights: FloatArray) -> FloatArray:
    r"""Return the weighted balance force :math:`B = R\,\mathrm{diag}(w)\,R`.

    :math:`B_{ij} = \sum_k w_k R_{ik} R_{kj}`: positive when *i* and *j* share friends and
    enemies (weighted by the third party's weight), negative when a friend of one is an enemy
    of the other. With unit weights this is exactly the right-hand side :math:`X^2` of Marvel
    et al. (2011); with a zero diagonal the terms :math:`k = i` and :math:`k = j` vanish, so
    only third parties count.

    Parameters
    ----------
    R : ndarray, shape (..., n, n)
        Relations.
    weights : ndarray, shape (..., n)
        Third-party weights (e.g. :func:`power_weights`).

    Returns
    -------
    ndarray, shape (..., n, n)
        The balance force (not bounded, not masked).

    Examples
    --------
    Two friends (0, 1) who both oppose 2: balance pushes 0–1 warmer and 0–2, 1–2 colder.

    >>> R = np.array([[0.0, 0.5, -0.5], [0.5, 0.0, -0.5], [-0.5, -0.5, 0.0]])
    >>> balance_force(R, np.full(3, 1 / 3)).round(4).tolist()
    [[0.1667, 0.0833, -0.0833], [0.0833, 0.1667, -0.0833], [-0.0833, -0.0833, 0.1667]]
    """
    out: FloatArray = np.matmul(R * weights[..., None, :], R)
    return out


def affinity_matrix(positions: npt.ArrayLike, saliences: npt.ArrayLike) -> FloatArray:
    r"""Return the issue affinity :math:`A \in [-1, 1]` between every pair of actors.

    .. math::

        A_{ij} = \frac{\sum_q \sigma_{qij}\, a_{qij}}{\max\bigl(1, \sum_q \sigma_{qij}\bigr)},
        \qquad \sigma_{qij} = s_{qi}\, s_{qj},
        \qquad a_{qij} = 1 - 2\,\frac{|x_{qi} - x_{qj}|}{100},

    where :math:`x_{qi} \in [0, 100]` is *i*'s position on issue *q* and :math:`s_{qi} \in [0, 1]`
    its salience. :math:`a_{qij}` is +1 for identical positions, 0 at half the scale apart and
    -1 at opposite ends. An issue counts for a pair in proportion to the product of their
    saliences (it must matter to both). When the pair's joint salience summed over issues is at
    least one fully salient issue, :math:`A` is the joint-salience-weighted mean agreement;
    below that it is scaled down, so a pair with little at stake has little affinity either way.

    Parameters
    ----------
    positions : array_like, shape (..., n_issues, n)
        Positions on each issue's 0–100 continuum.
    saliences : array_like, shape (..., n_issues, n)
        Saliences in ``[0, 1]``.

    Returns
    -------
    ndarray, shape (..., n, n)
        Symmetric affinity in ``[-1, 1]`` with a zero diagonal.

    Raises
    ------
    ValueError
        If positions leave ``[0, 100]`` or saliences leave ``[0, 1]``.

    Examples
    --------
    One issue that both hold fully salient, positions 10 and 30 (20 apart): :math:`1 - 0.4`.

    >>> affinity_matrix([[10.0, 30.0]], [[1.0, 1.0]]).tolist()
    [[0.0, 0.6], [0.6, 0.0]]
    """
    x = np.asarray(positions, dtype=np.float64)
    s = np.asarray(saliences, dtype=np.float64)
    if x.ndim < 2 or s.ndim < 2:
        raise ValueError("positions and saliences need shape (..., n_issues, n)")
    if np.any(~np.isfinite(x)) or np.any(x < 0.0) or np.any(x > 100.0):
        raise ValueError("positions must lie in [0, 100]")
    if np.any(~np.isfinite(s)) or np.any(s < 0.0) or np.any(s > 1.0):
        raise ValueError("saliences must lie in [0, 1]")
    x, s = np.broadcast_arrays(x, s)
    joint = s[..., :, None] * s[..., None, :]  # (..., q, n, n)
    # 1 - |x_i - x_j| / 50, weighted by the joint salience, in one buffer (the same operations
    # in the same order as the expression, without its temporaries)
    agree = np.subtract(x[..., :, None], x[..., None, :])
    np.abs(agree, out=agree)
    agree /= 50.0
    np.subtract(1.0, agree, out=agree)
    agree *= joint
    total = joint.sum(axis=-3)
    A: FloatArray = agree.sum(axis=-3) / np.maximum(total, 1.0)
    n = A.shape[-1]
    A[..., np.arange(n), np.arange(n)] = 0.0
    return A


def _rate(value: float | FloatArray) -> float | FloatArray:
    """Return a rate as a scalar, or per batch element shaped (..., 1, 1) for the dyads."""
    arr = np.asarray(value, dtype=np.float64)
    return float(arr) if arr.ndim == 0 else arr[..., None, None]


def drift(
    R: FloatArray,
    *,
    weights: FloatArray,
    baseline: FloatArray | None,
    affinity: FloatArray | None,
    params: AlignmentParams,
) -> FloatArray:
    r"""Return the right-hand side :math:`dR/dt` of the alignment dynamics (no masks, no bounds).

    .. math::

        \frac{dR_{ij}}{dt} = (1 - R_{ij}^2)\,[\beta B_{ij} + \alpha A_{ij}]
                             + \lambda(\bar R_{ij} - R_{ij})

    symmetrised as :math:`(D + D^\top)/2` in undirected mode, which makes the result exactly
    symmetric in floating point. The diagonal is *not* zeroed here; :func:`step` masks it.

    Parameters
    ----------
    R : ndarray, shape (..., n, n)
        Relations in ``[-1, 1]``.
    weights : ndarray, shape (..., n)
        Third-party weights (:func:`power_weights`).
    baseline : ndarray, shape (..., n, n), or None
        :math:`\bar R`; ``None`` switches inertia off.
    affinity : ndarray, shape (..., n, n), or None
        :math:`A` (:func:`affinity_matrix`); ``None`` switches affinity off.
    params : AlignmentParams
        Rates.

    Returns
    -------
    ndarray, shape (..., n, n)
        The drift.
    """
    beta, alpha, lam = (
        _rate(params.balance_rate),
        _rate(params.affinity_rate),
        _rate(params.inertia_rate),
    )
    force = balance_force(R, weights)
    force *= beta
    if affinity is not None and np.any(alpha != 0.0):
        force += alpha * affinity
    out = (1.0 - R * R) * force
    if baseline is not None and np.any(lam != 0.0):
        out += lam * (baseline - R)
    if not params.directed:
        out = 0.5 * (out + np.swapaxes(out, -1, -2))
    return out


def _as_float(name: str, value: npt.ArrayLike, shape: tuple[int, ...]) -> FloatArray:
    arr = np.asarray(value, dtype=np.float64)
    try:
        return np.broadcast_to(arr, shape)
    except ValueError:
        raise ValueError(
            f"{name} of shape {arr.shape} does not broadcast to relations {shape}"
        ) from None


def _check_symmetric(name: str, arr: npt.NDArray[np.generic]) -> None:
    other = np.swapaxes(arr, -1, -2)
    if arr.dtype == np.bool_:
        same = bool(np.array_equal(arr, other))
    else:
        same = bool(np.max(np.abs(arr - other), initial=0.0) <= _SYMMETRY_ATOL)
    if not same:
        raise ValueError(f"{name} must be symmetric when params.directed is False")


def step(
    R: npt.ArrayLike,
    *,
    power: npt.ArrayLike,
    baseline: npt.ArrayLike | None = None,
    affinity: npt.ArrayLike | None = None,
    locked: npt.ArrayLike | None = None,
    lower: npt.ArrayLike | None = None,
    upper: npt.ArrayLike | None = None,
    params: AlignmentParams = DEFAULT_PARAMS,
) -> FloatArray:
    r"""Advance the relation matrix by one step of length ``params.dt``.

    Parameters
    ----------
    R : array_like, shape (..., n, n)
        Relations in ``[-1, 1]``; the diagonal is ignored and returned as zero. Symmetric
        unless ``params.directed``.
    power : array_like, shape (..., n)
        Non-negative power of each actor (any scale), weighing third parties in balance.
    baseline : array_like, shape (..., n, n), optional
        The baseline each dyad is pulled back toward (inertia). ``None``: no inertia.
    affinity : array_like, shape (..., n, n), optional
        Issue affinity in ``[-1, 1]`` (:func:`affinity_matrix`). ``None``: no affinity.
    locked : array_like of bool, shape (..., n, n), optional
        Committed dyads (alliances). With ``params.commitment_rate = 0`` they keep their
        current value exactly, whatever the forces and bounds, until the caller unlocks them;
        with :math:`\kappa > 0` they follow :math:`\kappa` times the drift (exempt from
        ``lower``/``upper``, within ``[-1, 1]``). ``None``: nothing committed.
    lower, upper : array_like, shape (..., n, n), optional
        Per-dyad bounds within ``[-1, 1]`` for free dyads (default -1 and 1). A free relation
        that starts outside its bounds is projected into them in the first stage.
    params : AlignmentParams
        Rates, time step and mode.

    Returns
    -------
    ndarray, shape (..., n, n)
        The relations after one step: within ``[-1, 1]`` and within bounds for free dyads,
        committed dyads unchanged when ``commitment_rate`` is 0, zero diagonal, exactly
        symmetric in undirected mode.

    Raises
    ------
    ValueError
        If shapes do not broadcast, relations leave ``[-1, 1]``, ``lower > upper`` somewhere, or
        (undirected mode) ``R``, ``locked``, ``lower`` or ``upper`` is not symmetric.

    Notes
    -----
    With :math:`f` the masked drift (:func:`drift`, zero on the diagonal, times
    :math:`\kappa` on committed dyads),
    :math:`P` the projection onto the bounds and :math:`h = \mathrm{dt}/\mathrm{substeps}`, each
    substep is the SSP-RK2 (Heun) scheme of Shu & Osher (1988):

    .. math::

        R^{(1)} = P\bigl(R + h f(R)\bigr),\quad
        R^{(2)} = P\bigl(R^{(1)} + h f(R^{(1)})\bigr),\quad
        R \leftarrow \tfrac12 \bigl(R + R^{(2)}\bigr).

    The average of two points of the (convex) box of bounds stays in the box; a locked dyad has
    zero drift (when :math:`\kappa = 0`) and unit bounds, so it is returned bit for bit. A
    committed dyad with :math:`\kappa > 0` integrates :math:`\kappa f`, whose rates are
    :math:`\kappa` times the free ones, so the step condition still keeps it in
    :math:`[-1, 1]`. Cost per substep: two batched
    :math:`n \times n` matrix products.

    Examples
    --------
    Actors 0 and 1 are friends; both are hostile to 2. Balance reinforces the triad:

    >>> R = np.array([[0.0, 0.5, -0.5], [0.5, 0.0, -0.5], [-0.5, -0.5, 0.0]])
    >>> R1 = step(R, power=[1.0, 1.0, 1.0], params=AlignmentParams(affinity_rate=0.0,
    ...                                                            inertia_rate=0.0))
    >>> bool(R1[0, 1] > 0.5 and R1[0, 2] < -0.5)
    True
    """
    rel = np.array(R, dtype=np.float64)  # a private copy we may modify
    if rel.ndim < 2 or rel.shape[-1] != rel.shape[-2]:
        raise ValueError(f"R must have shape (..., n, n), got {rel.shape}")
    if not np.all(np.isfinite(rel)) or np.any(np.abs(rel) > 1.0):
        raise ValueError("relations must be finite and within [-1, 1]")
    n = rel.shape[-1]
    diag = np.arange(n)
    rel[..., diag, diag] = 0.0

    p = np.asarray(power, dtype=np.float64)
    if p.shape[-1:] != (n,):
        raise ValueError(f"power must have shape (..., {n}), got {p.shape}")
    shape = np.broadcast_shapes(rel.shape, (*p.shape[:-1], n, n))
    if rel.shape != shape:
        rel = np.array(np.broadcast_to(rel, shape))
    weights = power_weights(p, params.power_exponent)

    base = None if baseline is None else _as_float("baseline", baseline, shape)
    aff = None if affinity is None else _as_float("affinity", affinity, shape)

    # Free dyads: off-diagonal and not locked. Locked dyads get bounds [-1, 1] so that the
    # projection never moves them (locks take precedence over bounds).
    free = np.ones(shape, dtype=np.bool_)
    free[..., diag, diag] = False
    lock = None
    if locked is not None:
        lock = np.broadcast_to(np.asarray(locked, dtype=np.bool_), shape)
        free &= ~lock
    lo = None if lower is None else _as_float("lower", lower, shape)
    hi = None if upper is None else _as_float("upper", upper, shape)
    if lo is not None and hi is not None and np.any(lo > hi):
        raise ValueError("lower must not exceed upper")

    if not params.directed:
        _check_symmetric("R", rel)
        rel = 0.5 * (rel + np.swapaxes(rel, -1, -2))  # remove rounding noise exactly
        for name, arr in (("locked", lock), ("lower", lo), ("upper", hi)):
            if arr is not None:
                _check_symmetric(name, arr)

    lo_eff: FloatArray | float = -1.0 if lo is None else np.where(free, np.maximum(lo, -1.0), -1.0)
    hi_eff: FloatArray | float = 1.0 if hi is None else np.where(free, np.minimum(hi, 1.0), 1.0)
    free_f = free.astype(np.float64)
    kappa = np.asarray(params.commitment_rate, dtype=np.float64)
    if lock is not None and np.any(kappa != 0.0):
        # committed dyads follow kappa times the drift (never the diagonal)
        committed = lock & ~np.eye(n, dtype=np.bool_)
        free_f = free_f + committed * _rate(params.commitment_rate)
    h = params.h
    if lo is not None or hi is not None:
        rel = np.clip(rel, lo_eff, hi_eff)  # free dyads start inside their bounds

    def euler(x: FloatArray) -> FloatArray:
        d = drift(x, weights=weights, baseline=base, affinity=aff, params=params)
        d *= free_f
        d *= h
        d += x
        return np.clip(d, lo_eff, hi_eff, out=d)

    for _ in range(params.substeps):
        r2 = euler(euler(rel))
        rel = 0.5 * (rel + r2)
    return rel
