"""Latency of the web app: a scenario's page (HTML), ``GET /api/scenarios/{name}``, the runs.

Two measures:

* pytest-benchmark, in process (FastAPI's TestClient): the app's own time per request (also
  ``GET /api/runs`` and the result page of a stored ensemble run of 8 members, once its view
  is cached; each reads the store's catalog);
* :func:`measure_latency`, over real HTTP: ``equipoise serve`` started as its own process on a
  free localhost port, 1,000 sequential requests per URL on one keep-alive connection after 20
  warm-up requests, reporting the p50 and p99 of the wall time per request (client included).
  Run it alone with ``python benchmarks/test_bench_web.py`` or
  ``pytest benchmarks/test_bench_web.py -s``.

The scenario is the bundled default ``indo-pacific-2021`` (the template where the default is
not bundled). Loaded scenarios are cached by file size and modification time, so the figures
are those of a scenario viewed more than once (the first view also loads and validates it).
"""

from __future__ import annotations

import http.client
import json
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from fastapi.testclient import TestClient

from equipoise.experiments.plans import EnsemblePlan, run_plan
from equipoise.scenario import DEFAULT_SCENARIO, bundled_names, load_scenario
from equipoise.store import open_store
from equipoise.testing import template_text
from equipoise.web.app import create_app

N_REQUESTS = 1000
N_WARMUP = 20


def make_app(folder: Path) -> tuple[Any, str]:
    """Return the app over ``folder`` and the name of the scenario to view."""
    scenarios = folder / "scenarios"
    scenarios.mkdir(parents=True, exist_ok=True)
    name = DEFAULT_SCENARIO
    if name not in bundled_names():
        name = "example"
        (scenarios / "example.toml").write_text(template_text(name), encoding="utf-8")
    return create_app(scenarios, folder / "store"), name


@pytest.fixture(scope="module")
def client() -> Iterator[tuple[TestClient, str]]:
    with tempfile.TemporaryDirectory() as tmp:
        app, name = make_app(Path(tmp))
        with TestClient(app, base_url="http://127.0.0.1") as c:
            yield c, name


def test_bench_scenario_page(benchmark: Any, client: tuple[TestClient, str]) -> None:
    c, name = client
    response = benchmark(c.get, f"/scenarios/{name}")
    assert response.status_code == 200 and "power-table" in response.text


def test_bench_api_scenario(benchmark: Any, client: tuple[TestClient, str]) -> None:
    c, name = client
    response = benchmark(c.get, f"/api/scenarios/{name}")
    assert response.status_code == 200 and response.json()["valid"] is True


@pytest.fixture(scope="module")
def stored_run() -> Iterator[tuple[TestClient, str]]:
    """The app over a store holding one ensemble run made outside it; yield (client, run id)."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        app, name = make_app(folder)
        ref = name if name in bundled_names() else str(folder / "scenarios" / f"{name}.toml")
        plan = EnsemblePlan(scenario=load_scenario(ref), scenario_ref=ref, n_members=8)
        run_id = run_plan(plan, store=open_store(folder / "store")).run.run_id
        assert run_id is not None
        with TestClient(app, base_url="http://127.0.0.1") as c:
            yield c, run_id


def test_bench_runs_list(benchmark: Any, stored_run: tuple[TestClient, str]) -> None:
    c, run_id = stored_run
    response = benchmark(c.get, "/api/runs")
    assert response.status_code == 200 and response.json()["runs"][0]["id"] == run_id


def test_bench_stored_result_page(benchmark: Any, stored_run: tuple[TestClient, str]) -> None:
    c, run_id = stored_run
    assert c.get(f"/runs/{run_id}/result").status_code == 200  # the first view fills the cache
    response = benchmark(c.get, f"/runs/{run_id}/result")
    assert response.status_code == 200 and "fig-polarity" in response.text


def free_port() -> int:
    """Return a port that is free on 127.0.0.1 now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def serve_process(folder: Path) -> Iterator[tuple[int, str]]:
    """Run ``equipoise serve`` over ``folder`` in its own process; yield (port, scenario)."""
    _, name = make_app(folder)  # writes the template scenario where the default is absent
    port = free_port()
    command = [
        sys.executable,
        "-c",
        "from equipoise.cli import main; main()",
        "serve",
        "--port",
        str(port),
        "--scenario-dir",
        str(folder / "scenarios"),
        "--store",
        str(folder / "store"),
    ]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                conn.request("GET", "/api/kinds")
                if conn.getresponse().status == 200:
                    conn.close()
                    break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    err = process.stderr.read().decode() if process.stderr else ""
                    raise RuntimeError(f"equipoise serve did not start: {err}") from None
                time.sleep(0.05)
        yield port, name
    finally:
        process.terminate()
        process.wait(timeout=30)


def measure_latency(n: int = N_REQUESTS, warmup: int = N_WARMUP) -> dict[str, Any]:
    """Serve the app on localhost and time ``n`` sequential GETs of each URL.

    Returns
    -------
    dict
        Per URL: ``p50_ms``, ``p99_ms``, ``mean_ms``, ``max_ms`` and the response size.
    """
    with tempfile.TemporaryDirectory() as tmp, serve_process(Path(tmp)) as (port, name):
        urls = {"page": f"/scenarios/{name}", "api": f"/api/scenarios/{name}"}
        report: dict[str, Any] = {"scenario": name, "n": n}
        for label, url in urls.items():
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            times: list[float] = []
            size = 0
            for k in range(warmup + n):
                start = time.perf_counter()
                conn.request("GET", url)
                response = conn.getresponse()
                body = response.read()
                elapsed = time.perf_counter() - start
                assert response.status == 200, (url, response.status)
                if k >= warmup:
                    times.append(elapsed)
                    size = len(body)
            conn.close()
            ms = np.array(times) * 1000
            report[label] = {
                "url": url,
                "p50_ms": round(float(np.percentile(ms, 50)), 2),
                "p99_ms": round(float(np.percentile(ms, 99)), 2),
                "mean_ms": round(statistics.fmean(ms), 2),
                "max_ms": round(float(ms.max()), 2),
                "bytes": size,
            }
    return report


def test_latency_over_http_p50_p99() -> None:
    report = measure_latency()
    print("\n" + json.dumps(report, indent=2))
    for label in ("page", "api"):
        assert report[label]["p50_ms"] <= report[label]["p99_ms"]


if __name__ == "__main__":
    print(json.dumps(measure_latency(), indent=2))
