"""The review page of the web app: paste a text, see what the reader found, keep what is right.

``GET /review`` shows a form (text, its date, a bundled scenario); ``POST /review`` reads the
text and shows it with every extracted span highlighted beside the list of items, each with a
keep box (checked); ``POST /review/draft`` re-reads the same text and returns the draft patch of
the kept items as a TOML download (the same patch ``equipoise extract --out`` writes, reviewed).
The reader is the one of ``equipoise extract`` (:mod:`equipoise.text`).
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request, Response
from markupsafe import Markup
from starlette.templating import Jinja2Templates

from equipoise.errors import InputError, Problem

#: Longest text accepted from the form (the app's body limit applies first).
MAX_TEXT_CHARS = 500_000


async def _read_form(request: Request) -> tuple[str, str, str, list[str]]:
    form = await request.form()
    text = str(form.get("text", "")).replace("\r\n", "\n")
    date = str(form.get("date", "")).strip()
    scenario = str(form.get("scenario", "")).strip() or "indo-pacific-2021"
    keep = [str(v) for v in form.getlist("keep")]
    return text, date, scenario, keep


def _read(text: str, date: str, scenario: str) -> tuple[Any, Any]:
    from equipoise.scenario import bundled_names, load_scenario
    from equipoise.text import extract, scenario_context
    from equipoise.text.dates import parse_ref_date

    problems = []
    if not text.strip():
        problems.append(Problem("paste a text to read", path="text"))
    elif len(text) > MAX_TEXT_CHARS:
        problems.append(Problem(f"longer than {MAX_TEXT_CHARS:,} characters", path="text"))
    if scenario not in bundled_names():
        problems.append(Problem(f"not a bundled scenario: {scenario!r}", path="scenario"))
    try:
        ref = parse_ref_date(date or None)
    except ValueError as exc:
        problems.append(Problem(str(exc), path="date"))
        ref = None
    InputError.collect(problems)
    scen = load_scenario(scenario)
    return extract(text, file="pasted text", scenario=scenario_context(scen), date=ref), scen


def _kept(found: Any, keep: list[str]) -> Any:
    """Return a copy of ``found`` with only the kept items."""
    from dataclasses import replace

    keep_set = set(keep)
    return replace(
        found,
        actors=[a for a in found.actors if f"a-{a.code}-0" in keep_set],
        relations=[r for k, r in enumerate(found.relations) if f"r-{k}" in keep_set],
        events=[e for k, e in enumerate(found.events) if f"e-{k}" in keep_set],
        claims=[c for k, c in enumerate(found.claims) if f"c-{k}" in keep_set],
    )


def build_review(templates: Jinja2Templates) -> APIRouter:
    """Return the router of the review page."""
    router = APIRouter()

    def page(request: Request, **context: Any) -> Response:
        from equipoise.scenario import bundled_names

        base = {
            "text": "",
            "date": "",
            "scenario": "indo-pacific-2021",
            "problems": [],
            "scenarios": bundled_names(),
            "found": None,
        }
        return templates.TemplateResponse(
            request,
            "review.html",
            base | context,
            status_code=400 if context.get("problems") else 200,
        )

    @router.get("/review", include_in_schema=False)
    def review_form(request: Request) -> Response:
        return page(request)

    @router.post("/review", include_in_schema=False)
    async def review_text(request: Request) -> Response:
        from equipoise.text.html import CSS, LEGEND, highlighted, item_labels

        text, date, scenario, _ = await _read_form(request)
        try:
            found, _scen = _read(text, date, scenario)
        except InputError as exc:
            return page(request, text=text, date=date, scenario=scenario, problems=exc.problems)
        return page(
            request,
            text=text,
            date=date,
            scenario=scenario,
            found=found,
            css=Markup(CSS),
            legend=Markup(LEGEND),
            body=Markup(highlighted(found, text)),
            items=item_labels(found),
        )

    @router.post("/review/draft", include_in_schema=False)
    async def review_draft(request: Request) -> Response:
        import tomli_w

        from equipoise.text.draft import build_draft, header

        text, date, scenario, keep = await _read_form(request)
        try:
            found, scen = _read(text, date, scenario)
        except InputError as exc:
            return page(request, text=text, date=date, scenario=scenario, problems=exc.problems)
        draft = build_draft(
            _kept(found, keep), text, scenario=scen, extends=scenario, source_file="pasted text"
        )
        body = header("pasted text", scenario, found.date) + tomli_w.dumps(draft.data)
        return Response(
            body,
            media_type="application/toml",
            headers={"Content-Disposition": 'attachment; filename="draft.toml"'},
        )

    return router


__all__ = ["MAX_TEXT_CHARS", "build_review"]
