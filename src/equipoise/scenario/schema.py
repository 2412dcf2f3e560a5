"""The scenario format: immutable pydantic v2 models of everything a scenario file holds.

A scenario describes a region: its actors, their capability indicators (each with a source),
the relations between them, the issues they bargain over, scheduled events, declared effects
(couplings), named interventions, declared uncertainties, and the claims that experts make
about it. The models here check each value on its own (types, ranges, patterns) and the
consistency inside one entry; references *between* sections (actor codes, issue ids,
intervention names, targets, metric names) are checked by :mod:`equipoise.scenario.references`
so that every problem of a file is reported at once.

See ``docs/scenario-format.md`` for the format with examples.
"""

from __future__ import annotations

import difflib
import re
from typing import Annotated, Any, Literal, Self

from pydantic import (
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    ValidationInfo,
    field_validator,
    model_validator,
)

from equipoise.errors import InputError, Problem
from equipoise.scenario.vocabulary import METRICS, RELATION_KINDS, SIGN_OF_KIND

FORMAT_VERSION = 1
#: The largest annual growth rate (in magnitude) a trend may give an indicator: 0.5 = 50 % a year.
MAX_GROWTH_RATE = 0.5

ACTOR_CODE = r"^[A-Z][A-Z0-9_]{1,11}$"
SLUG = r"^[a-z0-9][a-z0-9_.-]{0,63}$"

T_ActorCode = Annotated[
    str,
    Field(
        pattern=ACTOR_CODE,
        description="Actor code: ISO 3166-1 alpha-3 for a state (USA, JPN), else 2–12 capitals.",
    ),
]
T_Slug = Annotated[
    str,
    Field(pattern=SLUG, description="Identifier: lowercase letters, digits, '-', '_', '.'."),
]
T_Year = Annotated[int, Field(ge=1816, le=2200, description="Calendar year.")]
T_Unit = Annotated[float, Field(ge=0.0, le=1.0)]
T_Weight = Annotated[float, Field(ge=-1.0, le=1.0)]
T_Position = Annotated[float, Field(ge=0.0, le=100.0)]
T_Source = Annotated[str, Field(min_length=3, description="Where the number comes from.")]


class _Model(BaseModel):
    """Base of every scenario model: immutable, unknown fields rejected."""

    model_config = ConfigDict(
        frozen=True,
        extra="forbid",
        str_strip_whitespace=True,
        validate_default=True,
        # NaN and infinity are never a valid input (TOML allows nan and inf literals): each
        # is refused where it is written, instead of crashing a run or being clipped
        allow_inf_nan=False,
    )


# --------------------------------------------------------------------------------------------
# evidence of drafted items (equipoise extract)


class Evidence(_Model):
    """Where in a text an item drafted by ``equipoise extract`` comes from.

    ``span`` is ``[start, end)`` in characters of the file as read (UTF-8, newlines kept).
    ``confidence`` is the ordinal confidence of the rule that found the item (see
    ``docs/text.md``), not a calibrated probability.
    """

    file: str = Field(min_length=1, description="The text file the item was read from.")
    span: tuple[Annotated[int, Field(ge=0)], Annotated[int, Field(ge=0)]]
    quote: str = Field(min_length=1, description="The characters of the span.")
    rule: str = Field(min_length=1, description="The rule or model that found the item.")
    confidence: T_Unit = 0.5
    found: str = Field(default="", description="What the rule read there (kind, sign...).")

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.span[1] < self.span[0]:
            raise ValueError(f"span must be [start, end] with start <= end, got {list(self.span)}")
        return self


T_Evidence = Annotated[
    tuple[Evidence, ...], Field(default=(), description="Text evidence (drafted items).")
]
T_Draft = Annotated[
    bool | None,
    Field(default=None, description="True: drafted from a text, not yet reviewed."),
]


# --------------------------------------------------------------------------------------------
# metadata and actors


class Metadata(_Model):
    """Name, description and the simulation clock of a scenario."""

    name: T_Slug = Field(description="Short name used on the command line.")
    title: str = Field(default="", description="Human-readable title.")
    description: str = Field(default="", description="What the scenario is about.")
    start_year: T_Year = Field(description="First simulated year.")
    # at least a day: a step of 1e-308 years made horizon / time_step infinite (a hypothesis
    # find), and steps shorter than a day are beyond anything the yearly data can inform
    time_step: float = Field(
        default=1.0, ge=1 / 366, le=10.0, description="Step length in years (a day to 10 years)."
    )
    horizon: int = Field(default=10, ge=1, le=200, description="Years simulated after start.")
    seed: int = Field(default=0, ge=0, lt=2**63, description="Seed of the random numbers.")
    power_index: Literal["cinc", "weighted", "gdp", "gdp_x_gdppc"] = Field(
        default="cinc", description="Which capability index gives each actor's power."
    )
    history_from: T_Year | None = Field(
        default=None, description="Earliest year of the history the scenario documents."
    )
    sources: tuple[str, ...] = Field(default=(), description="General sources of the scenario.")

    @model_validator(mode="after")
    def _history_before_start(self) -> Self:
        if self.history_from is not None and self.history_from > self.start_year:
            raise ValueError(
                f"history_from ({self.history_from}) must not be after start_year "
                f"({self.start_year})"
            )
        return self


