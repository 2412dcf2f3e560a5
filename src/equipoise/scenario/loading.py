"""Load, merge and validate scenario files, with every problem located.

Reading a scenario goes through four stages, each of which reports its problems with the
file, line, column and field path:

1. bytes → text: UTF-8 (a BOM is allowed); bad bytes are located by line and column;
2. text → document: :mod:`tomllib`; syntax errors and duplicate keys are located;
3. ``extends``: the document is merged over the scenario it extends (keyed merge, see
   :func:`merge_documents`), remembering where each entry came from;
4. document → :class:`~equipoise.scenario.schema.Scenario`: pydantic checks each value,
   :func:`~equipoise.scenario.references.check_references` checks what ties entries
   together, and every problem found by either is reported at once.

The input file is only ever read.
"""

from __future__ import annotations

import difflib
import os
import re
import stat
import tomllib
import types
import typing
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, Union

import annotated_types
from pydantic import BaseModel, ValidationError
from pydantic.fields import FieldInfo
from pydantic_core import ErrorDetails

from equipoise.errors import InputError, Problem, format_path
from equipoise.scenario.locate import T_Path, T_Where, locate_paths, nearest
from equipoise.scenario.references import check_references
from equipoise.scenario.schema import Scenario

LIBRARY = "library"
SUFFIX = ".toml"

# Limits (documented in docs/scenario-format.md, "Limits"). Each is far above what a real
# scenario needs (the bundled indo-pacific-2021 is 145 KB, about 2,600 '=' signs, 5 levels
# deep, extends nothing) and low enough that a refusal comes in well under a second.

#: Largest scenario file read, in bytes.
MAX_BYTES = 8 * 1024 * 1024
#: Most ``=`` signs in a file: an upper bound of its key/value pairs, counted before parsing
#: (parsing 900,000 keys took 30 s; counting them takes milliseconds).
MAX_ASSIGNMENTS = 500_000
#: Deepest nesting of tables and arrays in a document.
MAX_DEPTH = 32
#: Longest chain of ``extends`` (a file extending a file ... extending a bundled scenario).
MAX_EXTENDS = 32
#: Most problems reported at once; the rest are counted in a last problem.
MAX_PROBLEMS = 100


# --------------------------------------------------------------------------------------------
# sources and their locations


@dataclass(frozen=True)
class Source:
    """One file's text, parsed document and the location of each path in it.

    The locations (:attr:`where`) are found on first use: a valid file never needs them, and
    scanning the text costs more than parsing it.
    """

    file: str
    text: str
    data: dict[str, Any]
    _where: dict[T_Path, T_Where] | None = field(default=None, repr=False, compare=False)

    @property
    def where(self) -> dict[T_Path, T_Where]:
        """Line and column of every path in the file (computed once, when first asked)."""
        if self._where is None:
            object.__setattr__(self, "_where", locate_paths(self.text))
        assert self._where is not None
        return self._where


@dataclass
class Layered:
    """A document merged from one or more sources, with the origin of each entry."""

    data: dict[str, Any]
    origins: dict[T_Path, list[tuple[Source, T_Path]]] = field(default_factory=dict)
    files: list[str] = field(default_factory=list)

    def expand(self, path: T_Path) -> list[tuple[Source, T_Path]]:
        """Return the (source, path in source) pairs a merged path comes from, oldest first."""
        for cut in range(len(path), -1, -1):
            found = self.origins.get(path[:cut])
            if found is not None:
                rest = path[cut:]
                return [(src, (*spath, *rest)) for src, spath in found]
        return []

    def locate(self, path: T_Path) -> tuple[str | None, int | None, int | None]:
        """Return (file, line, column) of a merged path, preferring the newest source."""
        candidates = self.expand(path)
        for src, spath in reversed(candidates):
            if spath in src.where:
                line, col = src.where[spath]
                return src.file, line, col
        for src, spath in reversed(candidates):
            near = nearest(src.where, spath)
            if near is not None:
                return src.file, near[0], near[1]
        # nothing of the path is in any file (a missing top-level section): the file's start
        if candidates:
            return candidates[-1][0].file, 1, None
        return (self.files[-1] if self.files else None), 1, None


