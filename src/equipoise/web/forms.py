"""The scenario edit form: its fields, posted values, and problems beside their fields.

Which values the form shows, how posted values go back into the document, and which field
each validation problem belongs beside.

The form edits the scenario's *document* (the plain data of the file, with ``extends``
resolved), never the validated objects, so that an invalid value can be shown, validated and
reported like any file. Every input is named by its field path in the document
(``relations[3].weight``, ``issues[1].positions[2].salience``): the same path that the
scenario layer puts in each :class:`~equipoise.errors.Problem`, which is how a problem finds
its field. Only fields that the form itself offers are taken from a post; nothing else in the
document can be changed through it, and posted text is only ever parsed as a number.
"""

from __future__ import annotations

import copy
import re
import typing
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from equipoise.errors import Problem, format_path
from equipoise.scenario.schema import Issue, Metadata
from equipoise.scenario.vocabulary import PARAMETERS, RELATION_KINDS

T_Path = tuple[str | int, ...]
T_Kind = Literal["number", "text", "textarea", "select"]

_INT = re.compile(r"[+-]?[0-9]+")
_META_FIELDS: tuple[tuple[str, T_Kind], ...] = (
    ("title", "text"),
    ("description", "textarea"),
    ("start_year", "number"),
    ("time_step", "number"),
    ("horizon", "number"),
    ("seed", "number"),
    ("power_index", "select"),
    ("history_from", "number"),
)
_OPTIONAL_META = {"title", "description", "time_step", "horizon", "seed", "power_index"}


def _literal_options(annotation: Any) -> tuple[str, ...]:
    return tuple(str(a) for a in typing.get_args(annotation))


POWER_INDICES = _literal_options(Metadata.model_fields["power_index"].annotation)
ISSUE_MODELS = _literal_options(Issue.model_fields["model"].annotation)


def html_id(path: str) -> str:
    """Return an HTML id for a field path (``relations[3].weight`` → ``relations-3-weight``)."""
    return re.sub(r"[^A-Za-z0-9_]+", "-", path).strip("-")


@dataclass(frozen=True)
class FormField:
    """One input of the form.

    Attributes
    ----------
    path : tuple
        Where the value is in the document.
    name : str
        The field path as text; the input's name and the problems' ``path``.
    label : str
        What the user sees.
    value : str
        The current value as text (empty when absent).
    kind : str
        ``number``, ``text``, ``textarea`` or ``select``.
    options : tuple of str
        The choices of a select.
    optional : bool
        Whether an empty input removes the field from the document.
    """

    path: T_Path
    name: str
    label: str
    value: str
    kind: T_Kind = "number"
    options: tuple[str, ...] = ()
    optional: bool = False

    @property
    def id(self) -> str:
        """The input's HTML id (``f-`` + the path made safe)."""
        return "f-" + html_id(self.name)

    @property
    def error_id(self) -> str:
        """The id of the element that shows this field's problems."""
        return "err-" + html_id(self.name)


@dataclass
class EditForm:
    """The fields of a document, grouped as the page shows them."""

    meta: list[FormField] = field(default_factory=list)
    parameters: list[FormField] = field(default_factory=list)
    relations: list[dict[str, Any]] = field(default_factory=list)
    issues: list[dict[str, Any]] = field(default_factory=list)
    other: dict[str, list[FormField]] = field(default_factory=dict)
    fields: dict[str, FormField] = field(default_factory=dict)
    rows: set[str] = field(default_factory=set)

    def add(self, f: FormField) -> FormField:
        """Register a field and return it."""
        self.fields[f.name] = f
        return f


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _get(doc: Any, path: T_Path) -> Any:
    for part in path:
        if isinstance(part, int):
            if not isinstance(doc, list) or part >= len(doc):
                return None
        elif not isinstance(doc, dict):
            return None
        doc = doc[part] if isinstance(part, int) else doc.get(part)
    return doc


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def numeric_leaves(doc: Any, path: T_Path = ()) -> Iterator[tuple[T_Path, int | float]]:
    """Yield ``(path, value)`` for every number in a document, in document order."""
    if isinstance(doc, dict):
        for k, v in doc.items():
            yield from numeric_leaves(v, (*path, str(k)))
    elif isinstance(doc, list):
        for i, v in enumerate(doc):
            yield from numeric_leaves(v, (*path, i))
    elif _is_number(doc):
        yield path, doc


