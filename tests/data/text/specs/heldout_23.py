"""Gold spec of heldout_23 (interview, Russia/China/Japan in the Far East and the Arctic)."""

SPEC = {
    "document": "tests/data/text/heldout_23.txt",
    "licence": "the project's own text (written for evaluation; MIT like the code)",
    "date": "2019-09-10",
    "genre": "interview",
    "split": "held-out round 7 (development since round 8)",
    "surfaces": {
        "RUS": ["Russia", "Russian", "Moscow", "President Putin"],
        "JPN": ["Japan", "Japanese", "Tokyo", "Prime Minister Abe"],
        "CHN": ["China", "Chinese", "Beijing"],
        "USA": ["American"],
        "SGP": ["Singapore"],
    },
    "exclude": [("Moscow", 1), ("Japan", 1)],
    "relations": [
        ("JPN", "RUS", 1, "asserted", "Prime Minister Abe again", "to speed them up."),
        ("CHN", "RUS", 1, "asserted", "Moscow welcomes the capital", "with Beijing."),
        ("CHN", "RUS", 1, "asserted", "In July Russian and Chinese", "scrambled fighters."),
        ("JPN", "RUS", -1, "asserted", "In July Russian and Chinese", "scrambled fighters."),
        ("CHN", "JPN", -1, "asserted", "In July Russian and Chinese", "scrambled fighters."),
        ("CHN", "RUS", 1, "asserted", "Chinese troops also took part", "last September."),
        ("CHN", "RUS", 1, "asserted", "In my view this is more", "less than an alliance."),
        ("JPN", "RUS", 1, "hypothetical", "If Tokyo keeps investing", "without a treaty."),
        ("JPN", "RUS", 1, "negated", "I doubt the islands question", "though."),
        ("CHN", "RUS", 1, "hypothetical", "And if Western sanctions", "on Chinese money."),
    ],
    "events": [
        ("2019", "the forum in Vladivostok", "this year"),
        ("2018-11", "he and President Putin agreed in Singapore", "in November 2018"),
        ("2019-06", "in June, Mitsui and the Japanese", "Arctic LNG 2 project"),
        ("2019-04", "CNPC and CNOOC took twenty", "in April"),
        ("2017-12", "Yamal LNG, which shipped", "in December 2017"),
        ("2018-01", "In January 2018 Beijing published", "Arctic white paper"),
        ("2019-07", "In July Russian and Chinese bombers", "over the Sea of Japan"),
        ("2018-09", "Chinese troops also took part", "last September"),
    ],
    "claims": [
        ("the interviewee", None, "decrease", "Moscow welcomes the capital", "with Beijing."),
        ("the interviewee", None, "increase", "In my view this is more", "less than an alliance."),
        (
            "the interviewee",
            "Tokyo keeps investing in the Arctic",
            "increase",
            "If Tokyo keeps investing",
            "without a treaty.",
        ),
        (
            "the interviewee",
            "American forces stay in Japan",
            "decrease",
            "I doubt the islands question",
            "though.",
        ),
        (
            "the interviewee",
            "Western sanctions tighten",
            "increase",
            "And if Western sanctions",
            "on Chinese money.",
        ),
    ],
    "notes": [
        "'an institute in Moscow' is a place (excluded); 'the Sea of Japan' is a place name (excluded).",
        "'agreed in Singapore' is a state name used as a location, so it is kept as a mention of SGP "
        "(guidelines section 1); Singapore has no relation with anyone.",
        "'the Japanese state agency JOGMEC' is an agent of the state, so 'Japanese' is a mention; the "
        "JOGMEC sentence names no second actor (Novatek is a company), so no relation.",
        "'Chinese state banks' and 'Chinese money' (the state's capital) are kept as mentions of CHN.",
        "'Moscow welcomes the capital, but it will not share control ... with Beijing': one sentence, "
        "one pair; both halves are cooperation (+1); marked asserted (the welcoming), and kept as a "
        "forward-looking claim whose expected outcome (no sharing) is a decrease.",
        "'Japan scrambled fighters' against the joint Russian-Chinese patrol is read as a conflict "
        "(-1) of Japan with both Russia and China in that sentence.",
        "'our Vostok-2018 exercise': 'our' is the Russian interviewee's, resolved to Russia: CHN-RUS +1.",
        "'more than a strategic partnership but less than an alliance' has no named pair; resolved to "
        "the paragraph's pair (Russia-China), and kept as a claim (judgement of a relation's level).",
        "'I doubt the islands question can be solved while American forces stay in Japan': JPN-RUS "
        "+1 negated (the islands are the Japan-Russia question of the paragraph); 'while' read as "
        "'as long as', so the condition span is 'American forces stay in Japan'; no USA-JPN relation "
        "is stated (the US forces' presence is the condition, not a statement of how the two relate).",
        "The forum in Vladivostok (a question: 'this year') is marked as an event dated 2019; the "
        "recording of the interview is not an event.",
    ],
}
