"""Score the commentary reader against annotated texts and against PLOVER's gold records.

``python -m equipoise.text.evaluate [GOLD.json ...] [--plover FILE] [--scenario-claims] [--pool] [--json]``

Measures (docs/text.md has the definitions and the current figures):

* actors: codes found per document (precision, recall);
* mentions: a predicted mention matches a gold mention of the same code when their word tokens
  overlap by at least half of the longer span's tokens;
* relations: pair + sign per sentence (the sentence spans overlap by at least half); also the
  rules alone and the relations the pair model (:mod:`equipoise.text.pairmodel`) adds to them
  (its true and false positives; its "fn" are the gold relations neither found);
* events: the span overlaps a gold event by at least half of the shorter span's tokens, and
  among matched events the date is exact;
* claims: the sentence matches (half of the longer span's tokens); among matched claims the
  holder (normalised: the nationality words and the role — experts / interviewee / author /
  other), the condition (both absent, or spans overlapping by half of the shorter) and the
  direction (where the gold gives one) are scored as accuracies.

Counts are micro-averaged over documents; 95 % intervals come from a percentile bootstrap over
documents (Efron & Tibshirani 1993, ch. 13): with few documents they are wide, and they say so.

PLOVER (Open Event Data Alliance 2016, CC BY-SA 4.0): for each record the actor codes of its
source and target (states only: CAMEO's JAP, ITL and VTN are mapped to ISO3 JPN, ITA, VNM; the
sector codes IGO, NGO, IMG, ISM are dropped) against the codes the reader finds in the sentence,
and the sign of the source–target pair (PLOVER's quad classes: AGREE, CONSULT, SUPPORT, CONCEDE,
COOPERATE, AID, RETREAT are cooperation; the rest conflict) against the sign of the relation the
reader gives that pair. The records are split in halves by a hash of their id; the reader was not
tuned on either half, and both are reported.

References
----------
Efron, B. & Tibshirani, R. (1993). An Introduction to the Bootstrap. Chapman & Hall.
Hripcsak, G. & Rothschild, A. S. (2005). Agreement, the F-measure, and reliability in
information retrieval. JAMIA 12(3), 296-298.
Open Event Data Alliance (2016). PLOVER gold standard records v0.5b1. github.com/openeventdata/PLOVER.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from equipoise.text.pipeline import Extraction, ScenarioContext, extract, scenario_context

COOPERATIVE = frozenset({"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"})
CAMEO_TO_ISO = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}
SECTOR_CODES = frozenset({"IGO", "NGO", "IMG", "ISM"})
_ROLE_WORDS = {
    "experts": "experts",
    "expert": "experts",
    "analysts": "experts",
    "participants": "experts",
    "speakers": "experts",
    "panellists": "experts",
    "panelists": "experts",
    "side": "experts",
    "counterparts": "experts",
    "observers": "experts",
    "scholars": "experts",
    "interviewee": "interviewee",
    "author": "author",
    # a document's own voice is its author's (round 7: annotators write "the brief" or "the
    # report" for a policy brief's or a report's own judgement, where the guidelines say "the
    # author"); a panel's collective conclusion is its speakers'
    "brief": "author",
    "report": "author",
    "paper": "author",
    "analysis": "author",
    "memo": "author",
    "memorandum": "author",
    "study": "author",
    "survey": "author",
    "assessment": "author",
    "review": "author",
    "panel": "experts",
    "conference": "experts",
    "workshop": "experts",
    "roundtable": "experts",
    "participant": "experts",
    "speaker": "experts",
    "panellist": "experts",
    "panelist": "experts",
}


@dataclass
class Counts:
    """True positives, false positives and false negatives."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Counts) -> None:
        """Add ``other`` in place."""
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn


@dataclass
class Accuracy:
    """Right answers out of those scored."""

    right: int = 0
    total: int = 0


