"""Gold spec of heldout_24 (policy brief, the US-South Korea alliance, cost-sharing, North Korea)."""

SPEC = {
    "document": "tests/data/text/heldout_24.txt",
    "licence": "the project's own text (written for evaluation; MIT like the code)",
    "date": "2020-06-30",
    "genre": "policy brief",
    "split": "held-out round 7 (development since round 8)",
    "surfaces": {
        "USA": [
            "United States",
            "Washington",
            "U.S.",
            "American",
            "Pentagon",
            "President Trump",
        ],
        "KOR": ["South Korea", "South Korean", "Seoul"],
        "PRK": ["North Korea", "Pyongyang", "Kim Jong Un"],
        "CHN": ["China"],
        "JPN": ["Tokyo"],
    },
    "exclude": [("Washington", 1), ("Seoul", 3), ("Seoul", 5), ("South Korean", 1)],
    "relations": [
        ("KOR", "USA", 1, "negated", "For six months the United States", "on the peninsula."),
        ("KOR", "USA", -1, "asserted", "Washington had asked", "team walked out."),
        ("KOR", "USA", 1, "asserted", "They went back to work", "pay their wages."),
        ("KOR", "USA", -1, "asserted", "In April President Trump", "13 per cent rise."),
        ("KOR", "USA", -1, "asserted", "Officials in Seoul say", "so transactional."),
        ("PRK", "USA", 1, "negated", "Washington and Pyongyang have made", "without a deal."),
        ("KOR", "PRK", -1, "asserted", "On 16 June North Korea", "the two Koreas."),
        ("KOR", "USA", 1, "hypothetical", "Kim Jong Un is testing", "stand together."),
        ("KOR", "USA", -1, "hypothetical", "If the dispute over money", "can be split."),
        ("KOR", "USA", -1, "hypothetical", "A sharp cut in the American", "for years."),
        ("CHN", "KOR", -1, "asserted", "And China, which punished", "between the allies."),
        ("KOR", "USA", -1, "hypothetical", "And China, which punished", "between the allies."),
        ("KOR", "USA", 1, "hypothetical", "Washington should accept", "before November."),
        ("KOR", "USA", 1, "hypothetical", "The allies should keep", "adopted in 2018."),
        ("KOR", "USA", 1, "hypothetical", "Washington should consult", "offer to Pyongyang."),
        ("JPN", "USA", 1, "hypothetical", "Washington should consult", "offer to Pyongyang."),
        ("PRK", "USA", 1, "hypothetical", "Washington should consult", "offer to Pyongyang."),
    ],
    "events": [
        ("2019", "a one-year stopgap signed in 2019", None),
        ("2019-12-31", "expired on 31 December", None),
        ("2019-11", "the round of talks in Seoul", "team walked out"),
        ("2020-04-01", "On 1 April some 4,000", "on unpaid leave"),
        ("2020-06", "the Pentagon agreed in June", "pay their wages"),
        ("2020-04", "In April President Trump", "13 per cent rise"),
        ("2019-02", "the Hanoi summit in February 2019", "without a deal"),
        ("2020-06-16", "On 16 June North Korea", "the two Koreas"),
        ("2017", "China, which punished South Korea", "in 2017"),
        ("2018", "the smaller scale adopted in 2018", None),
    ],
    "claims": [
        ("officials in Seoul", None, "decrease", "Officials in Seoul say", "so transactional."),
        (
            "the authors",
            "the dispute over money drags on into the autumn",
            "decrease",
            "If the dispute over money",
            "can be split.",
        ),
        ("the authors", None, "decrease", "A sharp cut in the American", "for years."),
        ("the authors", None, "increase", "And China, which punished", "between the allies."),
    ],
    "notes": [
        "The dateline 'A policy brief, Washington, 30 June 2020' names the think tank's city, a place: "
        "excluded; 'the round of talks in Seoul' and 'Officials in Seoul' are places: excluded.",
        "'4,000 South Korean employees of U.S. Forces Korea' are workers, not agents of the South "
        "Korean state: excluded; 'U.S.' in 'U.S. Forces Korea' is kept. 'Pentagon' stands for the US "
        "state like 'the Kremlin'. 'Kim Jong Un' is named as North Korea's leader: a PRK mention.",
        "'The last cost-sharing deal ... expired on 31 December' names no actor (no pronoun or "
        "'both sides' to resolve), so no relation, but its signing and expiry are events.",
        "'the alliance has never felt so transactional' (officials in Seoul): the alliance of the "
        "paragraph (USA-KOR) judged to be strained, -1, and a claim judging the relation's level "
        "(decrease); borderline.",
        "'Kim Jong Un is testing whether the allies will stand together': 'the allies' resolved to "
        "USA-KOR, +1 hypothetical ('whether'); North Korea's testing is not marked as a relation "
        "with either; not a claim (no forward-looking statement by the authors).",
        "'Washington and Pyongyang have made no progress since the Hanoi summit' is improvement "
        "(+1) negated.",
        "The three recommendations ('should') are marked hypothetical relations but not claims "
        "(normative, not forward-looking or causal statements); 'any new offer to Pyongyang' read as "
        "US-PRK diplomacy, +1 hypothetical.",
        "'the smaller scale adopted in 2018' (the scaling-down of combined exercises) is marked as an "
        "event dated 2018; '$5 billion' demand is part of the November talks, not a separate event.",
        "'And China ... stands to gain from any rift between the allies': CHN-KOR -1 asserted "
        "(punishment over THAAD) and USA-KOR -1 hypothetical ('any rift'); the claim's metric is "
        "China's gain (increase).",
    ],
}
