"""The web app's runs: launching jobs into the store, and what a run's result page shows.

:class:`WebRuns` ties the scenario catalog, the job kinds, the job queue and the results
store together. Every result page is computed from the store (the run's record and stored
results, through :func:`equipoise.report.load_report_data` and
:func:`equipoise.report.report_figures`), so a run made by the command line (``equipoise
ensemble``, ``claims``, ``compare``, ``sensitivity``, ``discover``, a plan run by the Python
API) shows on the web exactly as one made here. A ``run`` stores its tidy tables but not the
trajectory object the figures are drawn from: its page runs the recorded plan again (member 0
at the recorded seed, with the recorded interventions: the same numbers).

Computing a page costs a simulation of the scenario (about a second), so views are cached in
memory, keyed by the run's status, its stored results and the scenario file's hash (a stored
run never changes once complete); a job of this server fills the cache as its last step, so
its result opens at once.
"""

from __future__ import annotations

import json
import logging
import threading
from collections import OrderedDict
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from equipoise.errors import InputError
from equipoise.store import RunNotFoundError
from equipoise.web.catalog import Catalog, Loaded, NotFound
from equipoise.web.jobs import Job, JobQueue, JobStatus, Progress
from equipoise.web.kinds import JobRegistry

if TYPE_CHECKING:
    from equipoise.experiments.plans import PlanResult, RunResult
    from equipoise.scenario.schema import Scenario
    from equipoise.store import StoreBackend

log = logging.getLogger(__name__)

#: The report's figures an ensemble result shows: the metrics its outcomes follow, with bands.
BAND_FIGURES = ("power-over-time", "polarity", "bipolarity", "strategic-space")


def stored_parameters(info: Mapping[str, Any]) -> dict[str, Any]:
    """Return a stored run's parameters (``list_runs`` gives them as JSON text)."""
    params = info.get("parameters") or {}
    if isinstance(params, str):
        params = json.loads(params)
    return dict(params)


def to_jsonable(obj: Any) -> Any:
    """Convert numpy values, tuples and non-finite floats into JSON-ready values."""
    import math

    import numpy as np

    if isinstance(obj, Mapping):
        return {str(k): to_jsonable(v) for k, v in obj.items()}
    if isinstance(obj, list | tuple):
        return [to_jsonable(v) for v in obj]
    if isinstance(obj, np.ndarray):
        return to_jsonable(obj.tolist())
    if isinstance(obj, bool | np.bool_):
        return bool(obj)
    if isinstance(obj, int | np.integer):
        return int(obj)
    if isinstance(obj, float | np.floating):
        value = float(obj)
        return value if math.isfinite(value) else None
    if obj is None or isinstance(obj, str):
        return obj
    raise TypeError(f"not JSON data: {type(obj).__name__}")