@dataclass
class DocScore:
    """Every count of one document."""

    name: str
    counts: dict[str, Counts] = field(default_factory=dict)
    acc: dict[str, Accuracy] = field(default_factory=dict)


def _tokens(text: str, span: Sequence[int]) -> set[int]:
    """Return the start offsets of the word tokens inside ``span``."""
    return {span[0] + m.start() for m in re.finditer(r"\w+", text[span[0] : span[1]])}


def overlap(text: str, a: Sequence[int], b: Sequence[int], *, of: str = "longer") -> bool:
    """Whether spans ``a`` and ``b`` share at least half the tokens of the longer (or shorter)."""
    ta, tb = _tokens(text, a), _tokens(text, b)
    if not ta or not tb:
        return False
    size = max(len(ta), len(tb)) if of == "longer" else min(len(ta), len(tb))
    return len(ta & tb) >= 0.5 * size


def _match(gold: list[Any], pred: list[Any], same: Any) -> tuple[Counts, list[tuple[Any, Any]]]:
    used: set[int] = set()
    pairs: list[tuple[Any, Any]] = []
    for g in gold:
        for k, p in enumerate(pred):
            if k not in used and same(g, p):
                used.add(k)
                pairs.append((g, p))
                break
    return Counts(len(pairs), len(pred) - len(pairs), len(gold) - len(pairs)), pairs


def holder_key(holder: str) -> tuple[frozenset[str], str]:
    """Normalise a holder to (nationality words, role) for comparison."""
    words = re.findall(r"[a-z]+", holder.lower())
    role = next((_ROLE_WORDS[w] for w in words if w in _ROLE_WORDS), "other")
    nations = frozenset(
        w
        for w in words
        if w[:1]
        and (w.endswith(("ese", "ian", "ish", "can", "ean")) or w in ("russia", "japan", "china"))
    )
    if role == "other":
        return nations, " ".join(w for w in words if w not in ("the", "a", "an", "in", "one"))
    return nations, role


def holder_matches(pred: str, gold: str) -> bool:
    """Whether two holders name the same group.

    The same role (experts, interviewee, author) with nationality words of one within the
    other's ("Experts" and "the panel's experts (Japanese and Russian)"), or, for other
    holders, one phrase inside the other ("a view" and "a view reported by the interviewee").
    """
    (pn, pr), (gn, gr) = holder_key(pred), holder_key(gold)
    if pr == gr and (pn <= gn or gn <= pn):
        return True
    p, g = (
        " ".join(re.findall(r"[a-z]+", pred.lower())),
        " ".join(re.findall(r"[a-z]+", gold.lower())),
    )
    p, g = p.removeprefix("the "), g.removeprefix("the ")
    return bool(p) and bool(g) and (p in g or g in p)


