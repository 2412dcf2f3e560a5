"""The HTML report: figures of a scenario, its runs and ensembles, in one self-contained page.

* :mod:`equipoise.report.figures`: pure builders of plotly figure specifications from data,
  each with its alternative text and a table of its numbers (reused by the web app);
* :mod:`equipoise.report.build`: what a report shows, run from a scenario or read from stored
  runs (:class:`~equipoise.report.build.ReportData`);
* :mod:`equipoise.report.render`: the figures of a report and the HTML page (Jinja2, with
  plotly.js inlined).

``equipoise report`` (:mod:`equipoise.cli.report_cmd`) puts them together; ``docs/report.md``
describes the report.
"""

from __future__ import annotations

from equipoise.report.build import (
    ReportData,
    baseline_report_data,
    build_report_data,
    is_run_id,
    load_report_data,
)
from equipoise.report.render import render_report, report_figures, write_report

__all__ = [
    "ReportData",
    "baseline_report_data",
    "build_report_data",
    "is_run_id",
    "load_report_data",
    "render_report",
    "report_figures",
    "write_report",
]