class Actor(_Model):
    """A player: a state, an international organisation or a bloc."""

    code: T_ActorCode
    name: str = Field(min_length=1)
    kind: Literal["state", "organisation", "bloc"] = "state"
    aliases: tuple[str, ...] = Field(default=(), description="Other names used in texts.")
    members: tuple[T_ActorCode, ...] = Field(
        default=(), description="Member actors (organisations and blocs only)."
    )
    note: str = ""
    evidence: T_Evidence = ()
    draft: T_Draft = None

    @model_validator(mode="after")
    def _state_code_is_iso3(self) -> Self:
        if self.kind == "state" and not re.fullmatch(r"[A-Z]{3}", self.code):
            raise ValueError(
                f"a state's code must be its ISO 3166-1 alpha-3 code (three capital letters), "
                f"got {self.code!r}"
            )
        if self.kind == "state" and self.members:
            raise ValueError("a state has no members; use kind = 'organisation' or 'bloc'")
        return self


# --------------------------------------------------------------------------------------------
# indicators and trends


class Indicator(_Model):
    """Values of one indicator in one year for several actors, from one source.

    ``sources`` may give another source for single actors (e.g. SIPRI for one state's
    military expenditure where COW has none).
    """

    name: T_Slug = Field(description="Indicator name, e.g. milex, tpop, gdp.")
    year: T_Year
    unit: str = Field(min_length=1)
    source: T_Source
    values: dict[T_ActorCode, float] = Field(min_length=1)
    sources: dict[T_ActorCode, T_Source] = Field(default_factory=dict)
    note: str = ""

    @field_validator("values")
    @classmethod
    def _finite(cls, values: dict[str, float]) -> dict[str, float]:
        for actor, value in values.items():
            if value != value or value in (float("inf"), float("-inf")):
                raise ValueError(f"value for {actor} must be a finite number, got {value}")
        return values

    @model_validator(mode="after")
    def _sources_name_values(self) -> Self:
        extra = sorted(set(self.sources) - set(self.values))
        if extra:
            raise ValueError(f"sources given for actors without a value: {', '.join(extra)}")
        return self


class Trend(_Model):
    """Annual growth of an indicator per actor, either typed in or derived from two years.

    With ``method = "rate"`` the ``rates`` (fractions per year, 0.02 = 2 %) are used as given,
    with their ``source``. With ``method = "cagr"`` the rate is the compound annual growth
    between the indicator's values in ``from_year`` and ``to_year`` (both must be in the
    scenario), so the trend is derived from sourced numbers.
    """

    indicator: T_Slug
    method: Literal["rate", "cagr"] = "rate"
    rates: dict[T_ActorCode, Annotated[float, Field(ge=-MAX_GROWTH_RATE, le=MAX_GROWTH_RATE)]] = (
        Field(default_factory=dict)
    )
    from_year: T_Year | None = None
    to_year: T_Year | None = None
    source: T_Source
    note: str = ""

    @model_validator(mode="after")
    def _method_fields(self) -> Self:
        if self.method == "rate" and not self.rates:
            raise ValueError("method 'rate' needs 'rates' (fraction per year for each actor)")
        if self.method == "cagr":
            if self.from_year is None or self.to_year is None:
                raise ValueError("method 'cagr' needs 'from_year' and 'to_year'")
            if self.from_year >= self.to_year:
                raise ValueError(
                    f"from_year ({self.from_year}) must be before to_year ({self.to_year})"
                )
        return self


# --------------------------------------------------------------------------------------------
# relations and ties


