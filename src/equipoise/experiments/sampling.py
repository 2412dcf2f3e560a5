r"""Sample a scenario's declared uncertainties into per-member values and seeds.

A design is an ``(n_members, n_uncertainties)`` matrix of values, one column per declared
uncertainty, built once from the scenario seed so that it does not depend on how the members
are later split into batches or which executor runs them:

* ``mc``: independent uniform numbers :math:`u \sim U(0,1)` from the scenario's seed;
* ``lhs``: a Latin hypercube (McKay, Beckman & Conover 1979) from
  :class:`scipy.stats.qmc.LatinHypercube`: each variable's range is cut into ``n`` equally
  likely strata and each stratum is sampled once.

Each unit number is mapped through the inverse CDF of the uncertainty's distribution by
:func:`equipoise.experiments.analysis.to_values` (the same mapping the Sobol' and Morris designs
use).

Every member also gets its own random stream,
``SeedSequence(seed, spawn_key=(member,))``, shared by the baseline and every intervention of
that member (common random numbers).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
from numpy.typing import NDArray
from scipy.stats import qmc

from equipoise.experiments.analysis import problem_from_uncertainties, to_values
from equipoise.random import Stream, stream
from equipoise.scenario.schema import Uncertainty
from equipoise.simulate import Patch

T_Float = NDArray[np.float64]
T_Method = Literal["mc", "lhs"]


@dataclass(frozen=True)
class Design:
    """Sampled values of the uncertainties for every member.

    Attributes
    ----------
    names : tuple of str
        Uncertainty names (columns).
    values : ndarray, shape (n_members, n_uncertainties)
    method : str
        How the design was made (``mc``, ``lhs``, ``sobol``, ``morris`` or ``none``).
    seed : int
        The seed the design and the member streams derive from.
    """

    names: tuple[str, ...]
    values: T_Float
    method: str
    seed: int

    @property
    def n_members(self) -> int:
        """Number of members."""
        return int(self.values.shape[0])


def unit_sample(k: int, n_members: int, *, method: T_Method = "mc", seed: int = 0) -> T_Float:
    """Return the unit numbers (n_members, k) of a design, from the design's own stream."""
    if n_members < 1:
        raise ValueError(f"n_members must be at least 1, got {n_members}")
    if k == 0:
        return np.zeros((n_members, 0))
    gen = stream(seed, Stream.DESIGN)  # a stream apart from the members'
    if method == "lhs":
        return np.asarray(qmc.LatinHypercube(d=k, rng=gen).random(n_members))
    if method == "mc":
        return gen.random((n_members, k))
    raise ValueError(f"method must be 'mc' or 'lhs', got {method!r}")


def sample(
    uncertainties: Sequence[Uncertainty],
    n_members: int,
    *,
    method: T_Method = "mc",
    seed: int = 0,
) -> Design:
    """Sample a design of ``n_members`` rows over the declared uncertainties.

    Parameters
    ----------
    uncertainties : sequence of Uncertainty
    n_members : int
        Number of members (rows), at least 1.
    method : {"mc", "lhs"}
        Monte Carlo or Latin hypercube.
    seed : int
        The design's seed (the scenario's seed by default in the callers).

    Returns
    -------
    Design

    Examples
    --------
    >>> from equipoise.scenario.schema import Uncertainty
    >>> u = Uncertainty(name="w", target="parameters.balance_rate", distribution="uniform",
    ...                 low=0.1, high=0.5)
    >>> d = sample([u], 4, method="lhs", seed=1)
    >>> d.values.shape, bool(((d.values >= 0.1) & (d.values <= 0.5)).all())
    ((4, 1), True)
    """
    u = unit_sample(len(uncertainties), n_members, method=method, seed=seed)
    values = to_values(problem_from_uncertainties(uncertainties), u) if uncertainties else u
    return Design(tuple(unc.name for unc in uncertainties), values, method, seed)


def patches_for(
    design: Design, uncertainties: Sequence[Uncertainty], rows: NDArray[np.int64]
) -> list[Patch]:
    """Return the per-member patches that put design ``rows`` into a simulation batch."""
    by_name = {u.name: u for u in uncertainties}
    return [
        Patch(by_name[name].target, by_name[name].apply, design.values[rows, j])
        for j, name in enumerate(design.names)
    ]


__all__ = ["Design", "patches_for", "sample", "unit_sample"]
