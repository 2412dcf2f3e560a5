"""The fixed vocabulary of the scenario format: relation kinds, metrics and model parameters.

One name for one concept across code, files, docs and UI: these tables are the single place
where the names that scenario files may use are declared.
"""

from __future__ import annotations

from dataclasses import dataclass

#: Relation kinds and the sign their weight must have (+1: >= 0, -1: <= 0, 0: either).
SIGN_OF_KIND: dict[str, int] = {
    "alliance": +1,  # a formal defence pact (ATOP defense = 1 / COW type I)
    "entente": +1,  # consultation pact (ATOP consul, COW entente)
    "strategic_partnership": +1,  # declared partnership short of alliance
    "partnership": +1,
    "cooperation": +1,
    "neutral": 0,
    "friction": 0,  # mixed relation with open disagreements
    "rivalry": -1,
    "dispute": -1,  # territorial or political dispute dominating the relation
    "sanctions": -1,
    "hostility": -1,
}
RELATION_KINDS: frozenset[str] = frozenset(SIGN_OF_KIND)


@dataclass(frozen=True, slots=True)
class MetricSpec:
    """A metric that claims can name: how many actors it takes and what it measures.

    ``min_effect`` is the smallest change of the metric that counts as a change: a claim that
    the metric rises (or falls) holds in a member only when the change is at least this large
    (a claim may set its own). ``min_effect_reason`` says where the number comes from.
    """

    arity: int
    actors_help: str
    description: str
    min_effect: float = 0.0
    min_effect_reason: str = ""


#: Metrics that claims may name (computed in :mod:`equipoise.metrics`).
METRICS: dict[str, MetricSpec] = {
    "polarity": MetricSpec(
        0, "none",
        "effective number of poles: weak-balance blocs (number chosen from the relations), each "
        "counted by how tightly its members are allied (1/pᵀZp); unaligned actors are poles",
        0.05,
        "a twentieth of a pole: what a shift of about 3 percentage points of power between two "
        "blocs changes (N = 1/Σs²: 60/40 → 63/37 moves N by 0.05)",
    ),
    "bipolarity": MetricSpec(
        0, "none",
        "cohesive power share of the two largest poles times their antagonism (0–1)", 0.01,
        "1 % of the 0–1 scale",
    ),
    "frustration": MetricSpec(
        0, "none",
        "share of power-weighted tie weight that violates weak balance under the blocs", 0.01,
        "1 % of the 0–1 scale",
    ),
    "strategic_space": MetricSpec(
        1, "one or more actors", "powers an actor can work with", 0.01,
        "1 % of the 0–1 scale: about one small power (a share of 0.01) more or less to work with",
    ),
    "power": MetricSpec(
        1, "one or more actors", "share of the region's power", 0.003,
        "the largest change of a regional CINC share that a data revision alone makes: NMC v5.0 "
        "→ v6.0 for 2012 moves China's share in the default scenario's 14 states by 0.0031 "
        "(mean 0.0004; ../shared/data/nmc_v5_2012.csv, nmc_v6_2012.csv)",
    ),
    "dependence": MetricSpec(
        2, "the dependent actor, then the one depended on", "dependence", 0.01,
        "1 % of the 0–1 scale (trade shares are declared to two digits)",
    ),
    "relation": MetricSpec(
        2, "the two actors of the relation", "relation weight in [-1, 1]", 0.05,
        "half the smallest increment of the default scenario's weight rule (0.10)",
    ),
    "same_bloc": MetricSpec(
        2, "two actors", "1 if the two actors are in the same weak-balance bloc, else 0", 0.5,
        "a change of bloc membership (the metric is 0 or 1)",
    ),
    "alignment": MetricSpec(
        3,
        "the actor, the first pole, the second pole",
        "alignment toward pole 1 (+1) vs pole 2 (-1)",
        0.05,
        "as for relations: half the weight rule's smallest increment",
    ),
    "issue_outcome": MetricSpec(
        0, "none (give 'issue')", "the forecast outcome of an issue", 2.5,
        "half the step of 5 points in which positions are declared on the 0–100 scale",
    ),
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class ParameterSpec:
    """A model parameter a scenario may set in ``[parameters]``."""

    default: float
    low: float
    high: float
    description: str


#: Model parameters with their defaults and allowed ranges (used by the time loop).
PARAMETERS: dict[str, ParameterSpec] = {
    "balance_rate": ParameterSpec(0.3, 0.0, 10.0, "speed of structural balancing per year"),
    "balance_power_exponent": ParameterSpec(
        1.0, 0.0, 4.0, "weight of third parties' power in balancing (0: all equal)"
    ),
    "affinity_rate": ParameterSpec(0.15, 0.0, 10.0, "pull toward issue-position affinity"),
    "inertia_rate": ParameterSpec(0.25, 0.0, 10.0, "pull back toward each dyad's baseline"),
    "bargaining_rounds": ParameterSpec(1.0, 0.0, 100.0, "bargaining rounds per simulated year"),
    "eu_q": ParameterSpec(1.0, 0.0, 1.0, "status-quo probability Q of the expected-utility model"),
    # share kappa of the drift that committed dyads (alliances) follow; 0 locks them. The
    # default scenario's value is the lead's decision: docs/models/alignment.md §5 argues for
    # a value well below 1 from Leeds & Savun (2007), J. Politics 69(4), 1118-1132.
    "commitment_rate": ParameterSpec(
        0.0, 0.0, 1.0, "share of the drift that alliances follow (0: locked until an event)"
    ),
    "bloc_threshold": ParameterSpec(0.1, 0.0, 1.0, "relations weaker than this are ignored"),
    "growth_noise": ParameterSpec(
        0.0, 0.0, 0.5, "sd of yearly lognormal shocks to indicator levels (0: deterministic)"
    ),
}

#: The structural options a multiverse uncertainty (``multiverse = true``) may choose between,
#: beside the numeric ``parameters.NAME`` (within the parameter's range): the capability index
#: of ``Metadata.power_index`` and the bargaining model of every issue (``Issue.model``).
MODEL_OPTIONS: dict[str, tuple[str, ...]] = {
    "model.power_index": ("cinc", "weighted", "gdp", "gdp_x_gdppc"),
    "model.bargaining": ("eu", "compromise", "median"),
}

__all__ = [
    "METRICS",
    "MODEL_OPTIONS",
    "PARAMETERS",
    "RELATION_KINDS",
    "SIGN_OF_KIND",
    "MetricSpec",
    "ParameterSpec",
]
