"""The JSON API's request and response models (they make the OpenAPI schema)."""

from __future__ import annotations

from typing import Any, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from equipoise.errors import Problem
from equipoise.scenario.schema import SLUG, Scenario
from equipoise.web.jobs import RUN_ID_PATTERN, Job

NAME_PATTERN = SLUG


class _Out(BaseModel):
    model_config = ConfigDict(frozen=True)


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ProblemOut(_Out):
    """One located problem: the same fields as ``equipoise validate --json``."""

    message: str
    file: str | None = None
    line: int | None = None
    column: int | None = None
    path: str = Field("", description="Field path, e.g. relations[3].weight ('' = whole input).")

    @classmethod
    def of(cls, problem: Problem) -> ProblemOut:
        """Convert a :class:`~equipoise.errors.Problem`."""
        return cls(**problem.to_dict())


class ErrorOut(_Out):
    """A 4xx error: what went wrong, and the located problems where there are some."""

    detail: str
    problems: list[ProblemOut] = Field(default_factory=list)


class Counts(_Out):
    """How many entries each section of a scenario holds."""

    actors: int
    indicators: int
    relations: int
    issues: int
    events: int
    effects: int
    interventions: int
    uncertainties: int
    claims: int

    @classmethod
    def of(cls, s: Scenario) -> Counts:
        """Count the sections of a scenario."""
        return cls(
            actors=len(s.actors),
            indicators=len(s.indicators),
            relations=len(s.relations),
            issues=len(s.issues),
            events=len(s.events),
            effects=len(s.effects),
            interventions=len(s.interventions),
            uncertainties=len(s.uncertainties),
            claims=len(s.claims),
        )


class ScenarioSummary(_Out):
    """A scenario in a listing."""

    name: str
    source: Literal["bundled", "user"]
    default: bool
    valid: bool
    title: str = ""
    start_year: int | None = None
    horizon: int | None = None
    counts: Counts | None = None
    n_problems: int = 0
    url: str


class ScenarioList(_Out):
    """Every scenario the app can see."""

    scenarios: list[ScenarioSummary]


class ActorPowerOut(_Out):
    """An actor's power share by the scenario's index, its rank, and every index."""

    code: str
    name: str
    kind: str
    power: float
    rank: int
    indices: dict[str, float]
    missing: list[str] = Field(
        default_factory=list, description="Indices the actor has no data for (shown as –)."
    )


class RelationOut(_Out):
    """A relation as the picture shows it."""

    pair: list[str]
    kind: str
    weight: float
    commitment: bool
    directed: bool
    bounds: list[float] | None


class PositionOut(_Out):
    """An actor's position and salience on an issue."""

    position: float
    salience: float


class IssueOut(_Out):
    """An issue with its positions."""

    id: str
    name: str
    low: str
    high: str
    model: str
    positions: dict[str, PositionOut]


class PictureOut(_Out):
    """The system's picture at the start year (``equipoise run --json`` prints it as ``start``)."""

    scenario: str
    year: int
    power_index: str
    indicator_years: dict[str, int]
    actors: list[ActorPowerOut]
    relations: list[RelationOut]
    issues: list[IssueOut]
    notes: list[str]


class ScenarioOut(_Out):
    """One scenario: its content and picture if valid, its located problems if not."""

    name: str
    source: Literal["bundled", "user"]
    default: bool
    valid: bool
    sha256: str = Field(description="SHA-256 of the scenario file's bytes ('' if unreadable).")
    problems: list[ProblemOut]
    scenario: Scenario | None = Field(description="The validated scenario (null if invalid).")
    picture: PictureOut | None = Field(description="The system's picture (null if invalid).")


class ScenarioInput(_In):
    """A scenario given as TOML text or as a document (the file's content as JSON)."""

    toml: str | None = Field(None, description="The scenario as TOML text.")
    scenario: dict[str, Any] | None = Field(
        None, description="The scenario as a document (the content of a TOML file, as JSON)."
    )

    @model_validator(mode="after")
    def _exactly_one(self) -> Self:
        if (self.toml is None) == (self.scenario is None):
            raise ValueError("give exactly one of 'toml' (TOML text) or 'scenario' (a document)")
        return self


class ValidateRequest(ScenarioInput):
    """What to validate (exactly one of ``toml`` or ``scenario``)."""

    name: str | None = Field(
        None,
        pattern=NAME_PATTERN,
        max_length=64,
        description="File name (without .toml) to use in the problems' locations.",
    )


