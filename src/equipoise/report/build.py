"""Assemble what a report shows: run what is needed, or read it from stored runs.

Two ways in, one result (:class:`ReportData`):

* :func:`build_report_data` runs everything from a scenario: the baseline run (one member, the
  declared values), the expected-utility bargaining of each issue at the start, an ensemble of
  the baseline over the declared uncertainties summarised per year (median and 5–95 %
  quantiles), and one paired ensemble of the baseline and every intervention the claims use,
  which gives both the claims' verdicts and the interventions' paired differences. With a
  store, both ensembles are recorded as runs (with the results ``summary``, ``claims`` and
  ``differences``), so that ``equipoise report RUN_ID RUN_ID`` rebuilds the same report.
* :func:`load_report_data` reads stored runs (of any experiment command): their results
  ``summary``, ``differences``, ``claims``, ``indices`` (sensitivity) and ``boxes`` (scenario
  discovery), and re-simulates the baseline run for the figures.

The report is an edge: nothing here models anything; it composes
:mod:`equipoise.simulate`, :mod:`equipoise.experiments` and :mod:`equipoise.store`, and never
prints (progress goes through a callback).
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from equipoise.errors import InputError, Problem
from equipoise.experiments.ensemble import (
    BASELINE,
    Arm,
    EnsembleResult,
    scenario_hash,
)
from equipoise.experiments.outcomes import Outcome, parse_outcome
from equipoise.experiments.plans._base import RunInfo as PlanRunInfo
from equipoise.experiments.plans.compare import DIFFERENCE_COLUMNS
from equipoise.experiments.plans.ensemble import SUMMARY_COLUMNS
from equipoise.experiments.sampling import Design
from equipoise.outputs import eu_rounds, start_forecasts
from equipoise.picture import Picture, picture
from equipoise.scenario import load_scenario
from equipoise.scenario.schema import Scenario
from equipoise.simulate import Trajectory, simulate

if TYPE_CHECKING:
    from equipoise.experiments.executors import Executor
    from equipoise.store import StoreBackend

T_Float = NDArray[np.float64]
#: ``progress(label, total)`` starts a stage and returns the function that advances it.
T_Progress = Callable[[str, int], Callable[[int], None]]

#: Rounds of the expected-utility model shown at the start (as :func:`start_forecasts`).
START_ROUNDS = 10
#: Quantiles of the bands: 5 %, the median, 95 %.
QUANTILES = (0.05, 0.5, 0.95)
#: Pattern of the store's run ids (``YYYYMMDD-HHMMSS-xxxx``).
RUN_ID_PATTERN = re.compile(r"[0-9]{8}-[0-9]{6}-[0-9a-f]{4,32}")
# --------------------------------------------------------------------------------------------
# the result


@dataclass(frozen=True)
class RunInfo:
    """A run the report is built from (recorded in a store, or not: ``run_id`` None)."""

    run_id: str | None
    kind: str
    n_members: int
    seed: int
    method: str | None = None
    status: str = "complete"
    created_at: str | None = None
    role: str = ""  # what the report takes from it


@dataclass(frozen=True)
class ClaimResult:
    """A claim with its verdict over an ensemble."""

    id: str
    statement: str
    quote: str
    source: str
    holders: tuple[str, ...]
    condition: str | None
    metric: str
    actors: tuple[str, ...]
    issue: str | None
    expect: str
    comparison: str
    threshold: float | None
    horizon: int
    verdict: str
    probability: float
    low: float
    high: float
    n: int
    effect: float | None
    drivers: tuple[tuple[str, float | None], ...]
    note: str = ""
    #: The model's own verdict (``verdict`` is "built in" when the claim is not emergent).
    model_verdict: str = ""
    #: P with the model's dynamics ablated; None when the ablation was not run.
    p_without_dynamics: float | None = None
    emergent: bool | None = None
    carried_by: tuple[str, ...] | None = None
    robustness: float | None = None

    @property
    def built_in(self) -> bool:
        """Whether the verdict holds without the model's dynamics (an assumption, not a finding)."""
        return self.emergent is False

    @property
    def proposition(self) -> str:
        """The claim as the model checks it, e.g. ``strategic_space(RUS,JPN) increases vs baseline``."""
        args = self.issue if self.issue else ",".join(self.actors)
        what = self.metric + (f"({args})" if args else "")
        if self.comparison == "threshold":
            test = f"{'>' if self.expect == 'above' else '<'} {self.threshold:g}"
        else:
            verb = "rises" if self.expect == "increase" else "falls"
            test = f"{verb} vs the {'baseline' if self.comparison == 'baseline' else 'start'}"
        cond = f"with {self.condition}" if self.condition else "in the baseline"
        return f"{what} {test}, {cond}, after {self.horizon} years"


