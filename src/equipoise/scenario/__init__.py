"""The scenario layer: the file format, loading with located errors, and the bundled library.

It owns parsing and validation and nothing else.
"""

from __future__ import annotations

DEFAULT_SCENARIO = "indo-pacific-2021"

from equipoise.scenario.loading import (  # noqa: E402
    bundled_names,
    library_dir,
    load_scenario,
    loads_scenario,
    resolve_scenario_path,
)
from equipoise.scenario.schema import Scenario  # noqa: E402
from equipoise.scenario.serialize import dumps_scenario, write_scenario  # noqa: E402

__all__ = [
    "DEFAULT_SCENARIO",
    "Scenario",
    "bundled_names",
    "dumps_scenario",
    "library_dir",
    "load_scenario",
    "loads_scenario",
    "resolve_scenario_path",
    "write_scenario",
]
