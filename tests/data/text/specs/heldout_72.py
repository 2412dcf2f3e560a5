"""Gold spec of heldout_72 (op-ed on the EU and China 2019-2020, dated 2020-12-18)."""

SPEC = {
    "document": "tests/data/text/heldout_72.txt",
    "licence": "the project's own text (written for evaluation; MIT like the code)",
    "date": "2020-12-18",
    "genre": "op-ed",
    "split": "held-out round 11 (development since round 12)",
    "surfaces": {
        "EU": ["EU", "European Commission", "Union", "Brussels", "Jean-Claude Juncker"],
        "CHN": ["China", "Chinese", "Beijing", "Xi Jinping", "Xi"],
        "FRA": ["Emmanuel Macron", "French", "Paris"],
        "DEU": ["Germany", "Berlin", "Angela Merkel", "Merkel"],
        "ITA": ["Italy", "Rome"],
        "USA": ["Washington", "Donald Trump", "Trump", "President-elect Joe Biden"],
    },
    "exclude": [("Brussels", 1), ("Paris", 1), ("Rome", 1)],
    "relations": [
        ("CHN", "EU", -1, "asserted", "Days earlier the European", '"systemic rival".'),
        ("CHN", "ITA", 1, "asserted", "Then Italy broke ranks", "visit to Rome."),
        ("DEU", "FRA", 1, "asserted", "Three days later the French", "with him in Paris."),
        ("EU", "FRA", 1, "asserted", "Three days later the French", "with him in Paris."),
        ("DEU", "USA", -1, "asserted", "Washington spent 2019", "Huawei out."),
        ("CHN", "DEU", -1, "asserted", "In December 2019 China's", "if it did so."),
        ("CHN", "EU", 1, "asserted", "At the April 2019 summit", "it in 2020."),
        ("CHN", "DEU", 1, "hypothetical", "Berlin, which holds", "on forced labour."),
        ("DEU", "FRA", -1, "asserted", "Berlin, which holds", "on forced labour."),
        ("EU", "USA", -1, "asserted", "Donald Trump's steel tariffs", "Chinese charm."),
        ("CHN", "EU", 1, "asserted", "Donald Trump's steel tariffs", "Chinese charm."),
        ("EU", "USA", 1, "hypothetical", "President-elect Joe Biden's", "face China together."),
        ("CHN", "USA", -1, "hypothetical", "President-elect Joe Biden's", "face China together."),
        ("CHN", "EU", -1, "hypothetical", "President-elect Joe Biden's", "face China together."),
        ("EU", "USA", -1, "hypothetical", "If the EU rushes", "as a snub."),
        ("CHN", "ITA", 1, "hypothetical", "If Rome and Berlin", "à la carte."),
        ("CHN", "DEU", 1, "hypothetical", "If Rome and Berlin", "à la carte."),
    ],
    "events": [
        ("2019-03", '"The period of European', "in March 2019"),
        ("2019-03", "Days earlier the European", '"systemic rival"'),
        ("2019-03-23", "on 23 March it signed", "visit to Rome"),
        ("2019-03-26", "Three days later the French", "with him in Paris"),
        ("2019-12", "In December 2019 China's", "if it did so"),
        ("2020-01", "The EU's toolbox of January 2020", "banned no one"),
        ("2020-12", "only this week did Merkel's cabinet", "do so"),
        ("2019-04", "At the April 2019 summit", "it in 2020"),
    ],
    "claims": [
        ("the author", None, "increase", "Donald Trump's steel tariffs", "Chinese charm."),
        (
            "the author",
            "the EU rushes the agreement through in the last weeks of Trump's term",
            "decrease",
            "If the EU rushes",
            "as a snub.",
        ),
        ("the author", None, "increase", "A Union that speaks", "heard in Beijing."),
        (
            "the author",
            "Rome and Berlin keep bargaining with China alone",
            "decrease",
            "If Rome and Berlin",
            "à la carte.",
        ),
    ],
    "notes": [
        "Codes as in earlier specs (EU, CHN, FRA, DEU, ITA, USA); no new code.",
        "Mentions: the EU's institutions and leaders acting for it ('the European Commission', "
        "'Jean-Claude Juncker', as in earlier specs) and 'A Union that speaks with one voice' "
        "('Union' as in an earlier EU surface list). Leaders named: 'Emmanuel Macron', 'the "
        "French president' (kept through 'French'), 'Angela Merkel' and 'Merkel's cabinet', 'Xi "
        "Jinping' and the bare 'Xi', 'Donald Trump' and 'Trump's term'. 'President-elect Joe "
        "Biden' is kept as a USA mention (the incoming leader named with his title; in heldout_51 "
        "the candidate 'Joe Biden' before the election was not kept). The title's 'a China "
        "policy' is kept (the state as the object of policy). 'will be heard in Beijing' is kept "
        "(Beijing standing for the Chinese government that hears), borderline. 'Chinese charm' is "
        "the state's (kept).",
        "Not mentions: 'the summit in Brussels' (Brussels 1, the venue), 'meet Xi with him in "
        "Paris' (Paris 1, the venue), 'Xi Jinping's visit to Rome' (Rome 1, the destination), "
        "'European naivety', 'every other European capital', 'across the Atlantic' ('Europe' "
        "and 'European' are not actors), 'Huawei' (a company), 'the Council presidency' (an "
        "office of the EU, but 'Council' is not listed as a surface: Berlin holds it), 'the 27' "
        "(the member states, no actor), 'the Belt and Road' (an initiative).",
        "'Days earlier the European Commission had called China a partner, a competitor and ... "
        'a "systemic rival"\': one CHN-EU relation for the sentence, sign -1 (the new and '
        "stressed term is rivalry; 'partner' is listed first but the sentence's point is the "
        "rival). Borderline on the sign. Event 2019-03 (the strategic outlook of 12 March 2019).",
        "'Then Italy broke ranks: on 23 March it signed up to the Belt and Road during Xi "
        "Jinping's visit to Rome': CHN-ITA +1 asserted; no EU-ITA -1 ('broke ranks' implies a "
        "split from the EU line, but the EU is not named in the sentence). One event "
        "2019-03-23 (the signing during the visit).",
        "'Three days later the French president answered by inviting Angela Merkel and "
        "Jean-Claude Juncker to meet Xi with him in Paris': DEU-FRA +1 and EU-FRA +1 asserted (a "
        "joint front); no DEU-EU (the sentence states what Macron did with each, not how Merkel "
        "and Juncker relate) and no relation with China (meeting Xi is contact, not stated as "
        "cooperation or conflict), no FRA-ITA (the 'answer' to Italy is implied). Borderline. "
        "Event 2019-03-26.",
        "'Washington spent 2019 pressing Berlin and every other European capital to shut Huawei "
        "out': DEU-USA -1 asserted (pressure on an ally is friction; Huawei is a company, so no "
        "relation with China). Borderline on the sign. Not an event: a year-long campaign, not a "
        "single happening. 'In December 2019 China's ambassador warned Germany of consequences "
        "for its carmakers if it did so': CHN-DEU -1 asserted (a threat), event 2019-12.",
        "'The EU's toolbox of January 2020 let governments restrict ... but banned no one, and "
        "only this week did Merkel's cabinet approve a bill that would let Berlin do so': no "
        "relation (no second actor stated). Two events: the toolbox (2020-01, 29 January) and the "
        "cabinet's approval of the IT security bill ('this week' in a text of Friday 2020-12-18: "
        "the 16 December decision; dated 2020-12 because 'this week' names no day).",
        "'At the April 2019 summit in Brussels, the EU and China pledged to conclude it in 2020': "
        "CHN-EU +1 asserted, event 2019-04 (9 April).",
        "'Berlin, which holds the Council presidency, wants a deal with Beijing before January; "
        "Paris is warier, and the two capitals disagree on how much to demand on forced labour': "
        "CHN-DEU +1 hypothetical (a wanted, future deal) and DEU-FRA -1 asserted (they "
        "disagree). 'Paris is warier' is not marked as FRA-CHN -1: the wariness is about the "
        "deal's terms, not stated as a stance against Beijing. Borderline.",
        "'Donald Trump's steel tariffs did more to push the EU towards Beijing than any Chinese "
        "charm': EU-USA -1 asserted (tariffs) and CHN-EU +1 asserted (pushed closer); a causal "
        "claim of the author, direction increase (EU-China closeness).",
        "'President-elect Joe Biden's team has already signalled that it wants to mend ties with "
        "the EU and face China together': EU-USA +1, CHN-USA -1 and CHN-EU -1, all hypothetical "
        "(a stated wish about the future; the EU is part of 'together'). Not a claim: it reports "
        "a signal, the author makes no forecast of his own here.",
        "'If the EU rushes the agreement through in the last weeks of Trump's term, Washington "
        "will read it as a snub': EU-USA -1 hypothetical; no CHN-EU (China is not named; 'the "
        "agreement' is the paragraph-earlier investment deal). Claim of the author, direction "
        "decrease.",
        "'A Union that speaks with one voice will be heard in Beijing': no relation (being heard "
        "is neither cooperation nor conflict); forward-looking claim of the author with the "
        "condition inside the subject (no condition span, as 'A binding agreement would rebuild "
        "trust' in heldout_13), direction increase (the EU's weight).",
        "'If Rome and Berlin keep bargaining with China alone, the 27 will be served up à la "
        "carte': CHN-ITA and CHN-DEU +1 hypothetical (bilateral bargaining, in the condition); "
        "claim of the author, direction decrease (the EU's cohesion and weight).",
        "Facts: Macron's 'naivety' remark at the European Council, 22 March 2019; EU-China "
        "strategic outlook ('systemic rival'), 12 March 2019; Italy's Belt and Road memorandum, "
        "23 March 2019; Macron, Merkel and Juncker met Xi in Paris, 26 March 2019; Ambassador Wu "
        "Ken's warning about German cars, 14 December 2019; EU 5G toolbox, 29 January 2020; "
        "German cabinet adopted the IT Security Act 2.0 bill, 16 December 2020; EU-China summit "
        "of 9 April 2019 committed to concluding the investment agreement in 2020; Germany held "
        "the Council presidency July-December 2020. The agreement in principle of 30 December "
        "2020 is after the document date and not mentioned.",
    ],
}