def score_document(gold: dict[str, Any], text: str, pred: Extraction) -> DocScore:
    """Score one extraction against one gold annotation (see the module docstring)."""
    doc = DocScore(gold["document"])
    gold_codes = set(gold["actors"])
    pred_codes = {a.code for a in pred.actors}
    doc.counts["actors"] = Counts(
        len(gold_codes & pred_codes), len(pred_codes - gold_codes), len(gold_codes - pred_codes)
    )
    g_m = [(code, (s, e)) for code, ms in gold["actors"].items() for s, e, _ in ms]
    p_m = [(a.code, m) for a in pred.actors for m in a.mentions]
    doc.counts["mentions"], _ = _match(
        g_m, p_m, lambda g, p: g[0] == p[0] and overlap(text, g[1], p[1])
    )

    g_r = [(tuple(sorted((r["a"], r["b"]))), r["sign"], r["span"]) for r in gold["relations"]]
    p_r = [((r.a, r.b), r.sign, r.span) for r in pred.relations]
    doc.counts["relations"], _ = _match(
        g_r, p_r, lambda g, p: g[0] == p[0] and g[1] == p[1] and overlap(text, g[2], p[2])
    )
    doc.counts["relation pairs"], _ = _match(
        g_r, p_r, lambda g, p: g[0] == p[0] and overlap(text, g[2], p[2])
    )
    # the rules alone, and what the pair model's second opinion adds (its tp and fp; its fn
    # are the gold relations neither found)
    p_rules = [((r.a, r.b), r.sign, r.span) for r in pred.relations if r.rule != "pair-model"]
    doc.counts["relations, rules only"], _ = _match(
        g_r, p_rules, lambda g, p: g[0] == p[0] and g[1] == p[1] and overlap(text, g[2], p[2])
    )
    both = doc.counts["relations"]
    alone = doc.counts["relations, rules only"]
    doc.counts["relations, added by the pair model"] = Counts(
        both.tp - alone.tp, both.fp - alone.fp, both.fn
    )

    doc.counts["events"], ev_pairs = _match(
        gold["events"], pred.events, lambda g, p: overlap(text, g["span"], p.span, of="shorter")
    )
    doc.acc["event dates"] = Accuracy(sum(g["date"] == p.date for g, p in ev_pairs), len(ev_pairs))

    doc.counts["claims"], cl_pairs = _match(
        gold["claims"], pred.claims, lambda g, p: overlap(text, g["span"], p.span)
    )
    holder = Accuracy()
    cond = Accuracy()
    direction = Accuracy()
    for g, p in cl_pairs:
        holder.total += 1
        holder.right += holder_matches(p.holder, g["holder"])
        cond.total += 1
        gc, pc = g.get("condition_span"), p.condition_span
        cond.right += (gc is None and pc is None) or (
            gc is not None and pc is not None and overlap(text, gc, pc, of="shorter")
        )
        if g.get("direction") is not None:
            direction.total += 1
            direction.right += g["direction"] == p.direction
    doc.acc.update(
        {"claim holders": holder, "claim conditions": cond, "claim directions": direction}
    )
    return doc


def _pr(c: Counts) -> tuple[float, float, float]:
    p = c.tp / (c.tp + c.fp) if c.tp + c.fp else float("nan")
    r = c.tp / (c.tp + c.fn) if c.tp + c.fn else float("nan")
    f = 2 * p * r / (p + r) if p + r and p == p and r == r else float("nan")
    return p, r, f


def summarise(docs: list[DocScore], *, n_boot: int = 2000, seed: int = 0) -> dict[str, Any]:
    """Micro-averaged P, R, F1 and accuracies with percentile-bootstrap intervals over documents."""
    rng = np.random.default_rng(seed)
    keys = list(docs[0].counts) if docs else []
    akeys = list(docs[0].acc) if docs else []
    out: dict[str, Any] = {"documents": [d.name for d in docs], "counts": {}, "accuracy": {}}
    draws = [rng.integers(0, len(docs), len(docs)) for _ in range(n_boot)] if docs else []
    for key in keys:
        total = Counts()
        for d in docs:
            total.add(d.counts[key])
        p, r, f = _pr(total)
        boot_p, boot_r = [], []
        for idx in draws:
            c = Counts()
            for i in idx:
                c.add(docs[i].counts[key])
            bp, br, _ = _pr(c)
            boot_p.append(bp)
            boot_r.append(br)
        out["counts"][key] = {
            "tp": total.tp,
            "fp": total.fp,
            "fn": total.fn,
            "precision": p,
            "recall": r,
            "f1": f,
            "precision_ci": _ci(boot_p),
            "recall_ci": _ci(boot_r),
        }
    for key in akeys:
        right = sum(d.acc[key].right for d in docs)
        n = sum(d.acc[key].total for d in docs)
        boots = []
        for idx in draws:
            rr = sum(docs[i].acc[key].right for i in idx)
            nn = sum(docs[i].acc[key].total for i in idx)
            boots.append(rr / nn if nn else float("nan"))
        out["accuracy"][key] = {
            "right": right,
            "total": n,
            "accuracy": right / n if n else float("nan"),
            "ci": _ci(boots),
        }
    return out


