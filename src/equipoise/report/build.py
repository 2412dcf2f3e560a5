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

import dataclasses
import re
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from equipoise.engines.bargaining import bargain
from equipoise.errors import InputError, Problem
from equipoise.experiments import workflows
from equipoise.experiments.claims import ClaimPlan
from equipoise.experiments.ensemble import (
    BASELINE,
    Arm,
    EnsembleResult,
    Payload,
    run_ensemble,
    scenario_hash,
)
from equipoise.experiments.outcomes import Outcome, parse_outcome
from equipoise.experiments.sampling import Design, sample
from equipoise.outputs import start_forecasts
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
#: Columns of the stored ``summary`` result (as ``equipoise ensemble`` writes it).
SUMMARY_COLUMNS = ("metric", "actor", "year", "mean", "q05", "median", "q95")
#: Columns of :attr:`ReportData.differences`.
DIFFERENCE_COLUMNS = (
    "intervention", "metric", "entity", "year", "baseline_mean", "intervention_mean",
    "difference", "low", "high", "share_positive", "share_negative",
)  # fmt: skip


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
    runs : tuple of RunInfo
        The runs the numbers come from.
    notes : tuple of str
        What a reader should know (a changed scenario, a missing section).
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
    runs: tuple[RunInfo, ...] = ()
    notes: tuple[str, ...] = ()
    seconds: float = 0.0

    @property
    def interventions(self) -> tuple[str, ...]:
        """The interventions compared with the baseline, in the order they were run."""
        if self.differences is None or not len(self.differences):
            return ()
        return tuple(dict.fromkeys(str(v) for v in self.differences["intervention"]))


# --------------------------------------------------------------------------------------------
# the baseline run


def with_seed(scenario: Scenario, seed: int | None) -> Scenario:
    """Return the scenario with another seed (unchanged for None)."""
    if seed is None or seed == scenario.scenario.seed:
        return scenario
    if seed < 0:
        raise InputError(Problem(f"must be at least 0, got {seed}", path="--seed"))
    return scenario.model_copy(
        update={"scenario": scenario.scenario.model_copy(update={"seed": seed})}
    )


def eu_rounds(
    pic: Picture, rounds: int = START_ROUNDS
) -> dict[str, tuple[tuple[str, ...], T_Float]]:
    """Return each issue's actors and positions per round of the expected-utility model at the start.

    The inputs are those of :func:`equipoise.outputs.start_forecasts` (clout = declared clout
    or the actor's power), so the last round's median is its ``eu`` forecast.
    """
    c = pic.compiled
    out: dict[str, tuple[tuple[str, ...], T_Float]] = {}
    for issue in c.issues:
        members = np.flatnonzero(issue.members)
        cap = np.where(np.isnan(issue.clout[members]), c.power[members], issue.clout[members])
        res = bargain(
            "eu",
            cap,
            issue.position[members],
            issue.salience[members],
            scale=(0.0, 100.0),
            rounds=rounds,
        )
        out[issue.id] = (
            tuple(c.actors[int(i)] for i in members),
            np.asarray(res.positions, dtype=np.float64),
        )
    return out


def baseline_parts(
    scenario: Scenario,
) -> tuple[
    Picture, Trajectory, dict[str, dict[str, float]], dict[str, tuple[tuple[str, ...], T_Float]]
]:
    """Return the picture, the baseline run, the start forecasts and the EU rounds."""
    pic = picture(scenario)
    trajectory = simulate(pic.compiled)
    return pic, trajectory, start_forecasts(pic, rounds=START_ROUNDS), eu_rounds(pic)


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


def report_years(scenario: Scenario) -> list[float]:
    """Return the simulated years (the start and every step), as :func:`workflows.years`."""
    return [float(y) for y in workflows.years(scenario)]


def dependence_pairs(scenario: Scenario) -> list[tuple[str, str]]:
    """Return the pairs whose dependence the report follows: declared ties, then claims'."""
    pairs = [(t.of, t.on) for t in scenario.ties]
    pairs += [
        (c.actors[0], c.actors[1])
        for c in scenario.claims
        if c.metric == "dependence" and len(c.actors) == 2
    ]
    return list(dict.fromkeys(pairs))


def band_outcomes(scenario: Scenario) -> tuple[Outcome, ...]:
    """Return the outcomes summarised per year.

    They are polarity, bipolarity, every actor's power and strategic space, the dependence of
    the pairs of :func:`dependence_pairs`, and every issue's outcome.
    """
    codes = scenario.actor_codes
    out: list[Outcome] = []
    for year in report_years(scenario):
        out.append(Outcome("polarity", (), None, year))
        out.append(Outcome("bipolarity", (), None, year))
        out.append(Outcome("power", codes, None, year))
        out.append(Outcome("strategic_space", codes, None, year))
        for a, b in dependence_pairs(scenario):
            out.append(Outcome("dependence", (a, b), None, year))
        for issue in scenario.issues:
            out.append(Outcome("issue_outcome", (), issue.id, year))
    return tuple(out)


