"""Build the gold annotations (``*.gold.json``) from quote-anchored specs.

The annotator writes each item by the words it starts and ends with (so that the spec stays
readable); this script turns them into character offsets of the file as read and stores
offsets plus a short quote (at most 60 characters) per item, never the whole text. Run it from
the repository root: ``python tests/data/text/make_gold.py``. It fails loudly if an anchor is
missing or ambiguous. The guidelines are ``docs/annotation-guidelines.md``.

The seed texts (``../shared/seeds/``) are the project's DEVELOPMENT texts: the extraction rules
were written while reading them. ``heldout_*.txt`` were written and annotated from the guidelines
before the extractor was run on them (they are the project's own texts, MIT like the code).
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
SHARED = Path(os.environ.get("EQUIPOISE_SHARED_DATA", HERE.parents[2].parent / "shared" / "data"))
SEEDS = SHARED.parent / "seeds"


def short(text: str) -> str:
    return text if len(text) <= 60 else text[:57] + "..."


def find(text: str, start: str, end: str | None = None, after: int = 0) -> list[int]:
    i = text.find(start, after)
    if i < 0:
        raise SystemExit(f"anchor not found: {start!r}")
    if text.find(start, i + 1) >= 0 and after == 0:
        raise SystemExit(f"anchor is ambiguous: {start!r}")
    if end is None:
        return [i, i + len(start)]
    j = text.find(end, i)
    if j < 0:
        raise SystemExit(f"end anchor not found: {end!r} after {start!r}")
    return [i, j + len(end)]


def boundary(surface: str) -> str:
    return r"(?<![\w.])" + re.escape(surface) + r"(?![\w])"


def mentions(text: str, surfaces: dict[str, list[str]], exclude: list[tuple[str, int]]) -> dict:
    found = []
    for code, forms in surfaces.items():
        for form in forms:
            for m in re.finditer(boundary(form), text):
                found.append((m.start(), m.end(), form, code))
    found.sort(key=lambda f: (f[0], -(f[1] - f[0])))
    kept, last = [], -1
    for f in found:
        if f[0] >= last:
            kept.append(f)
            last = f[1]
    count: dict[str, int] = {}
    out: dict[str, list] = {}
    excluded = set(exclude)
    used = set()
    for s, e, form, code in kept:
        count[form] = count.get(form, 0) + 1
        if (form, count[form]) in excluded:
            used.add((form, count[form]))
            continue
        out.setdefault(code, []).append([s, e, text[s:e]])
    missing = excluded - used
    if missing:
        raise SystemExit(f"exclusions that match nothing: {missing}")
    return out


def build(name: str, path: Path, spec: dict[str, Any], out_dir: Path = HERE) -> None:
    text = path.read_bytes().decode("utf-8")
    doc: dict[str, Any] = {
        "document": spec["document"],
        "licence": spec["licence"],
        "date": spec["date"],
        "genre": spec["genre"],
        "split": spec["split"],
        "chars": len(text),
        "actors": mentions(text, spec["surfaces"], spec.get("exclude", [])),
        "relations": [],
        "events": [],
        "claims": [],
    }
    for a, b, sign, modality, start, end in spec["relations"]:
        s, e = find(text, start, end)
        doc["relations"].append(
            {
                "a": a,
                "b": b,
                "sign": sign,
                "modality": modality,
                "span": [s, e],
                "quote": short(text[s:e]),
            }
        )
    for date, start, end in spec["events"]:
        s, e = find(text, start, end)
        doc["events"].append({"date": date, "span": [s, e], "quote": short(text[s:e])})
    for holder, cond, direction, start, end in spec["claims"]:
        s, e = find(text, start, end)
        item: dict[str, Any] = {
            "holder": holder,
            "direction": direction,
            "span": [s, e],
            "quote": short(text[s:e]),
        }
        if cond is None:
            item["condition_span"] = None
        else:
            cs, ce = find(text, cond, None, after=s)
            item["condition_span"] = [cs, ce]
            item["condition"] = short(text[cs:ce])
        doc["claims"].append(item)
    out = out_dir / f"{name}.gold.json"
    out.write_text(json.dumps(doc, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(
        f"{out.name}: {sum(len(v) for v in doc['actors'].values())} mentions, "
        f"{len(doc['relations'])} relations, {len(doc['events'])} events, {len(doc['claims'])} claims"
    )


OWN = "the project's own text (written for evaluation; MIT like the code)"
SEED = (
    "a development text of the project (../shared/seeds); its licence is not known, so only "
    "offsets and quotes of at most 60 characters are stored here"
)

HELDOUT_01 = {
    "document": "tests/data/text/heldout_01.txt",
    "licence": OWN,
    "date": "2020-12-01",
    "genre": "panel report",
    "split": "held-out round 1 (development since round 2)",
    "surfaces": {
        "VNM": ["Vietnam", "Hanoi"],
        "CHN": ["China", "Beijing", "Chinese"],
        "USA": ["Washington", "United States"],
        "IND": ["India", "Indian", "New Delhi"],
        "PHL": ["Philippines", "Manila", "President Duterte"],
        "AUS": ["Australia", "Canberra", "Australian"],
        "QUAD": ["Quad"],
    },
    "exclude": [("Indian", 1), ("Australian", 1)],
    "relations": [
        ("IND", "VNM", 1, "hypothetical", "Vietnamese analysts argued", "room for manoeuvre."),
        ("CHN", "VNM", -1, "asserted", "Since 2016, Vietnam", "Paracel Islands."),
        ("CHN", "PHL", 1, "asserted", "In July 2016, an arbitral", "from Beijing instead."),
        ("CHN", "PHL", -1, "hypothetical", "According to Filipino", "the Philippines and China."),
        ("AUS", "CHN", -1, "asserted", "Australian speakers noted", "in April 2020."),
        ("AUS", "CHN", -1, "asserted", "Beijing then imposed", "in May 2020."),
        ("AUS", "USA", 1, "hypothetical", "In their view, Canberra", "more institutionalised."),
        ("CHN", "IND", -1, "asserted", "After the clash in the Galwan", "the border dispute."),
        ("IND", "QUAD", 1, "hypothetical", "If the standoff continues", "they believe."),
    ],
    "events": [
        ("2016", "Vietnam and China have clashed", "near the Paracel Islands"),
        ("2016-07", "an arbitral tribunal in The Hague ruled", "China's claims"),
        ("2020-04", "Canberra called for an inquiry", "in April 2020"),
        ("2020-05", "Beijing then imposed tariffs", "in May 2020"),
        ("2020-06", "the clash in the Galwan valley", "in June 2020"),
    ],
    "claims": [
        (
            "Vietnamese analysts",
            "a closer partnership with India",
            "increase",
            "Vietnamese analysts argued",
            "room for manoeuvre.",
        ),
        (
            "Filipino participants",
            "Chinese coast guard pressure continues",
            "decrease",
            "According to Filipino",
            "the Philippines and China.",
        ),
        (
            "Australian speakers",
            None,
            "increase",
            "In their view, Canberra",
            "more institutionalised.",
        ),
        (
            "Indian participants",
            None,
            "decrease",
            "After the clash in the Galwan",
            "the border dispute.",
        ),
        (
            "Indian participants",
            "the standoff continues",
            "increase",
            "If the standoff continues",
            "they believe.",
        ),
    ],
}

HELDOUT_02 = {
    "document": "tests/data/text/heldout_02.txt",
    "licence": OWN,
    "date": "2020-12-01",
    "genre": "interview",
    "split": "held-out round 1 (development since round 2)",
    "surfaces": {
        "RUS": ["Russia", "Moscow"],
        "IND": ["India", "New Delhi"],
        "CHN": ["China"],
        "USA": ["American", "United States"],
        "JPN": ["Japan", "Prime Minister Abe"],
    },
    "relations": [
        ("IND", "RUS", 1, "asserted", "Russia and India remain", "close partners."),
        ("IND", "RUS", 1, "asserted", "Moscow is still", "American sanctions."),
        ("IND", "USA", -1, "hypothetical", "Moscow is still", "American sanctions."),
        ("IND", "RUS", 1, "hypothetical", "In my view, this partnership", "less exclusive."),
        ("CHN", "RUS", 1, "asserted", "Russia has grown dependent", "with unease."),
        ("CHN", "RUS", 1, "hypothetical", "If Russia and China draw", "will grow."),
        ("IND", "USA", 1, "hypothetical", "If Russia and China draw", "will grow."),
        ("IND", "RUS", -1, "negated", "I do not think Moscow", "however."),
        ("IND", "JPN", 1, "asserted", "Japan and India have built", "partnership."),
        ("IND", "JPN", 1, "asserted", "Prime Minister Abe visited", "Malabar exercise."),
        ("IND", "JPN", 1, "hypothetical", "I expect this cooperation", "five years."),
    ],
    "events": [
        ("2018-10", "in October 2018 the two countries signed", "S-400 air defence system"),
        ("2017-09", "Prime Minister Abe visited India", "in September 2017"),
    ],
    "claims": [
        ("the interviewee", None, "decrease", "In my view, this partnership", "less exclusive."),
        (
            "the interviewee",
            "Russia and China draw any closer",
            "increase",
            "If Russia and China draw",
            "will grow.",
        ),
        ("the interviewee", None, "increase", "I do not think Moscow", "however."),
        ("the interviewee", None, "increase", "I expect this cooperation", "five years."),
    ],
}

HELDOUT_03 = {
    "document": "tests/data/text/heldout_03.txt",
    "licence": OWN,
    "date": "2020-10-01",
    "genre": "op-ed",
    "split": "held-out round 1 (development since round 2)",
    "surfaces": {
        "TUR": ["Ankara", "Turkey", "Turkish"],
        "RUS": ["Russian", "Russia", "Moscow", "Kremlin"],
        "USA": ["Washington"],
        "NATO": ["NATO", "the Alliance"],
        "EU": ["Brussels", "European Union"],
        "SYR": ["Syria", "Syrian"],
        "LBY": ["Libya"],
        "GRC": ["Greece"],
        "FRA": ["France"],
        "IRN": ["Iran", "Tehran"],
    },
    "exclude": [("Moscow", 1)],
    "relations": [
        ("RUS", "TUR", 1, "asserted", "Turkey bought the Russian", "F-35 programme."),
        ("TUR", "USA", -1, "asserted", "Turkey bought the Russian", "F-35 programme."),
        ("NATO", "TUR", -1, "asserted", "Many in NATO", "migration from Syria."),
        ("EU", "TUR", 1, "asserted", "Many in NATO", "migration from Syria."),
        ("RUS", "TUR", 1, "negated", "The relationship between Turkey", "alliance either."),
        ("RUS", "TUR", -1, "asserted", "The two governments", "in February 2020."),
        ("SYR", "TUR", -1, "asserted", "The two governments", "in February 2020."),
        ("RUS", "TUR", 1, "hypothetical", "Observers in Moscow", "divides the Alliance."),
        ("FRA", "GRC", 1, "asserted", "Greece and France", "rose this summer."),
        ("GRC", "TUR", -1, "asserted", "Greece and France", "rose this summer."),
        ("FRA", "TUR", -1, "asserted", "Greece and France", "rose this summer."),
        ("EU", "TUR", -1, "hypothetical", "If the European Union", "several analysts warn."),
        ("RUS", "TUR", 1, "hypothetical", "If the European Union", "several analysts warn."),
        ("IRN", "TUR", 1, "asserted", "Tehran and Ankara", "weaken that partnership."),
    ],
    "events": [
        ("2019-07", "Turkey bought the Russian S-400", "in July 2019"),
        (None, "Washington responded by removing it", "F-35 programme"),
        ("2020-02", "Turkish drones struck Syrian", "in February 2020"),
        ("2017", "Tehran and Ankara have cooperated", "since 2017"),
    ],
    "claims": [
        (
            "observers in Moscow",
            "it divides the Alliance",
            "increase",
            "Observers in Moscow",
            "divides the Alliance.",
        ),
        (
            "several analysts",
            "the European Union imposes sanctions on Turkey at its December summit",
            "increase",
            "If the European Union",
            "several analysts warn.",
        ),
        (
            "the author",
            "a deal on maritime boundaries",
            "increase",
            "In my view, a deal",
            "new sanctions.",
        ),
        (
            "the author",
            "a Turkish rapprochement with the Gulf states",
            "decrease",
            "Tehran and Ankara",
            "weaken that partnership.",
        ),
    ],
}

HELDOUT_04 = {
    "document": "tests/data/text/heldout_04.txt",
    "licence": OWN,
    "date": "2020-06-01",
    "genre": "news analysis",
    "split": "held-out round 2 (development since round 4)",
    "surfaces": {
        "JPN": ["Tokyo", "Japan", "Japanese"],
        "KOR": ["Seoul", "South Korea", "South Korean"],
        "USA": ["Washington", "President Trump", "United States"],
        "PRK": ["Pyongyang", "North Korea", "Kim Jong-un", "North"],
        "CHN": ["China", "Beijing"],
        "UN": ["UN"],
    },
    "exclude": [("Seoul", 3), ("Japanese", 1)],
    "relations": [
        ("JPN", "KOR", -1, "asserted", "Relations between Tokyo", "chip makers."),
        ("JPN", "KOR", -1, "asserted", "Seoul retaliated", "from Washington."),
        ("KOR", "USA", -1, "asserted", "Seoul retaliated", "from Washington."),
        ("PRK", "USA", 1, "asserted", "North Korea tested", "without a deal."),
        ("PRK", "USA", 1, "hypothetical", "According to South Korean", "stay frozen."),
        ("CHN", "PRK", 1, "asserted", "China remains", "UN sanctions."),
        ("PRK", "UN", -1, "asserted", "China remains", "UN sanctions."),
        ("JPN", "KOR", 1, "hypothetical", "Most analysts in Seoul", "over Pyongyang."),
        ("JPN", "KOR", -1, "asserted", "However, as long as", "told us."),
    ],
    "events": [
        ("2019-07", "Japan tightened export controls", "chip makers"),
        (None, "Seoul retaliated by threatening", "intelligence pact with Japan"),
        ("2019-11", "before reversing course", "in November 2019"),
        ("2019", "North Korea tested a series", "missiles in 2019"),
        ("2019-02", "the summit between Kim Jong-un", "in February 2019"),
    ],
    "claims": [
        (
            "South Korean officials",
            "talks with the United States stay frozen",
            "decrease",
            "According to South Korean",
            "stay frozen.",
        ),
        (
            "analysts in Seoul",
            "closer coordination between Japan and South Korea",
            "increase",
            "Most analysts in Seoul",
            "over Pyongyang.",
        ),
        (
            "a former Japanese diplomat",
            "the history disputes persist",
            "decrease",
            "However, as long as",
            "told us.",
        ),
    ],
}

SEED_000 = {
    "document": "seeds/000_86b6f5b54d9d9e51.txt",
    "licence": SEED,
    "date": "2021-09-01",
    "genre": "panel report",
    "split": "development",
    "surfaces": {
        "RUS": ["Russia", "Russian", "Moscow"],
        "JPN": ["Japan", "Japanese", "Tokyo"],
        "CHN": ["China", "Beijing"],
        "IND": ["India", "Indian"],
        "VNM": ["Vietnam"],
        "USA": ["United States", "US", "American", "Washington"],
        "KOR": ["South Korea", "Seoul", "South Korean", "Korea", "Moon Jae-in"],
        "QUAD": ["Quad"],
        "AUS": ["Australia"],
        "FRA": ["France"],
        "GBR": ["UK"],
    },
    "exclude": [
        ("Russian", 1),
        ("Russian", 4),
        ("Russian", 5),
        ("Russian", 6),
        ("Japanese", 1),
        ("Japanese", 4),
        ("Japanese", 6),
        ("Indian", 1),
        ("South Korean", 2),
        ("Washington", 1),
    ],
    "relations": [
        ("JPN", "RUS", 1, "asserted", "According to their Japanese", "in this region."),
        ("IND", "JPN", 1, "asserted", "That is why it has been", "potential partners."),
        ("JPN", "VNM", 1, "asserted", "That is why it has been", "potential partners."),
        ("JPN", "RUS", 1, "asserted", "That is why it has been", "potential partners."),
        (
            "JPN",
            "RUS",
            1,
            "asserted",
            "Although at the official level",
            "economy, energy and security.",
        ),
        (
            "IND",
            "RUS",
            1,
            "asserted",
            "Although at the official level",
            "economy, energy and security.",
        ),
        ("JPN", "RUS", 1, "asserted", "An important precedent", "the Indian Ocean."),
        ("JPN", "RUS", 1, "asserted", "However, the success of", "United States and Russia."),
        ("RUS", "USA", 1, "hypothetical", "If they stabilise", "Russian experts believe."),
        (
            "JPN",
            "RUS",
            -1,
            "hypothetical",
            "At the same time, the most",
            "for bilateral relations.",
        ),
        ("CHN", "KOR", 1, "asserted", "Recently, there have been", "side of Beijing."),
        ("KOR", "QUAD", 1, "asserted", "Despite the fact that South Korea", "under its auspices."),
        ("CHN", "QUAD", -1, "asserted", "Despite the fact that South Korea", "under its auspices."),
        ("JPN", "KOR", 1, "asserted", "So, South Korean soldiers", "between the two countries."),
        ("CHN", "KOR", -1, "asserted", "Moreover, in recent years", "missile defence system."),
        ("CHN", "KOR", -1, "asserted", "The communiqué signed", "many times indirectly."),
        ("KOR", "USA", 1, "asserted", "The communiqué signed", "many times indirectly."),
        (
            "KOR",
            "USA",
            1,
            "hypothetical",
            "Experts believe that South Korea",
            "the left and the right.",
        ),
        ("JPN", "KOR", 1, "negated", "Japanese experts are not so sure", "of both sides."),
        ("JPN", "KOR", 1, "hypothetical", "However, according to Russian", "in the longer term."),
        ("JPN", "KOR", -1, "asserted", "If now it is Japan", "100-150 years ago."),
        ("CHN", "KOR", -1, "hypothetical", "If now it is Japan", "100-150 years ago."),
        ("FRA", "USA", 1, "asserted", "Their goals partly coincide", "in world affairs."),
        ("GBR", "USA", 1, "asserted", "Their goals partly coincide", "in world affairs."),
    ],
    "events": [
        ("2020-01", "the first-ever Russian-Japanese anti-piracy drills", "in January 2020"),
        (None, "Beijing imposed sanctions against Seoul", "missile defence system"),
        ("2021-06", "South Korean soldiers took part", "in Alaska in June"),
        ("2021-07", "Talisman Sabre in Australia", "in July"),
        ("2021-05", "The communiqué signed following", "to Washington last May"),
    ],
    "claims": [
        (
            "Russian experts",
            "a region with a lot of independent players",
            "increase",
            "Its interests are best served",
            "Russian experts noted.",
        ),
        (
            "Russian experts",
            "the state of relations between the United States and Russia",
            "increase",
            "However, the success of",
            "United States and Russia.",
        ),
        (
            "Russian experts",
            "they stabilise",
            "increase",
            "If they stabilise",
            "Russian experts believe.",
        ),
        (
            "Russian experts",
            "American medium-range missiles could be deployed in Japan",
            "decrease",
            "At the same time, the most",
            "for bilateral relations.",
        ),
        (
            "concerns in the West",
            "an intense inter-bloc confrontation",
            "increase",
            "Recently, there have been",
            "side of Beijing.",
        ),
        (
            "Japanese and Russian experts",
            None,
            "decrease",
            "However, both Japanese",
            "scenario unlikely.",
        ),
        (
            "experts",
            None,
            "increase",
            "Experts believe that South Korea",
            "the left and the right.",
        ),
        (
            "Japanese experts",
            None,
            "decrease",
            "Japanese experts are not so sure",
            "of both sides.",
        ),
        (
            "Russian experts",
            None,
            "increase",
            "However, according to Russian",
            "in the longer term.",
        ),
        (
            "Russian experts",
            "now it is Japan that plays this role",
            "decrease",
            "If now it is Japan",
            "100-150 years ago.",
        ),
        (
            "the view in Russia",
            "in Japan such steps are perceived positively",
            "increase",
            "If in Japan such steps",
            "bipolar dynamics.",
        ),
    ],
}

SEED_004 = {
    "document": "seeds/004_5ab77765e01226dd.txt",
    "licence": SEED,
    "date": "2020-07-01",
    "genre": "interview",
    "split": "development",
    "surfaces": {
        "JPN": ["Japan", "Prime Minister Abe"],
        "RUS": ["Russia", "Soviet Union", "President Putin"],
        "CHN": ["China"],
        "USA": ["U.S.", "President Trump", "Trump"],
        "UKR": ["Ukraine"],
    },
    "relations": [
        ("JPN", "RUS", -1, "asserted", "The biggest impact that COVID-19", "WWII victory."),
        ("JPN", "RUS", 1, "asserted", "He wanted to have another summit", "peace treaty."),
        (
            "JPN",
            "RUS",
            -1,
            "asserted",
            "Unfortunately, due to the COVID-19",
            "his visit to Moscow.",
        ),
        ("JPN", "RUS", 1, "hypothetical", "One is signing the peace treaty", "the two countries."),
        ("JPN", "RUS", 1, "hypothetical", "Japan wants to improve", "rapidly rising China."),
        ("CHN", "JPN", -1, "asserted", "Japan wants to improve", "rapidly rising China."),
        ("CHN", "RUS", -1, "hypothetical", "When Prime Minister Abe returned", "threat to Russia."),
        ("JPN", "RUS", -1, "asserted", "Before that, let me explain", "have deteriorated."),
        ("RUS", "USA", -1, "asserted", "Unfortunately, after the crisis", "against Russia."),
        ("JPN", "RUS", -1, "asserted", "Japan also joined in these", "the U.S. and Europe."),
        ("CHN", "RUS", 1, "asserted", "This essentially pushed", "the arms of China."),
        ("CHN", "RUS", 1, "asserted", "Russia had to improve", "economy and technology."),
        (
            "RUS",
            "USA",
            1,
            "hypothetical",
            "After President Trump took",
            "relationship with Russia.",
        ),
        ("RUS", "USA", -1, "asserted", "However, due to several reasons", "U.S.-led world order."),
        ("CHN", "USA", -1, "asserted", "However, due to several reasons", "U.S.-led world order."),
        ("CHN", "RUS", 1, "asserted", "Actually, Russia has common", "U.S.-led world order."),
        ("RUS", "USA", -1, "asserted", "Actually, Russia has common", "U.S.-led world order."),
        ("CHN", "USA", -1, "asserted", "Actually, Russia has common", "U.S.-led world order."),
        ("CHN", "RUS", 1, "asserted", "To maintain this freedom", "formal military alliance."),
        (
            "CHN",
            "USA",
            -1,
            "asserted",
            "The competition between China and the U.S. is",
            "of global issues.",
        ),
        ("CHN", "USA", -1, "asserted", "Since the beginning of the COVID-19", "will emerge."),
        ("CHN", "RUS", -1, "negated", "At this moment, Russia", "relationship with China."),
        ("CHN", "USA", -1, "asserted", "Also, we will have to follow", "continues to develop."),
    ],
    "events": [
        ("2020", "Prime Minister Abe had to cancel", "WWII victory"),
        ("2012-12", "When Prime Minister Abe returned", "at the end of 2012"),
        (None, "the U.S. and European countries imposed", "against Russia"),
        (None, "Japan also joined in these sanctions", "joined in these sanctions"),
        (None, "After President Trump took power", "took power in the U.S."),
        ("2016", "the alleged intervention by Russia", "election in 2016"),
    ],
    "claims": [
        (
            "the interviewee",
            "signing the peace treaty",
            "increase",
            "One is signing the peace treaty",
            "the two countries.",
        ),
        (
            "the interviewee",
            "improve its relationship with Russia",
            "increase",
            "Japan wants to improve",
            "rapidly rising China.",
        ),
        (
            "Russia",
            "China’s rapid rise",
            "decrease",
            "When Prime Minister Abe returned",
            "threat to Russia.",
        ),
        ("the interviewee", "This", "increase", "This essentially pushed", "the arms of China."),
        ("the interviewee", None, "increase", "Russia had to improve", "economy and technology."),
        ("the interviewee", None, None, "To maintain this freedom", "formal military alliance."),
        ("a view", None, "increase", "Since the beginning of the COVID-19", "will emerge."),
        ("the interviewee", None, None, "At this moment, Russia", "relationship with China."),
        ("the interviewee", None, None, "This dynamism will be", "in the coming decades."),
        (
            "the interviewee",
            "the country that can recover from this crisis earlier than others",
            "increase",
            "The earlier the better",
            "in global politics.",
        ),
        (
            "the interviewee",
            "This",
            None,
            "This will inevitably affect",
            "international relations.",
        ),
    ],
}

HELDOUT_05 = {
    "document": "tests/data/text/heldout_05.txt",
    "licence": OWN,
    "date": "2020-11-15",
    "genre": "analysis",
    "split": "held-out round 3 (development since round 4)",
    "surfaces": {
        "KAZ": ["Kazakhstan", "Nur-Sultan", "Kazakh"],
        "RUS": ["Moscow", "Russia", "Russian", "Kremlin"],
        "CHN": ["Beijing", "China", "Sino"],
        "TUR": ["Turkey", "Ankara", "Turkish"],
        "UZB": ["Uzbekistan", "Tashkent"],
        "LBY": ["Libya"],
        "USA": ["United States", "Washington"],
        "KGZ": ["Kyrgyzstan"],
        "IND": ["India"],
        "JPN": ["Japan"],
        "EU": ["European Union", "Brussels"],
    },
    "relations": [
        ("KAZ", "RUS", 1, "asserted", "Nur-Sultan depends on", "largest creditor."),
        ("CHN", "KAZ", 1, "asserted", "Nur-Sultan depends on", "largest creditor."),
        ("CHN", "RUS", 1, "hypothetical", "Analysts in Almaty", "provides money."),
        ("CHN", "RUS", -1, "hypothetical", "If China were to build", "could cool."),
        ("TUR", "UZB", 1, "asserted", "Ankara signed a defence", "region's armies."),
        ("RUS", "TUR", -1, "asserted", "Russia and Turkey support", "to Central Asia."),
        ("KGZ", "USA", -1, "asserted", "Washington closed its air base", "plan to return."),
        ("IND", "UZB", 1, "negated", "India and Japan fund", "partner for Tashkent."),
        ("JPN", "UZB", 1, "negated", "India and Japan fund", "partner for Tashkent."),
        ("EU", "KAZ", 1, "asserted", "The European Union is a", "weight in the region."),
    ],
    "events": [
        ("2020-10", "Ankara signed a defence", "in October 2020"),
        ("2014", "Washington closed its air base", "in 2014"),
        ("2015", "Brussels signed an enhanced", "in 2015"),
    ],
    "claims": [
        ("analysts in Almaty", None, None, "Analysts in Almaty", "provides money."),
        (
            "analysts in Almaty",
            "If China were to build a military presence in the region",
            "decrease",
            "If China were to build",
            "could cool.",
        ),
        ("the author", None, "decrease", "Russia and Turkey support", "to Central Asia."),
        ("the author", None, None, "In the author's view", "choose sides."),
        ("the author", None, None, "Its governments will keep", "training with Russia."),
    ],
}

HELDOUT_06 = {
    "document": "tests/data/text/heldout_06.txt",
    "licence": OWN,
    "date": "2020-12-01",
    "genre": "interview",
    "split": "held-out round 4 (development since round 5)",
    "surfaces": {
        "AUS": ["Australia", "Canberra", "Australian", "Prime Minister Morrison"],
        "CHN": ["China", "Beijing", "Chinese"],
        "USA": ["Washington", "United States"],
        "JPN": ["Tokyo", "Japan", "Prime Minister Suga"],
        "IND": ["India"],
        "QUAD": ["the Quad"],
        "IDN": ["Indonesia"],
        "VNM": ["Vietnam"],
    },
    "exclude": [("China", 4)],
    "relations": [
        ("AUS", "CHN", -1, "asserted", "Australia and China:", "in free fall"),
        ("AUS", "CHN", -1, "asserted", "They are at their lowest", "point in decades."),
        ("AUS", "CHN", -1, "asserted", "After Australia called", "beef imports."),
        ("AUS", "USA", 1, "asserted", "Canberra has moved closer", "for their forces."),
        ("AUS", "JPN", 1, "asserted", "Canberra has moved closer", "for their forces."),
        ("AUS", "IND", 1, "asserted", "Australia also returned", "since 2007."),
        ("AUS", "JPN", 1, "asserted", "Australia also returned", "since 2007."),
        ("AUS", "USA", 1, "asserted", "Australia also returned", "since 2007."),
        ("AUS", "IDN", 1, "hypothetical", "Neither wants to be", "South China Sea."),
        ("AUS", "VNM", 1, "hypothetical", "Neither wants to be", "South China Sea."),
    ],
    "events": [
        ("2020-04", "Australia called for an independent", "in April 2020"),
        ("2020-05", "China imposed tariffs", "beef imports"),
        ("2020-11", "in November 2020 Prime Minister Morrison", "for their forces"),
        ("2020-11", "Australia also returned", "since 2007"),
    ],
    "claims": [
        ("the interviewee", None, "decrease", "They are at their lowest", "point in decades."),
        (
            "the interviewee",
            "Beijing keeps up the pressure",
            "increase",
            "If Beijing keeps up",
            "more cohesive.",
        ),
        ("the interviewee", None, "increase", "Neither wants to be", "South China Sea."),
    ],
}

HELDOUT_07 = {
    "document": "tests/data/text/heldout_07.txt",
    "licence": OWN,
    "date": "2020-02-15",
    "genre": "analysis",
    "split": "held-out round 5 (development since round 6)",
    "surfaces": {
        "USA": ["Washington", "United States", "American", "US"],
        "IRN": ["Tehran", "Iran", "Iranian", "Islamic Republic"],
        "IRQ": ["Iraq"],
        "SAU": ["Riyadh", "Saudi Arabia", "Saudi"],
        "ARE": ["UAE"],
        "OMN": ["Oman"],
        "QAT": ["Qatar"],
        "RUS": ["Russia", "Moscow"],
        "CHN": ["China", "Beijing"],
    },
    "exclude": [("Tehran", 3), ("Iranian", 4), ("Oman", 2), ("Moscow", 2)],
    "relations": [
        ("IRN", "USA", -1, "asserted", "Relations between Washington", "four decades."),
        ("IRN", "USA", -1, "asserted", "Since the United States left", "hit by sanctions."),
        ("IRN", "USA", -1, "asserted", "On 3 January 2020", "troops are stationed."),
        ("IRN", "USA", -1, "asserted", "Both sides then stepped back", "by other means."),
        ("IRN", "SAU", -1, "asserted", "Riyadh blamed Tehran", "government denies."),
        ("ARE", "IRN", 1, "asserted", "The UAE, by contrast", "Islamic Republic open."),
        ("IRN", "OMN", 1, "asserted", "The UAE, by contrast", "Islamic Republic open."),
        ("IRN", "QAT", 1, "asserted", "The UAE, by contrast", "Islamic Republic open."),
        ("QAT", "SAU", -1, "asserted", "The rift between Saudi Arabia", "persists."),
        ("IRN", "RUS", 1, "asserted", "Russia and China offer Iran", "in December 2019."),
        ("CHN", "IRN", 1, "asserted", "Russia and China offer Iran", "in December 2019."),
        ("CHN", "RUS", 1, "asserted", "Russia and China offer Iran", "in December 2019."),
        ("IRN", "RUS", 1, "negated", "Yet neither Moscow", "analysts in Moscow say."),
        ("CHN", "IRN", 1, "negated", "Yet neither Moscow", "analysts in Moscow say."),
        ("CHN", "IRN", 1, "hypothetical", "If the sanctions stay", "trade with Beijing."),
        ("IRN", "SAU", 1, "hypothetical", "A senior Gulf official", "escalate again."),
        ("IRN", "SAU", -1, "hypothetical", "We are less hopeful", "next five years."),
    ],
    "events": [
        ("2018-05", "the United States left the nuclear deal", "in May 2018"),
        ("2020-01-03", "On 3 January 2020", "drone strike in Iraq"),
        ("2020-01-08", "five days later", "Ain al-Asad base"),
        ("2019-09", "Riyadh blamed Tehran", "in September 2019"),
        ("2019-07", "quietly sent coast guard officials", "in July 2019"),
        ("2017-06", "the blockade of June 2017", None),
        ("2019-12", "their navies joined Iranian ships", "in December 2019"),
    ],
    "claims": [
        ("the author", None, "decrease", "Relations between Washington", "four decades."),
        ("analysts in Moscow", None, "decrease", "Yet neither Moscow", "analysts in Moscow say."),
        (
            "Iranian economists",
            "the sanctions stay in place through 2020",
            "increase",
            "If the sanctions stay",
            "trade with Beijing.",
        ),
        (
            "a senior Gulf official",
            "the crisis does not escalate again",
            "increase",
            "A senior Gulf official",
            "escalate again.",
        ),
        ("the author", None, "decrease", "We are less hopeful", "next five years."),
    ],
}

HELDOUT_08 = {
    "document": "tests/data/text/heldout_08.txt",
    "licence": OWN,
    "date": "2020-07-20",
    "genre": "interview",
    "split": "held-out round 5 (development since round 6)",
    "surfaces": {
        "IND": ["India", "Indian", "Prime Minister Modi", "Delhi", "New Delhi"],
        "CHN": ["China", "Chinese", "President Xi", "Sino", "Beijing"],
        "USA": ["United States", "Washington"],
        "JPN": ["Japan", "Tokyo"],
        "AUS": ["Australia", "Canberra"],
        "RUS": ["Russia"],
        "QUAD": ["Quad"],
    },
    "exclude": [("New Delhi", 1)],
    "relations": [
        ("CHN", "IND", -1, "asserted", "On 15 June, twenty", "since 1975."),
        ("CHN", "IND", -1, "asserted", "The goodwill of the informal", "has evaporated."),
        ("CHN", "IND", -1, "asserted", "On 29 June Delhi", "investment from China."),
        ("CHN", "IND", 1, "asserted", "Their special representatives", "friction points."),
        ("CHN", "IND", 1, "negated", "Still, I do not expect", "before the spring."),
        ("IND", "USA", 1, "negated", "India will not sign", "weapons from Russia."),
        ("IND", "RUS", 1, "asserted", "India will not sign", "weapons from Russia."),
        ("IND", "JPN", 1, "asserted", "India joined Japan", "each other's bases."),
        ("AUS", "IND", 1, "asserted", "India joined Japan", "each other's bases."),
        ("IND", "USA", 1, "asserted", "India joined Japan", "each other's bases."),
        ("CHN", "IND", -1, "hypothetical", "If Chinese pressure", "next five years."),
        ("IND", "JPN", 1, "hypothetical", "If Chinese pressure", "next five years."),
        ("AUS", "IND", 1, "hypothetical", "If Chinese pressure", "next five years."),
    ],
    "events": [
        ("2020-06-15", "On 15 June, twenty", "Chinese troops"),
        ("2018-04", "the informal summits between", "in April 2018"),
        ("2019-10", "in Mamallapuram in October 2019", None),
        ("2020-06-29", "On 29 June Delhi banned", "Chinese apps"),
        ("2020-04", "tightening the screening", "investment from China"),
        ("2020-07-05", "Their special representatives", "on 5 July"),
        ("2019-09", "India joined Japan", "in September 2019"),
        ("2020-06", "in June India and Australia signed", "each other's bases"),
    ],
    "claims": [
        ("the interviewee", None, "decrease", "Still, I do not expect", "before the spring."),
        ("the interviewee", None, "decrease", "India will not sign", "weapons from Russia."),
        (
            "the interviewee",
            "Chinese pressure on the border continues",
            "increase",
            "If Chinese pressure",
            "next five years.",
        ),
    ],
}

HELDOUT_09 = {
    "document": "tests/data/text/heldout_09.txt",
    "licence": OWN,
    "date": "2019-11-30",
    "genre": "op-ed",
    "split": "held-out round 5 (development since round 6)",
    "surfaces": {
        "NOR": ["Norway", "Oslo", "Norwegian"],
        "USA": ["American"],
        "NATO": ["NATO", "the Alliance"],
        "RUS": ["Moscow", "Russian", "Russia", "Kremlin"],
        "CHN": ["Beijing", "Chinese"],
    },
    "exclude": [("Norwegian", 2), ("Moscow", 2)],
    "relations": [
        ("NOR", "USA", 1, "asserted", "American marines have", "double their number."),
        ("NATO", "NOR", 1, "asserted", "In the autumn of 2018", "Oslo blamed Moscow."),
        ("NOR", "RUS", -1, "asserted", "In the autumn of 2018", "Oslo blamed Moscow."),
        ("NOR", "RUS", -1, "asserted", "Earlier that year", "radar at Vardø."),
        ("NOR", "RUS", -1, "asserted", "The case of Frode Berg", "the two capitals."),
        ("NOR", "RUS", 1, "asserted", "Yet cooperation survives", "is respected."),
        ("CHN", "RUS", 1, "asserted", "Western sanctions imposed", "Yamal LNG plant."),
        ("NATO", "RUS", -1, "hypothetical", "Norwegian officials fear", "deteriorate further."),
    ],
    "events": [
        ("2017-01", "American marines have been stationed", "since January 2017"),
        ("2018", "Oslo agreed last year", "double their number"),
        ("2018", "Norway hosted Trident Juncture", "since the Cold War"),
        ("2018", "GPS signals in the far north", "Oslo blamed Moscow"),
        ("2018", "Russian jets had staged", "radar at Vardø"),
        ("2019-04", "sentenced in Moscow", "for espionage"),
        ("2019-11", "released this month", None),
        ("2010", "the 2010 treaty", "between them"),
        ("2014", "Western sanctions imposed in 2014", None),
    ],
    "claims": [
        ("the author", None, "increase", "Western sanctions imposed", "Yamal LNG plant."),
        (
            "Norwegian officials",
            "NATO's exercises in the High North keep growing",
            "decrease",
            "Norwegian officials fear",
            "deteriorate further.",
        ),
        (
            "the author",
            "the Kremlin scales back its Northern Fleet drills",
            "decrease",
            "Unless the Kremlin",
            "in the 2020s.",
        ),
    ],
}

HELDOUT_10 = {
    "document": "tests/data/text/heldout_10.txt",
    "licence": OWN,
    "date": "2020-10-15",
    "genre": "panel report",
    "split": "held-out round 5 (development since round 6)",
    "surfaces": {
        "FRA": ["France", "French", "President Macron", "Paris"],
        "MLI": ["Mali", "Bamako"],
        "NER": ["Niger"],
        "BFA": ["Burkina Faso"],
        "TCD": ["Chad"],
        "MRT": ["Mauritania"],
        "EST": ["Estonian"],
        "RUS": ["Russia", "Moscow", "Russian", "President Putin"],
        "CAF": ["Central African Republic"],
    },
    "exclude": [("French", 4)],
    "relations": [
        ("FRA", "MLI", 1, "asserted", "At the Pau summit", "jihadist groups."),
        ("FRA", "NER", 1, "asserted", "At the Pau summit", "jihadist groups."),
        ("BFA", "FRA", 1, "asserted", "At the Pau summit", "jihadist groups."),
        ("FRA", "TCD", 1, "asserted", "At the Pau summit", "jihadist groups."),
        ("FRA", "MRT", 1, "asserted", "At the Pau summit", "jihadist groups."),
        ("EST", "FRA", 1, "asserted", "When the French-led", "joined it."),
        ("MLI", "RUS", 1, "asserted", "Moscow signed a military", "across the continent."),
        ("CAF", "RUS", 1, "asserted", "Moscow signed a military", "across the continent."),
        ("FRA", "RUS", -1, "asserted", "French officials accuse", "their troops."),
        ("FRA", "MLI", 1, "asserted", "Mali's military rulers", "Paris and Moscow."),
        ("MLI", "RUS", 1, "asserted", "Mali's military rulers", "Paris and Moscow."),
        ("MLI", "RUS", 1, "hypothetical", "A Malian researcher", "towards Moscow."),
        ("MLI", "RUS", 1, "negated", "In their view, Russia", "next five years."),
        ("FRA", "RUS", -1, "hypothetical", "The report's conclusion", "new patrons."),
    ],
    "events": [
        ("2014-08", "Operation Barkhane, launched", "August 2014"),
        ("2020-01", "At the Pau summit", "jihadist groups"),
        ("2020-07", "When the French-led", "joined it"),
        ("2019-06", "Moscow signed a military", "in June 2019"),
        ("2018", "Russian instructors have trained", "since 2018"),
        ("2019-10", "the first Russia–Africa summit", "across the continent"),
        ("2020-08-18", "the coup of 18 August 2020", None),
    ],
    "claims": [
        (
            "a Malian researcher",
            "Paris does not show results by the end of 2021",
            "increase",
            "A Malian researcher",
            "towards Moscow.",
        ),
        ("French participants", None, "decrease", "In their view, Russia", "next five years."),
        (
            "the report",
            "governments in the region look for new patrons",
            "decrease",
            "The report's conclusion",
            "new patrons.",
        ),
    ],
}

HELDOUT_11 = {
    "document": "tests/data/text/heldout_11.txt",
    "licence": OWN,
    "date": "2020-07-31",
    "genre": "policy brief",
    "split": "held-out round 6 (development since round 7)",
    "surfaces": {
        "PHL": ["Philippines", "Philippine", "Manila", "President Duterte"],
        "VNM": ["Vietnam", "Hanoi"],
        "CHN": ["China", "Chinese", "Beijing"],
        "USA": ["United States", "Washington", "US", "American"],
        "JPN": ["Japan"],
    },
    "exclude": [("Manila", 2), ("Chinese", 2)],
    "relations": [
        ("CHN", "PHL", -1, "asserted", "This brief asks how", "since 2019."),
        ("CHN", "VNM", -1, "asserted", "This brief asks how", "since 2019."),
        ("CHN", "PHL", -1, "asserted", "In June 2019 a fishing boat", "clash with Beijing."),
        ("PHL", "USA", -1, "asserted", "In February 2020 Manila", "with Washington."),
        ("PHL", "USA", 1, "asserted", "Diplomats in Manila say", "speeches suggest."),
        ("CHN", "VNM", -1, "asserted", "A Chinese survey ship", "near the Paracels."),
        ("CHN", "VNM", -1, "asserted", "Hanoi protested to Beijing", "both times."),
        ("CHN", "VNM", -1, "asserted", "Two weeks later Beijing", "alike."),
        ("CHN", "PHL", -1, "asserted", "Two weeks later Beijing", "alike."),
        ("USA", "VNM", 1, "asserted", "In March Vietnam welcomed", "since the war."),
        ("CHN", "USA", -1, "asserted", "On 13 July the US", "never accepted."),
        ("USA", "VNM", 1, "hypothetical", "If Chinese pressure on fishermen", "next two years."),
        ("JPN", "VNM", 1, "hypothetical", "If Chinese pressure on fishermen", "next two years."),
        ("CHN", "VNM", -1, "hypothetical", "If Chinese pressure on fishermen", "next two years."),
        ("USA", "VNM", 1, "negated", "It will not sign", "however."),
        ("PHL", "USA", 1, "hypothetical", "Manila is less predictable", "office in 2022."),
    ],
    "events": [
        ("2019-06", "In June 2019 a fishing boat", "Chinese trawler"),
        ("2020-02", "In February 2020 Manila", "with Washington"),
        ("2020-06", "The termination was suspended in June", None),
        ("2019", "A Chinese survey ship", "Vanguard Bank in 2019"),
        ("2020-04-02", "on 2 April 2020 a fishing boat", "near the Paracels"),
        ("2020-04", "Two weeks later Beijing announced", "the Spratlys"),
        ("2020-03", "In March Vietnam welcomed", "at Da Nang"),
        ("2020-07-13", "On 13 July the US", "claims unlawful"),
        ("2016", "the 2016 tribunal ruling", None),
    ],
    "claims": [
        ("diplomats in Manila", None, "increase", "Diplomats in Manila say", "speeches suggest."),
        (
            "the brief",
            "Chinese pressure on fishermen continues",
            "increase",
            "If Chinese pressure on fishermen",
            "next two years.",
        ),
        ("the brief", None, "decrease", "It will not sign", "however."),
        (
            "officials in the Philippine defence department",
            None,
            "increase",
            "Manila is less predictable",
            "office in 2022.",
        ),
    ],
}

HELDOUT_12 = {
    "document": "tests/data/text/heldout_12.txt",
    "licence": OWN,
    "date": "2020-09-24",
    "genre": "interview",
    "split": "held-out round 6 (development since round 7)",
    "surfaces": {
        "GRC": ["Greece", "Greek", "Athens"],
        "TUR": ["Turkey", "Turkish", "Ankara"],
        "LBY": ["Tripoli"],
        "EGY": ["Egypt"],
        "EU": ["European Union", "EU"],
        "FRA": ["France", "Paris"],
        "DEU": ["Germany", "Berlin"],
        "USA": ["Americans", "United States", "Washington"],
        "CYP": ["Cyprus", "Nicosia"],
        "RUS": ["Moscow"],
        "NATO": ["NATO"],
    },
    "exclude": [("Ankara", 4)],
    "relations": [
        ("GRC", "TUR", -1, "asserted", "Relations between Athens and Ankara", "crisis of 1996."),
        ("GRC", "TUR", -1, "asserted", "On 10 August Ankara", "a Turkish one."),
        ("LBY", "TUR", 1, "asserted", "Turkey signed a maritime deal", "agreement with Egypt."),
        ("EGY", "GRC", 1, "asserted", "Turkey signed a maritime deal", "agreement with Egypt."),
        ("GRC", "TUR", -1, "asserted", "Turkey signed a maritime deal", "agreement with Egypt."),
        ("GRC", "TUR", -1, "asserted", "Each deal is rejected", "as void."),
        ("FRA", "GRC", 1, "asserted", "France sent warships", "tried to mediate."),
        ("GRC", "TUR", 1, "asserted", "Berlin's efforts", "exploratory talks."),
        ("GRC", "TUR", 1, "negated", "I am not sure", "produce much."),
        ("EU", "TUR", -1, "hypothetical", "If Ankara sends", "resist them."),
        ("GRC", "USA", 1, "asserted", "The Americans have moved", "this month."),
        ("CYP", "USA", 1, "asserted", "The Americans have moved", "this month."),
        ("TUR", "USA", -1, "hypothetical", "Diplomats in Ankara believe", "bought from Moscow."),
        ("RUS", "TUR", 1, "asserted", "Diplomats in Ankara believe", "bought from Moscow."),
        ("GRC", "TUR", -1, "hypothetical", "My fear is different", "for years."),
    ],
    "events": [
        ("1996", "the Imia crisis of 1996", None),
        ("2020-08-10", "On 10 August Ankara sent", "Athens claims"),
        ("2020-08-12", "two days later a Greek frigate", "a Turkish one"),
        ("2019-11", "Turkey signed a maritime deal", "in November 2019"),
        ("2020-08", "in August Greece answered", "agreement with Egypt"),
        (None, "France sent warships to the region", None),
        (None, "Athens announced that it would buy", "from Paris"),
        ("2020-09-13", "the Oruç Reis went back to port", "13 September"),
        ("2020-09", "the two capitals agreed this week", "exploratory talks"),
        ("2020-09", "they eased the arms embargo", "this month"),
        (None, "the S-400 missiles Ankara bought from Moscow", None),
    ],
    "claims": [
        (
            "the interviewee",
            None,
            "decrease",
            "Relations between Athens and Ankara",
            "crisis of 1996.",
        ),
        ("the interviewee", None, "decrease", "I am not sure", "produce much."),
        (
            "the interviewee",
            "Ankara sends the ship out again",
            "decrease",
            "If Ankara sends",
            "resist them.",
        ),
        (
            "diplomats in Ankara",
            "Washington imposes sanctions over the S-400 missiles Ankara bought from Moscow",
            "decrease",
            "Diplomats in Ankara believe",
            "bought from Moscow.",
        ),
        ("the interviewee", None, "decrease", "My fear is different", "for years."),
    ],
}

HELDOUT_13 = {
    "document": "tests/data/text/heldout_13.txt",
    "licence": OWN,
    "date": "2020-07-28",
    "genre": "op-ed",
    "split": "held-out round 6 (development since round 7)",
    "surfaces": {
        "ETH": ["Ethiopia", "Ethiopian", "Prime Minister Abiy", "Addis Ababa"],
        "EGY": ["Egypt", "Egyptian", "Cairo", "President Sisi"],
        "SDN": ["Sudan", "Khartoum"],
        "USA": ["US", "Washington"],
        "UN": ["UN"],
        "AU": ["African Union", "AU"],
        "ZAF": ["South Africa"],
    },
    "exclude": [("Ethiopian", 1), ("Khartoum", 1)],
    "relations": [
        ("EGY", "ETH", -1, "asserted", "Cairo, which draws", "without an agreement."),
        ("EGY", "ETH", 1, "asserted", "In March 2015 the leaders", "in Khartoum."),
        ("EGY", "SDN", 1, "asserted", "In March 2015 the leaders", "in Khartoum."),
        ("ETH", "SDN", 1, "asserted", "In March 2015 the leaders", "in Khartoum."),
        ("ETH", "USA", -1, "asserted", "Talks hosted by the US", "siding with Egypt."),
        ("EGY", "USA", 1, "asserted", "Talks hosted by the US", "siding with Egypt."),
        ("EGY", "ETH", -1, "asserted", "Egypt then took the dispute", "in the chair."),
        ("EGY", "ETH", -1, "negated", "Neither Egyptian nor Ethiopian", "one is coming."),
        ("EGY", "ETH", -1, "hypothetical", "If a drought strikes", "for a decade."),
        ("EGY", "ETH", 1, "hypothetical", "A binding agreement", "rebuild trust."),
    ],
    "events": [
        ("2020-07-22", "On 22 July Prime Minister Abiy", "had been reached"),
        ("2015-03", "In March 2015 the leaders", "in Khartoum"),
        ("2020-02", "Ethiopia stayed away from the final round", "in February"),
        ("2020-06-29", "Egypt then took the dispute", "on 29 June"),
        (None, "the African Union took over the mediation", "in the chair"),
    ],
    "claims": [
        ("the author", None, "increase", "Khartoum stands to gain", "dam downstream."),
        ("the author", None, "increase", "Neither Egyptian nor Ethiopian", "one is coming."),
        (
            "the author",
            "a drought strikes while the reservoir is being filled",
            "decrease",
            "If a drought strikes",
            "for a decade.",
        ),
        ("the author", None, "increase", "A binding agreement", "rebuild trust."),
    ],
}

HELDOUT_14 = {
    "document": "tests/data/text/heldout_14.txt",
    "licence": OWN,
    "date": "2020-02-28",
    "genre": "conference report",
    "split": "held-out round 6 (development since round 7)",
    "surfaces": {
        "VEN": ["Venezuela", "Venezuelan", "Caracas"],
        "COL": ["Colombia", "Colombian", "Bogotá", "President Duque"],
        "USA": ["United States", "Washington", "US", "Trump administration"],
        "RUS": ["Russia", "Russian", "Moscow"],
        "CUB": ["Cuba", "Cuban", "Havana"],
        "CHN": ["China"],
    },
    "exclude": [("Venezuelan", 2), ("Bogotá", 1), ("Colombian", 1), ("US", 2)],
    "relations": [
        ("COL", "VEN", -1, "asserted", "The United States and Colombia", "relations with Bogotá."),
        ("USA", "VEN", -1, "asserted", "Washington sanctioned the state", "assets in the US."),
        ("RUS", "USA", -1, "asserted", "This month Washington", "state oil company."),
        ("CUB", "VEN", 1, "asserted", "Several participants argued", "Havana and Moscow."),
        ("RUS", "VEN", 1, "asserted", "Several participants argued", "Havana and Moscow."),
        ("CUB", "VEN", 1, "asserted", "Cuban intelligence advisers", "in March 2019."),
        ("RUS", "VEN", 1, "asserted", "Cuban intelligence advisers", "in March 2019."),
        ("CUB", "VEN", 1, "negated", "Cuba denies any such role.", None),
        ("CUB", "USA", -1, "asserted", "The Trump administration", "in June 2019."),
        ("COL", "VEN", -1, "asserted", "Colombia bears the heaviest", "ELN guerrillas."),
        ("COL", "CUB", -1, "asserted", "President Duque's government", "in January 2019."),
        ("RUS", "VEN", 1, "hypothetical", "A former US diplomat", "within the year."),
        ("RUS", "USA", -1, "hypothetical", "A former US diplomat", "within the year."),
        ("COL", "VEN", 1, "negated", "Colombian participants were", "before 2021."),
        ("RUS", "VEN", -1, "negated", "Nor will Russia or China", "abandon Caracas."),
        ("CHN", "VEN", -1, "negated", "Nor will Russia or China", "abandon Caracas."),
    ],
    "events": [
        ("2020-02", "The conference, held in Bogotá", "this week"),
        ("2019-01-23", "Juan Guaidó declared himself", "23 January 2019"),
        ("2019-01-23", "The United States and Colombia recognised", "within hours"),
        ("2019-02", "a month later, after aid convoys", "relations with Bogotá"),
        ("2019-01", "Washington sanctioned the state oil company", "that January"),
        ("2019-08", "in August 2019, froze", "assets in the US"),
        ("2020-02", "This month Washington also sanctioned", "Rosneft Trading"),
        ("2019-03", "Russian military personnel landed", "in March 2019"),
        ("2019-06", "ending cruise visits in June 2019", None),
        ("2019-01", "the bombing of a police academy", "in January 2019"),
    ],
    "claims": [
        (
            "several participants",
            None,
            "increase",
            "Several participants argued",
            "Havana and Moscow.",
        ),
        (
            "a former US diplomat",
            "Moscow keeps buying Venezuelan oil",
            "decrease",
            "A former US diplomat",
            "within the year.",
        ),
        ("Colombian participants", None, "decrease", "Colombian participants were", "before 2021."),
        (
            "Colombian participants",
            None,
            "increase",
            "Nor will Russia or China",
            "abandon Caracas.",
        ),
        (
            "the report",
            "Cuba is brought into the talks",
            "decrease",
            "The report concludes",
            "into the talks.",
        ),
    ],
}


def spec_modules(folder: str = "specs") -> list[tuple[str, dict[str, Any]]]:
    """The specs kept one text per file under ``specs/`` (``NAME.py`` defining ``SPEC``).

    Texts added since round 7 keep their spec beside the others in their own file, so that
    annotators working at the same time never edit the same file. ``specs/agreement/`` holds
    second annotations of texts annotated already (made blind to the first), built into
    ``agreement/`` for ``python -m equipoise.text.evaluate --agreement``; their ``document`` names the text they annotate.
    """
    import importlib.util

    out = []
    for path in sorted((HERE / folder).glob("*.py")):
        loader = importlib.util.spec_from_file_location(f"gold_spec_{path.stem}", path)
        assert loader is not None and loader.loader is not None
        module = importlib.util.module_from_spec(loader)
        loader.loader.exec_module(module)
        out.append((path.stem, module.SPEC))
    return out


def spec_builds() -> list[tuple[str, Path, dict[str, Any], Path]]:
    """Every spec file's build: (name, text, spec, output folder)."""
    own = [(n, HERE / f"{n}.txt", spec, HERE) for n, spec in spec_modules()]
    second = [
        (n, HERE.parents[2] / spec["document"], spec, HERE / "agreement")
        for n, spec in spec_modules("specs/agreement")
    ]
    return own + second


