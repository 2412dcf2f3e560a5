r"""The system's metrics, computed from the relation matrix R and power.

Every function here is pure and deterministic. Relations ``R`` have shape ``(..., n, n)`` with
entries in ``[-1, 1]`` (``R[i, j]`` is *i*'s relation to *j*); power has shape ``(..., n)``, is
non-negative and is used as shares :math:`p_i = P_i / \sum_j P_j` (any scale works).

- :func:`frustration_index` and :func:`blocs`: the signed partition of minimal power-weighted
  frustration, exact by integer programming (:func:`scipy.optimize.milp`, the formulations of
  Aref, Mason & Wilson 2020 and Aref & Neal 2021) up to ``exact_max`` actors, a multi-start
  Kernighan–Lin local search above that. These two take one system at a time (loop over
  ensemble members); everything else takes a leading batch axis.
- :func:`partition_frustration`: the power-weighted frustration of a given partition.
- :func:`polarity` and :func:`bipolarity`: the effective number of poles (Laakso & Taagepera
  1979) and the weight of, and hostility between, the two largest poles.
- :func:`dependence`, :func:`friction`, :func:`strategic_space`, :func:`alignment`: our own
  constructs built on cited ideas (Emerson 1962, Hirschman 1945; Heider 1946).

Definitions, equations, sources and the reasons for each choice are in
``docs/models/metrics.md``.

References
----------
.. [1] Aref, S., Mason, A. J., & Wilson, M. C. (2020). A modeling and computational study of the
   frustration index in signed networks. *Networks* 75(1), 95–110. doi:10.1002/net.21907
   (the XOR binary programming model and the unbalanced-triangle valid inequalities).
.. [2] Aref, S., Mason, A. J., & Wilson, M. C. (2018). Computing the line index of balance using
   integer programming optimisation. In *Optimization Problems in Graph Theory*, Springer,
   65–84. doi:10.1007/978-3-319-94830-0_3 (fixing one node's colour to break symmetry).
.. [3] Aref, S., & Wilson, M. C. (2019). Balance and frustration in signed networks. *Journal of
   Complex Networks* 7(2), 163–189. doi:10.1093/comnet/cny015 (weighted frustration, the
   normalised index, and the partition as a reading of alliances).
.. [4] Aref, S., & Neal, Z. P. (2021). Identifying hidden coalitions in the US House of
   Representatives by optimally partitioning signed networks based on generalized balance.
   *Scientific Reports* 11, 19939. doi:10.1038/s41598-021-98139-w (the k-group model).
.. [5] Davis, J. A. (1967). Clustering and structural balance in graphs. *Human Relations* 20(2),
   181–187. doi:10.1177/001872676702000206 (weak balance: more than two groups).
.. [6] Laakso, M., & Taagepera, R. (1979). "Effective" number of parties: a measure with
   application to West Europe. *Comparative Political Studies* 12(1), 3–27.
   doi:10.1177/001041407901200101 (the effective number of poles).
.. [7] Emerson, R. M. (1962). Power-dependence relations. *American Sociological Review* 27(1),
   31–41. doi:10.2307/2089716 (dependence: investment over alternatives).
.. [8] Hirschman, A. O. (1945). *National Power and the Structure of Foreign Trade*. University
   of California Press (dependence on a partner grows with its share of one's exchanges).
"""

from __future__ import annotations

from equipoise.metrics._common import UNALIGNED, power_shares
from equipoise.metrics.partition import (
    ENUMERATE_MAX,
    EXACT_MAX,
    Partition,
    blocs,
    blocs_many,
    dyad_weights,
    frustration_index,
    partition_frustration,
)
from equipoise.metrics.poles import Bipolarity, bipolarity, polarity
from equipoise.metrics.strategic import alignment, dependence, friction, strategic_space

__all__ = [
    "ENUMERATE_MAX",
    "EXACT_MAX",
    "UNALIGNED",
    "Bipolarity",
    "Partition",
    "alignment",
    "bipolarity",
    "blocs",
    "blocs_many",
    "dependence",
    "dyad_weights",
    "friction",
    "frustration_index",
    "partition_frustration",
    "polarity",
    "power_shares",
    "strategic_space",
]
