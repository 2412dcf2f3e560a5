r"""Power engine: composite capability indices and their movement over time.

Pure functions over numpy arrays; no I/O, no printing, no randomness. Arrays put actors
(states) on one axis and indicators (components, measures) on the last axis; any leading axes
are batch axes (years, ensemble members, projection steps) and are computed in one pass.

Missing data are ``NaN`` throughout. Readers translate file conventions (the ``-9`` of the
Correlates of War tables, empty cells) into ``NaN`` before calling these functions.

Contents
--------
:func:`system_shares`
    Each actor's share of the system total of one or more indicators.
:func:`cinc`
    The Correlates of War Composite Index of National Capability (CINC).
:func:`weighted_index`
    A configurable weighted multi-measure index in the spirit of the Lowy Institute Asia
    Power Index (measures normalised to 0–100 against the top performer, weighted sum).
:func:`gdp_share`, :func:`gdp_measures`
    GDP shares and Beckley's GDP × GDP-per-capita measure as a share of the system.
:func:`project`
    Indicator levels moved forward by growth trends and multiplicative shocks.

The equations, the missing-data conventions and their sources are collected in
``docs/models/power.md``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final, Literal

import numpy as np
from numpy.lib.array_utils import normalize_axis_index
from numpy.typing import ArrayLike, NDArray

_FloatArray = NDArray[np.float64]
_IntArray = NDArray[np.int64]

#: The six NMC components, in the order of the NMC files and of the last axis of
#: :func:`cinc`'s input: military expenditure, military personnel, iron and steel
#: production, primary energy consumption, total population, urban population.
CINC_COMPONENTS: Final[tuple[str, ...]] = ("milex", "milper", "irst", "pec", "tpop", "upop")

#: Normalisations accepted by :func:`weighted_index`.
Normalisation = Literal["max", "minmax", "none"]

#: Tolerance on the sum of the weights of :func:`weighted_index` (they must sum to 1).
WEIGHT_SUM_TOLERANCE: Final[float] = 1e-9


# --------------------------------------------------------------------------------------------
# Result types
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CincResult:
    """Result of :func:`cinc`.

    Attributes
    ----------
    shares : ndarray of float, shape (..., n_states, 6)
        Each state's share of the system total of each component, in
        :data:`CINC_COMPONENTS` order; ``NaN`` where the component is missing for the state
        or carries no information that year (system total zero or all missing).
    cinc : ndarray of float, shape (..., n_states)
        The mean of each state's shares over the components present; ``NaN`` for a state with
        no component present.
    n_components : ndarray of int, shape (..., n_states)
        How many components entered each state's mean (0 to 6).
    """

    shares: _FloatArray
    cinc: _FloatArray
    n_components: _IntArray


@dataclass(frozen=True, slots=True)
class WeightedIndexResult:
    """Result of :func:`weighted_index`.

    Attributes
    ----------
    scores : ndarray of float, shape (..., n, m)
        Each measure normalised to the 0–100 scale; ``NaN`` where the measure is missing for
        the actor or carries no information (every present value equal).
    index : ndarray of float, shape (..., n)
        The weighted sum of the scores (weights renormalised over the measures present), on
        the 0–100 scale; ``NaN`` for an actor with no weighted measure present.
    """

    scores: _FloatArray
    index: _FloatArray


@dataclass(frozen=True, slots=True)
class GdpMeasures:
    r"""Result of :func:`gdp_measures`; every array has the shape of the inputs.

    Attributes
    ----------
    gdp_share : ndarray of float
        :math:`\mathrm{GDP}_i / \sum_j \mathrm{GDP}_j`.
    gdp_per_capita : ndarray of float
        :math:`\mathrm{GDP}_i / \mathrm{pop}_i`, in the units of the inputs.
    gdp_x_gdppc : ndarray of float
        Beckley's measure :math:`\mathrm{GDP}_i \times \mathrm{GDP}_i / \mathrm{pop}_i`, in the
        units of the inputs (only its ratios are meaningful).
    gdp_x_gdppc_share : ndarray of float
        ``gdp_x_gdppc`` as a share of the system total.
    """

    gdp_share: _FloatArray
    gdp_per_capita: _FloatArray
    gdp_x_gdppc: _FloatArray
    gdp_x_gdppc_share: _FloatArray


# --------------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------------


def _as_float_array(values: ArrayLike, name: str) -> _FloatArray:
    """Return ``values`` as a float64 array, or raise a ValueError naming ``name``."""
    try:
        return np.asarray(values, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{name} must be numeric: {exc}") from None


def _check_non_negative(values: _FloatArray, name: str) -> None:
    """Raise ValueError if ``values`` holds an infinity or a negative number (NaN is allowed)."""
    if np.isinf(values).any():
        raise ValueError(f"{name} must be finite or NaN (missing); found an infinity")
    with np.errstate(invalid="ignore"):
        negative = values < 0
    if negative.any():
        first = tuple(int(i) for i in np.argwhere(negative)[0])
        raise ValueError(
            f"{name} must be non-negative (NaN for missing); found {values[first]!r} at index "
            f"{first}"
        )


def _state_axis(axis: int, ndim: int, *, last_is_indicators: bool) -> int:
    """Normalise ``axis`` and check it is not the indicator axis."""
    try:
        ax = normalize_axis_index(axis, ndim)
    except np.exceptions.AxisError:
        raise ValueError(f"axis {axis} is out of range for an array of {ndim} dimensions") from None
    if last_is_indicators and ax == ndim - 1:
        raise ValueError("axis must name the state axis, not the last (indicator) axis")
    return int(ax)


# --------------------------------------------------------------------------------------------
# Shares and CINC
# --------------------------------------------------------------------------------------------


def system_shares(values: ArrayLike, *, axis: int = -1) -> _FloatArray:
    r"""Each actor's share of the system total, ignoring missing values.

    Parameters
    ----------
    values : array_like of float
        Non-negative indicator values; ``NaN`` means missing.
    axis : int, default -1
        The actor (state) axis along which totals are taken. Every other axis is computed
        independently.

    Returns
    -------
    ndarray of float
        Shares, same shape as ``values``. ``NaN`` where the value is missing, and for every
        actor where the system total is zero or every value is missing (the share is 0/0).

    Raises
    ------
    ValueError
        If a value is negative or infinite, or ``axis`` is out of range.

    Notes
    -----
    With :math:`A` the set of actors whose value :math:`x_j` is present,

    .. math:: s_i = \frac{x_i}{\sum_{j \in A} x_j}, \qquad i \in A,

    so the shares of the present actors sum to 1 whenever the total is positive. This is the
    share computation of the Correlates of War capability index [1]_, where the system total
    of a component is the sum over the states with data for it.

    References
    ----------
    .. [1] Greig, J. M., & Enterline, A. J. (2017). *National Material Capabilities (NMC) Data
       Documentation, Version 6.0*. Correlates of War Project.
       https://correlatesofwar.org/data-sets/national-material-capabilities/

    Examples
    --------
    >>> system_shares([3.0, 1.0, float("nan")])
    array([0.75, 0.25,  nan])
    """
    x = _as_float_array(values, "values")
    if x.ndim == 0:
        raise ValueError("values must have at least one (actor) axis")
    ax = _state_axis(axis, x.ndim, last_is_indicators=False)
    _check_non_negative(x, "values")
    present = ~np.isnan(x)
    # Divide by the largest value first so that the total cannot overflow.
    top = np.max(x, axis=ax, keepdims=True, where=present, initial=0.0)
    scaled = np.where(present, x / np.where(top > 0, top, 1.0), 0.0)
    total = np.sum(scaled, axis=ax, keepdims=True)
    informative = total > 0
    safe_total = np.where(informative, total, 1.0)
    shares: _FloatArray = np.where(present & informative, scaled / safe_total, np.nan)
    return shares


def cinc(components: ArrayLike, *, axis: int = -2) -> CincResult:
    r"""Composite Index of National Capability (Correlates of War).

    Parameters
    ----------
    components : array_like of float, shape (..., n_states, 6)
        The six NMC components in :data:`CINC_COMPONENTS` order (milex, milper, irst, pec,
        tpop, upop), in any units (shares are unit-free); ``NaN`` means missing. Leading axes
        are batch axes (years, ensemble members, projection steps), each its own system.
    axis : int, default -2
        The state axis. The component axis is always the last one.

    Returns
    -------
    CincResult
        ``shares`` (..., n_states, 6), ``cinc`` (..., n_states) and ``n_components``
        (..., n_states).

    Raises
    ------
    ValueError
        If the last axis does not have length 6, ``axis`` is the component axis or out of
        range, or a component is negative or infinite.

    Notes
    -----
    For state :math:`i`, component :math:`k` and a system (one year) whose states with data on
    :math:`k` form :math:`A_k`, the share is

    .. math:: s_{ik} = \frac{x_{ik}}{\sum_{j \in A_k} x_{jk}},

    and the index is the mean of the shares over the components :math:`K_i` present for the
    state [1]_ [2]_:

    .. math:: \mathrm{CINC}_i = \frac{1}{|K_i|} \sum_{k \in K_i} s_{ik}.

    Choices, each following the NMC data set where it has one:

    * **Missing component** (``NaN``): the state is left out of that component's system total
      and the component is left out of the state's mean, which is taken over the components
      present (the NMC convention, stated in the v6.0 codebook [2]_ and reproduced to
      :math:`2.4 \times 10^{-8}` on all 15,951 rows of NMC v6.0). This is why yearly CINC sums
      can exceed 1.
    * **Component with no information in a system** (its total over the states with data is
      zero, or every state lacks it): the share is 0/0, so the component is treated as
      missing for every state of that system and the means are taken over the others. (NMC
      v6.0 has no such year; this is the choice that keeps CINC finite and consistent with
      the missing-data rule.)
    * **State with every component missing**: ``cinc`` is ``NaN`` and ``n_components`` 0; such a
      state takes no part in any total, so padding a system with all-``NaN`` rows leaves the
      other states' results unchanged (the NMC reader uses this to batch years of different
      size).

    The index is invariant to the units of each component (scaling a component by a positive
    constant scales its total by the same constant) and equivariant under permutation of the
    states.

    References
    ----------
    .. [1] Singer, J. D., Bremer, S., & Stuckey, J. (1972). Capability distribution,
       uncertainty, and major power war, 1820–1965. In B. Russett (Ed.), *Peace, War, and
       Numbers* (pp. 19–48). Beverly Hills: Sage. (Definition of the six components, the
       shares of the system total and their mean.)
    .. [2] Greig, J. M., & Enterline, A. J. (2017). *National Material Capabilities (NMC) Data
       Documentation, Version 6.0*. Correlates of War Project.
       https://correlatesofwar.org/data-sets/national-material-capabilities/ (The ``-9``
       missing-value code and the mean over the components present.)

    Examples
    --------
    Two states, one year; the second state lacks military expenditure:

    >>> nan = float("nan")
    >>> result = cinc([[3.0, 1.0, 1.0, 1.0, 1.0, 1.0], [nan, 1.0, 3.0, 1.0, 1.0, 3.0]])
    >>> result.shares
    array([[1.  , 0.5 , 0.25, 0.5 , 0.5 , 0.25],
           [ nan, 0.5 , 0.75, 0.5 , 0.5 , 0.75]])
    >>> result.cinc  # (1 + .5 + .25 + .5 + .5 + .25) / 6 and (.5 + .75 + .5 + .5 + .75) / 5
    array([0.5, 0.6])
    >>> result.n_components
    array([6, 5])
    """
    x = _as_float_array(components, "components")
    if x.ndim < 2 or x.shape[-1] != len(CINC_COMPONENTS):
        raise ValueError(
            "components must have shape (..., n_states, 6) with the six NMC components "
            f"{', '.join(CINC_COMPONENTS)} on the last axis; got shape {x.shape}"
        )
    ax = _state_axis(axis, x.ndim, last_is_indicators=True)
    _check_non_negative(x, "components")
    shares = system_shares(x, axis=ax)
    present = ~np.isnan(shares)
    n_components = present.sum(axis=-1).astype(np.int64)
    share_sum = np.sum(shares, axis=-1, where=present)
    index: _FloatArray = np.where(n_components > 0, share_sum / np.maximum(n_components, 1), np.nan)
    return CincResult(shares=shares, cinc=index, n_components=n_components)


# --------------------------------------------------------------------------------------------
# Weighted multi-measure index (Lowy-style)
# --------------------------------------------------------------------------------------------


def _check_weights(weights: ArrayLike | None, n_measures: int) -> _FloatArray:
    """Validate weights of shape (..., m): finite, non-negative, summing to 1."""
    if weights is None:
        if n_measures == 0:
            raise ValueError("measures has no measure (the last axis has length 0)")
        return np.full(n_measures, 1.0 / n_measures)
    w = _as_float_array(weights, "weights")
    if w.ndim == 0 or w.shape[-1] != n_measures:
        raise ValueError(
            f"weights must have one entry per measure ({n_measures}) on their last axis; "
            f"got shape {w.shape}"
        )
    if not np.isfinite(w).all():
        raise ValueError("weights must be finite numbers")
    if (w < 0).any():
        raise ValueError(f"weights must be non-negative; got {w.tolist()}")
    sums = w.sum(axis=-1)
    bad = np.abs(sums - 1.0) > WEIGHT_SUM_TOLERANCE
    if bad.any():
        worst = float(np.atleast_1d(sums)[np.argmax(np.atleast_1d(np.abs(sums - 1.0)))])
        raise ValueError(
            f"weights must sum to 1 (within {WEIGHT_SUM_TOLERANCE:g}); got a sum of {worst!r}"
        )
    return w


def weighted_index(
    measures: ArrayLike,
    *,
    weights: ArrayLike | None = None,
    log_scale: Sequence[bool] | None = None,
    normalisation: Normalisation = "max",
) -> WeightedIndexResult:
    r"""Weighted multi-measure power index in the spirit of the Lowy Institute Asia Power Index.

    Parameters
    ----------
    measures : array_like of float, shape (..., n, m)
        ``m`` measures for ``n`` actors, oriented so that more means more power (transform a
        measure where less is better before passing it); ``NaN`` means missing. Leading axes
        are batch axes, each its own region.
    weights : array_like of float, shape (m,) or (..., m), optional
        Non-negative weights summing to 1 (leading axes broadcast against the batch axes of
        ``measures``, e.g. one weight vector per ensemble member in a sensitivity analysis).
        Default: equal weights :math:`1/m`.
    log_scale : sequence of bool, length m, optional
        Which measures to take as :math:`\ln(1 + x)` before normalising (for measures spanning
        orders of magnitude, such as GDP or population). Default: none.
    normalisation : {"max", "minmax", "none"}, default "max"
        ``"max"``: :math:`100\,y / \max y` over the region (the top performer scores 100, zero
        scores 0, ratios are kept). ``"minmax"``: :math:`100\,(y - \min y)/(\max y - \min y)`
        (the bottom performer scores 0). ``"none"``: the values are already scores on 0–100
        and are used as given (to combine pillar scores, see Notes).

    Returns
    -------
    WeightedIndexResult
        ``scores`` (..., n, m) on 0–100 and ``index`` (..., n) on 0–100.

    Raises
    ------
    ValueError
        If the weights do not have one entry per measure, are negative or non-finite, or do
        not sum to 1 (within :data:`WEIGHT_SUM_TOLERANCE`); if ``log_scale`` has the wrong
        length; if a measure is infinite, or negative under ``"max"`` or a log scale; if a
        score passed with ``"none"`` is outside 0–100; or for an unknown normalisation.

    Notes
    -----
    The Lowy Institute Asia Power Index [1]_ scores each country on many indicators, each
    normalised to a 0–100 scale relative to the top performer in the region, and aggregates
    them by weighted averages into thematic measures ("pillars", e.g. economic capability,
    military capability, diplomatic influence), and the measures by published weights into an
    overall score on 0–100. Its framework follows the OECD/JRC handbook on composite
    indicators [2]_, which describes both normalisations offered here. This function is one
    level of that scheme, for measures :math:`x_{ik}` of actor :math:`i`:

    .. math::

        y_{ik} &= \begin{cases} \ln(1 + x_{ik}) & \text{if measure } k \text{ is log-scaled}\\
                                x_{ik} & \text{otherwise} \end{cases} \\
        S_{ik} &= 100\,\frac{y_{ik}}{\max_j y_{jk}} \quad\text{("max")}, \qquad
        S_{ik} = 100\,\frac{y_{ik} - \min_j y_{jk}}{\max_j y_{jk} - \min_j y_{jk}}
        \quad\text{("minmax")}, \\
        I_i &= \frac{\sum_{k \in K_i} w_k S_{ik}}{\sum_{k \in K_i} w_k},
        \qquad \sum_k w_k = 1, \; w_k \ge 0,

    where the maxima and minima run over the actors with data and :math:`K_i` is the set of
    measures present for actor :math:`i`. With every measure present the denominator is 1 and
    :math:`I_i` is the plain weighted sum. Choices:

    * **Missing measure**: left out and the remaining weights renormalised, the convention of
      :func:`cinc`. This is equivalent to imputing the actor's weighted mean score for the
      missing measure; the Lowy index imputes missing indicators from other sources instead,
      so fill ``NaN`` beforehand for a different rule.
    * **Measure with no spread** (every present value zero under ``"max"``, or all equal under
      ``"minmax"``): the normalisation is 0/0, so the measure is treated as missing for every
      actor of that region.
    * **The log scale** :math:`\ln(1 + x)` keeps zeros at zero but, unlike the linear scale,
      depends on the units of :math:`x`: choose them so that typical values are well above 1.
    * **Pillars**: compute each pillar's scores with this function, stack the pillar indices
      on a new last axis and call it again with the pillar weights; ``normalisation="max"``
      rescales each pillar to its top performer, ``"none"`` keeps the pillar scores as they
      are.

    References
    ----------
    .. [1] Lowy Institute (annual since 2018). *Asia Power Index: Methodology* (methodology by
       H. Lemahieu). Sydney: Lowy Institute. https://power.lowyinstitute.org/methodology/
       (Indicators normalised 0–100 against the top performer; weighted averages into eight
       measures of power and an overall score.)
    .. [2] OECD & European Commission Joint Research Centre (2008). *Handbook on Constructing
       Composite Indicators: Methodology and User Guide*. Paris: OECD Publishing.
       doi:10.1787/9789264043466-en (Normalisation by distance to the leader and by min–max;
       linear aggregation.)

    Examples
    --------
    >>> result = weighted_index([[10.0, 2.0], [5.0, 4.0]], weights=[0.75, 0.25])
    >>> result.scores
    array([[100.,  50.],
           [ 50., 100.]])
    >>> result.index
    array([87.5, 62.5])
    """
    x = _as_float_array(measures, "measures")
    if x.ndim < 2:
        raise ValueError(f"measures must have shape (..., n, m); got shape {x.shape}")
    n_measures = x.shape[-1]
    w = _check_weights(weights, n_measures)
    if np.isinf(x).any():
        raise ValueError("measures must be finite or NaN (missing); found an infinity")

    logs = np.zeros(n_measures, dtype=bool)
    if log_scale is not None:
        logs = np.asarray(log_scale, dtype=bool)
        if logs.shape != (n_measures,):
            raise ValueError(
                f"log_scale must have one flag per measure ({n_measures}); got {len(logs)}"
            )
        if normalisation == "none" and logs.any():
            raise ValueError("log_scale needs a normalisation ('max' or 'minmax'), not 'none'")

    present = ~np.isnan(x)
    if normalisation == "none":
        with np.errstate(invalid="ignore"):
            outside = (x < 0) | (x > 100)
        if outside.any():
            raise ValueError("with normalisation='none' every measure must be a score in 0–100")
        scores: _FloatArray = x.copy()
    elif normalisation in ("max", "minmax"):
        with np.errstate(invalid="ignore"):
            negative = x < 0
        if (negative & (logs | (normalisation == "max"))).any():
            raise ValueError(
                "measures must be non-negative under normalisation='max' or a log scale "
                "(NaN for missing)"
            )
        # Log-scaled measures are non-negative (checked above), so log1p sees no negatives.
        y = np.where(logs, np.log1p(np.where(present & logs, x, 0.0)), x)
        y = np.where(present, y, np.nan)
        top = np.max(y, axis=-2, keepdims=True, where=present, initial=-np.inf)
        if normalisation == "max":
            low = np.zeros_like(top)
        else:
            low = np.min(y, axis=-2, keepdims=True, where=present, initial=np.inf)
        spread = top - low
        informative = np.isfinite(spread) & (spread > 0)
        safe = np.where(informative, spread, 1.0)
        scores = np.where(present & informative, 100.0 * ((y - low) / safe), np.nan)
    else:
        raise ValueError(f"normalisation must be 'max', 'minmax' or 'none'; got {normalisation!r}")

    wb = w[..., np.newaxis, :]  # (..., 1, m): one weight vector per batch element
    have = ~np.isnan(scores)
    weight_present = np.sum(np.where(have, wb, 0.0), axis=-1)
    weighted = np.sum(np.where(have, wb * scores, 0.0), axis=-1)
    usable = weight_present > 0
    index: _FloatArray = np.where(usable, weighted / np.where(usable, weight_present, 1.0), np.nan)
    return WeightedIndexResult(scores=scores, index=index)


# --------------------------------------------------------------------------------------------
# GDP-based measures
# --------------------------------------------------------------------------------------------


def gdp_share(gdp: ArrayLike, *, axis: int = -1) -> _FloatArray:
    r"""Each actor's share of the system's GDP.

    Parameters
    ----------
    gdp : array_like of float, shape (..., n)
        Gross domestic product in any one currency unit; ``NaN`` means missing.
    axis : int, default -1
        The actor axis.

    Returns
    -------
    ndarray of float, shape (..., n)
        :math:`\mathrm{GDP}_i / \sum_j \mathrm{GDP}_j` over the actors with data.

    Raises
    ------
    ValueError
        If a GDP is negative or infinite.

    Notes
    -----
    GDP share is the simplest "gross" measure of power resources; Beckley [1]_ (pp. 15–17)
    reviews its long use and its bias toward poor, populous countries, which
    :func:`gdp_measures` corrects for.

    References
    ----------
    .. [1] Beckley, M. (2018). The Power of Nations: Measuring What Matters. *International
       Security*, 43(2), 7–44. doi:10.1162/isec_a_00328

    Examples
    --------
    >>> gdp_share([21.4, 14.3, 5.1])
    array([0.5245098, 0.3504902, 0.125    ])
    """
    return system_shares(gdp, axis=axis)


def gdp_measures(gdp: ArrayLike, population: ArrayLike, *, axis: int = -1) -> GdpMeasures:
    r"""GDP share, GDP per capita and Beckley's GDP × GDP per capita as a system share.

    Parameters
    ----------
    gdp : array_like of float, shape (..., n)
        Gross domestic product in any one currency unit; ``NaN`` means missing.
    population : array_like of float, shape broadcastable to ``gdp``
        Population in any one unit (persons, thousands); ``NaN`` means missing.
    axis : int, default -1
        The actor axis.

    Returns
    -------
    GdpMeasures
        ``gdp_share``, ``gdp_per_capita``, ``gdp_x_gdppc`` and ``gdp_x_gdppc_share``.

    Raises
    ------
    ValueError
        If a GDP is negative or infinite, or a population is not positive and finite.

    Notes
    -----
    Beckley [1]_ (p. 18) follows Bairoch in multiplying GDP by GDP per capita, "an index that
    gives equal weight to a nation's gross output and its output per person", as a crude
    proxy for net resources (output left after the costs of policing, protecting and serving
    a population). For actor :math:`i` with GDP :math:`Y_i` and population :math:`N_i`,

    .. math::

        P_i = Y_i \cdot \frac{Y_i}{N_i} = \frac{Y_i^2}{N_i}, \qquad
        p_i = \frac{P_i}{\sum_{j \in A} P_j},

    where :math:`A` is the set of actors with both GDP and population. The share
    :math:`p_i` does not depend on the units of :math:`Y` or :math:`N`. An actor missing
    either input has ``NaN`` for every measure that needs it and is left out of the totals.

    References
    ----------
    .. [1] Beckley, M. (2018). The Power of Nations: Measuring What Matters. *International
       Security*, 43(2), 7–44. doi:10.1162/isec_a_00328

    Examples
    --------
    >>> m = gdp_measures([20.0, 10.0], [1.0, 4.0])
    >>> m.gdp_share
    array([0.66666667, 0.33333333])
    >>> m.gdp_x_gdppc_share  # 400 / (400 + 25)
    array([0.94117647, 0.05882353])
    """
    y = _as_float_array(gdp, "gdp")
    n = _as_float_array(population, "population")
    if y.ndim == 0:
        raise ValueError("gdp must have at least one (actor) axis")
    try:
        y, n = np.broadcast_arrays(y, n)
    except ValueError:
        raise ValueError(
            f"population (shape {n.shape}) does not broadcast to gdp (shape {y.shape})"
        ) from None
    ax = _state_axis(axis, y.ndim, last_is_indicators=False)
    _check_non_negative(y, "gdp")
    with np.errstate(invalid="ignore"):
        bad_population = np.isinf(n) | (n <= 0)
    if bad_population.any():
        raise ValueError("population must be positive and finite (NaN for missing)")
    both = ~np.isnan(y) & ~np.isnan(n)
    per_capita: _FloatArray = np.where(both, y / np.where(both, n, 1.0), np.nan)
    product: _FloatArray = y * per_capita
    return GdpMeasures(
        gdp_share=system_shares(y, axis=ax),
        gdp_per_capita=per_capita,
        gdp_x_gdppc=product,
        gdp_x_gdppc_share=system_shares(product, axis=ax),
    )


# --------------------------------------------------------------------------------------------
# Trends and shocks
# --------------------------------------------------------------------------------------------


def project(
    levels: ArrayLike,
    growth: ArrayLike,
    *,
    shocks: ArrayLike | None = None,
    steps: int | None = None,
) -> _FloatArray:
    r"""Move indicator levels forward by compounding growth rates and multiplicative shocks.

    Parameters
    ----------
    levels : array_like of float, shape (..., n, m)
        Indicator levels at the start (any shape; typically actors × indicators with optional
        leading batch axes). ``NaN`` (missing) stays missing.
    growth : array_like of float
        Growth rate per step as a fraction (0.03 for 3 %). Either one rate per step, with a
        leading step axis: shape ``(steps, *levels.shape)`` or broadcastable to it with the
        same number of dimensions; or constant over time: any shape broadcastable to
        ``levels.shape`` with at most ``levels.ndim`` dimensions (a scalar, ``(m,)``,
        ``(n, m)``), in which case ``steps`` (or ``shocks``) sets the number of steps.
    shocks : array_like of float, optional
        Multiplicative factor per step, with a leading step axis: shape
        ``(steps, *levels.shape)`` or broadcastable to it with the same number of dimensions
        (e.g. ``(steps, n, 1)`` for a shock to every indicator of an actor). 1 is no shock;
        0.9 takes 10 % off the level in that step and the loss persists. Default: no shocks.
    steps : int, optional
        Number of steps when ``growth`` is constant and no ``shocks`` are given; if given
        with a per-step ``growth`` or with ``shocks`` it must agree with their step axis.

    Returns
    -------
    ndarray of float, shape (steps + 1, *levels.shape)
        The path: index 0 is ``levels``, index :math:`t` the level after :math:`t` steps.

    Raises
    ------
    ValueError
        If the shapes do not fit together, the number of steps is unknown or inconsistent,
        a growth rate is not finite or is :math:`\le -1`, or a shock is negative or not
        finite.

    Notes
    -----
    Each indicator compounds its trend and its shocks [1]_:

    .. math::

        x_{t+1} = x_t \, (1 + g_t) \, s_t
        \quad\Longrightarrow\quad
        x_t = x_0 \prod_{u=0}^{t-1} (1 + g_u) \, s_u .

    A shock is a level shift that persists: a pandemic year in which GDP falls 4 % instead of
    growing 3 % is the shock :math:`s_t = 0.96 / 1.03` on top of the trend, or directly
    :math:`g_t = -0.04` with a per-step growth array. A temporary shock is a factor
    :math:`s` followed later by :math:`1/s`. The path is deterministic; draw growth and shocks
    from an explicit ``numpy.random.Generator`` upstream for ensembles, stacking members on a
    leading batch axis of ``levels`` (the result then has shape (steps + 1, members, ...)).

    Composite indices over time follow by applying them to each step, e.g.
    ``cinc(project(x0, g, steps=10))`` for a (steps + 1, n, 6) path of NMC components.

    References
    ----------
    .. [1] The compounding of growth rates is the standard discrete-time growth identity; see
       e.g. Barro, R. J., & Sala-i-Martin, X. (2004). *Economic Growth* (2nd ed.), ch. 1.
       Cambridge, MA: MIT Press.

    Examples
    --------
    Two actors, one indicator, 10 % growth for two steps and a 50 % shock to the first actor
    in the second step:

    >>> project([[100.0], [50.0]], [0.1], shocks=[[[1.0], [1.0]], [[0.5], [1.0]]])[:, :, 0]
    array([[100. ,  50. ],
           [110. ,  55. ],
           [ 60.5,  60.5]])
    """
    x0 = _as_float_array(levels, "levels")
    g = _as_float_array(growth, "growth")
    s = None if shocks is None else _as_float_array(shocks, "shocks")

    n_steps: int | None = None
    if g.ndim == x0.ndim + 1:
        n_steps = g.shape[0]
    elif g.ndim > x0.ndim + 1:
        raise ValueError(
            f"growth has {g.ndim} dimensions; expected at most {x0.ndim + 1} (a leading step "
            f"axis plus the {x0.ndim} dimensions of levels)"
        )
    if s is not None:
        if s.ndim != x0.ndim + 1:
            raise ValueError(
                f"shocks must have a leading step axis plus the {x0.ndim} dimensions of levels "
                f"(shape (steps, {', '.join(map(str, x0.shape))})); got shape {s.shape}"
            )
        if n_steps is not None and s.shape[0] != n_steps:
            raise ValueError(
                f"shocks have {s.shape[0]} steps but growth has {n_steps}; they must agree"
            )
        n_steps = s.shape[0]
    if steps is not None:
        if steps < 0:
            raise ValueError(f"steps must be non-negative; got {steps}")
        if n_steps is not None and steps != n_steps:
            raise ValueError(f"steps={steps} disagrees with the {n_steps} steps of growth/shocks")
        n_steps = steps
    if n_steps is None:
        raise ValueError("growth is constant over time: pass steps= (or per-step shocks)")

    if not np.isfinite(g).all() or (g <= -1).any():
        raise ValueError("growth rates must be finite and greater than -1 (a fall of 100 %)")
    if s is not None and (not np.isfinite(s).all() or (s < 0).any()):
        raise ValueError("shocks must be finite and non-negative factors (1 means no shock)")

    shape = (n_steps, *x0.shape)
    try:
        if g.ndim <= x0.ndim:  # constant over time: one rate per indicator, every step
            factor = np.broadcast_to(np.broadcast_to(1.0 + g, x0.shape), shape)
        else:
            factor = np.broadcast_to(1.0 + g, shape)
        if s is not None:
            factor = factor * np.broadcast_to(s, shape)
    except ValueError:
        raise ValueError(
            f"growth (shape {g.shape}) and shocks (shape {None if s is None else s.shape}) do "
            f"not broadcast to (steps, *levels.shape) = {shape}"
        ) from None
    path: _FloatArray = np.empty((n_steps + 1, *x0.shape), dtype=np.float64)
    path[0] = x0
    if n_steps:
        np.multiply(x0, np.cumprod(factor, axis=0), out=path[1:])
    return path


__all__ = [
    "CINC_COMPONENTS",
    "WEIGHT_SUM_TOLERANCE",
    "CincResult",
    "GdpMeasures",
    "Normalisation",
    "WeightedIndexResult",
    "cinc",
    "gdp_measures",
    "gdp_share",
    "project",
    "system_shares",
    "weighted_index",
]
