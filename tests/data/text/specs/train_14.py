"""Gold spec of train_14 (an op-ed on Canada-China relations after the Meng arrest, 2020)."""

SPEC = {
    "document": "tests/data/text/train_14.txt",
    "licence": "the project's own text (written for evaluation; MIT like the code)",
    "date": "2020-06-26",
    "genre": "op-ed",
    "split": "development (written for training, round 7)",
    "surfaces": {
        "CAN": ["Canada", "Canadian", "Ottawa", "Prime Minister Trudeau"],
        "CHN": ["China", "Chinese", "Beijing"],
        "USA": ["United States", "Washington"],
        "AUS": ["Australia"],
        "JPN": ["Japan"],
        "EU": ["European Union"],
    },
    "exclude": [("Canadian", 3)],
    "relations": [
        ("CAN", "CHN", -1, "asserted", "Eighteen months on", "only hardened."),
        ("CAN", "CHN", -1, "asserted", "On 19 June Chinese prosecutors", "with espionage."),
        ("CAN", "USA", 1, "asserted", "The two men were detained", "the United States."),
        ("CAN", "CHN", -1, "asserted", "Beijing has long denied", "believes it."),
        ("CAN", "CHN", -1, "asserted", "China blocked shipments", "that June."),
        ("CAN", "CHN", 1, "asserted", "Beijing lifted the meat ban", "restrictions remain."),
        ("CAN", "CHN", -1, "asserted", "Beijing lifted the meat ban", "restrictions remain."),
        ("CAN", "USA", 1, "negated", "Washington, whose extradition", "little help."),
        ("CAN", "CHN", -1, "hypothetical", "If Canada halts", "not better."),
        ("CAN", "CHN", 1, "negated", "What Ottawa can do", "the case is over."),
        ("CAN", "CHN", 1, "hypothetical", "Trade with China will grow", "government does."),
        ("AUS", "CAN", 1, "hypothetical", "Canada should decide", "as bargaining chips."),
        ("CAN", "JPN", 1, "hypothetical", "Canada should decide", "as bargaining chips."),
        ("CAN", "EU", 1, "hypothetical", "Canada should decide", "as bargaining chips."),
    ],
    "events": [
        ("2020-06-19", "On 19 June Chinese prosecutors charged", "with espionage"),
        ("2018-12-10", "The two men were detained", "10 December 2018"),
        ("2018-12-01", "the police in Vancouver arrested", "the United States"),
        ("2020-05-27", "On 27 May a judge in Vancouver ruled", "could go ahead"),
        ("2019-03", "China blocked shipments", "in March 2019"),
        ("2019-06", "suspended imports of Canadian meat", "that June"),
        ("2019-11", "Beijing lifted the meat ban in November", None),
        ("2020-06", "Former ministers urged one", "this week"),
        ("2020-06-25", "Prime Minister Trudeau refused on Thursday", None),
        ("2016", "the exploratory free-trade talks of 2016", None),
    ],
    "claims": [
        (
            "the author",
            "Canada halts an extradition under pressure",
            "decrease",
            "If Canada halts",
            "not better.",
        ),
        ("the author", None, "decrease", "What Ottawa can do", "It will not."),
        ("the author", None, "decrease", "Trade with China will grow", "government does."),
        ("the author", None, "decrease", "A firmer line will cost", "far more."),
    ],
    "notes": [
        "'On 19 June Chinese prosecutors charged Michael Kovrig and Michael Spavor with espionage': "
        "the sentence names only China; the pair CAN-CHN is resolved from the paragraph (the "
        "quarrel between Canada and China), as the guidelines resolve 'bilateral relations'.",
        "'The two men were detained ..., nine days after the police in Vancouver arrested ... at the "
        "request of the United States': the arrest at a US request is read as CAN-USA cooperation "
        "(+1). The detention is passive with no agent named, so no CAN-CHN relation is marked there.",
        "'Chinese prosecutors' are agents of the state (mention of CHN); 'every Canadian travelling "
        "abroad' is people, not the state (excluded); 'Canadian canola/meat' are the state's goods "
        "(mentions, as 'Australian barley').",
        "'Beijing has long denied that the cases are linked, and nobody in Ottawa believes it' is marked "
        "-1 (stated distrust between the two governments).",
        "'Beijing lifted the meat ban in November; the canola restrictions remain': one sentence "
        "stating an easing (+1) and a standing trade restriction (-1); both signs are marked.",
        "'has given Ottawa little help' is read as help negated: +1, modality negated.",
        "'stop pretending that the relationship will return to normal': +1 negated (the author says "
        "it will not). The relation is marked on that sentence only; the following 'It will not.' "
        "repeats it and is joined to it in the claim span, not marked as a second relation.",
        "'Trade with China will grow more slowly ...': trade is a +1 relation stated as a forecast "
        "(hypothetical); its slower growth is carried by the claim's direction (decrease).",
        "'Canada should decide ... and work with Australia, Japan and the European Union': the "
        "recommendation is hypothetical +1 for each of the three pairs with Canada.",
        "'Prime Minister Trudeau refused on Thursday' (the swap) is an event (2020-06-25, the "
        "Thursday before the document date) but not a relation: no counterpart actor is named.",
        "'A firmer line will cost canola farmers ... A reputation for giving way would cost the "
        "country far more': two joined sentences, a causal forecast of costs (direction decrease).",
    ],
}
