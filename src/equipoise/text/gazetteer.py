"""The gazetteer: names of states, organisations and blocs, merged with a scenario's aliases.

The bundled file ``gazetteer.toml`` (its header lists the sources) gives, for each state, its
ISO 3166-1 alpha-3 code, short and long names, capitals, demonyms, seats of government used for
the state ("the Kremlin") and leaders in office in 2020; for organisations and blocs their names
and members; and weapon systems and exercises (typed entities, not actors). A scenario's own
actors (codes, names and aliases) come first: a surface form the scenario declares always maps
to the scenario's code.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any, Literal

Category = Literal["name", "capital", "government", "leader", "demonym", "alias"]
Kind = Literal["state", "organisation", "bloc"]


@dataclass(frozen=True, slots=True)
class Entry:
    """One surface form and what it refers to."""

    surface: str
    code: str
    name: str
    kind: Kind
    category: Category
    origin: Literal["scenario", "gazetteer"]


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Surface forms (case-sensitive) → entries, plus the typed non-actor entities."""

    entries: dict[str, Entry]
    systems: dict[str, str]
    exercises: dict[str, str]
    names: dict[str, tuple[str, Kind]]


@lru_cache(maxsize=1)
def bundled() -> dict[str, Any]:
    """Return the parsed bundled gazetteer (read once)."""
    raw = resources.files("equipoise.text").joinpath("gazetteer.toml").read_bytes()
    return tomllib.loads(raw.decode("utf-8"))


def _strip_article(surface: str) -> str:
    if surface.startswith("the ") and surface not in ("the Alliance",):
        return surface[4:]
    return surface


def build_lexicon(scenario_actors: list[dict[str, Any]] | None = None) -> Lexicon:
    """Merge the scenario's actors over the bundled gazetteer.

    Parameters
    ----------
    scenario_actors : list of dict, optional
        Each with ``code``, ``name``, ``kind`` and ``aliases`` (the scenario's ``[[actors]]``).

    Returns
    -------
    Lexicon
        Scenario surface forms first; gazetteer forms only where the scenario has none.
    """
    data = bundled()
    gaz: dict[str, Entry] = {}
    names: dict[str, tuple[str, Kind]] = {}
    categories: dict[str, Category] = {}
    for code, st in data["states"].items():
        names[code] = (st["name"], "state")
        fields: list[tuple[str, Category]] = [
            ("names", "name"),
            ("capitals", "capital"),
            ("demonyms", "demonym"),
            ("governments", "government"),
            ("leaders", "leader"),
        ]
        for key, cat in [*fields[:1], ("name", "name"), *fields[1:]]:
            values = st[key] if isinstance(st[key], list) else [st[key]]
            for value in values:
                surface = _strip_article(value)
                categories.setdefault(surface, cat)
                gaz.setdefault(surface, Entry(surface, code, st["name"], "state", cat, "gazetteer"))
    for code, org in data["organisations"].items():
        kind: Kind = org["kind"]
        names[code] = (org["name"], kind)
        for value in [org["name"], *org["names"]]:
            surface = _strip_article(value)
            gaz.setdefault(surface, Entry(surface, code, org["name"], kind, "name", "gazetteer"))
        for value in org.get("leaders", ()):  # round 13: "Stoltenberg", "Juncker"
            surface = _strip_article(value)
            gaz.setdefault(surface, Entry(surface, code, org["name"], kind, "leader", "gazetteer"))
    entries: dict[str, Entry] = {}
    for actor in scenario_actors or []:
        code, name = actor["code"], actor["name"]
        kind = actor.get("kind", "state")
        names[code] = (name, kind)
        for value in [name, *actor.get("aliases", ())]:
            surface = _strip_article(value)
            if not surface or surface in entries:
                continue
            acat: Category = "name" if value == name else categories.get(surface, "alias")
            entries[surface] = Entry(surface, code, name, kind, acat, "scenario")
    scenario_codes = {a["code"] for a in scenario_actors or []}
    for surface, entry in gaz.items():
        if surface in entries:
            continue
        if entry.code in scenario_codes:
            name, kind = names[entry.code]
            entry = Entry(surface, entry.code, name, kind, entry.category, "gazetteer")
        entries[surface] = entry
    return Lexicon(entries, dict(data["systems"]), dict(data["exercises"]), names)


__all__ = ["Category", "Entry", "Kind", "Lexicon", "build_lexicon", "bundled"]
