r"""Bueno de Mesquita's expected-utility model of group decisions, as Scholz et al. specify it.

Each round, every actor *i* weighs a challenge against every other actor *j*: the probability
that third parties side with it (eq. 31), the utilities of success, failure and the status
quo (eqs. 15-24) under its risk exponent (eqs. 32-34), and so the expected utilities
:math:`E^i(U_{ij})` and :math:`E^j(U_{ji})` (eqs. 5-7, 25). The pair places the dyad in a
region of the paper's Figure 6 (confrontation, compromise, compel/capitulate, stalemate),
each region implies an offer (eqs. 35-36), each actor accepts one offer (§6.2), and the
accepted offers are the next round's positions. The forecast is the median voter position
(the Condorcet winner of the capability x salience weighted votes, eqs. 26-29).

Every choice the paper leaves open or misprints is an option of :class:`EUOptions`; the
defaults reproduce the paper's replication of Bueno de Mesquita's example (its Tables 1-2).
The round costs :math:`O(n^2 \log n)` time and :math:`O(n^2)` memory
(:mod:`equipoise.engines.bargaining._sorted`); ``docs/models/bargaining.md`` has the
equations, the options, the proof and the replication.

References
----------
.. [1] Scholz, J. B., Calbert, G. J. and Smith, G. A. (2011). Unravelling Bueno De
   Mesquita's group decision model. Proceedings of ICAART 2011, pp. 18-30,
   doi:10.5220/0003121500180030; longer version in Journal of Theoretical Politics 23(4),
   510-531, doi:10.1177/0951629811418142. (The whole model; equation numbers are theirs.)
.. [2] Bueno de Mesquita, B. (1994). Political forecasting: an expected utility method. In
   Stokman, F. (ed.), European Community Decision Making, Yale University Press, ch. 4,
   pp. 71-104. (The emission-standards example, Table 1 of [1].)
.. [3] Bueno de Mesquita, B. (1985). The war trap revisited. American Political Science
   Review 79(1), 156-177. (Security levels and risk exponents, eqs. 32-34 of [1].)
.. [4] Bueno de Mesquita, B. and Lalman, D. (1986). Reason and war. American Political
   Science Review 80(4), 1113-1129. (The status-quo probability Q = 0.5.)
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any, ClassVar, Literal

import numpy as np
import numpy.typing as npt

from equipoise.engines.bargaining._rank import TopDyads
from equipoise.engines.bargaining._result import (
    BargainingResult,
    BoolArray,
    CycleReport,
    DyadTable,
    FirstRoundKept,
    FloatArray,
    IntArray,
    prepare_inputs,
)
from equipoise.engines.bargaining._sorted import (
    favour_sums,
    midpoint_counts,
    row_blocks,
    weighted_mean,
    weighted_median,
)
from equipoise.engines.bargaining.cycles import DEFAULT_CYCLE_TOL, detect_cycles

# dyads per chunk of a batch: small enough that a chunk's n x n arrays stay in cache
_CHUNK_ELEMENTS = 1 << 17

# region codes (see _result.REGIONS)
_SAME, _CONF_WON, _CONF_LOST, _COMP_FAV, _COMP_CON, _COMPEL, _CAPIT, _STALE = range(8)


@dataclass(frozen=True, slots=True)
class EUOptions:
    r"""Every choice of the expected-utility model, with the paper's reading among the values.

    The defaults are the set that reproduces Scholz et al.'s replication (their Table 2,
    ``Q = 1``); ``docs/models/bargaining.md`` explains each one.

    Parameters
    ----------
    Q : float
        Probability, in i's eyes, that j keeps its position if i does not challenge
        (eq. 7). 1.0 is the paper's choice for its replication; 0.5 is Bueno de Mesquita
        and Lalman (1986).
    T : float or None
        Probability that, if j moves (to the median) without a challenge, i is better off
        (eq. 7). None derives it per dyad from the paper's four cases (Figs 1-4): T = 1 when
        the median is closer to i than x_j is, else 0. Irrelevant when ``Q = 1``.
    range_mode : {"fixed", "recomputed"}
        The range R that scales distances: fixed at the issue's scale (or the first round's
        span of positions), or recomputed every round from the current positions. The paper
        leaves it open; the example's range never changes.
    utility_risk : {"observer", "owner"}
        Whose risk exponent enters the utilities of an expected utility. ``"observer"``
        (default; the paper's "from i's perspective", its Figures 7-10): i evaluates both
        :math:`E^i(U_{ij})` and its estimate of :math:`E^j(U_{ji})` with r_i. ``"owner"``:
        j's expected utility is evaluated with r_j.
    target_salience : {"target", "challenger"}
        The salience that weights resistance in an expected utility of challenging.
        ``"target"`` (default): the challenged actor's, as in eq. 6 (s_j in
        :math:`E^i(U_{ij})`, s_i in :math:`E^j(U_{ji})`). ``"challenger"``: the misprint
        of eq. 25b and Appendix step 7 (s_j in :math:`E^j(U_{ji})`).
    compromise_condition : {"figure", "text"}
        Where i concedes part way to j. ``"figure"`` (default, Figure 6):
        :math:`E^i(U_{ij}) < 0 < E^j(U_{ji})` and :math:`|E^j| > |E^i|`. ``"text"``: §6.1
        as printed, :math:`E^j(U_{ji}) < 0` as well (which contradicts Figure 6; then every
        :math:`E^i < 0 < E^j` dyad is a capitulation).
    probability_denominator : {"all_dyads", "dyad"}
        Normaliser of the probability of success. ``"dyad"``: eq. 31 as printed, the sum of
        the absolute votes on this dyad (so :math:`P^i + P^j = 1`). ``"all_dyads"``
        (default): the sum of the absolute votes over every ordered pair of actors, as the
        authors' code does according to the public port of it (jmckib); only this reading
        reproduces Table 2.
    probability_votes : {"risk", "linear"}
        The votes in the probability: ``"linear"`` as eq. 31 prints them (every r = 1), or
        ``"risk"`` (default) with each voter's risk exponent, as the authors' code does
        (per the port).
    risk : {"bdm1985", "neutral"}
        ``"bdm1985"`` (default, the paper's choice): security levels and risk exponents
        :math:`r_i \in [0.5, 2]` (eqs. 32-34) estimated from expected utilities with every
        r = 1, then the expected utilities recomputed. ``"neutral"``: every r = 1.
    salience_scale : {"unit", "percent"}
        Scale of the salience passed in: 0-1 (default) or 0-100 (the paper's print; it is
        used as a probability, so it is divided by 100).
    offer_selection : {"weighted_point", "least_move", "most_enforceable"}
        How an actor chooses among the offers it receives (§6.2). All three take a lost
        confrontation before a compromise before a capitulation. Within a kind:
        ``"weighted_point"`` (default; the authors' code per the port): the nearest
        confrontation winner, the compromise with the lowest expected-utility-weighted point
        :math:`(|E^i| x_i + |E^j| x_j)/(|E^i| + |E^j|)`, the nearest capitulation.
        ``"least_move"``: §6.2 read literally, "players move the least that they can".
        ``"most_enforceable"``: concede to the actor with the highest expected utility,
        then move the least.
    capitulation : bool
        Whether the capitulate (compel) region moves i fully to x_j (Figure 6). The port of
        the authors' code never reaches it; it does not affect the example.
    confrontation : {"loser_moves", "no_move"}
        In a confrontation (both expect to gain) the one expecting less moves to the other's
        position (default, Figure 6's reading), or nobody moves (the outcome is uncertain,
        Bueno de Mesquita 1997).
    stop_threshold : float or None
        Bueno de Mesquita's stopping rule: stop when the median moves less than this between
        rounds (``rounds`` is then the maximum). None runs every round, as the paper does.
    """

    Q: float = 1.0
    T: float | None = None
    range_mode: Literal["fixed", "recomputed"] = "fixed"
    utility_risk: Literal["observer", "owner"] = "observer"
    target_salience: Literal["target", "challenger"] = "target"
    compromise_condition: Literal["figure", "text"] = "figure"
    probability_denominator: Literal["all_dyads", "dyad"] = "all_dyads"
    probability_votes: Literal["risk", "linear"] = "risk"
    risk: Literal["bdm1985", "neutral"] = "bdm1985"
    salience_scale: Literal["unit", "percent"] = "unit"
    offer_selection: Literal["weighted_point", "least_move", "most_enforceable"] = "weighted_point"
    capitulation: bool = True
    confrontation: Literal["loser_moves", "no_move"] = "loser_moves"
    stop_threshold: float | None = None

    _CHOICES: ClassVar[dict[str, tuple[str, ...]]] = {
        "range_mode": ("fixed", "recomputed"),
        "utility_risk": ("observer", "owner"),
        "target_salience": ("target", "challenger"),
        "compromise_condition": ("figure", "text"),
        "probability_denominator": ("all_dyads", "dyad"),
        "probability_votes": ("risk", "linear"),
        "risk": ("bdm1985", "neutral"),
        "salience_scale": ("unit", "percent"),
        "offer_selection": ("weighted_point", "least_move", "most_enforceable"),
        "confrontation": ("loser_moves", "no_move"),
    }

    def __post_init__(self) -> None:
        if not 0.0 <= self.Q <= 1.0:
            raise ValueError(f"Q must lie in [0, 1], got {self.Q}")
        if self.T is not None and not 0.0 <= self.T <= 1.0:
            raise ValueError(f"T must lie in [0, 1] or be None, got {self.T}")
        for name, allowed in self._CHOICES.items():
            value = getattr(self, name)
            if value not in allowed:
                raise ValueError(f"{name} must be one of {allowed}, got {value!r}")
        if self.stop_threshold is not None and not self.stop_threshold >= 0:
            raise ValueError(f"stop_threshold must be >= 0, got {self.stop_threshold}")

    def as_dict(self) -> dict[str, Any]:
        """Return every option and its value (all scalars: no deep copy needed)."""
        return {f.name: getattr(self, f.name) for f in fields(self)}


def _utility(
    base: FloatArray, rho: FloatArray | float, linear: bool, *, inplace: bool = False
) -> FloatArray:
    """Return ``2 - 4 * base ** rho`` (the utility form of eqs. 15-16, 22-24).

    With ``inplace`` the result overwrites ``base`` (a temporary of the caller's).
    """
    out = np.maximum(base, 0.0, out=base if inplace else None)
    if not linear:
        np.power(out, rho, out=out)
    out *= -4.0
    out += 2.0
    return out


def _success_failure(
    dist: FloatArray, rho: FloatArray | float, linear: bool
) -> tuple[FloatArray, FloatArray]:
    """Utilities of success and failure, eqs. 15-16 (shared by both sides of a dyad)."""
    half = 0.5 * dist
    success = np.subtract(0.5, half)
    np.add(0.5, half, out=half)
    return _utility(success, rho, linear, inplace=True), _utility(half, rho, linear, inplace=True)


def _expected_utility(
    dist: FloatArray,
    prob: FloatArray,
    sal: FloatArray,
    rho: FloatArray | float,
    q: float,
    t_better: FloatArray | float,
    dist_mu: FloatArray,
    linear: bool,
    success_failure: tuple[FloatArray, FloatArray] | None = None,
    gap: FloatArray | None = None,
) -> FloatArray:
    r"""Return the expected utility of challenging (eqs. 5-7, 25), element-wise.

    ``dist`` is :math:`|x_c - x_t| / R`, ``dist_mu`` is :math:`|x_c - \mu| / R` for the
    challenger c and target t, ``sal`` the salience that weights resistance.
    ``success_failure`` passes :math:`U_s, U_f` when already computed for this exponent, and
    ``gap`` their difference :math:`U_s - U_f` (both sides of a dyad share it when utilities
    use the observer's exponent).
    """
    u_s, u_f = success_failure or _success_failure(dist, rho, linear)
    u_sq = 2.0 - 4.0 * np.power(0.5, rho)
    # s (P U_s + (1 - P) U_f) + (1 - s) U_s = U_s - s (1 - P) (U_s - U_f), evaluated in
    # this order: ((s (1 - P)) (U_s - U_f)), then U_s minus it
    eu = np.subtract(1.0, prob)
    np.multiply(sal, eu, out=eu)
    eu *= np.subtract(u_s, u_f) if gap is None else gap
    np.subtract(u_s, eu, out=eu)
    eu -= q * u_sq
    if q < 1.0:
        spread = 0.25 * (dist_mu + dist)
        u_b = _utility(0.5 - spread, rho, linear)
        u_w = _utility(0.5 + spread, rho, linear)
        eu -= (1.0 - q) * (t_better * u_b + (1.0 - t_better) * u_w)
    return np.asarray(eu, dtype=np.float64)


def _probability(
    x: FloatArray,
    w: FloatArray,
    rho: FloatArray | None,
    span: FloatArray,
    denominator: str,
    below: npt.NDArray[np.intp],
) -> FloatArray:
    """Probability of success ``P[i, j]`` of i against j (eq. 31 or the all-dyads reading)."""
    num = favour_sums(x, w, rho, span, below)
    if denominator == "dyad":
        den = num + np.swapaxes(num, -1, -2)
    else:
        den = np.broadcast_to((2.0 * num.sum(axis=(-1, -2)))[:, None, None], num.shape)
    out = np.zeros_like(num)
    np.divide(num, den, out=out, where=den > 0)
    return out


def _risk_exponents(security: FloatArray) -> FloatArray:
    """Risk exponents from security levels (eqs. 32-34), shape ``(B, n)``."""
    hi = security.max(axis=-1, keepdims=True)
    lo = security.min(axis=-1, keepdims=True)
    width = hi - lo
    big_r = np.zeros_like(security)
    np.divide(2.0 * security - hi - lo, width, out=big_r, where=width > 0)
    return np.asarray((1.0 - big_r / 3.0) / (1.0 + big_r / 3.0), dtype=np.float64)


@dataclass(frozen=True, slots=True)
class _Round:
    new_x: FloatArray
    a: FloatArray
    b: FloatArray
    prob: FloatArray
    region: npt.NDArray[np.int8]
    offer: FloatArray
    chosen: BoolArray
    risk: FloatArray


def _select(
    cand: BoolArray, key: FloatArray, offer: FloatArray, done: BoolArray
) -> tuple[BoolArray, BoolArray]:
    """For rows not ``done`` with a candidate, pick the min-key candidate (ties: min offer).

    Returns the one-hot choice matrix and the updated ``done``.
    """
    rows = cand.any(axis=-1) & ~done
    k = np.where(cand, key, np.inf)
    kmin = k.min(axis=-1, keepdims=True)
    tol = 1e-12 * (1.0 + np.abs(np.where(np.isfinite(kmin), kmin, 0.0)))
    tied = cand & (k <= kmin + tol)
    off = np.where(tied, offer, np.inf)
    pick = np.argmin(off, axis=-1)
    onehot = np.zeros(cand.shape, dtype=bool)
    flat = onehot.reshape(-1, cand.shape[-1])  # a view: onehot is new and contiguous
    flat[np.arange(flat.shape[0]), pick.reshape(-1)] = True
    onehot &= rows[..., None]
    return onehot, done | rows


def _t_better(
    x_row: FloatArray, x_col: FloatArray, mu: FloatArray, challenger_is_row: bool
) -> FloatArray:
    """Per-dyad T of the paper's cases (Figs 1-4): 1 if the median is nearer the challenger.

    Raw (unscaled) distances are compared, so that ties are exact.
    """
    raw = np.abs(x_col - x_row)
    chal = x_row if challenger_is_row else x_col
    return (np.abs(chal - mu[:, None, None]) < raw).astype(np.float64)


def _dyad_block(
    x: FloatArray,
    s: FloatArray,
    span: FloatArray,
    mu: FloatArray,
    p: FloatArray,
    r: FloatArray,
    linear: bool,
    lo: int,
    hi: int,
    opts: EUOptions,
    keep: bool,
) -> _Round:
    """Compute expected utilities, regions, offers and the accepted offer for rows ``lo:hi``.

    The region labels are only computed when ``keep`` (the dyad table is wanted).
    """
    xi = x[:, lo:hi, None]
    xj = x[:, None, :]
    diff = xj - xi  # x_j - x_i
    move = np.abs(diff)  # how far i moves to reach j
    dist = move * (1.0 / span)[:, None, None]
    dmu = np.abs(x - mu[:, None]) / span[:, None]
    q = opts.Q
    if q >= 1.0:  # the no-challenge branch is the status quo alone: T plays no part
        t_a: FloatArray | float = 0.0
        t_b: FloatArray | float = 0.0
    elif opts.T is None:
        t_a = _t_better(xi, xj, mu, True)
        t_b = _t_better(xi, xj, mu, False)
    else:
        t_a = t_b = opts.T
    sal_b = s[:, lo:hi, None] if opts.target_salience == "target" else s[:, None, :]
    rho_a = r[:, lo:hi, None]
    rho_b = rho_a if opts.utility_risk == "observer" else r[:, None, :]
    p_ij = p[:, lo:hi, :]
    p_ji = np.swapaxes(p[:, :, lo:hi], -1, -2)
    uf_a = _success_failure(dist, rho_a, linear)
    shared = opts.utility_risk == "observer"
    uf_b = uf_a if shared else None
    gap = np.subtract(*uf_a) if shared else None
    a = _expected_utility(
        dist, p_ij, s[:, None, :], rho_a, q, t_a, dmu[:, lo:hi, None], linear, uf_a, gap
    )
    b = _expected_utility(dist, p_ji, sal_b, rho_b, q, t_b, dmu[:, None, :], linear, uf_b, gap)
    del gap, uf_a, uf_b
    del dist
    rows = np.arange(hi - lo)
    a[:, rows, rows + lo] = 0.0
    b[:, rows, rows + lo] = 0.0

    # regions of Figure 6 from i's view
    same = diff == 0.0
    abs_a = np.abs(a)
    abs_b = np.abs(b)
    a_pos = a > 0
    b_pos = b > 0
    conf = a_pos & b_pos
    conf_lost = conf & (b > a)
    if opts.compromise_condition == "figure":
        j_up = ~a_pos & b_pos
        comp = j_up & (abs_b > abs_a)
        capit = j_up & ~comp
    else:  # §6.1 as printed: j's upper hand needs E^j(U_ji) < 0 too
        comp = ~a_pos & (b < 0) & (abs_b > abs_a)
        capit = ~a_pos & b_pos
    if keep:
        region = np.full(a.shape, _STALE, dtype=np.int8)
        region[conf & ~conf_lost] = _CONF_WON
        region[conf_lost] = _CONF_LOST
        i_up = a_pos & ~b_pos
        i_comp = abs_a >= abs_b
        region[i_up & i_comp] = _COMP_FAV
        region[i_up & ~i_comp] = _COMPEL
        region[comp] = _COMP_CON
        region[capit] = _CAPIT
        region[same] = _SAME
    else:
        region = np.empty((0,), dtype=np.int8)
    differ = ~same
    comp &= differ
    capit &= differ
    conf_lost &= differ

    ratio = np.zeros_like(a)
    np.divide(abs_a, abs_b, out=ratio, where=comp)
    np.minimum(ratio, 1.0, out=ratio)
    comp_pos = diff * ratio
    comp_pos += xi  # eq. 36: i moves |E^i/E^j| of the way to x_j
    moves_conf = conf_lost if opts.confrontation == "loser_moves" else np.zeros_like(conf_lost)
    moves_capit = capit if opts.capitulation else np.zeros_like(capit)
    offer = np.where(comp, comp_pos, np.where(moves_conf | moves_capit, xj, np.inf))

    if opts.offer_selection == "weighted_point":
        den = abs_a + abs_b
        wpoint = np.zeros_like(a)
        np.divide(abs_a * xi + abs_b * xj, den, out=wpoint, where=comp)
        keys = (move, wpoint, move)
    elif opts.offer_selection == "least_move":
        keys = (move, np.abs(comp_pos - xi), move)
    else:
        keys = (-b, -b, -b)
    done = np.zeros(a.shape[:-1], dtype=bool)
    chosen = np.zeros(a.shape, dtype=bool)
    for cand, key in zip((moves_conf, comp, moves_capit), keys, strict=True):
        if not cand.any():
            continue
        if opts.offer_selection == "most_enforceable":
            # most enforceable first, then the least move
            kmin = np.where(cand, key, np.inf).min(axis=-1, keepdims=True)
            cand = cand & (key <= kmin + 1e-12 * (1.0 + np.abs(np.where(cand, kmin, 0.0))))
            key = np.abs(offer - xi)
        onehot, done = _select(cand, key, offer, done)
        chosen |= onehot
    picked = np.where(chosen, offer, 0.0).sum(axis=-1)
    new_x = np.where(done, picked, x[:, lo:hi])
    if keep:
        offer[np.isinf(offer)] = np.nan
    return _Round(new_x, a, b, p_ij, region, offer, chosen, r[:, lo:hi])


def _round_inputs(
    x: FloatArray,
    c: FloatArray,
    s: FloatArray,
    span: FloatArray,
    mu: FloatArray,
    opts: EUOptions,
) -> tuple[FloatArray, FloatArray, bool]:
    """Return a round's probabilities ``P[i, j]``, risk exponents ``r`` and linearity.

    For a batch ``(B, n)`` of actors sorted by position: everything the dyads of the round
    read besides the positions and saliences (used by :func:`_eu_round` and by
    :mod:`equipoise.engines.bargaining.dyads`).
    """
    n_batch, n = x.shape
    w = c * s
    blocks = row_blocks(n_batch, n)
    # first pass: every r = 1 (risk neutral), linear utilities and votes
    below = midpoint_counts(x)
    p1 = _probability(x, w, None, span, opts.probability_denominator, below)
    if opts.risk == "bdm1985":
        # Sec_t = sum over challengers c of E^c(U_ct), with r = 1 (every observer agrees)
        security = np.zeros((n_batch, n))
        sal_first = s[:, None, :] if opts.target_salience == "target" else None
        dmu = np.abs(x - mu[:, None]) / span[:, None]
        for lo, hi in blocks:
            xi = x[:, lo:hi, None]
            dist = np.abs(x[:, None, :] - xi) * (1.0 / span)[:, None, None]
            t_a: FloatArray | float = (
                _t_better(xi, x[:, None, :], mu, True)
                if opts.T is None and opts.Q < 1.0
                else (opts.T or 0.0)
            )
            sal = sal_first if sal_first is not None else s[:, lo:hi, None]
            e1 = _expected_utility(
                dist, p1[:, lo:hi, :], sal, 1.0, opts.Q, t_a, dmu[:, lo:hi, None], True
            )
            rows = np.arange(hi - lo)
            e1[:, rows, rows + lo] = 0.0
            security += e1.sum(axis=-2)
        r = _risk_exponents(security)
        linear = False
    else:
        r = np.ones_like(x)
        linear = True
    if opts.probability_votes == "risk" and opts.risk == "bdm1985":
        p = _probability(x, w, r, span, opts.probability_denominator, below)
        del p1
    else:
        p = p1
    return p, r, linear


def _eu_round(
    x: FloatArray,
    c: FloatArray,
    s: FloatArray,
    span: FloatArray,
    mu: FloatArray,
    opts: EUOptions,
    keep: bool,
    rank: tuple[TopDyads, IntArray] | None = None,
) -> _Round:
    """One round of the model for a batch ``(B, n)`` of actors sorted by position.

    Works through the dyads in blocks of rows (cache-sized), so that besides the prefix sums
    and the probability matrix only ``O(block x n)`` memory is live. With ``rank`` (a
    :class:`TopDyads` and the sorting order of a batch of one), every block is offered to the
    ranking as it goes by, and the result's ``prob`` is the round's probability matrix
    (sorted order) even without ``keep``.
    """
    n_batch, n = x.shape
    blocks = row_blocks(n_batch, n)
    p, r, linear = _round_inputs(x, c, s, span, mu, opts)

    new_x = np.empty_like(x)
    parts: list[_Round] = []
    for lo, hi in blocks:
        part = _dyad_block(x, s, span, mu, p, r, linear, lo, hi, opts, keep)
        new_x[:, lo:hi] = part.new_x
        if rank is not None:
            top, order = rank
            top.add(part.a[0], part.chosen[0], order[lo:hi], order, np.arange(lo, hi))
        if keep:
            parts.append(part)
    if not keep:
        empty = np.empty((n_batch, 0, n))
        prob = p if rank is not None else empty
        return _Round(
            new_x, empty, empty, prob, empty.astype(np.int8), empty, empty.astype(bool), r
        )
    return _Round(
        new_x,
        np.concatenate([q.a for q in parts], axis=1),
        np.concatenate([q.b for q in parts], axis=1),
        p,
        np.concatenate([q.region for q in parts], axis=1),
        np.concatenate([q.offer for q in parts], axis=1),
        np.concatenate([q.chosen for q in parts], axis=1),
        r,
    )


def _gather(a: npt.NDArray[Any], idx: npt.NDArray[np.intp]) -> npt.NDArray[Any]:
    """``np.take_along_axis(a, idx, axis=-1)`` for 2-D arrays, without its index building."""
    return a[np.arange(a.shape[0])[:, None], idx]


def _unsort2(m: npt.NDArray[Any], inv: npt.NDArray[np.intp]) -> npt.NDArray[Any]:
    """Undo the sorting of both actor axes of ``m`` (shape ``(B, n, n)``)."""
    rows = np.take_along_axis(m, inv[:, :, None], axis=1)
    return np.take_along_axis(rows, inv[:, None, :], axis=2)


def _unsort_round(rnd: _Round, inv: npt.NDArray[np.intp]) -> _Round:
    """Return the round's tables in the caller's actor order."""
    return _Round(
        new_x=np.take_along_axis(rnd.new_x, inv, axis=-1),
        a=_unsort2(rnd.a, inv),
        b=_unsort2(rnd.b, inv),
        prob=_unsort2(rnd.prob, inv),
        region=_unsort2(rnd.region, inv),
        offer=_unsort2(rnd.offer, inv),
        chosen=_unsort2(rnd.chosen, inv),
        risk=np.take_along_axis(rnd.risk, inv, axis=-1),
    )


@dataclass(frozen=True, slots=True)
class _Chunk:
    positions: FloatArray
    median: FloatArray
    mean: FloatArray
    rounds_run: npt.NDArray[np.intp]
    converged: BoolArray
    first: _Round | None
    kept: FirstRoundKept | None = None


def _run_chunk(
    c: FloatArray,
    x: FloatArray,
    s: FloatArray,
    fixed_span: FloatArray,
    rounds: int,
    opts: EUOptions,
    keep_dyads: bool,
    top_dyads: int | None = None,
) -> _Chunk:
    """Run every round for a chunk ``(B, n)`` of the batch (``top_dyads``: a chunk of one)."""
    n_batch, n = x.shape
    w = c * s
    traj = np.empty((n_batch, rounds + 1, n))
    med = np.empty((n_batch, rounds + 1))
    avg = np.empty((n_batch, rounds + 1))
    traj[:, 0] = x
    med[:, 0] = weighted_median(x, w)
    avg[:, 0] = weighted_mean(x, w)
    active = np.ones(n_batch, dtype=bool)
    rounds_run = np.zeros(n_batch, dtype=np.intp)
    stopped = np.zeros(n_batch, dtype=bool)
    still = np.zeros(n_batch, dtype=bool)
    first: _Round | None = None
    kept: FirstRoundKept | None = None
    cur = x
    for t in range(1, rounds + 1):
        if opts.range_mode == "fixed":
            span = fixed_span
        else:
            span = cur.max(axis=-1) - cur.min(axis=-1)
            span = np.where(span > 0, span, 1.0)
        # the round works on the actors sorted by position (voters' runs are contiguous)
        order = np.argsort(cur, axis=-1, kind="stable")
        inv = np.argsort(order, axis=-1, kind="stable")
        top = TopDyads(min(top_dyads, n * (n - 1))) if top_dyads is not None and t == 1 else None
        rnd = _eu_round(
            _gather(cur, order),
            _gather(c, order),
            _gather(s, order),
            span,
            med[:, t - 1],
            opts,
            keep_dyads and t == 1,
            None if top is None else (top, order[0]),
        )
        if top is not None:  # input order, as FirstRound keeps them (one n x n copy)
            perm = inv[0]
            ii, jj = top.result()
            kept = FirstRoundKept(
                probability=rnd.prob[0][np.ix_(perm, perm)],
                risk=rnd.risk[0][perm],
                top_challengers=ii,
                top_targets=jj,
            )
        if first is None and keep_dyads:
            first = _unsort_round(rnd, inv)
        new = np.where(active[:, None], _gather(rnd.new_x, inv), cur)
        del rnd  # the round's probability matrix goes with it
        still = np.all(new == cur, axis=-1)
        cur = new
        traj[:, t] = cur
        med[:, t] = np.where(active, weighted_median(cur, w), med[:, t - 1])
        avg[:, t] = weighted_mean(cur, w)
        rounds_run += active
        if opts.stop_threshold is not None:
            fire = active & (np.abs(med[:, t] - med[:, t - 1]) < opts.stop_threshold)
            stopped |= fire
            active &= ~fire
        if not active.any():
            traj[:, t + 1 :] = cur[:, None, :]
            med[:, t + 1 :] = med[:, t : t + 1]
            avg[:, t + 1 :] = avg[:, t : t + 1]
            break
    converged = stopped | (still if rounds > 0 else np.ones(n_batch, dtype=bool))
    return _Chunk(traj, med, avg, rounds_run, converged, first, kept)


def run_expected_utility(
    capability: npt.ArrayLike,
    position: npt.ArrayLike,
    salience: npt.ArrayLike,
    *,
    scale: tuple[float, float] | None = None,
    rounds: int = 10,
    options: EUOptions | None = None,
    keep_dyads: bool = True,
    cycle_tol: float = DEFAULT_CYCLE_TOL,
    top_dyads: int | None = None,
    cycles: bool = True,
) -> BargainingResult:
    r"""Run Bueno de Mesquita's expected-utility model (Scholz et al. 2011) on one or many issues.

    Parameters
    ----------
    capability : array_like, shape (n,) or (..., n)
        Each actor's capability (clout) on the issue, non-negative; only ratios matter.
    position : array_like, shape like ``capability``
        Each actor's position on the issue continuum.
    salience : array_like, shape like ``capability``
        Each actor's salience, on 0-1 (or 0-100 with ``options.salience_scale="percent"``).
    scale : (float, float), optional
        The ends of the issue continuum (e.g. ``(0, 100)``); with ``range_mode="fixed"`` its
        width is the range R. Default: the span of the initial positions, as in the paper.
    rounds : int
        Rounds to run (the maximum when ``options.stop_threshold`` is set).
    options : EUOptions, optional
        Model choices; default ``EUOptions()``, the set that reproduces the paper.
    keep_dyads : bool
        Keep the first round's dyad table for every batch element (memory ``O(n^2)``).
    cycle_tol : float
        Relative tolerance of the cycle test (:func:`~equipoise.engines.bargaining.cycles.
        detect_cycles`): positions within ``cycle_tol`` times the range R count as equal.
    top_dyads : int, optional
        One issue only: keep round 1's probabilities and risk exponents and the ``top_dyads``
        dyads that matter most (:class:`~equipoise.engines.bargaining.FirstRoundKept`,
        ranked inside the round as :func:`~equipoise.engines.bargaining.dyads.top_dyads`
        ranks them), ``O(n^2)`` memory without the dyad table. What ``equipoise bargain``
        prints, without running round 1 a second time.
    cycles : bool
        Test whether the rounds end on a cycle (``result.cycle``); False leaves it None (a
        caller that reads only positions and forecasts, like the time loop's yearly rounds,
        saves the test's fixed cost).

    Returns
    -------
    BargainingResult
        ``model="eu"``; ``forecast`` is the median voter position after the last round;
        ``cycle`` says, per batch element, whether the rounds end on a cycle (period, first
        round, range of the forecast, stable summary). R is the fixed range (``scale``, else
        the initial span) in every ``range_mode``.

    Raises
    ------
    ValueError
        On bad inputs (see :func:`~equipoise.engines.bargaining._result.prepare_inputs`),
        positions outside ``scale``, a negative number of rounds or a negative ``cycle_tol``,
        or ``top_dyads`` on a batch of issues or below 0.

    Notes
    -----
    A leading batch axis runs many issues of the same size, or many perturbed copies of one
    issue, in one vectorised call; the round costs :math:`O(B n^2 \log n)`.

    Examples
    --------
    >>> res = run_expected_utility([1, 1, 1], [0.0, 0.5, 1.0], [0.5, 0.5, 0.5], rounds=2)
    >>> res.positions.shape
    (3, 3)
    >>> float(res.median[0])
    0.5
    """
    opts = options if options is not None else EUOptions()
    if rounds < 0:
        raise ValueError(f"rounds must be >= 0, got {rounds}")
    if not (np.isfinite(cycle_tol) and cycle_tol >= 0.0):
        raise ValueError(f"cycle_tol must be a finite number >= 0, got {cycle_tol!r}")
    salience_max = 100.0 if opts.salience_scale == "percent" else 1.0
    c, x, s, batch_shape = prepare_inputs(capability, position, salience, salience_max=salience_max)
    n_batch, n = x.shape
    if top_dyads is not None and (batch_shape != () or top_dyads < 0):
        raise ValueError(
            f"top_dyads needs one issue (shape (n,)) and a count >= 0, got {top_dyads} "
            f"on a batch of shape {batch_shape}"
        )
    if scale is not None:
        lo, hi = float(scale[0]), float(scale[1])
        if not hi > lo:
            raise ValueError(f"scale must be (low, high) with high > low, got {scale}")
        if np.any(x < lo) or np.any(x > hi):
            raise ValueError(f"positions must lie within the scale [{lo:g}, {hi:g}]")
        fixed_span = np.full(n_batch, hi - lo)
    else:
        fixed_span = x.max(axis=-1) - x.min(axis=-1)
    fixed_span = np.where(fixed_span > 0, fixed_span, 1.0)

    # cache-sized chunks of the batch: the round's n x n work per chunk stays in cache
    step = max(1, _CHUNK_ELEMENTS // (n * n))
    chunks = [
        _run_chunk(
            c[i : i + step],
            x[i : i + step],
            s[i : i + step],
            fixed_span[i : i + step],
            rounds,
            opts,
            keep_dyads,
            top_dyads,
        )
        for i in range(0, n_batch, step)
    ]
    traj = np.concatenate([ch.positions for ch in chunks])
    med = np.concatenate([ch.median for ch in chunks])
    avg = np.concatenate([ch.mean for ch in chunks])
    rounds_run = np.concatenate([ch.rounds_run for ch in chunks])
    converged = np.concatenate([ch.converged for ch in chunks])
    first = None
    if keep_dyads and rounds > 0:
        firsts = [ch.first for ch in chunks if ch.first is not None]
        first = _Round(
            *(np.concatenate([getattr(f, name) for f in firsts]) for name in _Round.__slots__)
        )

    dyads = None
    if first is not None:
        shape2 = (*batch_shape, n, n)
        dyads = DyadTable(
            eu_challenger=first.a.reshape(shape2),
            eu_target=first.b.reshape(shape2),
            probability=first.prob.reshape(shape2),
            region=first.region.reshape(shape2),
            offer=first.offer.reshape(shape2),
            chosen=first.chosen.reshape(shape2),
            risk=first.risk.reshape((*batch_shape, n)),
        )
    options_dict = opts.as_dict()
    options_dict["scale"] = None if scale is None else [float(scale[0]), float(scale[1])]
    options_dict["rounds"] = rounds
    return BargainingResult(
        model="eu",
        options=options_dict,
        positions=traj.reshape((*batch_shape, rounds + 1, n)),
        median=med.reshape((*batch_shape, rounds + 1)),
        mean=avg.reshape((*batch_shape, rounds + 1)),
        forecast=med[:, -1].reshape(batch_shape),
        rounds_run=rounds_run.reshape(batch_shape),
        converged=converged.reshape(batch_shape),
        dyads=dyads,
        cycle=detect_cycles(
            traj.reshape((*batch_shape, rounds + 1, n)),
            med.reshape((*batch_shape, rounds + 1)),
            span=fixed_span.reshape(batch_shape),
            tol=cycle_tol,
        )
        if cycles
        else None,
        first_round=chunks[0].kept,
    )


def _advance(
    cur: FloatArray,
    c: FloatArray,
    s: FloatArray,
    fixed_span: FloatArray,
    mu: FloatArray,
    opts: EUOptions,
) -> FloatArray:
    """One round for rows ``(B, n)`` in the caller's order: :func:`_run_chunk`'s round alone.

    ``mu`` is the weighted median of ``cur``; every row runs (no stopping rule).
    """
    out = np.empty_like(cur)
    step = max(1, _CHUNK_ELEMENTS // (cur.shape[1] * cur.shape[1]))
    for i in range(0, cur.shape[0], step):
        x = cur[i : i + step]
        if opts.range_mode == "fixed":
            span = fixed_span[i : i + step]
        else:
            span = x.max(axis=-1) - x.min(axis=-1)
            span = np.where(span > 0, span, 1.0)
        order = np.argsort(x, axis=-1, kind="stable")
        inv = np.argsort(order, axis=-1, kind="stable")
        rnd = _eu_round(
            _gather(x, order),
            _gather(c[i : i + step], order),
            _gather(s[i : i + step], order),
            span,
            mu[i : i + step],
            opts,
            False,
        )
        out[i : i + step] = _gather(rnd.new_x, inv)
    return out


def look_ahead_cycles(
    capability: npt.ArrayLike,
    position: npt.ArrayLike,
    salience: npt.ArrayLike,
    *,
    scale: tuple[float, float],
    rounds: int,
    first: npt.ArrayLike | None = None,
    options: EUOptions | None = None,
    cycle_tol: float = DEFAULT_CYCLE_TOL,
) -> CycleReport:
    r"""Whether bargaining from each row's positions ends on a cycle, rounds run only as needed.

    Row ``b`` reports the cycle test (:func:`~equipoise.engines.bargaining.cycles.
    detect_cycles`) of ``run_expected_utility(..., rounds=first[b])`` where that finds a
    cycle, else that of ``rounds`` rounds, bit for bit, but runs fewer rounds:

    * a row stops at round ``first[b]`` when its cycle shows there, instead of being run
      again from round 0;
    * a row whose positions after round *t* repeat, bit for bit, those after an earlier
      round *t - p* is on an exact cycle: a round is a function of the positions alone
      (capability, salience and the range fixed; no stopping rule), so every later round
      repeats with period *p*, and its remaining rounds are copied instead of bargained.
    * rows are bargained together, the rows still running in one call per round.

    Parameters
    ----------
    capability, position, salience : array_like, shape (m, n)
        As :func:`run_expected_utility` (salience on the options' scale).
    scale : (float, float)
        The ends of the issue continuum (its width is the range R).
    rounds : int
        Rounds of the full look-ahead (at least 1).
    first : array_like of int, shape (m,), optional
        Per row, the rounds of a first, shorter test (``1 <= first <= rounds``); default
        ``rounds`` (one test).
    options : EUOptions, optional
        Model choices. With a ``stop_threshold`` a round depends on more than the positions,
        so every row is run in full by :func:`run_expected_utility`.
    cycle_tol : float
        As :func:`run_expected_utility`.

    Returns
    -------
    CycleReport
        Per row; ``max_period`` is that of ``rounds`` rounds (rows reported at ``first[b]``
        were tested for periods up to ``(first[b] + 1) // 2``).

    Raises
    ------
    ValueError
        On inputs :func:`run_expected_utility` refuses, ``rounds < 1``, or ``first`` outside
        ``[1, rounds]``.

    Notes
    -----
    Exact repeats are compared on the bits of the positions (``-0.0`` and ``0.0`` differ),
    so the copied rounds are the rounds the model would compute. On the default scenario
    most look-ahead rows repeat after two or four rounds (an actor capitulating back and
    forth between two camps, ``docs/models/bargaining.md``, "Cycles").
    """
    opts = options if options is not None else EUOptions()
    if rounds < 1:
        raise ValueError(f"rounds must be >= 1, got {rounds}")
    c, x, s, batch_shape = prepare_inputs(
        capability,
        position,
        salience,
        salience_max=100.0 if opts.salience_scale == "percent" else 1.0,
    )
    if len(batch_shape) != 1:
        raise ValueError(f"positions must have shape (m, n), got {np.shape(position)}")
    m, n = x.shape
    at = np.full(m, rounds, dtype=np.intp) if first is None else np.asarray(first, dtype=np.intp)
    if at.shape != (m,) or np.any(at < 1) or np.any(at > rounds):
        raise ValueError(f"first must be {m} round counts in [1, {rounds}]")
    if opts.stop_threshold is not None:
        return _look_ahead_in_full(
            (capability, position, salience), scale, rounds, at, opts, cycle_tol
        )
    lo, hi = float(scale[0]), float(scale[1])
    if not hi > lo:
        raise ValueError(f"scale must be (low, high) with high > low, got {scale}")
    if np.any(x < lo) or np.any(x > hi):
        raise ValueError(f"positions must lie within the scale [{lo:g}, {hi:g}]")
    out = _CycleFields.empty(m, n)
    if m == 0:
        return out.report(cycle_tol, (rounds + 1) // 2)
    fixed_span = np.full(m, hi - lo)
    w = c * s
    traj = np.empty((m, rounds + 1, n))
    med = np.empty((m, rounds + 1))
    traj[:, 0] = x
    med[:, 0] = weighted_median(x, w)
    bits = traj.view(np.int64)
    live = np.arange(m)
    reported = np.full(m, -1, dtype=np.intp)  # rounds of the test a row reports (-1: not yet)
    for t in range(1, rounds + 1):
        new = _advance(
            traj[live, t - 1], c[live], s[live], fixed_span[live], med[live, t - 1], opts
        )
        traj[live, t] = new
        med[live, t] = weighted_median(new, w[live])
        # a test at this round: rows whose first test falls here, then those at the end
        check = live[at[live] == t]
        if check.size and t < rounds:
            found = out.test(check, traj, med, t, fixed_span, cycle_tol)
            reported[check[found]] = t
            live = live[reported[live] < 0]
        if t == rounds:
            break
        # rows on an exact cycle: X_t has the bits of some X_{t-p}
        same = (bits[live, t][:, None, :] == bits[live, :t]).all(axis=-1)  # (rows, t)
        repeat = same.any(axis=-1)
        if repeat.any():
            rows = live[repeat]
            period = t - (t - 1 - np.argmax(same[repeat][:, ::-1], axis=-1))
            for u in range(t + 1, rounds + 1):
                traj[rows, u] = traj[rows, u - period]
                med[rows, u] = med[rows, u - period]
            # their first tests still to make (after t): made now on the copied rounds
            for f in np.unique(at[rows]):
                if t < f < rounds:
                    later = rows[at[rows] == f]
                    found = out.test(later, traj, med, int(f), fixed_span, cycle_tol)
                    reported[later[found]] = f
            live = live[~repeat]
        if live.size == 0:
            break
    rest = np.flatnonzero(reported < 0)
    if rest.size:
        out.test(rest, traj, med, rounds, fixed_span, cycle_tol)
    return out.report(cycle_tol, (rounds + 1) // 2)


@dataclass
class _CycleFields:
    """The per-row fields of a :class:`CycleReport`, filled test by test."""

    detected: BoolArray
    period: IntArray
    start: IntArray
    low: FloatArray
    high: FloatArray
    summary: FloatArray
    position_low: FloatArray
    position_high: FloatArray

    @classmethod
    def empty(cls, m: int, n: int) -> _CycleFields:
        return cls(
            np.zeros(m, dtype=bool),
            np.zeros(m, dtype=np.intp),
            np.full(m, -1, dtype=np.intp),
            np.full(m, np.nan),
            np.full(m, np.nan),
            np.full(m, np.nan),
            np.full((m, n), np.nan),
            np.full((m, n), np.nan),
        )

    def test(
        self,
        rows: IntArray,
        traj: FloatArray,
        med: FloatArray,
        t: int,
        span: FloatArray,
        tol: float,
    ) -> BoolArray:
        """Test ``rows`` on rounds ``0..t``, keep their fields, return where a cycle shows."""
        rep = detect_cycles(traj[rows, : t + 1], med[rows, : t + 1], span=span[rows], tol=tol)
        self.detected[rows] = rep.detected
        self.period[rows] = rep.period
        self.start[rows] = rep.start
        self.low[rows] = rep.low
        self.high[rows] = rep.high
        self.summary[rows] = rep.summary
        self.position_low[rows] = rep.position_low
        self.position_high[rows] = rep.position_high
        return np.asarray(rep.detected, dtype=bool)

    def report(self, tol: float, max_period: int) -> CycleReport:
        return CycleReport(
            detected=self.detected,
            period=self.period,
            start=self.start,
            low=self.low,
            high=self.high,
            summary=self.summary,
            position_low=self.position_low,
            position_high=self.position_high,
            tol=float(tol),
            max_period=int(max_period),
        )


def _look_ahead_in_full(
    inputs: tuple[npt.ArrayLike, npt.ArrayLike, npt.ArrayLike],
    scale: tuple[float, float],
    rounds: int,
    at: IntArray,
    opts: EUOptions,
    tol: float,
) -> CycleReport:
    """:func:`look_ahead_cycles` by whole runs of :func:`run_expected_utility` (any options)."""
    c, x, s = (np.asarray(a, dtype=np.float64) for a in inputs)
    m, n = x.shape
    out = _CycleFields.empty(m, n)
    names = (
        *("detected", "period", "start", "low", "high", "summary"),
        *("position_low", "position_high"),
    )
    todo = np.ones(m, dtype=bool)
    for f in [*np.unique(at[at < rounds]).tolist(), rounds]:
        rows = np.flatnonzero(todo & ((at == f) if f < rounds else True))
        if rows.size == 0:
            continue
        rep = run_expected_utility(
            c[rows],
            x[rows],
            s[rows],
            scale=scale,
            rounds=int(f),
            options=opts,
            keep_dyads=False,
            cycle_tol=tol,
        ).cycle
        assert rep is not None  # the expected-utility model always reports
        keep = np.asarray(rep.detected, dtype=bool) | (f == rounds)
        for name in names:
            getattr(out, name)[rows[keep]] = np.asarray(getattr(rep, name))[keep]
        todo[rows[keep]] = False
    return out.report(tol, (rounds + 1) // 2)


__all__ = ["EUOptions", "look_ahead_cycles", "run_expected_utility"]
