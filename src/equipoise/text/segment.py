"""Segmentation of a text into paragraphs, sentences and word tokens, with character offsets.

Offsets are ``[start, end)`` in characters of the text as read (UTF-8 decoded, newlines kept),
so that every span the reader reports can be cut out of the file again. A paragraph is a line
(or a block of lines separated by a blank line); sentences end at ``.``, ``!`` or ``?`` followed
by a space and a capital (or an opening quote), except after common abbreviations (``U.S.``,
``Dr.``, ``e.g.``): the punkt-style heuristic of Kiss & Strunk (2006) reduced to a fixed
abbreviation list, which is what commentary needs.

References
----------
Kiss, T. & Strunk, J. (2006). Unsupervised multilingual sentence boundary detection.
Computational Linguistics 32(4), 485-525.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_WORD = re.compile(r"\w+")
# words after which a period does not end a sentence
_ABBREV = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "gen",
        "lt",
        "col",
        "maj",
        "capt",
        "sgt",
        "st",
        "no",
        "nos",
        "vs",
        "etc",
        "e.g",
        "i.e",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "fig",
        "approx",
        "inc",
        "ltd",
        "co",
        "corp",
        "jr",
        "sr",
        "rep",
        "sen",
        "gov",
        "amb",
        "adm",
        "cf",
        "al",
    ]
)
# country abbreviations that may end a sentence only before a typical sentence opener
_COUNTRY_ABBREV = frozenset({"u.s", "u.k", "u.n", "e.u"})
_OPENERS = frozenset(
    [
        "the",
        "this",
        "that",
        "these",
        "those",
        "it",
        "its",
        "in",
        "on",
        "at",
        "as",
        "but",
        "however",
        "and",
        "or",
        "so",
        "yet",
        "if",
        "when",
        "while",
        "after",
        "before",
        "since",
        "although",
        "though",
        "there",
        "they",
        "we",
        "i",
        "he",
        "she",
        "a",
        "an",
        "for",
        "from",
        "with",
        "to",
        "moreover",
        "finally",
        "also",
        "today",
        "recently",
        "now",
        "one",
        "another",
        "such",
    ]
)
_BOUNDARY = re.compile(r"[.!?]+[\"”’)\]]*(?=\s+[\"“‘(\[]?[A-Z0-9])")


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph: ``[start, end)`` and whether it is a question (an interviewer's turn)."""

    index: int
    start: int
    end: int
    question: bool


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence with its offsets, its paragraph and whether it asks a question."""

    index: int
    start: int
    end: int
    paragraph: int
    text: str
    question: bool


@dataclass(frozen=True, slots=True)
class Token:
    """A word token (letters, digits and underscores) with its offsets."""

    start: int
    end: int
    text: str


def paragraphs(text: str) -> list[Paragraph]:
    """Split ``text`` into paragraphs (non-empty lines), trimmed of surrounding white space.

    Parameters
    ----------
    text : str
        The whole text as read.

    Returns
    -------
    list of Paragraph
        In text order; a paragraph whose last character is ``?`` is a question.
    """
    out: list[Paragraph] = []
    for m in re.finditer(r"[^\n]+", text):
        start, end = m.start(), m.end()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start == end:
            continue
        out.append(Paragraph(len(out), start, end, text[end - 1] == "?"))
    return out


def _is_boundary(text: str, dot: int, after: int) -> bool:
    """Whether the punctuation ending at ``dot`` closes a sentence (abbreviation check)."""
    if text[dot] != ".":
        return True
    m = re.search(r"([\w.]+)\.$", text[max(0, dot - 20) : dot + 1])
    word = m.group(1).lower() if m else ""
    if word in _ABBREV or (len(word) == 1 and word.isalpha()):
        return False
    if word in _COUNTRY_ABBREV:
        nxt = _WORD.search(text, after)
        return nxt is not None and nxt.group(0).lower() in _OPENERS
    return True


def sentences(text: str, paras: list[Paragraph] | None = None) -> list[Sentence]:
    """Split ``text`` into sentences, never across paragraphs.

    Parameters
    ----------
    text : str
        The whole text as read.
    paras : list of Paragraph, optional
        The paragraphs of ``text`` (computed when not given).

    Returns
    -------
    list of Sentence
        In text order, trimmed of white space.
    """
    if paras is None:
        paras = paragraphs(text)
    out: list[Sentence] = []
    for p in paras:
        start = p.start
        chunk = text[p.start : p.end]
        for m in _BOUNDARY.finditer(chunk):
            end = p.start + m.end()
            dot = p.start + m.start()
            if not _is_boundary(text, dot + len(m.group(0).rstrip('"”’)]')) - 1, end):
                continue
            out.append(_sentence(text, len(out), start, end, p.index))
            start = end
            while start < p.end and text[start].isspace():
                start += 1
        if start < p.end:
            out.append(_sentence(text, len(out), start, p.end, p.index))
    return out


def _sentence(text: str, index: int, start: int, end: int, paragraph: int) -> Sentence:
    body = text[start:end]
    return Sentence(index, start, end, paragraph, body, body.rstrip('"”’)]').endswith("?"))


def tokens(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Return the word tokens of ``text[start:end]`` with offsets into ``text``."""
    stop = len(text) if end is None else end
    return [Token(m.start(), m.end(), m.group(0)) for m in _WORD.finditer(text, start, stop)]


__all__ = ["Paragraph", "Sentence", "Token", "paragraphs", "sentences", "tokens"]
