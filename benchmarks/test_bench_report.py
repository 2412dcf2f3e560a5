"""The HTML report of the default scenario with 1,000 members: build time, size, render time.

Run with ``pytest benchmarks/test_bench_report.py --benchmark-only -s``. Three measures:

* ``test_bench_report_build``: ``equipoise report`` without the CLI: the baseline run, the
  ensemble of 1,000 members summarised per year, the claims ensemble (1,000 members x the
  baseline and the 12 interventions the claims use) on the process executor, the figures and
  the HTML. One round (it runs 14,000 member-simulations).
* ``test_bench_report_render``: the report opened in Chromium (``/usr/bin/chromium`` through
  Playwright, offline); the page measures itself (``window.equipoiseRendered``, ms since
  navigation start): ``plotly`` when plotly.js is evaluated, ``firstView`` when the figures in
  the first screen are drawn, ``all`` when every figure is drawn (the others are drawn one per
  task after the first view, so the page stays responsive). Five loads; the medians are in
  ``extra_info``.
* the report's size in bytes (``extra_info["bytes"]`` of the build benchmark).

The embedded data does not grow with the members: ensembles are summarised to quantiles before
plotting, so 1,000 members give the same figures (and about the same file) as 20.
"""

from __future__ import annotations

import os
import statistics
import time
from pathlib import Path
from typing import Any

import pytest

from equipoise.experiments.executors import make_executor
from equipoise.report import build_report_data, render_report, write_report
from equipoise.report.render import report_figures
from equipoise.scenario import load_scenario
from equipoise.store import RunStore
from equipoise.testing import CHROMIUM, CHROMIUM_ARGS

MEMBERS = 1000
LOADS = 5

_built: dict[str, Any] = {}


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("bench-report")


def build(folder: Path) -> Path:
    scenario = load_scenario("indo-pacific-2021")
    with make_executor("processes") as ex:
        data = build_report_data(
            scenario, executor=ex, n_members=MEMBERS, store=RunStore(folder / "runs")
        )
    figures = report_figures(data)
    path = folder / "report.html"
    write_report(render_report(data, figures=figures), path, force=True)
    _built.update(path=path, figures=len(figures.all()), bytes=path.stat().st_size)
    return path


def report_path(folder: Path) -> Path:
    if "path" not in _built:
        build(folder)
    return Path(_built["path"])


def test_bench_report_build(benchmark: Any, folder: Path) -> None:
    path = benchmark.pedantic(build, args=(folder,), rounds=1, iterations=1)
    benchmark.extra_info.update(
        members=MEMBERS, bytes=_built["bytes"], figures=_built["figures"], cores=os.cpu_count()
    )
    print(
        f"\nreport of {MEMBERS} members: {_built['bytes'] / 1e6:.2f} MB, {_built['figures']} figures"
    )
    assert path.exists() and _built["bytes"] < 8_000_000


@pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} is absent")
def test_bench_report_render(benchmark: Any, folder: Path) -> None:
    sync_api = pytest.importorskip("playwright.sync_api")
    path = report_path(folder)
    os.environ.setdefault("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")
    samples: list[dict[str, float]] = []
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        context.route(
            "**/*",
            lambda r: r.continue_() if r.request.url.startswith("file://") else r.abort(),
        )

        def load() -> dict[str, float]:
            page = context.new_page()
            t0 = time.perf_counter()
            page.goto(path.as_uri())
            page.wait_for_function("window.equipoiseRendered !== undefined", timeout=120_000)
            times: dict[str, float] = page.evaluate("window.equipoiseRendered")
            times["wall"] = (time.perf_counter() - t0) * 1000
            page.close()
            samples.append(times)
            return times

        load()  # warm the browser process (not the page: each load is a new page)
        samples.clear()
        benchmark.pedantic(load, rounds=LOADS, iterations=1)
        context.close()
        browser.close()
    medians = {
        key: round(statistics.median(s[key] for s in samples), 1)
        for key in ("content", "plotly", "firstView", "all", "wall")
    }
    benchmark.extra_info.update(
        members=MEMBERS, bytes=path.stat().st_size, loads=LOADS, median_ms=medians
    )
    print(f"\nChromium, median of {LOADS} loads (ms since navigation start): {medians}")
    assert all(s["figures"] == _built.get("figures", s["figures"]) for s in samples)
