"""A statistical second opinion on the relations of a sentence: a pair/sign classifier.

The hand rules of :mod:`equipoise.text.relations` fit the sentences they were written from
(docs/text.md, "Evaluation"). This module scores every **candidate pair** of a sentence — two
distinct actor codes among its names and resolved references — with a multinomial logistic
regression over three classes (no relation, cooperation ``+1``, conflict ``-1``), the standard
feature-based relation classifier (Mintz, Bills, Snow & Jurafsky 2009; Jurafsky & Martin,
*Speech and Language Processing*, 3rd ed. draft, ch. "Information Extraction: Relations"):
the words between and around the two mentions, the trigger lexicon's hits with their sign and
where they stand, negation and modality cues, the distance, coordination, the roles of the
references, and whether (and by which rule) the rule reader found the pair.

It is used as a second opinion: a pair the rules missed is added when the model's probability
of a relation is at least :data:`ADD_THRESHOLD` (rule ``pair-model``, its confidence that
probability rounded), with the sign the model prefers and the kind and modality of the nearest
trigger of that sign. The rules' own pairs are kept. The coefficients ship as ``pairmodel.json``
beside this module; ``scripts/train_pairmodel.py`` regenerates them deterministically from the
annotated development texts (its header and docs/text.md, round 5, give the provenance), and
nothing here needs scikit-learn at run time: scoring is a sum of weights.

References
----------
Mintz, M., Bills, S., Snow, R. & Jurafsky, D. (2009). Distant supervision for relation
extraction without labeled data. ACL-IJCNLP 2009, 1003-1011.
Jurafsky, D. & Martin, J. H. (2024). Speech and Language Processing, 3rd ed. draft, ch.
"Information Extraction: Relations, Events, and Time" (feature-based relation classifiers).
"""

from __future__ import annotations

import functools
import itertools
import json
import math
import re
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from equipoise.text import rules
from equipoise.text.relations import RelationOut, _modality, _Refs
from equipoise.text.segment import Sentence

Span = tuple[int, int]
CLASSES = (0, 1, -1)  # no relation, cooperation, conflict
#: a pair the rules missed is added at or above this probability of a relation (chosen by
#: leave-one-document-out over the development texts: docs/text.md, round 5)
ADD_THRESHOLD = 0.7
_WORD = re.compile(r"[\w’'-]+")
_PUNCT = re.compile(r"[,;:()—–]|\s-\s")
_FALLBACK_KIND = {1: "cooperation", -1: "friction"}


@dataclass
class Candidate:
    """One unordered pair of actor codes in one sentence, with its features."""

    a: str
    b: str
    span: Span
    features: list[str]
    rule: RelationOut | None  # the rule reader's relation for this pair, if any
    first: int  # the start of the earlier reference (for the modality window)
    triggers: list[tuple[int, str, int, int]] = field(default_factory=list)  # sign, kind, s, e


def _stem(word: str) -> str:
    return word.lower().replace("’", "'")[:6]


def _triggers(text: str, lo: int, hi: int) -> list[tuple[int, str, int, int]]:
    """Every lexicon trigger in ``text[lo:hi]``: (sign, kind, start, end), in text order."""
    found = [
        (sign, kind, m.start(), m.end())
        for pattern, sign, kind in rules.RELATION_RE
        for m in pattern.finditer(text, lo, hi)
    ]
    return sorted(found, key=lambda t: t[2])


def _bucket(n: int) -> str:
    return "0" if n == 0 else "1-2" if n <= 2 else "3-5" if n <= 5 else "6-10" if n <= 10 else "11+"