# --------------------------------------------------------------------------------------------
# stage 1 and 2: bytes -> text -> document

_TOML_WHERE = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")
_TOML_END = re.compile(r"\s*\(at end of document\)\s*$")


def _friendly_toml(message: str) -> str:
    if message.startswith("Cannot overwrite a value"):
        return "duplicate key: this key is already set in the same table"
    m = re.match(r"Cannot declare \((.*)\) twice", message)
    if m:
        return f"duplicate table: [{m.group(1)}] is declared twice"
    if message.startswith("Invalid value"):
        return (
            "invalid value (strings need quotes; numbers, true/false, dates, [arrays] or {tables})"
        )
    if message.startswith("Expected '=' after a key"):
        return "expected '=' after the key (key = value)"
    return "TOML syntax: " + message[0].lower() + message[1:]


def decode_text(raw: bytes, file: str) -> str:
    """Decode UTF-8 bytes, locating the first byte that is not UTF-8.

    Raises
    ------
    InputError
        If the bytes are not UTF-8 (with line and column of the first bad byte).
    """
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        line_start = raw.rfind(b"\n", 0, exc.start) + 1
        column = len(raw[line_start : exc.start].decode("utf-8", "replace")) + 1
        raise InputError(
            Problem(
                f"not UTF-8: byte 0x{raw[exc.start]:02x} cannot be decoded; save the file as UTF-8",
                file=file,
                line=line,
                column=column,
            )
        ) from None
    return text.removeprefix("\ufeff")


def _too_deep(data: dict[str, Any]) -> T_Path | None:
    """Return the path of a value nested deeper than :data:`MAX_DEPTH`, or None."""
    stack: list[tuple[Any, T_Path]] = [(data, ())]
    while stack:
        value, path = stack.pop()
        if len(path) > MAX_DEPTH:
            return path
        if isinstance(value, dict):
            stack.extend((v, (*path, k)) for k, v in value.items())
        elif isinstance(value, list):
            stack.extend((v, (*path, i)) for i, v in enumerate(value))
    return None


def parse_text(text: str, file: str) -> Source:
    """Parse TOML text into a :class:`Source`, locating syntax errors.

    Raises
    ------
    InputError
        For a syntax error (located), or a document past the limits :data:`MAX_ASSIGNMENTS`
        or :data:`MAX_DEPTH`.
    """
    assignments = text.count("=")
    if assignments > MAX_ASSIGNMENTS:
        raise InputError(
            Problem(
                f"too many keys: {assignments:,} '=' signs, more than the limit of "
                f"{MAX_ASSIGNMENTS:,} key/value pairs in a scenario file",
                file=file,
            )
        )
    deep = Problem(
        f"nested too deeply: tables and arrays may be nested at most {MAX_DEPTH} levels deep",
        file=file,
    )
    try:
        data = tomllib.loads(text)
    except RecursionError:
        raise InputError(deep) from None
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        m = _TOML_WHERE.search(message)
        if m:
            line, column = int(m.group(1)), int(m.group(2))
            message = message[: m.start()]
        else:
            lines = text.splitlines() or [""]
            line, column = len(lines), len(lines[-1]) + 1
            message = _TOML_END.sub("", message)
        raise InputError(
            Problem(_friendly_toml(message), file=file, line=line, column=column)
        ) from None
    too_deep = _too_deep(data)
    if too_deep is not None:
        raise InputError(
            Problem(deep.message, file=file, path=format_path(too_deep[: MAX_DEPTH + 1]))
        )
    return Source(file=file, text=text, data=data)