def _ci(values: list[float]) -> list[float] | None:
    arr = np.array([v for v in values if v == v])
    if arr.size == 0:
        return None
    return [float(np.percentile(arr, 2.5)), float(np.percentile(arr, 97.5))]


def load_gold(path: Path, seeds: Path | None) -> tuple[dict[str, Any], str]:
    """Read a gold file and its text, checking every stored quote against the text."""
    gold = json.loads(path.read_text(encoding="utf-8"))
    name = Path(gold["document"]).name
    candidates = [path.parent / name]
    if seeds is not None:
        candidates.append(seeds / name)
    for cand in candidates:
        if cand.is_file():
            text = cand.read_bytes().decode("utf-8")
            break
    else:
        raise FileNotFoundError(
            f"{path}: its text {name} is not in {', '.join(map(str, candidates))}"
        )
    if len(text) != gold["chars"]:
        raise ValueError(
            f"{path}: the text has {len(text)} characters, the annotation {gold['chars']}"
        )
    for item in [*gold["relations"], *gold["events"], *gold["claims"]]:
        s, e = item["span"]
        if not text[s:e].startswith(item["quote"].removesuffix("...")):
            raise ValueError(f"{path}: quote {item['quote']!r} is not at {s}-{e}")
    return gold, text


def evaluate_gold(
    paths: list[Path], ctx: ScenarioContext, seeds: Path | None
) -> tuple[list[DocScore], dict[str, Extraction]]:
    """Run the reader on every annotated text and score it."""
    docs, found = [], {}
    for path in paths:
        gold, text = load_gold(path, seeds)
        pred = extract(
            text, file=gold["document"], scenario=ctx, date=dt.date.fromisoformat(gold["date"])
        )
        docs.append(score_document(gold, text, pred))
        found[gold["document"]] = pred
    return docs, found


@dataclass
class _Item:
    """One annotated item of a second annotation, shaped like the reader's output."""

    span: tuple[int, int]
    a: str = ""
    b: str = ""
    sign: int = 0
    rule: str = "annotator"
    date: str | None = None
    holder: str = ""
    condition_span: tuple[int, int] | None = None
    direction: str | None = None


@dataclass
class _Actor:
    code: str
    mentions: list[tuple[int, int]]


@dataclass
class _Annotation:
    """A gold annotation in the shape :func:`score_document` reads from the reader."""

    actors: list[_Actor]
    relations: list[_Item]
    events: list[_Item]
    claims: list[_Item]


def _span(value: Sequence[int]) -> tuple[int, int]:
    return int(value[0]), int(value[1])


def as_prediction(gold: dict[str, Any]) -> Any:
    """Return a gold annotation shaped like an :class:`Extraction` (for annotator agreement)."""
    relations = []
    for r in gold["relations"]:
        a, b = sorted((r["a"], r["b"]))
        relations.append(_Item(_span(r["span"]), a=a, b=b, sign=r["sign"]))
    claims = [
        _Item(
            _span(c["span"]),
            holder=c["holder"],
            condition_span=_span(c["condition_span"]) if c.get("condition_span") else None,
            direction=c.get("direction"),
        )
        for c in gold["claims"]
    ]
    return _Annotation(
        [_Actor(code, [(s, e) for s, e, _ in ms]) for code, ms in gold["actors"].items()],
        relations,
        [_Item(_span(e["span"]), date=e["date"]) for e in gold["events"]],
        claims,
    )


def agreement_splits(folder: Path) -> list[str]:
    """Return the ``split`` of each second annotation in ``folder``, in order, once each."""
    splits: list[str] = []
    for path in sorted(folder.glob("*_b.gold.json")):
        try:
            split = json.loads(path.read_text(encoding="utf-8")).get("split", "")
        except (OSError, ValueError):
            continue  # agreement() says why it skips it
        if split not in splits:
            splits.append(split)
    return splits


