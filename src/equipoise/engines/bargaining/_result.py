"""The result type shared by the bargaining models, and the checks on their inputs."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.intp]
BoolArray = npt.NDArray[np.bool_]

ModelName = Literal["eu", "compromise", "median"]

#: Region labels of a dyad as seen by the challenger *i* (Scholz et al. 2011, Figure 6),
#: indexed by the codes in :attr:`DyadTable.region`.
REGIONS: tuple[str, ...] = (
    "same_position",  # 0: x_i == x_j, nothing to bargain over
    "confrontation_won",  # 1: both expect to gain, i expects more: j should yield to i
    "confrontation_lost",  # 2: both expect to gain, j expects more: i moves to x_j
    "compromise_favoured",  # 3: i gains, j loses less than i gains: j should compromise
    "compromise_conceded",  # 4: j has the upper hand: i moves part way toward x_j
    "compel",  # 5: i gains, j loses more than i gains: j should give in to i
    "capitulate",  # 6: j gains, i loses more than j gains: i gives in to j
    "stalemate",  # 7: neither expects to gain: status quo
)


@dataclass(frozen=True, slots=True)
class DyadTable:
    """The first round's dyads of the expected-utility model, every ordered pair (i, j).

    Arrays have shape ``(..., n, n)`` (the batch axes of the input, then challenger *i*,
    target *j*); the diagonal is meaningless (region ``same_position``).

    Attributes
    ----------
    eu_challenger : ndarray
        ``E^i(U_ij)``: i's expected utility of challenging j, in i's own view.
    eu_target : ndarray
        ``E^j(U_ji)`` as i estimates it: j's expected utility of challenging i. What j itself
        believes is ``eu_challenger`` transposed (``eu_challenger[..., j, i]``).
    probability : ndarray
        ``P^i``: i's probability of prevailing against j (eq. 31, in the chosen reading).
    region : ndarray of int8
        Index into :data:`REGIONS`, from i's view.
    offer : ndarray
        The position this dyad alone would move i to (NaN where it does not move i).
    chosen : ndarray of bool
        True for the dyad whose offer i accepted this round.
    risk : ndarray, shape (..., n)
        The risk exponents ``r_i`` used in the round.
    """

    eu_challenger: FloatArray
    eu_target: FloatArray
    probability: FloatArray
    region: npt.NDArray[np.int8]
    offer: FloatArray
    chosen: BoolArray
    risk: FloatArray

    def records(self, names: list[str] | None = None, index: int = 0) -> list[dict[str, Any]]:
        """Return the table as one dictionary per ordered pair ``i != j``.

        Parameters
        ----------
        names : list of str, optional
            Actor names; defaults to ``"0"``, ``"1"``, ...
        index : int
            Batch element to report (flat index over the batch axes).
        """
        n = self.region.shape[-1]
        a = self.eu_challenger.reshape(-1, n, n)[index]
        b = self.eu_target.reshape(-1, n, n)[index]
        p = self.probability.reshape(-1, n, n)[index]
        reg = self.region.reshape(-1, n, n)[index]
        off = self.offer.reshape(-1, n, n)[index]
        chosen = self.chosen.reshape(-1, n, n)[index]
        label = names if names is not None else [str(k) for k in range(n)]
        rows: list[dict[str, Any]] = []
        for i in range(n):
            for j in range(n):
                if i == j:
                    continue
                rows.append(
                    {
                        "challenger": label[i],
                        "target": label[j],
                        "eu_i_ij": float(a[i, j]),
                        "eu_i_ji": float(b[i, j]),
                        "eu_j_ji": float(a[j, i]),
                        "eu_j_ij": float(b[j, i]),
                        "probability": float(p[i, j]),
                        "region": REGIONS[int(reg[i, j])],
                        "offer": None if np.isnan(off[i, j]) else float(off[i, j]),
                        "accepted": bool(chosen[i, j]),
                    }
                )
        return rows


@dataclass(frozen=True, slots=True)
class FirstRoundKept:
    """What round 1 of the expected-utility model hands back for ``top_dyads=k`` (one issue).

    Enough to rebuild any dyad of the round (:class:`~equipoise.engines.bargaining.dyads.
    FirstRound` given ``probability`` and ``risk``) without running the round's
    probabilities again, and the ``k`` dyads that matter most, ranked inside the round.

    Attributes
    ----------
    probability : ndarray, shape (n, n)
        ``P^i`` of the round (input order), as in :attr:`DyadTable.probability`.
    risk : ndarray, shape (n,)
        The risk exponents ``r_i`` of the round.
    top_challengers, top_targets : ndarray of int, shape (k,)
        Input indices of the ``k`` dyads ranked as
        :data:`~equipoise.engines.bargaining.dyads.RANKING` says, best first.
    """

    probability: FloatArray
    risk: FloatArray
    top_challengers: IntArray
    top_targets: IntArray


@dataclass(frozen=True, slots=True)
class CycleReport:
    r"""Whether a run of rounds ends on a cycle, per batch element (:func:`detect_cycles`).

    A run of positions :math:`X_0, \dots, X_T` (round 0 the input) ends on a cycle of period
    :math:`p \ge 2` starting at round :math:`s` when
    :math:`\max_i |X_{t+p,i} - X_{t,i}| \le \varepsilon R` for every :math:`t = s, \dots, T-p`,
    the whole period has been seen twice (:math:`s + 2p - 1 \le T`), and no smaller period
    (in particular not :math:`p = 1`, a fixed point) satisfies the same. See
    ``docs/models/bargaining.md`` ("Cycles").

    Arrays have the batch shape ``(...)`` of the run (``(..., n)`` for the per-actor ranges).

    Attributes
    ----------
    detected : ndarray of bool
        True where the run ends on a cycle.
    period : ndarray of int
        The cycle's period :math:`p` in rounds (0 where none).
    start : ndarray of int
        The first round :math:`s` of the cycle (-1 where none): from it on, positions repeat
        every ``period`` rounds.
    low, high : ndarray
        The lowest and highest forecast (weighted median) over the last full period (NaN
        where there is no cycle).
    summary : ndarray
        The cycle's stable summary: the mean of the forecast over the last full period,
        :math:`\bar\mu = \frac1p \sum_{t=T-p+1}^{T} \mu_t` (the long-run average forecast,
        the same whichever round of the cycle the run stops at). Where there is no cycle it
        is the run's own forecast (the median after the last round), so a caller can use it
        as the forecast everywhere.
    position_low, position_high : ndarray, shape (..., n)
        Each actor's lowest and highest position over the last full period (NaN where there
        is no cycle).
    tol : float
        :math:`\varepsilon`, the tolerance relative to the range R.
    max_period : int
        The longest period that was looked for.
    """

    detected: BoolArray
    period: IntArray
    start: IntArray
    low: FloatArray
    high: FloatArray
    summary: FloatArray
    position_low: FloatArray
    position_high: FloatArray
    tol: float
    max_period: int

    @property
    def on_cycle(self) -> BoolArray:
        """True where the run is on its cycle from round 0 (``detected`` and ``start == 0``).

        For a look-ahead run started from a time loop's state, this says that the state itself
        lies on the cycle, so its forecast should be :attr:`summary`.
        """
        out: BoolArray = self.detected & (self.start == 0)
        return out

    def records(self, index: int = 0) -> dict[str, Any]:
        """Return one batch element's report as a JSON-ready dictionary.

        Parameters
        ----------
        index : int
            Batch element (flat index over the batch axes).
        """
        flat = self.detected.reshape(-1)
        if not flat[index]:
            return {
                "detected": False,
                "summary": float(self.summary.reshape(-1)[index]),
                "tol": self.tol,
                "max_period": self.max_period,
            }
        n = self.position_low.shape[-1]
        return {
            "detected": True,
            "period": int(self.period.reshape(-1)[index]),
            "start": int(self.start.reshape(-1)[index]),
            "low": float(self.low.reshape(-1)[index]),
            "high": float(self.high.reshape(-1)[index]),
            "summary": float(self.summary.reshape(-1)[index]),
            "position_low": self.position_low.reshape(-1, n)[index].tolist(),
            "position_high": self.position_high.reshape(-1, n)[index].tolist(),
            "tol": self.tol,
            "max_period": self.max_period,
        }


@dataclass(frozen=True, slots=True)
class BargainingResult:
    """Trajectory and forecast of one bargaining model on one issue or a batch of issues.

    Attributes
    ----------
    model : {"eu", "compromise", "median"}
        Which model produced the result.
    options : dict
        Every option value the model used (JSON-ready).
    positions : ndarray, shape (..., rounds + 1, n)
        Positions at the end of each round; round 0 is the input. Rows after a batch
        element stopped (stopping rule) repeat its last positions.
    median : ndarray, shape (..., rounds + 1)
        Weighted median voter position (Condorcet winner) per round.
    mean : ndarray, shape (..., rounds + 1)
        Capability x salience weighted mean position per round.
    forecast : ndarray, shape (...)
        The model's own forecast: for ``eu`` the median voter position when the rounds end
        (Bueno de Mesquita's forecast), for ``compromise`` the weighted mean, for ``median``
        the weighted median.
    rounds_run : ndarray of int, shape (...)
        Rounds actually run per batch element.
    converged : ndarray of bool, shape (...)
        True where the stopping rule fired, or where the last round moved nobody.
    dyads : DyadTable or None
        The expected-utility model's first round, for every batch element (None for the
        baselines, or when not kept).
    cycle : CycleReport or None
        Whether the rounds end on a cycle, its period, first round, range and stable summary,
        for every batch element (the static baselines never cycle). None only for a result
        built without it.
    first_round : FirstRoundKept or None
        Round 1's probabilities, risk exponents and top dyads, when asked for
        (``run_expected_utility(..., top_dyads=k)``, one issue); else None.
    """

    model: ModelName
    options: dict[str, Any]
    positions: FloatArray
    median: FloatArray
    mean: FloatArray
    forecast: FloatArray
    rounds_run: IntArray
    converged: BoolArray
    dyads: DyadTable | None = field(default=None)
    cycle: CycleReport | None = field(default=None)
    first_round: FirstRoundKept | None = field(default=None)


def prepare_inputs(
    capability: npt.ArrayLike,
    position: npt.ArrayLike,
    salience: npt.ArrayLike,
    *,
    salience_max: float = 1.0,
) -> tuple[FloatArray, FloatArray, FloatArray, tuple[int, ...]]:
    """Validate and flatten the inputs to shape ``(B, n)``.

    Returns capability, position, salience (on 0-1) and the batch shape.

    Raises
    ------
    ValueError
        On shape mismatch, fewer than two actors, non-finite values, negative capability,
        salience outside ``[0, salience_max]`` or no positive capability x salience weight.
    """
    c = np.asarray(capability, dtype=np.float64)
    x = np.asarray(position, dtype=np.float64)
    s = np.asarray(salience, dtype=np.float64)
    if not (c.shape == x.shape == s.shape):
        raise ValueError(
            f"capability, position and salience must have one shape, got {c.shape}, {x.shape}, "
            f"{s.shape}"
        )
    if c.ndim == 0 or c.shape[-1] < 2:
        raise ValueError("need at least two actors (last axis)")
    for name, arr in (("capability", c), ("position", x), ("salience", s)):
        if not np.all(np.isfinite(arr)):
            raise ValueError(f"{name} must be finite")
    if np.any(c < 0):
        raise ValueError("capability must be non-negative")
    if np.any(s < 0) or np.any(s > salience_max):
        raise ValueError(f"salience must lie in [0, {salience_max:g}]")
    s = s / salience_max
    batch_shape = c.shape[:-1]
    n = c.shape[-1]
    # C order, whatever the caller's layout: a sum along the actors is then the same
    # (pairwise) summation for every row, so a row's numbers do not depend on the batch it
    # came in (a column-major (B, n) input would be summed sequentially when B > 1 and
    # pairwise when B == 1, which differ in the last bits)
    c2 = np.ascontiguousarray(c.reshape(-1, n))
    x2 = np.ascontiguousarray(x.reshape(-1, n))
    s2 = np.ascontiguousarray(s.reshape(-1, n))
    if np.any((c2 * s2).sum(axis=-1) <= 0):
        raise ValueError("every issue needs some actor with positive capability and salience")
    return c2, x2, s2, batch_shape


__all__ = [
    "REGIONS",
    "BargainingResult",
    "CycleReport",
    "DyadTable",
    "FirstRoundKept",
    "ModelName",
    "prepare_inputs",
]
