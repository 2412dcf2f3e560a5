"""Second annotation (blind to the first) of tests/data/text/heldout_11.txt."""

SPEC = {
    "document": "tests/data/text/heldout_11.txt",
    "licence": "the project's own text (written for evaluation; MIT like the code)",
    "date": "2020-07-20",
    "genre": "policy brief",
    "split": "second annotation (agreement, round 7)",
    "surfaces": {
        "PHL": ["Philippines", "Philippine", "President Duterte", "Duterte", "Manila"],
        "VNM": ["Vietnam", "Hanoi"],
        "CHN": ["China", "Chinese", "Beijing"],
        "USA": ["Washington", "US", "United States", "American"],
        "JPN": ["Japan"],
    },
    "exclude": [("Chinese", 2), ("Manila", 2)],
    "relations": [
        ("CHN", "PHL", -1, "asserted", "This brief asks how", "pressure since 2019."),
        ("CHN", "VNM", -1, "asserted", "This brief asks how", "pressure since 2019."),
        ("CHN", "PHL", -1, "asserted", "In June 2019 a fishing boat", "the clash with Beijing."),
        ("PHL", "USA", -1, "asserted", "In February 2020 Manila", "with Washington."),
        ("PHL", "USA", 1, "asserted", "The termination was suspended", "in June."),
        ("PHL", "USA", 1, "asserted", "Diplomats in Manila say", "speeches suggest."),
        ("CHN", "VNM", -1, "asserted", "A Chinese survey ship", "near the Paracels."),
        ("CHN", "VNM", -1, "asserted", "Hanoi protested", "both times."),
        ("CHN", "VNM", -1, "asserted", "Two weeks later Beijing", "Philippines alike."),
        ("CHN", "PHL", -1, "asserted", "Two weeks later Beijing", "Philippines alike."),
        ("USA", "VNM", 1, "asserted", "In March Vietnam welcomed", "since the war."),
        ("CHN", "USA", -1, "asserted", "On 13 July the US Secretary", "never accepted."),
        ("USA", "VNM", 1, "hypothetical", "If Chinese pressure on fishermen", "next two years."),
        ("JPN", "VNM", 1, "hypothetical", "If Chinese pressure on fishermen", "next two years."),
        ("USA", "VNM", 1, "negated", "It will not sign a formal", "however."),
        ("PHL", "USA", 1, "hypothetical", "Manila is less predictable", "office in 2022."),
    ],
    "events": [
        ("2019-06", "In June 2019 a fishing boat was sunk", "by a Chinese trawler"),
        ("2020-02", "In February 2020 Manila gave notice", "with Washington"),
        ("2020-06", "The termination was suspended", "in June"),
        ("2019", "A Chinese survey ship and its escorts", "Vanguard Bank in 2019"),
        ("2020-04-02", "on 2 April 2020 a fishing boat sank", "near the Paracels"),
        ("2020-04", "Two weeks later Beijing announced", "and the Spratlys"),
        ("2020-03", "In March Vietnam welcomed", "at Da Nang"),
        ("2020-07-13", "On 13 July the US Secretary of State", "claims unlawful"),
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
        ("the brief", None, "decrease", "It will not sign a formal", "however."),
        (
            "officials in the Philippine defence department",
            "after Duterte leaves office in 2022",
            "increase",
            "Manila is less predictable",
            "office in 2022.",
        ),
    ],
    "notes": [
        "Date: header 'A policy brief, July 2020' and the last event 'On 13 July': dated 2020-07-20; "
        "'In March', 'in June', 'Two weeks later' (after 2 April) normalised to 2020.",
        "Mentions: 'a Chinese trawler' (second 'Chinese') is a fishing vessel, not an agent of the state: "
        "excluded (borderline: the text calls the sinking 'the clash with Beijing'); 'A Chinese survey "
        "ship', 'a Chinese coast guard ship', 'Chinese pressure' kept. 'Diplomats in Manila' is a place "
        "(second 'Manila'), excluded. 'Duterte' alone (leader, 'after Duterte leaves office') kept as PHL; "
        "'the Philippine defence department' and 'US-Philippine alliance' kept; 'the USS Theodore "
        "Roosevelt' counted only through 'an American carrier'; Mike Pompeo counted through 'the US'. "
        "Reed Bank, Vanguard Bank, the Paracels, the Spratlys, Da Nang are places.",
        "Intro sentence 'how the Philippines and Vietnam have dealt with Chinese pressure since 2019' "
        "marked as asserted CHN-PHL and CHN-VNM -1 (the pressure is presupposed) - borderline; 'since "
        "2019' not an event (no single happening).",
        "'The termination was suspended in June' - PHL-USA +1 (the VFA kept), pair from the previous sentence.",
        "'Diplomats in Manila say the US-Philippine alliance is not as weak as ... suggest': PHL-USA +1 "
        "asserted, and a claim (judgement of the alliance's level by officials), direction increase.",
        "'a move rejected by Vietnam and the Philippines alike' - CHN-VNM and CHN-PHL -1; no VNM-PHL "
        "relation (parallel stances, not a relation between them).",
        "'If Chinese pressure on fishermen continues, Hanoi is likely to deepen its security ties with "
        "the United States and Japan': VNM-USA and VNM-JPN +1 hypothetical; the pressure in the "
        "if-clause not marked as a separate CHN-VNM relation. Claims of the last paragraph held by 'the "
        "brief' (the report; 'The brief's judgement is cautious' carries over), the third by the "
        "Philippine defence officials named in it.",
        "'It will not sign a formal alliance with Washington': VNM-USA +1 negated, claim direction "
        "decrease (no alliance expected).",
        "'after Duterte leaves office in 2022' taken as the claim's condition (a temporal condition) - "
        "borderline; 2022 is future, not an event.",
        "'the 2016 tribunal ruling' marked as an event (a ruling, 2016); Hanoi's protests 'both times' "
        "not marked as events (statements, no date of their own).",
    ],
}
