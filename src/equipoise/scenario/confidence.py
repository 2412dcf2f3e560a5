"""The rule that turns a claim holder's words of likelihood into a declared probability.

A claim may carry ``confidence`` (the probability its holders give it) and
``confidence_words`` (the words they used: "will", "we believe", "could", "unlikely"...).
When only the words are given, the probability is read from :data:`WORDS`, Sherman Kent's
*words of estimative probability* (Kent 1964): each phrase is mapped to the centre of Kent's
band whose synonyms it belongs to. Verbs of commentary are mapped by the same bands:

============================================== ========== ==========================
words                                          P          Kent's band
============================================== ========== ==========================
will, certainly, is certain to, almost certain 0.93       almost certain (93 ± 6 %)
                                                          — a forecast is never
                                                          "certain" (100 %)
believe, expect, probably, probable, likely    0.75       probable (75 ± 12 %)
could, may, might, possible, about even        0.50       chances about even (50 ± 10 %)
unlikely, probably not, doubt                  0.30       probably not (30 ± 10 %)
will not, almost certainly not                 0.07       almost certainly not (7 ± 5 %)
============================================== ========== ==========================

"could", "may" and "possible" say that something can happen without weighing it; Kent
reserved "possible" for that and gave it no number. Scoring needs one, so they take the
even-chance centre, the value that claims least; the holders' scores on such claims say
little, and the docs say so (``docs/models/scores.md``). The IPCC calibrated language
(Mastrandrea et al. 2010: likely 66–100 %, about as likely as not 33–66 %, unlikely 0–33 %)
orders the same words the same way.

References
----------
Kent, S. (1964). Words of estimative probability. *Studies in Intelligence*, 8(4), 49–65
(CIA Center for the Study of Intelligence) — the bands and their synonyms.
Mastrandrea, M. D., et al. (2010). *Guidance Note for Lead Authors of the IPCC Fifth
Assessment Report on Consistent Treatment of Uncertainties*. IPCC — the calibrated likelihood
scale (the same order).
"""

from __future__ import annotations

from typing import Final

#: Words of likelihood → declared probability (Kent 1964; see the module's table).
WORDS: Final[dict[str, float]] = {
    "will": 0.93,
    "certainly": 0.93,
    "is certain to": 0.93,
    "almost certain": 0.93,
    "almost certainly": 0.93,
    "believe": 0.75,
    "we believe": 0.75,
    "expect": 0.75,
    "probably": 0.75,
    "probable": 0.75,
    "likely": 0.75,
    "could": 0.50,
    "may": 0.50,
    "might": 0.50,
    "possible": 0.50,
    "about even": 0.50,
    "chances about even": 0.50,
    "unlikely": 0.30,
    "probably not": 0.30,
    "doubt": 0.30,
    "will not": 0.07,
    "almost certainly not": 0.07,
}


def normalise_words(words: str) -> str:
    """Return ``words`` lower-cased with single spaces (the key of :data:`WORDS`)."""
    return " ".join(str(words).lower().split())


def probability_of(words: str) -> float:
    """Return the declared probability of ``words`` by the rule (``KeyError`` if not in it)."""
    return WORDS[normalise_words(words)]


__all__ = ["WORDS", "normalise_words", "probability_of"]
