"""Bargaining over an issue: Bueno de Mesquita's expected-utility model and two baselines.

* :func:`run_expected_utility` — the expected-utility model as Scholz, Calbert & Smith (2011)
  specify it, every open choice an option of :class:`EUOptions`;
* :func:`run_compromise` — the compromise model (capability x salience weighted mean);
* :func:`run_median` — the weighted median voter;
* :func:`bargain` — any of the three by name;
* :func:`detect_cycles` — whether a run of rounds ends on a cycle (``result.cycle``).

Every function takes arrays of shape ``(n,)`` or ``(..., n)`` (a leading batch of issues or
perturbed copies) and returns a :class:`BargainingResult`. The example of the paper ships as
:data:`EXAMPLE_CSV`. Equations, options and the replication: ``docs/models/bargaining.md``.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path
from typing import Literal

import numpy.typing as npt

from equipoise.engines.bargaining._result import (
    REGIONS,
    BargainingResult,
    CycleReport,
    DyadTable,
    FirstRoundKept,
)
from equipoise.engines.bargaining.compromise import run_compromise, run_median
from equipoise.engines.bargaining.cycles import DEFAULT_CYCLE_TOL, detect_cycles
from equipoise.engines.bargaining.expected_utility import (
    EUOptions,
    look_ahead_cycles,
    run_expected_utility,
)

#: The published example: Scholz et al. (2011) Table 1, from Bueno de Mesquita (1994, p. 78).
EXAMPLE_CSV: Path = Path(
    str(files("equipoise.engines.bargaining") / "data" / "emissions_bdm1994.csv")
)


def bargain(
    model: Literal["eu", "compromise", "median"],
    capability: npt.ArrayLike,
    position: npt.ArrayLike,
    salience: npt.ArrayLike,
    *,
    scale: tuple[float, float] | None = None,
    rounds: int = 10,
    options: EUOptions | None = None,
) -> BargainingResult:
    """Run one of the bargaining models by name.

    Parameters
    ----------
    model : {"eu", "compromise", "median"}
        The expected-utility model, the compromise model or the weighted median.
    capability, position, salience : array_like, shape (n,) or (..., n)
        Salience on 0-1, or on 0-100 with ``options.salience_scale="percent"``.
    scale : (float, float), optional
        Ends of the issue continuum.
    rounds : int
        Rounds of the expected-utility model (ignored by the static baselines).
    options : EUOptions, optional
        Options of the expected-utility model; its ``salience_scale`` also applies to the
        baselines.

    Returns
    -------
    BargainingResult

    Examples
    --------
    >>> float(bargain("compromise", [1, 1], [0.0, 1.0], [1.0, 1.0]).forecast)
    0.5
    """
    opts = options if options is not None else EUOptions()
    if model == "eu":
        return run_expected_utility(
            capability, position, salience, scale=scale, rounds=rounds, options=opts
        )
    top = 100.0 if opts.salience_scale == "percent" else 1.0
    if model == "compromise":
        return run_compromise(capability, position, salience, scale=scale, salience_scale=top)
    if model == "median":
        return run_median(capability, position, salience, scale=scale, salience_scale=top)
    raise ValueError(f"model must be 'eu', 'compromise' or 'median', got {model!r}")


__all__ = [
    "DEFAULT_CYCLE_TOL",
    "EXAMPLE_CSV",
    "REGIONS",
    "BargainingResult",
    "CycleReport",
    "DyadTable",
    "EUOptions",
    "FirstRoundKept",
    "bargain",
    "detect_cycles",
    "look_ahead_cycles",
    "run_compromise",
    "run_expected_utility",
    "run_median",
]
