"""Review a draft patch item by item: accept, edit or reject; write only the accepted items.

The session works on the draft's plain data (the TOML as written by ``equipoise extract``).
Each drafted item is shown with its first evidence quote highlighted inside its paragraph (read
from the evidence's file). Stub interventions are not asked about: they go with the claims
that use them. Actors, relations, events and claims are asked one by one; an actor that an
accepted item needs is kept even if it was rejected (the reviewer is told). The result is
checked with the scenario it extends before it is written, and nothing is ever overwritten.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from equipoise.errors import InputError, Problem

SECTIONS = ("actors", "relations", "events", "claims")
Ask = Callable[[str], str]
Show = Callable[[str, int, int, str, list[tuple[str, bool]]], None]


def _summary(section: str, item: dict[str, Any]) -> str:
    if section == "actors":
        return f"actor {item.get('code')} ({item.get('name')}, {item.get('kind', 'state')})"
    if section == "relations":
        ev = (item.get("evidence") or [{}])[0]
        extra = (
            f"kind={item['kind']} weight={item['weight']}"
            if "kind" in item
            else "already in the scenario"
        )
        return f"relation {'-'.join(item.get('pair', []))}: {extra}; read: {ev.get('found', '')}"
    if section == "events":
        when = (
            f"{item.get('year', '')}-{item.get('month', ''):>02}"
            if "year" in item
            else "(scenario event)"
        )
        return f"event {item.get('id')} {when}: {item.get('name', '')}"
    cond = item.get("condition", "none")
    return (
        f"claim {item.get('id')}: holders={item.get('holders')} condition={cond} "
        f"{item.get('metric')}{item.get('actors', [])} {item.get('expect')} (horizon {item.get('horizon')})"
    )


def paragraph_context(text: str, span: tuple[int, int]) -> list[tuple[str, bool]]:
    """Cut the paragraph around ``span`` cut into (piece, highlighted) parts."""
    s, e = max(0, span[0]), min(len(text), span[1])
    start = text.rfind("\n", 0, s) + 1
    end = text.find("\n", e)
    end = len(text) if end < 0 else end
    return [(text[start:s], False), (text[s:e], True), (text[e:end], False)]


@dataclass
class ReviewSession:
    """A draft being reviewed."""

    path: Path
    data: dict[str, Any]
    accepted: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    counts: dict[str, int] = field(
        default_factory=lambda: {"accepted": 0, "edited": 0, "rejected": 0, "added": 0}
    )

    @classmethod
    def open(cls, path: Path) -> ReviewSession:
        """Read a draft patch (TOML) written by ``equipoise extract``."""
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            raise InputError(Problem("file not found", file=str(path))) from None
        try:
            data = tomllib.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise InputError(Problem(f"not a TOML draft: {exc}", file=str(path))) from None
        if "extends" not in data:
            raise InputError(
                Problem("not a draft patch: it has no 'extends'", file=str(path), path="extends")
            )
        if not any(
            i.get("draft") for s in SECTIONS for i in data.get(s, []) if isinstance(i, dict)
        ):
            raise InputError(
                Problem("has no drafted items (draft = true) to review", file=str(path))
            )
        return cls(path, data)

    def _text_of(self, evidence: dict[str, Any], cache: dict[str, str | None]) -> str | None:
        name = str(evidence.get("file", ""))
        if name not in cache:
            candidate = Path(name)
            if not candidate.is_absolute() and not candidate.exists():
                candidate = self.path.parent / candidate
            try:
                cache[name] = candidate.read_text(encoding="utf-8")
            except OSError:
                cache[name] = None
        return cache[name]

    def run(self, *, ask: Ask, show: Show) -> dict[str, int]:
        """Ask about every drafted item; return the counts (EOF or ``q`` rejects the rest)."""
        items = [
            (s, i)
            for s in SECTIONS
            for i in self.data.get(s, [])
            if isinstance(i, dict) and i.get("draft")
        ]
        cache: dict[str, str | None] = {}
        stop = False
        for n, (section, item) in enumerate(items, start=1):
            if stop:
                self.counts["rejected"] += 1
                continue
            ev = (item.get("evidence") or [{}])[0]
            text = self._text_of(ev, cache) if ev else None
            span = tuple(ev.get("span", (0, 0)))
            if (
                text is not None
                and len(span) == 2
                and text[span[0] : span[1]].strip() == str(ev.get("quote", "")).strip()
            ):
                context = paragraph_context(text, (int(span[0]), int(span[1])))
            else:
                context = [(str(ev.get("quote", "(no evidence)")), True)]
            show(section, n, len(items), _summary(section, item), context)
            while True:
                try:
                    answer = (
                        ask("[a]ccept, [e]dit, [r]eject, [q]uit (reject the rest)? ")
                        .strip()
                        .lower()
                    )
                except EOFError:
                    answer = "q"
                if answer in ("a", "accept"):
                    self._accept(section, item)
                    break
                if answer in ("r", "reject"):
                    self.counts["rejected"] += 1
                    break
                if answer in ("q", "quit"):
                    self.counts["rejected"] += 1
                    stop = True
                    break
                if answer in ("e", "edit"):
                    self._accept(section, self._edit(item, ask))
                    self.counts["edited"] += 1
                    break
        return self.counts

    def _edit(self, item: dict[str, Any], ask: Ask) -> dict[str, Any]:
        edited = dict(item)
        while True:
            try:
                line = ask("  field = value (TOML; empty line ends): ")
            except EOFError:
                break
            if not line.strip():
                break
            try:
                edited.update(tomllib.loads(line))
            except tomllib.TOMLDecodeError as exc:
                ask(f"  not a TOML line ({exc}); press Enter ")
        return edited

    def _accept(self, section: str, item: dict[str, Any]) -> None:
        kept = {k: v for k, v in item.items() if k != "draft"}
        self.accepted.setdefault(section, []).append(kept)
        self.counts["accepted"] += 1

    def result(self) -> dict[str, Any]:
        """Return the reviewed patch: accepted items, plus actors and stubs they need."""
        out: dict[str, Any] = {"extends": self.data["extends"]}
        accepted = {s: list(v) for s, v in self.accepted.items()}
        used: set[str] = set()
        for rel in accepted.get("relations", []):
            used.update(rel.get("pair", []))
        for claim in accepted.get("claims", []):
            used.update(claim.get("actors", []))
        have = {a.get("code") for a in accepted.get("actors", [])}
        for actor in self.data.get("actors", []):
            if actor.get("code") in used and actor.get("code") not in have:
                accepted.setdefault("actors", []).append(
                    {k: v for k, v in actor.items() if k != "draft"}
                )
                self.counts["added"] += 1
        conditions = {c.get("condition") for c in accepted.get("claims", [])}
        stubs = [
            {k: v for k, v in i.items() if k != "draft"}
            for i in self.data.get("interventions", [])
            if i.get("name") in conditions
        ]
        if stubs:
            accepted["interventions"] = stubs
        for section in ("actors", "relations", "events", "interventions", "claims"):
            if accepted.get(section):
                out[section] = accepted[section]
        return out

    def write(self, target: Path) -> Path:
        """Write the reviewed patch to ``target`` after checking it validates; never overwrite."""
        import tomli_w

        from equipoise.scenario import load_scenario

        if target.exists():
            raise InputError(
                Problem(
                    "already exists; choose another name (nothing was written)", file=str(target)
                )
            )
        extends = str(self.data["extends"])
        if "/" in extends or extends.endswith(
            ".toml"
        ):  # keep a relative extends valid from the new place
            base = (self.path.parent / extends).resolve()
            self.data["extends"] = os.path.relpath(base, target.resolve().parent)
        body = (
            f"# Reviewed from {self.path.name} with `equipoise review`: the accepted items only.\n\n"
            + tomli_w.dumps(self.result(), multiline_strings=False)
        )
        tmp = target.with_name(f".{target.stem}.{os.getpid()}.tmp.toml")
        tmp.write_text(body, encoding="utf-8")
        try:
            load_scenario(tmp)
            with target.open("x", encoding="utf-8") as fh:
                fh.write(body)
        finally:
            tmp.unlink(missing_ok=True)
        return target


__all__ = ["ReviewSession", "paragraph_context"]
