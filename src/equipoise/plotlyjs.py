"""plotly.js for the report and the web pages: the smallest shipped bundle that draws them.

Every figure equipoise draws uses scatter, bar or heatmap traces. The ``plotly`` Python
package ships only the full plotly.js (4.8 MB minified), and parsing it is most of the time a
browser spends before the first figure of a report appears. equipoise therefore ships two of
plotly.js's official partial bundles of the same version, *basic* (1.2 MB) and *cartesian*
(1.5 MB) (see ``equipoise/_vendor/README.md`` for their source, integrity, licence and the
measured load times), and :func:`bundle_for` picks the smallest that registers every trace
type of a page, the full bundle otherwise.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

#: plotly.js version of the vendored bundles; the ``plotly`` pin ships the same version.
PLOTLYJS_VERSION = "4.1.1"


@dataclass(frozen=True)
class Bundle:
    """One vendored partial bundle of plotly.js.

    Attributes
    ----------
    name : str
        The bundle's name in plotly.js (``basic``, ``cartesian``).
    sha256 : str
        SHA-256 of the vendored file (checked by the tests).
    traces : frozenset of str
        The trace types it registers (read off the bundle; a test re-reads them).
    """

    name: str
    sha256: str
    traces: frozenset[str]

    @property
    def path(self) -> Path:
        """The vendored file."""
        file = f"plotly-{self.name}-{PLOTLYJS_VERSION}.min.js"
        return Path(str(resources.files("equipoise") / "_vendor" / file))


BASIC = Bundle(
    "basic",
    "99784e3abfb07b142a15e521a439e6d9addceadb3f79553fd24c72774f0649ba",
    frozenset({"bar", "pie", "scatter"}),
)
CARTESIAN = Bundle(
    "cartesian",
    "79542150855a52c567260e3137095dbe2b744e6d702a5cabe67da246942fba7a",
    frozenset(
        {
            "bar",
            "box",
            "contour",
            "heatmap",
            "histogram",
            "histogram2d",
            "histogram2dcontour",
            "image",
            "pie",
            "scatter",
            "scatterternary",
            "violin",
        }
    ),
)
#: The vendored bundles, smallest first.
BUNDLES = (BASIC, CARTESIAN)


def full_path() -> Path | None:
    """Return the path of the full ``plotly.min.js`` in the ``plotly`` package, if installed."""
    try:
        path = Path(str(resources.files("plotly") / "package_data" / "plotly.min.js"))
    except ModuleNotFoundError:  # pragma: no cover - plotly is a dependency
        return None
    return path if path.is_file() else None


def trace_types(figures: Iterable[Mapping[str, Any]]) -> frozenset[str]:
    """Return the trace types in plotly figure dicts (``data`` and ``frames``; default scatter)."""
    types: set[str] = set()
    for figure in figures:
        traces = list(figure.get("data") or [])
        for frame in figure.get("frames") or []:
            traces.extend(frame.get("data") or [])
        types.update(str(t.get("type") or "scatter") for t in traces)
    return frozenset(types)


def bundle_for(types: Iterable[str]) -> Path:
    """Return the smallest shipped bundle that draws every trace type in ``types``.

    Raises
    ------
    RuntimeError
        If only the full bundle would do and the ``plotly`` package that ships it is absent.
    """
    wanted = frozenset(types)
    for bundle in BUNDLES:
        if wanted <= bundle.traces:
            return bundle.path
    full = full_path()
    if full is None:  # pragma: no cover - plotly is a dependency
        missing = sorted(wanted - CARTESIAN.traces)
        raise RuntimeError(
            f"trace types {missing} need the full plotly.js, and the plotly package that "
            "ships it is not installed"
        )
    return full


@cache
def script_text(path: Path) -> str:
    """Return a bundle's text, safe to inline inside an HTML ``<script>`` element."""
    return path.read_text(encoding="utf-8").replace("</script", "<\\/script")


__all__ = [
    "BASIC",
    "BUNDLES",
    "CARTESIAN",
    "PLOTLYJS_VERSION",
    "Bundle",
    "bundle_for",
    "full_path",
    "script_text",
    "trace_types",
]