def read_bytes_limited(path: Path, *, file: str, limit: int = MAX_BYTES) -> bytes:
    """Read a regular file of at most ``limit`` bytes, refusing anything else promptly.

    The file is opened without blocking (a FIFO given as a scenario would otherwise wait
    forever for a writer) and must be a regular file (``/dev/zero`` is a device with no end);
    at most ``limit + 1`` bytes are read, so a file that grows while read is refused too.

    Raises
    ------
    InputError
        If the file is missing, not a regular file, unreadable or larger than ``limit``,
        saying which.
    """
    too_large = Problem(
        f"file is larger than {limit / 2**20:g} MiB, the limit of a scenario file", file=file
    )
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise InputError(Problem("file not found", file=file)) from None
    except IsADirectoryError:
        raise InputError(Problem("is a directory, not a scenario file", file=file)) from None
    except PermissionError:
        raise InputError(Problem("permission denied", file=file)) from None
    except (OSError, ValueError) as exc:  # a symlink loop, a NUL in the name, too long...
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise InputError(Problem(f"cannot read: {reason}", file=file)) from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise InputError(Problem("is a directory, not a scenario file", file=file))
        if not stat.S_ISREG(info.st_mode):
            raise InputError(
                Problem(
                    "is not a regular file (a pipe, device or socket); give a scenario file",
                    file=file,
                )
            )
        if info.st_size > limit:
            raise InputError(too_large)
        chunks: list[bytes] = []
        size = 0
        while size <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > limit:
            raise InputError(too_large)
        return b"".join(chunks)
    except OSError as exc:
        raise InputError(Problem(f"cannot read: {exc.strerror or exc}", file=file)) from None
    finally:
        os.close(fd)


def read_source(path: Path, *, display: str | None = None) -> Source:
    """Read and parse one scenario file (never writing to it)."""
    file = display or str(path)
    return parse_text(decode_text(read_bytes_limited(path, file=file), file), file)


# --------------------------------------------------------------------------------------------
# the bundled library


def library_dir() -> Path:
    """Return the folder of bundled scenarios."""
    return Path(str(resources.files("equipoise.scenario") / LIBRARY))


def bundled_names() -> list[str]:
    """Return the names of the bundled scenarios (without the template)."""
    return sorted(p.stem for p in library_dir().glob(f"*{SUFFIX}") if not p.stem.startswith("_"))


def resolve_scenario_path(ref: str, *, relative_to: Path | None = None) -> Path:
    """Turn a scenario reference (bundled name or file path) into a path.

    A reference without a path separator and without the ``.toml`` suffix names a bundled
    scenario; anything else is a path (relative to ``relative_to`` when given).
    """
    if "\x00" in ref:
        raise InputError(
            Problem("contains a NUL character, which no file name can hold", file=repr(ref))
        )
    if "/" not in ref and "\\" not in ref and not ref.endswith(SUFFIX):
        candidate = library_dir() / f"{ref}{SUFFIX}"
        if candidate.is_file():
            return candidate
        known = bundled_names()
        close = difflib.get_close_matches(ref, known, n=1)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        raise InputError(
            Problem(
                f"no bundled scenario called {ref!r} (bundled: {', '.join(known)}){hint}; "
                "give a path to a .toml file for your own",
                file=ref,
            )
        )
    path = Path(ref).expanduser()
    if relative_to is not None and not path.is_absolute():
        path = relative_to / path
    return path


# --------------------------------------------------------------------------------------------
# stage 3: extends

_KEYS: dict[str, tuple[str, ...]] = {
    "actors": ("code",),
    "indicators": ("name", "year"),
    "trends": ("indicator", "method"),
    "relations": ("pair",),
    "ties": ("of", "on"),
    "issues": ("id",),
    "events": ("id",),
    "effects": ("id",),
    "interventions": ("name",),
    "uncertainties": ("name",),
    "claims": ("id",),
    "shocks": ("name",),
}
_DICT_SECTIONS = ("scenario", "parameters")


def _entry_key(section: str, entry: Any) -> Any:
    if not isinstance(entry, dict):
        return None
    if section == "relations":
        pair = entry.get("pair")
        if isinstance(pair, list) and len(pair) == 2 and all(isinstance(p, str) for p in pair):
            return tuple(pair) if entry.get("directed") else tuple(sorted(pair))
        return None
    if section == "trends":
        return (entry.get("indicator"), entry.get("method", "rate"))
    key = tuple(entry.get(k) for k in _KEYS[section])
    return None if any(k is None for k in key) else key


def _removal_key(section: str, text: str) -> Any:
    if section == "relations":
        a, _, b = text.partition("-")
        return tuple(sorted((a, b)))
    if section == "indicators":
        name, _, year = text.partition("@")
        return (name, int(year)) if year.isdigit() else (name, None)
    if section == "trends":
        return (text, "rate")
    if section == "ties":
        a, _, b = text.partition("-")
        return (a, b)
    return (text,)


