"""The web app: :func:`create_app` builds the FastAPI application.

Pages (Jinja2 templates, htmx for the interactive parts) and the JSON API under ``/api`` sit
on the same two objects: a :class:`~equipoise.web.catalog.Catalog` of scenarios and the
:class:`~equipoise.web.runs.WebRuns` (the job queue and the results store, the command line's
store). The app is an edge: it holds no model logic.

Run it with ``equipoise serve`` (see ``docs/web.md``).
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

from fastapi import FastAPI, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import BaseRoute, Match
from starlette.templating import Jinja2Templates

from equipoise import __version__
from equipoise.errors import InputError, Problem
from equipoise.plotlyjs import CARTESIAN
from equipoise.report.render import fmt_cell
from equipoise.store import RunNotFoundError, StoreBackend, StoreError, open_store
from equipoise.web.api import ApiProblem, build_api
from equipoise.web.catalog import Catalog, NameTaken, NotFound
from equipoise.web.figures import heat_class, json_script
from equipoise.web.forms import html_id
from equipoise.web.jobs import QueueFull, UnknownRun
from equipoise.web.kinds import JobRegistry, default_registry
from equipoise.web.models import ErrorOut, ProblemOut
from equipoise.web.pages import build_pages
from equipoise.web.review import build_review
from equipoise.web.runs import WebRuns
from equipoise.web.security import BODY_TIMEOUT, LOOPBACK_HOSTS, Guard

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class WebConfig:
    """Settings of the web app.

    Attributes
    ----------
    max_body_bytes : int
        Largest request body (larger: 413). Default 1 MiB.
    workers : int
        Worker threads running jobs.
    capacity : int
        Jobs that may be queued or running at once (more: 429).
    allowed_hosts : tuple of str
        Host names the app answers to (``"*"``: any). Default: the loopback names.
    poll_ms : int
        How often a run's page asks for its progress.
    body_timeout : float
        Seconds for a request body to arrive (408 after).
    """

    max_body_bytes: int = 2**20
    workers: int = 2
    capacity: int = 8
    allowed_hosts: tuple[str, ...] = LOOPBACK_HOSTS
    poll_ms: int = 500
    body_timeout: float = BODY_TIMEOUT


def plotly_js() -> Path | None:
    """Return the plotly.js bundle the pages load: the vendored cartesian one.

    Every figure of the web pages (:mod:`equipoise.web.figures`) is cartesian; a test holds
    them to the traces of :data:`equipoise.plotlyjs.CARTESIAN`.
    """
    path = CARTESIAN.path
    return path if path.is_file() else None


def make_templates() -> Jinja2Templates:
    """Return the page templates with autoescaping and the app's helpers."""
    env = Environment(
        loader=PackageLoader("equipoise.web", "templates"),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(
        heat_class=heat_class,
        json_script=json_script,
        version=__version__,
        has_plotly=plotly_js() is not None,
    )
    env.filters["html_id"] = html_id
    env.filters["fixed"] = lambda v, d=2: "–" if v is None else f"{float(v):.{int(d)}f}"
    env.filters["signed"] = lambda v, d=2: "–" if v is None else f"{float(v):+.{int(d)}f}"
    env.filters["cell"] = fmt_cell  # the report's table cells
    return Jinja2Templates(env=env)


def create_app(
    scenario_dir: Path,
    store: Path | StoreBackend | None = None,
    *,
    config: WebConfig | None = None,
    registry: JobRegistry | None = None,
) -> FastAPI:
    """Build the web app.

    Parameters
    ----------
    scenario_dir : Path
        The user's scenario folder: listed, and where edited scenarios are saved (created
        if absent).
    store : Path or StoreBackend, optional
        The results store every job records its run in, and whose runs the app shows (a
        folder, opened with :func:`~equipoise.store.open_store`; default: the command line's,
        ``$EQUIPOISE_RUNS`` or ``./equipoise-runs``). Created on the first run.
    config : WebConfig, optional
        Limits and settings (defaults: 1 MiB bodies, 2 workers, 8 queued jobs, loopback).
    registry : JobRegistry, optional
        The job kinds (default: :func:`~equipoise.web.kinds.default_registry`).

    Returns
    -------
    FastAPI
        The app; its job queue is closed when the app shuts down (running jobs leave their
        runs incomplete in the store).
    """
    config = config or WebConfig()
    catalog = Catalog(scenario_dir)
    runs = WebRuns(
        catalog,
        registry or default_registry(),
        store if isinstance(store, StoreBackend) else open_store(store),
        workers=config.workers,
        capacity=config.capacity,
    )
    templates = make_templates()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        try:
            yield
        finally:
            runs.close()

    app = FastAPI(
        title="equipoise",
        version=__version__,
        description=(
            "Scenarios of a region, their picture (power, relations, issues) and runs. "
            "Errors are JSON `{detail, problems}` with located problems."
        ),
        lifespan=lifespan,
        docs_url=None,  # Swagger UI would load scripts from a CDN
        redoc_url=None,
        openapi_url="/openapi.json",
    )
    app.state.catalog = catalog
    app.state.runs = runs
    app.state.jobs = runs.jobs
    app.state.config = config

    def error(
        request: Request,
        status: int,
        detail: str,
        problems: tuple[Problem, ...] | list[Problem] = (),
        headers: dict[str, str] | None = None,
    ) -> Response:
        if request.url.path.startswith("/api") or request.url.path == "/openapi.json":
            body = ErrorOut(detail=detail, problems=[ProblemOut.of(p) for p in problems])
            return JSONResponse(body.model_dump(), status_code=status, headers=headers)
        return templates.TemplateResponse(
            request,
            "error.html",
            {"status": status, "detail": detail, "problems": list(problems)},
            status_code=status,
            headers=headers,
        )

    @app.exception_handler(ApiProblem)
    async def on_api_problem(request: Request, exc: ApiProblem) -> Response:
        return error(request, exc.status, exc.detail, exc.problems, exc.headers)

    @app.exception_handler(InputError)
    async def on_input_error(request: Request, exc: InputError) -> Response:
        n = len(exc.problems)
        return error(request, 422, f"{n} problem{'s' if n != 1 else ''} in the input", exc.problems)

    @app.exception_handler(NotFound)
    async def on_not_found(request: Request, exc: NotFound) -> Response:
        return error(request, 404, str(exc))

    @app.exception_handler(UnknownRun)
    async def on_unknown_run(request: Request, exc: UnknownRun) -> Response:
        return error(request, 404, f"no run {exc.args[0]!r}")

    @app.exception_handler(RunNotFoundError)
    async def on_run_not_found(request: Request, exc: RunNotFoundError) -> Response:
        return error(request, 404, "no such run in the results store")

    @app.exception_handler(StoreError)
    async def on_store_error(request: Request, exc: StoreError) -> Response:
        return error(request, 503, f"the results store cannot be read: {exc}")

    @app.exception_handler(NameTaken)
    async def on_name_taken(request: Request, exc: NameTaken) -> Response:
        return error(request, 409, str(exc))

    @app.exception_handler(QueueFull)
    async def on_queue_full(request: Request, exc: QueueFull) -> Response:
        return error(request, 429, f"the job queue is full: {exc}", headers={"Retry-After": "2"})

    @app.exception_handler(RequestValidationError)
    async def on_request_invalid(request: Request, exc: RequestValidationError) -> Response:
        problems = [
            Problem(str(e.get("msg", "invalid")), path=".".join(str(p) for p in e.get("loc", ())))
            for e in exc.errors()
        ]
        return error(request, 422, "invalid request", problems)

    @app.exception_handler(StarletteHTTPException)
    async def on_http(request: Request, exc: StarletteHTTPException) -> Response:
        headers = dict(exc.headers) if exc.headers else {}
        if exc.status_code == 405:
            # Starlette lists the methods of the first route of the path only; list them all
            methods: set[str] = set()
            for route in app.router.routes:
                match, _ = route.matches(request.scope)
                if match is not Match.NONE and isinstance(route, BaseRoute):
                    methods |= set(getattr(route, "methods", None) or ())
            headers["Allow"] = ", ".join(sorted(methods))
        return error(request, exc.status_code, str(exc.detail), headers=headers or None)

    @app.exception_handler(RecursionError)
    async def on_recursion(request: Request, exc: RecursionError) -> Response:
        return error(request, 400, "the input is nested too deeply")

    plotly_path = plotly_js()

    @app.get("/vendor/plotly.min.js", include_in_schema=False)
    def plotly() -> Response:
        if plotly_path is None:  # pragma: no cover - plotly is a dependency
            return Response("// plotly is not installed\n", media_type="text/javascript")
        return FileResponse(
            plotly_path,
            media_type="text/javascript",
            headers={"Cache-Control": "public, max-age=86400"},
        )

    app.include_router(build_api(catalog, runs))
    app.include_router(build_pages(catalog, runs, templates, poll_ms=config.poll_ms))
    app.include_router(build_review(templates))
    app.mount(
        "/static",
        StaticFiles(packages=[("equipoise.web", "static")]),
        name="static",
    )
    app.add_middleware(
        Guard,
        max_body_bytes=config.max_body_bytes,
        allowed_hosts=config.allowed_hosts,
        body_timeout=config.body_timeout,
    )
    return app


__all__ = ["WebConfig", "create_app", "make_templates", "plotly_js"]
