"""Second annotation (blind to the first) of tests/data/text/train_14.txt."""

SPEC = {
    "document": "tests/data/text/train_14.txt",
    "licence": "the project's own text (written for evaluation; MIT like the code)",
    "date": "2020-06-26",
    "genre": "op-ed",
    "split": "second annotation (agreement, round 7)",
    "surfaces": {
        "CAN": ["Ottawa", "Canada", "Canadian", "Prime Minister Trudeau"],
        "CHN": ["China", "Chinese", "Beijing"],
        "USA": ["United States", "Washington"],
        "AUS": ["Australia"],
        "JPN": ["Japan"],
        "EU": ["European Union"],
    },
    "exclude": [("Canadian", 3)],
    "relations": [
        ("CAN", "CHN", -1, "asserted", "Eighteen months on", "has only hardened."),
        ("CAN", "USA", 1, "asserted", "The two men were detained", "of the United States."),
        ("CAN", "CHN", -1, "asserted", "Beijing has long denied", "believes it."),
        ("CAN", "CHN", -1, "asserted", "China blocked shipments", "that June."),
        ("CAN", "CHN", 1, "asserted", "Beijing lifted the meat ban", "restrictions remain."),
        ("CAN", "USA", 1, "negated", "Washington, whose extradition", "little help."),
        ("CAN", "CHN", -1, "hypothetical", "If Canada halts", "not better."),
        ("CAN", "CHN", 1, "negated", "What Ottawa can do", "the case is over."),
        ("CAN", "CHN", 1, "hypothetical", "Trade with China will grow", "the government does."),
        ("AUS", "CAN", 1, "hypothetical", "Canada should decide", "as bargaining chips."),
        ("CAN", "JPN", 1, "hypothetical", "Canada should decide", "as bargaining chips."),
        ("CAN", "EU", 1, "hypothetical", "Canada should decide", "as bargaining chips."),
    ],
    "events": [
        ("2020-06-19", "On 19 June Chinese prosecutors charged", "with espionage"),
        ("2018-12-10", "The two men were detained", "10 December 2018"),
        ("2018-12-01", "the police in Vancouver arrested", "Meng Wanzhou"),
        ("2020-05-27", "On 27 May a judge in Vancouver ruled", "could go ahead"),
        ("2019-03", "China blocked shipments", "in March 2019"),
        ("2019-06", "suspended imports of Canadian meat", "that June"),
        ("2019-11", "Beijing lifted the meat ban", "in November"),
        ("2020-06", "Former ministers urged one", "this week"),
        ("2020-06-25", "Prime Minister Trudeau refused", "on Thursday"),
        ("2016", "the exploratory free-trade talks", "of 2016"),
    ],
    "claims": [
        (
            "the author",
            "Canada halts an extradition under pressure",
            "decrease",
            "If Canada halts",
            "not better.",
        ),
        ("the author", "once the case is over", "decrease", "What Ottawa can do", "It will not."),
        ("the author", None, "decrease", "Trade with China will grow", "the government does."),
        ("the author", None, "decrease", "A firmer line will cost", "in the short run."),
        ("the author", None, "decrease", "A reputation for giving way", "far more."),
    ],
    "notes": [
        "Date: 'Eighteen months on' from the December 2018 detentions, charges 'On 19 June' (2020), the "
        "former ministers' letter 'this week' and Trudeau's refusal 'on Thursday' (25 June 2020): dated 2020-06-26.",
        "Mentions: 'every Canadian travelling abroad' is a private person (third 'Canadian'), excluded; "
        "'Canadian canola' / 'Canadian meat' are a state's goods (kept); 'Chinese prosecutors' are agents "
        "of the state (kept). 'nobody in Ottawa believes it' kept as CAN (Ottawa = the government, not a "
        "place). Vancouver is not a capital; Huawei is a company.",
        "'the police in Vancouver arrested ... at the request of the United States' marked CAN-USA +1 "
        "(extradition cooperation; Canada resolved from its police) - borderline.",
        "'nobody in Ottawa believes [Beijing's denial]' read as distrust, CAN-CHN -1 asserted - borderline.",
        "'Beijing lifted the meat ban in November; the canola restrictions remain' - one relation per pair "
        "and sentence: kept as +1 asserted (the easing is what happened), Canada resolved from the paragraph.",
        "'Washington ... has given Ottawa little help': cooperation negated (CAN-USA +1 negated).",
        "'stop pretending that the relationship will return to normal once the case is over. It will not.' "
        "marked as one two-sentence claim (direction decrease: what is expected is no improvement, "
        "condition 'once the case is over'); the relation (CAN-CHN +1 negated) on the first sentence.",
        "'Trade with China will grow more slowly than ... promised': CAN-CHN +1 hypothetical (trade "
        "growth), claim direction decrease (slower than expected). The 2016 exploratory talks marked as a 2016 event.",
        "'work with Australia, Japan and the European Union' (a recommendation, 'should') marked hypothetical "
        "+1 for Canada with each; no pairs among the three others.",
        "The last two sentences ('will cost canola farmers', 'would cost the country far more') marked as "
        "forward-looking claims of the author, direction decrease (costs); they state no actor relation.",
        "'Former ministers urged one in a letter this week' marked as an event dated to the month (2020-06); "
        "the charges against the two Michaels name no second actor (no relation).",
    ],
}
