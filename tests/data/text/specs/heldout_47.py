"""Gold spec of heldout_47 (testimony on North Korea's missile and nuclear programme, 2017)."""

SPEC = {
    "document": "tests/data/text/heldout_47.txt",
    "licence": "the project's own text (written for evaluation; MIT like the code)",
    "date": "2017-12-05",
    "genre": "testimony",
    "split": "held-out round 9 (development since round 10)",
    "surfaces": {
        "PRK": ["North Korea", "North Korean", "Pyongyang"],
        "USA": ["Washington", "President Trump", "American"],
        "CHN": ["China", "Beijing"],
        "RUS": ["Russia", "Moscow"],
        "JPN": ["Prime Minister Abe", "Tokyo"],
        "KOR": ["South Korea", "Seoul", "President Moon"],
        "UN": ["Security Council"],
    },
    "exclude": [],
    "relations": [
        ("PRK", "UN", -1, "asserted", "On 5 August it banned", "oil imports."),
        ("CHN", "USA", 1, "asserted", "Both votes were unanimous", "Beijing and Moscow."),
        ("RUS", "USA", 1, "asserted", "Both votes were unanimous", "Beijing and Moscow."),
        ("CHN", "RUS", 1, "asserted", "China and Russia still champion", "allied exercises."),
        ("CHN", "USA", -1, "asserted", "The administration has rejected", "both capitals."),
        ("RUS", "USA", -1, "asserted", "The administration has rejected", "both capitals."),
        ("JPN", "USA", 1, "asserted", "After a North Korean missile", "pressure on Pyongyang."),
        ("JPN", "PRK", -1, "asserted", "After a North Korean missile", "pressure on Pyongyang."),
        ("PRK", "USA", -1, "asserted", "After a North Korean missile", "pressure on Pyongyang."),
        ("KOR", "PRK", 1, "hypothetical", "President Moon took office", "deployed in September."),
        ("KOR", "USA", 1, "asserted", "President Moon took office", "deployed in September."),
        ("CHN", "KOR", -1, "asserted", "Beijing punished Seoul", "stores in China."),
        ("CHN", "KOR", 1, "asserted", "On 31 October the two capitals", "behind them."),
        ("CHN", "PRK", -1, "hypothetical", "First, if China enforces", "within a year."),
        ("PRK", "RUS", 1, "hypothetical", "Second, Russia will keep", "regime's survival."),
        ("KOR", "USA", -1, "hypothetical", "Third, loose talk", "Washington from Seoul."),
        ("JPN", "USA", 1, "hypothetical", "Finally, pressure can work", "with one voice."),
        ("KOR", "USA", 1, "hypothetical", "Finally, pressure can work", "with one voice."),
        ("JPN", "KOR", 1, "hypothetical", "Finally, pressure can work", "with one voice."),
    ],
    "events": [
        ("2017-11-29", "Last Wednesday North Korea tested the Hwasong-15", None),
        ("2017-07", "two ICBM launches in July", None),
        ("2017-09-03", "a sixth nuclear test on 3 September", None),
        ("2017-08-05", "On 5 August it banned North Korean exports", "and seafood"),
        ("2017-09-11", "on 11 September it capped Pyongyang's oil imports", None),
        ("2017-08-29", "a North Korean missile flew over Hokkaido on 29 August", None),
        ("2017-05", "President Moon took office in May", None),
        ("2017-09", "he let the remaining launchers", "deployed in September"),
        ("2017-03", "Beijing punished Seoul for that battery in March", "stores in China"),
        ("2017-10-31", "On 31 October the two capitals agreed", "behind them"),
    ],
    "claims": [
        (
            "the author",
            "China enforces the August bans in full",
            "decrease",
            "First, if China enforces",
            "within a year.",
        ),
        ("the author", None, "increase", "Second, Russia will keep", "regime's survival."),
        ("the author", None, "decrease", "Third, loose talk", "Washington from Seoul."),
        (
            "the author",
            "Washington, Tokyo and Seoul keep speaking with one voice",
            "increase",
            "Finally, pressure can work",
            "with one voice.",
        ),
    ],
    "notes": [
        "Testimony is one witness's first-person statement: every claim is held by 'the author' "
        "(as in train_16). 'Our alliances', 'Let me close' are the witness speaking as an "
        "American; pronouns are not mentions.",
        "'the Security Council' is coded UN (as 'UN': ['UN', 'Security Council'] in earlier "
        "specs). 'The Security Council has punished each step' names no second actor ('each step' "
        "is North Korea's tests of the previous paragraph, not a mention or a pronoun for an "
        "actor): no relation marked there. The next sentence ('it banned North Korean exports "
        "... it capped Pyongyang's oil imports', 'it' = the Council) is PRK-UN -1 asserted, one "
        "relation for the sentence, with two dated events (the resolutions 2371 and 2375, "
        "which the text does not number).",
        "'Washington dropped its demand for a full oil embargo to win over Beijing and Moscow': "
        "USA-CHN and USA-RUS +1 asserted (a concession to gain their votes). Being won over "
        "together is not a relation between Beijing and Moscow: no CHN-RUS in that sentence. "
        "The dropped demand is not marked as an event of its own (its only time is 'the second' "
        "vote, dated in the previous sentence).",
        "'China and Russia still champion a freeze for freeze': CHN-RUS +1 asserted (a joint "
        "proposal). 'Pyongyang would halt its tests in return for a pause in allied exercises' "
        "names no second actor ('allied' is not a state): no relation with PRK.",
        "'The administration has rejected the idea, which leaves Washington at odds with both "
        "capitals': 'both capitals' resolves to Beijing and Moscow of the paragraph: USA-CHN and "
        "USA-RUS -1 asserted. A description of the present, not a claim.",
        "'Hokkaido' is a place, not a mention of Japan; Japan is in that sentence through 'Prime "
        "Minister Abe'. The overflight is the dated event; the Abe-Trump agreement that followed "
        "it is not marked separately (its only time is 'after' the overflight). JPN-USA +1, "
        "JPN-PRK -1, PRK-USA -1 (pressure), all asserted.",
        "'President Moon took office in May hoping to reopen dialogue with Pyongyang': KOR-PRK +1 "
        "hypothetical (a hope, not a dialogue that took place). 'the American THAAD battery': "
        "'American' stands for the state's system (as 'Australian barley'), so a mention; letting "
        "it be deployed is KOR-USA +1 asserted. Two events: the inauguration (2017-05, 10 May) "
        "and the deployment of the remaining launchers (2017-09, 7 September).",
        "'group tours to South Korea', 'Lotte's stores in China': state names used as locations "
        "are mentions (guidelines); one CHN-KOR -1 for the sentence. 'the two capitals agreed to "
        "put the dispute behind them' is +1 (agreement), not -1 for 'the dispute'.",
        "'Russia will keep shielding Pyongyang': an unconditional prediction, so PRK-RUS +1 "
        "hypothetical (as 'Moscow will keep selling' in the earlier specs); claim direction "
        "increase (continued Russian protection).",
        "'loose talk of a preventive strike is the surest way to divide Washington from Seoul' is "
        "a causal judgement: claim, direction decrease; KOR-USA -1 hypothetical (a division that "
        "would follow, not one that exists). The strike's target is not named: no PRK relation.",
        "'First, if China enforces the August bans in full, Pyongyang will lose about a third of "
        "its export earnings': CHN-PRK -1 hypothetical (enforcement under 'if'); claim direction "
        "decrease (Pyongyang's earnings).",
        "'pressure can work only if Washington, Tokyo and Seoul keep speaking with one voice': the "
        "three pairs +1 hypothetical (under 'if'); claim direction increase (pressure working). "
        "The relation count (19) is one above the brief's 'about 10-18'; the three-way pairs of "
        "that sentence make it so.",
    ],
}
