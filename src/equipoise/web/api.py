"""The JSON API under ``/api``: scenarios, validation, saving, runs and their results.

Every error is a 4xx JSON body ``{"detail": ..., "problems": [...]}`` (see
:class:`~equipoise.web.models.ErrorOut`), with the located problems of the scenario layer
where there are some. The handlers only call the catalog and the runs (:class:`~equipoise.web.runs.WebRuns`: the job
queue and the results store).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query, Request, Response
from pydantic import Field, ValidationError, create_model

from equipoise.errors import InputError, Problem
from equipoise.scenario.loading import decode_text
from equipoise.web.catalog import Catalog, Checked, Loaded, check_name
from equipoise.web.jobs import Job, JobStatus
from equipoise.web.models import (
    NAME_PATTERN,
    RUN_ID_PATTERN,
    Counts,
    ErrorOut,
    KindList,
    KindOut,
    PictureOut,
    ProblemOut,
    RunList,
    RunOut,
    RunRequest,
    RunResult,
    SaveRequest,
    ScenarioInput,
    ScenarioList,
    ScenarioOut,
    ScenarioSummary,
    ValidateRequest,
    ValidationOut,
)
from equipoise.web.runs import WebRuns

T_ScenarioName = Annotated[
    str,
    Path(
        pattern=NAME_PATTERN,
        max_length=64,
        description="Scenario name.",
        examples=["indo-pacific-2021"],
    ),
]
T_RunId = Annotated[
    str,
    Path(
        pattern=RUN_ID_PATTERN,
        max_length=64,
        description="Run id in the results store, e.g. 20261123-184500-3fa2.",
    ),
]
TOML_TYPES = ("application/toml", "text/plain", "text/x-toml")


class ApiProblem(Exception):
    """An error response: status, detail and located problems."""

    def __init__(
        self,
        status: int,
        detail: str,
        problems: tuple[Problem, ...] | list[Problem] = (),
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.problems = tuple(problems)
        self.headers = headers


def _errors(*codes: int) -> dict[int | str, dict[str, Any]]:
    text = {
        400: "Malformed request (bad JSON, bad host).",
        403: "Cross-origin request refused.",
        404: "No such scenario or run.",
        409: "Conflict: the name is taken, or the run has no result (yet).",
        413: "Request body too large.",
        415: "Unsupported content type.",
        422: "Invalid input, with the located problems.",
        429: "The job queue is full; retry later.",
    }
    return {c: {"model": ErrorOut, "description": text[c]} for c in codes}


def summarize(loaded: Loaded, *, default: str | None) -> ScenarioSummary:
    """Describe a loaded scenario in a listing."""
    s = loaded.scenario
    return ScenarioSummary(
        name=loaded.entry.name,
        source=loaded.entry.source,
        default=loaded.entry.name == default,
        valid=loaded.valid,
        title=s.scenario.title if s is not None else "",
        start_year=s.scenario.start_year if s is not None else None,
        horizon=s.scenario.horizon if s is not None else None,
        counts=Counts.of(s) if s is not None else None,
        n_problems=len(loaded.problems),
        url=f"/api/scenarios/{loaded.entry.name}",
    )


def scenario_json(loaded: Loaded, *, default: str | None) -> bytes:
    """Return the API's JSON for one scenario (cached with the loaded scenario)."""
    cached = loaded.extra.get("api_json")
    if isinstance(cached, bytes):
        return cached
    out = ScenarioOut(
        name=loaded.entry.name,
        source=loaded.entry.source,
        default=loaded.entry.name == default,
        valid=loaded.valid,
        sha256=loaded.sha256,
        problems=[ProblemOut.of(p) for p in loaded.problems],
        scenario=loaded.scenario if loaded.valid else None,
        picture=PictureOut.model_validate(loaded.picture) if loaded.valid else None,
    )
    data = out.model_dump_json().encode()
    loaded.extra["api_json"] = data
    return data


