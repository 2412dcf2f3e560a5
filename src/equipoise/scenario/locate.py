"""Map every value of a TOML document to its line and column.

:mod:`tomllib` parses TOML but forgets where each value was. Validation errors are reported
against field paths such as ``relations[3].weight``; this module scans the (already
syntactically valid) text once and records, for every key, table header and array element, the
1-based line and column where it starts, keyed by the same path tuple that pydantic uses in
its error locations (``("relations", 3, "weight")``).

The scanner understands the parts of TOML that shape paths: ``[table]`` and
``[[array.of.tables]]`` headers, dotted and quoted keys, inline tables and (multi-line) arrays,
and skips strings (basic, literal and multi-line) and comments. It trusts that the text has
already been accepted by :func:`tomllib.loads`, so it never raises on odd input: at worst a
path is missing from the map and callers fall back to its nearest located ancestor.
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping

T_Path = tuple[str | int, ...]
T_Where = tuple[int, int]

_BARE = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")


class _Scanner:
    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0
        self.n = len(text)
        self.line_starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]
        self.where: dict[T_Path, T_Where] = {}
        self.aot_count: dict[T_Path, int] = {}

    # -- positions -------------------------------------------------------------------------
    def linecol(self, pos: int) -> T_Where:
        line = bisect.bisect_right(self.line_starts, pos)
        return line, pos - self.line_starts[line - 1] + 1

    def mark(self, path: T_Path, pos: int) -> None:
        self.where.setdefault(path, self.linecol(pos))

    # -- lexical helpers -------------------------------------------------------------------
    def skip_ws(self, *, newlines: bool) -> None:
        text, n = self.text, self.n
        while self.pos < n:
            ch = text[self.pos]
            if ch in " \t\r" or (newlines and ch == "\n"):
                self.pos += 1
            elif ch == "#":
                end = text.find("\n", self.pos)
                self.pos = n if end < 0 else end
            else:
                return

    def skip_line(self) -> None:
        end = self.text.find("\n", self.pos)
        self.pos = self.n if end < 0 else end + 1

    def read_string(self) -> str:
        """Read a basic or literal string starting at ``pos`` and return its raw content."""
        text = self.text
        quote = text[self.pos]
        if text.startswith(quote * 3, self.pos):
            start = self.pos + 3
            i = start
            while i < self.n:
                if quote == '"' and text[i] == "\\":
                    i += 2
                    continue
                if text.startswith(quote * 3, i):
                    # a closing delimiter may be followed by up to two more quotes
                    end = i
                    while end + 3 < self.n and text[end + 3] == quote and end - i < 2:
                        end += 1
                    self.pos = end + 3
                    return text[start:end]
                i += 1
            self.pos = self.n
            return text[start:]
        start = self.pos + 1
        i = start
        while i < self.n and text[i] != quote and text[i] != "\n":
            if quote == '"' and text[i] == "\\":
                i += 2
                continue
            i += 1
        self.pos = min(i + 1, self.n)
        raw = text[start:i]
        if quote == '"':
            try:
                return raw.encode("latin-1", "backslashreplace").decode("unicode_escape")
            except UnicodeDecodeError:  # pragma: no cover - tomllib accepted it already
                return raw
        return raw

    def read_key(self) -> tuple[str, ...]:
        parts: list[str] = []
        while self.pos < self.n:
            self.skip_ws(newlines=False)
            ch = self.text[self.pos] if self.pos < self.n else ""
            if ch in ('"', "'"):
                parts.append(self.read_string())
            else:
                start = self.pos
                while self.pos < self.n and self.text[self.pos] in _BARE:
                    self.pos += 1
                parts.append(self.text[start : self.pos])
            self.skip_ws(newlines=False)
            if self.pos < self.n and self.text[self.pos] == ".":
                self.pos += 1
                continue
            break
        return tuple(parts)

    # -- values ----------------------------------------------------------------------------
    def read_value(self, path: T_Path) -> None:
        if self.pos >= self.n:
            return
        ch = self.text[self.pos]
        if ch in ('"', "'"):
            self.read_string()
        elif ch == "[":
            self.pos += 1
            index = 0
            while self.pos < self.n:
                self.skip_ws(newlines=True)
                if self.pos >= self.n or self.text[self.pos] == "]":
                    self.pos += 1
                    return
                self.mark((*path, index), self.pos)
                self.read_value((*path, index))
                self.skip_ws(newlines=True)
                if self.pos < self.n and self.text[self.pos] == ",":
                    self.pos += 1
                index += 1
        elif ch == "{":
            self.pos += 1
            while self.pos < self.n:
                self.skip_ws(newlines=True)
                if self.pos >= self.n or self.text[self.pos] == "}":
                    self.pos += 1
                    return
                if self.text[self.pos] == ",":
                    self.pos += 1
                    continue
                key_pos = self.pos
                keys = self.read_key()
                self._mark_dotted(path, keys, key_pos)
                self.skip_ws(newlines=False)
                if self.pos < self.n and self.text[self.pos] == "=":
                    self.pos += 1
                self.skip_ws(newlines=False)
                self.read_value((*path, *keys))
        else:
            while self.pos < self.n and self.text[self.pos] not in ",]}\n#":
                self.pos += 1

    def _mark_dotted(self, base: T_Path, keys: tuple[str, ...], pos: int) -> None:
        for i in range(1, len(keys) + 1):
            self.mark((*base, *keys[:i]), pos)

    # -- tables ----------------------------------------------------------------------------
    def resolve(self, keys: tuple[str, ...]) -> T_Path:
        """Turn header keys into a path, inserting the current index of each array of tables."""
        path: T_Path = ()
        for key in keys:
            path = (*path, key)
            if path in self.aot_count:
                path = (*path, self.aot_count[path] - 1)
        return path

    def scan(self) -> dict[T_Path, T_Where]:
        table: T_Path = ()
        while True:
            self.skip_ws(newlines=True)
            if self.pos >= self.n:
                return self.where
            start = self.pos
            if self.text.startswith("[[", self.pos):
                self.pos += 2
                keys = self.read_key()
                parent = self.resolve(keys[:-1])
                array_path: T_Path = (*parent, keys[-1])
                index = self.aot_count.get(array_path, 0)
                self.aot_count[array_path] = index + 1
                self.mark(array_path, start)
                table = (*array_path, index)
                self.mark(table, start)
                self.skip_line()
            elif self.text[self.pos] == "[":
                self.pos += 1
                keys = self.read_key()
                table = self.resolve(keys)
                self._mark_dotted(self.resolve(keys[:-1]), keys[-1:], start)
                self.mark(table, start)
                self.skip_line()
            else:
                keys = self.read_key()
                if not keys or keys == ("",):
                    self.skip_line()
                    continue
                self._mark_dotted(table, keys, start)
                self.skip_ws(newlines=False)
                if self.pos < self.n and self.text[self.pos] == "=":
                    self.pos += 1
                self.skip_ws(newlines=False)
                self.read_value((*table, *keys))


def locate_paths(text: str) -> dict[T_Path, T_Where]:
    r"""Return the (line, column) where each key, table and array element of ``text`` starts.

    Parameters
    ----------
    text : str
        A TOML document that :func:`tomllib.loads` accepts.

    Returns
    -------
    dict
        Maps path tuples (``("relations", 3, "weight")``) to 1-based ``(line, column)``.

    Examples
    --------
    >>> where = locate_paths('[[relations]]\npair = ["USA", "JPN"]\nweight = 0.9\n')
    >>> where[("relations", 0, "weight")]
    (3, 1)
    >>> where[("relations", 0, "pair", 1)]
    (2, 16)
    """
    return _Scanner(text).scan()


def nearest(where: Mapping[T_Path, T_Where], path: T_Path) -> T_Where | None:
    """Return the location of ``path`` or of its longest located ancestor."""
    for cut in range(len(path), 0, -1):
        found = where.get(path[:cut])
        if found is not None:
            return found
    return None


__all__ = ["T_Path", "T_Where", "locate_paths", "nearest"]