def candidates(
    text: str, sent: Sentence, srefs: list[_Refs], found: list[RelationOut]
) -> list[Candidate]:
    """Return the candidate pairs of one sentence with their features (none for a question).

    Parameters
    ----------
    text : str
        The whole text.
    sent : Sentence
        The sentence.
    srefs : list of _Refs
        Its names and resolved references (:func:`equipoise.text.relations._sentence_refs`).
    found : list of RelationOut
        The relations the rules found in it.

    Returns
    -------
    list of Candidate
        One per unordered pair of distinct codes, built from its two nearest references.
    """
    if sent.question:
        return []
    refs = [r for r in srefs if not r.place]  # a place is not a side (guidelines §1-2)
    codes = sorted({c for r in refs for c in r.codes})
    if len(codes) < 2:
        return []
    trigs = _triggers(text, sent.start, sent.end)
    signs = {t[0] for t in trigs}
    sent_text = text[sent.start : sent.end]
    neg = rules.NEGATION_RE.search(sent_text) is not None
    hyp = rules.HYPOTHETICAL_RE.search(sent_text) is not None
    by_pair = {(r.a, r.b): r for r in found}
    n_codes = "2" if len(codes) == 2 else "3" if len(codes) == 3 else "4+"
    out: list[Candidate] = []
    for a, b in itertools.combinations(codes, 2):
        best: tuple[int, _Refs, _Refs] | None = None
        for x in refs:
            for y in refs:
                if x is y and not (a in x.codes and b in x.codes):
                    continue
                if (a in x.codes and b in y.codes) or (b in x.codes and a in y.codes):
                    r1, r2 = (x, y) if x.start <= y.start else (y, x)
                    dist = max(0, r2.start - r1.end)
                    if best is None or dist < best[0]:
                        best = (dist, r1, r2)
        if best is None:
            continue
        _, r1, r2 = best
        feats = [f"ncodes={n_codes}"]
        rel = by_pair.get((a, b))
        feats.append(f"rule={rel.rule}" if rel else "rule=none")
        if rel:
            feats.append(f"rulesign={rel.sign}")
        if r1 is r2:
            feats.append("same-ref")
        gap = text[r1.end : r2.start] if r2.start >= r1.end else ""
        between = _WORD.findall(gap)
        feats.append("dist=" + _bucket(len(between)))
        if r1 is not r2:
            g = gap.strip().lower()
            kind = (
                "hyphen"
                if re.fullmatch(r"[-–‐/]", g)
                else "and"
                if re.fullmatch(r",?\s*(?:and|or)(?:\s+the)?", g)
                else "comma"
                if g == ","
                else "other"
            )
            feats.extend(("gap=" + kind, f"gap={kind}&n{n_codes}"))
        if _PUNCT.search(gap):
            feats.append("punct-between")
        feats.extend("w:" + _stem(w) for w in between[:15])
        before = _WORD.findall(text[max(sent.start, r1.start - 60) : r1.start])[-3:]
        after = _WORD.findall(text[r2.end : min(sent.end, r2.end + 60)])[:3]
        feats.extend("b:" + _stem(w) for w in before)
        feats.extend("a:" + _stem(w) for w in after)
        others = [
            r for r in refs if r1.end <= r.start and r.end <= r2.start and set(r.codes) - {a, b}
        ]
        if others:
            feats.append("third-between")
        if any(r.start >= r2.end and set(r.codes) - {a, b} for r in refs):
            feats.append("third-after")
            if r1 is not r2 and re.fullmatch(r"\s*(?:[-–‐/]|,?\s*and(?:\s+the)?)\s*", gap):
                feats.append("joined-then-third")  # "Russia and China protested against the US"
        if any(r.end <= r1.start and set(r.codes) - {a, b} for r in refs):
            feats.append("third-before")
        for name, r in (("1", r1), ("2", r2)):
            for flag in ("resolved", "obj", "adjective", "each"):
                if getattr(r, flag):
                    feats.append(f"{flag}{name}")
        near_lo = max(sent.start, r1.start - 50)
        near_hi = min(sent.end, r2.end + 50)
        for sign, kind, s, e in trigs:
            where = (
                "tb" if r1.end <= s and e <= r2.start else "tn" if near_lo <= s < near_hi else "ts"
            )
            feats.extend((f"{where}:{kind}", f"{where}s:{sign}", f"{where}s:{sign}&n{n_codes}"))
        if trigs:
            mid = (r1.start + r2.end) / 2
            near = min(trigs, key=lambda t: abs((t[2] + t[3]) / 2 - mid))
            feats.extend((f"near:{near[1]}", f"nears:{near[0]}", f"nears:{near[0]}&n{n_codes}"))
        if len(signs) == 2:
            feats.append("mixed-signs")
        if re.fullmatch(r"\s*,\s*", text[max(sent.start, r1.start - 3) : r1.start]) or re.match(
            r"\s*,", text[r2.end : r2.end + 3]
        ):
            feats.append("listed")
        if not trigs:
            feats.append("no-trigger")
        if neg:
            feats.append("neg")
        if hyp:
            feats.append("hyp")
        out.append(Candidate(a, b, (sent.start, sent.end), feats, rel, r1.start, trigs))
    return out


