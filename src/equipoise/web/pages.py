"""The HTML pages: browse and view scenarios, edit one, launch runs and watch them.

Pages are server-rendered Jinja2 templates; htmx (served from ``/static``) does the live
parts: the edit form is checked on every change and re-rendered with each problem beside
its field, and a run's page polls its status until the run has finished. Every page also
works as a plain HTML form without scripts.
"""

from __future__ import annotations

import logging
import threading
from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Path, Request, Response
from fastapi.responses import PlainTextResponse, RedirectResponse
from markupsafe import Markup
from starlette.templating import Jinja2Templates

from equipoise.errors import InputError, Problem
from equipoise.experiments.cost import MAX_PAGE_SECONDS, estimate_cost
from equipoise.report import baseline_report_data, report_figures
from equipoise.scenario.loading import SUFFIX, library_dir
from equipoise.scenario.schema import Scenario
from equipoise.web.api import ApiProblem, submit, summarize
from equipoise.web.catalog import Catalog, Loaded, NameTaken, check_name
from equipoise.web.figures import picture_figures, relation_matrix
from equipoise.web.forms import (
    Assigned,
    apply_post,
    assign_problems,
    build_form,
    error_slots,
)
from equipoise.web.jobs import Job
from equipoise.web.models import NAME_PATTERN, RUN_ID_PATTERN
from equipoise.web.runs import WebRuns

T_Name = Annotated[str, Path(pattern=NAME_PATTERN, max_length=64)]
T_RunId = Annotated[str, Path(pattern=RUN_ID_PATTERN, max_length=64)]
logger = logging.getLogger(__name__)
#: Guards the first computation of a scenario's baseline figures (see baseline_section).
_BASELINE_LOCK = threading.Lock()
#: Most fields a posted form may have (the default scenario's form has a few hundred).
MAX_FORM_FIELDS = 20_000


def picture_context(pic: dict[str, Any], cache: dict[str, Any] | None = None) -> dict[str, Any]:
    """Return what ``_picture.html`` needs: the picture, its figures and its heat table."""
    if cache is not None and "picture_context" in cache:
        return dict(cache["picture_context"])
    codes, matrix, declared = relation_matrix(pic)
    context = {
        "pic": pic,
        "figures": picture_figures(pic),
        "codes": codes,
        "matrix": matrix,
        "declared": declared,
        "issue_rows": [
            sorted(issue["positions"].items(), key=lambda item: (item[1]["position"], item[0]))
            for issue in pic["issues"]
        ],
        "other_indices": [
            k
            for k in (pic["actors"][0]["indices"] if pic["actors"] else {})
            if k != pic["power_index"]
        ],
    }
    if cache is not None:
        cache["picture_context"] = context
    return context


def baseline_section(
    scenario: Scenario, cache: dict[str, Any], templates: Jinja2Templates
) -> Markup:
    """Return the HTML of the report's figures of the scenario's baseline run, cached.

    The same figures as ``equipoise report`` draws from the baseline run (power, relations,
    the system over time, bargaining, issue outcomes), each with its caption and table. The
    section (about 280 kB, most of it the figures' JSON) is rendered once per version of the
    file (rendering it per request made the page 9 times slower), under a lock so that
    simultaneous first views compute it once. A scenario whose baseline run is estimated past
    :data:`~equipoise.experiments.cost.MAX_PAGE_SECONDS` is not run: the section says why (the
    estimate) instead. A scenario that validates but whose run fails
    (say, no actor with any capability on an issue) gets a notice with the reason instead,
    and the rest of its page.
    """
    with _BASELINE_LOCK:
        if "baseline_html" not in cache:
            estimate = estimate_cost(scenario)
            if estimate.seconds > MAX_PAGE_SECONDS:
                # a page view never starts hours of computing (time_step = 0.00274, say)
                html = templates.env.get_template("_figures.html").render(
                    baseline_skipped=estimate.describe(),
                    baseline_limit=f"{MAX_PAGE_SECONDS:g} s",
                )
                cache["baseline_html"] = Markup(html)
                section: Markup = cache["baseline_html"]
                return section
            try:
                data = baseline_report_data(scenario)
                figures = [f.to_dict() for f in report_figures(data).all()]
            except Exception as exc:  # the page must still show the scenario
                logger.warning("baseline run of %s failed: %s", scenario.scenario.name, exc)
                html = templates.env.get_template("_figures.html").render(baseline_error=str(exc))
            else:
                html = templates.env.get_template("_figures.html").render(baseline_figures=figures)
            cache["baseline_html"] = Markup(html)
        section = cache["baseline_html"]
    return section


def _is_htmx(request: Request) -> bool:
    return request.headers.get("hx-request") == "true"


def _redirect(request: Request, url: str) -> Response:
    """Redirect after a successful post (htmx follows ``HX-Redirect``)."""
    if _is_htmx(request):
        return Response(status_code=200, headers={"HX-Redirect": url})
    return RedirectResponse(url, status_code=303)


