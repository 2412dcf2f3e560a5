"""equipoise: turn strategic commentary about a region into a model you can run and test.

The package is layered; dependencies point one way::

    scenario  ->  engines  ->  simulate / metrics  ->  experiments  ->  store / report / web / cli

Importing :mod:`equipoise` has no side effects.
"""

from typing import Any

__all__ = ["__version__"]


def __getattr__(name: str) -> Any:
    """Look ``__version__`` up on first use (importlib.metadata costs start-up time)."""
    if name != "__version__":
        raise AttributeError(f"module 'equipoise' has no attribute {name!r}")
    from importlib.metadata import PackageNotFoundError, version

    try:
        value = version("equipoise")
    except PackageNotFoundError:  # pragma: no cover - a source tree without install
        value = "0.0.0+unknown"
    globals()["__version__"] = value
    return value