@dataclass(frozen=True)
class SensitivityResult:
    """Sensitivity indices of one metric (a stored ``sensitivity`` run)."""

    run_id: str | None
    metric: str
    method: str
    indices: pd.DataFrame
    n_runs: int
    note: str = ""


@dataclass(frozen=True)
class DiscoveryResult:
    """Scenario-discovery boxes of one outcome (a stored ``discover`` run)."""

    run_id: str | None
    outcome: str
    algorithm: str
    share: float
    boxes: tuple[dict[str, Any], ...]
    n_members: int


@dataclass(frozen=True)
class MeasurementResult:
    """A stored forecast, hindcast or calibrate run the report shows.

    Attributes
    ----------
    run_id : str
    kind : {"forecast", "hindcast", "calibrate"}
    observable : str
    origins : tuple of int
        The forecast's origin, the hindcast's origins, or the calibration's fitting origins.
    tables : dict of str to DataFrame
        ``forecast`` (a forecast run), ``skill``, ``pit`` and ``worst`` (a hindcast run), or
        ``posterior``, ``generations`` and ``particles`` (a calibrate run).
    meta : dict
        A hindcast's ``parameters`` record (where they come from, ``in_sample``); a
        calibration's ``fit`` (``until``, ``cases``, ``skipped``, ``priors``).
    """

    run_id: str
    kind: str
    observable: str
    origins: tuple[int, ...]
    tables: dict[str, pd.DataFrame]
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def in_sample(self) -> bool:
        """Whether a hindcast's parameters were fitted on data after one of its origins."""
        return bool(self.meta.get("in_sample", False))


@dataclass(frozen=True)
class ReportData:
    """Everything a report shows.

    Attributes
    ----------
    scenario : Scenario
    picture : Picture
        The system at the start (power shares and ranks).
    baseline : Trajectory
        One member with the declared values (every step's relations and blocs kept).
    forecasts : dict
        Each issue's forecast at the start by each model (:func:`start_forecasts`).
    eu_rounds : dict
        Each issue's actors and their positions per round of the expected-utility model at
        the start, shape (rounds + 1, actors).
    summary : DataFrame or None
        The ensemble's quantiles per year (:data:`SUMMARY_COLUMNS`; ``actor`` is the outcome's
        entity: an actor, a pair ``A,B`` or an issue id).
    differences : DataFrame or None
        Paired differences intervention − baseline (:data:`DIFFERENCE_COLUMNS`).
    claims : tuple of ClaimResult
    sensitivity, discovery : tuples
        Stored sensitivity indices and discovery boxes.
    measurement : tuple of MeasurementResult
        Stored forecasts and hindcasts (the "Forecasts and backtests" section).
    runs : tuple of RunInfo
        The runs the numbers come from.
    notes : tuple of str
        What a reader should know (a changed scenario, a missing section).
    shocks : tuple of dict
        Per declared shock and year, the share of the ensemble's members hit by then and the
        share its rate implies (:func:`equipoise.simulate.shocks.shock_shares`).
    """

    scenario: Scenario
    picture: Picture
    baseline: Trajectory
    forecasts: dict[str, dict[str, float]]
    eu_rounds: dict[str, tuple[tuple[str, ...], T_Float]]
    summary: pd.DataFrame | None = None
    summary_members: int | None = None
    differences: pd.DataFrame | None = None
    differences_members: int | None = None
    claims: tuple[ClaimResult, ...] = ()
    claims_members: int | None = None
    sensitivity: tuple[SensitivityResult, ...] = ()
    discovery: tuple[DiscoveryResult, ...] = ()
    measurement: tuple[MeasurementResult, ...] = ()
    runs: tuple[RunInfo, ...] = ()
    notes: tuple[str, ...] = ()
    seconds: float = 0.0
    shocks: tuple[dict[str, Any], ...] = ()

    @property
    def interventions(self) -> tuple[str, ...]:
        """The interventions compared with the baseline, in the order they were run."""
        if self.differences is None or not len(self.differences):
            return ()
        return tuple(dict.fromkeys(str(v) for v in self.differences["intervention"]))