class SaveRequest(ScenarioInput):
    """A scenario to save in the scenario folder (exactly one of ``toml`` or ``scenario``)."""

    name: str | None = Field(
        None,
        pattern=NAME_PATTERN,
        max_length=64,
        description="Name of the new file (without .toml); default: the scenario's own name.",
    )
    overwrite: bool = Field(False, description="Replace an existing file of that name.")


class ValidationOut(_Out):
    """The outcome of a validation: every located problem, or the scenario's counts."""

    ok: bool
    problems: list[ProblemOut]
    name: str | None = None
    counts: Counts | None = None


class RunRequest(_In):
    """A job to launch on a scenario."""

    scenario: str = Field(
        pattern=NAME_PATTERN,
        max_length=64,
        description="Scenario name.",
        examples=["indo-pacific-2021"],
    )
    kind: str = Field(
        "run", max_length=32, description="Job kind (see GET /api/kinds).", examples=["run"]
    )
    params: dict[str, Any] = Field(default_factory=dict, description="Parameters of the job kind.")


class RunOut(_Out):
    """A run of the results store (or a job waiting for its run): its status and progress.

    ``id`` is the store's run id (``equipoise runs show ID``). ``status`` is the store's
    (``running``, ``complete``, ``incomplete``, ``failed``), or ``queued`` while the job waits
    for a worker, or ``cancelled`` for a job cancelled before its run started. ``stored`` says
    whether the store has the run.
    """

    id: str
    kind: str
    scenario: str
    scenario_sha256: str | None
    params: dict[str, Any]
    status: Literal["queued", "running", "complete", "incomplete", "failed", "cancelled"]
    progress: float = Field(ge=0, le=1)
    message: str
    created: str
    started: str | None
    finished: str | None
    error: str | None
    problems: list[ProblemOut]
    cancel_requested: bool
    members: int | None = Field(description="Ensemble members (1 for a run).")
    stored: bool = Field(description="Whether the results store has the run.")
    cancellable: bool = Field(description="Whether this server runs it and can cancel it.")
    url: str
    result_url: str | None

    @classmethod
    def of(cls, job: Job) -> RunOut:
        """Describe a run."""
        return cls(
            id=job.id,
            kind=job.kind,
            scenario=job.scenario,
            scenario_sha256=job.scenario_sha256,
            params=job.params,
            status=job.status.value,
            progress=job.progress,
            message=job.message,
            created=job.created,
            started=job.started,
            finished=job.finished,
            error=job.error,
            problems=[ProblemOut.of(p) for p in job.problems],
            cancel_requested=job.cancel_requested,
            members=job.n_members,
            stored=job.stored,
            cancellable=job.cancellable,
            url=f"/api/runs/{job.id}",
            result_url=f"/api/runs/{job.id}/result" if job.status == "complete" else None,
        )


class RunList(_Out):
    """Runs, newest first."""

    runs: list[RunOut]


class RunResult(_Out):
    """The result of a complete run, computed from the results store.

    For kind ``run``: ``{"picture", "run", "figures", "notes"}``: the picture (see
    PictureOut), the run as ``equipoise run --json`` prints it, and the report's figures of the
    run (key, title, alt, figure, table). For the other kinds: ``run_id``, ``members``,
    ``figures``, ``notes`` and the stored numbers: ``summary`` rows (ensemble), paired
    ``differences`` and the ``intervention`` (compare) or each claim's verdict (claims), as
    the command of the same name stored them; sensitivity and discovery runs made by the
    command line show the report's figures of their indices and boxes.
    """

    id: str
    kind: str
    scenario: str
    result: Any = Field(description="JSON data; its layout depends on the kind.")


class KindOut(_Out):
    """A job kind that can be launched."""

    name: str
    description: str
    params: dict[str, Any] = Field(description="JSON Schema of the kind's parameters.")


class KindList(_Out):
    """The job kinds."""

    kinds: list[KindOut]


__all__ = [
    "NAME_PATTERN",
    "RUN_ID_PATTERN",
    "ActorPowerOut",
    "Counts",
    "ErrorOut",
    "IssueOut",
    "KindList",
    "KindOut",
    "PictureOut",
    "ProblemOut",
    "RelationOut",
    "RunList",
    "RunOut",
    "RunRequest",
    "RunResult",
    "SaveRequest",
    "ScenarioInput",
    "ScenarioList",
    "ScenarioOut",
    "ScenarioSummary",
    "ValidateRequest",
    "ValidationOut",
]