def agreement(folder: Path, *, split: str | None = None) -> dict[str, Any]:
    """Score second annotations against the first ones: the inter-annotator agreement.

    Each ``folder/NAME_b.gold.json`` annotates the text of ``NAME.gold.json`` (beside
    ``folder``) a second time, made blind to the first from the same guidelines. The first
    annotation plays the gold and the second the prediction, with the reader's measures, so a
    figure reads as "the second annotator's precision and recall against the first"; for pair
    counts F1 is symmetric (Hripcsak & Rothschild 2005: without true negatives, F1 is the
    agreement measure). It bounds what any reader can score against one annotator.

    Parameters
    ----------
    folder : Path
        The folder of second annotations (``tests/data/text/agreement``).
    split : str, optional
        Only the second annotations of this ``split`` (one study: round 7's, which its
        annotators could partly see, and round 17's blind one; docs/text.md); all by default.

    Returns
    -------
    dict
        :func:`summarise` of the pairs, or an empty dict when there is none.
    """
    docs = []
    for second_path in sorted(folder.glob("*_b.gold.json")):
        first_path = folder.parent / second_path.name.replace("_b.gold.json", ".gold.json")
        try:
            first, text = load_gold(first_path, None)
            second, text2 = load_gold(second_path, folder.parent)
        except (OSError, ValueError) as exc:
            print(f"skipped {second_path}: {exc}", file=sys.stderr)
            continue
        if split is not None and second.get("split", "") != split:
            continue
        if text2 != text:
            print(
                f"skipped {second_path}: it does not annotate {first_path}'s text", file=sys.stderr
            )
            continue
        doc = score_document(first, text, as_prediction(second))
        for key in ("relations, rules only", "relations, added by the pair model"):
            doc.counts.pop(key)  # the reader's parts: an annotator has none
        docs.append(doc)
    return summarise(docs) if docs else {}


def _plover_codes(actors: Any) -> set[str]:
    if not isinstance(actors, list):
        return set()
    codes = set()
    for a in actors:
        code = CAMEO_TO_ISO.get(a.get("code", ""), a.get("code", ""))
        if code and code not in SECTOR_CODES and re.fullmatch(r"[A-Z]{3}", code):
            codes.add(code)
    return codes


def evaluate_plover(path: Path, ctx: ScenarioContext) -> dict[str, Any]:
    """Actor codes and the sign of the source–target pair on PLOVER's gold records, per half."""
    records = [
        r for r in json.loads(path.read_text(encoding="utf-8")) if r.get("event") != "DOCUMENT"
    ]
    halves: dict[str, list[DocScore]] = {"dev": [], "test": []}
    for r in records:
        half = "dev" if int(hashlib.sha256(r["id"].encode()).hexdigest(), 16) % 2 == 0 else "test"
        text = r["text"]
        pred = extract(text, file=r["id"], scenario=ctx)
        src, tar = _plover_codes(r.get("source")), _plover_codes(r.get("target"))
        gold_codes = src | tar
        pred_codes = {a.code for a in pred.actors}
        doc = DocScore(r["id"])
        doc.counts["actor codes"] = Counts(
            len(gold_codes & pred_codes), len(pred_codes - gold_codes), len(gold_codes - pred_codes)
        )
        sign = 1 if r["event"] in COOPERATIVE else -1
        gold_pairs = {(min(a, b), max(a, b)) for a in src for b in tar if a != b}
        pred_pairs = {(x.a, x.b): x.sign for x in pred.relations}
        tp = sum(1 for p in gold_pairs if pred_pairs.get(p) == sign)
        doc.counts["pair + sign"] = Counts(tp, len(pred_pairs) - tp, len(gold_pairs) - tp)
        found_pairs = [p for p in gold_pairs if p in pred_pairs]
        doc.acc["sign given the pair"] = Accuracy(
            sum(int(pred_pairs[p] == sign) for p in found_pairs), len(found_pairs)
        )
        halves[half].append(doc)
    return {half: summarise(docs) | {"records": len(docs)} for half, docs in halves.items()}