# --------------------------------------------------------------------------------------------
# the baseline run


def baseline_parts(
    scenario: Scenario,
) -> tuple[
    Picture, Trajectory, dict[str, dict[str, float]], dict[str, tuple[tuple[str, ...], T_Float]]
]:
    """Return the picture, the baseline run, the start forecasts and the EU rounds."""
    pic = picture(scenario)
    trajectory = simulate(pic.compiled)
    return (
        pic,
        trajectory,
        start_forecasts(pic, rounds=START_ROUNDS),
        eu_rounds(pic, rounds=START_ROUNDS),
    )


def baseline_report_data(scenario: Scenario) -> ReportData:
    """Return what a report shows of the baseline run alone (no ensemble, claims or comparison).

    The picture, the baseline run, the start forecasts and the EU rounds: enough for the
    report's power, network, system-over-time, bargaining and issue figures, each drawn from
    the one run (the web app's run result and scenario page show these).
    """
    pic, trajectory, forecasts, rounds = baseline_parts(scenario)
    return ReportData(
        scenario=scenario, picture=pic, baseline=trajectory, forecasts=forecasts, eu_rounds=rounds
    )


# --------------------------------------------------------------------------------------------
# outcomes


def _given(value: Any) -> Any:
    """Return ``value``, or None for a missing one (None, or a NaN from a stored table)."""
    if value is None or (isinstance(value, float) and value != value):
        return None
    return value


def _number(value: Any) -> float | None:
    value = _given(value)
    return None if value is None else float(value)


def _names(value: Any) -> tuple[str, ...] | None:
    value = _given(value)
    if value is None:
        return None
    if isinstance(value, str):
        return tuple(name for name in value.split(";") if name)
    return tuple(str(name) for name in value)


def claim_results(
    verdicts: Sequence[Mapping[str, Any]], scenario: Scenario
) -> tuple[ClaimResult, ...]:
    """Return :class:`ClaimResult` rows from verdicts (``ClaimVerdict.to_dict()`` or stored rows).

    A stored row has ``id, verdict, probability, low, high, n, effect, drivers`` (drivers as
    names joined by ``;``) and, since the ablation, ``model_verdict, p_without_dynamics,
    emergent, carried_by`` (names joined by ``;``) and ``robustness``; older rows lack these
    and read as not run. The claim's words come from the scenario.
    """
    by_id = {c.id: c for c in scenario.claims}
    out = []
    for v in verdicts:
        claim = by_id.get(str(v["id"]))
        if "interval" in v:
            low, high = (float(x) for x in v["interval"])
        else:
            low, high = float(v["low"]), float(v["high"])
        raw = v.get("drivers") or ()
        drivers: tuple[tuple[str, float | None], ...]
        if isinstance(raw, str):
            drivers = tuple((name, None) for name in raw.split(";") if name)
        else:
            drivers = tuple(
                (str(d["uncertainty"]), None if d.get("ks") is None else float(d["ks"]))
                for d in raw
            )
        effect = v.get("effect")
        out.append(
            ClaimResult(
                id=str(v["id"]),
                statement=claim.statement if claim else str(v.get("statement", "")),
                quote=claim.quote if claim else str(v.get("quote", "")),
                source=claim.source if claim else str(v.get("source", "")),
                holders=tuple(claim.holders) if claim else tuple(v.get("holders", ())),
                condition=claim.condition if claim else v.get("condition"),
                metric=claim.metric if claim else str(v.get("metric", "")),
                actors=tuple(claim.actors) if claim else tuple(v.get("actors", ())),
                issue=claim.issue if claim else None,
                expect=claim.expect if claim else str(v.get("expect", "")),
                comparison=claim.comparison if claim else str(v.get("comparison", "")),
                threshold=claim.threshold if claim else None,
                horizon=claim.horizon if claim else int(v.get("horizon", 0)),
                verdict=str(v["verdict"]),
                probability=float(v["probability"]),
                low=low,
                high=high,
                n=int(v["n"]),
                effect=None if effect is None or not np.isfinite(float(effect)) else float(effect),
                drivers=drivers,
                note="" if claim else "this claim is not in the scenario any more",
                model_verdict=str(_given(v.get("model_verdict")) or v["verdict"]),
                p_without_dynamics=_number(v.get("p_without_dynamics")),
                emergent=None if _given(v.get("emergent")) is None else bool(v["emergent"]),
                carried_by=_names(v.get("carried_by")),
                robustness=_number(v.get("robustness")),
            )
        )
    return tuple(out)


