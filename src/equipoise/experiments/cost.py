r"""Estimate what a simulation will cost before running it, and refuse past a limit.

A valid scenario can still be very expensive: ``time_step = 0.00274`` (a day) with
``horizon = 200`` is 72,993 steps, about an hour for a single run on the machine below. Every
entry point (the CLI's ``run`` and experiment commands, the web app's scenario page and jobs) asks
:func:`estimate_cost` first, and refuses past a documented limit unless confirmed
(:func:`check_cost`; the CLI's ``--yes``).

The estimate is the time loop's work, in CPU-seconds:

.. math:: t \approx S \cdot A \cdot \left(c_0 + c_1\, n^2 M\right)

with :math:`S` steps (``ceil(horizon / time_step)``), :math:`A` arms (the baseline and each
intervention compared), :math:`n` actors (the alignment step and the metrics are :math:`O(n^2)`
per member and step), :math:`M` ensemble members, :math:`c_0` = :data:`SECONDS_PER_STEP`
(the per-step work that does not grow with the members: bargaining set-up, bloc search,
Python overhead) and :math:`c_1` = :data:`SECONDS_PER_UNIT`.

Calibration (docs/models/experiments.md, "Cost"): first measured with ``simulate`` of the
bundled ``indo-pacific-2021`` (14 actors, 10 steps) on the project's 2-core build machine:
1 member 1.5 s (warm-up included), 20 members 5.6 s, 100 members 20.3 s; with ``time_step = 0.1``
(100 steps) 1 member 7.4 s, which gave :math:`c_0 \approx 0.05` s and
:math:`c_1 \approx 1.0\times10^{-4}` s. Re-measured for issue 12 after the loop was vectorised
over members (CPU time, ``--executor local``, the same machine): ``equipoise claims -n 300`` (13
arms) 28.5 CPU-s, and one batch of 20 members in the 13 arms 7.3 CPU-s, which give
:math:`c_0 \approx 0.045` s and :math:`c_1 \approx 2.7\times10^{-6}` s; the constants below
round them up. Model variants (the claims' ablation and multiverse) count as full arms, an upper
bound: a variant arm computes only its claims' outcomes, about a third of a full arm's work. The
estimate is an order of magnitude, meant to catch runs of hours, not to predict seconds.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from equipoise.errors import InputError, Problem
from equipoise.scenario.schema import Scenario

#: CPU-seconds per step, member and actor pair (c1 above; measured, see the module notes).
SECONDS_PER_UNIT = 3.0e-6
#: CPU-seconds per step that do not grow with members or actors (c0 above).
SECONDS_PER_STEP = 0.05
#: Largest estimate the CLI runs without ``--yes``: one CPU-hour. The defaults of every
#: command on the bundled scenario stay under it (the largest, ``claims -n 500`` with the
#: ablation: 104 arms, about 360 s; with ``--robustness``, 208 arms, about 720 s).
MAX_SECONDS = 3600.0
#: Largest estimate the web app computes on a page view (the baseline run's figures of a
#: scenario's page): the bundled scenario's baseline is under a second.
MAX_PAGE_SECONDS = 30.0


@dataclass(frozen=True, slots=True)
class CostEstimate:
    """The estimated work of a simulation.

    Attributes
    ----------
    steps : int
        Time steps of one member (``ceil(horizon / time_step)``).
    actors : int
        Actors of the scenario.
    members : int
        Ensemble members per arm.
    arms : int
        Arms (the baseline and each compared intervention or condition).
    seconds : float
        Estimated CPU-seconds.
    scenario : str
        The scenario's name (where a refusal is reported).
    """

    steps: int
    actors: int
    members: int
    arms: int
    seconds: float
    scenario: str = ""

    def describe(self) -> str:
        """Say what the estimate is made of, e.g. for a refusal."""
        return (
            f"about {_duration(self.seconds)} of computing: {self.steps:,} steps × "
            f"{self.actors}² actors × {self.members:,} member(s) × {self.arms} arm(s)"
        )


def _duration(seconds: float) -> str:
    if seconds < 120:
        return f"{seconds:.0f} s"
    if seconds < 7200:
        return f"{seconds / 60:.0f} min"
    if seconds < 2 * 86400:
        return f"{seconds / 3600:.1f} h"
    return f"{seconds / 86400:,.0f} days"


def n_steps(scenario: Scenario) -> int:
    """Return the time steps of one run: ``ceil(horizon / time_step)``."""
    meta = scenario.scenario
    return max(1, math.ceil(meta.horizon / meta.time_step - 1e-9))


def estimate_cost(scenario: Scenario, *, members: int = 1, arms: int = 1) -> CostEstimate:
    """Estimate the CPU-seconds of simulating ``members`` members in each of ``arms`` arms.

    Parameters
    ----------
    scenario : Scenario
        The scenario (its horizon, time step and actors).
    members : int
        Ensemble members per arm (1 for a single run).
    arms : int
        Arms: 1 for a run or an ensemble, 2 for a comparison with one intervention, the
        number of conditions plus the baseline for claims.

    Returns
    -------
    CostEstimate

    Examples
    --------
    >>> from equipoise.scenario import loads_scenario
    >>> from equipoise.testing import template_text
    >>> cost = estimate_cost(loads_scenario(template_text()), members=1000)
    >>> cost.steps, cost.actors, round(cost.seconds, 2)
    (10, 3, 0.77)
    """
    steps = n_steps(scenario)
    n = len(scenario.actors)
    seconds = steps * arms * (SECONDS_PER_STEP + SECONDS_PER_UNIT * n * n * members)
    return CostEstimate(
        steps=steps,
        actors=n,
        members=members,
        arms=arms,
        seconds=seconds,
        scenario=scenario.scenario.name,
    )


def check_cost(
    estimate: CostEstimate, *, limit: float | None = None, confirmed: bool = False
) -> None:
    """Refuse an estimate past ``limit`` (default :data:`MAX_SECONDS`) unless ``confirmed``.

    Raises
    ------
    InputError
        Saying the estimate, what it is made of, the limit and how to go ahead (path
        ``--yes``) or make it cheaper.
    """
    limit = MAX_SECONDS if limit is None else limit
    if confirmed or estimate.seconds <= limit:
        return
    raise InputError(
        Problem(
            f"this would take {estimate.describe()}, past the limit of {_duration(limit)} "
            "(docs/models/experiments.md, 'Cost'): add --yes to run it anyway, or make it "
            "cheaper (a larger scenario.time_step, a shorter horizon, fewer members)",
            file=estimate.scenario or None,
            path="--yes",
        )
    )


__all__ = [
    "MAX_PAGE_SECONDS",
    "MAX_SECONDS",
    "SECONDS_PER_STEP",
    "SECONDS_PER_UNIT",
    "CostEstimate",
    "check_cost",
    "estimate_cost",
    "n_steps",
]