async def read_scenario_input(
    request: Request, model: type[ScenarioInput], *, file: str
) -> tuple[ScenarioInput | None, str | None]:
    """Read a scenario from the body: JSON (``model``) or TOML text.

    Returns ``(model, None)`` for JSON and ``(None, text)`` for TOML.

    Raises
    ------
    ApiProblem
        400 for malformed JSON, 415 for another content type, 422 for a body that does not
        match ``model`` or TOML bytes that are not UTF-8 (located).
    """
    content_type = request.headers.get("content-type", "application/json")
    media = content_type.split(";", 1)[0].strip().lower()
    body = await request.body()
    if media in TOML_TYPES:
        try:
            return None, decode_text(body, file)
        except InputError as exc:
            raise ApiProblem(422, "the TOML text is not UTF-8", exc.problems) from None
    if media != "application/json" and not media.endswith("+json"):
        raise ApiProblem(
            415,
            f"send application/json or application/toml, got {media or 'no content type'!r}",
        )
    try:
        data = json.loads(body)
    except (ValueError, RecursionError) as exc:
        raise ApiProblem(400, f"the body is not valid JSON: {exc}") from None
    try:
        return model.model_validate(data), None
    except ValidationError as exc:
        raise ApiProblem(
            422,
            "invalid request body",
            [
                Problem(str(e["msg"]), path=".".join(["body", *(str(p) for p in e["loc"])]))
                for e in exc.errors(include_url=False)
            ],
        ) from None


def run_request_model(kinds: Sequence[str]) -> type[RunRequest]:
    """Return :class:`RunRequest` with ``kind`` limited to ``kinds`` (an enum in the schema).

    The server refuses any other kind (422), so the OpenAPI schema says so, instead of a free
    string (schemathesis' check that the schema allows only what the server accepts).
    """
    names = tuple(kinds)
    if not names:
        return RunRequest
    kind_type: Any = Literal[names]
    model: type[RunRequest] = create_model(
        "RunRequest",
        __base__=RunRequest,
        kind=(
            kind_type,
            Field(
                "run" if "run" in names else names[0],
                description="Job kind (see GET /api/kinds).",
                examples=[names[0]],
            ),
        ),
    )
    model.__doc__ = RunRequest.__doc__
    return model


def _input_schema(model: type[ScenarioInput]) -> dict[str, Any]:
    """Return the JSON Schema of a scenario input: exactly one of ``toml`` or ``scenario``.

    pydantic describes both as optional and nullable, which allows bodies the server refuses
    (neither, or both); the schema here is a ``oneOf`` of the two shapes it accepts, the other
    key absent or null.
    """
    schema = model.model_json_schema()
    common = {k: v for k, v in schema["properties"].items() if k not in ("toml", "scenario")}
    shapes = {
        "toml": {"type": "string", "description": "The scenario as TOML text."},
        "scenario": {
            "type": "object",
            "description": "The scenario as a document (the content of a TOML file, as JSON).",
        },
    }

    def variant(key: str, other: str) -> dict[str, Any]:
        return {
            "type": "object",
            "title": f"{schema.get('title', model.__name__)} ({key})",
            "properties": {**common, key: shapes[key], other: {"type": "null"}},
            "required": [key],
            "additionalProperties": False,
        }

    out: dict[str, Any] = {
        "title": schema.get("title", model.__name__),
        "oneOf": [variant("toml", "scenario"), variant("scenario", "toml")],
    }
    if "description" in schema:
        out["description"] = schema["description"]
    return out


def _body_schema(model: type[ScenarioInput]) -> dict[str, Any]:
    return {
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {"schema": _input_schema(model)},
                "application/toml": {
                    "schema": {"type": "string", "description": "A scenario as TOML text."}
                },
            },
        }
    }


