"""Write scenarios as TOML, so that files and Python objects round-trip.

``loads_scenario(dumps_scenario(s)) == s`` for every valid scenario ``s``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import tomli_w

from equipoise.errors import InputError, Problem
from equipoise.scenario.schema import Scenario


def _clean(value: Any) -> Any:
    """Drop empty optional containers so the TOML stays readable."""
    if isinstance(value, dict):
        return {
            k: _clean(v) for k, v in value.items() if v not in ((), [], {}, "") or k == "values"
        }
    if isinstance(value, list):
        return [_clean(v) for v in value]
    return value


def scenario_to_data(scenario: Scenario) -> dict[str, Any]:
    """Return the plain data of a scenario, in the layout of a scenario file."""
    data = scenario.model_dump(mode="json", exclude_none=True)
    data = {k: v for k, v in data.items() if v not in ((), [], {})}
    return _clean(data)  # type: ignore[no-any-return]


def dumps_scenario(scenario: Scenario) -> str:
    """Return a scenario as TOML text."""
    return tomli_w.dumps(scenario_to_data(scenario), multiline_strings=False)


def write_scenario(scenario: Scenario, path: Path, *, overwrite: bool = False) -> Path:
    """Write a scenario to ``path`` as TOML, never overwriting unless asked.

    Raises
    ------
    InputError
        If ``path`` exists and ``overwrite`` is false.
    """
    if path.exists() and not overwrite:
        raise InputError(
            Problem("already exists; choose another name (nothing was written)", file=str(path))
        )
    text = dumps_scenario(scenario)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)
    return path


__all__ = ["dumps_scenario", "scenario_to_data", "write_scenario"]
