r"""Model variants: named transformations of a scenario, run as arms over the same members.

A *variant* changes the model, not the inputs: it switches a mechanism off (an *ablation*) or
picks another modelling option (a *multiverse* specification). Each is applied to the scenario
(and, for the power change, to its compiled arrays) before simulation; an ensemble runs every
member in every (variant, arm) with the same design row and random stream (common random
numbers), so a variant's effect on a claim is paired member by member.

Ablation components (``docs/models/experiments.md``, "Ablation"), the same for every claim:

========================  ===================================================================
``balancing``             :math:`\beta = 0` (``parameters.balance_rate``): no structural balance
``affinity``              :math:`\alpha = 0` (``parameters.affinity_rate``): no issue affinity
``inertia``               :math:`\lambda = 0` (``parameters.inertia_rate``): no pull to baseline
``bargaining``            no bargaining rounds (``parameters.bargaining_rounds = 0``): positions
                          stay where declared; forecasts are the static weighted median or mean
``power_change``          indicator growth :math:`g = 0` and ``growth_noise = 0``: indicators
                          stay at their start levels (``trends.*`` changes are dropped)
``effects``               the scenario's declared ``effects`` removed
``shocks``                the scenario's stochastic shock processes (``shocks``) removed; a
                          no-op for scenarios without them
========================  ===================================================================

``no-dynamics`` ablates all of them at once. A variant *pins* the targets it fixes: sampled
uncertainties on them (their per-member patches) and the changes of events, interventions and
effects on them are dropped in that variant, so that a switched-off mechanism cannot be
switched back on by an input (the default scenario samples the three alignment rates).

A multiverse specification sets structural options (``model.power_index``,
``model.bargaining``: every issue's model, or a numeric ``parameters.NAME``) and pins them the
same way.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from equipoise.compile import CompiledScenario, compile_scenario
from equipoise.scenario.schema import Scenario
from equipoise.scenario.vocabulary import PARAMETERS
from equipoise.simulate import Patch

#: The ablation components, in the order they are reported, with what each switches off.
COMPONENTS: dict[str, str] = {
    "balancing": "structural balance rate beta = 0",
    "affinity": "issue-affinity rate alpha = 0",
    "inertia": "inertia rate lambda = 0",
    "bargaining": "no bargaining rounds: positions stay as declared",
    "power_change": "no indicator growth or growth noise: power stays at its start level",
    "effects": "the declared effects removed",
    "shocks": "the stochastic shock processes removed",
}

#: The parameters each component sets (and pins).
_COMPONENT_PARAMETERS: dict[str, dict[str, float]] = {
    "balancing": {"balance_rate": 0.0},
    "affinity": {"affinity_rate": 0.0},
    "inertia": {"inertia_rate": 0.0},
    "bargaining": {"bargaining_rounds": 0.0},
    "power_change": {"growth_noise": 0.0},
}

#: The name of the variant with every component ablated.
NO_DYNAMICS = "no-dynamics"


@dataclass(frozen=True)
class Variant:
    """A named transformation of a scenario: ablated components and structural settings.

    Attributes
    ----------
    name : str
        How arms and results call it (``no-dynamics``, ``no-balancing``,
        ``power_index=gdp``...).
    components : tuple of str
        Ablated components (keys of :data:`COMPONENTS`).
    settings : tuple of (str, str or float)
        Structural options ``(target, value)``: ``model.power_index``, ``model.bargaining`` or
        ``parameters.NAME``.
    """

    name: str
    components: tuple[str, ...] = ()
    settings: tuple[tuple[str, str | float], ...] = ()

    def __post_init__(self) -> None:
        unknown = [c for c in self.components if c not in COMPONENTS]
        if unknown:
            raise ValueError(f"unknown ablation component(s): {', '.join(unknown)}")

    # ----------------------------------------------------------------------------------------

    def parameters(self) -> dict[str, float]:
        """Return the parameters the variant sets."""
        out: dict[str, float] = {}
        for comp in self.components:
            out.update(_COMPONENT_PARAMETERS.get(comp, {}))
        for target, value in self.settings:
            if target.startswith("parameters."):
                out[target.split(".", 1)[1]] = float(value)
        return out

    def pinned(self, target: str) -> bool:
        """Whether the variant fixes ``target`` (inputs that would change it are dropped)."""
        if target.startswith("parameters.") and target.split(".", 1)[1] in self.parameters():
            return True
        return "power_change" in self.components and target.startswith("trends.")

    def apply(self, scenario: Scenario) -> Scenario:
        """Return the scenario the variant simulates (the input is not changed)."""
        update: dict[str, object] = {}
        params = self.parameters()
        if params:
            update["parameters"] = {**scenario.parameters, **params}
        if "effects" in self.components:
            update["effects"] = ()
        if "shocks" in self.components:
            update["shocks"] = ()
        meta: dict[str, object] = {}
        for target, value in self.settings:
            if target == "model.power_index":
                meta["power_index"] = str(value)
            elif target == "model.bargaining":
                update["issues"] = tuple(
                    i.model_copy(update={"model": str(value)}) for i in scenario.issues
                )
        if meta:
            update["scenario"] = scenario.scenario.model_copy(update=meta)
        for section in ("events", "interventions", "effects"):
            items = update.get(section, getattr(scenario, section))
            assert isinstance(items, tuple)
            update[section] = tuple(
                item.model_copy(
                    update={"changes": tuple(c for c in item.changes if not self.pinned(c.target))}
                )
                if any(self.pinned(c.target) for c in item.changes)
                else item
                for item in items
            )
        return scenario.model_copy(update=update)

    def compile(self, scenario: Scenario) -> CompiledScenario:
        """Return the compiled scenario of the variant (growth zeroed for ``power_change``)."""
        compiled = compile_scenario(self.apply(scenario))
        if "power_change" in self.components:
            compiled = dataclasses.replace(compiled, growth=np.zeros_like(compiled.growth))
        return compiled

    def patches(self, patches: Sequence[Patch]) -> list[Patch]:
        """Return the per-member patches without those on targets the variant pins."""
        return [p for p in patches if not self.pinned(p.target)]

    def is_noop(self, scenario: Scenario) -> bool:
        """Whether the variant leaves the scenario's model unchanged (its runs need not be made).

        True when nothing it changes differs from the scenario: e.g. ``shocks`` on a scenario
        without shock processes, ``effects`` on one without effects. Pinned inputs count as a
        change.
        """
        if any(self.pinned(u.target) for u in scenario.sampled_uncertainties):
            return False
        changed = self.apply(scenario)

        def effective(sc: Scenario) -> dict[str, float]:
            return {k: float(sc.parameters.get(k, spec.default)) for k, spec in PARAMETERS.items()}

        if effective(changed) != effective(scenario):
            return False
        if changed.model_copy(update={"parameters": scenario.parameters}) != scenario:
            return False
        if "power_change" in self.components:
            return not bool(np.any(compile_scenario(scenario).growth))
        return True


def ablation(component: str) -> Variant:
    """Return the variant that ablates one component (``no-<component>``)."""
    return Variant(f"no-{component}", (component,))


def no_dynamics() -> Variant:
    """Return the variant with every component ablated (:data:`NO_DYNAMICS`)."""
    return Variant(NO_DYNAMICS, tuple(COMPONENTS))


def ablation_set() -> tuple[Variant, ...]:
    """Return ``no-dynamics`` and each one-at-a-time ablation, in :data:`COMPONENTS` order."""
    return (no_dynamics(), *(ablation(c) for c in COMPONENTS))


#: The largest multiverse run as a full factorial (Steegen et al. 2016): past it, each option is
#: varied alone from the scenario's own specification (one at a time), which grows with the sum
#: of the options instead of their product.
MAX_FACTORIAL = 16


def main_value(scenario: Scenario, target: str) -> str | float | None:
    """Return the scenario's own value of a structural option (None: no single value)."""
    if target == "model.power_index":
        return scenario.scenario.power_index
    if target == "model.bargaining":
        models = {i.model for i in scenario.issues}
        return models.pop() if len(models) == 1 else None
    name = target.split(".", 1)[1]
    return float(scenario.parameters.get(name, PARAMETERS[name].default))