def compare_outcomes(scenario: Scenario) -> tuple[Outcome, ...]:
    """Return the outcomes every intervention is compared on, at the last year."""
    last = report_years(scenario)[-1]
    out = [
        Outcome("polarity", (), None, last),
        Outcome("bipolarity", (), None, last),
        Outcome("strategic_space", scenario.actor_codes, None, last),
    ]
    out += [Outcome("issue_outcome", (), issue.id, last) for issue in scenario.issues]
    return tuple(out)


def summary_frame(values: Mapping[Outcome, T_Float]) -> pd.DataFrame:
    """Return the quantiles of each outcome's values over the members (:data:`SUMMARY_COLUMNS`).

    The rows of :func:`equipoise.experiments.workflows.summary_rows` (the quantiles of
    :func:`equipoise.experiments.analysis.summarise`: linear interpolation, NaN left out).
    """
    return pd.DataFrame(workflows.summary_rows(values), columns=list(SUMMARY_COLUMNS))


def differences_frame(result: EnsembleResult, arms: Sequence[str]) -> pd.DataFrame:
    """Return the paired differences of every arm against the baseline (:data:`DIFFERENCE_COLUMNS`).

    Each arm's rows are :func:`equipoise.experiments.workflows.paired_rows` (the rows of
    ``equipoise compare``) with the arm's name, one per outcome and entity; an entity given by
    two outcomes (``strategic_space(RUS,JPN)`` and the same metric of every actor) is kept once.
    """
    rows: list[dict[str, Any]] = []
    for arm in arms:
        for row in workflows.paired_rows(result, arm):
            low, high = row.pop("interval")
            year = row["year"]
            rows.append(
                {
                    **row,
                    "intervention": arm,
                    "year": np.nan if year is None else float(year),
                    "low": low,
                    "high": high,
                }
            )
    frame = pd.DataFrame(rows, columns=list(DIFFERENCE_COLUMNS))
    keys = ["intervention", "metric", "entity", "year"]
    return frame.drop_duplicates(subset=keys, keep="first").reset_index(drop=True)


