"""Targets: dotted paths that name one changeable number of a scenario.

Events, effects, interventions and uncertainties all act on targets. The grammar is::

    relations.A-B.weight | .commitment | .kind | .lower | .upper
    issues.ID.positions.ACTOR.position | .salience | .clout
    issues.ID.status_quo
    issues.ID.outcome                      (conditions only: the issue's forecast)
    indicators.NAME.ACTOR                  (level of an indicator now)
    trends.NAME.ACTOR                      (annual growth rate of an indicator)
    ties.A-B.value                         (dependence of A on B)
    parameters.NAME                        (a model parameter)
    power.ACTOR                            (conditions only: the actor's power share)

Actor codes, issue ids, indicator and parameter names are checked against the scenario.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Literal

from equipoise.scenario.vocabulary import PARAMETERS

T_Section = Literal["relations", "issues", "indicators", "trends", "ties", "parameters", "power"]

RELATION_FIELDS = ("weight", "commitment", "kind", "lower", "upper")
POSITION_FIELDS = ("position", "salience", "clout")


@dataclass(frozen=True, slots=True)
class Target:
    """A parsed target.

    Attributes
    ----------
    section : str
        ``relations``, ``issues``, ``indicators``, ``trends``, ``ties``, ``parameters``, ``power``.
    keys : tuple of str
        The identifying keys (actor codes, issue id, indicator name...).
    field : str
        The field changed (``weight``, ``salience``, ``value``, ``outcome``...).
    text : str
        The target as written.
    """

    section: T_Section
    keys: tuple[str, ...]
    field: str
    text: str

    @property
    def is_condition_only(self) -> bool:
        """Whether the target can only be read (an outcome or power), not changed."""
        return self.field == "outcome" or self.section == "power"


@dataclass(frozen=True, slots=True)
class TargetIndex:
    """What targets may refer to: the names a scenario declares."""

    actors: Collection[str]
    issues: Mapping[str, Collection[str]]  # issue id -> actors with a position
    indicators: Collection[str]

    def check_actor(self, code: str, what: str = "actor") -> None:
        """Raise ValueError if ``code`` is not an actor of the scenario."""
        if code not in self.actors:
            raise ValueError(f"unknown {what} {code!r} (actors: {', '.join(sorted(self.actors))})")


def _pair(text: str, full: str) -> tuple[str, str]:
    parts = text.split("-")
    if len(parts) != 2 or not all(parts):
        raise ValueError(f"{full!r}: expected a pair of actor codes like 'JPN-RUS', got {text!r}")
    return parts[0], parts[1]


def parse_target(text: str, index: TargetIndex, *, condition: bool = False) -> Target:
    """Parse and check a target path.

    Parameters
    ----------
    text : str
        The dotted path.
    index : TargetIndex
        The names the scenario declares.
    condition : bool
        Whether the target is read by a condition (``issues.ID.outcome`` and ``power.ACTOR``
        are only allowed there).

    Returns
    -------
    Target

    Raises
    ------
    ValueError
        With a message saying what is wrong and what is expected.

    Examples
    --------
    >>> idx = TargetIndex(actors={"JPN", "RUS"}, issues={}, indicators={"gdp"})
    >>> parse_target("relations.JPN-RUS.weight", idx)
    Target(section='relations', keys=('JPN', 'RUS'), field='weight', text='relations.JPN-RUS.weight')
    """
    parts = text.split(".")
    head = parts[0]
    if head == "relations":
        if len(parts) != 3 or parts[2] not in RELATION_FIELDS:
            raise ValueError(
                f"{text!r}: expected relations.A-B.FIELD with FIELD one of {', '.join(RELATION_FIELDS)}"
            )
        a, b = _pair(parts[1], text)
        index.check_actor(a)
        index.check_actor(b)
        if a == b:
            raise ValueError(f"{text!r}: a relation needs two different actors")
        target = Target("relations", (a, b), parts[2], text)
    elif head == "issues":
        if len(parts) == 3 and parts[2] in ("status_quo", "outcome"):
            issue_id, field = parts[1], parts[2]
            keys: tuple[str, ...] = (issue_id,)
        elif len(parts) == 5 and parts[2] == "positions" and parts[4] in POSITION_FIELDS:
            issue_id, field = parts[1], parts[4]
            keys = (issue_id, parts[3])
        else:
            raise ValueError(
                f"{text!r}: expected issues.ID.positions.ACTOR.(position|salience|clout), "
                "issues.ID.status_quo or issues.ID.outcome"
            )
        if issue_id not in index.issues:
            known = ", ".join(sorted(index.issues)) or "none"
            raise ValueError(f"{text!r}: unknown issue {issue_id!r} (issues: {known})")
        if len(keys) == 2 and keys[1] not in index.issues[issue_id]:
            index.check_actor(keys[1])
            raise ValueError(f"{text!r}: actor {keys[1]} has no position on issue {issue_id!r}")
        target = Target("issues", keys, field, text)
    elif head in ("indicators", "trends"):
        if len(parts) != 3:
            raise ValueError(f"{text!r}: expected {head}.NAME.ACTOR")
        if parts[1] not in index.indicators:
            known = ", ".join(sorted(index.indicators)) or "none"
            raise ValueError(f"{text!r}: unknown indicator {parts[1]!r} (indicators: {known})")
        index.check_actor(parts[2])
        section: T_Section = "trends" if head == "trends" else "indicators"
        field = "rate" if head == "trends" else "level"
        target = Target(section, (parts[1], parts[2]), field, text)
    elif head == "ties":
        if len(parts) != 3 or parts[2] != "value":
            raise ValueError(f"{text!r}: expected ties.A-B.value")
        a, b = _pair(parts[1], text)
        index.check_actor(a)
        index.check_actor(b)
        target = Target("ties", (a, b), "value", text)
    elif head == "parameters":
        if len(parts) != 2 or parts[1] not in PARAMETERS:
            raise ValueError(
                f"{text!r}: expected parameters.NAME with NAME one of {', '.join(sorted(PARAMETERS))}"
            )
        target = Target("parameters", (parts[1],), "value", text)
    elif head == "power":
        if len(parts) != 2:
            raise ValueError(f"{text!r}: expected power.ACTOR")
        index.check_actor(parts[1])
        target = Target("power", (parts[1],), "share", text)
    else:
        raise ValueError(
            f"{text!r}: a target starts with relations, issues, indicators, trends, ties, "
            "parameters or power"
        )
    if target.is_condition_only and not condition:
        raise ValueError(f"{text!r} can be read by a condition but not changed")
    return target


__all__ = ["Target", "TargetIndex", "parse_target"]
