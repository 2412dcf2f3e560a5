"""The first round's dyad table of the expected-utility model, a block of rows at a time.

:func:`~equipoise.engines.bargaining.expected_utility.run_expected_utility` with
``keep_dyads=True`` returns the whole table, several ``n x n`` arrays at once: fine for tens
or hundreds of actors, too much at ten thousand (each float64 ``n x n`` array is 0.8 GB). This
module computes the same numbers row block by row block, with the engine's own functions, so
that a caller can keep the few dyads it shows (:func:`top_dyads`) or stream the full table to a
file (:meth:`FirstRound.table_chunks`) holding only the probability matrix (plus, for the
full table, the two expected-utility matrices) besides one block.

The equations are those of the engine (Scholz, Calbert & Smith 2011; see
``docs/models/bargaining.md``); this module adds no model logic, only the order of work.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from equipoise.engines.bargaining._rank import TopDyads
from equipoise.engines.bargaining._result import (
    REGIONS,
    FirstRoundKept,
    FloatArray,
    IntArray,
    prepare_inputs,
)
from equipoise.engines.bargaining._sorted import weighted_median
from equipoise.engines.bargaining.expected_utility import (
    EUOptions,
    _dyad_block,
    _round_inputs,
)

#: Dyads per block of rows: each of the block's temporaries is this many float64 (2 MiB).
BLOCK_DYADS = 1 << 18

#: Rows apart that :meth:`FirstRound.rows_of` still computes in one call.
_GAP_ROWS = 4

#: How :func:`top_dyads` ranks the dyads (stated in the outputs that use it).
RANKING = (
    "accepted offers first (the dyads that moved an actor in round 1), then by the "
    "challenger's expected utility E^i(U_ij), highest first; ties in table order"
)


@dataclass(frozen=True, slots=True)
class DyadRows:
    """Rows ``i`` of the first round's dyad table against every target ``j`` (input order).

    Attributes
    ----------
    rows : ndarray of int, shape (m,)
        The challengers' indices in the input.
    eu_challenger, eu_target, probability, offer : ndarray, shape (m, n)
        As in :class:`~equipoise.engines.bargaining.DyadTable` (``offer`` NaN where i does
        not move).
    region : ndarray of int8, shape (m, n)
        Index into :data:`~equipoise.engines.bargaining.REGIONS`.
    chosen : ndarray of bool, shape (m, n)
        True for the offer i accepted.
    """

    rows: IntArray
    eu_challenger: FloatArray
    eu_target: FloatArray
    probability: FloatArray
    region: npt.NDArray[np.int8]
    offer: FloatArray
    chosen: npt.NDArray[np.bool_]


class FirstRound:
    """The first round of the expected-utility model on one issue, computed on demand.

    Construction costs what the engine spends before the dyads of a round (probabilities and
    risk exponents, ``O(n^2)`` memory, released except the probability matrix); every
    :meth:`rows` call then costs ``O((hi - lo) n)``.

    Parameters
    ----------
    capability, position, salience : array_like, shape (n,)
        One issue, as given to
        :func:`~equipoise.engines.bargaining.expected_utility.run_expected_utility`.
    scale : (float, float), optional
        The ends of the issue continuum, as given to the engine.
    options : EUOptions, optional
        The engine's options.
    kept : FirstRoundKept, optional
        Round 1's probabilities and risk exponents as the engine handed them back
        (``run_expected_utility(..., top_dyads=k)`` on the same inputs, scale and options):
        used as they are instead of computing them again.

    Raises
    ------
    ValueError
        On bad inputs (as the engine), or on a batch of issues (one issue only).

    Notes
    -----
    The engine works on actors sorted by position; here the probabilities and risk exponents
    are computed in that order (the same numbers as the engine's) and then put back in input
    order, so that rows, columns and the table stream come out in the caller's order. The
    dyads of a row are element-wise functions of those inputs, so the numbers are the
    engine's, bit for bit (``tests/test_bargaining_dyads.py`` checks this against
    ``keep_dyads=True``).
    """

    def __init__(
        self,
        capability: npt.ArrayLike,
        position: npt.ArrayLike,
        salience: npt.ArrayLike,
        *,
        scale: tuple[float, float] | None = None,
        options: EUOptions | None = None,
        kept: FirstRoundKept | None = None,
    ) -> None:
        opts = options if options is not None else EUOptions()
        salience_max = 100.0 if opts.salience_scale == "percent" else 1.0
        c, x, s, batch_shape = prepare_inputs(
            capability, position, salience, salience_max=salience_max
        )
        if batch_shape != ():
            raise ValueError(f"one issue only (shape (n,)), got a batch of shape {batch_shape}")
        if scale is not None:
            lo, hi = float(scale[0]), float(scale[1])
            if not hi > lo:
                raise ValueError(f"scale must be (low, high) with high > low, got {scale}")
            if np.any(x < lo) or np.any(x > hi):
                raise ValueError(f"positions must lie within the scale [{lo:g}, {hi:g}]")
        data_span = x.max(axis=-1) - x.min(axis=-1)
        if opts.range_mode == "fixed" and scale is not None:
            span = np.full(1, float(scale[1]) - float(scale[0]))
        else:  # the data's span: the fixed default, and what "recomputed" gives in round 1
            span = data_span
        span = np.where(span > 0, span, 1.0)
        mu = weighted_median(x, c * s)
        if kept is not None:  # the engine's own round 1 (input order already)
            n = x.shape[-1]
            if kept.probability.shape != (n, n) or kept.risk.shape != (n,):
                raise ValueError(f"kept round does not match {n} actors")
            self._p = kept.probability[None]
            self._r = kept.risk[None]
            linear = opts.risk != "bdm1985"  # as _round_inputs decides
        else:
            order = np.argsort(x, axis=-1, kind="stable")
            inv = np.argsort(order, axis=-1, kind="stable")
            p_sorted, r_sorted, linear = _round_inputs(
                np.take_along_axis(x, order, axis=-1),
                np.take_along_axis(c, order, axis=-1),
                np.take_along_axis(s, order, axis=-1),
                span,
                mu,
                opts,
            )
            perm = inv[0]
            self._p = p_sorted[0][np.ix_(perm, perm)][None]  # input order (one n x n copy)
            del p_sorted
            self._r = r_sorted[:, perm]
        self._x = x
        self._s = s
        self._span = span
        self._mu = mu
        self._linear = linear
        self._opts = opts
        self.n: int = int(x.shape[-1])

    @property
    def risk(self) -> FloatArray:
        """The risk exponents ``r_i`` of the round, shape ``(n,)``."""
        return np.asarray(self._r[0], dtype=np.float64)

    @property
    def block_rows(self) -> int:
        """Rows per block of :meth:`blocks` (about :data:`BLOCK_DYADS` dyads)."""
        return max(1, BLOCK_DYADS // self.n)

    def rows(self, lo: int, hi: int, *, labels: bool = True) -> DyadRows:
        """Return the dyads of challengers ``lo:hi`` (input order) against every target.

        With ``labels=False`` the region labels are skipped (``region`` is empty) and
        ``offer`` holds ``inf`` instead of NaN where i does not move: the cheaper pass that
        :func:`top_dyads` ranks with.
        """
        part = _dyad_block(
            self._x,
            self._s,
            self._span,
            self._mu,
            self._p,
            self._r,
            self._linear,
            lo,
            hi,
            self._opts,
            labels,
        )
        return DyadRows(
            rows=np.arange(lo, hi),
            eu_challenger=part.a[0],
            eu_target=part.b[0],
            probability=part.prob[0],
            region=part.region[0] if labels else np.empty((hi - lo, 0), dtype=np.int8),
            offer=part.offer[0],
            chosen=part.chosen[0],
        )

    def blocks(self, *, labels: bool = True) -> Iterator[DyadRows]:
        """Yield the whole table, :attr:`block_rows` challengers at a time, in input order."""
        step = self.block_rows
        for lo in range(0, self.n, step):
            yield self.rows(lo, min(self.n, lo + step), labels=labels)

    def rows_of(self, wanted: npt.ArrayLike) -> dict[int, DyadRows]:
        """Return the rows of the challengers ``wanted``, computing only those rows.

        Rows that are close together are computed in one call (gaps of a few rows cost less
        than another call), at most :attr:`block_rows` rows at a time.
        """
        need = np.unique(np.asarray(wanted, dtype=np.intp)).tolist()
        found: dict[int, DyadRows] = {}
        step = self.block_rows
        k = 0
        while k < len(need):
            lo = last = need[k]
            k += 1
            while k < len(need) and need[k] - last <= _GAP_ROWS and need[k] - lo < step:
                last = need[k]
                k += 1
            block = self.rows(lo, last + 1)
            for i in need[k - 1 :: -1]:
                if i < lo:
                    break
                found[i] = _row(block, i - lo)
        return found

    def table_chunks(self) -> Iterator[dict[str, npt.NDArray[np.generic]]]:
        """Yield the full table, ``i != j``, as column arrays, a block of challengers at a time.

        Columns ``challenger`` and ``target`` (indices), ``eu_i_ij``, ``eu_i_ji``,
        ``eu_j_ji``, ``eu_j_ij``, ``probability``, ``region`` (codes), ``offer`` (NaN where
        i does not move) and ``accepted``, rows ordered by challenger then target (the order
        of :meth:`~equipoise.engines.bargaining.DyadTable.records`).

        Notes
        -----
        ``eu_j_ji`` and ``eu_j_ij`` are another row's values, so a first pass keeps the two
        expected-utility matrices (two ``n x n`` float64 arrays besides the probabilities)
        and a second recomputes each block: twice the round's time, bounded memory.
        """
        n = self.n
        eu_a = np.empty((n, n))
        eu_b = np.empty((n, n))
        for block in self.blocks():
            eu_a[block.rows] = block.eu_challenger
            eu_b[block.rows] = block.eu_target
        for block in self.blocks():
            m = block.rows.size
            keep = np.ones((m, n), dtype=bool)
            keep[np.arange(m), block.rows] = False
            yield {
                "challenger": np.repeat(block.rows, n - 1),
                "target": np.broadcast_to(np.arange(n), (m, n))[keep],
                "eu_i_ij": block.eu_challenger[keep],
                "eu_i_ji": block.eu_target[keep],
                "eu_j_ji": eu_a[:, block.rows].T[keep],
                "eu_j_ij": eu_b[:, block.rows].T[keep],
                "probability": block.probability[keep],
                "region": block.region[keep],
                "offer": block.offer[keep],
                "accepted": block.chosen[keep],
            }


def _row(block: DyadRows, k: int) -> DyadRows:
    """Row ``k`` of a block, as a block of one row."""
    return DyadRows(
        rows=block.rows[k : k + 1],
        eu_challenger=block.eu_challenger[k : k + 1],
        eu_target=block.eu_target[k : k + 1],
        probability=block.probability[k : k + 1],
        region=block.region[k : k + 1],
        offer=block.offer[k : k + 1],
        chosen=block.chosen[k : k + 1],
    )


def top_dyads(first: FirstRound, k: int) -> tuple[IntArray, IntArray]:
    """Return the ``k`` dyads ``(i, j)`` that matter most in the first round, best first.

    Ranking (:data:`RANKING`): the offers each challenger accepted (the moves of the round)
    first, then the challenger's expected utility of challenging, highest first; ties in
    table order (i, then j). One pass over the table, ``O(k + block)`` memory.

    Parameters
    ----------
    first : FirstRound
        The round.
    k : int
        How many dyads (at most ``n (n - 1)``).

    Returns
    -------
    challengers, targets : ndarray of int
        Input indices of the chosen dyads, in rank order.
    """
    n = first.n
    top = TopDyads(min(int(k), n * (n - 1)))
    if top.k == 0:
        return top.result()
    cols = np.arange(n)
    for block in first.blocks(labels=False):
        top.add(block.eu_challenger, block.chosen, block.rows, cols, block.rows)
    return top.result()


def dyad_records(
    first: FirstRound,
    challengers: npt.ArrayLike,
    targets: npt.ArrayLike,
    names: list[str] | None = None,
) -> list[dict[str, object]]:
    """Return the given dyads as records (the keys of ``DyadTable.records``), in the order given.

    Parameters
    ----------
    first : FirstRound
        The round.
    challengers, targets : array_like of int
        Input indices ``i`` and ``j`` of each dyad (``i != j``).
    names : list of str, optional
        Actor names; defaults to ``"0"``, ``"1"``, ...
    """
    ii = np.asarray(challengers, dtype=np.intp)
    jj = np.asarray(targets, dtype=np.intp)
    label = names if names is not None else [str(k) for k in range(first.n)]
    rows = first.rows_of(np.concatenate([ii, jj]))
    records: list[dict[str, object]] = []
    for i, j in zip(ii.tolist(), jj.tolist(), strict=True):
        ri, rj = rows[i], rows[j]
        offer = float(ri.offer[0, j])
        records.append(
            {
                "challenger": label[i],
                "target": label[j],
                "eu_i_ij": float(ri.eu_challenger[0, j]),
                "eu_i_ji": float(ri.eu_target[0, j]),
                "eu_j_ji": float(rj.eu_challenger[0, i]),
                "eu_j_ij": float(rj.eu_target[0, i]),
                "probability": float(ri.probability[0, j]),
                "region": REGIONS[int(ri.region[0, j])],
                "offer": None if np.isnan(offer) else offer,
                "accepted": bool(ri.chosen[0, j]),
            }
        )
    return records


__all__ = ["BLOCK_DYADS", "RANKING", "DyadRows", "FirstRound", "dyad_records", "top_dyads"]