def scenario_claims_report(
    scenario: Any, found: dict[str, Extraction], texts: dict[str, str]
) -> list[dict[str, Any]]:
    """For each scenario claim quoting a seed: whether the reader found a claim in its sentences."""
    rows = []
    for claim in scenario.claims:
        for doc, pred in found.items():
            name = Path(doc).name
            if name not in claim.source:
                continue
            text = texts[doc]
            start = text.find(claim.quote)
            if start < 0:
                rows.append(
                    {"id": claim.id, "document": name, "found": False, "why": "quote not in text"}
                )
                continue
            span = (start, start + len(claim.quote))
            hits = [c for c in pred.claims if c.span[0] < span[1] and span[0] < c.span[1]]
            row: dict[str, Any] = {"id": claim.id, "document": name, "found": bool(hits)}
            if hits:
                agreeing = [
                    c for c in hits if any(holder_matches(c.holder, h) for h in claim.holders)
                ]
                c = (agreeing or hits)[0]
                row.update(
                    {
                        "holder": c.holder,
                        "holder_ok": bool(agreeing),
                        "condition": c.intervention,
                        "condition_ok": c.intervention == claim.condition,
                        "metric": c.metric,
                        "metric_ok": c.metric == claim.metric,
                        "direction": c.direction,
                    }
                )
            rows.append(row)
    return rows


def _fmt(x: float) -> str:
    return "—" if x != x else f"{x:.2f}"


def _ci_fmt(ci: list[float] | None) -> str:
    return "" if ci is None else f" [{ci[0]:.2f}, {ci[1]:.2f}]"


def markdown(title: str, summary: dict[str, Any]) -> str:
    """Return a Markdown table of a summary."""
    lines = [
        f"### {title} ({len(summary['documents'])} documents)",
        "",
        "| measure | tp | fp | fn | precision [95 % CI] | recall [95 % CI] | F1 |",
        "|---|---|---|---|---|---|---|",
    ]
    for key, v in summary["counts"].items():
        lines.append(
            f"| {key} | {v['tp']} | {v['fp']} | {v['fn']} | {_fmt(v['precision'])}{_ci_fmt(v['precision_ci'])} "
            f"| {_fmt(v['recall'])}{_ci_fmt(v['recall_ci'])} | {_fmt(v['f1'])} |"
        )
    for key, v in summary["accuracy"].items():
        lines.append(
            f"| {key} (accuracy) | {v['right']} of {v['total']} | | | {_fmt(v['accuracy'])}{_ci_fmt(v['ci'])} | | |"
        )
    return "\n".join(lines) + "\n"


def pooled_split(split: str) -> str:
    """Return ``"held-out"`` for a text still unseen by the rules, else ``"development"``.

    A gold file's ``split`` says its round ("held-out round 4") and, once its errors were used
    to change the reader, since when it is a development text ("... (development since round 4)").

    Examples
    --------
    >>> pooled_split("held-out round 4")
    'held-out'
    >>> pooled_split("held-out round 2 (development since round 4)")
    'development'
    """
    return (
        "held-out" if split.startswith("held-out") and "development" not in split else "development"
    )


