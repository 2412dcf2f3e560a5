"""Reading commentary: draft scenario items from a text, each with the span that supports it.

:func:`equipoise.text.pipeline.extract` reads a text; :mod:`equipoise.text.draft` writes the
draft patch; :mod:`equipoise.text.evaluate` scores extraction against annotated texts. See
``docs/text.md``.
"""

from __future__ import annotations

from equipoise.text.pipeline import Extraction, ScenarioContext, extract, scenario_context

__all__ = ["Extraction", "ScenarioContext", "extract", "scenario_context"]
