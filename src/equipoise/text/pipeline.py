"""The commentary reader: a text in, actors, relations, events, claims and issues out.

Stages (each a plain function a reviewer can read; docs/text.md walks through them):

1. segmentation with character offsets (:mod:`equipoise.text.segment`);
2. actor references from the gazetteer and the scenario's aliases (:mod:`equipoise.text.actors`);
3. paragraph-local resolution of "they", "the two countries", "bilateral relations", "this
   partnership" (the last two distinct actors named before in the paragraph) and of "he"/"his"
   (the last leader named);
4. relations: explicit pair constructions (hyphenated pairs, "A and B", "between A and B") and
   pairs with a trigger between them; the sign and kind come from the trigger
   (:mod:`equipoise.text.rules`), the modality from negation and hypothetical cues before it;
5. events: event triggers and exercise names with the datable phrases next to them
   (:mod:`equipoise.text.dates`);
6. claims: forward-looking, conditional, causal or level-judging sentences (not questions),
   with holder (attribution patterns, then the paragraph's last holder, then the next one, then
   the interviewee or the author), condition span, consequence, metric, direction, actors,
   horizon, and the scenario intervention the condition matches (or a stub);
7. issues: sentences that name a scenario issue, with a stance direction where one is stated.

Every item keeps the rule that produced it and an ordinal confidence (0.9 explicit pattern, 0.7
resolved or inferred, 0.5 fallback; not calibrated probabilities).
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import itertools
import re
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

from equipoise.text import rules
from equipoise.text.actors import Ref, find_refs
from equipoise.text.dates import find_dates
from equipoise.text.gazetteer import Lexicon, build_lexicon
from equipoise.text.segment import Paragraph, Sentence, paragraphs, sentences, tokens

Span = tuple[int, int]
_PAIR_WORDS = re.compile(
    r"\b(?:they|them|their|both sides|both countries|the two countries|the two navies|"
    r"the two sides|the two governments|bilateral(?: relations)?|"
    r"(?:this|that|such|these|those) (?:partnership|relationship|cooperation|coordination|"
    r"rivalry|alliance|rapprochement|dispute|ties|tensions|competition))\b",
    re.IGNORECASE,
)
_HE = re.compile(r"\b(?:he|his|him)\b", re.IGNORECASE)
_DISTRIBUTIVE = re.compile(
    r"\b(?:neither|each) (?:country|state|government|side|of them|of the two)\b", re.IGNORECASE
)
_STOP = frozenset(
    [
        "the",
        "a",
        "an",
        "of",
        "in",
        "on",
        "at",
        "to",
        "for",
        "and",
        "or",
        "but",
        "with",
        "from",
        "by",
        "as",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "this",
        "that",
        "these",
        "those",
        "it",
        "its",
        "their",
        "they",
        "them",
        "there",
        "which",
        "who",
        "whom",
        "whose",
        "would",
        "could",
        "will",
        "may",
        "might",
        "can",
        "shall",
        "should",
        "than",
        "then",
        "if",
        "into",
        "over",
        "under",
        "about",
        "between",
        "even",
        "level",
        "such",
        "some",
        "more",
        "most",
        "much",
        "very",
        "also",
        "not",
        "no",
        "only",
        "other",
        "others",
        "same",
        "its",
        "own",
    ]
)
_PUNCT_STOP = re.compile(r"[,;:()—–]|\s-\s")


@dataclass
class ActorOut:
    """An actor found in the text, with every mention."""

    code: str
    name: str
    kind: str
    mentions: list[Span]
    in_scenario: bool


@dataclass
class RelationOut:
    """A dyadic statement of one sentence about one pair."""

    a: str
    b: str
    sign: int
    kind: str
    modality: str
    span: Span
    trigger: str
    trigger_span: Span
    rule: str
    confidence: float


@dataclass
class EventOut:
    """A concrete happening with its normalised date (None: not datable)."""

    date: str | None
    actors: list[str]
    what: str
    span: Span
    trigger: str
    rule: str
    confidence: float


@dataclass
class ClaimOut:
    """A forward-looking, conditional or causal statement with its parts."""

    holder: str
    holder_span: Span | None
    condition: str | None
    condition_span: Span | None
    consequence: str
    consequence_span: Span
    metric: str
    actors: list[str]
    direction: str | None
    horizon: int | None
    span: Span
    intervention: str | None
    counterfactual: bool
    cues: list[str]
    rule: str
    confidence: float


@dataclass
class IssueOut:
    """A sentence naming a scenario issue, with stated stances (toward its high or low end)."""

    issue: str
    span: Span
    actors: list[str]
    stances: dict[str, str]


@dataclass
class Extraction:
    """Everything read from one text; offsets are characters of the text as read."""

    file: str
    date: str | None
    chars: int
    interview: bool
    sentences: int
    actors: list[ActorOut] = field(default_factory=list)
    relations: list[RelationOut] = field(default_factory=list)
    events: list[EventOut] = field(default_factory=list)
    claims: list[ClaimOut] = field(default_factory=list)
    issues: list[IssueOut] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        """Whether nothing at all was found."""
        return not (self.actors or self.relations or self.events or self.claims or self.issues)

    def to_json(self) -> dict[str, Any]:
        """Return the JSON shape of ``equipoise extract --json`` (issue 14, plus more keys)."""
        return {
            "file": self.file,
            "date": self.date,
            "chars": self.chars,
            "interview": self.interview,
            "actors": [
                {**asdict(a), "mentions": [list(m) for m in a.mentions]} for a in self.actors
            ],
            "relations": [{**asdict(r), "span": list(r.span)} for r in self.relations],
            "events": [{**asdict(e), "span": list(e.span)} for e in self.events],
            "claims": [
                {
                    **asdict(c),
                    "span": list(c.span),
                    "condition_span": None if c.condition_span is None else list(c.condition_span),
                }
                for c in self.claims
            ],
            "issues": [{**asdict(i), "span": list(i.span)} for i in self.issues],
        }


@dataclass(frozen=True)
class ScenarioContext:
    """What the reader takes from a scenario: actors, interventions, issues."""

    actors: list[dict[str, Any]]
    interventions: list[dict[str, Any]]
    issues: list[dict[str, Any]]
    start_year: int | None = None


@dataclass
class _Refs:
    """A reference used by relations and claims: a lexicon match or a resolved phrase."""

    start: int
    end: int
    codes: tuple[str, ...]
    resolved: bool
    obj: bool = False  # after a preposition ("with China", "in Australia"): not a clause subject
    place: bool = False  # after a locative preposition ("in Australia"): a place, not a side
    adjective: bool = False  # a demonym modifying a noun ("Russian S-400"): no pronoun antecedent
    each: bool = False  # a distributive reference ("neither country"): its members, not a pair


# --------------------------------------------------------------------------------------------
# helpers


def _words(text: str) -> list[str]:
    return re.findall(r"[\w’'-]+", text)


def _clause_ok(text: str) -> bool:
    """Whether ``text`` (a gap between two things) crosses no clause punctuation."""
    return _PUNCT_STOP.search(text) is None


def _ntok(text: str) -> int:
    return len(re.findall(r"\w+", text))


def _stem(word: str) -> str:
    return word.lower()[:6]


# --------------------------------------------------------------------------------------------
# references and resolution


def _sentence_refs(
    text: str, sent: Sentence, refs: list[Ref], memory: dict[str, Any]
) -> list[_Refs]:
    """Relational references of a sentence, with pronouns resolved from the paragraph."""
    lo = bisect.bisect_left(memory["starts"], sent.start)
    hi = bisect.bisect_left(memory["starts"], sent.end)
    own = [r for r in refs[lo:hi] if r.relational]
    out: list[_Refs] = []
    cats: list[str] = []
    for r in own:
        prev = _prev_token(text, sent.start, r.start)
        coord = (
            prev in ("and", "or", ",")
            and bool(out)
            and _coordinated(text, out[-1].end, r.start)
            and (r.category == "demonym") == (cats[-1] == "demonym")
        )
        cats.append(r.category)
        obj = prev in _OBJECT_PREPS or (coord and out[-1].obj)
        place = r.code not in memory.get("orgs", ()) and (
            prev in _PLACE_PREPS or (coord and out[-1].place)
        )
        head = re.match(r"[\s-]*([\w’']+)", text[r.end : r.end + 30])
        adjective = (
            r.category == "demonym"
            and not re.match(r"\s*[-–‐]", text[r.end : r.end + 2])
            and (head is None or head.group(1).lower() not in AGENT_HEADS)
        )
        out.append(_Refs(r.start, r.end, (r.code,), False, obj, place, adjective))
    for m in _PAIR_WORDS.finditer(text, sent.start, sent.end):
        before = [r for r in out if r.end <= m.start() and not r.resolved and not r.place]
        word = m.group(0).lower()
        pair = None
        if word.startswith(("this ", "these ", "that ", "those ", "such ")):
            # a pair written together earlier in the sentence ("Tehran and Ankara ... that
            # partnership") is what a demonstrative points back to
            for x, y in itertools.pairwise(reversed(before)):
                if _coordinated(text, y.end, x.start) or re.fullmatch(
                    r"\s*[-–‐]\s*", text[y.end : x.start]
                ):
                    pair = (y.codes[0], x.codes[0])
                    break
        if pair is None and (
            word.startswith("bilateral")
            or word.startswith(("this ", "these ", "that ", "those ", "such "))
        ):
            hyphen = re.search(
                r"[-–‐]\s*[\w ]+\s*$", text[max(sent.start, m.start() - 25) : m.start()]
            )
            if not hyphen and memory.get("topics"):
                topics: dict[tuple[str, str], int] = memory["topics"]
                pair = max(topics, key=lambda k: topics[k])
        pair = pair or _last_pair([c for r in before for c in r.codes]) or memory.get("pair")
        if pair:
            out.append(_Refs(m.start(), m.end(), tuple(pair), True))
    for m in _DISTRIBUTIVE.finditer(text, sent.start, sent.end):
        # "neither country": each member of the last coordinated pair, not the pair itself
        names = [r for r in out if r.end <= m.start() and not r.resolved and not r.place]
        for r1, r2 in itertools.pairwise(reversed(names)):
            if _coordinated(text, r2.end, r1.start):
                out.append(_Refs(m.start(), m.end(), (r2.codes[0], r1.codes[0]), True, each=True))
                break
    leader = memory.get("leader")
    for m in _HE.finditer(text, sent.start, sent.end):
        if leader:
            out.append(_Refs(m.start(), m.end(), (leader,), True))
    out.extend(_resolve_it(text, sent, out, memory))
    out.sort(key=lambda r: r.start)
    return out


_OBJECT_PREPS = frozenset(
    {
        "in",
        "at",
        "near",
        "around",
        "inside",
        "into",
        "to",
        "with",
        "from",
        "of",
        "between",
        "against",
        "on",
        "by",
        "for",
        "towards",
        "toward",
        "over",
        "than",
        "as",
        "like",
        "including",
        "about",
        "among",
        "across",
        "within",
        "upon",
    }
)
_PLACE_PREPS = frozenset({"in", "at", "near", "around", "inside", "across", "within"})
# heads after which a demonym names the state's agents, so it can be a clause's subject
AGENT_HEADS = frozenset(
    {
        "government",
        "governments",
        "leadership",
        "leaders",
        "side",
        "forces",
        "troops",
        "soldiers",
        "navy",
        "army",
        "military",
        "air",
        "officials",
        "diplomats",
        "authorities",
        "president",
        "prime",
        "foreign",
        "defence",
        "defense",
        "ministry",
        "coast",
        "state",
        "administration",
        "companies",
        "firms",
    }
)
_CLAUSE_WORDS = frozenset(
    {
        "and",
        "but",
        "that",
        "because",
        "since",
        "as",
        "while",
        "when",
        "although",
        "though",
        "whereas",
        "why",
        "so",
        "if",
    }
)
_IT = re.compile(r"\b(?:it|its|itself)\b", re.IGNORECASE)
_EXPLETIVE_IT = re.compile(
    r"\s+(?:is|was|[’']s|seems|seemed|appears|appeared|remains|(?:would|will|may|might|could|"
    r"can|must) be|takes|took|makes)\b",
    re.IGNORECASE,
)


def _prev_token(text: str, lo: int, pos: int) -> str:
    """Return the word or punctuation mark just before ``pos`` (not before ``lo``), lower-cased."""
    m = re.search(r"([\w’']+|[^\w\s])\s*$", text[max(lo, pos - 40) : pos])
    return m.group(1).lower() if m else ""


def _coordinated(text: str, end: int, start: int) -> bool:
    gap = text[end:start]
    return re.fullmatch(r"\s*,?\s*(?:and|or)\s+(?:the\s+)?|\s*,\s*", gap) is not None


def _subject(refs: list[_Refs]) -> _Refs | None:
    """Return the first name of a clause that is not after a preposition nor a modifying demonym."""
    for r in refs:
        if not r.obj and not r.adjective and len(r.codes) == 1:
            return r
    return None


_COPULA = re.compile(
    r"\s+(?:\w+ly\s+)?(?:is|was|are|were|has become|have become|became|becomes|remains|"
    r"remained)\s+(?:now\s+|also\s+)?$"
)
_BOUNDARY = re.compile(r"[,;:—–]|\b(?:that|because|while|but|if|when|although|whereas)\b")


def _clause_subjects(text: str, lo: int, before: list[_Refs]) -> list[_Refs]:
    """Return the subject of each clause (in order) among ``before``, the names before a pronoun.

    Clauses end at punctuation or a subordinating word, except the commas of a list of names
    ("India, Vietnam and Russia"); a clause's subject is its first name not after a preposition.
    """
    subjects: list[_Refs] = []
    clause_has_subject = False
    pos = lo
    for i, r in enumerate(before):
        gap = text[pos : r.start]
        listed = i > 0 and _COORD_GAP.fullmatch(gap) is not None
        if not listed and _BOUNDARY.search(gap):
            clause_has_subject = False
        if not clause_has_subject and not r.obj and len(r.codes) == 1:
            subjects.append(r)
            clause_has_subject = True
        pos = r.end
    return subjects


def _resolve_it(text: str, sent: Sentence, out: list[_Refs], memory: dict[str, Any]) -> list[_Refs]:
    """Resolve "it"/"its" to a state by recency and grammatical role (centering).

    A subject "it" (after a clause boundary) or a possessive "its" takes the subject of its own
    sentence when one precedes it, else the subject of the paragraph's previous sentence (the
    preferred centre, Grosz, Joshi & Weinstein 1995); an object "it" ("removing it") takes the
    nearest name outside its own clause (a pronoun object is not its clause's subject).
    Expletive "it" ("it is clear", "it takes") is not resolved.
    """
    found: list[_Refs] = []
    named = [r for r in out if not r.resolved and not r.place and not r.adjective]
    for m in _IT.finditer(text, sent.start, sent.end):
        named = sorted(named, key=lambda r: r.start)
        word = m.group(0).lower()
        if word == "it" and _EXPLETIVE_IT.match(text, m.end()):
            continue
        before = [r for r in named if r.end <= m.start()]
        prev = _prev_token(text, sent.start, m.start())
        target: tuple[str, ...] | None = None
        if word == "it" and prev not in _CLAUSE_WORDS and prev not in ("", ",", ";", "—", "–"):
            clause_start = sent.start
            for c in re.finditer(
                r"[,;—–]|\b(?:and|but|that|because|while)\b", text[sent.start : m.start()]
            ):
                clause_start = sent.start + c.end()
            outside = [r for r in before if r.end <= clause_start]
            if outside:
                target = outside[-1].codes
            elif not before and memory.get("subject"):
                target = (memory["subject"],)
        else:
            # a subject "it" or a possessive "its": the subject of its own clause, else of the
            # nearest clause before it, else of the paragraph's previous sentence
            subjects = _clause_subjects(text, sent.start, before)
            if subjects and _COPULA.match(text[subjects[-1].end : m.start()]) and len(subjects) > 1:
                target = subjects[-2].codes  # "China has become its creditor": not China's own
            elif subjects:
                target = subjects[-1].codes
            elif memory.get("subject"):
                target = (memory["subject"],)
        if target is not None:
            ref = _Refs(m.start(), m.end(), target, True, obj=prev in _OBJECT_PREPS)
            found.append(ref)
            if word == "it" and not ref.obj:
                named.append(ref)
    return found


def _last_pair(codes: list[str]) -> tuple[str, str] | None:
    seen: list[str] = []
    for code in reversed(codes):
        if code not in seen:
            seen.append(code)
        if len(seen) == 2:
            return (seen[1], seen[0])
    return None


# --------------------------------------------------------------------------------------------
# relations


def _nearest_trigger(
    text: str, start: int, end: int, anchor: int
) -> tuple[int, str, int, int] | None:
    """Return the trigger in ``text[start:end]`` nearest to ``anchor`` (sanctions first)."""
    best: tuple[int, int, str, int, int] | None = None
    cands: list[tuple[int, str, int, int]] = []
    for pattern, sign, kind in rules.RELATION_RE:
        for m in pattern.finditer(text, start, end):
            dist = min(abs(m.start() - anchor), abs(m.end() - anchor))
            rank = 0 if kind == "sanctions" else 1
            cand = (rank, dist, kind, m.start(), m.end())
            cands.append((sign, kind, m.start(), m.end()))
            if best is None or cand[:2] < best[:2]:
                best = cand
    if best is None:
        return None
    kind = best[2]
    sign = next(s for _, s, k in rules.RELATION_TRIGGERS if k == kind)
    chosen = (sign, kind, best[3], best[4])
    # a word of the other sign that governs or modifies the trigger wins: "cancel his visit",
    # "sacrifice its ties", "strained ties" (the head noun's sign is the governor's to change)
    for cand2 in sorted(cands, key=lambda c: -c[2]):
        if cand2[0] != chosen[0] and cand2[3] <= chosen[2] and chosen[1] != "sanctions":
            gap = text[cand2[3] : chosen[2]]
            words = {w.lower() for w in _words(gap)}
            blocking = (_CLAUSE_WORDS | _OBJECT_PREPS) - {"to"}  # "refused to meet": governs
            if len(words) <= 2 and _clause_ok(gap) and not words & blocking:
                return cand2
    return chosen


def _modality(text: str, sent: Sentence, trig_start: int, trig_end: int, first: int) -> str:
    window_start = max(sent.start, min(first, trig_start) - 60)
    before = text[window_start:trig_start]
    neg = [
        m
        for m in rules.NEGATION_RE.finditer(before)
        if not re.match(r"not only", before[m.start() : m.start() + 8], re.I)
    ]
    # the verb group right after a noun trigger ("this partnership will not survive")
    after = text[trig_end : _window_fwd(text, trig_end, sent.end, 3)]
    if (neg and _ntok(before[neg[-1].start() :]) <= 8) or re.match(
        r"\s*(?:\w+\s+)?(?:not|never|cannot|\w+n[’']t|unlikely)\b", after
    ):
        return "negated"
    if rules.HYPOTHETICAL_RE.search(text, sent.start, max(trig_end, first)) or re.match(
        r"\s*(?:will|would|could|may|might|shall|is likely|are likely)\b", after
    ):
        return "hypothetical"
    return "asserted"


def _window_back(text: str, pos: int, limit: int, n_tokens: int) -> int:
    """Start of a window of up to ``n_tokens`` words before ``pos`` that crosses no punctuation."""
    start = pos
    for count, m in enumerate(reversed(list(re.finditer(r"\S+", text[limit:pos])))):
        if _PUNCT_STOP.search(m.group(0)) or count >= n_tokens:
            break
        start = limit + m.start()
    return start


def _window_fwd(text: str, pos: int, limit: int, n_tokens: int) -> int:
    end = pos
    for count, m in enumerate(re.finditer(r"\S+", text[pos:limit])):
        word = m.group(0)
        if count >= n_tokens:
            break
        end = pos + m.end()
        if _PUNCT_STOP.search(word) or word.endswith((".", ",", ";", ":")):
            break
    return end


_COORD_GAP = re.compile(
    r"\s*,\s*(?:and\s+|or\s+)?(?:the\s+)?|\s+(?:and|or|as well as)\s+(?:the\s+)?|"
    r"\s*\(\s*(?:along|together) with\s+(?:the\s+)?|\s+but also\s+(?:the\s+)?"
)
_COMITATIVE = re.compile(
    r"\b(?:along|together) with\s+(?:the\s+)?$|\balongside\s+(?:the\s+)?$", re.I
)
_OBJECT_LINK = re.compile(
    r"^\s+(?:\w+\s+){0,2}?(?:with|against|towards|toward|on|to|over|from)\s+(?:(?:the|a|an|[a-z]+ly|"
    r"rising|growing|assertive|powerful|more|new|its|their)\s+){0,3}$"
)


def _groups(text: str, srefs: list[_Refs]) -> dict[int, list[_Refs]]:
    """Group coordinated names by the start of each member.

    "India, Vietnam and Russia", "Japan (along with India)", "not only China but also Russia":
    each member's start maps to the other members of its group.
    """
    names = [r for r in srefs if not r.resolved and len(r.codes) == 1]
    chains: list[list[_Refs]] = []
    for r in names:
        if chains and _COORD_GAP.fullmatch(text[chains[-1][-1].end : r.start]):
            chains[-1].append(r)
        else:
            chains.append([r])
    out: dict[int, list[_Refs]] = {}
    for chain in chains:
        if len(chain) > 1:
            for r in chain:
                out[r.start] = [m for m in chain if m is not r]
    return out


def _relations(text: str, sent: Sentence, srefs: list[_Refs]) -> list[RelationOut]:
    """Relations of one sentence, one per unordered pair (the first rule to fire wins).

    Rules, in order: a hyphenated or coordinated pair with a trigger near it ("US-Japan
    alliance", "Russia and China held drills"); a comitative ("took part ... along with the
    Japanese": the clause's subject and the companion); a resolved pair reference ("the two
    countries signed"); a trigger between two names of one clause with no third name between
    them; a trigger governing a prepositional object ("contend with a rising China", "a closer
    partnership with India") paired with the clause's subject (the source/target reading of
    event coders such as PETRARCH, Norris, Schrodt & Beieler 2017, approximated without a
    parser); then every relation found for one member of a coordination ("Greece and France
    ... tensions with Turkey") is given to the other members.
    """
    found: dict[tuple[str, str], RelationOut] = {}
    used: set[tuple[int, int]] = set()
    made: list[tuple[_Refs, _Refs, tuple[int, str, int, int]]] = []

    def add(
        a: str,
        b: str,
        trig: tuple[int, str, int, int],
        rule: str,
        conf: float,
        first: int,
        refs: tuple[_Refs, _Refs] | None = None,
    ) -> None:
        if a == b:
            return
        key = (a, b) if a < b else (b, a)
        if key in found:
            return
        sign, kind, ts, te = trig
        found[key] = RelationOut(
            key[0],
            key[1],
            sign,
            kind,
            _modality(text, sent, ts, te, first),
            (sent.start, sent.end),
            text[ts:te],
            (ts, te),
            rule,
            conf,
        )
        if refs is not None:
            made.append((refs[0], refs[1], trig))

    if sent.question:
        return []
    sides = [r for r in srefs if not r.place]
    # 1. hyphenated and coordinated pairs
    for r1, r2 in itertools.pairwise(sides):
        gap = text[r1.end : r2.start]
        if not re.fullmatch(r"\s*[-–‐]\s*|\s+and\s+(?:the\s+)?|\s*/\s*", gap):
            continue
        lo = _window_back(text, r1.start, sent.start, 4)
        hi = _window_fwd(text, r2.end, sent.end, 6)
        trig = _nearest_trigger(text, lo, hi, r2.end)
        listed = any(re.fullmatch(r"\s*,\s*", text[r0.end : r1.start]) for r0 in sides)
        if trig is None or r1.start <= trig[2] < r2.end or listed:
            continue
        if (
            trig[0] < 0
            and trig[2] >= r2.end
            and any(
                r.start >= trig[3] and _OBJECT_LINK.match(text[trig[3] : r.start]) for r in srefs
            )
        ):
            continue  # "Russia and China protested against the US": co-agents, not rivals
        for a in r1.codes:
            for b in r2.codes:
                rule = "hyphen-pair" if "and" not in gap else "coordinated-pair"
                add(a, b, trig, rule, 0.9, r1.start)
        used.add((trig[2], trig[3]))
    # 2. comitative: "along with the Japanese" pairs the clause's subject with the companion
    for i, r in enumerate(sides):
        m = _COMITATIVE.search(text, max(sent.start, r.start - 30), r.start)
        if m is not None and text[max(sent.start, m.start() - 2) : m.start()].strip() == "(":
            continue  # "Japan (along with India)" is a coordination, not a companion
        subject = _subject([x for x in reversed(sides[:i]) if not x.resolved])
        if m is not None and subject is not None:
            trig = (1, "cooperation", m.start(), m.end())
            add(subject.codes[0], r.codes[0], trig, "comitative", 0.7, subject.start)
    groups = _groups(text, sides)
    for r1 in srefs:
        # 3. a resolved pair reference followed by its own verb ("they stabilise", "the two
        # countries signed") or next to a trigger ("negative consequences for bilateral relations")
        if r1.resolved and len(r1.codes) == 2 and not r1.each:
            word = text[r1.start : r1.end].lower()
            if word not in ("their", "them"):
                lo = _window_back(text, r1.start, sent.start, 5)
                hi = _window_fwd(text, r1.end, sent.end, 4)
                trig = _nearest_trigger(text, lo, hi, r1.end)
                if trig is not None and (word != "they" or trig[2] >= r1.end):
                    add(r1.codes[0], r1.codes[1], trig, "pair-reference", 0.7, r1.start)
        # 4. a trigger between two names of one clause (a place may be a side here:
        # "demonstrators in Baghdad blocked ...")
        if r1.place and any(r.start < r1.start and not r.place for r in srefs):
            continue  # a place is a side only as the sentence's first name ("protesters in Baghdad")
        for r2 in sides:
            if r2.start <= r1.start:
                continue
            if r2.start < r1.end:
                continue
            if r2.start - r1.end > 300:
                break  # refs are in text order: nothing further can pair with r1
            gap = text[r1.end : r2.start]
            if re.fullmatch(r"\s*[-–‐]\s*|\s+and\s+(?:the\s+)?|\s*/\s*", gap):
                continue
            if (r1.resolved and r2.resolved) or re.fullmatch(r"\s*(?:but also|,)\s*", gap):
                continue
            bare = re.sub(r"\([^)]*\)", " ", gap)
            if _ntok(bare) > 15 or not _clause_ok(bare):
                continue
            for a in r1.codes:
                for b in r2.codes:
                    if a == b:
                        continue
                    inside = [
                        r
                        for r in srefs
                        if r1.end <= r.start
                        and r.end <= r2.start
                        and not _in_parens(text, r, r1.end, r2.start)
                        and not set(r.codes) <= {a, b}
                        and r not in groups.get(r2.start, [])
                    ]
                    if inside:
                        continue
                    head = (
                        re.match(r"\s+[\w-]+", text[r2.end : r2.end + 30]) if r2.adjective else None
                    )
                    own_head = head and _nearest_trigger(text, r2.end, r2.end + head.end(), r2.end)
                    if own_head and own_head[0] > 0:
                        own_head = None  # only conflict heads: "American sanctions", not "Senegalese peace plan"
                    # "the risk of American sanctions": the demonym's own head noun is the trigger
                    trig = own_head or _nearest_trigger(text, r1.end, r2.start, r2.start)
                    if trig is None and _ntok(bare) <= 6:
                        hi = _window_fwd(text, r2.end, sent.end, 3)
                        trig = _nearest_trigger(text, r1.end, hi, r2.end)
                    if trig is not None and (trig[2], trig[3]) not in used:
                        between = any(
                            r1.end <= r.start
                            and r.end <= r2.start
                            and r not in groups.get(r2.start, [])
                            and r not in groups.get(r1.start, [])
                            for r in srefs
                        )
                        pair_refs = None if between else (r1, r2)
                        add(a, b, trig, "trigger-between", 0.7, r1.start, pair_refs)
    # 5. a trigger with a prepositional object, paired with the clause's subject
    for i, x in enumerate(sides):
        if x.resolved:
            continue
        link_lo = max(sent.start, x.start - 60)
        for trig_cand in [_nearest_trigger(text, link_lo, x.start, x.start)]:
            if trig_cand is None:
                continue
            if not _OBJECT_LINK.match(text[trig_cand[3] : x.start]):
                continue
            before = [r for r in sides[:i] if r.end <= trig_cand[2] and not r.place]
            subject = None
            for r in reversed(before):
                if not r.obj and not r.adjective and len(r.codes) == 1:
                    subject = r
                    break
            if subject is not None and (trig_cand[2], trig_cand[3]) not in used:
                add(
                    subject.codes[0],
                    x.codes[0],
                    trig_cand,
                    "subject-object",
                    0.5,
                    subject.start,
                    (subject, x),
                )
    # 6. coordination: a relation of one member goes to the others
    for r1, r2, trig in list(made):
        for mine, other in ((r1, r2), (r2, r1)):
            for member in groups.get(mine.start, []):
                if member.start in (other.start,) or member in groups.get(other.start, []):
                    continue
                add(
                    member.codes[0],
                    other.codes[0],
                    trig,
                    "coordination",
                    0.7,
                    min(member.start, other.start),
                )
    return list(found.values())


def _in_parens(text: str, r: _Refs, lo: int, hi: int) -> bool:
    seg = text[lo:hi]
    for m in re.finditer(r"\([^)]*\)", seg):
        if lo + m.start() <= r.start and r.end <= lo + m.end():
            return True
    return False


# --------------------------------------------------------------------------------------------
# events


def _events(
    text: str, sent: Sentence, srefs: list[_Refs], lexicon: Lexicon, ref_date: dt.date | None
) -> list[EventOut]:
    if sent.question:
        return []
    anchors: list[tuple[int, int, str]] = []
    for m in rules.EVENT_TRIGGER_RE.finditer(text, sent.start, sent.end):
        pre = text[max(sent.start, m.start() - 40) : m.start()]
        if rules.UNREAL_BEFORE_RE.search(pre):
            continue
        anchors.append((m.start(), m.end(), m.group(0)))
    for m in _exercise_pattern(tuple(lexicon.exercises)).finditer(text, sent.start, sent.end):
        anchors.append((m.start(), m.end(), m.group(0)))
    if not anchors:
        return []
    anchors.sort()
    # merge anchors within five words of each other into one cluster
    dates = find_dates(text, sent.start, sent.end, ref_date)
    clusters: list[list[tuple[int, int, str]]] = []
    for a in anchors:
        if clusters:
            lo, hi = clusters[-1][-1][1], a[0]
            dated = any(lo <= d.start < hi for d in dates)
            if _ntok(text[lo:hi]) <= 8 and _clause_ok(text[lo:hi]) and not dated:
                clusters[-1].append(a)
                continue
        clusters.append([a])
    attached: dict[int, list[Any]] = {}
    for d in dates:
        before = [k for k, c in enumerate(clusters) if c[0][0] <= d.start]
        k = before[-1] if before else 0
        attached.setdefault(k, []).append(d)
    out: list[EventOut] = []
    limit = sent.start
    for k, cluster in enumerate(clusters):
        ds = attached.get(k, [])
        strong = any(rules.STRONG_EVENT_RE.fullmatch(a[2]) for a in cluster) or any(
            a[2] in lexicon.exercises for a in cluster
        )
        if not ds and (not strong or any(e.date is None for e in out)):
            continue
        start = _clause_start(text, cluster[0][0], limit)
        limit = max([cluster[-1][1], *(d.end for d in ds)])
        end = (
            max(cluster[-1][1], *(d.end for d in ds))
            if ds
            else _window_fwd(text, cluster[-1][1], sent.end, 6)
        )
        end = min(end, sent.end)
        actors = sorted({c for r in srefs if start <= r.start < end for c in r.codes})
        date = ds[0].value if ds else None
        what = text[start:end].strip(" ,.;")
        out.append(
            EventOut(
                date,
                actors,
                what,
                (start, end),
                cluster[0][2],
                "event-trigger+date" if ds else "event-trigger",
                0.9 if ds else 0.5,
            )
        )
    return out


@functools.lru_cache(maxsize=8)
def _exercise_pattern(names: tuple[str, ...]) -> re.Pattern[str]:
    alts = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(r"(?<![\w])(?:" + alts + r")(?![\w])")


def _clause_start(text: str, pos: int, limit: int) -> int:
    """Walk back from ``pos`` to the start of its noun phrase / clause (at most 8 words)."""
    start = pos
    for count, m in enumerate(reversed(list(re.finditer(r"\S+", text[limit:pos])))):
        word = m.group(0)
        if (
            word.endswith((",", ";", ":", "—", "("))
            or word.lower() in rules.CLAUSE_STOP
            or count >= 8
        ):
            break
        start = limit + m.start()
    return start


# --------------------------------------------------------------------------------------------
# claims

_HOLDER_ACCORDING = re.compile(
    r"\b(?i:according to) (?:their |the )?((?:[A-Z][\w-]*\s+(?:[A-Z][\w-]*\s+)?(?:and\s+[A-Z][\w-]*\s+)?)?(?i:"
    + rules.HOLDER_NOUNS
    + r"))"
)
_HOLDER_VERB = re.compile(
    r"((?:(?i:both|most|many|several|some|a|an)\s+)?(?:(?i:the)\s+)?(?:(?i:former)\s+)?"
    r"(?:[A-Z][\w-]*\s+(?:[A-Z][\w-]*\s+)?(?:and\s+[A-Z][\w-]*\s+)?)?(?i:"
    + rules.HOLDER_NOUNS
    + r")(?:\s+(?:in|from|at)\s+[A-Z][\w-]*)?)\s+(?:\w+\s+)?(?i:"
    + rules.ATTRIBUTION_VERBS
    + r")\b"
)
_HOLDER_GROUP = re.compile(
    r"((?:[A-Z][\w-]*\s+(?:[A-Z][\w-]*\s+)?(?:and\s+[A-Z][\w-]*\s+)?)(?i:"
    + rules.HOLDER_NOUNS
    + r"))\b"
)
_HOLDER_FIRST = re.compile(
    r"\b(?:in my view|in my opinion|i think|i believe|i would say|i expect|i do not think|"
    r"i don[’']t think|as i mentioned|i see|i would argue)\b",
    re.IGNORECASE,
)
_HOLDER_THERE = re.compile(
    r"\bthere (?:is|are|was|were|have been|has been) (?:a |an |the )?"
    r"(view|views|expectation|concerns?|fears?|hopes?)(?: in (the [A-Z]\w+|[A-Z]\w+))?",
    re.IGNORECASE,
)
_HOLDER_SEEN = re.compile(
    r"\bin ([A-Z][\w ]+?),? (?:they|it|such steps|this) (?:are|is) (?:seen|perceived|viewed)"
)
_HOLDER_VIEW = re.compile(
    r"\b([A-Z][\w ]+?) (?:also )?(?:had|has|holds|held) an? (?:\w+ ){0,2}view that"
)


def _holder_in(
    text: str, start: int, end: int, interview: bool
) -> tuple[str, Span | None, str] | None:
    chunk = text[start:end]
    m: re.Match[str] | None
    if (m := _HOLDER_FIRST.search(chunk)) is not None:
        who = "the interviewee" if interview else "the author"
        return who, (start + m.start(), start + m.end()), "holder:first-person"
    if (m := _HOLDER_ACCORDING.search(chunk)) is not None:
        return m.group(1), (start + m.start(1), start + m.end(1)), "holder:according-to"
    if (m := _HOLDER_VERB.search(chunk)) is not None:
        who = re.sub(r"^(?i:both|most|many|the)\s+", "", m.group(1))
        return who, (start + m.start(1), start + m.end(1)), "holder:attribution-verb"
    if (m := _HOLDER_THERE.search(chunk)) is not None:
        noun = m.group(1).lower()
        article = "an" if noun[0] in "aeiou" else "a"
        who = (
            f"{noun} in {m.group(2)}"
            if m.group(2)
            else noun
            if noun.endswith("s")
            else f"{article} {noun}"
        )
        if noun == "views":
            who = "views"
        return who, (start + m.start(), start + m.end()), "holder:there-is"
    seen = list(_HOLDER_SEEN.finditer(chunk))
    if seen:
        m = seen[-1]
        return f"the view in {m.group(1)}", (start + m.start(1), start + m.end(1)), "holder:seen-in"
    if (m := _HOLDER_VIEW.search(chunk)) is not None:
        return m.group(1).strip(), (start + m.start(1), start + m.end(1)), "holder:has-view"
    if (m := _HOLDER_GROUP.search(chunk)) is not None:
        return m.group(1), (start + m.start(1), start + m.end(1)), "holder:group"
    return None


def _condition(text: str, sent: Sentence) -> tuple[Span, str, str] | None:
    """(condition span, rule, where the consequence is: 'after' or 'before')."""
    s, e = sent.start, sent.end
    chunk = text[s:e]
    m = re.search(r"\bin the event of (.+?)(?:,|$)", chunk, re.IGNORECASE)
    if m:
        return (s + m.start(1), s + m.end(1)), "condition:in-the-event-of", "after"
    m = re.search(r"\b[Ii]f (.+?)(?:,\s*then\b|, |\bthen\b|[.!?]?$)", chunk)
    if m:
        return (
            (s + m.start(1), s + m.end(1)),
            "condition:if",
            "after" if m.start() < len(chunk) / 2 else "before",
        )
    m = re.search(r"\b[Aa]s long as (.+?)(?:,|$)", chunk)
    if m:
        return (
            (s + m.start(1), s + m.end(1)),
            "condition:as-long-as",
            "after" if m.start() < len(chunk) / 2 else "before",
        )
    m = re.search(r"\bdepends? on (.+?)(?:[.,;]|$)", chunk, re.IGNORECASE)
    if m:
        return (s + m.start(1), s + m.end(1)), "condition:depends-on", "before"
    m = re.search(
        r"\b(?:wants?|seeks?|aims?|needs?|tries|hopes?) to (.+?) in order to\b",
        chunk,
        re.IGNORECASE,
    )
    if m:  # the means of a means-end statement is its condition, the end its consequence
        return (s + m.start(1), s + m.end(1)), "condition:means-end", "after"
    m = re.search(r"\bbest served by (.+?)(?:,|$)", chunk, re.IGNORECASE)
    if m:
        return (s + m.start(1), s + m.end(1)), "condition:served-by", "before"
    m = re.search(r"\bthe possibility that (.+?)(?:, which|\bwould\b|,|$)", chunk, re.IGNORECASE)
    if m:
        return (s + m.start(1), s + m.end(1)), "condition:possibility-that", "after"
    m = re.search(
        r"^(?:\w+, )?(This|That|These)\s+(?:\w+ly\s+)?(?:will\s+|would\s+|may\s+)?(?:\w+ly\s+)?"
        r"(?:pushed|push|led|lead|caused|cause|affect\w*|drove|forced)\b",
        chunk,
    )
    if m:
        return (s + m.start(1), s + m.end(1)), "condition:demonstrative-cause", "after"
    m = re.search(
        r"(?:^|\bthat |, )((?:\w[\w’'-]*\s+){0,5}\w[\w’'-]*)\s+(?:may|might|could|would|will)\s+"
        r"(?:\w+ly\s+)?(?:cause|lead to|result in|bring|give|push|allow|create|resolve|weaken|"
        r"strengthen|undermine|boost|hurt|help|do more|do less)\b",
        chunk,
    )
    if m and not re.match(r"(?i)(this|it|they|he|she|we|i)$", m.group(1).strip()):
        return (s + m.start(1), s + m.end(1)), "condition:subject-cause", "after"
    m = re.search(r"\b(\w+ing\s+(?:the\s+)?[\w\s-]+?)\s+(?:that|which)\s+would\b", chunk)
    if m:
        return (s + m.start(1), s + m.end(1)), "condition:gerund-would", "after"
    m = re.search(
        r"\bthe (?:country|state|side|power|one|actor) that (.+?)\s+(?:could|would|will|may|might)\b",
        chunk,
    )
    if m:
        return (s + m.start(1), s + m.end(1)), "condition:the-one-that", "after"
    return None


def _direction(consequence: str, sentence_text: str) -> str | None:
    inc = [(m.start(), "increase") for m in rules.INCREASE_RE.finditer(consequence)]
    dec = [(m.start(), "decrease") for m in rules.DECREASE_RE.finditer(consequence)]
    words = sorted(inc + dec)
    neg = any(
        not re.match(r"not only", consequence[m.start() : m.start() + 8], re.I)
        for m in rules.NEGATION_RE.finditer(consequence)
    ) or bool(re.search(r"\bunlikely\b|\bnot so sure\b", sentence_text, re.I))
    if not words:
        return "decrease" if neg else None
    direction = words[-1][1]
    if neg:
        direction = "decrease" if direction == "increase" else "increase"
    return direction


def _metric(consequence: str, n_actors: int, condition: str = "") -> str:
    for part in (consequence, condition):
        for name, pattern in rules.METRIC_CUES:
            if pattern.search(part):
                return name
    return "relation" if n_actors >= 2 else "strategic_space" if n_actors == 1 else "bipolarity"


def _horizon(text: str, ref_year: int | None) -> int | None:
    m = re.search(r"\bnext (\w+) years\b", text, re.IGNORECASE)
    if m:
        word = m.group(1).lower()
        n = int(word) if word.isdigit() else rules.NUMBER_WORDS.get(word)
        if n:
            return n
    m = re.search(r"\bby (20\d\d)\b", text)
    if m and ref_year is not None:
        return max(1, int(m.group(1)) - ref_year)
    for pattern, years in rules.HORIZON_CUES:
        if pattern.search(text):
            return years
    return None


def _claim_cues(text: str, sent: Sentence) -> list[str]:
    body = rules.SPEAKER_PLAN_RE.sub(" ", text[sent.start : sent.end])
    body = re.sub(r"(?i)\bI would say\b", " ", body)
    cues = []
    for name, pattern in (
        ("conditional", rules.CONDITIONAL_RE),
        ("forward", rules.FORWARD_RE),
        ("causal", rules.CAUSAL_RE),
        ("level", rules.LEVEL_RE),
    ):
        if pattern.search(body):
            cues.append(name)
    return cues


_DESC_CACHE: dict[tuple[int, str], frozenset[str]] = {}
_WORDS_CACHE: dict[int, frozenset[str]] = {}
_ISSUE_CACHE: dict[tuple[int, str], tuple[frozenset[str], frozenset[str]]] = {}


def _actor_words(lexicon: Lexicon) -> frozenset[str]:
    key = id(lexicon)
    if key not in _WORDS_CACHE:
        if len(_WORDS_CACHE) > 64:
            _WORDS_CACHE.clear()
        _WORDS_CACHE[key] = frozenset(  # states' names, not the words of organisations' names
            w.lower()
            for s, e in lexicon.entries.items()
            for w in (s.split() if e.kind == "state" else [s] if " " not in s else [])
        )
    return _WORDS_CACHE[key]


def _intervention_words(inter: dict[str, Any], lexicon: Lexicon) -> frozenset[str]:
    desc = f"{inter.get('name', '')} {inter.get('description', '')}".replace("-", " ")
    key = (id(lexicon), "I:" + desc + repr(inter.get("changes", ())))
    if key not in _DESC_CACHE:
        have = {_stem(w) for w in _words(desc) if w.lower() not in _STOP and len(w) > 3}
        have |= _desc_codes(desc, lexicon)
        have |= {w.upper() for w in _words(inter.get("name", "")) if len(w) == 3}
        for change in inter.get("changes", []):
            have |= set(re.findall(r"\b[A-Z]{3}\b", str(change.get("target", ""))))
        _DESC_CACHE[key] = frozenset(have)
    return _DESC_CACHE[key]


def _desc_codes(desc: str, lexicon: Lexicon) -> frozenset[str]:
    key = (id(lexicon), desc)
    if key not in _DESC_CACHE:
        if len(_DESC_CACHE) > 4096:
            _DESC_CACHE.clear()
        _DESC_CACHE[key] = frozenset(r.code for r in find_refs(desc, lexicon) if r.relational)
    return _DESC_CACHE[key]


def _match_intervention(
    cond_text: str,
    cond_codes: Iterable[str],
    ctx: ScenarioContext,
    lexicon: Lexicon,
    *,
    loose: bool = False,
) -> tuple[str | None, float]:
    """Return the scenario intervention whose name and description share most with a condition.

    Score: shared content-word stems, plus one if the condition's actors are all among the
    intervention's; a match needs a score of 2 with at least one shared word.
    """
    actor_words = _actor_words(lexicon)
    want = {
        _stem(w)
        for w in _words(cond_text)
        if w.lower() not in _STOP and len(w) > 3 and w.lower() not in actor_words
    }
    codes = set(cond_codes)
    if not want:
        return None, 0.0
    best: tuple[float, str | None] = (0.0, None)
    for inter in ctx.interventions:
        have = _intervention_words(inter, lexicon)
        common = want & have
        shared = len(common)
        if loose and shared == 1 and len(next(iter(common))) >= 6:
            shared = 2  # one long shared word is enough for a resolved demonstrative
        bonus = 1.0 if len(codes) >= 2 and codes <= have else 0.0
        score = shared + bonus if shared else 0.0
        if score > best[0]:
            best = (score, inter.get("name"))
    return (best[1], best[0]) if best[0] >= 2 else (None, best[0])


def _counterfactual(name: str, ctx: ScenarioContext) -> bool:
    """Whether an intervention undoes something ("no-sanctions-2014", "Counterfactual: no ...")."""
    for inter in ctx.interventions:
        if inter.get("name") == name:
            desc = str(inter.get("description", "")).lower()
            return (
                name.startswith("no-")
                or desc.startswith("counterfactual")
                or bool(inter.get("revert"))
            )
    return False


def _claims(
    text: str,
    sent: Sentence,
    prev: Sentence | None,
    last: ClaimOut | None,
    srefs: list[_Refs],
    holder_memory: dict[int, list[tuple[int, str, Span | None]]],
    interview: bool,
    ctx: ScenarioContext,
    lexicon: Lexicon,
    ref_year: int | None,
    question_para: bool,
) -> ClaimOut | None:
    if sent.question or question_para:
        return None
    if re.search(
        r"\bthere (?:was|were) an? (?:expectation|hope|belief)\b|\bthat expectation\b",
        text[sent.start : sent.end],
        re.IGNORECASE,
    ):
        return None  # a past expectation reported as history, not a claim
    cues = _claim_cues(text, sent)
    if not cues:
        return None
    conf = 0.9
    found = _holder_in(text, sent.start, sent.end, interview)
    if found is not None:
        holder, holder_span, hrule = found
    else:
        mem = holder_memory.get(sent.paragraph, [])
        before = [h for h in mem if h[0] < sent.start]
        after = [h for h in mem if h[0] > sent.start]
        if before:
            holder, holder_span, hrule = before[-1][1], before[-1][2], "holder:paragraph-carry"
        elif after:
            holder, holder_span, hrule = after[0][1], after[0][2], "holder:paragraph-next"
        else:
            holder = "the interviewee" if interview else "the author"
            holder_span, hrule = None, "holder:default"
        conf = 0.7 if before or after else 0.5
    cond = _condition(text, sent)
    if cond is not None:
        (cs, ce), crule, side = cond
        condition: str | None = text[cs:ce]
        cond_span: Span | None = (cs, ce)
        cons_span = (ce, sent.end) if side == "after" else (sent.start, cs)
    else:
        condition, cond_span, crule = None, None, "condition:none"
        cons_span = (sent.start, sent.end)
    consequence = text[cons_span[0] : cons_span[1]].strip(" ,.—–")
    cons_codes = [c for r in srefs if cons_span[0] <= r.start < cons_span[1] for c in r.codes]
    all_codes = [c for r in srefs for c in r.codes]
    codes: list[str] = []
    for c in cons_codes + all_codes:
        if c not in codes:
            codes.append(c)
    metric = _metric(consequence, len(codes), condition or "")
    direction = _direction(consequence, text[sent.start : sent.end])
    if direction is None and metric in ("alignment", "same_bloc", "bipolarity"):
        direction = "increase"
    intervention = None
    counterfactual = False
    if condition is not None:
        cond_codes = [
            c
            for r in srefs
            if cond_span and cond_span[0] <= r.start < cond_span[1]
            for c in r.codes
        ]
        probe = condition
        if re.fullmatch(r"(?i)this|that|these", condition.strip()) and prev is not None:
            probe = text[prev.start : prev.end]  # "This pushed ...": what the last sentence said
            cond_codes = []
        intervention, _ = _match_intervention(
            probe, cond_codes, ctx, lexicon, loose=probe != condition
        )
        if intervention is not None and _counterfactual(intervention, ctx):
            counterfactual = True  # the intervention undoes the condition: the draft flips expect
            crule += "+counterfactual"
    elif last is not None and re.search(
        r"(?i)\b(?:such|this|that) (?:a )?(?:scenario|outcome|possibility)\b",
        text[sent.start : sent.end],
    ):
        # "both ... consider such a scenario unlikely": the scenario of the claim before
        condition, cond_span, intervention = last.condition, last.condition_span, last.intervention
        metric, codes = last.metric, list(last.actors)
        neg = re.search(r"(?i)\bunlikely\b|\bnot\b|\bnever\b", text[sent.start : sent.end])
        if last.direction is not None and neg:
            direction = "decrease" if last.direction == "increase" else "increase"
        crule = "condition:scenario-anaphora"
    return ClaimOut(
        holder=holder,
        holder_span=holder_span,
        condition=condition,
        condition_span=cond_span,
        consequence=consequence,
        consequence_span=cons_span,
        metric=metric,
        actors=codes,
        direction=direction,
        horizon=_horizon(text[sent.start : sent.end], ref_year),
        span=(sent.start, sent.end),
        intervention=intervention,
        counterfactual=counterfactual,
        cues=cues,
        rule=f"claim:{'+'.join(cues)};{hrule};{crule}",
        confidence=conf,
    )


# --------------------------------------------------------------------------------------------
# issues

_HIGH_STANCE = re.compile(
    r"\b(?:join\w*|support\w*|backs?|backed|favou?rs?|favou?red|welcom\w+|deploy\w*|"
    r"lean\w* (?:\w+ )?towards|push\w* for|call\w* for)\b",
    re.IGNORECASE,
)
_LOW_STANCE = re.compile(
    r"\b(?:oppos\w+|reject\w*|refus\w+|criticis\w+|criticiz\w+|condemn\w*|resist\w*)\b",
    re.IGNORECASE,
)


_GENERIC_ISSUE_WORDS = frozenset(
    [
        "indo",
        "pacific",
        "order",
        "versus",
        "region",
        "inclusive",
        "southern",
        "freedom",
        "status",
        "full",
        "maximum",
        "complete",
        "accept",
        "basis",
    ]
)


def _issue_keywords(
    issue: dict[str, Any], lexicon: Lexicon
) -> tuple[frozenset[str], frozenset[str]]:
    """Return an issue's keyword stems and the codes of the states its name names.

    Words of states' names, demonyms and capitals ("Russia", "Korean", "South") are not
    keywords: they name who, not what; a state named in the issue's id ("russia-sanctions") must be
    named in the sentence too.
    """
    state_words = {
        w.lower()
        for surface, e in lexicon.entries.items()
        if e.kind == "state"
        for w in surface.split()
    }
    words = _words(f"{issue.get('id', '').replace('-', ' ')} {issue.get('name', '')}")
    keys = frozenset(
        _stem(w)
        for w in words
        if len(w) >= 4
        and w.lower() not in _STOP
        and w.lower() not in state_words
        and w.lower() not in _GENERIC_ISSUE_WORDS
    )
    id_words = str(issue.get("id", "")).split("-")
    codes = frozenset(
        e.code
        for w in id_words
        for surface, e in lexicon.entries.items()
        if e.kind == "state" and " " not in surface and surface.lower() == w.lower()
    )
    return keys, codes


def _issues(
    text: str, sent: Sentence, srefs: list[_Refs], ctx: ScenarioContext, lexicon: Lexicon
) -> list[IssueOut]:
    out = []
    have = {_stem(w) for w in _words(text[sent.start : sent.end])}
    for issue in ctx.issues:
        ikey = (id(lexicon), str(issue.get("id")) + str(issue.get("name")))
        if ikey not in _ISSUE_CACHE:
            _ISSUE_CACHE[ikey] = _issue_keywords(issue, lexicon)
        keys, needed = _ISSUE_CACHE[ikey]
        hits = keys & have
        orgs = {_stem(k) for k, e in lexicon.entries.items() if e.kind != "state" and " " not in k}
        if not hits or (len(hits) < 2 and not any(len(h) >= 6 or h in orgs for h in hits)):
            continue
        codes = sorted({c for r in srefs for c in r.codes})
        if not needed <= set(codes):
            continue
        stances: dict[str, str] = {}
        for pattern, toward, away in (
            (_HIGH_STANCE, "toward_high", "toward_low"),
            (_LOW_STANCE, "toward_low", "toward_high"),
        ):
            for m in pattern.finditer(text, sent.start, sent.end):
                before = [r for r in srefs if r.end <= m.start() and len(r.codes) == 1]
                if not before:
                    continue
                gap = text[before[-1].end : m.start()]
                neg = rules.NEGATION_RE.search(gap) is not None
                stances.setdefault(before[-1].codes[0], away if neg else toward)
        out.append(IssueOut(str(issue.get("id")), (sent.start, sent.end), codes, stances))
    return out


# --------------------------------------------------------------------------------------------
# the reader


def extract(
    text: str,
    *,
    file: str = "<text>",
    scenario: ScenarioContext | None = None,
    date: dt.date | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Extraction:
    """Read a commentary text and return what it says about actors, relations, events, claims.

    Parameters
    ----------
    text : str
        The text as read (UTF-8 decoded, newlines kept); offsets refer to it.
    file : str
        The file name to report.
    scenario : ScenarioContext, optional
        The scenario whose codes, aliases, interventions and issues come first.
    date : datetime.date, optional
        The text's date, against which relative dates ("last May") are resolved.
    progress : callable, optional
        Called with (characters done, total) after each paragraph.

    Returns
    -------
    Extraction
        Actors with mentions, relations, events, claims and issues, each with its span.
    """
    ctx = scenario or ScenarioContext([], [], [])
    lexicon = build_lexicon(ctx.actors)
    paras = paragraphs(text)
    sents = sentences(text, paras)
    refs = find_refs(text, lexicon)
    interview = sum(p.question for p in paras) >= 2
    result = Extraction(file, date.isoformat() if date else None, len(text), interview, len(sents))

    scenario_codes = {a["code"] for a in ctx.actors}
    by_code: dict[str, ActorOut] = {}
    for r in refs:
        if not r.mention:
            continue
        if r.code not in by_code:
            name, kind = lexicon.names.get(r.code, (r.code, "state"))
            by_code[r.code] = ActorOut(r.code, name, kind, [], r.code in scenario_codes)
        by_code[r.code].mentions.append((r.start, r.end))
    result.actors = sorted(by_code.values(), key=lambda a: a.mentions[0][0])

    # holders mentioned anywhere in each paragraph (for carry-over and look-ahead)
    holder_memory: dict[int, list[tuple[int, str, Span | None]]] = {}
    for s in sents:
        h = _holder_in(text, s.start, s.end, interview)
        if h is not None and h[2] not in ("holder:there-is", "holder:seen-in"):
            holder_memory.setdefault(s.paragraph, []).append((s.start, h[0], h[1]))

    para_by_index: dict[int, Paragraph] = {p.index: p for p in paras}
    starts = [r.start for r in refs]
    orgs = frozenset(c for c, (_, kind) in lexicon.names.items() if kind != "state")
    memory: dict[str, Any] = {"starts": starts, "orgs": orgs}
    seen_events: set[tuple[int, str]] = set()
    prev_sentence: Sentence | None = None
    prev_claim_para = -1
    current_para = -1
    ref_year = date.year if date else ctx.start_year
    for s in sents:
        if s.paragraph != current_para:
            if progress is not None and current_para >= 0:
                progress(para_by_index[current_para].end, len(text))
            current_para = s.paragraph
            memory = {"leader": memory.get("leader"), "starts": starts, "orgs": orgs}
        srefs = _sentence_refs(text, s, refs, memory)
        sentence_relations = _relations(text, s, srefs)
        result.relations.extend(sentence_relations)
        for ev in _events(text, s, srefs, lexicon, date):
            ekey = (s.paragraph, ev.trigger.lower()[:6])
            if ev.date is None and ekey in seen_events:
                continue  # the same happening told again ("he had to cancel his visit")
            seen_events.add(ekey)
            result.events.append(ev)
        claim = _claims(
            text,
            s,
            prev_sentence,
            result.claims[-1] if result.claims and prev_claim_para == s.paragraph else None,
            srefs,
            holder_memory,
            interview,
            ctx,
            lexicon,
            ref_year,
            para_by_index[s.paragraph].question and interview,
        )
        if claim is not None:
            result.claims.append(claim)
            prev_claim_para = s.paragraph
        prev_sentence = s
        result.issues.extend(_issues(text, s, srefs, ctx, lexicon))
        codes = [c for r in srefs if not r.resolved and not r.place for c in r.codes]
        pair = _last_pair(codes)
        if pair is not None:
            memory["pair"] = pair
        subject = _subject([r for r in srefs if not r.place])
        if subject is not None:
            memory["subject"] = subject.codes[0]
        topics = memory.setdefault("topics", {})
        for rel in sentence_relations:
            if rel.rule in ("hyphen-pair", "coordinated-pair"):
                topics[(rel.a, rel.b)] = topics.get((rel.a, rel.b), 0) + 1
        own = [r for r in srefs if not r.resolved]
        for r1, r2 in itertools.pairwise(own):
            if re.fullmatch(r"\s*[-–‐]\s*|\s+and\s+(?:the\s+)?", text[r1.end : r2.start]):
                for a in r1.codes:
                    for b in r2.codes:
                        if a != b:
                            key = (a, b) if a < b else (b, a)
                            topics[key] = topics.get(key, 0) + 1
        objects = {r.start for r in srefs if r.obj}
        for r in refs[bisect.bisect_left(starts, s.start) : bisect.bisect_left(starts, s.end)]:
            if r.category == "leader" and (r.start not in objects or not memory.get("leader")):
                memory["leader"] = r.code  # "he" is the last leader named as a subject
    if progress is not None:
        progress(len(text), len(text))
    return result


def scenario_context(scenario: Any) -> ScenarioContext:
    """Build the reader's view of a loaded :class:`~equipoise.scenario.schema.Scenario`."""
    return ScenarioContext(
        actors=[a.model_dump() for a in scenario.actors],
        interventions=[i.model_dump() for i in scenario.interventions],
        issues=[i.model_dump() for i in scenario.issues],
        start_year=scenario.scenario.start_year,
    )


__all__ = [
    "ActorOut",
    "ClaimOut",
    "EventOut",
    "Extraction",
    "IssueOut",
    "RelationOut",
    "ScenarioContext",
    "extract",
    "scenario_context",
    "tokens",
]