if __name__ == "__main__":
    import sys

    only = set(sys.argv[1:])
    if only:
        for name, text_path, spec, out_dir in spec_builds():
            if name in only:
                build(name, text_path, spec, out_dir)
        raise SystemExit(0)
    build("heldout_01", HERE / "heldout_01.txt", HELDOUT_01)
    build("heldout_02", HERE / "heldout_02.txt", HELDOUT_02)
    build("heldout_03", HERE / "heldout_03.txt", HELDOUT_03)
    build("heldout_04", HERE / "heldout_04.txt", HELDOUT_04)
    build("heldout_05", HERE / "heldout_05.txt", HELDOUT_05)
    build("heldout_06", HERE / "heldout_06.txt", HELDOUT_06)
    build("heldout_07", HERE / "heldout_07.txt", HELDOUT_07)
    build("heldout_08", HERE / "heldout_08.txt", HELDOUT_08)
    build("heldout_09", HERE / "heldout_09.txt", HELDOUT_09)
    build("heldout_10", HERE / "heldout_10.txt", HELDOUT_10)
    build("heldout_11", HERE / "heldout_11.txt", HELDOUT_11)
    build("heldout_12", HERE / "heldout_12.txt", HELDOUT_12)
    build("heldout_13", HERE / "heldout_13.txt", HELDOUT_13)
    build("heldout_14", HERE / "heldout_14.txt", HELDOUT_14)
    if SEEDS.is_dir():
        build("seed_000", SEEDS / "000_86b6f5b54d9d9e51.txt", SEED_000)
        build("seed_004", SEEDS / "004_5ab77765e01226dd.txt", SEED_004)
    for name, text_path, spec, out_dir in spec_builds():
        build(name, text_path, spec, out_dir)
