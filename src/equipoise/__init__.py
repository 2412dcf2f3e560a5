"""equipoise: turn strategic commentary about a region into a model you can run and test.

The package is layered; dependencies point one way::

    scenario  ->  engines  ->  simulate / metrics  ->  experiments  ->  store / report / web / cli

The Python API (:mod:`equipoise.api`) is available at the top level::

    import equipoise as eq
    s = eq.load("indo-pacific-2021")
    eq.run(s).frames()["system"]

Importing :mod:`equipoise` has no side effects and imports nothing heavy: the API's names are
loaded on first use (PEP 562).
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING, Any

try:
    __version__ = version("equipoise")
except PackageNotFoundError:  # pragma: no cover - running from a source tree without install
    __version__ = "0.0.0+unknown"

if TYPE_CHECKING:
    from equipoise.api import claims, compare, discover, ensemble, load, run, sensitivity

_API = ("claims", "compare", "discover", "ensemble", "load", "run", "sensitivity")


def __getattr__(name: str) -> Any:
    if name in _API:
        from equipoise import api

        return getattr(api, name)
    raise AttributeError(f"module 'equipoise' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), *_API])


__all__ = ["__version__", "claims", "compare", "discover", "ensemble", "load", "run", "sensitivity"]
