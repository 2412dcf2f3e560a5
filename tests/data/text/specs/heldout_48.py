"""Gold spec of heldout_48 (policy brief on the Baltic Sea region and Russia, 2016-2018)."""

SPEC = {
    "document": "tests/data/text/heldout_48.txt",
    "licence": "the project's own text (written for evaluation; MIT like the code)",
    "date": "2018-09-25",
    "genre": "policy brief",
    "split": "held-out round 9 (development since round 10)",
    "surfaces": {
        "NATO": ["NATO"],
        "RUS": ["Russia", "Russian", "Moscow", "President Putin"],
        "BLR": ["Belarus"],
        "EST": ["Estonia"],
        "LVA": ["Latvia"],
        "LTU": ["Lithuania"],
        "POL": ["Poland", "Polish", "Warsaw"],
        "DEU": ["Germany", "Berlin"],
        "SWE": ["Sweden", "Stockholm"],
        "FIN": ["Finland", "Helsinki"],
        "USA": ["United States", "Washington", "President Trump", "American", "US"],
        "UKR": ["Ukraine"],
    },
    "exclude": [("Warsaw", 1), ("Warsaw", 2)],
    "relations": [
        ("EST", "NATO", 1, "asserted", "At Warsaw in July 2016 NATO", "Lithuania and Poland."),
        ("LVA", "NATO", 1, "asserted", "At Warsaw in July 2016 NATO", "Lithuania and Poland."),
        ("LTU", "NATO", 1, "asserted", "At Warsaw in July 2016 NATO", "Lithuania and Poland."),
        ("NATO", "POL", 1, "asserted", "At Warsaw in July 2016 NATO", "Lithuania and Poland."),
        ("DEU", "LTU", 1, "asserted", "Germany leads the battalion", "summer of 2017."),
        ("BLR", "RUS", 1, "asserted", "In September 2017 Russia and Belarus", "allied borders."),
        ("FIN", "NATO", 1, "asserted", "Sweden and Finland remain", "closer to NATO."),
        ("NATO", "SWE", 1, "asserted", "Sweden and Finland remain", "closer to NATO."),
        ("FIN", "USA", 1, "asserted", "Stockholm restored conscription", "with Washington."),
        ("SWE", "USA", 1, "asserted", "Stockholm restored conscription", "with Washington."),
        ("FIN", "SWE", 1, "asserted", "Stockholm restored conscription", "with Washington."),
        ("FIN", "RUS", 1, "asserted", "Helsinki nevertheless keeps", "every summer."),
        ("DEU", "POL", -1, "asserted", "Warsaw accuses Berlin", 'captive of Russia".'),
        ("DEU", "RUS", 1, "asserted", "Warsaw accuses Berlin", 'captive of Russia".'),
        ("DEU", "USA", -1, "asserted", "Warsaw accuses Berlin", 'captive of Russia".'),
        ("DEU", "POL", -1, "hypothetical", "If construction proceeds", "to sharpen."),
        ("POL", "USA", 1, "hypothetical", "Poland's offer to pay", "Polish–American bond."),
        ("NATO", "RUS", -1, "hypothetical", "Moscow, however, would treat", "in Kaliningrad."),
        ("NATO", "RUS", -1, "hypothetical", "Absent a settlement", "last for years."),
    ],
    "events": [
        ("2016-07", "At Warsaw in July 2016 NATO agreed to station", "Lithuania and Poland"),
        ("2017", "all four were in place by the summer of 2017", None),
        ("2017-09", "In September 2017 Russia and Belarus held", "allied borders"),
        ("2018-02", "Iskander missiles have since been stationed", "confirmed in February"),
        ("2018-01", "Stockholm restored conscription in January", None),
        ("2018-05", "in May the two countries signed a statement", "with Washington"),
        ("2018", "Germany, Finland and Sweden all issued permits", "this year"),
        ("2018-07", "in July President Trump went further", 'captive of Russia"'),
    ],
    "claims": [
        ("the author", None, "decrease", "Nord Stream 2 is dividing", "exercise has."),
        (
            "the author",
            "construction proceeds on schedule",
            "decrease",
            "If construction proceeds",
            "to sharpen.",
        ),
        (
            "the author",
            "if accepted",
            "increase",
            "Poland's offer to pay",
            "Polish–American bond.",
        ),
        ("the author", None, "decrease", "Moscow, however, would treat", "in Kaliningrad."),
        (
            "the author",
            "Absent a settlement in Ukraine",
            "decrease",
            "Absent a settlement",
            "last for years.",
        ),
    ],
    "notes": [
        "A policy brief's own judgements (including 'we expect') are held by 'the author', as the "
        "guidelines say for a brief.",
        "'NATO's Warsaw summit' and 'At Warsaw in July 2016' use the capital as the place of the "
        "summit, not for Poland: excluded (Warsaw, 1) and (Warsaw, 2). 'Warsaw accuses Berlin' "
        "and 'between Berlin and Warsaw' stand for the states: kept.",
        "'Kaliningrad' is a Russian region and 'the Baltic Sea', 'the Baltic' are places: not "
        "mentions. 'the allies', 'the alliance' refer to NATO but are not surface mentions; "
        "'NATO' is coded as a bloc. 'its president' (Finland's) is not a named leader: no "
        "mention; 'President Putin' is.",
        "'Russian officials' are agents of the state (unlike 'Russian experts'), and 'any "
        "Russian exercise' is the state's exercise: both are RUS mentions. 'US base', "
        "'Polish–American bond': mentions; 'NATO–Russia Founding Act': each side of the "
        "hyphenated pair is a mention. 'a settlement in Ukraine': the state's name as a location "
        "is a mention, but no relation of Ukraine is stated.",
        "NATO agreeing to station battalions in the four states: one +1 asserted relation with "
        "each host (four relations in one sentence). 'Germany leads the battalion in "
        "Lithuania': DEU-LTU +1. 'all four were in place by the summer of 2017' is marked as an "
        "event dated 2017 (a season, no month).",
        "'In September 2017 Russia and Belarus held their Zapad exercise close to the allied "
        "borders': BLR-RUS +1 (joint drills). 'close to the allied borders' names no actor, so "
        "no relation with NATO is marked, although the exercise is read as a signal to it.",
        "'Iskander missiles have since been stationed permanently in Kaliningrad, as Russian "
        "officials confirmed in February': one event dated 2018-02 (the stationing is dated only "
        "by its confirmation); no second actor, no relation.",
        "'Sweden and Finland remain outside the alliance but have drawn steadily closer to NATO': "
        "FIN-NATO and NATO-SWE +1 asserted (the sign of the sentence's point, drawing closer; "
        "'remain outside' is not a conflict). Listing Sweden and Finland together is not a "
        "FIN-SWE relation in that sentence; in the next one 'the two countries signed a "
        "statement of intent ... with Washington' is FIN-SWE +1 (signing together) and +1 of "
        "each with the US. Stockholm restoring conscription is an event without a pair.",
        "'Helsinki ... keeps its own channel to Moscow, and its president meets President Putin "
        "every summer': FIN-RUS +1 asserted; 'every summer' is habitual, not a dated event.",
        "'Nord Stream 2 is dividing the allies more than any Russian exercise has' is marked as a "
        "causal claim of the author (direction decrease: allied cohesion), with no pair named. "
        "'Germany, Finland and Sweden all issued permits for the pipeline this year': three "
        "permits in one clause are marked as one event dated 2018 (no pair: the permits are not "
        "stated as dealings with Russia).",
        "'Warsaw accuses Berlin of putting business with Moscow ahead of allied security, and in "
        'July President Trump went further, calling Germany "a captive of Russia"\': DEU-POL -1 '
        "(accusation), DEU-USA -1 (the President's attack), DEU-RUS +1 asserted (business ties, "
        "stated inside Warsaw's accusation and Trump's phrase; dependence read as a tie). No "
        "POL-USA relation (the two attack Berlin separately; 'went further' is not stated "
        "cooperation). Event 2018-07 (the remark at the NATO summit of 11 July).",
        "'If construction proceeds on schedule, we expect the quarrel between Berlin and Warsaw "
        "to sharpen': DEU-POL -1 hypothetical; claim direction decrease.",
        "'Poland's offer to pay for a permanent US base would, if accepted, deepen the "
        "Polish–American bond': the offer itself is stated, but the sentence's relation is the "
        "bond's deepening under 'if accepted': POL-USA +1 hypothetical, one relation for the pair. "
        "The offer (made in May 2018 and repeated by President Duda in September) has no datable "
        "phrase in the text: no event.",
        "'Moscow, however, would treat such a base as a breach of the NATO–Russia Founding Act and "
        "could answer with new deployments': NATO-RUS -1 hypothetical (Russia accusing the "
        "alliance of breaking their act); no RUS-POL or RUS-USA, since 'such a base' is not a "
        "mention. Claim, direction decrease.",
        "'Absent a settlement in Ukraine, the standoff between Russia and NATO ... is likely to "
        "last for years': conditional claim ('absent' = in the event of no settlement), direction "
        "decrease (continued standoff); NATO-RUS -1 hypothetical ('likely').",
        "The relation count (19) is one above the brief's 'about 10-18'; the four host states of "
        "the first sentence make it so.",
    ],
}
