"""Outcomes: the value of a named metric for every member of a batch at one step.

Claims, sensitivity analysis and scenario discovery all ask for "metric M of actors A at year
Y". :class:`Outcome` names one such quantity; :func:`outcome_values` reads it off a
:class:`~equipoise.simulate.Trajectory`. The metric names are those of
:data:`equipoise.scenario.vocabulary.METRICS` (defined in ``docs/models/metrics.md``).

Outcomes can be written as text on the command line::

    dependence(RUS,CHN)@2031 > 0.6
    strategic_space(JPN)@2031
    polarity@2026 < 2.5
    issue_outcome(kurils-peace-treaty)@2031 > 50
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

import numpy as np
from numpy.typing import NDArray

from equipoise import metrics
from equipoise.errors import InputError, Problem, closest
from equipoise.scenario.schema import Scenario
from equipoise.scenario.vocabulary import METRICS
from equipoise.simulate import Trajectory

T_Float = NDArray[np.float64]

#: Metrics of one actor: a request for several actors gives one column per actor.
PER_ACTOR_METRICS = frozenset({"strategic_space", "power"})


@dataclass(frozen=True)
class Outcome:
    """A metric of some actors (or an issue) at a year, optionally compared with a threshold."""

    metric: str
    actors: tuple[str, ...] = ()
    issue: str | None = None
    year: float | None = None  # None: the last year
    op: Literal[">", "<", ">=", "<="] | None = None
    threshold: float | None = None

    @property
    def per_actor(self) -> bool:
        """Whether the values have one column per actor (a one-actor metric), else one per member."""
        return self.metric in PER_ACTOR_METRICS

    @property
    def label(self) -> str:
        """The outcome written as text."""
        args = self.issue if self.issue else ",".join(self.actors)
        text = self.metric + (f"({args})" if args else "")
        if self.year is not None:
            text += f"@{self.year:g}"
        if self.op is not None:
            text += f" {self.op} {self.threshold:g}"
        return text

    def holds(self, values: T_Float) -> NDArray[np.bool_]:
        """Return where ``values`` satisfy the comparison."""
        if self.op is None or self.threshold is None:
            raise ValueError(f"outcome {self.label!r} has no comparison")
        t = self.threshold
        return {">": values > t, "<": values < t, ">=": values >= t, "<=": values <= t}[self.op]


_OUTCOME = re.compile(
    r"^\s*(?P<metric>[a-z_]+)\s*(?:\((?P<args>[^)]*)\))?\s*(?:@\s*(?P<year>\d{4}(?:\.\d+)?))?"
    r"\s*(?:(?P<op>>=|<=|>|<)\s*(?P<value>[-+]?\d*\.?\d+(?:[eE][-+]?\d+)?))?\s*$"
)


def _closest(name: str, known: Iterable[str]) -> str:
    close = closest(name, known, cutoff=0.5)
    return f" (did you mean {close!r}?)" if close else ""


def parse_outcome(text: str, scenario: Scenario, *, what: str = "--outcome") -> Outcome:
    """Parse ``METRIC[(ARGS)][@YEAR] [OP VALUE]`` and check it against the scenario.

    Raises
    ------
    InputError
        Saying what is wrong and what is expected.
    """

    def bad(message: str) -> InputError:
        return InputError(Problem(f"{message} (in {text!r})", path=what))

    m = _OUTCOME.match(text)
    if m is None:
        raise bad("expected METRIC(ACTORS)@YEAR OP VALUE, e.g. 'dependence(RUS,CHN)@2031 > 0.6'")
    metric = m.group("metric")
    if metric not in METRICS:
        raise bad(
            f"unknown metric {metric!r}{_closest(metric, METRICS)}; one of "
            f"{', '.join(sorted(METRICS))}"
        )
    spec = METRICS[metric]
    args = [a.strip() for a in (m.group("args") or "").split(",") if a.strip()]
    issue = None
    actors: tuple[str, ...] = ()
    if metric == "issue_outcome":
        ids = [i.id for i in scenario.issues]
        if len(args) != 1 or args[0] not in ids:
            hint = _closest(args[0], ids) if len(args) == 1 else ""
            raise bad(f"issue_outcome needs one issue id{hint}: {', '.join(ids)}")
        issue = args[0]
    else:
        unknown = [a for a in args if a not in scenario.actor_codes]
        if unknown:
            hints = "".join(_closest(a, scenario.actor_codes) for a in unknown)
            raise bad(f"unknown actor(s) {', '.join(unknown)}{hints}")
        if spec.arity == 0 and args:
            raise bad(f"{metric} is system-wide and takes no actors")
        if spec.arity >= 2 and len(args) != spec.arity:
            raise bad(f"{metric} takes {spec.arity} actors ({spec.actors_help})")
        if spec.arity == 1 and not args:
            raise bad(f"{metric} needs at least one actor")
        actors = tuple(args)
    year = float(m.group("year")) if m.group("year") else None
    if year is not None and not (
        scenario.scenario.start_year
        <= year
        <= scenario.scenario.start_year + scenario.scenario.horizon
    ):
        raise bad(
            f"year must be within {scenario.scenario.start_year}–"
            f"{scenario.scenario.start_year + scenario.scenario.horizon}"
        )
    op = m.group("op")
    value = float(m.group("value")) if m.group("value") is not None else None
    return Outcome(metric, actors, issue, year, op, value)  # type: ignore[arg-type]


def outcome_values(tr: Trajectory, outcome: Outcome, *, step: int | None = None) -> T_Float:
    """Return the outcome's value for every member, shape (B,) or (B, n_actors) for 1-actor metrics.

    For a metric of one actor given several actors (``strategic_space(RUS,JPN)``) the result
    has one column per actor; every other metric gives one value per member.
    """
    evaluate = getattr(outcome, "evaluate", None)
    if callable(evaluate):  # an outcome that reads the trajectory itself (observables)
        return np.asarray(evaluate(tr), dtype=np.float64)
    if step is None:
        step = tr.n_steps if outcome.year is None else tr.step_of(outcome.year)
    pos = {code: i for i, code in enumerate(tr.actors)}
    metric = outcome.metric
    if metric in ("polarity", "bipolarity", "frustration"):
        values = getattr(tr, metric)[:, step]
        if np.isnan(values).any():
            raise ValueError(f"blocs were not computed at step {step}")
        return np.asarray(values, dtype=np.float64)
    if metric == "issue_outcome":
        return np.asarray(
            tr.forecast[:, step, tr.issues.index(outcome.issue or "")], dtype=np.float64
        )
    idx = [pos[a] for a in outcome.actors]
    if outcome.per_actor:
        return np.asarray(getattr(tr, metric)[:, step][:, idx], dtype=np.float64)
    if metric == "dependence":
        return np.asarray(tr.dependence[:, step, idx[0], idx[1]], dtype=np.float64)
    if metric == "relation":
        return np.asarray(tr.relations_at(step)[:, idx[0], idx[1]], dtype=np.float64)
    if metric == "same_bloc":
        blocs = tr.blocs[:, step]
        if np.any(blocs == -2):
            raise ValueError(f"blocs were not computed at step {step}")
        a, b = blocs[:, idx[0]], blocs[:, idx[1]]
        same: T_Float = ((a == b) & (a >= 0)).astype(np.float64)
        return same
    if metric == "alignment":
        R = tr.relations_at(step)
        return np.asarray(
            metrics.alignment(R, tr.power[:, step], toward=idx[1], against=idx[2])[:, idx[0]],
            dtype=np.float64,
        )
    raise ValueError(f"unknown metric {metric!r}")  # pragma: no cover


def needs_blocs(metric: str) -> bool:
    """Whether a metric needs the blocs (an integer program per member and step)."""
    return metric in ("polarity", "bipolarity", "frustration", "same_bloc")


# --------------------------------------------------------------------------------------------
# the outcome sets the plans follow


def years(s: Scenario) -> list[float]:
    """Return the years of the scenario's steps, start year first."""
    dt = s.scenario.time_step
    steps = max(1, round(s.scenario.horizon / dt))
    return [s.scenario.start_year + dt * t for t in range(steps + 1)]


