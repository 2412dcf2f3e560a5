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


class DamagedRunError(StoreError):
    """A run's files are not the files recorded when they were written.

    Raised instead of returning a table (or a query result) that would silently miss rows or
    hold changed values. ``run_id`` names the run and ``files`` the damaged files (relative to
    the run folder); ``equipoise runs verify ID`` gives the full report.
    """

    def __init__(self, run_id: str, files: Iterable[str], detail: str) -> None:
        self.run_id = run_id
        self.files = tuple(files)
        super().__init__(
            f"run {run_id} is damaged: {detail}. Its tables are not read rather than read "
            f"short; `equipoise runs verify {run_id}` reports every damaged file."
        )


class CatalogCorruptError(StoreError):
    """The catalog file exists but cannot be read as a catalog (truncated, overwritten...).

    ``equipoise runs repair`` (:meth:`equipoise.store.RunStore.repair_catalog`) moves it aside
    and rebuilds it from the run folders.
    """


class StoreRootError(StoreError):
    """The store folder cannot be a store: it is a file, or cannot be created or read.

    ``root`` is the path given; the CLI reports it against ``--store``.
    """

    def __init__(self, root: str, detail: str) -> None:
        self.root = root
        super().__init__(f"the store {root} {detail}")


class StoreNote(UserWarning):
    """Something the store did by itself that the user should know (e.g. rebuilt its catalog).

    Issued with :func:`warnings.warn`; the CLI prints it on stderr as a note.
    """


__all__ = [
    "AlreadyStoredError",
    "CatalogCorruptError",
    "DamagedRunError",
    "FormatVersionError",
    "QueryError",
    "RunNotFoundError",
    "StoreError",
    "StoreLockedError",
    "StoreNote",
    "StoreRootError",
]
