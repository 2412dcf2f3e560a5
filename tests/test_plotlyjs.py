"""The vendored plotly.js partial bundles: integrity, version, trace types and the choice."""

from __future__ import annotations

import hashlib
import re

import pytest

from equipoise.plotlyjs import (
    BASIC,
    BUNDLES,
    CARTESIAN,
    PLOTLYJS_VERSION,
    Bundle,
    bundle_for,
    full_path,
    script_text,
    trace_types,
)


@pytest.mark.parametrize("bundle", BUNDLES, ids=lambda b: b.name)
def test_vendored_bundle_is_the_pinned_file(bundle: Bundle) -> None:
    data = bundle.path.read_bytes()
    assert hashlib.sha256(data).hexdigest() == bundle.sha256
    assert f"plotly.js ({bundle.name} - minified) v{PLOTLYJS_VERSION}" in data[:200].decode()
    assert (bundle.path.parent / "LICENSE-plotly.js.txt").read_text().startswith("MIT")


@pytest.mark.parametrize("bundle", BUNDLES, ids=lambda b: b.name)
def test_declared_trace_types_are_the_bundles(bundle: Bundle) -> None:
    text = bundle.path.read_text(encoding="utf-8")
    assert set(re.findall(r'moduleType:"trace",name:"(\w+)"', text)) == bundle.traces
    for component in ("sliders", "updatemenus", "shapes", "annotations", "legend"):
        assert f'name:"{component}"' in text, component


def test_bundles_are_ordered_smallest_first_and_nested() -> None:
    sizes = [b.path.stat().st_size for b in BUNDLES]
    assert sizes == sorted(sizes)
    assert BASIC.traces < CARTESIAN.traces


def test_vendored_version_is_the_plotly_packages() -> None:
    """The Python figures are written for the plotly.js the ``plotly`` pin ships."""
    full = full_path()
    assert full is not None
    m = re.search(r"plotly\.js v(\d+\.\d+\.\d+)", full.read_text(encoding="utf-8")[:400])
    assert m is not None and m.group(1) == PLOTLYJS_VERSION


def test_trace_types_default_to_scatter_and_include_frames() -> None:
    figures = [
        {"data": [{"x": [1]}, {"type": "bar"}]},
        {"data": [], "frames": [{"data": [{"type": "heatmap"}]}]},
        {"layout": {}},
    ]
    assert trace_types(figures) == {"scatter", "bar", "heatmap"}
    assert trace_types([]) == frozenset()


def test_bundle_for_picks_the_smallest_that_draws_every_trace() -> None:
    assert bundle_for(()) == BASIC.path
    assert bundle_for({"scatter", "bar"}) == BASIC.path
    assert bundle_for({"scatter", "bar", "heatmap"}) == CARTESIAN.path
    assert bundle_for({"scatter", "scatter3d"}) == full_path()
    assert bundle_for({"sankey"}) == full_path()


@pytest.mark.parametrize("bundle", BUNDLES, ids=lambda b: b.name)
def test_script_text_cannot_close_its_element(bundle: Bundle) -> None:
    assert "</script" not in script_text(bundle.path)
