"""Gold spec of heldout_21 (Central Asia, conference report), held-out round 7."""

SPEC = {
    "document": "tests/data/text/heldout_21.txt",
    "licence": "the project's own text (written for evaluation; MIT like the code)",
    "date": "2019-11-25",
    "genre": "conference report",
    "split": "held-out round 7 (development since round 8)",
    "surfaces": {
        "KAZ": ["Kazakhstan", "Nur-Sultan", "President Tokayev"],
        "UZB": ["Uzbekistan", "Uzbek", "Tashkent", "President Mirziyoyev"],
        "KGZ": ["Kyrgyzstan"],
        "TJK": ["Tajikistan"],
        "RUS": ["Russia", "Moscow", "President Putin"],
        "CHN": ["China", "Chinese", "Beijing"],
        "EAEU": ["Eurasian Economic Union"],
    },
    "exclude": [("Beijing", 2), ("Tashkent", 2), ("Uzbek", 2)],
    "relations": [
        ("CHN", "KAZ", 1, "asserted", "President Tokayev's state visit", "with China."),
        ("CHN", "KAZ", -1, "asserted", "Yet that same month protests", "are still fresh."),
        ("EAEU", "KAZ", 1, "asserted", "Nur-Sultan remains a founding", "in the region."),
        ("KAZ", "RUS", 1, "asserted", "Nur-Sultan remains a founding", "in the region."),
        ("KGZ", "UZB", 1, "asserted", "Since President Mirziyoyev", "almost two decades."),
        ("TJK", "UZB", 1, "asserted", "Since President Mirziyoyev", "almost two decades."),
        ("RUS", "UZB", 1, "asserted", "During President Putin's visit", "nuclear power plant."),
        ("CHN", "KGZ", 1, "asserted", "Kyrgyzstan and Tajikistan owe", "eastern Tajikistan."),
        ("CHN", "TJK", 1, "asserted", "Kyrgyzstan and Tajikistan owe", "eastern Tajikistan."),
        ("KGZ", "TJK", -1, "asserted", "The two neighbours also quarrel", "several dead."),
        (
            "CHN",
            "KAZ",
            -1,
            "hypothetical",
            "Several Kazakh speakers warned",
            "financed by Beijing.",
        ),
        ("CHN", "RUS", -1, "negated", "A Russian participant was calmer", "their partnership."),
        ("RUS", "UZB", 1, "hypothetical", "Uzbek participants expect", "Eurasian Economic Union."),
        ("EAEU", "UZB", 1, "negated", "Uzbek participants expect", "Eurasian Economic Union."),
        ("KGZ", "TJK", -1, "hypothetical", "The organisers' conclusion", "in the coming years."),
    ],
    "events": [
        ("2019-11", "met in Almaty last week", None),
        ("2019-09", "President Tokayev's state visit to Beijing", "in September 2019"),
        ("2019-09", "that same month protests broke out", "from China to Kazakhstan"),
        ("2016", "memories of 2016, when public anger shelved a land reform", None),
        ("2016", "Since President Mirziyoyev took office in 2016", None),
        ("2017-09", "it settled most of its border with Kyrgyzstan", "in September 2017"),
        ("2018-03", "in March 2018 he paid Tajikistan", "almost two decades"),
        ("2018-10", "During President Putin's visit to Tashkent", "nuclear power plant"),
        ("2019-09", "their border guards exchanged fire", "in September 2019"),
    ],
    "claims": [
        (
            "several Kazakh speakers",
            "the protests spread",
            "decrease",
            "Several Kazakh speakers warned",
            "financed by Beijing.",
        ),
        (
            "a Russian participant",
            None,
            "increase",
            "A Russian participant was calmer",
            "their partnership.",
        ),
        (
            "Uzbek participants",
            None,
            "increase",
            "Uzbek participants expect",
            "Eurasian Economic Union.",
        ),
        ("the organisers", None, "decrease", "The organisers' conclusion", "in the coming years."),
    ],
    "notes": [
        "Not mentions: 'Kazakh speakers', 'Uzbek participants' (excluded 'Uzbek' 2), 'A Russian "
        "participant' (people, not agents of the state; 'Kazakh' and 'Russian' are therefore not "
        "surfaces). 'an Uzbek leader' is the state's agent: a mention.",
        "Capitals as places, excluded: 'state visit to Beijing' (Beijing 2), 'visit to Tashkent' "
        "(Tashkent 2). 'Almaty' is not a capital. 'Central Asia' and 'the region' are not actors.",
        "'Scholars and former officials from the region, Russia and China' and '55 factories from "
        "China to Kazakhstan' use state names as places of origin or location: mentions, as the "
        "guidelines count a state name used as a location.",
        "'Yet that same month protests broke out in several cities against rumoured plans to move 55 "
        "factories from China to Kazakhstan ...': China-Kazakhstan -1 asserted (public anger against "
        "Chinese investment, a strain between the two) - borderline, the protesters are not the state.",
        "'Since President Mirziyoyev took office in 2016, Uzbekistan has mended fences ...: it settled "
        "most of its border with Kyrgyzstan in September 2017, and in March 2018 he paid Tajikistan the "
        "first state visit ...': one sentence, Uzbekistan +1 with Kyrgyzstan and with Tajikistan; "
        "three events (2016, 2017-09, 2018-03). Taking office is marked as an event (borderline).",
        "'During President Putin's visit to Tashkent in October 2018 the two sides agreed ...': 'the "
        "two sides' are Russia and Uzbekistan; one event for the visit and agreement.",
        "'Kyrgyzstan and Tajikistan owe much of their external debt to China's Export-Import Bank, and "
        "Chinese troops are reported to operate from a base in eastern Tajikistan': China +1 with each "
        "(lending, a base) - the debt is read as an economic tie (cooperation), borderline; no "
        "Kyrgyzstan-Tajikistan relation in this sentence (they are only listed together).",
        "'The two neighbours also quarrel ...: their border guards exchanged fire in September 2019': "
        "Kyrgyzstan-Tajikistan -1 and an event (2019-09).",
        "'Moscow and Beijing will not let competition in Central Asia damage their partnership': one "
        "relation, Russia-China -1 negated (the stated competition/damage, negated, like 'does not "
        "have the option to worsen'); the claim's direction is increase (the partnership is expected "
        "to stay intact, as 'Nor will Russia or China abandon Caracas' in heldout_14). The "
        "presupposed partnership is not marked as a second +1 relation.",
        "'Uzbek participants expect Tashkent to deepen its economic ties with Moscow without joining the "
        "Eurasian Economic Union': Russia-Uzbekistan +1 hypothetical and EAEU-Uzbekistan +1 negated. "
        "The Eurasian Economic Union is coded EAEU (a bloc; the gazetteer code is assumed).",
        "'Several Kazakh speakers warned that if the protests spread, Nur-Sultan would have to slow down "
        "projects financed by Beijing': China-Kazakhstan -1 hypothetical; condition 'the protests "
        "spread', direction decrease. 'the protests' refers to those of September 2019.",
        "'The organisers' conclusion is that the border between Kyrgyzstan and Tajikistan, not "
        "great-power rivalry, is the likeliest source of violence in the coming years': holder 'the "
        "organisers', Kyrgyzstan-Tajikistan -1 hypothetical, direction decrease; 'great-power rivalry' "
        "names no pair.",
        "The conference itself ('met in Almaty last week') is an event dated 2019-11 from the document "
        "date, as in heldout_14.",
        "'Kazakhstan was described as a careful balancer' and 'The poorer states have fewer choices' "
        "are descriptions, not claims, and state no pair.",
    ],
}
