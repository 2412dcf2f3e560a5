"""Public test helpers: small valid scenarios to build tests on.

Kept in the package (as xarray keeps ``xarray.testing``) so users' own tests can use them.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any, Protocol

from equipoise.scenario.loading import library_dir

#: Debian's Chromium, which the browser tests drive through Playwright (never a downloaded one).
CHROMIUM = Path("/usr/bin/chromium")

#: Flags for headless Chromium on a machine without network: the background services would
#: otherwise try (and fail) to reach the internet at every start.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


#: Playwright's messages when an evaluation races a navigation (``wait_for_function`` retries
#: these too).
_NAVIGATING = ("Execution context was destroyed", "Cannot find context with specified id")


class _Page(Protocol):
    def evaluate(self, expression: str) -> Any: ...


def wait_until(
    page: _Page, expression: str, *, timeout: float = 20.0, interval: float = 0.05
) -> Any:
    """Poll a JavaScript expression in ``page`` until it is truthy; return its value.

    Playwright's ``wait_for_function`` re-evaluates its predicate with ``eval`` inside the
    page, which a strict Content-Security-Policy (the web app's ``script-src 'self'``)
    forbids once the first check fails. ``page.evaluate`` runs through the DevTools
    protocol, which the policy does not govern, so polling from Python works on any page
    and leaves the app's policy under test. Raises ``TimeoutError`` naming the expression.
    """
    deadline = time.monotonic() + timeout
    while True:
        try:
            value = page.evaluate(expression)
        except Exception as exc:  # a navigation replaced the page under the call: ask again
            if not any(m in str(exc) for m in _NAVIGATING) or time.monotonic() >= deadline:
                raise
            value = None
        if value:
            return value
        if time.monotonic() >= deadline:
            raise TimeoutError(f"{expression!r} was still falsy ({value!r}) after {timeout} s")
        time.sleep(interval)


def template_text(name: str = "example") -> str:
    """Return the text of the commented template scenario, named ``name``."""
    text = (library_dir() / "_template.toml").read_text(encoding="utf-8")
    return text.replace("__NAME__", name).replace("__FILE__", f"{name}.toml")


_MINI = """
[scenario]
name = "mini"
start_year = 2021
horizon = 4
seed = 7

[[actors]]
code = "AAA"
name = "A"
[[actors]]
code = "BBB"
name = "B"
[[actors]]
code = "CCC"
name = "C"
[[actors]]
code = "DDD"
name = "D"

[[indicators]]
name = "milex"
year = 2020
unit = "USD"
source = "test"
values = { AAA = 100, BBB = 80, CCC = 30, DDD = 20 }

[[trends]]
indicator = "milex"
rates = { AAA = 0.0, BBB = 0.10, CCC = 0.0, DDD = 0.0 }
source = "test"

[[relations]]
pair = ["AAA", "CCC"]
kind = "alliance"
weight = 0.8
source = "test"

[[relations]]
pair = ["AAA", "BBB"]
kind = "rivalry"
weight = -0.6
source = "test"

[[relations]]
pair = ["BBB", "DDD"]
kind = "strategic_partnership"
weight = 0.5
bounds = [0.4, 0.6]
source = "test"

[[relations]]
pair = ["CCC", "DDD"]
kind = "friction"
weight = -0.1
source = "test"

[[issues]]
id = "q"
name = "Q"
low = "l"
high = "h"
model = "median"
positions = [
  { actor = "AAA", position = 90, salience = 0.9 },
  { actor = "BBB", position = 10, salience = 0.9 },
  { actor = "CCC", position = 80, salience = 0.5 },
  { actor = "DDD", position = 20, salience = 0.5 },
]

[[events]]
id = "thaw"
name = "thaw"
year = 2023
source = "test"
changes = [ { target = "relations.AAA-BBB.weight", add = 0.3 } ]

[[events]]
id = "old-crisis"
name = "old"
year = 2014
source = "test"
changes = [ { target = "relations.CCC-DDD.weight", add = -0.2 } ]

[[effects]]
id = "cool"
when = { target = "relations.AAA-BBB.weight", above = -0.5 }
changes = [ { target = "relations.CCC-DDD.weight", add = -0.05 } ]
mode = "while"

[[effects]]
id = "once"
when = { target = "power.BBB", above = 0.0 }
changes = [ { target = "ties.DDD-BBB.value", add = 0.1 } ]

[[interventions]]
name = "nothing"
year = 2022
changes = [ { target = "relations.AAA-BBB.weight", add = 0.0 } ]

[[interventions]]
name = "undo-old"
year = 2014
revert = ["old-crisis"]

[[interventions]]
name = "end-alliance"
year = 2022
changes = [ { target = "relations.AAA-CCC.commitment", set = false },
            { target = "relations.AAA-CCC.weight", add = -0.5 } ]
"""


def mini_scenario_text() -> str:
    """Return a small four-actor scenario that exercises every kind of section.

    Four actors with one CINC component and a trend, an alliance, a rivalry, a bounded
    partnership, an issue, a dated event, a historical event, a ``while`` and a ``once``
    effect, and interventions that change nothing, revert history and end an alliance.
    """
    return _MINI


#: Two declared uncertainties of :func:`mini_scenario_text`: the A–B relation and the balancing
#: rate, both uniform (the tests of ensembles, plans and the API sample them).
MINI_UNCERTAINTIES = """
[[uncertainties]]
name = "ab"
target = "relations.AAA-BBB.weight"
distribution = "uniform"
low = -0.8
high = -0.2

[[uncertainties]]
name = "beta"
target = "parameters.balance_rate"
distribution = "uniform"
low = 0.1
high = 0.6
"""


def uncertain_scenario_text() -> str:
    """Return :func:`mini_scenario_text` with :data:`MINI_UNCERTAINTIES` declared."""
    return mini_scenario_text() + MINI_UNCERTAINTIES


__all__ = [
    "CHROMIUM",
    "CHROMIUM_ARGS",
    "MINI_UNCERTAINTIES",
    "mini_scenario_text",
    "template_text",
    "uncertain_scenario_text",
    "wait_until",
]
