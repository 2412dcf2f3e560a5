"""equipoise: turn strategic commentary about a region into a model you can run and test.

The package is layered; dependencies point one way::

    scenario  ->  engines  ->  simulate / metrics  ->  experiments  ->  store / report / web / cli

Importing :mod:`equipoise` has no side effects.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("equipoise")
except PackageNotFoundError:  # pragma: no cover - running from a source tree without install
    __version__ = "0.0.0+unknown"

__all__ = ["__version__"]
