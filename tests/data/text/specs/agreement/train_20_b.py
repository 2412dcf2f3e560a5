"""Second annotation (blind to the first) of tests/data/text/train_20.txt."""

SPEC = {
    "document": "tests/data/text/train_20.txt",
    "licence": "the project's own text (written for evaluation; MIT like the code)",
    "date": "2019-12-27",
    "genre": "news analysis",
    "split": "second annotation (agreement, round 7)",
    "surfaces": {
        "JPN": ["Prime Minister Abe", "Tokyo", "Japan", "Japanese"],
        "KOR": ["President Moon", "South Korea", "Seoul"],
        "CHN": ["China", "Beijing"],
        "USA": ["Washington", "United States", "American"],
        "PRK": ["North Korean"],
        "WTO": ["WTO"],
    },
    "exclude": [("Tokyo", 2)],
    "relations": [
        (
            "JPN",
            "KOR",
            1,
            "asserted",
            "Prime Minister Abe and President Moon",
            "in fifteen months.",
        ),
        (
            "CHN",
            "JPN",
            1,
            "asserted",
            "Prime Minister Abe and President Moon",
            "in fifteen months.",
        ),
        (
            "CHN",
            "KOR",
            1,
            "asserted",
            "Prime Minister Abe and President Moon",
            "in fifteen months.",
        ),
        ("JPN", "KOR", 1, "negated", "They agreed on nothing", "of substance."),
        ("JPN", "KOR", -1, "asserted", "The quarrel began", "in a courtroom."),
        ("JPN", "KOR", -1, "asserted", "On 30 October 2018", "all such claims."),
        ("JPN", "KOR", -1, "asserted", "In July Japan tightened", "trading partners."),
        ("JPN", "KOR", -1, "asserted", "Seoul retaliated in kind", "in September."),
        ("KOR", "USA", -1, "asserted", "That last step alarmed", "Washington."),
        ("JPN", "USA", 1, "asserted", "The United States is allied", "North Korean missiles."),
        ("KOR", "USA", 1, "asserted", "The United States is allied", "North Korean missiles."),
        ("KOR", "USA", -1, "asserted", "American pressure, more than", "before it expired."),
        ("JPN", "KOR", 1, "asserted", "American pressure, more than", "before it expired."),
        ("JPN", "KOR", -1, "asserted", "Beijing, for its part", "China complains of."),
        ("CHN", "USA", -1, "asserted", "Beijing, for its part", "China complains of."),
        ("JPN", "KOR", 1, "asserted", "The export-control dialogue", "is a start."),
        ("JPN", "KOR", 1, "negated", "But as long as the two governments", "will not hold."),
        ("JPN", "KOR", 1, "hypothetical", "If Japan restores", "for good."),
        ("JPN", "KOR", -1, "hypothetical", "If it does not, a court", "fight in 2020."),
    ],
    "events": [
        ("2019-12-24", "Prime Minister Abe and President Moon sat down", "on 24 December"),
        ("2018-10-30", "On 30 October 2018 South Korea's Supreme Court", "during the war"),
        ("1965", "the 1965 treaty", None),
        ("2019-07", "In July Japan tightened controls", "cannot do without"),
        ("2019-08-02", "on 2 August it struck South Korea", "trusted trading partners"),
        (None, "Seoul retaliated in kind", None),
        ("2019-08-22", "announced on 22 August", "with Japan lapse"),
        ("2019-09", "took the dispute to the WTO", "in September"),
        ("2019-11-22", "pushed Seoul to suspend its withdrawal", "on 22 November"),
        ("2019-12-16", "The export-control dialogue that resumed", "on 16 December"),
    ],
    "claims": [
        ("the author", None, "increase", "American pressure, more than", "before it expired."),
        ("the author", None, "decrease", "Beijing, for its part", "China complains of."),
        (
            "the author",
            "as long as the two governments treat history and trade as one file",
            "decrease",
            "But as long as the two governments",
            "will not hold.",
        ),
        (
            "the author",
            "Japan restores South Korea's trade status",
            "increase",
            "If Japan restores",
            "for good.",
        ),
        ("the author", "If it does not", "decrease", "If it does not, a court", "fight in 2020."),
    ],
    "notes": [
        "Date: 'Tuesday's meeting in Chengdu' on 24 December (2019, a Tuesday) and later events of "
        "December 2019: dated 2019-12-27; 'In July', '2 August', '22 August', 'in September', "
        "'22 November', '16 December' normalised to 2019.",
        "Mentions: 'resumed in Tokyo' is a place (excluded); 'Koreans forced to work' (people) and "
        "'Korean chipmakers' (firms) are not KOR mentions; 'North Korean missiles' is PRK (a state's "
        "weapons); 'seized Japanese corporate assets' kept as JPN (national property at stake in the "
        "state dispute, like 'Australian barley') - borderline. 'the WTO' counted as an organisation "
        "mention (WTO). Chengdu is a place; Nippon Steel a company.",
        "Chengdu sentence: Abe-Moon talks JPN-KOR +1; the 'trilateral summit hosted by China' also read "
        "as CHN-JPN and CHN-KOR +1 (a summit together) - borderline.",
        "'They smiled for the cameras' not marked (appearance, not a relation); 'They agreed on nothing of "
        "substance' = agreement negated, JPN-KOR +1 negated.",
        "'The quarrel began in a courtroom' - 'the quarrel' resolved to the JPN-KOR pair, -1 asserted.",
        "'Seoul retaliated in kind, ... took the dispute to the WTO' - no KOR-WTO relation (WTO is the "
        "forum). 'Seoul retaliated in kind' marked as an undated single event (null).",
        "'That last step alarmed Washington' read as KOR-USA -1 (US concern at Seoul's step) - borderline.",
        "'The United States is allied with both countries' gives USA-JPN and USA-KOR +1; 'needs them to "
        "share' is not marked as a JPN-KOR relation; the PRK missile threat is not stated as a relation.",
        "'American pressure ... pushed Seoul to suspend its withdrawal from the pact': KOR-USA -1 "
        "(pressure) and JPN-KOR +1 (the pact kept); a causal claim of the author, direction increase.",
        "'Beijing ... watched the feud with quiet satisfaction: every quarrel between Washington's allies "
        "weakens the alliance network that China complains of': JPN-KOR -1 (the feud), CHN-USA -1 "
        "(China's complaint about the US alliance network), and a causal claim (decrease).",
        "'the 1965 treaty' marked as an event (a treaty, dated 1965) - borderline, it is only referred to.",
        "The last sentence's condition 'If it does not' (Japan not restoring the trade status); 'in 2020' "
        "is a future date, not an event.",
    ],
}