def build_form(doc: Mapping[str, Any]) -> EditForm:
    """Return the form of a scenario document.

    The form offers: the metadata; each model parameter; each relation's kind, weight and
    ``since`` (and its bounds where declared); each issue's model and status quo and each
    position's position, salience and clout; and, grouped by section, every other number in
    the document (indicator values, trend rates, ties, changes, distributions...).
    """
    form = EditForm()

    def make(path: T_Path, label: str, kind: T_Kind = "number", **kw: Any) -> FormField:
        return form.add(
            FormField(
                path=path,
                name=format_path(path),
                label=label,
                value=_text(_get(doc, path)),
                kind=kind,
                **kw,
            )
        )

    meta = doc.get("scenario")
    if isinstance(meta, dict):
        form.rows.add("scenario")
        for name, kind in _META_FIELDS:
            options = POWER_INDICES if name == "power_index" else ()
            form.meta.append(
                make(
                    ("scenario", name),
                    name.replace("_", " "),
                    kind,
                    options=options,
                    optional=name in _OPTIONAL_META or name == "history_from",
                )
            )

    if isinstance(doc.get("parameters", {}), dict):
        form.rows.add("parameters")
        for name, spec in PARAMETERS.items():
            form.parameters.append(
                make(
                    ("parameters", name),
                    f"{name} (default {spec.default:g}; {spec.low:g}–{spec.high:g})",
                    optional=True,
                )
            )

    relations = doc.get("relations")
    for i, rel in enumerate(relations if isinstance(relations, list) else []):
        if not isinstance(rel, dict):
            continue
        base: T_Path = ("relations", i)
        form.rows.add(format_path(base))
        pair = rel.get("pair")
        label = "–".join(str(p) for p in pair) if isinstance(pair, list) else f"#{i}"
        row: dict[str, Any] = {
            "index": i,
            "name": format_path(base),
            "row_id": "row-" + html_id(format_path(base)),
            "pair": label,
            "kind": make((*base, "kind"), f"{label} kind", "select", options=_kinds(rel)),
            "weight": make((*base, "weight"), f"{label} weight"),
            "since": make((*base, "since"), f"{label} since", optional=True),
            "bounds": [],
        }
        bounds = rel.get("bounds")
        if isinstance(bounds, list):
            row["bounds"] = [
                make((*base, "bounds", k), f"{label} bound {k}") for k in range(len(bounds))
            ]
        form.relations.append(row)

    issues = doc.get("issues")
    for j, issue in enumerate(issues if isinstance(issues, list) else []):
        if not isinstance(issue, dict):
            continue
        base = ("issues", j)
        form.rows.add(format_path(base))
        item: dict[str, Any] = {
            "index": j,
            "name": format_path(base),
            "id": str(issue.get("id", f"#{j}")),
            "title": str(issue.get("name", "")),
            "low": str(issue.get("low", "")),
            "high": str(issue.get("high", "")),
            "model": make((*base, "model"), "model", "select", options=ISSUE_MODELS, optional=True),
            "status_quo": make((*base, "status_quo"), "status quo", optional=True),
            "positions": [],
        }
        positions = issue.get("positions")
        for k, pos in enumerate(positions if isinstance(positions, list) else []):
            if not isinstance(pos, dict):
                continue
            pbase: T_Path = (*base, "positions", k)
            form.rows.add(format_path(pbase))
            actor = str(pos.get("actor", f"#{k}"))
            item["positions"].append(
                {
                    "name": format_path(pbase),
                    "row_id": "row-" + html_id(format_path(pbase)),
                    "actor": actor,
                    "position": make((*pbase, "position"), f"{actor} position"),
                    "salience": make((*pbase, "salience"), f"{actor} salience"),
                    "clout": make((*pbase, "clout"), f"{actor} clout", optional=True),
                }
            )
        form.issues.append(item)

    for path, _ in numeric_leaves(doc):
        name = format_path(path)
        if name in form.fields or path[0] in ("format", "scenario"):
            continue
        form.other.setdefault(str(path[0]), []).append(make(path, name))
    return form


def _kinds(rel: Mapping[str, Any]) -> tuple[str, ...]:
    kinds = sorted(RELATION_KINDS)
    current = rel.get("kind")
    if isinstance(current, str) and current not in RELATION_KINDS:
        kinds.insert(0, current)  # keep an unknown kind visible so its problem can be seen
    return tuple(kinds)