def _label(name: str, value: str | float) -> str:
    return f"{name}={value:g}" if isinstance(value, float | int) else f"{name}={value}"


def _same(a: str | float | None, b: str | float) -> bool:
    if a is None:
        return False
    if isinstance(a, str) or isinstance(b, str):
        return a == b
    return float(a) == float(b)


def multiverse_variants(scenario: Scenario) -> tuple[tuple[Variant, ...], str]:
    r"""Return the specifications of the scenario's multiverse and how they were chosen.

    Every combination of the structural uncertainties' choices (a full factorial) when there
    are at most :data:`MAX_FACTORIAL`, else each choice alone with every other option at the
    scenario's own value (one at a time). The scenario's own specification (the main one) is
    not among them.

    Returns
    -------
    variants : tuple of Variant
    design : {"factorial", "one-at-a-time", "none"}

    References
    ----------
    Steegen, S., Tuerlinckx, F., Gelman, A. & Vanpaemel, W. (2016). Increasing transparency
    through a multiverse analysis. *Perspectives on Psychological Science* 11(5), 702–712.
    doi:10.1177/1745691616658637.
    """
    structural = scenario.multiverse
    if not structural:
        return (), "none"
    main = {u.target: main_value(scenario, u.target) for u in structural}
    size = 1
    for u in structural:
        size *= len(u.choices or ())
    out: list[Variant] = []
    if size <= MAX_FACTORIAL:
        for combo in itertools.product(*(u.choices or () for u in structural)):
            if all(_same(main[u.target], v) for u, v in zip(structural, combo, strict=True)):
                continue
            name = ",".join(_label(u.name, v) for u, v in zip(structural, combo, strict=True))
            out.append(
                Variant(
                    name,
                    settings=tuple((u.target, v) for u, v in zip(structural, combo, strict=True)),
                )
            )
        return tuple(out), "factorial"
    for u in structural:
        for v in u.choices or ():
            if not _same(main[u.target], v):
                out.append(Variant(_label(u.name, v), settings=((u.target, v),)))
    return tuple(out), "one-at-a-time"


__all__ = [
    "COMPONENTS",
    "MAX_FACTORIAL",
    "NO_DYNAMICS",
    "Variant",
    "ablation",
    "ablation_set",
    "main_value",
    "multiverse_variants",
    "no_dynamics",
]
