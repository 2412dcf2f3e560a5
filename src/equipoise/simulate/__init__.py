r"""The time loop: power, bargaining and balancing coupled through events and effects.

:func:`simulate` advances a compiled scenario over its horizon for a batch of ensemble members
at once (leading axis ``B``; ``B = 1`` for a single run). Each step of length
:math:`\Delta t` (the scenario's ``time_step``) does, in order:

1. **power**: indicator levels grow by their trends, :math:`x \leftarrow x(1+g)^{\Delta t}`
   (times a lognormal shock when the ``growth_noise`` parameter is positive), then power is
   recomputed by the scenario's index (``docs/models/power.md``);
2. **events and interventions** dated in the step are applied, then the declared **shocks**
   that strike the member in the step (:mod:`~equipoise.simulate.shocks`);
3. **bargaining**: every issue runs ``bargaining_rounds`` rounds of its model
   (``docs/models/bargaining.md``) from its current positions, with clout = the declared clout
   or the actor's power; positions carry over to the next step;
4. **effects**: each declared effect whose condition holds fires (``once``: the first time;
   ``while``: at every step);
5. **balancing**: the relation matrix takes one step of the alignment dynamics
   (``docs/models/alignment.md``) with the issue affinity of the new positions;
6. **metrics** of the new state (``docs/models/metrics.md``).

Step 0 is the start year: its events and interventions (and counterfactuals dated before the
start) are applied, and its metrics computed, before anything moves.

Changes (from events, effects, interventions and ensemble patches) move a value *and* its
reference level: a relation's baseline for inertia shifts with it, so a declared change is
structural and does not simply decay. Relations stay within ``[-1, 1]`` and their bounds;
positions within ``[0, 100]``; saliences within ``[0, 1]``. Commitments (alliances) change only
through such changes, never through the balancing forces.

Given the same compiled scenario, interventions, patches and seed, the trajectory is identical
bit for bit, and a member's numbers do not depend on the other members of its batch.

The package, one subject a module:

- :mod:`~equipoise.simulate.inputs`: :class:`Patch` and :class:`SimulationOptions`;
- :mod:`~equipoise.simulate.state`: the state of a batch between steps;
- :mod:`~equipoise.simulate.changes`: events, interventions, effects and patches, their targets
  parsed once per compiled scenario, and how a change applies;
- :mod:`~equipoise.simulate.shocks`: the declared stochastic processes, drawn per member from
  its own stream and applied as events;
- :mod:`~equipoise.simulate.steps`: growth and power, bargaining, balancing (the engine calls);
- :mod:`~equipoise.simulate.recorder`: the metrics of each step and the arrays that keep them;
- :mod:`~equipoise.simulate.trajectory`: the result;
- :mod:`~equipoise.simulate.loop`: :func:`simulate`, the loop itself.
"""

from equipoise.simulate.changes import apply_change
from equipoise.simulate.inputs import Patch, SimulationOptions
from equipoise.simulate.loop import simulate
from equipoise.simulate.trajectory import Trajectory

__all__ = ["Patch", "SimulationOptions", "Trajectory", "apply_change", "simulate"]