def parse_number(text: str) -> int | float | str:
    """Read a posted number: an integer, else a float, else the text itself.

    Text that is not a number is kept as text so that validation says what was expected
    (``must be a number, got 'abc'``); it is never evaluated.
    """
    stripped = text.strip()
    if _INT.fullmatch(stripped):
        return int(stripped)
    try:
        return float(stripped)
    except ValueError:
        return stripped


def _set(doc: Any, path: T_Path, value: Any) -> None:
    for part in path[:-1]:
        if isinstance(part, str) and isinstance(doc, dict) and part not in doc:
            doc[part] = {}
        doc = doc[part]
    doc[path[-1]] = value


def _delete(doc: Any, path: T_Path) -> None:
    parent = _get(doc, path[:-1])
    if isinstance(parent, dict):
        parent.pop(path[-1], None)


def apply_post(doc: Mapping[str, Any], form: EditForm, posted: Mapping[str, str]) -> dict[str, Any]:
    """Return a copy of ``doc`` with the posted values of the form's fields.

    Inputs the form does not offer are ignored. An empty optional field removes the value
    (its default applies); other values are numbers where the field is a number (else the
    text, for validation to report), and text otherwise.
    """
    edited: dict[str, Any] = copy.deepcopy(dict(doc))
    for f in form.fields.values():
        if f.name not in posted:
            continue
        raw = posted[f.name]
        if raw.strip() == "" and f.optional:
            _delete(edited, f.path)
            continue
        if f.kind == "number":
            value: Any = parse_number(raw)
        else:
            value = raw
        if _get(edited, f.path[:-1]) is None and not isinstance(f.path[-1], str):
            continue  # pragma: no cover - an array slot that no longer exists
        _set(edited, f.path, value)
    if isinstance(edited.get("parameters"), dict) and not edited["parameters"]:
        del edited["parameters"]
    return edited


def _parent(path: str) -> str | None:
    m = re.match(r"^(.*?)(\.[^.\[\]]+|\[[^\]]*\])$", path)
    return m.group(1) if m and m.group(1) else None


@dataclass
class Assigned:
    """Problems sorted by where the page shows them."""

    fields: dict[str, list[Problem]] = field(default_factory=dict)
    rows: dict[str, list[Problem]] = field(default_factory=dict)
    general: list[Problem] = field(default_factory=list)

    @property
    def count(self) -> int:
        """The number of problems."""
        return (
            sum(len(v) for v in self.fields.values())
            + sum(len(v) for v in self.rows.values())
            + len(self.general)
        )

    def sections(self) -> set[str]:
        """Top-level sections that hold a field or row problem (to open them)."""
        out: set[str] = set()
        for key in (*self.fields, *self.rows):
            out.add(re.split(r"[.\[]", key, maxsplit=1)[0])
        return out


def row_error_id(row: str) -> str:
    """Return the id of the element that shows the problems of an entry (a row)."""
    return "err-row-" + html_id(row)


def error_slots(form: EditForm, assigned: Assigned | None = None) -> set[str]:
    """Return the ids of the form's problem elements: all, or those with a problem."""
    if assigned is None:
        return {f.error_id for f in form.fields.values()} | {row_error_id(r) for r in form.rows}
    return {form.fields[name].error_id for name in assigned.fields} | {
        row_error_id(r) for r in assigned.rows
    }


def assign_problems(problems: list[Problem] | tuple[Problem, ...], form: EditForm) -> Assigned:
    """Put each problem beside its field, else beside its row (an entry), else on top."""
    out = Assigned()
    for p in problems:
        if p.path in form.fields:
            out.fields.setdefault(p.path, []).append(p)
            continue
        ancestor: str | None = p.path or None
        while ancestor is not None and ancestor not in form.rows:
            ancestor = _parent(ancestor)
        if ancestor is not None:
            out.rows.setdefault(ancestor, []).append(p)
        else:
            out.general.append(p)
    return out


__all__ = [
    "Assigned",
    "EditForm",
    "FormField",
    "apply_post",
    "assign_problems",
    "build_form",
    "error_slots",
    "html_id",
    "numeric_leaves",
    "parse_number",
    "row_error_id",
]
