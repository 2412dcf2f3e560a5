"""Dependency parses of sentences, and the shortest-path features of a pair of mentions.

The parser is a spaCy 3.8 pipeline (tokenizer, tagger and transition-based dependency parser
over a CNN token encoder: Honnibal & Montani, spaCy; the arc-eager transition system with a
dynamic oracle, Honnibal & Johnson 2015) trained by this project on the Universal Dependencies
English Web Treebank (Silveira et al. 2014; UD 2 release, CC BY-SA 4.0). It ships inside the
package (``equipoise/text/parser/``, with its licence and the treebank commit it was trained
from) and is loaded from there: nothing is downloaded. ``scripts/train_parser.py`` rebuilds it.

The pair features follow the shortest-dependency-path kernel of relation extraction (Bunescu &
Mooney 2005) in its feature-based form (Mintz et al. 2009: the path's labels and directions,
lexicalised by the words on it; Jurafsky & Martin, 3rd ed. draft, ch. "Information
Extraction"): the labels of the arcs from each mention's head up to their lowest common
ancestor and down again, the words on the path, each mention's own arc, and whether a lexicon
trigger or a negation sits on the path. They are added to the candidate's features
(:func:`equipoise.text.pairmodel.candidates`).

References
----------
Bunescu, R. & Mooney, R. (2005). A shortest path dependency kernel for relation extraction.
HLT/EMNLP 2005, 724-731.
Honnibal, M. & Johnson, M. (2015). An improved non-monotonic transition system for dependency
parsing. EMNLP 2015, 1373-1378.
Silveira, N., Dozat, T., de Marneffe, M.-C., Bowman, S., Connor, M., Bauer, J. & Manning, C.
D. (2014). A gold standard dependency corpus for English. LREC 2014, 2897-2904.
Mintz, M., Bills, S., Snow, R. & Jurafsky, D. (2009). Distant supervision for relation
extraction without labeled data. ACL-IJCNLP 2009, 1003-1011.
"""

from __future__ import annotations

import functools
from importlib import resources
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # spaCy is imported only when a sentence is parsed (start-up time)
    from spacy.tokens import Doc, Token

Span = tuple[int, int]
#: the words that negate the verb they attach to (UD ``advmod``/``det`` of a negation)
_NEGATORS = frozenset({"not", "n't", "never", "no", "neither", "nor", "without"})
#: arcs that cross into another clause
_CLAUSAL = frozenset({"ccomp", "advcl", "parataxis", "acl", "acl:relcl", "xcomp", "csubj"})
MAX_PATH = 6  # longer paths are one feature value ("long")


@functools.lru_cache(maxsize=1)
def parser() -> Any:
    """Return the shipped spaCy pipeline (loaded once, from the package directory)."""
    import spacy

    path = resources.files("equipoise.text").joinpath("parser")
    return spacy.load(str(path))


def parse(sentence: str) -> Doc:
    """Parse one sentence (offsets in the returned ``Doc`` are relative to ``sentence``)."""
    return parser()(sentence)


def _stem(token: Token) -> str:
    return token.lower_.replace("’", "'")[:6]


def _head(doc: Doc, span: Span) -> Token | None:
    """The syntactic head of the tokens covering ``span`` (sentence-relative characters)."""
    chunk = doc.char_span(span[0], span[1], alignment_mode="expand")
    if chunk is None or len(chunk) == 0:
        return None
    return chunk.root


def _chain(token: Token) -> list[Token]:
    out = [token]
    while out[-1].head.i != out[-1].i and len(out) < 64:
        out.append(out[-1].head)
    return out


