"""The scenarios the web app can see: the bundled library and the user's scenario folder.

A scenario is named by its file name without ``.toml``; names follow the scenario format's
identifier pattern (lowercase letters, digits, ``-``, ``_``, ``.``; never ``..``), so a name can
never be a path. Every file the app reads or writes is confined to the scenario folder (or
the bundled library): names are checked against the pattern, resolved paths (symlinks
followed) must lie inside the folder, and an ``extends`` in a user's scenario may name a
bundled scenario or another file of the folder, nothing else.

Validation is the scenario layer's own (:mod:`equipoise.scenario.loading`): the same stages
and the same located problems as ``equipoise validate``.
"""

from __future__ import annotations

import copy
import hashlib
import logging
import os
import re
import secrets
import threading
import tomllib
from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import tomli_w

from equipoise.compile import compile_problems
from equipoise.errors import EquipoiseError, InputError, Problem
from equipoise.picture import picture
from equipoise.scenario import DEFAULT_SCENARIO
from equipoise.scenario.loading import (
    MAX_EXTENDS,
    SUFFIX,
    Layered,
    bundled_names,
    decode_text,
    library_dir,
    load_layered,
    merge_documents,
    parse_text,
    read_bytes_limited,
    resolve_scenario_path,
    validate_layered,
)
from equipoise.scenario.schema import SLUG, Scenario

#: A scenario name: the format's identifier pattern, and no ``..``.
NAME = re.compile(SLUG)
#: Largest scenario file the app reads or writes (the API's body limit is smaller).
MAX_FILE_BYTES = 4 * 2**20

T_Source = Literal["bundled", "user"]
_log = logging.getLogger("equipoise.web")


class NotFound(EquipoiseError):
    """No scenario of this name."""


class NameTaken(EquipoiseError):
    """Saving would overwrite a file (or shadow a bundled scenario)."""


def check_name(name: str, *, what: str = "name") -> str:
    """Return ``name`` if it is a valid scenario name.

    Raises
    ------
    InputError
        With a problem at ``what`` saying what a name may contain.
    """
    if not isinstance(name, str) or not NAME.fullmatch(name) or ".." in name:
        raise InputError(
            Problem(
                "a scenario name is 1–64 lowercase letters, digits, '-', '_' or '.', starting "
                f"with a letter or digit (no '..'), got {name!r}",
                path=what,
            )
        )
    return name


@dataclass(frozen=True)
class Entry:
    """A scenario file the app can see."""

    name: str
    source: T_Source
    path: Path

    @property
    def file(self) -> str:
        """The file's name as shown in messages (``name.toml``)."""
        return f"{self.name}{SUFFIX}"


@dataclass(frozen=True)
class Loaded:
    """A scenario file read and validated, with its picture where it is valid."""

    entry: Entry
    text: str
    sha256: str
    document: dict[str, Any] | None  # merged document (extends resolved); None if unreadable
    scenario: Scenario | None
    problems: tuple[Problem, ...]
    picture: dict[str, Any] | None = None
    extra: dict[str, Any] = field(default_factory=dict)  # per-view caches (figures, JSON)

    @property
    def valid(self) -> bool:
        """Whether the scenario validated (and its picture was computed)."""
        return self.scenario is not None and not self.problems


@dataclass(frozen=True)
class Checked:
    """The outcome of validating a text or document: the scenario or the problems."""

    scenario: Scenario | None
    problems: tuple[Problem, ...]
    document: dict[str, Any] | None


