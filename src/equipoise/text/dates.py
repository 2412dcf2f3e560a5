"""Datable phrases and their normalisation against a reference date (the text's date).

Recognised: "January 2020", "15 June 2020", "June 15, 2020", "in 2016", "since about 2013",
"at the end of 2012", "in June" / "last May" / "next March" (resolved against the reference
date: the most recent such month on or before it, "last" strictly before, "next" after), "last
year" / "this year" / "next year", and "the Nth anniversary of WWII victory" (1945 + N). Generic
phrases ("in recent years", "today", "in the next decade") are not dates (TimeML's distinction of
anchored and generic expressions, Pustejovsky et al. 2003).

References
----------
Pustejovsky, J. et al. (2003). TimeML: robust specification of event and temporal expressions
in text. IWCS-5.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from equipoise.text.rules import NUMBER_WORDS

MONTHS = {
    m: i + 1
    for i, m in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ]
    )
}
_MONTH = r"(January|February|March|April|May|June|July|August|September|October|November|December)"
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("dmy", re.compile(r"\b(\d{1,2}) " + _MONTH + r",? (\d{4})\b")),
    ("mdy", re.compile(r"\b" + _MONTH + r" (\d{1,2}), (\d{4})\b")),
    ("my", re.compile(r"\b" + _MONTH + r",? (\d{4})\b")),
    # round 6: a day and month without a year ("On 15 June"), the year from the text's date
    ("dm", re.compile(r"\b(\d{1,2}) " + _MONTH + r"\b(?!,? \d)")),
    ("rel_month_word", re.compile(r"\b(last|this|next) month\b", re.I)),
    (
        "edge",
        re.compile(
            r"\b(?:the )?(end|beginning|start|middle|spring|summer|autumn|fall|winter) of (\d{4})\b",
            re.I,
        ),
    ),
    (
        "anniv",
        re.compile(
            r"\b(\d{1,3})(?:st|nd|rd|th) anniversary of (?:\w+\W+){0,4}(?:WWII|World War II|Second World War)",
            re.I,
        ),
    ),
    ("rel_year", re.compile(r"\b(last|this|next) year\b", re.I)),
    ("rel_month", re.compile(r"\b(last|next|this|in|early|late|mid-?) " + _MONTH + r"\b(?! \d)")),
    ("year", re.compile(r"(?<![\d-])((?:19|20)\d{2})(?![\d-]|s\b)")),  # not "the 2020s"
    # "five days later", "earlier that year": against the date before (last, so that a date
    # earlier in the same sentence is found first)
    ("later", re.compile(r"\b(\w+) (day|week|month|year)s? later\b", re.I)),
    ("that_year", re.compile(r"\b(?:earlier|later) (?:that|the same) year\b", re.I)),
)
_EDGE_MONTH = {
    "end": 12,
    "beginning": 1,
    "start": 1,
    "middle": 6,
    "spring": 4,
    "summer": 7,
    "autumn": 10,
    "fall": 10,
    "winter": 1,
}


@dataclass(frozen=True, slots=True)
class DatePhrase:
    """A datable phrase: its span and its normalised value (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``).

    ``value`` is None when the phrase needs a reference date that was not given.
    """

    start: int
    end: int
    value: str | None
    text: str


def _month_relative(word: str, month: int, ref: dt.date | None) -> str | None:
    if ref is None:
        return None
    year = ref.year
    if word == "last":
        year = ref.year if month < ref.month else ref.year - 1
    elif word == "next":
        year = ref.year if month > ref.month else ref.year + 1
    elif month > ref.month:
        year = ref.year - 1
    return f"{year:04d}-{month:02d}"


_SEASONS = frozenset({"spring", "summer", "autumn", "fall", "winter"})


def _later(count: str, unit: str, before: str | None) -> str | None:
    """``before`` (``YYYY[-MM[-DD]]``) moved on by "five days later"; None when not datable."""
    n = int(count) if count.isdecimal() else NUMBER_WORDS.get(count.lower())  # not "²"
    if before is None or n is None:
        return None
    parts = [int(x) for x in before.split("-")]
    if unit == "year":
        return f"{parts[0] + n:04d}" + before[4:]
    if unit == "month" and len(parts) >= 2:
        k = parts[0] * 12 + parts[1] - 1 + n
        return f"{k // 12:04d}-{k % 12 + 1:02d}"
    if unit in ("day", "week") and len(parts) == 3:
        try:
            d = dt.date(*parts) + dt.timedelta(days=n * (7 if unit == "week" else 1))
        except (ValueError, OverflowError):  # an anchor that is no calendar day
            return None
        return d.isoformat()
    return None


def _day(year: int, month: int, day: int) -> str:
    """``YYYY-MM-DD``, or ``YYYY-MM`` when the text's day is not in that month ("31 June")."""
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return f"{year:04d}-{month:02d}"


