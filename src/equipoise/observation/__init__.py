"""The observation layer: observables the world publishes and measurement models fitted to them.

Pure functions from the model's trajectory arrays and from tidy data-set frames to observed and
predicted values (``docs/models/observation.md``). Reading the files is an edge
(:mod:`equipoise.io`); fitting uses data up to the forecast origin only.
"""

from __future__ import annotations

from equipoise.observation.measurement import (
    MeasurementModel,
    fit_measurement,
    historical_changes,
    sample_predictive,
)
from equipoise.observation.observables import (
    OBSERVABLES,
    ObservableSpec,
    model_state,
    observed_share,
    observed_trade_dependence,
    observed_unga_distance,
    units_of,
    wide,
)

__all__ = [
    "OBSERVABLES",
    "MeasurementModel",
    "ObservableSpec",
    "fit_measurement",
    "historical_changes",
    "model_state",
    "observed_share",
    "observed_trade_dependence",
    "observed_unga_distance",
    "sample_predictive",
    "units_of",
    "wide",
]