def build_pages(
    catalog: Catalog, runs: WebRuns, templates: Jinja2Templates, *, poll_ms: int = 500
) -> APIRouter:
    """Return the router of the HTML pages."""
    pages = APIRouter(include_in_schema=False)
    jobs = runs.jobs

    def render(request: Request, template: str, status: int = 200, **context: Any) -> Response:
        return templates.TemplateResponse(request, template, context, status_code=status)

    def run_context(job: Job) -> dict[str, Any]:
        return {"job": job, "poll_ms": poll_ms, "known": known_scenarios()}

    def known_scenarios() -> set[str]:
        """Return the scenarios the app can open (a CLI run's may be elsewhere: no link then)."""
        return {e.name for e in catalog.entries()}

    @pages.get("/")
    def index(request: Request) -> Response:
        default = catalog.default_name
        return render(
            request,
            "index.html",
            scenarios=[summarize(loaded, default=default) for loaded in catalog.iter_loaded()],
            runs=jobs.jobs()[:10],
            any_active=jobs.active() > 0,
            known=known_scenarios(),
            store=str(runs.store.root),
            scenario_dir=str(catalog.scenario_dir),
            poll_ms=poll_ms,
        )

    @pages.get("/scenarios/{name}")
    def view(request: Request, name: T_Name) -> Response:
        loaded = catalog.load(name)
        context: dict[str, Any] = {
            "loaded": loaded,
            "s": loaded.scenario,
            "kinds": runs.registry.kinds(),
        }
        if loaded.valid and loaded.picture is not None:
            context.update(picture_context(loaded.picture, loaded.extra))
            if loaded.scenario is not None:
                context["baseline_html"] = baseline_section(
                    loaded.scenario, loaded.extra, templates
                )
        return render(request, "scenario.html", **context)

    @pages.get("/scenarios/{name}/toml")
    def toml(name: T_Name) -> Response:
        loaded = catalog.load(name)
        return PlainTextResponse(
            loaded.text,
            media_type="application/toml",
            headers={"Content-Disposition": f'inline; filename="{loaded.entry.file}"'},
        )

    def edit_page(
        request: Request,
        loaded: Loaded,
        document: dict[str, Any],
        *,
        assigned: Assigned | None = None,
        save_name: str = "",
        overwrite: bool = False,
        name_problems: list[Problem] | None = None,
        notice: str = "",
        check_only: bool = False,
        shown_before: str = "",
    ) -> Response:
        form = build_form(document)
        assigned = assigned or Assigned()
        template = "_edit_form.html" if _is_htmx(request) else "edit.html"
        if check_only and _is_htmx(request):
            template = "_edit_check.html"
        # The problem elements showing something now; a check re-sends only these and those
        # that showed something before (the page tells which), not one per field.
        shown = error_slots(form, assigned) | ({"err-save-name"} if name_problems else set())
        before = set(shown_before.split()) & (error_slots(form) | {"err-save-name"})
        return render(
            request,
            template,
            loaded=loaded,
            form=form,
            assigned=assigned,
            open_sections=assigned.sections(),
            save_name=save_name,
            overwrite=overwrite,
            name_problems=name_problems or [],
            notice=notice,
            scenario_dir=str(catalog.scenario_dir),
            shown=sorted(shown),
            update=shown | before,
        )

    def editable(loaded: Loaded) -> dict[str, Any]:
        if loaded.document is None:
            raise ApiProblem(
                422,
                f"{loaded.entry.file} cannot be edited in a form until it is valid TOML; "
                "fix these problems in the file first",
                loaded.problems,
            )
        return loaded.document

    @pages.get("/scenarios/{name}/edit")
    def edit(request: Request, name: T_Name) -> Response:
        loaded = catalog.load(name)
        document = editable(loaded)
        assigned = assign_problems(loaded.problems, build_form(document))
        return edit_page(
            request, loaded, document, assigned=assigned, save_name=_suggest(catalog, name)
        )

    @pages.post("/scenarios/{name}/edit")
    async def edit_post(request: Request, name: T_Name) -> Response:
        loaded = catalog.load(name)
        base = editable(loaded)
        data = await request.form(max_files=0, max_fields=MAX_FORM_FIELDS)
        posted = {k: v for k, v in data.items() if isinstance(v, str)}
        action = posted.get("action", "check")
        check_only = posted.get("check_only") == "1"  # a check on change: problems only
        save_name = posted.get("save_name", "").strip()
        overwrite = posted.get("overwrite") in ("on", "true", "1")
        form = build_form(base)
        edited = apply_post(base, form, posted)

        name_problems: list[Problem] = []
        if save_name:
            try:
                check_name(save_name, what="save_name")
            except InputError as exc:
                name_problems.extend(exc.problems)
            else:
                if save_name in catalog.bundled():
                    name_problems.append(
                        Problem("is a bundled scenario; choose another name", path="save_name")
                    )
                elif save_name == name:
                    # docs/web.md: the original file is never changed, "overwrite" or not
                    name_problems.append(
                        Problem(
                            "is the scenario being edited, which the form never changes; "
                            "choose another name (or edit the file itself)",
                            path="save_name",
                        )
                    )
        elif action == "save":
            name_problems.append(Problem("give a name to save the scenario as", path="save_name"))
        good_name = save_name if save_name and not name_problems else None
        if good_name is not None and isinstance(edited.get("scenario"), dict):
            edited["scenario"]["name"] = good_name
        # problems are located in the text that would be saved, so never name the original file
        file = f"{good_name or name + '-edited'}{SUFFIX}"
        header = (
            f"# Saved by `equipoise serve` from the scenario {name!r} on "
            f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC.\n"
            f"# Check it with:  equipoise validate {file}\n\n"
        )
        text, checked = catalog.check_document(edited, file=file, header=header)
        assigned = assign_problems(checked.problems, form)

        notice = ""
        if action == "save" and not name_problems:
            if checked.problems:
                notice = "Not saved: fix the problems first."
            else:
                assert good_name is not None
                try:
                    entry = catalog.save(good_name, text, overwrite=overwrite)
                except NameTaken as exc:
                    name_problems.append(Problem(str(exc), path="save_name"))
                else:
                    return _redirect(request, f"/scenarios/{entry.name}")
        elif not checked.problems and not name_problems:
            notice = "No problems found."
        return edit_page(
            request,
            loaded,
            edited,
            assigned=assigned,
            save_name=save_name,
            overwrite=overwrite,
            name_problems=name_problems,
            notice=notice,
            check_only=check_only and action != "save",
            shown_before=posted.get("shown_errors", ""),
        )

    @pages.post("/scenarios")
    async def new_scenario(request: Request) -> Response:
        data = await request.form(max_files=0, max_fields=10)
        name = str(data.get("name", "")).strip()
        check_name(name)
        text = (library_dir() / "_template.toml").read_text(encoding="utf-8")
        text = text.replace("__NAME__", name).replace("__FILE__", f"{name}{SUFFIX}")
        if name in catalog.bundled():
            raise NameTaken(f"{name!r} is a bundled scenario; choose another name")
        entry = catalog.save(name, text, overwrite=False)
        return RedirectResponse(f"/scenarios/{entry.name}/edit", status_code=303)

    @pages.get("/runs")
    def runs_page(request: Request) -> Response:
        return render(
            request,
            "runs.html",
            runs=jobs.jobs(),
            any_active=jobs.active() > 0,
            known=known_scenarios(),
            store=str(runs.store.root),
            poll_ms=poll_ms,
        )

    @pages.get("/runs/table")
    def runs_table(request: Request) -> Response:
        return render(
            request,
            "_runs_table.html",
            runs=jobs.jobs()[: 10 if request.query_params.get("recent") else None],
            any_active=jobs.active() > 0,
            known=known_scenarios(),
            poll_ms=poll_ms,
            recent=bool(request.query_params.get("recent")),
        )

    @pages.post("/runs")
    async def launch(request: Request) -> Response:
        data = await request.form(max_files=0, max_fields=10)
        scenario = str(data.get("scenario", ""))
        kind = str(data.get("kind", "run"))
        params: dict[str, Any] = {}
        if kind in ("ensemble", "compare", "claims"):
            raw = str(data.get("members", "") or "50")
            params["members"] = int(raw) if raw.isdigit() else raw  # validated by the kind
        if kind == "compare":
            params["intervention"] = str(data.get("intervention", ""))
        job = submit(catalog, runs, check_name(scenario, what="scenario"), kind, params)
        return RedirectResponse(f"/runs/{job.id}", status_code=303)

    @pages.get("/runs/{run_id}")
    def run(request: Request, run_id: T_RunId) -> Response:
        return render(request, "run.html", **run_context(jobs.get(run_id)))

    @pages.get("/runs/{run_id}/status")
    def run_status(request: Request, run_id: T_RunId) -> Response:
        return render(request, "_run_status.html", **run_context(jobs.get(run_id)))

    @pages.post("/runs/{run_id}/cancel")
    def cancel(request: Request, run_id: T_RunId) -> Response:
        jobs.cancel(run_id)
        return _redirect(request, f"/runs/{run_id}")

    @pages.get("/runs/{run_id}/result")
    def run_result(request: Request, run_id: T_RunId) -> Response:
        job, result = runs.result(run_id)
        if result is None:
            raise ApiProblem(409, f"run {run_id} has no result: it is {job.status.value}")
        context: dict[str, Any] = {"job": job, "result": result, "known": known_scenarios()}
        if job.kind == "run" and isinstance(result.get("picture"), dict):
            context.update(picture_context(result["picture"]))
            context["baseline_figures"] = result.get("figures") or []
            context["run"] = result.get("run")
        return render(request, "result.html", **context)

    return pages


def _suggest(catalog: Catalog, name: str) -> str:
    """Suggest a new name to save an edited copy of ``name`` as (``NAME-edited-2``...)."""
    stem = name[:50]
    taken = {e.name for e in catalog.entries()}
    candidate = f"{stem}-edited"
    k = 2
    while candidate in taken:
        candidate = f"{stem}-edited-{k}"
        k += 1
    return candidate


__all__ = ["build_pages", "picture_context"]