def _deep_merge(base: Any, patch: Any) -> Any:
    if isinstance(base, dict) and isinstance(patch, dict):
        merged = dict(base)
        for key, value in patch.items():
            merged[key] = _deep_merge(base[key], value) if key in base else value
        return merged
    return patch


def merge_documents(parent: Layered, child: Source) -> Layered:
    """Merge ``child`` over ``parent`` and return the layered result.

    Keyed sections (actors by code, relations by pair, issues by id, indicators by name and
    year, ...) merge entry by entry: a child entry with the key of a parent entry patches its
    fields (tables merge recursively; an issue's positions merge by actor); other child
    entries are appended. ``[scenario]`` and ``[parameters]`` merge key by key. The child's
    ``remove`` list (``"actors.TWN"``, ``"relations.USA-RUS"``, ``"claims.ID"``,
    ``"indicators.gdp@2019"``) drops parent entries first.
    """
    data: dict[str, Any] = {}
    origins: dict[T_Path, list[tuple[Source, T_Path]]] = {(): [*parent.expand(()), (child, ())]}
    problems: list[Problem] = []
    removals: dict[str, set[Any]] = {}
    remove = child.data.get("remove", [])
    if not isinstance(remove, list):
        line, col = child.where.get(("remove",), (None, None))
        problems.append(Problem("must be an array of strings", child.file, line, col, "remove"))
        remove = []
    for k, item in enumerate(remove):
        section, _, name = str(item).partition(".")
        line, col = child.where.get(("remove", k), (None, None))
        if section not in _KEYS or not name:
            problems.append(
                Problem(
                    f"expected SECTION.KEY with SECTION one of {', '.join(_KEYS)}, got {item!r}",
                    child.file,
                    line,
                    col,
                    f"remove[{k}]",
                )
            )
            continue
        key = _removal_key(section, name)
        present = {_entry_key(section, e) for e in parent.data.get(section, []) or []}
        if key not in present:
            problems.append(
                Problem(
                    f"{item!r} is not in the scenario being extended",
                    child.file,
                    line,
                    col,
                    f"remove[{k}]",
                )
            )
        removals.setdefault(section, set()).add(key)
    InputError.collect(problems)

    for name in set(parent.data) | set(child.data):
        if name in ("extends", "remove"):
            continue
        if name in _KEYS:
            merged, merged_origins = _merge_section(parent, child, name, removals.get(name, set()))
            data[name] = merged
            origins.update(merged_origins)
        elif (
            name in _DICT_SECTIONS
            and isinstance(parent.data.get(name), dict)
            and isinstance(child.data.get(name), dict)
        ):
            data[name] = _deep_merge(parent.data[name], child.data[name])
            origins[(name,)] = [*parent.expand((name,)), (child, (name,))]
        elif name in child.data:
            data[name] = child.data[name]
            origins[(name,)] = [(child, (name,))]
        else:
            data[name] = parent.data[name]
            origins[(name,)] = parent.expand((name,))
    return Layered(data=data, origins=origins, files=[*parent.files, child.file])


def _merge_section(
    parent: Layered, child: Source, name: str, removed: set[Any]
) -> tuple[Any, dict[T_Path, list[tuple[Source, T_Path]]]]:
    entries: list[Any] = []
    sources: list[list[tuple[Source, T_Path]]] = []
    slot: dict[Any, int] = {}
    base = parent.data.get(name, [])
    for i, entry in enumerate(base if isinstance(base, list) else []):
        key = _entry_key(name, entry)
        if key is not None and key in removed:
            continue
        if key is not None:
            slot.setdefault(key, len(entries))
        entries.append(entry)
        sources.append(parent.expand((name, i)))
    nested: dict[T_Path, list[tuple[Source, T_Path]]] = {}
    patch = child.data.get(name, [])
    if not isinstance(patch, list):
        # not an array: keep the child's value so that validation reports it at its place
        return patch, {(name,): [(child, (name,))]}
    for j, entry in enumerate(patch):
        key = _entry_key(name, entry)
        if key is not None and key in slot:
            at = slot[key]
            old = entries[at]
            if name == "issues" and isinstance(old, dict) and isinstance(entry, dict):
                merged, pos_origins = _merge_positions(old, entry, at, j, sources[at], child)
                entries[at] = merged
                nested.update(pos_origins)
            else:
                entries[at] = _deep_merge(old, entry)
            sources[at] = [*sources[at], (child, (name, j))]
        else:
            if key is not None:
                slot[key] = len(entries)
            entries.append(entry)
            sources.append([(child, (name, j))])
    out: dict[T_Path, list[tuple[Source, T_Path]]] = {
        (name, i): src for i, src in enumerate(sources)
    }
    out[(name,)] = [*parent.expand((name,)), (child, (name,))]
    out.update(nested)
    return entries, out


