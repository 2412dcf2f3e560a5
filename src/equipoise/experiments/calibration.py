r"""Calibration of the global parameters on the history: ABC by sequential Monte Carlo.

The model's global rates (``balance_rate``, ``inertia_rate``) and the scale of the measurement
noise of ``unga_distance`` are fitted to the record of UN General Assembly voting up to a last
year (``until``, at most 2020) by approximate Bayesian computation with a sequential Monte
Carlo sampler (ABC-PMC: Toni et al. 2009; Beaumont, Cornuet, Marin & Robert 2009), whose
discrepancy is the predictive score of the model's own hindcasts inside the fitting period:

.. math::

    d(\theta) = \frac{\sum_{o,h,u} \mathrm{CRPS}\bigl(F^{\theta}_{u,o,h},\, y_{u,o+h}\bigr)}
                     {\sum_{o,h,u} \mathrm{CRPS}\bigl(F^{0}_{u,o,h},\, y_{u,o+h}\bigr)}

over fitting origins :math:`o`, horizons :math:`h` with :math:`o + h \le` ``until`` and dyads
:math:`u` of each actor set. :math:`F^{\theta}` is the predictive distribution of
:func:`~equipoise.observation.measurement.sample_predictive` for a scenario built from the data
up to :math:`o` (:func:`~equipoise.scenario.build.build_scenario`) and simulated with
:math:`\theta`, its measurement noise multiplied by the noise scale :math:`s`; :math:`F^0` is the
same measurement model with a model that predicts no change and :math:`s = 1` (climatological
persistence without drift). So :math:`1 - d` is the in-sample CRPS skill against that reference,
and a proper scoring rule used as the ABC discrepancy makes the accepted particles concentrate
where the predictive is best (optimum score estimation, Gneiting & Raftery 2007 §9.1; ABC with a
scoring-rule discrepancy: Pacchiardi, Khoo & Dutta 2024).

Common random numbers: every particle of every generation is scored with the same measurement
noise draws (one stream per case), and the rates enter a deterministic time loop
(``growth_noise`` is 0 in built scenarios), so :math:`d` is a deterministic function of
:math:`\theta` and differences between particles are not noise. Pure: arrays and frames in,
arrays out; reading the data files is :mod:`equipoise.scenario.build`'s edge.

References
----------
.. [1] Toni, T., Welch, D., Strelkowa, N., Ipsen, A., & Stumpf, M. P. H. (2009). Approximate
   Bayesian computation scheme for parameter inference and model selection in dynamical
   systems. *J. R. Soc. Interface* 6(31), 187–202. doi:10.1098/rsif.2008.0172
.. [2] Beaumont, M. A., Cornuet, J.-M., Marin, J.-M., & Robert, C. P. (2009). Adaptive
   approximate Bayesian computation. *Biometrika* 96(4), 983–990. doi:10.1093/biomet/asp052
.. [3] Del Moral, P., Doucet, A., & Jasra, A. (2012). An adaptive sequential Monte Carlo method
   for approximate Bayesian computation. *Statistics and Computing* 22, 1009–1020.
   doi:10.1007/s11222-011-9271-y (the tolerance as a quantile of the last distances).
.. [4] Gneiting, T., & Raftery, A. E. (2007). Strictly proper scoring rules, prediction, and
   estimation. *JASA* 102(477), 359–378. doi:10.1198/016214506000001437
.. [5] Pacchiardi, L., Khoo, S., & Dutta, R. (2024). Generalized Bayesian likelihood-free
   inference. *Electronic Journal of Statistics* 18(2), 3628–3686. doi:10.1214/24-EJS2283
"""

from __future__ import annotations

import dataclasses
import itertools
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from equipoise.compile import CompiledScenario, compile_scenario
from equipoise.experiments.benchmarks import ForecastTask, T_Forecaster
from equipoise.experiments.scores import crps_ensemble
from equipoise.observation.measurement import (
    DEFAULT_WINDOW,
    MeasurementModel,
    fit_measurement,
    sample_predictive,
)
from equipoise.observation.observables import T_Unit, model_state, observed_unga_distance, wide
from equipoise.simulate import Patch, SimulationOptions, simulate

