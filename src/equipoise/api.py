"""The Python API: load a scenario, run it, and run its experiments, from a script or notebook.

Every function builds one plan of :mod:`equipoise.experiments.plans` and runs it with
:func:`~equipoise.experiments.plans.run_plan`, exactly as the command line and the web app do,
so the same scenario and seed give the same numbers everywhere. Results are typed objects with
tidy pandas DataFrames::

    import equipoise as eq

    s = eq.load("indo-pacific-2021")
    run = eq.run(s, seed=7)
    run.frames()["system"]               # year (int), polarity, bipolarity, ...
    ens = eq.ensemble(s, 200, seed=7)
    ens.frames()["experiments"]          # one row per member: the sampled inputs
    ens.frames()["outcomes"]             # one row per member: every outcome
    eq.claims(s, 200).frame()            # one row per claim
    fc = eq.forecast(s, "unga_distance", years=(2022, 2025), n=500, data="shared/data")
    fc.table                              # quantiles by unit and year
    hc = eq.hindcast(s, "gdp_share", data="shared/data")
    hc.skill                              # CRPS skill by horizon vs climatological persistence

Experiments run in this process by default (``executor="local"``). ``executor="processes"``
starts worker processes from a *fork server* that imports equipoise, never your script: the
workers are not handed your ``__main__``, so nothing of your code runs again and a script needs
no ``if __name__ == "__main__":`` guard (nor does a notebook). Where there is no fork server
(Windows, macOS's default), Python's own rule applies: guard the script's top level.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypedDict

from typing_extensions import Unpack

from equipoise.experiments.plans import (
    ClaimsPlan,
    ClaimsResult,
    ComparePlan,
    Comparison,
    Discovery,
    DiscoveryPlan,
    EnsemblePlan,
    EnsembleSummary,
    Execution,
    Forecast,
    ForecastPlan,
    Hindcast,
    HindcastPlan,
    RunPlan,
    RunResult,
    Sensitivity,
    SensitivityPlan,
    StagedPlan,
    run_typed,
)
from equipoise.experiments.plans.runner import T_Where
from equipoise.scenario import DEFAULT_SCENARIO, load_scenario
from equipoise.scenario.schema import Scenario

if TYPE_CHECKING:
    from equipoise.experiments.resolutions import ClaimScores
    from equipoise.store import StoreBackend

#: A scenario, a bundled scenario's name, or a path to a TOML file.
T_ScenarioLike = Scenario | str | Path


def load(name_or_path: str | Path = DEFAULT_SCENARIO) -> Scenario:
    """Return a scenario: a bundled name (``equipoise scenarios`` lists them) or a TOML path.

    Raises
    ------
    InputError
        With every problem of the file located (file, line, field path).
    """
    from equipoise.compile import compile_problems

    return load_scenario(
        name_or_path if isinstance(name_or_path, Path) else str(name_or_path),
        checks=(compile_problems,),
    )


def _scenario(scenario: T_ScenarioLike, seed: int | None) -> tuple[Scenario, str | None]:
    if isinstance(scenario, Scenario):
        return scenario.with_seed(seed), None
    return load(scenario).with_seed(seed), str(scenario)


def _store(store: StoreBackend | str | Path | None) -> StoreBackend | None:
    if store is None or not isinstance(store, str | Path):
        return store
    from equipoise.store import open_store

    return open_store(Path(store))


def _progress(show: bool, total: int, label: str) -> tuple[Callable[[int], None] | None, Any]:
    if not show:
        return None, None
    from rich.progress import Progress

    bar = Progress()
    bar.start()
    task = bar.add_task(label, total=total)
    return (lambda n: bar.advance(task, n)), bar


class RunOptions(TypedDict, total=False):
    """Where and how an experiment runs (the keywords every experiment function takes).

    Attributes
    ----------
    executor : {"local", "processes", "dask"}
        Where batches run (default ``"local"``); the numbers are the same on each.
    workers : int
        Worker processes (default: the cores).
    batch_size : int
        Members per task (default: the plan's); the numbers never depend on it.
    store : StoreBackend, str or Path
        Record the run in this results store (a folder or a back-end).
    progress : bool
        Show a rich progress bar (default ``False``).
    """

    executor: T_Where
    workers: int | None
    batch_size: int | None
    store: StoreBackend | str | Path | None
    progress: bool


def _execute(plan: Any, result_type: type[Any], **options: Unpack[RunOptions]) -> Any:
    if isinstance(plan, StagedPlan):
        total = plan.total()
    else:
        payload = plan.payload()
        total = payload.design.n_members * len(payload.arms)
    advance, bar = _progress(bool(options.get("progress", False)), total, plan.label)
    execution = Execution(
        executor=options.get("executor", "local"),
        workers=options.get("workers"),
        batch_size=options.get("batch_size"),
    )
    try:
        return run_typed(
            plan,
            result_type,
            execution=execution,
            store=_store(options.get("store")),
            progress=advance,
        )
    finally:
        if bar is not None:
            bar.stop()


def run(
    scenario: T_ScenarioLike = DEFAULT_SCENARIO,
    interventions: Sequence[str] = (),
    seed: int | None = None,
    *,
    store: StoreBackend | str | Path | None = None,
) -> RunResult:
    """Simulate a scenario once over its horizon (the declared values; member 0 of the seed).

    Returns
    -------
    RunResult
        ``.frames()`` gives the system, actors, dyads and issues tables; ``.trajectory`` the
        arrays; ``.to_dict()`` what ``equipoise run --json`` prints.
    """
    s, ref = _scenario(scenario, seed)
    plan = RunPlan(scenario=s, scenario_ref=ref, interventions=tuple(interventions))
    result: RunResult = run_typed(plan, RunResult, store=_store(store))
    return result


def ensemble(
    scenario: T_ScenarioLike = DEFAULT_SCENARIO,
    n: int = 100,
    *,
    seed: int | None = None,
    method: str = "lhs",
    interventions: Sequence[str] = (),
    **options: Unpack[RunOptions],
) -> EnsembleSummary:
    """Run ``n`` members over the declared uncertainties (``equipoise ensemble``).

    Returns
    -------
    EnsembleSummary
        ``.frames()`` gives ``experiments`` (the sampled inputs, one row per member) and
        ``outcomes`` (every outcome, one row per member), the shape of the EMA Workbench's
        ``perform_experiments``; ``.rows`` the median and 5–95 % band per outcome.
    """
    s, ref = _scenario(scenario, seed)
    plan = EnsemblePlan(
        scenario=s,
        scenario_ref=ref,
        n_members=n,
        method=method,
        interventions=tuple(interventions),
        tables=options.get("store") is not None,
    )
    result: EnsembleSummary = _execute(
        plan,
        EnsembleSummary,
        **options,
    )
    return result


def compare(
    scenario: T_ScenarioLike = DEFAULT_SCENARIO,
    interventions: Sequence[str] = (),
    n: int = 100,
    *,
    seed: int | None = None,
    method: str = "lhs",
    **options: Unpack[RunOptions],
) -> Comparison:
    """Compare interventions with the baseline, member by member (``equipoise compare``).

    Returns
    -------
    Comparison
        ``.frame()`` gives one row per metric and entity with the paired difference, its
        interval and its standardised size.
    """
    s, ref = _scenario(scenario, seed)
    plan = ComparePlan(
        scenario=s,
        scenario_ref=ref,
        n_members=n,
        method=method,
        interventions=tuple(interventions),
    )
    result: Comparison = _execute(
        plan,
        Comparison,
        **options,
    )
    return result


def claims(
    scenario: T_ScenarioLike = DEFAULT_SCENARIO,
    n: int = 100,
    *,
    seed: int | None = None,
    method: str = "lhs",
    ablation: bool = True,
    robustness: bool = False,
    **options: Unpack[RunOptions],
) -> ClaimsResult:
    """Give every claim of the scenario a verdict (``equipoise claims``).

    With ``ablation`` every claim is also run with the model's dynamics switched off (a claim
    whose verdict holds without them is reported as "built in"); with ``robustness``, in every
    specification of the scenario's multiverse (``docs/models/experiments.md``).

    Returns
    -------
    ClaimsResult
        ``.frame()`` gives one row per claim: verdict, model verdict, probability, interval,
        effect, P without dynamics, emergent, carried by, robustness, driver.
    """
    s, ref = _scenario(scenario, seed)
    plan = ClaimsPlan(
        scenario=s,
        scenario_ref=ref,
        n_members=n,
        method=method,
        ablation=ablation,
        robustness=robustness,
    )
    result: ClaimsResult = _execute(
        plan,
        ClaimsResult,
        **options,
    )
    return result


def sensitivity(
    scenario: T_ScenarioLike = DEFAULT_SCENARIO,
    metric: str = "dependence(RUS,CHN)",
    *,
    method: str = "sobol",
    base_samples: int = 256,
    seed: int | None = None,
    interventions: Sequence[str] = (),
    **options: Unpack[RunOptions],
) -> Sensitivity:
    """Rank the declared uncertainties by their effect on a metric (Sobol' or Morris)."""
    s, ref = _scenario(scenario, seed)
    plan = SensitivityPlan(
        scenario=s,
        scenario_ref=ref,
        metric=metric,
        method=method,
        base_samples=base_samples,
        interventions=tuple(interventions),
    )
    result: Sensitivity = _execute(
        plan,
        Sensitivity,
        **options,
    )
    return result


def discover(
    scenario: T_ScenarioLike = DEFAULT_SCENARIO,
    outcome: str = "dependence(RUS,CHN)@2031 > 0.6",
    n: int = 1000,
    *,
    algorithm: str = "prim",
    threshold: float = 0.8,
    seed: int | None = None,
    method: str = "lhs",
    interventions: Sequence[str] = (),
    **options: Unpack[RunOptions],
) -> Discovery:
    """Find the input ranges behind an outcome of interest (PRIM or CART)."""
    s, ref = _scenario(scenario, seed)
    plan = DiscoveryPlan(
        scenario=s,
        scenario_ref=ref,
        n_members=n,
        method=method,
        interventions=tuple(interventions),
        outcome_text=outcome,
        algorithm=algorithm,
        threshold=threshold,
    )
    result: Discovery = _execute(
        plan,
        Discovery,
        **options,
    )
    return result


def forecast(
    scenario: T_ScenarioLike = DEFAULT_SCENARIO,
    observable: str = "unga_distance",
    *,
    years: tuple[int, int],
    data: str | Path,
    n: int = 500,
    seed: int | None = None,
    method: str = "lhs",
    interventions: Sequence[str] = (),
    noise_draws: int = 1,
    noise_scale: float | None = None,
    **options: Unpack[RunOptions],
) -> Forecast:
    """Forecast an observable with predictive quantiles (``equipoise forecast``).

    Parameters
    ----------
    scenario : Scenario, str or Path
    observable : str
        ``unga_distance``, ``gdp_share``, ``milex_share`` or ``trade_dependence``.
    years : (int, int)
        The first and last forecast years.
    data : str or Path
        The data folder with the observable's file (``shared/data`` layout).
    n : int
        Ensemble members.
    noise_scale : float, optional
        Factor on the measurement noise; default the calibrated scale of the observable
        (``docs/models/calibration.md`` §6; 1 if it was not calibrated).

    Returns
    -------
    Forecast
        ``.table`` (quantiles by unit and year), ``.to_dict()`` (what ``--json`` prints),
        ``.samples`` (the predictive samples).
    """
    s, ref = _scenario(scenario, seed)
    plan = ForecastPlan(
        scenario=s,
        scenario_ref=ref,
        n_members=n,
        method=method,
        interventions=tuple(interventions),
        observable=observable,
        first=int(years[0]),
        last=int(years[1]),
        data=str(data),
        noise_draws=noise_draws,
        noise_scale=noise_scale,
    )
    result: Forecast = _execute(plan, Forecast, **options)
    return result


def hindcast(
    scenario: T_ScenarioLike = DEFAULT_SCENARIO,
    observable: str = "unga_distance",
    *,
    data: str | Path,
    actors: Sequence[str] = (),
    origins: Sequence[int] = (2005, 2010, 2015),
    horizons: Sequence[int] = (1, 2, 3, 4, 5),
    n: int = 1,
    samples: int = 500,
    seed: int | None = None,
    calibrated: bool = True,
    calibrate: int = 0,
    **options: Unpack[RunOptions],
) -> Hindcast:
    """Backtest the model at rolling origins against the benchmarks (``equipoise hindcast``).

    Parameters
    ----------
    scenario : Scenario, str or Path
        Gives the seed and, without ``actors``, the actors.
    observable : str
    data : str or Path
        The data folder: each origin's scenario is built from it (data up to the origin).
    actors : sequence of str
        ISO3 codes or ``G20``/``UN``.
    origins, horizons : sequence of int
    n : int
        Members per origin.
    samples : int
        Predictive samples per unit and horizon.
    calibrated : bool, default True
        Build with the shipped calibration (fitted up to 2020: ``.in_sample`` is true before
        2020) or with the documented defaults (``--uncalibrated``).
    calibrate : int, default 0
        Particles of a fit at every origin on the data before it (``--calibrate``; out of
        sample); 0: off.

    Returns
    -------
    Hindcast
        ``.skill`` (CRPS skill by horizon), ``.scores`` (every scored forecast), ``.pit``,
        ``.worst``, ``.parameters`` and ``.in_sample``.
    """
    s, ref = _scenario(scenario, seed)
    plan = HindcastPlan(
        scenario=s,
        scenario_ref=ref,
        observable=observable,
        data=str(data),
        actors=tuple(actors),
        origins=tuple(int(o) for o in origins),
        horizons=tuple(int(h) for h in horizons),
        n_members=n,
        n_samples=samples,
        calibrated=calibrated,
        calibrate=calibrate,
    )
    result: Hindcast = _execute(plan, Hindcast, **options)
    return result


def score(
    scenario: T_ScenarioLike = DEFAULT_SCENARIO,
    resolutions: str | Path = "resolutions.toml",
    n: int = 200,
    *,
    seed: int | None = None,
    **options: Unpack[RunOptions],
) -> ClaimScores:
    """Score resolved claims: the model, the holders and a coin (``equipoise score``).

    Returns
    -------
    ClaimScores
        ``.scores`` (Brier and log by forecaster), ``.claims``, ``.reliability``.
    """
    from equipoise.experiments.resolutions import score_claims
    from equipoise.io.resolutions import read_resolutions

    s, _ = _scenario(scenario, seed)
    resolved = read_resolutions(resolutions, claims=[c.id for c in s.claims])
    result = claims(s, n, **options)
    model = {v.claim.id: float(v.probability) for v in result.verdicts}
    holders = {c.id: c.declared_probability for c in s.claims}
    return score_claims(resolved, model=model, holders=holders)


__all__ = [
    "RunOptions",
    "claims",
    "compare",
    "discover",
    "ensemble",
    "forecast",
    "hindcast",
    "load",
    "run",
    "score",
    "sensitivity",
]