@dataclass(frozen=True)
class PairModel:
    """Coefficients of the multinomial logistic regression (one weight row per class)."""

    intercept: tuple[float, float, float]
    weights: dict[str, tuple[float, float, float]]
    threshold: float = ADD_THRESHOLD

    def proba(self, features: list[str]) -> tuple[float, float, float]:
        """Return the probabilities of (no relation, cooperation, conflict).

        Parameters
        ----------
        features : list of str
            The candidate's features; each counts once, unknown ones add nothing.

        Returns
        -------
        tuple of float
            The softmax of the intercept plus the summed weights.
        """
        z = list(self.intercept)
        for f in set(features):
            w = self.weights.get(f)
            if w is not None:
                z = [z[k] + w[k] for k in range(3)]
        top = max(z)
        ex = [math.exp(v - top) for v in z]
        total = sum(ex)
        return (ex[0] / total, ex[1] / total, ex[2] / total)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> PairModel:
        """Build a model from the shipped JSON (see ``scripts/train_pairmodel.py``).

        Parameters
        ----------
        data : dict
            ``classes``, ``intercept``, ``weights`` (feature → one weight per class) and an
            optional ``threshold``.

        Returns
        -------
        PairModel
            The model.

        Raises
        ------
        ValueError
            When the classes are not (0, 1, -1) in that order.
        """
        classes = data["classes"]
        if classes != list(CLASSES):
            raise ValueError(f"pairmodel.json: classes {classes}, expected {list(CLASSES)}")
        return cls(
            tuple(data["intercept"]),
            {f: tuple(w) for f, w in data["weights"].items()},
            float(data.get("threshold", ADD_THRESHOLD)),
        )


@functools.lru_cache(maxsize=1)
def default_model() -> PairModel:
    """Return the shipped model (``pairmodel.json``), read once."""
    raw = resources.files("equipoise.text").joinpath("pairmodel.json").read_text("utf-8")
    return PairModel.from_json(json.loads(raw))


def second_opinion(
    text: str, sent: Sentence, cands: list[Candidate], model: PairModel
) -> list[RelationOut]:
    """Return the relations the model adds to a sentence: pairs the rules missed.

    Parameters
    ----------
    text : str
        The whole text.
    sent : Sentence
        The sentence.
    cands : list of Candidate
        Its candidate pairs (:func:`candidates`).
    model : PairModel
        The coefficients.

    Returns
    -------
    list of RelationOut
        A candidate without a rule relation whose probability of a relation is at least the
        model's threshold, with the sign the model prefers, the kind and modality of the
        trigger of that sign nearest the pair (or the sign's generic kind), rule
        ``pair-model`` and the probability (rounded) as confidence.
    """
    added: list[RelationOut] = []
    for c in cands:
        if c.rule is not None:
            continue
        p0, p_plus, p_minus = model.proba(c.features)
        if 1.0 - p0 < model.threshold:
            continue
        sign = 1 if p_plus >= p_minus else -1
        same = [t for t in c.triggers if t[0] == sign]
        if same:
            trig = min(same, key=lambda t: abs(t[2] - c.first))
            kind, ts, te = trig[1], trig[2], trig[3]
            modality = _modality(text, sent, ts, te, c.first)
            word = text[ts:te]
        else:
            kind, ts, te, word = _FALLBACK_KIND[sign], sent.start, sent.start, ""
            modality = "asserted"
        added.append(
            RelationOut(
                c.a,
                c.b,
                sign,
                kind,
                modality,
                c.span,
                word,
                (ts, te),
                "pair-model",
                round(1.0 - p0, 2),
            )
        )
    return added
