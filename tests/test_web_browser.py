"""End to end in a real browser: Playwright (sync API) driving Debian's /usr/bin/chromium.

The app runs under uvicorn in a background thread on a free localhost port. The test opens
the app, views the default scenario (the bundled ``indo-pacific-2021``, or the template saved
into the scenario folder while the default is not bundled yet), edits a relation weight to an
invalid value and sees the error beside the field, fixes it, saves the scenario under a new
name, launches a run, watches its progress to completion and opens its result. It takes a
screenshot at each stage into ``test-artifacts/web/`` and fails on any console error, any
failed or 4xx/5xx request, and any request that leaves the app (no CDN).

The run kind is the real ``run`` (its plan, stored in the results store), paced with a few
progress steps so that the page's live progress polling is exercised; the result is the real
picture. The store holds one more run made outside the app (an ensemble run by ``run_plan``, as
the command line runs it): the runs page lists it beside the app's, and its result page opens.

Skipped, with the reason, only where /usr/bin/chromium is absent and we are not in CI
(``CI=true`` means the test must run).
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from equipoise.experiments.plans import EnsemblePlan, PlanResult, run_plan
from equipoise.scenario import DEFAULT_SCENARIO, bundled_names, load_scenario
from equipoise.scenario.schema import Scenario
from equipoise.store import open_store
from equipoise.testing import CHROMIUM, CHROMIUM_ARGS, template_text, wait_until
from equipoise.web.app import create_app
from equipoise.web.jobs import Progress
from equipoise.web.kinds import JobKind, default_registry, run_plan_of
from equipoise.web.server import serve_in_thread

IN_CI = os.environ.get("CI", "").lower() == "true"
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts" / "web"

if not CHROMIUM.exists() and not IN_CI:
    pytest.skip(
        f"{CHROMIUM} is absent (install it with: apt-get install -y chromium; "
        "scripts/test.sh does this); set CI=true to make this a failure",
        allow_module_level=True,
    )
if not IN_CI:
    pytest.importorskip("playwright.sync_api", reason="playwright is not installed")

from playwright.sync_api import ConsoleMessage, Page, Request, Response, sync_playwright  # noqa: E402

pytestmark = pytest.mark.slow


@dataclass(frozen=True)
class PacedRun(JobKind):
    """The real ``run`` kind, with a few paced progress steps before it (for the page to watch)."""

    def run(
        self, scenario: Scenario, params: Mapping[str, Any], *, progress: Progress, **kw: Any
    ) -> PlanResult:
        for step in range(1, 6):
            progress(step / 100, f"step {step} of 5")
            time.sleep(0.3)
        return super().run(scenario, params, progress=progress, **kw)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path, str, str]]:
    """Serve the app on a free localhost port.

    Yields (base URL, scenario folder, scenario, the id of a run made outside the app).
    """
    root = tmp_path_factory.mktemp("web")
    scenarios = root / "scenarios"
    scenarios.mkdir()
    if DEFAULT_SCENARIO in bundled_names():
        name = DEFAULT_SCENARIO
    else:
        name = "example"
        (scenarios / "example.toml").write_text(template_text("example"), encoding="utf-8")
    registry = default_registry()
    registry.register(PacedRun("run", run_plan_of, "the run, paced"), replace=True)
    ref = name if name in bundled_names() else str(scenarios / f"{name}.toml")
    outside = run_plan(
        EnsemblePlan(scenario=load_scenario(ref), scenario_ref=ref, n_members=4),
        store=open_store(root / "store"),
    ).run.run_id
    assert outside is not None
    with serve_in_thread(create_app(scenarios, root / "store", registry=registry)) as url:
        yield url, scenarios, name, outside


@pytest.fixture(scope="module")
def page(server: tuple[str, Path, str, str]) -> Iterator[tuple[Page, list[str]]]:
    """A Chromium page that records every console error, failed request and foreign request."""
    if not CHROMIUM.exists():
        pytest.fail(f"CI=true but {CHROMIUM} is missing: scripts/test.sh installs it with apt-get")
    os.environ.setdefault("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")
    base = server[0]
    troubles: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        if message.type in ("error", "warning"):
            troubles.append(f"console {message.type}: {message.text}")

    def on_request(request: Request) -> None:
        if not (request.url.startswith(base) or request.url.startswith("data:")):
            troubles.append(f"request left the app: {request.url}")

    def on_response(response: Response) -> None:
        if response.status >= 400:
            troubles.append(f"HTTP {response.status}: {response.url}")

    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        p = context.new_page()
        p.set_default_timeout(20_000)
        p.on("console", on_console)
        p.on("pageerror", lambda exc: troubles.append(f"page error: {exc}"))
        p.on("requestfailed", lambda r: troubles.append(f"request failed: {r.url} {r.failure}"))
        p.on("request", on_request)
        p.on("response", on_response)
        try:
            yield p, troubles
        finally:
            context.close()
            browser.close()


def shot(page: Page, name: str, *, full_page: bool = False) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=full_page)


def figures_drawn(page: Page) -> list[int]:
    """Return the number of traces plotly drew in each figure of the page."""
    return page.evaluate(
        "Array.from(document.querySelectorAll('[data-figure]')).map(el => (el.data || []).length)"
    )


def launch_and_open(
    page: Page, base: str, scenario: str, kind: str, members: int, *, shot_done: str | None = None
) -> None:
    """Launch an experiment job from a scenario's page, wait for it, and open its result."""
    page.goto(f"{base}/scenarios/{scenario}")
    page.select_option("#kind", kind)
    page.fill("#members", str(members))
    page.click("#launch")
    page.wait_for_url(f"{base}/runs/*")
    page.locator('#run-status[data-status="complete"]').wait_for(timeout=180_000)
    if shot_done is not None:
        shot(page, shot_done)
    page.click("#open-result")
    page.wait_for_url(f"{base}/runs/*/result")