if TYPE_CHECKING:
    from equipoise.scenario.build import HistoryData

T_Float = NDArray[np.float64]

#: The observable the rates are fitted to.
OBSERVABLE: Final[str] = "unga_distance"
#: Name of the measurement-noise scale (not a scenario parameter: it scales the noise pool).
NOISE_SCALE: Final[str] = "noise_scale"


@dataclass(frozen=True, slots=True)
class Prior:
    """A uniform prior on one calibrated parameter.

    Attributes
    ----------
    name : str
        The parameter (a key of ``[parameters]``, or :data:`NOISE_SCALE`).
    low, high : float
        The support.
    reason : str
        Why this range (written into the docs and the result).
    """

    name: str
    low: float
    high: float
    reason: str

    @property
    def target(self) -> str | None:
        """The scenario target the value is patched into (``None``: the measurement noise)."""
        return None if self.name == NOISE_SCALE else f"parameters.{self.name}"


#: The default priors (docs/models/calibration.md gives the reasons at length).
PRIORS: Final[tuple[Prior, ...]] = (
    Prior(
        "balance_rate",
        0.0,
        1.0,
        "0 (no balancing) to 1 per year, three times the uncalibrated default 0.3: a relation "
        "that closes a third of its gap to balance in a year is already faster than UN votes move",
    ),
    Prior(
        "inertia_rate",
        0.0,
        2.0,
        "0 (no pull back) to 2 per year (a deviation from the baseline halves in ~4 months); "
        "the uncalibrated default 0.25 lies inside",
    ),
    Prior(
        NOISE_SCALE,
        0.5,
        1.5,
        "the measurement noise is the pool of historical changes; a factor of 0.5-1.5 on it lets "
        "the fit narrow or widen the intervals by up to half",
    ),
)


@dataclass(frozen=True, eq=False)
class CalibrationCase:
    """One fitting origin for one actor set: its scenario, measurement model and outcomes.

    Attributes
    ----------
    label : str
        ``<actor set>@<origin>``.
    origin : int
        The forecast origin (the scenario is built from data up to it).
    horizons : tuple of int
        Horizons whose outcome year is at most ``until``.
    units : tuple of (str, str)
        Dyads with an observation at the origin.
    compiled : CompiledScenario
        The built scenario, compiled (``horizon = max(horizons)``).
    measurement : MeasurementModel
        Fitted on data up to the origin.
    outcome : numpy.ndarray
        ``(U, H)`` observed values at ``origin + h`` (``NaN``: not observed).
    noise_seed : int
        Seed of the case's measurement noise draws (common to every particle).
    reference_crps : float
        Sum of the reference forecast's CRPS over the observed outcomes.
    n_scored : int
        Observed outcomes.
    """

    label: str
    origin: int
    horizons: tuple[int, ...]
    units: tuple[T_Unit, ...]
    compiled: CompiledScenario
    measurement: MeasurementModel
    outcome: T_Float
    noise_seed: int
    reference_crps: float
    n_scored: int


def _origin_state(compiled: CompiledScenario, units: Sequence[T_Unit]) -> T_Float:
    traj = simulate(
        compiled, n_members=1, rng=0, options=SimulationOptions(keep_relations=True, bloc_steps=())
    )
    return np.asarray(model_state(traj, OBSERVABLE, units=units)[0, 0], dtype=np.float64)