class Catalog:
    """Bundled scenarios and the user's scenario folder, with a small cache of loaded files.

    Parameters
    ----------
    scenario_dir : Path
        The user's scenario folder (created if absent).
    cache_size : int
        Loaded scenarios kept in memory (keyed by the files' sizes and modification times).
    """

    def __init__(self, scenario_dir: Path, *, cache_size: int = 32) -> None:
        self.scenario_dir = Path(scenario_dir)
        self.scenario_dir.mkdir(parents=True, exist_ok=True)
        self.root = self.scenario_dir.resolve()
        self._library = library_dir().resolve()
        # (name, source) -> (files of the extends chain, their stamps, the loaded scenario)
        self._cache: OrderedDict[
            tuple[str, str], tuple[list[Path], tuple[tuple[str, int, int], ...], Loaded]
        ] = OrderedDict()
        self._cache_size = cache_size
        self._lock = threading.Lock()
        self._write_lock = threading.Lock()

    # -- names and paths --------------------------------------------------------------------
    def bundled(self) -> list[str]:
        """Return the bundled scenarios' names."""
        return bundled_names()

    def user_path(self, name: str) -> Path:
        """Return the path of user scenario ``name`` (which need not exist).

        Raises
        ------
        InputError
            If the name is invalid.
        """
        return self.scenario_dir / f"{check_name(name)}{SUFFIX}"

    def _inside(self, path: Path) -> bool:
        """Whether ``path``, symlinks followed, lies inside the scenario folder."""
        try:
            return path.resolve().is_relative_to(self.root)
        except (OSError, RuntimeError, ValueError):  # a symlink loop (RuntimeError before 3.13)
            return False

    def entries(self) -> list[Entry]:
        """Return every scenario: bundled first, then the user's, each sorted by name."""
        found = [
            Entry(name, "bundled", self._library / f"{name}{SUFFIX}") for name in self.bundled()
        ]
        bundled = {e.name for e in found}
        for path in sorted(self.scenario_dir.glob(f"*{SUFFIX}")):
            name = path.name.removesuffix(SUFFIX)
            if name in bundled or not NAME.fullmatch(name) or ".." in name:
                continue
            if path.is_file() and self._inside(path):
                found.append(Entry(name, "user", path))
        return found

    def find(self, name: str) -> Entry:
        """Return the scenario called ``name`` (a bundled name wins over a user file).

        Raises
        ------
        InputError
            If the name is invalid.
        NotFound
            If there is no such scenario.
        """
        check_name(name)
        if name in self.bundled():
            return Entry(name, "bundled", self._library / f"{name}{SUFFIX}")
        path = self.user_path(name)
        if not path.is_file() or not self._inside(path):
            raise NotFound(f"no scenario called {name!r}")
        return Entry(name, "user", path)

    # -- the extends chain stays inside the folder ------------------------------------------
    def _confined_parent(self, extends: Any, *, base: Path) -> Path | None:
        """Return the file an ``extends`` names, if it is a user file; None if bundled.

        Raises
        ------
        InputError
            If ``extends`` names a path outside the scenario folder.
        """
        if not isinstance(extends, str):
            return None  # the scenario layer reports the wrong type at its place
        if "/" not in extends and "\\" not in extends and not extends.endswith(SUFFIX):
            return None  # a bundled name: the library is trusted
        candidate = Path(extends)
        if candidate.is_absolute() or extends.startswith("~"):
            raise InputError(
                Problem(
                    "the web app only follows 'extends' to a bundled scenario or to a file in "
                    f"the scenario folder, got the absolute path {extends!r}",
                    path="extends",
                )
            )
        path = base / candidate
        if not self._inside(path):
            raise InputError(
                Problem(
                    "the web app only follows 'extends' to a bundled scenario or to a file in "
                    f"the scenario folder; {extends!r} lies outside it",
                    path="extends",
                )
            )
        return path

    def _chain(self, path: Path) -> list[Path]:
        """Return the user files of ``path``'s extends chain (itself first), confined.

        Only the ``extends`` keys are read here; the scenario layer then loads the chain and
        reports syntax errors, cycles and missing files at their places.

        Raises
        ------
        InputError
            If a file of the chain extends a path outside the scenario folder (located).
        """
        chain = [path]
        seen = {path.resolve()}
        current = path
        while len(chain) <= MAX_EXTENDS:  # longer: the scenario layer refuses it, located
            try:
                raw = read_bytes_limited(current, file=current.name, limit=MAX_FILE_BYTES)
                text = decode_text(raw, current.name)
                data = tomllib.loads(text)
            except (OSError, InputError, tomllib.TOMLDecodeError, RecursionError):
                return chain
            try:
                parent = self._confined_parent(data.get("extends"), base=current.parent)
            except InputError as exc:
                where = parse_text(text, current.name).where
                raise InputError([_where(p, where, current.name) for p in exc.problems]) from None
            if parent is None or not self._inside(parent) or parent.resolve() in seen:
                return chain
            seen.add(parent.resolve())
            chain.append(parent)
            current = parent
        return chain

    # -- loading ----------------------------------------------------------------------------
    def load(self, name: str) -> Loaded:
        """Read, validate and (where valid) picture the scenario ``name``, using the cache.

        A cached scenario is used while every file of its extends chain keeps its size and
        modification time (one ``stat`` per file); otherwise it is read again.

        Raises
        ------
        InputError
            If the name is invalid.
        NotFound
            If there is no such scenario.
        """
        entry = self.find(name)
        key = (entry.name, entry.source)
        with self._lock:
            hit = self._cache.get(key)
        if hit is not None:
            chain, stamps, loaded = hit
            try:
                fresh = tuple(_stamp(p) for p in chain) == stamps
            except OSError:
                fresh = False
            if fresh:
                with self._lock:
                    if key in self._cache:
                        self._cache.move_to_end(key)
                return loaded
        try:
            chain = self._chain(entry.path) if entry.source == "user" else [entry.path]
            stamps = tuple(_stamp(p) for p in chain)  # before reading: a change means a reload
        except InputError as exc:
            return self._loaded_with_problems(entry, exc.problems)
        except OSError as exc:
            return self._loaded_with_problems(
                entry, (Problem(f"cannot read: {exc.strerror}", file=entry.file),)
            )
        loaded = self._load_uncached(entry)
        with self._lock:
            self._cache[key] = (chain, stamps, loaded)
            while len(self._cache) > self._cache_size:
                self._cache.popitem(last=False)
        return loaded

    def _loaded_with_problems(self, entry: Entry, problems: tuple[Problem, ...]) -> Loaded:
        return Loaded(
            entry=entry, text="", sha256="", document=None, scenario=None, problems=problems
        )

    def _load_uncached(self, entry: Entry) -> Loaded:
        try:
            # never blocks on a FIFO, never reads a device or more than the limit
            raw = read_bytes_limited(entry.path, file=entry.file, limit=MAX_FILE_BYTES)
        except InputError as exc:
            return self._loaded_with_problems(entry, exc.problems)
        sha = hashlib.sha256(raw).hexdigest()
        text = raw.decode("utf-8", "replace")
        try:
            return self._check_loaded(entry, text, sha)
        except Exception as exc:
            # a bug in equipoise on this file must not take down the pages listing the
            # others: the file is shown as not loadable, and the log has the traceback
            _log.exception("internal error while loading the scenario %s", entry.file)
            problem = Problem(
                f"could not be loaded: internal error ({type(exc).__name__}: {exc}); this is "
                "a bug in equipoise, please report it",
                file=entry.file,
            )
            return Loaded(entry, text, sha, None, None, (problem,))

    def _check_loaded(self, entry: Entry, text: str, sha: str) -> Loaded:
        try:
            layered = load_layered(entry.path, display=entry.file)
        except InputError as exc:
            return Loaded(entry, text, sha, None, None, exc.problems)
        checked = _validate(layered)
        pic: dict[str, Any] | None = None
        problems = checked.problems
        if checked.scenario is not None:
            try:
                pic = picture(checked.scenario).to_dict()
            except InputError as exc:
                problems = exc.problems
        return Loaded(entry, text, sha, checked.document, checked.scenario, problems, pic)

    # -- validating text and documents ------------------------------------------------------
    def check_text(self, text: str, *, file: str) -> Checked:
        """Validate TOML text as if it were the file ``file`` of the scenario folder.

        Returns every located problem (never raises for bad input).
        """
        try:
            source = parse_text(text, file)
            extends = source.data.get("extends")
            if extends is None:
                layered = Layered(data=source.data, origins={(): [(source, ())]}, files=[file])
            else:
                try:
                    parent_path = self._confined_parent(extends, base=self.scenario_dir)
                    if parent_path is not None:
                        self._chain(parent_path)
                except InputError as exc:
                    located = [_where(p, source.where, file) for p in exc.problems]
                    raise InputError(located) from None
                if parent_path is None and isinstance(extends, str):
                    try:
                        parent_path = resolve_scenario_path(extends)
                    except InputError as exc:
                        located = [
                            _where(Problem(p.message, path="extends"), source.where, file)
                            for p in exc.problems
                        ]
                        raise InputError(located) from None
                if parent_path is None:
                    raise InputError(
                        _where(
                            Problem(
                                "must be a bundled scenario name or a path to a .toml file",
                                path="extends",
                            ),
                            source.where,
                            file,
                        )
                    )
                if not parent_path.is_file():
                    raise InputError(
                        _where(
                            Problem(f"extended scenario {extends!r} not found", path="extends"),
                            source.where,
                            file,
                        )
                    )
                parent = load_layered(parent_path, display=str(extends))
                layered = merge_documents(parent, source)
        except InputError as exc:
            return Checked(None, exc.problems, None)
        except RecursionError:
            return Checked(None, (Problem("nested too deeply", file=file),), None)
        return _validate(layered)

    def check_document(
        self, document: dict[str, Any], *, file: str, header: str = ""
    ) -> tuple[str, Checked]:
        """Write a document (plain data) as TOML after ``header`` and validate that text.

        The problems are located in the text returned, which is what :meth:`save` writes.
        """
        try:
            text = header + document_to_toml(document)
        except InputError as exc:
            return "", Checked(None, tuple(_at(p, file=file) for p in exc.problems), None)
        return text, self.check_text(text, file=file)

    # -- saving -----------------------------------------------------------------------------
    def save(self, name: str, text: str, *, overwrite: bool = False) -> Entry:
        """Write ``text`` as the user scenario ``name``, never overwriting unless asked.

        The caller validates first; this only writes. The file is written to a temporary
        name and then linked (new file) or renamed (overwrite) into place, so a reader never
        sees half a file.

        Raises
        ------
        InputError
            If the name is invalid.
        NameTaken
            If ``name`` is a bundled scenario, or the file exists and ``overwrite`` is false.
        """
        check_name(name)
        if name in self.bundled():
            raise NameTaken(
                f"{name!r} is a bundled scenario; choose another name (nothing was written)"
            )
        path = self.user_path(name)
        data = text.encode("utf-8")
        if len(data) > MAX_FILE_BYTES:
            raise InputError(Problem(f"larger than {MAX_FILE_BYTES // 2**20} MiB", file=name))
        with self._write_lock:
            if path.is_symlink() or (path.exists() and not self._inside(path)):
                raise NameTaken(f"{path.name} is a symbolic link; refusing to replace it")
            if path.exists() and not overwrite:
                raise NameTaken(
                    f"{path.name} already exists; choose another name or tick 'overwrite' "
                    "(nothing was written)"
                )
            tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
            tmp.write_bytes(data)
            try:
                if overwrite:
                    os.replace(tmp, path)
                else:
                    try:
                        os.link(tmp, path)  # fails if the file appeared meanwhile
                    except FileExistsError:
                        raise NameTaken(
                            f"{path.name} already exists; choose another name (nothing was written)"
                        ) from None
            finally:
                tmp.unlink(missing_ok=True)
        return Entry(name, "user", path)

    def iter_loaded(self) -> Iterator[Loaded]:
        """Load every scenario (for listings)."""
        for entry in self.entries():
            try:
                yield self.load(entry.name)
            except (NotFound, InputError):  # pragma: no cover - removed while listing
                continue

    @property
    def default_name(self) -> str | None:
        """The default scenario's name if it is bundled, else the first scenario's."""
        names = [e.name for e in self.entries()]
        if DEFAULT_SCENARIO in names:
            return DEFAULT_SCENARIO
        return names[0] if names else None