def build_api(catalog: Catalog, runs: WebRuns) -> APIRouter:
    """Return the ``/api`` router over a catalog and the runs."""
    jobs = runs.jobs
    # errors any request can meet (the guard's 400 and 413; invalid parameters' 422)
    api = APIRouter(prefix="/api", tags=["api"], responses=_errors(400, 413, 422))

    def check(model: ScenarioInput | None, text: str | None, *, file: str) -> tuple[str, Checked]:
        if text is not None:
            return text, catalog.check_text(text, file=file)
        assert model is not None
        if model.toml is not None:
            return model.toml, catalog.check_text(model.toml, file=file)
        assert model.scenario is not None
        return catalog.check_document(model.scenario, file=file)

    @api.get("/scenarios", response_model=ScenarioList, summary="List the scenarios")
    def list_scenarios() -> ScenarioList:
        """Every bundled scenario, then every ``*.toml`` of the scenario folder."""
        default = catalog.default_name
        return ScenarioList(
            scenarios=[summarize(loaded, default=default) for loaded in catalog.iter_loaded()]
        )

    @api.get(
        "/scenarios/{name}",
        response_model=ScenarioOut,
        responses=_errors(404),
        summary="One scenario with its picture",
    )
    def get_scenario(name: T_ScenarioName) -> Response:
        """Return the scenario's content and picture, or its located problems if it is invalid."""
        loaded = catalog.load(name)
        return Response(
            scenario_json(loaded, default=catalog.default_name), media_type="application/json"
        )

    @api.post(
        "/scenarios/validate",
        response_model=ValidationOut,
        responses=_errors(403, 415),
        openapi_extra=_body_schema(ValidateRequest),
        summary="Validate a scenario",
    )
    async def validate(
        request: Request,
        name: Annotated[
            str | None,
            Query(
                pattern=NAME_PATTERN,
                max_length=64,
                description="File name for the problems' locations (a JSON body's 'name' wins).",
            ),
        ] = None,
    ) -> ValidationOut:
        """Validate TOML text or a document: every located problem, as ``equipoise validate``.

        Send ``application/toml`` (the file's text) or JSON ``{"toml": ...}`` /
        ``{"scenario": {...}}``. A valid scenario gives ``ok: true`` and its counts.
        """
        model, text = await read_scenario_input(request, ValidateRequest, file="<input>")
        # the name only labels the problems' locations: a JSON body's name wins over the
        # query's (both are allowed by the schema, so both are accepted)
        label = (getattr(model, "name", None) if model is not None else None) or name
        _, checked = check(model, text, file=f"{label or 'input'}.toml")
        return ValidationOut(
            ok=checked.scenario is not None,
            problems=[ProblemOut.of(p) for p in checked.problems],
            name=checked.scenario.scenario.name if checked.scenario is not None else None,
            counts=Counts.of(checked.scenario) if checked.scenario is not None else None,
        )

    @api.post(
        "/scenarios",
        status_code=201,
        response_model=ScenarioSummary,
        responses=_errors(403, 409, 415),
        openapi_extra=_body_schema(SaveRequest),
        summary="Save a new scenario",
    )
    async def save(
        request: Request,
        response: Response,
        name: Annotated[
            str | None,
            Query(
                pattern=NAME_PATTERN,
                max_length=64,
                description="Name of the new file (TOML bodies; default: the scenario's name).",
            ),
        ] = None,
        overwrite: Annotated[
            bool, Query(description="Replace an existing file (TOML bodies).")
        ] = False,
    ) -> ScenarioSummary:
        """Validate a scenario and save it as ``NAME.toml`` in the scenario folder.

        Never overwrites unless ``overwrite`` is true (409 otherwise); bundled names are
        refused (409). An invalid scenario is not saved (422 with the located problems).
        TOML text is saved as sent (comments kept); a document is written as TOML.
        """
        model, text = await read_scenario_input(request, SaveRequest, file="<input>")
        if isinstance(model, SaveRequest):
            if name is not None or overwrite:
                raise ApiProblem(422, "give 'name' and 'overwrite' in the JSON body, not the query")
            name, overwrite = model.name, model.overwrite
        if name is not None:
            check_name(name)
        file = f"{name or 'input'}.toml"
        saved_text, checked = check(model, text, file=file)
        if checked.scenario is None:
            raise ApiProblem(422, "the scenario is invalid; nothing was saved", checked.problems)
        own = checked.scenario.scenario.name
        if name is None:
            name = own
        elif own != name:
            raise ApiProblem(
                422,
                "the scenario's name must match the file name",
                [
                    Problem(
                        f"must be the name it is saved under ({name!r}), got {own!r}",
                        file=file,
                        path="scenario.name",
                    )
                ],
            )
        entry = catalog.save(name, saved_text, overwrite=overwrite)
        response.headers["Location"] = f"/api/scenarios/{entry.name}"
        return summarize(catalog.load(entry.name), default=catalog.default_name)

    @api.get("/kinds", response_model=KindList, summary="The job kinds")
    def kinds() -> KindList:
        """List the kinds of run that can be launched, with their parameters' JSON Schema."""
        return KindList(
            kinds=[
                KindOut(name=k.name, description=k.description, params=k.params.model_json_schema())
                for k in runs.registry.kinds()
            ]
        )

    def launch(body: RunRequest, response: Response) -> RunOut:
        """Queue a job of ``kind`` on a scenario; poll its ``url`` for progress."""
        job = submit(catalog, runs, body.scenario, body.kind, body.params)
        response.headers["Location"] = f"/api/runs/{job.id}"
        return RunOut.of(job)

    # the request names one of the kinds registered on this queue: the schema says which
    launch.__annotations__["body"] = run_request_model(runs.registry.names())
    api.post(
        "/runs",
        status_code=202,
        response_model=RunOut,
        responses=_errors(403, 404, 429),
        summary="Launch a run",
    )(launch)

    @api.get("/runs", response_model=RunList, summary="List the runs")
    def list_runs(
        limit: Annotated[int, Query(ge=1, le=1000, description="At most this many.")] = 100,
        status: Annotated[JobStatus | None, Query(description="Only runs in this status.")] = None,
    ) -> RunList:
        """List the runs of the results store and the jobs waiting here, newest first.

        The same runs as ``equipoise runs list``, whichever made them (this app, the command
        line, the Python API).
        """
        found = [j for j in jobs.jobs() if status is None or j.status is status]
        return RunList(runs=[RunOut.of(j) for j in found[:limit]])

    @api.get("/runs/{run_id}", response_model=RunOut, responses=_errors(404), summary="One run")
    def get_run(run_id: T_RunId) -> RunOut:
        """Return the run's status, progress and timings."""
        return RunOut.of(jobs.get(run_id))

    @api.post(
        "/runs/{run_id}/cancel",
        response_model=RunOut,
        responses=_errors(403, 404),
        summary="Cancel a run",
    )
    def cancel(run_id: T_RunId) -> RunOut:
        """Cancel a queued run at once, or stop a running one at its next step."""
        return RunOut.of(jobs.cancel(run_id))

    @api.get(
        "/runs/{run_id}/result",
        response_model=RunResult,
        responses=_errors(404, 409),
        summary="A run's result",
    )
    def result(run_id: T_RunId) -> RunResult:
        """Return the result of a complete run, from the store (409 if it is not complete)."""
        job, data = runs.result(run_id)
        if data is None:
            detail = (
                f"run {run_id} has no result: it is {job.status.value}"
                if job.status is not JobStatus.complete
                else f"run {run_id} is not in the results store"
            )
            raise ApiProblem(409, detail, job.problems)
        return RunResult(id=job.id, kind=job.kind, scenario=job.scenario, result=data)

    return api


def submit(
    catalog: Catalog, runs: WebRuns, scenario: str, kind: str, params: dict[str, Any]
) -> Job:
    """Load a scenario and queue a job on it (shared by the API and the pages).

    Raises
    ------
    ApiProblem
        422 if the scenario is invalid.
    NotFound, InputError, QueueFull
        Mapped to 404, 422 and 429 by the app.
    """
    loaded = catalog.load(scenario)
    if loaded.scenario is None or not loaded.valid:
        raise ApiProblem(
            422, f"scenario {scenario!r} is invalid; fix it before running it", loaded.problems
        )
    return runs.submit(loaded, kind, params)


__all__ = [
    "ApiProblem",
    "build_api",
    "read_scenario_input",
    "run_request_model",
    "submit",
    "summarize",
]