def dependence_pairs(s: Scenario) -> list[tuple[str, str]]:
    """Return the pairs whose dependence is followed over time: declared ties, then claims'."""
    pairs = [(t.of, t.on) for t in s.ties]
    pairs += [
        (c.actors[0], c.actors[1])
        for c in s.claims
        if c.metric == "dependence" and len(c.actors) == 2
    ]
    return list(dict.fromkeys(pairs))


def yearly_outcomes(s: Scenario) -> tuple[Outcome, ...]:
    """Return what an ensemble summarises at every step.

    Polarity, bipolarity, every actor's power and strategic space, the dependence of the pairs
    of :func:`dependence_pairs`, and every issue's outcome.
    """
    codes = s.actor_codes
    out: list[Outcome] = []
    for year in years(s):
        out.append(Outcome("polarity", (), None, year))
        out.append(Outcome("bipolarity", (), None, year))
        out.append(Outcome("power", codes, None, year))
        out.append(Outcome("strategic_space", codes, None, year))
        out += [Outcome("dependence", (a, b), None, year) for a, b in dependence_pairs(s)]
        out += [Outcome("issue_outcome", (), issue.id, year) for issue in s.issues]
    return tuple(out)


def headline_outcomes(s: Scenario) -> tuple[Outcome, ...]:
    """Return the outcomes every intervention is compared on alongside claims, at the last year."""
    last = years(s)[-1]
    out = [
        Outcome("polarity", (), None, last),
        Outcome("bipolarity", (), None, last),
        Outcome("strategic_space", s.actor_codes, None, last),
    ]
    out += [Outcome("issue_outcome", (), issue.id, last) for issue in s.issues]
    return tuple(out)


def comparison_outcomes(s: Scenario) -> tuple[Outcome, ...]:
    """Return what a comparison reports at the last year: system, actors, dyads, issues."""
    last = years(s)[-1]
    codes = s.actor_codes
    out: list[Outcome] = [
        Outcome("polarity", (), None, last),
        Outcome("bipolarity", (), None, last),
        Outcome("frustration", (), None, last),
        Outcome("strategic_space", codes, None, last),
        Outcome("power", codes, None, last),
    ]
    out += [
        Outcome("relation", (a, b), None, last) for i, a in enumerate(codes) for b in codes[i + 1 :]
    ]
    out += [Outcome("dependence", (a, b), None, last) for a in codes for b in codes if a != b]
    out += [Outcome("issue_outcome", (), issue.id, last) for issue in s.issues]
    return tuple(out)


__all__ = [
    "PER_ACTOR_METRICS",
    "Outcome",
    "comparison_outcomes",
    "dependence_pairs",
    "headline_outcomes",
    "needs_blocs",
    "outcome_values",
    "parse_outcome",
    "yearly_outcomes",
    "years",
]