class WebRuns:
    """Launch jobs into the store and show stored runs.

    Parameters
    ----------
    catalog : Catalog
        The scenarios the app knows.
    registry : JobRegistry
        The job kinds.
    store : StoreBackend
        The results store (the command line's).
    workers, capacity : int
        Of the job queue (:class:`~equipoise.web.jobs.JobQueue`).
    cache_size : int
        Result views kept in memory.
    """

    def __init__(
        self,
        catalog: Catalog,
        registry: JobRegistry,
        store: StoreBackend,
        *,
        workers: int = 2,
        capacity: int = 8,
        cache_size: int = 32,
    ) -> None:
        self.catalog = catalog
        self.registry = registry
        self.store = store
        self.jobs = JobQueue(
            store, workers=workers, capacity=capacity, scenario_of=self.scenario_label
        )
        self._views: OrderedDict[str, tuple[tuple[Any, ...], dict[str, Any]]] = OrderedDict()
        self._cache_size = cache_size
        self._lock = threading.Lock()

    def close(self) -> None:
        """Stop the job queue (running jobs leave their runs incomplete)."""
        self.jobs.close()

    # -- scenarios of stored runs -----------------------------------------------------------
    def scenario_name(self, info: Mapping[str, Any]) -> str | None:
        """Return the catalog's name of a stored run's scenario, or None if it has none.

        The run's recorded reference wins (a bundled name, or a file of the scenario folder:
        the web's jobs record the file's path, as the command line does), then the scenario's
        own name. Files elsewhere are never read (the app reads only its scenario folder).
        """
        ref = stored_parameters(info).get("scenario_ref")
        candidates: list[str] = []
        if ref:
            path = Path(str(ref))
            if path.suffix == ".toml":
                try:
                    if path.resolve().parent == self.catalog.root:
                        candidates.append(path.stem)
                except OSError:  # pragma: no cover - resolve() of a strange path
                    pass
            else:
                candidates.append(str(ref))
        candidates.append(str(info.get("scenario_name")))
        for name in candidates:
            try:
                self.catalog.find(name)
            except (NotFound, InputError):
                continue
            return name
        return None

    def scenario_label(self, info: Mapping[str, Any]) -> str:
        """Return the name the web shows for a stored run's scenario."""
        return self.scenario_name(info) or str(info.get("scenario_name"))

    # -- launching --------------------------------------------------------------------------
    def submit(self, loaded: Loaded, kind_name: str, params: Mapping[str, Any]) -> Job:
        """Queue a job of ``kind_name`` on a valid loaded scenario.

        Raises
        ------
        InputError
            Unknown kind, invalid parameters, or a job estimated past the cost limit (nothing
            is queued).
        QueueFull
            If the queue is full.
        """
        from equipoise.experiments.cost import check_cost, estimate_cost

        kind = self.registry.get(kind_name)
        checked = kind.check_params(params)
        scenario = loaded.scenario
        assert scenario is not None
        entry = loaded.entry
        # recorded with the run, so that `equipoise <kind> --resume ID` can load it again
        ref = entry.name if entry.source == "bundled" else str(entry.path.resolve())
        # an expensive job is refused before it is queued (docs/models/experiments.md, "Cost");
        # a plan that cannot be built fails in its worker, with its message, as any job does
        try:
            payload = kind.make_plan(scenario, checked, ref).payload()
        except Exception:
            payload = None
        if payload is not None:
            check_cost(
                estimate_cost(scenario, members=payload.design.n_members, arms=len(payload.arms))
            )

        def work(run_id: str, progress: Progress) -> None:
            result = kind.run(
                scenario,
                checked,
                store=self.store,
                run_id=run_id,
                progress=progress,
                scenario_ref=ref,
            )
            progress(0.95, "drawing the figures")
            try:
                self.warm(run_id, result, loaded)
            except Exception as exc:  # the run is stored: its page computes the view later
                log.warning("could not prepare the result page of run %s: %s", run_id, exc)

        return self.jobs.submit(
            work,
            kind=kind_name,
            scenario_name=entry.name,
            params=checked,
            scenario_sha256=loaded.sha256,
        )

    # -- result views -----------------------------------------------------------------------
    def _stamp(self, info: Mapping[str, Any], loaded: Loaded | None) -> tuple[Any, ...]:
        return (
            info.get("status"),
            tuple(sorted(info.get("results") or {})),
            None if loaded is None else loaded.sha256,
        )

    def _remember(self, run_id: str, stamp: tuple[Any, ...], view: dict[str, Any]) -> None:
        with self._lock:
            self._views[run_id] = (stamp, view)
            self._views.move_to_end(run_id)
            while len(self._views) > self._cache_size:
                self._views.popitem(last=False)

    def _loaded(self, info: Mapping[str, Any]) -> Loaded | None:
        name = self.scenario_name(info)
        if name is None:
            return None
        loaded = self.catalog.load(name)
        return loaded if loaded.valid and loaded.scenario is not None else None

    def warm(self, run_id: str, result: PlanResult, loaded: Loaded) -> None:
        """Compute and cache the view of a run this server just made."""
        from equipoise.experiments.plans import RunResult

        info = self.store.get_run(run_id)
        if isinstance(result, RunResult):
            assert loaded.scenario is not None
            scenario = loaded.scenario.with_seed(int(info["seed"]))
            view = run_view(result, scenario, notes=[])
        else:
            view = self._compute(info, loaded)
        self._remember(run_id, self._stamp(info, loaded), view)

    def result(self, run_id: str) -> tuple[Job, dict[str, Any] | None]:
        """Return a run and, if it is complete and stored, its result view (one catalog read).

        Raises
        ------
        UnknownRun
            If neither the queue nor the store has the run.
        """
        try:
            info: dict[str, Any] | None = self.store.get_run(run_id)
        except RunNotFoundError:
            info = None
        job = self.jobs.get(run_id, info=info)
        if info is None or job.status is not JobStatus.complete:
            return job, None
        return job, self.view(run_id, info=info)

    def view(self, run_id: str, *, info: Mapping[str, Any] | None = None) -> dict[str, Any]:
        """Return what the result page of a stored run shows (JSON data), cached.

        Raises
        ------
        RunNotFoundError
            If the store has no such run.
        """
        if info is None:
            info = self.store.get_run(run_id)
        loaded = self._loaded(info)
        stamp = self._stamp(info, loaded)
        with self._lock:
            hit = self._views.get(run_id)
        if hit is not None and hit[0] == stamp:
            return hit[1]
        view = self._compute(info, loaded)
        if info.get("status") == "complete":
            self._remember(run_id, stamp, view)
        return view

    def _compute(self, info: Mapping[str, Any], loaded: Loaded | None) -> dict[str, Any]:
        from equipoise.experiments.plans.compare import effect_order
        from equipoise.report import load_report_data, report_figures

        run_id, kind = str(info["run_id"]), str(info["kind"])
        n = int(info["n_members"])
        base: dict[str, Any] = {"run_id": run_id, "members": n, "figures": [], "notes": []}
        if loaded is None or loaded.scenario is None:
            base["notes"] = [
                f"The scenario {info.get('scenario_name')!r} of this run is not one the web app "
                "can open (neither bundled nor a valid file of its scenario folder), so its "
                f"figures cannot be drawn here; `equipoise report FILE.toml {run_id}` draws them."
            ]
            base["results"] = sorted(info.get("results") or {})
            return base
        scenario = loaded.scenario
        if kind == "run":
            return self._run_from_store(info, loaded)
        data = load_report_data(self.store, [run_id], scenario=scenario)
        figs = report_figures(data)
        base["notes"] = list(data.notes)
        if kind == "calibrate":  # no trajectories: the posterior, the generations, the cases
            stored = set(info.get("results") or {})
            for name in ("posterior", "generations"):
                table = self.store.read_result(run_id, name) if name in stored else None
                base[name] = [] if table is None else table.to_dict("records")  # type: ignore[union-attr]
            base["notes"].insert(
                0,
                "A calibration of the global parameters on the history (ABC-SMC, "
                "docs/models/calibration.md): the weighted posterior of its last generation.",
            )
            # the report's figures of it: each parameter's posterior against its prior, the
            # tolerance by generation and the fitted cases
            base["figures"] = [f.to_dict() for _, f in figs.measurement]
            calibrated: dict[str, Any] = to_jsonable(base)
            return calibrated
        if kind == "ensemble":
            base["summary"] = [] if data.summary is None else data.summary.to_dict("records")
            chosen = [f for f in [*figs.power, *figs.system] if f.key in BAND_FIGURES]
            base["figures"] = [f.to_dict() for f in chosen]
        elif kind == "compare":
            params = stored_parameters(info).get("arguments") or {}
            base["intervention"] = "+".join(params.get("interventions") or [])
            frame = data.differences
            rows = [] if frame is None else frame.to_dict("records")
            # ranked as `equipoise compare` ranks them: the largest standardised effect first
            base["differences"] = sorted(rows, key=lambda r: effect_order(to_jsonable(r)))
            base["figures"] = [f.to_dict() for _, f in figs.interventions]
        elif kind == "claims":
            base["claims"] = [
                {
                    "id": c.id,
                    "statement": c.statement,
                    "quote": c.quote,
                    "holders": list(c.holders),
                    "verdict": c.verdict,
                    "probability": c.probability,
                    "interval": [c.low, c.high],
                    "n": c.n,
                    "effect": c.effect,
                    "drivers": [{"uncertainty": u, "ks": v} for u, v in c.drivers],
                    "model_verdict": c.model_verdict or c.verdict,
                    "p_without_dynamics": c.p_without_dynamics,
                    "emergent": c.emergent,
                    "carried_by": None if c.carried_by is None else list(c.carried_by),
                    "robustness": c.robustness,
                }
                for c in data.claims
            ]
            base["counts"] = {
                "findings": sum(c.emergent is True for c in data.claims),
                "built_in": sum(c.emergent is False for c in data.claims),
                "undecided": sum(c.model_verdict == "undecided" for c in data.claims),
            }
            base["figures"] = [f.to_dict() for f in figs.claims]
        else:  # sensitivity, discover, forecast, hindcast: the report's figures of them
            shown = [*figs.sensitivity, *figs.discovery, *(f for _, f in figs.measurement)]
            base["figures"] = [f.to_dict() for f in shown]
        view: dict[str, Any] = to_jsonable(base)
        return view

    def _run_from_store(self, info: Mapping[str, Any], loaded: Loaded) -> dict[str, Any]:
        from equipoise.experiments.ensemble import scenario_hash
        from equipoise.experiments.plans import RunResult, plan_from_run, run_plan

        assert loaded.scenario is not None
        run_id = str(info["run_id"])
        notes: list[str] = []
        seeded = loaded.scenario.with_seed(int(info["seed"]))
        if info.get("scenario_hash") != scenario_hash(seeded):
            notes.append(
                f"Run {run_id} was made on another version of scenario "
                f"{info.get('scenario_name')!r} (its content has changed since): it is shown "
                "with today's scenario."
            )
        if info.get("status") != "complete":
            notes.append(f"Run {run_id} is {info.get('status')}.")
        plan = plan_from_run(self.store, run_id, scenario=loaded.scenario)
        result = run_plan(plan)  # member 0 at the recorded seed: the stored run's numbers
        assert isinstance(result, RunResult)
        return run_view(result, plan.scenario, notes=notes)


def run_view(result: RunResult, scenario: Scenario, *, notes: list[str]) -> dict[str, Any]:
    """Return the view of a ``run``: its picture, ``equipoise run --json``, the figures."""
    from equipoise.outputs import eu_rounds, run_dict, start_forecasts
    from equipoise.report import report_figures
    from equipoise.report.build import START_ROUNDS, ReportData

    pic = result.picture
    data = ReportData(
        scenario=scenario,
        picture=pic,
        baseline=result.trajectory,
        forecasts=start_forecasts(pic, rounds=START_ROUNDS),
        eu_rounds=eu_rounds(pic, rounds=START_ROUNDS),
    )
    story = run_dict(result.trajectory, pic, forecasts=data.forecasts)
    story["seed"] = result.run.seed  # as `equipoise run --json` prints it
    view: dict[str, Any] = to_jsonable(
        {
            "picture": pic.to_dict(),
            "run": story,
            "figures": [f.to_dict() for f in report_figures(data).all()],
            "notes": notes,
        }
    )
    return view


__all__ = ["BAND_FIGURES", "WebRuns", "run_view", "stored_parameters", "to_jsonable"]