# --------------------------------------------------------------------------------------------
# helpers


def _stamp(path: Path) -> tuple[str, int, int]:
    st = path.stat()
    return str(path), st.st_mtime_ns, st.st_size


def _at(problem: Problem, *, file: str) -> Problem:
    return Problem(problem.message, file, problem.line, problem.column, problem.path)


def _where(problem: Problem, where: dict[Any, tuple[int, int]], file: str) -> Problem:
    line, column = where.get((problem.path,), (1, None)) if problem.path else (1, None)
    return Problem(problem.message, file, line, column, problem.path)


def _validate(layered: Layered) -> Checked:
    document = {k: v for k, v in layered.data.items() if k not in ("extends", "remove")}
    try:
        scenario = validate_layered(layered, checks=(compile_problems,))
    except InputError as exc:
        return Checked(None, exc.problems, document)
    except RecursionError:
        return Checked(None, (Problem("nested too deeply"),), document)
    return Checked(scenario, (), document)


def _null_paths(value: Any, path: str = "") -> Iterator[str]:
    if value is None:
        yield path
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _null_paths(v, f"{path}.{k}" if path else str(k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _null_paths(v, f"{path}[{i}]")


def document_to_toml(document: dict[str, Any]) -> str:
    """Return a scenario document (plain data, e.g. from JSON) as TOML text.

    Raises
    ------
    InputError
        Where the document holds values TOML cannot (``null``), each at its path.
    """
    nulls = list(_null_paths(document))
    if nulls:
        raise InputError(
            [
                Problem("null is not a TOML value; leave the field out instead", path=p)
                for p in nulls
            ]
        )
    try:
        return tomli_w.dumps(copy.deepcopy(document), multiline_strings=False)
    except (TypeError, ValueError) as exc:
        raise InputError(Problem(f"cannot be written as TOML: {exc}")) from None
    except RecursionError:
        raise InputError(Problem("nested too deeply")) from None


__all__ = [
    "NAME",
    "Catalog",
    "Checked",
    "Entry",
    "Loaded",
    "NameTaken",
    "NotFound",
    "check_name",
    "document_to_toml",
]
