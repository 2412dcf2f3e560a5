"""The web app: browse, view and edit scenarios, launch runs and watch them, a JSON API.

``equipoise serve`` runs it (see ``docs/web.md``); :func:`equipoise.web.app.create_app` builds
it. The web app is an edge: it calls the scenario layer, the picture and the job kinds, and
holds no model logic.
"""

from __future__ import annotations

__all__: list[str] = []
