"""The picture's own figures, as plotly figure specifications (plain dicts).

The pages show the report's figures of the baseline run (:mod:`equipoise.report.figures`:
power, the relations network, the system over time, bargaining) and, beside them, two views
of the scenario's inputs that the report has as tables: the signed relations as a heat map and
each issue's positions. The builders take the picture as JSON data
(:meth:`equipoise.picture.Picture.to_dict`, part of a ``run`` job's result), so that a
scenario's page and a run's result draw the same numbers. They return plotly's JSON figure
format (``{"data": [...], "layout": {...}}``); the page hands it to plotly.js, served by the
app (no CDN). Each figure has a table beside it with the same numbers.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from markupsafe import Markup, escape

#: Diverging red–white–green scale for signed relation weights in [-1, 1].
RELATION_COLORSCALE = [[0.0, "#b2182b"], [0.5, "#f7f7f7"], [1.0, "#1a9850"]]
_FONT = {"family": "system-ui, sans-serif", "size": 12}


def _layout(title: str, **extra: Any) -> dict[str, Any]:
    return {
        "title": {"text": title},
        "font": _FONT,
        "margin": {"l": 60, "r": 20, "t": 40, "b": 40},
        "paper_bgcolor": "rgba(0,0,0,0)",
        "plot_bgcolor": "rgba(0,0,0,0)",
        **extra,
    }


def relation_matrix(
    pic: Mapping[str, Any],
) -> tuple[list[str], list[list[float | None]], list[list[bool]]]:
    """Return the actors, the signed relation matrix and which cells a relation declares.

    Undeclared pairs are 0 (no relation, as the model reads them); the diagonal is ``None``.
    An undirected relation fills both cells; a directed one only ``[pair[0]][pair[1]]``.
    """
    codes = [a["code"] for a in pic["actors"]]
    at = {c: i for i, c in enumerate(codes)}
    n = len(codes)
    matrix: list[list[float | None]] = [
        [None if i == j else 0.0 for j in range(n)] for i in range(n)
    ]
    declared = [[False] * n for _ in range(n)]
    for rel in pic["relations"]:
        a, b = rel["pair"]
        if a not in at or b not in at:
            continue
        i, j = at[a], at[b]
        cells = [(i, j)] if rel.get("directed") else [(i, j), (j, i)]
        for r, c in cells:
            matrix[r][c] = float(rel["weight"])
            declared[r][c] = True
    return codes, matrix, declared


def relations_figure(pic: Mapping[str, Any]) -> dict[str, Any]:
    """Heat map of the signed relations (green cooperation, red hostility)."""
    codes, matrix, _ = relation_matrix(pic)
    return {
        "data": [
            {
                "type": "heatmap",
                "x": codes,
                "y": codes,
                "z": matrix,
                "zmin": -1,
                "zmax": 1,
                "colorscale": RELATION_COLORSCALE,
                "hovertemplate": "%{y}–%{x}: %{z:+.2f}<extra></extra>",
                "colorbar": {"title": {"text": "weight"}},
                "xgap": 1,
                "ygap": 1,
            }
        ],
        "layout": _layout(
            "Relations (signed weights)",
            height=max(300, 26 * len(codes) + 120),
            xaxis={"type": "category", "tickangle": -45, "automargin": True},
            yaxis={"type": "category", "autorange": "reversed", "automargin": True},
        ),
    }


def issues_figure(pic: Mapping[str, Any]) -> dict[str, Any]:
    """Each issue's positions on its 0–100 line; marker size grows with salience."""
    data = []
    for issue in pic["issues"]:
        actors = list(issue["positions"])
        positions = [issue["positions"][a]["position"] for a in actors]
        saliences = [issue["positions"][a]["salience"] for a in actors]
        data.append(
            {
                "type": "scatter",
                "mode": "markers+text",
                "name": issue["id"],
                "x": positions,
                "y": [issue["id"]] * len(actors),
                "text": actors,
                "textposition": "top center",
                "customdata": saliences,
                "marker": {"size": [8 + 18 * s for s in saliences], "opacity": 0.75},
                "hovertemplate": "%{text}: position %{x:.0f}, salience %{customdata:.2f}<extra>"
                + issue["id"]
                + "</extra>",
            }
        )
    return {
        "data": data,
        "layout": _layout(
            "Issue positions (0–100; larger = more salient)",
            height=max(220, 70 * len(data) + 100),
            showlegend=False,
            xaxis={"range": [-3, 103], "title": {"text": "position"}},
            yaxis={"type": "category", "autorange": "reversed", "automargin": True},
        ),
    }


def picture_figures(pic: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """Return the picture's own figures, by name: the relations heat map and issue positions.

    Power, the relations network and the rest are the report's figures
    (:mod:`equipoise.report.figures`), which the pages show beside these.
    """
    figures = {"relations": relations_figure(pic)}
    if pic["issues"]:
        figures["issues"] = issues_figure(pic)
    return figures


def heat_class(weight: float | None) -> str:
    """CSS class of a heat-table cell: ``hp1``–``hp4`` (positive), ``hn1``–``hn4``, ``h0``."""
    if weight is None or weight == 0:
        return "h0"
    bucket = max(1, min(4, round(abs(weight) * 4)))
    return f"{'hp' if weight > 0 else 'hn'}{bucket}"


def json_script(data: Any, element_id: str) -> Markup:
    """Return ``data`` in a ``<script type="application/json">`` element, safe in HTML.

    ``<``, ``>`` and ``&`` are escaped as JSON unicode escapes, so no text from a scenario
    can close the element (the same approach as Django's ``json_script``).
    """
    text = (
        json.dumps(data, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
    )
    return Markup(f'<script type="application/json" id="{escape(element_id)}">{text}</script>')


__all__ = [
    "RELATION_COLORSCALE",
    "heat_class",
    "issues_figure",
    "json_script",
    "picture_figures",
    "relation_matrix",
    "relations_figure",
]