# --------------------------------------------------------------------------------------------
# running what is needed


def _info(run: PlanRunInfo, role: str) -> RunInfo:
    return RunInfo(
        run_id=run.run_id,
        kind=run.kind,
        n_members=run.n_members,
        seed=run.seed,
        method=run.method,
        role=role,
    )


def _stage(progress: T_Progress | None, label: str, total: int) -> Callable[[int], None]:
    return progress(label, total) if progress is not None else (lambda _n: None)


def build_report_data(
    scenario: Scenario,
    *,
    executor: Executor[Any, Any, Any],
    n_members: int = 200,
    method: Literal["mc", "lhs"] = "lhs",
    batch_size: int | None = None,
    store: StoreBackend | None = None,
    progress: T_Progress | None = None,
    scenario_ref: str | None = None,
) -> ReportData:
    """Run everything a report of ``scenario`` shows: a composite of two plans.

    An :class:`~equipoise.experiments.plans.EnsemblePlan` of the baseline summarised per year
    (the bands), and a :class:`~equipoise.experiments.plans.ClaimsPlan` on the same members
    (the claims' verdicts and the paired differences of the interventions they use; without
    claims, of every intervention). Both run on ``executor`` and are stored in ``store`` with
    their results, so that ``equipoise report RUN_ID RUN_ID`` rebuilds the same report.

    Parameters
    ----------
    scenario : Scenario
    executor : Executor
        Where the ensembles run (an open executor; see
        :func:`equipoise.experiments.executors.make_executor`).
    n_members : int
        Members of each ensemble.
    method : {"mc", "lhs"}
        How the declared uncertainties are sampled (the same design in both ensembles).
    batch_size : int, optional
        Members per task (default: each plan's).
    store : StoreBackend, optional
        Where the two runs are recorded, with their results.
    progress : callable, optional
        ``progress(label, total)`` is called at the start of each plan and returns the
        function called with the number of member-runs done as they complete.
    scenario_ref : str, optional
        Where the scenario comes from (a bundled name or a file's absolute path), recorded
        with both runs so that they can be resumed or shown again.

    Returns
    -------
    ReportData
    """
    from equipoise.experiments.plans import (
        ClaimsPlan,
        ClaimsResult,
        EnsemblePlan,
        EnsembleSummary,
        Execution,
        run_typed,
    )
    from equipoise.experiments.plans.compare import differences_frame

    t0 = time.perf_counter()
    pic, trajectory, forecasts, rounds = baseline_parts(scenario)
    execution = Execution(batch_size=batch_size)
    runs: list[RunInfo] = []

    # 1. the baseline ensemble, summarised per year
    bands = EnsemblePlan(
        scenario=scenario,
        scenario_ref=scenario_ref,
        n_members=n_members,
        method=method,
        tables=False,
    )
    summary_result = run_typed(
        bands, EnsembleSummary, execution=execution, executor=executor, store=store,
        progress=_stage(progress, "ensemble (bands)", n_members),
    )  # fmt: skip
    summary = pd.DataFrame(summary_result.rows, columns=list(SUMMARY_COLUMNS))
    runs.append(_info(summary_result.run, "the bands over time"))

    # 2. the claims and the interventions they use, on the same members
    claims: tuple[ClaimResult, ...] = ()
    differences: pd.DataFrame | None = None
    compare = () if scenario.claims else tuple(i.name for i in scenario.interventions)
    if scenario.claims or compare:
        plan = ClaimsPlan(
            scenario=scenario,
            scenario_ref=scenario_ref,
            n_members=n_members,
            method=method,
            compare=compare,
        )
        n_arms = sum(1 for arm in plan.payload().arms if not arm.variant)
        result = run_typed(
            plan, ClaimsResult, execution=execution, executor=executor, store=store,
            progress=_stage(
                progress, f"claims and {n_arms - 1} interventions", n_members * n_arms
            ),
        )  # fmt: skip
        differences = differences_frame(result.differences)
        claims = claim_results(result.rows(), scenario)
        runs.append(_info(result.run, "the claims and the interventions"))

    return ReportData(
        scenario=scenario,
        picture=pic,
        baseline=trajectory,
        forecasts=forecasts,
        eu_rounds=rounds,
        summary=summary,
        summary_members=n_members,
        differences=differences,
        differences_members=n_members if differences is not None else None,
        claims=claims,
        claims_members=n_members if claims else None,
        runs=tuple(runs),
        seconds=time.perf_counter() - t0,
        shocks=tuple(summary_result.shocks),
    )


