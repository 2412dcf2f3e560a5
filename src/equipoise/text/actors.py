"""Actor mentions: gazetteer matching with the rules that tell a state from its people or places.

Every surface form of the lexicon is matched case-sensitively at word boundaries, longest first
(so "South Korea" wins over "Korea", "Red Flag-Alaska" over "Red Flag"). Each match is then read
in its context (docs/annotation-guidelines.md §1):

* a demonym whose head noun is a person who is not an agent of the state ("Russian experts",
  "Japanese and Russian experts", "Korean nationalism") or that follows "anti-"/"pro-" is not a
  mention of the state, nor is any name followed by a geographic head ("the Indian Ocean", "the
  South China Sea", "the Korean Peninsula") or after "Sea of", "Gulf of", "Bay of" ("the Gulf of
  Oman");
* a state name that is also a given name, followed by a capitalised word the lexicon does not
  know ("Chad Smith", :data:`GIVEN_NAMES`), is a person's name; a name after "Lake" ("Lake
  Chad") is a place;
* a capital or seat of government used as a place ("a visit to Moscow", "in The Hague") is not a
  mention, but still tells the relation reader which state a visit went to;
* everything else is a mention: names, capitals used for their state, leaders, demonyms of state
  agents ("South Korean soldiers", "American missiles") and each side of a hyphenated pair
  ("Russian-Japanese", "US–Russia").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from equipoise.text.gazetteer import Category, Lexicon

#: Heads that make a demonym describe people rather than the state (guidelines §1).
PEOPLE_HEADS = frozenset(
    [
        "experts",
        "expert",
        "analysts",
        "analyst",
        "scholars",
        "scholar",
        "academics",
        "academic",
        "researchers",
        "researcher",
        "observers",
        "observer",
        "commentators",
        "commentator",
        "counterparts",
        "counterpart",
        "colleagues",
        "participants",
        "participant",
        "panellists",
        "panelists",
        "panellist",
        "panelist",
        "speakers",
        "speaker",
        "people",
        "public",
        "citizens",
        "citizen",
        "population",
        "society",
        "nationalism",
        "nationalists",
        "nationalist",
        "sentiment",
        "sentiments",
        "opinion",
        "media",
        "press",
        "journalists",
        "journalist",
        "students",
        "student",
        "tourists",
        "politician",
        "politicians",
        "businesses",
        "business",
        "companies",
        "company",
        "firms",
        "investors",
        "community",
        "diaspora",
        "audience",
        "readers",
        "voters",
        "youth",
        "workers",
        "scientists",
        "historians",
        "writers",
        "intellectuals",
        "think-tanks",
        "thinkers",
        "views",
        "view",
        "perspective",
        "perspectives",
        "literature",
        "culture",
        "language",
        "refugees",
        "migrants",
        "immigrants",
        "emigres",
    ]
)
#: Heads that make a name or demonym part of a place name.
PLACE_HEADS = frozenset(
    [
        "ocean",
        "sea",
        "seas",
        "peninsula",
        "strait",
        "straits",
        "gulf",
        "subcontinent",
        "archipelago",
        "islands",
        "island",
        "basin",
        "plateau",
        "river",
        "delta",
        "valley",
    ]
)
#: State names that are also given names: followed by a capitalised word that the lexicon does
#: not know ("Chad Smith", "Jordan Peterson"), they are a person's name, not the state. "Georgia"
#: is not here: as a given name it is rare in commentary, and "Georgia" the US state cannot be
#: told from the country by its neighbours, so "Georgia" always reads GEO (docs/text.md).
GIVEN_NAMES = frozenset({"Chad", "Jordan"})
#: Capitalised words after a state name that keep it the state ("Chad President Déby").
_STATE_TITLES = frozenset(
    {"President", "Prime", "Foreign", "Defence", "Defense", "Minister", "King", "Government"}
)
_PLACE_PREPS = frozenset({"in", "at", "near", "around", "outside", "inside", "into"})
#: Heads that make a capital part of a name ("the Astana format", "the Minsk agreements").
NAMED_HEADS = frozenset(
    [
        "format",
        "process",
        "agreement",
        "agreements",
        "accord",
        "accords",
        "declaration",
        "protocol",
        "consensus",
        "communique",
        "communiqué",
        "group",
        "initiative",
        # round 10: a meeting named after its venue ("NATO's Warsaw summit": round 9)
        "summit",
        "conference",
    ]
)
_TEMPORAL = re.compile(r"\b(?i:since|after|before|until)\s+$")


def _meeting_by_venue(text: str, start: int, end: int) -> bool:
    """Whether a capital after since/after/before/until names a meeting held there (round 14).

    Either the name ends its line or a colon follows it (a title: "Minsk after Paris",
    "Stalled since Hanoi: an interview"), or the preposition opens its sentence and a comma,
    semicolon or bracket follows the name ("Since Hanoi, ...").
    """
    lo = max(0, start - 12)
    m = _TEMPORAL.search(text, lo, start)
    if m is None:
        return False
    if re.match(r"[ \t]*(?:\n|$)|:", text[end : end + 3]):
        return True  # a title ("Minsk after Paris", "Stalled since Hanoi: an interview")
    i = m.start()
    while i > 0 and text[i - 1] in " \t":  # back over blanks only, not a copy of the prefix
        i -= 1
    opens = i == 0 or text[i - 1] in ".!?\n"
    return (
        opens and text[m.start()].isupper() and re.match(r"[,:;)]", text[end : end + 1]) is not None
    )


#: States whose capital bears the state's name (CIA World Factbook 2020, field "Capital"; the
#: gazetteer lists no separate capital for them): after "the" and before a meeting's head they
#: name the venue ("the Singapore summit"), as a capital does.
CITY_STATES = frozenset({"Singapore", "Monaco", "Luxembourg", "San Marino", "Djibouti"})


#: Heads of a meeting named after its venue when "the" comes before the name (round 13).
VENUE_HEADS = frozenset(["summit", "talks", "conference", "process", "format", "forum"])
_MOTION = re.compile(
    r"\b(?:visit\w*|trip|travel\w*|went|go|goes|going|came|come|flew|fly|flying|return\w*|"
    r"journey|arriv\w*|moved?|relocat\w+|fled|flee\w*)\W+(?:\w+\W+){0,2}to\W*$",
    re.IGNORECASE,
)


def _as_place(text: str, start: int) -> bool:
    """Whether a capital is used as a place: after in/at/near..., or 'to' after a motion word."""
    prev = _prev_word(text, start)
    if prev in _PLACE_PREPS:
        return True
    return prev == "to" and _MOTION.search(text[max(0, start - 60) : start]) is not None


_NEG_PREFIX = re.compile(r"(?:anti|pro|non)[-‐‑–]$", re.IGNORECASE)
_WORD = re.compile(r"[\w’'-]+")


@dataclass(frozen=True, slots=True)
class Ref:
    """A match of the lexicon in the text.

    ``mention`` says whether it counts as a mention of the actor (guidelines §1); ``relational``
    whether the relation reader may use it (a capital as a place still names the state visited).
    """

    start: int
    end: int
    code: str
    surface: str
    category: Category
    mention: bool
    relational: bool
    reason: str


@lru_cache(maxsize=8)
def _pattern(surfaces: tuple[str, ...]) -> re.Pattern[str]:
    alts = "|".join(re.escape(s) for s in sorted(surfaces, key=len, reverse=True))
    # a class of the first characters ahead of the alternation: most word starts (lower case)
    # fail at once instead of trying every surface (the gazetteer has some 1,200)
    first = "".join(sorted({re.escape(s[0]) for s in surfaces if s}))
    return re.compile(r"(?<![\w.])(?=[" + first + r"])(?:" + alts + r")(?![\w])")


def _next_word(text: str, pos: int) -> tuple[str, int]:
    m = _WORD.search(text, pos)
    if m is None or text[pos : m.start()].strip(" \t-–‐") not in ("", ","):
        return "", pos
    return m.group(0), m.end()


def _head_after(text: str, end: int, lexicon: Lexicon) -> str:
    """Return the noun a demonym modifies, skipping coordinated demonyms and hyphen partners."""
    pos = end
    for _ in range(6):
        gap = text[pos : pos + 3]
        word, after = _next_word(text, pos)
        if not word:
            return ""
        if gap[:1] in "-–‐" and word[:1].isupper():  # Russian-Japanese partnership
            pos = after
            continue
        low = word.lower()
        if low in ("and", "or"):
            pos = after
            continue
        if word in lexicon.entries or (
            word[:1].isupper() and text[pos : pos + 40].lstrip().startswith(_two(text, pos))
        ):
            # a following demonym or name of the chain ("Japanese and Russian experts")
            entry = lexicon.entries.get(word) or lexicon.entries.get(_two(text, pos))
            if entry is not None and entry.category in ("demonym", "name", "alias"):
                pos = after if word in lexicon.entries else _skip_two(text, pos)
                continue
        return low
    return ""


def _two(text: str, pos: int) -> str:
    words = _WORD.findall(text[pos : pos + 40])[:2]
    return " ".join(words)


def _skip_two(text: str, pos: int) -> int:
    _, after = _next_word(text, pos)
    _, after2 = _next_word(text, after)
    return after2


def _prev_word(text: str, start: int) -> str:
    m = re.search(r"([\w’']+)\W*$", text[max(0, start - 30) : start])
    return m.group(1).lower() if m else ""


def find_refs(text: str, lexicon: Lexicon) -> list[Ref]:
    """Return every lexicon match in ``text``, each read in context.

    Parameters
    ----------
    text : str
        The whole text as read.
    lexicon : Lexicon
        From :func:`equipoise.text.gazetteer.build_lexicon`.

    Returns
    -------
    list of Ref
        In text order, non-overlapping (longest match first).
    """
    pattern = _pattern(tuple(lexicon.entries))
    refs: list[Ref] = []
    skip_to = 0
    for m in pattern.finditer(text):
        if m.start() < skip_to:
            continue
        surface = m.group(0)
        entry = lexicon.entries[surface]
        start, end = m.start(), m.end()
        if entry.category == "leader" and " " in surface:  # President Moon + Moon Jae-in
            last = start + surface.rindex(" ") + 1
            for other, e2 in lexicon.entries.items():
                if (
                    e2.code == entry.code
                    and len(other) > end - last
                    and text.startswith(other, last)
                    and not re.match(r"\w", text[last + len(other) : last + len(other) + 1])
                ):
                    end = last + len(other)
                    surface = text[start:end]
        before = text[max(0, start - 5) : start]
        head = ""
        reason: str = entry.category
        mention, relational = True, True
        nxt, _ = _next_word(text, end)
        if _NEG_PREFIX.search(before):
            mention, relational, reason = False, False, "attitude (anti-/pro-)"
        elif nxt.lower() in PLACE_HEADS or re.search(
            r"\b(?:Sea of|Gulf of|Bay of|Lake)\s*$", text[max(0, start - 8) : start]
        ):
            mention, relational, reason = False, False, "place name"
        elif (
            surface in GIVEN_NAMES
            and text[end : end + 1] == " "
            and nxt[:1].isupper()
            and nxt not in lexicon.entries
            and nxt not in _STATE_TITLES
        ):
            mention, relational, reason = False, False, "person's name"
        elif entry.category == "demonym":
            head = _head_after(text, end, lexicon)
            if head in PEOPLE_HEADS:
                mention, relational, reason = False, False, f"people ({head})"
            elif head in PLACE_HEADS:
                mention, relational, reason = False, False, "place name"
        elif (
            entry.category in ("capital", "government")
            and nxt.lower() in NAMED_HEADS
            # a hyphenated pair names two sides ("the Washington-Pyongyang summit")
            and not re.search(r"[-–‐]\s*$", text[max(0, start - 2) : start])
        ):
            mention, relational, reason = False, False, "named after a capital"
        elif (
            # round 13: "the Astana talks", "the Singapore summit": after "the", a capital's (or
            # a city-state's) name before a meeting's head names the meeting after its venue; a
            # country's name there is the subject ("the Iran talks": cold review), and an
            # organisation's summit is its own ("the NATO summit")
            entry.category in ("capital", "government")
            or (entry.category == "name" and entry.surface in CITY_STATES)
        ) and (
            nxt.lower() in VENUE_HEADS
            and re.search(r"(?i)\bthe\s+$", text[max(0, start - 5) : start])
        ):
            mention, relational, reason = False, False, "named after its venue"
        elif (
            # round 14: "Since Hanoi, ...", "After Stockholm:", "Minsk after Paris": a capital
            # after a temporal preposition that opens its sentence or line (or ends a title)
            # and before a pause names the meeting held there; not "bow before Washington." or
            # a preposition ending the sentence before (cold review)
            entry.category == "capital" and _meeting_by_venue(text, start, end)
        ):
            mention, relational, reason = False, False, "a meeting named by its venue"
        elif entry.category in ("capital", "government") and _as_place(text, start):
            mention, reason = False, "capital as a place"
        refs.append(
            Ref(start, end, entry.code, surface, entry.category, mention, relational, reason)
        )
        skip_to = end
    return refs


__all__ = ["GIVEN_NAMES", "PEOPLE_HEADS", "PLACE_HEADS", "Ref", "find_refs"]