def _merge_positions(
    old: dict[str, Any],
    new: dict[str, Any],
    at: int,
    j: int,
    old_sources: list[tuple[Source, T_Path]],
    child: Source,
) -> tuple[dict[str, Any], dict[T_Path, list[tuple[Source, T_Path]]]]:
    merged = _deep_merge(
        {k: v for k, v in old.items() if k != "positions"},
        {k: v for k, v in new.items() if k != "positions"},
    )
    old_pos = old.get("positions", [])
    new_pos = new.get("positions", [])
    origins: dict[T_Path, list[tuple[Source, T_Path]]] = {}
    if not (isinstance(old_pos, list) and isinstance(new_pos, list)):
        merged["positions"] = new_pos if "positions" in new else old_pos
        return merged, origins
    positions: list[Any] = []
    slot: dict[Any, int] = {}
    pos_sources: list[list[tuple[Source, T_Path]]] = []
    for k, p in enumerate(old_pos):
        actor = p.get("actor") if isinstance(p, dict) else None
        if actor is not None:
            slot.setdefault(actor, len(positions))
        positions.append(p)
        pos_sources.append([(src, (*spath, "positions", k)) for src, spath in old_sources])
    for k, p in enumerate(new_pos):
        actor = p.get("actor") if isinstance(p, dict) else None
        if actor is not None and actor in slot:
            positions[slot[actor]] = _deep_merge(positions[slot[actor]], p)
            pos_sources[slot[actor]].append((child, ("issues", j, "positions", k)))
        else:
            if actor is not None:
                slot[actor] = len(positions)
            positions.append(p)
            pos_sources.append([(child, ("issues", j, "positions", k))])
    merged["positions"] = positions
    for k, src in enumerate(pos_sources):
        origins[("issues", at, "positions", k)] = src
    return merged, origins


def load_layered(
    path: Path, *, display: str | None = None, _chain: tuple[Path, ...] = ()
) -> Layered:
    """Read a scenario file and everything it extends into one layered document."""
    source = read_source(path, display=display)
    extends = source.data.get("extends")
    if extends is None:
        if "remove" in source.data:
            line, col = source.where.get(("remove",), (None, None))
            raise InputError(
                Problem(
                    "'remove' needs 'extends' (what to remove from)",
                    source.file,
                    line,
                    col,
                    "remove",
                )
            )
        return Layered(data=source.data, origins={(): [(source, ())]}, files=[source.file])
    line, col = source.where.get(("extends",), (None, None))
    if not isinstance(extends, str):
        raise InputError(
            Problem(
                "must be a bundled scenario name or a path to a .toml file",
                source.file,
                line,
                col,
                "extends",
            )
        )
    try:
        parent_path = resolve_scenario_path(extends, relative_to=path.parent)
    except InputError as exc:
        raise InputError(
            [Problem(p.message, source.file, line, col, "extends") for p in exc.problems]
        ) from None
    if len(_chain) + 1 >= MAX_EXTENDS:
        raise InputError(
            Problem(
                f"extends chain too long: more than {MAX_EXTENDS} files, the limit of a chain "
                "of extends",
                source.file,
                line,
                col,
                "extends",
            )
        )
    try:
        resolved = parent_path.resolve()
        here = path.resolve()
    except (OSError, RuntimeError) as exc:  # a symlink loop (RuntimeError before 3.13)
        raise InputError(
            Problem(f"cannot follow {extends!r}: {exc}", source.file, line, col, "extends")
        ) from None
    if resolved in _chain or resolved == here:
        raise InputError(
            Problem(
                f"circular extends: {extends!r} extends this file again",
                source.file,
                line,
                col,
                "extends",
            )
        )
    if not parent_path.is_file():
        raise InputError(
            Problem(
                f"extended scenario {str(parent_path)!r} not found",
                source.file,
                line,
                col,
                "extends",
            )
        )
    parent = load_layered(parent_path, _chain=(*_chain, here))
    return merge_documents(parent, source)