def _read_differences(frame: pd.DataFrame, intervention: str) -> pd.DataFrame:
    out = frame.copy()
    if "intervention" not in out.columns:
        out.insert(0, "intervention", intervention)
    if "low" not in out.columns:
        bounds = [str(v).split(",") for v in out["interval"]]
        out["low"] = [float(b[0]) for b in bounds]
        out["high"] = [float(b[1]) for b in bounds]
    for col in DIFFERENCE_COLUMNS:
        if col not in out.columns:
            out[col] = np.nan
    return out[list(DIFFERENCE_COLUMNS)].reset_index(drop=True)


def differences_from_outcomes(table: pd.DataFrame, scenario: Scenario) -> pd.DataFrame:
    """Return paired differences from a run's stored ``outcomes`` table (every arm vs baseline).

    The table has one row per member, arm, outcome label and column index; the labels are
    parsed back into outcomes (:func:`equipoise.experiments.outcomes.parse_outcome`).
    """
    if table.empty or BASELINE not in set(table["arm"]):
        return pd.DataFrame(columns=list(DIFFERENCE_COLUMNS))
    values: dict[tuple[str, str], T_Float] = {}
    outcomes: dict[str, Outcome] = {}
    members: set[int] = set()
    for (arm, label), part in table.groupby(["arm", "outcome"], sort=False):
        outcomes.setdefault(str(label), parse_outcome(str(label), scenario, what="outcomes"))
        wide = part.pivot_table(
            index="member", columns="index", values="value", aggfunc="first"
        ).sort_index()
        members.update(int(m) for m in wide.index)
        arr = wide.to_numpy(dtype=np.float64)
        values[(str(arm), str(label))] = arr[:, 0] if arr.shape[1] == 1 else arr
    arms = sorted({arm for arm, _ in values} - {BASELINE})
    complete = [a for a in arms if all((a, label) in values for label in outcomes)]
    result = EnsembleResult(
        run_id=None,
        design=Design((), np.zeros((len(members), 0)), "stored", 0),
        arms=(Arm(), *(Arm(tuple(a.split("+"))) for a in complete)),
        outcomes=tuple(outcomes.values()),
        values=values,
        seconds=0.0,
        executor="stored",
        n_workers=0,
    )
    from equipoise.experiments.plans.compare import differences_frame, paired_rows

    return differences_frame([row for arm in complete for row in paired_rows(result, arm)])


# --------------------------------------------------------------------------------------------
# reading stored runs


def is_run_id(text: str) -> bool:
    """Whether ``text`` has the form of a run id (``20261123-190324-2d0b``)."""
    return RUN_ID_PATTERN.fullmatch(text) is not None