def claim_results(
    verdicts: Sequence[Mapping[str, Any]], scenario: Scenario
) -> tuple[ClaimResult, ...]:
    """Return :class:`ClaimResult` rows from verdicts (``ClaimVerdict.to_dict()`` or stored rows).

    A stored row has ``id, verdict, probability, low, high, n, effect, drivers`` (drivers as
    names joined by ``;``); the claim's words come from the scenario.
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
            )
        )
    return tuple(out)


# --------------------------------------------------------------------------------------------
# running what is needed


def _values(
    result: EnsembleResult, arm: str, outcomes: Sequence[Outcome]
) -> dict[Outcome, T_Float]:
    return {o: np.asarray(result.get(arm, o), dtype=np.float64) for o in outcomes}


def _info(result: EnsembleResult, kind: str, role: str) -> RunInfo:
    return RunInfo(
        run_id=result.run_id,
        kind=kind,
        n_members=result.n_members,
        seed=result.design.seed,
        method=result.design.method,
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
    batch_size: int = 50,
    store: StoreBackend | None = None,
    progress: T_Progress | None = None,
) -> ReportData:
    """Run everything a report of ``scenario`` shows.

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
    batch_size : int
        Members per task.
    store : StoreBackend, optional
        Where the two ensembles are recorded, with their results.
    progress : callable, optional
        ``progress(label, total)`` is called at the start of each ensemble and returns the
        function called with the number of member-runs done as they complete.

    Returns
    -------
    ReportData
    """
    t0 = time.perf_counter()
    if n_members < 1:
        raise InputError(Problem(f"must be at least 1, got {n_members}", path="--members"))
    pic, trajectory, forecasts, rounds = baseline_parts(scenario)
    design = sample(scenario.uncertainties, n_members, method=method, seed=scenario.scenario.seed)
    uncertainties = tuple(scenario.uncertainties)
    runs: list[RunInfo] = []

    # 1. the baseline ensemble, summarised per year
    bands = band_outcomes(scenario)
    payload = Payload(scenario, uncertainties, design, (Arm(),), bands, bloc_years="all")
    advance = _stage(progress, "ensemble (bands)", n_members)
    result = run_ensemble(
        payload, executor=executor, batch_size=batch_size, store=store, kind="ensemble",
        parameters={"report": True, "role": "bands", "method": method, "executor": executor.name},
        progress=advance,
    )  # fmt: skip
    summary = summary_frame(_values(result, BASELINE, bands))
    if store is not None and result.run_id is not None:
        store.write_result(result.run_id, "summary", summary)
    runs.append(_info(result, "ensemble", "the bands over time"))

    # 2. the claims and the interventions they use, on one paired ensemble
    compared = compare_outcomes(scenario)
    claims: tuple[ClaimResult, ...] = ()
    differences: pd.DataFrame | None = None
    plans: list[ClaimPlan] = []
    if scenario.claims:
        payload, plans = workflows.claims_payload(scenario, design)
    else:
        arms = (Arm(), *(Arm((i.name,)) for i in scenario.interventions))
        payload = Payload(scenario, uncertainties, design, arms)
    # the claims' outcomes, then those every intervention is compared on
    outcomes = tuple({o.label: o for o in (*payload.outcomes, *compared)}.values())
    payload = dataclasses.replace(payload, outcomes=outcomes)
    arms = payload.arms
    if len(arms) > 1 or plans:
        kind = "claims" if plans else "compare"
        scale = len(arms)
        advance = _stage(progress, f"claims and {len(arms) - 1} interventions", n_members * scale)
        result = run_ensemble(
            payload, executor=executor, batch_size=batch_size, store=store, kind=kind,
            parameters={
                "report": True, "role": "claims and interventions", "method": method,
                "executor": executor.name, "interventions": [a.name for a in arms[1:]],
                "claims": [c.id for c in scenario.claims],
            },
            progress=lambda n: advance(n * scale),
        )  # fmt: skip
        differences = differences_frame(result, [a.name for a in arms[1:]])
        if plans:
            _, rows = workflows.claim_verdicts(plans, result)
            claims = claim_results(rows, scenario)
        if store is not None and result.run_id is not None:
            if plans:
                store.write_result(result.run_id, "claims", stored_claims_frame(claims))
            store.write_result(result.run_id, "differences", stored_differences_frame(differences))
        runs.append(_info(result, kind, "the claims and the interventions"))

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
    )


def stored_claims_frame(claims: Sequence[ClaimResult]) -> pd.DataFrame:
    """Return the claims as ``equipoise claims`` stores them (result ``claims``)."""
    return pd.DataFrame(
        [
            {
                "id": c.id, "verdict": c.verdict, "probability": c.probability, "low": c.low,
                "high": c.high, "n": c.n, "effect": c.effect,
                "drivers": ";".join(name for name, _ in c.drivers),
            }
            for c in claims
        ],
        columns=["id", "verdict", "probability", "low", "high", "n", "effect", "drivers"],
    )  # fmt: skip


def stored_differences_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Return differences as ``equipoise compare`` stores them, with an ``intervention`` column."""
    out = frame.copy()
    out["interval"] = [f"{lo:.6g},{hi:.6g}" for lo, hi in zip(out["low"], out["high"], strict=True)]
    return out.drop(columns=["low", "high"])


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
    return differences_frame(result, complete)


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
    infos = [store.get_run(r) for r in run_ids]
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
    s = with_seed(s, int(infos[0]["seed"]))
    for info in infos:
        if info["scenario_hash"] != scenario_hash(with_seed(base_scenario, int(info["seed"]))):
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
        runs=tuple(runs),
        notes=tuple(notes),
        seconds=time.perf_counter() - t0,
    )


def uncertainty_ranges(scenario: Scenario) -> dict[str, tuple[float, float]]:
    """Return each declared uncertainty's range: low–high, mean ± 3 sd, or the choices' span."""
    out: dict[str, tuple[float, float]] = {}
    for u in scenario.uncertainties:
        if u.low is not None and u.high is not None:
            out[u.name] = (float(u.low), float(u.high))
        elif u.mean is not None and u.sd is not None:
            out[u.name] = (float(u.mean - 3 * u.sd), float(u.mean + 3 * u.sd))
        elif u.choices:
            out[u.name] = (float(min(u.choices)), float(max(u.choices)))
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
    "band_outcomes",
    "baseline_parts",
    "baseline_report_data",
    "build_report_data",
    "claim_results",
    "compare_outcomes",
    "dependence_pairs",
    "differences_frame",
    "differences_from_outcomes",
    "eu_rounds",
    "is_run_id",
    "load_report_data",
    "report_years",
    "stored_claims_frame",
    "stored_differences_frame",
    "summary_frame",
    "uncertainty_ranges",
    "with_seed",
]