# --------------------------------------------------------------------------------------------
# stage 4: validation and messages


def _unwrap(annotation: Any) -> list[Any]:
    """Return the candidate types inside Optional/Union/Annotated wrappers."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (Union, types.UnionType):
        out: list[Any] = []
        for arg in typing.get_args(annotation):
            if arg is not type(None):
                out.extend(_unwrap(arg))
        return out
    return [annotation]


def _constraints(annotation: Any, info: FieldInfo | None) -> dict[str, float]:
    found: dict[str, float] = {}
    metadata: list[Any] = list(info.metadata) if info is not None else []
    if typing.get_origin(annotation) is typing.Annotated:
        for meta in typing.get_args(annotation)[1:]:
            metadata.extend(
                getattr(meta, "metadata", []) if isinstance(meta, FieldInfo) else [meta]
            )
    for meta in metadata:
        for name in ("ge", "gt", "le", "lt"):
            if isinstance(meta, getattr(annotated_types, name.capitalize())):
                found[name] = getattr(meta, name)
    return found


def field_constraints(model: type[BaseModel], loc: tuple[int | str, ...]) -> dict[str, float]:
    """Return the numeric bounds (ge/gt/le/lt) declared for the field at ``loc``."""
    annotation: Any = model
    info: FieldInfo | None = None
    for part in loc:
        candidates = _unwrap(annotation)
        next_annotation: Any = None
        for cand in candidates:
            if isinstance(cand, type) and issubclass(cand, BaseModel) and isinstance(part, str):
                fi = cand.model_fields.get(part)
                if fi is not None:
                    info, next_annotation = fi, fi.annotation
                    break
            origin = typing.get_origin(cand)
            args = typing.get_args(cand)
            if origin is tuple and args:
                if len(args) == 2 and args[1] is Ellipsis:
                    next_annotation, info = args[0], None
                elif isinstance(part, int) and part < len(args):
                    next_annotation, info = args[part], None
                if next_annotation is not None:
                    break
            if origin in (list, dict) and args:
                next_annotation, info = args[-1], None
                break
        if next_annotation is None:
            return {}
        annotation = next_annotation
    return _constraints(annotation, info)


def _show(value: Any) -> str:
    if isinstance(value, str):
        return repr(value)
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _type_name(value: Any) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int):
        return "an integer"
    if isinstance(value, float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "a table"
    return type(value).__name__


def describe_error(error: ErrorDetails, model: type[BaseModel] = Scenario) -> str:
    """Turn one pydantic error into a message that says what is expected and what was found."""
    kind = error["type"]
    value = error.get("input")
    ctx = error.get("ctx") or {}
    loc = tuple(error["loc"])
    if kind == "missing":
        return "required field is missing"
    if kind == "extra_forbidden":
        parent_fields: list[str] = []
        try:
            parent_annotation: Any = model
            for part in loc[:-1]:
                for cand in _unwrap(parent_annotation):
                    if (
                        isinstance(cand, type)
                        and issubclass(cand, BaseModel)
                        and isinstance(part, str)
                    ):
                        parent_annotation = cand.model_fields[part].annotation
                        break
                    args = typing.get_args(cand)
                    if typing.get_origin(cand) in (tuple, list) and args:
                        parent_annotation = args[0]
                        break
            for cand in _unwrap(parent_annotation):
                if isinstance(cand, type) and issubclass(cand, BaseModel):
                    parent_fields = list(cand.model_fields)
        except (KeyError, TypeError):
            parent_fields = []
        close = difflib.get_close_matches(str(loc[-1]), parent_fields, n=1)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        allowed = f" (allowed: {', '.join(parent_fields)})" if parent_fields and not close else ""
        return f"unknown field {str(loc[-1])!r}{hint}{allowed}"
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        bounds = field_constraints(model, loc)
        low = bounds.get("ge", bounds.get("gt"))
        high = bounds.get("le", bounds.get("lt"))
        if low is not None and high is not None and "ge" in bounds and "le" in bounds:
            return f"must be between {low:g} and {high:g}, got {_show(value)}"
        if kind == "greater_than_equal":
            return f"must be at least {ctx.get('ge')}, got {_show(value)}"
        if kind == "greater_than":
            return f"must be greater than {ctx.get('gt')}, got {_show(value)}"
        if kind == "less_than_equal":
            return f"must be at most {ctx.get('le')}, got {_show(value)}"
        return f"must be less than {ctx.get('lt')}, got {_show(value)}"
    if kind == "literal_error":
        return f"must be {ctx.get('expected')}, got {_show(value)}"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"must be an integer, got {_show(value)}"
    if kind in ("float_type", "float_parsing"):
        return f"must be a number, got {_show(value)}"
    if kind in ("string_type",):
        return f"must be a string, got {_type_name(value)}"
    if kind in ("bool_type", "bool_parsing"):
        return f"must be true or false, got {_show(value)}"
    if kind == "string_pattern_mismatch":
        pattern = str(ctx.get("pattern", ""))
        if "A-Z" in pattern:
            return f"must be an actor code (2–12 capital letters, digits or _, e.g. JPN), got {_show(value)}"
        return f"must be an identifier (lowercase letters, digits, '-', '_' or '.'), got {_show(value)}"
    if kind in ("string_too_short",):
        return (
            "must not be empty"
            if ctx.get("min_length") == 1
            else f"must have at least {ctx.get('min_length')} characters"
        )
    if kind == "too_short":
        return (
            f"must have at least {ctx.get('min_length')} item(s), got {ctx.get('actual_length', 0)}"
        )
    if kind == "too_long":
        return f"must have at most {ctx.get('max_length')} item(s)"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return f"must be a table, got {_type_name(value)}"
    if kind in ("tuple_type", "list_type"):
        return f"must be an array, got {_type_name(value)}"
    if kind == "value_error":
        return str(error["msg"]).removeprefix("Value error, ")
    if kind == "finite_number":
        return f"must be a finite number, got {_show(value)}"
    return f"{error['msg']}, got {_show(value)}"


#: The tags pydantic appends to a location for a member of a union (``set.float``).
_UNION_TAGS = frozenset({"float", "int", "bool", "str", "constrained-str"})


def _field_loc(loc: tuple[int | str, ...]) -> tuple[int | str, ...]:
    """Return a pydantic location without its trailing union tag (``set.float`` → ``set``)."""
    return loc[:-1] if loc and loc[-1] in _UNION_TAGS else loc


def _problem(doc: Layered, path: T_Path, message: str) -> Problem:
    file, line, column = doc.locate(path)
    return Problem(message, file=file, line=line, column=column, path=format_path(path))


#: A check of a valid scenario beyond its schema and references (such as
#: :func:`equipoise.compile.compile_problems`): it returns ``(field path, message)`` pairs,
#: which the loader locates in the files like every other problem.
T_Check = Callable[[Scenario], Sequence[tuple[T_Path, str]]]


def validate_layered(doc: Layered, *, checks: Sequence[T_Check] = ()) -> Scenario:
    """Validate a layered document, raising one :class:`InputError` with every problem.

    ``checks`` run on a scenario that passed the schema and the references; the scenario layer
    itself never compiles (the callers that want compile problems pass
    :func:`equipoise.compile.compile_problems`).
    """
    problems: list[tuple[T_Path, str]] = []
    more = 0
    scenario: Scenario | None = None
    data = {k: v for k, v in doc.data.items() if k not in ("extends", "remove")}
    try:
        scenario = Scenario.model_validate(data)
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
        # NaN or infinity: one message at the field, not one per member of a union
        # (``set = inf`` is neither a boolean nor a string either) or per later check
        not_finite = {_field_loc(tuple(e["loc"])) for e in errors if e["type"] == "finite_number"}
        for n_seen, error in enumerate(errors):
            if len(problems) >= MAX_PROBLEMS:
                # describing each problem (a "did you mean" for an unknown key...) costs
                # time: past the cap, count the rest instead
                more += len(errors) - n_seen
                break
            loc = tuple(error["loc"])
            if _field_loc(loc) in not_finite:
                if error["type"] != "finite_number":
                    continue
                loc = _field_loc(loc)
            value = error.get("input")
            ctx = error.get("ctx") or {}
            if (
                error["type"] == "too_short"
                and isinstance(value, list)
                and len(value) >= int(ctx.get("min_length", 0))
            ):
                continue  # pydantic counts only the items that validated; reported already
            problems.append((loc, describe_error(error)))
    try:
        problems.extend(check_references(data))
    except Exception as exc:  # pragma: no cover - the reference pass tolerates any shape
        problems.append(((), f"could not check references: {exc}"))
    if not problems and scenario is not None:
        for check in checks:
            problems.extend(check(scenario))
    if problems:
        if len(problems) > MAX_PROBLEMS:
            more += len(problems) - MAX_PROBLEMS
            problems = problems[:MAX_PROBLEMS]
        located = [_problem(doc, path, msg) for path, msg in problems]
        located.sort(key=lambda p: (p.file or "", p.line or 0, p.column or 0, p.path))
        if more:
            located.append(
                Problem(
                    f"and {more:,} more problem(s) not shown (at most {MAX_PROBLEMS} are "
                    "reported at once): fix these and check again",
                    file=doc.files[-1] if doc.files else None,
                )
            )
        raise InputError(located)
    assert scenario is not None
    return scenario


def load_scenario(ref: str | Path | None = None, *, checks: Sequence[T_Check] = ()) -> Scenario:
    """Load and validate a scenario by bundled name or file path.

    Parameters
    ----------
    ref : str, Path or None
        A bundled scenario's name (``"indo-pacific-2021"``), a path to a TOML file, or
        ``None`` for the default scenario.

    Returns
    -------
    Scenario

    Raises
    ------
    InputError
        With every located problem of the file (and of what it extends).
    """
    from equipoise.scenario import DEFAULT_SCENARIO

    ref = DEFAULT_SCENARIO if ref is None else ref
    path = ref if isinstance(ref, Path) else resolve_scenario_path(ref)
    return validate_layered(
        load_layered(path, display=str(ref) if isinstance(ref, str) else None), checks=checks
    )


def loads_scenario(
    text: str, *, file: str = "<string>", checks: Sequence[T_Check] = ()
) -> Scenario:
    """Validate a scenario given as TOML text (no ``extends`` of relative paths)."""
    source = parse_text(text, file)
    if "extends" in source.data:
        with_base = load_layered_from_source(source)
        return validate_layered(with_base, checks=checks)
    return validate_layered(
        Layered(data=source.data, origins={(): [(source, ())]}, files=[file]), checks=checks
    )


def load_layered_from_source(source: Source) -> Layered:
    """Resolve ``extends`` for an in-memory source (bundled names or absolute paths)."""
    extends = source.data.get("extends")
    line, col = source.where.get(("extends",), (None, None))
    if not isinstance(extends, str):
        raise InputError(
            Problem("must be a bundled scenario name or a path", source.file, line, col, "extends")
        )
    try:
        parent = load_layered(resolve_scenario_path(extends))
    except InputError as exc:
        raise InputError(
            [Problem(p.message, source.file, line, col, "extends") for p in exc.problems]
        ) from None
    return merge_documents(parent, source)


__all__ = [
    "MAX_ASSIGNMENTS",
    "MAX_BYTES",
    "MAX_DEPTH",
    "MAX_EXTENDS",
    "MAX_PROBLEMS",
    "Layered",
    "Source",
    "T_Check",
    "bundled_names",
    "decode_text",
    "describe_error",
    "field_constraints",
    "format_path",
    "library_dir",
    "load_layered",
    "load_scenario",
    "loads_scenario",
    "merge_documents",
    "parse_text",
    "read_bytes_limited",
    "read_source",
    "resolve_scenario_path",
    "validate_layered",
]