def prepare_cases(
    history: HistoryData,
    *,
    actor_sets: Mapping[str, Sequence[str]],
    origins: Sequence[int],
    until: int,
    horizons: Sequence[int] = (1, 2, 3, 4),
    noise_draws: int = 100,
    window: int = DEFAULT_WINDOW,
    seed: int = 0,
) -> tuple[tuple[CalibrationCase, ...], tuple[str, ...]]:
    """Build every fitting case from the data up to ``until``.

    Parameters
    ----------
    history : HistoryData
        From :func:`equipoise.scenario.build.load_history`.
    actor_sets : dict of str to sequence of str
        Named actor sets (ISO3 codes or groups such as ``G20``).
    origins : sequence of int
        Fitting origins; each must be before ``until``.
    until : int
        The last year of data used (outcomes after it are never read).
    horizons : sequence of int, default (1, 2, 3, 4)
        Horizons scored (those with ``origin + h <= until``).
    noise_draws : int, default 100
        Measurement-noise draws per particle and outcome.
    window : int, default 15
        Years of history whose changes give the measurement noise.
    seed : int, default 0
        Seed of the noise draws (one child stream per case).

    Returns
    -------
    cases : tuple of CalibrationCase
    skipped : tuple of str
        The cases left out and why (a built scenario that does not compile, e.g. a trend
        outside the growth limit in a year of hyperinflation; fewer than 3 dyads).

    Raises
    ------
    ValueError
        An origin not before ``until``, or no case with an outcome.
    """
    from equipoise.errors import InputError
    from equipoise.scenario.build import build_scenario

    unga = history.frame("unga")
    if unga is None:
        raise ValueError("the data folder has no UN General Assembly ideal points")
    unga = unga.loc[unga["year"] <= until]
    late = [o for o in origins if o >= until]
    if late:
        raise ValueError(f"origins {late} are not before the last year of data {until}")
    cases: list[CalibrationCase] = []
    skipped: list[str] = []
    streams = iter(np.random.SeedSequence(seed).spawn(len(actor_sets) * len(origins)))
    for (name, actors), origin in itertools.product(actor_sets.items(), origins):
        stream = next(streams)
        hs = tuple(h for h in horizons if origin + h <= until)
        if not hs:
            continue
        # the documented defaults, not the shipped calibration: a fit must not start from a fit
        built = build_scenario(
            history, actors=list(actors), year=origin, horizon=max(hs), calibrated=False
        )
        codes = tuple(a.code for a in built.scenario.actors)
        observed = observed_unga_distance(unga, actors=codes)
        at_origin = wide(observed, units=list(itertools.combinations(codes, 2)), years=[origin])[0]
        units = tuple(
            u for u, v in zip(itertools.combinations(codes, 2), at_origin, strict=True) if v == v
        )
        if len(units) < 3:
            skipped.append(f"{name}@{origin}: fewer than 3 dyads with UN votes")
            continue
        try:
            compiled = compile_scenario(built.scenario)
        except InputError as exc:
            skipped.append(f"{name}@{origin}: the built scenario does not compile ({exc})")
            continue
        case = make_case(
            f"{name}@{origin}",
            compiled,
            observed,
            origin=origin,
            horizons=hs,
            units=units,
            noise_seed=int(stream.generate_state(1)[0]),
            noise_draws=noise_draws,
            window=window,
        )
        if case is None:
            skipped.append(f"{name}@{origin}: no outcome observed")
            continue
        cases.append(case)
    if not cases:
        raise ValueError(f"no fitting origin has an observed outcome up to {until}")
    return tuple(cases), tuple(skipped)


def make_case(
    label: str,
    compiled: CompiledScenario,
    observed: pd.DataFrame,
    *,
    origin: int,
    horizons: Sequence[int],
    units: Sequence[T_Unit],
    noise_seed: int,
    noise_draws: int = 100,
    window: int = DEFAULT_WINDOW,
) -> CalibrationCase | None:
    """Return one fitting case: the measurement model fitted up to ``origin`` and the outcomes.

    Parameters
    ----------
    label : str
        The case's name.
    compiled : CompiledScenario
        The scenario at ``origin`` (built from data up to it), simulated ``max(horizons)``
        years.
    observed : pandas.DataFrame
        ``unga_distance`` values (``year, a, b, value``); rows up to ``origin`` fit the
        measurement model, rows at ``origin + h`` are the outcomes (the caller has removed
        those after the last year of the fit).
    origin : int
    horizons : sequence of int
    units : sequence of (str, str)
        Dyads of the scenario.
    noise_seed : int
        Seed of the case's measurement-noise draws (common to every particle).
    noise_draws : int, default 100
    window : int, default 15

    Returns
    -------
    CalibrationCase or None
        ``None`` when no outcome is observed.
    """
    hs = tuple(int(h) for h in horizons)
    units = tuple(units)
    history_o = observed.loc[observed["year"] <= origin].reset_index(drop=True)
    measurement = fit_measurement(
        OBSERVABLE,
        history_o,
        origin=origin,
        units=units,
        model_at_origin=_origin_state(compiled, units),
        max_lag=max(hs),
        window=window,
    )
    outcome = wide(observed, units=units, years=[origin + h for h in hs]).T
    zero = np.zeros((1, len(hs), len(units)))
    ref = _predictive(
        measurement, zero, np.zeros((1, len(units))), hs, 1.0, noise_seed, noise_draws
    )
    crps = crps_ensemble(outcome, ref)
    ok = np.isfinite(crps)
    if not ok.any():
        return None
    return CalibrationCase(
        label=label,
        origin=origin,
        horizons=hs,
        units=units,
        compiled=compiled,
        measurement=measurement,
        outcome=outcome,
        noise_seed=noise_seed,
        reference_crps=float(crps[ok].sum()),
        n_scored=int(ok.sum()),
    )


