"""Second annotation (blind to the first) of tests/data/text/heldout_07.txt."""

SPEC = {
    "document": "tests/data/text/heldout_07.txt",
    "licence": "the project's own text (written for evaluation; MIT like the code)",
    "date": "2020-02-01",
    "genre": "assessment",
    "split": "second annotation (agreement, round 7)",
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
    "exclude": [("Tehran", 3), ("Oman", 2), ("Moscow", 2), ("Iranian", 4)],
    "relations": [
        ("IRN", "USA", -1, "asserted", "Relations between Washington", "in four decades."),
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
        ("IRN", "RUS", 1, "negated", "Yet neither Moscow nor Beijing", "analysts in Moscow say."),
        ("CHN", "IRN", 1, "negated", "Yet neither Moscow nor Beijing", "analysts in Moscow say."),
        ("CHN", "IRN", 1, "hypothetical", "If the sanctions stay", "trade with Beijing."),
        ("IRN", "SAU", 1, "hypothetical", "A senior Gulf official", "escalate again."),
        ("IRN", "SAU", -1, "hypothetical", "We are less hopeful", "next five years."),
    ],
    "events": [
        ("2018-05", "the United States left the nuclear deal", "in May 2018"),
        ("2018-05", "Iran's oil, banks and shipping", "hit by sanctions"),
        ("2020-01-03", "On 3 January 2020 General Qassem Soleimani", "drone strike in Iraq"),
        ("2020-01-08", "five days later, Iranian missiles struck", "Ain al-Asad base"),
        ("2019-09", "the attack on the Abqaiq oil facilities", "in September 2019"),
        ("2019-07", "quietly sent coast guard officials", "in July 2019"),
        ("2017-06", "the blockade of June 2017", None),
        ("2019-12", "their navies joined Iranian ships", "in December 2019"),
    ],
    "claims": [
        (
            "analysts in Moscow",
            "in a war",
            "decrease",
            "Yet neither Moscow nor Beijing",
            "analysts in Moscow say.",
        ),
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
    "notes": [
        "Date: no header date; the latest events are the Soleimani strike (3 January 2020) and the "
        "missile strike five days later, and 'through 2020' is still ahead: dated 2020-02-01 (every "
        "event in the text carries its own year, so the choice does not move any date).",
        "Mentions: 'sent coast guard officials to Tehran' (third 'Tehran') and 'analysts in Moscow' "
        "(second 'Moscow') are places, excluded; 'the Gulf of Oman' is a place named after a state "
        "(second 'Oman'), excluded; 'Iranian economists' are not agents of the state (fourth "
        "'Iranian'), excluded. 'in Iraq' kept (a state name as a location). 'the Islamic Republic' "
        "counted as IRN; 'Saudi-Iranian détente' gives SAU and IRN. 'The Gulf monarchies' and 'A "
        "senior Gulf official' name no actor; General Soleimani is not counted as a surface.",
        "'Relations between Washington and Tehran are at their worst in four decades' marked as a "
        "relation (-1) but not as a claim: a description of the present state by the author, not an "
        "expert's forward-looking or causal statement - borderline.",
        "'Both sides then stepped back, but their confrontation continues by other means': one relation "
        "per pair and sentence, kept as -1 (the continuing confrontation), not the de-escalation.",
        "Soleimani strike / Ain al-Asad sentence: only IRN-USA; no IRQ relation is stated.",
        "'Oman and Qatar keep their channels to the Islamic Republic open' read as cooperation "
        "(OMN-IRN, QAT-IRN +1).",
        "Russia-China-Iran drills: all three pairs +1 (drills together), CHN-RUS included.",
        "'neither Moscow nor Beijing is likely to defend Tehran in a war, analysts in Moscow say': "
        "RUS-IRN and CHN-IRN +1 negated; claim direction decrease (no defence expected); 'in a war' "
        "taken as the condition ('in the event of' a war) - borderline.",
        "The sanctions in the if-clause of the Iranian economists' claim are not marked as a separate "
        "US-Iran relation. 'a Saudi-Iranian détente is not impossible' = possible: +1 hypothetical, "
        "claim increase.",
        "Events: the US exit from the nuclear deal and the sanctions that followed it ('Since ... May "
        "2018') marked separately, both 2018-05; 'five days later' = 2020-01-08; the Qatar blockade "
        "2017-06. The Iranian denial is a statement, not an event.",
    ],
}
