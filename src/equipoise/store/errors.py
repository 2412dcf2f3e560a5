"""Errors raised by the results store.

Every error is an :class:`~equipoise.errors.EquipoiseError`, so the CLI and the web app report
them as messages, never as tracebacks.
"""

from __future__ import annotations

from collections.abc import Iterable

from equipoise.errors import EquipoiseError


class StoreError(EquipoiseError):
    """A results-store operation could not be done (the message says why and what to do)."""


class RunNotFoundError(StoreError):
    """No run with the given id is in the store.

    Parameters
    ----------
    run_id : str
        The id that was asked for.
    root : str
        The store folder that was searched.
    known : iterable of str
        Ids of the most recent runs in the store, shown as a hint.
    """

    def __init__(self, run_id: str, root: str, known: Iterable[str] = ()) -> None:
        self.run_id = run_id
        self.root = root
        recent = list(known)
        hint = f" (most recent: {', '.join(recent)})" if recent else " (the store has no runs)"
        super().__init__(f"no run {run_id!r} in the store {root}{hint}")


class AlreadyStoredError(StoreError):
    """A complete batch or a stored result was written again (stored data is never overwritten)."""


class StoreLockedError(StoreError):
    """The catalog stayed locked by another process for longer than the store waits."""


class FormatVersionError(StoreError):
    """A run folder or catalog was written in a format this version of equipoise cannot read."""


class QueryError(StoreError):
    """A SQL query was refused (not read-only) or failed (DuckDB's message is kept)."""


__all__ = [
    "AlreadyStoredError",
    "FormatVersionError",
    "QueryError",
    "RunNotFoundError",
    "StoreError",
    "StoreLockedError",
]
