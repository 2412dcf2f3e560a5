"""What ensemble-style plans share: the member count, how inputs are drawn, the interventions."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from equipoise.experiments.plans._base import Plan
from equipoise.experiments.plans._checks import (
    SAMPLING_METHODS,
    check_choice,
    check_interventions,
    check_members,
)
from equipoise.experiments.sampling import Design, sample


@dataclass(frozen=True, kw_only=True)
class MembersPlan(Plan):
    """A plan over ``n_members`` members whose declared uncertainties are sampled by ``method``."""

    n_members: int
    method: str = "lhs"
    interventions: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        check_members(self.n_members)
        check_choice(self.method, SAMPLING_METHODS, "method")
        check_interventions(self.scenario, self.interventions)

    def arguments(self) -> dict[str, Any]:
        """Return the members, the sampling method and the interventions."""
        return {
            "members": self.n_members,
            "method": self.method,
            "interventions": list(self.interventions),
        }

    @staticmethod
    def common(arguments: Mapping[str, Any]) -> dict[str, Any]:
        """Return the constructor's keywords for the recorded common arguments."""
        return {
            "n_members": int(arguments["members"]),
            "method": str(arguments.get("method", "lhs")),
            "interventions": tuple(arguments.get("interventions", ())),
        }

    def design(self) -> Design:
        """Return the members' sampled values (drawn from the seed's design stream)."""
        return sample(
            self.scenario.sampled_uncertainties,
            self.n_members,
            method=self.method,  # type: ignore[arg-type]
            seed=self.seed,
        )


__all__ = ["MembersPlan"]
