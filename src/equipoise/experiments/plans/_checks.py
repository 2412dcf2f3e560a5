"""Checks of a plan's arguments against its scenario, with "did you mean" for names."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from equipoise.errors import InputError, Problem, closest
from equipoise.scenario.schema import Scenario

#: Ways to draw an ensemble's members (``sobol``/``morris`` designs belong to sensitivity).
SAMPLING_METHODS = ("mc", "lhs")


def suggest(name: str, known: Iterable[str]) -> str:
    """Return ``"; did you mean 'X'?"`` for the closest known name, or ``""``."""
    close = closest(name, known)
    return f"; did you mean {close!r}?" if close else ""


def check_choice(value: str, allowed: Sequence[str], path: str) -> None:
    """Raise a located error unless ``value`` is one of ``allowed``."""
    if value not in allowed:
        raise InputError(
            Problem(
                f"must be one of {', '.join(allowed)}, got {value!r}{suggest(value, allowed)}",
                path=path,
            )
        )


def check_members(n: int) -> None:
    """Raise a located error unless ``n`` is a positive member count."""
    if n < 1:
        raise InputError(Problem(f"must be at least 1, got {n}", path="members"))


def check_interventions(s: Scenario, names: Sequence[str]) -> None:
    """Raise a located error for every intervention the scenario does not have."""
    known = [i.name for i in s.interventions]
    problems = [
        Problem(
            f"unknown intervention {name!r}{suggest(name, known)} "
            f"(scenario has: {', '.join(sorted(known)) or 'none'})",
            path="interventions",
        )
        for name in names
        if name not in known
    ]
    if problems:
        raise InputError(problems)


def check_uncertainties(s: Scenario) -> None:
    """Raise a located error when the scenario declares no uncertainties to sample."""
    if not s.sampled_uncertainties:
        raise InputError(
            Problem("the scenario declares no uncertainties to sample", path="uncertainties")
        )


__all__ = [
    "SAMPLING_METHODS",
    "check_choice",
    "check_interventions",
    "check_members",
    "check_uncertainties",
    "suggest",
]