def scaled(measurement: MeasurementModel, scale: float) -> MeasurementModel:
    """Return the measurement model with its noise pools multiplied by ``scale``."""
    return dataclasses.replace(
        measurement, changes={h: scale * v for h, v in measurement.changes.items()}
    )


def _predictive(
    measurement: MeasurementModel,
    path: T_Float,
    origin: T_Float,
    horizons: Sequence[int],
    scale: float,
    noise_seed: int,
    noise_draws: int,
) -> T_Float:
    draws = sample_predictive(
        scaled(measurement, scale),
        path,
        origin,
        horizons=horizons,
        rng=np.random.default_rng(noise_seed),
        n_noise=noise_draws,
    )
    return np.asarray(np.transpose(draws, (2, 1, 0)), dtype=np.float64)  # (U, H, M)


def case_scores(
    case: CalibrationCase,
    theta: T_Float,
    names: Sequence[str],
    *,
    noise_draws: int = 100,
) -> T_Float:
    """Return each particle's summed CRPS on one case.

    Parameters
    ----------
    case : CalibrationCase
    theta : numpy.ndarray
        ``(N, P)`` particles, columns named by ``names``.
    names : sequence of str
        Parameter names (scenario parameters, and :data:`NOISE_SCALE`).
    noise_draws : int, default 100
        Noise draws per particle (must be the ``noise_draws`` the case was prepared with for
        the reference to be comparable).

    Returns
    -------
    numpy.ndarray
        ``(N,)``: the sum of the CRPS over the case's observed outcomes.
    """
    theta = np.atleast_2d(np.asarray(theta, dtype=np.float64))
    n = theta.shape[0]
    patches = [
        Patch(f"parameters.{name}", "set", np.ascontiguousarray(theta[:, j]))
        for j, name in enumerate(names)
        if name != NOISE_SCALE
    ]
    traj = simulate(
        case.compiled,
        patches=patches,
        n_members=n,
        rng=0,
        options=SimulationOptions(keep_relations=True, bloc_steps=()),
    )
    x = model_state(traj, OBSERVABLE, units=case.units)  # (N, T+1, U)
    at_origin, path = x[:, 0], x[:, list(case.horizons)]
    scale = theta[:, list(names).index(NOISE_SCALE)] if NOISE_SCALE in names else np.ones(n)
    out = np.empty(n)
    ok = np.isfinite(case.outcome)
    for i in range(n):
        samples = _predictive(
            case.measurement,
            path[i : i + 1],
            at_origin[i : i + 1],
            case.horizons,
            float(scale[i]),
            case.noise_seed,
            noise_draws,
        )
        crps = crps_ensemble(case.outcome, samples)
        out[i] = float(crps[ok & np.isfinite(crps)].sum())
    return out


def distances(totals: T_Float, cases: Sequence[CalibrationCase]) -> T_Float:
    r"""Return :math:`d(\theta)`: summed CRPS over every case relative to the reference's."""
    reference = sum(c.reference_crps for c in cases)
    return np.asarray(totals, dtype=np.float64) / reference