def path_features(
    doc: Doc, first: Span, second: Span, triggers: list[tuple[int, str, int, int]]
) -> list[str]:
    """Return the dependency-path features of two mentions of one sentence.

    Parameters
    ----------
    doc : spacy.tokens.Doc
        The sentence's parse.
    first, second : tuple of int
        The two mentions, in characters relative to the sentence start, in text order.
    triggers : list of tuple
        The lexicon triggers of the sentence as (sign, kind, start, end), sentence-relative.

    Returns
    -------
    list of str
        ``dp:`` the arc path (labels, ``^`` up from the first mention, ``v`` down to the
        second), ``dpn=`` its length, ``lca:`` / ``lcat:`` the common ancestor's word and tag,
        ``pw:`` each word on the path, ``lp:`` the path lexicalised by the ancestor, ``d1:`` /
        ``d2:`` each mention's own arc, ``ptrig:`` / ``ptrigk:`` a trigger on the path (sign,
        kind), ``phs:`` / ``phk:`` the path trigger nearest the root (``phneg:`` when a negation
        attaches to it), ``gvs:`` / ``gvk:`` the nearest trigger above the common ancestor
        (``gvneg:`` negated), ``pneg`` a negation on a path word, ``pclause`` a clause boundary
        on the path, ``samehead`` when both mentions share a head token.
    """
    h1, h2 = _head(doc, first), _head(doc, second)
    if h1 is None or h2 is None:
        return ["noparse"]
    if h1.i == h2.i:
        return ["samehead", f"d1:{h1.dep_}"]
    up, down = _chain(h1), _chain(h2)
    up_ids = [t.i for t in up]
    lca = next((t for t in down if t.i in up_ids), None)
    if lca is None:  # two roots (the parser split the sentence)
        return ["noparse", f"d1:{h1.dep_}", f"d2:{h2.dep_}"]
    rise = up[: up_ids.index(lca.i)]
    fall = down[: [t.i for t in down].index(lca.i)]
    arcs = [f"{t.dep_}^" for t in rise] + [f"{t.dep_}v" for t in reversed(fall)]
    path = " ".join(arcs) if len(arcs) <= MAX_PATH else "long"
    on_path = rise[1:] + [lca] + fall[1:]
    if lca.i in (h1.i, h2.i):
        on_path = [t for t in on_path if t.i not in (h1.i, h2.i)]
    feats = [
        f"dp:{path}",
        f"dpn={min(len(arcs), MAX_PATH + 1)}",
        f"lca:{_stem(lca)}",
        f"lcat:{lca.tag_}",
        f"lp:{_stem(lca)}|{path}",
        f"d1:{h1.dep_}",
        f"d2:{h2.dep_}",
    ]
    feats.extend(f"pw:{_stem(t)}" for t in on_path[:8])
    # the triggers on the path, and the one nearest the top of the tree (it governs the
    # others: "blocked the opening of talks with" is friction, not cooperation)
    depth = {t.i: len(_chain(t)) for t in on_path}
    top: tuple[int, int, str, Token] | None = None
    for sign, kind, s, e in triggers:
        hit = [t for t in on_path if s < t.idx + len(t) and t.idx < e]
        if hit:
            feats.extend((f"ptrig:{sign}", f"ptrigk:{kind}"))
            tok = min(hit, key=lambda t: depth[t.i])
            if top is None or depth[tok.i] < top[0]:
                top = (depth[tok.i], sign, kind, tok)
    if top is not None:
        feats.extend((f"phs:{top[1]}", f"phk:{top[2]}"))
        if any(c.lower_ in _NEGATORS for c in top[3].children):
            feats.append(f"phneg:{top[1]}")
    # the nearest trigger above the pair ("France blocked [talks between A and B]")
    above = _chain(lca)[1:8]
    for tok in above:
        gov = [
            (sign, kind)
            for sign, kind, s, e in triggers
            if s < tok.idx + len(tok) and tok.idx < e
        ]
        if gov:
            feats.extend((f"gvs:{gov[0][0]}", f"gvk:{gov[0][1]}"))
            if any(c.lower_ in _NEGATORS for c in tok.children):
                feats.append(f"gvneg:{gov[0][0]}")
            break
    if any(c.lower_ in _NEGATORS for t in on_path for c in t.children):
        feats.append("pneg")
    if any(t.dep_ in _CLAUSAL for t in rise + fall):
        feats.append("pclause")
    return feats