class Relation(_Model):
    """A signed, weighted relation between two actors.

    ``weight`` is in [-1, 1]: +1 the closest alliance, -1 open hostility. Alliances are
    commitments: their weight changes only by an event or intervention. ``bounds`` keeps a
    relation inside a band (Russia–China: "more than a strategic partnership, less than a
    military alliance").
    """

    pair: tuple[T_ActorCode, T_ActorCode]
    kind: str = Field(description="One of " + ", ".join(sorted(RELATION_KINDS)) + ".")
    weight: T_Weight
    since: T_Year | None = None
    source: T_Source
    directed: bool = Field(default=False, description="True: the relation of pair[0] to pair[1].")
    commitment: bool | None = Field(
        default=None, description="Fixed unless an event changes it (default: alliances)."
    )
    bounds: tuple[T_Weight, T_Weight] | None = None
    note: str = ""
    evidence: T_Evidence = ()
    draft: T_Draft = None

    @field_validator("kind")
    @classmethod
    def _known_kind(cls, kind: str) -> str:
        if kind not in RELATION_KINDS:
            close = difflib.get_close_matches(kind, sorted(RELATION_KINDS), n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            raise ValueError(
                "must be one of "
                + ", ".join(repr(k) for k in sorted(RELATION_KINDS))
                + f", got {kind!r}{hint}"
            )
        return kind

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        a, b = self.pair
        if a == b:
            raise ValueError(f"a relation needs two different actors, got {a!r} twice")
        sign = SIGN_OF_KIND.get(self.kind, 0)
        if sign > 0 and self.weight < 0:
            raise ValueError(f"a {self.kind} must have a weight >= 0, got {self.weight}")
        if sign < 0 and self.weight > 0:
            raise ValueError(f"a {self.kind} must have a weight <= 0, got {self.weight}")
        if self.bounds is not None:
            low, high = self.bounds
            if low > high:
                raise ValueError(
                    f"bounds must be [lower, upper] with lower <= upper, got {list(self.bounds)}"
                )
            if not low <= self.weight <= high:
                raise ValueError(
                    f"weight {self.weight} lies outside its bounds {list(self.bounds)}"
                )
        return self

    @property
    def is_commitment(self) -> bool:
        """Whether the relation is fixed unless an event changes it."""
        return self.kind == "alliance" if self.commitment is None else self.commitment

    @property
    def key(self) -> str:
        """``A-B`` with the codes sorted (undirected) or as given (directed)."""
        a, b = self.pair
        return f"{a}-{b}" if self.directed or a < b else f"{b}-{a}"


class Tie(_Model):
    """Declared economic dependence of one actor on another, in [0, 1]."""

    of: T_ActorCode = Field(description="The dependent actor.")
    on: T_ActorCode = Field(description="The actor it depends on.")
    value: T_Unit
    kind: str = Field(default="trade", min_length=1)
    year: T_Year | None = None
    source: T_Source
    note: str = ""

    @model_validator(mode="after")
    def _two_actors(self) -> Self:
        if self.of == self.on:
            raise ValueError(f"a tie needs two different actors, got {self.of!r} twice")
        return self


# --------------------------------------------------------------------------------------------
# issues


class IssuePosition(_Model):
    """Where one actor stands on an issue, how much it cares, and how much it can weigh in."""

    actor: T_ActorCode
    position: T_Position
    salience: T_Unit
    clout: float | None = Field(
        default=None,
        ge=0.0,
        le=1e30,  # docs/scenario-format.md, "Limits": keeps the bargaining sums finite
        description="Capability on this issue; default: the actor's power.",
    )
    note: str = ""


class Issue(_Model):
    """An issue the actors bargain over: a 0–100 continuum with the meaning of both ends."""

    id: T_Slug
    name: str = Field(min_length=1)
    description: str = ""
    low: str = Field(min_length=1, description="What a position of 0 means.")
    high: str = Field(min_length=1, description="What a position of 100 means.")
    model: Literal["eu", "compromise", "median"] = "eu"
    status_quo: T_Position | None = None
    positions: tuple[IssuePosition, ...] = Field(min_length=2)
    source: str = ""
    note: str = ""

    @model_validator(mode="after")
    def _unique_actors(self) -> Self:
        seen: set[str] = set()
        for p in self.positions:
            if p.actor in seen:
                raise ValueError(f"actor {p.actor} has more than one position on this issue")
            seen.add(p.actor)
        return self


# --------------------------------------------------------------------------------------------
# changes: events, effects, interventions


class Change(_Model):
    """One change to a target: exactly one of ``set``, ``add`` or ``scale``.

    Targets are dotted paths (see :mod:`equipoise.scenario.targets`), e.g.
    ``relations.JPN-RUS.weight``, ``issues.kurils.positions.JPN.salience``,
    ``indicators.gdp.CHN``, ``trends.gdp.CHN``, ``ties.RUS-CHN.value``,
    ``parameters.balance_rate``.
    """

    target: str = Field(min_length=3)
    set: float | bool | str | None = None
    add: float | None = None
    scale: float | None = Field(default=None, ge=0.0)

    @model_validator(mode="after")
    def _exactly_one(self) -> Self:
        given = [k for k in ("set", "add", "scale") if getattr(self, k) is not None]
        if len(given) != 1:
            raise ValueError(
                "a change needs exactly one of 'set', 'add' or 'scale'"
                + (f", got {', '.join(given)}" if given else "")
            )
        return self

    @property
    def op(self) -> Literal["set", "add", "scale"]:
        """The operation this change performs."""
        if self.set is not None:
            return "set"
        return "add" if self.add is not None else "scale"


class Event(_Model):
    """Something that happens at a time and changes the system.

    Events dated before the scenario's ``start_year`` are history: the baseline numbers
    already reflect them; they are listed for the record and can be reverted by an
    intervention (a counterfactual) through ``revert``.
    """

    id: T_Slug
    name: str = Field(min_length=1)
    year: T_Year
    month: int | None = Field(default=None, ge=1, le=12)
    description: str = ""
    changes: tuple[Change, ...] = ()
    source: T_Source
    note: str = ""
    evidence: T_Evidence = ()
    draft: T_Draft = None


class Condition(_Model):
    """When a declared effect fires: a target passes a threshold."""

    target: str = Field(
        min_length=3,
        description="issues.ID.outcome, relations.A-B.weight, indicators.NAME.ACTOR or power.ACTOR",
    )
    above: float | None = None
    below: float | None = None

    @model_validator(mode="after")
    def _one_threshold(self) -> Self:
        if (self.above is None) == (self.below is None):
            raise ValueError("a condition needs exactly one of 'above' or 'below'")
        return self


class Effect(_Model):
    """A declared coupling: when a condition holds, apply changes.

    ``mode = "once"`` applies the changes the first time the condition holds; ``"while"``
    applies them at every step while it holds (a drift).
    """

    id: T_Slug
    description: str = ""
    when: Condition
    changes: tuple[Change, ...] = Field(min_length=1)
    mode: Literal["once", "while"] = "once"
    source: str = ""
    note: str = ""


class Intervention(_Model):
    """A named what-if: changes applied at a year, and optionally historical events undone."""

    name: T_Slug
    description: str = ""
    year: T_Year
    changes: tuple[Change, ...] = ()
    revert: tuple[T_Slug, ...] = Field(default=(), description="Ids of events to undo.")
    source: str = ""
    note: str = ""
    evidence: T_Evidence = ()
    draft: T_Draft = None

    @model_validator(mode="after")
    def _does_something(self) -> Self:
        if not self.changes and not self.revert:
            raise ValueError("an intervention needs 'changes' or 'revert' (or both)")
        return self


# --------------------------------------------------------------------------------------------
# uncertainties and claims


def _check_family(d: Uncertainty | Distribution) -> None:
    """Check that a distribution has exactly its family's parameters, in order (ValueError)."""
    need = {
        "uniform": ("low", "high"),
        "normal": ("mean", "sd"),
        "triangular": ("low", "mode", "high"),
        "choice": ("choices",),
    }[d.distribution]
    allowed = set(need) | ({"weights"} if d.distribution == "choice" else set())
    missing = [k for k in need if getattr(d, k) is None]
    if missing:
        raise ValueError(
            f"a {d.distribution} distribution needs {', '.join(need)}; missing {', '.join(missing)}"
        )
    extra = [
        k
        for k in ("low", "high", "mode", "mean", "sd", "choices", "weights")
        if k not in allowed and getattr(d, k) is not None
    ]
    if extra:
        raise ValueError(
            f"a {d.distribution} distribution takes {', '.join(sorted(allowed))}; "
            f"remove {', '.join(extra)}"
        )
    if d.low is not None and d.high is not None and d.low >= d.high:
        raise ValueError(f"low ({d.low}) must be less than high ({d.high})")
    if (
        d.mode is not None
        and d.low is not None
        and d.high is not None
        and not d.low <= d.mode <= d.high
    ):
        raise ValueError(f"mode ({d.mode}) must lie between low and high")


def _check_choices(d: Uncertainty | Distribution) -> None:
    """Check a choice's options and weights (ValueError)."""
    if d.choices is None:
        return
    if len(d.choices) < 2:
        raise ValueError("a choice needs at least two choices")
    if d.weights is not None:
        if len(d.weights) != len(d.choices):
            raise ValueError(
                f"weights ({len(d.weights)}) and choices ({len(d.choices)}) "
                "must have the same length"
            )
        if sum(d.weights) <= 0:
            raise ValueError("weights must not all be zero")


class Uncertainty(_Model):
    """A declared uncertainty: a distribution over one target.

    The sampled value is applied to the target with ``apply`` (``set`` replaces the value,
    ``add`` shifts it, ``scale`` multiplies it).

    With ``multiverse = true`` the uncertainty is *structural*: a ``choice`` between modelling
    options (``model.power_index``, ``model.bargaining``, or a ``parameters.NAME``) that is
    not sampled per member; each choice is a model variant run over the same members
    (``equipoise claims --robustness``; ``docs/models/experiments.md``, "Multiverse").
    """

    name: T_Slug
    target: str = Field(min_length=3)
    distribution: Literal["uniform", "normal", "triangular", "choice"]
    low: float | None = None
    high: float | None = None
    mode: float | None = None
    mean: float | None = None
    sd: float | None = Field(default=None, gt=0.0)
    choices: tuple[float | str, ...] | None = None
    weights: tuple[Annotated[float, Field(ge=0.0)], ...] | None = None
    apply: Literal["set", "add", "scale"] = "set"
    multiverse: bool = Field(
        default=False,
        description="A structural choice between model options, run as variants, not sampled.",
    )
    source: str = ""
    note: str = ""

    @model_validator(mode="after")
    def _parameters(self) -> Self:
        _check_family(self)
        if self.multiverse:
            if self.distribution != "choice":
                raise ValueError(
                    "a multiverse uncertainty is a choice between options: use "
                    "distribution = 'choice' with choices"
                )
            if self.apply != "set":
                raise ValueError("a multiverse uncertainty sets its option: remove apply")
            if self.weights is not None:
                raise ValueError(
                    "the options of a multiverse are not weighted (each variant counts once): "
                    "remove weights"
                )
            if len(set(self.choices or ())) != len(self.choices or ()):
                raise ValueError("the choices of a multiverse must differ from each other")
        elif self.choices is not None and any(isinstance(c, str) for c in self.choices):
            raise ValueError(
                "the choices of a sampled uncertainty must be numbers; named options "
                "(e.g. a power index) need multiverse = true"
            )
        _check_choices(self)
        return self


class Distribution(_Model):
    """A distribution of an effect size (a shock's change): the families of uncertainties.

    ``uniform`` (``low``, ``high``), ``normal`` (``mean``, ``sd``), ``triangular`` (``low``,
    ``mode``, ``high``) or ``choice`` (``choices`` with optional ``weights``).
    """

    distribution: Literal["uniform", "normal", "triangular", "choice"]
    low: float | None = None
    high: float | None = None
    mode: float | None = None
    mean: float | None = None
    sd: float | None = Field(default=None, gt=0.0)
    choices: tuple[float, ...] | None = None
    weights: tuple[Annotated[float, Field(ge=0.0)], ...] | None = None

    @model_validator(mode="after")
    def _parameters(self) -> Self:
        _check_family(self)
        _check_choices(self)
        return self

    @property
    def support(self) -> tuple[float, float]:
        """The smallest and largest value the distribution can give."""
        if self.distribution == "normal":
            return float("-inf"), float("inf")
        if self.choices is not None:
            return min(self.choices), max(self.choices)
        assert self.low is not None and self.high is not None
        return self.low, self.high


def _size_tag(value: Any) -> str:
    """Return the union member an effect size is: a table is a distribution, else a number."""
    if isinstance(value, dict | Distribution):
        return "distribution"
    return "bool" if isinstance(value, bool) else "float"


#: An effect size: a number, or a distribution sampled for each occurrence.
T_Size = Annotated[
    Annotated[float, Tag("float")] | Annotated[Distribution, Tag("distribution")],
    Discriminator(_size_tag),
]
T_SetSize = Annotated[
    Annotated[bool, Tag("bool")]
    | Annotated[float, Tag("float")]
    | Annotated[Distribution, Tag("distribution")],
    Discriminator(_size_tag),
]

#: The placeholder of a shock's change target for the actor the occurrence hits.
ACTOR_PLACEHOLDER = "{actor}"


class ShockChange(_Model):
    """One change a shock applies: a target and exactly one of ``set``, ``add`` or ``scale``.

    The target grammar is that of events (:mod:`equipoise.scenario.targets`); ``{actor}`` in it
    stands for the actor the occurrence hits (shocks with ``actors``). The size is a number or
    a :class:`Distribution`, drawn anew for each occurrence. ``source`` says where the size
    comes from (a study, or an analyst's assumption and why).
    """

    target: str = Field(min_length=3)
    set: T_SetSize | None = None
    add: T_Size | None = None
    scale: T_Size | None = None
    source: T_Source
    note: str = ""

    @field_validator("scale")
    @classmethod
    def _scale_not_negative(cls, value: float | Distribution | None) -> float | Distribution | None:
        low = value.support[0] if isinstance(value, Distribution) else value
        if low is not None and low < 0:
            raise ValueError(
                "a scale must not be negative"
                + (": its distribution reaches below 0" if isinstance(value, Distribution) else "")
            )
        return value

    @model_validator(mode="after")
    def _exactly_one(self) -> Self:
        given = [k for k in ("set", "add", "scale") if getattr(self, k) is not None]
        if len(given) != 1:
            raise ValueError(
                "a change needs exactly one of 'set', 'add' or 'scale'"
                + (f", got {', '.join(given)}" if given else "")
            )
        return self

    @property
    def op(self) -> Literal["set", "add", "scale"]:
        """The operation this change performs."""
        if self.set is not None:
            return "set"
        return "add" if self.add is not None else "scale"

    @property
    def size(self) -> float | bool | Distribution:
        """The size: a number (or boolean, for a commitment) or a distribution."""
        value = getattr(self, self.op)
        assert value is not None
        return value  # type: ignore[no-any-return]


class Shock(_Model):
    r"""A stochastic process the scenario cannot foresee: when it strikes, changes apply.

    ``kind = "hazard"``: a Bernoulli process with the annual probability ``rate``; in a step of
    :math:`\Delta t` years it occurs with :math:`p = 1 - (1 - \text{rate})^{\Delta t}` (the
    probability of at least one event of a Poisson process of intensity
    :math:`\lambda = -\ln(1 - \text{rate})`). ``kind = "scheduled"``: at each of ``at_years``
    (fractional years allowed: 2024.85 is early November) it occurs with ``probability``.

    With ``actors``, an occurrence hits one of them drawn uniformly (``pick = "one"``), each of
    them independently with the rate or probability (``pick = "each"``, a rate per
    actor-year), or all of them at once (``pick = "all"``, a region-wide shock such as a
    pandemic); ``{actor}`` in a change target stands for the actor hit. With ``duration``
    (years) each occurrence is undone that long after by the inverse change (``add -x``,
    ``scale 1/x``), as an intervention reverts an event. ``source`` says where the rate comes
    from. See ``docs/models/simulation.md``.
    """

    name: T_Slug
    description: str = ""
    kind: Literal["hazard", "scheduled"]
    rate: float | None = Field(
        default=None, ge=0.0, le=1.0, description="Probability of an occurrence in a year."
    )
    at_years: tuple[Annotated[float, Field(ge=1816, le=2200)], ...] | None = Field(
        default=None, description="When a scheduled shock may occur (fractional years)."
    )
    probability: T_Unit | None = Field(
        default=None, description="Probability of occurring at each of at_years."
    )
    actors: tuple[T_ActorCode, ...] = Field(default=(), description="Actors it can hit.")
    pick: Literal["one", "each", "all"] = Field(
        default="one",
        description="one: one actor drawn per occurrence; each: each independently; all: every "
        "actor at once.",
    )
    changes: tuple[ShockChange, ...] = Field(min_length=1)
    duration: float | None = Field(
        default=None, gt=0.0, le=200.0, description="Years after which an occurrence is undone."
    )
    source: T_Source
    note: str = ""

    @field_validator("rate")
    @classmethod
    def _rate_for_hazard(cls, value: float | None, info: ValidationInfo) -> float | None:
        kind = info.data.get("kind")
        if kind == "hazard" and value is None:
            raise ValueError("a hazard shock needs 'rate' (its probability per year, 0 to 1)")
        if kind == "scheduled" and value is not None:
            raise ValueError("a scheduled shock takes 'at_years' and 'probability', not 'rate'")
        return value

    @field_validator("at_years")
    @classmethod
    def _years_for_scheduled(
        cls, value: tuple[float, ...] | None, info: ValidationInfo
    ) -> tuple[float, ...] | None:
        kind = info.data.get("kind")
        if kind == "scheduled" and not value:
            raise ValueError("a scheduled shock needs 'at_years' (at least one year)")
        if kind == "hazard" and value is not None:
            raise ValueError("a hazard shock takes 'rate', not 'at_years'")
        if value is not None and len(set(value)) != len(value):
            raise ValueError(f"at_years must not repeat a year, got {list(value)}")
        return value

    @field_validator("probability")
    @classmethod
    def _probability_for_scheduled(cls, value: float | None, info: ValidationInfo) -> float | None:
        kind = info.data.get("kind")
        if kind == "scheduled" and value is None:
            raise ValueError("a scheduled shock needs 'probability' (of occurring at each year)")
        if kind == "hazard" and value is not None:
            raise ValueError("a hazard shock takes 'rate', not 'probability'")
        return value

    @field_validator("actors")
    @classmethod
    def _unique_actors(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        twice = sorted({a for a in value if value.count(a) > 1})
        if twice:
            raise ValueError(f"actors must not repeat, got {', '.join(twice)} twice")
        return value

    @field_validator("pick")
    @classmethod
    def _pick_needs_actors(cls, value: str, info: ValidationInfo) -> str:
        if value != "one" and not info.data.get("actors"):
            raise ValueError(f"pick = {value!r} needs 'actors' (the actors it hits)")
        return value

    @field_validator("duration")
    @classmethod
    def _revertible(cls, value: float | None, info: ValidationInfo) -> float | None:
        if value is None:
            return value
        for k, change in enumerate(info.data.get("changes") or ()):
            if change.op == "set":
                raise ValueError(
                    f"changes[{k}] uses 'set', which cannot be undone after a duration: give "
                    "the change as 'add' or 'scale', or drop 'duration'"
                )
            if change.op == "scale" and _low(change.size) <= 0:
                raise ValueError(
                    f"changes[{k}] scales by a factor that can be 0, which cannot be undone "
                    "after a duration"
                )
        return value

    @property
    def targets_actor(self) -> bool:
        """Whether a change target names the actor hit (``{actor}``)."""
        return any(ACTOR_PLACEHOLDER in ch.target for ch in self.changes)


def _low(size: float | bool | Distribution) -> float:
    return size.support[0] if isinstance(size, Distribution) else float(size)


class Claim(_Model):
    """A proposition an expert makes, in a form the model can check.

    The claim is: under ``condition`` (an intervention; none = the baseline), ``metric`` for
    ``actors`` moves as ``expect`` says by ``horizon`` years after the start. ``expect``
    ``increase``/``decrease`` compares with the baseline run of the same ensemble member
    (``compare = "baseline"``, paired; needs a condition) or with the value at the start
    (``compare = "start"``); ``above``/``below`` compare with ``threshold``.
    """

    id: T_Slug
    statement: str = Field(min_length=1, description="The claim in one sentence.")
    quote: str = Field(min_length=1, description="The words of the source.")
    source: str = Field(min_length=1, description="The text the quote comes from.")
    holders: tuple[str, ...] = Field(min_length=1, description="Who holds the claim.")
    condition: T_Slug | None = Field(default=None, description="Intervention name, or none.")
    metric: str
    actors: tuple[T_ActorCode, ...] = ()
    issue: T_Slug | None = Field(default=None, description="For the issue_outcome metric.")
    expect: Literal["increase", "decrease", "above", "below"]
    threshold: float | None = None
    compare: Literal["baseline", "start"] | None = None
    horizon: int = Field(default=10, ge=1, le=200, description="Years after start_year.")
    aggregate: Literal["all", "mean"] = Field(
        default="all", description="With several actors: all must hold, or their mean."
    )
    contradicts: tuple[T_Slug, ...] = Field(default=(), description="Claims this one disputes.")
    min_effect: float | None = Field(
        default=None,
        ge=0.0,
        allow_inf_nan=False,
        description="Smallest change that counts for increase/decrease (default: the metric's).",
    )
    note: str = ""
    evidence: T_Evidence = ()
    draft: T_Draft = None
    confidence: float | None = Field(
        default=None,
        ge=0.0,
        le=1.0,
        description="The probability the holders give the claim (set from confidence_words "
        "by the documented rule when absent).",
    )
    confidence_words: str | None = Field(
        default=None,
        min_length=1,
        description="The holders' words of likelihood ('will', 'believe', 'could', "
        "'unlikely'...); see equipoise.scenario.confidence.",
    )

    @field_validator("confidence_words")
    @classmethod
    def _known_words(cls, words: str | None) -> str | None:
        from equipoise.scenario.confidence import WORDS, normalise_words

        if words is None:
            return None
        key = normalise_words(words)
        if key not in WORDS:
            close = difflib.get_close_matches(key, sorted(WORDS), n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            raise ValueError(
                f"words {words!r} are not in the rule (docs/models/scores.md){hint}; known: "
                + ", ".join(repr(w) for w in WORDS)
                + " — or give confidence as a number"
            )
        return key

    @property
    def declared_probability(self) -> float | None:
        """The holders' probability: ``confidence``, else the rule's value of the words."""
        from equipoise.scenario.confidence import WORDS

        if self.confidence is not None:
            return self.confidence
        return WORDS[self.confidence_words] if self.confidence_words else None

    @field_validator("metric")
    @classmethod
    def _known_metric(cls, metric: str) -> str:
        if metric not in METRICS:
            close = difflib.get_close_matches(metric, sorted(METRICS), n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            raise ValueError(
                "must be one of "
                + ", ".join(repr(m) for m in sorted(METRICS))
                + f", got {metric!r}{hint}"
            )
        return metric

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        spec = METRICS[self.metric]
        if spec.arity == 0 and self.actors:
            raise ValueError(f"metric {self.metric!r} is system-wide and takes no actors")
        if (
            spec.arity >= 1
            and spec.arity != len(self.actors)
            and not (spec.arity == 1 and len(self.actors) >= 1)
        ):
            raise ValueError(
                f"metric {self.metric!r} takes {spec.arity} actors ({spec.actors_help}), "
                f"got {len(self.actors)}"
            )
        if self.metric == "issue_outcome" and self.issue is None:
            raise ValueError("metric 'issue_outcome' needs 'issue'")
        if self.metric != "issue_outcome" and self.issue is not None:
            raise ValueError("'issue' is only used with metric 'issue_outcome'")
        if self.expect in ("above", "below"):
            if self.threshold is None:
                raise ValueError(f"expect = {self.expect!r} needs a 'threshold'")
            if self.compare is not None:
                raise ValueError(
                    f"expect = {self.expect!r} compares with the threshold; drop 'compare'"
                )
        else:
            if self.threshold is not None:
                raise ValueError(f"expect = {self.expect!r} takes no 'threshold'")
            if self.compare is None:
                raise ValueError(
                    f"expect = {self.expect!r} needs compare = 'baseline' (against the run "
                    "without the condition) or 'start' (against the start year)"
                )
            if self.compare == "baseline" and self.condition is None:
                raise ValueError("compare = 'baseline' needs a 'condition' (an intervention)")
        return self

    @property
    def comparison(self) -> Literal["baseline", "start", "threshold"]:
        """What the claim's metric is compared against."""
        return "threshold" if self.compare is None else self.compare


# --------------------------------------------------------------------------------------------
# the scenario


class Scenario(_Model):
    """A whole scenario: the region, its dynamics, the what-ifs and the claims.

    Examples
    --------
    >>> s = Scenario(
    ...     scenario=Metadata(name="duo", start_year=2021),
    ...     actors=(Actor(code="USA", name="United States"), Actor(code="JPN", name="Japan")),
    ...     relations=(
    ...         Relation(pair=("USA", "JPN"), kind="alliance", weight=0.9, source="ATOP 5.1"),
    ...     ),
    ... )
    >>> s.actor_codes
    ('USA', 'JPN')
    """

    format: int = Field(default=FORMAT_VERSION, ge=1, le=FORMAT_VERSION)
    scenario: Metadata
    actors: tuple[Actor, ...] = Field(min_length=1)
    indicators: tuple[Indicator, ...] = ()
    trends: tuple[Trend, ...] = ()
    relations: tuple[Relation, ...] = ()
    ties: tuple[Tie, ...] = ()
    issues: tuple[Issue, ...] = ()
    events: tuple[Event, ...] = ()
    effects: tuple[Effect, ...] = ()
    interventions: tuple[Intervention, ...] = ()
    uncertainties: tuple[Uncertainty, ...] = ()
    claims: tuple[Claim, ...] = ()
    shocks: tuple[Shock, ...] = ()
    parameters: dict[str, float] = Field(
        default_factory=dict, description="Model parameters (see docs/scenario-format.md)."
    )

    @property
    def sampled_uncertainties(self) -> tuple[Uncertainty, ...]:
        """The uncertainties sampled per member (every one but the multiverse's)."""
        return tuple(u for u in self.uncertainties if not u.multiverse)

    @property
    def multiverse(self) -> tuple[Uncertainty, ...]:
        """The structural uncertainties (``multiverse = true``): model variants, not samples."""
        return tuple(u for u in self.uncertainties if u.multiverse)

    @property
    def actor_codes(self) -> tuple[str, ...]:
        """The actor codes in file order."""
        return tuple(a.code for a in self.actors)

    def actor(self, code: str) -> Actor:
        """Return the actor with ``code`` (KeyError if absent)."""
        for a in self.actors:
            if a.code == code:
                return a
        raise KeyError(code)

    def issue(self, issue_id: str) -> Issue:
        """Return the issue with ``issue_id`` (KeyError if absent)."""
        for i in self.issues:
            if i.id == issue_id:
                return i
        raise KeyError(issue_id)

    def intervention(self, name: str) -> Intervention:
        """Return the intervention called ``name`` (KeyError if absent)."""
        for i in self.interventions:
            if i.name == name:
                return i
        raise KeyError(name)

    @property
    def end_year(self) -> float:
        """The last simulated year."""
        return self.scenario.start_year + self.scenario.horizon

    def with_seed(self, seed: int | None) -> Scenario:
        """Return the scenario with another seed (itself for ``None`` or the same seed).

        The one meaning of ``--seed`` everywhere: it replaces the scenario's ``seed``, from
        which every random number of a run derives (:mod:`equipoise.random`).

        Raises
        ------
        InputError
            For a seed outside 0 … 2**63 − 1 (path ``seed``).
        """
        if seed is None or seed == self.scenario.seed:
            return self
        if not 0 <= seed < 2**63:
            raise InputError(Problem(f"must be between 0 and 2**63 - 1, got {seed}", path="seed"))
        return self.model_copy(update={"scenario": self.scenario.model_copy(update={"seed": seed})})

    def to_dict(self) -> dict[str, Any]:
        """Return the scenario as plain data (what a TOML file holds)."""
        return self.model_dump(mode="json", exclude_none=True, exclude_defaults=False)


__all__ = [
    "FORMAT_VERSION",
    "MAX_GROWTH_RATE",
    "Actor",
    "Change",
    "Claim",
    "Condition",
    "Distribution",
    "Effect",
    "Event",
    "Evidence",
    "Indicator",
    "Intervention",
    "Issue",
    "IssuePosition",
    "Metadata",
    "Relation",
    "Scenario",
    "Shock",
    "ShockChange",
    "Tie",
    "Trend",
    "Uncertainty",
]
