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

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from equipoise.api import (
        claims,
        compare,
        discover,
        ensemble,
        forecast,
        hindcast,
        load,
        run,
        score,
        sensitivity,
    )

    __version__: str

__all__ = [
    "__version__",
    "claims",
    "compare",
    "discover",
    "ensemble",
    "forecast",
    "hindcast",
    "load",
    "run",
    "score",
    "sensitivity",
]

#: The API's names, loaded on first use (``__version__`` is loaded apart).
_API = tuple(name for name in __all__ if name != "__version__")


def __getattr__(name: str) -> Any:
    """Load the API's names and ``__version__`` on first use (both cost start-up time)."""
    if name in _API:
        from equipoise import api

        return getattr(api, name)
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            value = version("equipoise")
        except PackageNotFoundError:  # pragma: no cover - a source tree without install
            value = "0.0.0+unknown"
        globals()["__version__"] = value
        return value
    raise AttributeError(f"module 'equipoise' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), *_API, "__version__"])
