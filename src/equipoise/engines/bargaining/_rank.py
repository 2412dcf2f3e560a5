"""Keep the first round's ``k`` most telling dyads while the round's blocks go by.

Shared by the engine (:func:`~equipoise.engines.bargaining.expected_utility.
run_expected_utility` with ``top_dyads=k``, which ranks inside round 1 instead of a second
pass) and by :func:`~equipoise.engines.bargaining.dyads.top_dyads`. The ranking is a total
order on input indices (accepted offers first, then the challenger's expected utility
``E^i(U_ij)``, highest first, ties by challenger then target in input order), so the ``k``
kept do not depend on the order or the size of the blocks: the engine's sorted blocks and the
dyad module's input-order blocks give the same dyads.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from equipoise.engines.bargaining._result import FloatArray, IntArray

#: Added to the score of an accepted offer: expected utilities lie well inside +-1e3 (they are
#: differences of utilities on [-2, 2] weighted by saliences on [0, 1]).
_ACCEPTED_BONUS = 1e3


class TopDyads:
    """The ``k`` best dyads seen so far, ``O(k + block)`` memory.

    Parameters
    ----------
    k : int
        How many dyads to keep (0 keeps none).
    """

    def __init__(self, k: int) -> None:
        self.k = max(0, int(k))
        self._i: IntArray = np.empty(0, dtype=np.intp)
        self._j: IntArray = np.empty(0, dtype=np.intp)
        self._acc = np.empty(0, dtype=bool)
        self._eu: FloatArray = np.empty(0)

    def add(
        self,
        eu: FloatArray,
        chosen: npt.NDArray[np.bool_],
        rows: IntArray,
        cols: IntArray,
        diagonal: IntArray,
    ) -> None:
        """Offer a block of dyads.

        Parameters
        ----------
        eu, chosen : ndarray, shape (m, n)
            ``E^i(U_ij)`` and the accepted offers of the block's challengers.
        rows : ndarray of int, shape (m,)
            Input index of each row's challenger.
        cols : ndarray of int, shape (n,)
            Input index of each column's target.
        diagonal : ndarray of int, shape (m,)
            Column of each row's own actor (never ranked).
        """
        k = self.k
        if k == 0:
            return
        m, n = eu.shape
        # a monotone score of (accepted, E^i(U_ij)); the diagonal never qualifies
        score = np.where(chosen, eu + _ACCEPTED_BONUS, eu)
        score[np.arange(m), diagonal] = -np.inf
        flat = score.ravel()
        cut = -np.inf
        if flat.size > k:
            cut = np.partition(flat, flat.size - k)[flat.size - k]
        # every tie at the cut, for a stable result; with fewer than k dyads in the block
        # (cut at -inf), all of them but never the diagonal
        pick = np.flatnonzero(flat >= cut if cut > -np.inf else flat > -np.inf)
        r, c = np.divmod(pick, n)
        best_i = np.concatenate([self._i, rows[r]])
        best_j = np.concatenate([self._j, cols[c]])
        best_acc = np.concatenate([self._acc, chosen[r, c]])
        best_eu = np.concatenate([self._eu, eu[r, c]])
        rank = np.lexsort((best_j, best_i, -best_eu, ~best_acc))[:k]
        self._i, self._j = best_i[rank], best_j[rank]
        self._acc, self._eu = best_acc[rank], best_eu[rank]

    def result(self) -> tuple[IntArray, IntArray]:
        """Return the kept dyads' challengers and targets (input indices), best first."""
        return self._i, self._j


__all__ = ["TopDyads"]