def load_report_data(
    store: StoreBackend,
    run_ids: Sequence[str],
    *,
    scenario: Scenario | str | None = None,
) -> ReportData:
    """Build the report's data from stored runs, re-simulating only the baseline run.

    Parameters
    ----------
    store : StoreBackend
    run_ids : sequence of str
        Runs of one scenario, of any kind; later runs win where two have the same result.
    scenario : Scenario or str, optional
        The scenario (or a bundled name or path); default: the runs' scenario, by name.

    Raises
    ------
    InputError
        For runs of different scenarios, or a scenario that cannot be found.
    """
    t0 = time.perf_counter()
    if not run_ids:
        raise InputError(Problem("give at least one run id", path="RUN_ID"))
    from equipoise.store import DamagedRunError

    infos = [store.get_run(r) for r in run_ids]
    for run_id in run_ids:  # every file's hash, before a report shows any of it
        check = store.verify(run_id, hashes=True)
        if check.state == "damaged":
            raise DamagedRunError(
                run_id,
                check.damaged_files,
                "; ".join(p.message() for p in check.problems),
            )
    names = sorted({str(i["scenario_name"]) for i in infos})
    notes: list[str] = []
    if scenario is None:
        if len(names) > 1:
            raise InputError(
                Problem(f"the runs are of different scenarios ({', '.join(names)})", path="RUN_ID")
            )
        try:
            s = load_scenario(names[0])
        except InputError:
            raise InputError(
                Problem(
                    f"run {infos[0]['run_id']} was made on scenario {names[0]!r}, which is not "
                    "bundled; give its file too: equipoise report FILE.toml RUN_ID",
                    path="RUN_ID",
                )
            ) from None
    else:
        s = load_scenario(scenario) if isinstance(scenario, str) else scenario
    base_scenario = s
    s = s.with_seed(int(infos[0]["seed"]))
    for info in infos:
        if info["scenario_hash"] != scenario_hash(base_scenario.with_seed(int(info["seed"]))):
            notes.append(
                f"Run {info['run_id']} was made on another version of scenario "
                f"{info['scenario_name']!r} (its content has changed since): its results are "
                "shown with today's scenario inputs and baseline run."
            )
        if info["status"] != "complete":
            notes.append(f"Run {info['run_id']} is {info['status']}: its results may be missing.")

    summary = differences = None
    summary_members = differences_members = claims_members = None
    claims: tuple[ClaimResult, ...] = ()
    sensitivity: list[SensitivityResult] = []
    discovery: list[DiscoveryResult] = []
    measurement: list[MeasurementResult] = []
    runs: list[RunInfo] = []
    for info in infos:
        run_id = str(info["run_id"])
        params = info.get("parameters") or {}
        results = info.get("results") or {}
        roles: list[str] = []
        n = int(info["n_members"])
        if "summary" in results:
            frame = store.read_result(run_id, "summary")
            if isinstance(frame, pd.DataFrame) and set(SUMMARY_COLUMNS) <= set(frame.columns):
                summary, summary_members = frame[list(SUMMARY_COLUMNS)].copy(), n
                roles.append("bands")
        if "claims" in results:
            frame = store.read_result(run_id, "claims")
            if isinstance(frame, pd.DataFrame):
                records: list[dict[str, Any]] = [
                    {str(k): v for k, v in row.items()} for row in frame.to_dict(orient="records")
                ]
                claims = claim_results(records, s)
                claims_members = n
                roles.append("claims")
        if "differences" in results:
            frame = store.read_result(run_id, "differences")
            if isinstance(frame, pd.DataFrame):
                name = "+".join(params.get("interventions") or []) or "intervention"
                differences, differences_members = _read_differences(frame, name), n
                roles.append("interventions")
        elif len(params.get("arms") or []) > 1 and "outcomes" in (info.get("tables") or {}):
            differences = differences_from_outcomes(store.read_table(run_id, "outcomes"), s)
            differences_members = n
            roles.append("interventions (from its outcomes)")
        if "indices" in results:
            frame = store.read_result(run_id, "indices")
            if isinstance(frame, pd.DataFrame):
                sensitivity.append(
                    SensitivityResult(
                        run_id, str(params.get("metric", "?")), str(params.get("method", "sobol")),
                        frame, n_runs=n,
                    )
                )  # fmt: skip
                roles.append("sensitivity")
        if "boxes" in results:
            box = store.read_result(run_id, "boxes")
            if isinstance(box, Mapping):
                discovery.append(
                    DiscoveryResult(
                        run_id, str(box.get("outcome", params.get("outcome", "?"))),
                        str(params.get("algorithm", "prim")), float(box.get("share", np.nan)),
                        tuple(box.get("boxes", ())), n,
                    )
                )  # fmt: skip
                roles.append("scenario discovery")
        arguments = params.get("arguments") or {}
        if "forecast" in results:
            table = store.read_result(run_id, "forecast")
            fitted = store.read_result(run_id, "measurement") if "measurement" in results else {}
            if isinstance(table, pd.DataFrame) and isinstance(fitted, Mapping):
                measurement.append(
                    MeasurementResult(
                        run_id, "forecast", str(arguments.get("observable", "?")),
                        (int(fitted.get("origin", 0)),), {"forecast": table},
                    )
                )  # fmt: skip
                roles.append("forecast")
        if {"skill", "pit", "worst"} <= set(results):
            tables = {name: store.read_result(run_id, name) for name in ("skill", "pit", "worst")}
            frames = {k: v for k, v in tables.items() if isinstance(v, pd.DataFrame)}
            if len(frames) == 3:
                record = store.read_result(run_id, "parameters") if "parameters" in results else {}
                measurement.append(
                    MeasurementResult(
                        run_id, "hindcast", str(arguments.get("observable", "?")),
                        tuple(int(o) for o in arguments.get("origins") or ()), frames,
                        dict(record) if isinstance(record, Mapping) else {},
                    )
                )  # fmt: skip
                roles.append("backtest")
        if info["kind"] == "calibrate" and {"posterior", "generations"} <= set(results):
            posterior = store.read_result(run_id, "posterior")
            generations = store.read_result(run_id, "generations")
            fit = store.read_result(run_id, "fit") if "fit" in results else {}
            particles = store.read_table(run_id, "particles")
            if isinstance(posterior, pd.DataFrame) and isinstance(generations, pd.DataFrame):
                meta = _calibration_meta(fit, arguments, posterior)
                if "fit" not in results:
                    notes.append(
                        f"Run {run_id} (calibrate) was stored before its cases were: the "
                        "report shows its posterior and generations, not its cases."
                    )
                measurement.append(
                    MeasurementResult(
                        run_id, "calibrate", "unga_distance",
                        tuple(int(o) for o in arguments.get("origins") or ()),
                        {"posterior": posterior, "generations": generations,
                         "particles": particles},
                        meta,
                    )
                )  # fmt: skip
                roles.append("calibration")
        if not roles:
            notes.append(f"Run {run_id} ({info['kind']}) has no result the report can show.")
        runs.append(
            RunInfo(
                run_id=run_id,
                kind=str(info["kind"]),
                n_members=n,
                seed=int(info["seed"]),
                method=params.get("method"),
                status=str(info["status"]),
                created_at=info.get("created_at"),
                role=", ".join(roles) or "none",
            )
        )
    pic, trajectory, forecasts, rounds = baseline_parts(s)
    return ReportData(
        scenario=s,
        picture=pic,
        baseline=trajectory,
        forecasts=forecasts,
        eu_rounds=rounds,
        summary=summary,
        summary_members=summary_members,
        differences=differences,
        differences_members=differences_members,
        claims=claims,
        claims_members=claims_members,
        sensitivity=tuple(sensitivity),
        discovery=tuple(discovery),
        measurement=tuple(measurement),
        runs=tuple(runs),
        notes=tuple(notes),
        seconds=time.perf_counter() - t0,
    )