def _print_json(result: dict[str, Any]) -> None:
    from equipoise.store.metadata import jsonable  # NaN (an undefined rate) is null

    print(json.dumps(jsonable(result), indent=1, allow_nan=False))


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point (see the module docstring)."""
    from equipoise.scenario import load_scenario

    here = Path(__file__).resolve()
    repo = here.parents[3]
    shared = Path(os.environ.get("EQUIPOISE_SHARED_DATA", repo.parent / "shared" / "data"))
    parser = argparse.ArgumentParser(
        prog="python -m equipoise.text.evaluate", description=__doc__.split("\n")[0]
    )
    parser.add_argument(
        "gold",
        nargs="*",
        type=Path,
        help="gold annotation files (default: tests/data/text/*.gold.json)",
    )
    parser.add_argument(
        "--seeds", type=Path, default=shared.parent / "seeds", help="folder of the seed texts"
    )
    parser.add_argument(
        "--plover", type=Path, default=None, help="PLOVER gold records (plover_gsr_cameo.json)"
    )
    parser.add_argument("--scenario", default="indo-pacific-2021")
    parser.add_argument(
        "--scenario-claims",
        action="store_true",
        help="list which scenario claims the seeds' drafts find",
    )
    parser.add_argument(
        "--pool",
        action="store_true",
        help="pool the texts into two sets, development and held-out (still unseen), instead of "
        "one table per annotation round",
    )
    parser.add_argument(
        "--agreement",
        action="store_true",
        help="score the second annotations (tests/data/text/agreement) against the first: the "
        "inter-annotator agreement, one table per study (the second annotations' split)",
    )
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    if args.agreement:
        folder = repo / "tests" / "data" / "text" / "agreement"
        studies = {sp: agreement(folder, split=sp) for sp in agreement_splits(folder)}
        studies = {sp: summary for sp, summary in studies.items() if summary}
        if args.json:
            _print_json(studies)
            return 0
        if not studies:
            print("no second annotations in tests/data/text/agreement")
        for sp, summary in studies.items():
            print(markdown(f"inter-annotator agreement: {sp}, against the first", summary))
        return 0
    scenario = load_scenario(args.scenario)
    ctx = scenario_context(scenario)
    paths = args.gold or sorted((repo / "tests" / "data" / "text").glob("*.gold.json"))
    result: dict[str, Any] = {}
    texts: dict[str, str] = {}
    found: dict[str, Extraction] = {}
    by_split: dict[str, list[Path]] = {}
    for p in paths:
        split = json.loads(p.read_text(encoding="utf-8"))["split"]
        if args.pool:
            split = pooled_split(split)
        by_split.setdefault(split, []).append(p)
    for split, group in by_split.items():
        available = []
        for p in group:
            try:
                gold, text = load_gold(p, args.seeds if args.seeds.is_dir() else None)
            except FileNotFoundError as exc:
                print(f"skipped: {exc}", file=sys.stderr)
                continue
            texts[gold["document"]] = text
            available.append(p)
        if not available:
            continue
        docs, f = evaluate_gold(available, ctx, args.seeds if args.seeds.is_dir() else None)
        found.update(f)
        result[split] = summarise(docs)
    if args.plover is not None:
        result["plover"] = evaluate_plover(args.plover, ctx)
    if args.scenario_claims:
        result["scenario_claims"] = scenario_claims_report(scenario, found, texts)
    if args.json:
        _print_json(result)
        return 0
    for split, summary in result.items():
        if split not in ("plover", "scenario_claims"):
            print(markdown(f"{split} texts", summary))
    if "plover" in result:
        for half, summary in result["plover"].items():
            print(markdown(f"PLOVER GSR, {half} half ({summary['records']} records)", summary))
    if "scenario_claims" in result:
        print("### default-scenario claims from the seeds\n")
        print(
            "| claim | seed | found | holder | condition | metric | direction |\n|---|---|---|---|---|---|---|"
        )
        for row in result["scenario_claims"]:
            if row["found"]:
                print(
                    f"| {row['id']} | {row['document'][:3]} | yes | {row['holder']}{'' if row['holder_ok'] else ' ✗'} "
                    f"| {row['condition'] or '—'}{'' if row['condition_ok'] else ' ✗'} | {row['metric']}{'' if row['metric_ok'] else ' ✗'} | {row['direction'] or '—'} |"
                )
            else:
                print(f"| {row['id']} | {row['document'][:3]} | **missed** | | | | |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
