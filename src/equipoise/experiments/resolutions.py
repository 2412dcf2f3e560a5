r"""Scores of resolved claims: the model, the claims' holders and a coin.

For every resolved claim :math:`i` with outcome :math:`o_i \in \{0, 1\}`, three forecasters
gave a probability that it would hold:

* the **model**: :math:`P_i`, the share of ensemble members in which the claim holds (its
  verdict's probability from a claims run, ``docs/models/experiments.md`` §B);
* the **holders**: the claim's declared ``confidence`` (or the value of its
  ``confidence_words`` by Kent's rule, :mod:`equipoise.scenario.confidence`); claims without
  one are left out of the holders' scores, and the count says so;
* a **coin**: 0.5 (Brier 0.25, log score :math:`\ln 2`).

Each is scored on the claims it gave a probability with the Brier score and the log score
(:func:`equipoise.experiments.scores.brier_score`, :func:`~equipoise.experiments.scores.log_score`),
and its reliability diagram is binned (:func:`~equipoise.experiments.scores.reliability_bins`).
Pure: probabilities in, tables out.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final

import numpy as np

from equipoise.errors import InputError, Problem
from equipoise.experiments.scores import ReliabilityBin, brier_score, log_score, reliability_bins

if TYPE_CHECKING:
    import pandas as pd

    from equipoise.io.resolutions import Resolution

#: The forecasters, in the order they are reported.
FORECASTERS: Final[tuple[str, ...]] = ("model", "holders", "coin")
#: Columns of the per-claim table.
CLAIM_SCORE_COLUMNS: Final[tuple[str, ...]] = (
    "claim",
    "outcome",
    "date",
    "source",
    "model",
    "holders",
    "coin",
)


@dataclass(frozen=True)
class ClaimScores:
    """The scores of every forecaster on the resolved claims.

    Attributes
    ----------
    claims : pandas.DataFrame
        :data:`CLAIM_SCORE_COLUMNS`, one row per resolved claim (``holders`` NaN: none given).
    scores : pandas.DataFrame
        ``forecaster, n, brier, log``: mean Brier and log scores (lower is better).
    reliability : dict of str to list of ReliabilityBin
        The bins of each forecaster's reliability diagram (not the coin's).
    n : int
        Resolved claims.
    """

    claims: pd.DataFrame
    scores: pd.DataFrame
    reliability: dict[str, list[ReliabilityBin]]
    n: int

    def to_dict(self) -> dict[str, Any]:
        """Return the scores, the claims and the reliability bins as JSON-ready data."""

        def clean(v: Any) -> Any:
            return None if isinstance(v, float) and v != v else v

        return {
            "n": self.n,
            "scores": [
                {k: clean(v) for k, v in r.items()} for r in self.scores.to_dict(orient="records")
            ],
            "claims": [
                {k: clean(str(v) if k == "date" else v) for k, v in r.items()}
                for r in self.claims.to_dict(orient="records")
            ],
            "reliability": {
                who: [
                    {
                        "low": b.low,
                        "high": b.high,
                        "n": b.n,
                        "mean_probability": clean(b.mean_probability),
                        "observed_frequency": clean(b.observed_frequency),
                    }
                    for b in bins
                ]
                for who, bins in self.reliability.items()
            },
        }


def score_claims(
    resolutions: Sequence[Resolution],
    *,
    model: Mapping[str, float],
    holders: Mapping[str, float | None],
    n_bins: int = 10,
) -> ClaimScores:
    """Score the model, the holders and a coin on the resolved claims.

    Parameters
    ----------
    resolutions : sequence of Resolution
        How the claims turned out (:func:`equipoise.io.resolutions.read_resolutions`).
    model : mapping of str to float
        The model's probability of each claim (by id): its verdict's probability.
    holders : mapping of str to float or None
        The holders' declared probability of each claim (``None``: not given).
    n_bins : int, default 10
        Bins of the reliability diagrams.

    Returns
    -------
    ClaimScores

    Raises
    ------
    InputError
        When a resolved claim has no probability from the model (the claims run did not
        evaluate it).
    """
    import pandas as pd

    missing = [r.claim for r in resolutions if r.claim not in model]
    if missing:
        raise InputError(
            Problem(
                f"the claims run has no probability for {', '.join(missing)}; run the claims "
                "of the scenario the resolutions belong to",
                path="resolutions",
            )
        )
    rows = []
    for r in resolutions:
        held = holders.get(r.claim)
        rows.append(
            {
                "claim": r.claim,
                "outcome": int(r.outcome),
                "date": r.date.isoformat(),
                "source": r.source,
                "model": float(model[r.claim]),
                "holders": float("nan") if held is None else float(held),
                "coin": 0.5,
            }
        )
    claims = pd.DataFrame(rows, columns=list(CLAIM_SCORE_COLUMNS))
    outcome = claims["outcome"].to_numpy(dtype=np.float64)
    scores = []
    reliability: dict[str, list[ReliabilityBin]] = {}
    for who in FORECASTERS:
        p = claims[who].to_numpy(dtype=np.float64)
        ok = np.isfinite(p)
        scores.append(
            {
                "forecaster": who,
                "n": int(ok.sum()),
                "brier": brier_score(p[ok], outcome[ok]),
                "log": log_score(p[ok], outcome[ok]),
            }
        )
        if who != "coin":
            reliability[who] = reliability_bins(p[ok], outcome[ok], n_bins=n_bins)
    return ClaimScores(
        claims, pd.DataFrame(scores, columns=["forecaster", "n", "brier", "log"]), reliability,
        len(rows),
    )  # fmt: skip


__all__ = ["CLAIM_SCORE_COLUMNS", "FORECASTERS", "ClaimScores", "score_claims"]
