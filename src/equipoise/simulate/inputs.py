"""What a simulation is asked to do: per-member changes and options."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
from numpy.typing import NDArray

T_Float = NDArray[np.float64]


@dataclass(frozen=True)
class Patch:
    """A change applied at step 0 with one value per ensemble member (uncertainties).

    Attributes
    ----------
    target : str
        A target path (``relations.RUS-USA.weight``, ``parameters.balance_rate``...).
    op : {"set", "add", "scale"}
        How the values apply.
    values : ndarray, shape (B,)
        One value per member.
    """

    target: str
    op: Literal["set", "add", "scale"]
    values: T_Float


@dataclass(frozen=True)
class SimulationOptions:
    """How much to compute and keep.

    Attributes
    ----------
    bloc_steps : "all", "last" or tuple of int
        Steps at which blocs (and the metrics that need them: frustration, polarity,
        bipolarity) are computed; elsewhere they are NaN / -2. Blocs cost an integer program per
        member and step, so ensembles compute them only where claims read them.
    keep_relations : bool
        Keep the relation matrix of every step (otherwise only the first and last).
    on_step : callable, optional
        Called as ``on_step(step, n_steps)`` after each step is recorded (step 0, the start
        year, included), so that a long run can report its progress. It may raise (for
        instance :class:`KeyboardInterrupt` or a cancellation error of its own) to stop the
        run between two steps; the exception propagates out of :func:`simulate`.
    """

    bloc_steps: Literal["all", "last"] | tuple[int, ...] = "all"
    keep_relations: bool = True
    on_step: Callable[[int, int], None] | None = field(default=None, compare=False)


__all__ = ["Patch", "SimulationOptions"]
