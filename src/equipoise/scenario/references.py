"""Cross-reference checks of a scenario document.

The pydantic models check each entry on its own. This pass checks what ties entries
together: that every actor code, issue id, indicator name, intervention name, event id,
claim id, parameter name and target refers to something the scenario declares, and that
keys are unique. It works on the raw document (plain dicts and lists), tolerating entries
that fail their own validation, so that all problems of a file are reported in one go.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import Any

from equipoise.errors import closest
from equipoise.scenario.locate import T_Path
from equipoise.scenario.schema import ACTOR_PLACEHOLDER
from equipoise.scenario.targets import TargetIndex, parse_target
from equipoise.scenario.vocabulary import MODEL_OPTIONS, PARAMETERS

T_Finding = tuple[T_Path, str]


def _entries(doc: dict[str, Any], section: str) -> Iterator[tuple[int, dict[str, Any]]]:
    items = doc.get(section)
    if isinstance(items, list):
        for i, item in enumerate(items):
            if isinstance(item, dict):
                yield i, item


def _str(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _index(doc: dict[str, Any]) -> TargetIndex:
    actors = {c for _, a in _entries(doc, "actors") if (c := _str(a.get("code")))}
    issues: dict[str, set[str]] = {}
    for _, issue in _entries(doc, "issues"):
        issue_id = _str(issue.get("id"))
        if issue_id is None:
            continue
        positions = issue.get("positions")
        members = issues.setdefault(issue_id, set())
        if isinstance(positions, list):
            members.update(
                a for p in positions if isinstance(p, dict) and (a := _str(p.get("actor")))
            )
    indicators = {n for _, ind in _entries(doc, "indicators") if (n := _str(ind.get("name")))}
    return TargetIndex(actors=actors, issues=issues, indicators=indicators)


def _shock_problems(
    i: int, shock: dict[str, Any], index: TargetIndex, doc: dict[str, Any]
) -> list[T_Finding]:
    """Return the cross-reference problems of ``shocks[i]``: actors, targets and years.

    A target with ``{actor}`` is checked once for every actor the shock can hit, so that a
    relation with the actor itself (``relations.{actor}-USA.weight`` hitting USA) is found.
    """
    out: list[T_Finding] = []
    hit = shock.get("actors")
    hit = [a for a in hit if isinstance(a, str)] if isinstance(hit, list) else []
    for k, code in enumerate(hit):
        if code not in index.actors:
            out.append(
                (
                    ("shocks", i, "actors", k),
                    f"unknown actor {code!r} (actors: {', '.join(sorted(index.actors))})",
                )
            )
    known = [a for a in hit if a in index.actors]
    items = shock.get("changes")
    for k, change in enumerate(items if isinstance(items, list) else []):
        text = change.get("target") if isinstance(change, dict) else None
        if not isinstance(text, str):
            continue
        path = ("shocks", i, "changes", k, "target")
        if ACTOR_PLACEHOLDER not in text:
            try:
                parse_target(text, index)
            except ValueError as exc:
                out.append((path, str(exc)))
            continue
        if not hit:
            out.append(
                (
                    path,
                    f"{text!r} names {ACTOR_PLACEHOLDER}, the actor an occurrence hits, but the "
                    "shock declares no 'actors'",
                )
            )
            continue
        for code in known:
            try:
                parse_target(text.replace(ACTOR_PLACEHOLDER, code), index)
            except ValueError as exc:
                out.append((path, f"for actor {code}: {exc}"))
                break
    meta = doc.get("scenario")
    start = meta.get("start_year") if isinstance(meta, dict) else None
    years = shock.get("at_years")
    if isinstance(start, int) and isinstance(years, list):
        for k, year in enumerate(years):
            if isinstance(year, int | float) and not isinstance(year, bool) and year <= start:
                out.append(
                    (
                        ("shocks", i, "at_years", k),
                        f"must be after start_year ({start}): the start state already holds "
                        f"what happened until then, got {year:g}",
                    )
                )
    return out


def check_references(doc: dict[str, Any]) -> list[T_Finding]:
    """Return every cross-reference problem of a scenario document.

    Parameters
    ----------
    doc : dict
        The parsed TOML document (after any ``extends`` merge).

    Returns
    -------
    list of (path, message)
        Paths are tuples as in pydantic error locations.
    """
    out: list[T_Finding] = []
    index = _index(doc)
    actors = index.actors

    def unique(section: str, key: str, what: str) -> set[str]:
        seen: dict[str, int] = {}
        for i, entry in _entries(doc, section):
            value = _str(entry.get(key))
            if value is None:
                continue
            if value in seen:
                out.append(
                    (
                        (section, i, key),
                        f"duplicate {what} {value!r} (first at {section}[{seen[value]}])",
                    )
                )
            else:
                seen[value] = i
        return set(seen)

    def actor_ref(path: T_Path, code: Any) -> None:
        if isinstance(code, str) and code not in actors:
            out.append((path, f"unknown actor {code!r} (actors: {', '.join(sorted(actors))})"))

    def target_ref(path: T_Path, text: Any, *, condition: bool = False) -> None:
        if not isinstance(text, str):
            return
        try:
            parse_target(text, index, condition=condition)
        except ValueError as exc:
            out.append((path, str(exc)))

    def changes(path: T_Path, items: Any) -> None:
        if isinstance(items, list):
            for k, change in enumerate(items):
                if isinstance(change, dict):
                    target_ref((*path, k, "target"), change.get("target"))

    unique("actors", "code", "actor code")
    issue_ids = unique("issues", "id", "issue id")
    event_ids = unique("events", "id", "event id")
    unique("effects", "id", "effect id")
    interventions = unique("interventions", "name", "intervention name")
    unique("uncertainties", "name", "uncertainty name")
    unique("shocks", "name", "shock name")
    claim_ids = unique("claims", "id", "claim id")

    for i, actor in _entries(doc, "actors"):
        members = actor.get("members")
        if isinstance(members, list):
            for k, m in enumerate(members):
                actor_ref(("actors", i, "members", k), m)
                if m == actor.get("code"):
                    out.append((("actors", i, "members", k), "an actor cannot be its own member"))

    seen_indicator: dict[tuple[str, int], int] = {}
    for i, ind in _entries(doc, "indicators"):
        for field in ("values", "sources"):
            table = ind.get(field)
            if isinstance(table, dict):
                for code in table:
                    actor_ref(("indicators", i, field, code), code)
        ind_name, ind_year = ind.get("name"), ind.get("year")
        if isinstance(ind_name, str) and isinstance(ind_year, int):
            ind_key = (ind_name, ind_year)
            if ind_key in seen_indicator:
                out.append(
                    (
                        ("indicators", i, "name"),
                        f"indicator {ind_name!r} for {ind_year} is declared twice (first at "
                        f"indicators[{seen_indicator[ind_key]}]); put all actors in one entry",
                    )
                )
            else:
                seen_indicator[ind_key] = i

    years_of: dict[str, dict[int, set[str]]] = {}
    for (ind_name, ind_year), i in seen_indicator.items():
        values = doc["indicators"][i].get("values")
        years_of.setdefault(ind_name, {})[ind_year] = (
            set(values) if isinstance(values, dict) else set()
        )

    trend_actor: dict[tuple[str, str], int] = {}
    for i, trend in _entries(doc, "trends"):
        name = _str(trend.get("indicator"))
        if name is None:
            continue
        if name not in index.indicators:
            out.append(
                (
                    ("trends", i, "indicator"),
                    f"unknown indicator {name!r} (indicators: {', '.join(sorted(index.indicators)) or 'none'})",
                )
            )
            continue
        rates = trend.get("rates")
        covered: set[str] = set()
        if trend.get("method", "rate") == "rate" and isinstance(rates, dict):
            for code in rates:
                actor_ref(("trends", i, "rates", code), code)
            covered = set(rates)
        elif trend.get("method") == "cagr":
            for field in ("from_year", "to_year"):
                year = trend.get(field)
                if isinstance(year, int) and year not in years_of.get(name, {}):
                    have = ", ".join(str(y) for y in sorted(years_of.get(name, {})))
                    out.append(
                        (
                            ("trends", i, field),
                            f"indicator {name!r} has no values for {year} (years: {have})",
                        )
                    )
            y0, y1 = trend.get("from_year"), trend.get("to_year")
            if isinstance(y0, int) and isinstance(y1, int):
                covered = years_of.get(name, {}).get(y0, set()) & years_of.get(name, {}).get(
                    y1, set()
                )
        for code in covered:
            if (name, code) in trend_actor:
                out.append(
                    (
                        ("trends", i, "indicator"),
                        f"trend of {name!r} for {code} is declared twice (first at trends[{trend_actor[(name, code)]}])",
                    )
                )
            else:
                trend_actor[(name, code)] = i

    seen_pairs: dict[tuple[str, ...], int] = {}
    for i, rel in _entries(doc, "relations"):
        pair = rel.get("pair")
        if not (isinstance(pair, list) and len(pair) == 2):
            continue
        for k, code in enumerate(pair):
            actor_ref(("relations", i, "pair", k), code)
        if all(isinstance(c, str) for c in pair):
            pair_key = tuple(pair) if rel.get("directed") else tuple(sorted(pair))
            if pair_key in seen_pairs:
                out.append(
                    (
                        ("relations", i, "pair"),
                        f"relation {'-'.join(pair_key)} is declared twice (first at relations[{seen_pairs[pair_key]}])",
                    )
                )
            else:
                seen_pairs[pair_key] = i

    seen_ties: dict[tuple[str, str], int] = {}
    for i, tie in _entries(doc, "ties"):
        actor_ref(("ties", i, "of"), tie.get("of"))
        actor_ref(("ties", i, "on"), tie.get("on"))
        of, on = tie.get("of"), tie.get("on")
        if isinstance(of, str) and isinstance(on, str):
            if (of, on) in seen_ties:
                out.append((("ties", i, "of"), f"tie of {of} on {on} is declared twice"))
            else:
                seen_ties[(of, on)] = i

    for i, issue in _entries(doc, "issues"):
        positions = issue.get("positions")
        if isinstance(positions, list):
            for k, p in enumerate(positions):
                if isinstance(p, dict):
                    actor_ref(("issues", i, "positions", k, "actor"), p.get("actor"))

    for i, event in _entries(doc, "events"):
        changes(("events", i, "changes"), event.get("changes"))

    for i, effect in _entries(doc, "effects"):
        when = effect.get("when")
        if isinstance(when, dict):
            target_ref(("effects", i, "when", "target"), when.get("target"), condition=True)
        changes(("effects", i, "changes"), effect.get("changes"))

    for i, intervention in _entries(doc, "interventions"):
        changes(("interventions", i, "changes"), intervention.get("changes"))
        revert = intervention.get("revert")
        if isinstance(revert, list):
            for k, event_id in enumerate(revert):
                if isinstance(event_id, str) and event_id not in event_ids:
                    out.append(
                        (
                            ("interventions", i, "revert", k),
                            f"unknown event {event_id!r} (events: {', '.join(sorted(event_ids)) or 'none'})",
                        )
                    )

    for i, unc in _entries(doc, "uncertainties"):
        if unc.get("multiverse") is True:
            out.extend(_multiverse_problems(("uncertainties", i), unc))
        else:
            target = unc.get("target")
            if isinstance(target, str) and target.startswith("model."):
                out.append(
                    (
                        ("uncertainties", i, "multiverse"),
                        f"{target} is a modelling option: declare it with multiverse = true",
                    )
                )
            else:
                target_ref(("uncertainties", i, "target"), target)

    for i, shock in _entries(doc, "shocks"):
        out.extend(_shock_problems(i, shock, index, doc))

    for i, claim in _entries(doc, "claims"):
        cond = claim.get("condition")
        if isinstance(cond, str) and cond not in interventions:
            out.append(
                (
                    ("claims", i, "condition"),
                    f"unknown intervention {cond!r} (interventions: {', '.join(sorted(interventions)) or 'none'})",
                )
            )
        issue_id = claim.get("issue")
        if isinstance(issue_id, str) and issue_id not in issue_ids:
            out.append(
                (
                    ("claims", i, "issue"),
                    f"unknown issue {issue_id!r} (issues: {', '.join(sorted(issue_ids)) or 'none'})",
                )
            )
        claim_actors = claim.get("actors")
        if isinstance(claim_actors, list):
            for k, code in enumerate(claim_actors):
                actor_ref(("claims", i, "actors", k), code)
        contradicts = claim.get("contradicts")
        if isinstance(contradicts, list):
            for k, other in enumerate(contradicts):
                if isinstance(other, str) and other not in claim_ids:
                    out.append((("claims", i, "contradicts", k), f"unknown claim {other!r}"))
                elif other == claim.get("id"):
                    out.append(
                        (("claims", i, "contradicts", k), "a claim cannot contradict itself")
                    )

    params = doc.get("parameters")
    if isinstance(params, dict):
        for name, value in params.items():
            spec = PARAMETERS.get(name)
            if spec is None:
                out.append(
                    (
                        ("parameters", name),
                        f"unknown parameter (parameters: {', '.join(sorted(PARAMETERS))})",
                    )
                )
            elif (
                isinstance(value, int | float)
                and not isinstance(value, bool)
                and math.isfinite(value)  # NaN and infinity: refused by the schema
                and not spec.low <= value <= spec.high
            ):
                out.append(
                    (
                        ("parameters", name),
                        f"must be between {spec.low:g} and {spec.high:g}, got {value}",
                    )
                )
    return out


__all__ = ["check_references"]


def _multiverse_problems(path: T_Path, unc: dict[str, Any]) -> list[T_Finding]:
    """Check a structural uncertainty's target and choices (``docs/models/experiments.md``)."""
    target, choices = unc.get("target"), unc.get("choices")
    if not isinstance(target, str):
        return []
    options = MODEL_OPTIONS.get(target)
    name = target.split(".", 1)[1] if target.startswith("parameters.") else None
    if options is None and (name is None or name not in PARAMETERS):
        expected = ", ".join([*MODEL_OPTIONS, "parameters.NAME"])
        return [((*path, "target"), f"a multiverse chooses one of {expected}; got {target!r}")]
    if not isinstance(choices, list):
        return []
    out: list[T_Finding] = []
    for k, value in enumerate(choices):
        if options is not None:
            if value not in options:
                guess = closest(value, options) if isinstance(value, str) else None
                hint = f" (did you mean {guess!r}?)" if guess else ""
                out.append(
                    (
                        (*path, "choices", k),
                        f"{target} is one of {', '.join(options)}; got {value!r}{hint}",
                    )
                )
            continue
        spec = PARAMETERS[name or ""]
        if isinstance(value, bool) or not isinstance(value, int | float):
            out.append(((*path, "choices", k), f"{target} is a number; got {value!r}"))
        elif math.isfinite(value) and not spec.low <= value <= spec.high:
            out.append(
                (
                    (*path, "choices", k),
                    f"{target} must be between {spec.low:g} and {spec.high:g}, got {value}",
                )
            )
    return out