def test_view_edit_save_run_and_open_the_result(
    server: tuple[str, Path, str, str], page: tuple[Page, list[str]]
) -> None:
    base, scenarios, name, outside = server
    p, troubles = page

    # 1. the app's home: scenarios listed
    p.goto(base + "/")
    link = p.locator(f'#scenario-list a[href="/scenarios/{name}"]')
    assert link.count() == 1
    shot(p, "01-home", full_page=True)

    # 2. view the default scenario: tables and drawn figures
    link.click()
    p.wait_for_url(f"{base}/scenarios/{name}")
    wait_until(
        p,
        "document.querySelectorAll('.js-plotly-plot').length"
        " === document.querySelectorAll('[data-figure]').length",
    )
    assert all(n > 0 for n in figures_drawn(p)) and len(figures_drawn(p)) >= 2
    scenario = (
        load_scenario(name)
        if name in bundled_names()
        else load_scenario(scenarios / f"{name}.toml")
    )
    assert p.locator("#power-table tbody tr").count() == len(scenario.actors)
    assert p.locator("#relations-table tbody tr").count() == len(scenario.actors)
    assert p.locator(".issue-table").count() == len(scenario.issues)
    shot(p, "02-scenario", full_page=True)

    # 3. edit a relation weight to 1.7: the error appears beside the field
    p.click("#edit-link")
    p.wait_for_url(f"{base}/scenarios/{name}/edit")
    weight = p.locator("#f-relations-0-weight")
    original = weight.input_value()
    weight.fill("1.7")
    weight.press("Tab")
    error = p.locator("#err-relations-0-weight")
    error.filter(has_text="must be between -1 and 1, got 1.7").wait_for()
    assert ".toml:" in error.inner_text()  # located: file:line:column, as the CLI says
    assert p.locator("#edit-summary").inner_text().count("relations[0].weight") == 1
    weight.scroll_into_view_if_needed()
    shot(p, "03-edit-invalid")

    # 4. fix it (and change the title): the error goes away
    p.locator("#f-relations-0-weight").fill(original)
    p.locator("#f-relations-0-weight").press("Tab")
    p.locator("#err-relations-0-weight").wait_for(state="hidden")
    p.locator("#f-scenario-title").fill("Edited in the browser")
    p.locator("#f-scenario-title").press("Tab")
    p.locator("#edit-notice").filter(has_text="No problems found").wait_for()
    shot(p, "04-edit-fixed")

    # 5. save as a new name: a new file, the page of the new scenario
    p.locator("#save-name").fill("browser-edit")
    p.click("#save-button")
    p.wait_for_url(f"{base}/scenarios/browser-edit")
    saved = load_scenario(scenarios / "browser-edit.toml")
    assert saved.scenario.name == "browser-edit"
    assert saved.scenario.title == "Edited in the browser"
    assert p.locator("h1").inner_text().startswith("browser-edit")
    wait_until(p, "document.querySelectorAll('.js-plotly-plot').length >= 2")
    shot(p, "05-saved", full_page=True)

    # 6. launch a run and watch its progress live
    p.select_option("#kind", "run")
    p.click("#launch")
    p.wait_for_url(f"{base}/runs/*")
    status = p.locator("#run-status")
    wait_until(
        p,
        "(() => { const s = document.querySelector('#run-status');"
        " return s && s.dataset.status === 'running'"
        " && Number(document.querySelector('#run-progress').value) > 0; })()",
    )
    assert status.get_attribute("data-status") == "running"
    shot(p, "06-run-progress")
    p.locator('#run-status[data-status="complete"]').wait_for(timeout=30_000)
    assert p.locator("#run-percent").inner_text() == "100 %"
    shot(p, "07-run-done")

    # 7. open the result: the picture with its figures drawn
    p.click("#open-result")
    p.wait_for_url(f"{base}/runs/*/result")
    wait_until(
        p,
        "document.querySelectorAll('.js-plotly-plot').length"
        " === document.querySelectorAll('[data-figure]').length",
    )
    assert all(n > 0 for n in figures_drawn(p))
    assert p.locator("#power-table tbody tr").count() == len(saved.actors)
    shot(p, "08-result", full_page=True)

    # 8. launch a small claims check (an ensemble in every arm the claims need), watch it
    #    finish, and open the claims table
    launch_and_open(p, base, "browser-edit", "claims", 4, shot_done="09-claims-done")
    rows = p.locator("#claims-table tbody tr")
    assert rows.count() == len(saved.claims)
    assert rows.first.get_attribute("data-verdict") in ("supported", "contradicted", "undecided")
    shot(p, "10-claims-table", full_page=True)

    # 9. a small ensemble: its result is the report's band figures, drawn
    launch_and_open(p, base, "browser-edit", "ensemble", 6)
    wait_until(
        p,
        "document.querySelectorAll('.js-plotly-plot').length"
        " === document.querySelectorAll('[data-figure]').length",
    )
    drawn = figures_drawn(p)
    assert len(drawn) == 4 and all(n > 0 for n in drawn)
    shot(p, "11-ensemble-bands", full_page=True)

    # 10. the runs page lists the three and the one made outside the app: one run record
    p.goto(base + "/runs")
    assert p.locator("#runs-table tbody tr").count() == 4
    shot(p, "12-runs")

    # 11. the outside run's result: the report's band figures, drawn from the store
    p.click(f'#runs-table a[href="/runs/{outside}"]')
    p.wait_for_url(f"{base}/runs/{outside}")
    p.click("#open-result")
    p.wait_for_url(f"{base}/runs/{outside}/result")
    wait_until(
        p,
        "document.querySelectorAll('.js-plotly-plot').length"
        " === document.querySelectorAll('[data-figure]').length",
    )
    assert len(figures_drawn(p)) == 4 and all(n > 0 for n in figures_drawn(p))
    shot(p, "13-outside-run", full_page=True)

    assert troubles == [], "\n".join(troubles)