# --------------------------------------------------------------------------------------------
# the sequential Monte Carlo sampler (ABC-PMC)


def sample_prior(priors: Sequence[Prior], n: int, rng: np.random.Generator) -> T_Float:
    """Draw ``n`` particles from the independent uniform priors."""
    low = np.array([p.low for p in priors])
    high = np.array([p.high for p in priors])
    return np.asarray(low + (high - low) * rng.random((n, len(priors))), dtype=np.float64)


def kernel_cov(particles: T_Float, weights: T_Float) -> T_Float:
    """Return the perturbation kernel's covariance: twice the weighted covariance (Beaumont 2009)."""
    cov = np.atleast_2d(np.cov(particles, rowvar=False, aweights=weights))
    # a collapsed direction would stop the sampler from moving: floor its variance
    floor = 1e-10 + 1e-6 * np.abs(np.diag(cov)).max(initial=0.0)
    return np.asarray(2.0 * cov + floor * np.eye(cov.shape[0]), dtype=np.float64)


def propose(
    particles: T_Float,
    weights: T_Float,
    cov: T_Float,
    priors: Sequence[Prior],
    n: int,
    rng: np.random.Generator,
) -> T_Float:
    r"""Draw ``n`` proposals: resample by weight, perturb by :math:`N(0, \Sigma)` inside the prior.

    Proposals outside the prior's support are drawn again (up to 100 times; then clipped, which
    the weights' prior density then counts as on the border).
    """
    low = np.array([p.low for p in priors])
    high = np.array([p.high for p in priors])
    chol = np.linalg.cholesky(cov)
    out = np.empty((n, len(priors)))
    todo = np.arange(n)
    for _ in range(100):
        idx = rng.choice(particles.shape[0], size=todo.size, p=weights)
        cand = particles[idx] + rng.standard_normal((todo.size, len(priors))) @ chol.T
        inside = ((cand >= low) & (cand <= high)).all(axis=1)
        out[todo[inside]] = cand[inside]
        todo = todo[~inside]
        if not todo.size:
            break
    if todo.size:
        out[todo] = np.clip(
            particles[rng.choice(particles.shape[0], size=todo.size, p=weights)], low, high
        )
    return out


def pmc_weights(new: T_Float, old: T_Float, old_weights: T_Float, cov: T_Float) -> T_Float:
    r"""Return the ABC-PMC importance weights of ``new`` (uniform prior, Gaussian kernel).

    :math:`w_i \propto \pi(\theta_i) / \sum_j w^{old}_j\, \phi_\Sigma(\theta_i - \theta^{old}_j)`
    (Beaumont et al. 2009, eq. 3); the prior is constant on its support.
    """
    inv = np.linalg.inv(cov)
    diff = new[:, None, :] - old[None, :, :]
    quad = np.einsum("ijk,kl,ijl->ij", diff, inv, diff)
    dens = np.exp(-0.5 * quad) @ old_weights
    w = 1.0 / np.maximum(dens, 1e-300)
    return np.asarray(w / w.sum(), dtype=np.float64)


def weighted_quantile(values: T_Float, weights: T_Float, q: float) -> float:
    """Return the ``q`` quantile of weighted values (inverse of the weighted empirical CDF)."""
    order = np.argsort(values, kind="stable")
    cum = np.cumsum(weights[order])
    k = int(np.searchsorted(cum, q * cum[-1], side="left"))
    return float(values[order][min(k, values.size - 1)])


def effective_sample_size(weights: T_Float) -> float:
    r"""Return Kish's effective sample size :math:`1 / \sum w_i^2` of normalised weights."""
    w = np.asarray(weights) / np.sum(weights)
    return float(1.0 / np.sum(w * w))