def _calibration_meta(
    fit: Any, arguments: Mapping[str, Any], posterior: pd.DataFrame
) -> dict[str, Any]:
    """Return a calibrate run's ``fit`` record, completed from its arguments and the priors."""
    from equipoise.experiments.calibration import PRIORS

    meta: dict[str, Any] = {"until": arguments.get("until"), "cases": [], "skipped": []}
    if isinstance(fit, Mapping):
        meta.update(fit)
    if not meta.get("priors"):
        names = {str(p) for p in posterior["parameter"]}
        meta["priors"] = [
            {"parameter": p.name, "low": p.low, "high": p.high} for p in PRIORS if p.name in names
        ]
    return meta


def uncertainty_ranges(scenario: Scenario) -> dict[str, tuple[float, float]]:
    """Return each declared uncertainty's range: low–high, mean ± 3 sd, or the choices' span."""
    out: dict[str, tuple[float, float]] = {}
    for u in scenario.sampled_uncertainties:
        if u.low is not None and u.high is not None:
            out[u.name] = (float(u.low), float(u.high))
        elif u.mean is not None and u.sd is not None:
            out[u.name] = (float(u.mean - 3 * u.sd), float(u.mean + 3 * u.sd))
        elif u.choices:
            numbers = [float(c) for c in u.choices]  # numbers: the schema
            out[u.name] = (min(numbers), max(numbers))
    return out


__all__ = [
    "DIFFERENCE_COLUMNS",
    "QUANTILES",
    "RUN_ID_PATTERN",
    "START_ROUNDS",
    "SUMMARY_COLUMNS",
    "ClaimResult",
    "DiscoveryResult",
    "ReportData",
    "RunInfo",
    "SensitivityResult",
    "T_Progress",
    "baseline_parts",
    "baseline_report_data",
    "build_report_data",
    "claim_results",
    "differences_from_outcomes",
    "is_run_id",
    "load_report_data",
    "uncertainty_ranges",
]