def find_dates(
    text: str, start: int, end: int, ref: dt.date | None, before: str | None = None
) -> list[DatePhrase]:
    """Return the datable phrases of ``text[start:end]``, longest first where they overlap.

    Parameters
    ----------
    text : str
        The whole text.
    start, end : int
        The part to search (a sentence).
    ref : datetime.date or None
        The text's date, against which relative phrases are resolved.
    before : str or None
        The last date of the paragraph before ``start``, against which "five days later" and
        "earlier that year" are resolved (TimeML's anchor time; Pustejovsky et al. 2003).

    Returns
    -------
    list of DatePhrase
        In text order, non-overlapping.
    """
    found: list[DatePhrase] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text, start, end):
            s, e = m.start(), m.end()
            if any(s < b and a < e for a, b in taken):
                continue
            value: str | None
            if kind == "dmy":
                value = _day(int(m.group(3)), MONTHS[m.group(2).lower()], int(m.group(1)))
            elif kind == "mdy":
                value = _day(int(m.group(3)), MONTHS[m.group(1).lower()], int(m.group(2)))
            elif kind == "my":
                value = f"{int(m.group(2)):04d}-{MONTHS[m.group(1).lower()]:02d}"
            elif kind == "edge":
                word = m.group(1).lower()
                value = (
                    f"{int(m.group(2)):04d}"  # a season is not a month (round 6): the year
                    if word in _SEASONS
                    else f"{int(m.group(2)):04d}-{_EDGE_MONTH[word]:02d}"
                )
            elif kind == "dm":
                month = MONTHS[m.group(2).lower()]
                if m.group(2) == "May" and not _may_is_month(text, e):
                    continue
                ym = _month_relative("in", month, ref)
                value = None if ym is None else _day(int(ym[:4]), month, int(m.group(1)))
            elif kind == "rel_month_word":
                shift = {"last": -1, "this": 0, "next": 1}[m.group(1).lower()]
                if ref is None:
                    value = None
                else:
                    n = ref.year * 12 + ref.month - 1 + shift
                    value = f"{n // 12:04d}-{n % 12 + 1:02d}"
            elif kind in ("later", "that_year"):
                prior = [d for d in found if d.start < s and d.value is not None]
                anchor = max(prior, key=lambda d: d.start).value if prior else before
                if kind == "later":
                    value = _later(m.group(1), m.group(2).lower(), anchor)
                else:
                    value = anchor[:4] if anchor else None
                if value is None:
                    continue
            elif kind == "anniv":
                value = f"{1945 + int(m.group(1)):04d}"
            elif kind == "rel_year":
                shift = {"last": -1, "this": 0, "next": 1}[m.group(1).lower()]
                value = None if ref is None else f"{ref.year + shift:04d}"
            elif kind == "rel_month":
                word = m.group(1).lower()
                month = MONTHS[m.group(2).lower()]
                if word == "may" or (
                    m.group(2) == "May" and word == "in" and not _may_is_month(text, e)
                ):
                    continue
                value = _month_relative(word, month, ref)
                if word not in ("last", "next"):
                    s = m.start(2) if word != "in" else s
            else:
                if re.match(r"\s*(?:years?|km|per|%|billion|million)", text[e : e + 10]):
                    continue
                value = m.group(1)
            taken.append((s, e))
            found.append(DatePhrase(s, e, value, text[s:e]))
    return sorted(found, key=lambda d: d.start)


def _may_is_month(text: str, end: int) -> bool:
    """'in May' is a month unless a verb follows ('in May be' is not English anyway)."""
    return not re.match(r"\s+(?:be|have|not)\b", text[end : end + 6])


def parse_ref_date(value: str | None) -> dt.date | None:
    """Parse ``YYYY-MM-DD`` (or ``YYYY-MM``/``YYYY``); None stays None. Raises ValueError."""
    if value is None:
        return None
    parts = value.split("-")
    if not 1 <= len(parts) <= 3 or not all(p.isdigit() for p in parts):
        raise ValueError(f"expected YYYY-MM-DD, got {value!r}")
    nums = [int(p) for p in parts] + [1] * (3 - len(parts))
    return dt.date(nums[0], nums[1], nums[2])


__all__ = ["DatePhrase", "find_dates", "parse_ref_date"]
