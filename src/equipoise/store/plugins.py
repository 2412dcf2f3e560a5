"""Finding and opening store back-ends, built in or installed as plugins.

A back-end is a subclass of :class:`~equipoise.store.base.StoreBackend`. The bundled one is
:class:`~equipoise.store.RunStore` (name ``duckdb``). A package can add others by declaring an
entry point in the group :data:`ENTRY_POINT_GROUP`::

    [project.entry-points."equipoise.stores"]
    mystore = "mypackage.store:MyStore"

The list is built on each call from the bundled back-ends and the installed entry points
(nothing is registered in a global at import time), as xarray does for its I/O back-ends.
"""

from __future__ import annotations

import warnings
from importlib.metadata import entry_points
from pathlib import Path

from equipoise.store.base import StoreBackend, default_root
from equipoise.store.errors import StoreError
from equipoise.store.runstore import RunStore

#: Entry-point group under which packages register store back-ends.
ENTRY_POINT_GROUP = "equipoise.stores"

#: The back-end used for a folder that no back-end recognises (e.g. a new one).
DEFAULT_BACKEND = RunStore.name


def list_backends() -> dict[str, type[StoreBackend]]:
    """Return the available back-ends by name: the bundled ones, then installed plugins.

    A plugin that fails to load, or is not a :class:`StoreBackend`, is skipped with a
    ``RuntimeWarning``; a plugin cannot replace a bundled back-end of the same name.
    """
    backends: dict[str, type[StoreBackend]] = {RunStore.name: RunStore}
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        if ep.name in backends:
            continue
        try:
            cls = ep.load()
        except Exception as exc:  # a broken plugin must not break the bundled store
            warnings.warn(
                f"store back-end {ep.name!r} ({ep.value}) could not be loaded: {exc}",
                RuntimeWarning,
                stacklevel=2,
            )
            continue
        if not (isinstance(cls, type) and issubclass(cls, StoreBackend)):
            warnings.warn(
                f"store back-end {ep.name!r} ({ep.value}) is not a StoreBackend; skipped",
                RuntimeWarning,
                stacklevel=2,
            )
            continue
        backends[ep.name] = cls
    return backends


def open_store(root: Path | str | None = None, *, backend: str | None = None) -> StoreBackend:
    """Open the results store in ``root`` with the right back-end.

    Parameters
    ----------
    root : path, optional
        The store folder. Default: ``$EQUIPOISE_RUNS``, else ``./equipoise-runs``.
    backend : str, optional
        A back-end name (see :func:`list_backends`). Default: the first back-end whose
        ``guess_can_open`` recognises the folder, else ``duckdb``.

    Raises
    ------
    StoreError
        If ``backend`` names no available back-end.
    """
    folder = Path(root) if root is not None else default_root()
    backends = list_backends()
    if backend is not None:
        if backend not in backends:
            raise StoreError(
                f"unknown store back-end {backend!r} (available: {', '.join(sorted(backends))})"
            )
        return backends[backend](folder)
    for cls in backends.values():
        if cls.guess_can_open(folder):
            return cls(folder)
    return backends[DEFAULT_BACKEND](folder)


__all__ = ["DEFAULT_BACKEND", "ENTRY_POINT_GROUP", "list_backends", "open_store"]
