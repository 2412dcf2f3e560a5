"""The calibrated values the package ships: parameters, their ranges and the noise scales.

``calibration-2020.toml`` (beside this module) holds the posterior of ``equipoise calibrate`` on
the history up to 2020 (``docs/models/calibration.md`` §5) with the command and stored run that
produced it. It is the one place the calibrated values live for the code paths that do not read
a scenario's own ``[parameters]``:

* ``equipoise build`` writes the parameters' medians into the built scenario's ``[parameters]``
  and their 90 % intervals as triangular ``[[uncertainties]]`` (low = 5 %, mode = median, high =
  95 % quantile), each with :attr:`Calibration.source`;
* ``equipoise forecast`` and ``equipoise hindcast`` multiply the measurement noise of an
  observable by its calibrated ``noise_scale`` (1 for an observable that was not calibrated:
  only ``unga_distance`` is).

Because the file is a fit on data up to 2020, a hindcast that uses it at an origin before 2020
is *in sample* (its parameters saw the outcomes it is scored on); the hindcast says so.
"""

from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass
from importlib import resources
from typing import Any, Final

#: The file of the shipped calibration, inside this package.
CALIBRATION_FILE: Final[str] = "calibration-2020.toml"


@dataclass(frozen=True, slots=True)
class CalibratedValue:
    """One calibrated value: the posterior median and 90 % interval.

    Attributes
    ----------
    name : str
        A scenario parameter (``balance_rate``) or ``noise_scale``.
    median, low, high : float
        The posterior median and its 5 % and 95 % quantiles.
    """

    name: str
    median: float
    low: float
    high: float


@dataclass(frozen=True, slots=True)
class Calibration:
    """The shipped calibration.

    Attributes
    ----------
    until : int
        The last year of data the fit used.
    command, run, method, data : str
        How it was produced: the command, the stored run id, the method and the data.
    parameters : dict
        Scenario parameter name to :class:`CalibratedValue`.
    noise : dict
        Observable name to its noise scale (:class:`CalibratedValue`).
    """

    until: int
    command: str
    run: str
    method: str
    data: str
    parameters: dict[str, CalibratedValue]
    noise: dict[str, CalibratedValue]

    @property
    def source(self) -> str:
        """The source line written beside every calibrated value."""
        return (
            f"{self.command} ({self.method}; {self.data}; stored run {self.run}, kind calibrate; "
            "docs/models/calibration.md)"
        )

    def noise_scale(self, observable: str) -> float:
        """Return the calibrated noise scale of ``observable`` (1 if it was not calibrated)."""
        value = self.noise.get(observable)
        return 1.0 if value is None else value.median

    def to_dict(self) -> dict[str, Any]:
        """Return the calibration as JSON-ready data."""
        return {
            "until": self.until,
            "run": self.run,
            "command": self.command,
            "parameters": {k: _values(v) for k, v in self.parameters.items()},
            "noise_scale": {k: _values(v) for k, v in self.noise.items()},
        }


def _values(v: CalibratedValue) -> dict[str, float]:
    return {"median": v.median, "low": v.low, "high": v.high}


@functools.cache
def shipped_calibration() -> Calibration:
    """Return the calibration shipped with the package (``calibration-2020.toml``).

    Returns
    -------
    Calibration
    """
    text = resources.files("equipoise.observation").joinpath(CALIBRATION_FILE).read_text("utf-8")
    raw = tomllib.loads(text)
    meta = raw["calibration"]

    def value(row: dict[str, Any]) -> CalibratedValue:
        return CalibratedValue(
            str(row["name"]), float(row["median"]), float(row["low"]), float(row["high"])
        )

    return Calibration(
        until=int(meta["until"]),
        command=str(meta["command"]),
        run=str(meta["run"]),
        method=str(meta["method"]),
        data=str(meta["data"]),
        parameters={str(r["name"]): value(r) for r in raw.get("parameters", [])},
        noise={str(r["observable"]): value(r) for r in raw.get("measurement", [])},
    )


__all__ = ["CALIBRATION_FILE", "CalibratedValue", "Calibration", "shipped_calibration"]
