"""A self-contained HTML page of a text with every extracted item highlighted and listed.

The text is cut at every span boundary; each piece is a ``<span>`` carrying the classes of the
items covering it (actor mention, relation, event, claim, condition), so overlapping items need
no nesting. The list beside the text links each item to its first piece. No script or style is
loaded from anywhere: the page works offline and can be mailed.
"""

from __future__ import annotations

import itertools
from html import escape
from typing import Any

from equipoise.text.pipeline import Extraction

CSS = """
body{font-family:system-ui,sans-serif;margin:0;display:flex;gap:1rem;color:#1b1b1b}
main{flex:3;padding:1rem 1.5rem;line-height:1.6;max-width:60rem}
aside{flex:2;padding:1rem;background:#f6f6f4;height:100vh;overflow:auto;position:sticky;top:0;font-size:.9rem}
p{margin:.2rem 0 .8rem}
.relation{border-bottom:2px solid #7a9cc6}
.event{background:#d9f2d9}
.actor{background:#ffe9a8;border-radius:2px}
.claim{text-decoration:underline #c0392b 2px;text-underline-offset:3px}
.condition{font-style:italic;background:#f7dcdc}
.hl{outline:2px solid #333}
li{margin:.3rem 0} a{color:#234}
.k{font-size:.75rem;padding:0 .3rem;border-radius:3px;background:#ddd;margin-right:.3rem}
.legend span{margin-right:.6rem}
"""


LEGEND = (
    '<p class="legend"><span class="actor">actor</span><span class="relation">relation'
    '</span><span class="event">event</span><span class="claim">claim</span>'
    '<span class="condition">condition</span></p>'
)


def _items(x: Extraction) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    for a in x.actors:
        for k, (s, e) in enumerate(a.mentions):
            items.append(
                {
                    "id": f"a-{a.code}-{k}",
                    "cls": "actor",
                    "span": (s, e),
                    "label": f"{a.code} ({a.name})",
                    "list": k == 0,
                }
            )
    for k, r in enumerate(x.relations):
        items.append(
            {
                "id": f"r-{k}",
                "cls": "relation",
                "span": r.span,
                "list": True,
                "label": f"{r.a}–{r.b} {'+' if r.sign > 0 else '−'} {r.kind} ({r.modality}; {r.trigger!r})",
            }
        )
    for k, ev in enumerate(x.events):
        items.append(
            {
                "id": f"e-{k}",
                "cls": "event",
                "span": ev.span,
                "list": True,
                "label": f"{ev.date or 'undated'}: {ev.what[:80]}",
            }
        )
    for k, c in enumerate(x.claims):
        label = (
            f"{c.holder}: {c.metric} {c.direction or '?'} {','.join(c.actors)}"
            f"{' if ' + repr(c.condition[:50]) if c.condition else ''}"
            f"{' → ' + c.intervention if c.intervention else ''}"
        )
        items.append({"id": f"c-{k}", "cls": "claim", "span": c.span, "list": True, "label": label})
        if c.condition_span is not None:
            items.append(
                {
                    "id": f"c-{k}-if",
                    "cls": "condition",
                    "span": c.condition_span,
                    "list": False,
                    "label": "condition",
                }
            )
    return items


def item_labels(x: Extraction) -> list[dict[str, Any]]:
    """Return the listable items of ``x``: id, class (actor, relation, event, claim), label."""
    return [
        {"id": it["id"], "cls": it["cls"], "label": it["label"]} for it in _items(x) if it["list"]
    ]


def highlighted(x: Extraction, text: str) -> str:
    """Return the text as HTML paragraphs with every item's span highlighted (escaped)."""
    return _highlighted(_items(x), text)


def render_html(x: Extraction, text: str, *, title: str) -> str:
    """Return the page for ``x`` read from ``text``.

    Parameters
    ----------
    x : Extraction
        What the reader found.
    text : str
        The text it was read from.
    title : str
        The page title (the file name).

    Returns
    -------
    str
        A complete HTML document with inline style and no script.
    """
    items = _items(x)
    body = _highlighted(items, text)
    lists: dict[str, list[str]] = {"actor": [], "relation": [], "event": [], "claim": []}
    for it in items:
        if it["list"] and it["cls"] in lists:
            lists[it["cls"]].append(f'<li><a href="#{it["id"]}">{escape(it["label"])}</a></li>')
    heads = {"actor": "Actors", "relation": "Relations", "event": "Events", "claim": "Claims"}
    side = "".join(
        f"<h2>{heads[k]} ({len(v)})</h2><ol>{''.join(v) or '<li>none found</li>'}</ol>"
        for k, v in lists.items()
    )
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{escape(title)}: equipoise extract</title><style>{CSS}</style></head><body>"
        f"<main><h1>{escape(title)}</h1>{LEGEND}{body}</main>"
        f"<aside>{side}</aside></body></html>\n"
    )


def _highlighted(items: list[dict[str, Any]], text: str) -> str:
    cuts = {0, len(text)}
    for it in items:
        cuts.update(it["span"])
    for k, ch in enumerate(text):
        if ch == "\n":
            cuts.update((k, k + 1))
    points = sorted(c for c in cuts if 0 <= c <= len(text))
    opening: dict[int, list[dict[str, Any]]] = {}
    for it in items:
        if it["span"][1] > it["span"][0]:
            opening.setdefault(it["span"][0], []).append(it)
    active: list[dict[str, Any]] = []
    first_piece: dict[str, int] = {}
    pieces: list[str] = ["<p>"]
    for i, (s, e) in enumerate(itertools.pairwise(points)):
        active = [it for it in active if it["span"][1] > s] + opening.get(s, [])
        chunk = text[s:e]
        if chunk == "\n":
            pieces.append("</p>\n<p>")
            continue
        covering = active
        if not covering:
            pieces.append(escape(chunk))
            continue
        classes = sorted({it["cls"] for it in covering})
        tip = "; ".join(it["label"] for it in covering if it["cls"] != "condition")
        anchor = ""
        for it in covering:
            if it["id"] not in first_piece:
                first_piece[it["id"]] = i
                anchor += f'<a id="{it["id"]}"></a>'
        pieces.append(
            f'{anchor}<span class="{" ".join(classes)}" title="{escape(tip)}">{escape(chunk)}</span>'
        )
    pieces.append("</p>")
    return "".join(pieces)


__all__ = ["CSS", "LEGEND", "highlighted", "item_labels", "render_html"]
