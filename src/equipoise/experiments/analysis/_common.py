"""Types and constants shared by the analysis modules."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final, Literal, TypeAlias

import numpy as np
from numpy.typing import NDArray

T_Float: TypeAlias = NDArray[np.float64]
T_Verdict: TypeAlias = Literal["supported", "contradicted", "undecided"]
T_Problem: TypeAlias = dict[str, Any]

#: SALib's distribution code for each declared distribution. ``choice`` has no SALib
#: counterpart; it is declared as a uniform over ``[0, k)`` (the choice's index) and mapped to
#: its values by :func:`to_values`.
SALIB_DISTS: Final[Mapping[str, str]] = {
    "uniform": "unif",
    "normal": "norm",
    "triangular": "triang",
    "choice": "unif",
}

#: Default lower quantile of the Morris grid for normal factors (see :func:`morris_design`).
MORRIS_NORMAL_TAIL: Final[float] = 0.01

#: Default verdict thresholds: the IPCC's calibrated language (Mastrandrea et al. 2010),
#: "likely" is a probability of at least 66 %, "unlikely" of at most 33 %.
SUPPORT_THRESHOLD: Final[float] = 0.66
CONTRADICT_THRESHOLD: Final[float] = 0.33

# Below this range (relative to the largest |Y|, at least 1) an output counts as constant.
_CONSTANT_RTOL: Final[float] = 1e-12
# Quantiles of normal factors are kept this far from 0 and 1 (Phi^-1(0) is -inf); the same
# guard as equipoise.experiments.sampling.to_values.
_NORMAL_EPS: Final[float] = float(np.finfo(np.float64).eps)
# PRIM's threshold as passed to the EMA Workbench: see prim_boxes, Notes.
_EMA_THRESHOLD: Final[float] = 1e-9