def posterior_summary(particles: T_Float, weights: T_Float, names: Sequence[str]) -> pd.DataFrame:
    """Return the weighted mean, sd and 5/25/50/75/95 % quantiles of each parameter."""
    rows = []
    for j, name in enumerate(names):
        v = particles[:, j]
        mean = float(np.sum(weights * v))
        sd = float(math.sqrt(max(0.0, float(np.sum(weights * (v - mean) ** 2)))))
        row = {"parameter": name, "mean": mean, "sd": sd}
        for q in (0.05, 0.25, 0.5, 0.75, 0.95):
            row[f"q{round(q * 100):02d}"] = weighted_quantile(v, weights, q)
        rows.append(row)
    return pd.DataFrame(rows)


#: One generation's particles: ``generation, particle, <names>, distance, weight, epsilon,
#: proposals``.
PARTICLE_COLUMNS: Final[tuple[str, ...]] = (
    "generation",
    "particle",
    "distance",
    "weight",
    "epsilon",
    "proposals",
)


def abc_smc(
    evaluate: Callable[[T_Float], T_Float],
    priors: Sequence[Prior],
    *,
    particles: int,
    generations: int,
    quantile: float = 0.5,
    max_rounds: int = 3,
    seed: int = 0,
    done: Sequence[pd.DataFrame] = (),
    on_generation: Callable[[int, pd.DataFrame], None] | None = None,
) -> list[pd.DataFrame]:
    r"""Run ABC-PMC generations (Beaumont et al. 2009) with an adaptive tolerance.

    Parameters
    ----------
    evaluate : callable
        ``theta (N, P) -> distances (N,)``; deterministic (common random numbers).
    priors : sequence of Prior
        Independent uniform priors, one per column of ``theta``.
    particles : int
        Population size :math:`N`.
    generations : int
        Generations :math:`G` (generation 0 samples the prior).
    quantile : float, default 0.5
        The tolerance :math:`\varepsilon_g` is this weighted quantile of generation
        :math:`g-1`'s distances.
    max_rounds : int, default 3
        Proposal rounds of :math:`N` per generation; if they give fewer than :math:`N`
        acceptances, :math:`\varepsilon_g` is relaxed to the :math:`N`-th smallest distance.
    seed : int, default 0
        Generation :math:`g`, round :math:`r` draws from ``SeedSequence(seed,
        spawn_key=(g, r))``.
    done : sequence of pandas.DataFrame
        Generations already computed (a resumed run); the sampler continues after them.
    on_generation : callable, optional
        Called with ``(g, frame)`` as each new generation completes (the checkpoint).

    Returns
    -------
    list of pandas.DataFrame
        Every generation's particles (:data:`PARTICLE_COLUMNS` plus one column per prior).
    """
    names = [p.name for p in priors]
    frames = list(done)
    for gen in range(len(frames), generations):
        seq = [np.random.SeedSequence(seed, spawn_key=(gen, r)) for r in range(max_rounds)]
        if gen == 0:
            theta = sample_prior(priors, particles, np.random.default_rng(seq[0]))
            dist = np.asarray(evaluate(theta), dtype=np.float64)
            weights = np.full(particles, 1.0 / particles)
            eps, proposals = float("inf"), particles
        else:
            prev = frames[-1]
            old = prev[names].to_numpy(dtype=np.float64)
            old_w = prev["weight"].to_numpy(dtype=np.float64)
            old_d = prev["distance"].to_numpy(dtype=np.float64)
            eps = weighted_quantile(old_d, old_w, quantile)
            cov = kernel_cov(old, old_w)
            cand: list[T_Float] = []
            cand_d: list[T_Float] = []
            for r in range(max_rounds):
                th = propose(old, old_w, cov, priors, particles, np.random.default_rng(seq[r]))
                cand.append(th)
                cand_d.append(np.asarray(evaluate(th), dtype=np.float64))
                if int((np.concatenate(cand_d) <= eps).sum()) >= particles:
                    break
            all_th, all_d = np.concatenate(cand), np.concatenate(cand_d)
            proposals = all_th.shape[0]
            if int((all_d <= eps).sum()) < particles:
                eps = float(np.sort(all_d, kind="stable")[particles - 1])
            keep = np.flatnonzero(all_d <= eps)[:particles]
            theta, dist = all_th[keep], all_d[keep]
            weights = pmc_weights(theta, old, old_w, cov)
        frame = pd.DataFrame(theta, columns=names)
        frame.insert(0, "particle", np.arange(theta.shape[0], dtype=np.int64))
        frame.insert(0, "generation", np.int64(gen))
        frame["distance"] = dist
        frame["weight"] = weights
        frame["epsilon"] = eps
        frame["proposals"] = np.int64(proposals)
        frames.append(frame)
        if on_generation is not None:
            on_generation(gen, frame)
    return frames


