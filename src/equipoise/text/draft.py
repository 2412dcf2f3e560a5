"""Write what the reader found as a scenario patch: every item drafted, with its evidence.

The patch ``extends`` the scenario the text was read against, so that ``equipoise validate``
checks it together with everything it builds on. What goes in (docs/text.md has the details):

* ``[[actors]]``: actors the text names that the scenario lacks;
* ``[[relations]]``: one per pair the text asserts a relation for (hypothetical and negated
  statements stay in the JSON: they are claims' material, not the present state). A pair the
  scenario already has gets only ``draft`` and ``evidence`` (the scenario's kind and weight
  stay); a new pair gets the kind of its statements and a weight of ``sign x 0.3`` whose size is
  the analyst's to set (``note`` says so);
* ``[[events]]``: dated events; one that matches a scenario event (same year and month, shared
  words) gets only ``draft`` and ``evidence``;
* ``[[claims]]``: claims with a direction and actors that fit their metric, with the matched
  intervention as condition, or a stub intervention (``draft-stub-N``) for the analyst to fill;
* ``[[interventions]]``: those stubs (a no-op change, marked in their description).

Every item carries ``draft = true`` and ``evidence`` (file, span, quote, rule, confidence, what
the rule read), so that ``equipoise review`` can show it in its paragraph.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from equipoise.errors import EquipoiseError, InputError, Problem
from equipoise.scenario.vocabulary import METRICS
from equipoise.text.pipeline import ClaimOut, Extraction

#: Size of a drafted relation weight (the sign is the text's): a placeholder for the analyst,
#: the size of one increment of the default scenario's relation rule (partnership +0.3,
#: rivalry -0.3; docs/scenarios/indo-pacific-2021.md).
DRAFT_WEIGHT = 0.3


@dataclass
class Draft:
    """A scenario patch as plain data, and what was left out of it (with the reason)."""

    data: dict[str, Any]
    left_out: list[str] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        """Return the number of items per section."""
        return {k: len(v) for k, v in self.data.items() if isinstance(v, list)}


def _slug(text: str, limit: int = 40) -> str:
    words = re.findall(r"[a-z0-9]+", text.lower())
    slug = "-".join(words)[:limit].strip("-")
    return slug or "item"


def _evidence(
    text: str, file: str, span: tuple[int, int], rule: str, conf: float, found: str
) -> dict[str, Any]:
    s, e = span
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    quote = text[s:e] or text[span[0] : span[1]]
    return {
        "file": file,
        "span": [s, e],
        "quote": quote,
        "rule": rule,
        "confidence": conf,
        "found": found,
    }


def _fit_actors(claim: ClaimOut) -> tuple[str, list[str]] | None:
    """Return the claim's metric and actors, fitted to the metric's arity (None: cannot be fitted)."""
    metric, actors = claim.metric, list(claim.actors)
    arity = METRICS[metric].arity
    if metric == "alignment" and len(actors) < 3:
        metric = "relation"  # "drift towards X" without the other pole: the relation with X
        arity = 2
    if arity == 0:
        return metric, []
    if arity == 1:
        return (metric, actors) if actors else None
    if len(actors) < arity:
        return None
    return metric, actors[:arity]


def build_draft(
    extraction: Extraction,
    text: str,
    *,
    scenario: Any,
    extends: str,
    source_file: str,
) -> Draft:
    """Turn an extraction into a scenario patch.

    Parameters
    ----------
    extraction : Extraction
        What :func:`equipoise.text.pipeline.extract` found.
    text : str
        The text it was read from (for the quotes).
    scenario : Scenario
        The scenario the patch extends.
    extends : str
        What to write as ``extends`` (a bundled name or a path relative to the patch).
    source_file : str
        The text's file name as recorded in evidence.

    Returns
    -------
    Draft
        The patch data and the items left out, each with its reason.
    """
    data: dict[str, Any] = {"extends": extends}
    left: list[str] = []
    known = set(scenario.actor_codes)
    actors: list[dict[str, Any]] = []
    by_code = {a.code: a for a in extraction.actors}

    def need_actor(code: str) -> bool:
        if code in known:
            return True
        found = by_code.get(code)
        if found is None:
            return False
        first = found.mentions[0]
        actors.append(
            {
                "code": code,
                "name": found.name,
                "kind": found.kind,
                "draft": True,
                "evidence": [
                    _evidence(text, source_file, m, "actor:gazetteer", 0.9, f"mention of {code}")
                    for m in found.mentions[:3]
                ],
                "note": f"Drafted from {source_file}: first named at characters {first[0]}-{first[1]}.",
            }
        )
        known.add(code)
        return True

    for actor in extraction.actors:
        need_actor(actor.code)

    # relations: asserted statements, grouped by pair
    existing = {tuple(sorted(r.pair)): r for r in scenario.relations}
    grouped: dict[tuple[str, str], list[Any]] = {}
    for rel in extraction.relations:
        if rel.modality != "asserted":
            continue
        grouped.setdefault((rel.a, rel.b), []).append(rel)
    relations: list[dict[str, Any]] = []
    for pair, rels in grouped.items():
        if not all(need_actor(c) for c in pair):
            left.append(f"relation {pair[0]}-{pair[1]}: an actor is not named in the text")
            continue
        evidence = [
            _evidence(
                text,
                source_file,
                r.span,
                f"relation:{r.rule}",
                r.confidence,
                f"sign={r.sign:+d} kind={r.kind} modality={r.modality} trigger={r.trigger!r}",
            )
            for r in rels
        ]
        if pair in existing:
            relations.append(
                {"pair": list(existing[pair].pair), "draft": True, "evidence": evidence}
            )
            continue
        sign = 1 if sum(r.sign for r in rels) >= 0 else -1
        kinds = [r.kind for r in rels if r.sign == sign]
        kind = max(set(kinds), key=kinds.count)
        relations.append(
            {
                "pair": list(pair),
                "kind": kind,
                "weight": sign * DRAFT_WEIGHT,
                "source": f"drafted from {source_file} (equipoise extract)",
                "draft": True,
                "evidence": evidence,
                "note": f"The sign ({sign:+d}) is the text's; the size {DRAFT_WEIGHT} is a placeholder "
                "(one increment of the relation rule): set it.",
            }
        )

    # events
    events: list[dict[str, Any]] = []
    ids = {e.id for e in scenario.events}
    for ev in extraction.events:
        ev_ev = _evidence(
            text,
            source_file,
            ev.span,
            f"event:{ev.rule}",
            ev.confidence,
            f"date={ev.date} trigger={ev.trigger!r}",
        )
        if ev.date is None:
            left.append(f"event {ev.what[:50]!r}: no date in the text (events need a year)")
            continue
        year = int(ev.date[:4])
        month = int(ev.date[5:7]) if len(ev.date) >= 7 else None
        words = {w for w in re.findall(r"[a-z]{4,}", ev.what.lower())}
        match = None
        for known_ev in scenario.events:
            if known_ev.year != year or (month and known_ev.month and known_ev.month != month):
                continue
            theirs = set(
                re.findall(r"[a-z]{4,}", f"{known_ev.name} {known_ev.description}".lower())
            )
            if len(words & theirs) >= 2:
                match = known_ev.id
                break
        if match is not None:
            events.append({"id": match, "draft": True, "evidence": [ev_ev]})
            continue
        if not all(need_actor(c) for c in ev.actors):
            pass
        base = f"draft-{_slug(ev.what, 30)}-{year}"
        eid, n = base, 2
        while eid in ids:
            eid, n = f"{base}-{n}", n + 1
        ids.add(eid)
        item: dict[str, Any] = {"id": eid, "name": ev.what[:120], "year": year}
        if month:
            item["month"] = month
        item.update(
            {
                "description": ev_ev["quote"],
                "source": f"drafted from {source_file} (equipoise extract)",
                "draft": True,
                "evidence": [ev_ev],
                "note": "No changes: what the event did to relations or positions is the analyst's.",
            }
        )
        events.append(item)

    # claims and stub interventions
    claims: list[dict[str, Any]] = []
    stubs: list[dict[str, Any]] = []
    claim_ids = {c.id for c in scenario.claims}
    start_year = scenario.scenario.start_year
    for k, claim in enumerate(extraction.claims, start=1):
        quote = text[claim.span[0] : claim.span[1]].strip()
        if claim.direction is None:
            left.append(
                f"claim {quote[:50]!r}: no direction stated (a level or threshold is the analyst's)"
            )
            continue
        fitted = _fit_actors(claim)
        if fitted is None:
            left.append(
                f"claim {quote[:50]!r}: metric {claim.metric} needs more actors than the text names"
            )
            continue
        metric, codes = fitted
        if not all(need_actor(c) for c in codes):
            left.append(f"claim {quote[:50]!r}: an actor is not named in the text")
            continue
        evidence = [
            _evidence(
                text,
                source_file,
                claim.span,
                claim.rule,
                claim.confidence,
                f"metric={claim.metric} direction={claim.direction} holder={claim.holder!r}",
            )
        ]
        condition = claim.intervention
        if claim.condition is not None and condition is None:
            condition = f"draft-stub-{len(stubs) + 1}"
            cs = claim.condition_span or claim.span
            stubs.append(
                {
                    "name": condition,
                    "description": f"STUB drafted from the text's condition {claim.condition!r}: "
                    "replace the no-op change with what the condition does.",
                    "year": start_year,
                    "changes": [{"target": "parameters.balance_rate", "add": 0.0}],
                    "draft": True,
                    "evidence": [
                        _evidence(
                            text,
                            source_file,
                            cs,
                            "condition",
                            claim.confidence,
                            "condition with no matching intervention",
                        )
                    ],
                }
            )
        cid, n = f"draft-claim-{k}-{_slug(metric, 20)}", 2
        while cid in claim_ids:
            cid, n = f"draft-claim-{k}-{n}", n + 1
        claim_ids.add(cid)
        item = {
            "id": cid,
            "statement": f"{claim.holder}: {claim.consequence}"[:300],
            "quote": quote,
            "source": source_file,
            "holders": [claim.holder],
        }
        if condition is not None:
            item["condition"] = condition
        expect = claim.direction
        if claim.counterfactual:  # the intervention undoes the condition: the opposite outcome
            expect = "decrease" if expect == "increase" else "increase"
        item.update({"metric": metric, "actors": codes, "expect": expect})
        item["compare"] = "baseline" if condition is not None else "start"
        item["horizon"] = claim.horizon or scenario.scenario.horizon
        item.update({"draft": True, "evidence": evidence})
        claims.append(item)

    for name, items in (
        ("actors", actors),
        ("relations", relations),
        ("events", events),
        ("interventions", stubs),
        ("claims", claims),
    ):
        if items:
            data[name] = items
    return Draft(data, left)


def header(source_file: str, scenario_ref: str, date: str | None) -> str:
    """Return the comment block at the top of a draft file."""
    return (
        f"# Draft scenario patch read from {source_file} by `equipoise extract`"
        f"{f' (text dated {date})' if date else ''}.\n"
        f"# It extends {scenario_ref}. Every item is marked draft = true and carries its evidence\n"
        "# (file, character span, quote, the rule that found it, an ordinal confidence).\n"
        "# Review it with `equipoise review THIS_FILE`: only the accepted items are written out.\n\n"
    )


def write_draft(draft: Draft, path: Path, *, head: str) -> Path:
    """Write ``draft`` to ``path`` (never overwriting) and check that it validates.

    Raises
    ------
    InputError
        If ``path`` exists.
    EquipoiseError
        If the written patch does not validate (a bug of the writer: nothing is left behind).
    """
    import tomli_w

    from equipoise.scenario import load_scenario

    if path.exists():
        raise InputError(
            Problem("already exists; choose another name (nothing was written)", file=str(path))
        )
    body = head + tomli_w.dumps(draft.data, multiline_strings=False)
    tmp = path.with_name(f".{path.stem}.{os.getpid()}.tmp.toml")
    tmp.write_text(body, encoding="utf-8")
    try:
        load_scenario(tmp)
    except InputError as exc:
        tmp.unlink(missing_ok=True)
        raise EquipoiseError(
            "the drafted patch does not validate (a bug of equipoise extract): "
            + "; ".join(str(p) for p in exc.problems[:5])
        ) from None
    try:
        with path.open("x", encoding="utf-8") as out:
            out.write(body)
    except FileExistsError:
        raise InputError(
            Problem("already exists; choose another name (nothing was written)", file=str(path))
        ) from None
    finally:
        tmp.unlink(missing_ok=True)
    return path


def extends_ref(scenario_ref: str | None, out: Path) -> str:
    """Return what a patch written at ``out`` must say in ``extends`` to reach the scenario."""
    from equipoise.scenario.loading import bundled_names

    if scenario_ref is None:
        return "indo-pacific-2021"
    if scenario_ref in bundled_names():
        return scenario_ref
    target = Path(scenario_ref).expanduser().resolve()
    return os.path.relpath(target, out.expanduser().resolve().parent)


__all__ = ["DRAFT_WEIGHT", "Draft", "build_draft", "extends_ref", "header", "write_draft"]
