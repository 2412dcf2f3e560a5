r"""Observables: what the world publishes, from the data sets and from the model's state.

Four observables link equipoise to published numbers (``docs/models/observation.md``):

``unga_distance`` (a dyad)
    :math:`|x_a - x_b|`, the distance between two states' UN General Assembly ideal points
    estimated from final-passage votes (``idealpointfp``, Bailey, Strezhnev & Voeten, July 2025
    release). Model state: :math:`(1 - R_{ab})/2 \in [0, 1]`, the relation's distance from a
    perfect alliance.
``gdp_share`` (an actor)
    :math:`X_i / \sum_{j \in S_t} X_j`, the actor's share of the GDP (IMF WEO, current US$) of
    the actors :math:`S_t` that have a value that year. Model state: the same share of the
    ``gdp`` indicator level among the same actors.
``milex_share`` (an actor)
    The same with SIPRI military expenditure (current US$); model state from the
    ``milex_sipri`` indicator (written by ``equipoise build``), else the NMC ``milex`` (the
    share does not depend on the unit).
``trade_dependence`` (an ordered dyad)
    :math:`X_{a\to b} / X_{a\to W}`, the share of :math:`a`'s exports that go to :math:`b`
    (IMF DOTS; see :func:`equipoise.io.dots.trade_dependence`). Model state: the dependence of
    :math:`a` on :math:`b` (``Trajectory.dependence``).

Observed values are tidy frames with the columns :data:`OBSERVED_COLUMNS` (``b`` is ``""``
for an actor-level observable); a *unit* is ``(a, b)``. Everything here is pure: frames and
arrays in, frames and arrays out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final, Literal

import numpy as np
import pandas as pd
from numpy.typing import NDArray

if TYPE_CHECKING:
    from equipoise.simulate import Trajectory

#: Columns of an observed frame.
OBSERVED_COLUMNS: Final[tuple[str, ...]] = ("year", "a", "b", "value")
T_Unit = tuple[str, str]


@dataclass(frozen=True, slots=True)
class ObservableSpec:
    """What an observable is: its arity, the transform its noise is additive in, its range.

    Attributes
    ----------
    name : str
        The observable's name.
    arity : int
        1 (per actor) or 2 (per dyad).
    directed : bool
        Whether a dyad is ordered (``trade_dependence``: of ``a`` on ``b``).
    transform : {"identity", "log"}
        The scale on which changes are additive (shares are multiplicative: ``log``).
    low, high : float
        The range of the observable (predictions are clipped to it).
    indicators : tuple of str
        The model indicators the observable reads (shares), in order of preference: the first
        one the trajectory has is used.
    """

    name: str
    arity: int
    directed: bool
    transform: Literal["identity", "log"]
    low: float
    high: float
    indicators: tuple[str, ...] = ()


OBSERVABLES: Final[dict[str, ObservableSpec]] = {
    "unga_distance": ObservableSpec("unga_distance", 2, False, "identity", 0.0, np.inf),
    "gdp_share": ObservableSpec("gdp_share", 1, False, "log", 0.0, 1.0, ("gdp",)),
    "milex_share": ObservableSpec(
        "milex_share", 1, False, "log", 0.0, 1.0, ("milex_sipri", "milex")
    ),
    "trade_dependence": ObservableSpec("trade_dependence", 2, True, "identity", 0.0, 1.0),
}


def spec_of(observable: str) -> ObservableSpec:
    """Return the spec of ``observable`` (``ValueError`` naming the known ones otherwise)."""
    try:
        return OBSERVABLES[observable]
    except KeyError:
        known = ", ".join(OBSERVABLES)
        raise ValueError(f"unknown observable {observable!r}; expected one of {known}") from None


# --------------------------------------------------------------------------------------------
# observed values from the data-set tables (equipoise.io)


def observed_unga_distance(
    unga: pd.DataFrame, *, actors: Sequence[str], years: Sequence[int] | None = None
) -> pd.DataFrame:
    """Return ``unga_distance`` for every pair of ``actors`` and year, from a UNGA table.

    Parameters
    ----------
    unga : pandas.DataFrame
        From :func:`equipoise.io.unga.read_unga`.
    actors : sequence of str
        ISO3 codes; pairs are ``(a, b)`` in this order.
    years : sequence of int, optional
        Default: every year of the table.

    Returns
    -------
    pandas.DataFrame
        :data:`OBSERVED_COLUMNS`; pairs where either state has no ideal point are left out
        (missing, never zero).
    """
    from equipoise.io.unga import dyad_distances, ideal_point_panel

    if years is None:
        years = sorted(int(y) for y in unga["year"].unique())
    panel = ideal_point_panel(unga, actors=actors, years=years, column="idealpointfp")
    d = dyad_distances(panel).rename(columns={"distance": "value"})
    return _tidy(d.loc[np.isfinite(d["value"])])


def observed_share(
    table: pd.DataFrame, *, column: str, actors: Sequence[str], years: Sequence[int] | None = None
) -> pd.DataFrame:
    r"""Return each actor's share of ``column`` over the ``actors`` that have a value that year.

    Parameters
    ----------
    table : pandas.DataFrame
        With columns ``iso3``, ``year`` and ``column`` (a WEO or SIPRI table).
    column : str
        ``gdp_usd_bn`` (WEO) or ``milex_current_usd_m`` (SIPRI).
    actors : sequence of str
        The scenario's actors.
    years : sequence of int, optional
        Default: every year of the table.

    Returns
    -------
    pandas.DataFrame
        :data:`OBSERVED_COLUMNS` with ``b = ""``: :math:`X_{i,t} / \sum_{j \in S_t} X_{j,t}`
        where :math:`S_t` are the actors with a (positive, finite) value in year :math:`t`.
        Actors without a value that year have no row.
    """
    rows = table.loc[table["iso3"].isin(list(actors)), ["iso3", "year", column]]
    if years is not None:
        rows = rows.loc[rows["year"].isin(list(years))]
    rows = rows.loc[np.isfinite(rows[column]) & (rows[column] > 0)]
    total = rows.groupby("year")[column].transform("sum")
    out = pd.DataFrame(
        {"year": rows["year"], "a": rows["iso3"], "b": "", "value": rows[column] / total}
    )
    return _tidy(out)


def observed_trade_dependence(
    dots: pd.DataFrame, *, actors: Sequence[str], years: Sequence[int] | None = None
) -> pd.DataFrame:
    """Return ``trade_dependence`` of each actor on each other actor, from a DOTS table.

    Parameters
    ----------
    dots : pandas.DataFrame
        From :func:`equipoise.io.dots.read_dots`.
    actors : sequence of str
        The scenario's actors (ordered pairs among them).
    years : sequence of int, optional
        Default: every year of the table.

    Returns
    -------
    pandas.DataFrame
        :data:`OBSERVED_COLUMNS`, ``a`` the dependent actor (the reporter), ``b`` its partner.
    """
    from equipoise.io.dots import trade_dependence

    dep = trade_dependence(dots)
    keep = dep["a"].isin(list(actors)) & dep["b"].isin(list(actors))
    if years is not None:
        keep &= dep["year"].isin(list(years))
    out = dep.loc[keep, ["year", "a", "b", "dependence"]].rename(columns={"dependence": "value"})
    return _tidy(out)


def _tidy(frame: pd.DataFrame) -> pd.DataFrame:
    out = pd.DataFrame(
        {
            "year": np.asarray(frame["year"], dtype=np.int64),
            "a": pd.array(np.asarray(frame["a"], dtype=object), dtype="str"),
            "b": pd.array(np.asarray(frame["b"], dtype=object), dtype="str"),
            "value": np.asarray(frame["value"], dtype=np.float64),
        }
    )
    return out.sort_values(["a", "b", "year"], kind="stable").reset_index(drop=True)


def units_of(observed: pd.DataFrame) -> list[T_Unit]:
    """Return the distinct units ``(a, b)`` of an observed frame, sorted."""
    pairs = observed[["a", "b"]].drop_duplicates().itertuples(index=False, name=None)
    return sorted((str(a), str(b)) for a, b in pairs)


def wide(
    observed: pd.DataFrame, *, units: Sequence[T_Unit], years: Sequence[int]
) -> NDArray[np.float64]:
    """Return an observed frame as a (years × units) array, ``NaN`` where missing."""
    table = observed.pivot_table(index="year", columns=["a", "b"], values="value", aggfunc="first")
    table = table.reindex(index=list(years), columns=pd.MultiIndex.from_tuples(list(units)))
    return np.asarray(table.to_numpy(dtype=np.float64), dtype=np.float64)


# --------------------------------------------------------------------------------------------
# the model's state (pure functions over the Trajectory arrays)


def model_state(
    trajectory: Trajectory, observable: str, *, units: Sequence[T_Unit]
) -> NDArray[np.float64]:
    r"""Return the model quantity that the measurement model maps to ``observable``.

    Parameters
    ----------
    trajectory : Trajectory
        A simulation (relations kept at every step for ``unga_distance``).
    observable : str
        One of :data:`OBSERVABLES`.
    units : sequence of (str, str)
        ``(a, b)`` dyads or ``(a, "")`` actors; every actor must be in the trajectory.

    Returns
    -------
    numpy.ndarray
        Shape ``(B, T + 1, U)``: members, steps, units.
        ``unga_distance``: :math:`(1 - R_{ab})/2`; ``trade_dependence``: the dependence of
        ``a`` on ``b``; ``gdp_share`` / ``milex_share``: the indicator level's share among the
        units' actors that have a finite level at that step (``NaN`` where the actor has none).

    Raises
    ------
    ValueError
        For an unknown observable or actor, relations not kept at every step, or a share
        whose indicator the trajectory does not have.
    """
    spec = spec_of(observable)
    index = {code: i for i, code in enumerate(trajectory.actors)}
    unknown = sorted({c for u in units for c in u if c and c not in index})
    if unknown:
        raise ValueError(f"actors not in the trajectory: {', '.join(unknown)}")
    ia = np.array([index[a] for a, _ in units], dtype=np.int64)
    if spec.arity == 2:
        ib = np.array([index[b] for _, b in units], dtype=np.int64)
        if observable == "unga_distance":
            steps = trajectory.relation_steps
            if steps.size != trajectory.years.size:
                raise ValueError(
                    "unga_distance needs the relations at every step (simulate with "
                    "keep_relations=True)"
                )
            r = trajectory.relations[:, :, ia, ib]
            return np.asarray((1.0 - r) / 2.0, dtype=np.float64)
        return np.asarray(trajectory.dependence[:, :, ia, ib], dtype=np.float64)
    name = next((n for n in spec.indicators if n in trajectory.indicator_names), None)
    if name is None:
        raise ValueError(
            f"{observable} needs one of the indicators {', '.join(spec.indicators)}; the "
            f"trajectory has {', '.join(trajectory.indicator_names) or 'none'}"
        )
    k = trajectory.indicator_names.index(name)
    level = trajectory.levels[:, :, ia, k]
    return share_of_levels(level)


def share_of_levels(level: NDArray[np.float64]) -> NDArray[np.float64]:
    """Return each entry's share of the sum over the last axis, ignoring non-finite entries."""
    ok = np.isfinite(level) & (level > 0)
    masked = np.where(ok, level, 0.0)
    total = masked.sum(axis=-1, keepdims=True)
    with np.errstate(invalid="ignore", divide="ignore"):
        share = np.where(ok & (total > 0), masked / total, np.nan)
    return np.asarray(share, dtype=np.float64)


__all__ = [
    "OBSERVABLES",
    "OBSERVED_COLUMNS",
    "ObservableSpec",
    "model_state",
    "observed_share",
    "observed_trade_dependence",
    "observed_unga_distance",
    "share_of_levels",
    "spec_of",
    "units_of",
    "wide",
]