def generation_table(frames: Sequence[pd.DataFrame]) -> pd.DataFrame:
    """Return one row per generation: tolerance, proposals, acceptance, ESS, best and median."""
    return pd.DataFrame(
        [
            {
                "generation": int(f["generation"].iloc[0]),
                "epsilon": float(f["epsilon"].iloc[0]),
                "proposals": int(f["proposals"].iloc[0]),
                "acceptance": len(f) / max(1, int(f["proposals"].iloc[0])),
                "ess": effective_sample_size(f["weight"].to_numpy(dtype=np.float64)),
                "best": float(f["distance"].min()),
                "median": float(f["distance"].median()),
            }
            for f in frames
        ]
    )


# --------------------------------------------------------------------------------------------
# forecasting with calibrated parameters (for the backtests)


def calibrated_forecaster(
    history: HistoryData,
    *,
    parameters: dict[str, T_Float],
    noise_scale: float = 1.0,
    window: int = DEFAULT_WINDOW,
) -> T_Forecaster:
    """Return a forecaster of ``unga_distance`` that simulates with calibrated parameters.

    Parameters
    ----------
    history : HistoryData
        The data; the scenario of each task is built from the data up to its origin.
    parameters : dict of str to numpy.ndarray
        Values of scenario parameters, one per member (posterior draws: parameter uncertainty
        becomes model spread).
    noise_scale : float, default 1
        The calibrated measurement-noise scale.
    window : int, default 15
        Years of history whose changes give the measurement noise.

    Returns
    -------
    callable
        ``(ForecastTask, rng) -> samples (U, H, M)``.
    """
    from equipoise.scenario.build import build_scenario

    def forecast(task: ForecastTask, rng: np.random.Generator) -> T_Float:
        actors = tuple(dict.fromkeys(c for u in task.units for c in u if c))
        built = build_scenario(
            history,
            actors=list(actors),
            year=task.origin,
            horizon=max(task.horizons),
            calibrated=False,  # every parameter that matters is patched from ``parameters``
        )
        values = {k: np.atleast_1d(np.asarray(v, dtype=np.float64)) for k, v in parameters.items()}
        n = max(v.size for v in values.values())
        traj = simulate(
            compile_scenario(built.scenario),
            patches=[Patch(f"parameters.{k}", "set", np.resize(v, n)) for k, v in values.items()],
            n_members=n,
            rng=0,
            options=SimulationOptions(keep_relations=True, bloc_steps=()),
        )
        x = model_state(traj, task.observable, units=task.units)
        at_origin, path = x[:, 0], x[:, list(task.horizons)]
        measurement = fit_measurement(
            task.observable,
            task.history,
            origin=task.origin,
            units=task.units,
            model_at_origin=np.nanmean(at_origin, axis=0),
            max_lag=max(task.horizons),
            window=window,
        )
        draws = sample_predictive(
            scaled(measurement, noise_scale),
            path,
            at_origin,
            horizons=task.horizons,
            rng=rng,
            n_noise=max(1, math.ceil(task.n_samples / n)),
        )
        return np.asarray(np.transpose(draws, (2, 1, 0)), dtype=np.float64)

    return forecast


__all__ = [
    "NOISE_SCALE",
    "OBSERVABLE",
    "PARTICLE_COLUMNS",
    "PRIORS",
    "CalibrationCase",
    "Prior",
    "abc_smc",
    "calibrated_forecaster",
    "case_scores",
    "distances",
    "effective_sample_size",
    "generation_table",
    "kernel_cov",
    "make_case",
    "pmc_weights",
    "posterior_summary",
    "prepare_cases",
    "propose",
    "sample_prior",
    "scaled",
    "weighted_quantile",
]
