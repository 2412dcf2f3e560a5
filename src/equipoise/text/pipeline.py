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
   a pair classifier (:mod:`equipoise.text.pairmodel`) adds the pairs the rules miss;
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
from equipoise.text.actors import find_refs
from equipoise.text.dates import find_dates
from equipoise.text.gazetteer import Lexicon, build_lexicon
from equipoise.text.pairmodel import Candidate, candidates, default_model, second_opinion
from equipoise.text.relations import (
    RelationOut,
    _clause_ok,
    _last_pair,
    _ntok,
    _Refs,
    _relations,
    _sentence_refs,
    _stem,
    _subject,
    _window_fwd,
    _words,
)
from equipoise.text.segment import Paragraph, Sentence, paragraphs, sentences, tokens

Span = tuple[int, int]
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


@dataclass
class ActorOut:
    """An actor found in the text, with every mention."""

    code: str
    name: str
    kind: str
    mentions: list[Span]
    in_scenario: bool


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
    #: the candidate pairs the pair model scored, with ``keep_candidates`` (not in the JSON)
    candidates: list[Candidate] = field(default_factory=list, repr=False)

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


# --------------------------------------------------------------------------------------------
# events


def _events(
    text: str,
    sent: Sentence,
    srefs: list[_Refs],
    lexicon: Lexicon,
    ref_date: dt.date | None,
    anchor: str | None = None,
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
    if not anchors and rules.PAST_VERB_RE.search(text, sent.start, sent.end) is None:
        return []  # nothing to anchor an event: no need to read the sentence's dates
    dates = find_dates(text, sent.start, sent.end, ref_date, anchor)
    if dates:
        # round 7: any verb in the past tense is an event's anchor when the sentence dates
        # something ("a fishing boat sank ... on 2 April 2020", "Washington froze ... in August
        # 2019"); the trigger list alone fits the verbs of the texts it was written from. Such
        # an anchor makes an event only with a date attached (it is never a strong trigger).
        taken = {(a, b) for a, b, _ in anchors}
        for m in rules.PAST_VERB_RE.finditer(text, sent.start, sent.end):
            pre = text[max(sent.start, m.start() - 40) : m.start()]
            inside = any(a <= m.start() < b for a, b in taken)
            if not inside and not rules.UNREAL_BEFORE_RE.search(pre):
                anchors.append((m.start(), m.end(), m.group(0)))
    if not anchors:
        return []
    anchors.sort()
    # merge anchors within five words of each other into one cluster
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
        if before and _NEW_CLAUSE.search(text, clusters[k][-1][1], d.start):
            # "signed ... in June 2019, Russian instructors have trained ... since 2018": a
            # date past a clause break belongs to the next clause (round 6), unless it opens it
            after = [j for j, c in enumerate(clusters) if c[0][0] > d.start]
            if not after or _NEW_CLAUSE.search(text, d.end, clusters[after[0]][0][0]):
                continue
            k = after[0]
        attached.setdefault(k, []).append(d)
    out: list[EventOut] = []
    limit = sent.start
    for k, cluster in enumerate(clusters):
        ds = attached.get(k, [])
        if out and cluster[0][0] < out[-1].span[1]:
            continue  # inside the clause a fronted date gave the event before
        strong = any(rules.STRONG_EVENT_RE.fullmatch(a[2]) for a in cluster) or any(
            a[2] in lexicon.exercises for a in cluster
        )
        if not ds and (not strong or any(e.date is None for e in out)):
            continue
        start = _clause_start(text, cluster[0][0], limit)
        end = (
            max(cluster[-1][1], *(d.end for d in ds))
            if ds
            else _window_fwd(text, cluster[-1][1], sent.end, 6)
        )
        fronted = [d for d in ds if d.end <= cluster[0][0] and d.start >= limit]
        if fronted:
            # "On 3 January 2020 X was killed by ...", "At the Pau summit in January 2020, X
            # won ...": a fronted date opens the event's clause, which runs to its end (round 6)
            start = min(start, _clause_start(text, fronted[0].start, limit))
            stop = re.compile(r"[,;]|\s[—–]\s").search(text, cluster[-1][1], sent.end)
            end = max(end, stop.start() if stop else sent.end)
        elif (
            ds
            and _OPENER.match(text, start, end)
            and start <= sent.start + 1
            and text.startswith(",", end)
        ):
            # "At the Pau summit in January 2020, President Macron won ...": a fronted
            # prepositional phrase whose noun is the trigger dates the main clause after its
            # comma (round 6); a fronted clause with its own verb ("When Abe returned ... in
            # 2012, Russia had ...", "After the clash ... in June 2020, ...") is its own event
            stop = _CLAUSE_BREAK.search(text, end + 1, sent.end)
            end = stop.start() if stop else sent.end
        end = min(end, sent.end)
        limit = max([cluster[-1][1], *(d.end for d in ds)])
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


_CLAUSE_BREAK = re.compile(
    r";|,\s+(?:and|but|while|whereas)\s|,\s+(?:the\s+|their\s+)?[A-Z]|\s[—–]\s"
)

_OPENER = re.compile(r"\s*(?:At|During)\b")
# a new clause with its own subject and verb (not a list's comma: "with India, Japan and ...")
_NEW_CLAUSE = re.compile(
    r";|,\s+(?:and|but|while|whereas)\s|,\s+(?:the\s+|their\s+)?[A-Z][\w-]*\s+(?:\w+\s+){0,2}"
    r"(?-i:have|has|had|was|were|is|are|[a-z]+ed)\b"
)


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
#: capitalised words that open a sentence without being a holder's name: conjunctions and
#: sentence adverbs ("And officials in Taipei expect": round 9), quantifiers, articles and
#: conjunctions of condition ("Neither side", "If ministers": round 7)
_SENTENCE_OPENERS = (
    r"And|But|Yet|So|Still|Now|Then|Meanwhile|However|Instead|Also|Privately|Publicly|Indeed|"
    r"Moreover|Today|Even"
)
_QUANTIFIERS = (
    r"Neither|Either|Both|Each|If|When|While|Unless|The|A|An|One|All|Most|Some|Many|Several|Few|"
    r"Other|Former|Such|These|Those|This|That"
)
_HOLDER_VERB = re.compile(
    r"((?:(?i:both|most|many|several|some|a|an|one|two|three|a few|few|other|another|all)\s+)?"
    r"(?:(?i:the)\s+)?(?:(?i:former)\s+)?"
    r"(?:(?i:senior|leading|prominent|local|retired|influential)\s+)?"
    # a sentence-opening conjunction is no name ("And officials in Taipei expect": round 9)
    r"(?:(?!(?:" + _SENTENCE_OPENERS + r")\b)"
    r"[A-Z][\w-]*\s+(?:[A-Z][\w-]*\s+)?(?:and\s+[A-Z][\w-]*\s+)?)?(?i:"
    + rules.HOLDER_NOUNS
    # round 7: "officials in the Trump administration", "diplomats in the region"
    + r")(?:\s+(?:in|from|at|of)\s+(?:the\s+)?(?:[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,3}|"
    r"region|area|capital|administration|government|ministry)(?:\s+(?:administration|government|"
    r"ministry|cabinet))?)?)\s+(?:\w+\s+)?(?i:" + rules.ATTRIBUTION_VERBS + r")\b"
)
_HOLDER_GROUP = re.compile(
    # a capitalised quantifier or conjunction opening the sentence is no group's name
    # ("Neither side", "If ministers": round 7)
    r"((?:(?!(?:"
    + _QUANTIFIERS
    + r")\b)[A-Z][\w-]*\s+(?:[A-Z][\w-]*\s+)?(?:and\s+[A-Z][\w-]*\s+)?)(?i:"
    + rules.HOLDER_NOUNS
    + r"))\b"
)
_HOLDER_FIRST = re.compile(
    r"\b(?:in my view|in my opinion|i think|i believe|i would say|i expect|i do not think|"
    r"i don[’']t think|as i mentioned|i see|i would argue|"
    # round 7: more first-person stances ("I do not believe that one is coming", "I doubt")
    r"i do not believe|i don[’']t believe|i doubt|i suspect|i fear|i predict|i would expect|"
    r"i am (?:not )?(?:sure|convinced|confident)|i[’']m (?:not )?(?:sure|convinced|confident)|"
    r"i (?:would|do|did|can|could)(?: not|n[’']t)? (?:count on|bet|say|expect|think|believe|"
    r"doubt|suspect|fear|see|predict|judge|argue)|i (?:judge|hope|worry|reckon|wager)|"
    # round 6: the authors' plural ("We are less hopeful: in our view, ...")
    r"in our (?:view|opinion|judgement|judgment)|we (?:think|believe|expect|doubt|fear|"
    r"would argue|are (?:less|more|not) (?:hopeful|optimistic|pessimistic|sure|convinced)))\b",
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
# a document as the holder (round 6): "The report's conclusion is cautious: ...", "the study
# warns that ..."
_DOCUMENTS = (
    r"report|study|paper|survey|assessment|review|brief|analysis|memo|memorandum|panel|"
    r"conference|workshop|roundtable"
)
_HOLDER_DOCUMENT = re.compile(
    r"\b(?:[Aa]ccording to|[Ii]n the view of) (?:the|this) (" + _DOCUMENTS + r")\b|"
    r"\b(?:[Tt]he|[Tt]his) (" + _DOCUMENTS + r")(?=[’']s (?:conclusion|verdict|"
    # round 7: any document's judgement ("The brief's judgement is cautious"; "This paper argues")
    r"view|assessment|authors?|finding|judge?ment|reading|recommendation)|\s+(?:concludes?|"
    r"finds?|warns?|argues?|suggests?|predicts?|expects?|notes?|says?|judges?|recommends?|"
    r"concluded|found|warned|argued|suggested|predicted|expected|noted|said|judged|"
    r"recommended)\b|"
    # round 14: "The panel doubted, however, that ..." (round 13); these verbs hold a view
    # only before "that" ("the conference agreed on a ceasefire" is a decision: cold review)
    r"\s+(?:doubts?|doubted|believes?|believed|agreed|agrees)(?:,[^,]{1,25},)?\s+that\b)"
)
#: round 16: a state, a capital or "some in" one opening the sentence with a belief ("Moscow
#: fears that", "New Delhi fears that", "Some in Tokyo hope that": round 15); only these verbs of
#: belief, only before "that", only at the sentence's start
_NOT_A_NAME = (
    r"(?:" + _SENTENCE_OPENERS + "|" + _QUANTIFIERS + r"|As|Since|Because|Although|Though|"
    r"Yesterday|Tomorrow|It|He|She|They|We|I|You|There|Here|Others|Nobody|Everyone|Everybody|"
    r"No|None|Nothing|Someone|Anyone|Two|Three)\b"
)
_HOLDER_NAMED = re.compile(
    r"[\s\"“‘]*(?:A:\s*)?((?:(?:Some|Many|Most|Others) in )?"
    r"(?!" + _NOT_A_NAME + r")[A-Z][\w’'-]*(?: (?!" + _NOT_A_NAME + r")[A-Z][\w’'-]*)?)\s+"
    r"(?:fears?|feared|believes?|believed|hopes?|hoped|insists?|insisted|suspects?|suspected|"
    r"worries|worried)\s+that\b"
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
    if (m := _HOLDER_NAMED.match(chunk)) is not None:
        return m.group(1), (start + m.start(1), start + m.end(1)), "holder:named-subject"
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
    if (m := _HOLDER_DOCUMENT.search(chunk)) is not None:
        return (
            f"the {m.group(1) or m.group(2)}",
            (start + m.start(), start + m.end()),
            "holder:document",
        )
    return None


_THEY_HOLDER = re.compile(
    r"\b(?:in their (?:view|opinion|judgement|judgment|words)|according to them|they "
    r"(?:also |do |did |still |nonetheless )?"
    r"(?:believe|think|expect|argue|fear|say|said|note|noted|warn|warned|doubt)|"
    # round 16: a trailing "..., he said." names the paragraph's last holder (round 15; only
    # at the sentence's end, not "as he said in 2019": cold review)
    r",\s*(?:he|she) (?:said|added|argued|warned|noted|predicted|replied)(?=[.!?\"”’']*\s*$))",
    re.IGNORECASE,
)


#: round 17: "In his view, ..." carries the paragraph's last single holder ("A former Turkish
#: diplomat argued that ... In his view, ...": round 16; never a group: round-17 cold review)
_HIS_HOLDER = re.compile(r"\bin (?:his|her) (?:view|opinion|judgement|judgment|words)\b", re.I)


def _single(holder: str) -> bool:
    """Whether a holder names one person or body ("A Turkish diplomat", "Mr Lavrov")."""
    words = holder.split()
    last = words[-1] if words else ""
    return last[:1].isupper() or not last.lower().endswith("s")


def _scoped_holder(text: str, found: tuple[str, Span | None, str], end: int) -> bool:
    """Whether a holder's attribution covers its own sentence only (round 6).

    "Norwegian officials fear that if ...": a reporting verb with a complement clause
    attributes that clause; the paragraph's next sentence is the author's again (heldout_09's
    annotation; Krestel, Bergler & Witte 2008 scope reported speech by its complement). A
    holder named by "according to", a view or a group ("French participants were more
    sanguine. In their view, ...") still carries over.
    """
    span = found[1]
    if found[2] != "holder:attribution-verb" or span is None:
        return False
    after = text[span[1] : end]
    return re.match(r"\s+(?:\w+\s+)?(?:\w+)\s+that\b", after) is not None


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
    m = re.search(
        r"\b(?:[Aa]s|[Ss]o) long as (.+?)(?:[,;]|[.!?]?$)|\b[Pp]rovided that (.+?)(?:[,;]|[.!?]?$)|"
        r"\b[Oo]n (?:the )?condition that (.+?)(?:[,;]|[.!?]?$)|\b[Uu]nless (.+?)(?:[,;]|[.!?]?$)",
        chunk,
    )
    if m:
        k = next(i for i in range(1, 5) if m.group(i) is not None)
        return (
            (s + m.start(k), s + m.end(k)),
            "condition:" + ("as-long-as", "provided-that", "on-condition", "unless")[k - 1],
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


_STOPPING = re.compile(
    r"(?i)\b(?:refus\w+|call(?:s|ed|ing)? off|stop(?:s|ped|ping)?|halt\w*|cancel\w*|block\w*|"
    r"suspend\w*|freez\w+|froze)\b"
)
_CONFLICT_NOUN = re.compile(
    r"(?i)\b(?:rift|tensions?|disputes?|rivalry|feud|quarrel|confrontation|hostility|"
    r"mistrust|distrust|conflict|stand-?off|crisis)\b"
)


def _direction(consequence: str, sentence_text: str) -> str | None:
    # the base of a comparison is not the consequence ("would do more for security than new
    # sanctions": round 7)
    consequence = re.split(r"(?i)\bthan\b", consequence, maxsplit=1)[0]
    if (m := re.search(r"(?i)\bas (\w+) as\b", consequence)) is not None:
        consequence = consequence[: m.start()] + m.group(1)  # "could cool as quickly as ..."
    # ending a tie is a decrease whatever the tie ("will end its talks", "suspend cooperation")
    ended = [(m.start(), m.end()) for m in rules.TIE_ENDING_RE.finditer(consequence)]
    inc = [
        (m.start(), "increase", m.group(0))
        for m in rules.INCREASE_RE.finditer(consequence)
        if not any(a <= m.start() < b for a, b in ended)
    ]
    dec = [(m.start(), "decrease", m.group(0)) for m in rules.DECREASE_RE.finditer(consequence)]
    dec += [(a, "decrease", consequence[a:b]) for a, b in ended]
    words = sorted(inc + dec)
    # a doubt governs what follows it, and "few doubt that" is no doubt (round 7 review); the
    # doubt may sit inside the consequence ("I doubt that ties will improve": cold review)
    lead = consequence.strip()[:20]
    at = sentence_text.find(lead) if lead else -1
    doubts = [
        d
        for d in re.finditer(
            r"(?i)\bI doubt\b|\bdoubt(?:s|ed)?(?:,[^,]{1,25},)? that\b", sentence_text
        )
        if not re.search(
            r"(?i)\b(?:few|no|nobody|none)(?:\s+[\w’'-]+){0,3}\s+$", sentence_text[: d.start()]
        )
    ]
    if not words:
        # round 13: no word of growth or decline; the last relation trigger of the consequence
        # gives the direction of the relation it speaks of ("China would punish it", "Seoul
        # and Tokyo coordinate again"), the relation reader's own lexicon (rules.py); a verb
        # that stops or refuses what follows makes it a decrease ("will refuse any summit",
        # "the visit will be called off": cold review)
        stop = _STOPPING.search(consequence)
        signs = (
            [(stop.start(), -1)]
            if stop is not None
            else sorted(
                (m.start(), sign)
                for rx, sign, _kind in rules.RELATION_RE
                for m in rx.finditer(consequence)
            )
        )
        if signs:
            words = [(signs[-1][0], "increase" if signs[-1][1] > 0 else "decrease", "")]
    pos = words[-1][0] if words else len(consequence)
    doubt = any(at < 0 or d.end() <= at + pos + 1 for d in doubts)
    neg = (
        any(
            not re.match(r"not only", consequence[m.start() : m.start() + 8], re.I)
            for m in rules.NEGATION_RE.finditer(consequence)
        )
        or bool(re.search(r"\bunlikely\b|\bnot so sure\b", sentence_text, re.I))
        or doubt
    )
    if re.search(
        r"(?i)\bnot (?:impossible|unlikely|excluded)\b|\bcannot be ruled out\b", consequence
    ):
        neg = False  # a double negation: "a détente is not impossible"
    if not words:
        return "decrease" if neg else None
    direction = words[-1][1]
    conflict = _CONFLICT_NOUN.search(consequence)
    if (
        direction == "increase"
        and conflict is not None
        and conflict.start() < words[-1][0]
        and _GROWTH.fullmatch(words[-1][2])
        and not any(conflict.end() <= w[0] < words[-1][0] for w in words)
    ):
        direction = "decrease"  # "the rift ... will deepen": a conflict that grows (round 7)
    if neg:
        direction = "decrease" if direction == "increase" else "increase"
    return direction


# a conflict that grows is a relation that worsens; one that is resolved, settled or eased is not
_GROWTH = re.compile(
    r"(?i)deepen\w*|grow\w*|intensif\w*|rise|rising|increas\w*|widen\w*|escalat\w*|more|"
    r"greater|stronger|expand\w*|boost\w*"
)


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
    holder_memory: dict[int, list[tuple[int, str, Span | None, bool]]],
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
        # a holder whose attribution is scoped to its own sentence is reached only by "they"
        # ("Australian speakers noted that ... . In their view, ...")
        # (round 10: a holder named only later in the paragraph no longer reaches back; over
        # the 100 development texts the look-ahead was right 13 times, 12 of them giving the
        # default holder anyway, and wrong 10 times: docs/text.md, round 10)
        memory = holder_memory.get(sent.paragraph, [])
        if _THEY_HOLDER.search(text, sent.start, sent.end):
            mem = memory
        elif _HIS_HOLDER.search(text, sent.start, sent.end):
            mem = [h for h in memory if _single(h[1])]  # any single holder, scoped or not
        else:
            mem = [h for h in memory if not h[3]]  # scoped holders reach only "they" and "his"
        before = [h for h in mem if h[0] < sent.start]
        if before:
            holder, holder_span, hrule = before[-1][1], before[-1][2], "holder:paragraph-carry"
        else:
            holder = "the interviewee" if interview else "the author"
            holder_span, hrule = None, "holder:default"
        conf = 0.7 if before else 0.5
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
    state_words: set[str] = set()
    one_word: dict[str, set[str]] = {}  # single-word state surfaces, lower-cased -> codes
    for surface, e in lexicon.entries.items():  # one pass: the gazetteer has ~1,200 surfaces
        if e.kind == "state":
            state_words.update(w.lower() for w in surface.split())
            if " " not in surface:
                one_word.setdefault(surface.lower(), set()).add(e.code)
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
    codes = frozenset(c for w in id_words for c in one_word.get(w.lower(), ()))
    return keys, codes


def _issues(
    text: str, sent: Sentence, srefs: list[_Refs], ctx: ScenarioContext, lexicon: Lexicon
) -> list[IssueOut]:
    out = []
    have = {_stem(w) for w in _words(text[sent.start : sent.end])}
    orgs: set[str] | None = None
    for issue in ctx.issues:
        ikey = (id(lexicon), str(issue.get("id")) + str(issue.get("name")))
        if ikey not in _ISSUE_CACHE:
            _ISSUE_CACHE[ikey] = _issue_keywords(issue, lexicon)
        keys, needed = _ISSUE_CACHE[ikey]
        hits = keys & have
        if not hits:
            continue
        if len(hits) < 2 and not any(len(h) >= 6 for h in hits):
            if orgs is None:  # one pass over the lexicon per sentence, and only when needed
                orgs = {
                    _stem(k)
                    for k, e in lexicon.entries.items()
                    if e.kind != "state" and " " not in k
                }
            if not hits & orgs:
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
    pair_model: bool = True,
    keep_candidates: bool = False,
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
    pair_model : bool
        Whether the pair classifier (:mod:`equipoise.text.pairmodel`) adds the pairs the rules
        missed (default).
    keep_candidates : bool
        Keep the candidate pairs with their features in ``candidates`` (for training and study;
        off by default: on a long text they would hold every sentence's features).

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

    # holders mentioned anywhere in each paragraph (for carry-over)
    holder_memory: dict[int, list[tuple[int, str, Span | None, bool]]] = {}
    for s in sents:
        h = _holder_in(text, s.start, s.end, interview)
        if h is not None and h[2] not in ("holder:there-is", "holder:seen-in"):
            # round 10: in an interview the answers are the interviewee's; a third party
            # reported in one sentence ("Russian officials say ...") does not carry on
            scoped = _scoped_holder(text, h, s.end) or (
                interview and h[2] == "holder:attribution-verb"
            )
            holder_memory.setdefault(s.paragraph, []).append((s.start, h[0], h[1], scoped))

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
            prev_para = para_by_index.get(current_para)
            current_para = s.paragraph
            fresh: dict[str, Any] = {"leader": memory.get("leader"), "starts": starts, "orgs": orgs}
            fresh["doc_pair"] = memory.get("pair") or memory.get("doc_pair")
            if interview and prev_para is not None and prev_para.question:
                # an answer continues its question's topic ("How bad are relations between
                # Canberra and Beijing?" / "They are at their lowest point"): its pair carries over
                fresh.update({k: memory[k] for k in ("pair", "topics", "coord") if k in memory})
            memory = fresh
        srefs = _sentence_refs(text, s, refs, memory)
        sentence_relations = _relations(text, s, srefs)
        result.relations.extend(sentence_relations)
        cands = candidates(text, s, srefs, sentence_relations)
        if keep_candidates:
            result.candidates.extend(cands)
        if pair_model and cands:
            result.relations.extend(second_opinion(text, s, cands, default_model()))
        for ev in _events(text, s, srefs, lexicon, date, memory.get("last_date")):
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
        known = [d.value for d in find_dates(text, s.start, s.end, date) if d.value]
        if known:
            memory["last_date"] = known[-1]  # the anchor of "five days later" (paragraph-local)
        result.issues.extend(_issues(text, s, srefs, ctx, lexicon))
        codes = [c for r in srefs if not r.resolved and not r.place for c in r.codes]
        pair = _last_pair(codes)
        if pair is not None:
            memory["pair"] = pair
        named = [r for r in srefs if not r.resolved and not r.place and len(r.codes) == 1]
        for r1, r2 in itertools.pairwise(named):
            if r1.codes != r2.codes and re.fullmatch(
                r"\s*,?\s*(?:and|or)\s+(?:the\s+)?", text[r1.end : r2.start]
            ):
                memory["coord"] = (r1.codes[0], r2.codes[0])  # for a later bare "neither"/"both"
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
