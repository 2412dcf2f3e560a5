"""Located input errors shared by every reader (scenario files, CSV tables).

Every problem with user input is a :class:`Problem`: the file, the line (and column where
known), the field path inside the document (``relations[3].weight``) and what was expected.
Readers collect all problems they can find and raise one :class:`InputError` carrying the
list, so that the user sees every problem at once.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem in an input, with where it is and what was expected.

    Parameters
    ----------
    message : str
        What is wrong and what is expected, e.g. ``"must be between -1 and 1, got 1.7"``.
    file : str or None
        The file the problem is in, as the user named it.
    line : int or None
        1-based line number, where known.
    column : int or None
        1-based column number, where known.
    path : str
        Field path inside the document (``relations[3].weight``), or ``""`` for the whole file.
    """

    message: str
    file: str | None = None
    line: int | None = None
    column: int | None = None
    path: str = ""

    def __str__(self) -> str:
        where = self.file or "<input>"
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        if self.path:
            return f"{where}: {self.path}: {self.message}"
        return f"{where}: {self.message}"

    def to_dict(self) -> dict[str, Any]:
        """Return the problem as a JSON-ready dictionary."""
        return asdict(self)


class EquipoiseError(Exception):
    """Base class of every error that equipoise raises on purpose."""


class InputError(EquipoiseError):
    """One or more located problems in user input.

    Parameters
    ----------
    problems : sequence of Problem
        Every problem found, in document order where possible.
    """

    def __init__(self, problems: Sequence[Problem] | Problem) -> None:
        if isinstance(problems, Problem):
            problems = [problems]
        self.problems: tuple[Problem, ...] = tuple(problems)
        if not self.problems:
            raise ValueError("InputError needs at least one problem")
        super().__init__("\n".join(str(p) for p in self.problems))

    @classmethod
    def collect(cls, problems: Iterable[Problem]) -> None:
        """Raise an :class:`InputError` if ``problems`` is not empty."""
        found = list(problems)
        if found:
            raise cls(found)


def closest(name: str, known: Iterable[str], *, cutoff: float = 0.6) -> str | None:
    """Return the known name closest to ``name`` (for "did you mean"), or ``None``."""
    import difflib

    found = difflib.get_close_matches(name, list(known), n=1, cutoff=cutoff)
    return found[0] if found else None


def format_path(path: Iterable[str | int]) -> str:
    """Render a path tuple as ``relations[3].weight``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        elif re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", part):
            out += ("." if out else "") + part
        else:
            out += f"[{part!r}]"
    return out


__all__ = [
    "EquipoiseError",
    "InputError",
    "Problem",
    "closest",
    "format_path",
]
