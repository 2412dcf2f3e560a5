"""Figures of a scenario, a run and an ensemble, as plotly figure specifications.

Every builder is a pure function: plain data in (numbers, codes, the quantiles of an ensemble),
a :class:`FigureSpec` out. A spec holds the plotly figure in plotly's JSON format
(``{"data": [...], "layout": {...}, "frames": [...]}``, plain dicts that ``plotly.js`` draws
with ``Plotly.newPlot``), a descriptive alternative text, and a :class:`DataTable` with the same
numbers, for readers who do not see the figure and for print. Nothing here reads files, runs a
model or knows about HTML: the HTML report (:mod:`equipoise.report.render`) and the web app
place the specs on their pages.

Conventions shared by every figure:

* each actor keeps one colour across figures (:func:`actor_colors`, by its place in the
  scenario);
* relations are green for cooperation and red for hostility; blocs have their own colours;
* ensemble bands are the 5 % and 95 % quantiles around the median, as
  :func:`equipoise.experiments.analysis.summarise` gives them; the single run with the declared
  values (the *baseline run*) is a dotted line;
* numbers are rounded to 6 significant digits (:func:`num`) to keep the embedded data small.
"""

from __future__ import annotations

from equipoise.report.figures._base import (
    ACTOR_PALETTE,
    BLOC_PALETTE,
    COOPERATION_COLOR,
    EDGE_CLASSES,
    EDGE_THRESHOLD,
    HOSTILITY_COLOR,
    MODEL_NAMES,
    VERDICT_COLORS,
    BoxLimit,
    ClaimPoint,
    DataTable,
    Difference,
    FigureSpec,
    IssueInfo,
    NetworkSnapshot,
    SensitivityBar,
    Series,
    actor_colors,
    bloc_color,
    bloc_name,
    num,
    nums,
)
from equipoise.report.figures.analyses import (
    boxes_figure,
    sensitivity_figure,
)
from equipoise.report.figures.bands import (
    bands_figure,
)
from equipoise.report.figures.bargaining import (
    bargaining_figure,
)
from equipoise.report.figures.claims import (
    claims_figure,
)
from equipoise.report.figures.interventions import (
    differences_figure,
)
from equipoise.report.figures.network import (
    network_edges,
    network_figure,
    network_layout,
    network_slider_figure,
)
from equipoise.report.figures.power import (
    power_shares_figure,
)

__all__ = [
    "ACTOR_PALETTE",
    "BLOC_PALETTE",
    "COOPERATION_COLOR",
    "EDGE_CLASSES",
    "EDGE_THRESHOLD",
    "HOSTILITY_COLOR",
    "MODEL_NAMES",
    "VERDICT_COLORS",
    "BoxLimit",
    "ClaimPoint",
    "DataTable",
    "Difference",
    "FigureSpec",
    "IssueInfo",
    "NetworkSnapshot",
    "SensitivityBar",
    "Series",
    "actor_colors",
    "bands_figure",
    "bargaining_figure",
    "bloc_color",
    "bloc_name",
    "boxes_figure",
    "claims_figure",
    "differences_figure",
    "network_edges",
    "network_figure",
    "network_layout",
    "network_slider_figure",
    "num",
    "nums",
    "power_shares_figure",
    "sensitivity_figure",
]
